"""Count tables (``frequencies=``): n is the sum of the counts and every value and interval is
what the expanded rows give, on every engine, weighted or not."""

from __future__ import annotations

import csv
import datetime as dt
import pathlib

import narwhals as nw
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, scales

REFERENCE = pathlib.Path(__file__).parents[1] / "reference" / "data"


def as_pandas(native):
    return nw.from_native(native).to_pandas()


def housing() -> dict[str, list]:
    """MASS::housing (Madsen 1976), written by tests/reference/r/housing.R."""
    with open(REFERENCE / "housing.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    data: dict[str, list] = {name: [row[name] for row in rows] for name in rows[0]}
    data["Freq"] = [int(v) for v in data["Freq"]]
    return data


def reference_cells() -> dict[tuple[str, str, str], tuple[int, int, float, float, float]]:
    """R's prop.test(correct = FALSE) Wilson intervals per Type x Infl x Cont cell."""
    out = {}
    for line in (REFERENCE / "housing_reference.txt").read_text().splitlines():
        if not line.startswith("cell "):
            continue
        _, kind, infl, cont, *fields = line.split()
        x, n, share, low, high = (float(f.split("=")[1]) for f in fields)
        out[(kind, infl, cont)] = (int(x), int(n), share, low, high)
    return out


LMH = satisfy.Scale(1, 3, labels=("Low", "Medium", "High"), name="LMH")
HIGH = satisfy.TopBox("Sat", scale=LMH, boxes=1, name="High")


def test_mass_housing_share_of_high_satisfaction(constructor):
    # R 4.2.2, MASS 7.3-58.2: 59 of 88 Tower-block tenants with High influence are highly
    # satisfied; prop.test(59, 88, correct = FALSE) gives the Wilson interval 56.69 to 75.97
    # (tests/reference/data/housing_reference.txt).
    out = as_pandas(
        satisfy.summarize(constructor(housing()), HIGH, by=["Type", "Infl"], frequencies="Freq")
    )
    row = out[(out["Type"] == "Tower") & (out["Infl"] == "High")].iloc[0]
    assert row["n"] == 88
    assert row["n_eff"] == 88.0
    assert row["missing"] == 0
    assert row["value"] == pytest.approx(100 * 59 / 88, abs=1e-9)
    assert (row["low"], row["high"]) == pytest.approx((56.6928235790, 75.9721627847), abs=1e-8)
    assert round(row["value"], 1) == 67.0
    assert (round(row["low"], 1), round(row["high"], 1)) == (56.7, 76.0)


def test_mass_housing_every_cell_matches_r(constructor):
    out = as_pandas(
        satisfy.summarize(
            constructor(housing()), HIGH, by=["Type", "Infl", "Cont"], frequencies="Freq"
        )
    )
    reference = reference_cells()
    assert len(out) == len(reference) == 24
    for _, row in out.iterrows():
        _, n, share, low, high = reference[(row["Type"], row["Infl"], row["Cont"])]
        assert row["n"] == n
        assert row["value"] == pytest.approx(share, abs=1e-8)
        assert (row["low"], row["high"]) == pytest.approx((low, high), abs=1e-8)


def test_weights_on_a_count_table_are_rows_given_frequencies_not_answers():
    # the mistake the issue shows: counts given as survey weights give n = rows
    frame = pd.DataFrame(housing())
    as_weights = satisfy.summarize(frame, HIGH, by=["Type", "Infl"], weights="Freq")
    as_counts = satisfy.summarize(frame, HIGH, by=["Type", "Infl"], frequencies="Freq")
    pick = (as_counts["Type"] == "Tower") & (as_counts["Infl"] == "High")
    assert as_weights[pick]["n"].item() == 6
    assert as_counts[pick]["n"].item() == 88


def expand(data: dict[str, list], counts: str) -> dict[str, list]:
    repeats = np.asarray(data[counts], dtype=np.int64)
    return {
        name: np.repeat(np.array(values, dtype=object), repeats).tolist()
        for name, values in data.items()
        if name != counts
    }


COUNTED = {
    "ltr": [10, 9, None, 6, 3, 8, 10, 0, 7, 9, 5],
    "sat": ["5", "Very satisfied", "4", "2", None, "3", "1", "4", "5", "3", "2"],
    "seg": ["a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"],
    "w": [1.5, 0.5, 2.0, 1.0, 0.25, 3.0, 1.0, 2.0, 0.5, 1.5, 1.0],
    "f": [3, 0, 2, 7, 1, 4, 12, 1, 5, 0, 2],
    "when": [dt.datetime(2026, 1 + i % 3, 2 + i) for i in range(11)],
}


@pytest.mark.parametrize("weighted", [False, True])
def test_summarize_equals_the_expanded_rows(constructor, weighted):
    specs = [satisfy.NPS("ltr"), satisfy.CSAT("sat"), satisfy.Mean("sat")]
    weights = "w" if weighted else None
    got = as_pandas(
        satisfy.summarize(constructor(COUNTED), specs, by="seg", weights=weights, frequencies="f")
    )
    want = satisfy.summarize(pd.DataFrame(expand(COUNTED, "f")), specs, by="seg", weights=weights)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
def test_tally_frame_equals_the_array_api(constructor, weighted):
    got = satisfy.tally_frame(
        constructor(COUNTED),
        "ltr",
        scale="NPS",
        by="seg",
        weights="w" if weighted else None,
        frequencies="f",
    )
    want = GroupedTally.from_scores(
        np.array(COUNTED["ltr"], dtype=object),
        by=np.array(COUNTED["seg"], dtype=object),
        scale="NPS",
        weights=np.array(COUNTED["w"]) if weighted else None,
        frequencies=np.array(COUNTED["f"]),
    )
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_array_equal(got.missing, want.missing)  # a missing answer counts f times
    np.testing.assert_allclose(got.weight_sums, want.weight_sums, rtol=1e-12)
    np.testing.assert_allclose(got.weight_sq_sums, want.weight_sq_sums, rtol=1e-12)


def test_trend_equals_the_expanded_rows(constructor):
    got = as_pandas(
        satisfy.trend(
            constructor(COUNTED), satisfy.NPS("ltr"), time="when", period="month", frequencies="f"
        )
    )
    want = satisfy.trend(
        pd.DataFrame(expand(COUNTED, "f")), satisfy.NPS("ltr"), time="when", period="month"
    )
    got["period"] = got["period"].astype(str)
    want["period"] = want["period"].astype(str)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12)


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([1.0, 2.0, 1.5, 1.0], "1.5 (1 row)"),
        ([1, -1, 3, -1], "-1 (2 rows)"),
        ([1, None, 3, 4], "missing (1 row)"),
        ([1.0, 2.0, float("nan"), 4.0], "missing (1 row)"),
    ],
)
def test_a_bad_count_is_one_error_naming_column_and_value(constructor, counts, shown):
    frame = constructor({"ltr": [9, 10, 3, 7], "f": counts})
    with pytest.raises(satisfy.WeightError) as info:
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="f")
    message = str(info.value)
    assert "frequencies column 'f'" in message
    assert shown in message


def test_counts_that_are_not_numbers_are_refused(constructor):
    frame = constructor({"ltr": [9, 10], "f": ["2", "3"]})
    with pytest.raises(satisfy.WeightError, match="frequencies column 'f' holds"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="f")


def test_an_invalid_answer_is_refused_even_with_a_zero_count(constructor):
    # as the array API: an answer off the scale is an error whatever its count
    frame = constructor({"ltr": [9, 12, 3], "f": [2, 0, 1]})
    with pytest.raises(satisfy.InvalidScoreError, match="12"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="f")
    out = as_pandas(
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="f", invalid_policy="omit")
    )
    assert out["n"].tolist() == [3]
    assert out["missing"].tolist() == [0]  # it stands for no answer


def test_frequencies_column_must_not_be_scored_or_missing():
    frame = pd.DataFrame({"ltr": [9, 10]})
    with pytest.raises(satisfy.ColumnError, match="no column 'f'"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="f")
    with pytest.raises(satisfy.ColumnError, match="scored"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies="ltr")
    with pytest.raises(satisfy.ColumnError, match="one column name"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), frequencies=["f"])  # type: ignore[arg-type]


@st.composite
def count_tables(draw):
    n = draw(st.integers(1, 25))
    points = st.one_of(st.none(), st.integers(0, 10))
    return {
        "ltr": draw(st.lists(points, min_size=n, max_size=n)),
        "seg": draw(st.lists(st.sampled_from(["x", "y"]), min_size=n, max_size=n)),
        "w": draw(st.lists(st.floats(0.1, 5), min_size=n, max_size=n)),
        "f": draw(st.lists(st.integers(0, 40), min_size=n, max_size=n)),
    }


@pytest.mark.parametrize("engine_name", ["pandas", "polars", "duckdb"])
@settings(max_examples=40, deadline=None)
@given(data=count_tables(), weighted=st.booleans())
def test_random_count_tables_equal_their_expanded_rows(engine_name, data, weighted):
    from .conftest import ENGINES, available

    if available(engine_name):
        pytest.skip(available(engine_name))
    frame = ENGINES[engine_name][1](data)
    specs = [satisfy.NPS("ltr"), satisfy.TopBox("ltr", scale=scales.NPS, boxes=2)]
    weights = "w" if weighted else None
    got = as_pandas(satisfy.summarize(frame, specs, by="seg", weights=weights, frequencies="f"))
    expanded = expand(data, "f")
    for spec, options in zip(specs, ({}, {"boxes": 2})):
        rows = got[got["metric"] == spec.label]
        for _, row in rows.iterrows():
            mask = np.array(expanded["seg"], dtype=object) == row["seg"]
            values = np.array(expanded["ltr"], dtype=object)[mask]
            w = np.array(expanded["w"], dtype=float)[mask] if weighted else None
            assert row["n"] == sum(v is not None for v in values)
            if row["n"] == 0:
                assert np.isnan(row["value"])
                continue
            calc = satisfy.nps if not options else satisfy.top_box
            e = calc(values, weights=w, scale=scales.NPS, **options)
            ci = e.confidence_interval()
            assert row["value"] == pytest.approx(e.value, abs=1e-9)
            assert (row["low"], row["high"]) == pytest.approx((ci.low, ci.high), abs=1e-9)
            assert row["n_eff"] == pytest.approx(e.n_eff, rel=1e-9)
            assert row["missing"] == e.missing


def test_count_tables_count_non_answers_and_invalid_answers_by_their_counts(constructor):
    # a count table with a non-answer code and an answer off the scale (left out): each
    # counts as often as its frequency, as in the expanded rows (non-answers and counts were
    # built by two workstreams; this pins them together on every engine)
    scale = scales.CSAT5.with_non_answers(["Ved ikke"])
    table = {
        "g": ["a", "a", "a", "b", "b", "b"],
        "sat": ["Meget tilfreds", "Ved ikke", "7", "Tilfreds", "ved ikke", None],
        "f": [3, 4, 2, 5, 1, 6],
    }
    spec = satisfy.CSAT("sat", scale=scale)
    out = as_pandas(
        satisfy.summarize(constructor(table), spec, by="g", frequencies="f", invalid_policy="omit")
    ).set_index("g")
    expanded = {name: np.repeat(np.array(v, dtype=object), table["f"]) for name, v in table.items()
                if name != "f"}  # fmt: skip
    reference = as_pandas(
        satisfy.summarize(pd.DataFrame(expanded), spec, by="g", invalid_policy="omit")
    ).set_index("g")
    assert out.loc["a", ["n", "missing", "invalid", "non_answers"]].tolist() == [3, 2, 2, 4]
    assert out.loc["b", ["n", "missing", "invalid", "non_answers"]].tolist() == [5, 6, 0, 1]
    columns = ["value", "low", "high", "n", "missing", "invalid", "non_answers"]
    pd.testing.assert_frame_equal(
        out[columns].astype(float), reference[columns].astype(float), check_exact=False
    )
