"""What must always hold for built weights (hypothesis): raked weights reproduce every
margin, post-stratification is raking on one variable, trimming keeps the total."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy

LEVELS_A = ["phone", "email", "chat", "in person"]
LEVELS_B = ["north", "south", "east"]


@st.composite
def samples(draw: st.DrawFn) -> tuple[dict[str, list[str]], np.ndarray, np.ndarray]:
    """Rows with two categorical columns, base weights, and positive 'population' weights
    whose margins the raking targets (so a solution with the sample's cells exists)."""
    n = draw(st.integers(min_value=2, max_value=40))
    a = draw(st.lists(st.sampled_from(LEVELS_A), min_size=n, max_size=n))
    b = draw(st.lists(st.sampled_from(LEVELS_B), min_size=n, max_size=n))
    positive = st.floats(min_value=0.1, max_value=10.0, allow_nan=False)
    base = np.array(draw(st.lists(positive, min_size=n, max_size=n)))
    population = np.array(draw(st.lists(positive, min_size=n, max_size=n))) * 100
    return {"a": a, "b": b}, base, population


def _margin(keys: list[str], w: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, x in zip(keys, w.tolist()):
        out[key] = out.get(key, 0.0) + x
    return out


@given(samples())
def test_raked_weights_reproduce_every_margin(
    sample: tuple[dict[str, list[str]], np.ndarray, np.ndarray],
) -> None:
    data, base, population = sample
    margins = {name: _margin(keys, population) for name, keys in data.items()}
    res = satisfy.rake(data, margins, weights=base, max_iter=5000, tol=1e-11)
    assert res.converged
    for name, keys in data.items():
        got = _margin(keys, res.weights)
        for key, total in margins[name].items():
            assert abs(got[key] - total) <= 1e-9 * total + 1e-9
    assert abs(res.total - population.sum()) <= 1e-9 * population.sum()


@given(samples())
def test_poststratify_is_rake_on_one_variable(
    sample: tuple[dict[str, list[str]], np.ndarray, np.ndarray],
) -> None:
    data, base, population = sample
    cells = {"a": _margin(data["a"], population)}
    post = satisfy.poststratify(data, cells, weights=base)
    raked = satisfy.rake(data, cells, weights=base)
    np.testing.assert_allclose(post.weights, raked.weights, rtol=1e-12)
    assert raked.iterations == 1 and raked.converged


@given(
    st.lists(st.floats(min_value=0.01, max_value=100.0), min_size=3, max_size=60),
    st.floats(min_value=0.0, max_value=0.45),
    st.floats(min_value=0.55, max_value=1.0),
    st.booleans(),
)
def test_trimming_keeps_the_total(
    weights: list[float], low_q: float, high_q: float, strict: bool
) -> None:
    w = np.array(weights)
    lower, upper = float(np.quantile(w, low_q)), float(np.quantile(w, high_q))
    assume(lower <= w.mean() <= upper)  # a total that weights inside the bounds can reach
    assume(((w >= lower) & (w <= upper)).any())  # else nothing can take up the trimmings
    res = satisfy.trim(w, lower=lower, upper=upper, strict=strict)
    assert abs(res.total - w.sum()) <= 1e-9 * w.sum()
    if strict and res.converged:
        assert res.weights.min() >= lower - 1e-9 * upper
        assert res.weights.max() <= upper * (1 + 1e-9)
