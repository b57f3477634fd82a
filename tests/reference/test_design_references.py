"""Design-based (ultimate-cluster) variance against R's survey package.

Source: R 4.2.2 with survey 4.1.1 (Lumley), run by ``tests/reference/r/design_core.R``,
which draws the answers (``data/design_core_data.csv``: 15 clusters of 1 to 5 answers in
3 strata, weights, two segments, 3 missing scores) and writes ``data/design_core.csv``:
``svymean`` (value, SE, deff), ``degf``, ``svyby`` domains, ``svycontrast`` of promoter
and detractor means for NPS, and ``svyciprop`` "beta" and "logit" intervals, for designs
with clusters, strata, fpc (population counts and fractions), strata without clusters,
weights only, and a lonely PSU under each of R's ``survey.lonely.psu`` options.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import satisfy

DATA = Path(__file__).parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        first = f.readline()
        assert first.startswith("# R version"), first  # the versions line
        return list(csv.DictReader(f))


ANSWERS = _read("design_core_data.csv")
REFERENCE = _read("design_core.csv")


def _column(name: str) -> list[Any]:
    return [row[name] for row in ANSWERS]


SCORES = [float(s) if s else None for s in _column("score")]
WEIGHTS = np.array([float(w) for w in _column("w")])
SEGMENTS = _column("segment")
DESIGNS: dict[str, dict[str, Any]] = {
    "clusters": {"cluster": _column("cid")},
    "strata_clusters_fpc": {
        "cluster": _column("cid"),
        "strata": _column("stratum"),
        "fpc": [float(x) for x in _column("N")],
    },
    "strata_clusters_fraction": {
        "cluster": _column("cid"),
        "strata": _column("stratum"),
        "fpc": [float(x) for x in _column("frac")],
    },
    "strata_only": {"strata": _column("stratum")},
    "strata_only_fpc": {
        "strata": _column("stratum"),
        "fpc": [float(x) for x in _column("N_answers")],
    },
    # weights only, as a design: one stratum, each answer its own PSU (fpc of infinity)
    "no_design": {"fpc": [np.inf] * len(SCORES)},
    "lonely": {"cluster": _column("cid"), "strata": _column("lonely")},
}
METRICS = {
    "nps": lambda t: satisfy.nps(t),
    "share": lambda t: satisfy.threshold_share(t, threshold=9),
    "mean": lambda t: satisfy.mean_score(t),
}


def _estimate(row: dict[str, str]) -> satisfy.Estimate:
    design = DESIGNS[row["design"]]
    lonely = row["lonely_psu"]
    if row["domain"] == "all":
        tally = satisfy.Tally.from_scores(
            SCORES, scale="NPS", weights=WEIGHTS, lonely_psu=lonely, **design
        )
    else:
        grouped = satisfy.GroupedTally.from_scores(
            SCORES, by=SEGMENTS, scale="NPS", weights=WEIGHTS, lonely_psu=lonely, **design
        )
        tally = grouped[row["domain"].removeprefix("svyby:")]
    return METRICS[row["metric"]](tally)


def _label(row: dict[str, str]) -> str:
    return f"{row['design']}-{row['lonely_psu']}-{row['metric']}-{row['domain']}"


@pytest.mark.parametrize("row", REFERENCE, ids=_label)
def test_value_and_standard_error_as_r_survey(row: dict[str, str]) -> None:
    e = _estimate(row)
    assert e.value == pytest.approx(float(row["value"]), abs=1e-9)
    assert e.se == pytest.approx(float(row["se"]), abs=1e-6)
    if row["contrast_se"]:  # NPS: svycontrast(promoters - detractors) * 100
        assert e.value == pytest.approx(float(row["contrast_value"]), abs=1e-9)
        assert e.se == pytest.approx(float(row["contrast_se"]), abs=1e-6)


@pytest.mark.parametrize("row", [r for r in REFERENCE if r["deff"]], ids=_label)
def test_design_effect_and_degrees_of_freedom_as_r_survey(row: dict[str, str]) -> None:
    e = _estimate(row)
    assert e.design_effect == pytest.approx(float(row["deff"]), abs=1e-6)
    assert e.df == int(row["df"])


@pytest.mark.parametrize("row", [r for r in REFERENCE if r["beta_low"]], ids=_label)
def test_share_intervals_as_r_svyciprop(row: dict[str, str]) -> None:
    """svyciprop(method="beta") is Korn and Graubard's interval, "logit" the logit one,
    both with the design's degrees of freedom (of the domain's subset for a segment)."""
    e = _estimate(row)
    kg = e.confidence_interval(method="korn-graubard")
    assert kg.low == pytest.approx(float(row["beta_low"]), abs=1e-6)
    assert kg.high == pytest.approx(float(row["beta_high"]), abs=1e-6)
    logit = e.confidence_interval(method="logit")
    assert logit.low == pytest.approx(float(row["logit_low"]), abs=1e-6)
    assert logit.high == pytest.approx(float(row["logit_high"]), abs=1e-6)


@pytest.mark.parametrize(
    "name", ["clusters", "strata_clusters_fpc", "strata_only", "lonely"], ids=str
)
def test_grouped_estimates_are_svyby_domains(name: str) -> None:
    """All the domains at once (vectorised over groups) equal R's svyby."""
    design = DESIGNS[name]
    lonely = "adjust" if name == "lonely" else "fail"
    rows = [
        r
        for r in REFERENCE
        if r["design"] == name and r["domain"].startswith("svyby:") and r["lonely_psu"] == lonely
    ]
    assert rows
    grouped = satisfy.GroupedTally.from_scores(
        SCORES, by=SEGMENTS, scale="NPS", weights=WEIGHTS, lonely_psu=lonely, **design
    )
    for row in rows:
        g = METRICS[row["metric"]](grouped)
        i = g.groups.index(row["domain"].removeprefix("svyby:"))
        assert g.value[i] == pytest.approx(float(row["value"]), abs=1e-9)
        assert g.se[i] == pytest.approx(float(row["se"]), abs=1e-6)


# -- a second, larger reference: the sample of tests/reference/r/survey_design.R ---------------
# (R 4.2.2, survey 4.1.1; 244 answers, 37 clusters in 3 strata, a weight of 400 among weights
# near 35, 5 missing CSAT answers; designs D2 ids=~cluster, D3 + strata + fpc, D4 strata
# only, D5 = D3 without fpc.)

with (DATA / "design_sample.csv").open(encoding="utf-8") as _f:
    SAMPLE = list(csv.DictReader(_f))
with (DATA / "design_reference.json").open(encoding="utf-8") as _f:
    CASES = json.load(_f)["cases"]


def _sample(name: str) -> list[str]:
    return [row[name] for row in SAMPLE]


SAMPLE_DESIGNS: dict[str, dict[str, Any]] = {
    "D2": {"cluster": _sample("cluster")},
    "D3": {
        "cluster": _sample("cluster"),
        "strata": _sample("stratum"),
        "fpc": [float(x) for x in _sample("fpc")],
    },
    "D4": {"strata": _sample("stratum")},
    "D5": {"cluster": _sample("cluster"), "strata": _sample("stratum")},
}
SAMPLE_METRICS: dict[str, tuple[str, Any, float]] = {
    # name in the JSON: (column, calculator, factor from R's unit to satisfy's)
    "nps_direct": ("nps_score", lambda t: satisfy.nps(t), 1.0),
    "top2": ("csat", lambda t: satisfy.csat(t), 100.0),
    "csat_mean": ("csat", lambda t: satisfy.mean_score(t), 1.0),
    "ces_mean": ("ces", lambda t: satisfy.mean_score(t), 1.0),
}
SCALES = {"nps_score": "NPS", "csat": "CSAT5", "ces": "CES7"}


def _sample_tally(design: str, column: str, by: bool = False) -> Any:
    scores = [float(s) if s else None for s in _sample(column)]
    weights = [float(w) for w in _sample("weight")]
    options = SAMPLE_DESIGNS[design]
    if by:
        return satisfy.GroupedTally.from_scores(
            scores, by=_sample("channel"), scale=SCALES[column], weights=weights, **options
        )
    return satisfy.Tally.from_scores(scores, scale=SCALES[column], weights=weights, **options)


@pytest.mark.parametrize("metric", sorted(SAMPLE_METRICS))
@pytest.mark.parametrize("design", sorted(SAMPLE_DESIGNS))
def test_whole_sample_as_r_survey_design_reference(design: str, metric: str) -> None:
    column, calculator, factor = SAMPLE_METRICS[metric]
    expected = CASES[design]["whole"][metric]
    e = calculator(_sample_tally(design, column))
    assert e.value == pytest.approx(expected["value"] * factor, abs=1e-9)
    assert e.se == pytest.approx(expected["se"] * factor, abs=1e-6)
    # deff: svymean(deff=TRUE) with an fpc (D3), deff="replace" without
    deff = expected["deff"] if design == "D3" else expected.get("deff_replace")
    if deff is not None:
        assert e.design_effect == pytest.approx(deff, abs=1e-6)
    if metric == "nps_direct":  # every answer present: the design's degf
        assert e.df == CASES[design]["whole"]["degf"]


@pytest.mark.parametrize("metric", ["nps", "top2"])
@pytest.mark.parametrize("design", sorted(SAMPLE_DESIGNS))
def test_channels_as_r_survey_design_reference_svyby(design: str, metric: str) -> None:
    column = "nps_score" if metric == "nps" else "csat"
    factor = 1.0 if metric == "nps" else 100.0
    grouped = _sample_tally(design, column, by=True)
    g = satisfy.nps(grouped) if metric == "nps" else satisfy.csat(grouped)
    expected = CASES[design]["by_channel"][metric]
    for i, key in enumerate(g.groups):
        assert g.value[i] == pytest.approx(expected[key]["value"] * factor, abs=1e-9)
        assert g.se[i] == pytest.approx(expected[key]["se"] * factor, abs=1e-6)


@pytest.mark.parametrize("design", sorted(SAMPLE_DESIGNS))
def test_intervals_as_r_survey_design_reference(design: str) -> None:
    """svyciprop beta (Korn-Graubard) and logit of the top-2 share on the answered rows
    (R's subset(design, !is.na(csat)): its nrow and degf), and the t interval of the mean
    with df = degf(design), at 95% and 90%. (The reference's svyby(..., svyciprop,
    na.rm = TRUE) by channel counts the rows with no CSAT in nrow and degf; satisfy takes
    the answered rows, as the domain intervals of design_core.csv above check.)"""
    whole = CASES[design]["whole"]
    share = satisfy.csat(_sample_tally(design, "csat"))
    complete = whole["top2_ciprop_complete_rows"]
    assert share.df == complete["degf"]
    for level in ("0.95", "0.90"):
        for method, key in (("korn-graubard", "beta"), ("logit", "logit")):
            ci = share.confidence_interval(float(level), method=method)
            low, high = complete[f"{key}_{level}"]["ci"]
            assert ci.low == pytest.approx(100 * low, abs=1e-6)
            assert ci.high == pytest.approx(100 * high, abs=1e-6)
        if design == "D4":
            # confint(df = degf(design)) of the whole design counts the 5 answers with no
            # CSAT as PSUs; satisfy's df is that of the answered rows (as svyciprop on
            # subset(design, !is.na(csat)) above), 5 fewer.
            assert share.df == whole["degf"] - 5
            continue
        mean = satisfy.mean_score(_sample_tally(design, "csat"))
        ci = mean.confidence_interval(float(level), method="t")
        low, high = whole["csat_mean"][f"ci_t_{level}"]
        assert (ci.low, ci.high) == (pytest.approx(low, abs=1e-6), pytest.approx(high, abs=1e-6))


def test_fpc_without_weights_weighs_answers_as_r_svydesign() -> None:
    """Without weights, svydesign derives them from the fpc: N_h / n_h. From R 4.2.2,
    survey 4.1.1:
    d <- data.frame(s = c(10, 9, 9, 3, 6, 8, 10, 7, 2, 9, 10, 5),
                    c = c("a","a","a","b","b","c","d","d","e","f","f","g"),
                    r = rep(c("north", "south"), c(5, 7)), N = rep(c(40, 60), c(5, 7)))
    d$y <- ifelse(d$s >= 9, 100, ifelse(d$s <= 6, -100, 0))
    des <- svydesign(ids = ~c, strata = ~r, fpc = ~N, data = d)
    weights(des)                      # 20 (north, 2 clusters of 40), 12 (south, 5 of 60)
    svymean(~y, des, deff = TRUE)     # 17.391 SE 53.882 DEff 4.0705; degf(des) 5
    """
    scores = [10, 9, 9, 3, 6, 8, 10, 7, 2, 9, 10, 5]
    customer = ["a", "a", "a", "b", "b", "c", "d", "d", "e", "f", "f", "g"]
    region = ["north"] * 5 + ["south"] * 7
    e = satisfy.nps(scores, cluster=customer, strata=region, fpc=[40] * 5 + [60] * 7)
    assert e.tally.weight_sums.sum() == 5 * 20 + 7 * 12
    assert round(e.value, 3) == 17.391
    assert round(e.se, 3) == 53.882
    assert round(e.design_effect, 4) == 4.0705
    assert e.df == 5
