"""What every result shares: plain rows, a dataframe of the user's engine, and the repr form.

Results turn themselves into plain Python data (``to_dict`` for one result, ``to_records``
for a table: a list of flat dicts); :func:`to_frame` turns those rows into a dataframe of
the engine the caller names (pandas, polars or pyarrow) through narwhals, which is an
optional extra imported only here and only when a frame is asked for.

The one repr form of a result with an interval is::

    NAME VALUE (LEVEL% CI LOW to HIGH, METHOD, n=N[, missing=M[ (invalid=I)]][, non_answers=A])

with the level actually used, never a fixed "95%"; the counts of answers left out appear
only when nonzero (``invalid`` is the part of ``missing`` that was answers not on the
scale; ``non_answers`` are counted apart from ``missing``).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import DependencyError, OptionError

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = [
    "BACKENDS",
    "COMPARISON_METHOD_NAMES",
    "check_backend",
    "flatten",
    "format_interval",
    "format_level",
    "format_number",
    "group_columns",
    "import_optional",
    "to_frame",
]

#: The engines a result's frame can be built in.
BACKENDS = ("pandas", "polars", "pyarrow")

#: How reprs name the methods of comparisons (two samples, a target, paired answers) that
#: the interval methods' names (``satisfy._definition.METHOD_NAMES``) do not cover.
COMPARISON_METHOD_NAMES = {
    "newcombe": "Newcombe hybrid score",
    "agresti-caffo": "Agresti-Caffo",
    "fisher": "Fisher exact",
    "welch": "Welch",
    "mann-whitney": "Mann-Whitney",
    "bootstrap": "bootstrap",
    "exact": "exact binomial",
    "paired-wald": "paired Wald",
    "mcnemar": "McNemar, Tango score interval",
    "paired-t": "paired t",
}


def check_backend(backend: object) -> str:
    """The backend's module name, from a name or the module itself, or an OptionError."""
    name = backend.__name__ if isinstance(backend, ModuleType) else backend
    if not isinstance(name, str) or name not in BACKENDS:
        raise OptionError("backend", backend, BACKENDS)
    return name


def import_optional(name: str) -> ModuleType:
    """The module ``name``, or a DependencyError saying how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise DependencyError(
            f"a result's frame needs {name}, which is not installed: pip install {name} "
            f'(or the "frames" extra: pip install ".[frames]" in a clone of satisfy)'
        ) from None


def _cell(value: Any) -> Any:
    """A value a dataframe column can hold: group keys made of several parts are joined."""
    if isinstance(value, tuple):
        return " / ".join(str(part) for part in value)
    return value


def flatten(row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row: a nested mapping ``{"counts": {"a": 1}}`` becomes ``counts_a``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            for sub, item in value.items():
                out[f"{key}_{sub}"] = _cell(item)
        else:
            out[key] = _cell(value)
    return out


def to_frame(
    rows: Sequence[Mapping[str, Any]],
    backend: object = "pandas",
    columns_if_empty: Sequence[str] = (),
) -> IntoDataFrame:
    """A native dataframe of ``backend`` with one row per entry of ``rows`` (flattened).

    Columns come in the order they first appear; a row without a column gets None there.
    With no rows, the frame has the columns ``columns_if_empty`` and no rows.
    """
    name = check_backend(backend)
    nw = import_optional("narwhals")
    native = import_optional(name)
    flat = [flatten(row) for row in rows]
    columns: dict[str, list[Any]] = {key: [] for key in columns_if_empty} if not flat else {}
    for row in flat:
        for key in row:
            columns.setdefault(key, [])
    for row in flat:
        for key, values in columns.items():
            values.append(row.get(key))
    out: IntoDataFrame = nw.from_dict(columns, backend=native).to_native()
    return out


def format_number(x: float, digits: int = 1) -> str:
    """``x`` with ``digits`` decimals, or ``nan``/``inf`` as such."""
    return f"{x:.{digits}f}" if math.isfinite(x) else str(x)


def format_level(confidence_level: float) -> str:
    """``0.95`` as ``95%``, ``0.8`` as ``80%``, ``0.999`` as ``99.9%``."""
    return f"{confidence_level * 100:.10g}%"


def format_interval(
    low: float, high: float, confidence_level: float, method: str, digits: int = 1
) -> str:
    """``95% CI 23.1 to 88.2, Wilson``: the part of a repr inside the parentheses."""
    level = format_level(confidence_level)
    return f"{level} CI {format_number(low, digits)} to {format_number(high, digits)}" + (
        f", {method}" if method else ""
    )


def group_columns(
    names: Sequence[str], key: Hashable, taken: Collection[str] = ()
) -> dict[str, Any]:
    """A group key as one column per grouping name, or as one ``group`` column when the
    names are not known or would clash with each other or with the columns ``taken``."""
    parts = key if isinstance(key, tuple) else (key,)
    if len(names) == len(parts) and len(set(names)) == len(names) and not set(names) & set(taken):
        return dict(zip(names, parts))
    return {"group": key}
