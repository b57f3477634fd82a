"""Value labels made into scales (edge cases, on SPSS files written by pyreadstat here;
the real files are in test_readers_files.py): a labelled 0-10 item arrives NPS-ready and
a labelled 1-5 item CSAT-ready, labels that read as numbers stay labels only, user-missing
codes are non-answers and never part of the scale."""

import pytest

import satisfy

pyreadstat = pytest.importorskip("pyreadstat")
pd = pytest.importorskip("pandas")

WORDS = ["Not at all likely", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
         "Nine", "Extremely likely"]  # fmt: skip


def _sav(path, values, labels, *, missing=None, question="How likely are you to recommend us?"):
    frame = pd.DataFrame({"q1": [float(v) for v in values]})
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"q1": question},
        variable_value_labels={"q1": labels},
        missing_ranges={"q1": missing} if missing else None,
    )
    return path


def test_labelled_0_10_item_is_nps_ready(tmp_path):
    values = [10, 9, 9, 8, 7, 3, 0, 10, 6, 9]
    path = _sav(tmp_path / "a.sav", values, dict(enumerate(WORDS)))
    survey = satisfy.read(path)
    scale = survey.scale("q1")
    assert (scale.low, scale.high) == (0, 10)
    assert scale.labels == tuple(WORDS)
    assert scale.question == "How likely are you to recommend us?"
    got = satisfy.summarize(survey.frame, satisfy.NPS("q1", scale=scale))
    # 5 promoters (9, 10), 3 detractors (0-6) of 10: NPS 20
    assert got["value"].tolist() == [pytest.approx(20.0)]


def test_labelled_1_5_item_is_csat_ready(tmp_path):
    labels = {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied",
              5: "Very satisfied"}  # fmt: skip
    path = _sav(tmp_path / "a.sav", [5, 4, 4, 2, 1, 5], labels)
    survey = satisfy.read(path, backend="polars")
    scale = survey.scale("q1")
    assert scale.labels == tuple(labels.values())
    got = satisfy.summarize(survey.frame, satisfy.CSAT("q1", scale=scale))
    assert got["value"].to_list() == [pytest.approx(100 * 4 / 6)]


def test_labels_that_read_as_numbers_give_the_plain_scale(tmp_path):
    labels = {i: str(i) for i in range(11)}
    labels[0] = "0 Not at all likely"
    path = _sav(tmp_path / "a.sav", [1, 10], labels)
    info = satisfy.read(path).columns["q1"]
    assert dict(info.labels) == labels  # kept as written
    assert (info.scale.low, info.scale.high, info.scale.labels) == (0, 10, None)


def test_labels_at_the_ends_only_give_the_plain_scale(tmp_path):
    path = _sav(tmp_path / "a.sav", [1, 10], {0: "Not at all likely", 10: "Extremely likely"})
    scale = satisfy.read(path).scale("q1")
    assert (scale.low, scale.high, scale.labels) == (0, 10, None)


def test_user_missing_codes_are_non_answers_and_not_on_the_scale(tmp_path):
    labels = {**dict(enumerate(WORDS)), 98: "Refused", 99: "Don't know"}
    path = _sav(tmp_path / "a.sav", [10, 99, 0, 98], labels, missing=[98, 99])
    survey = satisfy.read(path)
    info = survey.columns["q1"]
    assert info.non_answers == (98, 99)
    assert (info.scale.low, info.scale.high) == (0, 10)
    assert info.labels[99] == "Don't know"
    # the scale carries them: counted apart, never in the metric (one promoter, one
    # detractor: NPS 0 of n = 2)
    assert tuple(info.scale.non_answers) == (98, 99)
    got = satisfy.summarize(survey.frame, satisfy.NPS("q1", scale=info.scale))
    assert got["value"].tolist() == [0.0]
    assert got["n"].tolist() == [2]
    assert got["non_answers"].tolist() == [2]


def test_user_missing_range(tmp_path):
    labels = {1: "Poor", 2: "Fair", 3: "Good", 97: "Refused"}
    missing = [{"lo": 96.0, "hi": 99.0}]
    path = _sav(tmp_path / "a.sav", [1, 2, 96, 97, 3], labels, missing=missing)
    info = satisfy.read(path).columns["q1"]
    assert info.non_answers == (96, 97)
    assert info.scale.labels == ("Poor", "Fair", "Good")


def test_codes_that_are_no_range_give_no_scale(tmp_path):
    path = _sav(tmp_path / "a.sav", [1, 2], {1: "North", 2.5: "South"})
    assert satisfy.read(path).columns["q1"].scale is None
    with pytest.raises(satisfy.ColumnError, match=r"gives no scale for column 'q1'"):
        satisfy.read(path).scale("q1")
