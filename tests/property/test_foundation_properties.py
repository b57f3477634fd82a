"""What must always hold for scales and tallies (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from satisfy import Tally, convert
from satisfy.errors import InvalidScoreError
from satisfy.testing import answers, scales, tallies


def _close(a: Tally, b: Tally) -> bool:
    return (
        a.scale == b.scale
        and a.missing == b.missing
        and np.array_equal(a.counts, b.counts)
        and np.allclose(a.weight_sums, b.weight_sums, rtol=1e-12, atol=0)
        and np.allclose(a.weight_sq_sums, b.weight_sq_sums, rtol=1e-12, atol=0)
    )


@st.composite
def three_tallies(draw):
    scale = draw(scales())
    return tuple(draw(tallies(scale)) for _ in range(3))


@given(three_tallies())
def test_merging_is_associative_and_commutative(abc):
    a, b, c = abc
    assert _close((a + b) + c, a + (b + c))
    assert a + b == b + a
    assert a + Tally.empty(a.scale) == a


@st.composite
def two_batches(draw):
    scale = draw(scales())
    a = draw(st.lists(answers(scale), max_size=30))
    b = draw(st.lists(answers(scale), max_size=30))
    positive = st.floats(0.01, 10)
    wa = draw(st.lists(positive, min_size=len(a), max_size=len(a)))
    wb = draw(st.lists(positive, min_size=len(b), max_size=len(b)))
    return scale, a, b, wa, wb


@given(two_batches())
def test_tally_of_a_concatenation_is_the_merge_of_tallies(batches):
    scale, a, b, wa, wb = batches
    assert Tally.from_scores(a, scale=scale) + Tally.from_scores(b, scale=scale) == (
        Tally.from_scores(a + b, scale=scale)
    )
    merged = Tally.from_scores(a, scale=scale, weights=wa) + Tally.from_scores(
        b, scale=scale, weights=wb
    )
    assert _close(merged, Tally.from_scores(a + b, scale=scale, weights=wa + wb))


@given(st.data())
def test_unit_weights_give_counts_and_n_eff_n(data):
    scale = data.draw(scales())
    xs = data.draw(st.lists(answers(scale), min_size=1, max_size=40))
    t = Tally.from_scores(xs, scale=scale, weights=np.ones(len(xs)))
    assert np.array_equal(t.weight_sums, t.counts)
    assert np.array_equal(t.weight_sq_sums, t.counts)
    assert t.n_eff == pytest.approx(t.n, rel=1e-12) or t.n == 0
    assert not t.is_weighted


@given(st.data())
def test_conversion_round_trips(data):
    # convert maps positions, so converting back with convert itself returns the input:
    # points and any number within the range, on presets and custom scales alike
    source = data.draw(scales())
    target = data.draw(scales())
    inside = st.floats(source.low, source.high, allow_nan=False)
    xs = data.draw(
        st.lists(
            st.one_of(st.sampled_from(source.points.tolist()), inside), min_size=1, max_size=20
        )
    )
    there = convert(xs, source, target)
    assert np.all((there >= target.low) & (there <= target.high))
    back = convert(there, target, source)
    np.testing.assert_allclose(back, xs, rtol=0, atol=1e-9 * (source.high - source.low))


@given(st.data())
def test_conversion_between_presets_round_trips(data):
    source = data.draw(scales(custom=False))
    target = data.draw(scales(custom=False))
    xs = data.draw(st.lists(st.floats(source.low, source.high), min_size=1, max_size=20))
    back = convert(convert(xs, source, target), target, source)
    np.testing.assert_allclose(back, xs, rtol=0, atol=1e-9)


@given(st.data())
def test_pomp_stays_in_0_100(data):
    scale = data.draw(scales())
    xs = data.draw(st.lists(answers(scale), max_size=20))
    p = scale.pomp(xs)
    ok = p[~np.isnan(p)]
    assert np.all((ok >= 0) & (ok <= 100))
    assert np.isnan(p).sum() == (scale.encode(xs) == -1).sum()


@given(scales())
def test_every_point_and_label_codes_back_to_its_point(scale):
    k = scale.n_points
    assert scale.encode(scale.points).tolist() == list(range(k))
    assert scale.encode([f"{p:g}" for p in scale.points]).tolist() == list(range(k))
    if scale.labels is not None:
        assert scale.encode(list(scale.labels)).tolist() == list(range(k))
        assert scale.encode([s.upper() for s in scale.labels]).tolist() == list(range(k))


@given(st.data())
def test_invalid_answers_raise_with_their_positions(data):
    scale = data.draw(scales())
    xs = data.draw(st.lists(answers(scale), min_size=1, max_size=20))
    off = st.one_of(
        st.just(scale.high + scale.step),
        st.just(scale.low - scale.step),
        st.just(scale.low + scale.step / 4),
        st.just("certainly not a label"),
    )
    positions = sorted(
        data.draw(st.sets(st.integers(0, len(xs) - 1), min_size=1, max_size=len(xs)))
    )
    for p in positions:
        xs[p] = data.draw(off)
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(xs, scale=scale)
    assert info.value.positions == positions


@given(st.data())
def test_omitted_missing_answers_are_counted(data):
    scale = data.draw(scales())
    xs = data.draw(st.lists(answers(scale), max_size=40))
    t = Tally.from_scores(xs, scale=scale)
    n_missing = sum(
        1 for x in xs if x is None or (isinstance(x, float) and np.isnan(x)) or x in ("", "  ")
    )
    assert t.missing == n_missing
    assert t.n == len(xs) - n_missing
