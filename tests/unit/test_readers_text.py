"""satisfy.read on delimited text: every part of the dialect detected and overridable,
text in European encodings kept letter for letter, decimal commas read as numbers, wrong
encodings refused with the file and line named (never read as mojibake), and the same
report from a Danish cp1252 semicolon file as from its clean UTF-8 twin."""

import gzip
import subprocess
import sys

import pytest

import satisfy

pd = pytest.importorskip("pandas")
pytest.importorskip("duckdb")
pytest.importorskip("charset_normalizer")

BACKENDS = ["pandas", "polars", "pyarrow", "duckdb"]
DANISH = ["Århus", "Køge", "Ærø", "Sønderborg", "Præstø"]
GERMAN = ["Straße", "Größe", "Übergröße", "weiß", "Äpfel"]
LATVIAN = ["Rīga", "Liepāja", "ļoti labi", "šodien", "žēl"]


def _write(path, rows, *, sep=",", encoding="utf-8", decimal="."):
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            text = str(cell)
            if isinstance(cell, float) and decimal == ",":
                text = text.replace(".", ",")
            if sep in text or '"' in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(sep.join(cells))
    data = ("\n".join(lines) + "\n").encode(encoding)
    if str(path).endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _survey_rows(towns, n=40):
    rows = [["town", "ltr", "weight"]]
    for i in range(n):
        rows.append([towns[i % len(towns)], i % 11, 0.5 + (i % 4) * 0.25])
    return rows


def _frame(survey):
    frame = survey.frame
    if type(frame).__module__.startswith("duckdb"):
        return frame.df()
    if hasattr(frame, "to_pandas"):
        return frame.to_pandas()
    return frame


# --- detection -------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
@pytest.mark.parametrize("decimal", [".", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_every_dialect_is_detected(tmp_path, sep, decimal, encoding):
    if sep == "," and decimal == ",":
        pytest.skip("a comma-separated file with decimal commas quotes them; see below")
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=sep, encoding=encoding,
                  decimal=decimal)  # fmt: skip
    survey = satisfy.read(path)
    # Danish letters are the same bytes in latin-1 and cp1252: the more used one is named
    found = "cp1252" if encoding == "latin-1" else encoding
    assert survey.dialect == satisfy.Dialect(
        separator=sep, decimal=decimal, encoding=found, quote='"', header=True
    )
    frame = survey.frame
    assert list(frame.columns) == ["town", "ltr", "weight"]
    assert frame["weight"].dtype.kind == "f"  # numbers, whatever the decimal mark
    assert frame["weight"].tolist()[:4] == [0.5, 0.75, 1.0, 1.25]
    assert frame["town"].tolist()[:5] == DANISH


def test_decimal_comma_in_a_comma_separated_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('town,weight\nKøge,"1,5"\nÅrhus,"0,25"\n', encoding="utf-8")
    survey = satisfy.read(path)
    assert survey.dialect.decimal == ","
    assert survey.frame["weight"].tolist() == [1.5, 0.25]


def test_thousands_with_commas_are_not_taken_for_decimals(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('town,count\nKøge,"1,500"\nÅrhus,"12,000"\n', encoding="utf-8")
    assert satisfy.read(path).dialect.decimal == "."


def test_dots_as_thousands_beside_decimal_commas_are_never_decimals(tmp_path):
    # 1.234 in a Danish file is 1234: read as text rather than as the number 1.234
    path = tmp_path / "a.csv"
    path.write_text("town;weight;count\nKøge;1,5;1.234\nÅrhus;2,5;2.000\nÆrø;2;3\n")
    survey = satisfy.read(path)
    assert survey.dialect.decimal == ","
    assert survey.frame["weight"].tolist() == [1.5, 2.5, 2.0]
    assert 1.234 not in survey.frame["count"].tolist()


def test_a_decimal_point_with_other_decimals_wins(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("town;weight;ratio\nKøge;1,5;0.25\nÅrhus;2,5;0.5\n")
    survey = satisfy.read(path)
    assert survey.dialect.decimal == "."
    assert survey.frame["ratio"].tolist() == [0.25, 0.5]
    assert survey.frame["weight"].tolist() == ["1,5", "2,5"]  # text: refused as weights


def test_a_file_without_a_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("9;Køge\n10;Århus\n3;Ærø\n", encoding="utf-8")
    survey = satisfy.read(path)
    assert survey.dialect.header is False
    assert len(survey.frame) == 3


# --- overrides -------------------------------------------------------------------------


def test_separator_override(tmp_path):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=";")
    survey = satisfy.read(path, sep="|")
    assert survey.dialect.separator == "|"
    assert list(survey.frame.columns) == ["town;ltr;weight"]


def test_decimal_override(tmp_path):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=";", decimal=",")
    survey = satisfy.read(path, decimal=".")
    assert survey.dialect.decimal == "."
    assert survey.frame["weight"].tolist()[:2] == ["0,5", "0,75"]  # as written: text


def test_encoding_override(tmp_path):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=";", encoding="cp1252")
    survey = satisfy.read(path, encoding="latin-1")
    assert survey.dialect.encoding == "latin-1"
    assert survey.frame["town"].tolist()[:5] == DANISH  # cp1252 and latin-1 agree on æøå


def test_overrides_on_every_backend(tmp_path):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=";", encoding="cp1252",
                  decimal=",")  # fmt: skip
    for backend in BACKENDS:
        survey = satisfy.read(path, backend=backend, sep=";", decimal=",", encoding="cp1252")
        frame = _frame(survey)
        assert frame["town"].tolist()[:5] == DANISH
        assert frame["weight"].tolist()[:2] == [0.5, 0.75]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("sep", ";;", "one character"),
        ("sep", "\n", "one character"),
        ("decimal", ";", r"'\.', ','"),
        ("encoding", "klingon", "unknown encoding 'klingon'"),
        ("backend", "spark", "'pandas', 'polars', 'pyarrow', 'duckdb'"),
        ("format", "xml", "'csv', 'excel'"),
        ("sheet", "Sheet1", "not a workbook"),
    ],
)
def test_bad_options(tmp_path, option, value, message):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH))
    with pytest.raises(satisfy.SatisfyError, match=message):
        satisfy.read(path, **{option: value})


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("towns", "encoding"),
    [(DANISH, "cp1252"), (GERMAN, "cp1252"), (DANISH, "latin-1"), (LATVIAN, "utf-8"),
     (GERMAN, "utf-8-sig"), (LATVIAN, "cp1257")],
)  # fmt: skip
def test_letters_survive(tmp_path, towns, encoding):
    path = _write(tmp_path / "a.csv", _survey_rows(towns), sep=";", encoding=encoding)
    survey = satisfy.read(path, encoding=encoding)
    assert survey.frame["town"].tolist()[:5] == towns
    assert list(survey.frame.columns) == ["town", "ltr", "weight"]  # no byte-order mark


def test_cp1252_round_trip_of_the_danish_letters(tmp_path):
    letters = "æøåÆØÅ"
    path = tmp_path / "a.csv"
    path.write_bytes(f"name;n\n{letters};1\n".encode("cp1252"))
    for encoding in (None, "cp1252"):
        survey = satisfy.read(path, encoding=encoding)
        assert survey.dialect.encoding == "cp1252"
        assert survey.frame["name"].tolist() == [letters]
        assert survey.frame["name"].tolist()[0].encode("cp1252") == letters.encode("cp1252")


def test_cp1252_signs_latin1_lacks(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("pris;hvad\n10 €;„Ærø“ – æøå\n".encode("cp1252"))  # noqa: RUF001  # an en dash, as cp1252 has it
    survey = satisfy.read(path)
    assert survey.dialect.encoding == "cp1252"
    assert survey.frame["hvad"].tolist() == ["„Ærø“ – æøå"]  # noqa: RUF001  # an en dash, as cp1252 has it


def test_gzipped_cp1252(tmp_path):
    path = _write(tmp_path / "a.csv.gz", _survey_rows(DANISH), sep=";", encoding="cp1252",
                  decimal=",")  # fmt: skip
    survey = satisfy.read(path)
    assert survey.dialect == satisfy.Dialect(";", ",", "cp1252")
    assert survey.frame["town"].tolist()[:5] == DANISH


def test_utf8_override_on_a_cp1252_file_names_the_file_and_line(tmp_path):
    rows = [["town", "ltr"], ["Roskilde", 9], ["Køge", 10]]
    path = _write(tmp_path / "dk.csv", rows, sep=";", encoding="cp1252")
    with pytest.raises(satisfy.ReadError, match=r"dk\.csv.*not UTF-8.*line 3"):
        satisfy.read(path, encoding="utf-8")


def test_single_byte_override_on_a_utf8_file_is_refused_not_garbled(tmp_path):
    rows = [["town", "ltr"], ["Roskilde", 9], ["Køge", 10]]
    path = _write(tmp_path / "dk.csv", rows, sep=";", encoding="utf-8")
    with pytest.raises(satisfy.ReadError, match=r"dk\.csv.*is UTF-8.*line 3.*'ø'"):
        satisfy.read(path, encoding="cp1252")


def test_a_byte_cp1252_does_not_use_names_the_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"town;ltr\nA;9\nB\x81;10\n")
    with pytest.raises(satisfy.ReadError, match=r"not cp1252: line 3 has the byte 0x81"):
        satisfy.read(path, encoding="cp1252")


def test_cp1252_past_the_sample_is_a_read_error_with_the_line(tmp_path):
    # the first MB is ASCII, so the file is taken for UTF-8; the Danish line comes later
    head = "".join(f"Roskilde;{i % 11}\n" for i in range(120_000))
    path = tmp_path / "late.csv"
    path.write_bytes(("town;ltr\n" + head + "Køge;10\n").encode("cp1252"))
    assert len(head) > 1 << 20
    with pytest.raises(satisfy.ReadError, match=r"late\.csv.*not UTF-8.*line 120002"):
        satisfy.read(path)
    survey = satisfy.read(path, encoding="cp1252")
    assert survey.frame["town"].tolist()[-1] == "Køge"


# --- numbers and reports ---------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_danish_cp1252_file_gives_the_report_of_its_clean_twin(tmp_path, backend):
    rows = _survey_rows(DANISH, n=200)
    clean = _write(tmp_path / "clean.csv", rows)
    danish = _write(tmp_path / "danish.csv", rows, sep=";", encoding="cp1252", decimal=",")
    spec = satisfy.NPS("ltr")
    want = satisfy.summarize(satisfy.read(clean).frame, spec, by="town", weights="weight")
    survey = satisfy.read(danish, backend=backend)
    got = satisfy.summarize(survey.frame, spec, by="town", weights="weight")
    got = _frame(satisfy.Survey(got, {}, "csv", "")).sort_values("town").reset_index(drop=True)
    want = want.sort_values("town").reset_index(drop=True)
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)


def test_a_late_cell_that_is_not_a_number_is_read_as_text(tmp_path):
    body = "".join(f"{i % 11}\n" for i in range(30_000))
    path = tmp_path / "a.csv"
    path.write_text("ltr\n" + body + "meh\n")
    survey = satisfy.read(path)
    assert survey.frame["ltr"].tolist()[-1] == "meh"
    with pytest.raises(satisfy.InvalidScoreError, match=r"meh"):
        satisfy.summarize(survey.frame, satisfy.NPS("ltr"))


def test_repeated_header_names_are_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ltr;ltr\n9;10\n")
    with pytest.raises(satisfy.ColumnError, match=r"more than once: 'ltr'"):
        satisfy.read(path)


def test_columns_option(tmp_path):
    path = _write(tmp_path / "a.csv", _survey_rows(DANISH), sep=";")
    survey = satisfy.read(path, columns=["ltr"], backend="duckdb")
    assert survey.frame.columns == ["ltr"]
    assert list(survey.columns) == ["ltr"]
    with pytest.raises(satisfy.ColumnError, match=r"no column 'nps'; .* 'town', 'ltr'"):
        satisfy.read(path, columns=["nps"])


def test_missing_file():
    with pytest.raises(satisfy.ReadError, match=r"no file 'nowhere.csv'"):
        satisfy.read("nowhere.csv")


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_parquet_and_json_lines(tmp_path, suffix):
    frame = pd.DataFrame({"town": DANISH * 2, "ltr": list(range(10))})
    path = tmp_path / f"a{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    survey = satisfy.read(path)
    assert survey.source == suffix.strip(".").replace("jsonl", "json")
    assert survey.frame["town"].tolist() == DANISH * 2
    lazy = satisfy.read(path, backend="duckdb", columns=["ltr"])
    table = satisfy.summarize(lazy.frame, satisfy.NPS("ltr"))
    assert _frame(satisfy.Survey(table, {}, "", ""))["n"].tolist() == [10]


def test_survey_without_the_files_extra(tmp_path):
    """satisfy imports without pyreadstat, calamine and charset-normalizer, and reading a
    file that needs one names the extra."""
    sav = tmp_path / "a.sav"
    sav.write_bytes(b"$FL2")
    code = f"""
import sys
for name in ("pyreadstat", "python_calamine", "charset_normalizer"):
    sys.modules[name] = None
import satisfy
try:
    satisfy.read({str(sav)!r})
except satisfy.DependencyError as exc:
    print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert "needs pyreadstat" in out.stdout
    assert ".[files]" in out.stdout


@pytest.mark.parametrize(
    ("towns", "encoding"),
    [
        (["ÄÅ", "Århus", "Ærø"], "cp1252"),  # cp1250 would read Å as Ĺ
        (["Łódź", "Kraków", "Gdańsk", "Świętochłowice"], "cp1250"),  # cp1252: £ódŸ
    ],
)
def test_the_encoding_is_the_one_that_reads_as_words(tmp_path, towns, encoding):
    path = _write(tmp_path / "a.csv", [["town", "n"], *[[t, 1] for t in towns]], sep=";",
                  encoding=encoding)  # fmt: skip
    survey = satisfy.read(path)
    assert survey.dialect.encoding == encoding
    assert survey.frame["town"].tolist() == towns


DANISH_CSAT = ["Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds",
               "Meget tilfreds"]  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_danish_labels_in_cp1252_report_as_the_numeric_twin(tmp_path, backend):
    """The issue's acceptance: a semicolon, decimal-comma, cp1252 Danish file with its
    answers as Danish labels gives the report of its clean UTF-8 numeric twin."""
    rows = [(DANISH[i % 5], 1 + (i * 7) % 5, 0.5 + (i % 4) * 0.25) for i in range(250)]
    clean = _write(tmp_path / "clean.csv", [["butik", "sat", "weight"], *rows])
    labelled = [(town, DANISH_CSAT[score - 1], w) for town, score, w in rows]
    danish = _write(tmp_path / "danish.csv", [["butik", "sat", "weight"], *labelled], sep=";",
                    encoding="cp1252", decimal=",")  # fmt: skip
    spec = satisfy.CSAT("sat")
    want = satisfy.summarize(satisfy.read(clean).frame, spec, by="butik", weights="weight")
    survey = satisfy.read(danish, backend=backend)
    assert survey.dialect == satisfy.Dialect(";", ",", "cp1252")
    got = satisfy.summarize(survey.frame, spec, by="butik", weights="weight")
    got = _frame(satisfy.Survey(got, {}, "csv", "")).sort_values("butik").reset_index(drop=True)
    want = want.sort_values("butik").reset_index(drop=True)
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)
