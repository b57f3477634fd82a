"""What must always hold for tallies: weight scaling, merging, the long table (hypothesis)."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, Tally
from satisfy import scales as presets
from satisfy.errors import ColumnError, WeightError
from satisfy.testing import answers, grouped_tallies, scales, weights

RESERVED = ("group", "point", "count", "weight_sum", "weight_sq_sum")


def _close(a: float, b: float, tol: float = 1e-9) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def _grouped_close(a: GroupedTally, b: GroupedTally) -> bool:
    return (
        a.scale == b.scale
        and a.groups == b.groups
        and a.names == b.names
        and np.array_equal(a.counts, b.counts)
        and np.array_equal(a.missing, b.missing)
        and np.allclose(a.weight_sums, b.weight_sums, rtol=1e-12, atol=0)
        and np.allclose(a.weight_sq_sums, b.weight_sq_sums, rtol=1e-12, atol=0)
    )


# -- weights: scaling all of them by a constant changes nothing ------------------------

METRICS = [
    (satisfy.nps, presets.NPS, ["adjusted-wald", "wald"]),
    (satisfy.csat, presets.CSAT5, ["wilson", "agresti-coull"]),
    (satisfy.mean_score, presets.CSAT5, ["t"]),
]


@st.composite
def weighted_answers(draw):
    metric, scale, methods = draw(st.sampled_from(METRICS))
    xs = draw(st.lists(answers(scale, missing=False), min_size=2, max_size=40))
    base = st.floats(1e-10, 1e10, allow_nan=False, allow_infinity=False)
    ws = draw(st.lists(st.one_of(st.just(0.0), base), min_size=len(xs), max_size=len(xs)))
    assume(sum(ws) > 0)
    c = 10.0 ** draw(st.integers(-80, 80))
    return metric, methods, xs, np.array(ws), c


@given(weighted_answers())
def test_scaling_every_weight_changes_no_estimate_or_interval(case):
    metric, methods, xs, ws, c = case
    ref = metric(xs, weights=ws)
    got = metric(xs, weights=ws * c)
    assert _close(got.value, ref.value)
    assert _close(got.n_eff, ref.n_eff)
    for method in methods:
        a = got.confidence_interval(method=method)
        b = ref.confidence_interval(method=method)
        assert _close(a.low, b.low) and _close(a.high, b.high), (method, a, b)


@given(st.lists(st.one_of(weights(), st.floats(allow_nan=True)), min_size=1, max_size=30))
def test_weights_out_of_range_are_named_exactly(ws):
    arr = np.array(ws, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        ok = (arr == 0) | ((arr >= 1e-100) & (arr <= 1e100))
    scores = [5] * len(ws)
    if ok.all():
        if arr.sum() > 0:
            Tally.from_scores(scores, scale="CSAT5", weights=arr)
        return
    with pytest.raises(WeightError) as info:
        Tally.from_scores(scores, scale="CSAT5", weights=arr)
    assert info.value.positions == np.flatnonzero(~ok).tolist()


# -- merging ---------------------------------------------------------------------------


@st.composite
def grouped_batches(draw, n_batches=2):
    scale = draw(scales())
    keys = st.sampled_from(["north", "south", "east"])
    out = []
    for _ in range(n_batches):
        xs = draw(st.lists(answers(scale), max_size=25))
        by = draw(st.lists(keys, min_size=len(xs), max_size=len(xs)))
        ws = draw(st.lists(weights(), min_size=len(xs), max_size=len(xs)))
        out.append((xs, by, ws))
    return scale, out


def _grouped(scale, batch, weighted=True):
    xs, by, ws = batch
    return GroupedTally.from_scores(
        xs, by={"region": by}, scale=scale, weights=ws if weighted else None
    )


@given(grouped_batches(3))
def test_grouped_merging_is_associative_and_commutative(case):
    scale, batches = case
    assume(all(len(b[0]) for b in batches))
    a, b, c = (_grouped(scale, batch) for batch in batches)
    assert _grouped_close((a + b) + c, a + (b + c))
    assert a + b == b + a


@given(grouped_batches(2), st.booleans())
def test_grouped_merge_is_the_tally_of_the_concatenation(case, weighted):
    scale, ((xa, ga, wa), (xb, gb, wb)) = case
    assume(xa and xb)
    merged = _grouped(scale, (xa, ga, wa), weighted) + _grouped(scale, (xb, gb, wb), weighted)
    whole = _grouped(scale, (xa + xb, ga + gb, wa + wb), weighted)
    if weighted:
        assert _grouped_close(merged, whole)
    else:
        assert merged == whole
    assert merged.total().n == sum(1 for x in xa + xb if scale.encode([x])[0] >= 0)


# -- the long table ----------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=6)


@st.composite
def named_grouped_tallies(draw):
    scale = draw(scales())
    n_names = draw(st.integers(1, 3))
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(RESERVED), _TEXT.filter(bool)),
            min_size=n_names,
            max_size=n_names,
            unique=True,
        )
    )
    xs = draw(st.lists(answers(scale), min_size=1, max_size=30))
    by = {}
    for name in names:
        kind = draw(st.sampled_from(["int", "text", "int-or-none"]))
        if kind == "int":
            values = st.integers(-(10**12), 10**12)
        elif kind == "text":
            values = _TEXT
        else:
            values = st.one_of(st.integers(-3, 3), st.none())
        by[name] = draw(st.lists(values, min_size=len(xs), max_size=len(xs)))
    ws = draw(st.one_of(st.none(), st.lists(weights(), min_size=len(xs), max_size=len(xs))))
    return GroupedTally.from_scores(xs, by=by, scale=scale, weights=ws)


@given(named_grouped_tallies())
def test_every_group_name_round_trips_or_is_refused(g):
    if any(name in RESERVED for name in g.names):
        with pytest.raises(ColumnError):
            g.to_long()
        return
    assert GroupedTally.from_long(g.to_long(), scale=g.scale) == g


@given(grouped_tallies())
def test_unnamed_groups_round_trip(g):
    assert GroupedTally.from_long(g.to_long(), scale=g.scale) == g


@given(grouped_tallies(presets.NPS), grouped_tallies(presets.NPS))
def test_concatenated_long_tables_sum_to_the_merge(a, b):
    la, lb = a.to_long(), b.to_long()
    both = {k: la[k] + lb[k] for k in la}
    assert _grouped_close(GroupedTally.from_long(both, scale="NPS", duplicates="sum"), a + b)
