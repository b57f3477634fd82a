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
    assert e.design_df == int(row["df"])


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
