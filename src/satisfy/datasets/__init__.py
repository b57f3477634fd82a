"""Bundled data: a synthetic customer-service survey to learn and test with.

Examples
--------
>>> from satisfy.datasets import load_demo
>>> demo = load_demo()
>>> demo.shape
(20000, 18)
>>> sorted(demo["channel"].unique())
['chat', 'email', 'in person', 'phone']
"""

from __future__ import annotations

import csv
import gzip
import importlib
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["DEMO_PATH", "load_demo"]

#: The shipped file: gzip-compressed CSV, made by ``python -m satisfy.datasets._generate``.
DEMO_PATH = Path(__file__).with_name("demo.csv.gz")

_INTEGER = (
    "ltr",
    "ces",
    "expected_speed",
    "perceived_speed",
    "expected_courtesy",
    "perceived_courtesy",
    "expected_resolution",
    "perceived_resolution",
    "expected_quality",
    "perceived_quality",
)
_FLOAT = ("hours_to_first_response", "weight")


def _columns() -> dict[str, list[str]]:
    with gzip.open(DEMO_PATH, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        data: list[list[str]] = [[] for _ in header]
        for row in reader:
            for column, value in zip(data, row):
                column.append(value)
    return dict(zip(header, data))


def load_demo(*, as_frame: bool = True) -> Any:
    """The demo survey: 20,000 customer-service contacts over 24 months.

    Columns: ``date``; ``channel`` (phone, email, chat, in person); ``team``; ``product``;
    ``resolved`` (yes/no); ``hours_to_first_response``; ``ltr`` (likelihood to recommend,
    0-10); ``csat`` (1-5, as text: numbers, labels such as "Very satisfied", a few skipped
    and a dozen malformed answers such as "meh" to show the error paths); ``ces`` (CES 2.0,
    1-7); ``expected_*`` and ``perceived_*`` ratings (1-7) on speed, courtesy, resolution
    and quality; ``weight`` (survey weight).

    Unresolved contacts and slow responses lower every score, channels differ, December is
    worse, and email's scores step up in September 2025 when its response time fell. The
    generator, ``satisfy.datasets._generate``, documents every choice.

    Parameters
    ----------
    as_frame : bool
        A pandas DataFrame (needs pandas); otherwise a dict of numpy arrays (missing
        numbers as NaN, ``date`` as ``datetime64[D]``).

    Examples
    --------
    >>> import satisfy
    >>> from satisfy.datasets import load_demo
    >>> demo = load_demo()
    >>> satisfy.nps(demo["ltr"])
    NPS 19.0 (95% CI 17.9 to 20.1, adjusted Wald, n=19575, missing=425)
    """
    raw = _columns()
    arrays: dict[str, Any] = {}
    for name, values in raw.items():
        if name == "date":
            arrays[name] = np.array(values, dtype="datetime64[D]")
        elif name in _INTEGER or name in _FLOAT:
            arrays[name] = np.array([float(v) if v else np.nan for v in values])
        else:
            arrays[name] = np.array([v if v else None for v in values], dtype=object)
    if not as_frame:
        return arrays
    pd = importlib.import_module("pandas")
    frame = pd.DataFrame(arrays)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    for name in _INTEGER:
        frame[name] = frame[name].astype("Int64")
    for name in ("channel", "team", "product", "resolved"):
        frame[name] = frame[name].astype(str)
    return frame
