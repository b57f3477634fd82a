"""Non-answers and invalid answers left out, counted inside every engine (issue 13).

Each engine's counts of non-answers, invalid answers left out and missing answers must
equal the array API's (``GroupedTally.from_scores``) on the same data; a non-answer never
enters a value, an interval, ``n`` or ``missing``.
"""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, scales

NPS99 = scales.NPS.with_non_answers([99, "N/A", "Don't know"])
CSAT_NA = scales.CSAT5.with_non_answers(["N/A", "Vet ikke", "Weiß nicht"])

DATA = {
    "ltr": [10, 99, 7, 11, 99, 3, None, 9, 12, 0],
    "sat": [
        "Very satisfied",
        "n/a",
        "4",
        "VET IKKE",
        "Weiß nicht",
        "1",
        None,
        "Dissatisfied",
        "N/A",
        "5",
    ],
    "g": ["a", "a", "a", "b", "b", "b", "c", "c", "c", "c"],
    "w": [1.0, 2.0, 1.0, 0.5, 1.0, 2.0, 1.0, 1.0, 3.0, 1.0],
    "when": [dt.datetime(2026, 1, 5) + dt.timedelta(days=10 * i) for i in range(10)],
}


def as_pandas(native):
    return nw.from_native(native).to_pandas()


def direct(column, scale, *, invalid_policy="raise", weights=False) -> GroupedTally:
    return GroupedTally.from_scores(
        np.array(DATA[column], dtype=object),
        by={"g": np.array(DATA["g"], dtype=object)},
        scale=scale,
        weights=np.array(DATA["w"]) if weights else None,
        invalid_policy=invalid_policy,
    )


@pytest.mark.parametrize("weights", [False, True])
def test_engines_count_non_answers_and_invalid_as_the_array_api(constructor, weights):
    frame = constructor(DATA)
    for column, scale in (("ltr", NPS99), ("sat", CSAT_NA)):
        got = satisfy.tally_frame(
            frame,
            column,
            scale=scale,
            by="g",
            weights="w" if weights else None,
            invalid_policy="omit",
        )
        want = direct(column, scale, invalid_policy="omit", weights=weights)
        assert got.groups == want.groups
        np.testing.assert_array_equal(got.counts, want.counts)
        np.testing.assert_array_equal(got.missing, want.missing)
        np.testing.assert_array_equal(got.non_answers, want.non_answers)
        np.testing.assert_array_equal(got.invalid, want.invalid)
        np.testing.assert_allclose(got.weight_sums, want.weight_sums, rtol=1e-12)
    # counted by hand: ltr a: 99; b: 11 invalid, 99; c: None missing, 12 invalid
    ltr = satisfy.tally_frame(frame, "ltr", scale=NPS99, by="g", invalid_policy="omit")
    assert ltr.non_answers.tolist() == [1, 1, 0]
    assert ltr.invalid.tolist() == [0, 1, 1]
    assert ltr.missing.tolist() == [0, 1, 2]
    assert ltr.n.tolist() == [2, 1, 2]


def test_summarize_reports_non_answers_and_invalid(constructor):
    frame = constructor(DATA)
    out = as_pandas(
        satisfy.summarize(
            frame,
            [satisfy.NPS("ltr", scale=NPS99), satisfy.CSAT("sat", scale=CSAT_NA)],
            by="g",
            invalid_policy="omit",
        )
    )
    assert {"invalid", "non_answers"} <= set(out.columns)
    nps = out[out["metric"].str.startswith("NPS")].sort_values("g")
    assert nps["non_answers"].tolist() == [1, 1, 0]
    assert nps["invalid"].tolist() == [0, 1, 1]
    assert nps["missing"].tolist() == [0, 1, 2]
    want = satisfy.nps(direct("ltr", NPS99, invalid_policy="omit"))
    np.testing.assert_allclose(nps["value"], want.value, rtol=1e-12)
    csat = out[out["metric"].str.startswith("CSAT")].sort_values("g")
    assert csat["non_answers"].tolist() == [1, 2, 1]
    assert csat["invalid"].tolist() == [0, 0, 0]


def test_non_answers_are_not_invalid_when_invalid_answers_raise(constructor):
    data = {"ltr": [10, 99, 7, 99, 3], "g": ["a", "a", "b", "b", "b"]}
    out = as_pandas(satisfy.summarize(constructor(data), satisfy.NPS("ltr", scale=NPS99), by="g"))
    assert out["non_answers"].tolist() == [1, 1]
    assert out["invalid"].tolist() == [0, 0]
    assert out["n"].tolist() == [1, 2]
    # an answer off the scale still raises, and the non-answers are not listed with it
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.summarize(
            constructor({"ltr": [10, 99, 11], "g": ["a", "a", "b"]}),
            satisfy.NPS("ltr", scale=NPS99),
            by="g",
        )
    assert info.value.values == [11]


def test_without_non_answers_the_code_is_invalid(constructor):
    frame = constructor({"ltr": [10, 99], "g": ["a", "a"]})
    with pytest.raises(satisfy.InvalidScoreError):
        satisfy.summarize(frame, satisfy.NPS("ltr"), by="g")


def test_two_specs_on_one_column_keep_their_own_non_answers(constructor):
    # The scales are equal (non-answers take no part in equality), but one of them reads
    # 99 as a non-answer and the other does not: the second must still refuse it.
    frame = constructor({"ltr": [10, 99, 7]})
    with pytest.raises(satisfy.InvalidScoreError):
        satisfy.summarize(
            frame, [satisfy.NPS("ltr", scale=NPS99), satisfy.NPS("ltr", name="plain")]
        )


def test_trend_reports_non_answers_per_period(constructor):
    frame = constructor(DATA)
    out = as_pandas(
        satisfy.trend(
            frame,
            satisfy.NPS("ltr", scale=NPS99),
            time="when",
            period="month",
            invalid_policy="omit",
        )
    )
    assert out["non_answers"].tolist() == [1, 1, 0, 0]  # 99 on Jan 15 and Feb 14
    assert out["invalid"].tolist() == [0, 1, 1, 0]  # 11 on Feb 4, 12 on Mar 26


values = st.sampled_from([0, 5, 9, 10, 99, 11, None, -1])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    answers=st.lists(values, min_size=1, max_size=30),
    groups=st.lists(st.sampled_from(["x", "y", "z"]), min_size=30, max_size=30),
    as_text=st.booleans(),
)
def test_every_engine_agrees_with_the_array_api_on_left_out_counts(
    constructor, answers, groups, as_text
):
    assume(any(a is not None for a in answers))  # an all-null column has no type in Spark
    scale = scales.NPS.with_non_answers([99, -1])
    column = [None if a is None else (str(a) if as_text else a) for a in answers]
    data = {"ltr": column, "g": groups[: len(answers)]}
    got = satisfy.tally_frame(constructor(data), "ltr", scale=scale, by="g", invalid_policy="omit")
    want = GroupedTally.from_scores(
        np.array(column, dtype=object),
        by={"g": np.array(data["g"], dtype=object)},
        scale=scale,
        invalid_policy="omit",
    )
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_array_equal(got.non_answers, want.non_answers)
    np.testing.assert_array_equal(got.invalid, want.invalid)
    np.testing.assert_array_equal(got.missing, want.missing)


def test_invalid_answers_omitted_are_not_missing_ones_under_nan_policy_raise(constructor):
    # On pandas frames, answers left out as invalid used to count as missing ones, so
    # nan_policy="raise" refused them (other engines did not): the engines disagreed.
    frame = constructor({"ltr": [10, 11, 9]})
    out = as_pandas(
        satisfy.summarize(frame, satisfy.NPS("ltr"), nan_policy="raise", invalid_policy="omit")
    )
    assert (out["n"][0], out["missing"][0], out["invalid"][0]) == (2, 1, 1)
    with pytest.raises(satisfy.MissingScoreError):
        satisfy.summarize(
            constructor({"ltr": [10, None, 11]}),
            satisfy.NPS("ltr"),
            nan_policy="raise",
            invalid_policy="omit",
        )
