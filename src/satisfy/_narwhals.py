"""Narwhals plumbing shared by the frame adapters: any dataframe (pandas, polars, pyarrow,
DuckDB, Dask, PySpark, ...) through narwhals, imported only when a frame is given.

Generic helpers only: taking a native frame (with clear errors for what narwhals refuses),
checking column names, collecting a (lazy) aggregate as numpy columns, and small
expression helpers. What a summary or a trend computes lives in the adapters above.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _coding
from .errors import ColumnError, DependencyError, SatisfyError

__all__ = [
    "as_text",
    "check_columns",
    "collect",
    "column_array",
    "column_name",
    "duplicates_message",
    "from_native",
    "import_narwhals",
    "native_columns",
    "quoted",
]


def import_narwhals() -> Any:
    try:
        return importlib.import_module("narwhals")
    except ImportError:  # pragma: no cover - depends on the environment
        # the library's one missing-extra error (an ImportError too), as results' frames give
        raise DependencyError(
            'dataframes need narwhals: pip install narwhals (or the "frames" extra, '
            'pip install ".[frames]" in a clone of satisfy)'
        ) from None


def from_native(frame: Any) -> Any:
    nw = import_narwhals()
    exceptions = importlib.import_module("narwhals.exceptions")
    with warnings.catch_warnings():
        # narwhals announces that Dask support moves to a plugin; not the user's concern
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        try:
            native = nw.from_native(frame)
        except TypeError:
            raise SatisfyError(
                f"{type(frame).__module__}.{type(frame).__name__} is not a dataframe that "
                "narwhals supports (pandas, polars, pyarrow, DuckDB, Dask, PySpark, ...)"
            ) from None
        except exceptions.DuplicateError:
            raise ColumnError(duplicates_message(list(native_columns(frame)))) from None
    if not isinstance(native, nw.DataFrame | nw.LazyFrame):
        raise SatisfyError(
            f"{type(frame).__module__}.{type(frame).__name__} is a series, not a dataframe; "
            "give the frame that holds the columns"
        )
    names = list(native.columns)
    if len(set(names)) != len(names):  # DuckDB and PySpark allow them; narwhals takes one
        raise ColumnError(duplicates_message(names))
    odd = [name for name in names if not isinstance(name, str)]
    if odd:
        raise ColumnError(
            f"column names must be strings; the frame has {len(odd)} that are not: "
            f"{', '.join(f'{name!r} ({type(name).__name__})' for name in odd[:5])}. "
            "Rename them first, e.g. df.columns = df.columns.astype(str) in pandas"
        )
    return native


def native_columns(frame: Any) -> list[Any]:
    """The column labels of a native frame narwhals refused (pandas and pyarrow duplicates)."""
    for attribute in ("column_names", "columns"):  # pyarrow's .columns are the arrays
        labels = getattr(frame, attribute, None)
        if labels is not None:
            return list(labels)
    return []  # pragma: no cover - narwhals names duplicates only for those two


def duplicates_message(names: list[Any]) -> str:
    seen: dict[Any, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    twice = [f"{name!r} ({count} times)" for name, count in seen.items() if count > 1]
    return (
        f"the frame has duplicate column names: {', '.join(twice)}; every column needs its "
        "own name (engines would silently pick one of them)"
    )


def column_name(value: str | None, what: str) -> str | None:
    """One optional column name (``weights``, ``time``)."""
    if value is None or isinstance(value, str):
        return value
    raise ColumnError(
        f"{what} must be one column name (str), got {value!r} ({type(value).__name__})"
    )


def check_columns(frame: Any, names: Iterable[str]) -> Any:
    schema = frame.collect_schema()
    missing = [n for n in names if n not in schema]
    if missing:
        raise ColumnError(
            f"no column {missing[0]!r}; the frame has {', '.join(map(repr, schema.names()))}"
        )
    return schema


#: Columns of summarize's rows after the segment columns (and ``period``).


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def collect(result: Any) -> dict[str, NDArray[Any]]:
    """A (lazy) aggregate as numpy columns."""
    if isinstance(result, import_narwhals().LazyFrame):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
            result = result.collect()
    return {name: column_array(result, name) for name in result.columns}


def column_array(frame: Any, name: str) -> NDArray[Any]:
    """A column of an (eager) aggregate as numpy, its nulls as None or NaN.

    pyarrow's dictionary columns are decoded as the coder decodes them: pyarrow turns the
    nulls of a dictionary array into a real entry of its dictionary when it converts the
    codes, so the rows of a missing key would silently join another key's group."""
    nw = import_narwhals()
    series = frame.get_column(name)
    if series.implementation.is_pyarrow() and series.dtype == nw.Categorical:
        return _coding.as_array(series.to_native())
    try:
        return np.asarray(series.to_numpy())
    except Exception:  # pragma: no cover - exotic dtypes
        return np.asarray(series.to_list(), dtype=object)


def as_text(expr: Any, dtype: Any) -> Any:
    nw = import_narwhals()
    return expr if dtype == nw.String else expr.cast(nw.String())
