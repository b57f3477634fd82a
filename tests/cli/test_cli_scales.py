"""The command's custom scales, NPS bands and the lines of the file named in data errors
(issue 13, Deliver 5)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("click")

from click.testing import CliRunner

import satisfy
from satisfy import cli
from satisfy.datasets import load_demo


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def rows(*args: str) -> list[dict]:
    out = invoke(*args, "--format", "json")
    assert out.exit_code == 0, out.output
    return json.loads(out.output)["rows"]


# --- --scale --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CSAT5", satisfy.scales.CSAT5),
        ("csat5", satisfy.scales.CSAT5),
        (" nps ", satisfy.scales.NPS),
        ("1-6", satisfy.Scale(1, 6)),
        ("0-10", satisfy.Scale(0, 10)),
        ("-3-3", satisfy.Scale(-3, 3)),
        ("0.5-5 by 0.5", satisfy.Scale(0.5, 5, 0.5)),
        ("1 - 3: Bad, OK ,Good", satisfy.Scale(1, 3, labels=["Bad", "OK", "Good"])),
        # a label holding a comma: '|' separates the labels instead
        ("1-3:Bad, really|OK|Good", satisfy.Scale(1, 3, labels=["Bad, really", "OK", "Good"])),
        (
            "1-5:Very bad,Bad,Neither good nor bad,Good,Very good",
            satisfy.Scale(
                1, 5, labels=["Very bad", "Bad", "Neither good nor bad", "Good", "Very good"]
            ),
        ),
    ],
)
def test_scale_forms(text, expected):
    scale = cli.parse_scale(text)
    assert (scale.low, scale.high, scale.step, scale.labels) == (
        expected.low,
        expected.high,
        expected.step,
        expected.labels,
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("CSAT", "is not a scale"),
        ("1-", "is not a scale"),
        ("1-5 by 2", "step must be 1 or 0.5"),
        ("6-1", "finite low < high"),
        ("1-5:Bad,Good", "needs 5 labels, got 2"),
        ("1-3:Bad,,Good", "empty label"),
        ("1-3:Bad,3,Good", "reads as a number"),
    ],
)
def test_a_bad_scale_is_a_usage_error_naming_the_forms(text, why):
    out = invoke("report", "--demo", "--score", "csat", "--scale", text)
    assert out.exit_code == 2
    assert why in out.output
    if why != "empty label":
        assert "1-6" in out.output and "'1-5:Very bad,Bad,OK,Good,Very good'" in out.output


def test_a_numeric_range_scale_gives_the_library_numbers(tmp_path):
    path = tmp_path / "six.csv"
    scores = [1, 2, 6, 6, 5, 4, 3, 6, 5, 1]
    path.write_text("sat\n" + "".join(f"{s}\n" for s in scores))
    scale = satisfy.Scale(1, 6)
    for metric, spec in [
        ("mean", satisfy.Mean("sat", scale=scale)),
        ("top-box", satisfy.TopBox("sat", scale=scale, boxes=2)),
    ]:
        out = rows("report", str(path), "--score", "sat", "--scale", "1-6", "--metric", metric,
                   *(["--boxes", "2"] if metric == "top-box" else []))  # fmt: skip
        expected = satisfy.summarize(pd.DataFrame({"sat": scores}), spec)
        assert out[0]["value"] == pytest.approx(expected["value"][0])
        assert out[0]["n"] == 10
    # hand count: 6 and 5 are the two top boxes, 5 of 10 answers
    assert rows("report", str(path), "--score", "sat", "--scale", "1-6", "--metric", "top-box",
                "--boxes", "2")[0]["value"] == pytest.approx(50.0)  # fmt: skip


def test_an_inline_labelled_scale_reads_the_labels(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text('sat\n"Bad, really"\nGood\ngood\nOK\n3\n')
    out = rows("report", str(path), "--score", "sat", "--metric", "top-box", "--boxes", "1",
               "--scale", "1-3:Bad, really|OK|Good")  # fmt: skip
    assert out[0]["n"] == 5
    assert out[0]["value"] == pytest.approx(60.0)  # Good, good, 3 of five


def test_plan_takes_a_custom_scale():
    out = rows("plan", "--metric", "mean", "--margin", "0.1", "--scale", "1-6")
    assert out[0]["n"] == satisfy.sample_size("mean", margin=0.1, scale=satisfy.Scale(1, 6)).n


# --- NPS bands ------------------------------------------------------------------------


def test_nps_bands_on_a_one_to_ten_scale(tmp_path):
    path = tmp_path / "ten.csv"
    scores = [1, 3, 6, 7, 8, 9, 10, 10, 2, 9, 5, 8]
    path.write_text("ltr\n" + "".join(f"{s}\n" for s in scores))
    out = rows("report", str(path), "--score", "ltr", "--scale", "1-10",
               "--detractors", "1-6", "--promoters", "9-10")  # fmt: skip
    # by hand: promoters 9, 10, 10, 9 (4); detractors 1, 3, 6, 2, 5 (5); of 12
    assert out[0]["value"] == pytest.approx(100 * (4 - 5) / 12)
    assert out[0]["n"] == 12
    # the same bands on the standard scale, where they differ from the standard ones
    out = rows("report", str(path), "--score", "ltr", "--detractors", "0-4", "--promoters",
               "8-10")  # fmt: skip
    assert out[0]["value"] == pytest.approx(100 * (6 - 3) / 12)  # 8, 9, 10, 10, 9, 8; 1, 3, 2


def test_nps_on_another_scale_without_bands_is_refused(tmp_path):
    path = tmp_path / "five.csv"
    path.write_text("ltr\n1\n5\n5\n")
    for scale in ("1-5", "CSAT5", "1-10"):
        out = invoke("report", str(path), "--score", "ltr", "--scale", scale)
        assert out.exit_code == 2, out.output
        assert "needs --detractors and --promoters" in out.output
        assert "0-10" in out.output
    out = invoke("report", str(path), "--score", "ltr", "--scale", "1-5", "--detractors",
                 "1-3")  # fmt: skip
    assert out.exit_code == 2
    assert "needs --detractors and --promoters" in out.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--metric", "csat", "--score", "csat", "--detractors", "1-2"),
         "--detractors does not apply to --metric csat"),
        (("--metric", "mean", "--score", "csat", "--promoters", "5-5"),
         "--promoters does not apply to --metric mean"),
        (("--score", "ltr", "--detractors", "0-7", "--promoters", "7-10"), "overlap"),
        (("--score", "ltr", "--detractors", "0-11"), "points of NPS (0-10)"),
        (("--score", "ltr", "--detractors", "six"), "is not a band of points"),
        (("--score", "ltr", "--promoters", "9-10 by 1"), "is not a band of points"),
    ],
)  # fmt: skip
def test_bad_bands_are_usage_errors(args, message):
    out = invoke("report", "--demo", *args)
    assert out.exit_code == 2, out.output
    assert message in out.output


def test_compare_takes_bands():
    out = rows("compare", "--demo", "--score", "ltr", "--by", "channel", "--groups", "chat",
               "email", "--detractors", "0-4", "--promoters", "8-10")  # fmt: skip
    demo = load_demo()
    chat = demo.loc[demo["channel"] == "chat", "ltr"].dropna().to_numpy()
    expected = 100 * (np.mean(chat >= 8) - np.mean(chat <= 4))
    assert out[0]["value_a"] == pytest.approx(expected)


# --- lines of the file in errors ------------------------------------------------------


def test_invalid_answers_are_named_by_their_lines(tmp_path):
    path = tmp_path / "bad.csv"
    # line 1 header; 2; 3-4 one record with a quoted line break; 5 bad; 6 blank; 7 bad
    path.write_text('ltr,seg\n9,a\n10,"two\nlines"\n11,b\n\n12,b\n')
    out = invoke("report", str(path), "--score", "ltr")
    assert out.exit_code == 1
    assert "lines 5, 7 of" in out.output
    assert "position" not in out.output


def test_invalid_answers_in_a_semicolon_file_are_named_by_their_lines(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("seg;ltr\n" + "a;9\n" * 10 + "b;meh\n")
    out = invoke("report", str(path), "--score", "ltr", "--by", "seg")
    assert out.exit_code == 1
    assert "line 12 of" in out.output


def test_more_than_five_bad_lines_are_counted(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("ltr\n" + "11\n" * 8)
    out = invoke("report", str(path), "--score", "ltr")
    assert out.exit_code == 1
    assert "lines 2, 3, 4, 5, 6, and 3 more of" in out.output


@pytest.mark.parametrize("weight", ["-1", ""])
def test_bad_weights_are_named_by_their_lines(tmp_path, weight):
    path = tmp_path / "w.csv"
    path.write_text(f"ltr,w\n9,1\n10,1\n8,{weight}\n,\n7,2\n")
    out = invoke("report", str(path), "--score", "ltr", "--weights", "w")
    assert out.exit_code == 1
    assert "line 4 of" in out.output  # line 5: no answer, so no weight is needed


def test_demo_errors_name_lines_not_zero_based_positions():
    out = invoke("report", "--demo", "--score", "ltr", "--metric", "csat")
    assert out.exit_code == 1
    assert "at position" not in out.output
    # the demo's first data row is line 2 of its file (after the header line)
    first = load_demo()["ltr"].iloc[0]
    assert f"{float(first)!r} on line 2," in out.output
    out = invoke("compare", "--demo", "--score", "ltr", "--metric", "csat", "--by", "channel",
                 "--groups", "chat", "email")  # fmt: skip
    assert out.exit_code == 1
    assert "on line 2," in out.output


def test_the_title_says_which_bands_were_counted():
    out = invoke("report", "--demo", "--score", "ltr", "--detractors", "0-4", "--promoters",
                 "8-10", "--format", "markdown")  # fmt: skip
    assert out.output.startswith("### NPS(ltr) on NPS (0-10) (detractors 0-4, promoters 8-10),")
    out = invoke("report", "--demo", "--score", "ltr", "--format", "markdown")
    assert out.output.startswith("### NPS(ltr) on NPS (0-10), 95% intervals")
    out = invoke("compare", "--demo", "--score", "ltr", "--by", "channel", "--groups", "chat",
                 "email", "--promoters", "8-10", "--format", "markdown")  # fmt: skip
    assert out.output.startswith("### NPS(ltr) (detractors 0-6, promoters 8-10): chat - email")


def test_bad_counts_are_named_by_their_lines(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("sat,Freq\n5,10\n4,2.5\n3,\n1,-1\n2,4\n")
    out = invoke("report", str(path), "--metric", "csat", "--score", "sat",
                 "--frequencies", "Freq")  # fmt: skip
    assert out.exit_code == 1
    assert "lines 3, 4, 5 of" in out.output


def test_csat_on_a_three_point_scale_needs_boxes(tmp_path):
    """As satisfy.CSAT refuses it: the top-2 default would count the middle point."""
    path = tmp_path / "three.csv"
    path.write_text("sat\n1\n2\n3\n")
    out = invoke("report", str(path), "--metric", "csat", "--score", "sat", "--scale", "1-3")
    assert out.exit_code == 2
    assert "needs --boxes" in out.output
    out = rows("report", str(path), "--metric", "csat", "--score", "sat", "--scale", "1-3",
               "--boxes", "1")  # fmt: skip
    assert out[0]["value"] == pytest.approx(100 / 3)


def test_the_search_for_lines_has_a_time_budget(tmp_path, monkeypatch):
    """A bad row past what the budget reads is named without its line, not after minutes."""
    path = tmp_path / "late.csv"
    path.write_text("ltr\n" + "9\n" * 200 + "11\n")
    monkeypatch.setattr(cli, "_SCAN_SECONDS", -1.0)
    out = invoke("report", str(path), "--score", "ltr")
    assert out.exit_code == 1
    assert "11 (1 row)" in out.output and "line" not in out.output
    monkeypatch.setattr(cli, "_SCAN_SECONDS", 10.0)
    assert "line 202 of" in invoke("report", str(path), "--score", "ltr").output
