"""The ``satisfy`` command: reports, comparisons and sample sizes without writing Python.

Needs the ``cli`` extra (click, rich and pandas): ``pip install "satisfy[cli]"``. Every
user error (a missing column, bad answers, an unreadable file) prints one line on stderr
and exits with status 2.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import specs as _specs
from .comparisons import compare, compare_groups
from .errors import SatisfyError
from .frames import PERIODS, summarize, tally_frame, trend
from .planning import sample_size, sample_size_difference
from .scales import PRESETS

METRICS = ("nps", "csat", "ces", "threshold", "mean", "pomp", "top-box")
FORMATS = ("table", "markdown", "csv", "json")
_PROGRESS_BYTES = 50 * 2**20  # files larger than this are read in chunks, with a bar


class _UserError(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"satisfy: error: {self.message}", err=True)


def _fail(message: str) -> _UserError:
    return _UserError(message.splitlines()[0] if message else "failed")


def _read(path: str | None, demo: bool) -> Any:
    import pandas as pd

    if demo:
        from .datasets import load_demo

        return load_demo()
    if path is None:
        raise _fail("give a FILE (CSV, JSON lines or Parquet) or --demo")
    file = Path(path)
    if not file.exists():
        raise _fail(f"no file {path!r}")
    suffix = "".join(file.suffixes[-2:]).lower()
    try:
        if suffix.endswith((".parquet", ".pq")):
            try:
                return pd.read_parquet(file)
            except ImportError:
                raise _fail("reading Parquet needs pyarrow: pip install pyarrow") from None
        if suffix.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
            return pd.read_json(file, lines=True)
        return _read_csv(file)
    except _UserError:
        raise
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read {path!r}: {exc}") from None


def _read_csv(file: Path) -> Any:
    import pandas as pd

    size = file.stat().st_size
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}
    if size < _PROGRESS_BYTES or not sys.stderr.isatty():
        return pd.read_csv(file, **options)
    from rich.progress import Progress

    parts = []
    with Progress(transient=True, console=_stderr_console()) as progress, file.open("rb") as raw:
        task = progress.add_task(f"reading {file.name}", total=size)
        for chunk in pd.read_csv(raw, chunksize=200_000, **options):
            parts.append(chunk)
            progress.update(task, completed=raw.tell())
    return pd.concat(parts, ignore_index=True)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _prepare(frame: Any, columns: Sequence[str], time: str | None) -> Any:
    """Numbers written as text stay text (the scale parses them); a time column is parsed."""
    import pandas as pd

    missing = [c for c in columns if c and c not in frame.columns]
    if missing:
        raise _fail(f"no column {missing[0]!r}; the file has {', '.join(map(repr, frame.columns))}")
    if time is not None and not pd.api.types.is_datetime64_any_dtype(frame[time]):
        try:
            frame = frame.assign(**{time: pd.to_datetime(frame[time])})
        except (ValueError, TypeError) as exc:
            raise _fail(f"column {time!r} is not dates: {exc}") from None
    return frame


def _spec(metric: str, score: str, scale: str | None, top: int, threshold: float | None) -> Any:
    kwargs: dict[str, Any] = {}
    if scale is not None:
        kwargs["scale"] = scale
    if metric == "nps":
        return _specs.NPS(score, **kwargs)
    if metric == "csat":
        return _specs.CSAT(score, top=top, **kwargs)
    if metric == "top-box":
        return _specs.TopBox(score, k=top, **kwargs)
    if metric == "ces":
        return _specs.CES(score, **kwargs)
    if metric == "threshold":
        if threshold is None:
            raise _fail("--metric threshold needs --threshold LEVEL")
        return _specs.Threshold(score, at=threshold, **kwargs)
    if metric == "pomp":
        return _specs.POMP(score, **kwargs)
    return _specs.Mean(score, **kwargs)


def _emit(table: Any, fmt: str, title: str, note: str = "") -> None:
    import pandas as pd

    frame = pd.DataFrame(table)
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps({"title": title, "rows": records, "note": note}, indent=2))
        return
    shown = frame.copy()
    for column in shown.columns:
        if column.startswith("n_eff"):
            shown[column] = shown[column].map(lambda x: f"{x:.1f}")
        elif shown[column].dtype.kind == "f":
            shown[column] = shown[column].map(lambda x: "" if math.isnan(x) else f"{x:.1f}")
        elif column == "p_value" or column == "p_adjusted":
            shown[column] = shown[column].map(lambda x: f"{x:.3g}")
    shown = shown.astype(str).replace({"True": "yes", "False": "", "NaT": "", "None": ""})
    if fmt == "markdown":
        click.echo(f"### {title}\n")
        click.echo("| " + " | ".join(shown.columns) + " |")
        click.echo("|" + "---|" * len(shown.columns))
        for row in shown.itertuples(index=False):
            click.echo("| " + " | ".join(row) + " |")
        if note:
            click.echo(f"\n{note}")
        return
    from rich.console import Console
    from rich.table import Table

    out = Table(title=title, title_justify="left")
    for column in shown.columns:
        numeric = frame[column].dtype.kind in "if"
        out.add_column(column, justify="right" if numeric else "left")
    for row in shown.itertuples(index=False):
        out.add_row(*row)
    console = Console(width=max(100, Console().width))
    console.print(out)
    if note:
        console.print(note)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="satisfy")
def main() -> None:
    """Customer-satisfaction metrics with honest statistics.

    \b
    Examples:
      satisfy report --demo --metric nps --score ltr --by channel
      satisfy compare --demo --metric csat --score csat --by channel --groups chat email
      satisfy plan --metric nps --margin 5
      satisfy scales
    """


_common = [
    click.argument("file", required=False),
    click.option("--demo", is_flag=True, help="Use the bundled demo survey instead of a file."),
    click.option("--metric", type=click.Choice(METRICS), default="nps", show_default=True),
    click.option("--score", required=True, help="The column of answers."),
    click.option("--scale", type=click.Choice(sorted(PRESETS)), help="Scale (metric's default)."),
    click.option("--top", type=int, default=2, show_default=True, help="Boxes for csat/top-box."),
    click.option("--threshold", type=float, help="Level for --metric threshold."),
    click.option("--weights", help="A column of survey weights."),
    click.option("--confidence", type=float, default=0.95, show_default=True),
    click.option("--method", help="Interval or test method (the metric's default)."),
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
]


def _with_common(function: Any) -> Any:
    for decorator in reversed(_common):
        function = decorator(function)
    return function


@main.command()
@_with_common
@click.option("--by", multiple=True, help="Segment column (repeat for several).")
@click.option("--period", type=click.Choice(PERIODS), help="Calendar period of --time.")
@click.option("--time", "time_column", help="Date column (default 'date' with --demo).")
@click.option("--window", type=int, default=1, show_default=True, help="Trailing periods.")
@click.option("--min-n", type=int, default=30, show_default=True, help="Low-base flag below.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Also draw the report to a PNG.")
def report(
    file: str | None,
    demo: bool,
    metric: str,
    score: str,
    scale: str | None,
    top: int,
    threshold: float | None,
    weights: str | None,
    confidence: float,
    method: str | None,
    fmt: str,
    by: tuple[str, ...],
    period: str | None,
    time_column: str | None,
    window: int,
    min_n: int,
    plot: str | None,
) -> None:
    """A metric per segment (and period), with intervals, n and low-base flags.

    Segments are marked where they differ from the rest (Holm-adjusted); with --period,
    changes from the previous period are tested and marked.

    \b
    Examples:
      satisfy report --demo --metric nps --score ltr --by channel
      satisfy report --demo --metric csat --score csat --by channel --period quarter
      satisfy report answers.csv --metric ces --score effort --format markdown
      satisfy report answers.parquet --metric threshold --threshold 4 --score sat
    """
    if demo and time_column is None and period is not None:
        time_column = "date"
    if period is not None and time_column is None:
        raise _fail("--period needs --time COLUMN (the dates)")
    try:
        frame = _prepare(
            _read(file, demo), [score, *by, weights or "", time_column or ""], time_column
        )
        spec = _spec(metric, score, scale, top, threshold)
        if period is not None:
            assert time_column is not None
            table = trend(
                frame,
                spec,
                time=time_column,
                period=period,
                by=list(by) or None,
                weights=weights,
                window=window,
                confidence_level=confidence,
                method=method,
                min_n=min_n,
            )
            note = "significant: change from the previous period, Holm-adjusted p < alpha"
        else:
            table = summarize(
                frame,
                spec,
                by=list(by) or None,
                weights=weights,
                confidence_level=confidence,
                method=method,
                min_n=min_n,
            )
            note = ""
            if by:
                tally = tally_frame(frame, score, scale=spec.scale, by=list(by), weights=weights)
                estimate = spec.estimate(tally)
                if (tally.n > 0).sum() >= 2:
                    versus = compare_groups(estimate, confidence_level=confidence).versus_rest
                    marks = {
                        key: ("higher" if d > 0 else "lower") if sig else ""
                        for key, d, sig in zip(
                            versus.a, versus.difference, versus.significant(1 - confidence)
                        )
                    }
                    keys = table[list(by)].itertuples(index=False, name=None)
                    table["vs_rest"] = [marks.get(k if len(by) > 1 else k[0], "") for k in keys]
                    note = "vs_rest: significantly above or below all other segments (Holm)"
        if plot:
            _plot(table, spec, by, period, plot)
    except SatisfyError as exc:
        raise _fail(str(exc)) from None
    title = f"{spec.label} on {spec.scale}, {confidence:.0%} intervals"
    _emit(table, fmt, title, note)


def _plot(table: Any, spec: Any, by: Sequence[str], period: str | None, path: str) -> None:
    try:
        from . import plotting
    except ImportError:
        raise _fail('--plot needs matplotlib: pip install "satisfy[plot]"') from None
    ax = plotting.report_axes(table, label=spec.label, by=list(by), period=period)
    ax.figure.savefig(path, dpi=120, bbox_inches="tight")


@main.command(name="compare")
@_with_common
@click.option("--by", help="The column whose two groups are compared.")
@click.option("--groups", nargs=2, help="The two groups of --by: A B (A - B).")
@click.option("--period", type=click.Choice(PERIODS), help="Compare two periods instead.")
@click.option("--periods", nargs=2, help="The two periods' start dates: A B (A - B).")
@click.option("--time", "time_column", help="Date column (default 'date' with --demo).")
def compare_command(
    file: str | None,
    demo: bool,
    metric: str,
    score: str,
    scale: str | None,
    top: int,
    threshold: float | None,
    weights: str | None,
    confidence: float,
    method: str | None,
    fmt: str,
    by: str | None,
    groups: tuple[str, str] | None,
    period: str | None,
    periods: tuple[str, str] | None,
    time_column: str | None,
) -> None:
    """Compare two groups (--by and --groups) or two periods (--period and --periods).

    \b
    Examples:
      satisfy compare --demo --metric nps --score ltr --by channel --groups chat email
      satisfy compare --demo --metric nps --score ltr --period month --periods 2025-09-01 2025-08-01
    """
    import datetime as dt

    if demo and time_column is None and period is not None:
        time_column = "date"
    if (groups is None) == (periods is None):
        raise _fail("give either --by COL --groups A B, or --period P --periods A B")
    try:
        frame = _prepare(
            _read(file, demo), [score, by or "", weights or "", time_column or ""], time_column
        )
        spec = _spec(metric, score, scale, top, threshold)
        if groups is not None:
            if by is None:
                raise _fail("--groups needs --by COLUMN")
            tally = tally_frame(frame, score, scale=spec.scale, by=by, weights=weights)
            wanted = list(groups)
            keys = {str(k): k for k in tally.groups}
        else:
            if period is None or time_column is None:
                raise _fail("--periods needs --period and --time")
            tally = tally_frame(
                frame, score, scale=spec.scale, weights=weights, period=period, time=time_column
            )
            wanted = []
            for text in periods or ():
                try:
                    wanted.append(str(dt.date.fromisoformat(text)))
                except ValueError:
                    raise _fail(f"--periods takes dates such as 2025-09-01, got {text!r}") from None
            keys = {str(k): k for k in tally.groups}
        absent = [w for w in wanted if w not in keys]
        if absent:
            raise _fail(f"no group {absent[0]!r}; there are {', '.join(list(keys)[:12])}")
        a, b = (spec.estimate(tally[keys[w]]) for w in wanted)
        result = compare(a, b, method=method, confidence_level=confidence)
    except SatisfyError as exc:
        raise _fail(str(exc)) from None
    row = {
        "a": wanted[0],
        "b": wanted[1],
        "value_a": a.value,
        "value_b": b.value,
        "difference": result.difference,
        "low": result.low,
        "high": result.high,
        "p_value": result.p_value,
        "method": result.method,
        "significant": result.significant(1 - confidence),
    }
    _emit([row], fmt, f"{spec.label}: {wanted[0]} - {wanted[1]}", repr(result))


@main.command()
@click.option("--metric", type=click.Choice(["nps", "share", "csat", "mean", "ces"]), required=True)
@click.option("--margin", type=float, help="Interval half-width to reach (metric's unit).")
@click.option("--difference", type=float, help="Difference between two groups to detect.")
@click.option(
    "--expected",
    multiple=True,
    type=float,
    help="NPS: promoters%% detractors%%; share: %%; mean: sd.",
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
    """
    if (margin is None) == (difference is None):
        raise _fail("give --margin (one group) or --difference (two groups)")
    guess: Any = None
    if expected:
        guess = tuple(expected) if metric == "nps" else expected[0]
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
    except (SatisfyError, ValueError) as exc:
        raise _fail(str(exc)) from None
    row = {"metric": result.metric, "n": result.n, "target": result.target}
    row["assumption"] = result.assumption
    _emit([row], fmt, "Sample size", "worst case assumed" if result.worst_case else "")


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


def run() -> None:  # pragma: no cover - the console script
    main(prog_name="satisfy")
