"""Reading the files people have: CSV and TSV in any dialect, workbooks, SPSS / Stata / SAS
files and survey-platform exports, as a dataframe of the user's engine plus what the file
says about each column (question text, scale, value labels).

SKELETON (issue 13): the shapes below are agreed between the workstreams; the bodies are
filled in by them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

from ._fileinfo import ColumnInfo, Dialect
from .errors import ColumnError, ReadError
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


def read(
    path: str,
    *,
    format: Format | None = None,
    backend: Backend = "pandas",
    columns: Sequence[str] | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> Survey:
    """Read a file of answers (SKELETON: see the module docstring).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.read("no-such-file.csv")
    Traceback (most recent call last):
    ...
    satisfy.errors.ReadError: no file 'no-such-file.csv'
    """
    raise ReadError(f"no file {path!r}")
