"""Coverage and mean width of every interval method, by simulation, as markdown tables.

Run (from the repository root, with satisfy installed in the virtualenv):

    .venv/bin/python simulations/coverage.py [--replicates 2000] [--seed 20160127]
        [--ns 10 30 100 300 1000] [--metrics nps share mean] [--n-resamples 999]

For each metric (NPS on 0-10; the CSAT top-2 share and the mean score on CSAT5), each true
distribution of ``satisfy._simulation.GRID`` and each n, it draws ``--replicates`` samples
of n answers and reports, for every interval method, the share of 95% intervals that
contain the true value and their mean width (in the metric's unit). All methods of a cell
are evaluated on the same samples. The Monte Carlo standard error of a coverage near 95%
is about sqrt(0.05 * 0.95 / replicates): 0.5 percentage points at 2000 replicates.

The resampling methods (bootstrap BCa, bootstrap percentile, Bayes) use ``--n-resamples``
resamples per interval, 999 by default instead of the library's 9999, to keep the run
short; their intervals are then slightly noisier than the library's defaults.

At the defaults it takes about a minute and a half (85 s measured on a 2-core Linux VM,
under 200 MB of memory); nearly all of it is spent in the resampling methods, the
closed-form methods take well under a second in all. The time per metric and in total is
printed with the tables. ``--replicates 500`` gives a rough table in about 25 seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from satisfy._definition import METHODS
from satisfy._simulation import DEFAULT_NS, GRID, METRICS, CoverageResult, coverage_table

_TITLES = {
    "nps": "NPS (0-10 scale; width in NPS points)",
    "share": "CSAT top-2 share (CSAT5; width in percentage points)",
    "mean": "Mean score (CSAT5, 1-5; width in scale points)",
}
_WIDTH_DIGITS = {"nps": 1, "share": 1, "mean": 2}
_LOW, _HIGH = 0.93, 0.97  # coverage outside this band is shown in bold


def _cell(result: CoverageResult, digits: int) -> str:
    text = f"{result.coverage * 100:.1f}"
    if not _LOW <= result.coverage <= _HIGH:
        text = f"**{text}**"
    return f"{text} / {result.mean_width:.{digits}f}"


def _true_value(metric: str, value: float) -> str:
    return f"{value:.2f}" if metric == "mean" else f"{value:.1f}"


def markdown_table(metric: str, rows: Sequence[CoverageResult]) -> str:
    """One metric's results: a row per (distribution, n), a column per method."""
    methods = list(dict.fromkeys(r.method for r in rows))
    header = ["distribution", "true value", "n", *methods]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 3 + ["---:"] * len(methods)) + "|",
    ]
    cells: dict[tuple[str, int], dict[str, CoverageResult]] = {}
    for r in rows:
        cells.setdefault((r.distribution, r.n), {})[r.method] = r
    for (name, n), by_method in cells.items():
        first = next(iter(by_method.values()))
        shown = [_cell(by_method[m], _WIDTH_DIGITS[metric]) for m in methods]
        lines.append(
            "| " + " | ".join([name, _true_value(metric, first.true_value), str(n), *shown]) + " |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--replicates", type=int, default=2000, help="samples per cell")
    parser.add_argument("--seed", type=int, default=20160127, help="seed of the whole run")
    parser.add_argument("--ns", type=int, nargs="+", default=list(DEFAULT_NS), help="sample sizes")
    parser.add_argument(
        "--metrics", nargs="+", choices=METRICS, default=list(METRICS), help="metrics to simulate"
    )
    parser.add_argument(
        "--n-resamples",
        type=int,
        default=999,
        help="resamples per interval for bootstrap and Bayes methods (library default 9999)",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    print("# Coverage of 95% confidence intervals\n")
    print(
        f"{args.replicates} simulated samples per cell (Monte Carlo standard error of a "
        f"coverage near 95%: {(0.05 * 0.95 / args.replicates) ** 0.5 * 100:.2f} percentage "
        f"points), seed {args.seed}. Resampling methods (bootstrap, bootstrap-percentile, "
        f"bayes) use {args.n_resamples} resamples per interval, fewer than the library's "
        f"default 9999, to keep the run short. Each cell is coverage in percent / mean "
        f"interval width; coverage outside {_LOW:.0%}-{_HIGH:.0%} is in bold. The true "
        f"distributions are satisfy._simulation.GRID.\n"
    )
    for metric in args.metrics:
        t0 = time.perf_counter()
        rows = coverage_table(
            [metric],
            {metric: METHODS[metric]},
            args.ns,
            replicates=args.replicates,
            seed=args.seed,
            n_resamples=args.n_resamples,
        )
        print(f"## {_TITLES[metric]}\n")
        print(markdown_table(metric, rows))
        print(f"\n({time.perf_counter() - t0:.0f} s)\n", flush=True)
    print("## True distributions (probability of each point, lowest first)\n")
    listed = set()
    for metric in args.metrics:
        for dist in GRID[metric]:
            if dist not in listed:
                listed.add(dist)
                shown = " ".join(f"{p:g}" for p in dist.probabilities)
                print(f"- {dist.name} ({dist.scale.name}): {shown}")
    print(f"\nTotal time: {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
