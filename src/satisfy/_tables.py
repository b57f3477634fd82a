"""Plain columns from a mapping or any dataframe narwhals supports (imported lazily)."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping
from typing import Any

from .errors import SatisfyError


def columns_of(data: Any) -> dict[str, list[Any]]:
    """``{name: list of values}`` from a mapping of columns or a (lazy) dataframe."""
    if isinstance(data, Mapping):
        return {str(k): list(v) for k, v in data.items()}
    try:
        nw = importlib.import_module("narwhals")
    except ImportError:  # pragma: no cover - depends on the environment
        raise SatisfyError(
            'a table must be a mapping of columns, or a dataframe with "satisfy[frames]"'
        ) from None
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        try:
            frame = nw.from_native(data)
        except TypeError:
            raise SatisfyError(
                f"{type(data).__name__} is neither a mapping of columns nor a dataframe"
            ) from None
        if isinstance(frame, nw.LazyFrame):
            frame = frame.collect()
    return {name: frame.get_column(name).to_list() for name in frame.columns}
