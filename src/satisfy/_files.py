"""Delimited text, Parquet and JSON lines read lazily by DuckDB: the dialect detected, text
in any encoding, only the columns asked for, with their real types, in bounded memory.
:func:`satisfy.read` and the ``satisfy`` command read such files through here.

Why DuckDB. ``duckdb.read_csv`` reads ``.gz`` natively and gives a lazy relation, as
``read_parquet`` / ``read_json`` do for Parquet and JSON lines. A relation is only a query
plan: the library's ``tally_frame``, ``summarize`` and ``trend`` hand it their one
``group_by`` through narwhals, so the file is parsed once, in parallel and streaming, with
the unneeded columns skipped (projection pushdown), and only the small table of groups x
answers comes back to Python. On a 0.8 GB CSV (10 million answers) ``read`` plus
``summarize`` of the NPS per segment take 1.1 to 1.2 times DuckDB's own ``read_csv`` plus
a ``GROUP BY`` computing it, and a process peaks at about 340 MB (230 MB for DuckDB
alone; the rest is the imports); the same file in cp1252 adds its transcoding (about 6 s
for 0.8 GB on a small machine) in the same memory, where pandas' ``read_csv`` of only the two
columns needed peaks at 660 MB (``benchmarks/bench_read.py``). polars'
``scan_csv`` with its streaming engine would do as well, but it infers types from the
first 100 rows only and needs a separate reader for gzip.

The dialect. The separator, quoting and header row are DuckDB's sniffer's (``sniff_csv``):
it tries each candidate separator and quote on a sample of 20,480 rows and keeps the one
that gives consistent columns and the most typed ones, which is what ``clevercsv`` does
too (a consistency score over candidate dialects), but at C++ speed on the file it then
reads, so the dialect found is the one the reader uses. The sniffer does not look for a
decimal comma: that is found here from the data (cells such as ``3,5`` in a sample of the
first lines, and no ``3.5``), and then DuckDB parses those columns as numbers
(``decimal=','``). The encoding: a file that decodes as UTF-8 is UTF-8 (with or without a
byte-order mark); otherwise ``charset-normalizer`` chooses among the single-byte
encodings of European text (cp1252, latin-1, cp1257, cp1250, ISO 8859-15). DuckDB reads
only UTF-8, so a file in any other encoding is transcoded first, in chunks of a few MB, to
a temporary UTF-8 file (deleted when the process ends): memory stays bounded. Every one of
these can be given instead (``sep=``, ``decimal=``, ``encoding=``).

A type guessed from the sniffer's sample can meet a later cell it cannot convert (a
``"meh"`` among numbers, 50,000 lines down). The query then fails with DuckDB's
conversion error naming the column; :class:`AnswerFile` reads that column again as text,
so the answers are validated by the library like any other (invalid ones listed with
their counts).
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import csv
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ._fileinfo import Dialect
from .errors import ColumnError, DependencyError, ReadError, SatisfyError

__all__ = [
    "AnswerFile",
    "ReadError",
    "TextFile",
    "decode_sample",
    "import_extra",
    "kind_of",
    "sniff",
]

T = TypeVar("T")

_PARQUET = (".parquet", ".pq")
_JSON = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_NUMERIC = re.compile(r"^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*)$")
_CONVERTING = re.compile(r'Error when converting column "(.+?)"')
_LINE = re.compile(r"Error on Line: (\d+)")
_COMMA_DECIMAL = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
_DOT_DECIMAL = re.compile(r"^\s*[-+]?\d+\.\d+\s*$")
_SAMPLE_BYTES = 1 << 20  # the sample the encoding and the decimal mark are judged on
_CHUNK = 4 << 20  # transcoding reads and writes this much at a time
_UTF8 = ("utf-8", "utf-8-sig")
#: the single-byte encodings of European text charset-normalizer chooses among
_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp1257"]
_NAMES = {"iso8859-1": "latin-1", "utf-8-sig": "utf-8-sig", "utf-8": "utf-8"}


def import_extra(name: str, what: str) -> Any:
    """The module ``name``, or a DependencyError naming the ``files`` extra."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        package = {"python_calamine": "python-calamine", "charset_normalizer": "charset-normalizer"}
        pip = package.get(name, name)
        raise DependencyError(
            f"{what} needs {pip}, which is not installed: pip install {pip} "
            f'(or the "files" extra: pip install ".[files]" in a clone of satisfy)'
        ) from None


def kind_of(path: str | Path) -> str:
    """The format a file's name says: "parquet", "json" or (anything else) "csv"."""
    suffix = "".join(Path(path).suffixes[-2:]).lower()
    if suffix.endswith(_PARQUET):
        return "parquet"
    if suffix.endswith(_JSON):
        return "json"
    return "csv"


def encoding_name(encoding: str, *, path: str = "") -> str:
    """The codec's usual name (``latin-1``, ``cp1252``, ``utf-8``), or a ReadError."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        where = f" for {path}" if path else ""
        raise ReadError(
            f"unknown encoding {encoding!r}{where}; give one such as 'utf-8', 'cp1252' or 'latin-1'"
        ) from None
    return _NAMES.get(name, name)


def _open_binary(path: Path) -> Any:
    import gzip

    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return open(path, "rb")  # closed by the caller's with


def _head(path: Path) -> bytes:
    try:
        with _open_binary(path) as f:
            return bytes(f.read(_SAMPLE_BYTES))
    except (OSError, EOFError) as exc:
        raise ReadError(f"cannot read {str(path)!r}: {exc}") from None


def _line_of(data: bytes, offset: int, before: int = 0) -> int:
    """The 1-based line of byte ``offset`` of ``data`` (``before`` lines came earlier)."""
    return before + data.count(b"\n", 0, offset) + 1


def _utf8_prefix(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 (a character cut at the end of the sample is allowed)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(data, final=len(data) < _SAMPLE_BYTES)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (``utf-8-sig`` with a byte-order mark) when the first MB decodes as UTF-8,
    else the single-byte European encoding under which the text reads most like words.

    charset-normalizer proposes the candidates (those among cp1252, latin-1, cp1257,
    cp1250 and ISO 8859-15 whose decoding it finds coherent; cp1252 too whenever it
    decodes, as charset-normalizer drops it on short samples). Of these, the one whose
    decoding puts the fewest signs inside words wins: Polish ``Łódź`` written in cp1250
    reads ``£ódŸ`` in cp1252 (a pound sign in a word), Danish ``Århus`` in cp1252 reads
    ``Ĺrhus`` in cp1250 (a letter: no sign). A tie, which is every sample of only a few
    words, goes to the most used encoding (cp1252, then latin-1, ISO 8859-15, cp1250,
    cp1257): Latvian in cp1257 reads as letters in cp1252 too and needs ``encoding=``."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _utf8_prefix(head):
        return "utf-8"
    cn = import_extra("charset_normalizer", "telling the encoding of a text file that is not UTF-8")
    candidates = {encoding_name(m.encoding) for m in cn.from_bytes(head, cp_isolation=_CANDIDATES)}
    if re.search(rb"[\x80-\x9f]", head):
        # C1 control characters in latin-1 are cp1252's letters and signs (€, š, ž, ...)
        candidates.discard("latin-1")
    texts: dict[str, str] = {}
    for name in [*candidates, "cp1252"]:
        with contextlib.suppress(UnicodeDecodeError):
            texts[name] = head.decode(name)
    if not texts:
        raise ReadError(
            f"cannot tell the encoding of {str(path)!r} (it is not UTF-8); give it, "
            f"e.g. encoding='cp1252'"
        )
    return min(texts, key=lambda name: (_signs_in_words(texts[name]), _rank(name)))


def _signs_in_words(text: str) -> int:
    """How many characters outside ASCII that are not letters stand next to a letter."""
    count = 0
    for found in re.finditer(r"[^\x00-\x7f]", text):
        i = found.start()
        if text[i].isalpha():
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        count += before.isalpha() or after.isalpha()
    return count


def _rank(encoding: str) -> int:
    name = encoding_name(encoding)
    order = [encoding_name(c) for c in _CANDIDATES]
    return order.index(name) if name in order else len(order)


def _check_override(path: Path, head: bytes, encoding: str) -> None:
    """A single-byte encoding given for a file that is plainly UTF-8 would turn its
    letters into mojibake (``æ`` into ``Ã¦``): refused, naming the line."""
    if encoding in _UTF8 or encoding.startswith("utf"):
        return
    first = re.search(rb"[\x80-\xff]", head)
    if first is None or not _utf8_prefix(head):
        return
    line = _line_of(head, first.start())
    raise ReadError(
        f"{str(path)!r} is UTF-8 (line {line} has {_shown(head, first.start())!r} in UTF-8), "
        f"not {encoding}; read as {encoding} its letters would be garbled: leave out "
        f"encoding= or give encoding='utf-8'"
    )


def _shown(data: bytes, offset: int) -> str:
    return data[offset : offset + 4].decode("utf-8", errors="ignore")[:1]


class TextFile:
    """A delimited text file as DuckDB can read it: the file itself when it is UTF-8,
    otherwise a UTF-8 copy made in chunks (deleted at exit)."""

    _copies: dict[tuple[str, int, float, str], str] = {}  # noqa: RUF012  # one per process

    def __init__(self, path: Path, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        if encoding in ("utf-8", "utf-8-sig", "ascii"):
            self.utf8 = str(path)
        else:
            self.utf8 = self._transcoded()

    def _transcoded(self) -> str:
        stat = self.path.stat()
        key = (str(self.path.resolve()), stat.st_size, stat.st_mtime, self.encoding)
        known = self._copies.get(key)
        if known is not None and os.path.exists(known):
            return known
        handle, name = tempfile.mkstemp(prefix="satisfy-", suffix=".csv")
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        lines = 0
        done = 0
        try:
            with _open_binary(self.path) as source, os.fdopen(handle, "wb") as out:
                while True:
                    chunk = source.read(_CHUNK)
                    final = not chunk
                    try:
                        text = decoder.decode(chunk, final=final)
                    except UnicodeDecodeError as exc:
                        line = _line_of(chunk, max(exc.start, 0), lines)
                        raise ReadError(
                            f"{str(self.path)!r} is not {self.encoding}: line {line} has the "
                            f"byte 0x{chunk[exc.start]:02x} (at byte {done + exc.start}), which "
                            f"{self.encoding} does not use; give the file's encoding "
                            f"(encoding='utf-8', 'cp1252', 'latin-1', ...)"
                        ) from None
                    out.write(text.encode("utf-8"))
                    if final:
                        break
                    lines += chunk.count(b"\n")
                    done += len(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        self._copies[key] = name
        return name


@atexit.register
def remove_copies() -> None:
    """Delete the temporary UTF-8 copies of files in other encodings (at exit, and by the
    command when Ctrl-C ends it at once)."""
    for name in TextFile._copies.values():
        with contextlib.suppress(OSError):
            os.unlink(name)


def decode_sample(head: bytes, encoding: str) -> str:
    """The sample as text (a character cut at its end dropped)."""
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    return str(decoder.decode(head, final=False))


def _rows(text: str, separator: str, quote: str, limit: int = 2000) -> list[list[str]]:
    lines = text.splitlines(keepends=True)[:limit]
    if len(text) >= _SAMPLE_BYTES - 4 and lines:
        lines = lines[:-1]  # the last line of a cut sample may be cut too
    reader = csv.reader(io.StringIO("".join(lines)), delimiter=separator, quotechar=quote or '"')
    with contextlib.suppress(csv.Error):
        return list(reader)
    return []


def _decimal_of(rows: list[list[str]], separator: str) -> str:
    """ "," when the sample's numbers are written with a decimal comma (cells such as
    ``3,5``), else ".".

    A cell such as ``1.234`` beside them is taken for a thousands separator (as a
    European file writes 1234), so it does not outvote the commas: with "," as decimal
    mark DuckDB then keeps that column as text, never as the number 1.234. A cell with a
    dot and another number of decimals (``3.5``) makes the dot the decimal mark. With ","
    as separator too, only quoted cells can hold a decimal comma, and ``1,500`` reads as
    a thousands separator unless some cell has another number of decimals."""
    commas = 0
    comma_not_thousands = dot_not_thousands = False
    for row in rows[1:]:
        for cell in row:
            if _COMMA_DECIMAL.match(cell):
                commas += 1
                if len(cell.strip().split(",")[1]) != 3:
                    comma_not_thousands = True
            elif _DOT_DECIMAL.match(cell) and len(cell.strip().split(".")[1]) != 3:
                dot_not_thousands = True
    if commas and not dot_not_thousands and (separator != "," or comma_not_thousands):
        return ","
    return "."


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def read_error(path: str, exc: BaseException, encoding: str = "utf-8") -> ReadError:
    """DuckDB's error as a ReadError naming the file and, where DuckDB says it, the line."""
    text = str(exc)
    found = _LINE.search(text)
    line = f" (line {found.group(1)})" if found else ""
    if "Invalid unicode" in text or "not utf-8" in text.lower():
        given = "" if encoding in _UTF8 else f" (read as UTF-8 from {encoding})"
        return ReadError(
            f"{path!r} is not UTF-8{given}: line {found.group(1) if found else '?'} has a "
            f"byte UTF-8 does not use; give the file's encoding (encoding='cp1252', "
            f"'latin-1', ...)"
        )
    return ReadError(f"cannot read {path!r}{line}: {_first_line(exc)}")


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C in any of the forms DuckDB gives it (its own exception, or a plain error
    saying the query was interrupted)."""
    import duckdb

    if isinstance(exc, (KeyboardInterrupt, duckdb.InterruptException)):
        return True
    return isinstance(exc, (RuntimeError, duckdb.Error)) and "interrupted" in str(exc).lower()


def connect() -> Any:
    duckdb = import_extra("duckdb", "reading CSV, Parquet and JSON lines files")
    con = duckdb.connect(config={"preserve_insertion_order": False})
    con.execute("SET TimeZone = 'UTC'")
    return con


def sniff(
    path: str,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> tuple[Dialect, TextFile, list[list[str]]]:
    """The dialect of a delimited text file (each part detected unless given), the file
    as DuckDB reads it, and its first rows split by that dialect (for the exports)."""
    import duckdb

    file = Path(path)
    head = _head(file)
    if encoding is None:
        encoding = detect_encoding(file, head)
    else:
        encoding = encoding_name(encoding, path=path)
        _check_override(file, head, encoding)
    text = TextFile(file, encoding)
    con = connect()
    options = ["sample_size=20480"]
    if sep is not None:
        options.append(f"delim='{_sql(sep)}'")
    try:
        found = con.sql(
            f"SELECT Delimiter, Quote, HasHeader FROM sniff_csv('{_sql(text.utf8)}', "
            f"{', '.join(options)})"
        ).fetchall()[0]
    except (duckdb.Error, RuntimeError) as exc:
        if _interrupted(exc):
            raise KeyboardInterrupt from None
        raise read_error(path, exc, encoding) from None
    finally:
        con.close()
    separator = sep if sep is not None else str(found[0])
    quote = str(found[1])
    quote = '"' if quote in ("", "(empty)") else quote
    rows = _rows(decode_sample(head, encoding), separator, quote)
    if decimal is None:
        decimal = _decimal_of(rows, separator)
    dialect = Dialect(
        separator=separator,
        decimal=decimal,
        encoding=encoding,
        quote=quote,
        header=bool(found[2]),
    )
    return dialect, text, rows


def _sql(text: str) -> str:
    return text.replace("'", "''")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _header_names(path: str, dialect: Dialect, count: int) -> list[str] | None:
    """The names on the first line of a CSV file (UTF-8) as written, split by its dialect
    (None unless they are the ``count`` columns DuckDB found)."""
    import gzip

    opener: Any = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as f:
            line = f.readline()
    except (OSError, EOFError):
        return None
    names = next(csv.reader([line], delimiter=dialect.separator, quotechar=dialect.quote), [])
    return names if len(names) == count else None


def check_names(path: str, names: Sequence[str], present: Sequence[str]) -> None:
    """A repeated column name in the header as written is an error, as in ``summarize``
    (DuckDB renames ``ltr,ltr`` to ``ltr, ltr_1``)."""
    counts = Counter(names)
    repeated = [n for n, k in counts.items() if k > 1]
    if not repeated:
        return
    # only a header DuckDB took as one: every first occurrence kept its name
    firsts = {n: i for i, n in reversed(list(enumerate(names)))}
    if all(present[i] == n for n, i in firsts.items()):
        shown = ", ".join(map(repr, repeated))
        raise ColumnError(f"{path} has columns named more than once: {shown}")


def open_relation(
    con: Any,
    path: str,
    kind: str,
    *,
    dialect: Dialect | None = None,
    text: TextFile | None = None,
    as_text: Sequence[str] = (),
) -> Any:
    """The lazy relation of a whole file (nothing is read yet but the sniffer's sample);
    the columns ``as_text`` are read as text."""
    import duckdb

    try:
        if kind == "parquet":
            return con.read_parquet(path)
        if kind == "json":
            return con.read_json(path, format="auto")
        assert dialect is not None
        assert text is not None
        options: dict[str, Any] = {
            "delimiter": dialect.separator,
            "quotechar": dialect.quote,
            "header": dialect.header,
        }
        if dialect.decimal != ".":
            options["decimal"] = dialect.decimal
        if as_text:
            options["dtype"] = dict.fromkeys(as_text, "VARCHAR")
        source = con.read_csv(text.utf8, **options)
    except (duckdb.Error, RuntimeError) as exc:
        if _interrupted(exc):
            raise KeyboardInterrupt from None
        raise read_error(path, exc, dialect.encoding if dialect else "utf-8") from None
    if dialect.header:
        present = list(source.columns)
        names = _header_names(text.utf8, dialect, len(present))
        if names is not None:
            check_names(path, names, present)
    return source


def select(relation: Any, path: str, columns: Sequence[str]) -> Any:
    """Only ``columns`` of the relation, or a ColumnError naming the first one absent."""
    present = list(relation.columns)
    missing = [c for c in columns if c not in present]
    if missing:
        raise ColumnError(f"no column {missing[0]!r}; {path} has {', '.join(map(repr, present))}")
    return relation.project(", ".join(_quote(c) for c in columns))


def failed_column(exc: BaseException) -> str | None:
    """The column DuckDB names in a conversion error (a late cell not of its type)."""
    found = _CONVERTING.search(str(exc))
    return found.group(1) if found else None


class AnswerFile:
    """A file of answers for the ``satisfy`` command: the relation :func:`satisfy.read`
    gives, with only the columns a command needs, time columns handled, and a column
    whose sniffed type meets a cell it cannot convert read again as text.

    Parameters
    ----------
    path : str
        The file.
    columns : sequence of str
        The columns a command needs; only these are read.
    time : str, optional
        A date or timestamp column: text is cast to timestamps, and timestamps with a time
        zone are converted to ``time_zone`` local time (naive timestamps stay as written).
    time_zone : str
        An IANA time zone name.
    numbers : sequence of str
        Columns that must hold numbers (weights).
    relation : DuckDB relation, optional
        The file as ``satisfy.read(path, backend="duckdb")`` gives it; without it, a
        CSV (dialect detected), Parquet or JSON lines file is opened here.
    reopen : callable, optional
        ``reopen(names)``: the file's relation again with the columns ``names`` read as
        text (for delimited text; None for files whose columns carry their types).
    """

    def __init__(
        self,
        path: str,
        columns: Sequence[str],
        *,
        time: str | None = None,
        time_zone: str = "UTC",
        numbers: Sequence[str] = (),
        relation: Any = None,
        reopen: Callable[[Sequence[str]], Any] | None = None,
    ) -> None:
        self.path = path
        self.file = Path(path)
        if relation is None and not self.file.is_file():
            raise ReadError(f"no file {path!r}")
        self.base = relation
        self.reopen = reopen
        self.columns = list(dict.fromkeys(c for c in columns if c))
        self.time = time
        self.time_zone = time_zone
        self.numbers = [c for c in numbers if c]
        self.text: set[str] = set()
        self.size = self.file.stat().st_size if self.file.is_file() else 0

    def _open(self) -> None:
        """The file's relation, when none was given."""
        kind = kind_of(self.file)
        con = connect()
        if kind != "csv":
            self.base = open_relation(con, self.path, kind)
            return
        dialect, text, _ = sniff(self.path)

        def reopen(names: Sequence[str]) -> Any:
            return open_relation(con, self.path, "csv", dialect=dialect, text=text, as_text=names)

        self.base = reopen(())
        self.reopen = reopen

    def relation(self) -> Any:
        """The lazy DuckDB relation of the needed columns."""
        if self.base is None:
            self._open()
        source = self.base
        if self.text and self.reopen is not None:
            source = self.reopen(sorted(self.text))
        present = list(source.columns)
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
                # text is left to the library, which parses ISO and day-month-year dates
                # and names a value it cannot read (a CAST here would blame the first row)
            exprs.append(quoted)
        return source.project(", ".join(exprs))

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
                column = failed_column(exc)
                if self.time is not None and column in (None, self.time):
                    raise SatisfyError(
                        f"column {self.time!r} of {self.path} is not dates or timestamps: "
                        f"{_first_line(exc)}"
                    ) from None
                if column is None or column in self.text or self.reopen is None:
                    raise read_error(self.path, exc) from None
                self.text.add(column)
            except duckdb.Error as exc:
                if _interrupted(exc):
                    raise KeyboardInterrupt from None
                raise read_error(self.path, exc) from None
