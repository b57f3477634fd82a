"""Turning raw answers into point indices, chunk by chunk.

This is the one O(n) pass of the library. Numeric input takes a vectorised path that
never makes a whole-array copy: it works on chunks of ``CHUNK`` answers, so a tally of
10^8 int8 answers needs a few MiB beyond its input. Text and mixed (object) input is
parsed value by value with a cache, so a column of repeated labels parses each distinct
label once.

Codes: ``0..K-1`` are the scale's points, ``K`` (the *sentinel*) marks a missing answer,
so that ``numpy.bincount(codes, minlength=K + 1)[:K]`` counts the points directly.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from .errors import InvalidScoreError, LengthMismatchError, MissingScoreError, OptionError

if TYPE_CHECKING:
    from .scales import Scale

NanPolicy = Literal["omit", "raise"]
NAN_POLICIES: tuple[NanPolicy, ...] = ("omit", "raise")

CHUNK = 1 << 18  # answers per chunk: 2 MiB of intp codes, small enough to stay in cache

_MISSING = -1
_INVALID = -2

# A leading number, then an optional separator and a label: "9 - Extremely likely",
# "5 (Very satisfied)", "4.5", "4,5 stars".
_LABELLED_NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)(?:\s*[-\u2013\u2014:=.)(/]?\s*)(.*?)\)?$")


def check_nan_policy(nan_policy: str) -> NanPolicy:
    if nan_policy not in NAN_POLICIES:
        raise OptionError("nan_policy", nan_policy, NAN_POLICIES)
    return nan_policy


def normalize_label(text: str) -> str:
    """Case- and space-insensitive key of a label."""
    return "".join(text.split()).casefold()


def is_missing_value(value: object) -> bool:
    """True for a skipped answer: None, NaN, ``pd.NA``, ``NaT`` or empty text."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return type(value).__name__ in ("NAType", "NaTType")


def as_array(values: Any, *, what: str = "scores") -> NDArray[Any]:
    """A 1-D numpy view or copy of array-like input, keeping pandas' missing values visible."""
    if isinstance(values, np.ndarray):
        arr = values
    elif hasattr(values, "to_numpy") and hasattr(values, "dtype"):
        # pandas / polars Series and friends. A nullable numeric dtype becomes float with
        # NaN for its missing values; anything else becomes an object array.
        arr = _series_to_numpy(values)
    elif isinstance(values, str | bytes):
        raise InvalidScoreError([0], [values], detail=f"{what} must be a sequence, not a string")
    else:
        if not hasattr(values, "__len__"):
            values = list(values)
        arr = np.asarray(values)
        if arr.dtype.kind in "iuf" and any(isinstance(v, bool | np.bool_) for v in values):
            arr = np.asarray(values, dtype=object)  # keep True/False visible as invalid
        elif arr.dtype.kind in "US" and not all(isinstance(v, str) for v in values):
            arr = np.asarray(values, dtype=object)  # numpy would turn None and NaN into text
        elif arr.dtype.kind not in "biufUS" and arr.dtype != object:
            arr = np.asarray(values, dtype=object)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise LengthMismatchError(f"{what} must be one-dimensional, got shape {arr.shape}")
    return arr


def _series_to_numpy(series: Any) -> NDArray[Any]:
    dtype = series.dtype
    kind = getattr(dtype, "kind", None)
    name = str(dtype)
    if kind in ("i", "u", "f") and name[:1].isupper():  # pandas nullable Int64, Float64, ...
        return np.asarray(series.to_numpy(dtype="float64", na_value=np.nan))
    try:
        arr = np.asarray(series.to_numpy())
    except TypeError:  # pragma: no cover - exotic frames
        arr = np.asarray(list(series), dtype=object)
    return arr


def code_chunks(
    arr: NDArray[Any], scale: Scale, nan_policy: NanPolicy
) -> Iterator[tuple[int, NDArray[np.intp], int]]:
    """Yield ``(start, codes, n_missing)`` for each chunk of ``arr``.

    Invalid answers raise :class:`InvalidScoreError` listing every offending position in
    the whole input (the scan goes on past the first bad chunk to collect them); with
    ``nan_policy="raise"`` missing answers raise :class:`MissingScoreError` likewise.
    """
    n = arr.shape[0]
    bad_pos: list[NDArray[np.intp]] = []
    miss_pos: list[NDArray[np.intp]] = []
    cache: dict[tuple[type, Any], int] = {}
    failed = False
    for start in range(0, n, CHUNK):
        chunk = arr[start : start + CHUNK]
        codes, missing_mask, invalid = _code(chunk, scale, cache)
        if invalid is not None:
            bad_pos.append(invalid + start)
            failed = True
        n_missing = 0
        if missing_mask is not None:
            n_missing = int(np.count_nonzero(missing_mask))
            if n_missing and nan_policy == "raise":
                miss_pos.append(np.flatnonzero(missing_mask) + start)
                failed = True
        if not failed:
            yield start, codes, n_missing
    if bad_pos:
        positions = np.concatenate(bad_pos)
        raise InvalidScoreError(
            positions.tolist(),
            [_pyvalue(arr[p]) for p in positions],
            where=str(scale),
            detail=scale.accepted_description(),
        )
    if miss_pos:
        positions = np.concatenate(miss_pos)
        raise MissingScoreError(
            positions.tolist(),
            [_pyvalue(arr[p]) for p in positions],
            detail='nan_policy="raise" was asked; use nan_policy="omit" to leave them out',
        )


def _pyvalue(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _code(
    chunk: NDArray[Any], scale: Scale, cache: dict[tuple[type, Any], int]
) -> tuple[NDArray[np.intp], NDArray[np.bool_] | None, NDArray[np.intp] | None]:
    """Codes of one chunk, its missing mask (None when nothing can be missing) and the
    local positions of invalid answers (None when all are valid)."""
    kind = chunk.dtype.kind
    if kind == "b":
        return _all_invalid(chunk)
    if kind in "iu":
        return _code_integers(chunk, scale)
    if kind == "f":
        return _code_floats(chunk, scale)
    return _code_objects(chunk, scale, cache)


def _all_invalid(
    chunk: NDArray[Any],
) -> tuple[NDArray[np.intp], None, NDArray[np.intp]]:
    return np.zeros(chunk.shape[0], np.intp), None, np.arange(chunk.shape[0], dtype=np.intp)


def _code_integers(
    chunk: NDArray[Any], scale: Scale
) -> tuple[NDArray[np.intp], NDArray[np.bool_] | None, NDArray[np.intp] | None]:
    if not scale._integer_points:
        return _code_floats(chunk.astype(np.float64), scale)
    low, high = int(scale.low), int(scale.high)
    if chunk.shape[0] and (chunk.min() < low or chunk.max() > high):
        return (
            np.zeros(chunk.shape[0], np.intp),
            None,
            np.flatnonzero((chunk < low) | (chunk > high)),
        )
    codes = chunk.astype(np.intp)
    if low:
        codes -= low
    return codes, None, None


def _code_floats(
    chunk: NDArray[Any], scale: Scale
) -> tuple[NDArray[np.intp], NDArray[np.bool_] | None, NDArray[np.intp] | None]:
    k = scale.n_points
    if scale.low == 0 and scale.step == 1:
        scaled = chunk
    else:
        scaled = (chunk - scale.low) * (1.0 / scale.step)
    with np.errstate(invalid="ignore"):
        codes = scaled.astype(np.intp)
    missing = np.isnan(chunk)
    n_missing = int(np.count_nonzero(missing))
    # Off the step, infinite or NaN all fail the round trip; NaN is then taken back out.
    off_step = codes != scaled
    n_off = int(np.count_nonzero(off_step))
    if n_missing:
        codes[missing] = 0
    lo = codes.min() if codes.shape[0] else 0
    hi = codes.max() if codes.shape[0] else 0
    if n_off != n_missing or lo < 0 or hi >= k:
        bad = (off_step & ~missing) | (codes < 0) | (codes >= k)
        return codes, missing, np.flatnonzero(bad)
    if n_missing:
        codes[missing] = k
        return codes, missing, None
    return codes, None, None


def _code_objects(
    chunk: NDArray[Any], scale: Scale, cache: dict[tuple[type, Any], int]
) -> tuple[NDArray[np.intp], NDArray[np.bool_], NDArray[np.intp] | None]:
    if chunk.dtype.kind in "US":
        uniques, inverse = np.unique(chunk, return_inverse=True)
        table = np.array([scale._code_one(u.item()) for u in uniques], dtype=np.intp)
        raw = table[inverse.reshape(-1)]
    else:
        raw = np.empty(chunk.shape[0], dtype=np.intp)
        code_one = scale._code_one
        for i, value in enumerate(chunk.tolist()):
            try:
                key = (type(value), value)
                code = cache.get(key)
                if code is None:
                    code = cache[key] = code_one(value)
            except TypeError:  # unhashable
                code = code_one(value)
            raw[i] = code
    missing = raw == _MISSING
    invalid = raw == _INVALID
    if invalid.any():
        return raw, missing, np.flatnonzero(invalid)
    raw[missing] = scale.n_points
    return raw, missing, None


def code_value(value: Any, scale: Scale) -> int:
    """Code of one raw answer: a point index, ``_MISSING`` or ``_INVALID``."""
    if is_missing_value(value):
        return _MISSING
    if isinstance(value, bool | np.bool_):
        return _INVALID
    if isinstance(value, str):
        return _code_text(value, scale)
    if isinstance(value, numbers.Real):
        return _code_number(float(value), scale)
    return _INVALID


def _code_number(x: float, scale: Scale) -> int:
    if not math.isfinite(x):
        return _INVALID
    pos = (x - scale.low) / scale.step
    idx = round(pos)
    if idx != pos or idx < 0 or idx >= scale.n_points:
        return _INVALID
    return idx


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _code_number_text(text: str) -> float | None:
    """The number a text is, when it is only a number ("9", " 4,5 "); else None."""
    stripped = text.strip()
    return float(stripped.replace(",", ".")) if _NUMBER.match(stripped) else None


def _code_text(text: str, scale: Scale) -> int:
    key = normalize_label(text)
    found = scale._label_codes.get(key)
    if found is not None:
        return found
    match = _LABELLED_NUMBER.match(text.strip())
    if match is None:
        return _INVALID
    number, rest = match.groups()
    code = _code_number(float(number.replace(",", ".")), scale)
    if code < 0 or not rest.strip():
        return code
    if scale.labels is not None and normalize_label(rest) != normalize_label(scale.labels[code]):
        return _INVALID  # "5 (Very dissatisfied)": number and label disagree
    return code
