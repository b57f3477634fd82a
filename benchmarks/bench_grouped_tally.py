"""GroupedTally.from_scores over many segments against the numpy bincount idiom.

Run:  python benchmarks/bench_grouped_tally.py [--n 1e7] [--segments 100000] [--repeat 5]

The data: ``--n`` answers (integers 0-10, numpy's default int64) over ``--segments``
integer segment codes (int64), and for the weighted case one float64 weight per answer.
The baseline is what a competent numpy user writes to count answers per segment and point:

- unweighted: ``np.bincount(seg * 11 + score, minlength=G * 11)``;
- weighted: the same bins, then ``np.bincount`` of the counts, of ``w`` and of ``w * w``
  (the three sums a tally holds).

satisfy does more: it checks every answer is on the scale and every weight obeys the range
rule, finds the segments present, and returns validated frozen arrays. Goal (tally issue):
within 1.2x of the idiom on both cases. The ratio printed is satisfy / idiom (lower is
better); both are timed in the same run, alternating, best of ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import numpy as np

from _timing import best_time
from satisfy import GroupedTally, scales


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n, g = int(args.n), args.segments
    rng = np.random.default_rng(20261128)
    seg = rng.integers(0, g, n)
    score = rng.integers(0, 11, n)
    w = rng.uniform(0.2, 5.0, n)

    def idiom() -> Any:
        return np.bincount(seg * 11 + score, minlength=g * 11)

    def idiom_weighted() -> Any:
        bins = seg * 11 + score
        return (
            np.bincount(bins, minlength=g * 11),
            np.bincount(bins, weights=w, minlength=g * 11),
            np.bincount(bins, weights=w * w, minlength=g * 11),
        )

    def ours() -> GroupedTally:
        return GroupedTally.from_scores(score, by=seg, scale=scales.NPS)

    def ours_weighted() -> GroupedTally:
        return GroupedTally.from_scores(score, by=seg, scale=scales.NPS, weights=w)

    _check(idiom, ours, weighted=False)
    _check(idiom_weighted, ours_weighted, weighted=True)
    print(f"n={n:,} answers, {g:,} segments, best of {args.repeat} alternating rounds")
    print(f"{'case':<12}{'bincount s':>12}{'satisfy s':>12}{'ratio':>8}")
    for name, baseline, mine in (
        ("unweighted", idiom, ours),
        ("weighted", idiom_weighted, ours_weighted),
    ):
        t_base = t_ours = float("inf")
        for _ in range(args.repeat):  # alternate, so both see the same machine load
            t_base = min(t_base, best_time(baseline, 1))
            t_ours = min(t_ours, best_time(mine, 1))
        print(f"{name:<12}{t_base:>12.4f}{t_ours:>12.4f}{t_ours / t_base:>8.2f}")


def _check(
    baseline: Callable[[], Any], mine: Callable[[], GroupedTally], *, weighted: bool
) -> None:
    expected = baseline()
    got = mine()
    counts = expected[0] if weighted else expected
    g = counts.shape[0] // 11
    present = counts.reshape(g, 11).sum(axis=1) > 0
    assert np.array_equal(got.counts, counts.reshape(g, 11)[present])
    if weighted:
        assert np.allclose(got.weight_sums, expected[1].reshape(g, 11)[present], rtol=1e-12)
        assert np.allclose(got.weight_sq_sums, expected[2].reshape(g, 11)[present], rtol=1e-12)


if __name__ == "__main__":
    main()
