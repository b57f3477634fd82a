"""Issue 13's acceptance through the command: the MASS ``housing`` count table, and a Danish
CSV (semicolons, decimal commas, cp1252, labels in Danish) that reports as its clean twin."""

from __future__ import annotations

import io
import json
import pathlib

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("click")

from click.testing import CliRunner

import satisfy
from satisfy import cli

REFERENCE = pathlib.Path(__file__).parents[1] / "reference" / "data"


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


# --- (a) a count table ----------------------------------------------------------------


def r_reference() -> dict[str, float]:
    """R's numbers for Tower-block tenants with High influence (tests/reference/r/housing.R:
    prop.test(59, 88, correct = FALSE), R 4.2.2, MASS 7.3-58.2)."""
    text = (REFERENCE / "housing_reference.txt").read_text()
    line = next(x for x in text.splitlines() if x.startswith("tower_high_influence"))
    return {k: float(v) for k, v in (f.split("=") for f in line.split()[1:])}


def test_mass_housing_count_table_through_the_command():
    out = invoke(
        "report", str(REFERENCE / "housing.csv"), "--metric", "top-box", "--boxes", "1",
        "--score", "Sat", "--scale", "1-3:Low,Medium,High", "--by", "Type", "--by", "Infl",
        "--frequencies", "Freq", "--method", "wilson", "--format", "json",
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)["rows"]
    row = next(r for r in rows if r["Type"] == "Tower" and r["Infl"] == "High")
    expected = r_reference()
    assert row["n"] == expected["n"] == 88
    assert row["value"] == pytest.approx(expected["share"], abs=1e-8)
    assert (row["low"], row["high"]) == pytest.approx(
        (expected["wilson_low"], expected["wilson_high"]), abs=1e-8
    )
    # as the issue writes it: 67.0% (Wilson 56.7 to 76.0) with n = 88
    table = invoke(
        "report", str(REFERENCE / "housing.csv"), "--metric", "top-box", "--boxes", "1",
        "--score", "Sat", "--scale", "1-3:Low,Medium,High", "--by", "Type", "--by", "Infl",
        "--frequencies", "Freq", "--method", "wilson", "--format", "markdown",
    )  # fmt: skip
    assert "| Tower | High | top box(Sat) | 67.0 | 56.7 | 76.0 | 88 |" in table.output


def test_frequencies_equal_the_expanded_rows(tmp_path):
    table = pd.read_csv(REFERENCE / "housing.csv")
    expanded = table.loc[table.index.repeat(table["Freq"])].drop(columns="Freq")
    expanded.to_csv(tmp_path / "rows.csv", index=False)
    common = ("--metric", "top-box", "--boxes", "1", "--score", "Sat", "--scale",
              "1-3:Low,Medium,High", "--by", "Type", "--by", "Cont", "--format", "csv")  # fmt: skip
    counted = invoke("report", str(REFERENCE / "housing.csv"), *common, "--frequencies", "Freq")
    assert counted.exit_code == 0, counted.output
    rows = invoke("report", str(tmp_path / "rows.csv"), *common)
    assert rows.exit_code == 0, rows.output
    assert counted.output == rows.output


# --- (b) a Danish CSV and its clean twin ------------------------------------------------

DANISH_CSAT = ("Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds",
               "Meget tilfreds")  # fmt: skip


def twins(folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """A clean UTF-8 numeric CSV, and the same answers as a Danish Excel would save them:
    semicolons, decimal commas in the weights, cp1252, the answers as Danish labels. The
    one file written for a test that the issue asks for (its twin is the reference)."""
    rng = np.random.default_rng(13)
    n = 240
    kanal = rng.choice(["Telefon", "E-mail", "Butik i Århus", "Chat (søndag)"], n)
    tilfredshed = rng.choice([1, 2, 3, 4, 5], n, p=[0.1, 0.1, 0.2, 0.3, 0.3])
    vaegt = rng.choice([0.5, 0.75, 1.0, 1.25, 2.5], n)
    clean = pd.DataFrame({"kanal": kanal, "tilfredshed": tilfredshed, "vægt": vaegt})
    twin = folder / "svar.csv"
    clean.to_csv(twin, index=False, encoding="utf-8")
    danish = clean.assign(tilfredshed=[DANISH_CSAT[s - 1] for s in tilfredshed])
    path = folder / "svar_dk.csv"
    danish.to_csv(path, index=False, sep=";", decimal=",", encoding="cp1252")
    raw = path.read_bytes()
    assert b";" in raw and b"0,75" in raw and "Å".encode("cp1252") in raw  # as intended
    return twin, path


REPORT = ("--metric", "csat", "--score", "tilfredshed", "--by", "kanal", "--weights", "vægt")


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_danish_csv_reports_as_its_clean_twin(tmp_path, fmt):
    twin, danish = twins(tmp_path)
    clean = invoke("report", str(twin), *REPORT, "--format", fmt)
    assert clean.exit_code == 0, clean.output
    assert "Butik i Århus" in clean.output
    detected = invoke("report", str(danish), *REPORT, "--format", fmt)
    assert detected.exit_code == 0, detected.output
    assert detected.output == clean.output
    given = invoke("report", str(danish), *REPORT, "--format", fmt,
                   "--sep", ";", "--decimal", ",", "--encoding", "cp1252")  # fmt: skip
    assert given.exit_code == 0, given.output
    assert given.output == clean.output
    if fmt == "csv":  # and the numbers are the library's on the clean twin
        frame = pd.read_csv(twin)
        expected = satisfy.summarize(frame, satisfy.CSAT("tilfredshed"), by="kanal",
                                     weights="vægt")  # fmt: skip
        got = pd.read_csv(io.StringIO(clean.output)).set_index("kanal")
        np.testing.assert_allclose(
            got.loc[expected["kanal"], "value"].to_numpy(), expected["value"].to_numpy()
        )


def test_a_wrong_override_is_an_error_not_a_different_report(tmp_path):
    _, danish = twins(tmp_path)
    out = invoke("report", str(danish), *REPORT, "--sep", ",")
    assert out.exit_code != 0, out.output


def test_read_and_summarize_give_the_same_for_the_danish_file_and_its_twin(tmp_path):
    twin, danish = twins(tmp_path)
    spec = satisfy.CSAT("tilfredshed")
    a = satisfy.summarize(satisfy.read(str(twin)).frame, spec, by="kanal", weights="vægt")
    b = satisfy.summarize(satisfy.read(str(danish)).frame, spec, by="kanal", weights="vægt")
    pd.testing.assert_frame_equal(
        pd.DataFrame(a).sort_values("kanal").reset_index(drop=True),
        pd.DataFrame(b).sort_values("kanal").reset_index(drop=True),
    )
