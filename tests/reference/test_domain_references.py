"""Domain comparisons under a survey design against R's ``survey`` package (R 4.2.2,
survey 4.1.1): ``svyby(..., covmat = TRUE)`` with ``svycontrast`` for pairs of channels
(tests/reference/r/survey_design.R, design_reference.json), pairs of months sharing
clusters, each channel against the rest and the Wald test of equal channels
(tests/reference/r/survey_domains.R, design_domains.csv). Values to 1e-9, standard errors
to 1e-6."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import satisfy

DATA = Path(__file__).parent / "data"
with (DATA / "design_sample.csv").open(encoding="utf-8") as _f:
    SAMPLE = list(csv.DictReader(_f))
with (DATA / "design_reference.json").open(encoding="utf-8") as _f:
    CASES = json.load(_f)["cases"]
with (DATA / "design_domains.csv").open(encoding="utf-8") as _f:
    DOMAINS = list(csv.DictReader(_f))


def _column(name: str) -> list[str]:
    return [row[name] for row in SAMPLE]


DESIGNS: dict[str, dict[str, Any]] = {
    "D2": {"cluster": _column("cluster")},
    "D3": {
        "cluster": _column("cluster"),
        "strata": _column("stratum"),
        "fpc": [float(x) for x in _column("fpc")],
    },
    "D4": {"strata": _column("stratum")},
    "D5": {"cluster": _column("cluster"), "strata": _column("stratum")},
}


def _grouped(design: str, metric: str, by: str) -> satisfy.GroupedEstimate:
    column, scale = ("nps_score", "NPS") if metric == "nps" else ("csat", "CSAT5")
    scores = [float(s) if s else None for s in _column(column)]
    tally = satisfy.GroupedTally.from_scores(
        scores,
        by=[int(m) for m in _column(by)] if by == "month" else _column(by),
        scale=scale,
        weights=[float(w) for w in _column("weight")],
        **DESIGNS[design],
    )
    return satisfy.nps(tally) if metric == "nps" else satisfy.csat(tally)


def _pair(table: satisfy.ComparisonTable, a: Any, b: Any) -> tuple[float, float, float]:
    """The difference a - b, its se (from the t interval) and df of a table's pair."""
    for i, (x, y) in enumerate(zip(table.a, table.b)):
        if (x, y) in ((a, b), (b, a)):
            sign = 1.0 if x == a else -1.0
            return sign * float(table.difference[i]), float(table.se[i]), float(table.df[i])
    raise AssertionError(f"no pair {a}, {b}")


@pytest.mark.parametrize("metric", ["nps", "top2"])
@pytest.mark.parametrize("design", sorted(DESIGNS))
def test_channel_pairs_as_r_svycontrast(design: str, metric: str) -> None:
    expected = CASES[design]["by_channel"][f"{metric}_phone_minus_email"]
    factor = 1.0 if metric == "nps" else 100.0  # R's proportions in percent
    result = satisfy.compare_groups(_grouped(design, metric, "channel"))
    difference, se, _ = _pair(result.pairs, "phone", "email")
    assert difference == pytest.approx(expected["value"] * factor, abs=1e-9)
    assert se == pytest.approx(expected["se"] * factor, abs=1e-6)
    assert result.pairs.method == "wald"


def test_d3_phone_minus_email_as_published_in_the_reference() -> None:
    result = satisfy.compare_groups(_grouped("D3", "nps", "channel"))
    difference, se, df = _pair(result.pairs, "phone", "email")
    assert difference == pytest.approx(42.366626049763354, abs=1e-9)
    assert se == pytest.approx(10.130237284604851, abs=1e-6)
    assert df > 0


def _rows(kind: str) -> list[dict[str, str]]:
    return [row for row in DOMAINS if row["kind"] == kind]


@pytest.mark.parametrize("row", _rows("month_change"), ids=lambda r: "-".join(r.values()))
def test_months_sharing_clusters_as_r_svycontrast(row: dict[str, str]) -> None:
    """Clusters answer in several months: the covariance of the months counts."""
    grouped = _grouped(row["design"], row["metric"], "month")
    result = satisfy.compare_groups(grouped)
    a, b = int(row["a"]), int(row["b"])
    difference, se, _ = _pair(result.pairs, a, b)
    assert difference == pytest.approx(float(row["value"]), abs=1e-9)
    assert se == pytest.approx(float(row["se"]), abs=1e-6)
    # without the covariance the se differs: the reference tests it
    i, j = grouped.groups.index(a), grouped.groups.index(b)
    independent = float(np.hypot(grouped.se[i], grouped.se[j]))
    assert abs(independent - float(row["se"])) > 1e-3


@pytest.mark.parametrize("row", _rows("month_change"), ids=lambda r: "-".join(r.values()))
def test_period_changes_as_r_svycontrast(row: dict[str, str]) -> None:
    if (row["a"], row["b"]) == ("3", "1"):
        pytest.skip("period_changes compares consecutive periods")
    grouped = _grouped(row["design"], row["metric"], "month")
    changes = satisfy.period_changes(grouped)
    i = grouped.groups.index(int(row["a"]))
    assert changes.previous[i] == int(row["b"])
    assert changes.difference[i] == pytest.approx(float(row["value"]), abs=1e-9)
    assert changes.se[i] == pytest.approx(float(row["se"]), abs=1e-6)


@pytest.mark.parametrize("row", _rows("versus_rest"), ids=lambda r: "-".join(r.values()))
def test_channel_against_the_rest_as_r_svycontrast(row: dict[str, str]) -> None:
    result = satisfy.compare_groups(_grouped(row["design"], "nps", "channel"))
    i = result.versus_rest.a.index(row["a"])
    assert result.versus_rest.difference[i] == pytest.approx(float(row["value"]), abs=1e-9)
    assert result.versus_rest.se[i] == pytest.approx(float(row["se"]), abs=1e-6)
    assert result.versus_rest.df[i] == float(row["df"])  # every domain together: degf


@pytest.mark.parametrize("row", _rows("omnibus"), ids=lambda r: r["design"])
def test_wald_test_of_equal_channels_as_r(row: dict[str, str]) -> None:
    result = satisfy.compare_groups(_grouped(row["design"], "nps", "channel"))
    assert result.test == "design-wald"
    assert result.statistic == pytest.approx(float(row["value"]), rel=1e-9)
    assert result.df == 2.0
    assert result.pvalue == pytest.approx(float(row["b"]), rel=1e-6)
