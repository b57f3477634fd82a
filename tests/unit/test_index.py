"""Composite index: scales per item, the missing-item rule, weights, errors."""

from __future__ import annotations

import numpy as np
import pytest

import satisfy


def test_items_on_different_scales_meet_in_pomp():
    idx = satisfy.index(
        {"csat": [5, 1], "effort": [1, 5], "ltr": [10, 0]},
        scale={"csat": "CSAT5", "effort": "CES5", "ltr": "NPS"},
    )
    # CES5: lower is better, so effort 1 is POMP 100
    assert idx.scores.tolist() == pytest.approx([100.0, 0.0])
    assert idx.item_means == pytest.approx({"csat": 50.0, "effort": 50.0, "ltr": 50.0})


def test_missing_items_rule():
    items = {"a": [5, 5, None, None], "b": [3, None, 1, None], "c": [1, 1, 1, 1]}
    strict = satisfy.index(items, scale="CSAT5")
    assert (strict.n, strict.missing) == (1, 3)
    loose = satisfy.index(items, scale="CSAT5", min_items=2)
    assert (loose.n, loose.missing) == (3, 1)
    # customer 2 answered a (POMP 100) and c (POMP 0): re-weighted mean 50
    assert loose.scores[1] == pytest.approx(50.0)
    assert np.isnan(loose.scores[3])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"scale": None}, satisfy.SatisfyError, "scale="),
        ({"scale": {"a": "CSAT5"}}, satisfy.SatisfyError, "no scale for item 'b'"),
        ({"scale": "CSAT5", "min_items": 3}, satisfy.SatisfyError, "from 1 to 2"),
        ({"scale": "CSAT5", "item_weights": {"z": 1}}, satisfy.WeightError, "'z'"),
        ({"scale": "CSAT5", "item_weights": {"a": -1, "b": 2}}, satisfy.WeightError, "positive"),
    ],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        satisfy.index({"a": [1, 2], "b": [3, 4]}, **kwargs)


def test_other_errors():
    with pytest.raises(satisfy.LengthMismatchError, match="a: 2, b: 3"):
        satisfy.index({"a": [1, 2], "b": [3, 4, 5]}, scale="CSAT5")
    with pytest.raises(satisfy.InvalidScoreError, match="9"):
        satisfy.index({"a": [1, 9]}, scale="CSAT5")
    with pytest.raises(satisfy.EmptyDataError):
        satisfy.index({"a": [None, None]}, scale="CSAT5")


def test_repr_and_dict():
    idx = satisfy.index({"a": [5, 4, 3], "b": [4, 4, 2]}, scale="CSAT5")
    assert repr(idx).startswith("Index 66.7 (95% CI")
    assert "alpha" in repr(idx)
    d = idx.to_dict()
    assert d["n"] == 3 and set(d["item_rest"]) == {"a", "b"}


def test_responses_bring_their_scales():
    a = satisfy.Responses.from_arrays([5, 4, None], scale="CSAT5")
    b = satisfy.Responses.from_arrays([10, 7, 9], scale="NPS")
    idx = satisfy.index({"a": a, "b": b})
    assert idx.n == 2 and idx.scores[:2].tolist() == pytest.approx([100.0, 72.5])
    rated = satisfy.Responses.from_arrays([5, 1, 4, 2], scale="CSAT5")
    t = satisfy.drivers([9, 3, 8, 5], {"a": rated, "b": [1, 2, 2, 1]})
    assert t.performance[list(t.items).index("a")] == pytest.approx(50.0)


def test_alpha_is_undefined_when_the_total_does_not_vary():
    # every customer's items sum to 7 (found by hypothesis): alpha is not a number, even
    # though POMP rounding leaves the total a variance of about 1e-13
    rel = satisfy.cronbach_alpha(
        {"a": [1, 1], "b": [1, 2], "c": [1, 3], "d": [4, 1]}, scale="LIKERT7"
    )
    assert np.isnan(rel.alpha) and np.isnan(rel.low)
