"""``satisfy report`` on a ~1 GB CSV against DuckDB's own read_csv + GROUP BY, as processes.

Run:  python benchmarks/bench_cli.py [--rows 1e7] [--repeat 3] [--keep PATH]

The data: ``--rows`` answers (10 million make a ~1.1 GB file) with the columns ``id``,
``date``, ``channel`` (4 values), ``team`` (20 values), ``ltr`` (0-10), ``sat`` (1-5),
``weight``, and two text columns the reports do not need (``comment``, ``email``),
written by DuckDB into a temporary folder.

Each command runs as its own process (interpreter start and imports included), and its
wall time and peak memory (max RSS, from ``getrusage(RUSAGE_CHILDREN)`` of a wrapper
process that runs only it) are printed. The baseline is the idiom a competent user would
write: ``duckdb.read_csv(path)`` and a ``GROUP BY channel`` computing the NPS value per
segment (``avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 END)``),
fetched. ``satisfy report`` adds intervals, n, n_eff, the low-base flag and each
segment's test against the rest, and prints the table.

Targets (cli issue): peak memory under 500 MB; time at most 1.5x the baseline's. Before
(the pandas reader) a 1.1 GB file peaked at 6.2 GB and took 113 s.

A process's time includes a fixed cost the baseline does not pay: importing satisfy
(scipy.stats, about a second) and pandas. So the same comparison is also made inside one
process, where only the reading and counting are timed: ``tally_frame`` on the command's
lazy DuckDB relation (counts per segment and answer, then intervals and the tests against
the rest) against the same DuckDB idiom.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if out.returncode:
    sys.exit(out.stderr.decode()[-2000:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))
"""

_BASELINE = """
import sys, duckdb
rel = duckdb.read_csv(sys.argv[1])
print(duckdb.sql(
    "SELECT channel, avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 END) "
    "AS nps FROM rel GROUP BY channel"
).fetchall())
"""


def write_csv(path: Path, rows: int) -> None:
    """The answers file, generated inside DuckDB (fast, in little memory)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(
        f"""
        COPY (
          SELECT i AS id,
                 DATE '2024-01-01' + CAST(floor(random() * 730) AS INTEGER) AS date,
                 (['chat', 'email', 'phone', 'in person'])[1 + CAST(floor(random() * 4)
                     AS INTEGER)] AS channel,
                 'team ' || CAST(floor(random() * 20) AS INTEGER) AS team,
                 CAST(floor(random() * 11) AS INTEGER) AS ltr,
                 1 + CAST(floor(random() * 5) AS INTEGER) AS sat,
                 round(0.5 + random(), 3) AS weight,
                 'customer said ' || md5(CAST(i AS VARCHAR)) AS comment,
                 'user' || CAST(i AS VARCHAR) || '@example.com' AS email
          FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )


def measure(command: list[str], repeat: int) -> dict[str, float]:
    """Best wall time and its peak memory over ``repeat`` runs of a process."""
    best: dict[str, float] = {"seconds": float("inf"), "peak_mb": 0.0}
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout)
        best["peak_mb"] = max(best["peak_mb"], result["peak_mb"])
        best["seconds"] = min(best["seconds"], result["seconds"])
    return best


def in_process(path: Path, repeat: int) -> None:
    """The engine's share alone: no interpreter start, no imports."""
    import duckdb

    import satisfy
    from _timing import best_time
    from satisfy._files import AnswerFile

    source = AnswerFile(str(path), ["ltr", "channel"])

    def idiom() -> object:
        return (
            duckdb.read_csv(str(path))
            .aggregate(
                "channel, avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 END)",
                "channel",
            )
            .fetchall()
        )

    def ours() -> object:
        tally = source.run(lambda rel: satisfy.tally_frame(rel, "ltr", scale="NPS", by="channel"))
        estimate = satisfy.NPS("ltr").estimate(tally)
        estimate.confidence_interval()
        return satisfy.compare_groups(estimate).versus_rest

    base = best_time(idiom, repeat)
    got = best_time(ours, repeat)
    print(
        f"\nin one process (no start-up, no imports):\n{'baseline: duckdb idiom':<50} {base:7.2f} s"
    )
    print(f"{'satisfy: tally, intervals, vs rest':<50} {got:7.2f} s   ratio {got / base:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="Write the CSV here (and reuse it if it exists).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "answers.csv"
        if not path.exists():
            start = time.perf_counter()
            write_csv(path, int(args.rows))
            print(f"wrote {path} in {time.perf_counter() - start:.1f} s")
        print(f"{int(args.rows):,} rows, {path.stat().st_size / 2**30:.2f} GiB\n")
        satisfy = [sys.executable, "-m", "satisfy", "report", str(path), "--format", "csv"]
        cases = {
            "report --by channel": [*satisfy, "--score", "ltr", "--by", "channel"],
            "report --by channel --by team --weights weight": [
                *satisfy,
                "--score",
                "ltr",
                "--by",
                "channel",
                "--by",
                "team",
                "--weights",
                "weight",
            ],
            "report --metric csat --period month": [
                *satisfy,
                "--metric",
                "csat",
                "--score",
                "sat",
                "--period",
                "month",
                "--time",
                "date",
            ],
        }
        base = measure([sys.executable, "-c", _BASELINE, str(path)], args.repeat)
        print(
            f"{'baseline: duckdb read_csv + GROUP BY nps':<50} {base['seconds']:7.2f} s "
            f"{base['peak_mb']:7.0f} MB"
        )
        for name, command in cases.items():
            got = measure(command, args.repeat)
            ratio = got["seconds"] / base["seconds"]
            print(
                f"{'satisfy ' + name:<50} {got['seconds']:7.2f} s {got['peak_mb']:7.0f} MB"
                f"   ratio {ratio:.2f}x (target <= 1.5x, < 500 MB)"
            )
        in_process(path, args.repeat)


if __name__ == "__main__":
    main()
