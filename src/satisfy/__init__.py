"""satisfy: customer-satisfaction metrics with honest statistics.

The public names live here; the modules behind them are implementation detail except
:mod:`satisfy.scales` (the presets), :mod:`satisfy.errors` and :mod:`satisfy.testing`
(hypothesis strategies, needs the ``testing`` extra).
"""

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from . import errors, scales
from ._version import __version__
from .comparisons import (
    Comparison,
    ComparisonTable,
    GroupComparison,
    adjust_pvalues,
    compare,
    compare_groups,
    compare_paired,
)
from .composite import CompositeIndex, Reliability, cronbach_alpha, index
from .errors import (
    CalibrationError,
    ColumnError,
    DependencyError,
    DesignError,
    EmptyDataError,
    InvalidScoreError,
    LengthMismatchError,
    MethodError,
    MissingScoreError,
    OptionError,
    ReadError,
    SatisfyError,
    ScaleError,
    WeightError,
)
from .estimate import ConfidenceInterval, Estimate, GroupedEstimate
from .expectations import Gap, GapTable, gap, gaps
from .frames import summarize, tally_frame, trend
from .importance import DriverTable, drivers
from .metrics import (
    METRICS,
    MetricEntry,
    MetricOption,
    bottom_box,
    calculate,
    ces,
    csat,
    mean_score,
    nps,
    pomp_mean,
    threshold_share,
    top_box,
)
from .planning import SampleSize, margin_of_error, power, sample_size, sample_size_difference
from .readers import ColumnInfo, Dialect, Survey, read
from .responses import Response, Responses
from .scales import Scale, convert
from .specs import (
    CES,
    CSAT,
    NPS,
    POMP,
    BottomBox,
    Drivers,
    ExpectationGap,
    ExpectationsMet,
    Index,
    Mean,
    Metric,
    MetricSpec,
    Threshold,
    TopBox,
)
from .tally import GroupedTally, Tally
from .trends import PeriodChanges, period_changes, trailing
from .weighting import (
    CalibratedEstimate,
    NonresponseAdjustment,
    ResponseRates,
    WeightingResult,
    calibrate,
    nonresponse_adjust,
    poststratify,
    rake,
    response_rates,
    trim,
)

if TYPE_CHECKING:
    from . import datasets as datasets
    from . import plotting as plotting

#: Submodules reached as attributes of ``satisfy`` without importing them up front (the
#: demo data and the pictures load only when first used).
_LAZY = ("datasets", "plotting")


def __getattr__(name: str) -> ModuleType:
    """``satisfy.datasets`` and ``satisfy.plotting`` after a plain ``import satisfy``."""
    if name in _LAZY:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CES",
    "CSAT",
    "METRICS",
    "NPS",
    "POMP",
    "BottomBox",
    "CalibratedEstimate",
    "CalibrationError",
    "ColumnError",
    "ColumnInfo",
    "Comparison",
    "ComparisonTable",
    "CompositeIndex",
    "ConfidenceInterval",
    "DependencyError",
    "DesignError",
    "Dialect",
    "DriverTable",
    "Drivers",
    "EmptyDataError",
    "Estimate",
    "ExpectationGap",
    "ExpectationsMet",
    "Gap",
    "GapTable",
    "GroupComparison",
    "GroupedEstimate",
    "GroupedTally",
    "Index",
    "InvalidScoreError",
    "LengthMismatchError",
    "Mean",
    "MethodError",
    "Metric",
    "MetricEntry",
    "MetricOption",
    "MetricSpec",
    "MissingScoreError",
    "NonresponseAdjustment",
    "OptionError",
    "PeriodChanges",
    "ReadError",
    "Reliability",
    "Response",
    "ResponseRates",
    "Responses",
    "SampleSize",
    "SatisfyError",
    "Scale",
    "ScaleError",
    "Survey",
    "Tally",
    "Threshold",
    "TopBox",
    "WeightError",
    "WeightingResult",
    "__version__",
    "adjust_pvalues",
    "bottom_box",
    "calculate",
    "calibrate",
    "ces",
    "compare",
    "compare_groups",
    "compare_paired",
    "convert",
    "cronbach_alpha",
    "csat",
    "drivers",
    "errors",
    "gap",
    "gaps",
    "index",
    "margin_of_error",
    "mean_score",
    "nonresponse_adjust",
    "nps",
    "period_changes",
    "pomp_mean",
    "poststratify",
    "power",
    "rake",
    "read",
    "response_rates",
    "sample_size",
    "sample_size_difference",
    "scales",
    "summarize",
    "tally_frame",
    "threshold_share",
    "top_box",
    "trailing",
    "trend",
    "trim",
]
