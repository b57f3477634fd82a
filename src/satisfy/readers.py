"""Reading the files people have: CSV and TSV in any dialect, workbooks, SPSS / Stata / SAS
files and survey-platform exports, as a dataframe of the user's engine plus what the file
says about each column (question text, scale, value labels).

Which reader reads what:

- delimited text (``.csv``, ``.tsv``, ``.txt``, gzipped too): DuckDB, lazily, the dialect
  and encoding detected (see :mod:`satisfy._files` for how and why);
- Parquet and JSON lines: DuckDB, lazily;
- workbooks (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``): python-calamine (Rust's
  calamine: one reader for every workbook format, many times faster than openpyxl);
- SPSS (``.sav``, ``.zsav``, ``.por``), Stata (``.dta``) and SAS (``.sas7bdat``,
  ``.xpt``): pyreadstat (the ReadStat C library, which R's haven uses too);
- survey-platform exports: recognised from a delimited file's first rows (``_exports``).

The readers other than DuckDB's are eager (these files are read whole by their libraries)
and give plain columns, made into the engine's frame at the end.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, get_args

import attrs

from . import _exports, _files
from ._fileinfo import ColumnInfo, Dialect
from .errors import ColumnError, OptionError, ReadError, ScaleError
from .scales import Scale

__all__ = ["ColumnInfo", "Dialect", "Survey", "read"]

#: What ``read(format=...)`` accepts; None detects it from the suffix and the content.
Format = Literal[
    "csv",
    "excel",
    "spss",
    "stata",
    "sas",
    "parquet",
    "json",
    "qualtrics",
    "surveymonkey",
    "google-forms",
    "help-desk",
]

#: The engines ``read(backend=...)`` returns; "duckdb" gives a lazy relation (the file is
#: streamed when the relation is aggregated), the others an eager frame.
Backend = Literal["pandas", "polars", "pyarrow", "duckdb"]


@attrs.frozen
class Survey:
    """A file read by :func:`read`: the answers as a dataframe, and per column what the
    file says about it.

    Attributes
    ----------
    frame : dataframe
        The answers, one row per response, as the engine asked for.
    columns : mapping of str to ColumnInfo
        Per column of ``frame``, its question, scale and labels.
    source : str
        The format read (``"csv"``, ``"qualtrics"``, ...).
    path : str
        The file.
    dialect : Dialect or None
        For delimited text, how it was written.

    Examples
    --------
    >>> import satisfy
    >>> survey = satisfy.Survey(
    ...     frame={"ltr": [9, 10]},
    ...     columns={"ltr": satisfy.ColumnInfo("ltr", scale=satisfy.scales.NPS)},
    ...     source="csv",
    ...     path="answers.csv",
    ... )
    >>> survey.scale("ltr")
    Scale(NPS: 0-10)
    """

    frame: Any
    columns: Mapping[str, ColumnInfo]
    source: str
    path: str
    dialect: Dialect | None = None

    def scale(self, column: str) -> Scale:
        """The scale the file gives ``column``.

        Raises
        ------
        ColumnError
            If the file says nothing of the column's scale.
        """
        info = self.columns.get(column)
        if info is None:
            raise ColumnError(f"no column {column!r} in {self.path}")
        if info.scale is None:
            raise ColumnError(f"{self.path} gives no scale for column {column!r}")
        return info.scale


_BACKENDS: tuple[str, ...] = get_args(Backend)
_FORMATS: tuple[str, ...] = get_args(Format)
_SUFFIXES = {
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xlsb": "excel",
    ".xls": "excel",
    ".ods": "excel",
    ".sav": "spss",
    ".zsav": "spss",
    ".por": "spss",
    ".dta": "stata",
    ".sas7bdat": "sas",
    ".xpt": "sas",
}
#: widest span of whole-number codes taken for a rating scale
_WIDEST = 100


def read(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    backend: Backend = "pandas",
    columns: Sequence[str] | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> Survey:
    """Read a file of answers: a dataframe of your engine, and what the file says about
    each column (question text, scale, value labels, non-answer codes).

    Parameters
    ----------
    path : str or path-like
        The file. Its format is taken from the suffix: ``.csv``, ``.tsv``, ``.txt`` (and
        any other name) delimited text, gzipped or not; ``.xlsx``, ``.xlsm``, ``.xlsb``,
        ``.xls``, ``.ods`` workbooks; ``.sav``, ``.zsav``, ``.por`` SPSS; ``.dta`` Stata;
        ``.sas7bdat``, ``.xpt`` SAS; ``.parquet``; ``.jsonl`` / ``.ndjson`` JSON lines,
        ``.json`` (records, or a page of Zendesk's Satisfaction Ratings API, read as a
        help-desk export). A delimited file whose first rows have the layout of a survey
        platform's export (Qualtrics, SurveyMonkey, Google Forms, help-desk) is read as
        that export.
    format : str, optional
        The format, when the suffix does not say it (or to read a platform's export as
        plain CSV: ``format="csv"``): one of ``"csv"``, ``"excel"``, ``"spss"``,
        ``"stata"``, ``"sas"``, ``"parquet"``, ``"json"``, ``"qualtrics"``,
        ``"surveymonkey"``, ``"google-forms"``, ``"help-desk"``.
    backend : {"pandas", "polars", "pyarrow", "duckdb"}
        The engine of :attr:`Survey.frame`. ``"duckdb"`` gives a lazy relation: a
        delimited, Parquet or JSON lines file is only read when the relation is
        aggregated (by ``summarize``, ``trend``, ``tally_frame``), streaming, in bounded
        memory; the other engines get the whole file in memory.
    columns : sequence of str, optional
        Only these columns (all by default).
    sep, decimal, encoding : str, optional
        For delimited text, the field separator (``","``, ``";"``, ``"\\t"``, ``"|"``),
        the decimal mark (``"."`` or ``","``) and the text encoding (``"utf-8"``,
        ``"utf-8-sig"``, ``"cp1252"``, ``"latin-1"``, any Python codec): each is detected
        unless given. ``encoding`` also serves SPSS and Stata files that do not say
        their own.
    sheet : str or int, optional
        For a workbook, the sheet's name or 0-based position (the first by default).

    Returns
    -------
    Survey
        ``frame``, ``columns`` (a :class:`ColumnInfo` per column), ``source`` (the format
        read), ``path`` and, for delimited text, ``dialect``.

    Raises
    ------
    ReadError
        The file is absent or cannot be read in its format: an encoding that does not
        fit (naming the line), a workbook without the sheet, a damaged file.
    ColumnError
        A column in ``columns`` is not in the file, or the header names a column twice.
    OptionError
        An option that does not apply (``sheet=`` for a CSV file, ``sep=`` for a
        workbook) or is not one of the accepted values.
    DependencyError
        The file's reader is not installed (the ``files`` extra), or the engine asked
        for is not.

    Notes
    -----
    Delimited text: the separator, quoting and header row are detected by DuckDB's
    sniffer, a decimal comma from the data (``3,5`` among the numbers), the encoding by
    trying UTF-8 and then charset-normalizer; text that is not UTF-8 is transcoded to a
    temporary UTF-8 file chunk by chunk, so memory stays bounded for any size. With
    ``backend="duckdb"`` the types of the columns come from the first 20,480 rows: a
    later cell that is not of its column's type stops the query with DuckDB's
    conversion error (the ``satisfy`` command then reads that column again as text; the
    eager engines do so here).

    Workbooks: the first row names the columns; numbers, dates and text keep their
    types; a column that mixes numbers and text is text (``"7"`` is still the answer 7
    to the library); blank rows are left out.

    SPSS, Stata, SAS: the variable label is the question; value labels are
    :attr:`ColumnInfo.labels`; SPSS user-missing values (``99 "Don't know"``) stay in
    the data and are listed in :attr:`ColumnInfo.non_answers`; Stata's and SAS's
    extended missing values (``.a`` to ``.z``) are missing in the frame and listed in
    ``non_answers``. When the labelled codes of a column (non-answers left out) run
    over whole numbers, lowest to highest (a labelled 0-10 or 1-5 item), the column
    gets a :class:`~satisfy.Scale` of that range, with the labels when every point has
    one and they are words (labels such as ``"1"`` or ``"0 Not at all"``, which read
    as numbers, stay in ``labels`` only): a labelled 0-10 item is ready for
    :class:`~satisfy.NPS`, a labelled 1-5 item for :class:`~satisfy.CSAT`.

    Examples
    --------
    A Danish export: semicolons, decimal commas, cp1252.

    >>> import pathlib, tempfile
    >>> import satisfy
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> text = "butik;anbefaling;vægt\\nÅrhus;9;1,5\\nKøge;10;0,5\\nÅrhus;3;1\\n"
    >>> _ = (folder / "svar.csv").write_bytes(text.encode("cp1252"))
    >>> survey = satisfy.read(folder / "svar.csv")
    >>> survey.dialect
    Dialect(separator=';', decimal=',', encoding='cp1252', quote='"', header=True)
    >>> survey.frame
       butik  anbefaling  vægt
    0  Århus           9   1.5
    1   Køge          10   0.5
    2  Århus           3   1.0
    >>> table = satisfy.summarize(survey.frame, satisfy.NPS("anbefaling"), weights="vægt")
    >>> table[["metric", "value", "low", "high", "n"]].round(1)
                metric  value   low  high  n
    0  NPS(anbefaling)   33.3 -60.4  85.8  3

    Any option can be given instead of detected:

    >>> satisfy.read(folder / "svar.csv", encoding="latin-1", backend="polars").frame.shape
    (3, 3)
    """
    name = str(path)
    _check_options(format=format, backend=backend, sep=sep, decimal=decimal, sheet=sheet)
    file = Path(name)
    if not file.is_file():
        raise ReadError(f"no file {name!r}")
    wanted = None if columns is None else _wanted(columns)
    kind: str = format if format is not None else _SUFFIXES.get(file.suffix.lower(), "")
    kind = kind or _files.kind_of(file)
    ratings_json = file.suffix.lower() == ".json" and (
        kind == "help-desk" or (format is None and _exports.is_helpdesk_json(name))
    )
    if file.suffix.lower() == ".json" and format is None and not ratings_json:
        kind = "json"
    delimited = (kind == "csv" or kind in _exports.KINDS) and not ratings_json
    if not delimited:
        for option, value in (("sep", sep), ("decimal", decimal)):
            if value is not None:
                raise OptionError(
                    option, value, accepted=f"{name} is not delimited text ({kind}); leave it out"
                )
        if encoding is not None and kind not in ("spss", "stata"):
            raise OptionError(
                "encoding", encoding, accepted=f"{name} ({kind}) says its own; leave it out"
            )
    if sheet is not None and kind != "excel":
        raise OptionError("sheet", sheet, accepted=f"{name} is not a workbook; leave it out")
    if kind == "excel":
        plain, infos = _read_workbook(file, sheet)
        return _eager(plain, infos, wanted, backend, "excel", name, None)
    if kind in ("spss", "stata", "sas"):
        plain, infos = _read_statistical(file, kind, encoding, wanted)
        return _eager(plain, infos, wanted, backend, kind, name, None)
    if ratings_json:
        plain, infos = _exports.read_helpdesk_json(name)
        return _eager(plain, infos, wanted, backend, "help-desk", name, None)
    if kind in ("parquet", "json"):
        con = _files.connect()
        relation = _files.open_relation(con, name, kind)
        return _lazy(relation, None, wanted, backend, kind, name, None)
    dialect, text, rows = _files.sniff(name, sep=sep, decimal=decimal, encoding=encoding)
    export = kind if kind in _exports.KINDS else None
    if export is None and format is None:
        export = _exports.detect(rows[:50])
    if export is not None:
        plain, infos = _exports.read_export(export, name, dialect)
        return _eager(plain, infos, wanted, backend, export, name, dialect)
    con = _files.connect()

    def reopen(as_text: Sequence[str]) -> Any:
        return _files.open_relation(con, name, "csv", dialect=dialect, text=text, as_text=as_text)

    return _lazy(reopen(()), reopen, wanted, backend, "csv", name, dialect)


def reopen_as_text(survey: Survey, as_text: Sequence[str]) -> Any:
    """A delimited file's relation again (``survey.frame`` read by ``backend="duckdb"``),
    with the columns ``as_text`` read as text: for a column whose type, guessed from the
    first rows, meets a later cell it cannot convert. The file is not sniffed again; its
    dialect is ``survey.dialect``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import satisfy
    >>> from satisfy.readers import reopen_as_text
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
    >>> _ = file.write_text("ltr\\n9\\n10\\n")
    >>> survey = satisfy.read(file, backend="duckdb")
    >>> reopen_as_text(survey, ["ltr"]).types
    [VARCHAR]
    """
    if survey.dialect is None or survey.source != "csv":
        raise ReadError(f"{survey.path} is not delimited text; its columns carry their types")
    dialect = survey.dialect
    text = _files.TextFile(Path(survey.path), dialect.encoding)
    relation = _files.open_relation(
        _files.connect(), survey.path, "csv", dialect=dialect, text=text, as_text=as_text
    )
    return _files.select(relation, survey.path, list(survey.columns))


def _check_options(
    *,
    format: str | None,
    backend: str,
    sep: str | None,
    decimal: str | None,
    sheet: str | int | None,
) -> None:
    if format is not None and format not in _FORMATS:
        raise OptionError("format", format, _FORMATS)
    if backend not in _BACKENDS:
        raise OptionError("backend", backend, _BACKENDS)
    if sep is not None and not _one_character(sep):
        raise OptionError("sep", sep, accepted='give one character, such as ",", ";", "\\t", "|"')
    if decimal is not None and decimal not in (".", ","):
        raise OptionError("decimal", decimal, (".", ","))
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, str | int)):
        raise OptionError("sheet", sheet, accepted="give a sheet's name or 0-based position")


def _one_character(value: object) -> bool:
    return isinstance(value, str) and len(value) == 1 and value not in "\r\n\"'"


def _wanted(columns: Sequence[Any]) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    out = list(dict.fromkeys(columns))
    bad = [c for c in out if not isinstance(c, str)]
    if bad:
        raise OptionError("columns", columns, accepted="give column names (text)")
    return out


def _lazy(
    relation: Any,
    reopen: Any,
    wanted: list[str] | None,
    backend: str,
    source: str,
    name: str,
    dialect: Dialect | None,
) -> Survey:
    """A DuckDB relation as the engine's frame: kept lazy for "duckdb", else fetched (a
    column whose late cell does not convert read again as text)."""
    import duckdb

    names = list(relation.columns) if wanted is None else wanted
    frame = _files.select(relation, name, names)
    infos = {c: ColumnInfo(c) for c in names}
    if backend != "duckdb":
        text: list[str] = []
        while True:
            try:
                frame = _fetch(frame, backend)
                break
            except duckdb.ConversionException as exc:
                column = _files.failed_column(exc)
                if column is None or column in text or reopen is None:
                    raise _files.read_error(name, exc) from None
                text.append(column)
                frame = _files.select(reopen(text), name, names)
            except duckdb.Error as exc:
                encoding = dialect.encoding if dialect else "utf-8"
                raise _files.read_error(name, exc, encoding) from None
    return Survey(frame=frame, columns=infos, source=source, path=name, dialect=dialect)


def _fetch(relation: Any, backend: str) -> Any:
    if backend == "pandas":
        _engine("pandas")
        return relation.df()
    if backend == "polars":
        _engine("polars")
        return relation.pl()
    _engine("pyarrow")
    if hasattr(relation, "to_arrow_table"):
        return relation.to_arrow_table()
    table = relation.arrow()
    return table.read_all() if hasattr(table, "read_all") else table


def _engine(name: str) -> Any:
    import importlib

    from .errors import DependencyError

    try:
        return importlib.import_module(name)
    except ImportError:
        raise DependencyError(
            f"backend={name!r} needs {name}, which is not installed: pip install {name}"
        ) from None


def _eager(
    plain: Mapping[str, Sequence[Any]],
    infos: Mapping[str, ColumnInfo],
    wanted: list[str] | None,
    backend: str,
    source: str,
    name: str,
    dialect: Dialect | None,
) -> Survey:
    """Plain columns (a list per column) as the engine's frame."""
    present = list(plain)
    names = present if wanted is None else wanted
    missing = [c for c in names if c not in plain]
    if missing:
        raise ColumnError(f"no column {missing[0]!r}; {name} has {', '.join(map(repr, present))}")
    columns = {c: _plain_column(list(plain[c])) for c in names}
    info = {c: infos.get(c) or ColumnInfo(c) for c in names}
    return Survey(
        frame=_frame(columns, backend), columns=info, source=source, path=name, dialect=dialect
    )


def _frame(columns: dict[str, list[Any]], backend: str) -> Any:
    if backend == "pandas":
        pd = _engine("pandas")
        return pd.DataFrame(columns)
    if backend == "polars":
        pl = _engine("polars")
        return pl.DataFrame(columns)
    if backend == "pyarrow":
        pa = _engine("pyarrow")
        return pa.table(columns)
    con = _files.connect()
    try:
        arrow = _engine("pyarrow")
    except ImportError:
        pd = _engine("pandas")
        return con.from_df(pd.DataFrame(columns))
    return con.from_arrow(arrow.table(columns))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plain_column(values: list[Any]) -> list[Any]:
    """One type per column, as every engine needs: blanks and NaN as None; numbers as
    int when all are whole, else float; dates with datetimes as datetimes; a column
    mixing kinds (numbers and text) as text, numbers written as they read (7, not 7.0)."""
    out = [None if _missing(v) else v for v in values]
    present = [v for v in out if v is not None]
    if not present:
        return out
    kinds = {_kind(v) for v in present}
    if kinds == {"number"}:
        if all(float(v).is_integer() and abs(v) < 2**53 for v in present):
            return [None if v is None else int(v) for v in out]
        return [None if v is None else float(v) for v in out]
    if kinds == {"date", "datetime"}:
        return [
            v if v is None or isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time())
            for v in out
        ]
    if len(kinds) == 1:
        return out
    return [None if v is None else _as_text(v) for v in out]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if _is_number(value):
        return "number"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    return type(value).__name__


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _code(value: Any) -> Any:
    """A value-label code as written: whole floats as ints (SPSS stores 1 as 1.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- workbooks --------------------------------------------------------------------------


def _read_workbook(
    file: Path, sheet: str | int | None
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    calamine = _files.import_extra("python_calamine", "reading workbooks")
    try:
        book = calamine.CalamineWorkbook.from_path(str(file))
    except Exception as exc:  # calamine's errors (Zip, Xls, Ods) share no base class
        raise ReadError(f"cannot read {str(file)!r} as a workbook: {exc}") from None
    sheets = list(book.sheet_names)
    if not sheets:
        raise ReadError(f"{file} has no sheets")
    if sheet is None:
        chosen = sheets[0]
    elif isinstance(sheet, int):
        if not -len(sheets) <= sheet < len(sheets):
            raise OptionError(
                "sheet", sheet, accepted=f"{file} has {len(sheets)} sheets: {sheets!r}"
            )
        chosen = sheets[sheet]
    elif sheet in sheets:
        chosen = sheet
    else:
        raise OptionError("sheet", sheet, sheets)
    try:
        rows = book.get_sheet_by_name(chosen).to_python()
    except Exception as exc:  # calamine's errors share no base class
        raise ReadError(f"cannot read sheet {chosen!r} of {str(file)!r}: {exc}") from None
    rows = [row for row in rows if not all(_missing(v) for v in row)]
    if not rows:
        raise ReadError(f"sheet {chosen!r} of {file} is empty")
    width = max(len(row) for row in rows)
    header = [
        f"column{i}" if i >= len(rows[0]) or _missing(rows[0][i]) else _as_text(rows[0][i])
        for i in range(width)
    ]
    repeated = sorted({n for n in header if header.count(n) > 1})
    if repeated:
        shown = ", ".join(map(repr, repeated))
        raise ColumnError(f"sheet {chosen!r} of {file} has columns named more than once: {shown}")
    body = [list(row) + [None] * (width - len(row)) for row in rows[1:]]
    plain = {name: [row[i] for row in body] for i, name in enumerate(header)}
    return plain, {name: ColumnInfo(name) for name in header}


# --- SPSS, Stata, SAS -------------------------------------------------------------------


def _read_statistical(
    file: Path, kind: str, encoding: str | None, wanted: list[str] | None
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    prs = _files.import_extra("pyreadstat", "reading SPSS, Stata and SAS files")
    suffix = file.suffix.lower()
    options: dict[str, Any] = {"output_format": "dict"}
    if kind == "spss" and suffix == ".por":
        reader = prs.read_por
    elif kind == "spss":
        reader = prs.read_sav
        options["user_missing"] = True
    elif kind == "stata":
        reader = prs.read_dta
        options["user_missing"] = True
    elif suffix == ".xpt":
        reader = prs.read_xport
    else:
        reader = prs.read_sas7bdat
        options["user_missing"] = True
    if encoding is not None:
        options["encoding"] = _files.encoding_name(encoding, path=str(file))
    try:
        if wanted is not None:
            _, meta = reader(str(file), metadataonly=True, **options)
            absent = [c for c in wanted if c not in meta.column_names]
            if absent:
                shown = ", ".join(map(repr, meta.column_names))
                raise ColumnError(f"no column {absent[0]!r}; {file} has {shown}")
            options["usecols"] = wanted
        data, meta = reader(str(file), **options)
    except (prs.ReadstatError, prs.PyreadstatError, UnicodeError, OSError) as exc:
        raise ReadError(f"cannot read {str(file)!r} as {kind.upper()}: {exc}") from None
    plain: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    questions = meta.column_names_to_labels or {}
    value_labels = meta.variable_value_labels or {}
    ranges = getattr(meta, "missing_ranges", None) or {}
    tagged = getattr(meta, "missing_user_values", None) or {}
    for name, values in data.items():
        values = list(values)
        labels = {_code(k): str(v) for k, v in value_labels.get(name, {}).items()}
        non_answers: list[Any] = []
        if name in ranges:  # SPSS user-missing values: kept in the data
            non_answers = _user_missing(ranges[name], labels, values)
        if name in tagged:  # Stata / SAS extended missing (.a-.z): missing in the data
            codes = {str(c) for c in tagged[name]}
            values = [None if isinstance(v, str) and v in codes else v for v in values]
            non_answers = [f".{c}" for c in sorted(codes)]
            labels = {(f".{k}" if isinstance(k, str) and k in codes else k): v
                      for k, v in labels.items()}  # fmt: skip
        question = str(questions.get(name) or "")
        scale = _scale_of(name, labels, question, non_answers)
        plain[name] = values
        infos[name] = ColumnInfo(
            name, question=question, scale=scale, labels=labels, non_answers=tuple(non_answers)
        )
    return plain, infos


def _user_missing(
    ranges: Sequence[Mapping[str, Any]], labels: Mapping[Any, str], values: Sequence[Any]
) -> list[Any]:
    """The codes SPSS declares user-missing: each discrete value, and for a range the
    labelled codes and the values in the data that fall in it."""
    import numpy as np

    codes: list[Any] = []
    numbers = np.array([v for v in values if _is_number(v)], dtype=float)
    for r in ranges:
        low, high = r.get("lo"), r.get("hi")
        if low == high:
            codes.append(_code(low))
            continue
        if not (_is_number(low) and _is_number(high)):
            continue
        codes.extend(k for k in labels if _is_number(k) and low <= k <= high)
        inside = numbers[(numbers >= low) & (numbers <= high)]
        codes.extend(_code(float(v)) for v in np.unique(inside))
    return sorted(set(codes), key=lambda c: (str(type(c)), c))


def _scale_of(
    name: str, labels: Mapping[Any, str], question: str, non_answers: Sequence[Any]
) -> Scale | None:
    """The scale value labels describe: whole-number codes (non-answers left out) from the
    lowest labelled to the highest; labelled at every point with words, the labels go
    with it, otherwise (labels only at the ends, or labels that read as numbers, which a
    Scale refuses) it is the plain numeric scale."""
    skip = set(non_answers)
    codes = sorted(
        int(k)
        for k in labels
        if _is_number(k) and math.isfinite(k) and float(k).is_integer() and k not in skip
    )
    if len(codes) < 2 or codes[-1] - codes[0] > _WIDEST:
        return None
    low, high = codes[0], codes[-1]
    extra: dict[str, Any] = {}
    if non_answers and "non_answers" in attrs.fields_dict(Scale):
        extra["non_answers"] = tuple(non_answers)
    if codes == list(range(low, high + 1)):
        try:
            return Scale(
                low, high, labels=[labels[c] for c in codes], name=name, question=question,
                **extra,
            )  # fmt: skip
        except ScaleError:
            pass
    try:
        return Scale(low, high, name=name, question=question, **extra)
    except ScaleError:
        return None
