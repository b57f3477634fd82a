"""Tally.from_scores of text and Python lists against ``pandas.Series(values).value_counts()``.

Run:  python benchmarks/bench_labels.py [--n 1e6] [--repeat 5]

The baseline is what a competent user writes to count raw answers:
``pd.Series(values).value_counts()`` (building the Series is part of the work, as the
answers arrive as a list or an object array). satisfy does more (parses numbers, labels and
labelled numbers, validates every answer, counts missing), so the goal is a ratio, not a win.

Cases, each ``--n`` answers:

- CSAT5 labels ("Very satisfied", ...) with a few numeric strings and None mixed in, as a
  Python list and as a numpy object array;
- numeric strings "0" to "10" (NPS) as a Python list;
- Python ints 0 to 10 (NPS) as a list;
- the CSAT5 answers as a pandas Series of the default text dtype (``str`` in pandas 3) and
  as a categorical; there the baseline is ``series.value_counts()`` of the Series the user
  already has.

Goal (coding issue): within 2x of value_counts on each. The ratio printed is
satisfy / baseline (lower is better).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from _timing import best_time
from satisfy import Scale, Tally, scales


def _cases(n: int, rng: np.random.Generator) -> list[tuple[str, Any, Scale]]:
    labels = list(scales.CSAT5.labels or ())
    pool: list[Any] = [*labels, "3", "5", None]
    p = np.array([0.08, 0.1, 0.2, 0.32, 0.28, 0.005, 0.005, 0.01])
    mixed = [pool[i] for i in rng.choice(len(pool), n, p=p)]
    numeric_text = [str(v) for v in rng.integers(0, 11, n).tolist()]
    ints = rng.integers(0, 11, n).tolist()
    return [
        ("labels list", mixed, scales.CSAT5),
        ("labels object array", np.array(mixed, dtype=object), scales.CSAT5),
        ("numeric text list", numeric_text, scales.NPS),
        ("int list", ints, scales.NPS),
        ("pandas text Series", pd.Series(mixed, dtype="str"), scales.CSAT5),
        ("pandas category Series", pd.Series(mixed, dtype="category"), scales.CSAT5),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(20261128)
    print(f"n={n:,} answers, best of {args.repeat}")
    print(f"{'data':<22}{'value_counts s':>16}{'satisfy s':>12}{'ratio':>8}")
    for name, values, scale in _cases(n, rng):
        if isinstance(values, pd.Series):
            baseline: Callable[[], Any] = values.value_counts
        else:
            baseline = lambda v=values: pd.Series(v).value_counts()  # noqa: E731
        ours: Callable[[], Any] = lambda v=values, s=scale: Tally.from_scores(v, scale=s)  # noqa: E731
        t_base = best_time(baseline, args.repeat)
        t_ours = best_time(ours, args.repeat)
        print(f"{name:<22}{t_base:>16.3f}{t_ours:>12.3f}{t_ours / t_base:>8.2f}")


if __name__ == "__main__":
    main()
