"""``satisfy.read(..., backend="duckdb")`` + ``summarize`` (NPS per segment) on a big CSV,
against the idiom a competent user would write, each in its own process: time and peak
memory.

Run:  python benchmarks/bench_read.py [--rows 1e6] [--repeat 2] [--keep FOLDER]

``--rows 1e7`` makes a ~1.1 GB UTF-8 file (the issue's figure); the default, 1e6, about
110 MB, runs in a minute. Two files with the same answers are written into a temporary
folder (or ``--keep``): ``answers.csv`` (UTF-8, commas, decimal points), written by DuckDB,
and ``svar.csv`` (cp1252, semicolons, decimal commas, Danish segment names), transcoded
from it in chunks. Columns: ``id``, ``date``, ``channel`` (4 values), ``butik`` (five
Danish towns), ``ltr`` (0-10), ``weight``, and a ``comment`` no report needs.

Cases, each a process (interpreter start and imports included), best wall time of
``--repeat`` runs and the peak resident memory of that process (``getrusage`` of a
wrapper that runs only it):

- baseline, UTF-8: ``duckdb.read_csv`` and a ``GROUP BY channel`` computing the NPS
  (``avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 END)``), fetched;
- satisfy, UTF-8: ``satisfy.read(path, backend="duckdb")`` then
  ``summarize(survey.frame, NPS("ltr"), by="channel")`` (intervals, n, n_eff too);
- baseline, cp1252: DuckDB reads only UTF-8, so the idiom is pandas:
  ``read_csv(sep=";", decimal=",", encoding="cp1252", usecols=[...])`` and a groupby;
- satisfy, cp1252: the same ``read`` + ``summarize`` on ``svar.csv`` by ``butik``, the
  dialect and encoding detected (the file is transcoded to a temporary UTF-8 copy in
  chunks of 4 MB, then read by DuckDB as above).
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

_DUCKDB = """
import sys, duckdb
rel = duckdb.read_csv(sys.argv[1])
print(duckdb.sql(
    "SELECT channel, avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 END) "
    "AS nps, count(ltr) AS n FROM rel GROUP BY channel"
).fetchall())
"""

_PANDAS = """
import sys, pandas as pd
frame = pd.read_csv(sys.argv[1], sep=";", decimal=",", encoding="cp1252",
                    usecols=["butik", "ltr"])
score = frame["ltr"]
points = (score >= 9) * 100 - (score <= 6) * 100
print(points.groupby(frame["butik"]).agg(["mean", "count"]))
"""

_SATISFY = """
import sys, satisfy
survey = satisfy.read(sys.argv[1], backend="duckdb")
print(satisfy.summarize(survey.frame, satisfy.NPS("ltr"), by=sys.argv[2]))
"""

TOWNS = ["Århus", "Køge", "Ærø", "Sønderborg", "Præstø"]


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    """``answers.csv`` written by DuckDB, and its cp1252 semicolon twin, in chunks."""
    import duckdb

    utf8 = folder / "answers.csv"
    danish = folder / "svar.csv"
    towns = ", ".join(f"'{t}'" for t in TOWNS)
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(
        f"""
        COPY (
          SELECT i AS id,
                 DATE '2024-01-01' + CAST(floor(random() * 730) AS INTEGER) AS date,
                 (['chat', 'email', 'phone', 'in person'])[1 + CAST(floor(random() * 4)
                     AS INTEGER)] AS channel,
                 ([{towns}])[1 + CAST(floor(random() * 5) AS INTEGER)] AS butik,
                 CAST(floor(random() * 11) AS INTEGER) AS ltr,
                 round(0.5 + random(), 3) AS weight,
                 'kunden skrev ' || md5(CAST(i AS VARCHAR)) AS comment
          FROM range({rows}) t(i)
        ) TO '{utf8}' (HEADER, DELIMITER ',')
        """
    )
    con.close()
    # the twin: semicolons, decimal commas, cp1252 (no cell holds a comma or semicolon)
    with open(utf8, encoding="utf-8") as source, open(danish, "wb") as out:
        while True:
            lines = source.readlines(1 << 22)
            if not lines:
                break
            text = "".join(lines).replace(",", ";")
            text = _decimal_commas(text)
            out.write(text.encode("cp1252"))
    return utf8, danish


def _decimal_commas(text: str) -> str:
    import re

    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def measure(command: list[str], repeat: int) -> dict[str, float]:
    """Best wall time and the peak memory over ``repeat`` runs of a process."""
    best: dict[str, float] = {"seconds": float("inf"), "peak_mb": 0.0}
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True
        )
        result = json.loads(out.stdout)
        best["peak_mb"] = max(best["peak_mb"], result["peak_mb"])
        best["seconds"] = min(best["seconds"], result["seconds"])
    return best


def in_process(utf8: Path, danish: Path, repeat: int) -> None:
    """The reading and counting alone: no interpreter start, no imports (about 1.6 s of
    each satisfy process above: satisfy, scipy.stats, pandas, narwhals)."""
    import duckdb

    import satisfy
    from _timing import best_time
    from satisfy._files import TextFile

    def idiom() -> object:
        return duckdb.sql(
            "SELECT channel, avg(CASE WHEN ltr >= 9 THEN 100 WHEN ltr <= 6 THEN -100 ELSE 0 "
            f"END) FROM read_csv('{utf8}') GROUP BY channel"
        ).fetchall()

    def ours(path: Path, by: str) -> object:
        TextFile._copies.clear()  # transcode every time (a process keeps its copy)
        survey = satisfy.read(path, backend="duckdb")
        return satisfy.summarize(survey.frame, satisfy.NPS("ltr"), by=by)

    base = best_time(idiom, repeat)
    print("\nin one process (no start-up, no imports):")
    print(f"  {'baseline: duckdb SQL GROUP BY (UTF-8)':<48} {base:7.2f} s")
    for name, path, by in (("UTF-8", utf8, "channel"), ("cp1252", danish, "butik")):
        got = best_time(lambda path=path, by=by: ours(path, by), repeat)
        print(f"  {'satisfy.read + summarize (' + name + ')':<48} {got:7.2f} s   ratio "
              f"{got / base:.2f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e6)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", help="Write the files in this folder (and reuse them).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        utf8, danish = folder / "answers.csv", folder / "svar.csv"
        if not (utf8.exists() and danish.exists()):
            start = time.perf_counter()
            write_files(folder, int(args.rows))
            print(f"wrote the files in {time.perf_counter() - start:.1f} s")
        print(
            f"{int(args.rows):,} rows: {utf8.name} {utf8.stat().st_size / 2**30:.2f} GiB, "
            f"{danish.name} {danish.stat().st_size / 2**30:.2f} GiB\n"
        )
        python = sys.executable
        pairs = [
            (
                "UTF-8, NPS by channel",
                ("duckdb read_csv + GROUP BY", [python, "-c", _DUCKDB, str(utf8)]),
                [python, "-c", _SATISFY, str(utf8), "channel"],
            ),
            (
                "cp1252 ; decimal comma, NPS by butik",
                ("pandas read_csv(cp1252) + groupby", [python, "-c", _PANDAS, str(danish)]),
                [python, "-c", _SATISFY, str(danish), "butik"],
            ),
        ]
        for title, (idiom, baseline), ours in pairs:
            base = measure(baseline, args.repeat)
            got = measure(ours, args.repeat)
            print(title)
            print(
                f"  {'baseline: ' + idiom:<48} {base['seconds']:7.2f} s {base['peak_mb']:7.0f} MB"
            )
            print(
                f"  {'satisfy.read(duckdb) + summarize':<48} {got['seconds']:7.2f} s "
                f"{got['peak_mb']:7.0f} MB   ratio {got['seconds'] / base['seconds']:.2f}x"
            )
        in_process(utf8, danish, args.repeat)


if __name__ == "__main__":
    main()
