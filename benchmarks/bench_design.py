"""NPS with a survey design (clusters, strata, weights) against the pandas idiom a survey
analyst writes for the same standard error: time ratio.

Run:  python benchmarks/bench_design.py [--sizes 1e5 1e6] [--clusters 0.2] [--repeat 3]

The baseline computes the ultimate-cluster variance of the weighted NPS by hand: each
answer's linearised value ``z = w (score - nps) / W`` (score +100, 0, -100), one pandas
``groupby`` to the cluster totals, another to the strata's sums and sums of squares, and
``sum_h n_h / (n_h - 1) (sum Z^2 - (sum Z)^2 / n_h)``. The library does the same from its
tally (one coding pass, then a second pass for the design's per-cluster sums), and gives
the interval, df and design effect too. Both answers are printed and must agree.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import satisfy
from _timing import best_time


def _baseline(frame: pd.DataFrame) -> float:
    score = frame["ltr"].to_numpy()
    w = frame["w"].to_numpy()
    sign = np.where(score >= 9, 100.0, np.where(score <= 6, -100.0, 0.0))
    total = w.sum()
    value = (w * sign).sum() / total
    z = pd.Series(w * (sign - value) / total)
    clusters = z.groupby([frame["stratum"], frame["cluster"]], sort=False).sum()
    by_stratum = clusters.groupby(level=0).agg(["sum", "count", lambda s: (s * s).sum()])
    by_stratum.columns = ["s", "n", "ss"]
    n = by_stratum["n"].to_numpy(dtype=float)
    var = (n / (n - 1) * (by_stratum["ss"] - by_stratum["s"] ** 2 / n)).sum()
    return float(np.sqrt(var))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    parser.add_argument("--clusters", type=float, default=0.2, help="clusters per answer")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    print(f"{'answers':>10} {'clusters':>9} {'satisfy s':>10} {'pandas s':>10} {'ratio':>6}  se")
    for size in args.sizes:
        n = int(size)
        m = max(int(n * args.clusters), 10)
        cluster = rng.integers(0, m, n)
        frame = pd.DataFrame(
            {
                "ltr": rng.integers(0, 11, n),
                "w": rng.lognormal(0, 0.5, n).round(3),
                "cluster": cluster,
                "stratum": cluster % 5,  # clusters nested in strata
            }
        )

        def library(f: pd.DataFrame = frame) -> float:
            e = satisfy.nps(f["ltr"], weights=f["w"], cluster=f["cluster"], strata=f["stratum"])
            return float(e.se)

        ours, theirs = library(), _baseline(frame)
        assert abs(ours - theirs) <= 1e-9 * max(1.0, abs(theirs)), (ours, theirs)
        t_lib = best_time(library, args.repeat)
        t_base = best_time(lambda f=frame: _baseline(f), args.repeat)
        print(f"{n:>10,} {m:>9,} {t_lib:>10.3f} {t_base:>10.3f} {t_lib / t_base:>6.2f}  {ours:.6f}")


if __name__ == "__main__":
    main()
