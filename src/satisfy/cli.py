"""The ``satisfy`` command: reports, comparisons and sample sizes without writing Python.

Needs the ``cli`` extra (click, rich, pandas, narwhals and DuckDB):
the ``cli`` extra (``pip install ".[cli]"`` in a clone).

Files (CSV, optionally gzipped, JSON lines, Parquet) are read lazily by DuckDB, only the
columns a command needs, and tallied inside DuckDB in one pass: a 1 GB file takes a few
hundred MB (see ``satisfy._files`` for the choice of reader). On a terminal, a spinner on
stderr says which file is being read.

Exit statuses, each with one line on stderr (``satisfy: error: ...``) and no traceback:

- 0: done;
- 1: the data do not allow the answer asked for: any :class:`~satisfy.SatisfyError` (a
  column the file does not have, answers not on the scale, bad weights, a file with no
  answers, a group that does not exist);
- 2: the command line or the system is wrong: bad or conflicting options (``FILE`` and
  ``--demo``), a file that does not exist or cannot be read, an output that cannot be
  written (``--plot`` to a missing folder, stdout on a full disk);
- 130: interrupted (Ctrl-C);
- 141: stdout was closed early (``satisfy report ... | head -1``): nothing is printed,
  the status a shell shows for a Unix tool stopped by SIGPIPE.

Segment cells that are blank become their own segment, shown as ``(missing)``; a segment
column that also holds the text ``(missing)`` is an error (exit 1).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import json
import math
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, get_args

import attrs
import click

from . import _files, _registry
from . import specs as _specs
from ._files import AnswerFile
from ._types import IntervalMethod, InvalidPolicy, Period, TwoSampleMethod
from .comparisons import compare, compare_groups
from .errors import DependencyError, OptionError, ReadError, SatisfyError
from .frames import PERIODS, summarize, tally_frame, trend
from .planning import sample_size, sample_size_difference
from .readers import Survey, read, reopen_as_text
from .scales import PRESETS, Scale

#: --metric choices: the registry's names, their hyphenated forms and aliases
#: (threshold, mean, pomp, share).
METRICS = _registry.names()
FORMATS = ("table", "markdown", "csv", "json")
INVALID: tuple[InvalidPolicy, ...] = get_args(InvalidPolicy)
#: --method of report: every interval method (the metric's own list is checked later).
INTERVAL_METHODS: tuple[IntervalMethod, ...] = get_args(IntervalMethod)
#: --method of compare: every two-sample method (the metric's own list is checked later).
TWO_SAMPLE_METHODS: tuple[TwoSampleMethod, ...] = get_args(TwoSampleMethod)
MISSING_KEY = "(missing)"
_PROGRESS_BYTES = 50 * 2**20  # files larger than this get a spinner on a terminal
_EXIT_DATA = 1
_EXIT_USAGE = 2
_EXIT_INTERRUPTED = 130
_EXIT_PIPE = 141


class _UserError(click.ClickException):
    """One line on stderr and an exit status: 2 by default (usage, files, outputs)."""

    def __init__(self, message: str, exit_code: int = _EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class
        self.cause: SatisfyError | None = None

    def show(self, file: Any = None) -> None:
        click.echo(f"satisfy: error: {self.message}", err=True)


class _ClosedPipe(Exception):
    """stdout was closed by the reader (``| head -1``)."""


def _fail(message: str, exit_code: int = _EXIT_USAGE) -> _UserError:
    return _UserError(message.splitlines()[0] if message else "failed", exit_code)


def _data_error(exc: SatisfyError) -> _UserError:
    error = _fail(str(exc), _EXIT_DATA)
    error.cause = exc  # the command names the file's lines of the rows concerned
    return error


# --- reading ---------------------------------------------------------------------------


class _Source:
    """The demo survey (in memory) or a file (read by :func:`satisfy.read` as a lazy
    DuckDB relation; ``sep``, ``decimal``, ``encoding`` and ``sheet`` as there)."""

    def __init__(
        self,
        path: str | None,
        demo: bool,
        columns: Sequence[str],
        *,
        time: str | None,
        time_zone: str,
        weights: str | None = None,
        sep: str | None = None,
        decimal: str | None = None,
        encoding: str | None = None,
        sheet: str | int | None = None,
    ) -> None:
        if demo and path is not None:
            raise click.UsageError(f"give a FILE ({path!r}) or --demo, not both")
        if not demo and path is None:
            raise click.UsageError("give a FILE (CSV, JSON lines or Parquet) or --demo")
        self.name = "the demo survey" if demo else repr(path)
        self.file: AnswerFile | None = None
        self.survey: Survey | None = None  # what the file says of itself (dialect, scales)
        if demo:
            from .datasets import load_demo

            self.frame = load_demo()
        else:
            assert path is not None
            try:
                try:
                    survey = read(
                        path, backend="duckdb", sep=sep, decimal=decimal, encoding=encoding,
                        sheet=sheet,
                    )  # fmt: skip
                except OptionError as exc:
                    # --sheet 2: the sheet named "2" if there is one, else the third
                    if exc.name != "sheet" or not isinstance(sheet, str) or not sheet.isdigit():
                        raise
                    survey = read(
                        path, backend="duckdb", sep=sep, decimal=decimal, encoding=encoding,
                        sheet=int(sheet),
                    )  # fmt: skip
            except (ReadError, OptionError, DependencyError) as exc:
                raise _fail(str(exc)) from None
            except SatisfyError as exc:
                raise _data_error(exc) from None
            self.survey = survey
            reopen = None
            if survey.source == "csv":

                def reopen(names: Sequence[str]) -> Any:
                    return reopen_as_text(survey, names)

            self.file = AnswerFile(
                path, columns, time=time, time_zone=time_zone, numbers=[weights or ""],
                relation=survey.frame, reopen=reopen,
            )  # fmt: skip

    def run(self, compute: Callable[[Any], Any]) -> Any:
        """``compute(frame)``, with the library's and the reader's errors made into one
        line and an exit status."""
        try:
            if self.file is None:
                return compute(self.frame)
            status = self.file.size > _PROGRESS_BYTES and sys.stderr.isatty()
            return self.file.run(compute, status=status)
        except ReadError as exc:
            raise _fail(str(exc)) from None
        except SatisfyError as exc:
            raise _data_error(exc) from None


# --- lines of the file in errors ----------------------------------------------------------

_SHOWN_LINES = 5  # how many lines an error names
_SCAN_CHUNK = 1 << 16  # records coded at a time when looking for the lines of bad rows
#: how long an error may spend looking for its lines (about 4 million rows; a bad row past
#: them in a larger file is named without its line rather than after minutes)
_SCAN_SECONDS = 10.0


@attrs.frozen
class _Text:
    """A delimited text file as the error messages see it: records (one per data row,
    after ``header`` records; blank lines skipped, as the readers do) and the line each
    one starts on, so a record spanning lines (a quoted comment) does not shift the
    lines of those after it."""

    path: str
    separator: str = ","
    quote: str = '"'
    encoding: str = "utf-8"
    header: int = 1
    decimal: str = "."
    names: tuple[str, ...] = ()  # the columns' names when the file has no header line

    def _open(self) -> Any:
        import gzip

        if self.path.lower().endswith(".gz"):
            return gzip.open(self.path, "rt", encoding=self.encoding, errors="replace", newline="")
        return open(self.path, encoding=self.encoding, errors="replace", newline="")

    def chunks(self, columns: Sequence[str]) -> Any:
        """Per chunk of data records: their lines (1-based, where each record starts) and
        the cells of ``columns`` (missing cells as "")."""
        with self._open() as f:
            reader = csv.reader(f, delimiter=self.separator, quotechar=self.quote or '"')
            names = list(self.names)
            skipped = 0
            lines: list[int] = []
            cells: list[list[str]] = []
            at = [names.index(c) if c in names else -1 for c in columns]
            start = 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if not record:
                    continue
                if skipped < self.header:
                    if skipped == 0:
                        names = record
                        at = [names.index(c) if c in names else -1 for c in columns]
                    skipped += 1
                    continue
                lines.append(line)
                cells.append([record[i] if 0 <= i < len(record) else "" for i in at])
                if len(lines) == _SCAN_CHUNK:
                    yield lines, cells
                    lines, cells = [], []
            if lines:
                yield lines, cells

    def lines_of(self, positions: Sequence[int]) -> dict[int, int]:
        """The lines of the data rows at 0-based ``positions``."""
        wanted = set(positions)
        found: dict[int, int] = {}
        done = 0
        last = max(wanted, default=-1)
        for lines, _ in self.chunks([]):
            for p in wanted:
                if done <= p < done + len(lines):
                    found[p] = lines[p - done]
            done += len(lines)
            if done > last:
                break
        return found


def _demo_text() -> _Text:
    from .datasets import DEMO_PATH

    return _Text(str(DEMO_PATH))


def _text_of(source: _Source) -> _Text | None:
    """The delimited text behind a source, for naming its lines (None: not plain
    delimited text, such as a workbook or a survey platform's export)."""
    if source.file is None:
        return _demo_text()
    survey = source.survey
    if survey is None or survey.source != "csv" or survey.dialect is None:
        return None
    d = survey.dialect
    return _Text(
        survey.path,
        separator=d.separator,
        quote=d.quote or '"',
        encoding=d.encoding,
        header=1 if d.header else 0,
        decimal=d.decimal,
        names=tuple(survey.columns),
    )


def _where_lines(lines: Sequence[int], total: int | None) -> str:
    """``lines 3, 9, 12`` (the first five, then how many more when known)."""
    shown = ", ".join(map(str, lines[:_SHOWN_LINES]))
    word = "line" if len(lines) == 1 else "lines"
    if total is not None and total > _SHOWN_LINES:
        more = f", and {total - _SHOWN_LINES} more"
    else:
        more = ", ..." if len(lines) > _SHOWN_LINES else ""
    return f"{word} {shown}{more}"


def _count_of(exc: SatisfyError) -> int | None:
    """How many rows an error is about: its count, or the number its message starts
    with after the column (``column 'w': 3 rows have ...``); None if it does not say."""
    count = getattr(exc, "count", None)
    if isinstance(count, int):
        return count
    found = re.match(r"(?:frequencies )?column '[^']*': (\d+) rows?\b", str(exc))
    return int(found.group(1)) if found else None


def _with_positions_as_lines(exc: SatisfyError, text: _Text | None) -> str:
    """The message of a positioned error with its 0-based data rows named by their lines
    in the file (rows, 1-based, for a file that is not text)."""
    message = str(exc)
    positions: list[int] = list(getattr(exc, "positions", []) or [])
    values: list[Any] = list(getattr(exc, "values", []) or [])
    shown = list(zip(positions, values))[:_SHOWN_LINES]
    lines = text.lines_of([p for p, _ in shown]) if text is not None else {}
    for p, v in shown:
        where = f"on line {lines[p]}" if p in lines else f"in row {p + 1}"
        message = message.replace(f"{v!r} at position {p}", f"{v!r} {where}", 1)
    return message


def _bad_lines(
    text: _Text,
    exc: SatisfyError,
    *,
    column: str,
    scale: Scale | None,
    weights: str | None,
    frequencies: str | None,
    time: str | None = None,
) -> list[int] | None:
    """The lines of the rows a counted error (an engine counts, it does not list rows)
    is about: answers not on the scale, bad weights or bad counts, or a time value the
    error names. None if the scan cannot tell."""
    import numpy as np

    from ._weights import MAX_WEIGHT, MIN_WEIGHT
    from .errors import InvalidScoreError, WeightError

    message = str(exc)
    if isinstance(exc, InvalidScoreError) and scale is not None and exc.column is not None:
        wanted, other = "answers", column
    elif isinstance(exc, WeightError) and weights and message.startswith(f"column {weights!r}"):
        wanted, other = "weights", weights
    elif (
        isinstance(exc, WeightError)
        and frequencies
        and message.startswith(f"frequencies column {frequencies!r}")
    ):
        wanted, other = "counts", frequencies
    elif time and message.startswith(f"time column {time!r}") and _named_value(message):
        wanted, other = "time", time
    else:
        return None
    import time as _time

    total = _count_of(exc)
    found: list[int] = []
    deadline = _time.monotonic() + _SCAN_SECONDS
    for lines, cells in text.chunks([column, other]):
        if _time.monotonic() > deadline:
            break
        answers = [row[0] for row in cells]
        numbers = np.array([_float(row[1].strip().replace(text.decimal, ".")) for row in cells])
        if wanted == "answers":
            assert scale is not None
            try:
                scale.encode(answers)
                continue
            except InvalidScoreError as error:
                bad = error.positions
        elif wanted == "time":
            value = _named_value(message)
            bad = [i for i, row in enumerate(cells) if row[1].strip() == value]
        elif wanted == "weights":
            assert scale is not None
            codes = scale.encode(answers, invalid_policy="omit")
            with np.errstate(invalid="ignore"):
                ok = (numbers == 0) | ((numbers >= MIN_WEIGHT) & (numbers <= MAX_WEIGHT))
            bad = np.flatnonzero(~ok & (codes >= 0)).tolist()
        else:
            with np.errstate(invalid="ignore"):
                ok = (numbers >= 0) & (numbers <= 2.0**53) & (numbers == np.round(numbers))
            bad = np.flatnonzero(~ok).tolist()
        found.extend(lines[i] for i in bad)
        if len(found) >= min(_SHOWN_LINES, total or _SHOWN_LINES):
            break  # read no further than the rows to name
    return found or None


def _named_value(message: str) -> str | None:
    """The value an error gives as an example ("... such as 'xx'; ..."), as written."""
    import ast

    found = re.search(r"such as ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", message)
    if found is None:
        return None
    with contextlib.suppress(ValueError, SyntaxError):
        value = ast.literal_eval(found.group(1))
        return value.strip() if isinstance(value, str) else None
    return None


def _float(text: str) -> float:
    try:
        return float(text) if text else math.nan
    except ValueError:
        return math.nan


def _locate(
    error: _UserError,
    source: _Source,
    *,
    column: str,
    scale: Scale | None,
    weights: str | None = None,
    frequencies: str | None = None,
    time: str | None = None,
) -> _UserError:
    """A data error with the rows it is about named by their lines in the file
    (1-based, the header line(s) counted), as an editor shows them."""
    exc = error.cause
    if exc is None:
        return error
    try:
        text = _text_of(source)
        if getattr(exc, "positions", None):
            message = _with_positions_as_lines(exc, text)
        elif text is not None:
            lines = _bad_lines(
                text, exc, column=column, scale=scale, weights=weights,
                frequencies=frequencies, time=time,
            )  # fmt: skip
            if not lines:
                return error
            message = f"{exc}; {_where_lines(lines, _count_of(exc))} of {source.name}"
        else:
            return error
    except (OSError, csv.Error, UnicodeError, EOFError, SatisfyError):
        return error  # the message without lines, rather than a second error
    located = _fail(message, error.exit_code)
    located.cause = exc
    return located


def _counted(
    source: _Source,
    compute: Callable[[Any], Any],
    spec: Any,
    weights: str | None,
    frequencies: str | None = None,
    time: str | None = None,
) -> Any:
    """``source.run(compute)``, a data error naming the lines of the rows it is about."""
    try:
        return source.run(compute)
    except _UserError as error:
        raise _locate(
            error,
            source,
            column=spec.column,
            scale=spec.scale,
            weights=weights,
            frequencies=frequencies,
            time=time,
        ) from None


def _no_answers(source: _Source) -> _UserError:
    return _fail(f"{source.name} has no answers", _EXIT_DATA)


def _time_zone(name: str) -> str:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"{name!r} is not an IANA time zone (such as UTC or Europe/Paris)",
            param_hint="--time-zone",
        ) from None
    return name


# --- output ----------------------------------------------------------------------------


def _columns(table: Any) -> dict[str, list[Any]]:
    """Any table (a dict of lists, a list of row dicts, a frame of any engine) as lists."""
    if isinstance(table, dict):
        return {str(k): list(v) for k, v in table.items()}
    if isinstance(table, list):
        names: list[str] = []
        for row in table:
            names.extend(k for k in row if k not in names)
        return {name: [row.get(name) for row in table] for name in names}
    import narwhals as nw

    frame = nw.from_native(table, eager_only=True)
    return {name: frame.get_column(name).to_list() for name in frame.columns}


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: numpy scalars unwrapped, NaN and NaT as None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        with contextlib.suppress(ValueError, TypeError):  # exotic scalars stay as they are
            value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return value


def _finite(value: Any) -> Any:
    """JSON has no infinities: they are null, as NaN is."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _is_missing(value: Any) -> bool:
    return _plain(value) is None


def _ambiguous_missing(column: str) -> _UserError:
    return _fail(
        f"column {column!r} holds the text {MISSING_KEY!r} as well as blank cells, which "
        f"are also shown as {MISSING_KEY!r}; rename that value in the file",
        _EXIT_DATA,
    )


def _label_missing_keys(table: dict[str, list[Any]], keys: Sequence[str]) -> None:
    """Blank segment cells become the segment "(missing)"; a column that also holds the
    text "(missing)" is an error (the two segments could not be told apart)."""
    for key in keys:
        if key in table:
            values = table[key]
            blank = [_is_missing(v) for v in values]
            if any(blank) and any(v == MISSING_KEY for v in values):
                raise _ambiguous_missing(key)
            table[key] = [MISSING_KEY if b else v for v, b in zip(values, blank)]


_VALUE_COLUMNS = (
    "value",
    "low",
    "high",
    "value_a",
    "value_b",
    "difference",
    "change",
    "change_low",
    "change_high",
    "target",
)


_SUMMARY_COLUMNS = ("metric", "value", "low", "high", "n", "n_eff", "design_effect",
                    "missing", "invalid", "non_answers", "low_base", "vs_rest",
                    "set_aside")  # fmt: skip
_TREND_COLUMNS = ("period", "metric", "value", "low", "high", "n", "n_eff", "invalid",
                  "non_answers", "low_base", "change",
                  "change_low", "change_high", "pvalue", "pvalue_adjusted",
                  "significant", "set_aside")  # fmt: skip


def _digits(metric: str) -> int:
    """Decimals shown for a metric: net scores and shares (points, percent) one, means two."""
    return 2 if _registry.get(metric).kind == "mean" else 1


def _cell(column: str, value: Any, digits: int) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if column in ("pvalue", "pvalue_adjusted"):
            return f"{value:.3g}"
        if column in _VALUE_COLUMNS:
            return f"{value:.{digits}f}"
        if column.startswith("n_eff"):
            return f"{value:.1f}"
        if column == "design_effect":
            return f"{value:.2f}"
        return f"{value:.4g}"
    return str(value)


def _render(table: Any, fmt: str, title: str, note: str = "", *, digits: int = 1) -> str:
    """The text of a table in one of FORMATS: numbers rounded for reading in ``table``
    and ``markdown`` (p-values to 3 significant digits, NPS and shares to one decimal,
    means to two), full precision in ``csv`` and ``json``; missing values are blank
    (``null`` in JSON)."""
    columns = _columns(table)
    names = list(columns)
    rows = list(zip(*columns.values())) if names else []
    if fmt == "json":
        records = [{k: _finite(_plain(v)) for k, v in zip(names, row)} for row in rows]
        body = {"title": title, "columns": names, "rows": records, "note": note}
        return json.dumps(body, indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            cells = [_plain(v) for v in row]
            writer.writerow(["" if v is None else repr(v) if isinstance(v, float) else v
                             for v in cells])  # fmt: skip
        return out.getvalue()
    shown = [[_cell(name, v, digits) for name, v in zip(names, row)] for row in rows]
    numeric = []
    for values in columns.values():
        present = [v for v in map(_plain, values) if v is not None]
        numeric.append(
            bool(present)
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
        )
    if fmt == "markdown":
        lines = [f"### {title}", "", "| " + " | ".join(names) + " |"]
        lines.append("|" + "".join("---:|" if num else "---|" for num in numeric))
        for cells in shown:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if note:
            lines += ["", note]
        return "\n".join(lines) + "\n"
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out_table = Table(title=escape(title), title_justify="left")
    for name, num in zip(names, numeric):
        out_table.add_column(escape(name), justify="right" if num else "left")
    for cells in shown:
        out_table.add_row(*map(escape, cells))
    # as wide as the table needs (nothing cut), at least the terminal's width
    console = Console(width=10_000, file=io.StringIO(), force_terminal=sys.stdout.isatty() or None)
    console.print(out_table)
    if note:
        console.print(escape(note))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return str(text)


def _write(text: str) -> None:
    """Everything printed goes through here: a closed pipe and a full disk are told
    apart from a crash."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise _ClosedPipe from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise _ClosedPipe from None
        raise _fail(f"cannot write the output: {exc.strerror or exc}") from None


def _emit(table: Any, fmt: str, title: str, note: str = "", *, digits: int = 1) -> None:
    _write(_render(table, fmt, title, note, digits=digits))


# --- commands --------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="satisfy")
def main() -> None:
    """Customer-satisfaction metrics with honest statistics.

    \b
    Examples:
      satisfy report --demo --metric nps --score ltr --by channel
      satisfy compare --demo --metric csat --score csat --invalid omit --by channel --groups chat email
      satisfy plan --metric nps --margin 5
      satisfy scales
    """  # noqa: E501


_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE = re.compile(
    rf"\s*({_NUMBER})\s*-\s*({_NUMBER})\s*(?:\bby\s+({_NUMBER})\s*)?", re.IGNORECASE
)
_SCALE_FORMS = (
    "a preset ({presets}); a range of whole numbers such as 1-6 or 0-10 (half steps: "
    "'0.5-5 by 0.5'); or a range with one label per point, lowest first, after a colon: "
    "'1-5:Very bad,Bad,OK,Good,Very good' (separate the labels with '|' instead when "
    "they hold commas)"
)


def parse_scale(text: str) -> Scale:
    """The scale a ``--scale`` value names: a preset (any case), a range ``LOW-HIGH``
    (``by 0.5`` for half steps), or a range with its labels after a colon, separated by
    commas, or by ``|`` when a label holds a comma.

    Raises
    ------
    ValueError
        Naming the forms accepted.

    Examples
    --------
    >>> parse_scale("csat5")
    Scale(CSAT5: 1-5, labels Very dissatisfied..Very satisfied)
    >>> parse_scale("1-6")
    Scale(custom: 1-6)
    >>> parse_scale("0.5-5 by 0.5")
    Scale(custom: 0.5-5 by 0.5)
    >>> parse_scale("1-3: Bad, really | OK | Good")
    Scale(custom: 1-3, labels Bad, really..Good)
    """
    presets = {name.casefold(): scale for name, scale in PRESETS.items()}
    accepted = _SCALE_FORMS.format(presets=", ".join(PRESETS))
    text = text.strip()
    if text.casefold() in presets:
        return presets[text.casefold()]
    head, colon, tail = text.partition(":")
    found = _RANGE.fullmatch(head)
    if found is None:
        raise ValueError(f"{text!r} is not a scale; --scale takes {accepted}")
    low, high, step = (float(x) if x is not None else None for x in found.groups())
    labels: list[str] | None = None
    if colon:
        separator = "|" if "|" in tail else ","
        labels = [label.strip() for label in tail.split(separator)]
        if any(not label for label in labels):
            raise ValueError(
                f"{text!r} has an empty label; give one label per point after the colon, "
                f"separated by {separator!r}"
            )
    try:
        return Scale(low, high, 1.0 if step is None else step, labels=labels, name="custom")
    except SatisfyError as exc:
        raise ValueError(f"{text!r} is not a scale: {exc}. --scale takes {accepted}") from None


def parse_band(text: str) -> tuple[float, float]:
    """The points a ``--detractors`` or ``--promoters`` value names: ``LOW-HIGH``
    (inclusive) or one point.

    Examples
    --------
    >>> parse_band("0-6"), parse_band("10"), parse_band("4 - 5")
    ((0.0, 6.0), (10.0, 10.0), (4.0, 5.0))
    """
    found = _RANGE.fullmatch(text)
    if found is not None and found.group(3) is None:
        return float(found.group(1)), float(found.group(2))
    if re.fullmatch(rf"\s*{_NUMBER}\s*", text):
        return float(text), float(text)
    raise ValueError(f"{text!r} is not a band of points; give LOW-HIGH (inclusive), such as 0-6")


class _ScaleType(click.ParamType[Scale]):
    name = "SCALE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Scale):
            return value
        try:
            return parse_scale(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _BandType(click.ParamType[tuple[float, float]]):
    name = "LOW-HIGH"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        try:
            return parse_band(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_common = [
    click.argument("file", required=False),
    click.option("--demo", is_flag=True, help="Use the bundled demo survey instead of a file."),
    click.option(
        "--sep",
        help="Field separator of a text file (detected if not given): ',', ';', '|', or "
        "'\\t' for tabs.",
    ),
    click.option(
        "--decimal",
        type=click.Choice([".", ","]),
        help="Decimal mark of the numbers in a text file (detected if not given).",
    ),
    click.option(
        "--encoding",
        help="Text encoding of a text file (detected if not given): utf-8, cp1252, latin-1...",
    ),
    click.option(
        "--sheet",
        help="The sheet of a workbook to read: its name, or its position from 0 (the first "
        "by default).",
    ),
    click.option("--metric", type=click.Choice(METRICS), default="nps", show_default=True),
    click.option("--score", required=True, help="The column of answers."),
    click.option(
        "--scale",
        type=_ScaleType(),
        help="Scale (metric's default): a preset, LOW-HIGH such as 1-6, or "
        "'1-5:Very bad,Bad,OK,Good,Very good' (labels after the colon, ',' or '|' between).",
    ),
    click.option(
        "--boxes",
        "--top",
        "top",
        type=int,
        help="How many boxes count, for metrics with boxes (csat, top-box...; their default).",
    ),
    click.option("--threshold", type=float, help="Level for --metric threshold_share."),
    click.option(
        "--detractors",
        type=_BandType(),
        help="NPS: the detractors' points, LOW-HIGH inclusive (default 0-6; give both bands "
        "on a scale other than 0-10).",
    ),
    click.option(
        "--promoters", type=_BandType(), help="NPS: the promoters' points (default 9-10)."
    ),
    click.option("--weights", help="A column of survey weights."),
    click.option(
        "--frequencies",
        help="A column of counts: each row stands for that many answers (a count table).",
    ),
    click.option(
        "--non-answer",
        "non_answers",
        multiple=True,
        help='An answer that is not one (N/A, "Don\'t know", 99): counted apart, never in '
        "the metric (repeat for several).",
    ),
    click.option(
        "--invalid",
        type=click.Choice(INVALID),
        default="raise",
        show_default=True,
        help="Answers not on the scale: an error, or left out and counted as missing.",
    ),
    click.option("--confidence", type=float, default=0.95, show_default=True),
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
]

_time_options = [
    click.option("--time", "time_column", help="Date column (default 'date' with --demo)."),
    click.option(
        "--time-zone",
        default="UTC",
        show_default=True,
        callback=lambda ctx, param, value: _time_zone(value),
        help="Periods of time-zone-aware timestamps are taken in this zone (naive ones "
        "as written).",
    ),
    click.option(
        "--time-format",
        help="The format of --time written as text, such as %d/%m/%Y (ISO dates and "
        "day-month-year ones are recognised without it).",
    ),
]


def _with(options: Sequence[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def decorate(function: Any) -> Any:
        for decorator in reversed(options):
            function = decorator(function)
        return function

    return decorate


def _code(text: Any) -> Any:
    """A --non-answer code: a number (99) where the text is one, else the text."""
    if not isinstance(text, str):
        return text  # a file's code, already a number
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _point(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _spec(
    metric: str,
    score: str,
    scale: Scale | None,
    boxes: int | None,
    threshold: float | None,
    bands: dict[str, tuple[float, float] | None] | None = None,
    non_answers: Sequence[Any] = (),
) -> Any:
    """The frame spec of a --metric, from the metric registry. Options that do not fit
    the metric or its scale are usage errors (exit 2)."""
    entry = _registry.get(metric, what="--metric")
    options: dict[str, Any] = {}
    if boxes is not None:
        if "boxes" not in entry.option_names:
            raise _fail(f"--boxes does not apply to --metric {metric}")
        options["boxes"] = boxes
    if "threshold" in entry.option_names:
        if threshold is None:
            raise _fail(f"--metric {metric} needs --threshold LEVEL")
        options["threshold"] = threshold
    given = {name: band for name, band in (bands or {}).items() if band is not None}
    for name, band in given.items():
        if name not in entry.option_names:
            with_bands = [m for m in _registry.names() if name in _registry.get(m).option_names]
            raise _fail(
                f"--{name} does not apply to --metric {metric} (only to "
                f"{', '.join(sorted(set(with_bands)))})"
            )
        options[name] = tuple(_point(x) for x in band)
    fitted = entry.default_scale if scale is None else scale
    if entry.name == "csat" and boxes is None and fitted.n_points < 4:
        # as satisfy.CSAT: the top-2 default would count the middle point as satisfied
        raise _fail(
            f"--metric csat on {fitted} needs --boxes: the default of 2 top boxes is for "
            f"scales of 4 or more points; on {fitted.n_points} points it would count the "
            "middle point as satisfied (give e.g. --boxes 1)"
        )
    banded = [name for name in ("detractors", "promoters") if name in entry.option_names]
    if banded and scale is not None and (scale.low, scale.high) != (0, 10):
        lacking = [name for name in banded if name not in given]
        if lacking:
            raise _fail(
                f"--metric {metric} on {scale} needs --detractors and --promoters: the "
                "standard bands (0-6 and 9-10) are points of a 0-10 scale; give this "
                "scale's bands as --detractors LOW-HIGH --promoters LOW-HIGH"
            )
    if non_answers:
        base = entry.default_scale if scale is None else scale
        known = set(base.non_answers)
        codes = tuple(dict.fromkeys(c for c in map(_code, non_answers) if c not in known))
        try:
            scale = attrs.evolve(base, non_answers=(*base.non_answers, *codes))
        except SatisfyError as exc:
            raise _fail(f"--non-answer: {exc}") from None
    try:
        return _specs.Metric(score, entry.name, scale=scale, **options)
    except SatisfyError as exc:
        raise _fail(str(exc)) from None


def _file_scale(
    source: _Source, score: str, scale: Scale | None, non_answers: Sequence[str]
) -> tuple[Scale | None, tuple[Any, ...]]:
    """The scale of the answers: --scale, else the one the file gives the column (an SPSS
    or Stata file's value labels, an export's choices), else None (the metric's own);
    and the non-answer codes: the file's (user-missing values) and --non-answer's."""
    info = None if source.survey is None else source.survey.columns.get(score)
    if info is None:
        return scale, tuple(non_answers)
    if scale is None and info.scale is not None:
        scale = info.scale
    return scale, (*info.non_answers, *non_answers)


def _dialect(
    sep: str | None, decimal: str | None, encoding: str | None, sheet: str | None
) -> dict[str, Any]:
    """How to read the file, as given on the command line (``satisfy.read``'s options): a
    separator written ``\\t`` or ``tab`` is a tab (a sheet written as a number is tried
    as a name, then as a position: see ``_Source``)."""
    if sep is not None and sep.lower() in ("\\t", "tab"):
        sep = "\t"
    return {"sep": sep, "decimal": decimal, "encoding": encoding, "sheet": sheet}


def _counting(frequencies: str | None, respondent: str | None = None) -> dict[str, Any]:
    """The library's options for which rows count and how much: ``frequencies=`` (a count
    table), ``respondent=`` (each respondent's latest answer)."""
    options: dict[str, Any] = {}
    if frequencies is not None:
        options["frequencies"] = frequencies
    if respondent is not None:
        options["respondent"] = respondent
    return options


def _set_aside(table: dict[str, list[Any]], scale: Scale) -> str:
    """A note of the answers that are not in the metric although the file has them: not on
    the scale and left out (``--invalid omit``), or non-answers (``--non-answer``, the
    file's codes). Nothing when there are none."""
    parts = []
    earlier = sum(int(x or 0) for x in table.get("set_aside", []))
    if earlier:
        noun = "answer" if earlier == 1 else "answers"
        parts.append(f"{earlier} earlier {noun} of repeat respondents set aside (set_aside)")
    invalid = sum(int(x or 0) for x in table.get("invalid", []))
    if invalid:
        noun = "answer" if invalid == 1 else "answers"
        parts.append(f"{invalid} {noun} not on {scale} left out (invalid; also in missing)")
    non = sum(int(x or 0) for x in table.get("non_answers", []))
    if non:
        codes = ", ".join(map(repr, scale.non_answers))
        were = "non-answer" if non == 1 else "non-answers"
        parts.append(f"{non} {were} ({codes}) counted apart, not in the metric")
    return "; ".join(parts)


def _bands(spec: Any) -> str:
    """The bands of a net score when they are not the standard ones, for titles: a value
    reported as NPS says which points were counted."""
    definition = spec.definition()
    named = {name for name, _ in definition.categories}
    if definition.detail and {"detractors", "promoters"} <= named:
        return f" ({definition.detail})"
    return ""


def _segment_table(
    spec: Any,
    tally: Any,
    by: Sequence[str],
    *,
    confidence: float,
    method: IntervalMethod | None,
    min_n: int,
) -> tuple[dict[str, list[Any]], Any]:
    """The ``summarize`` table of one spec, from a tally already counted (so the file is
    read once for the table and the comparisons); and the estimate."""
    estimate = spec.estimate(tally)
    ci = estimate.confidence_interval(confidence, method)
    table: dict[str, list[Any]] = {}
    keys = [k if isinstance(k, tuple) else (k,) for k in tally.groups]
    for i, name in enumerate(by):
        table[name] = [k[i] for k in keys]
    n = tally.n.tolist()
    table.update(
        metric=[spec.label] * len(keys),
        value=estimate.value.tolist(),
        low=ci.low.tolist(),
        high=ci.high.tolist(),
        n=n,
        n_eff=tally.n_eff.tolist(),
        missing=tally.missing.tolist(),
        invalid=tally.invalid.tolist(),
        non_answers=tally.non_answers.tolist(),
        low_base=[x < min_n for x in n],
    )
    return table, estimate


def _versus_rest(
    estimate: Any, tally: Any, by: Sequence[str], confidence: float
) -> list[str] | None:
    """Each segment against all the others (Holm), marked "higher" or "lower"; one
    comparison per segment, so 200,000 segments are fine."""
    if int((tally.n > 0).sum()) < 2:
        return None
    versus = compare_groups(estimate, confidence_level=confidence, pairwise=False).versus_rest
    marks = {
        key: ("higher" if d > 0 else "lower") if sig else ""
        for key, d, sig in zip(versus.a, versus.difference, versus.significant(1 - confidence))
    }
    return [marks.get(key, "") for key in tally.groups]


@main.command()
@_with(_common)
@click.option(
    "--method",
    type=click.Choice(INTERVAL_METHODS),
    help="Interval method (the metric's default; not every method fits every metric).",
)
@click.option("--by", multiple=True, help="Segment column (repeat for several).")
@click.option("--period", type=click.Choice(PERIODS), help="Calendar period of --time.")
@_with(_time_options)
@click.option("--window", type=int, default=1, show_default=True, help="Trailing periods.")
@click.option("--min-n", type=int, default=30, show_default=True, help="Low-base flag below.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Also draw the report to a PNG.")
@click.option(
    "--respondent",
    help="A column of respondent ids: only each respondent's latest answer (by --time) "
    "counts; the answers set aside are counted in set_aside.",
)
@click.option(
    "--cluster",
    help="A survey design's cluster ids (a customer or account answering several times): "
    "standard errors and intervals are the design's (segments as domains).",
)
@click.option("--strata", help="A survey design's stratum ids (regions, channels, tiers).")
@click.option(
    "--fpc",
    help="A column of each stratum's population count of clusters (or sampling fraction): "
    "the finite population correction.",
)
def report(
    file: str | None,
    demo: bool,
    sep: str | None,
    decimal: str | None,
    encoding: str | None,
    sheet: str | None,
    metric: str,
    score: str,
    scale: Scale | None,
    top: int | None,
    threshold: float | None,
    detractors: tuple[float, float] | None,
    promoters: tuple[float, float] | None,
    weights: str | None,
    frequencies: str | None,
    non_answers: tuple[str, ...],
    invalid: InvalidPolicy,
    confidence: float,
    method: IntervalMethod | None,
    fmt: str,
    by: tuple[str, ...],
    period: Period | None,
    time_column: str | None,
    time_zone: str,
    time_format: str | None,
    window: int,
    min_n: int,
    plot: str | None,
    respondent: str | None,
    cluster: str | None,
    strata: str | None,
    fpc: str | None,
) -> None:
    """A metric per segment (and period), with intervals, n and low-base flags.

    Segments are marked where they differ from the rest (Holm-adjusted); with --period,
    changes from the previous period are tested and marked. Blank segment cells are
    counted as the segment "(missing)".

    \b
    Examples:
      satisfy report --demo --metric nps --score ltr --by channel
      satisfy report --demo --metric csat --score csat --invalid omit --by channel --period quarter
      satisfy report answers.csv --metric ces --score effort --format markdown
      satisfy report answers.csv.gz --metric nps --score ltr --period month --time date
      satisfy report answers.parquet --metric threshold --threshold 4 --score sat
      satisfy report answers.csv --metric mean --score effort --scale 1-7
      satisfy report --demo --score ltr --detractors 0-4 --promoters 8-10 --by channel
      satisfy report --demo --score ltr --weights weight --strata team --by channel
    """
    design = {
        name: value
        for name, value in (("cluster", cluster), ("strata", strata), ("fpc", fpc))
        if value is not None
    }
    if demo and time_column is None and period is not None:
        time_column = "date"
    if period is not None and time_column is None:
        raise click.UsageError("--period needs --time COLUMN (the dates)")
    if respondent is not None and time_column is None:
        raise click.UsageError("--respondent needs --time COLUMN (which answer is the latest)")
    if plot:
        _check_plot_path(plot)
    source = _Source(
        file, demo, [score, *by, weights or "", frequencies or "", time_column or "",
                     respondent or "", *design.values()],
        time=time_column, time_zone=time_zone, weights=weights,
        **_dialect(sep, decimal, encoding, sheet),
    )  # fmt: skip
    reserved = _TREND_COLUMNS if period is not None else _SUMMARY_COLUMNS
    clash = [b for b in by if b in reserved]
    if clash:
        raise _fail(
            f"--by {clash[0]!r} is also the name of an output column; rename the column "
            f"(output columns: {', '.join(reserved)})",
            _EXIT_DATA,
        )
    try:
        bands = {"detractors": detractors, "promoters": promoters}
        scale, codes = _file_scale(source, score, scale, non_answers)
        spec = _spec(metric, score, scale, top, threshold, bands, codes)
    except SatisfyError as exc:
        raise _data_error(exc) from None
    marks: list[str] | None = None
    note = ""
    if period is not None:
        assert time_column is not None
        # click checked the choices; trend checks them again
        options: dict[str, Any] = {"period": period, "method": method,
                                   "invalid_policy": invalid, "time_zone": time_zone,
                                   "time_format": time_format,
                                   **_counting(frequencies, respondent),
                                   **design}  # fmt: skip

        def compute(frame: Any) -> Any:
            return trend(
                frame,
                spec,
                time=time_column,
                by=list(by) or None,
                weights=weights,
                window=window,
                confidence_level=confidence,
                min_n=min_n,
                **options,
            )

        table = _columns(_counted(source, compute, spec, weights, frequencies, time_column))
        if not table or sum(x or 0 for x in table.get("n", [])) == 0:
            raise _no_answers(source)
        note = "significant: change from the previous period, Holm-adjusted p < alpha"
    elif respondent is not None or design:
        # the latest answer of each respondent is found in the engine by summarize (one
        # more aggregation), as is a design's per-cluster sums; the segments are not
        # compared with the rest here

        def compute(frame: Any) -> Any:
            return summarize(
                frame,
                spec,
                by=list(by) or None,
                weights=weights,
                time=time_column,
                confidence_level=confidence,
                method=method,
                min_n=min_n,
                invalid_policy=invalid,
                time_zone=time_zone,
                time_format=time_format,
                **_counting(frequencies, respondent),
                cluster=cluster,
                strata=strata,
                fpc=fpc,
            )

        table = _columns(_counted(source, compute, spec, weights, frequencies, time_column))
        if not table or sum(x or 0 for x in table.get("n", [])) == 0:
            raise _no_answers(source)
    else:

        def compute(frame: Any) -> Any:
            return tally_frame(
                frame,
                score,
                scale=spec.scale,
                by=list(by) or None,
                weights=weights,
                invalid_policy=invalid,
                **_counting(frequencies),
            )

        tally = _counted(source, compute, spec, weights, frequencies, time_column)
        if int(tally.n.sum()) == 0:
            raise _no_answers(source)
        try:
            table, estimate = _segment_table(
                spec, tally, by, confidence=confidence, method=method, min_n=min_n
            )
            if by:
                marks = _versus_rest(estimate, tally, by, confidence)
        except SatisfyError as exc:
            raise _data_error(exc) from None
        if marks is not None:
            table["vs_rest"] = marks
            note = "vs_rest: significantly above or below all other segments (Holm)"
    _label_missing_keys(table, by)
    note = "\n".join(x for x in (note, _set_aside(table, spec.scale)) if x)
    if plot:
        _plot(table, spec, by, period, plot)
    title = f"{spec.label} on {spec.scale}{_bands(spec)}, {confidence:.0%} intervals"
    _emit(table, fmt, title, note, digits=_digits(metric))


def _check_plot_path(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise _fail(f"cannot write the plot to {path!r}: no folder {folder!r}")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise _fail(f"cannot write the plot to {path!r}: permission denied")


def _plot(table: Any, spec: Any, by: Sequence[str], period: str | None, path: str) -> None:
    try:
        from . import plotting
    except ImportError:
        raise _fail(
            '--plot needs matplotlib: pip install matplotlib (or the "plot" extra, '
            'pip install ".[plot]" in a clone of satisfy)'
        ) from None
    ax = plotting.report_axes(table, label=spec.label, by=list(by), period=period)
    try:
        ax.figure.savefig(path, dpi=120, bbox_inches="tight")
    except (OSError, ValueError) as exc:
        raise _fail(f"cannot write the plot to {path!r}: {exc}") from None


@main.command(name="compare")
@_with(_common)
@click.option(
    "--method",
    type=click.Choice(TWO_SAMPLE_METHODS),
    help="Two-sample test and interval method (the metric's default; not every method "
    "fits every metric).",
)
@click.option("--by", help="The column whose two groups are compared.")
@click.option("--groups", nargs=2, help="The two groups of --by: A B (A - B).")
@click.option("--period", type=click.Choice(PERIODS), help="Compare two periods instead.")
@click.option("--periods", nargs=2, help="The two periods' start dates: A B (A - B).")
@_with(_time_options)
def compare_command(
    file: str | None,
    demo: bool,
    sep: str | None,
    decimal: str | None,
    encoding: str | None,
    sheet: str | None,
    metric: str,
    score: str,
    scale: Scale | None,
    top: int | None,
    threshold: float | None,
    detractors: tuple[float, float] | None,
    promoters: tuple[float, float] | None,
    weights: str | None,
    frequencies: str | None,
    non_answers: tuple[str, ...],
    invalid: InvalidPolicy,
    confidence: float,
    method: TwoSampleMethod | None,
    fmt: str,
    by: str | None,
    groups: tuple[str, str] | None,
    period: Period | None,
    periods: tuple[str, str] | None,
    time_column: str | None,
    time_zone: str,
    time_format: str | None,
) -> None:
    """Compare two groups (--by and --groups) or two periods (--period and --periods).

    Blank cells of --by form the group "(missing)".

    \b
    Examples:
      satisfy compare --demo --metric nps --score ltr --by channel --groups chat email
      satisfy compare --demo --metric nps --score ltr --period month --periods 2025-09-01 2025-08-01
    """
    if demo and time_column is None and period is not None:
        time_column = "date"
    if (groups is None) == (periods is None):
        raise click.UsageError("give either --by COL --groups A B, or --period P --periods A B")
    if groups is not None and by is None:
        raise click.UsageError("--groups needs --by COLUMN")
    wanted: list[str] = []
    if periods is not None:
        if period is None or time_column is None:
            raise click.UsageError("--periods needs --period and --time")
        for text in periods:
            try:
                wanted.append(str(dt.date.fromisoformat(text)))
            except ValueError:
                raise click.BadParameter(
                    f"takes dates such as 2025-09-01, got {text!r}", param_hint="--periods"
                ) from None
    else:
        assert groups is not None
        wanted = list(groups)
    source = _Source(
        file, demo, [score, by or "", weights or "", frequencies or "", time_column or ""],
        time=time_column,
        time_zone=time_zone, weights=weights, **_dialect(sep, decimal, encoding, sheet),
    )  # fmt: skip
    try:
        bands = {"detractors": detractors, "promoters": promoters}
        scale, codes = _file_scale(source, score, scale, non_answers)
        spec = _spec(metric, score, scale, top, threshold, bands, codes)
    except SatisfyError as exc:
        raise _data_error(exc) from None
    if groups is not None:

        def compute(frame: Any) -> Any:
            return tally_frame(
                frame, score, scale=spec.scale, by=by, weights=weights, invalid_policy=invalid,
                **_counting(frequencies),
            )  # fmt: skip

    else:

        def compute(frame: Any) -> Any:
            return tally_frame(
                frame,
                score,
                scale=spec.scale,
                weights=weights,
                period=period,
                time=time_column,
                invalid_policy=invalid,
                time_zone=time_zone,
                time_format=time_format,
                **_counting(frequencies),
            )

    tally = _counted(source, compute, spec, weights, frequencies, time_column)
    if int(tally.n.sum()) == 0:
        raise _no_answers(source)
    labels = [MISSING_KEY if _is_missing(k) else str(_plain(k)) for k in tally.groups]
    if by is not None and labels.count(MISSING_KEY) > 1:
        raise _ambiguous_missing(by)
    keys = dict(zip(labels, tally.groups))
    absent = [w for w in wanted if w not in keys]
    if absent:
        shown = ", ".join(list(keys)[:12]) + (", ..." if len(keys) > 12 else "")
        raise _fail(f"no group {absent[0]!r}; there are {shown}", _EXIT_DATA)
    try:
        a, b = (spec.estimate(tally[keys[w]]) for w in wanted)
        result = compare(a, b, method=method, confidence_level=confidence)
    except SatisfyError as exc:
        raise _data_error(exc) from None
    row = {
        "a": wanted[0],
        "b": wanted[1],
        "value_a": a.value,
        "value_b": b.value,
        "difference": result.difference,
        "low": result.low,
        "high": result.high,
        "pvalue": result.pvalue,
        "method": result.method,
        "significant": result.significant(1 - confidence),
    }
    pair = [tally[keys[w]] for w in wanted]
    counts = {
        "invalid": [int(t.invalid) for t in pair],
        "non_answers": [int(t.non_answers) for t in pair],
    }
    note = "\n".join(x for x in (repr(result), _set_aside(counts, spec.scale)) if x)
    _emit(
        [row],
        fmt,
        f"{spec.label}{_bands(spec)}: {wanted[0]} - {wanted[1]}",
        note,
        digits=_digits(metric),
    )


@main.command()
@click.option("--metric", type=click.Choice(METRICS), required=True)
@click.option("--margin", type=float, help="Interval half-width to reach (metric's unit).")
@click.option("--difference", type=float, help="Difference between two groups to detect.")
@click.option(
    "--expected",
    multiple=True,
    type=float,
    help="Net score: positive% negative% (NPS: promoters, detractors); share: %; mean: sd.",
)
@click.option("--scale", type=_ScaleType(), help="For a mean's worst case (as in report).")
@click.option("--confidence", type=float, default=0.95, show_default=True)
@click.option("--power", "power_", type=float, default=0.8, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def plan(
    metric: str,
    margin: float | None,
    difference: float | None,
    expected: tuple[float, ...],
    scale: Scale | None,
    confidence: float,
    power_: float,
    fmt: str,
) -> None:
    """How many answers a margin of error (or a difference between groups) needs.

    \b
    Examples:
      satisfy plan --metric nps --margin 5
      satisfy plan --metric csat --margin 3 --expected 80
      satisfy plan --metric nps --difference 10 --expected 40 --expected 20
      satisfy plan --metric mean --margin 0.1 --scale CES7
    """
    if (margin is None) == (difference is None):
        raise click.UsageError("give --margin (one group) or --difference (two groups)")
    guess: Any = None
    if expected:
        guess = tuple(expected) if _registry.get(metric).kind == "nps" else expected[0]
    try:
        if margin is not None:
            result = sample_size(
                metric, margin=margin, confidence_level=confidence, expected=guess, scale=scale
            )
        else:
            assert difference is not None
            result = sample_size_difference(
                metric,
                difference=difference,
                power=power_,
                alpha=1 - confidence,
                expected=guess,
                scale=scale,
            )
    except SatisfyError as exc:
        raise _data_error(exc) from None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    row = {"metric": result.metric, "n": result.n, "target": result.target}
    row["assumption"] = result.assumption
    note = "worst case assumed" if result.worst_case else ""
    _emit([row], fmt, "Sample size", note, digits=_digits(metric))


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def scales(fmt: str) -> None:
    """List the preset scales.

    \b
    Examples:
      satisfy scales
      satisfy scales --format json
    """
    rows = [
        {
            "name": s.name,
            "points": f"{s.low:g}-{s.high:g}" + ("" if s.step == 1 else f" by {s.step:g}"),
            "direction": "higher is better" if s.higher_is_better else "lower is better",
            "labels": "" if s.labels is None else f"{s.labels[0]} .. {s.labels[-1]}",
            "question": s.question,
        }
        for s in PRESETS.values()
    ]
    _emit(rows, fmt, "Preset scales")


def _leave_at_once(signum: int, frame: Any) -> None:
    """Ctrl-C: exit 130 at once. A KeyboardInterrupt raised wherever the main thread happens
    to be can land in an import's lock handling or a weakref callback, where Python prints
    it as "Exception ignored" and goes on (the report then came out after all, or the
    command hung on importlib's locks); leaving from the handler cannot be swallowed. The
    temporary UTF-8 copies of other encodings are deleted and the cursor a spinner hid is
    shown again."""
    _files.remove_copies()
    with contextlib.suppress(OSError, ValueError):
        if sys.stderr.isatty():
            sys.stderr.write("\x1b[?25h")
        sys.stderr.flush()
    os._exit(_EXIT_INTERRUPTED)


def run(args: Sequence[str] | None = None) -> None:
    """The console script: the command with its exit statuses (see the module docstring)."""
    code = 0
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _leave_at_once)
    try:
        main.main(args=list(args) if args is not None else None, prog_name="satisfy",
                  standalone_mode=False)  # fmt: skip
    except _ClosedPipe:
        code = _EXIT_PIPE
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        code = _EXIT_INTERRUPTED
    except click.exceptions.Exit as exc:  # pragma: no cover - returned, not raised, in click 8
        code = exc.exit_code
    except BrokenPipeError:
        code = _EXIT_PIPE
    except OSError as exc:  # click's own output (--help, --version) to a full disk
        if exc.errno == errno.EPIPE:
            code = _EXIT_PIPE
        else:
            _fail(f"cannot write the output: {exc.strerror or exc}").show()
            code = _EXIT_USAGE
    if threading.current_thread() is threading.main_thread():
        # the work is done (or given up): a Ctrl-C while the interpreter shuts down (DuckDB
        # and rich tidy up for a moment after the output is written) would kill the process
        # by SIGINT after a complete report; from here on it is ignored
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code == _EXIT_PIPE:
        # the reader has gone: send what is still buffered nowhere, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
