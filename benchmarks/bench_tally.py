"""Tally.from_scores against numpy.bincount on the same data: time ratio and peak memory.

Run:  python benchmarks/bench_tally.py [--sizes 1e6 1e7 1e8] [--repeat 3]

For each size it prints the best-of-``repeat`` time of both and their ratio, and the peak
memory each allocates beyond its input (tracemalloc sees numpy's allocations). Goals (the
foundation issue): within 1.5x of bincount on int8, within 4x on float64 with NaN, extra
memory under 64 MiB at 10^8 answers.

The float baseline is the plain numpy idiom for the same job:
``np.bincount(x[~np.isnan(x)].astype(np.intp))``.
"""

from __future__ import annotations

import argparse
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from _timing import best_time
from satisfy import Tally, scales


def _peak_mib(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 1e7, 1e8])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(20261123)
    header = f"{'data':<14}{'n':>12}{'bincount s':>12}{'tally s':>10}{'ratio':>8}"
    header += f"{'bincount MiB':>14}{'tally MiB':>11}"
    print(header)
    for size in args.sizes:
        _bench_size(int(size), rng, args.repeat)


def _bench_size(n: int, rng: np.random.Generator, repeat: int) -> None:
    ints = rng.integers(0, 11, n, dtype=np.int8)
    floats = ints.astype(np.float64)
    floats[rng.random(n) < 0.05] = np.nan
    cases = [
        (
            "int8",
            lambda: np.bincount(ints, minlength=11),
            lambda: Tally.from_scores(ints, scale=scales.NPS),
        ),
        (
            "float64+NaN",
            lambda: np.bincount(floats[~np.isnan(floats)].astype(np.intp), minlength=11),
            lambda: Tally.from_scores(floats, scale=scales.NPS),
        ),
    ]
    for name, baseline, ours in cases:
        assert np.array_equal(baseline(), ours().counts)
        t_base = best_time(baseline, repeat)
        t_ours = best_time(ours, repeat)
        m_base = _peak_mib(baseline)
        m_ours = _peak_mib(ours)
        print(
            f"{name:<14}{n:>12,}{t_base:>12.4f}{t_ours:>10.4f}{t_ours / t_base:>8.2f}"
            f"{m_base:>14.1f}{m_ours:>11.1f}"
        )


if __name__ == "__main__":
    main()
