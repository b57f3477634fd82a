"""NPS bootstrap intervals: satisfy's tally bootstrap against scipy.stats.bootstrap on raw rows.

Run:  python benchmarks/bench_bootstrap.py [--n 1e5] [--resamples 10000] [--batch 100]
                                           [--repeat 3] [--scipy-repeat 1]
                                           [--scipy-methods BCa percentile]

The data are ``n`` NPS answers (int8, 0-10, a fixed skewed distribution). Both sides start
from the raw answers and draw ``resamples`` bootstrap resamples at the 95% level:

- satisfy: ``satisfy.nps(x).confidence_interval(method=..., n_resamples=resamples)`` with
  ``"bootstrap"`` (BCa) and ``"bootstrap-percentile"``. The timing includes building the
  tally from the raw answers; the resampling itself draws category counts from
  ``Multinomial(n, counts / n)``, so its cost does not grow with ``n``.
- scipy: ``scipy.stats.bootstrap((x,), nps, vectorized=True, n_resamples=resamples,
  batch=batch, method=...)`` with ``"BCa"`` and ``"percentile"``, where ``nps`` is the NPS
  of each resample along the last axis, ``((s >= 9).mean(-1) - (s <= 6).mean(-1)) * 100``.
  Unbatched, scipy would hold a ``resamples x n`` index array (10^9 int64 at the default
  sizes: 8 GB) and its BCa jackknife an ``n x (n - 1)`` one (10^10). ``batch`` bounds both
  to ``batch x n`` at a time (about 80 MB of indices at the defaults); the jackknife still
  evaluates the statistic on all ``n`` leave-one-out samples, O(n^2) work, which is why
  scipy's BCa takes about a minute at n = 10^5, and its jackknife part four times as long
  for each doubling of ``n``.

Satisfy's methods are timed best of ``repeat``, scipy's best of ``scipy-repeat``. The ratio
column is satisfy's time over scipy's for the same method (lower is better); speedup is its
inverse. Both intervals are printed: they come from different random draws, so they agree
only up to Monte Carlo error (the last column is the largest end difference as a fraction
of scipy's interval width). Goal: satisfy at least 100x faster than the raw-row bootstrap.
"""

from __future__ import annotations

import argparse
import inspect
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

import satisfy
from _timing import best_time

# Shares of the answers 0..10: about 19% detractors, 25% passives, 56% promoters (NPS ~ 37).
SHARES = np.array([2, 1, 1, 1, 2, 4, 8, 10, 15, 22, 34], dtype=np.float64) / 100
GOAL_SPEEDUP = 100.0
LEVEL = 0.95
# satisfy's method name for each scipy method
METHODS = {"BCa": "bootstrap", "percentile": "bootstrap-percentile"}


def _nps_statistic(sample: NDArray[Any], axis: int = -1) -> NDArray[np.float64]:
    return ((sample >= 9).mean(axis=axis) - (sample <= 6).mean(axis=axis)) * 100


def _satisfy_interval(
    x: NDArray[np.int8], method: str, resamples: int, seed: int
) -> tuple[float, float]:
    ci = satisfy.nps(x).confidence_interval(LEVEL, method, n_resamples=resamples, rng=seed)
    return ci.low, ci.high


def _scipy_interval(
    x: NDArray[np.int8], method: str, resamples: int, batch: int, seed: int
) -> tuple[float, float]:
    # scipy >= 1.15 takes ``rng``; older versions call it ``random_state``
    params = inspect.signature(stats.bootstrap).parameters
    seed_arg = {"rng" if "rng" in params else "random_state": np.random.default_rng(seed)}
    res = stats.bootstrap(
        (x,),
        _nps_statistic,
        vectorized=True,
        n_resamples=resamples,
        batch=batch,
        confidence_level=LEVEL,
        method=method,
        **seed_arg,
    )
    ci = res.confidence_interval
    return float(ci.low), float(ci.high)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e5, help="answers (default 1e5)")
    parser.add_argument("--resamples", type=int, default=10_000, help="(default 10000)")
    parser.add_argument(
        "--batch", type=int, default=100, help="scipy resamples held at once (default 100)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of, satisfy (default 3)")
    parser.add_argument("--scipy-repeat", type=int, default=1, help="best of, scipy (default 1)")
    parser.add_argument(
        "--scipy-methods",
        nargs="+",
        choices=list(METHODS),
        default=list(METHODS),
        help="scipy methods to run (default: BCa percentile)",
    )
    args = parser.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(20261123)
    x = rng.choice(11, size=n, p=SHARES).astype(np.int8)
    value = satisfy.nps(x).value

    print(
        f"NPS bootstrap: n={n:,} answers (NPS {value:.2f}), {args.resamples:,} resamples, "
        f"{LEVEL:.0%} level; scipy batch={args.batch}; best of {args.repeat} (satisfy) "
        f"and {args.scipy_repeat} (scipy)"
    )
    header = f"{'method':<12}{'scipy s':>10}{'satisfy s':>11}{'ratio':>10}{'speedup':>10}"
    header += f"{'scipy interval':>22}{'satisfy interval':>22}{'diff/width':>12}"
    print(header)
    worst_speedup = float("inf")
    for scipy_method in args.scipy_methods:
        ours = METHODS[scipy_method]
        theirs_ci = _scipy_interval(x, scipy_method, args.resamples, args.batch, seed=1)
        ours_ci = _satisfy_interval(x, ours, args.resamples, seed=1)
        t_theirs = best_time(
            lambda m=scipy_method: _scipy_interval(x, m, args.resamples, args.batch, seed=1),
            args.scipy_repeat,
        )
        t_ours = best_time(
            lambda m=ours: _satisfy_interval(x, m, args.resamples, seed=1), args.repeat
        )
        worst_speedup = min(worst_speedup, t_theirs / t_ours)
        width = theirs_ci[1] - theirs_ci[0]
        diff = max(abs(a - b) for a, b in zip(theirs_ci, ours_ci)) / width
        theirs_text = f"[{theirs_ci[0]:.3f}, {theirs_ci[1]:.3f}]"
        ours_text = f"[{ours_ci[0]:.3f}, {ours_ci[1]:.3f}]"
        print(
            f"{scipy_method:<12}{t_theirs:>10.3f}{t_ours:>11.5f}{t_ours / t_theirs:>10.2e}"
            f"{t_theirs / t_ours:>9.0f}x{theirs_text:>22}{ours_text:>22}{diff:>12.3f}"
        )
    verdict = "met" if worst_speedup >= GOAL_SPEEDUP else "MISSED"
    print()
    print(
        f"goal: satisfy >= {GOAL_SPEEDUP:g}x faster than scipy's raw-row bootstrap for every "
        f"method run: {verdict} (smallest speedup {worst_speedup:,.0f}x)"
    )


if __name__ == "__main__":
    main()
