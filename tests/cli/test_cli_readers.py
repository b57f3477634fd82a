"""The command reads files through ``satisfy.read``: dialect overrides, workbooks, the
scales and non-answer codes a file gives its columns, count tables, non-answers and
answers set aside (issue 13, Deliver 5)."""

from __future__ import annotations

import json
import pathlib

import pytest

pytest.importorskip("click")

from click.testing import CliRunner

from satisfy import cli

DATA = pathlib.Path(__file__).parents[1] / "data"


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def rows(*args: str) -> list[dict]:
    out = invoke(*args, "--format", "json")
    assert out.exit_code == 0, out.output
    return json.loads(out.output)["rows"]


# --- workbooks ------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", ["mtcars", "0"])
def test_a_workbook_sheet_by_name_or_position(sheet):
    pytest.importorskip("python_calamine")
    out = rows("report", str(DATA / "readxl-datasets.xlsx"), "--sheet", sheet,
               "--metric", "mean", "--score", "gear", "--scale", "3-5")  # fmt: skip
    # R's mtcars: 15 cars with 3 gears, 12 with 4, 5 with 5 (Henderson and Velleman 1981)
    assert out[0]["n"] == 32
    assert out[0]["value"] == pytest.approx((15 * 3 + 12 * 4 + 5 * 5) / 32)


def test_a_sheet_the_workbook_does_not_have_is_a_usage_error():
    pytest.importorskip("python_calamine")
    out = invoke("report", str(DATA / "readxl-datasets.xlsx"), "--sheet", "7",
                 "--metric", "mean", "--score", "gear", "--scale", "3-5")  # fmt: skip
    assert out.exit_code == 2
    assert "mtcars" in out.output


def test_sheet_on_a_text_file_is_a_usage_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ltr\n9\n")
    out = invoke("report", str(path), "--score", "ltr", "--sheet", "1")
    assert out.exit_code == 2
    assert "sheet" in out.output


# --- dialects -------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [None, "\\t", "tab"])
def test_a_tab_separated_file(tmp_path, sep):
    path = tmp_path / "a.tsv"
    path.write_text("seg\tltr\na b\t9\na b\t10\nc\t3\n")
    extra = [] if sep is None else ["--sep", sep]
    out = rows("report", str(path), "--score", "ltr", "--by", "seg", *extra)
    assert {r["seg"]: r["n"] for r in out} == {"a b": 2, "c": 1}


def test_a_decimal_comma_weight_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ltr;w\n10;1,5\n0;0,5\n", encoding="cp1252")
    for extra in ([], ["--sep", ";", "--decimal", ",", "--encoding", "cp1252"]):
        out = rows("report", str(path), "--score", "ltr", "--weights", "w", *extra)
        # weighted: 1.5 promoters against 0.5 detractors of 2
        assert out[0]["value"] == pytest.approx(100 * (1.5 - 0.5) / 2)


def test_an_encoding_that_garbles_the_file_is_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("kanal,ltr\nÅrhus,9\n", encoding="utf-8")
    out = invoke("report", str(path), "--score", "ltr", "--by", "kanal", "--encoding", "cp1252")
    assert out.exit_code == 2
    assert "utf-8" in out.output.lower()


def test_lines_of_a_cp1252_semicolon_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('kanal;ltr\nÅrhus;9\n"to\nlinjer";10\nØlby;11\n', encoding="cp1252")
    out = invoke("report", str(path), "--score", "ltr", "--by", "kanal")
    assert out.exit_code == 1
    assert "line 5 of" in out.output


# --- what the file says of its columns ------------------------------------------------


def test_the_files_value_labels_are_the_scale():
    pyreadstat = pytest.importorskip("pyreadstat")
    path = DATA / "pyreadstat-sample.sav"
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.variable_value_labels["myord"] == {1.0: "low", 2.0: "medium", 3.0: "high"}
    answers = frame["myord"].dropna()
    out = invoke("report", str(path), "--metric", "top-box", "--boxes", "1", "--score",
                 "myord", "--format", "markdown")  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "on myord (1-3)" in out.output
    table = rows("report", str(path), "--metric", "top-box", "--boxes", "1", "--score", "myord")
    assert table[0]["n"] == len(answers)
    assert table[0]["value"] == pytest.approx(100 * (answers == 3).mean())
    # --scale still wins
    table = rows("report", str(path), "--metric", "top-box", "--boxes", "1", "--score", "myord",
                 "--scale", "1-5")  # fmt: skip
    assert table[0]["value"] == pytest.approx(0.0)  # no 5 among the answers


# --- answers that are not in the metric -------------------------------------------------


def test_non_answers_are_counted_apart(tmp_path):
    path = tmp_path / "na.csv"
    path.write_text('sat,seg\n5,a\nN/A,a\n4,b\n"Don\'t know",b\n99,a\n1,a\n,b\n')
    args = ("report", str(path), "--metric", "csat", "--score", "sat", "--by", "seg",
            "--non-answer", "n/a", "--non-answer", "DON'T KNOW", "--non-answer", "99")  # fmt: skip
    table = {r["seg"]: r for r in rows(*args)}
    # a: 5 and 1 are answers, N/A and 99 are not; b: 4 is, "Don't know" is not, one blank
    assert {k: (r["n"], r["non_answers"], r["missing"]) for k, r in table.items()} == {
        "a": (2, 2, 0),
        "b": (1, 1, 1),
    }
    assert table["a"]["value"] == pytest.approx(50.0)
    out = invoke(*args, "--format", "markdown")
    assert "3 non-answers ('n/a', \"DON'T KNOW\", 99.0) counted apart" in out.output
    # without --non-answer they are answers not on the scale: an error naming their lines
    out = invoke("report", str(path), "--metric", "csat", "--score", "sat")
    assert out.exit_code == 1
    assert "lines 3, 5, 6 of" in out.output


def test_invalid_answers_left_out_are_counted_and_said():
    out = rows("report", "--demo", "--metric", "csat", "--score", "csat", "--invalid", "omit",
               "--by", "channel")  # fmt: skip
    # the demo has 12 answers not on CSAT5 ('meh', '4.5', '6'; see the error without omit)
    assert sum(r["invalid"] for r in out) == 12
    assert all(r["invalid"] <= r["missing"] for r in out)
    note = invoke("report", "--demo", "--metric", "csat", "--score", "csat", "--invalid", "omit",
                  "--format", "markdown").output  # fmt: skip
    assert "12 answers not on CSAT5 (1-5) left out (invalid; also in missing)" in note
    trend = rows("report", "--demo", "--metric", "csat", "--score", "csat", "--invalid", "omit",
                 "--period", "year")  # fmt: skip
    assert sum(r["invalid"] for r in trend) == 12


def test_the_files_own_non_answer_codes():
    pytest.importorskip("pyreadstat")
    # VAR00002 holds 1 and 9, and the file says 9 is a missing-value code (haven's fixture)
    out = rows("report", str(DATA / "haven-labelled-num-na.sav"), "--metric", "mean",
               "--score", "VAR00002")  # fmt: skip
    assert (out[0]["n"], out[0]["non_answers"], out[0]["value"]) == (1, 1, 1.0)


# --- repeat respondents ---------------------------------------------------------------

ANSWERS = "id,d,ltr,seg\na,2025-01-01,3,x\na,2025-02-01,10,x\nb,2025-01-05,9,y\nc,2025-01-07,8,x\n,2025-01-09,0,y\n"  # noqa: E501


def test_each_respondents_latest_answer(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(ANSWERS)
    out = {r["seg"]: r for r in rows("report", str(path), "--score", "ltr", "--by", "seg",
                                     "--respondent", "id", "--time", "d")}  # fmt: skip
    # x: a's latest (10) and c's 8, a's earlier 3 set aside; y: b's 9 and a row without an id
    assert {k: (r["n"], r["value"], r["set_aside"]) for k, r in out.items()} == {
        "x": (2, 50.0, 1),
        "y": (2, 0.0, 0),
    }
    note = invoke("report", str(path), "--score", "ltr", "--respondent", "id", "--time", "d",
                  "--format", "markdown").output  # fmt: skip
    assert "1 earlier answer of repeat respondents set aside (set_aside)" in note
    by_month = rows("report", str(path), "--score", "ltr", "--respondent", "id", "--time", "d",
                    "--period", "month")  # fmt: skip
    assert [(r["period"], r["n"], r["set_aside"]) for r in by_month] == [
        ("2025-01-01", 3, 1),
        ("2025-02-01", 1, 0),
    ]


def test_respondent_needs_a_time_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(ANSWERS)
    out = invoke("report", str(path), "--score", "ltr", "--respondent", "id")
    assert out.exit_code == 2
    assert "--respondent needs --time" in out.output


def test_compare_says_what_was_left_out():
    out = invoke("compare", "--demo", "--metric", "csat", "--score", "csat", "--invalid",
                 "omit", "--by", "channel", "--groups", "chat", "email",
                 "--format", "markdown")  # fmt: skip
    assert out.exit_code == 0, out.output
    # chat and email hold 3 and 1 of the demo's answers not on CSAT5 ('meh', '4.5', '6')
    assert "4 answers not on CSAT5 (1-5) left out (invalid; also in missing)" in out.output


def test_a_qualtrics_export_reports_its_choice_text():
    """Qualtrics' own wording ("Somewhat satisfied"...) read as CSAT5 through the command;
    the counts below are the file's, tallied here with the csv module."""
    import collections
    import csv

    path = DATA / "qualtrics_meal_kits.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    names = records[0]
    counts = collections.Counter(
        (r[names.index("Gender")], r[names.index("CSAT")]) for r in records[3:]
    )
    out = {r["Gender"]: r for r in rows("report", str(path), "--metric", "csat", "--score",
                                        "CSAT", "--by", "Gender")}  # fmt: skip
    for gender in ("Female", "Male"):
        n = sum(c for (g, _), c in counts.items() if g == gender)
        top = counts[(gender, "Very satisfied")] + counts[(gender, "Somewhat satisfied")]
        assert out[gender]["n"] == n
        assert out[gender]["value"] == pytest.approx(100 * top / n)


# --- time columns written as text -------------------------------------------------------


def test_european_dates_and_a_bad_one_named_with_its_line(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("ltr,when\n10,05.01.2025\n0,01.02.2025\n9,13.02.2025\n")
    out = rows("report", str(path), "--score", "ltr", "--period", "month", "--time", "when")
    assert [(r["period"], r["n"]) for r in out] == [("2025-01-01", 1), ("2025-02-01", 2)]
    # one bad value: the error names it and its line, not the first (good) date
    path.write_text("ltr,when\n10,05.01.2025\n0,01.02.2025\n9,xx\n")
    out = invoke("report", str(path), "--score", "ltr", "--period", "month", "--time", "when")
    assert out.exit_code == 1
    assert "'xx'" in out.output and "line 4 of" in out.output
    assert "05.01.2025" not in out.output


def test_time_format(tmp_path):
    path = tmp_path / "us.csv"
    path.write_text("ltr,when\n10,01/05/2025\n0,02/01/2025\n9,02/13/2025\n")
    out = rows("report", str(path), "--score", "ltr", "--period", "month", "--time", "when",
               "--time-format", "%m/%d/%Y")  # fmt: skip
    assert [(r["period"], r["n"]) for r in out] == [("2025-01-01", 1), ("2025-02-01", 2)]
