"""satisfy.read on real public files (tests/data, sources and licences in its README):
SPSS, Stata and SAS files from pyreadstat's and haven's test data, workbooks from readxl's
and python-calamine's. Expected values are what those projects' own tests and the files'
CSV twins say the files hold (pyreadstat's test_data/basic/sample.csv)."""

import datetime as dt
import math
from pathlib import Path

import pytest

import satisfy

pytest.importorskip("pyreadstat")
pytest.importorskip("python_calamine")
pd = pytest.importorskip("pandas")

DATA = Path(__file__).resolve().parent.parent / "data"
BACKENDS = ["pandas", "polars", "pyarrow", "duckdb"]


def _columns(frame):
    """Any backend's frame as a dict of lists (None for missing)."""
    import narwhals as nw

    native = frame
    if type(frame).__module__.startswith("duckdb"):
        native = frame.to_arrow_table()
    table = nw.from_native(native, eager_only=True)
    out = {}
    for name in table.columns:
        values = table.get_column(name).to_list()
        out[name] = [
            None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values
        ]
    return out


# --- SPSS / Stata / SAS ----------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", ["pyreadstat-sample.sav", "pyreadstat-sample.zsav"])
def test_spss_sample_values_questions_labels_and_scales(name, backend):
    survey = satisfy.read(DATA / name, backend=backend)
    assert survey.source == "spss"
    assert survey.dialect is None
    data = _columns(survey.frame)
    # pyreadstat's test_data/basic/sample.csv, the same data as text
    assert data["mychar"] == ["a", "b", "c", "d", "e"]
    assert data["mynum"] == pytest.approx([1.1, 1.2, -1000.3, -1.4, 1000.3])
    assert data["myord"] == [1, 2, 3, 1, 1]
    assert data["mylabl"] == [1, 2, 1, 2, 1]
    assert data["mydate"][0] in (dt.date(2018, 5, 6), dt.datetime(2018, 5, 6))
    assert data["mydate"][4] is None
    info = survey.columns["myord"]
    assert info.question == "ordinal"
    assert dict(info.labels) == {1: "low", 2: "medium", 3: "high"}
    assert info.non_answers == ()
    assert (info.scale.low, info.scale.high) == (1, 3)
    assert info.scale.labels == ("low", "medium", "high")
    assert info.scale.question == "ordinal"
    assert survey.scale("myord") is info.scale
    assert survey.columns["mynum"].scale is None
    assert survey.columns["mychar"].question == "character"


def test_stata_sample_matches_spss():
    sav = satisfy.read(DATA / "pyreadstat-sample.sav")
    dta = satisfy.read(DATA / "pyreadstat-sample.dta")
    assert dta.source == "stata"
    assert _columns(dta.frame)["myord"] == _columns(sav.frame)["myord"]
    assert dta.columns["myord"].scale == sav.columns["myord"].scale
    assert dict(dta.columns["mylabl"].labels) == {1: "Male", 2: "Female"}


@pytest.mark.parametrize("name", ["pyreadstat-sample.sas7bdat", "pyreadstat-sample.xpt"])
def test_sas_files_read_without_labels(name):
    survey = satisfy.read(DATA / name)
    assert survey.source == "sas"
    data = _columns(survey.frame)
    key = "myord" if "myord" in data else "MYORD"
    assert data[key] == [1, 2, 3, 1, 1]
    assert all(info.labels == {} for info in survey.columns.values())


def test_spss_user_missing_values_are_non_answers_kept_in_the_data():
    # haven's labelled-num-na.sav: 1 "This is one", and 9 declared user-missing
    survey = satisfy.read(DATA / "haven-labelled-num-na.sav")
    info = survey.columns["VAR00002"]
    assert info.question == "Only one value"
    assert info.non_answers == (9,)
    assert dict(info.labels) == {1: "This is one"}
    assert info.scale is None  # one labelled code is not a range
    assert _columns(survey.frame)["VAR00002"] == [1, 9]


def test_spss_user_missing_code_with_a_label():
    survey = satisfy.read(DATA / "pyreadstat-missing_test.sav")
    info = survey.columns["var1"]
    assert info.non_answers == (1,)
    assert dict(info.labels) == {1: "missing"}


def test_spss_labels_in_german_survive_and_make_the_scale():
    survey = satisfy.read(DATA / "haven-umlauts.sav", backend="polars")
    info = survey.columns["var1"]
    assert info.question == "This is an ä-umlaut"
    assert info.scale.labels == ("the ä umlaut", "the ü umlaut", "the ö umlaut")
    # the file's scale serves a metric directly; mean of 1, 2, 1, 3
    table = satisfy.summarize(survey.frame, satisfy.Mean("var1", scale=survey.scale("var1")))
    assert table["value"].to_list() == [pytest.approx(1.75)]


def test_stata_extended_missing_values_are_listed_as_non_answers():
    # haven's tagged-na-int.dta: 1-5, then .a, .h, .z; labels a "apple", z ".zebra"
    survey = satisfy.read(DATA / "haven-tagged-na-int.dta", backend="pyarrow")
    info = survey.columns["x"]
    assert info.non_answers == (".a", ".h", ".z")
    assert dict(info.labels) == {".a": "apple", ".z": ".zebra"}
    assert _columns(survey.frame)["x"] == [1, 2, 3, 4, 5, None, None, None]


def test_columns_option_reads_only_those():
    survey = satisfy.read(DATA / "pyreadstat-sample.sav", columns=["myord", "mylabl"])
    assert list(survey.frame.columns) == ["myord", "mylabl"]
    assert list(survey.columns) == ["myord", "mylabl"]
    with pytest.raises(satisfy.ColumnError, match=r"no column 'nope'.*'myord'"):
        satisfy.read(DATA / "pyreadstat-sample.sav", columns=["nope"])


# --- workbooks ---------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", ["readxl-datasets.xlsx", "readxl-datasets.xls"])
def test_workbook_first_sheet_by_default_numbers_and_text(name, backend):
    survey = satisfy.read(DATA / name, backend=backend)
    assert survey.source == "excel"
    data = _columns(survey.frame)
    # R's mtcars: 32 cars, sum(mtcars$mpg) is 642.9, head(mtcars$cyl, 3) is 6 6 4
    assert list(data)[:4] == ["mpg", "cyl", "disp", "hp"]
    assert len(data["mpg"]) == 32
    assert sum(data["mpg"]) == pytest.approx(642.9)
    assert data["cyl"][:3] == [6, 6, 4]
    chicks = _columns(satisfy.read(DATA / name, backend=backend, sheet="chickwts").frame)
    # R's chickwts: 71 chicks on six feeds
    assert len(chicks["feed"]) == 71
    assert set(chicks["feed"]) == {
        "horsebean", "linseed", "soybean", "sunflower", "meatmeal", "casein"
    }  # fmt: skip


@pytest.mark.parametrize("sheet", ["quakes", 2, -1])
def test_workbook_sheet_by_name_or_position(sheet):
    survey = satisfy.read(DATA / "readxl-datasets.xlsx", sheet=sheet)
    assert survey.frame.shape == (1000, 5)  # R: dim(quakes)
    assert survey.frame["stations"].tolist()[:3] == [41, 15, 43]  # R: head(quakes$stations, 3)


def test_workbook_unknown_sheet_lists_the_sheets():
    with pytest.raises(satisfy.OptionError, match=r"'mtcars', 'chickwts', 'quakes'"):
        satisfy.read(DATA / "readxl-datasets.xlsx", sheet="Tabelle1")
    with pytest.raises(satisfy.OptionError, match=r"3 sheets"):
        satisfy.read(DATA / "readxl-datasets.xlsx", sheet=7)


def test_ods_dates_numbers_and_an_empty_sheet():
    survey = satisfy.read(DATA / "calamine-base.ods")
    # the sheet's one row is its header: the names keep the cells as written
    assert list(survey.frame.columns)[:3] == ["String", "1", "1.1"]
    assert len(survey.frame) == 0
    with pytest.raises(satisfy.ReadError, match=r"'Sheet2'.*empty"):
        satisfy.read(DATA / "calamine-base.ods", sheet="Sheet2")


def test_workbook_options_of_text_files_are_refused():
    with pytest.raises(satisfy.OptionError, match=r"sep=';'.*not delimited text"):
        satisfy.read(DATA / "readxl-datasets.xlsx", sep=";")
    with pytest.raises(satisfy.OptionError, match=r"sheet='mtcars'.*not a workbook"):
        satisfy.read(DATA / "pyreadstat-sample.sav", sheet="mtcars")


def test_a_file_that_is_not_its_format_is_a_read_error(tmp_path):
    fake = tmp_path / "answers.xlsx"
    fake.write_text("ltr\n9\n")
    with pytest.raises(satisfy.ReadError, match=r"answers.xlsx.*workbook"):
        satisfy.read(fake)
    fake = tmp_path / "answers.sav"
    fake.write_text("ltr\n9\n")
    with pytest.raises(satisfy.ReadError, match=r"answers.sav.*SPSS"):
        satisfy.read(fake)
