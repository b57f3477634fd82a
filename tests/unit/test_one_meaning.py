"""Issue 12 polish: one meaning per name, one helpful error per clash.

A metric string any result carries is accepted wherever a metric is taken; a frame spec
given as a scale gets the same helpful error at every entry point; planning checks its
scale for every kind; options are keyword-only."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import satisfy
from satisfy.errors import OptionError, ScaleError
from satisfy.tally import Tally

X = [1, 2, 3, 4, 5, 5, 4, 2]


# --- a frame spec given as a scale (item 4) ------------------------------------------------

SPEC_AS_SCALE = {
    "Tally.from_scores": lambda s: Tally.from_scores(X, scale=s),
    "convert": lambda s: satisfy.convert(X, s, "CSAT5"),
    "compare_paired": lambda s: satisfy.compare_paired(X, X[::-1], metric="csat", scale=s),
    "power": lambda s: satisfy.power("nps", n=100, difference=10, scale=s),
    "sample_size": lambda s: satisfy.sample_size("mean", margin=0.1, scale=s),
    "spec": lambda s: satisfy.NPS("x", scale=s),
    "calculator": lambda s: satisfy.nps(X, scale=s),
    "calculate": lambda s: satisfy.calculate(X, "nps", scale=s),
}


@pytest.mark.parametrize("entry", sorted(SPEC_AS_SCALE))
@pytest.mark.parametrize("spec", [satisfy.NPS, satisfy.NPS("x")], ids=["class", "instance"])
def test_a_frame_spec_as_a_scale_says_so_everywhere(entry: str, spec: object) -> None:
    with pytest.raises(ScaleError, match=r"is a frame spec .* satisfy\.scales\.NPS"):
        SPEC_AS_SCALE[entry](spec)


def test_as_scale_names_the_preset_of_a_spec() -> None:
    with pytest.raises(ScaleError, match=r"source=satisfy\.CSAT is a frame spec.*'CSAT5'"):
        satisfy.scales.as_scale(satisfy.CSAT, what="source")


# --- planning checks its scale (item 3) ----------------------------------------------------

PLANS = {
    "sample_size": lambda m, s: satisfy.sample_size(m, margin=5, scale=s),
    "sample_size_difference": lambda m, s: satisfy.sample_size_difference(
        m, difference=10, scale=s
    ),
    "power": lambda m, s: satisfy.power(m, n=200, difference=10, scale=s),
}


@pytest.mark.parametrize("plan", sorted(PLANS))
@pytest.mark.parametrize("metric", ["nps", "csat", "share", "net_satisfaction", "mean", "ces"])
@pytest.mark.parametrize("bad", [42, "bogus", satisfy.NPS])
def test_planning_refuses_what_is_not_a_scale(plan: str, metric: str, bad: object) -> None:
    with pytest.raises(ScaleError, match="scale"):
        PLANS[plan](metric, bad)


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_planning_refuses_a_scale_the_metric_is_not_defined_on(plan: str) -> None:
    # NPS's detractors 0-6 and promoters 9-10 are not points of CSAT5
    with pytest.raises(OptionError, match=r"scale='CSAT5'.*NPS"):
        PLANS[plan]("nps", "CSAT5")


@pytest.mark.parametrize("plan", sorted(PLANS))
@pytest.mark.parametrize(
    ("metric", "scale"),
    [
        ("nps", "NPS"),
        ("csat", "CSAT5"),
        ("csat", satisfy.scales.LIKERT7),
        ("net_satisfaction", "NPS"),
    ],
)
def test_planning_accepts_a_scale_that_fits(plan: str, metric: str, scale: object) -> None:
    assert PLANS[plan](metric, scale) == PLANS[plan](metric, None)


def test_net_satisfaction_plan_names_its_own_categories() -> None:
    plan = satisfy.sample_size("net_satisfaction", margin=5)
    assert "satisfied" in plan.assumption and "promoters" not in plan.assumption
    with pytest.raises(OptionError, match="satisfied %, dissatisfied %"):
        satisfy.sample_size("net_satisfaction", margin=5, expected=50)


# --- a result's metric names its metric wherever one is taken (item 2) ----------------------

OPTIONS = {"threshold_share": {"threshold": 4}}


@pytest.mark.parametrize("name", list(satisfy.METRICS))
def test_a_results_metric_is_accepted_where_a_metric_is_taken(name: str) -> None:
    entry = satisfy.METRICS[name]
    scale = entry.default_scale
    a = np.resize(scale.points, 40)
    b = np.roll(a, 3)
    e = satisfy.calculate(a, name, **OPTIONS.get(name, {}))
    assert e.definition.metric == name
    for spelled in (e.metric, e.metric.upper(), e.metric.lower(), name.replace("_", "-")):
        assert satisfy._registry.get(spelled) is entry
        c = satisfy.compare_paired(a, b, metric=spelled, **OPTIONS.get(name, {}))
        assert c.to_dict()["metric"] == e.metric
        assert satisfy.compare_paired(a, b, metric=c.to_dict()["metric"], **OPTIONS.get(name, {}))
    plan = satisfy.sample_size(e.metric, margin=5, expected=None if entry.kind != "mean" else 1)
    assert plan == satisfy.sample_size(name, margin=5, expected=None if entry.kind != "mean" else 1)
    assert plan.metric == entry.label


def test_compare_paired_takes_the_metric_of_a_csat_estimate() -> None:
    a, b = [5, 4, 3, 5, 2, 4], [4, 4, 5, 5, 3, 2]
    e = satisfy.csat(a)
    assert e.metric == "CSAT"
    got = satisfy.compare_paired(a, b, metric=e.metric)
    assert got.to_dict() == satisfy.compare_paired(a, b, metric="csat").to_dict()


def test_an_unknown_metric_still_lists_the_registry() -> None:
    with pytest.raises(OptionError, match="net_satisfaction"):
        satisfy.sample_size("top boxes", margin=5)


# --- options are keyword-only (item 5) ---------------------------------------------------

#: The data each public function takes positionally; everything else is keyword-only.
POSITIONAL = {
    "calculate": ["data", "metric"],
    "calibrate": ["data", "totals"],
    "compare": ["a", "b"],
    "compare_paired": ["before", "after"],
    "convert": ["values", "source", "target"],
    "drivers": ["outcome", "items"],
    "gap": ["perceived", "expected"],
    "nonresponse_adjust": ["weights", "responded", "classes"],
    "poststratify": ["data", "population"],
    "rake": ["data", "margins"],
    "response_rates": ["invited", "responded"],
    "summarize": ["frame", "specs"],
    "tally_frame": ["frame", "column"],
    "threshold_share": ["data", "threshold"],
    "trend": ["frame", "spec"],
}


def test_public_functions_take_only_their_data_positionally() -> None:
    for name in satisfy.__all__:
        obj = getattr(satisfy, name)
        if inspect.isclass(obj) or not callable(obj):
            continue
        params = inspect.signature(obj).parameters.values()
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional == POSITIONAL.get(name, positional[:1]), name


def test_index_item_weights_are_keyword_only() -> None:
    items = {"a": [1, 2, 3], "b": [3, 4, 5]}
    with pytest.raises(TypeError):
        satisfy.index(items, {"a": 1.0, "b": 2.0}, scale="CSAT5")  # type: ignore[misc]
    got = satisfy.index(items, item_weights={"a": 1.0, "b": 2.0}, scale="CSAT5")
    assert got.item_weights is not None


# --- trend takes nan_policy as summarize does (item 7) ----------------------------------


def test_trend_nan_policy_as_summarize() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "ltr": [10, 9, np.nan, 3, 8],
            "t": pd.to_datetime(
                ["2026-01-03", "2026-01-05", "2026-02-01", "2026-02-03", "2026-03-01"]
            ),
        }
    )
    spec = satisfy.NPS("ltr")
    omitted = satisfy.trend(frame, spec, time="t", nan_policy="omit")
    assert omitted["n"].tolist() == [2, 1, 1]
    assert omitted.equals(satisfy.trend(frame, spec, time="t"))
    with pytest.raises(satisfy.MissingScoreError, match=r"'ltr'.*position 2"):
        satisfy.trend(frame, spec, time="t", nan_policy="raise")
    with pytest.raises(satisfy.MissingScoreError, match="'ltr'"):
        satisfy.summarize(frame, spec, nan_policy="raise")
    with pytest.raises(OptionError, match="nan_policy"):
        satisfy.trend(frame, spec, time="t", nan_policy="bogus")  # type: ignore[arg-type]
