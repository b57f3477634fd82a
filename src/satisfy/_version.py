"""The installed package's version, read from its metadata (the one source is
``pyproject.toml``'s ``version``)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("satisfy")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
