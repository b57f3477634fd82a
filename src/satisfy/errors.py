"""The errors `satisfy` raises.

Every error is a :class:`SatisfyError`, itself a :class:`ValueError`, so code that
already catches ``ValueError`` keeps working. Errors about particular answers or
weights carry the offending ``positions`` (0-based, in the input's order) and
``values`` so that a caller can point at the bad rows.

Examples
--------
>>> import satisfy
>>> try:
...     satisfy.Tally.from_scores([9, 11, 3], scale=satisfy.scales.NPS)
... except satisfy.InvalidScoreError as exc:
...     print(exc.positions, exc.values)
[1] [11]
"""

from __future__ import annotations

import copyreg
from collections.abc import Sequence
from typing import Any

__all__ = [
    "CalibrationError",
    "ColumnError",
    "DependencyError",
    "DesignError",
    "EmptyDataError",
    "InvalidScoreError",
    "LengthMismatchError",
    "MethodError",
    "MissingScoreError",
    "OptionError",
    "ReadError",
    "SatisfyError",
    "ScaleError",
    "WeightError",
]

_SHOWN = 5  # how many offending values a message lists before "and N more"


class SatisfyError(ValueError):
    """Base class of every error raised by `satisfy`.

    Every error pickles with its message and attributes (``positions``, ``values``, ...),
    so an error raised in a worker process (``concurrent.futures.ProcessPoolExecutor``,
    multiprocessing, Dask, Spark) reaches the parent as the same class with the same
    message.

    Examples
    --------
    >>> import satisfy
    >>> issubclass(satisfy.InvalidScoreError, satisfy.SatisfyError), issubclass(
    ...     satisfy.SatisfyError, ValueError)
    (True, True)
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default rebuilds an error by calling its class with ``self.args`` (the
        # message), which the children with their own ``__init__`` signatures do not
        # accept. Rebuild it without ``__init__`` instead: the message and every
        # attribute come back as they were.
        newobj = copyreg.__newobj__  # type: ignore[attr-defined]  # missing from typeshed
        return (newobj, (type(self), *self.args), self.__dict__)


class OptionError(SatisfyError):
    """An option (``method``, ``nan_policy``, ...) has a value that is not accepted.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([9]).confidence_interval(method="exact")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: method='exact' is not accepted; choose one of 'adjusted-wald', ...
    """

    def __init__(
        self, name: str, value: object, choices: Sequence[object] = (), *, accepted: str = ""
    ) -> None:
        self.name = name
        self.value = value
        self.choices = tuple(choices)
        #: what is accepted, in words, for an option that is not a choice among names
        self.accepted = accepted
        listed = ", ".join(repr(c) for c in self.choices)
        what = accepted or f"choose one of {listed}"
        super().__init__(f"{name}={value!r} is not accepted; {what}")


class MethodError(SatisfyError):
    """A method cannot be applied to this estimate (for example, it cannot honour weights).

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.csat([5, 1], weights=[1, 2])
    >>> e.confidence_interval(method="bootstrap")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.MethodError: method='bootstrap' resamples answers from the tally and ...
    """


class ScaleError(SatisfyError):
    """A scale is ill-defined, or two scales that must agree do not.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.Scale(1, 5, step=2)
    Traceback (most recent call last):
    ...
    satisfy.errors.ScaleError: step must be 1 or 0.5, got 2.0
    """


class ReadError(SatisfyError):
    """A file that cannot be read as answers: absent, not in its format, an encoding or
    dialect that does not fit, a survey-platform export whose layout is not what its
    platform writes. The message names the file and, where known, the line.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.read("no-such-file.csv")
    Traceback (most recent call last):
    ...
    satisfy.errors.ReadError: no file 'no-such-file.csv'
    """


class EmptyDataError(SatisfyError):
    """A quantity was asked of no answers (or of answers whose weights sum to zero).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([None, ""])
    Traceback (most recent call last):
    ...
    satisfy.errors.EmptyDataError: NPS of no answers is undefined (2 missing)
    """


class ColumnError(SatisfyError):
    """A named column or segment does not exist.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.Responses.from_arrays([9], scale="NPS").tally(by="channel")
    Traceback (most recent call last):
    ...
    satisfy.errors.ColumnError: no segment 'channel'; segments: none
    """


class LengthMismatchError(SatisfyError):
    """Two inputs that must have one entry per answer have different lengths.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([9, 10], weights=[1.0])
    Traceback (most recent call last):
    ...
    satisfy.errors.LengthMismatchError: weights has 1 entries but there are 2 scores
    """


class CalibrationError(SatisfyError):
    """Population margins or totals that weights cannot be built to: a category in the data
    that the margins do not list (or a population cell with no answer in the sample), a
    total that is not positive, margins whose totals disagree, a calibration that would
    need negative weights.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.rake({"channel": ["phone", "fax"]}, {"channel": {"phone": 10}})
    ...                                                    # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.CalibrationError: margin 'channel': 1 row has the category 'fax', ...
    """


class DependencyError(SatisfyError, ImportError):
    """An optional dependency (one of the package's extras) is not installed.

    Also an :class:`ImportError`, so code that guards optional imports keeps working.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.csat([5, 4]).to_frame(backend="not-a-backend")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: backend='not-a-backend' is not accepted; choose one of 'pandas', ...
    >>> issubclass(satisfy.DependencyError, ImportError)
    True
    """


class DesignError(SatisfyError):
    """A survey design (clusters, strata, finite population correction) that cannot be
    used as given: ids missing or of another length than the answers, a cluster in two
    strata, a population size that varies within a stratum or is smaller than the
    stratum's sample, a stratum with a single cluster, or tallies with a design merged
    with ``+``. The message names the stratum or cluster and what would be accepted.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([9, 10, 3], cluster=["a", "a", "b"], strata=["x", "x", "y"])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.DesignError: stratum 'x' has only one cluster (PSU), so its variance ...
    """


def _describe(positions: Sequence[int], values: Sequence[Any]) -> str:
    shown = [f"{v!r} at position {p}" for p, v in zip(positions[:_SHOWN], values[:_SHOWN])]
    more = len(positions) - _SHOWN
    text = ", ".join(shown)
    if more > 0:
        text += f", and {more} more"
    return text


class _PositionedError(SatisfyError):
    """An error about particular entries of an input, with their positions and values.

    Two forms. Positioned (arrays): ``positions`` and ``values`` list the offending
    entries. Counted (dataframe engines, which count rather than list rows): no positions,
    but the ``column`` and the ``count`` of offending answers.
    """

    what = "invalid"

    def __init__(
        self,
        positions: Sequence[int] = (),
        values: Sequence[Any] = (),
        *,
        where: str = "",
        detail: str = "",
        column: str | None = None,
        count: int | None = None,
    ) -> None:
        self.positions: list[int] = [int(p) for p in positions]
        self.values: list[Any] = list(values)
        self.column = column
        counted = bool(self.positions) or count is not None
        self.count: int | None = None
        if counted:
            self.count = len(self.positions) if count is None else int(count)
        elif column is None and detail:
            # no positions, column or count: the caller's sentence says what and where
            super().__init__(detail)
            return
        noun = "answer" if self.count == 1 else "answers"
        message = f"{self.count} {noun} {self.what}" if counted else f"answers {self.what}"
        if where:
            message += f" {where}"
        if column is not None:
            message = f"column {column!r}: {message}"
        if self.positions:
            message += f": {_describe(self.positions, self.values)}"
        if detail:
            message += f". {detail}"
        super().__init__(message)


class InvalidScoreError(_PositionedError):
    """Answers that are not points of the scale: off the range, off the step, unknown labels.

    Invalid answers always raise; they are never dropped silently.

    Attributes
    ----------
    positions : list of int
        0-based positions of the offending answers in the input.
    values : list
        The offending answers, as given.
    column : str or None
        The dataframe column, when the error is about one (engines count the offending
        rows rather than list them, so ``positions`` may then be empty).
    count : int or None
        How many answers are concerned (``len(positions)`` in the positioned form).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.csat([5, "meh"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.InvalidScoreError: 1 answer not on the scale CSAT5 (1-5): 'meh' at ...
    """

    what = "not on the scale"


class MissingScoreError(_PositionedError):
    """Missing answers (None, NaN, ``pd.NA``, empty text) met with ``nan_policy="raise"``.

    Attributes
    ----------
    positions : list of int
        0-based positions of the missing answers in the input.
    values : list
        The missing answers, as given.
    column : str or None
        The dataframe column, when the error is about one (engines count the offending
        rows rather than list them, so ``positions`` may then be empty).
    count : int or None
        How many answers are concerned (``len(positions)`` in the positioned form).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([9, None], nan_policy="raise")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.MissingScoreError: 1 answer missing: None at position 1. ...

    The counted form, for a dataframe column whose rows an engine counted:

    >>> print(satisfy.MissingScoreError(column="ltr", count=3, detail='nan_policy="raise"'))
    column 'ltr': 3 answers missing. nan_policy="raise"
    """

    what = "missing"


class WeightError(_PositionedError):
    """Weights that are negative, NaN or infinite, or that sum to zero.

    Attributes
    ----------
    positions : list of int
        0-based positions of the offending weights (empty when the problem is the total).
    values : list
        The offending weights.
    column : str or None
        The dataframe column of the weights, when the error is about one.
    count : int or None
        How many weights are concerned, when known.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.nps([9, 10], weights=[1.0, -2.0])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    satisfy.errors.WeightError: 1 answer with an invalid weight: -2.0 at position 1. ...
    """

    what = "with an invalid weight"

    def __init__(
        self,
        positions: Sequence[int] = (),
        values: Sequence[Any] = (),
        *,
        where: str = "",
        detail: str = "",
        column: str | None = None,
        count: int | None = None,
        message: str | None = None,
    ) -> None:
        if message is None:
            super().__init__(
                positions, values, where=where, detail=detail, column=column, count=count
            )
        else:
            self.positions = [int(p) for p in positions]
            self.values = list(values)
            self.column = column
            self.count = len(self.positions) if count is None and positions else count
            SatisfyError.__init__(self, message)
