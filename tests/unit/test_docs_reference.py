"""The reference page documents every public name."""

import inspect
from pathlib import Path

import satisfy

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference.rst"


def test_every_public_name_is_in_the_reference():
    text = REFERENCE.read_text()
    missing = [
        name
        for name in satisfy.__all__
        if not name.startswith("__")
        and not inspect.ismodule(getattr(satisfy, name))
        and f":: {name}\n" not in text
    ]
    assert not missing, f"add to docs/reference.rst: {missing}"
