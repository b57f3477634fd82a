"""satisfy: customer-satisfaction metrics with honest statistics.

The public names live here; the modules behind them are implementation detail except
:mod:`satisfy.scales` (the presets), :mod:`satisfy.errors` and :mod:`satisfy.testing`
(hypothesis strategies, needs the ``testing`` extra).
"""

from . import errors, scales
from ._version import __version__
from .errors import (
    ColumnError,
    EmptyDataError,
    InvalidScoreError,
    LengthMismatchError,
    MissingScoreError,
    OptionError,
    SatisfyError,
    ScaleError,
    WeightError,
)
from .responses import Response, Responses
from .scales import Scale, convert
from .tally import GroupedTally, Tally

__all__ = [
    "ColumnError",
    "EmptyDataError",
    "GroupedTally",
    "InvalidScoreError",
    "LengthMismatchError",
    "MissingScoreError",
    "OptionError",
    "Response",
    "Responses",
    "SatisfyError",
    "Scale",
    "ScaleError",
    "Tally",
    "WeightError",
    "__version__",
    "convert",
    "errors",
    "scales",
]
