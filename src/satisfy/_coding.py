"""Turning raw answers into point indices, chunk by chunk.

This is the one O(n) pass of the library. Numeric input takes a vectorised path that
never makes a whole-array copy: it works on chunks of ``CHUNK`` answers, so a tally of
10^8 int8 answers needs a few MiB beyond its input. Text and mixed (object) input is
factorised: each distinct value is parsed once and the codes are mapped back to the
answers by a hash lookup in C, so a column of repeated labels costs about what
``pandas.Series.value_counts`` costs.

Codes: ``0..K-1`` are the scale's points, ``K`` (the *sentinel*) marks a missing answer,
``K + 1`` a non-answer (a code the scale declares as not an answer: "N/A", "Don't know",
99) and ``K + 2`` an answer not on the scale left out under ``invalid_policy="omit"``, so
that ``numpy.bincount(codes, minlength=K + 3)`` counts the points and each kind of answer
left out directly.

What counts as an answer, on every kind of input:

- numbers (Python, numpy, ``Decimal`` and ``Fraction`` values that are exactly a point);
- text that is exactly a number (``"9"``, ``" +9 "``, ``"9.0"``, ``"1e1"``, ``"4,5"``);
  a comma followed by exactly three digits (``"1,000"``) is refused as ambiguous;
- a label of the scale, or a number followed by a separator and a label
  (``"9 - Extremely likely"``, ``"5 (Very satisfied)"``); on a scale without labels the
  words after the number must hold a letter and no digit, so ``"9 10"`` and ``"3/5"``
  are refused rather than read as 9 and 3.

Non-answers: the scale's non-answer codes, text matched as labels are (case- and
space-insensitive, see :func:`normalize_label`) and numbers as numbers (``99`` and
``"99"`` alike); they are neither answers, nor missing, nor invalid.

Missing: None, NaN, ``pd.NA``, ``NaT``, empty text, the nulls of pyarrow and polars
arrays (dictionary-encoded ones too) and the masked entries of a numpy masked array.
Everything else (booleans, dates, times, durations, complex numbers, bytes, containers)
is invalid, and an array whose dtype holds no answers at all (bool, datetime64,
timedelta64, complex, bytes) has every non-missing entry invalid.
"""

from __future__ import annotations

import decimal
import fractions
import functools
import math
import numbers
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from .errors import InvalidScoreError, LengthMismatchError, MissingScoreError, OptionError

NanPolicy = Literal["omit", "raise"]
NAN_POLICIES: tuple[NanPolicy, ...] = ("omit", "raise")
InvalidPolicy = Literal["raise", "omit"]
INVALID_POLICIES: tuple[InvalidPolicy, ...] = ("raise", "omit")

CHUNK = 1 << 18  # answers per chunk: 2 MiB of intp codes, small enough to stay in cache

MISSING = -1
INVALID = -2
NON_ANSWER = -3

# Codes past the points in code_chunks' output (K is the number of points): see the module
# docstring.
MISSING_BIN = 0  # code K
NON_ANSWER_BIN = 1  # code K + 1
INVALID_BIN = 2  # code K + 2
EXTRA_BINS = 3


@attrs.frozen(eq=False)
class Points:
    """A scale as the coder sees it: plain numbers and labels, no ``Scale``.

    ``low`` to ``high`` by ``step`` (``n_points`` points), the labels lowest first (or
    None) and the normalised forms of the labels and of every other wording mapped to
    point indices; ``where`` and ``accepted`` name the scale and what it accepts in error
    messages.
    """

    low: float
    high: float
    step: float
    labels: tuple[str, ...] | None
    where: str
    accepted: str
    n_points: int
    integer_points: bool
    label_codes: dict[str, int]
    non_answer_labels: frozenset[str] = frozenset()
    non_answer_numbers: frozenset[float] = frozenset()
    non_answer_array: NDArray[np.float64] = attrs.field(factory=lambda: np.empty(0))

    def code_one(self, value: Any) -> int:
        """Code of one raw answer (see :func:`code_value`)."""
        return code_value(value, self)


@functools.lru_cache(maxsize=256)
def points(
    low: float,
    high: float,
    step: float,
    labels: tuple[str, ...] | None,
    *,
    where: str,
    accepted: str,
    wordings: tuple[tuple[str, ...], ...] = (),
    non_answers: tuple[str | float, ...] = (),
) -> Points:
    """The :class:`Points` of a scale from its plain description (cached: a scale's coder is
    built once). The labels and wordings must already be words that name one point each
    (``Scale`` checks them), and the non-answers codes that are not answers of the scale
    (``Scale`` checks them too)."""
    n_points = round((high - low) / step) + 1
    codes: dict[str, int] = {}
    for wording in (() if labels is None else labels, *wordings):
        codes.update((normalize_label(x), i) for i, x in enumerate(wording))
    integer = step == 1 and low == int(low)
    texts, numbers = split_non_answers(non_answers)
    return Points(
        low,
        high,
        step,
        labels,
        where,
        accepted,
        n_points,
        integer,
        codes,
        frozenset(texts),
        frozenset(numbers),
        np.array(sorted(numbers), dtype=np.float64),
    )


def points_of(scale: Any) -> Points:
    """The :class:`Points` of a ``Scale`` (read through its public attributes; this layer
    sits below scales): what every counting path codes answers with."""
    return points(
        scale.low,
        scale.high,
        scale.step,
        scale.labels,
        wordings=scale.wordings,
        where=str(scale),
        accepted=scale.accepted_description(),
        non_answers=scale.non_answers,
    )


def split_non_answers(non_answers: tuple[str | float, ...]) -> tuple[list[str], list[float]]:
    """Non-answer codes as (normalised text keys, numbers): text that is exactly a number
    (``"99"``) is the number, other text its :func:`normalize_label` key."""
    texts: list[str] = []
    numbers: list[float] = []
    for value in non_answers:
        if isinstance(value, str):
            number = number_in_text(value)
            if number is None:
                texts.append(normalize_label(value))
            else:
                numbers.append(number)
        else:
            numbers.append(float(value))
    return texts, numbers


# Text that is exactly a number: "9", "+9", "9.0", "9.", ".5", "1e1", or a decimal comma
# "4,5" (a comma and exactly three digits, "1,000", is a thousands separator or a decimal
# comma: ambiguous, so refused).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+,(?:\d{1,2}|\d{4,})")
# A leading number, then a separator or white space and a label: "9 - Extremely likely",
# "5 (Very satisfied)", "4,5 stars", "9." . The character after the number must be a
# separator or white space, so "0x9", "1_0" and "9abc" are not labelled numbers.
_LABELLED_NUMBER = re.compile(
    r"([+-]?\d+(?:[.,]\d+)?)"
    r"(?:(?=[\s\-\u2013\u2014:=.)(/])\s*[-\u2013\u2014:=.)(/]?\s*(.*?)\)?)?"
)

# Element types whose values can key a dict on their own: equal values of these types
# (9 == 9.0 == Decimal(9)) always code alike. Booleans (True == 1) and numpy durations
# (timedelta64(9) == 9) compare equal to numbers they must not be read as.
_PLAIN_TYPES = frozenset(
    {str, np.str_, int, float, type(None), decimal.Decimal, fractions.Fraction}
    | {t for t in np.sctypeDict.values() if issubclass(t, np.integer | np.floating)}
) - {np.timedelta64, np.bool_, bool}
# pd.NA and pd.NaT equal nothing, so they key a dict on their own too
_PANDAS_MISSING_TYPES = ("NAType", "NaTType")
_NUMERIC_TYPES = frozenset(
    t for t in _PLAIN_TYPES if issubclass(t, int | float | np.integer | np.floating)
)
# dtypes whose entries are never answers (NaT entries of datetime64/timedelta64 are missing)
_REFUSED_KINDS = "bMmcSV"


def check_nan_policy(nan_policy: str) -> NanPolicy:
    if nan_policy not in NAN_POLICIES:
        raise OptionError("nan_policy", nan_policy, NAN_POLICIES)
    return nan_policy


def check_invalid_policy(invalid_policy: str) -> InvalidPolicy:
    if invalid_policy not in INVALID_POLICIES:
        raise OptionError("invalid_policy", invalid_policy, INVALID_POLICIES)
    return invalid_policy


# Apostrophes and the marks typed for them: "Don't" with a straight or a curly apostrophe,
# an acute accent or none at all is one label.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc\u02b9\u0060\u00b4\u2032"))


@functools.lru_cache(maxsize=4096)  # labels are few, and scales are built from the same ones
def normalize_label(text: str) -> str:
    """Case-, accent-, space- and apostrophe-insensitive key of a label.

    Unicode's compatibility caseless match (NFKD, case folding, NFKD again), then
    combining marks, white space and apostrophes taken out: ``"Très  Satisfait"``,
    ``"tres satisfait"`` and ``"TRÈS SATISFAIT"`` have one key, ``"Weiß nicht"`` and
    ``"weiss nicht"`` too (case folding writes ß as ss). Letters that are letters of their
    own and not a letter with an accent keep their identity: ø, æ, ł, đ, þ and ð do not
    decompose, so ``"før"`` and ``"for"`` stay different. The key is idempotent:
    ``normalize_label(normalize_label(x)) == normalize_label(x)``.

    Examples
    --------
    >>> normalize_label(" Très  Satisfait ") == normalize_label("tres satisfait")
    True
    >>> normalize_label("Weiß nicht"), normalize_label("Don\u2019t know")
    ('weissnicht', 'dontknow')
    >>> normalize_label("Meget utilfreds") == normalize_label("Meget utilfreds".upper())
    True
    >>> normalize_label("Jeg ved det ikke, før") == normalize_label("Jeg ved det ikke, for")
    False
    """
    if text.isascii():  # the common case, and the same key as the general path gives
        return "".join(text.translate(_APOSTROPHES).split()).lower()
    normalize = unicodedata.normalize
    folded = normalize("NFKD", normalize("NFKD", text).casefold()).casefold()
    folded = normalize("NFKD", folded)
    combining = unicodedata.combining
    kept = "".join(c for c in folded if not combining(c))
    return "".join(kept.translate(_APOSTROPHES).split())


def is_missing_value(value: object) -> bool:
    """True for a skipped answer: None, NaN, ``pd.NA``, ``NaT`` or empty text."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return type(value).__name__ in _PANDAS_MISSING_TYPES


def as_array(values: Any, *, what: str = "scores") -> NDArray[Any]:
    """A 1-D numpy view or copy of array-like input, keeping every kind of missing visible.

    Missing values come out as NaN (numeric input) or None (object input): pandas'
    nullable dtypes, polars and pyarrow nulls (dictionary-encoded arrays too) and the
    masked entries of a numpy masked array alike.
    """
    if isinstance(values, np.ma.MaskedArray):
        arr = _unmask(values)
    elif isinstance(values, np.ndarray):
        arr = values
    elif _is_arrow(values):
        arr = _arrow_to_numpy(values)
    elif hasattr(values, "to_numpy") and hasattr(values, "dtype"):
        # pandas / polars Series and friends. A nullable numeric dtype becomes float with
        # NaN for its missing values; anything else becomes an object array.
        arr = _series_to_numpy(values)
    elif isinstance(values, str | bytes):
        raise InvalidScoreError([0], [values], detail=f"{what} must be a sequence, not a string")
    else:
        arr = _sequence_to_numpy(values)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise LengthMismatchError(f"{what} must be one-dimensional, got shape {arr.shape}")
    return arr


def _sequence_to_numpy(values: Any) -> NDArray[Any]:
    """A list, tuple or other iterable as an array, with one C-level scan of its types."""
    if not isinstance(values, list | tuple):
        if hasattr(values, "__len__"):
            arr = np.asarray(values, dtype=object)
            if arr.ndim != 1:  # a frame, a mapping, a set: the caller raises or refuses
                return arr
        try:
            values = list(values)
        except TypeError:  # a single number or None, not a sequence of answers
            raise LengthMismatchError(
                f"answers must be a sequence (a list, array or column), not a single "
                f"{type(values).__name__}: {values!r}"
            ) from None
    types = set(map(type, values))
    if types <= _NUMERIC_TYPES:
        # plain numbers: numpy's own conversion (huge ints fall back to object)
        try:
            arr = np.asarray(values)
        except OverflowError:
            arr = np.asarray(values, dtype=object)
        return arr if arr.dtype.kind in "iuf" else np.asarray(values, dtype=object)
    if types & {list, tuple, np.ndarray}:
        arr = np.asarray(values, dtype=object)  # nested: keep the shape for the error
        return arr
    # text, None, mixed: an object array (numpy would turn None and NaN into text, and
    # True/False or timedelta64 into numbers)
    return np.fromiter(values, dtype=object, count=len(values))


def _unmask(values: np.ma.MaskedArray[Any, Any]) -> NDArray[Any]:
    """The data of a masked array with its masked entries made missing."""
    data = np.asarray(values.data)
    mask = np.ma.getmaskarray(values)
    if data.ndim != 1 or not mask.any():
        return data
    kind = data.dtype.kind
    if kind in "iuf":
        out = data.astype(np.float64) if kind in "iu" else data.copy()
        out[mask] = np.nan
    elif kind in "mM":
        out = data.copy()
        out[mask] = np.datetime64("NaT") if kind == "M" else np.timedelta64("NaT")
    else:
        out = data.astype(object)
        out[mask] = None
    return out


class _Factorised(np.ndarray[Any, np.dtype[Any]]):
    """An object array that also carries its factorisation ``(codes, distinct)``, where
    ``self == distinct[codes]``; coding then parses ``distinct`` once and takes. Views
    and copies drop the factorisation (they are plain object arrays to the coder)."""

    factor: tuple[NDArray[np.intp], NDArray[Any]] | None = None

    def __array_finalize__(self, obj: NDArray[Any] | None) -> None:
        self.factor = None


def _is_arrow(values: Any) -> bool:
    pa = sys.modules.get("pyarrow")
    return pa is not None and isinstance(values, pa.Array | pa.ChunkedArray)


def _arrow_to_numpy(values: Any) -> NDArray[Any]:
    """A pyarrow array as numpy, nulls as NaN or None.

    Dictionary-encoded arrays are decoded first: ``ChunkedArray.to_numpy`` of a
    dictionary array turns its nulls into a real entry of the dictionary.
    """
    pa = sys.modules["pyarrow"]
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if isinstance(values, pa.ChunkedArray):
        return np.asarray(values.to_numpy())
    return np.asarray(values.to_numpy(zero_copy_only=False))


def _series_to_numpy(series: Any) -> NDArray[Any]:
    dtype = series.dtype
    kind = getattr(dtype, "kind", None)
    name = str(dtype)
    if kind in ("i", "u", "f") and name[:1].isupper():  # pandas nullable Int64, Float64, ...
        return np.asarray(series.to_numpy(dtype="float64", na_value=np.nan))
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(dtype, pd.StringDtype | pd.CategoricalDtype):
        # to_numpy makes a new Python object per row (slow, and every row's hash is
        # computed again); pandas' factorisation gives the distinct values once, and
        # the rows share their objects (missing, code -1, becomes None).
        cat = getattr(series, "array", series)
        if isinstance(cat, pd.Categorical):
            codes, uniques = cat.codes, cat.categories
        else:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
        distinct = np.empty(len(uniques) + 1, dtype=object)
        distinct[:-1] = np.asarray(uniques, dtype=object)
        distinct[-1] = None
        found: NDArray[np.intp] = np.asarray(codes, dtype=np.intp)
        out: _Factorised = distinct[found].view(_Factorised)
        out.factor = (found, distinct)
        return out
    try:
        arr = np.asarray(series.to_numpy())
    except TypeError:  # pragma: no cover - exotic frames
        arr = np.asarray(list(series), dtype=object)
    return arr


def code_chunks(
    arr: NDArray[Any],
    scale: Points,
    nan_policy: NanPolicy,
    invalid_policy: InvalidPolicy = "raise",
) -> Iterator[tuple[int, NDArray[np.intp], int]]:
    """Yield ``(start, codes, n_left)`` for each chunk of ``arr``.

    Codes are the points' indices, ``K`` for a missing answer and ``K + 1`` for a
    non-answer; ``n_left`` counts the codes ``>= K`` (answers that are not points).
    Invalid answers raise :class:`InvalidScoreError` listing every offending position in
    the whole input (the scan goes on past the first bad chunk to collect them), unless
    ``invalid_policy="omit"``: then they get the code ``K + 2`` and count in ``n_left``.
    With ``nan_policy="raise"`` missing answers raise :class:`MissingScoreError` likewise
    (answers left out as invalid, and non-answers, are not missing and do not raise).
    """
    n = arr.shape[0]
    k = scale.n_points
    omit_invalid = invalid_policy == "omit"
    bad_pos: list[NDArray[np.intp]] = []
    miss_pos: list[NDArray[np.intp]] = []
    coder = _ObjectCoder(scale)
    factor = arr.factor if isinstance(arr, _Factorised) else None
    factor_codes, table = None, None
    if factor is not None and factor[0].shape[0] == n:
        factor_codes, table = factor[0], coder._one_by_one(factor[1].tolist())
    failed = False
    for start in range(0, n, CHUNK):
        missing_mask: NDArray[np.bool_] | None
        if factor_codes is not None and table is not None:
            codes, missing_mask, invalid, n_non = _finish_objects(
                table[factor_codes[start : start + CHUNK]], scale
            )
        else:
            codes, missing_mask, invalid, n_non = _code(arr[start : start + CHUNK], scale, coder)
        n_missing = n_non
        if missing_mask is not None:
            n_miss = int(np.count_nonzero(missing_mask))
            n_missing += n_miss
            if n_miss and nan_policy == "raise":
                miss_pos.append(np.flatnonzero(missing_mask) + start)
                failed = True
        if invalid is not None and invalid.shape[0]:
            if omit_invalid:
                if missing_mask is not None:
                    codes[missing_mask] = k
                codes[invalid] = k + INVALID_BIN
                n_missing += int(invalid.shape[0])
            else:
                bad_pos.append(invalid + start)
                failed = True
        if not failed:
            yield start, codes, n_missing
    if bad_pos:
        positions = np.concatenate(bad_pos)
        raise InvalidScoreError(
            positions.tolist(),
            [pyvalue(arr[p]) for p in positions],
            where=scale.where,
            detail=scale.accepted,
        )
    if miss_pos:
        positions = np.concatenate(miss_pos)
        raise MissingScoreError(
            positions.tolist(),
            [pyvalue(arr[p]) for p in positions],
            detail='nan_policy="raise" was asked; use nan_policy="omit" to leave them out',
        )


def pyvalue(value: Any) -> Any:
    if isinstance(value, np.datetime64 | np.timedelta64):
        return value  # .item() of a nanosecond value is a bare int
    return value.item() if isinstance(value, np.generic) else value


_Coded = tuple[NDArray[np.intp], NDArray[np.bool_] | None, NDArray[np.intp] | None, int]


def _code(chunk: NDArray[Any], scale: Points, coder: _ObjectCoder) -> _Coded:
    """Codes of one chunk, its missing mask (None when nothing can be missing), the
    local positions of invalid answers (None when all are valid) and its number of
    non-answers.

    Valid answers have their point's code and non-answers ``K + 1``; missing ones have
    the sentinel unless some answer is invalid, and invalid ones any code (the caller
    fixes them)."""
    kind = chunk.dtype.kind
    if kind in _REFUSED_KINDS:
        return _all_invalid(chunk)
    if kind in "iu":
        return _code_integers(chunk, scale)
    if kind == "f":
        return _code_floats(chunk, scale)
    return _code_objects(chunk, scale, coder)


def _all_invalid(chunk: NDArray[Any]) -> _Coded:
    """A dtype that holds no answers: every entry is invalid, except NaT (missing)."""
    codes = np.zeros(chunk.shape[0], np.intp)
    if chunk.dtype.kind in "mM":
        missing = np.isnat(chunk)
        return codes, missing, np.flatnonzero(~missing), 0
    return codes, None, np.arange(chunk.shape[0], dtype=np.intp), 0


def _non_answers_among(
    chunk: NDArray[Any], bad: NDArray[np.bool_], codes: NDArray[np.intp], scale: Points
) -> tuple[NDArray[np.intp] | None, int]:
    """Give the non-answers among the ``bad`` entries of a numeric chunk their code
    (``K + 1``); returns the positions of the rest (None when there are none) and the
    number of non-answers."""
    n_non = 0
    if scale.non_answer_array.shape[0]:
        non = bad & np.isin(chunk, scale.non_answer_array)
        n_non = int(np.count_nonzero(non))
        if n_non:
            codes[non] = scale.n_points + NON_ANSWER_BIN
            bad = bad & ~non
    positions = np.flatnonzero(bad)
    return (positions if positions.shape[0] else None), n_non


def _code_integers(chunk: NDArray[Any], scale: Points) -> _Coded:
    if not scale.integer_points:
        return _code_floats(chunk.astype(np.float64), scale)
    low, high = int(scale.low), int(scale.high)
    if chunk.shape[0] and (chunk.min() < low or chunk.max() > high):
        bad = (chunk < low) | (chunk > high)
        codes = chunk.astype(np.intp)
        codes -= low
        codes[bad] = 0
        invalid, n_non = _non_answers_among(chunk, bad, codes, scale)
        return codes, None, invalid, n_non
    codes = chunk.astype(np.intp)
    if low:
        codes -= low
    return codes, None, None, 0


def _code_floats(chunk: NDArray[Any], scale: Points) -> _Coded:
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
        invalid, n_non = _non_answers_among(chunk, bad, codes, scale)
        if invalid is None:
            codes[missing] = k
        return codes, missing, invalid, n_non
    if n_missing:
        codes[missing] = k
        return codes, missing, None, 0
    return codes, None, None, 0


class _ObjectCoder:
    """Codes of object (and text) answers, each distinct value parsed once.

    The distinct values of a chunk come from a dict built in C (``dict.fromkeys``), and
    the codes go back to the answers by ``map(table.__getitem__, ...)``, so the Python
    work is per distinct value, not per answer. Values key the table on their own when
    every type in the chunk is a plain one (text, numbers, None); a chunk that also holds
    booleans or durations (``True == 1``) keys on ``(type, value)`` pairs; unhashable
    answers fall back to one lookup per answer. When pandas is already imported, a large
    object chunk of plain types is factorised by ``pandas.factorize`` instead (faster;
    it merges ``True`` with ``1`` too, hence only for plain types).
    """

    def __init__(self, scale: Points) -> None:
        self.scale = scale
        self.by_value: dict[Any, int] = {}
        self.by_type: dict[tuple[type, Any], int] = {}

    def codes(self, chunk: NDArray[Any]) -> NDArray[np.intp]:
        values = chunk.tolist()
        n = len(values)
        try:
            odd = set(map(type, values)) - _PLAIN_TYPES
            if all(t.__name__ in _PANDAS_MISSING_TYPES for t in odd):
                pd = sys.modules.get("pandas")
                if pd is not None and n > 1000 and chunk.dtype == object:
                    # already imported by the caller: its hash factorisation is faster
                    # (NA, code -1, takes the last entry: None, missing)
                    found, uniques = pd.factorize(chunk, use_na_sentinel=True)
                    table = self._one_by_one([*uniques.tolist(), None])
                    return table[np.asarray(found, dtype=np.intp)]
                return self._lookup(self.by_value, values, n, lambda key: key)
            keys = list(zip(map(type, values), values))
            return self._lookup(self.by_type, keys, n, lambda key: key[1])
        except TypeError:  # unhashable answers, or pd.NA met in a hash collision
            return self._one_by_one(values)

    def _lookup(
        self, table: dict[Any, int], keys: list[Any], n: int, value: Callable[[Any], Any]
    ) -> NDArray[np.intp]:
        code_one = self.scale.code_one
        for key in dict.fromkeys(keys):
            if key not in table:
                table[key] = code_one(value(key))
        return np.fromiter(map(table.__getitem__, keys), dtype=np.intp, count=n)

    def _one_by_one(self, values: list[Any]) -> NDArray[np.intp]:
        raw = np.empty(len(values), dtype=np.intp)
        code_one = self.scale.code_one
        for i, value in enumerate(values):
            try:
                key = (type(value), value)
                code = self.by_type.get(key)
                if code is None:
                    code = self.by_type[key] = code_one(value)
            except TypeError:  # unhashable
                code = code_one(value)
            raw[i] = code
        return raw


def _code_objects(chunk: NDArray[Any], scale: Points, coder: _ObjectCoder) -> _Coded:
    return _finish_objects(coder.codes(chunk), scale)


def _finish_objects(raw: NDArray[np.intp], scale: Points) -> _Coded:
    missing = raw == MISSING
    invalid = raw == INVALID
    n_non = 0
    if scale.non_answer_labels or scale.non_answer_numbers:
        non = raw == NON_ANSWER
        n_non = int(np.count_nonzero(non))
        if n_non:
            raw[non] = scale.n_points + NON_ANSWER_BIN
    if invalid.any():
        return raw, missing, np.flatnonzero(invalid), n_non
    raw[missing] = scale.n_points
    return raw, missing, None, n_non


def code_value(value: Any, scale: Points) -> int:
    """Code of one raw answer: a point index, ``MISSING``, ``INVALID`` or ``NON_ANSWER``."""
    if isinstance(value, str):
        return _code_text(value, scale)
    if is_missing_value(value):
        return MISSING
    if isinstance(value, bool | np.bool_ | np.timedelta64 | np.datetime64):
        return INVALID  # True == 1 and timedelta64(9) == 9, but neither is an answer
    if isinstance(value, numbers.Real | decimal.Decimal):
        try:
            x = float(value)
        except (OverflowError, ValueError, TypeError):
            return INVALID
        if x != value:
            return INVALID  # a Decimal, Fraction or big int that no float holds exactly
        return _code_number(x, scale)
    return INVALID


def _code_number(x: float, scale: Points) -> int:
    if not math.isfinite(x):
        return INVALID
    pos = (x - scale.low) / scale.step
    idx = round(pos)
    if idx != pos or idx < 0 or idx >= scale.n_points:
        return NON_ANSWER if x in scale.non_answer_numbers else INVALID
    return idx


def number_in_text(text: str) -> float | None:
    """The number a text is, when it is exactly a number ("9", " 4,5 ", "1e1"); else None."""
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped) is None:
        return None
    return float(stripped.replace(",", "."))


def _code_text(text: str, scale: Points) -> int:
    stripped = text.strip()
    if not stripped:
        return MISSING
    key = normalize_label(stripped)
    found = scale.label_codes.get(key)
    if found is not None:
        return found
    if key in scale.non_answer_labels:
        return NON_ANSWER
    number = number_in_text(stripped)
    if number is not None:
        return _code_number(number, scale)
    match = _LABELLED_NUMBER.fullmatch(stripped)
    if match is None:
        return INVALID
    lead, rest = match.groups()
    if "," in lead and _NUMBER.fullmatch(lead) is None:
        return INVALID  # "1,000 - ..." is as ambiguous as "1,000"
    code = _code_number(float(lead.replace(",", ".")), scale)
    rest = (rest or "").strip()
    if code == NON_ANSWER and rest and _words(rest):
        return NON_ANSWER  # "99 - Don't know" when 99 is a non-answer
    if code < 0 or not rest:
        return INVALID  # not a point, or a number with a dangling separator ("9 -")
    if not scale.label_codes:
        # words, not more numbers: "9 - Extremely likely", but not "9 10" or "3/5"
        return code if _words(rest) else INVALID
    if scale.label_codes.get(normalize_label(rest)) != code:
        return INVALID  # "5 (Very dissatisfied)": number and label disagree
    return code


def _words(text: str) -> bool:
    """Whether text after a number is words (a letter, no digit), not more numbers."""
    return not any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
