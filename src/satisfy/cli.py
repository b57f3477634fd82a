"""The ``satisfy`` command: reports, comparisons and sample sizes without writing Python.

Needs the ``cli`` extra (click, rich, pandas, narwhals and DuckDB):
``pip install "satisfy[cli]"``.

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
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, get_args

import click

from . import _registry
from . import specs as _specs
from ._files import AnswerFile
from ._types import IntervalMethod, InvalidPolicy, Period, TwoSampleMethod
from .comparisons import compare, compare_groups
from .errors import DependencyError, OptionError, ReadError, SatisfyError
from .frames import PERIODS, tally_frame, trend
from .planning import sample_size, sample_size_difference
from .readers import read, reopen_as_text
from .scales import PRESETS

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

    def show(self, file: Any = None) -> None:
        click.echo(f"satisfy: error: {self.message}", err=True)


class _ClosedPipe(Exception):
    """stdout was closed by the reader (``| head -1``)."""


def _fail(message: str, exit_code: int = _EXIT_USAGE) -> _UserError:
    return _UserError(message.splitlines()[0] if message else "failed", exit_code)


def _data_error(exc: SatisfyError) -> _UserError:
    return _fail(str(exc), _EXIT_DATA)


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
        if demo:
            from .datasets import load_demo

            self.frame = load_demo()
        else:
            assert path is not None
            try:
                survey = read(
                    path, backend="duckdb", sep=sep, decimal=decimal, encoding=encoding,
                    sheet=sheet,
                )  # fmt: skip
            except (ReadError, OptionError, DependencyError) as exc:
                raise _fail(str(exc)) from None
            except SatisfyError as exc:
                raise _data_error(exc) from None
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
            _preload()
            status = self.file.size > _PROGRESS_BYTES and sys.stderr.isatty()
            return self.file.run(compute, status=status)
        except ReadError as exc:
            raise _fail(str(exc)) from None
        except SatisfyError as exc:
            raise _data_error(exc) from None


def _preload() -> None:
    """Import, in a background thread while DuckDB reads the file (it releases the GIL),
    the modules the rest of the command needs: scipy.stats (intervals and tests) and
    pandas (pyarrow's text columns to numpy). About a second saved per command."""
    import importlib
    import threading

    def load() -> None:
        for name in ("scipy.stats", "pandas"):
            with contextlib.suppress(ImportError):
                importlib.import_module(name)

    threading.Thread(target=load, name="satisfy-preload", daemon=True).start()


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


_SUMMARY_COLUMNS = ("metric", "value", "low", "high", "n", "n_eff", "missing", "low_base",
                    "vs_rest")  # fmt: skip
_TREND_COLUMNS = ("period", "metric", "value", "low", "high", "n", "n_eff", "low_base", "change",
                  "change_low", "change_high", "pvalue", "pvalue_adjusted",
                  "significant")  # fmt: skip


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


_common = [
    click.argument("file", required=False),
    click.option("--demo", is_flag=True, help="Use the bundled demo survey instead of a file."),
    click.option("--metric", type=click.Choice(METRICS), default="nps", show_default=True),
    click.option("--score", required=True, help="The column of answers."),
    click.option("--scale", type=click.Choice(sorted(PRESETS)), help="Scale (metric's default)."),
    click.option(
        "--boxes",
        "--top",
        "top",
        type=int,
        help="How many boxes count, for metrics with boxes (csat, top-box...; their default).",
    ),
    click.option("--threshold", type=float, help="Level for --metric threshold_share."),
    click.option("--weights", help="A column of survey weights."),
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
]


def _with(options: Sequence[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def decorate(function: Any) -> Any:
        for decorator in reversed(options):
            function = decorator(function)
        return function

    return decorate


def _spec(
    metric: str, score: str, scale: str | None, boxes: int | None, threshold: float | None
) -> Any:
    """The frame spec of a --metric, from the metric registry."""
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
    return _specs.Metric(score, entry.name, scale=scale, **options)


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
def report(
    file: str | None,
    demo: bool,
    metric: str,
    score: str,
    scale: str | None,
    top: int | None,
    threshold: float | None,
    weights: str | None,
    invalid: InvalidPolicy,
    confidence: float,
    method: IntervalMethod | None,
    fmt: str,
    by: tuple[str, ...],
    period: Period | None,
    time_column: str | None,
    time_zone: str,
    window: int,
    min_n: int,
    plot: str | None,
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
    """
    if demo and time_column is None and period is not None:
        time_column = "date"
    if period is not None and time_column is None:
        raise click.UsageError("--period needs --time COLUMN (the dates)")
    if plot:
        _check_plot_path(plot)
    source = _Source(
        file, demo, [score, *by, weights or "", time_column or ""], time=time_column,
        time_zone=time_zone, weights=weights,
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
        spec = _spec(metric, score, scale, top, threshold)
    except SatisfyError as exc:
        raise _data_error(exc) from None
    marks: list[str] | None = None
    note = ""
    if period is not None:
        assert time_column is not None
        # click checked the choices; trend checks them again
        options: dict[str, Any] = {"period": period, "method": method,
                                   "invalid_policy": invalid, "time_zone": time_zone}  # fmt: skip

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

        table = _columns(source.run(compute))
        if not table or sum(x or 0 for x in table.get("n", [])) == 0:
            raise _no_answers(source)
        note = "significant: change from the previous period, Holm-adjusted p < alpha"
    else:

        def compute(frame: Any) -> Any:
            return tally_frame(
                frame,
                score,
                scale=spec.scale,
                by=list(by) or None,
                weights=weights,
                invalid_policy=invalid,
            )

        tally = source.run(compute)
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
    if plot:
        _plot(table, spec, by, period, plot)
    title = f"{spec.label} on {spec.scale}, {confidence:.0%} intervals"
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
        raise _fail('--plot needs matplotlib: pip install "satisfy[plot]"') from None
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
    metric: str,
    score: str,
    scale: str | None,
    top: int | None,
    threshold: float | None,
    weights: str | None,
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
        file, demo, [score, by or "", weights or "", time_column or ""], time=time_column,
        time_zone=time_zone, weights=weights,
    )  # fmt: skip
    try:
        spec = _spec(metric, score, scale, top, threshold)
    except SatisfyError as exc:
        raise _data_error(exc) from None
    if groups is not None:

        def compute(frame: Any) -> Any:
            return tally_frame(
                frame, score, scale=spec.scale, by=by, weights=weights, invalid_policy=invalid
            )

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
            )

    tally = source.run(compute)
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
    _emit(
        [row],
        fmt,
        f"{spec.label}: {wanted[0]} - {wanted[1]}",
        repr(result),
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
    help="Net score: positive%% negative%% (NPS: promoters, detractors); share: %%; mean: sd.",
)
@click.option("--scale", type=click.Choice(sorted(PRESETS)), help="For a mean's worst case.")
@click.option("--confidence", type=float, default=0.95, show_default=True)
@click.option("--power", "power_", type=float, default=0.8, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def plan(
    metric: str,
    margin: float | None,
    difference: float | None,
    expected: tuple[float, ...],
    scale: str | None,
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


def run(args: Sequence[str] | None = None) -> None:
    """The console script: the command with its exit statuses (see the module docstring)."""
    code = 0
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
