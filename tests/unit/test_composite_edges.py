"""Arguments of the several-question analyses that used to pass silently.

index, cronbach_alpha, drivers and gap(s): every mapping argument must name each item and
nothing else; weights must be positive finite numbers; infinite answers are refused with
their positions; Responses' own scale and weights are not silently overridden or ignored.
Each case here returned a number before (a wrong one, or one that hid a typo).
"""

from __future__ import annotations

import numpy as np
import pytest

import satisfy

ITEMS = {"a": [5, 4, 3, 2], "b": [4, 4, 2, 1]}
OUTCOME = [9, 7, 10, 3, 8, 6]
DRIVERS = {"speed": [6, 5, 7, 2, 5, 4], "price": [4, 5, 6, 4, 3, 5]}
INF = float("inf")


# index: weights -----------------------------------------------------------------------


def test_index_weights_must_name_every_item():
    # {"a": 1} used to weigh b zero without a word (62.5, the index of a alone)
    with pytest.raises(satisfy.WeightError, match="no weight for item 'b'"):
        satisfy.index(ITEMS, item_weights={"a": 1}, scale="CSAT5")
    with pytest.raises(satisfy.WeightError, match="no weight for items 'b', 'c'"):
        satisfy.index({**ITEMS, "c": [1, 2, 3, 4]}, item_weights={"a": 1}, scale="CSAT5")


def test_index_weights_name_no_other_item():
    with pytest.raises(satisfy.WeightError, match="'z', which is not an item"):
        satisfy.index(ITEMS, item_weights={"a": 1, "b": 1, "z": 1}, scale="CSAT5")


@pytest.mark.parametrize("bad", [0, 0.0, -1, float("nan"), INF, 1e300, 1e-300, "2", True, None])
def test_index_weights_are_positive_finite_numbers(bad):
    with pytest.raises(satisfy.WeightError, match="weight of item 'b'"):
        satisfy.index(ITEMS, item_weights={"a": 1, "b": bad}, scale="CSAT5")


def test_index_weights_as_a_sequence_are_refused_clearly():
    with pytest.raises(satisfy.WeightError, match="mapping of item name to weight"):
        satisfy.index(ITEMS, item_weights=[1, 2], scale="CSAT5")


def test_index_weights_scale_free_and_numpy_numbers_accepted():
    plain = satisfy.index(ITEMS, item_weights={"a": 1, "b": 3}, scale="CSAT5")
    numpy = satisfy.index(
        ITEMS, item_weights={"a": np.float64(1e-90), "b": np.int64(3) * 1e-90}, scale="CSAT5"
    )
    # a (mean 3.5, POMP 62.5) and b (mean 2.75, POMP 43.75) weighted 1:3
    assert plain.value == pytest.approx((62.5 + 3 * 43.75) / 4)
    assert numpy.value == pytest.approx(plain.value)


# index and alpha: scales, min_items, names ---------------------------------------------


@pytest.mark.parametrize("function", [satisfy.index, satisfy.cronbach_alpha])
def test_scale_mapping_names_every_item_and_no_other(function):
    with pytest.raises(satisfy.ScaleError, match="'c', which is not an item"):
        function(ITEMS, scale={"a": "CSAT5", "b": "CSAT5", "c": "NPS"})
    with pytest.raises(satisfy.ScaleError, match="no scale for item 'b'"):
        function(ITEMS, scale={"a": "CSAT5"})


@pytest.mark.parametrize("bad", [1.5, True, "2", 0, 3])
def test_min_items_is_a_whole_number_of_items(bad):
    with pytest.raises(satisfy.SatisfyError, match="whole number of items from 1 to 2"):
        satisfy.index(ITEMS, scale="CSAT5", min_items=bad)


def test_min_items_accepts_numpy_integers():
    assert satisfy.index(ITEMS, scale="CSAT5", min_items=np.int64(1)).n == 4


def test_item_names_that_collide_as_text_are_refused():
    # {1: ..., "1": ...} used to keep one weight and one mean under the name '1'
    with pytest.raises(satisfy.SatisfyError, match="same name '1'"):
        satisfy.index({1: [5, 4, 3], "1": [1, 2, 3]}, scale="CSAT5")
    with pytest.raises(satisfy.SatisfyError, match="same name '1'"):
        satisfy.drivers(OUTCOME, {1: DRIVERS["speed"], "1": DRIVERS["price"]})


def test_index_refuses_infinite_answers_with_their_position():
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.index({"a": [5, INF, 3], "b": [1, 2, 3]}, scale="CSAT5")
    assert info.value.positions == [1]


def test_index_item_given_as_one_value_is_refused():
    with pytest.raises(satisfy.SatisfyError, match="item 'a': give the answers as a sequence"):
        satisfy.index({"a": 3, "b": 4}, scale="CSAT5")


def test_responses_scale_must_agree_with_scale():
    r = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5")
    # scale="NPS" used to be ignored for Responses on CSAT5
    with pytest.raises(satisfy.ScaleError, match="item 'a' holds answers on CSAT5"):
        satisfy.index({"a": r, "b": r}, scale="NPS")
    assert satisfy.index({"a": r, "b": r}, scale="CSAT5").value == pytest.approx(37.5)


@pytest.mark.parametrize("function", [satisfy.index, satisfy.cronbach_alpha])
def test_weighted_responses_are_refused_where_weights_are_not_applied(function):
    weighted = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5", weights=[1, 2, 1, 1])
    plain = satisfy.Responses.from_arrays([2, 2, 3, 5], scale="CSAT5")
    with pytest.raises(satisfy.MethodError, match="item 'a' carries survey weights"):
        function({"a": weighted, "b": plain})


# drivers --------------------------------------------------------------------------------


def test_drivers_refuses_infinite_item_answers_with_their_position():
    # without a scale, inf used to give R^2 = NaN (and NaN shares) without an error
    items = {"speed": [6, 5, INF, 2, 5, 4], "price": DRIVERS["price"]}
    with pytest.raises(satisfy.InvalidScoreError, match="item 'speed'") as info:
        satisfy.drivers(OUTCOME, items)
    assert (info.value.positions, info.value.values) == ([2], [INF])


def test_drivers_refuses_infinite_outcome_with_its_position():
    with pytest.raises(satisfy.InvalidScoreError, match="the outcome") as info:
        satisfy.drivers([9, 7, -INF, 3, 8, 6], DRIVERS)
    assert info.value.positions == [2]


def test_drivers_missing_answers_leave_the_customer_out():
    items = {"speed": [6, 5, 7, 2, 5, 4, np.nan], "price": [4, 5, 6, 4, 3, 5, 2]}
    t = satisfy.drivers([*OUTCOME, 5], items)
    assert (t.n, t.missing) == (6, 1)
    assert t.r_squared == pytest.approx(satisfy.drivers(OUTCOME, DRIVERS).r_squared)


@pytest.mark.parametrize("factor", [1e200, 1e-200])
def test_drivers_of_very_large_or_small_numbers(factor):
    # correlations do not depend on the unit; cross-products used to overflow (or vanish)
    # and give R^2 = NaN without an error
    base = satisfy.drivers(OUTCOME, DRIVERS)
    scaled = satisfy.drivers(OUTCOME, {k: np.array(v) * factor for k, v in DRIVERS.items()})
    assert scaled.r_squared == pytest.approx(base.r_squared, rel=1e-12)
    np.testing.assert_allclose(scaled.correlation, base.correlation, rtol=1e-12)


def test_drivers_scale_mapping_names_every_item_and_no_other():
    with pytest.raises(satisfy.ScaleError, match="'other', which is not an item"):
        satisfy.drivers(
            OUTCOME, DRIVERS, scale={"speed": "LIKERT7", "price": "LIKERT7", "other": "NPS"}
        )


def test_drivers_inputs_must_be_one_answer_per_customer():
    with pytest.raises(satisfy.SatisfyError, match="the outcome: give the answers"):
        satisfy.drivers(5, DRIVERS)
    with pytest.raises(satisfy.LengthMismatchError, match="one-dimensional"):
        satisfy.drivers([[9, 7], [10, 3], [8, 6]], {"speed": [[6, 5], [7, 2], [5, 4]]})


def test_drivers_weighted_responses_are_refused():
    weighted = satisfy.Responses.from_arrays(
        [9, 7, 10, 3, 8, 6], scale="NPS", weights=[1, 2, 1, 1, 1, 1]
    )
    with pytest.raises(satisfy.MethodError, match="the outcome carries survey weights"):
        satisfy.drivers(weighted, DRIVERS)


# gaps -----------------------------------------------------------------------------------


def test_gap_weights_are_given_once():
    weighted = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5", weights=[1, 2, 1, 1])
    # weights= used to replace the Responses' own weights without a word
    with pytest.raises(satisfy.SatisfyError, match="give the weights once"):
        satisfy.gap(weighted, [4, 5, 5, 5], weights=[1, 1, 1, 1])


def test_gap_uses_the_weights_of_expected_responses():
    weighted = satisfy.Responses.from_arrays([4, 5, 5, 5], scale="CSAT5", weights=[1, 2, 1, 1])
    g = satisfy.gap([5, 3, 5, 5], weighted, scale="CSAT5")
    # gaps 1, -2, 0, 0 weighted 1, 2, 1, 1: (1 - 4) / 5; they used to be ignored (-0.25)
    assert g.mean.value == pytest.approx(-0.6)
    same = satisfy.gap([5, 3, 5, 5], [4, 5, 5, 5], scale="CSAT5", weights=[1, 2, 1, 1])
    assert g.mean.value == pytest.approx(same.mean.value)


def test_gap_responses_with_different_weights_are_refused():
    a = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5", weights=[1, 2, 1, 1])
    b = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5", weights=[1, 1, 1, 1])
    with pytest.raises(satisfy.SatisfyError, match="different weights"):
        satisfy.gap(a, b)


def test_gap_expected_scale_must_agree_with_expected_responses():
    r = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5")
    with pytest.raises(satisfy.ScaleError, match="expected_scale= says NPS"):
        satisfy.gap([4, 5, 5, 5], r, scale="CSAT5", expected_scale="NPS")


def test_gap_perceived_responses_must_land_on_the_scale_points():
    r = satisfy.Responses.from_arrays([1, 2, 3, 4], scale="CSAT5")
    with pytest.raises(satisfy.ScaleError, match="perceived answers on CSAT5"):
        satisfy.gap(r, [4, 5, 5, 5], scale="LIKERT7")


def test_gap_refuses_infinite_answers_and_weights():
    with pytest.raises(satisfy.InvalidScoreError):
        satisfy.gap([5, INF, 4], [4, 5, 5], scale="LIKERT7")
    with pytest.raises(satisfy.WeightError):
        satisfy.gap([5, 6, 4], [4, 5, 5], scale="LIKERT7", weights=[1, INF, 1])


def test_gaps_dimension_names_that_collide_as_text_are_refused():
    pairs = {1: ([5, 6], [4, 5]), "1": ([1, 2], [4, 5])}
    with pytest.raises(satisfy.SatisfyError, match="two dimensions are named '1'"):
        satisfy.gaps(pairs, scale="LIKERT7")


def test_gaps_needs_a_mapping_of_pairs():
    with pytest.raises(satisfy.SatisfyError, match="mapping of dimension name"):
        satisfy.gaps([([5, 6], [4, 5])], scale="LIKERT7")
