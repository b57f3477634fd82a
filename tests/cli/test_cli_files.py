"""The command on real files: the DuckDB reader, blank segments, every format's rendering,
many segments, exit statuses, help examples, options (--invalid, --time-zone)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import select
import shlex
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import satisfy
from satisfy import cli
from satisfy.datasets import load_demo

FORMATS = ["table", "markdown", "csv", "json"]


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "satisfy", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        **kwargs,
    )


@pytest.fixture
def blank_segments(tmp_path):
    """Five answers, two of them with a blank segment; segment c has only a blank answer."""
    path = tmp_path / "blank.csv"
    path.write_text("seg,sat\na,5\n,4\na,1\nb,5\n,2\nc,\n")
    return path


# --- 1. the reader --------------------------------------------------------------------


def test_reader_keeps_only_needed_columns_with_their_types(tmp_path):
    from satisfy._files import AnswerFile

    path = tmp_path / "a.csv"
    path.write_text('ltr,comment,channel,when\n9,"a, quoted ""text""",chat,2025-01-03\n')
    relation = AnswerFile(str(path), ["ltr", "channel", "when"], time="when").relation()
    assert relation.columns == ["ltr", "channel", "when"]
    assert [str(t) for t in relation.types] == ["BIGINT", "VARCHAR", "DATE"]


def test_a_late_text_answer_among_numbers_is_reported_as_an_invalid_answer(tmp_path):
    """The sniffer types ltr as a number from its sample; a bad cell 30,000 lines down
    must give the library's error (with its count), not a DuckDB conversion error."""
    path = tmp_path / "late.csv"
    with path.open("w") as f:
        f.write("ltr,channel\n" + "9,chat\n" * 30_000 + "meh,chat\nmeh,phone\n")
    out = invoke("report", str(path), "--score", "ltr", "--by", "channel")
    assert out.exit_code == 1
    assert "'meh' (2 rows)" in out.output
    assert "not on the scale NPS" in out.output


def test_gzip_parquet_jsonl_and_csv_give_the_same_report(tmp_path):
    demo = load_demo()[["channel", "ltr", "weight"]].head(3000)
    demo.to_csv(tmp_path / "a.csv", index=False)
    with gzip.open(tmp_path / "a.csv.gz", "wt") as f:
        demo.to_csv(f, index=False)
    demo.to_parquet(tmp_path / "a.parquet")
    demo.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    outputs = set()
    for name in ("a.csv", "a.csv.gz", "a.parquet", "a.jsonl"):
        out = invoke(
            "report", str(tmp_path / name), "--score", "ltr", "--by", "channel",
            "--weights", "weight", "--format", "csv",
        )  # fmt: skip
        assert out.exit_code == 0, out.output
        outputs.add(out.output)
    assert len(outputs) == 1
    expected = satisfy.nps(demo["ltr"], by=demo["channel"], weights=demo["weight"])
    rows = pd.read_csv(io.StringIO(outputs.pop())).set_index("channel")
    np.testing.assert_allclose(rows.loc[list(expected.groups), "value"], expected.value)


def test_dates_written_as_text_are_periods(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ltr,when\n10,2025-01-05 10:00\n0,2025-02-01 08:00\n9,01/02/2025\n")
    out = invoke("report", str(path), "--score", "ltr", "--period", "month", "--time", "when",
                 "--format", "json")  # fmt: skip
    assert out.exit_code == 1  # '01/02/2025' is not a timestamp DuckDB casts
    assert "cannot read" in out.output or "not" in out.output
    path.write_text("ltr,when\n10,2025-01-05 10:00\n0,2025-02-01 08:00\n9,2025-02-03\n")
    out = invoke("report", str(path), "--score", "ltr", "--period", "month", "--time", "when",
                 "--format", "json")  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)["rows"]
    assert [(r["period"], r["n"]) for r in rows] == [("2025-01-01", 1), ("2025-02-01", 2)]


# --- 2. blank segments and missing values in every format --------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_segment_cells_are_a_counted_missing_segment(blank_segments, fmt):
    out = run("report", str(blank_segments), "--metric", "csat", "--score", "sat",
              "--by", "seg", "--format", fmt)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "(missing)" in out.stdout
    if fmt == "json":
        rows = {r["seg"]: r for r in json.loads(out.stdout)["rows"]}
        assert rows["(missing)"]["n"] == 2
        assert rows["(missing)"]["value"] == pytest.approx(50.0)
        assert rows["c"]["n"] == 0 and rows["c"]["missing"] == 1
        assert rows["c"]["value"] is None  # NaN is null, JSON has no NaN
    if fmt == "csv":
        table = pd.read_csv(io.StringIO(out.stdout), keep_default_na=False).set_index("seg")
        assert table.loc["(missing)", "n"] == 2
        assert table.loc["c", "value"] == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_segments_in_trends_and_comparisons(tmp_path, fmt):
    path = tmp_path / "a.csv"
    path.write_text("seg,ltr,date\na,10,2025-01-03\n,9,2025-01-04\na,3,2025-02-01\n,0,2025-03-01\n")
    out = invoke("report", str(path), "--score", "ltr", "--by", "seg", "--period", "month",
                 "--time", "date", "--format", fmt)  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "(missing)" in out.output
    out = invoke("compare", str(path), "--score", "ltr", "--by", "seg", "--groups", "a",
                 "(missing)", "--format", fmt)  # fmt: skip
    assert out.exit_code == 0, out.output


# --- 3. many segments ---------------------------------------------------------------------


def test_report_with_thousands_of_segments(tmp_path):
    rng = np.random.default_rng(5)
    n = 60_000
    frame = pd.DataFrame({"seg": rng.integers(0, 6_000, n), "ltr": rng.integers(0, 11, n)})
    path = tmp_path / "many.csv"
    frame.to_csv(path, index=False)
    start = time.perf_counter()
    out = invoke("report", str(path), "--score", "ltr", "--by", "seg", "--format", "csv")
    seconds = time.perf_counter() - start
    assert out.exit_code == 0, out.output
    table = pd.read_csv(io.StringIO(out.output))
    assert len(table) == frame["seg"].nunique()
    assert set(table["vs_rest"].fillna("")) <= {"", "higher", "lower"}
    print(f"6,000 segments: {seconds:.1f} s")


# --- 4. exit statuses ---------------------------------------------------------------------


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_unwritable_plot_path_exits_2_with_one_line(tmp_path):
    pytest.importorskip("matplotlib")
    out = run("report", "--demo", "--score", "ltr", "--by", "channel",
              "--plot", str(tmp_path / "no" / "such" / "folder" / "x.png"))  # fmt: skip
    assert out.returncode == 2
    assert "cannot write the plot" in _one_line(out.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_exits_2_with_one_line():
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "satisfy", "report", "--demo", "--score", "ltr"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert out.returncode == 2
    assert "cannot write the output" in _one_line(out.stderr)


def test_a_closed_pipe_is_a_quiet_exit_141():
    """``satisfy report ... | head -1`` where head has gone: no message, the status a
    shell shows for a tool stopped by SIGPIPE."""
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte
    proc = subprocess.run(
        [sys.executable, "-m", "satisfy", "report", "--demo", "--score", "ltr"],
        stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
    )  # fmt: skip
    os.close(write)
    assert proc.returncode == 141
    assert proc.stderr == ""


def test_head_dash_1_in_a_shell_pipeline():
    command = f"{shlex.quote(sys.executable)} -m satisfy scales --format csv | head -1"
    out = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0
    assert out.stdout.startswith("name,")
    assert out.stderr == ""


def _big_answers(path, mib: int) -> None:
    demo = load_demo()[["channel", "ltr"]].to_csv(index=False, header=False)
    with path.open("w") as f:
        f.write("channel,ltr\n")
        for _ in range(mib * 2**20 // len(demo) + 1):
            f.write(demo)


def _on_a_pty(args: list[str], *, interrupt: bool = False) -> tuple[int, bytes, str]:
    """Run the command with stderr on a terminal; optionally press Ctrl-C as soon as it
    says it is reading."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "satisfy", *args], stdout=subprocess.PIPE, stderr=slave, text=True
    )
    os.close(slave)
    seen = b""
    sent = False
    deadline = time.monotonic() + 180  # a hung command fails the test instead of hanging it
    while True:
        ready, _, _ = select.select([master], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            proc.kill()
            os.close(master)
            raise AssertionError(f"the command hung; its terminal showed {seen[-2000:]!r}")
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        seen += data
        if interrupt and not sent and b"reading" in seen:
            proc.send_signal(signal.SIGINT)
            sent = True
    stdout = proc.communicate(timeout=180)[0]
    os.close(master)
    return proc.returncode, seen, stdout


def test_ctrl_c_exits_130_without_a_traceback(tmp_path):
    path = tmp_path / "answers.csv"
    _big_answers(path, 200)
    code, seen, stdout = _on_a_pty(
        ["report", str(path), "--score", "ltr", "--by", "channel"], interrupt=True
    )
    assert b"reading answers.csv" in seen
    assert code == 130, seen
    assert b"Traceback" not in seen
    assert stdout == ""


def test_a_large_gzipped_csv_reads_the_same_on_a_terminal(tmp_path):
    """Over 50 MiB (compressed), the old progress bar read the gzip bytes as text."""
    path = tmp_path / "answers.csv.gz"
    demo = load_demo()[["channel", "ltr"]]
    block = demo.to_csv(index=False, header=False)
    copies = cli._PROGRESS_BYTES // len(block) + 2
    with gzip.open(path, "wt", compresslevel=0) as f:  # stored: as large as the text
        f.write("channel,ltr\n")
        for _ in range(copies):
            f.write(block)
    n = copies * int(demo["ltr"].notna().sum())
    assert path.stat().st_size > cli._PROGRESS_BYTES
    args = ["report", str(path), "--score", "ltr", "--by", "channel", "--format", "csv"]
    piped = run(*args)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    code, seen, stdout = _on_a_pty(args)
    assert code == 0, seen
    assert b"reading answers.csv.gz" in seen
    assert stdout == piped.stdout
    table = pd.read_csv(io.StringIO(stdout)).set_index("channel")
    assert table["n"].sum() == n


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_only_file_has_no_answers(tmp_path, fmt):
    path = tmp_path / "empty.csv"
    path.write_text("ltr,channel,date\n")
    for extra in ([], ["--by", "channel"]):
        out = run("report", str(path), "--score", "ltr", *extra, "--format", fmt)
        assert out.returncode == 1, out.stderr
        assert _one_line(out.stderr) == f"satisfy: error: {str(path)!r} has no answers"
        assert out.stdout == ""


def test_a_header_only_file_has_no_answers_per_period(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("ltr,channel,date\n")
    out = run("report", str(path), "--score", "ltr", "--period", "month", "--time", "date")
    assert out.returncode == 1, out.stderr
    assert _one_line(out.stderr) == f"satisfy: error: {str(path)!r} has no answers"


def test_data_errors_exit_1_on_one_line(tmp_path):
    out = run("report", "--demo", "--score", "ltr", "--weights", "channel")
    assert out.returncode == 1
    assert _one_line(out.stderr).startswith("satisfy: error: ")
    path = tmp_path / "a.csv"
    path.write_text("ltr,w\n9,1.5\n3,heavy\n")
    out = run("report", str(path), "--score", "ltr", "--weights", "w")
    assert out.returncode == 1
    assert "column 'w'" in _one_line(out.stderr) and "not numbers" in out.stderr


# --- 5. every help example runs -------------------------------------------------------------


def _examples() -> list[tuple[str, str]]:
    found = []
    for name, command in [("satisfy", cli.main), *cli.main.commands.items()]:
        text = command.help or ""
        lines = text.split("Examples:", 1)[1].splitlines() if "Examples:" in text else []
        found += [(name, line.strip()) for line in lines if line.strip().startswith("satisfy ")]
    return found


def _example_files(folder) -> dict[str, str]:
    demo = load_demo()
    frame = pd.DataFrame(
        {
            "ltr": demo["ltr"],
            "sat": demo["ces"].clip(upper=5),
            "effort": demo["ces"],
            "channel": demo["channel"],
            "date": demo["date"],
            "weight": demo["weight"],
        }
    )
    files = {}
    for name in ("answers.csv", "answers.csv.gz", "answers.parquet", "answers.jsonl"):
        path = folder / name
        if name.endswith(".parquet"):
            frame.to_parquet(path)
        elif name.endswith(".jsonl"):
            frame.to_json(path, orient="records", lines=True, date_format="iso")
        else:
            frame.to_csv(path, index=False)
        files[name] = str(path)
    return files


EXAMPLES = _examples()


def test_every_command_has_examples():
    assert {name for name, _ in EXAMPLES} == {"satisfy", "report", "compare", "plan", "scales"}


@pytest.mark.parametrize(
    "line",
    [line for _, line in EXAMPLES],
)
def test_every_help_example_runs(tmp_path, line):
    files = _example_files(tmp_path)
    args = [files.get(word, word) for word in shlex.split(line)[1:]]
    if "--plot" in args:
        args[args.index("--plot") + 1] = str(tmp_path / "plot.png")
    out = CliRunner().invoke(cli.main, args)
    assert out.exit_code == 0, (line, out.output, out.exception)


# --- 6. options, numbers as printed, names ----------------------------------------------


def test_file_and_demo_together_is_a_usage_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ltr\n9\n")
    out = run("report", str(path), "--demo", "--score", "ltr")
    assert out.returncode == 2
    assert "not both" in out.stderr
    assert "Traceback" not in out.stderr


def _compare_file(tmp_path):
    # 60 of 100 satisfied in a, 46 of 100 in b: a p-value near 0.05
    rows = ["grp,sat"] + ["a,5"] * 60 + ["a,1"] * 40 + ["b,5"] * 46 + ["b,1"] * 54
    path = tmp_path / "c.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_pvalues_have_three_significant_digits_in_every_format(tmp_path):
    path = _compare_file(tmp_path)
    args = ["compare", str(path), "--metric", "csat", "--score", "sat", "--by", "grp",
            "--groups", "a", "b"]  # fmt: skip
    raw = json.loads(invoke(*args, "--format", "json").output)["rows"][0]
    p = raw["pvalue"]
    assert 0.01 < p < 0.1
    shown = f"{p:.3g}"
    assert len(shown.replace("0.", "", 1).lstrip("0")) == 3
    assert f" {shown} " in invoke(*args).output
    assert f"| {shown} |" in invoke(*args, "--format", "markdown").output
    csv_p = float(next(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv").output)))
                  ["pvalue"])  # fmt: skip
    assert csv_p == p  # full precision in the machine formats


@pytest.mark.parametrize(
    ("metric", "score", "decimals"),
    [("nps", "ltr", 1), ("csat", "ces", 1), ("ces", "ces", 2), ("mean", "ltr", 2)],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_values_shown_to_one_or_two_decimals(metric, score, decimals, fmt):
    args = ["report", "--demo", "--metric", metric, "--score", score, "--by", "channel"]
    if metric == "csat":
        args += ["--scale", "CES7"]
    if metric == "mean":
        args += ["--scale", "NPS"]
    raw = json.loads(invoke(*args, "--format", "json").output)["rows"]
    text = invoke(*args, "--format", fmt).output
    for row in raw:
        for column in ("value", "low", "high"):
            assert f"{row[column]:.{decimals}f}" in text
    assert f"{raw[0]['n_eff']:.1f}" in text


def test_trend_pvalues_and_changes_are_rounded_in_tables():
    args = ["report", "--demo", "--score", "ltr", "--period", "quarter"]
    rows = json.loads(invoke(*args, "--format", "json").output)["rows"]
    text = invoke(*args, "--format", "markdown").output
    for row in rows[1:]:
        assert f"{row['pvalue']:.3g}" in text
        assert f"{row['change']:.1f}" in text


def test_plan_and_scales_in_every_format():
    for fmt in FORMATS:
        assert invoke("plan", "--metric", "nps", "--margin", "5", "--format", fmt).exit_code == 0
        assert invoke("scales", "--format", fmt).exit_code == 0


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("value", []),
        ("n", []),
        ("metric", []),
        ("vs_rest", []),
        ("change", ["--period", "month", "--time", "date"]),
        ("period", ["--period", "month", "--time", "date"]),
    ],
)
def test_a_by_column_named_like_an_output_column_is_an_error(tmp_path, name, extra):
    path = tmp_path / "a.csv"
    path.write_text(f"{name},ltr,date\nx,9,2025-01-01\ny,3,2025-02-01\n")
    out = run("report", str(path), "--score", "ltr", "--by", name, *extra)
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert repr(name) in line and "output column" in line


# --- 1 and 5: --invalid, 7: --time-zone ----------------------------------------------------


def test_invalid_omit_counts_invalid_answers_as_missing(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sat,seg\n5,a\nmeh,a\n4,a\n1,b\n6,b\n")
    out = invoke("report", str(path), "--metric", "csat", "--score", "sat", "--by", "seg",
                 "--invalid", "omit", "--format", "json")  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = {r["seg"]: r for r in json.loads(out.output)["rows"]}
    assert (rows["a"]["n"], rows["a"]["missing"]) == (2, 1)
    assert (rows["b"]["n"], rows["b"]["missing"]) == (1, 1)


def test_invalid_raise_is_the_default(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sat,seg\n5,a\nmeh,a\n")
    out = invoke("report", str(path), "--metric", "csat", "--score", "sat")
    assert out.exit_code == 1
    assert "'meh'" in out.output


def test_time_zone_decides_the_calendar_period(tmp_path):
    """23:30 in New York on 31 January is 04:30 UTC on 1 February."""
    path = tmp_path / "a.csv"
    path.write_text(
        "ltr,when\n10,2025-01-31T23:30:00-05:00\n0,2025-01-15T12:00:00-05:00\n"
        "9,2025-02-10T12:00:00-05:00\n"
    )
    base = ["report", str(path), "--score", "ltr", "--period", "month", "--time", "when",
            "--format", "json"]  # fmt: skip

    def counts(*extra: str) -> list[tuple[str, int]]:
        out = invoke(*base, *extra)
        assert out.exit_code == 0, out.output
        return [(r["period"], r["n"]) for r in json.loads(out.output)["rows"]]

    assert counts() == [("2025-01-01", 1), ("2025-02-01", 2)]
    assert counts("--time-zone", "America/New_York") == [("2025-01-01", 2), ("2025-02-01", 1)]
    out = invoke(*base, "--time-zone", "Mars/Olympus")
    assert out.exit_code == 2
    assert "IANA time zone" in out.output


def test_time_zone_in_compare_periods(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "ltr,when\n10,2025-01-31T23:30:00-05:00\n0,2025-01-15T12:00:00-05:00\n"
        "9,2025-02-10T12:00:00-05:00\n3,2025-02-11T12:00:00-05:00\n"
    )
    args = ["compare", str(path), "--score", "ltr", "--period", "month", "--time", "when",
            "--periods", "2025-02-01", "2025-01-01", "--format", "json"]  # fmt: skip
    utc = json.loads(invoke(*args).output)["rows"][0]
    local = json.loads(invoke(*args, "--time-zone", "America/New_York").output)["rows"][0]
    assert utc["value_a"] == pytest.approx(100 / 3)  # 10, 9, 3 in February (UTC)
    assert local["value_a"] == pytest.approx(0.0)  # 9, 3


@pytest.mark.parametrize("by", [["channel"], ["channel", "team"], []])
def test_the_report_table_is_summarize_s(by):
    """The command builds its table from the tally it also compares (one pass over the
    file): the same columns and numbers as satisfy.summarize."""
    args = ["report", "--demo", "--metric", "ces", "--score", "ces", "--weights", "weight"]
    for name in by:
        args += ["--by", name]
    rows = json.loads(invoke(*args, "--format", "json").output)["rows"]
    demo = load_demo()
    expected = satisfy.summarize(
        demo, satisfy.CES("ces"), by=by or None, weights="weight", min_n=30
    ).to_dict("records")
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected):
        assert list(got)[: len(want)] == list(want)
        for key, value in want.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, rel=1e-12)
            else:
                assert got[key] == value


# --- review fixes: repeated header names, "(missing)" as a value, Ctrl-C while reading ------


@pytest.mark.parametrize("gz", [False, True])
def test_a_repeated_column_name_in_a_csv_header_is_an_error(tmp_path, gz):
    """DuckDB renames the second ``ltr`` to ``ltr_1``: reading on would report NPS 100
    from the first column alone."""
    text = "ltr,ltr\n10,0\n9,0\n"
    path = tmp_path / ("dup.csv.gz" if gz else "dup.csv")
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    out = run("report", str(path), "--score", "ltr", "--format", "csv")
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert "more than once" in line and "'ltr'" in line
    assert out.stdout == ""


def test_repeated_names_are_found_with_another_delimiter(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("ltr;x;ltr;seg\n10;1;0;a\n9;2;0;b\n")
    out = run("report", str(path), "--score", "ltr", "--by", "seg")
    assert out.returncode == 1
    assert "'ltr'" in _one_line(out.stderr)


def test_a_column_named_like_a_renamed_duplicate_is_fine(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("ltr,ltr_1\n10,0\n9,0\n")
    out = run("report", str(path), "--score", "ltr", "--format", "csv")
    assert out.returncode == 0, out.stderr


@pytest.fixture
def missing_as_text(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ltr,seg\n10,(missing)\n9,\n0,b\n5,\n10,NA\n3,b\n")
    return path


def test_the_text_missing_beside_blank_segments_is_an_error_in_report(missing_as_text):
    out = run("report", str(missing_as_text), "--score", "ltr", "--by", "seg")
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert "'seg'" in line and "(missing)" in line
    assert out.stdout == ""


def test_the_text_missing_beside_blank_segments_is_an_error_in_compare(missing_as_text):
    out = run("compare", str(missing_as_text), "--score", "ltr", "--by", "seg",
              "--groups", "(missing)", "b")  # fmt: skip
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert "'seg'" in line and "(missing)" in line
    assert out.stdout == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("option", ["--help", "--version"])
def test_top_level_help_to_a_full_stdout_exits_2_with_one_line(option):
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "satisfy", option],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert out.returncode == 2
    assert "cannot write the output" in _one_line(out.stderr)


def test_ctrl_c_at_any_moment_of_reading_a_gzipped_csv_exits_130(tmp_path):
    """SIGINT while DuckDB sniffs or reads a ~100 MiB gzipped CSV (stderr on a terminal,
    so the spinner runs too) once gave ``RuntimeError: Query interrupted`` with a
    traceback. A run that has already finished may exit 0; never a traceback."""
    import pty
    import select

    demo = load_demo()[["channel", "ltr"]].to_csv(index=False, header=False).encode()
    path = tmp_path / "big.csv.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b"channel,ltr\n")
        for _ in range(100 * 2**20 // len(demo) + 1):
            f.write(demo)
    args = ["report", str(path), "--score", "ltr", "--by", "channel"]
    # the delays count from the spinner's "reading" (not from the start of the process,
    # whose imports take longer on a busy machine: a Ctrl-C there is Python's, not ours)
    for delay in (0.0, 0.2, 0.4, 0.7, 1.0, 1.3, 1.6, 2.2):
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "satisfy", *args], stdout=subprocess.PIPE, stderr=slave
        )
        os.close(slave)
        start, seen, sent = None, b"", False
        deadline = time.monotonic() + 180
        while True:
            assert time.monotonic() < deadline, ("the command hung", delay, seen[-500:])
            if start is None and b"reading" in seen:
                start = time.monotonic()
            if not sent and start is not None and time.monotonic() - start >= delay:
                proc.send_signal(signal.SIGINT)
                sent = True
            ready = select.select([master], [], [], 0.05)[0]
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                seen += data
            elif proc.poll() is not None:
                break
        stdout = proc.communicate(timeout=180)[0]
        os.close(master)
        assert b"Traceback" not in seen, (delay, seen[-500:])
        assert proc.returncode in (130, 0), (delay, proc.returncode, seen[-500:])
        if proc.returncode == 130:
            assert stdout == b""


def test_report_on_zendesk_api_ratings_counts_offered_apart():
    # the real page of Zendesk's Satisfaction Ratings API in tests/data (its README)
    path = os.path.join(
        os.path.dirname(__file__), "..", "data", "zendesk_satisfaction_ratings.json"
    )
    result = invoke("report", path, "--score", "score", "--metric", "top_box", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert (rows[0]["value"], rows[0]["n"], rows[0]["non_answers"]) == ("100.0", "1", "64")


def test_report_with_a_survey_design_equals_summarize(tmp_path):
    # --cluster/--strata/--fpc go to summarize: the design's intervals and design effects
    sample = os.path.join(os.path.dirname(__file__), "..", "reference", "data", "design_sample.csv")
    args = ["--score", "nps_score", "--weights", "weight", "--by", "channel"]
    design = ["--cluster", "cluster", "--strata", "stratum", "--fpc", "fpc"]
    result = invoke("report", sample, *args, *design, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r["channel"]: r for r in csv.DictReader(io.StringIO(result.output))}
    expected = satisfy.summarize(
        pd.read_csv(sample),
        satisfy.NPS("nps_score"),
        by="channel",
        weights="weight",
        cluster="cluster",
        strata="stratum",
        fpc="fpc",
    ).set_index("channel")
    for channel, row in rows.items():
        for column in ("value", "low", "high", "design_effect"):
            assert float(row[column]) == pytest.approx(expected.loc[channel, column], rel=1e-9)
    # with --period, trend takes the design: changes of periods sharing clusters
    dated = pd.read_csv(sample)
    dated["when"] = [f"2026-{m:02d}-15" for m in dated["month"]]
    path = tmp_path / "dated.csv"
    dated.to_csv(path, index=False)
    with_period = invoke(
        "report", str(path), *args, *design, "--time", "when", "--period", "month",
        "--format", "csv",
    )  # fmt: skip
    assert with_period.exit_code == 0, with_period.output
    out = list(csv.DictReader(io.StringIO(with_period.output)))
    trended = satisfy.trend(
        dated.assign(when=pd.to_datetime(dated["when"])),
        satisfy.NPS("nps_score"),
        time="when",
        period="month",
        by="channel",
        weights="weight",
        cluster="cluster",
        strata="stratum",
        fpc="fpc",
    )
    assert len(out) == len(trended) == 9
    for row, (_, expected_row) in zip(out, trended.iterrows(), strict=True):
        for column in ("value", "low", "high", "design_effect", "change", "change_low"):
            if expected_row[column] == expected_row[column]:  # not NaN
                assert float(row[column]) == pytest.approx(expected_row[column], rel=1e-9)
    windowed = invoke(
        "report", str(path), *args, *design, "--time", "when", "--period", "month",
        "--window", "2",
    )  # fmt: skip
    assert windowed.exit_code != 0
    assert "window=1" in windowed.output
