"""Non-answer codes of a scale, and invalid answers left out (issue 13, Deliver 2).

A non-answer ("N/A", "Don't know", 99, "offered") is neither an answer, nor missing, nor
invalid: it is counted apart (``non_answers``) and never enters a metric, ``n`` or
``missing``. ``invalid`` counts how many of ``missing`` were answers not on the scale
left out under ``invalid_policy="omit"``.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import satisfy
from satisfy import GroupedTally, Response, Responses, Scale, Tally, scales
from satisfy.errors import EmptyDataError, InvalidScoreError, ScaleError, WeightError

NPS99 = scales.NPS.with_non_answers(["N/A", "Don't know", 99, "offered"])
CSAT_NA = scales.CSAT5.with_non_answers(["N/A", "Vet ikke", "Weiß nicht"])


# -- the scale -----------------------------------------------------------------------------


def test_non_answers_are_kept_in_order_without_repeats():
    s = Scale(1, 5, non_answers=["N/A", np.int64(99), "N/A"])
    assert s.non_answers == ("N/A", 99)
    assert type(s.non_answers[1]) is int  # numpy scalars become Python numbers
    assert Scale(1, 5).non_answers == ()
    assert Scale(1, 5, non_answers=None).non_answers == ()


def test_repr_shows_non_answers_only_when_present():
    assert repr(scales.NPS) == "Scale(NPS: 0-10)"
    assert repr(NPS99) == "Scale(NPS: 0-10, non-answers 'N/A', \"Don't know\", 99, 'offered')"


def test_scales_that_differ_only_in_non_answers_are_equal_and_their_tallies_merge():
    assert NPS99 == scales.NPS
    assert hash(NPS99) == hash(scales.NPS)
    both = Tally.from_scores([10, 99], scale=NPS99) + Tally.from_scores([0], scale=scales.NPS)
    assert (both.n, both.non_answers) == (2, 1)


@pytest.mark.parametrize(
    ("code", "match"),
    [
        (5, "reads as the point 5"),
        ("5", "reads as the point 5"),
        ("9 - Extremely likely", "reads as the point 9"),
        ("", "missing value"),
        ("   ", "missing value"),
        (float("nan"), "missing value"),
        (float("inf"), "not a finite number"),
        (True, "text or a number"),
        (None, "text or a number"),
        (b"N/A", "text or a number"),
    ],
)
def test_a_non_answer_cannot_be_an_answer_missing_or_not_a_code(code, match):
    with pytest.raises(ScaleError, match=match):
        scales.NPS.with_non_answers([code])


@pytest.mark.parametrize("code", ["very satisfied", " Satisfied ", "5 (Very satisfied)", 3])
def test_a_non_answer_cannot_be_a_label_or_point(code):
    with pytest.raises(ScaleError, match="non-answer code must be neither a point"):
        scales.CSAT5.with_non_answers([code])


def test_non_answers_must_be_a_sequence_of_codes():
    with pytest.raises(ScaleError, match="sequence of codes"):
        Scale(1, 5, non_answers="N/A")
    with pytest.raises(ScaleError, match="sequence of codes"):
        Scale(1, 5, non_answers=99)


def test_accepted_description_names_the_non_answers():
    with pytest.raises(InvalidScoreError, match="non-answers: 'N/A', \"Don't know\", 99"):
        Tally.from_scores([11], scale=NPS99)


# -- coding ----------------------------------------------------------------------------------


def test_code_and_encode():
    assert [NPS99.code(v) for v in ("n/a", " DON'T  know ", 99, "99", 99.0, None, 11)] == [
        -3,
        -3,
        -3,
        -3,
        -3,
        -1,
        -2,
    ]
    assert NPS99.encode([10, "N/A", 99, None]).tolist() == [10, -1, -1, -1]
    np.testing.assert_array_equal(NPS99.parse([10, "N/A"]), [10.0, np.nan])


def test_labelled_non_answer_number_is_a_non_answer():
    assert NPS99.code("99 - Don't know") == -3
    assert NPS99.code("99 -") == -2  # a dangling separator is not a labelled number
    assert NPS99.code("99 100") == -2


def test_non_answers_do_not_raise_under_either_policy():
    t = Tally.from_scores([10, "N/A", 99], scale=NPS99, nan_policy="raise")
    assert (t.n, t.missing, t.non_answers, t.invalid) == (1, 0, 2, 0)


CONTAINERS = {
    "list": lambda v: v,
    "object array": lambda v: np.array(v, dtype=object),
    "pandas object": lambda v: pd.Series(v, dtype=object),
    "pandas string": lambda v: pd.Series(
        [None if x is None else str(x) for x in v], dtype="string"
    ),
    "pandas category": lambda v: pd.Series([None if x is None else str(x) for x in v]).astype(
        "category"
    ),
    "polars text": lambda v: pl.Series([None if x is None else str(x) for x in v]),
    "pyarrow text": lambda v: pa.array([None if x is None else str(x) for x in v]),
}


@pytest.mark.parametrize("make", CONTAINERS.values(), ids=CONTAINERS.keys())
def test_every_text_and_object_path_counts_non_answers(make):
    raw = [10, "n/a", 99, None, "offered", 11, "Don't know", 3]
    t = Tally.from_scores(make(raw), scale=NPS99, invalid_policy="omit")
    assert (t.n, t.missing, t.non_answers, t.invalid) == (2, 2, 4, 1)
    assert t.counts[[3, 10]].tolist() == [1, 1]


NUMBERS = {  # name: (container, invalid answers, missing answers)
    "int64": (lambda v: np.array(v, dtype=np.int64), 1, 0),
    "uint8": (lambda v: np.array(v, dtype=np.uint8), 1, 0),
    "int16 with negatives": (lambda v: np.array([*v, -1], dtype=np.int16), 2, 0),
    "float": (lambda v: np.array([*v, np.nan], dtype=np.float64), 1, 1),
    "pandas Int64": (lambda v: pd.Series([*v, None], dtype="Int64"), 1, 1),
    "polars int": (lambda v: pl.Series([*v, None]), 1, 1),
    "pyarrow int": (lambda v: pa.array([*v, None]), 1, 1),
}


@pytest.mark.parametrize(("make", "invalid", "missing"), NUMBERS.values(), ids=NUMBERS.keys())
def test_every_numeric_path_counts_non_answers(make, invalid, missing):
    scale = scales.NPS.with_non_answers([99, 98])
    t = Tally.from_scores(make([10, 99, 3, 98, 99, 11]), scale=scale, invalid_policy="omit")
    assert (t.n, t.non_answers, t.invalid, t.missing) == (2, 3, invalid, invalid + missing)
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(make([10, 99, 3, 98, 99, 11]), scale=scale)
    assert 11 in info.value.values and 99 not in info.value.values


def test_half_point_scales_match_non_answers_as_numbers():
    stars = Scale(0.5, 5, step=0.5, non_answers=[-1, 9.5, "0"])
    t = Tally.from_scores(np.array([0.5, -1, 9.5, 0.0, 2.25]), scale=stars, invalid_policy="omit")
    assert (t.n, t.non_answers, t.invalid) == (1, 3, 1)
    assert stars.code("9.5") == -3


def test_more_answers_than_a_chunk_are_all_counted():
    n = 300_000  # beyond one chunk of 2^18
    raw = np.full(n, 99, dtype=np.int64)
    raw[::3] = 7
    t = Tally.from_scores(raw, scale=NPS99)
    assert (t.n, t.non_answers) == (len(raw[::3]), n - len(raw[::3]))
    text = pd.Series(np.where(raw == 99, "N/A", "7"), dtype="string")
    assert Tally.from_scores(text, scale=NPS99) == t


def test_frequencies_count_non_answers_as_their_rows_stand_for():
    t = Tally.from_scores(["N/A", 9, 3], scale=NPS99, frequencies=[12, 5, 2])
    assert (t.n, t.non_answers) == (7, 12)


def test_a_scale_without_non_answers_still_refuses_the_code_after_one_with_them():
    # The scales are equal; the coders must not be shared through a cache.
    assert Tally.from_scores([99], scale=NPS99).non_answers == 1
    with pytest.raises(InvalidScoreError):
        Tally.from_scores([99], scale=scales.NPS)
    with pytest.raises(InvalidScoreError):
        GroupedTally.from_scores([99], by=["a"], scale=scales.NPS)
    assert GroupedTally.from_scores([99], by=["a"], scale=NPS99).non_answers.tolist() == [1]


# -- tallies ---------------------------------------------------------------------------------


def test_tally_counts_merge_and_round_trip():
    a = Tally.from_scores([10, "N/A", None, 11], scale=NPS99, invalid_policy="omit")
    b = Tally.from_scores([99, 99, 5], scale=NPS99)
    assert (a.missing, a.invalid, a.non_answers) == (2, 1, 1)
    merged = a + b
    assert (merged.n, merged.missing, merged.invalid, merged.non_answers) == (2, 2, 1, 3)
    assert sum([a, b]) == merged
    assert Tally.from_dict(merged.to_dict(), scale=NPS99) == merged
    assert pickle.loads(pickle.dumps(merged)) == merged
    d = merged.to_dict()
    assert (d["non_answers"], d["invalid"]) == (3, 1)
    assert repr(merged).startswith("Tally(NPS (0-10): n=2, missing=2 (invalid=1), non_answers=3,")


def test_tallies_differing_only_in_left_out_counts_differ():
    t = Tally.from_counts([1] * 11, scale="NPS")
    assert t != Tally.from_counts([1] * 11, scale="NPS", non_answers=1)
    assert Tally.from_counts([1] * 11, scale="NPS", missing=1) != Tally.from_counts(
        [1] * 11, scale="NPS", missing=1, invalid=1
    )


def test_invalid_cannot_exceed_missing():
    with pytest.raises(WeightError, match=r"invalid \(2\) is more than missing \(1\)"):
        Tally.from_counts([0] * 11, scale="NPS", missing=1, invalid=2)
    with pytest.raises(WeightError, match="group 'b'"):
        GroupedTally(
            scales.NPS, ["a", "b"], np.zeros((2, 11)), np.zeros((2, 11)), np.zeros((2, 11)),
            [1, 0], invalid=[1, 1],
        )  # fmt: skip
    with pytest.raises(WeightError, match="non_answers"):
        Tally.from_counts([0] * 11, scale="NPS", non_answers=-1)


def test_grouped_tally_counts_per_group_and_keeps_groups_of_non_answers_only():
    g = GroupedTally.from_scores(
        [10, "N/A", 99, 11, None], by=["a", "a", "b", "c", "c"], scale=NPS99, invalid_policy="omit"
    )
    assert g.groups == ("a", "b", "c")
    assert g.non_answers.tolist() == [1, 1, 0]
    assert g.invalid.tolist() == [0, 0, 1]
    assert g.missing.tolist() == [0, 0, 2]
    assert g.n.tolist() == [1, 0, 0]
    assert (g["b"].non_answers, g["c"].invalid) == (1, 1)
    total = g.total()
    assert (total.non_answers, total.invalid, total.missing) == (2, 1, 2)
    assert GroupedTally.from_tallies(dict(g.items())) == g
    assert pickle.loads(pickle.dumps(g)) == g
    assert repr(g).endswith("invalid=1, non_answers=2)")


def test_grouped_merge_adds_left_out_counts():
    a = GroupedTally.from_scores(["N/A", 5], by=["x", "y"], scale=NPS99)
    b = GroupedTally.from_scores([99, 12], by=["y", "z"], scale=NPS99, invalid_policy="omit")
    merged = a + b
    assert merged.groups == ("x", "y", "z")
    assert merged.non_answers.tolist() == [1, 1, 0]
    assert merged.invalid.tolist() == [0, 0, 1]


def test_the_long_table_keeps_non_answers_and_invalid():
    g = GroupedTally.from_scores(
        [10, "N/A", 99, 11, None], by=["a", "a", "b", "c", "c"], scale=NPS99, invalid_policy="omit"
    )
    long = g.to_long()
    assert long["non_answers"] == [0, 1, 1, 0]
    assert long["invalid"] == [0, 0, 0, 1]
    assert GroupedTally.from_long(long, scale=NPS99) == g
    stacked = {k: v + v for k, v in long.items()}  # two stored tables, concatenated
    assert GroupedTally.from_long(stacked, scale=NPS99, duplicates="sum") == g + g
    older = {k: v for k, v in long.items() if k not in ("non_answers", "invalid")}
    assert GroupedTally.from_long(older, scale=NPS99).non_answers.tolist() == [0, 0, 0]


# -- typed responses -------------------------------------------------------------------------


def test_responses_code_and_tally_non_answers_and_invalid():
    b = Responses.from_arrays(
        [5, "Vet ikke", None, "meh", 1],
        scale=CSAT_NA,
        invalid_policy="omit",
        segments={"s": ["x", "x", "y", "y", "y"]},
    )
    assert b.codes.tolist() == [4, -3, -1, -2, 0]
    assert np.isnan(b.scores[[1, 2, 3]]).all()
    t = b.tally()
    assert (t.n, t.missing, t.invalid, t.non_answers) == (2, 2, 1, 1)
    g = b.tally(by="s")
    assert g.non_answers.tolist() == [1, 0]
    assert g.invalid.tolist() == [0, 1]
    assert repr(b) == "Responses(5 on CSAT5 (1-5), missing=2, non_answers=1, segments s)"
    assert b[1].is_non_answer and not b[1].is_missing
    assert b[2].is_missing and not b[2].is_non_answer
    assert Responses.from_responses(list(b)).tally().non_answers == 1
    text_only = Responses.from_arrays(["N/A", 3], scale=CSAT_NA)
    assert text_only.tally().non_answers == 1


def test_response_of_a_non_answer():
    r = Response("weiß nicht", scale=CSAT_NA)
    assert r.score is None and r.is_non_answer and not r.is_missing
    assert repr(r) == "Response(non-answer on CSAT5 (1-5))"
    assert pickle.loads(pickle.dumps(r)) == r


# -- results ---------------------------------------------------------------------------------


def test_estimates_carry_non_answers_and_invalid():
    t = Tally.from_scores([10, 9, "N/A", 99, None, 11], scale=NPS99, invalid_policy="omit")
    e = satisfy.nps(t)
    assert (e.n, e.missing, e.invalid, e.non_answers) == (2, 2, 1, 2)
    assert repr(e).endswith("n=2, missing=2 (invalid=1), non_answers=2)")
    d = e.to_dict()
    assert (d["missing"], d["invalid"], d["non_answers"]) == (2, 1, 2)
    frame = e.to_frame()
    assert frame[["invalid", "non_answers"]].to_dict("records") == [
        {"invalid": 1, "non_answers": 2}
    ]
    assert "non_answers" not in repr(satisfy.nps([10, 9]))


def test_grouped_estimates_carry_non_answers_and_invalid():
    g = GroupedTally.from_scores(
        [10, 9, "N/A", 99, 11], by=["a", "a", "b", "b", "b"], scale=NPS99, invalid_policy="omit"
    )
    e = satisfy.nps(g)
    assert e.non_answers.tolist() == [0, 2]
    assert e.invalid.tolist() == [0, 1]
    rows = e.to_records()
    assert [(r["invalid"], r["non_answers"]) for r in rows] == [(0, 0), (1, 2)]
    assert e.to_frame()["non_answers"].tolist() == [0, 2]
    assert repr(e).endswith(", invalid=1, non_answers=2)")


def test_no_answers_error_says_all_were_non_answers():
    with pytest.raises(EmptyDataError, match="all 3 answers were non-answers"):
        satisfy.nps(["N/A", 99, "offered"], scale=NPS99)
    t = Tally.from_scores(["N/A", None, 11], scale=NPS99, invalid_policy="omit")
    with pytest.raises(EmptyDataError, match=r"2 missing, of which 1 not on the scale, and 1 non"):
        satisfy.nps(t)
    with pytest.raises(EmptyDataError, match=r"undefined \(1 missing\)"):
        satisfy.nps([None], scale="NPS")


def test_shares_of_non_answers_only_say_so():
    with pytest.raises(EmptyDataError, match=r"\(and 2 non-answers\): shares are undefined"):
        Tally.from_scores(["N/A", 99], scale=NPS99).shares
