"""Properties of summarize and of the long-table interchange (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, scales
from satisfy.testing import answers, grouped_tallies


@st.composite
def frames(draw):
    n = draw(st.integers(1, 60))
    ltr = draw(st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=n, max_size=n))
    sat = draw(st.lists(answers(scales.CSAT5), min_size=n, max_size=n))
    seg = draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=n, max_size=n))
    w = draw(st.lists(st.floats(0.1, 5), min_size=n, max_size=n))
    text = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in sat]
    return {"ltr": ltr, "sat": text, "seg": seg, "w": w}


@settings(max_examples=50, deadline=None)
@given(frames(), st.booleans())
def test_summarize_equals_each_groups_estimate(data, weighted):
    frame = pd.DataFrame(data).astype({"ltr": "Float64"})
    specs = [satisfy.NPS("ltr"), satisfy.CSAT("sat")]
    try:
        out = satisfy.summarize(frame, specs, by="seg", weights="w" if weighted else None)
    except satisfy.InvalidScoreError:
        pytest.fail("valid answers were refused")
    seg = np.array(data["seg"])
    w = np.array(data["w"])
    for spec, calc in zip(specs, (satisfy.nps, satisfy.csat)):
        rows = out[out["metric"] == spec.label]
        for _, row in rows.iterrows():
            mask = seg == row["seg"]
            values = np.array(data[spec.column], dtype=object)[mask]
            if row["n"] == 0:
                assert np.isnan(row["value"])
                continue
            e = calc(values, weights=w[mask] if weighted else None)
            assert row["value"] == pytest.approx(e.value, abs=1e-9)
            ci = e.confidence_interval()
            assert (row["low"], row["high"]) == pytest.approx((ci.low, ci.high), abs=1e-9)
            assert row["n"] == e.n
            assert row["missing"] == e.missing


@given(grouped_tallies())
def test_long_table_round_trips(g):
    long = g.to_long()
    assert GroupedTally.from_long(long, scale=g.scale) == g
    assert GroupedTally.from_long(pd.DataFrame(long), scale=g.scale) == g
    assert GroupedTally.from_long(pl.DataFrame(long, strict=False), scale=g.scale) == g


@given(grouped_tallies(scales.NPS, weighted=False), grouped_tallies(scales.NPS, weighted=False))
def test_concatenated_long_tables_rebuild_the_merge(a, b):
    la, lb = a.to_long(), b.to_long()
    both = {k: la[k] + lb[k] for k in la}
    assert GroupedTally.from_long(both, scale="NPS", duplicates="sum") == a + b
