"""Small helpers shared by the interval methods, and the checks of the statistical options."""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ..errors import OptionError

FloatArray = NDArray[np.float64]


def z_value(confidence_level: float) -> float:
    """Two-sided standard normal quantile for a confidence level."""
    check_confidence_level(confidence_level)
    return float(special.ndtri(0.5 + confidence_level / 2))


def check_number(
    name: str, value: object, *, accepted: str = "a finite number", integer: bool = False
) -> float:
    """``value`` as a float when it is a real number (not a bool, text, NaN or infinite; a
    whole number such as 3 or 3.0 when ``integer``), else an OptionError naming ``name``
    and saying what is ``accepted``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise OptionError(name, value, accepted=accepted)
    number = float(value)
    if not math.isfinite(number) or (integer and not number.is_integer()):
        raise OptionError(name, value, accepted=accepted)
    return number


def check_confidence_level(confidence_level: object) -> float:
    """The confidence level as a float strictly between 0 and 1, or an OptionError."""
    accepted = "a number strictly between 0 and 1 (0.95 for 95%)"
    level = check_number("confidence_level", confidence_level, accepted=accepted)
    if not 0 < level < 1:
        raise OptionError("confidence_level", confidence_level, accepted=accepted)
    return level


def min_resamples(confidence_level: float) -> int:
    """The fewest resamples that put at least one draw beyond each end of a two-sided
    interval at ``confidence_level``: ``2 / (1 - confidence_level)`` (40 at 95%)."""
    return max(2, math.ceil(round(2 / (1 - confidence_level), 9)))


def check_resamples(n_resamples: object, confidence_level: float | None = None) -> int:
    """``n_resamples`` as an int: a whole number, and at least :func:`min_resamples` of
    ``confidence_level`` when given (fewer cannot form an interval), else an OptionError."""
    low = 1 if confidence_level is None else min_resamples(confidence_level)
    accepted = f"a whole number of at least {low}"
    if confidence_level is not None:
        accepted += (
            f" (2 / (1 - confidence_level) at confidence_level={confidence_level:g}: fewer "
            "draws cannot reach both ends of the interval)"
        )
    n = check_number("n_resamples", n_resamples, accepted=accepted, integer=True)
    if n < low:
        raise OptionError("n_resamples", n_resamples, accepted=accepted)
    return int(n)


def check_flag(name: str, value: object) -> bool:
    """``value`` when it is True or False, else an OptionError."""
    if not isinstance(value, bool | np.bool_):
        raise OptionError(name, value, (True, False))
    return bool(value)


def check_rng(rng: object) -> np.random.Generator | int | None:
    """``rng`` when it is None, a non-negative whole number (a seed) or a
    ``numpy.random.Generator``, as scipy accepts; else an OptionError."""
    if rng is None or isinstance(rng, np.random.Generator):
        return rng
    accepted = "None, a non-negative whole number (a seed) or a numpy.random.Generator"
    if isinstance(rng, bool | np.bool_) or not isinstance(rng, numbers.Integral) or rng < 0:
        raise OptionError("rng", rng, accepted=accepted)
    return int(rng)


def as_generator(rng: object, *, default_seed: int) -> np.random.Generator:
    """A generator from ``rng``: None gives one seeded with ``default_seed`` (the same
    result every run), a seed its generator, a Generator itself; else an OptionError."""
    checked = check_rng(rng)
    if checked is None:
        return np.random.default_rng(default_seed)
    if isinstance(checked, np.random.Generator):
        return checked
    return np.random.default_rng(checked)


def check_method(method: str, choices: tuple[str, ...], *, name: str = "method") -> str:
    if method not in choices:
        raise OptionError(name, method, choices)
    return method


def as_float(values: ArrayLike) -> FloatArray:
    return np.asarray(values, dtype=np.float64)
