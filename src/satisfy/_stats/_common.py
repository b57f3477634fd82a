"""Small helpers shared by the interval methods."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ..errors import OptionError, SatisfyError

FloatArray = NDArray[np.float64]


def z_value(confidence_level: float) -> float:
    """Two-sided standard normal quantile for a confidence level."""
    check_confidence_level(confidence_level)
    return float(special.ndtri(0.5 + confidence_level / 2))


def check_confidence_level(confidence_level: float) -> float:
    level = float(confidence_level)
    if not (0 < level < 1):
        raise SatisfyError(f"confidence_level must be between 0 and 1 (exclusive), got {level!r}")
    return level


def check_method(method: str, choices: tuple[str, ...], *, name: str = "method") -> str:
    if method not in choices:
        raise OptionError(name, method, choices)
    return method


def as_float(values: ArrayLike) -> FloatArray:
    return np.asarray(values, dtype=np.float64)
