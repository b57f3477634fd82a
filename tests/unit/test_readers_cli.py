"""The ``satisfy`` command reads files through satisfy.read: a Danish semicolon,
decimal-comma, cp1252 file gives the report of its clean UTF-8 twin; a file that cannot be
read exits 2 (usage / input-output), a column it lacks exits 1 (the data)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("click")
pytest.importorskip("duckdb")
pytest.importorskip("charset_normalizer")

DATA = Path(__file__).resolve().parent.parent / "data"
TOWNS = ["Århus", "Køge", "Ærø", "Sønderborg", "Præstø"]


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", "satisfy", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _twins(folder):
    rows = [(TOWNS[i % 5], i % 11, 0.5 + (i % 4) * 0.25) for i in range(300)]
    clean = folder / "clean.csv"
    clean.write_text(
        "town,ltr,weight\n" + "".join(f"{t},{s},{w}\n" for t, s, w in rows), encoding="utf-8"
    )
    danish = folder / "danish.csv"
    text = "town;ltr;weight\n" + "".join(
        f"{t};{s};{str(w).replace('.', ',')}\n" for t, s, w in rows
    )
    danish.write_bytes(text.encode("cp1252"))
    return clean, danish


def _report(path):
    out = _run("report", path, "--metric", "nps", "--score", "ltr", "--by", "town",
               "--weights", "weight", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["rows"]


def test_danish_cp1252_file_reports_as_its_clean_twin(tmp_path):
    clean, danish = _twins(tmp_path)
    got = _report(danish)
    assert got == _report(clean)
    assert {row["town"] for row in got} == set(TOWNS)


def test_a_file_that_cannot_be_read_exits_2(tmp_path):
    fake = tmp_path / "answers.xlsx"
    fake.write_text("ltr\n9\n")
    out = _run("report", fake, "--metric", "nps", "--score", "ltr")
    assert out.returncode == 2
    assert "answers.xlsx" in out.stderr
    assert "workbook" in out.stderr


def test_a_column_the_file_lacks_exits_1(tmp_path):
    _, danish = _twins(tmp_path)
    out = _run("report", danish, "--metric", "nps", "--score", "nps")
    assert out.returncode == 1
    assert "no column 'nps'" in out.stderr


def test_spss_file_through_the_command():
    pytest.importorskip("pyreadstat")
    out = _run("report", DATA / "haven-umlauts.sav", "--metric", "mean", "--score", "var1",
               "--scale", "1-3", "--format", "json")  # fmt: skip
    if out.returncode == 2 and "--scale" in out.stderr:
        pytest.skip("--scale 1-3 is the cli workstream's")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rows"][0]["value"] == pytest.approx(1.75)


def test_danish_labels_in_cp1252_through_the_command(tmp_path):
    labels = ["Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds",
              "Meget tilfreds"]  # fmt: skip
    rows = [(TOWNS[i % 5], 1 + (i * 7) % 5) for i in range(250)]
    clean = tmp_path / "clean.csv"
    clean.write_text("town,sat\n" + "".join(f"{t},{s}\n" for t, s in rows), encoding="utf-8")
    danish = tmp_path / "danish.csv"
    text = "town;sat\n" + "".join(f"{t};{labels[s - 1]}\n" for t, s in rows)
    danish.write_bytes(text.encode("cp1252"))

    def report(path):
        out = _run("report", path, "--metric", "csat", "--score", "sat", "--by", "town",
                   "--format", "json")  # fmt: skip
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["rows"]

    assert report(danish) == report(clean)
