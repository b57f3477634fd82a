"""summarize() on pandas, polars and DuckDB against each engine's own value-only group-by.

Run:  python benchmarks/bench_frames.py [--n 1e7] [--segments 1000] [--repeat 3]

The data: ``--n`` answers (0-10) over ``--segments`` integer segment ids. For each engine,
satisfy's ``summarize(frame, NPS("ltr"), by="seg")`` (values, adjusted-Wald intervals, n,
n_eff, low-base flag) is timed against the idiomatic group-by of that engine computing only
the NPS value per segment:

- pandas: mean of a -1/0/+1 column per segment (``groupby().mean()``);
- polars: ``group_by("seg").agg(((ltr >= 9) - (ltr <= 6)).mean() * 100)``;
- DuckDB: ``SELECT seg, avg(CASE ...) * 100 FROM t GROUP BY seg``.

Goal (frames issue): summarize with intervals costs at most 1.5x the engine's own
value-only idiom. The ratio printed is satisfy / idiom (lower is better).
"""

from __future__ import annotations

import argparse
from typing import Any

import duckdb
import narwhals as nw
import numpy as np
import pandas as pd
import polars as pl

import satisfy
from _timing import best_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7)
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(20261123)
    ltr = rng.choice(11, n, p=[0.03] * 7 + [0.12, 0.15, 0.25, 0.27]).astype(np.int8)
    seg = rng.integers(0, args.segments, n).astype(np.int32)
    pdf = pd.DataFrame({"seg": seg, "ltr": ltr})
    pldf = pl.DataFrame({"seg": seg, "ltr": ltr})
    con = duckdb.connect()
    con.register("answers", pdf)
    rel = con.table("answers")
    spec = satisfy.NPS("ltr")

    def pandas_idiom() -> Any:
        score = (pdf["ltr"] >= 9).astype(np.int8) - (pdf["ltr"] <= 6).astype(np.int8)
        return score.groupby(pdf["seg"]).mean() * 100

    def polars_idiom() -> Any:
        expr = ((pl.col("ltr") >= 9).cast(pl.Int8) - (pl.col("ltr") <= 6).cast(pl.Int8)).mean()
        return pldf.group_by("seg").agg((expr * 100).alias("nps"))

    def duckdb_idiom() -> Any:
        return con.sql(
            "SELECT seg, avg(CASE WHEN ltr >= 9 THEN 1 WHEN ltr <= 6 THEN -1 ELSE 0 END) * 100 "
            "AS nps FROM answers GROUP BY seg"
        ).arrow()

    cases = [
        ("pandas", pandas_idiom, lambda: satisfy.summarize(pdf, spec, by="seg")),
        ("polars", polars_idiom, lambda: satisfy.summarize(pldf, spec, by="seg")),
        ("duckdb", duckdb_idiom, lambda: satisfy.summarize(rel, spec, by="seg")),
    ]
    print(f"n={n:,} answers, {args.segments:,} segments, best of {args.repeat}")
    print(f"{'engine':<8}{'idiom s':>10}{'summarize s':>13}{'ratio':>8}")
    for name, idiom, ours in cases:
        expected = np.sort(np.asarray(pandas_idiom()))
        got = ours()
        values = np.sort(nw.from_native(got).get_column("value").to_numpy())
        assert np.allclose(values, expected, atol=1e-9), name
        t_idiom = best_time(idiom, args.repeat)
        t_ours = best_time(ours, args.repeat)
        print(f"{name:<8}{t_idiom:>10.3f}{t_ours:>13.3f}{t_ours / t_idiom:>8.2f}")


if __name__ == "__main__":
    main()
