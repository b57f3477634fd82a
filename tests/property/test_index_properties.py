"""What must always hold for composite indices."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

import satisfy

answers = st.lists(st.integers(1, 7), min_size=2, max_size=40)


@st.composite
def item_sets(draw):
    n = draw(st.integers(2, 40))
    k = draw(st.integers(1, 5))
    return {f"i{j}": draw(st.lists(st.integers(1, 7), min_size=n, max_size=n)) for j in range(k)}


@given(item_sets(), st.data())
def test_index_stays_in_0_100(items, data):
    w = {name: data.draw(st.floats(0.01, 10)) for name in items}
    idx = satisfy.index(items, item_weights=w, scale="LIKERT7")
    assert 0 <= idx.value <= 100
    assert np.all((idx.scores >= 0) & (idx.scores <= 100))
    low, high = idx.confidence_interval()
    assert 0 <= low <= high <= 100 or np.isnan(low)


@given(item_sets(), st.randoms())
def test_reordering_items_changes_nothing(items, random):
    names = list(items)
    random.shuffle(names)
    a = satisfy.index(items, scale="LIKERT7")
    b = satisfy.index({name: items[name] for name in names}, scale="LIKERT7")
    assert np.isclose(a.value, b.value) and np.allclose(a.scores, b.scores)
    assert np.isclose(a.reliability.alpha, b.reliability.alpha, equal_nan=True)


@given(answers, st.integers(2, 6))
@example(values=[2] * 10, k=2)  # found by the deep profile: constant items gave alpha 1.0
def test_equal_items_have_alpha_one_where_defined(values, k):
    rel = satisfy.cronbach_alpha({f"i{j}": values for j in range(k)}, scale="LIKERT7")
    if len(set(values)) > 1:
        assert np.isclose(rel.alpha, 1.0)
    else:
        assert np.isnan(rel.alpha)  # no variance: undefined, never a number


@given(answers)
def test_index_of_one_item_is_its_pomp_mean(values):
    idx = satisfy.index({"only": values}, scale="LIKERT7")
    assert np.isclose(idx.value, satisfy.pomp_mean(values, scale="LIKERT7").value)
