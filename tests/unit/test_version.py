"""``satisfy.__version__`` is the installed package's metadata, not a second copy."""

import importlib
import importlib.metadata
from pathlib import Path

import pytest

import satisfy

ROOT = Path(__file__).parents[2]


def test_version_is_the_package_metadata():
    assert satisfy.__version__ == importlib.metadata.version("satisfy")


def test_the_version_is_written_once_in_pyproject():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["project"]["version"]
    assert "version" not in config["project"].get("dynamic", [])
    assert "version" not in config["tool"].get("hatch", {})


@pytest.mark.parametrize(
    ("found", "expected"),
    [("9.8.7", "9.8.7"), (importlib.metadata.PackageNotFoundError("satisfy"), "0+unknown")],
)
def test_version_follows_the_metadata_and_has_a_fallback(monkeypatch, found, expected):
    # the metadata lookup is the public importlib.metadata.version; satisfy reads it at import
    def fake_version(name):
        assert name == "satisfy"
        if isinstance(found, Exception):
            raise found
        return found

    module = importlib.import_module("satisfy._version")
    monkeypatch.setattr(importlib.metadata, "version", fake_version)
    try:
        assert importlib.reload(module).__version__ == expected
    finally:
        monkeypatch.undo()
        importlib.reload(module)
