"""Expectation gaps: pairing, missing answers, scales, Responses, errors."""

from __future__ import annotations

import numpy as np
import pytest

import satisfy
from satisfy import scales
from satisfy.expectations import gap_scale


def test_missing_pairs_are_dropped_and_counted():
    g = satisfy.gap([5, None, 4, 7], [4, 6, None, 5], scale="LIKERT7")
    assert (g.pairs, g.missing) == (2, 2)
    assert g.mean.value == 1.5  # (1 + 2) / 2
    assert g.perceived.value == 6.0 and g.expected.value == 4.5  # the same two customers
    with pytest.raises(satisfy.MissingScoreError, match="position 1"):
        satisfy.gap([5, None], [4, 6], scale="LIKERT7", nan_policy="raise")


def test_lower_is_better_scales_count_a_negative_gap_as_met():
    # effort: perceived 2 against expected 4 is better than expected
    g = satisfy.gap([2, 4, 5], [4, 4, 3], scale="CES5")
    assert g.met.value == pytest.approx(200 / 3)
    assert gap_scale(scales.CES5).higher_is_better is False


def test_labels_and_converted_expectations():
    g = satisfy.gap(["Very satisfied", "3"], ["Satisfied", 3], scale="CSAT5")
    assert g.mean.value == 0.5
    nine = satisfy.Scale(1, 9)
    assert satisfy.gap([9], [5], scale=nine, expected_scale="CSAT5").mean.value == 0.0
    with pytest.raises(satisfy.ScaleError, match="between the points"):
        satisfy.gap([4, 5], [2, 5], scale="CSAT5", expected_scale="LIKERT7")


def test_responses_bring_scale_weights_and_segments():
    p = satisfy.Responses.from_arrays(
        [5, 6, 4, 7], scale="LIKERT7", weights=[1, 2, 1, 1], segments={"ch": list("aabb")}
    )
    e = satisfy.Responses.from_arrays([4, 6, 5, 5], scale="LIKERT7")
    g = satisfy.gap(p, e, by="ch")
    assert g.mean.groups == ("a", "b")
    assert g.mean.value.tolist() == pytest.approx([1 / 3, 0.5])  # weighted (1*1 + 2*0) / 3
    with pytest.raises(satisfy.ColumnError, match="no segment 'x'"):
        satisfy.gap(p, e, by="x")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: satisfy.gap([1, 2], [1], scale="CSAT5"), satisfy.LengthMismatchError, "2 answers"),
        (lambda: satisfy.gap([1, 2], [1, 2]), satisfy.SatisfyError, "needs scale="),
        (lambda: satisfy.gap([1, 9], [1, 2], scale="CSAT5"), satisfy.InvalidScoreError, "9"),
        (lambda: satisfy.gaps({}), satisfy.SatisfyError, "at least one"),
        (lambda: satisfy.gaps({"x": [1, 2]}), satisfy.SatisfyError, "pair"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_gap_table_records_per_group():
    t = satisfy.gaps(
        {"speed": ([5, 6, 2, 3], [4, 6, 5, 3]), "courtesy": ([3, 4, 5, 5], [5, 5, 5, 4])},
        scale="LIKERT7",
        by=["a", "a", "b", "b"],
    )
    records = t.to_records()
    assert [(r["dimension"], r["group"]) for r in records] == [
        ("speed", "a"),
        ("speed", "b"),
        ("courtesy", "a"),
        ("courtesy", "b"),
    ]
    assert records[0]["mean"] == 0.5 and records[1]["met"] == 50.0
    assert np.isfinite(records[3]["mean_low"])


def test_a_gap_shows_the_level_it_was_asked_for():
    # the repr printed "95% CI" whatever the level (gap had no confidence_level at all)
    g = satisfy.gap([5, 6, 4, 7], [4, 6, 5, 5], scale="LIKERT7", confidence_level=0.8)
    text = repr(g)
    assert text.count("80% CI") == 2 and "95%" not in text
    ci = g.mean.confidence_interval(0.8)
    assert f"80% CI {ci.low:.2f} to {ci.high:.2f}" in text
    d = g.to_dict()
    assert d["confidence_level"] == 0.8
    assert (d["mean_low"], d["mean_high"]) == (ci.low, ci.high)
    assert g.to_dict(confidence_level=0.9)["confidence_level"] == 0.9
    t = satisfy.gaps({"speed": ([5, 6, 4, 7], [4, 6, 5, 5])}, scale="LIKERT7",
                     confidence_level=0.8)  # fmt: skip
    assert "speed: 0.50 (80% CI" in repr(t)
    assert t.to_records()[0]["confidence_level"] == 0.8
    with pytest.raises(satisfy.OptionError):
        satisfy.gap([5], [4], scale="LIKERT7", confidence_level=1.2)
