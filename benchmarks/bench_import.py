"""CPU time of ``import satisfy`` in a fresh interpreter, against its own dependencies.

Run:  python benchmarks/bench_import.py [--repeat 7] [--top 12]

The baseline is what ``satisfy`` cannot avoid: ``import numpy, scipy.special, attrs`` in a
fresh interpreter. Both are measured in the same run as the child process's user + system
CPU time (best of ``--repeat``; CPU rather than wall-clock time so that other work on the
machine matters less), after one bare ``python -c pass`` whose time is subtracted from both.
Goal: ``import satisfy`` within 0.4 s of CPU, and without ``scipy.stats`` or any optional
dependency (narwhals, pandas, polars, matplotlib, click, rich). The script also prints the
heaviest packages and modules ``python -X importtime`` reports for ``import satisfy``
(self times, so that nested imports are not counted twice).

As an installed package would, every child runs with compiled bytecode: the script sets
``PYTHONPYCACHEPREFIX`` to a temporary folder (so the source tree gets no ``__pycache__``),
lifts ``PYTHONDONTWRITEBYTECODE``, and imports everything once before measuring, so no
measured run pays for compiling sources.
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import subprocess
import sys
import tempfile

SATISFY = "import satisfy"
BASELINE = "import numpy, scipy.special, attrs"
OPTIONAL = ("scipy.stats", "narwhals", "pandas", "polars", "matplotlib", "click", "rich")


ENV = dict(os.environ)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench_import_")
atexit.register(shutil.rmtree, ENV["PYTHONPYCACHEPREFIX"], ignore_errors=True)


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], check=True, env=ENV, capture_output=True, text=True
    )


def cpu_seconds(code: str) -> float:
    """User + system CPU seconds of one fresh ``python -c code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run(["-c", code])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_cpu(code: str, repeat: int) -> float:
    return min(cpu_seconds(code) for _ in range(repeat))


def import_times(code: str) -> list[tuple[int, str]]:
    """(self microseconds, module) of every import that ``code`` makes, from
    ``python -X importtime``."""
    result = run(["-X", "importtime", "-c", code])
    rows: list[tuple[int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), name.strip()))
    return rows


def by_package(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Self times summed per top-level package, heaviest first."""
    totals: dict[str, int] = {}
    for micros, name in rows:
        top = name.split(".")[0]
        totals[top] = totals.get(top, 0) + micros
    return sorted(((v, k) for k, v in totals.items()), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    run(["-c", f"{BASELINE}; {SATISFY}"])  # compile and cache every module once
    bare = best_cpu("pass", args.repeat)
    base = best_cpu(BASELINE, args.repeat) - bare
    ours = best_cpu(SATISFY, args.repeat) - bare
    print(f"interpreter start-up (subtracted): {bare:.3f} s CPU")
    print(f"baseline  {BASELINE!r:<40} {base:.3f} s CPU")
    print(f"satisfy   {SATISFY!r:<40} {ours:.3f} s CPU")
    print(f"ratio satisfy / baseline: {ours / base:.2f}x   (goal: satisfy <= 0.4 s)")
    probe = f"import sys, satisfy; print(' '.join(m for m in {OPTIONAL!r} if m in sys.modules))"
    loaded = run(["-c", probe]).stdout.split()
    print(f"optional or heavy modules loaded by import satisfy: {', '.join(loaded) or 'none'}")
    rows = import_times(SATISFY)
    print("heaviest packages (python -X importtime, self times summed, one run):")
    for micros, name in by_package(rows)[: args.top]:
        print(f"  {micros / 1e6:7.3f} s  {name}")
    print("heaviest modules (self time, one run):")
    for micros, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {micros / 1e6:7.3f} s  {name}")


if __name__ == "__main__":
    main()
