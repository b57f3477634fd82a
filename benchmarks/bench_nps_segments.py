"""NPS of many segments: satisfy (value and interval) against pandas groupby idioms.

Run:  python benchmarks/bench_nps_segments.py [--n 1e7] [--segments 10000] [--repeat 3]
                                              [--apply-repeat 1] [--ids dense|sparse]

The data are ``n`` NPS answers (int8, 0-10, a fixed skewed distribution) spread uniformly
over ``segments`` integer segment ids, held in a pandas DataFrame with columns ``seg``
(int64) and ``ltr`` (int8). ``--ids dense`` uses the ids 0..segments-1; ``--ids sparse``
draws the ids from 0..10^9, so they are not a dense range.

Timed, best of ``repeat`` (the slow groupby-apply baseline best of ``apply-repeat``):

- satisfy: ``satisfy.nps(df["ltr"], by=df["seg"])`` plus ``.confidence_interval()``, i.e.
  the value AND the adjusted Wald interval of every segment, from the raw columns (the
  value-only time is printed too, for reference);
- pandas groupby-apply, value only:
  ``df.groupby("seg")["ltr"].apply(lambda s: ((s >= 9).mean() - (s <= 6).mean()) * 100)``;
- pandas vectorised, value only: boolean columns ``pro`` and ``det``, groupby mean, subtract;
- pandas vectorised, value only, one column: the mean of a -1/0/+1 column per segment
  (the fastest pandas idiom we found).

Every pandas result must agree with satisfy's values to 1e-9 NPS points, with the same
segments in the same order. The ratio column is satisfy's time over the baseline's (lower
is better); speedup is its inverse. Goal: satisfy with intervals at least 2x faster than
the (faster) vectorised pandas value-only idiom.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
import pandas as pd

import satisfy
from _timing import best_time

# Shares of the answers 0..10: about 19% detractors, 25% passives, 56% promoters (NPS ~ 37).
SHARES = np.array([2, 1, 1, 1, 2, 4, 8, 10, 15, 22, 34], dtype=np.float64) / 100
GOAL_SPEEDUP = 2.0


def _frame(n: int, segments: int, ids: str, rng: np.random.Generator) -> pd.DataFrame:
    ltr = rng.choice(11, size=n, p=SHARES).astype(np.int8)
    codes = rng.integers(0, segments, n)
    if ids == "dense":
        seg = codes
    else:
        seg = rng.choice(10**9, size=segments, replace=False)[codes]
    return pd.DataFrame({"seg": seg.astype(np.int64), "ltr": ltr})


def _satisfy_with_interval(df: pd.DataFrame) -> tuple[Any, satisfy.ConfidenceInterval]:
    est = satisfy.nps(df["ltr"], by=df["seg"])
    return est, est.confidence_interval()


def _satisfy_value(df: pd.DataFrame) -> Any:
    return satisfy.nps(df["ltr"], by=df["seg"]).value


def _pandas_apply(df: pd.DataFrame) -> pd.Series:
    return df.groupby("seg")["ltr"].apply(lambda s: ((s >= 9).mean() - (s <= 6).mean()) * 100)


def _pandas_vectorised(df: pd.DataFrame) -> pd.Series:
    shares = df.assign(pro=df["ltr"] >= 9, det=df["ltr"] <= 6).groupby("seg")[["pro", "det"]].mean()
    return (shares["pro"] - shares["det"]) * 100


def _pandas_signed(df: pd.DataFrame) -> pd.Series:
    ltr = df["ltr"]
    signed = (ltr >= 9).astype(np.int8) - (ltr <= 6).astype(np.int8)
    return signed.groupby(df["seg"]).mean() * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7, help="answers (default 1e7)")
    parser.add_argument("--segments", type=int, default=10_000, help="segments (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of (default 3)")
    parser.add_argument(
        "--apply-repeat", type=int, default=1, help="best of, groupby-apply only (default 1)"
    )
    parser.add_argument("--ids", choices=["dense", "sparse"], default="dense")
    args = parser.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(20261123)
    df = _frame(n, args.segments, args.ids, rng)

    est, ci = _satisfy_with_interval(df)
    groups = np.asarray(est.groups)
    assert np.all(np.isfinite(ci.low) & (ci.low <= ci.high)), "bad intervals"
    t_ours = best_time(lambda: _satisfy_with_interval(df), args.repeat)
    t_value = best_time(lambda: _satisfy_value(df), args.repeat)

    print(
        f"NPS per segment: n={n:,} answers, {len(groups):,} segments ({args.ids} int64 ids), "
        f"best of {args.repeat} (groupby-apply: best of {args.apply_repeat})"
    )
    print(f"satisfy nps(by=) + adjusted-Wald interval: {t_ours:.4f} s")
    print(f"satisfy nps(by=) value only:               {t_value:.4f} s")
    print()
    header = f"{'baseline (value only)':<34}{'base s':>9}{'satisfy s':>11}{'ratio':>8}"
    header += f"{'speedup':>9}{'max |diff|':>12}"
    print(header)
    cases = [
        ("pandas groupby-apply", _pandas_apply, args.apply_repeat),
        ("pandas vectorised (pro, det)", _pandas_vectorised, args.repeat),
        ("pandas vectorised (-1/0/+1 mean)", _pandas_signed, args.repeat),
    ]
    vectorised_best = float("inf")
    for name, baseline, repeat in cases:
        expected = baseline(df)
        assert np.array_equal(expected.index.to_numpy(), groups), f"{name}: segments differ"
        diff = float(np.max(np.abs(expected.to_numpy(dtype=np.float64) - est.value)))
        assert diff <= 1e-9, f"{name}: values differ by {diff:g}"
        t_base = best_time(lambda baseline=baseline: baseline(df), repeat)
        if "vectorised" in name:
            vectorised_best = min(vectorised_best, t_base)
        print(
            f"{name:<34}{t_base:>9.4f}{t_ours:>11.4f}{t_ours / t_base:>8.3f}"
            f"{t_base / t_ours:>8.1f}x{diff:>12.1e}"
        )
    speedup = vectorised_best / t_ours
    verdict = "met" if speedup >= GOAL_SPEEDUP else "MISSED"
    print()
    print(
        f"goal: satisfy (value + interval) >= {GOAL_SPEEDUP:g}x faster than the fastest "
        f"vectorised pandas value-only idiom: {verdict} ({speedup:.1f}x)"
    )


if __name__ == "__main__":
    main()
