"""Checks shared by the several-question analyses (index, alpha, drivers and their specs).

Each mapping argument is checked against the items it is about: a scale or weight mapping
must name every item and nothing else, so that a typo or a forgotten item is an error
that names it, never an item silently left out or weighted zero.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _coding
from ._weights import MAX_WEIGHT, MIN_WEIGHT
from .errors import InvalidScoreError, MethodError, SatisfyError, ScaleError, WeightError
from .responses import Responses
from .scales import Scale, as_scale

__all__ = [
    "WEIGHT_RANGE",
    "check_min_items",
    "check_responses",
    "item_names",
    "item_scales",
    "item_weights",
    "numeric_column",
]

FloatArray = NDArray[np.float64]

# each nonzero weight within the one weight range of the library (see _weights)
WEIGHT_RANGE = (MIN_WEIGHT, MAX_WEIGHT)


def _listed(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _items(names: list[str]) -> str:
    return f"item{'s' if len(names) > 1 else ''} {_listed(names)}"


def _naming_problem(mapping: Mapping[Any, Any], names: list[str], noun: str) -> str:
    """What is wrong with a per-item mapping (items it misses, keys that are not items),
    or "" when it names exactly the items."""
    keys = [str(k) for k in mapping]
    missing = [n for n in names if n not in keys]
    unknown = [k for k in keys if k not in names]
    problems = []
    if missing:
        problems.append(f"no {noun} for {_items(missing)}")
    if unknown:
        problems.append(f"a {noun} for {_listed(unknown)}, which is not an item")
    return " and ".join(problems)


def item_names(items: Any) -> list[str]:
    """The items' names, as text; refuses an empty or non-mapping ``items`` and names that
    collide once made text (``1`` and ``"1"``)."""
    if not isinstance(items, Mapping) or not items:
        raise SatisfyError("give items as a mapping of item name to answers, at least one")
    names = [str(n) for n in items]
    seen: dict[str, Any] = {}
    for key, name in zip(items, names):
        if name in seen:
            raise SatisfyError(
                f"items {seen[name]!r} and {key!r} have the same name {name!r}; name each item once"
            )
        seen[name] = key
    return names


def item_scales(
    names: list[str], scale: Scale | str | Mapping[str, Scale | str] | None
) -> dict[str, Scale]:
    """One scale per item, from one scale for all or a mapping naming every item."""
    if scale is None:
        raise SatisfyError("give scale= (one scale for all items, or a mapping per item)")
    if isinstance(scale, Mapping):
        problem = _naming_problem(scale, names, "scale")
        if problem:
            raise ScaleError(f"scale= has {problem}; give one scale per item: {_listed(names)}")
        by_name = {str(k): v for k, v in scale.items()}
        return {n: as_scale(by_name[n]) for n in names}
    return dict.fromkeys(names, as_scale(scale))


def item_weights(names: list[str], weights: Mapping[str, float] | None) -> FloatArray:
    """Item weights in item order, normalised to sum to 1 (equal when not given).

    ``weights`` must name every item, each weight a positive finite number within
    :data:`WEIGHT_RANGE`.
    """
    if weights is None:
        return np.full(len(names), 1.0 / len(names))
    if not isinstance(weights, Mapping):
        raise WeightError(
            message=f"give item weights as a mapping of item name to weight, not {weights!r}"
        )
    problem = _naming_problem(weights, names, "weight")
    if problem:
        raise WeightError(
            message=f"item_weights has {problem}; give one weight per item: {_listed(names)}"
        )
    by_name: dict[str, Any] = {str(k): v for k, v in weights.items()}
    low, high = WEIGHT_RANGE
    w = np.empty(len(names))
    for j, name in enumerate(names):
        value = by_name[name]
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)
        if ok:
            w[j] = float(value)
            ok = bool(low <= w[j] <= high)  # False for NaN, inf, 0 and negatives
        if not ok:
            raise WeightError(
                message=f"weight of item {name!r} is {value!r}; item weights must be positive "
                f"numbers from {low:g} to {high:g} (leave an item out of items rather than "
                "weigh it 0)"
            )
    return np.asarray(w / w.sum(), dtype=np.float64)


def check_min_items(min_items: Any, k: int) -> int:
    """The number of items a customer must have answered: all by default."""
    if min_items is None:
        return k
    whole = isinstance(min_items, numbers.Integral) and not isinstance(min_items, bool | np.bool_)
    if not whole or not 1 <= int(min_items) <= k:
        raise SatisfyError(f"min_items={min_items!r}: give a whole number of items from 1 to {k}")
    return int(min_items)


def _points(scale: Scale) -> tuple[float, float, float, bool]:
    return (scale.low, scale.high, scale.step, scale.higher_is_better)


def check_responses(label: str, values: Responses, scale: Scale | None, function: str) -> None:
    """Responses bring their own scale: one given for them must agree. Their survey
    weights are not applied by ``function``, so weighted Responses are refused. ``label``
    names them in messages (``"item 'speed'"``, ``"the outcome"``)."""
    if scale is not None and _points(values.scale) != _points(scale):
        raise ScaleError(
            f"{label} holds answers on {values.scale} but scale= gives {scale} for it; "
            "Responses bring their own scale (leave it out of scale=, or make the two agree)"
        )
    if values.weights is not None:
        raise MethodError(
            f"{label} carries survey weights, which {function} does not apply; give "
            "its answers without weights (Responses.scores)"
        )


def numeric_column(values: Any, what: str) -> FloatArray:
    """Answers that must be numbers (no scale to read them), NaN where missing; refuses
    text and infinite values, naming their positions."""
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise SatisfyError(f"{what}: give the answers as a sequence, one per customer")
    arr = _coding.as_array(values, what=what)
    try:
        x = np.asarray(arr, dtype=np.float64)  # None and pandas' NA become NaN
    except (TypeError, ValueError):
        raise SatisfyError(
            f"{what} holds answers that are not numbers; give scale= to read labels"
        ) from None
    bad = np.flatnonzero(np.isinf(x))
    if bad.size:
        raise InvalidScoreError(
            bad.tolist(),
            x[bad].tolist(),
            where=f"of {what}",
            detail="Without scale=, answers must be finite numbers (NaN or None when missing)",
        )
    return x
