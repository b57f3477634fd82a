"""Key drivers: labels, missing answers, performance, errors."""

from __future__ import annotations

import numpy as np
import pytest

import satisfy


def test_labels_missing_and_performance():
    t = satisfy.drivers(
        [9, 7, 10, None, 8, 3, 6],
        {"speed": ["Agree", 5, 7, 2, 5, 2, 4], "price": [4, 5, 6, 4, None, 3, 5]},
        scale="LIKERT7",
        outcome_scale="NPS",
    )
    assert (t.n, t.missing) == (5, 2)
    rec = {r["item"]: r for r in t.to_records()}
    # speed over the kept customers: 6 (Agree), 5, 7, 2, 4 -> mean 4.8 -> POMP (4.8-1)/6
    assert rec["speed"]["performance"] == pytest.approx((4.8 - 1) / 6 * 100)
    assert sum(r["share"] for r in rec.values()) == pytest.approx(100)
    assert repr(t).startswith("DriverTable(R^2=")


def test_without_a_scale_items_are_numbers():
    t = satisfy.drivers([1.0, 2.5, 3.0, 4.5, 5.0], {"gap": [-1, 0, 0, 1, 2], "z": [3, 1, 2, 2, 0]})
    assert np.isnan(t.performance).all()
    with pytest.raises(satisfy.SatisfyError, match="item 'gap' holds answers that are not"):
        satisfy.drivers([1, 2, 3, 4], {"gap": ["a", 0, 0, 1]})


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: satisfy.drivers([1, 2, 3], {}), satisfy.SatisfyError, "at least one"),
        (lambda: satisfy.drivers([1, 2, 3], {"a": [1, 2]}), satisfy.LengthMismatchError, "2"),
        (lambda: satisfy.drivers([1, 2], {"a": [1, 2]}), satisfy.EmptyDataError, "3 are needed"),
        (
            lambda: satisfy.drivers([1, 2, 3, 4], {"a": [2, 2, 2, 2]}),
            satisfy.SatisfyError,
            "same answer",
        ),
        (
            lambda: satisfy.drivers([1, 2, 3], {"a": [1, 2, 3]}, scale={"b": "CSAT5"}),
            satisfy.SatisfyError,
            "no scale for item 'a'",
        ),
        (
            lambda: satisfy.drivers([1, 2, 3], {"a": [1, 2, 9]}, scale="CSAT5"),
            satisfy.InvalidScoreError,
            "9",
        ),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
