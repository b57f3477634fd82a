"""Property: whatever the dialect a file is written in (separator, decimal mark, encoding),
satisfy.read gives back what was written, letter for letter and number for number, both
when it detects the dialect and when every part is given."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfy

pytest.importorskip("pandas")
pytest.importorskip("duckdb")
pytest.importorskip("charset_normalizer")

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåÆØÅßäöüÄÖÜéèÉ"
words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
numbers = st.integers(min_value=-99_999, max_value=99_999).map(lambda i: i / 100)
dialects = st.tuples(
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from([".", ","]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
)


def _text(rows, sep, decimal):
    lines = ["navn" + sep + "score" + sep + "vægt"]
    for name, score, weight in rows:
        number = f"{weight:.2f}"
        if decimal == ",":
            number = number.replace(".", ",")
        if sep in number:
            number = f'"{number}"'
        lines.append(sep.join([name, str(score), number]))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(words, st.integers(0, 10), numbers), min_size=3, max_size=30),
    dialect=dialects,
)
def test_read_gives_back_what_was_written(tmp_path_factory, rows, dialect):
    sep, decimal, encoding = dialect
    # a decimal comma needs one number with decimals other than three to be told from
    # a thousands separator in a comma-separated file, and a number with a fraction
    rows = [*rows, ("x", 0, 1.25)]
    path = tmp_path_factory.mktemp("d") / "a.csv"
    path.write_bytes(_text(rows, sep, decimal).encode(encoding))
    given_ = satisfy.read(path, sep=sep, decimal=decimal, encoding=encoding)
    detected = satisfy.read(path)
    for survey in (given_, detected):
        frame = survey.frame
        assert frame["navn"].tolist() == [r[0] for r in rows]
        assert frame["score"].tolist() == [r[1] for r in rows]
        assert frame["vægt"].tolist() == [r[2] for r in rows]
    assert given_.dialect == satisfy.Dialect(sep, decimal, encoding)
    assert (detected.dialect.separator, detected.dialect.decimal) == (sep, decimal)
