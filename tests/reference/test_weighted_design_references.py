"""Weighted answers as a survey design (weights only: each answer its own primary sampling
unit), against R's survey package: ``svymean``, ``svycontrast`` and ``svyciprop`` on
``svydesign(ids = ~1, weights = ~weight)``.

The numbers are R's (R 4.2.2, survey 4.1.1), written by ``tests/reference/r/survey_design.R``
into ``tests/reference/data/design_reference.json`` from the sample in
``design_sample.csv``; nothing here is computed by this project. Values agree to 1e-9,
standard errors and interval ends to 1e-6 (relative), as the issue asks.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

import satisfy

DATA = Path(__file__).parent / "data"
REFERENCE = json.loads((DATA / "design_reference.json").read_text(encoding="utf-8"))
D1 = REFERENCE["cases"]["D1"]["whole"]
TINY = REFERENCE["cases"]["tiny"]


def _complete_cases() -> dict[tuple[str, str, str], float]:
    # R on the rows that answered the question (tests/reference/r/design_complete_cases.R)
    lines = (DATA / "design_complete_cases.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return {(r["question"], r["quantity"], r["level"]): float(r["value"]) for r in rows}


COMPLETE = _complete_cases()


def _sample() -> dict[str, np.ndarray]:
    with (DATA / "design_sample.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def column(name: str) -> np.ndarray:
        return np.array([float(r[name]) if r[name] not in ("", "NA") else np.nan for r in rows])

    return {name: column(name) for name in ("weight", "nps_score", "csat", "ces")}


SAMPLE = _sample()


def close(value: float, expected: float, rel: float) -> None:
    assert value == pytest.approx(expected, rel=rel, abs=rel * 1e-3)


def test_nps_and_its_categories_equal_svymean_and_svycontrast():
    w = SAMPLE["weight"]
    e = satisfy.nps(SAMPLE["nps_score"], weights=w)
    close(e.value, D1["nps"]["value"], 1e-9)
    close(e.se, D1["nps"]["se"], 1e-6)  # svycontrast(100 * (promoter - detractor))
    promoters = satisfy.threshold_share(SAMPLE["nps_score"], weights=w, threshold=9, scale="NPS")
    close(promoters.value / 100, D1["promoter"]["value"], 1e-9)
    close(promoters.se / 100, D1["promoter"]["se"], 1e-6)


def test_share_se_and_svyciprop_beta_and_logit_intervals():
    # a tally's sample is its answers: R's design on the rows that answered (with the
    # skipped rows kept as a domain, svymean(na.rm=TRUE) counts them in n/(n-1): 1e-4 apart)
    w, csat = SAMPLE["weight"], SAMPLE["csat"]
    e = satisfy.csat(csat, weights=w)
    assert e.missing == 5
    close(e.value / 100, COMPLETE["top2", "value", ""], 1e-9)
    close(e.value / 100, D1["top2"]["value"], 1e-9)
    close(e.se / 100, COMPLETE["top2", "se", ""], 1e-6)
    for level in ("0.95", "0.9"):
        for method, key in (("korn-graubard", "beta"), ("logit", "logit")):
            ci = e.confidence_interval(float(level), method=method)
            close(ci.low / 100, COMPLETE["top2", f"{key}_low", level], 1e-6)
            close(ci.high / 100, COMPLETE["top2", f"{key}_high", level], 1e-6)


def test_promoter_share_intervals():
    w = SAMPLE["weight"]
    e = satisfy.threshold_share(SAMPLE["nps_score"], weights=w, threshold=9, scale="NPS")
    for method, key in (("korn-graubard", "beta_0.95"), ("logit", "logit_0.95")):
        ci = e.confidence_interval(0.95, method=method)
        low, high = D1["promoter_ciprop"][key]["ci"]
        close(ci.low / 100, low, 1e-6)
        close(ci.high / 100, high, 1e-6)


def test_mean_se_and_t_interval_with_the_design_degrees_of_freedom():
    w, ces = SAMPLE["weight"], SAMPLE["ces"]
    e = satisfy.ces(ces, weights=w)
    close(e.value, D1["ces_mean"]["value"], 1e-9)
    close(e.se, D1["ces_mean"]["se"], 1e-6)
    ci = e.confidence_interval(0.95)
    close(ci.low, D1["ces_mean"]["ci_t_0.95"][0], 1e-6)
    close(ci.high, D1["ces_mean"]["ci_t_0.95"][1], 1e-6)
    mean = satisfy.mean_score(SAMPLE["csat"], weights=w, scale="CSAT5")
    close(mean.se, COMPLETE["csat_mean", "se", ""], 1e-6)
    ci = mean.confidence_interval(0.95)
    close(ci.low, COMPLETE["csat_mean", "t_low", "0.95"], 1e-6)
    close(ci.high, COMPLETE["csat_mean", "t_high", "0.95"], 1e-6)


def test_the_issues_twelve_answers_with_one_weight_of_ten():
    # Kish's n_eff (3.97) in Wilson gave 42.0 to 99.2; the design's effective size gives
    # svyciprop's Korn-Graubard 62.0 to 99.5, and the default Wilson now agrees with the se
    y, w = np.array(TINY["y"]), np.array(TINY["w"], dtype=float)
    e = satisfy.top_box(y + 1, weights=w, scale=satisfy.Scale(1, 2), boxes=1)
    close(e.value / 100, TINY["mean"]["value"], 1e-9)
    close(e.se / 100, TINY["mean"]["se"], 1e-6)
    for level in ("0.95", "0.90"):
        ci = e.confidence_interval(float(level), method="korn-graubard")
        low, high = TINY[f"beta_{level}"]["ci"]
        close(ci.low / 100, low, 1e-6)
        close(ci.high / 100, high, 1e-6)
    ci = e.confidence_interval(0.95, method="logit")
    close(ci.low / 100, TINY["logit_0.95"]["ci"][0], 1e-6)
    close(ci.high / 100, TINY["logit_0.95"]["ci"][1], 1e-6)
    wilson = e.confidence_interval(0.95)
    assert wilson.low / 100 > TINY["wilson_kish_0.95"][0] + 0.1
    assert e.n_eff == pytest.approx(TINY["kish_n_eff"], rel=1e-12)  # still reported
