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
import decimal
import numbers
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _design, _grouping, _pickling, _weights
from ._coding import InvalidPolicy, NanPolicy
from ._design import DesignSums, LonelyPsu
from .errors import (
    ColumnError,
    DesignError,
    EmptyDataError,
    LengthMismatchError,
    SatisfyError,
    ScaleError,
    WeightError,
)
from .scales import Scale, as_scale

__all__ = ["GroupedTally", "Tally"]

_INT64_MAX = int(np.iinfo(np.int64).max)
_EXACT_FLOAT = 2**53  # floats above this are not all whole numbers a count could be

# Column names of the long table (GroupedTally.to_long / from_long).
_LONG_COLUMNS = ("point", "count", "weight_sum", "weight_sq_sum", "non_answers", "invalid")
_UNNAMED = "group"
_BUFFERED = 4  # grouped bins buffered per pass, in multiples of the G x (K + 1) output


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    arr.setflags(write=False)
    return arr


def _count_error(what: str, positions: Sequence[int], values: Sequence[Any]) -> WeightError:
    shown = ", ".join(f"{v!r} at position {p}" for p, v in zip(positions[:5], values[:5]))
    more = f", and {len(positions) - 5} more" if len(positions) > 5 else ""
    return WeightError(
        positions,
        values,
        message=(
            f"{what} must be whole numbers from 0 to 2^63 - 1 (floats only up to 2^53, "
            f"above which they are not exact): {shown}{more}"
        ),
    )


def _as_counts(values: Any, *, what: str = "counts") -> NDArray[np.int64]:
    """An int64 array of counts, refusing fractions, negatives, NaN and anything inexact.

    Positions in errors are flat (row-major) indices into the input.
    """
    if isinstance(values, np.ndarray) and values.dtype == np.int64 and not values.flags.writeable:
        return values  # already a frozen count array (ours): shared, not copied
    try:
        # Python numbers are read one by one: numpy would turn [2**53 + 1, 0.5] into floats
        # (and True into 1) before anything could be checked.
        arr = values if isinstance(values, np.ndarray) else np.array(values, dtype=object)
    except (TypeError, ValueError, OverflowError) as exc:
        raise WeightError(message=f"{what} must be whole numbers: {exc}") from None
    kind = arr.dtype.kind
    flat = arr.reshape(-1)
    if kind == "i":
        bad = np.flatnonzero(flat < 0)
    elif kind == "u":
        bad = np.flatnonzero(flat > _INT64_MAX)
    elif kind == "f":
        with np.errstate(invalid="ignore"):
            ok = (flat >= 0) & (flat <= _EXACT_FLOAT) & (flat == np.round(flat))
        bad = np.flatnonzero(~ok)
    elif kind == "O":
        exact = [_exact_count(v) for v in flat.tolist()]
        bad = np.array([i for i, v in enumerate(exact) if v is None], dtype=np.intp)
        if not bad.shape[0]:
            return _frozen(np.array(exact, dtype=np.int64).reshape(arr.shape))
    else:  # booleans, text, dates: not counts
        bad = np.arange(flat.shape[0])
    if bad.shape[0]:
        raise _count_error(what, bad.tolist(), [_plain(v) for v in flat[bad].tolist()])
    return _frozen(np.array(arr, dtype=np.int64))


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _exact_count(value: Any) -> int | None:
    """The count a Python value stands for exactly, or None."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        x = int(value)
        return x if 0 <= x <= _INT64_MAX else None
    if isinstance(value, numbers.Real):
        f = float(value)
        if f == f and 0 <= f <= _EXACT_FLOAT and f == round(f):
            return round(f)
    return None


def _as_count(value: Any, *, what: str) -> int:
    """One count (``missing``, a mapping's value) as an exact Python int."""
    exact = _exact_count(value)
    if exact is None:
        raise _count_error(what, [0], [value])
    return exact


def _missing_count(value: Any) -> int:
    return _as_count(value, what="missing")


def _missing_counts(values: Any) -> NDArray[np.int64]:
    return _as_counts(values, what="missing")


def _non_answer_count(value: Any) -> int:
    return _as_count(value, what="non_answers")


def _invalid_count(value: Any) -> int:
    return _as_count(value, what="invalid")


def _non_answer_counts(values: Any) -> NDArray[np.int64]:
    return _as_counts(values, what="non_answers")


def _invalid_counts(values: Any) -> NDArray[np.int64]:
    return _as_counts(values, what="invalid")


def _check_invalid(missing: Any, invalid: Any, groups: Sequence[Any] | None = None) -> None:
    """``invalid`` counts answers left out as not on the scale, which ``missing`` counts
    too: it cannot be larger."""
    over = np.flatnonzero(np.atleast_1d(np.asarray(invalid) > np.asarray(missing)))
    if over.shape[0]:
        r = int(over[0])
        where = "" if groups is None else f" in group {groups[r]!r}"
        inv, miss = np.atleast_1d(invalid)[r], np.atleast_1d(missing)[r]
        raise WeightError(
            message=f"invalid ({inv}) is more than missing ({miss}){where}: invalid counts "
            "the answers not on the scale that were left out, which missing counts too"
        )


def _float_array(values: ArrayLike) -> NDArray[np.float64]:
    if isinstance(values, np.ndarray) and values.dtype == np.float64 and not values.flags.writeable:
        return values
    try:
        return _frozen(np.array(values, np.float64))
    except (TypeError, ValueError) as exc:
        raise WeightError(message=f"weight sums must be numbers: {exc}") from None


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _where(index: int, shape: tuple[int, ...], groups: Sequence[Any] | None) -> str:
    if len(shape) == 1:
        return f"point {index}"
    g, k = divmod(index, shape[1])
    key = f"group {groups[g]!r}" if groups is not None else f"row {g}"
    return f"{key}, point {k}"


def _check_arrays(
    scale: Scale,
    counts: NDArray[np.int64],
    weight_sums: NDArray[np.float64],
    weight_sq_sums: NDArray[np.float64],
    missing: Any,
    shape: tuple[int, ...],
    groups: Sequence[Any] | None = None,
) -> None:
    """Validate the arrays of a tally built from outside (not from answers)."""
    for name, arr in (
        ("counts", counts),
        ("weight_sums", weight_sums),
        ("weight_sq_sums", weight_sq_sums),
    ):
        if arr.shape != shape:
            raise LengthMismatchError(
                f"{name} has shape {arr.shape}; the scale {scale} needs {shape}"
            )
    for name, arr in (("weight_sums", weight_sums), ("weight_sq_sums", weight_sq_sums)):
        with np.errstate(invalid="ignore"):
            bad = np.flatnonzero(~(np.isfinite(arr) & (arr >= 0)))
        if bad.shape[0]:
            i = int(bad[0])
            raise WeightError(
                bad.tolist(),
                arr.reshape(-1)[bad].tolist(),
                message=f"{name} must be finite and non-negative; "
                f"{_where(i, shape, groups)} has {arr.reshape(-1)[i]!r}",
            )
    _check_totals(counts, missing, groups)
    bad = np.flatnonzero(_weights.inconsistent_sums(counts, weight_sums, weight_sq_sums))
    if bad.shape[0]:
        i = int(bad[0])
        c, s, q = (a.reshape(-1)[i].item() for a in (counts, weight_sums, weight_sq_sums))
        raise WeightError(
            bad.tolist(),
            [],
            message=(
                f"no weights give count {c}, weight_sum {s!r} and weight_sq_sum {q!r} "
                f"({_where(i, shape, groups)}): with c answers of weights 0 or between "
                f"{_weights.MIN_WEIGHT:g} and {_weights.MAX_WEIGHT:g}, a point with no "
                "answers has no weight, weight_sum is 0 exactly when weight_sq_sum is, and "
                "weight_sum^2 / c <= weight_sq_sum <= weight_sum^2"
            ),
        )


def _check_totals(
    counts: NDArray[np.int64], missing: Any, groups: Sequence[Any] | None = None
) -> None:
    """Refuse tallies whose answers (counted, missing and non-answers) add up beyond int64.

    ``missing`` is an int (one tally) or an int64 array (one per group): the answers left
    out (missing ones and non-answers).
    """
    if counts.ndim == 1:
        total = sum(counts.tolist()) + int(missing)
        if total > _INT64_MAX:
            raise WeightError(
                message=f"{total} answers (counted and missing) are more than a tally holds "
                "(2^63 - 1)"
            )
        return
    rough = counts.sum(axis=-1, dtype=np.float64) + missing  # exact enough to screen
    for r in np.flatnonzero(rough >= 2.0**62).tolist():  # only groups near the limit
        total = sum(counts[r].tolist()) + int(missing[r])
        if total > _INT64_MAX:
            raise WeightError(
                message=f"{total} answers in group {_key(groups, r)!r} (counted and "
                "missing) are more than a tally holds (2^63 - 1)"
            )


def _key(groups: Sequence[Any] | None, r: int) -> Any:
    return r if groups is None else groups[r]


def _add_counts(a: NDArray[np.int64], b: NDArray[np.int64], what: str) -> NDArray[np.int64]:
    """``a + b`` for non-negative counts, refusing a sum beyond int64 instead of wrapping."""
    if np.any(b > _INT64_MAX - a):
        raise WeightError(message=f"merging would give more than 2^63 - 1 {what}")
    return a + b


def _is_real_number_type(kind: type) -> bool:
    """Whether values of this Python type are real numbers (or a missing None)."""
    if kind is bool or issubclass(kind, np.bool_):
        return False
    return kind is type(None) or (
        issubclass(kind, numbers.Real | decimal.Decimal)
        and not issubclass(kind, np.datetime64 | np.timedelta64)
    )


def _refuse_non_numbers(raw: NDArray[Any], what: str) -> None:
    """Weights are real numbers: text ("1"), booleans, complex numbers, dates and
    durations are refused rather than cast (numpy would read "2" as 2.0, drop an imaginary
    part, or take a date's nanoseconds)."""
    if raw.dtype.kind in "iuf":
        return
    if raw.dtype.kind == "O":
        if all(map(_is_real_number_type, set(map(type, raw)))):
            return
        at = next(i for i, v in enumerate(raw) if not _is_real_number_type(type(v)))
        raise WeightError(
            [at], [raw[at]], detail=f"{what} must be real numbers, not {type(raw[at]).__name__}"
        )
    raise WeightError(message=f"{what} must be real numbers, got an array of {raw.dtype}")


def _as_weights(weights: ArrayLike, n: int, *, what: str = "weights") -> NDArray[np.float64]:
    try:
        raw = _coding.as_array(weights, what=what)
        _refuse_non_numbers(raw, what)
        w = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, WeightError | LengthMismatchError):
            raise
        raise WeightError(message=f"{what} must be numbers: {exc}") from None
    if w.shape[0] != n:
        raise LengthMismatchError(f"{what} has {w.shape[0]} entries but there are {n} scores")
    return w


def _check_weights(w: NDArray[np.float64], *, what: str) -> None:
    _weights.check_weights(w, what=what)


@attrs.frozen
class _Frequencies:
    """Frequency weights: exact integers, and floats when their sums are exact in float64."""

    ints: NDArray[np.int64]
    floats: NDArray[np.float64]
    exact: bool  # True when every partial sum fits 2^53, so float bincounts are exact


def _as_frequencies(frequencies: ArrayLike, n: int) -> _Frequencies:
    arr = _coding.as_array(frequencies, what="frequencies")
    if arr.shape[0] != n:
        raise LengthMismatchError(
            f"frequencies has {arr.shape[0]} entries but there are {n} scores"
        )
    if arr.dtype.kind == "f" and arr.shape[0]:
        # Fast screen: whole, non-negative, exact floats need no per-value conversion.
        with np.errstate(invalid="ignore"):
            fine = arr.min() >= 0 and arr.max() <= _EXACT_FLOAT and np.all(arr == np.rint(arr))
        ints = arr.astype(np.int64) if fine else _as_counts(arr, what="frequencies")
    elif arr.dtype.kind == "i" and arr.shape[0] and arr.min() >= 0:
        ints = arr.astype(np.int64, copy=False)
    else:
        ints = _as_counts(arr, what="frequencies")
    floats = ints.astype(np.float64)
    total = float(floats.sum()) if floats.shape[0] else 0.0
    if total >= 2.0**62 and sum(ints.tolist()) > _INT64_MAX:
        raise WeightError(message="the frequencies add up to more than 2^63 - 1 answers")
    return _Frequencies(ints, floats, exact=total < _EXACT_FLOAT / 2)


class _Accumulator:
    """Sums (G x (K + 3)) bins over chunks; the last three bins of each group count missing
    answers, non-answers and invalid answers left out (see ``_coding``).

    With many groups, each ``bincount`` pass costs as much as its ``G x (K + 1)`` output,
    so the bins of consecutive chunks are gathered in a buffer (up to four outputs long)
    and counted together: a few passes instead of one per chunk.
    """

    def __init__(
        self,
        n_groups: int,
        k: int,
        n: int,
        w: NDArray[np.float64] | None,
        f: _Frequencies | None,
    ) -> None:
        self.k = k
        self.n_groups = n_groups
        self.k1 = k + _coding.EXTRA_BINS  # bins per group: the points, then answers left out
        self.size = n_groups * self.k1
        self.w = w
        self.f = f
        self.counts: NDArray[np.int64] | None = None
        self.wsum: NDArray[np.float64] | None = None
        self.wsq: NDArray[np.float64] | None = None
        cap = min(n, _BUFFERED * self.size) if self.size > _coding.CHUNK // 16 else 0
        self.buffer = np.empty(max(cap, _coding.CHUNK) if cap else 0, dtype=np.intp)
        self.start = 0  # the buffer holds the bins of rows start .. start + filled
        self.filled = 0
        self.offset = 0  # the buffered bins are the true bins plus this (see add_scores)
        self.scratch = np.empty(0, dtype=np.float64)

    def add_scores(self, arr: NDArray[Any], scale: Scale, groups: NDArray[np.intp] | None) -> bool:
        """The fast path for integer answers that are all points of the scale.

        The bins are made from the raw integers in one step (``group * K + score``;
        the scale's ``low`` is taken off the output instead of every answer), skipping the
        per-chunk coding. Returns False, with nothing counted, as soon as a chunk holds
        an answer off the scale: the general path then reports (or omits) it.
        """
        if (
            groups is None
            or not self.buffer.shape[0]
            or arr.dtype.kind not in "iu"
            or scale.step != 1
            or scale.low != int(scale.low)
            or scale.low < 0
        ):
            return False
        low, high = int(scale.low), int(scale.high)
        self.offset = low
        self.k1 = self.k  # no answers left out among integers: no bins for them
        self.size = self.n_groups * self.k1
        unsigned = np.dtype(f"u{arr.dtype.itemsize}")
        chunk_size = _coding.CHUNK
        for start in range(0, arr.shape[0], chunk_size):
            chunk = arr[start : start + chunk_size]
            if low == 0:  # one pass: negative numbers are huge as unsigned
                off_scale = chunk.view(unsigned).max() > high
            else:
                off_scale = chunk.min() < low or chunk.max() > high
            if off_scale:
                self.reset()
                return False
            m = chunk.shape[0]
            if self.filled + m > self.buffer.shape[0]:
                self.flush()
            if not self.filled:
                self.start = start
            out = self.buffer[self.filled : self.filled + m]
            np.multiply(groups[start : start + m], self.k1, out=out)
            np.add(out, chunk, out=out, casting="unsafe")  # in range: the cast is exact
            self.filled += m
        return True

    def reset(self) -> None:
        self.counts = self.wsum = self.wsq = None
        self.filled = 0
        self.offset = 0
        self.k1 = self.k + _coding.EXTRA_BINS
        self.size = self.n_groups * self.k1

    def add(self, start: int, codes: NDArray[np.intp], groups: NDArray[np.intp] | None) -> None:
        m = codes.shape[0]
        if not self.buffer.shape[0]:  # few bins: count each chunk as it comes
            if groups is None:
                bins = codes
            else:
                bins = groups[start : start + m] * self.k1
                bins += codes
            self._count(bins, start)
            return
        if self.filled + m > self.buffer.shape[0] or start != self.start + self.filled:
            self.flush()
        if not self.filled:
            self.start = start
        out = self.buffer[self.filled : self.filled + m]
        if groups is None:
            out[...] = codes
        else:
            np.multiply(groups[start : start + m], self.k1, out=out)
            out += codes
        self.filled += m

    def flush(self) -> None:
        if self.filled:
            self._count(self.buffer[: self.filled], self.start)
            self.filled = 0

    def _count(self, bins: NDArray[np.intp], start: int) -> None:
        rows = slice(start, start + bins.shape[0])
        off = self.offset
        size = self.size + off
        f = self.f
        if f is None:
            counts = np.bincount(bins, minlength=size)[off:]
        elif f.exact:
            counts = np.rint(np.bincount(bins, weights=f.floats[rows], minlength=size)[off:])
            counts = counts.astype(np.int64)
        else:  # sums beyond 2^53: exact integer adds (slow, and only for such totals)
            counts = np.zeros(size, dtype=np.int64)
            np.add.at(counts, bins, f.ints[rows])
            counts = counts[off:]
        if self.counts is None:
            self.counts = counts
        elif f is None or f.exact:  # totals below 2^53: no sum can wrap
            self.counts += counts
        else:
            self.counts = _add_counts(self.counts, counts, "answers")
        if self.w is None:
            return
        w = self.w[rows]
        m = w.shape[0]
        if self.scratch.shape[0] < m:  # one float buffer for the squares, reused per pass
            self.scratch = np.empty(max(m, self.buffer.shape[0]), dtype=np.float64)
        wwf = self.scratch[:m]
        if f is None:
            wf = w
            np.multiply(w, w, out=wwf)
        else:
            wf = w * f.floats[rows]
            np.multiply(wf, w, out=wwf)
        # numpy's stubs type every bincount as integers; with weights it is float64 (no copy)
        wsum = np.asarray(np.bincount(bins, weights=wf, minlength=size)[off:], np.float64)
        wsq = np.asarray(np.bincount(bins, weights=wwf, minlength=size)[off:], np.float64)
        if self.wsum is None or self.wsq is None:
            self.wsum, self.wsq = wsum, wsq
        else:
            self.wsum += wsum
            self.wsq += wsq

    def result(self, n_groups: int) -> _Accumulated:
        self.flush()
        k = self.k
        full = (
            np.zeros((n_groups, self.k1), np.int64)
            if self.counts is None
            else self.counts.reshape(n_groups, self.k1)
        )
        if self.k1 == k:  # the fast path kept no bin for answers left out
            missing = non_answers = invalid = _frozen(np.zeros(n_groups, np.int64))
            counts = _frozen(np.ascontiguousarray(full))
        else:
            invalid = _frozen(full[:, k + _coding.INVALID_BIN].copy())
            non_answers = _frozen(full[:, k + _coding.NON_ANSWER_BIN].copy())
            missing = _frozen(full[:, k + _coding.MISSING_BIN] + invalid)
            counts = _frozen(np.ascontiguousarray(full[:, :k]))
        if self.wsum is None or self.wsq is None:
            if self.w is None:  # unweighted (perhaps frequencies): the sums are the counts
                wsum = wsq = _frozen(counts.astype(np.float64))
            else:
                wsum = wsq = _frozen(np.zeros((n_groups, k)))
        else:
            wsum = _frozen(np.ascontiguousarray(self.wsum.reshape(n_groups, self.k1)[:, :k]))
            wsq = _frozen(np.ascontiguousarray(self.wsq.reshape(n_groups, self.k1)[:, :k]))
        return _Accumulated(counts, wsum, wsq, missing, non_answers, invalid)


class _Accumulated(NamedTuple):
    """What one pass over the answers gives: G x K arrays and G counts of answers left out."""

    counts: NDArray[np.int64]
    wsum: NDArray[np.float64]
    wsq: NDArray[np.float64]
    missing: NDArray[np.int64]  # missing answers and invalid ones left out
    non_answers: NDArray[np.int64]
    invalid: NDArray[np.int64]  # invalid answers left out (counted in missing too)


def _accumulate(
    scores: ArrayLike,
    scale: Scale,
    *,
    group_codes: NDArray[np.intp] | None,
    n_groups: int,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    nan_policy: NanPolicy,
    invalid_policy: InvalidPolicy = "raise",
) -> _Accumulated:
    """(counts, weight_sums, weight_sq_sums) as G x K, missing, non-answers and invalid
    answers left out as G, in one pass.

    The arrays come back frozen and valid (weights obey the range rule), ready for
    :func:`_build` without a second check.
    """
    arr = _coding.as_array(scores)
    n = arr.shape[0]
    policy = _coding.check_nan_policy(nan_policy)
    invalid = _coding.check_invalid_policy(invalid_policy)
    w = None if weights is None else _as_weights(weights, n)
    f = None if frequencies is None else _as_frequencies(frequencies, n)
    if w is not None:
        _check_weights(w, what="weights")
    if group_codes is not None and group_codes.shape[0] != n:
        raise LengthMismatchError(
            f"the groups have {group_codes.shape[0]} entries but there are {n} scores"
        )
    k = scale.n_points
    acc = _Accumulator(n_groups, k, n, w, f)
    if not acc.add_scores(arr, scale, group_codes):
        for start, codes, _ in _coding.code_chunks(arr, _coder(scale), policy, invalid):
            acc.add(start, codes, group_codes)
    return acc.result(n_groups)


def _coder(scale: Scale) -> _coding.Points:
    """The scale as the coder sees it: plain points, labels, wordings and non-answers
    (``_coding.points`` caches it by these plain values; a cache keyed by the Scale would
    hand a scale the coder of an equal one with other wordings or non-answers, as neither is
    part of a scale's equality)."""
    return _coding.points_of(scale)


def _is_weighted(
    counts: NDArray[np.int64], weight_sums: NDArray[np.float64], weight_sq_sums: NDArray[np.float64]
) -> bool:
    return not (np.array_equal(weight_sums, counts) and np.array_equal(weight_sq_sums, counts))


def _counts_vector(counts: Any, scale: Scale) -> NDArray[np.int64]:
    k = scale.n_points
    if isinstance(counts, Mapping):
        out = [0] * k
        for point, count in counts.items():
            idx = scale.encode([point], nan_policy="raise")[0]
            out[idx] += _as_count(count, what=f"the count of {point!r}")
        return _as_counts(out)
    arr = np.asarray(counts) if not isinstance(counts, list | tuple) else None
    shape = arr.shape if arr is not None else (len(counts),)
    if len(shape) != 1 or shape[0] != k:
        raise LengthMismatchError(
            f"counts needs one entry per point of {scale} ({k}), got shape {shape}"
        )
    return _as_counts(counts)


def _design_of(
    scores: ArrayLike,
    scale: Scale,
    *,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    cluster: ArrayLike | None,
    strata: ArrayLike | None,
    fpc: ArrayLike | None,
    lonely_psu: LonelyPsu,
    nan_policy: NanPolicy,
    invalid_policy: InvalidPolicy,
    group_codes: NDArray[np.intp] | None = None,
    n_groups: int = 1,
) -> DesignSums | None:
    """The design sums of answers already tallied (so already checked), or None when no
    design was given. A second coding pass gives every answer's point."""
    given = cluster is not None or strata is not None or fpc is not None
    if _design.check_options(given, lonely_psu, frequencies is not None) is None:
        return None
    arr = _coding.as_array(scores)
    n = arr.shape[0]
    k = scale.n_points
    chunks = [
        codes
        for _, codes, _ in _coding.code_chunks(
            arr,
            _coder(scale),
            _coding.check_nan_policy(nan_policy),
            _coding.check_invalid_policy(invalid_policy),
        )
    ]
    codes = np.concatenate(chunks) if chunks else np.zeros(0, np.intp)
    w = None if weights is None else _as_weights(weights, n)
    return _design.build(
        codes,
        k,
        weights=w,
        cluster=cluster,
        strata=strata,
        fpc=fpc,
        group_codes=group_codes,
        n_groups=n_groups,
        lonely_psu=lonely_psu,
    )


def _fpc_weights(
    scores: ArrayLike,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    cluster: ArrayLike | None,
    strata: ArrayLike | None,
    fpc: ArrayLike | None,
) -> ArrayLike | None:
    """The weights to tally with: as given, or, with an fpc and no weights, those the fpc
    implies (``N_h / n_h``, as R's ``svydesign`` derives them)."""
    if fpc is None or weights is not None or frequencies is not None:
        return weights
    n = _coding.as_array(scores).shape[0]
    return _design.fpc_weights(n, cluster=cluster, strata=strata, fpc=fpc)


def _refuse_design_merge(a: Any, b: Any) -> None:
    if a.design is not None or b.design is not None:
        raise DesignError(
            "tallies with a survey design (cluster=, strata=, fpc=) cannot be merged with +: "
            "a cluster or stratum may span both parts, so the design's sums do not add; "
            "tally all the answers at once"
        )


def _same_design(a: DesignSums | None, b: DesignSums | None) -> bool:
    if a is None or b is None:
        return a is b
    return (
        a.strata == b.strata
        and a.clustered == b.clustered
        and a.lonely_psu == b.lonely_psu
        and all(
            np.array_equal(getattr(a, name), getattr(b, name))
            for name in ("psus", "population", "sums", "cross", "present", "nonzero")
        )
    )


def _refuse_plain_design(design: DesignSums | None, what: str) -> None:
    if design is not None:
        raise DesignError(
            f"{what}() of a tally with a survey design would lose the design (its clusters' "
            "and strata's sums), and the tally read back would pass for a simple random "
            "sample; pickle the tally to keep it, or tally without cluster=, strata=, fpc="
        )


def _design_words(design: DesignSums) -> str:
    strata = f"{len(design.strata)} strata, " if design.stratified else ""
    psus = f"{int(design.psus.sum())} clusters" if design.clustered else "no clusters"
    return strata + psus + (", fpc" if design.finite else "")


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
        Answers left out: missing ones (``nan_policy="omit"``) and, with
        ``invalid_policy="omit"``, answers that are not on the scale.
    non_answers : int
        Answers that were a non-answer code of the scale (``Scale(non_answers=...)``:
        "N/A", "Don't know", 99): counted apart, in neither ``n`` nor ``missing``.
    invalid : int
        How many of ``missing`` were answers not on the scale, left out under
        ``invalid_policy="omit"`` (so ``invalid <= missing``).

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
    counts: NDArray[np.int64] = attrs.field(converter=_as_counts)
    weight_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    weight_sq_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    missing: int = attrs.field(default=0, converter=_missing_count)
    non_answers: int = attrs.field(default=0, kw_only=True, converter=_non_answer_count)
    invalid: int = attrs.field(default=0, kw_only=True, converter=_invalid_count)
    #: the survey design's sums (None without one); set by ``from_scores`` only
    design: DesignSums | None = attrs.field(default=None, init=False)

    # arrays stay read-only through pickle
    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    def __attrs_post_init__(self) -> None:
        _check_invalid(self.missing, self.invalid)
        _check_arrays(
            self.scale,
            self.counts,
            self.weight_sums,
            self.weight_sq_sums,
            self.missing + self.non_answers,
            (self.scale.n_points,),
        )

    @classmethod
    def _build(
        cls,
        scale: Scale,
        counts: NDArray[np.int64],
        weight_sums: NDArray[np.float64],
        weight_sq_sums: NDArray[np.float64],
        missing: int,
        non_answers: int = 0,
        invalid: int = 0,
        design: DesignSums | None = None,
    ) -> Tally:
        """A tally from arrays known to be valid (our own sums): no copies, no checks."""
        out = object.__new__(cls)
        for name, value in (
            ("scale", scale),
            ("counts", _frozen(counts)),
            ("weight_sums", _frozen(weight_sums)),
            ("weight_sq_sums", _frozen(weight_sq_sums)),
            ("missing", int(missing)),
            ("non_answers", int(non_answers)),
            ("invalid", int(invalid)),
            ("design", design),
        ):
            object.__setattr__(out, name, value)
        return out

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
        invalid_policy: InvalidPolicy = "raise",
        cluster: ArrayLike | None = None,
        strata: ArrayLike | None = None,
        fpc: ArrayLike | None = None,
        lonely_psu: LonelyPsu = "fail",
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
            Survey (sampling) weights, one per answer: finite, and either 0 or between
            1e-100 and 1e100 (so that squares and their sums stay exact float64
            numbers; within that range, multiplying every weight by a constant changes no
            estimate or interval).
        frequencies : array-like, optional
            Frequency weights (a count column): answer ``i`` stands for ``frequencies[i]``
            identical answers. Non-negative whole numbers (floats up to 2^53, integers up
            to 2^63 - 1 in total), counted exactly.
        nan_policy : {"omit", "raise"}
            ``"omit"`` leaves missing answers out and counts them in ``missing``.
        invalid_policy : {"raise", "omit"}
            ``"raise"`` refuses answers that are not on the scale; ``"omit"`` leaves them
            out and counts them in ``missing`` (with missing answers) and in ``invalid``,
            so the tally records how many answers were left out and why.
        cluster : array-like, optional
            The survey design's clusters (primary sampling units, PSUs), one id per
            answer: a customer or account answering several times. Estimates then use
            the ultimate-cluster (linearised) variance with the design's degrees of
            freedom (Wolter 2007; R's ``svydesign(ids=~cluster)``). Each id must lie in
            one stratum. Without it each answer is its own PSU.
        strata : array-like, optional
            The design's strata (regions, channels, tiers), one id per answer.
        fpc : array-like, optional
            Finite population correction, one value per answer and constant within a
            stratum, as R's ``fpc=``: the stratum's population count of PSUs (all values
            >= 1, at least the sample's PSUs in the stratum) or its sampling fraction
            (all values <= 1). Without ``weights``, each answer then weighs ``N_h / n_h``
            (the inverse of its PSU's sampling probability), as R's ``svydesign``
            derives the weights.
        lonely_psu : {"fail", "adjust", "certainty", "remove", "average"}
            A stratum with one PSU, as R's ``options(survey.lonely.psu=)``: ``"fail"``
            raises a :class:`DesignError`; ``"certainty"`` and ``"remove"`` let it add no
            variance; ``"adjust"`` centres it at the grand mean; ``"average"`` gives it
            the other strata's average.

        Raises
        ------
        InvalidScoreError
            For answers that are not on the scale, with their positions (never dropped
            silently: only ``invalid_policy="omit"`` leaves them out, and counts them).
        MissingScoreError
            For missing answers with ``nan_policy="raise"``.
        WeightError
            For weights that are negative, NaN, infinite, or nonzero outside
            [1e-100, 1e100] (naming each position), for weights summing to zero, and for
            frequencies that are not exact whole numbers or total more than 2^63 - 1.
        LengthMismatchError
            When weights, frequencies, cluster, strata or fpc do not have one entry per
            answer.
        DesignError
            For a design that cannot be used: missing cluster or stratum ids, a cluster in
            two strata, an fpc that varies within a stratum or is below its PSUs,
            frequencies with a design, a stratum with one PSU (``lonely_psu="fail"``).

        Notes
        -----
        Numeric input is processed in chunks of 2^18 answers, so the memory beyond the
        input is a few MiB whatever its length. With a design the answers are coded a
        second time, and the tally carries :class:`~satisfy._design.DesignSums` in
        ``design``: per stratum the weight sums per point and their cross-products over
        the clusters (``K x K``), whatever the number of clusters. Such a tally does not
        merge with ``+`` (a cluster may span both parts).

        Examples
        --------
        >>> from satisfy import Tally, scales
        >>> Tally.from_scores(["Very satisfied", "4", 4, ""], scale="CSAT5").counts.tolist()
        [0, 0, 0, 2, 1]
        >>> Tally.from_scores([9, 6], scale=scales.NPS, frequencies=[30, 10]).counts[[6, 9]]
        array([10, 30])
        >>> t = Tally.from_scores([9, "9 10", 11, None], scale="NPS", invalid_policy="omit")
        >>> t.n, t.missing, t.invalid
        (1, 3, 2)

        Non-answer codes of the scale are counted apart:

        >>> nps = scales.NPS.with_non_answers(["Don't know", 99])
        >>> Tally.from_scores([10, 99, "don't know", 7], scale=nps).non_answers
        2

        A design: two answers from customer "a", one from "b", in two strata:

        >>> t = Tally.from_scores([9, 10, 3, 8], scale="NPS", cluster=["a", "a", "b", "c"],
        ...                       strata=["x", "x", "y", "y"])
        >>> t.design
        DesignSums(1 groups, 2 strata, 3 PSUs (clusters), lonely_psu='fail')
        """
        scale = as_scale(scale)
        weights = _fpc_weights(scores, weights, frequencies, cluster, strata, fpc)
        acc = _accumulate(
            scores,
            scale,
            group_codes=None,
            n_groups=1,
            weights=weights,
            frequencies=frequencies,
            nan_policy=nan_policy,
            invalid_policy=invalid_policy,
        )
        if acc.counts[0].sum() > 0 and acc.wsum[0].sum() == 0:
            raise WeightError(message="the weights of the answers sum to zero")
        design = _design_of(
            scores,
            scale,
            weights=weights,
            frequencies=frequencies,
            cluster=cluster,
            strata=strata,
            fpc=fpc,
            lonely_psu=lonely_psu,
            nan_policy=nan_policy,
            invalid_policy=invalid_policy,
        )
        return cls._build(
            scale,
            acc.counts[0],
            acc.wsum[0],
            acc.wsq[0],
            int(acc.missing[0]),
            int(acc.non_answers[0]),
            int(acc.invalid[0]),
            design,
        )

    @classmethod
    def from_counts(
        cls,
        counts: Sequence[Any] | Mapping[Any, Any] | NDArray[Any],
        *,
        scale: Scale | str,
        weight_sums: ArrayLike | None = None,
        weight_sq_sums: ArrayLike | None = None,
        missing: int = 0,
        non_answers: int = 0,
        invalid: int = 0,
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
        non_answers : int
            Non-answers to record.
        invalid : int
            How many of ``missing`` were answers not on the scale.

        Examples
        --------
        >>> from satisfy import Tally
        >>> Tally.from_counts({"Very satisfied": 3, 4: 2}, scale="CSAT5").counts.tolist()
        [0, 0, 0, 2, 3]
        """
        scale = as_scale(scale)
        c = _counts_vector(counts, scale)
        wsum = c.astype(np.float64) if weight_sums is None else weight_sums
        wsq = c.astype(np.float64) if weight_sq_sums is None else weight_sq_sums
        return cls(scale, c, wsum, wsq, missing, non_answers=non_answers, invalid=invalid)

    @classmethod
    def empty(cls, scale: Scale | str) -> Tally:
        """The empty tally of a scale: the identity of ``+``.

        Examples
        --------
        >>> from satisfy import Tally
        >>> Tally.empty("NPS").n
        0
        """
        scale = as_scale(scale)
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
        resolved = as_scale(data["scale"]) if scale is None else scale
        if "points" in data and list(data["points"]) != resolved.points.tolist():
            raise ScaleError(f"the points in the data do not match the scale {resolved}")
        return cls(
            resolved,
            data["counts"],
            data.get("weight_sums", data["counts"]),
            data.get("weight_sq_sums", data["counts"]),
            data.get("missing", 0),
            non_answers=data.get("non_answers", 0),
            invalid=data.get("invalid", 0),
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
            left = f" (and {self.non_answers} non-answers)" if self.non_answers else ""
            raise EmptyDataError(
                f"no answers in this tally of {self.scale}{left}: shares are undefined"
            )
        return self.weight_sums / total

    # -- merging ----------------------------------------------------------------------

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        _refuse_design_merge(self, other)
        if other.scale != self.scale:
            raise ScaleError(f"cannot merge a tally of {self.scale} with one of {other.scale}")
        counts = _add_counts(self.counts, other.counts, "answers")
        missing = self.missing + other.missing
        non_answers = self.non_answers + other.non_answers
        _check_totals(counts, missing + non_answers)
        return Tally._build(
            self.scale,
            counts,
            self.weight_sums + other.weight_sums,
            self.weight_sq_sums + other.weight_sq_sums,
            missing,
            non_answers,
            self.invalid + other.invalid,
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
            and self.non_answers == other.non_answers
            and self.invalid == other.invalid
            and np.array_equal(self.counts, other.counts)
            and np.array_equal(self.weight_sums, other.weight_sums)
            and np.array_equal(self.weight_sq_sums, other.weight_sq_sums)
            and _same_design(self.design, other.design)
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

        Raises
        ------
        DesignError
            For a tally with a survey design: its design's sums would be lost, and the
            tally read back would pass for a simple random sample (pickle it instead).
        """
        _refuse_plain_design(self.design, "to_dict")
        return {
            "scale": self.scale.name,
            "points": self.scale.points.tolist(),
            "counts": self.counts.tolist(),
            "weight_sums": self.weight_sums.tolist(),
            "weight_sq_sums": self.weight_sq_sums.tolist(),
            "missing": self.missing,
            "non_answers": self.non_answers,
            "invalid": self.invalid,
            "n": self.n,
            "total_weight": self.total_weight,
            "n_eff": self.n_eff,
        }

    def __repr__(self) -> str:
        head = f"Tally({self.scale}: n={self.n}, missing={self.missing}"
        if self.invalid:
            head += f" (invalid={self.invalid})"
        if self.non_answers:
            head += f", non_answers={self.non_answers}"
        if self.is_weighted:
            head += f", total_weight={self.total_weight:.6g}, n_eff={self.n_eff:.1f}"
        if self.design is not None:
            head += f", design: {_design_words(self.design)}"
        return f"{head}, counts {_points_repr(self.scale, self.counts)})"


def _refuse_duplicate_rows(
    cell: NDArray[np.int64], k: int, groups: Sequence[Any], scale: Scale
) -> None:
    order = np.argsort(cell, kind="stable")
    ranked = cell[order]
    same = np.flatnonzero(ranked[1:] == ranked[:-1])
    if not same.shape[0]:
        return
    first, second = sorted(order[[same[0], same[0] + 1]].tolist())
    g, point = divmod(int(ranked[same[0]]), k + 1)
    what = "missing answers" if point == k else f"point {scale.points[point].item():g}"
    raise SatisfyError(
        f"the long table has {same.shape[0] + 1} rows for group {groups[g]!r} and {what} "
        f'(rows {first} and {second}); pass duplicates="sum" to add such rows'
    )


def _sum_counts(cell: NDArray[np.int64], count: NDArray[np.int64], size: int) -> NDArray[Any]:
    """Counts added per cell, exactly (object integers when the total nears int64's limit)."""
    if float(count.sum(dtype=np.float64)) < _EXACT_FLOAT / 2:
        return np.rint(np.bincount(cell, weights=count, minlength=size)).astype(np.int64)
    out = np.zeros(size, dtype=object)
    np.add.at(out, cell, count.astype(object))
    return out


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
    non_answers : numpy.ndarray of int64, shape (G,)
        Per group, as ``Tally.non_answers`` (zeros when not given).
    invalid : numpy.ndarray of int64, shape (G,)
        Per group, as ``Tally.invalid`` (zeros when not given).

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
    counts: NDArray[np.int64] = attrs.field(converter=_as_counts)
    weight_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    weight_sq_sums: NDArray[np.float64] = attrs.field(converter=_float_array)
    missing: NDArray[np.int64] = attrs.field(converter=_missing_counts)
    names: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    non_answers: NDArray[np.int64] = attrs.field(
        default=attrs.Factory(lambda self: np.zeros(len(self.groups), np.int64), takes_self=True),
        kw_only=True,
        converter=_non_answer_counts,
    )
    invalid: NDArray[np.int64] = attrs.field(
        default=attrs.Factory(lambda self: np.zeros(len(self.groups), np.int64), takes_self=True),
        kw_only=True,
        converter=_invalid_counts,
    )
    #: the survey design's sums (None without one); set by ``from_scores`` only
    design: DesignSums | None = attrs.field(default=None, init=False)
    _index: dict[Hashable, int] | None = attrs.field(init=False, repr=False, default=None)

    # arrays stay read-only through pickle
    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    def __attrs_post_init__(self) -> None:
        g = len(self.groups)
        for name in ("missing", "non_answers", "invalid"):
            shape = getattr(self, name).shape
            if shape != (g,):
                raise LengthMismatchError(f"{name} has shape {shape}; {g} groups need ({g},)")
        _check_invalid(self.missing, self.invalid, self.groups)
        _check_arrays(
            self.scale,
            self.counts,
            self.weight_sums,
            self.weight_sq_sums,
            _add_counts(self.missing, self.non_answers, "answers left out"),
            (g, self.scale.n_points),
            self.groups,
        )
        index = {key: i for i, key in enumerate(self.groups)}
        if len(index) != g:
            raise LengthMismatchError("group keys must be distinct")
        object.__setattr__(self, "_index", index)

    @classmethod
    def _build(
        cls,
        scale: Scale,
        groups: tuple[Hashable, ...],
        counts: NDArray[np.int64],
        weight_sums: NDArray[np.float64],
        weight_sq_sums: NDArray[np.float64],
        missing: NDArray[np.int64],
        names: tuple[str, ...],
        non_answers: NDArray[np.int64] | None = None,
        invalid: NDArray[np.int64] | None = None,
        design: DesignSums | None = None,
    ) -> GroupedTally:
        """Grouped tallies from arrays known to be valid, with distinct keys: no checks."""
        out = object.__new__(cls)
        zeros = np.zeros(len(groups), np.int64)
        for name, value in (
            ("scale", scale),
            ("groups", groups),
            ("counts", _frozen(counts)),
            ("weight_sums", _frozen(weight_sums)),
            ("weight_sq_sums", _frozen(weight_sq_sums)),
            ("missing", _frozen(missing)),
            ("names", names),
            ("non_answers", _frozen(zeros if non_answers is None else non_answers)),
            ("invalid", _frozen(zeros if invalid is None else invalid)),
            ("design", design),
            ("_index", None),
        ):
            object.__setattr__(out, name, value)
        return out

    @property
    def _lookup(self) -> dict[Hashable, int]:
        index = self._index
        if index is None:  # built lazily: many callers never look a key up
            index = {key: i for i, key in enumerate(self.groups)}
            object.__setattr__(self, "_index", index)
        return index

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
        invalid_policy: InvalidPolicy = "raise",
        cluster: ArrayLike | None = None,
        strata: ArrayLike | None = None,
        fpc: ArrayLike | None = None,
        lonely_psu: LonelyPsu = "fail",
    ) -> GroupedTally:
        """Tally raw answers per group in one pass.

        Parameters
        ----------
        scores : array-like
            Raw answers, as for :meth:`Tally.from_scores`.
        by : array-like or mapping of str to array-like
            One group key per answer, or several named key columns (the groups are then
            tuples of keys).
        scale, weights, frequencies, nan_policy, invalid_policy
            As for :meth:`Tally.from_scores`; answers left out count in their group's
            ``missing``.
        cluster, strata, fpc, lonely_psu
            The survey design, as for :meth:`Tally.from_scores`. The groups are then
            domains of one design (R's ``svyby``): each group's variance counts every
            PSU of a stratum in the whole sample, those without answers in the group
            adding zero, and its degrees of freedom are its PSUs minus its strata.

        Raises
        ------
        LengthMismatchError
            When the ``by`` columns, weights or frequencies do not have one entry per
            answer.
        InvalidScoreError, MissingScoreError, WeightError
            As for :meth:`Tally.from_scores`.

        Notes
        -----
        The groups are exactly the key combinations present in the data, however many
        distinct values each column has. Integer answers on an integer scale with many
        groups take a fast path: the bins ``group * K + score`` of up to ``4 G (K + 1)``
        answers are buffered (8 bytes each) and counted with one ``numpy.bincount`` per
        buffer, so the cost stays close to a hand-written ``bincount`` over the whole input.

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
        scale = as_scale(scale)
        codes, keys, names = _grouping.group_codes(by, compact=False)
        n_keys = len(keys)
        weights = _fpc_weights(scores, weights, frequencies, cluster, strata, fpc)
        acc = _accumulate(
            scores,
            scale,
            group_codes=codes,
            n_groups=len(keys),
            weights=weights,
            frequencies=frequencies,
            nan_policy=nan_policy,
            invalid_policy=invalid_policy,
        )
        # Drop keys of a dense range with no rows. (A float matrix product sums the short
        # rows many times faster than numpy's integer reduction along axis 1; it is only
        # compared with 0, so rounding cannot matter.)
        counts, wsum, wsq, missing, non_answers, invalid = acc
        design = _design_of(
            scores,
            scale,
            weights=weights,
            frequencies=frequencies,
            cluster=cluster,
            strata=strata,
            fpc=fpc,
            lonely_psu=lonely_psu,
            nan_policy=nan_policy,
            invalid_policy=invalid_policy,
            group_codes=codes,
            n_groups=n_keys,
        )
        rows = counts.astype(np.float64) @ np.ones(scale.n_points, np.float64)
        used = (rows > 0) | (missing > 0) | (non_answers > 0)
        if not used.all():
            keys = [key for key, u in zip(keys, used.tolist()) if u]
            same = wsum is wsq
            counts, wsum, missing = counts[used], wsum[used], missing[used]
            non_answers, invalid = non_answers[used], invalid[used]
            wsq = wsum if same else wsq[used]
            design = None if design is None else design.take(used)
        return cls._build(
            scale, tuple(keys), counts, wsum, wsq, missing, names, non_answers, invalid, design
        )

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
        with_design = [key for key, t in items if t.design is not None]
        if with_design:
            raise DesignError(
                f"the tally of {with_design[0]!r} has a survey design; tallies built apart do "
                "not share one (a cluster or stratum may span them): tally all the answers "
                "at once with GroupedTally.from_scores(..., by=...)"
            )
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
            non_answers=[t.non_answers for _, t in items],
            invalid=[t.invalid for _, t in items],
        )

    # -- mapping-like access ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.groups)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._lookup
        except TypeError:
            return False

    def __getitem__(self, key: Hashable) -> Tally:
        try:
            i = self._lookup[key]
        except (KeyError, TypeError):
            raise KeyError(f"no group {key!r}; groups: {list(self.groups)[:10]}") from None
        out = Tally(
            self.scale,
            self.counts[i],
            self.weight_sums[i],
            self.weight_sq_sums[i],
            int(self.missing[i]),
            non_answers=int(self.non_answers[i]),
            invalid=int(self.invalid[i]),
        )
        if self.design is not None:
            object.__setattr__(out, "design", self.design.take(np.array([i])))
        return out

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

        Raises
        ------
        DesignError
            For tallies with a survey design: the whole sample's cross-products over the
            clusters do not follow from the groups' (a cluster may answer in several);
            tally the answers without ``by=`` instead.
        """
        if self.design is not None:
            raise DesignError(
                "the total of grouped tallies with a survey design is not known from the "
                "groups (a cluster may answer in several); tally the answers without by="
            )
        counts = self.counts
        rough = counts.sum(axis=0, dtype=np.float64)
        left_out = self.missing.sum(dtype=np.float64) + self.non_answers.sum(dtype=np.float64)
        if rough.sum() + left_out >= 2.0**62:  # near int64's limit
            exact = [sum(column) for column in counts.T.tolist()]
            _check_totals(
                np.array(exact, dtype=object),
                sum(self.missing.tolist()) + sum(self.non_answers.tolist()),
            )
        return Tally._build(
            self.scale,
            counts.sum(axis=0),
            self.weight_sums.sum(axis=0),
            self.weight_sq_sums.sum(axis=0),
            int(self.missing.sum()),
            int(self.non_answers.sum()),
            int(self.invalid.sum()),
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
        _refuse_design_merge(self, other)
        if other.scale != self.scale:
            raise ScaleError(f"cannot merge tallies of {self.scale} with tallies of {other.scale}")
        if self.names != other.names:
            raise LengthMismatchError(
                f"grouped by {self.names} on one side and {other.names} on the other"
            )
        index = self._lookup
        keys = list(self.groups) + [g for g in other.groups if g not in index]
        with contextlib.suppress(TypeError):
            keys.sort(key=lambda k: (k is None, k))
        where = {k: i for i, k in enumerate(keys)}
        k = self.scale.n_points
        counts = np.zeros((len(keys), k), dtype=np.int64)
        wsum = np.zeros((len(keys), k))
        wsq = np.zeros((len(keys), k))
        missing = np.zeros(len(keys), dtype=np.int64)
        non_answers = np.zeros(len(keys), dtype=np.int64)
        invalid = np.zeros(len(keys), dtype=np.int64)
        for side in (self, other):
            rows = np.array([where[g] for g in side.groups], dtype=np.intp)
            counts[rows] = _add_counts(counts[rows], side.counts, "answers in a group")
            wsum[rows] += side.weight_sums
            wsq[rows] += side.weight_sq_sums
            missing[rows] = _add_counts(missing[rows], side.missing, "missing answers")
            non_answers[rows] = _add_counts(non_answers[rows], side.non_answers, "non-answers")
            invalid[rows] += side.invalid  # at most missing, which did not overflow
        _check_totals(counts, _add_counts(missing, non_answers, "answers left out"), keys)
        return GroupedTally._build(
            self.scale, tuple(keys), counts, wsum, wsq, missing, self.names, non_answers, invalid
        )

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
            and np.array_equal(self.non_answers, other.non_answers)
            and np.array_equal(self.invalid, other.invalid)
            and _same_design(self.design, other.design)
        )

    __hash__ = None  # type: ignore[assignment]

    def to_long(self) -> dict[str, list[Any]]:
        """The tallies as a long table of plain columns, to store and merge later.

        One row per group and point with answers, and one row per group with ``point``
        None holding the missing answers (so that every group survives the round trip).
        Columns: the group names (``"group"`` when unnamed; one per name for tuple keys),
        ``point``, ``count``, ``weight_sum``, ``weight_sq_sum``, and ``non_answers`` and
        ``invalid`` (the group's counts, on its missing row; 0 on the others). Any dataframe library
        builds a frame from it (``pandas.DataFrame(g.to_long())``), and
        :meth:`from_long` rebuilds the same grouped tally from it.

        Raises
        ------
        ColumnError
            When a group name is one the table itself uses (``group``, ``point``,
            ``count``, ``weight_sum``, ``weight_sq_sum``, ``non_answers``, ``invalid``): the
            columns would collide.
            Rename the groups first, e.g. ``attrs.evolve(g, names=("segment",))``.
        LengthMismatchError
            When the groups are named by several columns but a key is not a tuple with
            one part per name.
        DesignError
            For tallies with a survey design: the design's sums would be lost, and the
            tallies read back would pass for simple random samples (pickle them instead).

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
        _refuse_plain_design(self.design, "to_long")
        names = list(self.names) or [_UNNAMED]
        clash = [name for name in self.names if name in (_UNNAMED, *_LONG_COLUMNS)]
        if clash:
            raise ColumnError(
                f"the group name {clash[0]!r} is a column of the long table itself "
                f"({', '.join(map(repr, (_UNNAMED, *_LONG_COLUMNS)))}); rename the groups "
                f"first, e.g. attrs.evolve(tally, names=...)"
            )
        if len(names) > 1:
            for key in self.groups:
                if not isinstance(key, tuple) or len(key) != len(names):
                    raise LengthMismatchError(
                        f"group {key!r} does not have one part per name {tuple(names)}"
                    )
        # Rows: every (group, point) with answers, then one missing row per group.
        g = self.counts.shape[0]
        rows, points = np.nonzero(self.counts)
        group_of = np.concatenate([rows, np.arange(g)])
        order = np.argsort(group_of, kind="stable")  # group by group, points ascending
        group_of = group_of[order]
        point_values: list[Any] = self.scale.points[points].tolist() + [None] * g
        counts = self.counts[rows, points].tolist() + self.missing.tolist()
        wsum = self.weight_sums[rows, points].tolist() + [0.0] * g
        wsq = self.weight_sq_sums[rows, points].tolist() + [0.0] * g
        zeros = [0] * rows.shape[0]
        non_answers = zeros + self.non_answers.tolist()
        invalid = zeros + self.invalid.tolist()
        pick = order.tolist()
        out: dict[str, list[Any]] = {}
        keys = [self.groups[r] for r in group_of.tolist()]
        if len(names) == 1:
            out[names[0]] = keys
        else:
            for part, name in enumerate(names):
                out[name] = [key[part] for key in keys]
        out["point"] = [point_values[i] for i in pick]
        out["count"] = [counts[i] for i in pick]
        out["weight_sum"] = [wsum[i] for i in pick]
        out["weight_sq_sum"] = [wsq[i] for i in pick]
        out["non_answers"] = [non_answers[i] for i in pick]
        out["invalid"] = [invalid[i] for i in pick]
        return out

    @classmethod
    def from_long(
        cls,
        table: Any,
        *,
        scale: Scale | str,
        by: str | Sequence[str] | None = None,
        duplicates: Literal["raise", "sum"] = "raise",
    ) -> GroupedTally:
        """Rebuild grouped tallies from a long table (see :meth:`to_long`).

        Parameters
        ----------
        table : mapping of str to sequence, or a dataframe
            Columns: the group columns, ``point``, ``count``, and optionally
            ``weight_sum`` and ``weight_sq_sum`` (the counts when absent), ``non_answers``
            and ``invalid`` (0 when absent; a group's are the sums over its rows). A
            ``point`` of None (or NaN) holds missing answers. A single group column named ``group``
            means unnamed groups (as :meth:`to_long` writes them).
        scale : Scale or str
        by : str or sequence of str, optional
            The group columns (default: every column that is not one of the above).
        duplicates : {"raise", "sum"}
            Two rows for the same group and point (or two missing rows for a group) raise
            by default, as a table written by :meth:`to_long` has none; ``"sum"`` adds
            them, so the concatenation of stored tables (yesterday's and today's)
            rebuilds their merge.

        Raises
        ------
        ColumnError
            When ``point`` or ``count`` (or a column named in ``by``) is absent, or
            ``by`` names one of the table's own columns.
        LengthMismatchError
            When the columns have different lengths.
        InvalidScoreError
            For points that are not on the scale.
        WeightError
            For counts that are not whole numbers from 0, weight sums that are negative
            or not finite, or sums that no weights could give.
        SatisfyError
            For duplicate rows with ``duplicates="raise"``.

        Examples
        --------
        >>> from satisfy import GroupedTally
        >>> table = {"team": ["a", "a", "b"], "point": [9, 10, 3], "count": [4, 1, 2]}
        >>> GroupedTally.from_long(table, scale="NPS")["a"].n
        5
        >>> GroupedTally.from_long({**table, "point": [9, 9, 3]}, scale="NPS")
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        satisfy.errors.SatisfyError: the long table has 2 rows for group 'a' and point 9 ...
        """
        from ._tables import columns_of

        if duplicates not in ("raise", "sum"):
            from .errors import OptionError

            raise OptionError("duplicates", duplicates, ("raise", "sum"))
        resolved = as_scale(scale)
        columns = columns_of(table)
        lengths = {name: len(column) for name, column in columns.items()}
        if len(set(lengths.values())) > 1:
            listed = ", ".join(f"{name!r} has {n}" for name, n in lengths.items())
            raise LengthMismatchError(f"the columns of the long table differ in length: {listed}")
        for required in ("point", "count"):
            if required not in columns:
                raise ColumnError(
                    f"the long table has no {required!r} column; its columns: {list(columns)}"
                )
        if by is None:
            names = [n for n in columns if n not in _LONG_COLUMNS]
        else:
            names = [by] if isinstance(by, str) else list(by)
            for name in names:
                if name in _LONG_COLUMNS:
                    raise ColumnError(f"by names {name!r}, a column of the long table itself")
                if name not in columns:
                    raise ColumnError(
                        f"the long table has no column {name!r}; its columns: {list(columns)}"
                    )
        n = lengths["count"]
        count = _as_counts(columns["count"], what="the count column")
        sums = {}
        for name in ("weight_sum", "weight_sq_sum"):
            if name not in columns:
                sums[name] = count.astype(np.float64)
                continue
            try:
                values = np.array(columns[name], dtype=np.float64)
            except (TypeError, ValueError) as exc:
                raise WeightError(message=f"the {name} column must be numbers: {exc}") from None
            with np.errstate(invalid="ignore"):
                bad = np.flatnonzero(~(np.isfinite(values) & (values >= 0)))
            if bad.shape[0]:
                raise WeightError(
                    bad.tolist(),
                    values[bad].tolist(),
                    message=f"the {name} column must be finite and non-negative: "
                    f"{values[bad[0]]!r} in row {int(bad[0])}",
                )
            sums[name] = values
        extra = {
            name: _as_counts(columns[name], what=f"the {name} column")
            if name in columns
            else np.zeros(n, np.int64)
            for name in ("non_answers", "invalid")
        }
        codes = resolved.encode(_grouping.object_column(columns["point"]))
        found_names: tuple[str, ...] = ()
        if names == [_UNNAMED]:  # unnamed groups, as to_long writes them
            group_codes, groups, _ = _grouping.group_codes(
                _grouping.object_column(columns[_UNNAMED])
            )
        elif names:
            keys = {name: _grouping.object_column(columns[name]) for name in names}
            group_codes, groups, found_names = _grouping.group_codes(keys)
        else:
            group_codes, groups = np.zeros(n, np.intp), [()]
        k = resolved.n_points
        g = len(groups)
        cell = group_codes.astype(np.int64) * (k + 1) + np.where(codes >= 0, codes, k)
        if duplicates == "raise" and n:
            _refuse_duplicate_rows(cell, k, groups, resolved)
        counts_full = _sum_counts(cell, count, g * (k + 1)).reshape(g, k + 1)
        wsum = np.bincount(cell, weights=sums["weight_sum"], minlength=g * (k + 1))
        wsq = np.bincount(cell, weights=sums["weight_sq_sum"], minlength=g * (k + 1))
        per_group = {
            name: _sum_counts(group_codes.astype(np.int64), values, g)
            for name, values in extra.items()
        }
        return cls(
            resolved,
            groups,
            counts_full[:, :k],
            wsum.reshape(g, k + 1)[:, :k],
            wsq.reshape(g, k + 1)[:, :k],
            counts_full[:, k],
            found_names,
            non_answers=per_group["non_answers"],
            invalid=per_group["invalid"],
        )

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
        left = "".join(
            f", {name}={int(total)}"
            for name, total in (
                ("invalid", self.invalid.sum()),
                ("non_answers", self.non_answers.sum()),
            )
            if total
        )
        if self.design is not None:
            left += f", design: {_design_words(self.design)}"
        return f"GroupedTally({self.scale}: {shown}{more}{left})"
