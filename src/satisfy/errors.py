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

from collections.abc import Sequence
from typing import Any

__all__ = [
    "ColumnError",
    "EmptyDataError",
    "InvalidScoreError",
    "LengthMismatchError",
    "MethodError",
    "MissingScoreError",
    "OptionError",
    "SatisfyError",
    "ScaleError",
    "WeightError",
]

_SHOWN = 5  # how many offending values a message lists before "and N more"


class SatisfyError(ValueError):
    """Base class of every error raised by `satisfy`."""


class OptionError(SatisfyError):
    """An option (``method``, ``nan_policy``, ...) has a value that is not accepted."""

    def __init__(self, name: str, value: object, choices: Sequence[object]) -> None:
        self.name = name
        self.value = value
        self.choices = tuple(choices)
        listed = ", ".join(repr(c) for c in self.choices)
        super().__init__(f"{name}={value!r} is not accepted; choose one of {listed}")


class MethodError(SatisfyError):
    """A method cannot be applied to this estimate (for example, it cannot honour weights)."""


class ScaleError(SatisfyError):
    """A scale is ill-defined, or two scales that must agree do not."""


class EmptyDataError(SatisfyError):
    """A quantity was asked of no answers (or of answers whose weights sum to zero)."""


class ColumnError(SatisfyError):
    """A named column or segment does not exist."""


class LengthMismatchError(SatisfyError):
    """Two inputs that must have one entry per answer have different lengths."""


def _describe(positions: Sequence[int], values: Sequence[Any]) -> str:
    shown = [f"{v!r} at position {p}" for p, v in zip(positions[:_SHOWN], values[:_SHOWN])]
    more = len(positions) - _SHOWN
    text = ", ".join(shown)
    if more > 0:
        text += f", and {more} more"
    return text


class _PositionedError(SatisfyError):
    """An error about particular entries of an input, with their positions and values."""

    what = "invalid"

    def __init__(
        self,
        positions: Sequence[int],
        values: Sequence[Any],
        *,
        where: str = "",
        detail: str = "",
    ) -> None:
        self.positions: list[int] = [int(p) for p in positions]
        self.values: list[Any] = list(values)
        count = len(self.positions)
        noun = "answer" if count == 1 else "answers"
        head = f"{count} {noun} {self.what}"
        if where:
            head += f" {where}"
        message = f"{head}: {_describe(self.positions, self.values)}"
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
    """

    what = "with an invalid weight"

    def __init__(
        self,
        positions: Sequence[int] = (),
        values: Sequence[Any] = (),
        *,
        where: str = "",
        detail: str = "",
        message: str | None = None,
    ) -> None:
        if message is None:
            super().__init__(positions, values, where=where, detail=detail)
        else:
            self.positions = [int(p) for p in positions]
            self.values = list(values)
            SatisfyError.__init__(self, message)
