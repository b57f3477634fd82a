"""Rating scales: their points, labels and direction, and conversion between them.

A :class:`Scale` knows its points (``low`` to ``high`` by a ``step`` of 1 or 0.5), an
optional label per point, a name, and whether higher is better. It turns raw answers
(numbers, numeric strings, labels, labelled numbers such as ``"9 - Extremely likely"``)
into point indices with validation, and maps answers onto other scales and onto POMP
scores (percent of maximum possible).

The presets are module constants: :data:`NPS`, :data:`CSAT5`, :data:`CES7`, :data:`CES5`,
:data:`LIKERT5`, :data:`LIKERT7`, :data:`STARS5`, :data:`HALF_STARS` and :data:`ACSI10`.
The labelled presets also read their standard wordings in sixteen languages (Danish,
Norwegian bokmål and nynorsk, Swedish, Finnish, German, Latvian, Lithuanian, Estonian,
Dutch, French, Spanish, Italian, Portuguese, Polish and English), matched case-, accent-
and space-insensitively; :data:`DONT_KNOW` lists common non-answer wordings in the same
languages.

Examples
--------
>>> from satisfy import scales
>>> scales.CSAT5.encode(["5", "Very satisfied", "4 - Satisfied", None]).tolist()
[4, 4, 3, -1]
>>> scales.CSAT5.encode(["Meget tilfreds", "Sehr zufrieden", "tres satisfait"]).tolist()
[4, 4, 4]
>>> scales.HALF_STARS.points[:3].tolist()
[0.5, 1.0, 1.5]
"""

from __future__ import annotations

import functools
import itertools
import numbers
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _wordings
from ._coding import InvalidPolicy, NanPolicy
from .errors import InvalidScoreError, ScaleError

__all__ = [
    "ACSI10",
    "CES5",
    "CES7",
    "CSAT5",
    "DONT_KNOW",
    "HALF_STARS",
    "LIKERT5",
    "LIKERT7",
    "NPS",
    "PRESETS",
    "STARS5",
    "Scale",
    "as_scale",
    "convert",
]

_STEPS = (1.0, 0.5)


_USAGE = (
    "Scale(low, high, step=1, *, labels=None, wordings=(), name='', higher_is_better=True, "
    "non_answers=())"
)


def _to_number(value: Any, what: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise ScaleError(
            f"{what} must be a number, got {value!r} ({type(value).__name__}); "
            f"the scale is {_USAGE}"
        )
    return float(value)


def _to_low(value: Any) -> float:
    return _to_number(value, "low")


def _to_high(value: Any) -> float:
    return _to_number(value, "high")


def _to_step(value: Any) -> float:
    return _to_number(value, "step")


def _to_labels(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ScaleError(
            f"labels must be a sequence of text, one per point, lowest first; got {value!r}"
        )
    labels = tuple(value)
    for i, label in enumerate(labels):
        if not isinstance(label, str):
            raise ScaleError(
                f"label {i} must be text, got {label!r} ({type(label).__name__}); "
                "labels are words such as 'Very satisfied'"
            )
    return labels


def _to_wordings(value: Any) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ScaleError(
            "wordings must be a sequence of label sets, each one label per point, lowest "
            f"first; got {value!r}"
        )
    wordings = tuple(value)
    out = []
    for w, wording in enumerate(wordings):
        if isinstance(wording, str | bytes) or not isinstance(wording, Iterable):
            raise ScaleError(
                f"wording {w} must be a sequence of labels, one per point, lowest first; got "
                f"{wording!r} (for one extra wording write wordings=[(...)], or use "
                "scale.with_wording(labels))"
            )
        labels = tuple(wording)
        for i, label in enumerate(labels):
            if not isinstance(label, str):
                raise ScaleError(
                    f"label {i} of wording {w} must be text, got {label!r} ({type(label).__name__})"
                )
        out.append(labels)
    return tuple(out)


def _to_non_answers(value: Any) -> tuple[str | float, ...]:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ScaleError(
            f"non_answers must be a sequence of codes (text or numbers) such as "
            f"('N/A', \"Don't know\", 99); got {value!r}"
        )
    out: list[str | float] = []
    for i, code in enumerate(value):
        if isinstance(code, np.generic) and not isinstance(code, np.bool_):
            code = code.item()
        if isinstance(code, bool) or not isinstance(code, str | numbers.Real):
            raise ScaleError(
                f"non_answers[{i}] must be text or a number, got {code!r} "
                f"({type(code).__name__}); non-answers are codes such as 'N/A' or 99"
            )
        kept: str | float = code if isinstance(code, str | int) else float(code)
        if kept not in out:
            out.append(kept)
    return tuple(out)


def _check_step(instance: Scale, attribute: attrs.Attribute[float], value: float) -> None:
    if value not in _STEPS:
        raise ScaleError(f"step must be 1 or 0.5, got {value!r}")


def _to_bool(value: Any) -> Any:
    return bool(value) if isinstance(value, np.bool_) else value


def _check_type(kind: type, words: str) -> Any:
    def check(instance: Scale, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise ScaleError(
                f"{attribute.name} must be {words}, got {value!r} ({type(value).__name__})"
            )

    return check


@attrs.frozen(repr=False)
class Scale:
    """A rating scale: ``low`` to ``high`` by ``step``, with optional labels.

    Parameters
    ----------
    low, high : float
        The lowest and highest points. ``high - low`` must be a whole number of steps.
    step : {1, 0.5}
        Distance between neighbouring points.
    labels : sequence of str, optional
        One label per point, lowest first. Labels are matched case-, accent- and
        space-insensitively when answers are parsed (``"tres satisfait"`` is
        ``"Très satisfait"``; letters of their own such as ø, æ and ł stay themselves).
    wordings : sequence of sequences of str, optional
        Other label sets read like ``labels`` (other languages, other wordings), each one
        label per point, lowest first. :meth:`with_wording` adds one. A label must name
        one point in every wording. Wordings are not part of the scale's equality: a
        scale with more wordings reads more answers into the same points.
    name : str
        A short name used in reprs and messages.
    higher_is_better : bool
        False for scales such as effort, where a low answer is the good one.
    question : str
        The wording of the question, for documentation and reports.
    non_answers : sequence of str or float
        Codes that are not answers ("N/A", "Don't know", "Vet ikke", "Weiß nicht", 99,
        "offered"): text is matched as labels are (case- and space-insensitively), numbers
        as numbers (``99`` and ``"99"`` alike, and ``"99 - Don't know"``). Non-answers are
        counted apart (a tally's ``non_answers``), never in a metric, ``n`` or
        ``missing``; :meth:`encode` gives them -1 as it gives missing answers. They do
        not take part in equality: a scale with non-answers equals the same scale without
        them, so tallies counted on either merge.

    Raises
    ------
    ScaleError
        When the points or labels do not make a scale: two labels that read alike
        (ignoring case, accents and spaces) on different points, in one wording or across
        wordings; labels that run against the numbers (a known wording such as
        "Very satisfied" .. "Very dissatisfied" given lowest point first on a scale where
        higher is better); or a non-answer that is an answer of the scale (one of its
        points, labels or labelled numbers), empty, or not text or a number.

    Examples
    --------
    >>> from satisfy import Scale
    >>> s = Scale(1, 4, labels=["Poor", "Fair", "Good", "Excellent"], name="quality")
    >>> s
    Scale(quality: 1-4, labels Poor..Excellent)
    >>> s.encode(["good", "EXCELLENT", 1]).tolist()
    [2, 3, 0]
    >>> da = s.with_wording(["Dårlig", "Rimelig", "God", "Fremragende"])
    >>> da.encode(["God", "fremragende", "DARLIG"]).tolist()
    [2, 3, 0]
    >>> da == s  # the same points and labels: tallies of both merge
    True

    The labels of a known wording given best first are refused, as they would turn every
    answer around:

    >>> Scale(1, 3, labels=["Satisfied", "Neutral", "Dissatisfied"])
    Traceback (most recent call last):
    ...
    satisfy.errors.ScaleError: the labels run from best to worst against the numbers: ...

    Codes that are not answers are declared as such, and counted apart:

    >>> from satisfy import Tally
    >>> csat = Scale(1, 5, name="CSAT", non_answers=["N/A", "Don't know", 99])
    >>> csat
    Scale(CSAT: 1-5, non-answers 'N/A', "Don't know", 99)
    >>> t = Tally.from_scores([5, "n/a", 4, 99, None, "don't KNOW"], scale=csat)
    >>> t.n, t.missing, t.non_answers
    (2, 1, 3)
    """

    low: float = attrs.field(converter=_to_low)
    high: float = attrs.field(converter=_to_high)
    step: float = attrs.field(default=1.0, converter=_to_step, validator=_check_step)
    labels: tuple[str, ...] | None = attrs.field(default=None, converter=_to_labels, kw_only=True)
    wordings: tuple[tuple[str, ...], ...] = attrs.field(
        default=(), converter=_to_wordings, kw_only=True, eq=False
    )
    name: str = attrs.field(default="", kw_only=True, validator=_check_type(str, "text"))
    higher_is_better: bool = attrs.field(
        default=True, kw_only=True, converter=_to_bool, validator=_check_type(bool, "True or False")
    )
    question: str = attrs.field(
        default="", eq=False, kw_only=True, validator=_check_type(str, "text")
    )
    non_answers: tuple[str | float, ...] = attrs.field(
        default=(), eq=False, kw_only=True, converter=_to_non_answers
    )
    _points: _coding.Points = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not (np.isfinite(self.low) and np.isfinite(self.high)) or self.high <= self.low:
            raise ScaleError(f"a scale needs finite low < high, got {self.low!r} and {self.high!r}")
        steps = (self.high - self.low) / self.step
        if steps != round(steps):
            raise ScaleError(
                f"high - low ({self.high - self.low:g}) is not a whole number of steps of "
                f"{self.step:g}"
            )
        if steps > 1000:
            raise ScaleError(
                f"a scale has at most 1001 points, this one would have {steps + 1:.6g}"
            )
        k = round(steps) + 1
        _check_label_sets(self, k)
        coder = _coding.points_of(self)
        if self.non_answers:
            self._check_non_answers(coder)
        object.__setattr__(self, "_points", coder)

    def with_wording(self, labels: Iterable[str]) -> Scale:
        """A copy of this scale that also reads ``labels`` (one per point, lowest first).

        Adds a language or a wording without subclassing; the labels are matched like the
        scale's own (case-, accent- and space-insensitively) and the copy equals this
        scale (wordings are not part of equality), so their tallies merge.

        Parameters
        ----------
        labels : sequence of str
            One label per point, lowest point first.

        Returns
        -------
        Scale

        Raises
        ------
        ScaleError
            When a label reads like a label of another point in this scale's labels or
            wordings (both are named), the count is not one per point, or the labels run
            against the numbers.

        Examples
        --------
        >>> from satisfy import scales
        >>> cs = scales.CSAT5.with_wording(
        ...     ["Velmi nespokojen", "Nespokojen", "Ani spokojen, ani nespokojen", "Spokojen",
        ...      "Velmi spokojen"]
        ... )
        >>> cs.encode(["velmi spokojen", "Nespokojen"]).tolist()
        [4, 1]
        >>> scales.CSAT5.with_wording(["Bad", "Satisfied", "Meh", "Good", "Great"])
        Traceback (most recent call last):
        ...
        satisfy.errors.ScaleError: label 'Satisfied' (point 2 in the new wording) and ...
        """
        if isinstance(labels, str | bytes) or not isinstance(labels, Iterable):
            raise ScaleError(
                f"with_wording takes a sequence of labels, one per point, lowest first; got "
                f"{labels!r}"
            )
        wording = _to_wordings([labels])[0]
        _check_label_sets(self, self.n_points, wording)
        return attrs.evolve(self, wordings=(*self.wordings, wording))

    def _check_non_answers(self, coder: _coding.Points) -> None:
        """Refuse non-answers that are answers of the scale (a point, a label, a labelled
        number), missing values (empty text, NaN) or infinite numbers."""
        plain = _coding.points(
            self.low,
            self.high,
            self.step,
            self.labels,
            wordings=self.wordings,
            where=coder.where,
            accepted="",
        )
        for code in self.non_answers:
            found = _coding.code_value(code, plain)
            if found >= 0:
                what = (
                    f"the label {self.labels[found]!r}"
                    if self.labels is not None and isinstance(code, str)
                    else f"the point {self.points[found]:g}"
                )
                raise ScaleError(
                    f"non-answer {code!r} is an answer of {self}: it reads as {what}; a "
                    "non-answer code must be neither a point of the scale nor one of its labels"
                )
            if found == _coding.MISSING:
                raise ScaleError(
                    f"non-answer {code!r} is a missing value (empty text or NaN), which is "
                    "counted as missing already; non-answers are codes such as 'N/A' or 99"
                )
            if _coding.code_value(code, coder) != _coding.NON_ANSWER:
                raise ScaleError(
                    f"non-answer {code!r} is not a finite number or text; non-answers are "
                    "codes such as 'N/A' or 99"
                )

    def with_non_answers(self, non_answers: Iterable[str | float]) -> Scale:
        """This scale with ``non_answers`` as its non-answer codes (replacing any it had).

        Examples
        --------
        >>> from satisfy import scales
        >>> nps = scales.NPS.with_non_answers(["Vet ikke", "Weiß nicht", 99])
        >>> nps.code("vet ikke"), nps.code("99"), nps == scales.NPS
        (-3, -3, True)
        """
        return attrs.evolve(self, non_answers=non_answers)

    # -- points ----------------------------------------------------------------------

    @property
    def n_points(self) -> int:
        """Number of points on the scale."""
        return round((self.high - self.low) / self.step) + 1

    @property
    def points(self) -> NDArray[np.float64]:
        """The points, lowest first, as floats."""
        return self.low + self.step * np.arange(self.n_points, dtype=np.float64)

    @property
    def integer_points(self) -> bool:
        """Whether every point is a whole number (0-10, 1-5; not half stars).

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.NPS.integer_points, scales.HALF_STARS.integer_points
        (True, False)
        """
        return self._points.integer_points

    @property
    def best(self) -> float:
        """The best point (``high``, or ``low`` when lower is better)."""
        return self.high if self.higher_is_better else self.low

    @property
    def worst(self) -> float:
        """The worst point (``low``, or ``high`` when lower is better)."""
        return self.low if self.higher_is_better else self.high

    def label_of(self, point: float) -> str:
        """The label of a point, or the point written as a number when there are no labels.

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.CSAT5.label_of(5)
        'Very satisfied'
        >>> scales.NPS.label_of(9)
        '9'
        """
        code = _coding.code_value(point, self._points) if _is_number(point) else _coding.INVALID
        if code < 0:
            raise InvalidScoreError([0], [point], where=str(self))
        if self.labels is None:
            return f"{self.points[code]:g}"
        return self.labels[code]

    # -- parsing ---------------------------------------------------------------------

    def code(self, value: Any) -> int:
        """The point index of one answer (0 = ``low``), without raising: -1 for a missing
        answer, -2 for one that is not on this scale and -3 for a non-answer (one of
        ``non_answers``); :meth:`encode` codes many and raises for the second.

        Examples
        --------
        >>> from satisfy import Scale, scales
        >>> scales.CSAT5.code("Satisfied"), scales.CSAT5.code(None), scales.CSAT5.code(7)
        (3, -1, -2)
        >>> Scale(1, 5, non_answers=["N/A"]).code(" n/a ")
        -3
        """
        return self._points.code_one(value)

    def accepted_description(self) -> str:
        """What answers this scale accepts, in words (used in error messages)."""
        text = f"Accepted: numbers {self.low:g} to {self.high:g} by {self.step:g}"
        if self.labels is not None:
            text += f", or the labels {self.labels[0]!r} .. {self.labels[-1]!r}"
        if self.wordings:
            n = len(self.wordings)
            text += f" (or {n} other wording{'s' if n > 1 else ''}"
            text += ", in any case, with or without accents)"
        if self.non_answers:
            text += f"; non-answers: {', '.join(map(repr, self.non_answers))}"
        return text

    def encode(
        self,
        values: ArrayLike,
        *,
        nan_policy: NanPolicy = "omit",
        invalid_policy: InvalidPolicy = "raise",
    ) -> NDArray[np.intp]:
        """Point indices (0 = ``low``) of raw answers; -1 marks a missing answer (and a
        non-answer: a code of ``non_answers``).

        Parameters
        ----------
        values : array-like
            Numbers, numeric strings, labels or labelled numbers; None, NaN, ``pd.NA``
            and empty text are missing.
        nan_policy : {"omit", "raise"}
            ``"raise"`` refuses missing answers with :class:`~satisfy.MissingScoreError`.
        invalid_policy : {"raise", "omit"}
            ``"omit"`` gives answers that are not on the scale -1, as if missing, instead
            of raising.

        Raises
        ------
        InvalidScoreError
            For answers off the scale, off its step, unknown labels, text that is not
            exactly a number or a label (``"9 10"``, ``"0x9"``) and values that are not
            answers at all (booleans, dates, durations), with their positions.

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.NPS.encode([10, "9 - Extremely likely", float("nan"), "0"]).tolist()
        [10, 9, -1, 0]
        >>> scales.NPS.encode([10, "n/a", 11], invalid_policy="omit").tolist()
        [10, -1, -1]
        """
        arr = _coding.as_array(values)
        policy = _coding.check_nan_policy(nan_policy)
        invalid = _coding.check_invalid_policy(invalid_policy)
        out = np.empty(arr.shape[0], dtype=np.intp)
        for start, codes, n_missing in _coding.code_chunks(arr, self._points, policy, invalid):
            if n_missing:
                codes = np.where(codes >= self.n_points, -1, codes)
            out[start : start + codes.shape[0]] = codes
        return out

    def decode(self, indices: ArrayLike) -> NDArray[np.float64]:
        """Point values of indices; -1 gives NaN.

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.HALF_STARS.decode([0, 9, -1]).tolist()
        [0.5, 5.0, nan]
        """
        raw = _coding.as_array(indices, what="indices")
        x, bad = _as_floats(raw)
        with np.errstate(invalid="ignore"):
            bad |= ~((x >= -1) & (x < self.n_points) & (x == np.floor(x)))
        if bad.any():
            pos = np.flatnonzero(bad)
            raise InvalidScoreError(
                pos.tolist(),
                [_coding.pyvalue(raw[p]) for p in pos],
                where=f"of {self} as indices",
                detail=f"indices are whole numbers from -1 (missing) to {self.n_points - 1}",
            )
        idx = x.astype(np.intp)
        values = self.low + self.step * idx.astype(np.float64)
        values[idx == -1] = np.nan
        return values

    def parse(
        self,
        values: ArrayLike,
        *,
        nan_policy: NanPolicy = "omit",
        invalid_policy: InvalidPolicy = "raise",
    ) -> NDArray[np.float64]:
        """Point values of raw answers, NaN for missing ones (and, with
        ``invalid_policy="omit"``, for answers not on the scale); options as for
        :meth:`encode`.

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.CSAT5.parse(["Satisfied", " 5 ", None]).tolist()
        [4.0, 5.0, nan]
        """
        return self.decode(
            self.encode(values, nan_policy=nan_policy, invalid_policy=invalid_policy)
        )

    # -- POMP --------------------------------------------------------------------------

    def pomp(self, values: ArrayLike, *, nan_policy: NanPolicy = "omit") -> NDArray[np.float64]:
        """POMP scores (percent of maximum possible): 0 at the worst point, 100 at the best.

        On scales where lower is better the direction is turned, so 100 is always best.

        References
        ----------
        Cohen, P., Cohen, J., Aiken, L. S. and West, S. G. (1999). The problem of units and
        the circumstance for POMP. *Multivariate Behavioral Research* 34(3), 315-346.

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.CSAT5.pomp([1, 3, 5]).tolist()
        [0.0, 50.0, 100.0]
        >>> scales.CES5.pomp([1, 5]).tolist()
        [100.0, 0.0]
        """
        return self._to_pomp(self.parse(values, nan_policy=nan_policy))

    def _to_pomp(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        return 100.0 * (x - self.worst) / (self.best - self.worst)

    def from_pomp(self, pomp: ArrayLike) -> NDArray[np.float64]:
        """Scale values of POMP scores: the reverse of :meth:`pomp` (not snapped to points).

        Examples
        --------
        >>> from satisfy import scales
        >>> scales.NPS.from_pomp([0, 75, 100]).tolist()
        [0.0, 7.5, 10.0]
        """
        raw = _coding.as_array(pomp, what="POMP scores")
        p, bad = _as_floats(raw)
        bad |= ~((p >= 0) & (p <= 100)) & ~np.isnan(p)
        if bad.any():
            pos = np.flatnonzero(bad)
            raise InvalidScoreError(
                pos.tolist(),
                [_coding.pyvalue(raw[i]) for i in pos],
                where="of POMP",
                detail="POMP scores are numbers from 0 to 100 (NaN for missing)",
            )
        return self.worst + p / 100.0 * (self.best - self.worst)

    # -- display -----------------------------------------------------------------------

    def __str__(self) -> str:
        name = f"{self.name} " if self.name else ""
        step = "" if self.step == 1 else f" by {self.step:g}"
        return f"{name}({self.low:g}-{self.high:g}{step})"

    def __repr__(self) -> str:
        parts = [f"{self.low:g}-{self.high:g}"]
        if self.step != 1:
            parts[0] += f" by {self.step:g}"
        if self.labels is not None:
            parts.append(f"labels {self.labels[0]}..{self.labels[-1]}")
        if not self.higher_is_better:
            parts.append("lower is better")
        if self.non_answers:
            parts.append(f"non-answers {', '.join(map(repr, self.non_answers))}")
        head = f"{self.name}: " if self.name else ""
        return f"Scale({head}{', '.join(parts)})"


def _where(w: int | None) -> str:
    return "labels" if w is None else "the new wording" if w < 0 else f"wording {w}"


def _check_label_sets(scale: Scale, k: int, new: tuple[str, ...] | None = None) -> None:
    """Refuse label sets that do not make one reading of each point: a count other than
    one per point, an empty label, a label that reads as a number, two labels that read
    alike (normalised) on different points, and labels running against the numbers.
    ``new`` is a wording about to be added (named "the new wording" in messages)."""
    sets: list[tuple[int | None, tuple[str, ...]]] = []
    if scale.labels is not None:
        sets.append((None, scale.labels))
    sets += list(enumerate(scale.wordings))
    if new is not None:
        sets.append((-1, new))
    seen: dict[str, tuple[int, str, int | None]] = {}
    for w, labels in sets:
        what = _where(w)
        if len(labels) != k:
            raise ScaleError(
                f"a scale of {k} points needs {k} labels, got {len(labels)}"
                + ("" if w is None else f" in {what}")
                + "; give one label per point, lowest first"
            )
        for i, label in enumerate(labels):
            key = _coding.normalize_label(label)
            if not key:
                raise ScaleError(f"label {i} is empty" + ("" if w is None else f" in {what}"))
            if _coding.number_in_text(label) is not None:
                raise ScaleError(f"label {label!r} reads as a number; labels must be words")
            found = seen.get(key)
            if found is None:
                seen[key] = (i, label, w)
            elif found[0] != i:
                j, other, ow = found
                if ow == w:
                    place = (
                        f"labels {j} and {i} of {what}" if w is not None else f"labels {j} and {i}"
                    )
                    raise ScaleError(
                        f"{place} are the same ({other!r} and {label!r}) once case, accents "
                        "and spaces are ignored, as labels are matched; each point needs a "
                        "label of its own"
                    )
                raise ScaleError(
                    f"label {label!r} (point {scale.low + i * scale.step:g} in {what}) and "
                    f"{other!r} (point {scale.low + j * scale.step:g} in {_where(ow)}) read "
                    "alike (labels are matched ignoring case, accents and spaces), so one "
                    "answer would mean two points; a label must name the same point in every "
                    "wording"
                )
    for w, labels in sets:
        _check_direction(scale, labels, _where(w))


@functools.cache
def _known_positions() -> dict[str, list[tuple[str, int, int]]]:
    """Normalised label -> (family, position, points) of every known wording."""
    index: dict[str, list[tuple[str, int, int]]] = {}
    for family, (table, _, _) in _wordings.FAMILIES.items():
        for wordings in table.values():
            for wording in wordings:
                for pos, label in enumerate(wording):
                    entry = (family, pos, len(wording))
                    refs = index.setdefault(_coding.normalize_label(label), [])
                    if entry not in refs:
                        refs.append(entry)
    return index


def _check_direction(scale: Scale, labels: tuple[str, ...], what: str) -> None:
    """Refuse labels that a known wording says run against the scale's numbers.

    A label set is read against each family of known wordings (satisfaction, agreement,
    effort, stars, in every language): when more than half of its labels, and at least
    two, are known and their known positions fall as the scale's points rise, the labels
    run from the end the family writes last to the one it writes first. That is refused
    when it puts the best answer at the end ``higher_is_better`` calls worst (agreement
    has no intrinsic best end: reversed agreement is refused unless lower is better).
    Unknown and shuffled label sets pass.
    """
    index = _known_positions()
    hits: dict[str, list[tuple[int, int]]] = {}
    for i, label in enumerate(labels):
        for family, pos, _ in index.get(_coding.normalize_label(label), ()):
            hits.setdefault(family, []).append((i, pos))
    for family, pairs in hits.items():
        if len(pairs) < 2 or 2 * len(pairs) <= len(labels):
            continue
        positions = [pos for _, pos in pairs]
        falling = all(a > b for a, b in itertools.pairwise(positions))
        rising = all(a < b for a, b in itertools.pairwise(positions))
        if not (falling or rising):
            continue
        best_end = _wordings.FAMILIES[family][2]
        (i0, _), (i1, _) = pairs[0], pairs[-1]
        first, last = labels[i0], labels[i1]
        x0, x1 = (f"{scale.low + i * scale.step:g}" for i in (i0, i1))
        hib = scale.higher_is_better
        if falling and (best_end is None or best_end == "last") and hib:
            # "Very satisfied" at the lowest number, and higher is better
            run = "from agree to disagree" if best_end is None else "from best to worst"
            raise ScaleError(
                f"the labels run {run} against the numbers: in {what} "
                f"{first!r} is {x0} and {last!r} is {x1}, but higher_is_better=True "
                f"makes {scale.high:g} the best answer. If the answers were coded that way "
                f"(1 = best), recode them ({scale.low + scale.high:g} - x) and give the "
                "labels lowest point first; if the lowest number really is the best "
                "answer, say higher_is_better=False"
            )
        if falling and best_end == "first" and not hib:
            raise ScaleError(
                f"the labels run against the numbers: in {what} {first!r} is {x0} and "
                f"{last!r} is {x1}, so the highest number is the best answer, but "
                "higher_is_better=False says lower is better; give the labels lowest point "
                f"first ({last!r} first) or drop higher_is_better=False"
            )
        if rising and best_end == "last" and not hib:
            raise ScaleError(
                f"the labels put the best answer at the highest number ({last!r} is {x1}), "
                "but higher_is_better=False says lower is better; drop "
                "higher_is_better=False, or if the answers were coded best first, recode "
                f"them ({scale.low + scale.high:g} - x)"
            )
        if rising and best_end == "first" and hib:
            raise ScaleError(
                f"the labels put the best answer at the lowest number ({first!r} is {x0}: "
                "low effort is good), but higher_is_better=True says higher is better; say "
                "higher_is_better=False (as the preset CES5 does)"
            )


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(
        value, bool | np.bool_ | np.timedelta64
    )


def _as_floats(arr: NDArray[Any]) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Numbers of an array as floats (NaN for missing) and a mask of entries that are not
    numbers (text, booleans, dates ...), which come out as NaN."""
    kind = arr.dtype.kind
    if kind in "iuf":
        return arr.astype(np.float64), np.zeros(arr.shape[0], dtype=bool)
    if kind != "O":
        return np.full(arr.shape[0], np.nan), np.ones(arr.shape[0], dtype=bool)
    items = arr.tolist()
    ok = [_is_number(v) or (_coding.is_missing_value(v) and not isinstance(v, str)) for v in items]
    x = np.array([float(v) if _is_number(v) else np.nan for v in items], dtype=np.float64)
    return x.astype(np.float64), ~np.array(ok, dtype=bool)


def convert(values: ArrayLike, source: Scale | str, target: Scale | str) -> NDArray[np.float64]:
    """Map positions on one scale onto another, linearly and ends to ends.

    A value is a position on ``source``'s range: one of its points or labels, or any number
    from its lowest to its highest point (a converted value, a mean, ...). The worst end of
    ``source`` goes to the worst end of ``target`` and the best to the best, so a
    conversion between a scale where higher is better and one where lower is better turns
    the direction. Results are not snapped to the target's points: 4 on a 1-5 scale is 7.5
    on 0-10, and 7.5 on 0-10 converts back to 4. Missing answers give NaN.

    Conversion keeps the order of values and the relative position on the scale (POMP,
    the percent of the maximum possible): ``convert(x, a, b)`` is
    ``b.from_pomp(POMP of x on a)``, and converting back returns ``x``. It does not keep
    category metrics: a top-2-box share on 1-5 is not a top-2-box share on 0-10, and NPS
    categories have no counterpart on a 5-point scale.

    Parameters
    ----------
    values : array-like
        Positions on ``source``: numbers within its range, or its labels.
    source, target : Scale or str
        The scales, or presets' names.

    Returns
    -------
    numpy.ndarray of float

    Raises
    ------
    InvalidScoreError
        For numbers outside ``source``'s range and text that is not one of its labels,
        with their positions. Values within rounding (a billionth of the range) of an end
        count as that end.

    Examples
    --------
    >>> from satisfy import convert, scales
    >>> convert([1, 3, 4, 5], scales.CSAT5, scales.NPS).tolist()
    [0.0, 5.0, 7.5, 10.0]
    >>> convert([0, 2.5, 7.5], scales.NPS, scales.CSAT5).tolist()  # positions convert back
    [1.0, 2.0, 4.0]
    >>> convert([1, 5], scales.CES5, scales.CES7).tolist()  # low effort is good: 1 -> 7
    [7.0, 1.0]
    """
    source = as_scale(source, what="source")
    target = as_scale(target, what="target")
    return target.from_pomp(source._to_pomp(_positions(values, source)))


def _positions(values: ArrayLike, scale: Scale) -> NDArray[np.float64]:
    """Values of positions on ``scale``'s range: numbers from ``low`` to ``high`` as they
    are, labels and numeric text through :meth:`Scale.parse`; NaN for missing."""
    from decimal import Decimal

    raw = _coding.as_array(values)
    x, not_number = _as_floats(raw)
    if raw.dtype.kind == "O" and not_number.any():  # decimals are numbers too, if finite
        items = raw.tolist()
        decimal = np.array([isinstance(v, Decimal) and v.is_finite() for v in items])
        if decimal.any():
            x[decimal] = [float(items[i]) for i in np.flatnonzero(decimal)]
            not_number &= ~decimal
    slack = 1e-9 * (scale.high - scale.low)
    inside = ~not_number & (x >= scale.low - slack) & (x <= scale.high + slack)
    out = np.clip(x, scale.low, scale.high)
    rest = np.flatnonzero(~inside & ~np.isnan(x) | not_number)
    if rest.size:
        try:
            out[rest] = scale.parse(raw[rest])
        except InvalidScoreError as error:
            at = [int(rest[i]) for i in error.positions]
            raise InvalidScoreError(
                at,
                error.values,
                where=str(scale),
                detail=(
                    f"Positions are numbers from {scale.low:g} to {scale.high:g} or the "
                    "scale's labels"
                ),
            ) from None
    return out


def _standard(family: str, labels: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The known wordings of a family (every language) but the preset's own labels."""
    table = _wordings.FAMILIES[family][0]
    return tuple(w for wordings in table.values() for w in wordings if w != labels)


_AGREE7 = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)

#: Likelihood to recommend, 0-10 (Net Promoter Score question).
NPS = Scale(
    0,
    10,
    name="NPS",
    question="How likely is it that you would recommend us to a friend or colleague?",
)
_CSAT5 = (
    "Very dissatisfied",
    "Dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Satisfied",
    "Very satisfied",
)
_AGREE5 = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)
_EFFORT5 = ("Very low effort", "Low effort", "Moderate effort", "High effort", "Very high effort")
_STARS5 = ("1 star", "2 stars", "3 stars", "4 stars", "5 stars")

#: Customer satisfaction, 1-5, very dissatisfied to very satisfied (and the standard
#: wordings in sixteen languages: "Meget tilfreds", "Sehr zufrieden", "Très satisfait" ...).
CSAT5 = Scale(
    1,
    5,
    labels=_CSAT5,
    wordings=_standard("satisfaction", _CSAT5),
    name="CSAT5",
    question="How satisfied were you with your experience?",
)
#: Customer Effort Score 2.0, 1-7 agreement with "the company made it easy to handle my issue".
CES7 = Scale(
    1,
    7,
    labels=_AGREE7,
    wordings=_standard("agreement7", _AGREE7),
    name="CES7",
    question="The company made it easy for me to handle my issue.",
)
#: Customer Effort Score 1.0, 1-5 effort; lower is better.
CES5 = Scale(
    1,
    5,
    labels=_EFFORT5,
    wordings=_standard("effort", _EFFORT5),
    name="CES5",
    higher_is_better=False,
    question="How much effort did you personally have to put forth to handle your request?",
)
#: Five-point agreement (Likert) scale.
LIKERT5 = Scale(1, 5, labels=_AGREE5, wordings=_standard("agreement5", _AGREE5), name="LIKERT5")
#: Seven-point agreement (Likert) scale.
LIKERT7 = Scale(1, 7, labels=_AGREE7, wordings=CES7.wordings, name="LIKERT7")
#: Star rating, 1-5 whole stars.
STARS5 = Scale(1, 5, labels=_STARS5, wordings=_standard("stars", _STARS5), name="STARS5")
#: Star rating, 0.5-5.0 by half stars.
HALF_STARS = Scale(0.5, 5.0, step=0.5, name="HALF_STARS")
#: American Customer Satisfaction Index items, 1 (poor) to 10 (excellent).
ACSI10 = Scale(1, 10, name="ACSI10")

#: Common non-answer wordings in the sixteen languages of the presets ("Don't know", "N/A",
#: "Ved ikke", "Vet ikke", "Weiß nicht", "Nezinu", "Ei oska öelda", "Ne sais pas", "No sé",
#: ...), for ``Scale(..., non_answers=DONT_KNOW)``; matched like labels.
DONT_KNOW: tuple[str, ...] = _wordings.DONT_KNOW

#: Every preset by name.
PRESETS: dict[str, Scale] = {
    s.name: s for s in (NPS, CSAT5, CES7, CES5, LIKERT5, LIKERT7, STARS5, HALF_STARS, ACSI10)
}


def as_scale(scale: Scale | str, *, what: str = "scale") -> Scale:
    """The Scale a preset's name or a Scale stands for.

    Parameters
    ----------
    scale : Scale or str
        A Scale (returned as it is) or the name of a preset in :data:`PRESETS`, in any
        case (``"nps"``, ``"CSAT5"``).
    what : str
        The argument's name, for the error message.

    Returns
    -------
    Scale

    Raises
    ------
    ScaleError
        For a name that is not a preset (the message lists the presets) or a value that is
        neither a Scale nor text.

    Examples
    --------
    >>> from satisfy import scales
    >>> scales.as_scale("csat5") is scales.CSAT5
    True
    >>> scales.as_scale(scales.NPS) is scales.NPS
    True

    A frame spec is not a scale (``satisfy.NPS`` is the spec of a column, the 0-10 scale is
    ``satisfy.scales.NPS``):

    >>> import satisfy
    >>> scales.as_scale(satisfy.NPS)
    Traceback (most recent call last):
    ...
    satisfy.errors.ScaleError: scale=satisfy.NPS is a frame spec ... satisfy.scales.NPS ...
    """
    if isinstance(scale, Scale):
        return scale
    if isinstance(scale, str):
        found = PRESETS.get(scale.upper())
        if found is not None:
            return found
        raise ScaleError(f"{what}={scale!r} is not a preset; presets: {', '.join(PRESETS)}")
    raise _not_a_scale(scale, what)


def _not_a_scale(value: object, what: str) -> ScaleError:
    """The error for a value that is neither a Scale nor text. A frame spec given as a
    scale (``satisfy.NPS`` is the spec, ``satisfy.scales.NPS`` the 0-10 scale) gets one that
    says so; specs live in a higher layer, so they are recognised by their module."""
    cls = value if isinstance(value, type) else type(value)
    if getattr(cls, "__module__", "") != "satisfy.specs":
        return ScaleError(f"{what} must be a Scale or a preset's name, got {type(value).__name__}")
    name = cls.__name__
    preset = name if name in PRESETS else next((p for p in PRESETS if p.startswith(name)), "")
    hint = (
        f"the scale is satisfy.scales.{preset} or the preset's name {preset!r}"
        if preset
        else "give a Scale (satisfy.scales...) or a preset's name"
    )
    shown = f"satisfy.{name}" if isinstance(value, type) else f"a satisfy.{name} spec"
    return ScaleError(
        f"{what}={shown} is a frame spec (a column and a metric, for summarize and trend), "
        f"not a scale; {hint}"
    )
