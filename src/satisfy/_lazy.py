"""Heavy modules imported on first use, so that ``import satisfy`` stays light.

``scipy.stats`` alone takes about 0.6 s of CPU to import, most of it for distributions
`satisfy` never uses; its few users reach it through :data:`stats`, which imports it the
first time one of its attributes is read. Type checkers see the real module.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["stats"]


class _LazyModule:
    """A stand-in for a module that imports it when one of its attributes is first read."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


if TYPE_CHECKING:
    from scipy import stats
else:
    stats = _LazyModule("scipy.stats")
