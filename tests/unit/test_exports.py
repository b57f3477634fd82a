"""Survey-platform exports (``satisfy._exports``): detection by layout and reading, on the
real export files in ``tests/data`` (sources and licences in its README) and on small
written cases for the edges those files do not show."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from pathlib import Path
from typing import Any

import pytest

import satisfy
from satisfy import _exports
from satisfy.readers import ColumnInfo, Dialect

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]

#: file -> (kind, encoding)
EXPORTS = {
    "qualtrics_sample.csv": ("qualtrics", "utf-8"),
    "qualtrics_sample_legacy.csv": ("qualtrics", "utf-8"),
    "qualtrics_insights_mc.csv": ("qualtrics", "utf-8"),
    "qualtrics_legacy_mc.csv": ("qualtrics", "utf-8-sig"),
    "qualtrics_matrix.csv": ("qualtrics", "utf-8"),
    "qualtrics_meal_kits.csv": ("qualtrics", "utf-8"),
    "qualtrics_question_tour.csv": ("qualtrics", "utf-8"),
    "surveymonkey_star_wars.csv": ("surveymonkey", "cp1252"),
    "google_forms_autistica.csv": ("google-forms", "utf-8"),
}


def first_rows(path: Path, encoding: str, n: int = 20) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        return [row for _, row in zip(range(n), reader, strict=False)]


def read(name: str) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    kind, encoding = EXPORTS[name]
    return _exports.read_export(kind, str(DATA / name), Dialect(encoding=encoding))


def write(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_real_export_is_detected_by_its_layout(name: str) -> None:
    kind, encoding = EXPORTS[name]
    assert _exports.detect(first_rows(DATA / name, encoding)) == kind


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_detection_does_not_depend_on_the_first_cell_bom(name: str) -> None:
    # Read as plain utf-8 a BOM stays in the first cell; the layout is still found.
    kind, encoding = EXPORTS[name]
    if encoding == "cp1252":
        pytest.skip("not UTF-8")
    assert _exports.detect(first_rows(DATA / name, "utf-8")) == kind


def ordinary_tables() -> list[tuple[str, list[list[str]]]]:
    """Real CSV files of this repository that are not exports, and the test data of the
    other readers (any delimited file in tests/data that is not listed in EXPORTS)."""
    tables = []
    with gzip.open(ROOT / "src" / "satisfy" / "datasets" / "demo.csv.gz", "rt") as handle:
        tables.append(("demo.csv.gz", [r for _, r in zip(range(20), csv.reader(handle))]))
    candidates = [*(ROOT / "tests" / "reference" / "data").glob("*.csv")]
    candidates += [
        p
        for p in DATA.iterdir()
        if p.suffix.lower() in (".csv", ".tsv", ".txt") and p.name not in EXPORTS
    ]
    for path in sorted(candidates):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        sample = text[:20000]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))[:20]
        tables.append((path.name, rows))
    return tables


@pytest.mark.parametrize(("name", "rows"), ordinary_tables(), ids=lambda v: str(v)[:40])
def test_an_ordinary_csv_is_never_taken_for_an_export(name: str, rows: list[list[str]]) -> None:
    assert _exports.detect(rows) is None


NEAR_MISSES = {
    # one header row, answers under it (a Qualtrics file with its extra rows deleted)
    "qualtrics names only": "ResponseId,Q1,Q2\nR_1abc,9,Yes\nR_2def,3,No\n",
    # a second row of data, not of question texts
    "V columns over data": "V1,V2,V3,Q1\n1,2,3,4\n5,6,7,8\n",
    "braces in data": 'a,b\n"{""x"":1}","{""y"":2}"\n"{""x"":3}","{""y"":4}"\n',
    "respondent id table": "Respondent ID,Collector ID,Score\n1,2,9\n3,4,7\n",
    "respondent id, blank second id": "Respondent ID,score\n,9\n,7\n",
    "timestamp log (ISO)": "Timestamp,temperature,relative humidity\n"
    "2019-06-27T01:37:35,21.5,40\n2019-06-27T01:38:35,21.6,41\n",
    "timestamp with one-word headers": "Timestamp,score\n6/27/2019 1:37:35,9\n",
    "timestamp text": "Timestamp,How likely are you to recommend us?\nyesterday,9\n",
    "ratings without a ticket id": "customer,score\nann,good\nbob,bad\n",
    "ticket ratings on another scale": "ticket_id,score\n1,5\n2,4\n",
    "ticket good/bad without platform words": "ticket_id,score\n1,good\n2,bad\n",
    "nps table": "id,nps,segment\n1,9,A\n2,3,B\n",
}


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_tables_that_look_a_little_like_exports_are_not_exports(text: str) -> None:
    assert _exports.detect(list(csv.reader(io.StringIO(text)))) is None


def test_too_few_rows_are_not_an_export() -> None:
    assert _exports.detect([]) is None
    assert _exports.detect([["ResponseId", "Q1"]]) is None


# -- Qualtrics ---------------------------------------------------------------------------


def test_qualtrics_three_header_rows_real_file() -> None:
    # ropensci/qualtRics tests/testthat/files/sample.csv: names, German question texts,
    # ImportId row; one response.
    columns, info = read("qualtrics_sample.csv")
    assert columns["Q1"] == [2]
    assert columns["Q2"] == ["Hello World!"]
    assert columns["ResponseId"] == ["R_2YPOQ602ER1jkf1"]
    assert columns["StartDate"] == [dt.datetime(2017, 7, 18, 8, 28, 9)]
    assert columns["Finished"] == [True]
    assert columns["LocationLatitude"] == [47.115097045898]
    assert columns["Q2 - Topics"] == [None]
    assert info["Q1"].question == "This is a multiple choice question."
    assert info["StartDate"].question == "Anfangsdatum"
    assert list(columns) == list(info)
    assert all(len(v) == 1 for v in columns.values())
    assert info["Status"].labels[0] == "IP Address"
    assert info["Status"].labels[1] == "Survey Preview"


def test_qualtrics_legacy_two_header_rows_real_file() -> None:
    # qualtRics sample_legacy.csv: V1..V10 over ResponseID..Finished, a trailing comma.
    columns, info = read("qualtrics_sample_legacy.csv")
    assert list(columns)[:10] == [
        "ResponseID",
        "ResponseSet",
        "Name",
        "ExternalDataReference",
        "EmailAddress",
        "IPAddress",
        "Status",
        "StartDate",
        "EndDate",
        "Finished",
    ]
    assert "" not in columns  # the empty column after the trailing comma is dropped
    assert columns["Q1"] == [2]
    assert columns["Q2"] == ["Hello World!"]
    assert info["Q2"].question == "This is a free text question."
    assert columns["LocationAccuracy"] == [-1]


def test_qualtrics_insights_import_ids_in_single_quotes() -> None:
    # QualtricsTools: {'ImportId': 'QID2'} (the older "Insights" export); five responses.
    columns, info = read("qualtrics_insights_mc.csv")
    assert columns["Q3"] == [4, 5, 1, 5, 3]
    assert columns["mc_question_five_TEXT"][1] is None
    assert info["Q3"].question.startswith("Click to write the question text This question has")
    assert columns["Status"] == [2] * 5  # generated test responses, kept
    assert info["Status"].labels[2] == "Survey Test"


def test_qualtrics_legacy_with_bom_and_quoted_commas() -> None:
    columns, info = read("qualtrics_legacy_mc.csv")
    assert next(iter(columns)) == "ResponseID"
    assert columns["Q3"] == [4, 5, 1, 5, 3]
    assert "choice groups, one after the first choice" in info["Q3"].question
    # the same file read as plain utf-8 (the BOM left in the first cell) reads the same
    plain = _exports.read_export("qualtrics", str(DATA / "qualtrics_legacy_mc.csv"), Dialect())
    assert plain[0] == columns


def test_qualtrics_quoted_commas_in_question_texts() -> None:
    columns, info = read("qualtrics_matrix.csv")
    n = len(columns["ResponseID"])
    assert n == len(first_rows(DATA / "qualtrics_matrix.csv", "utf-8", 10_000)) - 3
    assert all(len(v) == n for v in columns.values())
    assert info["Q12_1"].question.startswith("In this survey, we're going to test")


def test_qualtrics_two_header_rows_of_names(tmp_path: Path) -> None:
    # The same export without its ImportId row (written edge case: names, then names or
    # texts, then answers).
    lines = (DATA / "qualtrics_matrix.csv").read_text(encoding="utf-8").splitlines()
    text = "\n".join([lines[0], lines[1], *lines[3:]]) + "\n"
    assert _exports.detect(list(csv.reader(io.StringIO(text)))) == "qualtrics"
    columns, _ = _exports.read_export("qualtrics", write(tmp_path, text), Dialect())
    assert columns == read("qualtrics_matrix.csv")[0]


def test_qualtrics_choice_text_in_qualtrics_wording_real_file() -> None:
    # EasyQualtrics' meal-kit export: CSAT in Qualtrics' wording (Somewhat satisfied...).
    columns, info = read("qualtrics_meal_kits.csv")
    csat_column = columns["CSAT"]
    assert len(csat_column) == 40
    scale = info["CSAT"].scale
    assert scale is not None
    assert (scale.low, scale.high, scale.name) == (1, 5, "CSAT5")
    assert info["CSAT"].labels[2] == "Somewhat dissatisfied"
    assert info["CSAT"].question == "Satisfaction with a product or service"
    # CSAT (top two boxes) against a count of the file's own words
    with (DATA / "qualtrics_meal_kits.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[3:]
    words = [row[18] or None for row in rows]
    assert words == csat_column
    satisfied = sum(w in ("Very satisfied", "Somewhat satisfied") for w in words)
    estimate = satisfy.csat(csat_column, scale=scale)
    assert estimate.n == 40
    assert estimate.value == pytest.approx(100 * satisfied / 40)
    assert all(info[f"Drivers_{i}"].scale == scale for i in range(1, 11))
    assert columns["Status"][0] == "Imported"
    assert columns["Churn"][0] == "Might or might not"
    assert info["Churn"].scale is None


def test_qualtrics_agreement_labels_that_fit_two_scales_get_none() -> None:
    # The question-tour export: answers Strongly agree ... Somewhat disagree, without
    # "Strongly disagree": a 5-point (Qualtrics) or a 7-point scale? Not guessed.
    columns, info = read("qualtrics_question_tour.csv")
    assert set(columns["Q10 Matrix table_2"]) <= {
        "Strongly agree",
        "Somewhat agree",
        "Neither agree nor disagree",
        "Somewhat disagree",
    }
    assert info["Q10 Matrix table_2"].scale is None
    # preview responses (Distribution Channel "preview") are kept
    assert set(columns["DistributionChannel"]) == {"preview"}
    assert len(columns["ResponseId"]) == 20
    # "N/A" typed into a free-text box is not taken for a non-answer code
    assert info["Q6 Text entry"].non_answers == ()
    assert info["Q12 Side by side#2_3"].non_answers == ("Not sure",)


def test_a_full_set_of_labels_settles_the_scale(tmp_path: Path) -> None:
    header = (
        "ResponseId,Q1\nResponse ID,The website is easy to use.\n"
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\n'
    )
    five = ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree"]
    five += ["Somewhat agree", "Strongly agree"]
    body = "".join(f"R_{i},{v}\n" for i, v in enumerate(five))
    _, info = _exports.read_export("qualtrics", write(tmp_path, header + body), Dialect())
    scale = info["Q1"].scale
    assert scale is not None and scale.n_points == 5
    assert dict(info["Q1"].labels) == dict(enumerate(five, start=1))


QUALTRICS_TEXT = (
    "StartDate,Status,Finished,ResponseId,Q1,Q1_NPS_GROUP,Q2,Q3\n"
    'Start Date,Response Type,Finished,Response ID,"How likely is it that you would '
    'recommend us to a friend or colleague?\n(0 = not at all, 10 = extremely)",'
    '"How likely is it that you would recommend us? - Group",'
    '"Overall, how satisfied are you with our service?",Anything else?\n'
    '"{""ImportId"":""startDate"",""timeZone"":""Europe/Copenhagen""}",'
    '"{""ImportId"":""status""}","{""ImportId"":""finished""}",'
    '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}",'
    '"{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID2""}",'
    '"{""ImportId"":""QID3_TEXT""}"\n'
    '2024-03-01 10:00:00,IP Address,True,R_a,10,Promoter,Very satisfied,"Fast, and kind"\n'
    "2024-03-01 11:00:00,IP Address,True,R_b,9,Promoter,Satisfied,\n"
    "2024-03-02 09:30:00,IP Address,False,R_c,6,Detractor,Don't know,\n"
    "2024-03-02 09:40:00,Survey Preview,True,R_d,7,Passive,Dissatisfied,\n"
    '2024-03-03 12:00:00,IP Address,True,R_e,0,Detractor,Very dissatisfied,"two\nlines"\n'
)


def test_qualtrics_choice_text_export_maps_onto_scales(tmp_path: Path) -> None:
    # A written edge case: choice text, NPS group column, a preview and an unfinished
    # response, a question text with a newline and a comma inside quotes.
    path = write(tmp_path, QUALTRICS_TEXT)
    rows = list(csv.reader(io.StringIO(QUALTRICS_TEXT)))
    assert _exports.detect(rows[:5]) == "qualtrics"
    columns, info = _exports.read_export("qualtrics", path, Dialect())
    assert columns["Q1"] == [10, 9, 6, 7, 0]
    assert info["Q1"].scale is satisfy.scales.NPS
    assert info["Q1"].question.endswith("(0 = not at all, 10 = extremely)")
    assert "\n" in info["Q1"].question
    assert info["Q1_NPS_GROUP"].scale == _exports.NPS_GROUP
    assert info["Q2"].scale == satisfy.scales.CSAT5
    assert info["Q2"].non_answers == ("Don't know",)
    assert dict(info["Q2"].labels) == {
        1: "Very dissatisfied",
        2: "Dissatisfied",
        4: "Satisfied",
        5: "Very satisfied",
    }
    assert info["Q3"].scale is None
    assert columns["Q3"] == ["Fast, and kind", None, None, None, "two\nlines"]
    # previews and unfinished responses are kept (filtering is the user's choice)
    assert columns["Status"][3] == "Survey Preview"
    assert columns["Finished"] == [True, True, False, True, True]
    assert "Status" in info["Status"].question or "Response Type" in info["Status"].question
    # the metrics agree with a count by hand: NPS (2 promoters, 2 detractors of 5) = 0;
    # the group column gives the same with bands 1 / 3; CSAT (2 of 4 answers) = 50
    assert satisfy.nps(columns["Q1"], scale=info["Q1"].scale).value == 0.0
    group = satisfy.Tally.from_scores(columns["Q1_NPS_GROUP"], scale=info["Q1_NPS_GROUP"].scale)
    assert group.counts.tolist() == [2, 1, 2]
    answers = [v for v in columns["Q2"] if v not in info["Q2"].non_answers]
    assert satisfy.csat(answers, scale=info["Q2"].scale).value == 50.0


def test_qualtrics_values_export_group_codes_and_seen_but_unanswered(tmp_path: Path) -> None:
    text = (
        "ResponseId,Q5,Q5_NPS_GROUP\n"
        "Response ID,Would you recommend this course?,Would you recommend this course? - Group\n"
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID5""}",'
        '"{""ImportId"":""QID5_NPS_GROUP""}"\n'
        "R_1,9,3\nR_2,-99,\nR_3,2,1\n"
    )
    columns, info = _exports.read_export("qualtrics", write(tmp_path, text), Dialect())
    assert columns["Q5"] == [9, -99, 2]
    assert info["Q5"].scale == satisfy.scales.NPS
    assert info["Q5"].non_answers == (-99,)
    assert dict(info["Q5_NPS_GROUP"].labels) == {1: "Detractor", 2: "Passive", 3: "Promoter"}


def test_a_numeric_column_gets_no_scale_without_evidence(tmp_path: Path) -> None:
    # Values 0-10 alone do not make an NPS item: no NPS_GROUP column, no "recommend".
    text = (
        "ResponseId,Q1\nResponse ID,How many times did you call us?\n"
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_TEXT""}"\nR_1,3\nR_2,10\n'
    )
    _, info = _exports.read_export("qualtrics", write(tmp_path, text), Dialect())
    assert info["Q1"].scale is None


# -- SurveyMonkey ------------------------------------------------------------------------


def test_surveymonkey_question_and_option_rows_real_file() -> None:
    # FiveThirtyEight's Star Wars survey (SurveyMonkey Audience), cp1252, 30 responses.
    columns, info = read("surveymonkey_star_wars.csv")
    names = list(columns)
    assert len(names) == 38 == len(set(names))
    assert all(len(v) == 30 for v in columns.values())
    assert columns["RespondentID"][:2] == [3292879998, 3292879538]
    seen = "Have you seen any of the 6 films in the Star Wars franchise?"
    assert columns[seen][:3] == ["Yes", "No", "Yes"]
    # a blank question cell continues the question; the option row names the column
    which = "Which of the following Star Wars films have you seen? Please select all that apply."
    assert f"{which} - Star Wars: Episode IV  A New Hope" in columns
    rank = [n for n in names if n.startswith("Please rank the Star Wars films")]
    assert len(rank) == 6
    assert columns[rank[0]][:3] == [3, None, 1]
    han = next(n for n in names if n.endswith(" - Han Solo"))
    assert info[han].question == han
    assert (
        "Unfamiliar (N/A)" in info[next(n for n in names if n.endswith(" - Boba Fett"))].non_answers
    )
    assert columns["Household Income"][1] == "$0 - $24,999"
    # the cp1252 character in a question survives
    assert any(n.endswith("Universe?\u0152\u00e6") for n in names)


def test_surveymonkey_names_are_unique_when_options_repeat(tmp_path: Path) -> None:
    text = (
        "Respondent ID,Collector ID,How satisfied are you with:,,,Comments\n"
        ",,Speed,Speed,Price,Open-Ended Response\n"
        "1,7,Very satisfied,Satisfied,Dissatisfied,ok\n"
        "2,7,Satisfied,Satisfied,Very dissatisfied,\n"
    )
    assert _exports.detect(list(csv.reader(io.StringIO(text)))) == "surveymonkey"
    columns, info = _exports.read_export("surveymonkey", write(tmp_path, text), Dialect())
    assert list(columns) == [
        "Respondent ID",
        "Collector ID",
        "How satisfied are you with: - Speed",
        "How satisfied are you with: - Speed (2)",
        "How satisfied are you with: - Price",
        "Comments",
    ]
    assert info["How satisfied are you with: - Price"].scale is satisfy.scales.CSAT5
    assert columns["Comments"] == ["ok", None]


# -- Google Forms ------------------------------------------------------------------------


def test_google_forms_real_file() -> None:
    # The Autistica/Turing citizen-science form: US timestamps, multi-line answers,
    # checkbox answers joined by commas.
    columns, info = read("google_forms_autistica.csv")
    stamps = columns["Timestamp"]
    assert stamps[0] == dt.datetime(2019, 8, 21, 13, 10, 31)
    assert all(isinstance(s, dt.datetime) for s in stamps)
    n = len(stamps)
    assert all(len(v) == n for v in columns.values())
    q2 = "Q2: Do you have a personal connection to autism?"
    assert info[q2].question == q2
    assert any(v and ", " in v for v in columns[q2])
    q1 = next(c for c in columns if c.startswith("Q1:"))
    assert any(v and "\n" in v for v in columns[q1])


def test_google_forms_linear_scale_as_numbers_and_day_first_dates(tmp_path: Path) -> None:
    text = (
        "Tidsstempel,Hvor sandsynligt er det at du vil anbefale os?,Kommentar\n"
        "27.06.2024 13:37:35,9,\n01.07.2024 08:00:00,10,fint\n02.07.2024 09:15:00,0,\n"
    )
    assert _exports.detect(list(csv.reader(io.StringIO(text)))) == "google-forms"
    columns, info = _exports.read_export("google-forms", write(tmp_path, text), Dialect())
    assert columns["Tidsstempel"][1] == dt.datetime(2024, 7, 1, 8, 0, 0)
    nps_item = "Hvor sandsynligt er det at du vil anbefale os?"
    assert columns[nps_item] == [9, 10, 0]
    assert info[nps_item].scale is satisfy.scales.NPS


def test_a_recommend_item_without_a_zero_gets_no_scale(tmp_path: Path) -> None:
    # 1-10 or 0-10? NPS's bands fit only the second: not guessed (no 0 among the answers).
    text = (
        "Timestamp,How likely are you to recommend us?\n"
        "27/06/2024 10:00:00,10\n28/06/2024 10:00:00,1\n29/06/2024 10:00:00,7\n"
    )
    columns, info = _exports.read_export("google-forms", write(tmp_path, text), Dialect())
    assert columns["How likely are you to recommend us?"] == [10, 1, 7]
    assert info["How likely are you to recommend us?"].scale is None


def test_ambiguous_day_and_month_stay_text(tmp_path: Path) -> None:
    # 3/4/2024 could be March or April: not guessed.
    text = "Timestamp,How was it?\n3/4/2024 10:00:00,Good\n5/6/2024 11:00:00,Bad\n"
    columns, _ = _exports.read_export("google-forms", write(tmp_path, text), Dialect())
    assert columns["Timestamp"] == ["3/4/2024 10:00:00", "5/6/2024 11:00:00"]


def test_am_pm_and_gmt_offsets(tmp_path: Path) -> None:
    text = (
        "Timestamp,How was it?\n2024/06/27 1:37:35 PM GMT+2,Good\n"
        "2024/06/28 12:05:00 AM GMT+2,Bad\n"
    )
    columns, _ = _exports.read_export("google-forms", write(tmp_path, text), Dialect())
    tz = dt.timezone(dt.timedelta(hours=2))
    assert columns["Timestamp"] == [
        dt.datetime(2024, 6, 27, 13, 37, 35, tzinfo=tz),
        dt.datetime(2024, 6, 28, 0, 5, 0, tzinfo=tz),
    ]


# -- help desks --------------------------------------------------------------------------


HELPDESK = (
    "Ticket ID,Subject,Satisfaction Score,Satisfaction Comment,Solved at\n"
    "101,Login fails,Good,Quick!,2024-05-01 10:00:00\n"
    "102,Refund,Bad,,2024-05-01 11:00:00\n"
    "103,Invoice,Offered,,2024-05-02 09:00:00\n"
    "104,Password,Unoffered,,2024-05-02 10:00:00\n"
    "105,Shipping,good,,2024-05-03 08:00:00\n"
)


def test_helpdesk_good_bad_offered_unoffered(tmp_path: Path) -> None:
    assert _exports.detect(list(csv.reader(io.StringIO(HELPDESK)))) == "help-desk"
    columns, info = _exports.read_export("help-desk", write(tmp_path, HELPDESK), Dialect())
    score = columns["Satisfaction Score"]
    # unoffered: never asked, so no response at all (None); offered: a non-answer
    assert score == ["Good", "Bad", "offered", None, "Good"]
    assert info["Satisfaction Score"].scale == _exports.GOOD_BAD
    assert info["Satisfaction Score"].non_answers == ("offered",)
    assert columns["Ticket ID"] == [101, 102, 103, 104, 105]
    # CSAT = share of good among the answers: 2 of 3
    answers = [v for v in score if v not in info["Satisfaction Score"].non_answers]
    estimate = satisfy.csat(answers, scale=info["Satisfaction Score"].scale, boxes=1)
    assert estimate.value == pytest.approx(200 / 3)
    assert estimate.n == 3


def test_helpdesk_api_words_and_lower_case_headers(tmp_path: Path) -> None:
    text = "ticket_id,score\n1,good\n2,unoffered\n3,bad_with_comment\n4,offered\n"
    assert _exports.detect(list(csv.reader(io.StringIO(text)))) == "help-desk"
    columns, _ = _exports.read_export("help-desk", write(tmp_path, text), Dialect())
    assert columns["score"] == ["Good", None, "Bad", "offered"]


def test_helpdesk_rating_off_the_vocabulary_names_the_line(tmp_path: Path) -> None:
    text = "Ticket ID,Satisfaction Score\n1,Good\n2,meh\n"
    with pytest.raises(satisfy.ReadError, match=r"line 3: 'Satisfaction Score' holds 'meh'"):
        _exports.read_export("help-desk", write(tmp_path, text), Dialect())


def test_zendesk_api_ratings_real_file() -> None:
    # A page of Zendesk's Satisfaction Ratings API as Zendesk's own Ruby client recorded it
    # from a Zendesk account (tests/data/README.md): 65 ratings, one good, 64 offered.
    path = DATA / "zendesk_satisfaction_ratings.json"
    survey = satisfy.read(path)
    assert survey.source == "help-desk"
    frame = survey.frame
    assert frame.shape == (65, 10)
    assert frame["score"].value_counts().to_dict() == {"offered": 64, "Good": 1}
    first = frame.iloc[0]
    assert (first["id"], first["ticket_id"], first["comment"]) == (20001907, 35, "Satisfaction!")
    assert first["created_at"] == dt.datetime(2012, 9, 7, 19, 4, 19, tzinfo=dt.timezone.utc)
    info = survey.columns["score"]
    assert info.non_answers == ("offered",)
    assert survey.scale("score").labels == ("Bad", "Good")
    # the offered surveys are non-answers: counted apart, never in CSAT
    spec = satisfy.TopBox("score", scale=survey.scale("score"), boxes=1)
    table = satisfy.summarize(frame, spec)
    row = table.iloc[0]
    assert (row["value"], row["n"], row["non_answers"], row["missing"]) == (100.0, 1, 64, 0)


def test_zendesk_api_pages_and_errors(tmp_path: Path) -> None:
    import json

    page = json.loads((DATA / "zendesk_satisfaction_ratings.json").read_text(encoding="utf-8"))
    two = tmp_path / "pages.json"
    two.write_text(json.dumps([page, page]), encoding="utf-8")
    assert satisfy.read(two, backend="polars").frame.shape == (130, 10)
    page["satisfaction_ratings"][3]["score"] = "meh"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(satisfy.ReadError, match=r"rating 4 \(id 20002162\): score 'meh'"):
        satisfy.read(bad)
    other = tmp_path / "other.json"
    other.write_text('[{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]', encoding="utf-8")
    plain = satisfy.read(other)
    assert plain.source == "json"
    assert plain.frame["x"].tolist() == [1, 2]
    with pytest.raises(satisfy.ReadError, match="satisfaction_ratings"):
        satisfy.read(other, format="help-desk")


# -- errors ------------------------------------------------------------------------------


def test_a_ragged_row_names_the_file_and_its_line(tmp_path: Path) -> None:
    # The real Google Forms export has answers over several lines: the error names the
    # line in the file where the bad record starts, not its record number.
    raw = (DATA / "google_forms_autistica.csv").read_text(encoding="utf-8")
    lines = raw.rstrip("\r\n").split("\n")
    n_records = len(list(csv.reader(io.StringIO(raw))))
    assert n_records < len(lines)
    path = write(tmp_path, raw.rstrip("\r\n") + "\n1/1/2020 10:00:00,Yes\n", name="forms.csv")
    with pytest.raises(satisfy.ReadError) as caught:
        _exports.read_export("google-forms", path, Dialect())
    message = str(caught.value)
    assert path in message
    assert f"line {len(lines) + 1}: this row has 2 cells where the header has 5" in message


def test_a_short_row_in_a_qualtrics_export(tmp_path: Path) -> None:
    lines = (DATA / "qualtrics_sample.csv").read_text(encoding="utf-8").splitlines()
    lines.append("2017-07-18 08:28:09,2017-07-18 08:28:48,0")
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(satisfy.ReadError, match=r"line 5: this row has 3 cells where the"):
        _exports.read_export("qualtrics", path, Dialect())


def test_a_qualtrics_export_missing_its_question_row(tmp_path: Path) -> None:
    lines = (DATA / "qualtrics_sample.csv").read_text(encoding="utf-8").splitlines()
    without_texts = [lines[0], *lines[2:]]
    path = write(tmp_path, "\n".join(without_texts) + "\n")
    with pytest.raises(satisfy.ReadError, match=r"line 2: the ImportId row comes where"):
        _exports.read_export("qualtrics", path, Dialect())
    names_and_data = [lines[0], lines[3]]
    path = write(tmp_path, "\n".join(names_and_data) + "\n", name="two.csv")
    with pytest.raises(satisfy.ReadError, match=r"line 2: column 'ResponseId' holds 'R_2YP"):
        _exports.read_export("qualtrics", path, Dialect())
    path = write(tmp_path, lines[0] + "\n", name="one.csv")
    with pytest.raises(satisfy.ReadError, match=r"line 2: a Qualtrics export has a row of"):
        _exports.read_export("qualtrics", path, Dialect())


def test_a_surveymonkey_export_missing_its_option_row(tmp_path: Path) -> None:
    lines = (DATA / "surveymonkey_star_wars.csv").read_text(encoding="cp1252").splitlines()
    path = write(tmp_path, "\n".join([lines[0], *lines[2:]]) + "\n")
    with pytest.raises(satisfy.ReadError, match=r"line 2: the second header row is missing"):
        _exports.read_export("surveymonkey", path, Dialect())


def test_an_unclosed_quote_names_the_line(tmp_path: Path) -> None:
    text = 'Ticket ID,Satisfaction Score,Comment\n1,Good,fine\n2,Bad,"never closed\n'
    with pytest.raises(satisfy.ReadError, match=r"export\.csv, line \d+: unexpected end of data"):
        _exports.read_export("help-desk", write(tmp_path, text), Dialect())


def test_a_wrong_encoding_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(satisfy.ReadError, match="not utf-8 text"):
        _exports.read_export("surveymonkey", str(DATA / "surveymonkey_star_wars.csv"), Dialect())


def test_absent_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(satisfy.ReadError, match="cannot open"):
        _exports.read_export("qualtrics", str(tmp_path / "none.csv"), Dialect())
    with pytest.raises(satisfy.ReadError, match="is empty"):
        _exports.read_export("qualtrics", write(tmp_path, ""), Dialect())


def test_an_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    with pytest.raises(satisfy.OptionError, match="'qualtrics', 'surveymonkey'"):
        _exports.read_export("typeform", write(tmp_path, "a\n1\n"), Dialect())


# -- values ------------------------------------------------------------------------------


def test_values_keep_leading_zeros_and_honour_the_decimal_comma(tmp_path: Path) -> None:
    text = (
        "Timestamp,Postcode of your store,Rating of the visit\n"
        '27/06/2024 10:00:00,0123,"4,5"\n28/06/2024 10:00:00,2200,"3,0"\n'
    )
    columns, _ = _exports.read_export("google-forms", write(tmp_path, text), Dialect(decimal=","))
    assert columns["Postcode of your store"] == ["0123", "2200"]
    assert columns["Rating of the visit"] == [4.5, 3.0]


def test_line_numbers_with_windows_line_ends_and_a_cell_over_lines(tmp_path: Path) -> None:
    text = (
        "Ticket ID,Satisfaction Score,Comment\r\n"
        '1,Good,"fine,\r\nreally"\r\n'
        "2,Bad,slow\r\n"
        "3,Good\r\n"
    )
    with pytest.raises(satisfy.ReadError, match=r"export\.csv, line 5: this row has 2 cells"):
        _exports.read_export("help-desk", write(tmp_path, text), Dialect())
