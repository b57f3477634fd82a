"""All pairwise comparisons among many segments in one vectorised call, against a loop.

Run:  python benchmarks/bench_pairwise.py [--segments 1000] [--answers 1000000] [--sample 2000]

``satisfy.compare_groups`` computes every pair (about 500,000 for 1,000 segments: Newcombe
interval, pooled score test, Holm adjustment) plus each segment against the rest. The
baseline is the per-pair loop one would write with statsmodels
(``confint_proportions_2indep(method="newcomb")`` and ``test_proportions_2indep``), timed
on a random sample of pairs and scaled to all pairs; the sampled pairs' numbers are checked
against satisfy's (1e-9). The ratio printed is (loop time for all pairs) / (satisfy time).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from statsmodels.stats import proportion as smp

import satisfy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(20261123)
    scores = rng.integers(1, 6, args.answers, dtype=np.int8)
    segments = rng.integers(0, args.segments, args.answers)
    grouped = satisfy.csat(scores, by=segments)

    start = time.perf_counter()
    result = satisfy.compare_groups(grouped, adjust="holm")
    ours = time.perf_counter() - start
    n_pairs = len(result.pairs)

    counts = grouped.counts["satisfied"]
    sizes = grouped.n
    pick = rng.choice(n_pairs, size=min(args.sample, n_pairs), replace=False)
    index = {key: i for i, key in enumerate(grouped.groups)}
    start = time.perf_counter()
    for p in pick:
        i, j = index[result.pairs.a[p]], index[result.pairs.b[p]]
        low, high = smp.confint_proportions_2indep(
            counts[i], sizes[i], counts[j], sizes[j], method="newcomb", compare="diff"
        )
        test = smp.test_proportions_2indep(
            counts[i], sizes[i], counts[j], sizes[j], method="score", correction=False
        )
        assert abs(low * 100 - result.pairs.low[p]) < 1e-9
        assert abs(high * 100 - result.pairs.high[p]) < 1e-9
        assert abs(test.pvalue - result.pairs.pvalue[p]) < 1e-9
    loop = (time.perf_counter() - start) / len(pick) * n_pairs

    print(f"segments: {args.segments:,}  answers: {args.answers:,}  pairs: {n_pairs:,}")
    print(f"satisfy.compare_groups (all pairs + vs rest + Holm): {ours:8.3f} s")
    print(f"statsmodels loop, {len(pick):,} pairs timed, scaled:   {loop:8.1f} s")
    print(f"ratio (loop / satisfy): {loop / ours:,.0f}x")


if __name__ == "__main__":
    main()
