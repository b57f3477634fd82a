"""summarize() with two metrics against each engine's own value-only group-by.

Run:  python benchmarks/bench_summarize.py [--n 1e6 1e7] [--segments 1000] [--repeat 3]

The data: ``--n`` answers, a 0-10 likelihood to recommend (``ltr``) and a 1-5 satisfaction
(``sat``), over ``--segments`` segments. satisfy's
``summarize(frame, [NPS("ltr"), CSAT("sat")], by="seg")`` (values, intervals, n, n_eff,
missing, low-base flag: one aggregation over the data) is timed against the idiomatic
query of the same engine computing only the two values per segment, its result drained:

- polars lazy (integer segment ids): ``lf.group_by("seg").agg(nps, csat).collect()``;
- DuckDB (integer segment ids): ``SELECT seg, avg(CASE ...), avg(...) GROUP BY seg``,
  fetched as Arrow;
- pandas (text segment names): the two score columns, then ``groupby("seg").mean()``;
- polars eager (text segment names): ``df.group_by("seg").agg(nps, csat)``.

Goals (frames-engine brief): at most 1.3x on polars lazy and DuckDB, 1.5x on pandas and
polars eager with text keys. The ratio printed is satisfy / idiom (lower is better).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import duckdb
import narwhals as nw
import numpy as np
import pandas as pd
import polars as pl

import satisfy
from _timing import best_time

SPECS = [satisfy.NPS("ltr"), satisfy.CSAT("sat")]


def cases(n: int, segments: int) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(20261128)
    ltr = rng.choice(11, n, p=[0.03] * 7 + [0.12, 0.15, 0.25, 0.27]).astype(np.int8)
    sat = rng.choice(np.arange(1, 6), n, p=[0.05, 0.1, 0.2, 0.35, 0.3]).astype(np.int8)
    seg = rng.integers(0, segments, n).astype(np.int32)
    names = np.array([f"segment {i:04d}" for i in range(segments)], dtype=object)[seg]
    lazy = pl.LazyFrame({"seg": seg, "ltr": ltr, "sat": sat})
    con = duckdb.connect()
    con.register("answers", lazy.collect().to_arrow())
    rel = con.table("answers")
    pdf = pd.DataFrame({"seg": pd.array(names, dtype="str"), "ltr": ltr, "sat": sat})
    eager = pl.DataFrame({"seg": names.astype(str), "ltr": ltr, "sat": sat})
    nps = ((pl.col("ltr") >= 9).cast(pl.Int8) - (pl.col("ltr") <= 6).cast(pl.Int8)).mean() * 100
    csat = (pl.col("sat") >= 4).mean() * 100

    def polars_lazy() -> Any:
        return lazy.group_by("seg").agg(nps.alias("nps"), csat.alias("csat")).collect()

    def duckdb_sql() -> Any:
        return con.sql(
            "SELECT seg, avg(CASE WHEN ltr >= 9 THEN 1 WHEN ltr <= 6 THEN -1 ELSE 0 END) * 100 "
            "AS nps, avg(CASE WHEN sat >= 4 THEN 1 ELSE 0 END) * 100 AS csat "
            "FROM answers GROUP BY seg"
        ).to_arrow_table()

    def pandas_groupby() -> Any:
        scores = pd.DataFrame(
            {
                "seg": pdf["seg"],
                "nps": (pdf["ltr"] >= 9).astype(np.int8) - (pdf["ltr"] <= 6).astype(np.int8),
                "csat": pdf["sat"] >= 4,
            }
        )
        return scores.groupby("seg").mean() * 100

    def polars_eager() -> Any:
        return eager.group_by("seg").agg(nps.alias("nps"), csat.alias("csat"))

    return [
        ("polars lazy", polars_lazy, lambda: satisfy.summarize(lazy, SPECS, by="seg")),
        ("duckdb", duckdb_sql, lambda: satisfy.summarize(rel, SPECS, by="seg")),
        ("pandas text", pandas_groupby, lambda: satisfy.summarize(pdf, SPECS, by="seg")),
        ("polars text", polars_eager, lambda: satisfy.summarize(eager, SPECS, by="seg")),
    ]


def check(idiom: Any, ours: Any) -> None:
    """Both give the same NPS per segment."""
    want = nw.from_native(idiom, eager_only=True) if not isinstance(idiom, pd.DataFrame) else None
    if want is None:
        expected = np.sort(idiom["nps"].to_numpy())
    else:
        expected = np.sort(want.get_column("nps").to_numpy())
    got = nw.from_native(ours, eager_only=True)
    values = got.filter(nw.col("metric") == "NPS(ltr)").get_column("value").to_numpy()
    assert np.allclose(np.sort(values), expected, atol=1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, nargs="+", default=[1e6, 1e7])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"NPS + CSAT by {args.segments:,} segments, best of {args.repeat}")
    print(f"{'n':>12} {'engine':<13}{'idiom s':>9}{'summarize s':>13}{'ratio':>7}")
    for n in (int(x) for x in args.n):
        for name, idiom, ours in cases(n, args.segments):
            check(idiom(), ours())
            t_idiom = best_time(idiom, args.repeat)
            t_ours = best_time(ours, args.repeat)
            print(f"{n:>12,} {name:<13}{t_idiom:>9.3f}{t_ours:>13.3f}{t_ours / t_idiom:>7.2f}")


if __name__ == "__main__":
    main()
