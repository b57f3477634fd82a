"""Survey-platform exports recognised by their layout (Qualtrics, SurveyMonkey, Google
Forms, help-desk satisfaction exports).

The contract with :mod:`satisfy.readers`:

- ``detect(rows)``: given the first few rows of a delimited file (already decoded and
  split by the detected dialect), the export's kind (one of ``KINDS``) or None.
- ``read_export(kind, path, dialect)``: the whole export as plain columns
  (``dict[str, list]``, one row per response) and a ``ColumnInfo`` per column.
  Exports are small (thousands of rows): they are read eagerly.

Layouts (what :func:`detect` looks for; a file name never counts):

- **Qualtrics**, three header rows: row 1 the column names (``Q1``, ``Q2_NPS_GROUP``...),
  row 2 the question texts, row 3 an ImportId per column (``{"ImportId":"QID1"}``; the
  older "Insights" exports write ``{'ImportId': 'QID1'}``). Legacy exports have two header
  rows: row 1 ``V1, V2, ...`` for the metadata columns and the question names after them,
  row 2 the metadata names (``ResponseID``, ``ResponseSet``...) and the question texts.
- **SurveyMonkey**: row 1 the questions, starting ``Respondent ID, Collector ID``; a
  question with several columns (a matrix, a multiple choice, "Other (please specify)")
  leaves its later cells in row 1 blank; row 2 says what each column holds
  (``Response``, ``Open-Ended Response`` or an option / row of the question).
- **Google Forms**: one header row, ``Timestamp`` (or its translation) then the question
  texts; each timestamp written as a date and a time (``6/27/2019 1:37:35``).
- **Help-desk satisfaction** (Zendesk and the like): one header row with a ticket id
  column and a satisfaction column whose values are ``good``, ``bad``, ``offered`` (the
  survey was sent and not answered) and ``unoffered`` (it was never sent). Zendesk's
  Satisfaction Ratings API answers in JSON, one page an object
  ``{"satisfaction_ratings": [{"id": ..., "ticket_id": ..., "score": "good", ...}], ...}``:
  :func:`is_helpdesk_json` tells such a file (a page, or a list of pages), and
  :func:`read_helpdesk_json` reads it, one row per rating.

Values: a column whose every answer is a number becomes numbers (integers where every
one is whole; text with a leading zero, such as a postcode, stays text); a column of
dates and times becomes ``datetime`` (a day-month order that cannot be told from the
values leaves the column as text rather than guessing); empty cells are None; the rest
stays text as exported (choice labels are not recoded: the column's scale reads them).
Qualtrics' ``Finished`` becomes True / False. Help-desk ratings become ``"Good"`` /
``"Bad"``, ``"offered"`` stays (a non-answer) and ``"unoffered"`` becomes None (never
asked: no response at all).

Scales (``ColumnInfo.scale``), only where the export settles them:

- a 0-10 item with Qualtrics' ``_NPS_GROUP`` column beside it, or whose question speaks
  of recommending and whose answers reach 0: ``NPS`` (a "recommend" item without a 0 may
  be 1-10: none);
- Qualtrics' ``_NPS_GROUP`` column: ``NPS_GROUP`` (Detractor, Passive, Promoter = 1-3);
- choice text whose every answer is a label of a preset (in the preset's or the
  platform's wording): that preset; when the answers fit presets that disagree (Agree /
  Strongly agree on 5 or 7 points), the one whose every label was chosen, else none;
- help-desk ratings: ``GOOD_BAD`` (bad = 0, good = 1; CSAT = share of good).

Non-answers (``ColumnInfo.non_answers``, and on the scale where scales declare them):
"N/A", "Don't know" and the like beside a scale's labels, or among the choices of a
column of few distinct answers; Qualtrics' ``-99`` (seen but unanswered) in an NPS item;
``"offered"`` in a help-desk rating.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from . import scales
from ._fileinfo import ColumnInfo, Dialect
from .errors import OptionError, ReadError
from .scales import CES5, CES7, CSAT5, LIKERT5, LIKERT7, NPS, STARS5, Scale

KINDS = ("qualtrics", "surveymonkey", "google-forms", "help-desk")

#: Qualtrics' NPS group column (``Q1_NPS_GROUP``), coded 1 / 2 / 3 in a values export.
NPS_GROUP = Scale(
    1,
    3,
    labels=("Detractor", "Passive", "Promoter"),
    name="NPS_GROUP",
    question="Net Promoter group (Qualtrics): detractor 0-6, passive 7-8, promoter 9-10",
)
#: A help-desk satisfaction rating: 0 = bad, 1 = good; CSAT is the share of good
#: (``satisfy.csat(..., boxes=1)`` or ``satisfy.top_box``).
GOOD_BAD = Scale(
    0,
    1,
    labels=("Bad", "Good"),
    name="GOOD_BAD",
    question="How would you rate the support you received?",
)

# Qualtrics' response types (the Status column), from its "Response type" documentation.
_STATUS = {
    0: "IP Address",
    1: "Survey Preview",
    2: "Survey Test",
    4: "Imported",
    8: "Spam",
    16: "Offline",
}
# Answers that are not answers, as platforms write them (compared after _key()).
_NON_ANSWERS = frozenset(
    {
        "n/a",
        "na",
        "not applicable",
        "don't know",
        "dont know",
        "do not know",
        "i don't know",
        "not sure",
        "unsure",
        "no opinion",
        "prefer not to answer",
        "prefer not to say",
        "no basis for evaluation",
        "no basis to judge",
    }
)
# Label scales tried on a column of choice text, each with its label set: the presets'
# own wordings and the platforms' (Qualtrics writes "Somewhat satisfied" and "Somewhat
# agree" on its 5-point scales, where CSAT5 and LIKERT5 say "Satisfied" and "Agree").
_QUALTRICS_SATISFIED = (
    "Very dissatisfied",
    "Somewhat dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Somewhat satisfied",
    "Very satisfied",
)
_QUALTRICS_EXTREMELY = (
    "Extremely dissatisfied",
    "Somewhat dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Somewhat satisfied",
    "Extremely satisfied",
)
_QUALTRICS_AGREE5 = (
    "Strongly disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Strongly agree",
)


def _worded(scale: Scale, labels: tuple[str, ...]) -> Scale:
    """``scale`` answering to another wording of its labels (same points, same name)."""
    with_wording = getattr(scale, "with_wording", None)
    if with_wording is not None:  # scales that carry several wordings
        worded: Scale = with_wording(labels)
        return worded
    return Scale(
        scale.low,
        scale.high,
        scale.step,
        labels=labels,
        name=scale.name,
        higher_is_better=scale.higher_is_better,
        question=scale.question,
    )


def _own(scale: Scale) -> tuple[Scale, tuple[str, ...]]:
    return scale, scale.labels or ()


_LABEL_SCALES: tuple[tuple[Scale, tuple[str, ...]], ...] = (
    _own(CSAT5),
    (_worded(CSAT5, _QUALTRICS_SATISFIED), _QUALTRICS_SATISFIED),
    (_worded(CSAT5, _QUALTRICS_EXTREMELY), _QUALTRICS_EXTREMELY),
    _own(LIKERT5),
    (_worded(LIKERT5, _QUALTRICS_AGREE5), _QUALTRICS_AGREE5),
    _own(LIKERT7),
    _own(CES5),
    _own(STARS5),
)
_MAX_CHOICES = 15  # more distinct answers than this: free text, not choices
_EASE = re.compile(r"\beas(y|ier|e)\b|\beffort", re.IGNORECASE)
_RECOMMEND = re.compile(
    r"recommend|empfehlen|anbefale|rekommendera|suosittel|aanbevel|recommander|"
    r"recomendar|raccomand|polecił|polecil|ieteikt|rekomenduot|soovita",
    re.IGNORECASE,
)
_TIMESTAMP_HEADERS = frozenset(
    {
        "timestamp",
        "zeitstempel",
        "tidsstempel",
        "tidsstämpel",
        "tidsstampel",
        "aikaleima",
        "marca temporal",
        "horodateur",
        "horodatage",
        "informazioni cronologiche",
        "carimbo de data/hora",
        "tijdstempel",
        "sygnatura czasowa",
        "laika zimogs",
        "laiko žymė",
        "ajatempel",
    }
)
_IMPORT_ID = re.compile(r"""^\{\s*["']ImportId["']\s*:\s*["']([^"']*)["']""")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_LEADING_ZERO = re.compile(r"^[+-]?0\d")
_DATETIME = re.compile(
    r"^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"\s*(?:([AaPp])\.?[Mm]\.?)?\s*(?:(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?)?$"
)
_QUALTRICS_ID = re.compile(r"^R_\w+$")
_V_COLUMN = re.compile(r"^V\d+$")
_HELPDESK_VALUES = {
    "good": "Good",
    "good, i'm satisfied": "Good",
    "good_with_comment": "Good",
    "good with comment": "Good",
    "bad": "Bad",
    "bad, i'm unsatisfied": "Bad",
    "bad_with_comment": "Bad",
    "bad with comment": "Bad",
    "offered": "offered",
    "unoffered": None,
    "not offered": None,
}


# -- detection ---------------------------------------------------------------------------


def detect(rows: Sequence[Sequence[str]]) -> str | None:
    """The export kind of a file whose first rows are ``rows``, or None.

    Only the layout counts (header rows, their fixed names, the shape of the first
    values); an ordinary table of answers is never taken for an export.

    Examples
    --------
    >>> detect([["ResponseId", "Q1"], ["Response ID", "How likely...?"],
    ...         ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}'], ["R_1", "9"]])
    'qualtrics'
    >>> detect([["id", "score"], ["1", "9"]]) is None
    True
    """
    table = [[_clean(cell) for cell in row] for row in rows if row]
    if len(table) < 2:
        return None
    if _is_qualtrics(table):
        return "qualtrics"
    if _is_surveymonkey(table):
        return "surveymonkey"
    if _is_google_forms(table):
        return "google-forms"
    if _helpdesk_column(table[0], table[1:], strict=True) is not None:
        return "help-desk"
    return None


def _clean(cell: str) -> str:
    return cell.lstrip("\ufeff")


def _is_import_id_row(row: Sequence[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(_IMPORT_ID.match(c) for c in cells)


def _is_qualtrics(rows: list[list[str]]) -> bool:
    names, second = rows[0], rows[1]
    if len(second) != len(names):
        return False
    if len(rows) >= 3 and len(rows[2]) == len(names) and _is_import_id_row(rows[2]):
        return True
    # Legacy: V1, V2, ... over the metadata names ResponseID, ResponseSet.
    n_v = 0
    for cell in names:
        if not _V_COLUMN.match(cell):
            break
        n_v += 1
    if n_v >= 3 and "ResponseID" in second[:n_v]:
        return True
    # Two header rows without the ImportId row: the names in row 1 and their texts (or
    # the names again) in row 2, where a data row would hold a response id (R_...).
    for name in ("ResponseId", "ResponseID"):
        if name in names:
            return second[names.index(name)] in ("Response ID", "ResponseID", "ResponseId")
    return False


def _is_surveymonkey(rows: list[list[str]]) -> bool:
    names, second = rows[0], rows[1]
    if len(names) < 2 or names[0] not in ("Respondent ID", "RespondentID"):
        return False
    if len(second) != len(names) or second[0].strip():
        return False
    # The export's own column (Collector ID) or its second-row words.
    return names[1] == "Collector ID" or bool(
        {"Response", "Open-Ended Response"} & {c.strip() for c in second}
    )


def _is_google_forms(rows: list[list[str]]) -> bool:
    names = rows[0]
    if len(names) < 2 or _key(names[0]) not in _TIMESTAMP_HEADERS:
        return False
    if not any(" " in n.strip() for n in names[1:]):
        return False
    stamps = [row[0] for row in rows[1:] if row and row[0].strip()]
    # As Google writes them: a date and a time apart by a space, never ISO 8601
    # (2019-06-27T01:37:35 is a log's timestamp, not a form's).
    return bool(stamps) and all(
        _DATETIME.match(s.strip()) and "T" not in s and not re.match(r"^\s*\d{4}-", s)
        for s in stamps
    )


def _helpdesk_column(
    names: Sequence[str], data: Sequence[Sequence[str]], *, strict: bool
) -> int | None:
    """The index of a help-desk satisfaction column (values good / bad / offered /
    unoffered) in a table with a ticket id column; None if there is none."""
    keys = [_key(n) for n in names]
    if not any("ticket" in k or k in ("id", "#") for k in keys):
        return None
    for i, key in enumerate(keys):
        if not ("satisfaction" in key or key in ("score", "rating", "csat")):
            continue
        values = [_key(row[i]) for row in data if i < len(row) and row[i].strip()]
        if not values or any(v not in _HELPDESK_VALUES for v in values):
            continue
        if strict and "satisfaction" not in key and not {"offered", "unoffered"} & set(values):
            continue
        return i
    return None


# -- reading -----------------------------------------------------------------------------


def is_helpdesk_json(path: str) -> bool:
    """Whether a ``.json`` file is a page (or a list of pages) of Zendesk's Satisfaction
    Ratings API: its first kilobytes name ``"satisfaction_ratings"`` as a key."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return (
        re.match(rb"^\s*[\[{]", head) is not None
        and re.search(rb'"satisfaction_ratings"\s*:\s*\[', head) is not None
    )


def read_helpdesk_json(path: str) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    """The ratings of a Satisfaction Ratings API answer saved as JSON (one page, or a
    list of pages), as plain columns: one row per rating, one column per field of the
    ratings (``id``, ``ticket_id``, ``score``, ``created_at``, ``comment``...; the
    ``score`` read as in a CSV export, times as datetimes).

    Raises
    ------
    ReadError
        If the file is not JSON, or a rating has no ``score`` or one that is not a
        help-desk rating (naming the rating's position and id).
    """
    import json

    try:
        with open(path, encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReadError(f"{path} is not readable JSON: {error}") from None
    pages = document if isinstance(document, list) else [document]
    ratings: list[Any] = []
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("satisfaction_ratings"), list):
            raise ReadError(
                f"{path}: a page of Zendesk's Satisfaction Ratings API is an object with a "
                "'satisfaction_ratings' list"
            )
        ratings.extend(page["satisfaction_ratings"])
    names: dict[str, None] = {}
    for rating in ratings:
        if isinstance(rating, dict):
            names.update(dict.fromkeys(rating))
    columns: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    for name in names:
        raw = [r.get(name) if isinstance(r, dict) else None for r in ratings]
        if name == "score":
            values: list[Any] = []
            for i, (rating, value) in enumerate(zip(ratings, raw, strict=True)):
                key = _key(value) if isinstance(value, str) else None
                if key not in _HELPDESK_VALUES:
                    ident = rating.get("id") if isinstance(rating, dict) else None
                    raise ReadError(
                        f"{path}, rating {i + 1} (id {ident}): score {value!r}; a help-desk "
                        "satisfaction rating is good, bad, offered or unoffered"
                    )
                values.append(_HELPDESK_VALUES[key])
            columns[name] = values
            infos[name] = _helpdesk_info(name, "score")
            continue
        if all(v is None or isinstance(v, str) for v in raw):
            columns[name] = _typed(["" if v is None else v for v in raw])
        else:
            columns[name] = [v if isinstance(v, (int, float, str)) else None for v in raw]
        infos[name] = ColumnInfo(name=name, question=name)
    if "score" not in columns:
        raise ReadError(f"{path}: the ratings have no 'score'")
    return columns, infos


def _helpdesk_info(name: str, header: str) -> ColumnInfo:
    return ColumnInfo(
        name=name,
        question=(
            f"{header} (good = 1, bad = 0; 'offered' = asked and not answered, a "
            "non-answer; 'unoffered' = never asked, left empty)"
        ),
        scale=_with_non_answers(GOOD_BAD, ("offered",)),
        labels={0: "Bad", 1: "Good"},
        non_answers=("offered",),
    )


def read_export(
    kind: str, path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    """The answers and column information of an export of ``kind``.

    Raises
    ------
    ReadError
        If the file cannot be read, or its layout is not what the platform writes
        (a header row missing, a row with more or fewer cells than the header), naming
        the file and the line (1-based, as an editor counts them).
    """
    if kind not in KINDS:
        raise OptionError("kind", kind, KINDS)
    records = _records(path, dialect)
    if not records:
        raise ReadError(f"{path} is empty: a {kind} export has a header row")
    if kind == "qualtrics":
        return _read_qualtrics(records, path, dialect)
    if kind == "surveymonkey":
        return _read_surveymonkey(records, path, dialect)
    if kind == "google-forms":
        return _read_google_forms(records, path, dialect)
    return _read_helpdesk(records, path, dialect)


Record = tuple[int, list[str]]  # (1-based line where the record starts, its cells)


def _records(path: str, dialect: Dialect) -> list[Record]:
    try:
        handle = open(path, encoding=dialect.encoding, newline="")  # noqa: SIM115
    except OSError as error:
        raise ReadError(f"cannot open {path!r}: {error.strerror}") from None
    out: list[Record] = []
    last = 0
    with handle:
        if dialect.quote:
            reader = csv.reader(
                handle, delimiter=dialect.separator, quotechar=dialect.quote, strict=True
            )
        else:
            reader = csv.reader(
                handle, delimiter=dialect.separator, quoting=csv.QUOTE_NONE, strict=True
            )
        try:
            for row in reader:
                start, last = last + 1, reader.line_num
                if row and any(cell.strip() for cell in row):
                    out.append((start, row))
        except csv.Error as error:
            raise ReadError(f"{path}, line {last + 1}: {error}") from None
        except UnicodeDecodeError:
            raise ReadError(
                f"{path}, line {last + 1}: not {dialect.encoding} text; give the file's "
                "encoding (encoding='cp1252', 'latin-1', ...)"
            ) from None
    if out:
        line, first = out[0]
        out[0] = (line, [_clean(first[0]), *first[1:]])
    return out


def _header_width(record: Record, width: int, path: str, what: str) -> None:
    line, row = record
    if len(row) != width:
        raise ReadError(
            f"{path}, line {line}: {what} has {len(row)} cells where the header has {width}"
        )


def _columns(data: Sequence[Record], width: int, path: str) -> list[list[str]]:
    for record in data:
        _header_width(record, width, path, "this row")
    return [[row[i] for _, row in data] for i in range(width)]


def _unique(names: Iterable[str]) -> list[str]:
    """Names made unique by appending `` (2)``, `` (3)`` ... to repeats."""
    seen: dict[str, int] = {}
    taken = set()
    out = []
    for name in names:
        candidate = name
        while candidate in taken:
            seen[name] = seen.get(name, 1) + 1
            candidate = f"{name} ({seen[name]})"
        taken.add(candidate)
        out.append(candidate)
    return out


# Qualtrics -------------------------------------------------------------------------------


def _read_qualtrics(
    records: list[Record], path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    if len(records) < 2:
        raise ReadError(
            f"{path}, line {records[0][0] + 1}: a Qualtrics export has a row of question "
            "texts under its names, and this file ends after line 1"
        )
    names_row = records[0][1]
    width = len(names_row)
    _header_width(records[1], width, path, "the question-text row")
    if _is_import_id_row(records[1][1]):
        raise ReadError(
            f"{path}, line {records[1][0]}: the ImportId row comes where the question texts "
            "belong; the question-text row (row 2) is missing"
        )
    texts = records[1][1]
    n_header = 2
    if len(records) >= 3 and _is_import_id_row(records[2][1]):
        _header_width(records[2], width, path, "the ImportId row")
        n_header = 3
    legacy = [bool(_V_COLUMN.match(n)) for n in names_row]
    raw_names = [texts[i] if legacy[i] and texts[i] else names_row[i] for i in range(width)]
    for i, name in enumerate(raw_names):
        if name in ("ResponseId", "ResponseID") and _QUALTRICS_ID.match(texts[i].strip()):
            raise ReadError(
                f"{path}, line {records[1][0]}: column {name!r} holds {texts[i]!r}, a "
                "response, where the question texts belong; the question-text row is "
                "missing"
            )
    data = records[n_header:]
    cells = _columns(data, width, path)
    keep = [i for i in range(width) if raw_names[i] or any(c.strip() for c in cells[i])]
    names = _unique(raw_names[i] or f"column {i + 1}" for i in keep)
    groups = {n[: -len("_NPS_GROUP")] for n in names if n.endswith("_NPS_GROUP")}
    columns: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    for name, i in zip(names, keep, strict=True):
        question = texts[i]
        values = _typed(cells[i], dialect.decimal)
        if name == "Finished":
            values = _booleans(values)
        columns[name] = values
        if name.endswith("_NPS_GROUP"):
            infos[name] = _nps_group_info(name, question, values)
        elif name == "Status":
            infos[name] = _status_info(name, question, values)
        else:
            infos[name] = _answer_info(name, question, values, nps=name in groups)
    return columns, infos


def _booleans(values: list[Any]) -> list[Any]:
    truth = {1: True, 0: False, "true": True, "false": False}
    keys = [v.casefold() if isinstance(v, str) else v for v in values]
    if all(k is None or (not isinstance(k, float) and k in truth) for k in keys):
        return [None if k is None else truth[k] for k in keys]
    return values


def _nps_group_info(name: str, question: str, values: list[Any]) -> ColumnInfo:
    text = any(isinstance(v, str) for v in values)
    return ColumnInfo(
        name=name,
        question=question,
        scale=NPS_GROUP,
        labels={} if text else dict(enumerate(NPS_GROUP.labels or (), start=1)),
    )


def _status_info(name: str, question: str, values: list[Any]) -> ColumnInfo:
    numeric = all(v is None or isinstance(v, int) for v in values)
    return ColumnInfo(
        name=name,
        question=(
            f"{question} (Qualtrics response type: keep rows whose Status is 0 or "
            "'IP Address' to leave out previews, tests, spam and imports)"
        ),
        labels=dict(_STATUS) if numeric else {},
    )


# SurveyMonkey ----------------------------------------------------------------------------


def _read_surveymonkey(
    records: list[Record], path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    if len(records) < 2:
        raise ReadError(
            f"{path}, line {records[0][0] + 1}: a SurveyMonkey export has a second header "
            "row (Response, Open-Ended Response or the options), and this file ends after "
            "line 1"
        )
    questions_row = records[0][1]
    width = len(questions_row)
    _header_width(records[1], width, path, "the second header row")
    options = records[1][1]
    if options[0].strip():
        raise ReadError(
            f"{path}, line {records[1][0]}: the second header row is missing (the first "
            f"cell holds {options[0]!r}, a response, where it is blank in a SurveyMonkey "
            "export)"
        )
    questions: list[str] = []
    current = ""
    for i, cell in enumerate(questions_row):
        if cell.strip():
            current = cell.strip()
        elif not current:
            raise ReadError(f"{path}, line {records[0][0]}: column {i + 1} has no question")
        questions.append(current)
    raw_names = []
    subs = []
    for question, option in zip(questions, options, strict=True):
        option = option.strip()
        if option in ("", "Response", "Open-Ended Response"):
            subs.append("")
            raw_names.append(question)
        else:
            subs.append(option)
            raw_names.append(f"{question} - {option}")
    names = _unique(raw_names)
    cells = _columns(records[2:], width, path)
    columns: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    for i, name in enumerate(names):
        values = _typed(cells[i], dialect.decimal)
        columns[name] = values
        question = questions[i] if not subs[i] else f"{questions[i]} - {subs[i]}"
        infos[name] = _answer_info(name, question, values, nps=False)
    return columns, infos


# Google Forms ----------------------------------------------------------------------------


def _read_google_forms(
    records: list[Record], path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    header = records[0][1]
    width = len(header)
    if _key(header[0]) not in _TIMESTAMP_HEADERS:
        raise ReadError(
            f"{path}, line {records[0][0]}: a Google Forms export starts with the column "
            f"'Timestamp', not {header[0]!r}"
        )
    names = _unique(h.strip() or f"column {i + 1}" for i, h in enumerate(header))
    cells = _columns(records[1:], width, path)
    columns: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    for i, name in enumerate(names):
        values = _typed(cells[i], dialect.decimal)
        columns[name] = values
        infos[name] = _answer_info(name, header[i].strip(), values, nps=False)
    return columns, infos


# Help desks ------------------------------------------------------------------------------


def _read_helpdesk(
    records: list[Record], path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    header = records[0][1]
    width = len(header)
    cells = _columns(records[1:], width, path)
    score = _helpdesk_column(header, [row for _, row in records[1:]], strict=False)
    if score is None:
        keys = [_key(n) for n in header]
        candidates = [
            i for i, k in enumerate(keys) if "satisfaction" in k or k in ("score", "rating")
        ]
        if not candidates:
            raise ReadError(
                f"{path}, line {records[0][0]}: no satisfaction column (a column named "
                "like 'Satisfaction Score' with good / bad / offered / unoffered)"
            )
        i = candidates[0]
        for line, row in records[1:]:
            if row[i].strip() and _key(row[i]) not in _HELPDESK_VALUES:
                raise ReadError(
                    f"{path}, line {line}: {header[i]!r} holds {row[i]!r}; a help-desk "
                    "satisfaction rating is good, bad, offered or unoffered"
                )
        raise ReadError(f"{path}: no ticket id column (a column named like 'Ticket ID')")
    names = _unique(h.strip() or f"column {i + 1}" for i, h in enumerate(header))
    columns: dict[str, list[Any]] = {}
    infos: dict[str, ColumnInfo] = {}
    for i, name in enumerate(names):
        if i == score:
            values: list[Any] = [_HELPDESK_VALUES[_key(c)] if c.strip() else None for c in cells[i]]
            infos[name] = _helpdesk_info(name, header[i].strip())
        else:
            values = _typed(cells[i], dialect.decimal)
            infos[name] = ColumnInfo(name=name, question=header[i].strip())
        columns[name] = values
    return columns, infos


# -- values and scales -------------------------------------------------------------------


def _key(text: str) -> str:
    """Case-, space- and accent-insensitive form of a label or header."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    return " ".join(text.split())


def _typed(cells: Sequence[str], decimal: str = ".") -> list[Any]:
    """A column's cells as numbers, datetimes or text (see the module docstring).

    Each distinct value is parsed once (answers repeat: a column of choices has a few).
    """
    stripped = [c.strip() for c in cells]
    distinct = list(dict.fromkeys(c for c in stripped if c))
    if not distinct:
        return [None] * len(cells)
    parsed: Sequence[Any] | None = _as_numbers(distinct, decimal)
    if parsed is None:
        parsed = _as_datetimes(distinct)
    if parsed is not None:
        lookup = dict(zip(distinct, parsed, strict=True))
        return [lookup[c] if c else None for c in stripped]
    return [c if s else None for c, s in zip(cells, stripped, strict=True)]


def _as_numbers(values: Sequence[str], decimal: str) -> list[int] | list[float] | None:
    texts = [v.replace(decimal, ".") if decimal != "." and "." not in v else v for v in values]
    if not all(_NUMBER.match(t) for t in texts) or any(_LEADING_ZERO.match(t) for t in texts):
        return None
    if all(re.match(r"^[+-]?\d+$", t) for t in texts):
        return [int(t) for t in texts]
    return [float(t) for t in texts]


def _as_datetimes(values: Sequence[str]) -> list[dt.datetime] | None:
    iso: list[dt.datetime] = []
    for value in values:
        try:
            iso.append(dt.datetime.fromisoformat(value))
        except ValueError:
            break
    else:
        return iso
    matches = [_DATETIME.match(v) for v in values]
    if not all(matches):
        return None
    parts = [m for m in matches if m is not None]
    year_first = all(len(m.group(1)) == 4 for m in parts)
    if not year_first and not all(len(m.group(4)) == 4 for m in parts):
        return None
    day_first: bool | None = None
    if year_first:
        day_first = False
    else:
        firsts = [int(m.group(1)) for m in parts]
        seconds = [int(m.group(3)) for m in parts]
        if max(firsts) > 12 and max(seconds) > 12:
            return None
        if max(firsts) > 12 or all(m.group(2) in ".-" for m in parts):
            day_first = True
        elif max(seconds) > 12:
            day_first = False
        else:
            return None  # 3/4/2020: March or April? Not guessed.
    out = []
    for m in parts:
        if year_first:
            year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        else:
            a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
            day, month = (a, b) if day_first else (b, a)
        hour, minute = int(m.group(5)), int(m.group(6))
        second = int(m.group(7) or 0)
        micro = int((m.group(8) or "0")[:6].ljust(6, "0"))
        if m.group(9):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if m.group(9) in "Pp" else 0)
        tz = None
        if m.group(10):
            sign = -1 if m.group(10).startswith("-") else 1
            offset = dt.timedelta(hours=abs(int(m.group(10))), minutes=int(m.group(11) or 0))
            tz = dt.timezone(sign * offset)
        try:
            out.append(dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz))
        except ValueError:
            return None
    if len({s.tzinfo is None for s in out}) > 1:
        return None
    return out


def _answer_info(name: str, question: str, values: list[Any], *, nps: bool) -> ColumnInfo:
    """A column's information, with the scale its answers (or its question) show."""
    present = [v for v in values if v is not None]
    if not present:
        return ColumnInfo(name=name, question=question)
    if all(isinstance(v, int) for v in present):
        # A 0-10 item: Qualtrics' NPS question (it has a _NPS_GROUP column), or a
        # question about recommending whose answers reach 0 (without a 0 it may as well
        # be a 1-10 item, which NPS's bands do not fit: not guessed).
        recommend = bool(_RECOMMEND.search(question))
        answers = [v for v in present if v != -99]
        in_range = bool(answers) and all(0 <= v <= 10 for v in answers)
        if in_range and (nps or (recommend and 0 in answers)):
            non = (-99,) if len(answers) < len(present) else ()
            return ColumnInfo(
                name=name,
                question=question,
                scale=_with_non_answers(NPS, non),
                non_answers=non,
            )
        return ColumnInfo(name=name, question=question)
    if not all(isinstance(v, str) for v in present):
        return ColumnInfo(name=name, question=question)
    distinct = list(dict.fromkeys(v.strip() for v in present))
    # Non-answer choices ("N/A", "Don't know"). Beside a scale's labels they are that
    # question's non-answers; without a scale only in a column of choices (few distinct
    # answers, each chosen more than once on average), not in free text where "N/A" is
    # just something written.
    candidates = tuple(v for v in distinct if _is_non_answer(v))
    rest = [v for v in distinct if v not in candidates]
    choices = len(distinct) <= _MAX_CHOICES and 2 * len(distinct) <= len(present)
    non = candidates if choices else ()
    if not rest:
        return ColumnInfo(name=name, question=question, non_answers=non)
    codes = [NPS.code(v) for v in rest]
    zero = 0 in codes
    if all(c >= 0 for c in codes) and (nps or (_RECOMMEND.search(question) and zero)):
        labels = {_point(NPS.points[NPS.code(v)]): v for v in rest if not _NUMBER.match(v)}
        return ColumnInfo(
            name=name,
            question=question,
            scale=_with_non_answers(NPS, candidates),
            labels=labels,
            non_answers=candidates,
        )
    if any(_NUMBER.match(v) for v in rest):
        return ColumnInfo(name=name, question=question)
    scale, codes = _label_scale(rest, question)
    if scale is None:
        return ColumnInfo(name=name, question=question, non_answers=non)
    labels = {_point(scale.points[c]): v for c, v in zip(codes, rest, strict=True)}
    return ColumnInfo(
        name=name,
        question=question,
        scale=_with_non_answers(scale, candidates),
        labels=dict(sorted(labels.items())),
        non_answers=candidates,
    )


def _label_scale(answers: Sequence[str], question: str) -> tuple[Scale | None, list[int]]:
    """The label scale whose labels hold every answer, and the answers' point indices.

    An export holds the choices that were chosen, not the choice set: when the answers
    fit scales that disagree (Agree / Strongly agree on a 5- or a 7-point scale), the
    scale whose every label is among the answers is taken if there is exactly one, and
    otherwise none (the user says which).
    """
    candidates = list(_LABEL_SCALES)
    if _EASE.search(question):  # CES 2.0 has LIKERT7's labels: the question tells them apart
        candidates.insert(0, _own(CES7))
    fits = []
    for scale, labels in candidates:
        codes = [scale.code(v) for v in answers]
        if all(c >= 0 for c in codes):
            fits.append((scale, labels, codes))
    if not fits:
        return None, []
    first = fits[0]
    if all(f[0].n_points == first[0].n_points and f[2] == first[2] for f in fits):
        return first[0], first[2]
    given = {_key(v) for v in answers}
    complete = [f for f in fits if {_key(label) for label in f[1]} <= given]
    if len({(f[0].n_points, tuple(f[2])) for f in complete}) == 1:
        return complete[0][0], complete[0][2]
    return None, []


def _fold(text: str) -> str:
    """:func:`_key` without accents ("Weiß nicht" and "weiss nicht" stay apart, "Não
    sei" and "nao sei" do not)."""
    decomposed = unicodedata.normalize("NFKD", _key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The non-answer wordings of the scales module in its languages, where it has them.
_NON_ANSWER_KEYS = frozenset(
    {_fold(w) for w in _NON_ANSWERS} | {_fold(w) for w in getattr(scales, "DONT_KNOW", ())}
)


def _is_non_answer(text: str) -> bool:
    key = _fold(text)
    return key in _NON_ANSWER_KEYS or bool(re.search(r"\(n/?a\)|(^|\s)n/a($|\s)", key))


def _with_non_answers(scale: Scale, codes: tuple[Any, ...]) -> Scale:
    """``scale`` declaring ``codes`` as its non-answers, where scales can declare them
    (then a metric on the column counts them apart instead of refusing them)."""
    if not codes or "non_answers" not in attrs.fields_dict(Scale):
        return scale
    evolve: Any = attrs.evolve  # non_answers= is not a field of every version of Scale
    copy: Scale = evolve(scale, non_answers=codes)
    return copy


def _point(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number
