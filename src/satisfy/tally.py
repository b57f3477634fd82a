"""Tallies: per-point counts, weight sums and squared weight sums.

A :class:`Tally` is the sufficient statistic of a group of answers on a discrete scale.
It is tiny, exact and merges by addition, so streams, partitions and engines' partial
aggregates combine with ``+``. A :class:`GroupedTally` holds one tally per group as
``G x K`` arrays, built in one pass over the answers.

Examples
--------
>>> from satisfy import Tally, scales
>>> t = Tally.from_scores([10, 9, 7, None, 3], scale=scales.NPS)
>>> t
Tally(NPS (0-10): n=4, missing=1, counts 0:0 1:0 2:0 3:1 4:0 5:0 6:0 7:1 8:0 9:1 10:1)
>>> (t + t).n
8
"""

from __future__ import annotations

import contextlib
import math
import numbers
import sys
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _pickling
from ._coding import NanPolicy
from .errors import (
    EmptyDataError,
    LengthMismatchError,
    ScaleError,
    WeightError,
)
from .scales import Scale, _as_scale

__all__ = ["GroupedTally", "Tally"]


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    arr.setflags(write=False)
    return arr


def _int_array(values: ArrayLike) -> NDArray[np.int64]:
    return _frozen(np.array(values, np.int64))


def _float_array(values: ArrayLike) -> NDArray[np.float64]:
    return _frozen(np.array(values, np.float64))


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _check_arrays(
    scale: Scale,
    counts: NDArray[np.int64],
    weight_sums: NDArray[np.float64],
    weight_sq_sums: NDArray[np.float64],
    shape: tuple[int, ...],
) -> None:
    for name, arr in (
        ("counts", counts),
        ("weight_sums", weight_sums),
        ("weight_sq_sums", weight_sq_sums),
    ):
        if arr.shape != shape:
            raise LengthMismatchError(
                f"{name} has shape {arr.shape}; the scale {scale} needs {shape}"
            )
        if not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise WeightError(message=f"{name} must be finite and non-negative")
    if np.any((counts == 0) & ((weight_sums != 0) | (weight_sq_sums != 0))):
        raise WeightError(message="a point with no answers cannot have a weight")


def _as_weights(weights: ArrayLike, n: int, *, what: str = "weights") -> NDArray[np.float64]:
    try:
        w = np.asarray(_coding.as_array(weights, what=what), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, WeightError | LengthMismatchError):
            raise
        raise WeightError(message=f"{what} must be numbers: {exc}") from None
    if w.shape[0] != n:
        raise LengthMismatchError(f"{what} has {w.shape[0]} entries but there are {n} scores")
    return w


def _check_weights(w: NDArray[np.float64], *, what: str, integral: bool = False) -> None:
    ok = np.isfinite(w) & (w >= 0)
    if integral:
        ok &= w == np.round(w)
    if not ok.all():
        pos = np.flatnonzero(~ok)
        need = "non-negative whole numbers" if integral else "finite and non-negative"
        raise WeightError(pos.tolist(), w[pos].tolist(), detail=f"{what} must be {need}")


class _Accumulator:
    """Sums (G x (K + 1)) bins over chunks; the last bin of each group counts missing."""

    def __init__(self, n_groups: int, k: int, weighted: bool) -> None:
        self.k1 = k + 1
        self.size = n_groups * self.k1
        self.counts = np.zeros(self.size, dtype=np.int64)
        self.wsum = np.zeros(self.size, dtype=np.float64) if weighted else None
        self.wsq = np.zeros(self.size, dtype=np.float64) if weighted else None

    def add(
        self,
        bins: NDArray[np.intp],
        w: NDArray[np.float64] | None,
        f: NDArray[np.float64] | None,
    ) -> None:
        if f is None:
            self.counts += np.bincount(bins, minlength=self.size)
        else:
            self.counts += np.round(np.bincount(bins, weights=f, minlength=self.size)).astype(
                np.int64
            )
        if self.wsum is not None and self.wsq is not None:
            if w is None:  # frequencies only: each row has weight 1
                assert f is not None
                wf, wwf = f, f
            elif f is None:
                wf, wwf = w, w * w
            else:
                wf = w * f
                wwf = wf * w
            self.wsum += np.bincount(bins, weights=wf, minlength=self.size)
            self.wsq += np.bincount(bins, weights=wwf, minlength=self.size)


def _accumulate(
    scores: ArrayLike,
    scale: Scale,
    *,
    group_codes: NDArray[np.intp] | None,
    n_groups: int,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    nan_policy: NanPolicy,
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """(counts, weight_sums, weight_sq_sums) as G x K and missing as G, in one pass."""
    arr = _coding.as_array(scores)
    n = arr.shape[0]
    policy = _coding.check_nan_policy(nan_policy)
    w = None if weights is None else _as_weights(weights, n)
    f = None if frequencies is None else _as_weights(frequencies, n, what="frequencies")
    if w is not None:
        _check_weights(w, what="weights")
    if f is not None:
        _check_weights(f, what="frequencies", integral=True)
    if group_codes is not None and group_codes.shape[0] != n:
        raise LengthMismatchError(
            f"the groups have {group_codes.shape[0]} entries but there are {n} scores"
        )
    k = scale.n_points
    acc = _Accumulator(n_groups, k, weighted=w is not None or f is not None)
    for start, codes, _ in _coding.code_chunks(arr, scale, policy):
        stop = start + codes.shape[0]
        if group_codes is not None:
            bins = group_codes[start:stop] * (k + 1)
            bins += codes
        else:
            bins = codes
        acc.add(
            bins,
            None if w is None else w[start:stop],
            None if f is None else f[start:stop],
        )
    counts = acc.counts.reshape(n_groups, k + 1)
    missing = counts[:, k].copy()
    counts = np.ascontiguousarray(counts[:, :k])
    if acc.wsum is None or acc.wsq is None:
        wsum = counts.astype(np.float64)
        wsq = wsum.copy()
    else:
        wsum = np.ascontiguousarray(acc.wsum.reshape(n_groups, k + 1)[:, :k])
        wsq = np.ascontiguousarray(acc.wsq.reshape(n_groups, k + 1)[:, :k])
    return counts, wsum, wsq, missing


def _is_weighted(
    counts: NDArray[np.int64], weight_sums: NDArray[np.float64], weight_sq_sums: NDArray[np.float64]
) -> bool:
    return not (np.array_equal(weight_sums, counts) and np.array_equal(weight_sq_sums, counts))


def _counts_vector(counts: Any, scale: Scale) -> NDArray[np.int64]:
    k = scale.n_points
    if isinstance(counts, Mapping):
        out = np.zeros(k, dtype=np.int64)
        for point, count in counts.items():
            idx = scale.encode([point], nan_policy="raise")[0]
            out[idx] += _whole(count, f"count of {point!r}")
        return out
    arr = np.asarray(counts)
    if arr.ndim != 1 or arr.shape[0] != k:
        raise LengthMismatchError(
            f"counts needs one entry per point of {scale} ({k}), got shape {arr.shape}"
        )
    return np.array([_whole(c, f"count {i}") for i, c in enumerate(arr.tolist())], np.int64)


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise WeightError(message=f"{what} must be a whole number, got {value!r}")
    x = float(value)
    if not math.isfinite(x) or x < 0 or x != round(x):
        raise WeightError(message=f"{what} must be a non-negative whole number, got {value!r}")
    return round(x)


def _points_repr(scale: Scale, counts: NDArray[np.int64]) -> str:
    return " ".join(f"{p:g}:{c}" for p, c in zip(scale.points.tolist(), counts.tolist()))


@attrs.frozen(eq=False, repr=False)
class Tally:
    """Counts, weight sums and squared weight sums per point of a scale.

    Build one with :meth:`from_scores` or :meth:`from_counts`; merge with ``+``. The
    empty tally of a scale is the identity of merging.

    Attributes
    ----------
    scale : Scale
    counts : numpy.ndarray of int64
        Answers per point.
    weight_sums, weight_sq_sums : numpy.ndarray of float64
        Sum of weights and of squared weights per point (equal to ``counts`` when
        unweighted).
    missing : int
        Missing answers left out (``nan_policy="omit"``).

    Examples
    --------
    >>> from satisfy import Tally, scales
    >>> t = Tally.from_scores([5, 4, 4, 2], scale=scales.CSAT5, weights=[1, 2, 2, 1])
    >>> t.counts.tolist(), t.weight_sums.tolist()
    ([0, 1, 0, 2, 1], [0.0, 1.0, 0.0, 4.0, 1.0])
    >>> round(t.n_eff, 3)
    3.6
    """

    scale: Scale
    counts: NDArray[np.int64] = attrs.field(converter=_int_array)
    weight_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    weight_sq_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    missing: int = attrs.field(default=0, converter=int)

    # arrays stay read-only through pickle
    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    def __attrs_post_init__(self) -> None:
        _check_arrays(
            self.scale, self.counts, self.weight_sums, self.weight_sq_sums, (self.scale.n_points,)
        )
        if self.missing < 0:
            raise WeightError(message=f"missing must be non-negative, got {self.missing}")

    # -- construction -----------------------------------------------------------------

    @classmethod
    def from_scores(
        cls,
        scores: ArrayLike,
        *,
        scale: Scale | str,
        weights: ArrayLike | None = None,
        frequencies: ArrayLike | None = None,
        nan_policy: NanPolicy = "omit",
    ) -> Tally:
        """Tally raw answers in one pass.

        Parameters
        ----------
        scores : array-like
            Raw answers: numbers, numeric strings, labels or labelled numbers. A numpy
            array, list, pandas or polars Series all work.
        scale : Scale or str
            The scale, or a preset's name such as ``"NPS"``.
        weights : array-like, optional
            Survey (sampling) weights, one per answer: finite and non-negative.
        frequencies : array-like, optional
            Frequency weights (a count column): answer ``i`` stands for ``frequencies[i]``
            identical answers. Non-negative whole numbers.
        nan_policy : {"omit", "raise"}
            ``"omit"`` leaves missing answers out and counts them in ``missing``.

        Raises
        ------
        InvalidScoreError
            For answers that are not on the scale (never dropped silently).
        MissingScoreError
            For missing answers with ``nan_policy="raise"``.
        WeightError
            For negative, NaN or infinite weights, or weights summing to zero.
        LengthMismatchError
            When weights or frequencies do not have one entry per answer.

        Notes
        -----
        Numeric input is processed in chunks of 2^18 answers, so the memory beyond the
        input is a few MiB whatever its length.

        Examples
        --------
        >>> from satisfy import Tally, scales
        >>> Tally.from_scores(["Very satisfied", "4", 4, ""], scale="CSAT5").counts.tolist()
        [0, 0, 0, 2, 1]
        >>> Tally.from_scores([9, 6], scale=scales.NPS, frequencies=[30, 10]).counts[[6, 9]]
        array([10, 30])
        """
        scale = _as_scale(scale)
        counts, wsum, wsq, missing = _accumulate(
            scores,
            scale,
            group_codes=None,
            n_groups=1,
            weights=weights,
            frequencies=frequencies,
            nan_policy=nan_policy,
        )
        if counts[0].sum() > 0 and wsum[0].sum() == 0:
            raise WeightError(message="the weights of the answers sum to zero")
        return cls(scale, counts[0], wsum[0], wsq[0], int(missing[0]))

    @classmethod
    def from_counts(
        cls,
        counts: Sequence[Any] | Mapping[Any, Any] | NDArray[Any],
        *,
        scale: Scale | str,
        weight_sums: ArrayLike | None = None,
        weight_sq_sums: ArrayLike | None = None,
        missing: int = 0,
    ) -> Tally:
        """A tally from counts per point (a sequence, lowest point first, or a mapping).

        Parameters
        ----------
        counts : sequence or mapping
            One count per point, or ``{point or label: count}``.
        scale : Scale or str
        weight_sums, weight_sq_sums : array-like, optional
            Per-point weight sums; default to the counts (unweighted).
        missing : int
            Missing answers to record.

        Examples
        --------
        >>> from satisfy import Tally
        >>> Tally.from_counts({"Very satisfied": 3, 4: 2}, scale="CSAT5").counts.tolist()
        [0, 0, 0, 2, 3]
        """
        scale = _as_scale(scale)
        c = _counts_vector(counts, scale)
        wsum = c.astype(np.float64) if weight_sums is None else weight_sums
        wsq = c.astype(np.float64) if weight_sq_sums is None else weight_sq_sums
        return cls(scale, c, wsum, wsq, missing)

    @classmethod
    def empty(cls, scale: Scale | str) -> Tally:
        """The empty tally of a scale: the identity of ``+``.

        Examples
        --------
        >>> from satisfy import Tally
        >>> Tally.empty("NPS").n
        0
        """
        scale = _as_scale(scale)
        k = scale.n_points
        return cls(scale, np.zeros(k, np.int64), np.zeros(k), np.zeros(k), 0)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, scale: Scale | None = None) -> Tally:
        """Rebuild a tally from :meth:`to_dict` output.

        The scale is looked up among the presets by name unless given.

        Examples
        --------
        >>> from satisfy import Tally
        >>> t = Tally.from_scores([1, 2, 2], scale="CSAT5")
        >>> Tally.from_dict(t.to_dict()) == t
        True
        """
        resolved = _as_scale(data["scale"]) if scale is None else scale
        if "points" in data and list(data["points"]) != resolved.points.tolist():
            raise ScaleError(f"the points in the data do not match the scale {resolved}")
        return cls(
            resolved,
            data["counts"],
            data.get("weight_sums", data["counts"]),
            data.get("weight_sq_sums", data["counts"]),
            data.get("missing", 0),
        )

    # -- derived quantities -----------------------------------------------------------

    @property
    def n(self) -> int:
        """Number of (non-missing) answers."""
        return int(self.counts.sum())

    @property
    def total_weight(self) -> float:
        """Sum of the weights."""
        return float(self.weight_sums.sum())

    @property
    def n_eff(self) -> float:
        """Kish's effective sample size, ``(sum w)^2 / sum w^2`` (``n`` when unweighted).

        References
        ----------
        Kish, L. (1965). *Survey Sampling*. New York: Wiley.
        """
        wsq = float(self.weight_sq_sums.sum())
        return 0.0 if wsq == 0 else self.total_weight**2 / wsq

    @property
    def is_weighted(self) -> bool:
        """True when some weight differs from 1 (frequency weights alone do not count)."""
        return _is_weighted(self.counts, self.weight_sums, self.weight_sq_sums)

    @property
    def shares(self) -> NDArray[np.float64]:
        """Weighted share of each point (sums to 1).

        Raises
        ------
        EmptyDataError
            When the tally holds no weight.
        """
        total = self.total_weight
        if total == 0:
            raise EmptyDataError(f"no answers in this tally of {self.scale}: shares are undefined")
        return self.weight_sums / total

    # -- merging ----------------------------------------------------------------------

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        if other.scale != self.scale:
            raise ScaleError(f"cannot merge a tally of {self.scale} with one of {other.scale}")
        return Tally(
            self.scale,
            self.counts + other.counts,
            self.weight_sums + other.weight_sums,
            self.weight_sq_sums + other.weight_sq_sums,
            self.missing + other.missing,
        )

    def __radd__(self, other: object) -> Tally:
        if isinstance(other, int) and other == 0:  # so that sum(tallies) works
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tally):
            return NotImplemented
        return (
            self.scale == other.scale
            and self.missing == other.missing
            and np.array_equal(self.counts, other.counts)
            and np.array_equal(self.weight_sums, other.weight_sums)
            and np.array_equal(self.weight_sq_sums, other.weight_sq_sums)
        )

    __hash__ = None  # type: ignore[assignment]

    # -- output -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data: scale name, points, the three per-point arrays and totals.

        Examples
        --------
        >>> from satisfy import Tally
        >>> Tally.from_scores([4, 5], scale="CSAT5").to_dict()["counts"]
        [0, 0, 0, 1, 1]
        """
        return {
            "scale": self.scale.name,
            "points": self.scale.points.tolist(),
            "counts": self.counts.tolist(),
            "weight_sums": self.weight_sums.tolist(),
            "weight_sq_sums": self.weight_sq_sums.tolist(),
            "missing": self.missing,
            "n": self.n,
            "total_weight": self.total_weight,
            "n_eff": self.n_eff,
        }

    def __repr__(self) -> str:
        head = f"Tally({self.scale}: n={self.n}, missing={self.missing}"
        if self.is_weighted:
            head += f", total_weight={self.total_weight:.6g}, n_eff={self.n_eff:.1f}"
        return f"{head}, counts {_points_repr(self.scale, self.counts)})"


def _factorize(keys: ArrayLike, *, what: str = "by") -> tuple[NDArray[np.intp], list[Any]]:
    """Codes 0..G-1 and the sorted distinct keys (first-seen order if unsortable).

    For dense integer keys the keys are the whole range min..max, some possibly unused.
    """
    arr = _coding.as_array(keys, what=what)
    if arr.dtype.kind in "iu" and arr.shape[0]:
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


def _compact(codes: NDArray[np.intp], keys: list[Any]) -> tuple[NDArray[np.intp], list[Any]]:
    """Drop keys that no row uses (dense integer ranges leave some), renumbering codes."""
    present = np.bincount(codes, minlength=len(keys)) > 0
    if present.all():
        return codes, keys
    rank = np.cumsum(present) - 1
    return rank[codes], [key for key, used in zip(keys, present.tolist()) if used]


def _group_codes(
    by: ArrayLike | Mapping[str, ArrayLike],
) -> tuple[NDArray[np.intp], list[Hashable], tuple[str, ...]]:
    """Combined group codes, the group keys (tuples for several columns) and their names."""
    if not isinstance(by, Mapping):
        codes, keys = _compact(*_factorize(by))
        return codes, keys, ()
    names = tuple(by)
    if not names:
        raise LengthMismatchError("by needs at least one column")
    parts = [_factorize(by[name], what=f"by[{name!r}]") for name in names]
    n = parts[0][0].shape[0]
    combined = np.zeros(n, dtype=np.int64)
    for codes, keys in parts:
        if codes.shape[0] != n:
            raise LengthMismatchError("the columns of by have different lengths")
        combined = combined * len(keys) + codes
    if len(parts) == 1:
        codes, keys = _compact(*parts[0])
        return codes, keys, names
    inverse, used = _compact(*_factorize(combined))
    tuples: list[Hashable] = []
    for value in used:
        key: list[Any] = []
        for _, keys in reversed(parts):
            value, r = divmod(value, len(keys))
            key.append(keys[r])
        tuples.append(tuple(reversed(key)))
    return inverse, tuples, names


@attrs.frozen(eq=False, repr=False)
class GroupedTally:
    """One tally per group, stored as ``G x K`` arrays.

    Attributes
    ----------
    scale : Scale
    groups : tuple
        The group keys (tuples when grouped by several columns), sorted where possible.
    counts : numpy.ndarray of int64, shape (G, K)
    weight_sums, weight_sq_sums : numpy.ndarray of float64, shape (G, K)
    missing : numpy.ndarray of int64, shape (G,)
    names : tuple of str
        Names of the grouping columns, when given as a mapping.

    Examples
    --------
    >>> from satisfy import GroupedTally
    >>> g = GroupedTally.from_scores([9, 10, 3, 8], by=["web", "web", "phone", "phone"],
    ...                              scale="NPS")
    >>> g.groups
    ('phone', 'web')
    >>> g["web"].n, g.counts.shape
    (2, (2, 11))
    """

    scale: Scale
    groups: tuple[Hashable, ...] = attrs.field(converter=_to_tuple)
    counts: NDArray[np.int64] = attrs.field(converter=_int_array)
    weight_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    weight_sq_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    missing: NDArray[np.int64] = attrs.field(converter=_int_array)
    names: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    _index: dict[Hashable, int] = attrs.field(init=False, repr=False)

    # arrays stay read-only through pickle
    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    def __attrs_post_init__(self) -> None:
        g = len(self.groups)
        _check_arrays(
            self.scale,
            self.counts,
            self.weight_sums,
            self.weight_sq_sums,
            (g, self.scale.n_points),
        )
        if self.missing.shape != (g,) or np.any(self.missing < 0):
            raise LengthMismatchError(f"missing needs {g} non-negative entries")
        index = {key: i for i, key in enumerate(self.groups)}
        if len(index) != g:
            raise LengthMismatchError("group keys must be distinct")
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_scores(
        cls,
        scores: ArrayLike,
        *,
        by: ArrayLike | Mapping[str, ArrayLike],
        scale: Scale | str,
        weights: ArrayLike | None = None,
        frequencies: ArrayLike | None = None,
        nan_policy: NanPolicy = "omit",
    ) -> GroupedTally:
        """Tally raw answers per group in one pass.

        Parameters
        ----------
        scores : array-like
            Raw answers, as for :meth:`Tally.from_scores`.
        by : array-like or mapping of str to array-like
            One group key per answer, or several named key columns (the groups are then
            tuples of keys).
        scale, weights, frequencies, nan_policy
            As for :meth:`Tally.from_scores`.

        Examples
        --------
        >>> from satisfy import GroupedTally
        >>> g = GroupedTally.from_scores(
        ...     [5, 4, 1, 5],
        ...     by={"channel": ["chat", "chat", "phone", "phone"], "year": [1, 1, 1, 2]},
        ...     scale="CSAT5")
        >>> g.groups
        (('chat', 1), ('phone', 1), ('phone', 2))
        """
        scale = _as_scale(scale)
        codes, keys, names = _group_codes(by)
        counts, wsum, wsq, missing = _accumulate(
            scores,
            scale,
            group_codes=codes,
            n_groups=len(keys),
            weights=weights,
            frequencies=frequencies,
            nan_policy=nan_policy,
        )
        used = (counts.sum(axis=1) + missing) > 0  # drop keys of a dense range with no rows
        if not used.all():
            keys = [key for key, u in zip(keys, used.tolist()) if u]
            counts, wsum, wsq, missing = counts[used], wsum[used], wsq[used], missing[used]
        return cls(scale, keys, counts, wsum, wsq, missing, names)

    @classmethod
    def from_tallies(
        cls, tallies: Mapping[Any, Tally], *, names: Sequence[str] = ()
    ) -> GroupedTally:
        """Stack tallies of one scale into a grouped tally, keyed as the mapping is.

        Examples
        --------
        >>> from satisfy import GroupedTally, Tally
        >>> g = GroupedTally.from_tallies({"a": Tally.from_scores([1], scale="CSAT5"),
        ...                                "b": Tally.empty("CSAT5")})
        >>> g.n.tolist()
        [1, 0]
        """
        if not tallies:
            raise EmptyDataError("from_tallies needs at least one tally")
        items = list(tallies.items())
        scale = items[0][1].scale
        for key, t in items:
            if t.scale != scale:
                raise ScaleError(f"group {key!r} has scale {t.scale}, the first has {scale}")
        return cls(
            scale,
            [k for k, _ in items],
            np.stack([t.counts for _, t in items]),
            np.stack([t.weight_sums for _, t in items]),
            np.stack([t.weight_sq_sums for _, t in items]),
            [t.missing for _, t in items],
            names,
        )

    # -- mapping-like access ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.groups)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._index
        except TypeError:
            return False

    def __getitem__(self, key: Hashable) -> Tally:
        try:
            i = self._index[key]
        except (KeyError, TypeError):
            raise KeyError(f"no group {key!r}; groups: {list(self.groups)[:10]}") from None
        return Tally(
            self.scale,
            self.counts[i],
            self.weight_sums[i],
            self.weight_sq_sums[i],
            int(self.missing[i]),
        )

    def items(self) -> Iterator[tuple[Hashable, Tally]]:
        """``(key, Tally)`` pairs, in group order."""
        for key in self.groups:
            yield key, self[key]

    def total(self) -> Tally:
        """All groups merged into one tally.

        Examples
        --------
        >>> from satisfy import GroupedTally
        >>> GroupedTally.from_scores([1, 2, 3], by=[0, 1, 1], scale="CSAT5").total().n
        3
        """
        return Tally(
            self.scale,
            self.counts.sum(axis=0),
            self.weight_sums.sum(axis=0),
            self.weight_sq_sums.sum(axis=0),
            int(self.missing.sum()),
        )

    # -- per-group derived quantities -------------------------------------------------

    @property
    def n(self) -> NDArray[np.int64]:
        """Answers per group."""
        return np.asarray(self.counts.sum(axis=1), dtype=np.int64)

    @property
    def total_weight(self) -> NDArray[np.float64]:
        """Sum of weights per group."""
        return np.asarray(self.weight_sums.sum(axis=1), dtype=np.float64)

    @property
    def n_eff(self) -> NDArray[np.float64]:
        """Kish's effective sample size per group (0 for an empty group)."""
        wsq = self.weight_sq_sums.sum(axis=1)
        tw = self.total_weight
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(wsq > 0, tw * tw / np.where(wsq > 0, wsq, 1.0), 0.0)

    @property
    def is_weighted(self) -> bool:
        """True when some weight differs from 1."""
        return _is_weighted(self.counts, self.weight_sums, self.weight_sq_sums)

    @property
    def shares(self) -> NDArray[np.float64]:
        """Weighted shares per group and point (G x K).

        Raises
        ------
        EmptyDataError
            When a group holds no weight.
        """
        tw = self.total_weight
        if np.any(tw == 0):
            empty = [self.groups[i] for i in np.flatnonzero(tw == 0)[:5]]
            raise EmptyDataError(f"groups with no answers: {empty}; shares are undefined")
        return self.weight_sums / tw[:, None]

    # -- merging ----------------------------------------------------------------------

    def __add__(self, other: object) -> GroupedTally:
        """Merge group by group; a group present on one side only is kept as it is."""
        if not isinstance(other, GroupedTally):
            return NotImplemented
        if other.scale != self.scale:
            raise ScaleError(f"cannot merge tallies of {self.scale} with tallies of {other.scale}")
        if self.names != other.names:
            raise LengthMismatchError(
                f"grouped by {self.names} on one side and {other.names} on the other"
            )
        keys = list(self.groups) + [g for g in other.groups if g not in self._index]
        with contextlib.suppress(TypeError):
            keys.sort(key=lambda k: (k is None, k))
        where = {k: i for i, k in enumerate(keys)}
        k = self.scale.n_points
        counts = np.zeros((len(keys), k), dtype=np.int64)
        wsum = np.zeros((len(keys), k))
        wsq = np.zeros((len(keys), k))
        missing = np.zeros(len(keys), dtype=np.int64)
        for side in (self, other):
            rows = np.array([where[g] for g in side.groups], dtype=np.intp)
            counts[rows] += side.counts
            wsum[rows] += side.weight_sums
            wsq[rows] += side.weight_sq_sums
            missing[rows] += side.missing
        return GroupedTally(self.scale, keys, counts, wsum, wsq, missing, self.names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GroupedTally):
            return NotImplemented
        return (
            self.scale == other.scale
            and self.groups == other.groups
            and self.names == other.names
            and np.array_equal(self.counts, other.counts)
            and np.array_equal(self.weight_sums, other.weight_sums)
            and np.array_equal(self.weight_sq_sums, other.weight_sq_sums)
            and np.array_equal(self.missing, other.missing)
        )

    __hash__ = None  # type: ignore[assignment]

    def to_long(self) -> dict[str, list[Any]]:
        """The tallies as a long table of plain columns, to store and merge later.

        One row per group and point with answers, and one row per group with ``point``
        None holding the missing answers (so that every group survives the round trip).
        Columns: the group names (``"group"`` when unnamed; one per name for tuple keys),
        ``point``, ``count``, ``weight_sum`` and ``weight_sq_sum``. Any dataframe library
        builds a frame from it (``pandas.DataFrame(g.to_long())``).

        Examples
        --------
        >>> from satisfy import GroupedTally
        >>> g = GroupedTally.from_scores([5, 5, None], by=["a", "a", "b"], scale="CSAT5")
        >>> long = g.to_long()
        >>> list(zip(long["group"], long["point"], long["count"]))
        [('a', 5.0, 2), ('a', None, 0), ('b', None, 1)]
        >>> GroupedTally.from_long(long, scale="CSAT5") == g
        True
        """
        names = list(self.names) or ["group"]
        out: dict[str, list[Any]] = {name: [] for name in names}
        for column in ("point", "count", "weight_sum", "weight_sq_sum"):
            out[column] = []
        points = self.scale.points.tolist()
        for i, key in enumerate(self.groups):
            parts = key if len(names) > 1 and isinstance(key, tuple) else (key,)
            rows = [
                (
                    points[j],
                    int(self.counts[i, j]),
                    float(self.weight_sums[i, j]),
                    float(self.weight_sq_sums[i, j]),
                )
                for j in np.flatnonzero(self.counts[i]).tolist()
            ]
            rows.append((None, int(self.missing[i]), 0.0, 0.0))
            for row in rows:
                for name, part in zip(names, parts):
                    out[name].append(part)
                out["point"].append(row[0])
                out["count"].append(row[1])
                out["weight_sum"].append(row[2])
                out["weight_sq_sum"].append(row[3])
        return out

    @classmethod
    def from_long(
        cls, table: Any, *, scale: Scale | str, by: str | Sequence[str] | None = None
    ) -> GroupedTally:
        """Rebuild grouped tallies from a long table (see :meth:`to_long`).

        Rows of the same group and point are added, so the concatenation of two stored
        tables (yesterday's and today's) rebuilds their merge.

        Parameters
        ----------
        table : mapping of str to sequence, or a dataframe
            Columns: the group columns, ``point``, ``count``, and optionally
            ``weight_sum`` and ``weight_sq_sum`` (the counts when absent). A ``point`` of
            None (or NaN) holds missing answers.
        scale : Scale or str
        by : str or sequence of str, optional
            The group columns (default: every column that is not one of the above).

        Examples
        --------
        >>> from satisfy import GroupedTally
        >>> table = {"team": ["a", "a", "b"], "point": [9, 10, 3], "count": [4, 1, 2]}
        >>> GroupedTally.from_long(table, scale="NPS")["a"].n
        5
        """
        from ._tables import columns_of

        resolved = _as_scale(scale)
        columns = columns_of(table)
        known = {"point", "count", "weight_sum", "weight_sq_sum"}
        for required in ("point", "count"):
            if required not in columns:
                raise LengthMismatchError(f"the long table has no {required!r} column")
        names = (
            [n for n in columns if n not in known]
            if by is None
            else ([by] if isinstance(by, str) else list(by))
        )
        count = np.asarray(columns["count"], dtype=np.float64)
        _check_weights(count, what="count", integral=True)
        wsum = np.asarray(columns.get("weight_sum", count), dtype=np.float64)
        wsq = np.asarray(columns.get("weight_sq_sum", count), dtype=np.float64)
        codes = resolved.encode(np.asarray(columns["point"], dtype=object))
        found_names: tuple[str, ...] = ()
        if names == ["group"]:  # unnamed groups, as to_long writes them
            group_codes, groups, _ = _group_codes(np.asarray(columns["group"], dtype=object))
        elif names:
            keys = {name: np.asarray(columns[name], dtype=object) for name in names}
            group_codes, groups, found_names = _group_codes(keys)
        else:
            group_codes, groups = np.zeros(count.shape[0], np.intp), [()]
        k = resolved.n_points
        g = len(groups)
        counts = np.zeros((g, k), np.int64)
        sums = np.zeros((g, k))
        squares = np.zeros((g, k))
        missing = np.zeros(g, np.int64)
        valid = codes >= 0
        np.add.at(counts, (group_codes[valid], codes[valid]), count[valid].astype(np.int64))
        np.add.at(sums, (group_codes[valid], codes[valid]), wsum[valid])
        np.add.at(squares, (group_codes[valid], codes[valid]), wsq[valid])
        np.add.at(missing, group_codes[~valid], count[~valid].astype(np.int64))
        return cls(resolved, groups, counts, sums, squares, missing, found_names)

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data: scale, group names, and one :meth:`Tally.to_dict` per group."""
        return {
            "scale": self.scale.name,
            "names": list(self.names),
            "groups": [{"key": key, **t.to_dict()} for key, t in self.items()],
        }

    def __repr__(self) -> str:
        shown = ", ".join(f"{k!r}: n={n}" for k, n in zip(self.groups[:6], self.n.tolist()))
        more = f", ... ({len(self)} groups)" if len(self) > 6 else ""
        return f"GroupedTally({self.scale}: {shown}{more})"
