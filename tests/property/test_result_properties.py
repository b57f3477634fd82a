"""What must hold for every result type: plain data that survives JSON, frames that hold
the same numbers in every engine, reprs that name the level used, intervals that contain
their estimates, and pickling."""

from __future__ import annotations

import json
import math
import pickle
from typing import Any

import narwhals as nw
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfy

LEVELS = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.875])
KINDS = (
    "Estimate",
    "GroupedEstimate",
    "Comparison",
    "ComparisonTable",
    "GroupComparison",
    "Reliability",
    "CompositeIndex",
    "Gap",
    "GapTable",
    "DriverTable",
    "SampleSize",
    "PeriodChanges",
)


def _answers(draw: st.DrawFn, low: int, high: int, n: int, missing: bool = False) -> list[Any]:
    point = st.integers(low, high)
    element = st.one_of(point, st.none()) if missing else point
    return draw(st.lists(element, min_size=n, max_size=n))


def _estimate(draw: st.DrawFn, n: int) -> satisfy.Estimate:
    kind = draw(st.sampled_from(["nps", "csat", "mean_score"]))
    if kind == "nps":
        return satisfy.nps(_answers(draw, 0, 10, n))
    if kind == "csat":
        return satisfy.csat(_answers(draw, 1, 5, n))
    return satisfy.mean_score(_answers(draw, 1, 7, n), scale="LIKERT7")


@st.composite
def results(draw: st.DrawFn) -> tuple[str, Any, float]:
    """A result of a random type and the confidence level it was asked for."""
    kind = draw(st.sampled_from(KINDS))
    level = draw(LEVELS)
    n = draw(st.integers(3, 30))
    if kind == "Estimate":
        return kind, _estimate(draw, n), 0.95
    if kind == "GroupedEstimate":
        keys = draw(st.lists(st.sampled_from("abcdefgh"), min_size=n, max_size=n))
        return kind, satisfy.nps(_answers(draw, 0, 10, n), by={"segment": keys}), 0.95
    if kind == "Comparison":
        a = _estimate(draw, n)
        if draw(st.booleans()):
            target = draw(st.floats(a.definition.low, a.definition.high))
            alternative = draw(st.sampled_from(["two-sided", "greater", "less"]))
            return (
                kind,
                satisfy.compare(a, target, confidence_level=level, alternative=alternative),
                level,
            )
        calc = {"NPS": satisfy.nps, "CSAT": satisfy.csat}.get(a.metric)
        if calc is None:
            b = satisfy.mean_score(_answers(draw, 1, 7, n), scale="LIKERT7")
        else:
            low, high = (0, 10) if a.metric == "NPS" else (1, 5)
            b = calc(_answers(draw, low, high, draw(st.integers(3, 30))))
        return kind, satisfy.compare(a, b, confidence_level=level), level
    if kind in ("ComparisonTable", "GroupComparison"):
        keys = draw(st.lists(st.sampled_from("abcd"), min_size=n, max_size=n))
        if len(set(keys)) < 2:
            keys[0], keys[-1] = "a", "b"
        adjust = draw(st.sampled_from(["holm", "bonferroni", "bh", "none"]))
        res = satisfy.compare_groups(
            satisfy.csat(_answers(draw, 1, 5, n), by=keys), adjust=adjust, confidence_level=level
        )
        if kind == "ComparisonTable":
            return kind, draw(st.sampled_from([res.pairs, res.versus_rest])), level
        return kind, res, level
    if kind in ("Reliability", "CompositeIndex"):
        k = draw(st.integers(2, 4))
        items = {f"q{j}": _answers(draw, 1, 7, n, missing=True) for j in range(k)}
        try:
            if kind == "Reliability":
                return (
                    kind,
                    satisfy.cronbach_alpha(items, scale="LIKERT7", confidence_level=level),
                    level,
                )
            return (
                kind,
                satisfy.index(items, scale="LIKERT7", min_items=1, confidence_level=level),
                level,
            )
        except satisfy.EmptyDataError:
            items = {name: [4] * n for name in items}
            return kind, satisfy.index(items, scale="LIKERT7", confidence_level=level), level
    if kind in ("Gap", "GapTable"):
        by = draw(st.none() | st.lists(st.sampled_from("xy"), min_size=n, max_size=n))
        perceived = _answers(draw, 1, 7, n, missing=True)
        expected = _answers(draw, 1, 7, n)
        perceived[0] = perceived[0] or 4  # at least one complete pair
        if kind == "Gap":
            return (
                kind,
                satisfy.gap(perceived, expected, scale="LIKERT7", by=by, confidence_level=level),
                level,
            )
        both = {"speed": (perceived, expected), "price": (expected, perceived)}
        return kind, satisfy.gaps(both, scale="LIKERT7", by=by, confidence_level=level), level
    if kind == "PeriodChanges":
        periods = draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))
        g = satisfy.GroupedTally.from_scores(_answers(draw, 0, 10, n), by=periods, scale="NPS")
        method = draw(st.sampled_from([None, "wald"]))
        return (
            kind,
            satisfy.period_changes(satisfy.nps(g), confidence_level=level, method=method),
            level,
        )
    if kind == "DriverTable":
        m = max(n, 6)
        outcome = list(range(m))
        items = {
            "speed": [v + d for v, d in zip(outcome, _answers(draw, 0, 3, m))],
            "price": _answers(draw, 0, 5, m),
        }
        items["price"][:2] = [0, 5]  # never constant
        return kind, satisfy.drivers(outcome, items, confidence_level=level), level
    metric = draw(st.sampled_from(["nps", "csat", "mean"]))
    expected: Any = {"nps": (40.0, 20.0), "csat": 70.0, "mean": 1.5}[metric]
    scale = "LIKERT7" if metric == "mean" else None
    margin = 0.2 if metric == "mean" else draw(st.sampled_from([1.0, 5.0]))
    plan = satisfy.sample_size(metric, margin=margin, expected=expected, scale=scale)
    return kind, plan, level


def _plain(obj: Any) -> Any:
    return obj.to_records() if hasattr(obj, "to_records") else obj.to_dict()


def _same(a: Any, b: Any) -> bool:
    """Equal as plain data, NaN equal to NaN, None equal to NaN, tuples equal to lists."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if (a is None or (isinstance(a, float) and math.isnan(a))) and (
        b is None or (isinstance(b, float) and math.isnan(b))
    ):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float | np.number) and isinstance(b, int | float | np.number):
        return float(a) == float(b)
    return bool(a == b)


def _rows(obj: Any) -> list[dict[str, Any]]:
    """The flat rows a frame of ``obj`` must hold (nested mappings as ``key_sub``)."""
    if hasattr(obj, "to_records"):
        rows = obj.to_records()
        if isinstance(obj, satisfy.GroupedEstimate):
            rows = [{"segment": row.pop("group")} | row for row in rows]
    else:
        d = obj.to_dict()
        if isinstance(d.get("groups"), list):  # a grouped gap: one row per group
            groups = d.pop("groups")
            rows = [
                {k: (v[i] if isinstance(v, list) else v) for k, v in d.items()} | {"group": g}
                for i, g in enumerate(groups)
            ]
        else:
            rows = [d]
    flat = []
    for row in rows:
        out: dict[str, Any] = {}
        for key, value in row.items():
            if isinstance(value, dict):
                out.update({f"{key}_{sub}": v for sub, v in value.items()})
            else:
                out[key] = value
        flat.append(out)
    return flat


def _intervals(obj: Any) -> list[tuple[Any, satisfy.ConfidenceInterval]]:
    """Every (estimate, ConfidenceInterval) a result holds."""
    if isinstance(obj, satisfy.Estimate | satisfy.GroupedEstimate):
        return [(obj.value, obj.confidence_interval())]
    if isinstance(obj, satisfy.Comparison):
        return [(obj.difference, obj.confidence_interval())]
    if isinstance(obj, satisfy.ComparisonTable):
        return [(obj.difference, obj.confidence_interval())]
    if isinstance(obj, satisfy.GroupComparison):
        return _intervals(obj.pairs) + _intervals(obj.versus_rest)
    if isinstance(obj, satisfy.Reliability):
        return [(obj.alpha, obj.confidence_interval())]
    if isinstance(obj, satisfy.CompositeIndex):
        return [(obj.value, obj.confidence_interval()), *_intervals(obj.reliability)]
    if isinstance(obj, satisfy.Gap):
        return [
            pair for e in (obj.mean, obj.met, obj.perceived, obj.expected) for pair in _intervals(e)
        ]
    if isinstance(obj, satisfy.GapTable):
        return [pair for g in obj.values() for pair in _intervals(g)]
    if isinstance(obj, satisfy.PeriodChanges):
        return [(obj.difference, obj.confidence_interval())]
    if isinstance(obj, satisfy.DriverTable):
        return [(obj.correlation, obj.confidence_interval())]
    return []


@given(results())
def test_plain_data_round_trips_through_json(case):
    _, obj, _ = case
    data = _plain(obj)
    again = json.loads(json.dumps(data, allow_nan=True))
    assert _same(data, again)


@settings(max_examples=40)
@given(results(), st.sampled_from(["pandas", "polars", "pyarrow"]))
def test_frames_hold_the_numbers_of_the_records_in_every_engine(case, backend):
    _, obj, _ = case
    frame = obj.to_frame(backend=backend)
    assert type(frame).__module__.split(".")[0] == backend
    got = nw.from_native(frame, eager_only=True).rows(named=True)
    want = _rows(obj)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert list(g) == list(w)
        for key in w:
            assert _same(g[key], w[key]), (key, g[key], w[key])


@given(results())
def test_reprs_name_the_level_used(case):
    kind, obj, level = case
    text = repr(obj)
    if kind == "SampleSize":
        return  # a plan shows no interval
    if kind == "Gap" and isinstance(obj.mean, satisfy.GroupedEstimate):
        return  # a grouped gap shows each group's values, no interval
    if kind == "GapTable" and all(
        isinstance(g.mean, satisfy.GroupedEstimate) for g in obj.values()
    ):
        return
    assert f"{level * 100:.10g}% CI" in text
    others = {0.8, 0.9, 0.95, 0.99, 0.875} - {level}
    assert all(f"{o * 100:.10g}% CI" not in text for o in others)


@given(results())
def test_every_interval_contains_its_estimate(case):
    _, obj, _ = case
    for value, ci in _intervals(obj):
        assert isinstance(ci, satisfy.ConfidenceInterval)
        value, low, high = (np.asarray(x, dtype=np.float64) for x in (value, ci.low, ci.high))
        known = ~np.isnan(low) & ~np.isnan(value)
        tol = 1e-9 * max(1.0, float(np.abs(np.where(known, value, 0.0)).max(initial=1.0)))
        assert np.all(low[known] <= value[known] + tol)
        assert np.all(value[known] <= high[known] + tol)


@settings(max_examples=40)
@given(results())
def test_results_pickle(case):
    _, obj, _ = case
    again = pickle.loads(pickle.dumps(obj))
    assert repr(again) == repr(obj)
    assert _same(_plain(again), _plain(obj))


@pytest.mark.parametrize("kind", KINDS)
def test_every_result_kind_is_drawn(kind):
    # the strategy covers every result type (a kind left out would be tested by nothing)
    assert getattr(satisfy, kind).__name__ == kind
