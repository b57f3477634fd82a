"""Hypothesis strategies for scales, answers and tallies.

For testing code that uses `satisfy` (and used by `satisfy`'s own property tests).
Needs hypothesis: the ``testing`` extra, ``pip install ".[testing]"`` in a clone.

Examples
--------
>>> from hypothesis import given
>>> from satisfy import Tally
>>> from satisfy.testing import tallies
>>> @given(tallies())
... def test_merging_with_empty_changes_nothing(t):
...     assert t + Tally.empty(t.scale) == t
>>> test_merging_with_empty_changes_nothing()
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from .scales import PRESETS, Scale
from .tally import GroupedTally, Tally

__all__ = ["answers", "grouped_tallies", "scales", "scores", "tallies", "weights"]


@st.composite
def _custom_scales(draw: st.DrawFn) -> Scale:
    step = draw(st.sampled_from([1.0, 0.5]))
    low = draw(st.integers(-5, 5)) * step
    n_points = draw(st.integers(2, 12))
    labelled = draw(st.booleans())
    labels = [f"level {chr(ord('a') + i)}" for i in range(n_points)] if labelled else None
    return Scale(
        low,
        low + step * (n_points - 1),
        step=step,
        labels=labels,
        name=draw(st.sampled_from(["", "custom"])),
        higher_is_better=draw(st.booleans()),
    )


def scales(*, presets: bool = True, custom: bool = True) -> st.SearchStrategy[Scale]:
    """Scales: the presets, and random custom scales (steps 1 and 0.5, with or without labels).

    Examples
    --------
    >>> from hypothesis import find
    >>> from satisfy.testing import scales
    >>> find(scales(custom=False), lambda s: not s.higher_is_better).name
    'CES5'
    """
    options: list[st.SearchStrategy[Scale]] = []
    if presets:
        options.append(st.sampled_from(list(PRESETS.values())))
    if custom:
        options.append(_custom_scales())
    if not options:
        raise ValueError("scales() needs presets=True or custom=True")
    return st.one_of(options)


def scores(scale: Scale) -> st.SearchStrategy[float]:
    """Valid point values of a scale, as floats.

    Examples
    --------
    >>> from hypothesis import find
    >>> from satisfy import scales as presets
    >>> from satisfy.testing import scores
    >>> find(scores(presets.HALF_STARS), lambda x: x > 4)
    4.5
    """
    return st.sampled_from(scale.points.tolist())


def answers(scale: Scale, *, missing: bool = True) -> st.SearchStrategy[Any]:
    """Raw answers in every accepted form: numbers, numeric text, labels in any case,
    labelled numbers, and (with ``missing=True``) None, NaN and empty text.

    Examples
    --------
    >>> from hypothesis import find
    >>> from satisfy import scales as presets
    >>> from satisfy.testing import answers
    >>> find(answers(presets.CSAT5), lambda a: isinstance(a, str) and "(" in a)
    '1 (Very dissatisfied)'
    """

    def forms(index: int) -> st.SearchStrategy[Any]:
        value = float(scale.points[index])
        text = f"{value:g}"
        options: list[st.SearchStrategy[Any]] = [
            st.just(value),
            st.just(text),
            st.just(f" {text} "),
        ]
        if value == int(value):
            options.append(st.just(int(value)))
        if scale.labels is not None:
            label = scale.labels[index]
            options += [
                st.just(label),
                st.just(label.upper()),
                st.just(f"  {label.lower()} "),
                st.just(f"{text} - {label}"),
                st.just(f"{text} ({label})"),
            ]
        return st.one_of(options)

    valid = st.integers(0, scale.n_points - 1).flatmap(forms)
    if not missing:
        return valid
    return st.one_of(valid, st.sampled_from([None, float("nan"), "", "  "]))


def weights(*, max_value: float = 100.0) -> st.SearchStrategy[float]:
    """Valid survey weights: finite, non-negative, sometimes zero."""
    return st.one_of(
        st.just(0.0),
        st.floats(min_value=1e-3, max_value=max_value, allow_nan=False, allow_infinity=False),
    )


@st.composite
def tallies(
    draw: st.DrawFn,
    scale: Scale | None = None,
    *,
    weighted: bool | None = None,
    max_count: int = 50,
) -> Tally:
    """Tallies of a scale (random when not given), weighted or not (random when None).

    Weighted tallies are built from drawn per-answer weights, so their weight sums and
    squared weight sums are consistent with each other.

    Examples
    --------
    >>> from hypothesis import find
    >>> from satisfy.testing import tallies
    >>> t = find(tallies(weighted=False), lambda t: t.n > 0)
    >>> bool((t.weight_sums == t.counts).all())
    True
    """
    if scale is None:
        scale = draw(scales())
    k = scale.n_points
    counts = draw(st.lists(st.integers(0, max_count), min_size=k, max_size=k))
    if weighted is None:
        weighted = draw(st.booleans())
    missing = draw(st.integers(0, 5))
    if not weighted:
        return Tally.from_counts(counts, scale=scale, missing=missing)
    wsum = np.zeros(k)
    wsq = np.zeros(k)
    for i, c in enumerate(counts):
        if c:
            w = np.array(draw(st.lists(weights(), min_size=c, max_size=c)))
            wsum[i] = w.sum()
            wsq[i] = (w * w).sum()
    return Tally(scale, counts, wsum, wsq, missing)


@st.composite
def grouped_tallies(
    draw: st.DrawFn,
    scale: Scale | None = None,
    *,
    max_groups: int = 6,
    weighted: bool | None = None,
) -> GroupedTally:
    """Grouped tallies with 1 to ``max_groups`` groups named ``"g0"``, ``"g1"``, ...

    Examples
    --------
    >>> from hypothesis import find
    >>> from satisfy.testing import grouped_tallies
    >>> find(grouped_tallies(), lambda g: len(g) == 3).groups
    ('g0', 'g1', 'g2')
    """
    if scale is None:
        scale = draw(scales())
    n_groups = draw(st.integers(1, max_groups))
    parts = {f"g{i}": draw(tallies(scale, weighted=weighted)) for i in range(n_groups)}
    return GroupedTally.from_tallies(parts)
