"""Survey designs in dataframes (``cluster=``, ``strata=``, ``fpc=``): the engine aggregates
per group, stratum and cluster, and every engine gives the design-based results of the array
API on the same frame, which equal R's survey package (tests/reference/data/design_reference.json,
written by tests/reference/r/survey_design.R with R 4.2.2 and survey 4.1.1)."""

from __future__ import annotations

import csv
import json
import pathlib

import narwhals as nw
import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy.errors import DesignError

REFERENCE = pathlib.Path(__file__).parents[1] / "reference" / "data"
R = json.loads((REFERENCE / "design_reference.json").read_text(encoding="utf-8"))["cases"]


def as_pandas(native):
    return nw.from_native(native).to_pandas()


def sample() -> dict[str, list]:
    with open(REFERENCE / "design_sample.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    numeric = ("weight", "fpc", "nps_score", "csat", "ces")
    data: dict[str, list] = {}
    for name in rows[0]:
        if name in numeric:
            data[name] = [float(r[name]) if r[name] not in ("", "NA") else None for r in rows]
        else:
            data[name] = [r[name] for r in rows]
    data["cluster"] = [int(c) for c in data["cluster"]]
    return data


SAMPLE = sample()
DESIGNS = {  # R's case: the design's columns
    "D2": {"cluster": "cluster"},
    "D3": {"cluster": "cluster", "strata": "stratum", "fpc": "fpc"},
    "D4": {"strata": "stratum"},
    "D5": {"cluster": "cluster", "strata": "stratum"},
}
SPECS = [satisfy.NPS("nps_score"), satisfy.CSAT("csat"), satisfy.CES("ces")]


@pytest.mark.parametrize("case", list(DESIGNS))
def test_every_engine_equals_the_array_api_and_r(constructor, case):
    columns = DESIGNS[case]
    out = as_pandas(
        satisfy.summarize(constructor(SAMPLE), SPECS, weights="weight", by="channel", **columns)
    ).sort_values(["channel", "metric"])
    frame = pd.DataFrame(SAMPLE)
    arrays = {name: frame[column].to_numpy() for name, column in columns.items()}
    for spec, calculator in zip(SPECS, (satisfy.nps, satisfy.csat, satisfy.ces), strict=True):
        grouped = calculator(
            frame[spec.column].to_numpy(dtype=float),
            weights=frame["weight"].to_numpy(),
            by=frame["channel"].to_numpy(),
            **arrays,
        )
        ci = grouped.confidence_interval()
        rows = out[out["metric"] == spec.label].set_index("channel")
        for i, group in enumerate(grouped.groups):
            row = rows.loc[group]
            assert row["value"] == pytest.approx(grouped.value[i], rel=1e-12)
            assert row["low"] == pytest.approx(ci.low[i], rel=1e-9, abs=1e-9)
            assert row["high"] == pytest.approx(ci.high[i], rel=1e-9, abs=1e-9)
            assert row["design_effect"] == pytest.approx(
                grouped.design_effect[i], rel=1e-9, nan_ok=True
            )
            if spec.column == "nps_score":  # svyby domains: R's value and se
                reference = R[case]["by_channel"]["nps"][group]
                assert grouped.value[i] == pytest.approx(reference["value"], rel=1e-9)
                assert grouped.se[i] == pytest.approx(reference["se"], rel=1e-6)


def test_design_columns_are_checked():
    frame = pd.DataFrame(SAMPLE)
    spec = satisfy.NPS("nps_score")
    moved = frame.copy()
    i = int(np.flatnonzero(frame["cluster"].duplicated(keep=False).to_numpy())[0])
    moved.loc[i, "stratum"] = "south" if moved.loc[i, "stratum"] != "south" else "west"
    with pytest.raises(DesignError, match="two strata"):
        satisfy.summarize(moved, spec, weights="weight", cluster="cluster", strata="stratum")
    varying = frame.copy()
    varying.loc[0, "fpc"] = varying.loc[0, "fpc"] + 1
    with pytest.raises(DesignError, match="fpc varies within stratum"):
        satisfy.summarize(varying, spec, weights="weight", strata="stratum", fpc="fpc")
    with pytest.raises(DesignError, match="frequencies cannot be combined"):
        satisfy.summarize(
            frame.assign(f=1), spec, frequencies="f", cluster="cluster", weights="weight"
        )
    with pytest.raises(DesignError, match="lonely_psu"):
        satisfy.summarize(frame, spec, lonely_psu="adjust")


def test_without_a_design_there_is_no_design_effect_column():
    out = satisfy.summarize(pd.DataFrame(SAMPLE), satisfy.NPS("nps_score"), weights="weight")
    assert "design_effect" not in out.columns
