"""What a file says about itself: its dialect (delimited text) and, per column, the
question, scale and value labels. Shared by the readers (:mod:`satisfy.readers`) and the
survey-platform exports (``_exports``); public through :mod:`satisfy.readers`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .scales import Scale

__all__ = ["ColumnInfo", "Dialect"]


@attrs.frozen
class Dialect:
    """How a delimited text file is written: what was detected, or given.

    Attributes
    ----------
    separator : str
        The field separator (``","``, ``";"``, ``"\\t"``, ``"|"``).
    decimal : str
        The decimal mark of numbers (``"."`` or ``","``).
    encoding : str
        The text encoding (``"utf-8"``, ``"utf-8-sig"``, ``"cp1252"``, ``"latin-1"``...).
    quote : str
        The quote character.
    header : bool
        Whether the first line names the columns.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.Dialect(separator=";", decimal=",", encoding="cp1252")
    Dialect(separator=';', decimal=',', encoding='cp1252', quote='"', header=True)
    """

    separator: str = ","
    decimal: str = "."
    encoding: str = "utf-8"
    quote: str = '"'
    header: bool = True


@attrs.frozen
class ColumnInfo:
    """What a file says about one column.

    Attributes
    ----------
    name : str
        The column's name in :attr:`Survey.frame`.
    question : str
        The question's wording, where the file has it ("" otherwise).
    scale : Scale or None
        The column's scale, where the file says it (value labels, an export's choices).
    labels : mapping
        Value labels as written in the file (code -> label), empty if none.
    non_answers : tuple
        Codes in this column that are not answers ("Don't know", 99, "offered").

    Examples
    --------
    >>> import satisfy
    >>> info = satisfy.ColumnInfo("ltr", question="How likely...?", scale=satisfy.scales.NPS)
    >>> info.scale
    Scale(NPS: 0-10)
    """

    name: str
    question: str = ""
    scale: Scale | None = None
    labels: Mapping[Any, str] = attrs.field(factory=dict)
    non_answers: tuple[Any, ...] = ()
