"""Plain columns from a mapping or any dataframe narwhals supports (imported lazily)."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping
from typing import Any

from .errors import ColumnError, SatisfyError


def columns_of(data: Any) -> dict[str, list[Any]]:
    """``{name: list of values}`` from a mapping of columns or a (lazy) dataframe.

    Column names become strings; two columns whose names are alike as strings (``1`` and
    ``"1"``, or a frame's duplicate names) raise :class:`~satisfy.ColumnError` instead of one
    silently replacing the other.

    Examples
    --------
    >>> columns_of({"point": (9, 10), 1: ["a", "b"]})
    {'point': [9, 10], '1': ['a', 'b']}
    >>> columns_of({1: ["a"], "1": ["b"]})
    Traceback (most recent call last):
    ...
    satisfy.errors.ColumnError: the table has two columns named '1'; give each its own name
    """
    if isinstance(data, Mapping):
        return _named([(k, list(v)) for k, v in data.items()])
    try:
        nw = importlib.import_module("narwhals")
        exceptions = importlib.import_module("narwhals.exceptions")
    except ImportError:  # pragma: no cover - depends on the environment
        raise SatisfyError(
            "a table must be a mapping of columns, or a dataframe (with narwhals installed)"
        ) from None
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        try:
            frame = nw.from_native(data)
        except TypeError:
            raise SatisfyError(
                f"{type(data).__name__} is neither a mapping of columns nor a dataframe"
            ) from None
        except exceptions.DuplicateError as exc:  # pandas and pyarrow frames
            raise ColumnError(f"the table has duplicate column names: {exc}") from None
        names = list(frame.columns)
        if len(set(names)) != len(names):  # DuckDB and PySpark allow them
            twice = next(name for i, name in enumerate(names) if name in names[:i])
            raise ColumnError(
                f"the table has two columns named {str(twice)!r}; give each its own name"
            )
        if isinstance(frame, nw.LazyFrame):
            frame = frame.collect()
    return _named([(name, frame.get_column(name).to_list()) for name in names])


def _named(pairs: list[tuple[Any, list[Any]]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for name, values in pairs:
        key = str(name)
        if key in out:
            raise ColumnError(f"the table has two columns named {key!r}; give each its own name")
        out[key] = values
    return out
