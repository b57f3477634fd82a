"""Doctest namespace of the documentation pages: ``DATA`` is the folder of real export
files kept for the tests (``tests/data``; each file's source and licence in its README),
so the how-tos read the same files the readers are tested on."""

from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


@pytest.fixture(autouse=True)
def _data_folder(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["DATA"] = DATA
