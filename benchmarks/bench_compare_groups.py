"""compare_groups over many segments against statsmodels' vectorised two-proportion test.

Run:  python benchmarks/bench_compare_groups.py [--segments 1000] [--answers 1000000]
      [--repeat 7] [--rest-groups 200000]

The data: ``--answers`` CSAT answers (1-5) over ``--segments`` segments; the metric is the
top-2-box share. ``satisfy.compare_groups(grouped)`` computes, for every pair of segments
(about 500,000 for 1,000 segments), Newcombe's hybrid score interval (method 10) and the
pooled score z test, Holm-adjusts them, and does the same for each segment against the
rest, plus the chi-square omnibus test.

Baselines, measured in the same run (best of ``--repeat``, the timings interleaved):

- ``statsmodels.stats.proportion.test_proportions_2indep(..., method="score",
  correction=False)`` called once on arrays of all pairs: the same pooled score test, and
  only the test (statsmodels also returns the difference, ratio and odds ratio, but no
  interval and no adjustment). Goal (stats brief, item 5): satisfy / this <= 1.
- the same test plus ``confint_proportions_2indep(method="newcomb")`` and
  ``multipletests(method="holm")``: everything satisfy's pairs table holds, like with like.

Both numbers are checked against satisfy's (1e-9). Last, ``pairwise=False`` over
``--rest-groups`` segments (each against the rest only) is timed alone: it must run in
memory and time proportional to the number of segments.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from statsmodels.stats import multitest
from statsmodels.stats import proportion as smp

import satisfy
from _timing import best_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rest-groups", type=int, default=200_000)
    args = parser.parse_args()
    rng = np.random.default_rng(20261128)
    scores = rng.integers(1, 6, args.answers, dtype=np.int8)
    segments = rng.integers(0, args.segments, args.answers)
    grouped = satisfy.csat(scores, by=segments)
    x = grouped.counts["satisfied"].astype(np.float64)
    n = grouped.n.astype(np.float64)
    ia, ib = np.triu_indices(len(grouped), k=1)

    def ours() -> satisfy.GroupComparison:
        return satisfy.compare_groups(grouped, adjust="holm")

    def sm_test() -> object:
        return smp.test_proportions_2indep(
            x[ia], n[ia], x[ib], n[ib], method="score", correction=False
        )

    def sm_full() -> tuple[object, object, object]:
        test = sm_test()
        ci = smp.confint_proportions_2indep(x[ia], n[ia], x[ib], n[ib], method="newcomb")
        holm = multitest.multipletests(test.pvalue, method="holm")  # type: ignore[attr-defined]
        return test, ci, holm

    result, (test, ci, holm) = ours(), sm_full()
    assert np.allclose(result.pairs.pvalue, test.pvalue, rtol=0, atol=1e-9)  # type: ignore[attr-defined]
    assert np.allclose(result.pairs.low, np.asarray(ci[0]) * 100, rtol=0, atol=1e-9)
    assert np.allclose(result.pairs.high, np.asarray(ci[1]) * 100, rtol=0, atol=1e-9)
    assert np.allclose(result.pairs.pvalue_adjusted, holm[1], rtol=0, atol=1e-9)

    t_ours = t_test = t_full = float("inf")
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits all alike
        t_ours = min(t_ours, best_time(ours, 1))
        t_test = min(t_test, best_time(sm_test, 1))
        t_full = min(t_full, best_time(sm_full, 1))

    print(f"segments: {len(grouped):,}  answers: {args.answers:,}  pairs: {len(result.pairs):,}")
    print(f"satisfy.compare_groups (pairs + vs rest + Holm + omnibus): {t_ours:7.3f} s")
    print(f"statsmodels test_proportions_2indep (score), once:        {t_test:7.3f} s")
    print(f"statsmodels test + Newcombe interval + Holm:              {t_full:7.3f} s")
    print(f"ratio satisfy / statsmodels test:             {t_ours / t_test:5.2f}x  (goal <= 1)")
    print(f"ratio satisfy / statsmodels test + CI + Holm: {t_ours / t_full:5.2f}x")

    many = satisfy.csat(
        rng.integers(1, 6, 10 * args.rest_groups, dtype=np.int8),
        by=np.repeat(np.arange(args.rest_groups), 10),
    )
    start = time.perf_counter()
    quick = satisfy.compare_groups(many, pairwise=False)
    elapsed = time.perf_counter() - start
    print(
        f"pairwise=False over {len(quick.versus_rest):,} segments (each against the rest): "
        f"{elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
