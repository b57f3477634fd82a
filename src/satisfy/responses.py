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
        or empty text for a skipped question. Stored as the point's value (float) or None.
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

    def __attrs_post_init__(self) -> None:
        code = self.scale.code(self.score)
        if code == _coding.INVALID:
            raise InvalidScoreError(
                [0],
                [self.score],
                where=str(self.scale),
                detail=self.scale.accepted_description(),
            )
        value = None if code == _coding.MISSING else float(self.scale.points[code])
        object.__setattr__(self, "score", value)

    @property
    def is_missing(self) -> bool:
        """True for a skipped question."""
        return self.score is None

    def __repr__(self) -> str:
        score = "missing" if self.score is None else f"{self.score:g}"
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
        Point index of each answer (0 = ``scale.low``), -1 for a missing answer.
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
            ``"omit"`` keeps answers that are not on the scale as missing ones (code -1)
            instead of raising; the batch keeps their weights and segments.

        Examples
        --------
        >>> from satisfy import Responses
        >>> Responses.from_arrays(["Very satisfied", "3"], scale="CSAT5").scores.tolist()
        [5.0, 3.0]
        >>> b = Responses.from_arrays([5, "meh", 1], scale="CSAT5", invalid_policy="omit")
        >>> b.codes.tolist(), b.tally().missing
        ([4, -1, 0], 1)
        """
        resolved = as_scale(scale)
        codes = resolved.encode(
            scores, nan_policy=nan_policy, invalid_policy=invalid_policy
        ).astype(np.int16)
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
        return cls.from_arrays(
            np.array([np.nan if r.score is None else r.score for r in items]),
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
        """Point values, NaN for missing answers."""
        return self.scale.decode(self.codes)

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
            return Response(
                None if self.codes[i] < 0 else float(self.scale.points[self.codes[i]]),
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
    def tally(self, by: None = None) -> Tally: ...
    @overload
    def tally(self, by: str | Sequence[str]) -> GroupedTally: ...
    def tally(self, by: str | Sequence[str] | None = None) -> Tally | GroupedTally:
        """Tally the batch whole, or per segment (one name or several).

        Examples
        --------
        >>> from satisfy import Responses
        >>> b = Responses.from_arrays([1, 5, 5], scale="CSAT5", segments={"s": ["x", "y", "y"]})
        >>> b.tally().counts.tolist(), b.tally(by="s")["y"].n
        ([1, 0, 0, 0, 2], 2)
        """
        if by is None:
            return Tally.from_scores(self.scores, scale=self.scale, weights=self.weights)
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
            self.scores, by=keys, scale=self.scale, weights=self.weights
        )

    def __repr__(self) -> str:
        missing = int(np.count_nonzero(self.codes < 0))
        seg = f", segments {', '.join(self.segments)}" if self.segments else ""
        weighted = ", weighted" if self.weights is not None else ""
        return f"Responses({len(self)} on {self.scale}, missing={missing}{weighted}{seg})"
