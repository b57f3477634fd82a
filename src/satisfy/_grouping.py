"""Group-key coding: the rows' keys (one column or several) as codes ``0..G-1`` and the
distinct keys, in sorted order, vectorised (no Python loop over rows except for keys numpy
cannot sort or hash).

The tallies (:class:`satisfy.GroupedTally`) and the frame adapters group with these.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding
from .errors import LengthMismatchError

__all__ = ["compact_codes", "factorize", "group_codes", "object_column"]

_INT64_MAX = int(np.iinfo(np.int64).max)


def factorize(keys: ArrayLike, *, what: str = "by") -> tuple[NDArray[np.intp], list[Any]]:
    """Codes 0..G-1 and the sorted distinct keys (first-seen order if unsortable).

    For dense integer keys the keys are the whole range min..max, some possibly unused.
    """
    arr = _coding.as_array(keys, what=what)
    if arr.dtype.kind in "iu" and arr.shape[0]:
        top = int(arr.view(np.dtype(f"u{arr.dtype.itemsize}")).max())
        if top <= arr.shape[0] + 1024:  # one pass: every key is in 0..top (no negatives)
            lo, hi = 0, top
        else:
            lo, hi = int(arr.min()), int(arr.max())
        if hi - lo <= arr.shape[0] + 1024:
            # Dense integer keys: every integer of the range is a key, O(n) with no sort.
            # Keys with no rows give empty groups, which the callers drop.
            if arr.dtype == np.intp and lo == 0:
                offset = arr
            else:
                offset = arr.astype(np.intp)
                offset -= lo
            return offset, list(range(lo, hi + 1))
    pd = sys.modules.get("pandas")
    if arr.dtype != object and not (arr.dtype.kind == "f" and np.isnan(arr).any()):
        if pd is not None and arr.shape[0] > 100_000:  # hashing beats sorting on big keys
            codes, uniques = pd.factorize(arr, sort=True)
            return np.asarray(codes, dtype=np.intp), np.asarray(uniques).tolist()
        uniques, inverse = np.unique(arr, return_inverse=True)
        return inverse.reshape(-1).astype(np.intp), uniques.tolist()
    if pd is not None:  # already imported by the caller: its hash factorisation is O(n)
        with contextlib.suppress(TypeError):
            codes, uniques = pd.factorize(arr, sort=True)
            found = list(uniques)
            codes = np.asarray(codes, dtype=np.intp)
            if (codes < 0).any():
                codes = np.where(codes < 0, len(found), codes)
                found.append(None)
            return codes, found
    lookup: dict[Any, int] = {}
    codes = np.empty(arr.shape[0], dtype=np.intp)
    for i, key in enumerate(arr.tolist()):
        if _coding.is_missing_value(key) and not isinstance(key, str):
            key = None
        codes[i] = lookup.setdefault(key, len(lookup))
    found = list(lookup)
    try:
        order = sorted(range(len(found)), key=lambda j: (found[j] is None, found[j]))
    except TypeError:
        return codes, found
    rank = np.empty(len(found), dtype=np.intp)
    rank[order] = np.arange(len(found))
    return rank[codes], [found[j] for j in order]


def compact_codes(codes: NDArray[np.intp], keys: list[Any]) -> tuple[NDArray[np.intp], list[Any]]:
    """Drop keys that no row uses (dense integer ranges leave some), renumbering codes."""
    present = np.bincount(codes, minlength=len(keys)) > 0
    if present.all():
        return codes, keys
    rank = np.cumsum(present) - 1
    return rank[codes], [key for key, used in zip(keys, present.tolist()) if used]


def group_codes(
    by: ArrayLike | Mapping[str, ArrayLike], *, compact: bool = True
) -> tuple[NDArray[np.intp], list[Hashable], tuple[str, ...]]:
    """Combined group codes, the group keys (tuples for several columns) and their names.

    Codes are ``0..G-1`` in the sorted order of the keys (lexicographic for tuples). With
    ``compact=False`` keys of a dense integer range that no row uses may be left in (the
    caller drops the groups that come out empty), which saves a pass over the rows.

    Several columns are combined one at a time: the codes so far (at most one per row,
    after factorising) times the next column's number of keys, plus its codes, then
    factorised again. The product never exceeds int64 (rows x keys), and when it would, a
    structured sort of the code pairs takes over. So the groups are exactly the key
    combinations present in the data, however many distinct values each column has.
    """
    if not isinstance(by, Mapping):
        codes, keys = factorize(by)
        if compact:
            codes, keys = compact_codes(codes, keys)
        return codes, keys, ()
    names = tuple(by)
    if not names:
        raise LengthMismatchError("by needs at least one column")
    parts = [factorize(by[name], what=f"by[{name!r}]") for name in names]
    n = parts[0][0].shape[0]
    for name, (codes, _) in zip(names, parts):
        if codes.shape[0] != n:
            raise LengthMismatchError(
                f"the columns of by have different lengths: by[{names[0]!r}] has {n}, "
                f"by[{name!r}] has {codes.shape[0]}"
            )
    if len(parts) == 1:
        codes, keys = compact_codes(*parts[0]) if compact else parts[0]
        return codes, keys, names
    combined, n_keys = compact_codes(*parts[0])
    g = len(n_keys)
    steps: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []  # (previous, this column)
    for codes, keys in parts[1:]:
        m = len(keys)
        if g * m <= _INT64_MAX:
            mixed = combined.astype(np.int64) * m
            mixed += codes
            combined, found = compact_codes(*factorize(mixed))
            used = np.asarray(found, dtype=np.int64)
            steps.append((used // m, used % m))
        else:  # pragma: no cover - needs over 3e9 rows: sort the pairs instead
            pairs = np.stack([combined.astype(np.int64), codes.astype(np.int64)], axis=1)
            uniq, inverse = np.unique(pairs, axis=0, return_inverse=True)
            combined = inverse.reshape(-1).astype(np.intp)
            steps.append((uniq[:, 0], uniq[:, 1]))
        g = steps[-1][0].shape[0]
    # Walk back from each final group to its code in every column.
    ids = np.arange(g)
    columns: list[list[Any]] = []
    for (previous, this), (_, keys) in zip(reversed(steps), reversed(parts[1:])):
        columns.append([keys[i] for i in this[ids].tolist()])
        ids = previous[ids]
    columns.append([n_keys[i] for i in ids.tolist()])
    tuples: list[Hashable] = list(zip(*reversed(columns)))
    return combined, tuples, names


def object_column(values: Sequence[Any]) -> NDArray[Any]:
    """A 1-D object array of the values as they are (tuples stay whole)."""
    out = np.empty(len(values), dtype=object)
    try:
        out[:] = values
    except (ValueError, TypeError):  # sequences as values: numpy would broadcast them
        for i, value in enumerate(values):
            out[i] = value
    return out
