"""Every bad input gets its own specific error, naming where it is."""

import math

import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy import Tally, scales
from satisfy.errors import (
    EmptyDataError,
    InvalidScoreError,
    LengthMismatchError,
    MissingScoreError,
    OptionError,
    SatisfyError,
    ScaleError,
    WeightError,
)

NAN = float("nan")

# (case id, scores, scale, extra keyword arguments, error, positions of the offence or None)
CASES = [
    ("nan with raise", [9, NAN, 3], scales.NPS, {"nan_policy": "raise"}, MissingScoreError, [1]),
    ("None with raise", [None, 9, 3], scales.NPS, {"nan_policy": "raise"}, MissingScoreError, [0]),
    (
        "empty text with raise",
        ["9", ""],
        scales.NPS,
        {"nan_policy": "raise"},
        MissingScoreError,
        [1],
    ),
    ("empty text", ["9", "", "abc"], scales.NPS, {}, InvalidScoreError, [2]),
    ("abc", ["9", "abc"], scales.NPS, {}, InvalidScoreError, [1]),
    ("11 on 0-10", [10, 11, 0], scales.NPS, {}, InvalidScoreError, [1]),
    ("-1 on 0-10", [-1, 5, 0], scales.NPS, {}, InvalidScoreError, [0]),
    ("11 and -1 int8", np.array([3, 11, -1], np.int8), scales.NPS, {}, InvalidScoreError, [1, 2]),
    ("7.5 on an integer scale", [7.0, 7.5], scales.NPS, {}, InvalidScoreError, [1]),
    ("2.25 on half stars", [2.5, 2.25], scales.HALF_STARS, {}, InvalidScoreError, [1]),
    ("booleans in a list", [True, 3], scales.CSAT5, {}, InvalidScoreError, [0]),
    ("boolean array", np.array([True, False]), scales.CSAT5, {}, InvalidScoreError, [0, 1]),
    ("infinite score", [np.inf, 3.0], scales.CSAT5, {}, InvalidScoreError, [0]),
    (
        "labels of another scale",
        ["Satisfied", "Strongly agree"],
        scales.CSAT5,
        {},
        InvalidScoreError,
        [1],
    ),
    (
        "label disagrees with number",
        ["5 (Very dissatisfied)"],
        scales.CSAT5,
        {},
        InvalidScoreError,
        [0],
    ),
    (
        "pd.NA with raise",
        pd.Series([5, pd.NA, 3], dtype="Int64"),
        scales.CSAT5,
        {"nan_policy": "raise"},
        MissingScoreError,
        [1],
    ),
    (
        "pd.NA object with raise",
        pd.Series(["5", pd.NA], dtype=object),
        scales.CSAT5,
        {"nan_policy": "raise"},
        MissingScoreError,
        [1],
    ),
    ("negative weight", [9, 9], scales.NPS, {"weights": [1.0, -0.5]}, WeightError, [1]),
    ("nan weight", [9, 9], scales.NPS, {"weights": [NAN, 1.0]}, WeightError, [0]),
    ("infinite weight", [9, 9], scales.NPS, {"weights": [1.0, np.inf]}, WeightError, [1]),
    ("all-zero weights", [9, 9], scales.NPS, {"weights": [0.0, 0.0]}, WeightError, None),
    ("text weights", [9, 9], scales.NPS, {"weights": ["a", "b"]}, WeightError, None),
    ("fractional frequency", [9, 9], scales.NPS, {"frequencies": [1, 1.5]}, WeightError, [1]),
    (
        "weights too short",
        [9, 9, 3],
        scales.NPS,
        {"weights": [1.0, 1.0]},
        LengthMismatchError,
        None,
    ),
    ("two-dimensional scores", [[9, 9]], scales.NPS, {}, LengthMismatchError, None),
    ("bad nan_policy", [9], scales.NPS, {"nan_policy": "propagate"}, OptionError, None),
]


@pytest.mark.parametrize(
    ("scores", "scale", "kwargs", "error", "positions"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_raises_its_specific_error(scores, scale, kwargs, error, positions):
    with pytest.raises(error) as info:
        Tally.from_scores(scores, scale=scale, **kwargs)
    assert isinstance(info.value, SatisfyError)
    assert isinstance(info.value, ValueError)
    if positions is not None:
        assert info.value.positions == positions
    assert str(info.value)  # a message a person can read


def test_invalid_answers_are_all_reported_across_chunks():
    from satisfy._coding import CHUNK

    x = np.full(3 * CHUNK, 5, dtype=np.int64)
    bad = [3, CHUNK + 7, 3 * CHUNK - 1]
    x[bad] = 42
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(x, scale=scales.NPS)
    assert info.value.positions == bad
    assert info.value.values == [42, 42, 42]
    assert "and" not in str(info.value).split(":")[0]


def test_message_names_values_positions_and_what_is_accepted():
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(["Satisfied", "meh"], scale=scales.CSAT5)
    text = str(info.value)
    assert "'meh' at position 1" in text
    assert "CSAT5" in text
    assert "Very dissatisfied" in text


def test_long_messages_are_cut_but_positions_are_complete():
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(list(range(11, 31)), scale=scales.NPS)
    assert len(info.value.positions) == 20
    assert "and 15 more" in str(info.value)


def test_missing_answers_are_omitted_and_counted():
    values = pd.Series(["5", pd.NA, None, "", "  ", NAN, "Satisfied"], dtype=object)
    t = Tally.from_scores(values, scale=scales.CSAT5)
    assert t.n == 2
    assert t.missing == 5
    assert "missing=5" in repr(t)


def test_nullable_integer_series():
    t = Tally.from_scores(pd.Series([5, None, 3], dtype="Int64"), scale=scales.CSAT5)
    assert (t.n, t.missing) == (2, 1)


def test_empty_tally_is_valid_but_its_shares_are_not():
    t = Tally.from_scores([], scale=scales.NPS)
    assert t.n == 0
    assert t == Tally.empty(scales.NPS)
    with pytest.raises(EmptyDataError):
        t.shares


def test_scales_refuse_to_merge():
    with pytest.raises(ScaleError, match="cannot merge"):
        Tally.empty(scales.CSAT5) + Tally.empty(scales.LIKERT5)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"low": 5, "high": 1}, "low < high"),
        ({"low": 0, "high": 10, "step": 2}, "step must be 1 or 0.5"),
        ({"low": 0, "high": 2.5}, "whole number of steps"),
        ({"low": 1, "high": 3, "labels": ["a", "b"]}, "needs 3 labels"),
        ({"low": 1, "high": 2, "labels": ["Good", " good"]}, "the same"),
        ({"low": 1, "high": 2, "labels": ["1", "2"]}, "reads as a number"),
        ({"low": 0, "high": math.inf}, "finite"),
    ],
)
def test_ill_defined_scales(kwargs, match):
    with pytest.raises(ScaleError, match=match):
        satisfy.Scale(**kwargs)


def test_unknown_preset_name():
    with pytest.raises(ScaleError, match="not a preset"):
        Tally.from_scores([1], scale="NPS11")


def test_from_counts_validation():
    with pytest.raises(LengthMismatchError):
        Tally.from_counts([1, 2], scale=scales.CSAT5)
    with pytest.raises(WeightError):
        Tally.from_counts([1, 2, 3, -1, 0], scale=scales.CSAT5)
    with pytest.raises(WeightError):
        Tally.from_counts([1, 2, 3, 1.5, 0], scale=scales.CSAT5)
    with pytest.raises(InvalidScoreError):
        Tally.from_counts({6: 1}, scale=scales.CSAT5)
    with pytest.raises(WeightError, match="no answers"):
        Tally(scales.CSAT5, [0, 0, 0, 0, 1], [1, 0, 0, 0, 1], [0, 0, 0, 0, 1])
