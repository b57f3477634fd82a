"""``import satisfy`` loads only its runtime dependencies' light parts.

A fact, not a timing: in a fresh interpreter, ``import satisfy`` must not put
``scipy.stats`` (about 0.6 s of CPU, see benchmarks/bench_import.py) or any optional
dependency in ``sys.modules``; they are imported when a function first needs them.
"""

import subprocess
import sys

import pytest

HEAVY = (
    "scipy.stats",
    "scipy.optimize",
    "scipy.spatial",
    "scipy.sparse",
    "narwhals",
    "pandas",
    "polars",
    "pyarrow",
    "matplotlib",
    "click",
    "rich",
    "hypothesis",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_import_satisfy_loads_no_heavy_or_optional_module():
    loaded = _loaded_after("import satisfy")
    assert "satisfy" in loaded
    assert sorted(m for m in HEAVY if m in loaded) == []


@pytest.mark.parametrize("name", ["scales", "errors"])
def test_public_submodules_load_no_heavy_module(name):
    loaded = _loaded_after(f"import satisfy.{name}")
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_scipy_stats_is_imported_on_first_use():
    loaded = _loaded_after(
        "import satisfy\n"
        "idx = satisfy.index({'a': [5, 4, 3], 'b': [4, 4, 2]}, scale='CSAT5')\n"
        "idx.confidence_interval()"  # a t quantile, from scipy.stats
    )
    assert "scipy.stats" in loaded


@pytest.mark.parametrize("name", ["datasets", "plotting"])
def test_lazy_submodules_are_attributes_after_a_plain_import(name):
    # satisfy.datasets.load_demo() works after `import satisfy` alone, and neither module is
    # imported until it is first used (plotting imports matplotlib only when it draws)
    before = _loaded_after("import satisfy")
    assert f"satisfy.{name}" not in before
    after = _loaded_after(f"import satisfy\nsatisfy.{name}")
    assert f"satisfy.{name}" in after
    assert sorted(m for m in HEAVY if m in after) == []


def test_load_demo_after_a_plain_import():
    out = subprocess.run(
        [sys.executable, "-c", "import satisfy; print(satisfy.datasets.load_demo().shape)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.strip() == "(20000, 18)"
