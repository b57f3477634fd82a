"""trend() over 1,000 segments x 24 months against its previous implementation and a polars idiom.

Run:  python benchmarks/bench_trend.py [--n 1e6] [--segments 1000] [--months 24] [--repeat 3]
                                       [--rounds 2] [--old-src /tmp/oldtrend/src]

The data: ``--n`` answers (0-10) over ``--segments`` integer segment ids and ``--months``
months (timestamps spread over the months). Timed, on a pandas and a polars frame:

- satisfy's ``trend(frame, NPS("ltr"), time="when", period="month", by="seg", window=3)``:
  a trailing 3-month NPS per segment and month with intervals, the change from the previous
  month, its adjusted-Wald test and Holm-adjusted p-values;
- the previous implementation of ``trend`` (a Python loop over segments x periods), the
  same call, measured in the same run by running this script in a child process against a
  checkout of the old code: ``git worktree add /tmp/oldtrend 3d6b638`` and
  ``--old-src /tmp/oldtrend/src`` (skipped when not given);
- for context, what a competent polars user would write for the trailing 3-month NPS value
  alone (no intervals, no tests): one ``group_by`` per segment and month, then sums of the
  counts shifted by one and two months within each segment (months without answers are
  not filled, which a real trend needs).

Then the tally-level functions alone (``satisfy.trailing``, the NPS of the windows,
``satisfy.period_changes``) on ``--tally-segments`` x ``--tally-periods`` (10,000 x 36)
grouped tallies built directly.

Ratios are satisfy / baseline (lower is better).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

import satisfy
from _timing import best_time


def frames(n: int, segments: int, months: int) -> tuple[pd.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(20261128)
    ltr = rng.choice(11, n, p=[0.03] * 7 + [0.12, 0.15, 0.25, 0.27]).astype(np.int8)
    seg = rng.integers(0, segments, n).astype(np.int32)
    month = rng.integers(0, months, n)
    start = np.datetime64("2024-01", "M") + month
    when = start.astype("datetime64[s]") + rng.integers(0, 27 * 86400, n).astype("timedelta64[s]")
    pdf = pd.DataFrame({"seg": seg, "ltr": ltr, "when": when})
    return pdf, pl.from_pandas(pdf)


def run_trend(frame: Any) -> Any:
    return satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month", by="seg", window=3)


def child(args: argparse.Namespace) -> None:
    """Time ``trend`` of whatever satisfy is importable; print the times as JSON."""
    pdf, pldf = frames(int(args.n), args.segments, args.months)
    times = {
        "pandas": best_time(lambda: run_trend(pdf), args.repeat),
        "polars": best_time(lambda: run_trend(pldf), args.repeat),
        "rows": len(run_trend(pdf)),
    }
    print(json.dumps(times))


def polars_idiom(pldf: pl.DataFrame) -> pl.DataFrame:
    monthly = (
        pldf.group_by("seg", pl.col("when").dt.truncate("1mo").alias("month"))
        .agg(
            n=pl.len(),
            promoters=(pl.col("ltr") >= 9).sum(),
            detractors=(pl.col("ltr") <= 6).sum(),
        )
        .sort("seg", "month")
    )
    trailing = [
        (
            pl.col(c)
            + pl.col(c).shift(1).over("seg").fill_null(0)
            + pl.col(c).shift(2).over("seg").fill_null(0)
        ).alias(c)
        for c in ("n", "promoters", "detractors")
    ]
    return monthly.with_columns(trailing).with_columns(
        nps=(pl.col("promoters") - pl.col("detractors")) / pl.col("n") * 100
    )


def tally_level(segments: int, periods: int, repeat: int) -> None:
    """trailing, the NPS of the windows and period_changes on a grouped tally built
    directly (every segment and period present, 50 answers each)."""
    rng = np.random.default_rng(7)
    k = satisfy.scales.NPS.n_points
    g = segments * periods
    counts = rng.multinomial(50, [1 / k] * k, size=g).astype(np.int64)
    months = (np.datetime64("2023-01", "M") + np.arange(periods)).astype("datetime64[D]")
    keys = list(zip(np.repeat(np.arange(segments), periods).tolist(),
                    np.tile(months.astype(object), segments).tolist()))  # fmt: skip
    tally = satisfy.GroupedTally(
        satisfy.scales.NPS,
        keys,
        counts,
        counts.astype(float),
        counts.astype(float),
        np.zeros(g, np.int64),
        ("seg", "month"),
    )
    windows = satisfy.trailing(tally, window=3, period="month")
    estimate = satisfy.nps(windows)
    t_trailing = best_time(lambda: satisfy.trailing(tally, window=3, period="month"), repeat)
    t_value = best_time(lambda: satisfy.nps(windows).confidence_interval(), repeat)
    t_changes = best_time(lambda: satisfy.period_changes(estimate, period="month"), repeat)
    print(f"\ntally level: {segments:,} segments x {periods} months ({g:,} tallies), window 3")
    print(f"  trailing          {t_trailing:8.3f} s")
    print(f"  nps + intervals   {t_value:8.3f} s")
    print(f"  period_changes    {t_changes:8.3f} s")
    print(f"  total             {t_trailing + t_value + t_changes:8.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e6)
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="old/new alternations")
    parser.add_argument("--old-src", default=None, help="src/ of a checkout of the old code")
    parser.add_argument("--tally-segments", type=int, default=10_000)
    parser.add_argument("--tally-periods", type=int, default=36)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    n = int(args.n)
    pdf, pldf = frames(n, args.segments, args.months)
    rows = len(run_trend(pdf))
    print(f"n={n:,} answers, {args.segments:,} segments x {args.months} months ({rows:,} rows), "
          f"window 3, best of {args.repeat}")  # fmt: skip
    # the old code runs in a child process; rounds alternate old and new so that both see
    # the same load on the machine, and each keeps its best time
    new = {"pandas": np.inf, "polars": np.inf}
    old: dict[str, float] | None = {"pandas": np.inf, "polars": np.inf} if args.old_src else None
    for _ in range(args.rounds):
        if old is not None:
            env = {**os.environ, "PYTHONPATH": args.old_src}
            cmd = [sys.executable, __file__, "--child", "--n", str(n), "--repeat",
                   str(args.repeat), "--segments", str(args.segments), "--months",
                   str(args.months)]  # fmt: skip
            out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            times = json.loads(out.stdout.strip().splitlines()[-1])
            assert times["rows"] == rows, (times["rows"], rows)
            old = {name: min(old[name], times[name]) for name in old}
        new["pandas"] = min(new["pandas"], best_time(lambda: run_trend(pdf), args.repeat))
        new["polars"] = min(new["polars"], best_time(lambda: run_trend(pldf), args.repeat))
    idiom = best_time(lambda: polars_idiom(pldf), args.repeat)
    print(f"{'engine':<8}{'trend s':>10}{'old trend s':>13}{'new/old':>9}"
          f"{'polars idiom s':>16}{'new/idiom':>11}")  # fmt: skip
    for name in ("pandas", "polars"):
        before = f"{old[name]:>13.3f}{new[name] / old[name]:>9.3f}" if old else f"{'-':>13}{'-':>9}"
        print(f"{name:<8}{new[name]:>10.3f}{before}{idiom:>16.3f}{new[name] / idiom:>11.2f}")
    tally_level(args.tally_segments, args.tally_periods, args.repeat)


if __name__ == "__main__":
    main()
