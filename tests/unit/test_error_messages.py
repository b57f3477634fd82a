"""Messages of the positioned errors are coherent in both forms.

Positioned (arrays): the count, what, and each offending value with its position.
Counted (dataframe engines, which count rows rather than list them): the column and the
count, never "0 answers missing: ." before a sentence that says there is one.
"""

import pytest

import satisfy
from satisfy import MissingScoreError


def test_positioned_form_lists_values_and_positions():
    error = MissingScoreError([1, 3], [None, float("nan")], detail='nan_policy="raise" was asked')
    assert str(error) == (
        '2 answers missing: None at position 1, nan at position 3. nan_policy="raise" was asked'
    )
    assert error.count == 2 and error.column is None


def test_counted_form_names_the_column_and_the_count():
    error = MissingScoreError(column="ltr", count=1, detail='nan_policy="raise" was asked')
    assert str(error) == "column 'ltr': 1 answer missing. nan_policy=\"raise\" was asked"
    assert (error.positions, error.values, error.count, error.column) == ([], [], 1, "ltr")
    invalid = satisfy.InvalidScoreError(column="ltr", count=4, where="NPS (0-10)")
    assert str(invalid) == "column 'ltr': 4 answers not on the scale NPS (0-10)"


def test_no_positions_and_no_count_never_claims_zero_answers():
    # the form the frames engines used: the caller's sentence carries the count
    error = MissingScoreError([], [], detail="column 'ltr' has 1 missing answer")
    assert str(error) == "column 'ltr' has 1 missing answer"
    assert error.count is None
    assert str(MissingScoreError(column="ltr")) == "column 'ltr': answers missing"


def test_lazy_frame_nan_policy_raise_message_is_coherent():
    pl = pytest.importorskip("polars")
    pytest.importorskip("narwhals")
    lazy = pl.DataFrame({"ltr": [9, None, 3]}).lazy()
    with pytest.raises(MissingScoreError) as info:
        satisfy.tally_frame(lazy, "ltr", scale="NPS", nan_policy="raise")
    message = str(info.value)
    assert "0 answers" not in message and ": ." not in message
    assert "ltr" in message and "1 answer missing" in message
    # the eager path lists the position
    with pytest.raises(MissingScoreError, match="1 answer missing: nan at position 1"):
        satisfy.tally_frame(lazy.collect(), "ltr", scale="NPS", nan_policy="raise")
