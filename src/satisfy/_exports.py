"""Survey-platform exports recognised by their layout (Qualtrics, SurveyMonkey, Google
Forms, help-desk satisfaction exports).

SKELETON (issue 13). The contract with :mod:`satisfy.readers`:

- ``detect(rows)``: given the first few rows of a delimited file (already decoded and
  split by the detected dialect), the export's kind (one of ``KINDS``) or None.
- ``read_export(kind, path, dialect)``: the whole export as plain columns
  (``dict[str, list]``, one row per response) and a ``ColumnInfo`` per column.
  Exports are small (thousands of rows): they are read eagerly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._fileinfo import ColumnInfo, Dialect

KINDS = ("qualtrics", "surveymonkey", "google-forms", "help-desk")


def detect(rows: Sequence[Sequence[str]]) -> str | None:
    """The export kind of a file whose first rows are ``rows``, or None."""
    return None


def read_export(
    kind: str, path: str, dialect: Dialect
) -> tuple[dict[str, list[Any]], dict[str, ColumnInfo]]:
    """The answers and column information of an export of ``kind``."""
    raise NotImplementedError(kind)
