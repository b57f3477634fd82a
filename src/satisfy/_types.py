"""The library's shared option types, one ``Literal`` per vocabulary word.

Signatures across the library spell their options with these names so that a type checker
(and a reader) sees the same choices everywhere. The tuples of valid values that functions
check at run time are derived from them with :func:`typing.get_args`.
"""

from __future__ import annotations

from typing import Literal, get_args

from .errors import OptionError

__all__ = [
    "ADJUSTMENTS",
    "ALTERNATIVES",
    "INTERVAL_METHODS",
    "PERIODS",
    "Adjustment",
    "Alternative",
    "IntervalMethod",
    "InvalidPolicy",
    "NanPolicy",
    "PairedMethod",
    "Period",
    "TargetMethod",
    "TwoSampleMethod",
    "check_interval_method",
]

#: The side of a test or interval, as scipy names it.
Alternative = Literal["two-sided", "greater", "less"]
#: What to do with missing answers (None, NaN, empty text).
NanPolicy = Literal["omit", "raise"]
#: What to do with answers that are not on the scale.
InvalidPolicy = Literal["raise", "omit"]
#: Multiplicity adjustments of a family of p-values.
Adjustment = Literal["holm", "hochberg", "hommel", "bonferroni", "bh", "by", "none"]
#: Calendar periods.
Period = Literal["day", "week", "month", "quarter", "year"]
#: Interval methods of one estimate (which ones apply depends on the metric's kind).
IntervalMethod = Literal[
    "adjusted-wald",
    "wald",
    "score",
    "bootstrap",
    "bootstrap-percentile",
    "bayes",
    "wilson",
    "agresti-coull",
    "clopper-pearson",
    "jeffreys",
    "korn-graubard",
    "logit",
    "t",
]
#: Methods comparing two independent samples.
TwoSampleMethod = Literal[
    "adjusted-wald",
    "wald",
    "bootstrap",
    "bayes",
    "newcombe",
    "agresti-caffo",
    "fisher",
    "welch",
    "mann-whitney",
]
#: Methods comparing one sample with a target value.
TargetMethod = Literal["adjusted-wald", "wald", "score", "wilson", "exact", "t"]
#: Methods comparing the same customers' answers twice.
PairedMethod = Literal["paired-wald", "mcnemar", "mcnemar-exact", "mcnemar-cc", "paired-t"]

ALTERNATIVES: tuple[Alternative, ...] = get_args(Alternative)
ADJUSTMENTS: tuple[Adjustment, ...] = get_args(Adjustment)
PERIODS: tuple[Period, ...] = get_args(Period)
INTERVAL_METHODS: tuple[IntervalMethod, ...] = get_args(IntervalMethod)


def check_interval_method(method: object) -> IntervalMethod:
    """``method`` as an :data:`IntervalMethod`, else an OptionError listing them all.

    Whether the method applies to a metric is checked later, by the metric's definition.

    Examples
    --------
    >>> check_interval_method("wilson")
    'wilson'
    >>> check_interval_method("wilsen")
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: ...
    """
    for choice in INTERVAL_METHODS:
        if method == choice:
            return choice
    raise OptionError("method", method, INTERVAL_METHODS)
