"""Pickle support for frozen attrs classes that hold read-only numpy arrays.

An array's ``writeable`` flag does not survive pickle: an unpickled tally would come back
with arrays that can be changed in place, unlike the one that was pickled. Classes that
freeze their arrays take these two functions as their ``__getstate__`` and
``__setstate__``, which freeze them again (also the arrays of a mapping field, such as
segments).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

__all__ = ["getstate", "setstate_read_only"]


def getstate(self: Any) -> dict[str, Any]:
    """Every attrs field by name (what attrs itself pickles for slotted classes)."""
    return {field.name: getattr(self, field.name) for field in attrs.fields(type(self))}


def _freeze(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, Mapping):
        for item in value.values():
            if isinstance(item, np.ndarray):
                item.setflags(write=False)
    return value


def setstate_read_only(self: Any, state: dict[str, Any]) -> None:
    """Restore the fields, with their arrays read-only again."""
    for name, value in state.items():
        object.__setattr__(self, name, _freeze(value))
