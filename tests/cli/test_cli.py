"""The installed ``satisfy`` command, run as a subprocess: every subcommand, every format,
and each class of user error with exit status 2 and one line on stderr."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy.datasets import load_demo

COMMAND = shutil.which("satisfy") or ""


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    executable = [COMMAND] if COMMAND else [sys.executable, "-m", "satisfy"]
    return subprocess.run(
        [*executable, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_report_numbers_equal_the_python_api():
    out = run(
        "report",
        "--demo",
        "--metric",
        "nps",
        "--score",
        "ltr",
        "--by",
        "channel",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    rows = {r["channel"]: r for r in json.loads(out.stdout)["rows"]}
    demo = load_demo()
    expected = satisfy.nps(demo["ltr"], by=demo["channel"])
    ci = expected.confidence_interval()
    for i, key in enumerate(expected.groups):
        assert rows[key]["value"] == pytest.approx(expected.value[i], abs=1e-9)
        assert rows[key]["low"] == pytest.approx(ci.low[i], abs=1e-9)
        assert rows[key]["n"] == expected.n[i]
    assert rows["email"]["vs_rest"] == "lower"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_every_format(fmt):
    out = run(
        "report", "--demo", "--metric", "ces", "--score", "ces", "--by", "team", "--format", fmt
    )
    assert out.returncode == 0, out.stderr
    assert "North" in out.stdout
    if fmt == "csv":
        assert out.stdout.splitlines()[0].startswith("team,metric,value,low,high,n")
    if fmt == "markdown":
        assert out.stdout.startswith("### CES(ces)")


def test_report_with_periods_weights_and_plot(tmp_path):
    png = tmp_path / "trend.png"
    out = run(
        "report",
        "--demo",
        "--metric",
        "nps",
        "--score",
        "ltr",
        "--period",
        "quarter",
        "--weights",
        "weight",
        "--format",
        "csv",
        "--plot",
        str(png),
    )
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(pd.io.common.StringIO(out.stdout))
    assert len(table) == 9  # Nov 2024 - Oct 2026 touches 9 calendar quarters
    assert {"change", "pvalue_adjusted", "significant"} <= set(table.columns)
    assert png.stat().st_size > 10_000


def test_report_reads_csv_jsonl_and_parquet(tmp_path):
    frame = pd.DataFrame({"sat": [5, 4, 2, 5, 3, 1], "site": list("aabbcc")})
    frame.to_csv(tmp_path / "a.csv", index=False)
    frame.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "a.parquet")
    outputs = []
    for name in ("a.csv", "a.jsonl", "a.parquet"):
        out = run(
            "report",
            str(tmp_path / name),
            "--metric",
            "csat",
            "--score",
            "sat",
            "--by",
            "site",
            "--format",
            "csv",
        )
        assert out.returncode == 0, out.stderr
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1] == outputs[2]


def test_compare_groups_and_periods():
    out = run(
        "compare",
        "--demo",
        "--metric",
        "nps",
        "--score",
        "ltr",
        "--by",
        "channel",
        "--groups",
        "chat",
        "email",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)["rows"][0]
    demo = load_demo()
    expected = satisfy.compare(
        satisfy.nps(demo.loc[demo.channel == "chat", "ltr"]),
        satisfy.nps(demo.loc[demo.channel == "email", "ltr"]),
    )
    assert row["difference"] == pytest.approx(expected.difference, abs=1e-9)
    out = run(
        "compare",
        "--demo",
        "--metric",
        "nps",
        "--score",
        "ltr",
        "--period",
        "month",
        "--periods",
        "2025-09-01",
        "2025-08-01",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rows"][0]["significant"] is True


def test_plan_and_scales():
    out = run("plan", "--metric", "nps", "--margin", "5", "--format", "json")
    assert json.loads(out.stdout)["rows"][0]["n"] == satisfy.sample_size("nps", margin=5).n
    out = run(
        "plan", "--metric", "share", "--difference", "25", "--expected", "50", "--format", "csv"
    )
    assert out.returncode == 0 and ",58," in out.stdout
    out = run("scales", "--format", "json")
    names = [r["name"] for r in json.loads(out.stdout)["rows"]]
    assert names == list(satisfy.scales.PRESETS)


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (("report", "--demo", "--score", "nope"), "no column 'nope'", 1),
        (("report", "--demo", "--metric", "csat", "--score", "csat"), "not on the scale CSAT5", 1),
        (("report", "missing.csv", "--score", "x"), "no file 'missing.csv'", 2),
        (("report", "bad.parquet", "--score", "x"), "cannot read 'bad.parquet'", 2),
        (
            ("compare", "--demo", "--score", "ltr", "--by", "channel", "--groups", "chat", "fax"),
            "no group 'fax'",
            1,
        ),
        (("plan", "--metric", "mean", "--margin", "0.1"), "scale", 1),
        (("report", "--demo", "--score", "ltr", "--weights", "channel"), "weights", 1),
    ],
)
def test_user_errors_exit_with_one_line(tmp_path, args, message, status):
    """Data errors (any SatisfyError) exit 1, files and outputs that fail exit 2; both
    print one line."""
    (tmp_path / "bad.parquet").write_text("not parquet")
    out = run(*args, cwd=tmp_path)
    assert out.returncode == status, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("satisfy: error: ")
    assert message in lines[0]
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("command", ["report", "compare", "plan", "scales"])
def test_help_shows_examples(command):
    out = run(command, "--help")
    assert out.returncode == 0
    assert "Examples:" in out.stdout


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "satisfy", "scales", "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0
    assert np.sum([line.startswith("NPS,") for line in out.stdout.splitlines()]) == 1


def test_the_readme_main_command_prints_the_report():
    from pathlib import Path

    readme = Path(__file__).resolve().parents[2] / "README.md"
    lines = readme.read_text().splitlines()
    command = lines[lines.index(next(x for x in lines if x.startswith("# 1. install"))) + 1]
    args = command.split(".venv/bin/satisfy ", 1)[1].split()
    out = run(*args)
    assert out.returncode == 0, out.stderr
    for channel in ("chat", "email", "in person", "phone"):
        assert channel in out.stdout


@pytest.fixture(scope="module")
def large_csv(tmp_path_factory):
    """A CSV above the 50 MiB streaming threshold: the demo survey repeated."""
    from satisfy.cli import _PROGRESS_BYTES

    demo = load_demo()[["channel", "ltr"]]
    path = tmp_path_factory.mktemp("large") / "answers.csv"
    block = demo.to_csv(index=False, header=False)
    copies = _PROGRESS_BYTES // len(block.encode()) + 2
    with path.open("w") as f:
        f.write("channel,ltr\n")
        for _ in range(copies):
            f.write(block)
    assert path.stat().st_size > _PROGRESS_BYTES
    return path, copies


def _report_args(path) -> list[str]:
    return ["report", str(path), "--metric", "nps", "--score", "ltr", "--by", "channel",
            "--format", "csv"]  # fmt: skip


def test_progress_bar_on_a_terminal_only(large_csv):
    import os
    import pty

    path, copies = large_csv
    quiet = run(*_report_args(path))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""  # stderr is a pipe here: no bar, no escape codes

    executable = [COMMAND] if COMMAND else [sys.executable, "-m", "satisfy"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*executable, *_report_args(path)], stdout=subprocess.PIPE, stderr=slave, text=True
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        seen += data
    stdout = proc.communicate(timeout=120)[0]
    os.close(master)
    assert proc.returncode == 0
    assert b"reading answers.csv" in seen
    assert stdout == quiet.stdout  # chunked reading gives the same report
    demo = load_demo()
    answered = int(demo.loc[demo["channel"] == "chat", "ltr"].notna().sum())
    n_chat = int(pd.read_csv(io.StringIO(stdout)).set_index("channel").loc["chat", "n"])
    assert n_chat == copies * answered
