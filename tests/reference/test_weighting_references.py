"""Weights and standard errors after calibration against R's ``survey`` package.

Source: tests/reference/r/weighting.R (R 4.2.2, survey 4.1.1), which draws a sample of 240
answers with base weights and writes the weights after ``postStratify`` (channel x region
cells), ``rake`` (channel, region, tier margins), ``calibrate(calfun = "raking")`` (the
same margins), ``calibrate(calfun = "linear")`` (channel, region and a numeric total of
tenure) and ``trimWeights`` (lower 0.8, upper 2.5, strict and not) to
tests/reference/data/weighting_reference.csv, and ``svymean`` of the promoters' share (the
top 2 boxes of 0-10), the NPS as ``svycontrast(svymean(~prom + det), c(100, -100))`` and
the NPS per channel (``svyby``), with their standard errors, to
weighting_reference_estimates.csv. Twelve answers are missing (``na.rm = TRUE``: domain
estimation). Weights are compared to a relative 1e-9, values to 1e-9 and standard errors
to a relative 1e-6.

``rake()`` computes its standard errors from ten backfitting sweeps of unweighted means
(``svyrecvar``); satisfy computes the base-weighted regression residuals that
``calibrate(calfun = "raking")`` uses for the same weights (Deville and Särndal 1992), so
satisfy's raking standard errors are compared with the latter, and with ``rake()``'s only
to within 3%.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import satisfy

DATA = Path(__file__).parent / "data"
CHANNEL = {"chat": 2800, "email": 4900, "in person": 1600, "phone": 6000}
REGION = {"east": 4200, "north": 6500, "south": 4600}
TIER = {"basic": 10300, "gold": 5000}
CELL_COUNTS = [900, 1300, 400, 1600, 1100, 2100, 700, 2600, 800, 1500, 500, 1800]
CELLS = dict(
    zip(
        [
            (c, r)
            for r in ("east", "north", "south")
            for c in ("chat", "email", "in person", "phone")
        ],
        CELL_COUNTS,
    )
)


def _read(name: str) -> tuple[str, dict[str, list[str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        version = f.readline().strip()
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return version, {h: [r[i].strip() for r in body] for i, h in enumerate(header)}


VERSION, SAMPLE = _read("weighting_reference.csv")
_, ESTIMATES = _read("weighting_reference_estimates.csv")


def _floats(name: str) -> np.ndarray:
    return np.array([float(v) for v in SAMPLE[name]])


DATA_COLUMNS: dict[str, Any] = {k: SAMPLE[k] for k in ("channel", "region", "tier")}
DATA_COLUMNS["tenure"] = _floats("tenure")
BASE = _floats("base")
LTR = [None if v in ("NA", "") else int(v) for v in SAMPLE["ltr"]]


def _designs() -> dict[str, satisfy.WeightingResult]:
    margins = {"channel": CHANNEL, "region": REGION, "tier": TIER}
    return {
        "poststratify": satisfy.poststratify(
            DATA_COLUMNS, {("channel", "region"): CELLS}, weights=BASE
        ),
        "rake": satisfy.rake(DATA_COLUMNS, margins, weights=BASE, tol=1e-14, max_iter=1000),
        "calibrate_raking": satisfy.calibrate(
            DATA_COLUMNS, margins, weights=BASE, method="raking", tol=1e-14
        ),
        "calibrate_linear": satisfy.calibrate(
            DATA_COLUMNS,
            {"channel": CHANNEL, "region": REGION, "tenure": 80000.0},
            weights=BASE,
        ),
        "trim": satisfy.trim(BASE, lower=0.8, upper=2.5),
        "trim_strict": satisfy.trim(BASE, lower=0.8, upper=2.5, strict=True),
        "base": satisfy.trim(BASE),  # nothing to trim: the base weights, taken as fixed
    }


DESIGNS = _designs()


def test_reference_names_its_versions() -> None:
    assert VERSION.startswith("# R 4.") and "survey 4." in VERSION


@pytest.mark.parametrize("name", [n for n in DESIGNS if n != "base"])
def test_weights_match_r(name: str) -> None:
    expected = _floats(f"w_{name}")
    np.testing.assert_allclose(DESIGNS[name].weights, expected, rtol=1e-9, atol=0)


def _cases() -> list[tuple[str, str, str, float, float]]:
    return [
        (d, s, g, float(v), float(se))
        for d, s, g, v, se in zip(
            ESTIMATES["design"],
            ESTIMATES["statistic"],
            ESTIMATES["segment"],
            ESTIMATES["value"],
            ESTIMATES["se"],
        )
    ]


def _estimate(design: str, statistic: str, segment: str) -> satisfy.CalibratedEstimate:
    res = DESIGNS["calibrate_raking" if design == "rake" else design]
    if statistic == "top_box":
        return res.estimate(LTR, "top_box", scale="NPS", boxes=2)  # type: ignore[no-any-return]
    if segment:
        return res.estimate(LTR, "nps", by=DATA_COLUMNS["channel"])[segment]  # type: ignore[no-any-return]
    return res.estimate(LTR, "nps")  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("design", "statistic", "segment", "value", "se"),
    [c for c in _cases() if c[0] != "rake"],
    ids=lambda x: str(x) if isinstance(x, str) else "",
)
def test_values_and_calibrated_standard_errors_match_r(
    design: str, statistic: str, segment: str, value: float, se: float
) -> None:
    got = _estimate(design, statistic, segment)
    assert got.value == pytest.approx(value, rel=1e-9, abs=1e-9)
    assert got.se == pytest.approx(se, rel=1e-6)


@pytest.mark.parametrize(
    ("design", "statistic", "segment", "value", "se"),
    [c for c in _cases() if c[0] == "rake"],
    ids=lambda x: str(x) if isinstance(x, str) else "",
)
def test_raking_standard_errors_near_rakes_backfitting(
    design: str, statistic: str, segment: str, value: float, se: float
) -> None:
    got = _estimate(design, statistic, segment)
    assert got.value == pytest.approx(value, rel=1e-9, abs=1e-9)
    assert got.se == pytest.approx(se, rel=0.03)


def test_value_agrees_with_the_metric_calculator() -> None:
    res = DESIGNS["rake"]
    direct = satisfy.nps(LTR, weights=res.weights)
    assert res.estimate(LTR).value == pytest.approx(direct.value, rel=1e-12)


def test_calibration_lowers_the_standard_error_of_what_it_fits() -> None:
    # the share of a calibration category is known exactly after calibration: its
    # residuals vanish, so its standard error is 0 (fixed weights would give more)
    res = DESIGNS["poststratify"]
    phone = [10 if c == "phone" else 0 for c in SAMPLE["channel"]]
    e = res.estimate(phone, "top_box", scale="NPS", boxes=1)
    assert e.value == pytest.approx(100 * 6000 / 15300, rel=1e-12)
    assert e.se == pytest.approx(0, abs=1e-9)
    assert e.se_fixed_weights > 1


# --- a second sample: the survey-design reference (tests/reference/r/survey_design.R) -----
#
# Written by the design workstream's R script (survey 4.1.1): the same kinds of weights on
# another sample (244 answers, three channels, three months), with svymean's values and
# standard errors on the weights-only design D1 (cases.W_D1 of design_reference.json).

DESIGN_SAMPLE = DATA / "design_sample.csv"
DESIGN_WEIGHTS = DATA / "design_weights.csv"
DESIGN_JSON = DATA / "design_reference.json"
needs_design_data = pytest.mark.skipif(
    not (DESIGN_SAMPLE.exists() and DESIGN_WEIGHTS.exists() and DESIGN_JSON.exists()),
    reason="the survey-design reference data is not in this tree",
)


def _design_case() -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, Any]]:
    import json

    with DESIGN_SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with DESIGN_WEIGHTS.open(encoding="utf-8", newline="") as f:
        wrows = list(csv.DictReader(f))
    sample: dict[str, Any] = {
        "channel": [r["channel"] for r in rows],
        "month": [r["month"] for r in rows],
        "weight": np.array([float(r["weight"]) for r in rows]),
    }
    for name in ("nps_score", "csat"):
        sample[name] = [None if r[name] in ("", "NA") else int(r[name]) for r in rows]
    weights = {k: np.array([float(r[k]) for r in wrows]) for k in wrows[0] if k != "id"}
    result = json.loads(DESIGN_JSON.read_text(encoding="utf-8"))["cases"]["W_D1"]
    return sample, weights, result


def _design_results(sample: dict[str, Any]) -> dict[str, satisfy.WeightingResult]:
    channel = {"chat": 2000, "email": 3000, "phone": 5000}
    month = {"1": 3400, "2": 3300, "3": 3300}
    base = sample["weight"]
    med = float(np.median(base))
    both = {"channel": channel, "month": month}
    return {
        "poststratify": satisfy.poststratify(sample, {"channel": channel}, weights=base),
        "rake": satisfy.rake(sample, both, weights=base, tol=1e-14, max_iter=1000),
        "calibrate_raking": satisfy.calibrate(
            sample, both, weights=base, method="raking", tol=1e-14
        ),
        "calibrate_linear": satisfy.calibrate(sample, both, weights=base),
        "trim": satisfy.trim(base, lower=0.5 * med, upper=3 * med, strict=True),
        "trim_not_strict": satisfy.trim(base, lower=0.5 * med, upper=3 * med),
        "trim2": satisfy.trim(base, lower=0.5 * med, upper=2 * med, strict=True),
        "trim2_not_strict": satisfy.trim(base, lower=0.5 * med, upper=2 * med),
    }


@needs_design_data
def test_second_sample_weights_and_standard_errors_match_r() -> None:
    sample, weights, result = _design_case()
    fitted = _design_results(sample)
    for name, res in fitted.items():
        np.testing.assert_allclose(res.weights, weights[name], rtol=1e-9, err_msg=name)
        # rake()'s SEs are its backfitting ones: compare with calibrate(calfun="raking")'s
        expected = result["calibrate_raking" if name == "rake" else name]["estimates"]
        got = {
            "top2": res.estimate(sample["csat"], "top_box", scale="CSAT5", boxes=2),
            "csat_mean": res.estimate(sample["csat"], "mean_score", scale="CSAT5"),
            "nps": res.estimate(sample["nps_score"], "nps"),
            "promoter": res.estimate(sample["nps_score"], "top_box", scale="NPS", boxes=2),
        }
        for stat, est in got.items():
            unit = 1.0 if stat in ("csat_mean", "nps") else 100.0
            want = expected[stat]
            assert est.value == pytest.approx(unit * want["value"], rel=1e-9), (name, stat)
            assert est.se == pytest.approx(unit * want["se"], rel=1e-6), (name, stat)
        by = res.estimate(sample["nps_score"], "nps", by=sample["channel"])
        for channel in ("chat", "email", "phone"):
            want = expected["nps_by_channel"][channel]
            assert by[channel].value == pytest.approx(want["value"], rel=1e-9), (name, channel)
            assert by[channel].se == pytest.approx(want["se"], rel=1e-6), (name, channel)
