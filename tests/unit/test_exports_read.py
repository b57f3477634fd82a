"""Survey-platform exports through the public path, :func:`satisfy.read`: the kind is
found from the file's layout and the export's columns, questions and scales arrive in
the :class:`~satisfy.readers.Survey`."""

from __future__ import annotations

from pathlib import Path

import pytest

import satisfy

DATA = Path(__file__).resolve().parents[1] / "data"

KINDS = {
    "qualtrics_sample.csv": "qualtrics",
    "qualtrics_sample_legacy.csv": "qualtrics",
    "qualtrics_insights_mc.csv": "qualtrics",
    "qualtrics_legacy_mc.csv": "qualtrics",
    "qualtrics_matrix.csv": "qualtrics",
    "qualtrics_meal_kits.csv": "qualtrics",
    "qualtrics_question_tour.csv": "qualtrics",
    "surveymonkey_star_wars.csv": "surveymonkey",
    "google_forms_autistica.csv": "google-forms",
}


@pytest.mark.parametrize(("name", "kind"), KINDS.items())
def test_read_finds_the_export_by_its_layout(name: str, kind: str) -> None:
    survey = satisfy.read(DATA / name)
    assert survey.source == kind
    assert list(survey.columns) == list(survey.frame.columns)


def test_read_a_qualtrics_choice_text_export_to_csat() -> None:
    survey = satisfy.read(DATA / "qualtrics_meal_kits.csv")
    assert survey.frame.shape == (40, 42)
    scale = survey.scale("CSAT")
    words = survey.frame["CSAT"].tolist()
    satisfied = sum(w in ("Very satisfied", "Somewhat satisfied") for w in words)
    estimate = satisfy.csat(survey.frame["CSAT"], scale=scale)
    assert estimate.value == pytest.approx(100 * satisfied / len(words))


def test_read_a_cp1252_surveymonkey_export() -> None:
    survey = satisfy.read(DATA / "surveymonkey_star_wars.csv")
    assert survey.dialect is not None and survey.dialect.encoding == "cp1252"
    assert survey.frame.shape == (30, 38)


def test_read_with_the_format_named_and_the_layout_broken(tmp_path: Path) -> None:
    lines = (DATA / "qualtrics_sample.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join([lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(satisfy.ReadError, match=r"broken\.csv, line 2: the ImportId row"):
        satisfy.read(broken, format="qualtrics")


def test_an_ordinary_csv_is_read_as_csv(tmp_path: Path) -> None:
    plain = tmp_path / "answers.csv"
    plain.write_text("Timestamp,score\n2024-01-01T10:00:00,9\n2024-01-02T10:00:00,7\n")
    assert satisfy.read(plain).source == "csv"
