"""Answer files for the ``satisfy`` command, read lazily by DuckDB: only the columns a
command needs, with their real types, in bounded memory.

Why DuckDB. ``duckdb.read_csv`` sniffs the dialect (delimiter, quoting, header) and each
column's type, reads ``.gz`` natively, and ``read_parquet`` / ``read_json`` give the same
kind of lazy relation for Parquet and JSON lines. A relation is only a query plan: the
library's ``tally_frame`` and ``trend`` hand it their one ``group_by`` through narwhals,
so the file is parsed once, in parallel and streaming, with the unneeded columns skipped
(projection pushdown), and only the small table of groups x answers comes back to
Python. On a 1.1 GB CSV this takes about as long as DuckDB's own ``read_csv`` plus a
``GROUP BY`` computing the NPS per segment, in a few hundred MB, where the previous pandas
reader (every column as text, in chunks, joined back) peaked at 6.2 GB and took 113 s
(``benchmarks/bench_cli.py``). DuckDB is one self-contained wheel and already runs
under the frames tests; polars' ``scan_csv`` with its streaming engine would do as well,
but it infers types from the first 100 rows only and needs a separate reader for gzip.

A type guessed from the sniffer's sample can meet a later cell it cannot convert (a
``"meh"`` among numbers, 50,000 lines down). The query then fails with DuckDB's
conversion error naming the column; that column is re-read as text, so the answers are
validated by the library like any other (invalid ones listed with their counts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .errors import ColumnError, SatisfyError

__all__ = ["AnswerFile", "ReadError"]

T = TypeVar("T")

_PARQUET = (".parquet", ".pq")
_JSON = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_NUMERIC = re.compile(r"^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*)$")
_CONVERTING = re.compile(r'Error when converting column "(.+?)"')


class ReadError(Exception):
    """A file that cannot be read (absent, not in its format, not UTF-8, ...)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C in any of the forms DuckDB gives it (its own exception, or a plain error
    saying the query was interrupted)."""
    import duckdb

    if isinstance(exc, (KeyboardInterrupt, duckdb.InterruptException)):
        return True
    return isinstance(exc, (RuntimeError, duckdb.Error)) and "interrupted" in str(exc).lower()


def _header_names(path: Path, count: int) -> list[str] | None:
    """The names on the first line of a CSV file as written, split on whichever usual
    delimiter gives the ``count`` columns DuckDB found (None if none does)."""
    import csv
    import gzip

    opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
            line = f.readline()
    except (OSError, EOFError):
        return None
    for delimiter in (",", ";", "\t", "|"):
        names = next(csv.reader([line], delimiter=delimiter), [])
        if len(names) == count:
            return names
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class AnswerFile:
    """A CSV (optionally gzipped), JSON lines or Parquet file of answers.

    Parameters
    ----------
    path : str
        The file. Its format is taken from the suffix (CSV for anything not Parquet or
        JSON lines).
    columns : sequence of str
        The columns a command needs; only these are read.
    time : str, optional
        A date or timestamp column: text is cast to timestamps, and timestamps with a time
        zone are converted to ``time_zone`` local time (naive timestamps stay as written).
    time_zone : str
        An IANA time zone name.
    numbers : sequence of str
        Columns that must hold numbers (weights).
    """

    def __init__(
        self,
        path: str,
        columns: Sequence[str],
        *,
        time: str | None = None,
        time_zone: str = "UTC",
        numbers: Sequence[str] = (),
    ) -> None:
        self.path = path
        self.file = Path(path)
        if not self.file.is_file():
            raise ReadError(f"no file {path!r}")
        self.columns = list(dict.fromkeys(c for c in columns if c))
        self.time = time
        self.time_zone = time_zone
        self.numbers = [c for c in numbers if c]
        self.text: set[str] = set()
        self.size = self.file.stat().st_size
        suffix = "".join(self.file.suffixes[-2:]).lower()
        self.kind = (
            "parquet" if suffix.endswith(_PARQUET) else "json" if suffix.endswith(_JSON) else "csv"
        )

    def _connect(self) -> Any:
        import duckdb

        con = duckdb.connect(config={"preserve_insertion_order": False})
        con.execute("SET TimeZone = 'UTC'")
        return con

    def relation(self) -> Any:
        """The lazy DuckDB relation of the needed columns (nothing is read yet but the
        sniffer's sample)."""
        import duckdb

        con = self._connect()
        name = str(self.file)
        try:
            if self.kind == "parquet":
                source = con.read_parquet(name)
            elif self.kind == "json":
                source = con.read_json(name, format="newline_delimited")
            else:
                types = dict.fromkeys(self.text, "VARCHAR")
                source = con.read_csv(name, dtype=types) if types else con.read_csv(name)
        except (duckdb.Error, RuntimeError) as exc:
            if _interrupted(exc):
                raise KeyboardInterrupt from None
            raise ReadError(f"cannot read {self.path!r}: {_first_line(exc)}") from None
        present = list(source.columns)
        if self.kind == "csv":
            self._check_header(present)
        missing = [c for c in self.columns if c not in present]
        if missing:
            raise ColumnError(
                f"no column {missing[0]!r}; {self.path} has {', '.join(map(repr, present))}"
            )
        kinds = dict(zip(present, map(str, source.types)))
        for column in self.numbers:
            if not _NUMERIC.match(kinds[column].upper()):
                late = (
                    " (a cell past the first lines is not a number)" if column in self.text else ""
                )
                raise SatisfyError(
                    f"column {column!r} of {self.path} holds {kinds[column]}, not numbers{late}"
                )
        exprs = []
        for column in self.columns:
            quoted = _quote(column)
            if column == self.time:
                kind = kinds[column].upper()
                if "WITH TIME ZONE" in kind:
                    zone = self.time_zone.replace("'", "''")
                    quoted = f"timezone('{zone}', {quoted}) AS {quoted}"
                elif kind in ("VARCHAR", "TEXT"):
                    quoted = f"CAST({quoted} AS TIMESTAMP) AS {quoted}"
            exprs.append(quoted)
        return source.project(", ".join(exprs))

    def _check_header(self, present: list[str]) -> None:
        """DuckDB renames a repeated column name (``ltr,ltr`` becomes ``ltr, ltr_1``):
        a repeated name in the header as written is an error, as in ``summarize``."""
        names = _header_names(self.file, len(present))
        if names is None:
            return
        counts = Counter(names)
        repeated = [n for n, k in counts.items() if k > 1]
        if not repeated:
            return
        # only a header DuckDB took as one: every first occurrence kept its name
        firsts = {n: i for i, n in reversed(list(enumerate(names)))}
        if all(present[i] == n for n, i in firsts.items()):
            shown = ", ".join(map(repr, repeated))
            raise ColumnError(f"{self.path} has columns named more than once: {shown}")

    def run(self, compute: Callable[[Any], T], *, status: bool = False) -> T:
        """``compute(relation)``, the engine's errors made into :class:`ReadError`; a
        column whose sniffed type meets a cell it cannot convert is read again as text.

        With ``status``, a spinner on stderr says which file is being read."""
        import duckdb

        while True:
            try:
                relation = self.relation()
                if not status:
                    return compute(relation)
                from rich.console import Console

                with Console(stderr=True).status(f"reading {self.file.name}"):
                    return compute(relation)
            except KeyboardInterrupt:
                raise
            except (duckdb.InterruptException, RuntimeError) as exc:
                if _interrupted(exc):
                    raise KeyboardInterrupt from None
                raise
            except duckdb.ConversionException as exc:
                found = _CONVERTING.search(str(exc))
                column = found.group(1) if found else None
                if self.time is not None and column in (None, self.time):
                    raise SatisfyError(
                        f"column {self.time!r} of {self.path} is not dates or timestamps: "
                        f"{_first_line(exc)}"
                    ) from None
                if column is None or column in self.text:
                    raise ReadError(f"cannot read {self.path!r}: {_first_line(exc)}") from None
                self.text.add(column)
            except duckdb.Error as exc:
                if _interrupted(exc):
                    raise KeyboardInterrupt from None
                raise ReadError(f"cannot read {self.path!r}: {_first_line(exc)}") from None
