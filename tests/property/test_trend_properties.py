"""Differential tests of trends on tallies (hypothesis).

``satisfy.trailing`` and ``satisfy.period_changes`` work on every segment and period at once;
here each window is merged tally by tally with ``+`` and each change is one call of
``satisfy.compare``, segment by segment and period by period, and the family is adjusted
by statsmodels' ``multipletests`` (an implementation this project did not write).
"""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

import satisfy
from satisfy import scales
from satisfy.testing import tallies

METRICS = [
    (satisfy.nps, scales.NPS),
    (satisfy.csat, scales.CSAT5),
    (satisfy.ces, scales.CES7),
]
# satisfy's adjustment -> statsmodels' multipletests method
ADJUSTMENTS = {
    "holm": "holm",
    "hochberg": "simes-hochberg",
    "hommel": "hommel",
    "bonferroni": "bonferroni",
    "bh": "fdr_bh",
    "by": "fdr_by",
}


def _date(number, period):
    """The first day of period ``number`` counted from 2020 (whole numbers when None)."""
    if period is None:
        return number
    if period == "month":
        return dt.date(2020 + number // 12, number % 12 + 1, 1)
    if period == "week":
        return dt.date(2019, 12, 30) + dt.timedelta(weeks=number)  # a Monday
    return dt.date(2020 + number, 1, 1)  # year


@st.composite
def series(draw):
    """A grouped tally over (segment, period) cells, with empty periods inside the range,
    cells without answers (only missing ones), weights or none, and the inputs."""
    metric, scale = draw(st.sampled_from(METRICS))
    period = draw(st.sampled_from([None, "month", "week", "year"]))
    segmented = draw(st.booleans())
    n_segments = draw(st.integers(1, 4)) if segmented else 1
    weighted = draw(st.booleans())
    cells = {}
    for s in range(n_segments):
        offset = draw(st.integers(-3, 30))
        numbers = draw(st.sets(st.integers(0, 9), min_size=1, max_size=6))
        for number in sorted(numbers):
            tally = draw(tallies(scale, weighted=weighted, max_count=8))
            if draw(st.integers(0, 5)) == 0:  # a cell with no answers, only missing ones
                tally = satisfy.Tally.from_counts(
                    [0] * scale.n_points, scale=scale, missing=tally.missing + 1
                )
            key = _date(offset + number, period)
            cells[(f"s{s}", key) if segmented else key] = tally
    names = ("segment", "period") if segmented else ("period",)
    grouped = satisfy.GroupedTally.from_tallies(cells, names=names)
    window = draw(st.integers(1, 12))  # often longer than the series
    adjust = draw(st.sampled_from(sorted(ADJUSTMENTS)))
    return metric, scale, period, segmented, grouped, window, adjust


def _numbers(keys, period):
    """Period numbers of the test's own keys (the inverse of ``_date``)."""
    if period is None:
        return list(keys)
    if period == "month":
        return [(k.year - 2020) * 12 + k.month - 1 for k in keys]
    if period == "week":
        return [(k - dt.date(2019, 12, 30)).days // 7 for k in keys]
    return [k.year - 2020 for k in keys]


def _reference(metric, scale, period, segmented, grouped, window, adjust):
    """Windows, values and changes one segment and one period at a time."""
    by_segment = {}
    for key, tally in grouped.items():
        segment, when = key if segmented else ("", key)
        by_segment.setdefault(segment, {})[_numbers([when], period)[0]] = tally
    rows = []
    for segment, cells in by_segment.items():  # in order of first appearance
        first, last = min(cells), max(cells)
        before = None
        for number in range(first, last + 1):
            merged = satisfy.Tally.empty(scale)
            for j in range(window):
                if number - j in cells:
                    merged = merged + cells[number - j]
            # no answers, or weights summing to zero: no estimate, no change to or from it
            estimate = metric(merged) if merged.total_weight > 0 else None
            change = None
            if before is not None and before.total_weight > 0 and estimate is not None:
                change = satisfy.compare(estimate, metric(before))
            rows.append((segment, number, merged, estimate, change))
            before = merged
    return rows


def _pvalue(comparison):
    """The comparison's p-value (named ``pvalue`` once results follow scipy's names)."""
    name = "pvalue" if hasattr(comparison, "pvalue") else "p_value"
    return getattr(comparison, name)


@settings(max_examples=150, deadline=None)
@given(series())
def test_windows_and_changes_match_one_segment_and_period_at_a_time(case):
    metric, _, period, segmented, grouped, window, adjust = case
    windows = satisfy.trailing(grouped, window=window, period=period)
    expected = _reference(*case)
    assert len(windows) == len(expected)
    assert windows.names == grouped.names
    keys = list(windows.groups)
    segments = [k[0] for k in keys] if segmented else [""] * len(keys)
    whens = [k[1] for k in keys] if segmented else keys
    assert list(zip(segments, _numbers(whens, period))) == [(s, n) for s, n, *_ in expected]
    counts = np.array([row[2].counts for row in expected])
    np.testing.assert_array_equal(windows.counts, counts)
    np.testing.assert_array_equal(windows.missing, [row[2].missing for row in expected])
    # the same sums in the same order: equal to the last bit
    np.testing.assert_array_equal(windows.weight_sums, [row[2].weight_sums for row in expected])
    np.testing.assert_array_equal(
        windows.weight_sq_sums, [row[2].weight_sq_sums for row in expected]
    )

    estimate = metric(windows)
    values = [np.nan if row[3] is None else row[3].value for row in expected]
    np.testing.assert_allclose(estimate.value, values, rtol=1e-12, atol=1e-12, equal_nan=True)

    changes = satisfy.period_changes(estimate, period=period, adjust=adjust)
    tested = [row[4] for row in expected]
    has = np.array([c is not None for c in tested])
    assert (~np.isnan(changes.pvalue) == has).all()
    previous = [keys[i - 1] if c is not None else None for i, c in enumerate(tested)]
    assert list(changes.previous) == previous
    if not has.any():
        assert np.isnan(changes.pvalue_adjusted).all()
        return
    for name, attribute in (("difference", "difference"), ("low", "low"), ("high", "high")):
        reference = [getattr(c, attribute) for c in tested if c is not None]
        np.testing.assert_allclose(
            getattr(changes, name)[has], reference, rtol=1e-9, atol=1e-9, equal_nan=True
        )
    p = np.array([_pvalue(c) for c in tested if c is not None])
    np.testing.assert_allclose(changes.pvalue[has], p, rtol=1e-9, atol=1e-12, equal_nan=True)
    finite = ~np.isnan(p)
    if finite.any():
        adjusted = multipletests(p[finite], method=ADJUSTMENTS[adjust])[1]
        np.testing.assert_allclose(
            changes.pvalue_adjusted[has][finite], adjusted, rtol=1e-9, atol=1e-12
        )
    assert changes.method == next(c for c in tested if c is not None).method  # the default


@pytest.mark.parametrize("period", ["day", "week", "month", "quarter", "year"])
def test_calendar_steps_cross_year_ends(period):
    starts = {
        "day": [dt.date(2025, 12, 31), dt.date(2026, 1, 2)],
        "week": [dt.date(2025, 12, 22), dt.date(2026, 1, 5)],
        "month": [dt.date(2025, 11, 1), dt.date(2026, 1, 1)],
        "quarter": [dt.date(2025, 7, 1), dt.date(2026, 1, 1)],
        "year": [dt.date(2024, 1, 1), dt.date(2026, 1, 1)],
    }[period]
    grouped = satisfy.GroupedTally.from_scores([10, 0], by=starts, scale="NPS")
    windows = satisfy.trailing(grouped, window=2, period=period)
    assert len(windows) == 3  # the period between them is filled
    assert windows.groups[0] == starts[0] and windows.groups[2] == starts[1]
    middle = windows.groups[1]
    assert starts[0] < middle < starts[1]
    assert windows.n.tolist() == [1, 1, 1]  # the middle window holds the first answer
