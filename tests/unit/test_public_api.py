"""Every public name is documented with a runnable example (the doctests run them)."""

import inspect

import pytest

import satisfy

PUBLIC = [
    name
    for name in satisfy.__all__
    if not name.startswith("__") and not inspect.ismodule(getattr(satisfy, name))
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_has_a_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(satisfy, name)) or ""
    assert ">>>" in doc, f"satisfy.{name} needs a docstring example"


def test_all_lists_exactly_the_public_names():
    assert sorted(satisfy.__all__) == sorted(set(satisfy.__all__))
    for name in satisfy.__all__:
        assert hasattr(satisfy, name)
