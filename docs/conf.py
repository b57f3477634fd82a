"""Sphinx configuration for the satisfy documentation (built with -W by .ci/run)."""

from __future__ import annotations

import os
import sys
from importlib.metadata import version as _version

sys.path.insert(0, os.path.abspath("."))

project = "satisfy"
author = "The satisfy developers"
copyright = "2026, The satisfy developers"
release = _version("satisfy")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_parser",
    "matplotlib.sphinxext.plot_directive",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "satisfy"
html_static_path = ["_static"]
html_css_files = ["satisfy.css"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True}
# types come from the docstrings; signatures' expanded numpy aliases would only add noise
autodoc_typehints_description_target = "documented_params"
autodoc_type_aliases = {
    "ArrayLike": "numpy.typing.ArrayLike",
    "NDArray": "numpy.typing.NDArray",
}
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True

# Intersphinx works offline: the inventories of Python 3.11 and SciPy 1.10 are copied from
# Debian's python3-doc and python-scipy-doc packages into _inventories/, and the few NumPy
# targets these docs name are written out below (NumPy's inventory is not packaged).
# SATISFY_DOCS_ONLINE=1 fetches the current inventories instead.
_HERE = os.path.dirname(os.path.abspath(__file__))
_NUMPY = "https://numpy.org/doc/stable/"
_NUMPY_TARGETS = [
    ("numpy.ndarray", "py:class", "reference/generated/numpy.ndarray.html"),
    ("numpy.dtype", "py:class", "reference/generated/numpy.dtype.html"),
    ("numpy.bincount", "py:function", "reference/generated/numpy.bincount.html"),
    ("numpy.nan", "py:data", "reference/constants.html#numpy.nan"),
    ("numpy.random.Generator", "py:class", "reference/random/generator.html"),
    ("numpy.random.default_rng", "py:function", "reference/random/generator.html"),
    ("numpy.typing.ArrayLike", "py:data", "reference/typing.html#numpy.typing.ArrayLike"),
    ("numpy.typing.NDArray", "py:data", "reference/typing.html#numpy.typing.NDArray"),
]


def _numpy_inventory() -> str:
    """Write a version-2 Sphinx inventory of ``_NUMPY_TARGETS`` and return its path."""
    import tempfile
    import zlib

    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in _NUMPY_TARGETS)
    header = "# Sphinx inventory version 2\n# Project: NumPy\n# Version: stable\n"
    header += "# The remainder of this file is compressed using zlib.\n"
    path = os.path.join(tempfile.mkdtemp(prefix="satisfy-docs-"), "numpy.inv")
    with open(path, "wb") as f:
        f.write(header.encode() + zlib.compress(lines.encode()))
    return path


if os.environ.get("SATISFY_DOCS_ONLINE"):
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "scipy": ("https://docs.scipy.org/doc/scipy", None),
    }
else:
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", os.path.join(_HERE, "_inventories", "python.inv")),
        "numpy": (_NUMPY, _numpy_inventory()),
        "scipy": (
            "https://docs.scipy.org/doc/scipy",
            os.path.join(_HERE, "_inventories", "scipy.inv"),
        ),
    }

plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 110)]
plot_rcparams = {"figure.figsize": (7, 4)}

myst_heading_anchors = 2
nitpicky = False
