"""What must always hold when raw answers are coded (hypothesis)."""

import re
import unicodedata

import attrs
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from satisfy import Tally, scales
from satisfy.errors import InvalidScoreError
from satisfy.testing import answers
from satisfy.testing import scales as any_scale

_LEADING_NUMBER = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)?")


def _as_python_number(text: str) -> float | None:
    """Python's own reading of a text as a number (decimal comma allowed), or None."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


_texts = st.one_of(
    st.text(alphabet="0123456789 +-.,eExX/_()ab:", max_size=8),
    st.text(max_size=6),
    st.from_regex(r"\A\s?[+-]?\d{1,2}([.,]\d{1,3})?([eE][+-]?\d)?\s?\Z"),
    st.from_regex(r"\A\d{1,2}\s?[-/(:. ]\s?[A-Za-z0-9 ]{0,8}\)?\Z"),
)


def _label_key(text: str) -> str:
    """A label as matched: case, accents (combining marks after NFKD), white space and
    apostrophes ignored (written here from Unicode's definitions, not the library's)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    kept = "".join(c for c in folded if not unicodedata.combining(c))
    return "".join(c for c in kept if not c.isspace() and c not in "'\u2019")


@pytest.mark.parametrize("scale", [scales.NPS, scales.CSAT5, scales.HALF_STARS])
@given(text=_texts)
@example(text="RAHUL")  # Estonian "satisfied" (a wording of CSAT5), found by the deep run
def test_text_is_read_only_when_it_is_exactly_a_number_or_a_label(scale, text):
    """Accepted text is blank (missing), a label, exactly a number (as Python's float()
    reads it), or a number then words with no further digit. Nothing else is read."""
    try:
        code = int(scale.encode([text])[0])
    except InvalidScoreError:
        return
    if code == -1:
        assert not text.strip()
        return
    point = float(scale.points[code])
    keys = {
        _label_key(label): i
        for wording in (scale.labels or (), *scale.wordings)
        for i, label in enumerate(wording)
    }
    if keys.get(_label_key(text)) == code:
        return
    number = _as_python_number(text)
    if number is not None:
        assert number == point
        assert "_" not in text
        assert re.search(r",\d{3}\b", text) is None
        return
    match = _LEADING_NUMBER.match(text)
    assert match is not None, text
    assert _as_python_number(match.group()) == point
    rest = text[match.end() :]
    assert rest[:1].isspace() or rest[:1] in "-\u2013\u2014:=.)(/", text
    assert not any(c.isdigit() for c in rest) or scale.labels is not None, text
    if scale.labels is None:
        assert any(c.isalpha() for c in rest), text


@given(scale=any_scale(), index=st.integers(0, 1000), form=st.integers(0, 5))
def test_every_point_written_as_a_number_reads_back(scale, index, form):
    point = float(scale.points[index % scale.n_points])
    text = [
        f"{point:g}",
        f"{point:.2f}",
        f" {point:+g} ",
        f"{point:.1f}".replace(".", ","),
        f"{point:e}",
        f"{point:g} - some words",
    ][form]
    if scale.labels is not None and form == 5:
        text = f"{point:g} - {scale.labels[index % scale.n_points]}"
    assert scale.parse([text]).tolist() == [point]


def _in_container(kind: str, values: list[int | None]) -> object:
    text = [None if v is None else str(v) for v in values]
    if kind == "list":
        return values
    if kind == "object":
        return np.array(text, dtype=object)
    if kind == "masked":
        return np.ma.masked_array(
            [0 if v is None else v for v in values], mask=[v is None for v in values]
        )
    if kind == "pandas Int64":
        return pd.Series(values, dtype="Int64")
    if kind == "pandas category":
        return pd.Series(text, dtype="category")
    if kind == "pandas string":
        return pd.Series(text, dtype="string")
    if kind == "polars":
        return pl.Series(values, dtype=pl.Int64)
    if kind == "polars categorical":
        return pl.Series(text, dtype=pl.Categorical)
    if kind == "pyarrow":
        return pa.array(values, type=pa.int64())
    if kind == "pyarrow dictionary":
        return pa.chunked_array([pa.array(text, type=pa.string()).dictionary_encode()])
    raise AssertionError(kind)


_KINDS = [
    "list",
    "object",
    "masked",
    "pandas Int64",
    "pandas category",
    "pandas string",
    "polars",
    "polars categorical",
    "pyarrow",
    "pyarrow dictionary",
]


@given(
    values=st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=30),
    kind=st.sampled_from(_KINDS),
)
def test_missing_is_missing_on_every_container(values, kind):
    t = Tally.from_scores(_in_container(kind, values), scale=scales.NPS)
    present = [v for v in values if v is not None]
    assert t.n == len(present)
    assert t.missing == len(values) - len(present)
    assert t.counts.tolist() == np.bincount(np.array(present, dtype=int), minlength=11).tolist()


_mixed = st.one_of(
    st.integers(-2, 12),
    st.floats(min_value=-2, max_value=12),
    st.sampled_from([float("nan"), float("inf"), np.nan]),
    st.booleans(),
    st.sampled_from([None, "", "9", "10", " 3 ", "x", "9 10", "Very satisfied", "1e1"]),
    st.integers(0, 10).map(np.int64),
    st.integers(0, 10).map(lambda v: np.timedelta64(v, "s")),
    st.integers(0, 10).map(np.float32),
)


@given(values=st.lists(_mixed, max_size=40), scale=st.sampled_from([scales.NPS, scales.CSAT5]))
def test_coding_is_elementwise(values, scale):
    """An answer's code does not depend on its neighbours (the factorisation of mixed
    input must not merge True with 1, or timedelta64(9) with 9)."""
    one_by_one = []
    for value in values:
        try:
            one_by_one.append(int(scale.encode([value])[0]))
        except InvalidScoreError:
            one_by_one.append(None)
    bad = [i for i, code in enumerate(one_by_one) if code is None]
    if bad:
        with pytest.raises(InvalidScoreError) as info:
            scale.encode(values)
        assert info.value.positions == bad
    else:
        assert scale.encode(values).tolist() == one_by_one
    omitted = scale.encode(values, invalid_policy="omit").tolist()
    assert omitted == [-1 if code is None else code for code in one_by_one]


@given(scale=any_scale(), data=st.data())
def test_invalid_policy_omit_is_the_tally_with_invalid_answers_made_missing(scale, data):
    good = data.draw(st.lists(answers(scale), max_size=20))
    bad = data.draw(st.lists(st.sampled_from(["0x9", "9 10", True, 1e9, "?"]), max_size=5))
    mixed = data.draw(st.permutations(good + bad))
    t = Tally.from_scores(mixed, scale=scale, invalid_policy="omit")
    reference = Tally.from_scores(
        [None if any(v is b for b in bad) else v for v in mixed], scale=scale
    )
    assert t == attrs.evolve(reference, invalid=len(bad))  # and counted as invalid
    assert t.n + t.missing == len(mixed)
