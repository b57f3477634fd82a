"""The metric registry: one entry per metric, and everything reads it (issue 12 item 1)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import satisfy
from satisfy import planning
from satisfy._definition import METHODS, PAIRED_METHODS, TARGET_METHODS, TWO_SAMPLE_METHODS
from satisfy._simulation import coverage, type_one_error
from satisfy.errors import OptionError, SatisfyError, ScaleError

CALCULATORS = {
    "nps": satisfy.nps,
    "csat": satisfy.csat,
    "top_box": satisfy.top_box,
    "bottom_box": satisfy.bottom_box,
    "ces": satisfy.ces,
    "mean_score": satisfy.mean_score,
    "pomp_mean": satisfy.pomp_mean,
}
ANSWERS = {"NPS": [10, 9, 9, 8, 7, 6, 3, 0, 10], "CSAT5": [5, 4, 4, 3, 1, 2, 5], "CES7": [7, 6, 2]}


def _answers(entry: satisfy.MetricEntry) -> list[int]:
    return ANSWERS[entry.default_scale.name]


def test_the_registry_is_read_only_and_holds_every_calculator():
    assert set(CALCULATORS) | {"threshold_share"} <= set(satisfy.METRICS)
    with pytest.raises(TypeError):
        satisfy.METRICS["mine"] = satisfy.METRICS["nps"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        satisfy.METRICS["nps"].label = "other"  # type: ignore[misc]
    assert "MetricEntry('nps': NPS, nps in points" in repr(satisfy.METRICS["nps"])


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_each_calculator_is_calculate_with_its_name(name):
    entry = satisfy.METRICS[name]
    answers = _answers(entry)
    named = CALCULATORS[name](answers)
    generic = satisfy.calculate(answers, name)
    assert named.value == generic.value
    assert named.definition == generic.definition == entry.definition()
    assert generic.definition.metric == name
    assert generic.definition.name == entry.label
    assert generic.confidence_interval().method == entry.default_interval_method


def test_threshold_share_needs_its_threshold():
    assert satisfy.calculate([5, 4, 1], "threshold_share", threshold=4).value == pytest.approx(
        200 / 3
    )
    with pytest.raises(SatisfyError, match=r"needs threshold="):
        satisfy.calculate([5, 4, 1], "threshold_share")


def test_method_lists_come_from_the_kind():
    for entry in satisfy.METRICS.values():
        assert entry.interval_methods == METHODS[entry.kind]
        assert entry.two_sample_methods == TWO_SAMPLE_METHODS[entry.kind]
        assert entry.target_methods == TARGET_METHODS[entry.kind]
        assert entry.paired_methods == PAIRED_METHODS[entry.kind]


def test_unknown_names_and_options_are_option_errors():
    with pytest.raises(OptionError, match=r"^metric='nope' is not accepted; choose one of 'nps'"):
        satisfy.calculate([5], "nope")
    with pytest.raises(OptionError, match=r"^top=2 is not accepted; the metric 'csat' takes boxes"):
        satisfy.calculate([5], "csat", top=2)
    with pytest.raises(OptionError, match=r"^boxes=5 is not accepted"):
        satisfy.calculate([5], "csat", boxes=5)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: satisfy.CSAT("sat", boxes=0), "boxes"),
        (lambda: satisfy.TopBox("sat", boxes=9), "boxes"),
        (lambda: satisfy.BottomBox("sat", boxes=1.5), "boxes"),
        (lambda: satisfy.Threshold("sat", threshold=9), "threshold"),
        (lambda: satisfy.Threshold("sat", inclusive="yes"), "inclusive"),
        (lambda: satisfy.NPS("ltr", promoters=(9, 11)), "promoters"),
        (lambda: satisfy.Metric("sat", "top_box", boxes=0), "boxes"),
        (lambda: satisfy.Metric("sat", "top_box", top=2), "top"),
        (lambda: satisfy.Metric("sat", "no_such_metric"), "metric"),
    ],
)
def test_spec_options_are_checked_by_the_registry_named_as_spelled(make, name):
    with pytest.raises(OptionError) as info:
        make()
    assert info.value.name == name


def test_specs_get_their_definition_from_the_registry():
    pairs = [
        (satisfy.NPS("ltr"), satisfy.METRICS["nps"].definition()),
        (satisfy.CSAT("sat", boxes=1), satisfy.METRICS["csat"].definition(boxes=1)),
        (satisfy.TopBox("sat", boxes=2), satisfy.METRICS["top_box"].definition(boxes=2)),
        (satisfy.BottomBox("sat"), satisfy.METRICS["bottom_box"].definition()),
        (
            satisfy.Threshold("sat", threshold=3, inclusive=False),
            satisfy.METRICS["threshold_share"].definition(threshold=3, inclusive=False),
        ),
        (satisfy.CES("e"), satisfy.METRICS["ces"].definition()),
        (satisfy.Mean("r", scale="ACSI10"), satisfy.METRICS["mean_score"].definition("ACSI10")),
        (satisfy.POMP("r"), satisfy.METRICS["pomp_mean"].definition()),
        (satisfy.Metric("sat", "top_box", boxes=2), satisfy.METRICS["top_box"].definition(boxes=2)),
    ]
    for spec, definition in pairs:
        assert spec.definition() == definition


def test_the_generic_spec_summarizes_like_its_calculator():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"sat": [5, 4, 4, 3, 1, 2, 5, 5], "g": list("aabbaabb")})
    spec = satisfy.Metric("sat", "bottom_box", boxes=2, name="unhappy")
    out = satisfy.summarize(frame, spec, by="g")
    expected = satisfy.bottom_box(frame["sat"].to_numpy(), boxes=2, by=frame["g"].to_numpy())
    assert out["metric"].tolist() == ["unhappy", "unhappy"]
    np.testing.assert_allclose(out["value"], expected.value)
    assert pickle.loads(pickle.dumps(spec)) == spec


def test_a_calculator_given_as_compare_paired_metric_names_the_registry_name():
    with pytest.raises(OptionError, match=r"use metric='csat'"):
        satisfy.compare_paired([5, 4], [5, 5], metric=satisfy.csat)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [*CALCULATORS, "threshold_share"])
def test_compare_paired_takes_every_registry_name_with_its_defaults(name):
    entry = satisfy.METRICS[name]
    before = _answers(entry)
    after = list(reversed(before))
    options = {"threshold": 4} if name == "threshold_share" else {}
    c = satisfy.compare_paired(before, after, metric=name, **options)
    assert c.method == entry.paired_methods[0]
    d = entry.definition(**options).coefficients
    codes = entry.default_scale.encode
    assert c.difference == pytest.approx(float(np.mean(d[codes(after)] - d[codes(before)])))


def test_a_frame_spec_given_as_a_scale_says_so():
    for wrong in (satisfy.NPS, satisfy.NPS("ltr")):
        with pytest.raises(ScaleError, match=r"frame spec.*satisfy.scales.NPS or the preset's"):
            satisfy.nps([9, 10], scale=wrong)  # type: ignore[arg-type]
    with pytest.raises(ScaleError, match=r"frame spec.*satisfy.scales.CSAT5"):
        satisfy.csat([5], scale=satisfy.CSAT)  # type: ignore[arg-type]


def test_planning_names_its_metrics_from_the_registry():
    for name in satisfy.METRICS:
        assert planning._kind(name) == satisfy.METRICS[name].kind
    assert planning._kind("share") == "share" and planning._kind("mean") == "mean"
    assert satisfy.sample_size("pomp_mean", margin=5, expected=20).n == 62
    with pytest.raises(OptionError, match=r"^metric='nope'"):
        satisfy.sample_size("nope", margin=5)


def test_simulations_take_registry_names():
    p = np.full(5, 0.2)
    r = coverage("top_box", "wilson", 50, p, replicates=50, rng=1)
    assert r.true_value == pytest.approx(20.0)
    t = type_one_error("bottom_box", "newcombe", 50, p, replicates=50, rng=1)
    assert 0 <= t.rate <= 1
    with pytest.raises(OptionError, match=r"^method='t'"):
        coverage("csat", "t", 50, p, replicates=5)


def test_a_plan_names_its_metric_and_categories_as_the_registry_does():
    """A plan printed "NET_SATISFACTION" and spoke of promoters for net satisfaction."""
    plan = satisfy.sample_size("net_satisfaction", margin=5)
    assert plan.metric == "net satisfaction"
    assert "50% satisfied and 50% dissatisfied" in plan.assumption
    assert satisfy.sample_size("nps", margin=5).metric == "NPS"
    assert satisfy.sample_size("csat", margin=5).metric == "CSAT"
    assert satisfy.sample_size("share", margin=5).metric == "share"
    diff = satisfy.sample_size_difference("net_satisfaction", difference=10, expected=(40, 20))
    assert "40% satisfied and 20% dissatisfied" in diff.assumption
