"""Typed survey responses: one validated answer, and a columnar batch of them.

Examples
--------
>>> from satisfy import Response, Responses, scales
>>> r = Response("9 - Extremely likely", scale=scales.NPS, segments={"channel": "chat"})
>>> r.score, r.segments["channel"]
(9.0, 'chat')
>>> other = Response(3, scale=scales.NPS, segments={"channel": "phone"})
>>> batch = Responses.from_responses([r, other])
>>> batch.tally(by="channel").groups
('chat', 'phone')
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _pickling
from ._coding import InvalidPolicy, NanPolicy
from ._design import LonelyPsu
from .errors import (
    ColumnError,
    EmptyDataError,
    InvalidScoreError,
    LengthMismatchError,
    SatisfyError,
    ScaleError,
    WeightError,
)
from .scales import Scale, as_scale
from .tally import GroupedTally, Tally

__all__ = ["Response", "Responses"]


class _Segments(Mapping[str, Any]):
    """A read-only mapping of segment names to values that pickles (``MappingProxyType``
    does not, which made responses unpicklable)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{self._data!r}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Segments, (self._data,))


def _freeze_segments(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return _Segments(value or {})


def _to_timestamp(value: Any) -> _dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise SatisfyError(f"timestamp {value!r} is not a datetime, a date or ISO text")


def _check_weight(instance: Response, attribute: attrs.Attribute[float], value: float) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise WeightError([0], [value], detail="a weight must be finite and non-negative")


@attrs.frozen(repr=False)
class Response:
    """One answer to one rating question, validated against its scale.

    Parameters
    ----------
    score : number, str or None
        The raw answer (a number, numeric text, a label or a labelled number); None, NaN
        or empty text for a skipped question; or a non-answer code of the scale ("N/A",
        99: ``is_non_answer`` is then True). Stored as the point's value (float) or None.
    scale : Scale or str
        The scale, or a preset's name.
    weight : float
        Survey weight, finite and non-negative.
    respondent : hashable, optional
        Who answered.
    segments : mapping of str to hashable
        Segment attributes such as channel or team.
    timestamp : datetime, date or ISO text, optional
        When the answer was given.

    Raises
    ------
    InvalidScoreError
        When ``score`` is not on the scale.
    WeightError
        When ``weight`` is negative, NaN or infinite.

    Examples
    --------
    >>> from satisfy import Response
    >>> Response("Satisfied", scale="CSAT5", weight=1.5)
    Response(4 on CSAT5 (1-5), weight=1.5)
    >>> from satisfy import scales
    >>> r = Response("N/A", scale=scales.CSAT5.with_non_answers(["N/A"]))
    >>> r, r.is_non_answer, r.is_missing
    (Response(non-answer on CSAT5 (1-5)), True, False)
    """

    score: float | None
    scale: Scale = attrs.field(kw_only=True, converter=as_scale)
    weight: float = attrs.field(default=1.0, kw_only=True, converter=float, validator=_check_weight)
    respondent: Hashable | None = attrs.field(default=None, kw_only=True)
    segments: Mapping[str, Any] = attrs.field(
        factory=dict, kw_only=True, converter=_freeze_segments, hash=False
    )
    timestamp: _dt.datetime | None = attrs.field(
        default=None, kw_only=True, converter=_to_timestamp
    )
    #: True when the answer was a non-answer code of the scale (``score`` is then None).
    is_non_answer: bool = attrs.field(init=False, default=False)

    def __attrs_post_init__(self) -> None:
        code = self.scale.code(self.score)
        if code == _coding.INVALID:
            raise InvalidScoreError(
                [0],
                [self.score],
                where=str(self.scale),
                detail=self.scale.accepted_description(),
            )
        value = None if code < 0 else float(self.scale.points[code])
        object.__setattr__(self, "score", value)
        object.__setattr__(self, "is_non_answer", code == _coding.NON_ANSWER)

    @property
    def is_missing(self) -> bool:
        """True for a skipped question (not for a non-answer)."""
        return self.score is None and not self.is_non_answer

    def __repr__(self) -> str:
        score = "missing" if self.score is None else f"{self.score:g}"
        if self.is_non_answer:
            score = "non-answer"
        parts = [f"{score} on {self.scale}"]
        if self.weight != 1:
            parts.append(f"weight={self.weight:g}")
        if self.respondent is not None:
            parts.append(f"respondent={self.respondent!r}")
        if self.segments:
            parts.append(f"segments={dict(self.segments)!r}")
        if self.timestamp is not None:
            parts.append(f"timestamp={self.timestamp.isoformat()}")
        return f"Response({', '.join(parts)})"


def _column(values: ArrayLike, n: int, what: str) -> NDArray[Any]:
    arr = _coding.as_array(values, what=what)
    if arr.shape[0] != n:
        raise LengthMismatchError(f"{what} has {arr.shape[0]} entries but there are {n} scores")
    return _frozen(np.array(arr))  # a plain copy (as_array may give a subclass)


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    arr.setflags(write=False)
    return arr


@attrs.frozen(eq=False, repr=False)
class Responses:
    """A columnar batch of answers on one scale, backed by numpy arrays.

    Build with :meth:`from_arrays` or :meth:`from_responses`. Index with an integer for one
    :class:`Response`, or with a slice or boolean mask for a smaller batch.

    Attributes
    ----------
    scale : Scale
    codes : numpy.ndarray of int16
        Point index of each answer (0 = ``scale.low``), -1 for a missing answer, -2 for
        an answer not on the scale left out (``invalid_policy="omit"``) and -3 for a
        non-answer (a code of the scale's ``non_answers``).
    weights : numpy.ndarray of float64 or None
    respondents : numpy.ndarray or None
    segments : mapping of str to numpy.ndarray
    timestamps : numpy.ndarray of datetime64[us] or None

    Examples
    --------
    >>> from satisfy import Responses
    >>> b = Responses.from_arrays([10, 6, None, 9], scale="NPS",
    ...                           segments={"team": ["a", "a", "b", "b"]})
    >>> len(b), b.tally().missing, b.tally(by="team")["b"].n
    (4, 1, 1)
    """

    scale: Scale
    codes: NDArray[np.int16]
    weights: NDArray[np.float64] | None = None
    respondents: NDArray[Any] | None = None
    segments: Mapping[str, NDArray[Any]] = attrs.field(factory=dict, converter=_freeze_segments)
    timestamps: NDArray[np.datetime64] | None = None

    # arrays stay read-only through pickle
    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    @classmethod
    def from_arrays(
        cls,
        scores: ArrayLike,
        *,
        scale: Scale | str,
        weights: ArrayLike | None = None,
        respondents: ArrayLike | None = None,
        segments: Mapping[str, ArrayLike] | None = None,
        timestamps: ArrayLike | None = None,
        nan_policy: NanPolicy = "omit",
        invalid_policy: InvalidPolicy = "raise",
    ) -> Responses:
        """A batch from columns, one entry per answer; validated like :meth:`Tally.from_scores`.

        Parameters
        ----------
        scores : array-like
            Raw answers: numbers, numeric text, labels or labelled numbers.
        scale : Scale or str
            The scale, or a preset's name.
        weights, respondents, segments, timestamps : optional
            One entry per answer (``segments`` maps names to columns).
        nan_policy : {"omit", "raise"}
            ``"raise"`` refuses missing answers.
        invalid_policy : {"raise", "omit"}
            ``"omit"`` keeps answers that are not on the scale (code -2) instead of
            raising; they tally as missing (and ``invalid``), and the batch keeps their
            weights and segments.

        Examples
        --------
        >>> from satisfy import Responses, scales
        >>> Responses.from_arrays(["Very satisfied", "3"], scale="CSAT5").scores.tolist()
        [5.0, 3.0]
        >>> b = Responses.from_arrays([5, "meh", 1], scale="CSAT5", invalid_policy="omit")
        >>> b.codes.tolist(), b.tally().missing, b.tally().invalid
        ([4, -2, 0], 1, 1)
        >>> csat = scales.CSAT5.with_non_answers(["N/A"])
        >>> b = Responses.from_arrays([5, "N/A", None], scale=csat)
        >>> b.codes.tolist(), b.tally().non_answers, b.tally().missing
        ([4, -3, -1], 1, 1)
        """
        resolved = as_scale(scale)
        codes = _codes(scores, resolved, nan_policy, invalid_policy)
        n = codes.shape[0]
        w = None
        if weights is not None:
            w = np.asarray(_column(weights, n, "weights"), dtype=np.float64)
            bad = ~(np.isfinite(w) & (w >= 0))
            if bad.any():
                pos = np.flatnonzero(bad)
                raise WeightError(
                    pos.tolist(), w[pos].tolist(), detail="weights must be finite and non-negative"
                )
            w = _frozen(w)
        ts = None
        if timestamps is not None:
            raw = _column(timestamps, n, "timestamps")
            try:
                ts = _frozen(np.asarray(raw, dtype="datetime64[us]"))
            except (TypeError, ValueError) as exc:
                raise SatisfyError(f"timestamps must be datetimes or ISO text: {exc}") from None
        return cls(
            resolved,
            _frozen(codes),
            w,
            None if respondents is None else _column(respondents, n, "respondents"),
            {
                name: _column(col, n, f"segments[{name!r}]")
                for name, col in (segments or {}).items()
            },
            ts,
        )

    @classmethod
    def from_responses(cls, responses: Iterable[Response]) -> Responses:
        """A batch from :class:`Response` objects, which must share one scale.

        Segment names missing from some responses get None there.

        Examples
        --------
        >>> from satisfy import Response, Responses
        >>> answers = [Response(5, scale="CSAT5"), Response(None, scale="CSAT5")]
        >>> Responses.from_responses(answers).codes.tolist()
        [4, -1]
        """
        items = list(responses)
        if not items:
            raise EmptyDataError("from_responses needs at least one Response")
        scale = items[0].scale
        for i, r in enumerate(items):
            if r.scale != scale:
                raise ScaleError(f"response {i} is on {r.scale}, the first on {scale}")
        names: list[str] = []
        for r in items:
            names.extend(k for k in r.segments if k not in names)
        weights = [r.weight for r in items]
        stamps = [r.timestamp for r in items]
        ids = [r.respondent for r in items]
        scores = np.array([np.nan if r.score is None else r.score for r in items])
        non = np.array([r.is_non_answer for r in items], dtype=bool)
        return cls.from_arrays(
            _with_non_answers(scores, non, scale),
            scale=scale,
            weights=None if all(w == 1 for w in weights) else weights,
            respondents=None if all(i is None for i in ids) else np.array(ids, dtype=object),
            segments={n: np.array([r.segments.get(n) for r in items], dtype=object) for n in names},
            timestamps=None
            if all(s is None for s in stamps)
            else np.array(
                [np.datetime64("NaT") if s is None else s for s in stamps], "datetime64[us]"
            ),
        )

    @property
    def scores(self) -> NDArray[np.float64]:
        """Point values, NaN for missing answers, non-answers and answers left out."""
        return self.scale.decode(np.where(self.codes < 0, -1, self.codes))

    def _answers(self) -> tuple[NDArray[Any], bool]:
        """Answers that tally as the batch was coded, and whether some were left out as
        invalid: point values, NaN for missing answers, inf (invalid) for answers left
        out as invalid, and a non-answer code of the scale for non-answers."""
        values = self.scores
        invalid = self.codes == _LEFT_OUT_INVALID
        any_invalid = bool(invalid.any())
        if any_invalid:
            values[invalid] = np.inf
        return _with_non_answers(values, self.codes == _coding.NON_ANSWER, self.scale), any_invalid

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    @overload
    def __getitem__(self, key: int) -> Response: ...
    @overload
    def __getitem__(self, key: slice | Sequence[bool] | NDArray[Any]) -> Responses: ...
    def __getitem__(self, key: Any) -> Response | Responses:
        if isinstance(key, int | np.integer):
            i = int(key)
            ts = None if self.timestamps is None else self.timestamps[i]
            code = int(self.codes[i])
            score: Any = None if code < 0 else float(self.scale.points[code])
            if code == _coding.NON_ANSWER:
                score = self.scale.non_answers[0]
            return Response(
                score,
                scale=self.scale,
                weight=1.0 if self.weights is None else float(self.weights[i]),
                respondent=None if self.respondents is None else self.respondents[i],
                segments={k: v[i] for k, v in self.segments.items()},
                timestamp=None if ts is None or np.isnat(ts) else ts.astype(_dt.datetime),
            )

        def take(a: NDArray[Any] | None) -> NDArray[Any] | None:
            return None if a is None else _frozen(np.asarray(a[key]))

        codes = take(self.codes)
        assert codes is not None
        return Responses(
            self.scale,
            codes,
            take(self.weights),
            take(self.respondents),
            {k: _frozen(np.asarray(v[key])) for k, v in self.segments.items()},
            take(self.timestamps),
        )

    def __iter__(self) -> Iterator[Response]:
        for i in range(len(self)):
            yield self[i]

    @overload
    def tally(
        self,
        by: None = None,
        *,
        cluster: str | None = None,
        strata: str | None = None,
        fpc: str | None = None,
        lonely_psu: LonelyPsu = "fail",
    ) -> Tally: ...
    @overload
    def tally(
        self,
        by: str | Sequence[str],
        *,
        cluster: str | None = None,
        strata: str | None = None,
        fpc: str | None = None,
        lonely_psu: LonelyPsu = "fail",
    ) -> GroupedTally: ...
    def tally(
        self,
        by: str | Sequence[str] | None = None,
        *,
        cluster: str | None = None,
        strata: str | None = None,
        fpc: str | None = None,
        lonely_psu: LonelyPsu = "fail",
    ) -> Tally | GroupedTally:
        """Tally the batch whole, or per segment (one name or several).

        ``cluster``, ``strata`` and ``fpc`` name the columns of a survey design (see
        :meth:`Tally.from_scores`): a segment's name, or ``"respondents"`` for the batch's
        respondent ids (a customer answering several times is a cluster).

        Raises
        ------
        ColumnError
            For a name that is neither a segment nor ``"respondents"`` (with respondents).

        Examples
        --------
        >>> from satisfy import Responses
        >>> b = Responses.from_arrays([1, 5, 5], scale="CSAT5", segments={"s": ["x", "y", "y"]})
        >>> b.tally().counts.tolist(), b.tally(by="s")["y"].n
        ([1, 0, 0, 0, 2], 2)
        >>> b = Responses.from_arrays([9, 3, 10, 7], scale="NPS", respondents=["a", "a", "b", "c"])
        >>> b.tally(cluster="respondents").design.psus.tolist()
        [3]
        """
        answers, any_invalid = self._answers()
        policy: InvalidPolicy = "omit" if any_invalid else "raise"
        ids = self._design_column("cluster", cluster)
        layers = self._design_column("strata", strata)
        population = self._design_column("fpc", fpc)
        if by is None:
            return Tally.from_scores(
                answers,
                scale=self.scale,
                weights=self.weights,
                invalid_policy=policy,
                cluster=ids,
                strata=layers,
                fpc=population,
                lonely_psu=lonely_psu,
            )
        names = [by] if isinstance(by, str) else list(by)
        unknown = [name for name in names if name not in self.segments]
        if unknown:
            raise ColumnError(
                f"no segment {unknown[0]!r}; segments: {', '.join(self.segments) or 'none'}"
            )
        keys: Any = (
            self.segments[by]
            if isinstance(by, str)
            else {name: self.segments[name] for name in names}
        )
        return GroupedTally.from_scores(
            answers,
            by=keys,
            scale=self.scale,
            weights=self.weights,
            invalid_policy=policy,
            cluster=ids,
            strata=layers,
            fpc=population,
            lonely_psu=lonely_psu,
        )

    def _design_column(self, what: str, name: str | None) -> NDArray[Any] | None:
        """The column a design option names: a segment, or the respondent ids."""
        if name is None:
            return None
        if name in self.segments:
            return self.segments[name]
        if name == "respondents" and self.respondents is not None:
            return self.respondents
        known = [*self.segments, *(["respondents"] if self.respondents is not None else [])]
        raise ColumnError(
            f"{what}={name!r} names no column of these responses; give a segment's name"
            f"{' or respondents' if self.respondents is not None else ''}: "
            f"{', '.join(map(repr, known)) or 'there are none'}"
        )

    def __repr__(self) -> str:
        missing = int(np.count_nonzero((self.codes < 0) & (self.codes != _coding.NON_ANSWER)))
        non = int(np.count_nonzero(self.codes == _coding.NON_ANSWER))
        left = f", non_answers={non}" if non else ""
        seg = f", segments {', '.join(self.segments)}" if self.segments else ""
        weighted = ", weighted" if self.weights is not None else ""
        return f"Responses({len(self)} on {self.scale}, missing={missing}{left}{weighted}{seg})"


_LEFT_OUT_INVALID = -2  # a code of Responses.codes: an answer not on the scale, left out


def _codes(
    scores: ArrayLike, scale: Scale, nan_policy: NanPolicy, invalid_policy: InvalidPolicy
) -> NDArray[np.int16]:
    """Codes of raw answers as :attr:`Responses.codes` holds them (one vectorised pass)."""
    arr = _coding.as_array(scores)
    policy = _coding.check_nan_policy(nan_policy)
    invalid = _coding.check_invalid_policy(invalid_policy)
    k = scale.n_points
    left_out = np.empty(_coding.EXTRA_BINS, dtype=np.int16)
    left_out[_coding.MISSING_BIN] = _coding.MISSING
    left_out[_coding.NON_ANSWER_BIN] = _coding.NON_ANSWER
    left_out[_coding.INVALID_BIN] = _LEFT_OUT_INVALID
    out = np.empty(arr.shape[0], dtype=np.int16)
    coder = _coding.points_of(scale)
    for start, codes, n_left in _coding.code_chunks(arr, coder, policy, invalid):
        chunk = out[start : start + codes.shape[0]]
        chunk[...] = codes
        if n_left:
            past = codes >= k
            chunk[past] = left_out[codes[past] - k]
    return out


def _with_non_answers(values: NDArray[Any], non: NDArray[np.bool_], scale: Scale) -> NDArray[Any]:
    """``values`` with the entries ``non`` replaced by a non-answer code of ``scale`` (a
    number when it has one, so the array stays numeric)."""
    if not non.any():
        return values
    codes = scale.non_answers
    numbers = [c if not isinstance(c, str) else _coding.number_in_text(c) for c in codes]
    numbers = [x for x in numbers if x is not None]
    if numbers:
        out = values.astype(np.float64)
        out[non] = numbers[0]
        return out
    out = values.astype(object)
    out[non] = codes[0]
    return out
