"""Tallies: construction, weights, frequencies, grouping and merging."""

import numpy as np
import pandas as pd
import pytest

from satisfy import GroupedTally, Response, Responses, Tally, scales
from satisfy._coding import CHUNK


def test_counts_match_numpy_on_every_input_type():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 11, size=1000)
    expected = np.bincount(x, minlength=11)
    for data in (
        x,
        x.astype(np.int8),
        x.astype(np.float64),
        x.tolist(),
        pd.Series(x),
        x.astype(str),
        [str(v) for v in x],
    ):
        assert Tally.from_scores(data, scale=scales.NPS).counts.tolist() == expected.tolist()


def test_offset_and_half_step_scales():
    t = Tally.from_scores(np.array([1, 5, 5, 3], np.int16), scale=scales.CSAT5)
    assert t.counts.tolist() == [1, 0, 1, 0, 2]
    h = Tally.from_scores([0.5, 5.0, 2.5, 2.5], scale=scales.HALF_STARS)
    assert h.counts.tolist() == [1, 0, 0, 0, 2, 0, 0, 0, 0, 1]
    h_int = Tally.from_scores([1, 5], scale=scales.HALF_STARS)
    assert h_int.counts[[1, 9]].tolist() == [1, 1]


def test_chunk_boundaries_and_nan():
    rng = np.random.default_rng(2)
    x = rng.integers(0, 11, size=2 * CHUNK + 17).astype(np.float64)
    holes = rng.random(x.shape[0]) < 0.1
    x[holes] = np.nan
    t = Tally.from_scores(x, scale=scales.NPS)
    assert t.missing == holes.sum()
    assert t.counts.tolist() == np.bincount(x[~holes].astype(int), minlength=11).tolist()


def test_weights():
    t = Tally.from_scores([9, 9, 3, None], scale=scales.NPS, weights=[1.0, 2.0, 0.5, 4.0])
    assert t.weight_sums[[3, 9]].tolist() == [0.5, 3.0]
    assert t.weight_sq_sums[[3, 9]].tolist() == [0.25, 5.0]
    assert t.total_weight == 3.5
    assert t.n_eff == pytest.approx(3.5**2 / 5.25)
    assert t.is_weighted
    assert np.allclose(t.shares.sum(), 1.0)


def test_frequencies_equal_repeated_rows():
    rows = [9] * 30 + [6] * 10 + [8] * 5
    direct = Tally.from_scores(rows, scale=scales.NPS)
    freq = Tally.from_scores([9, 6, 8], scale=scales.NPS, frequencies=[30, 10, 5])
    assert freq == direct
    assert not freq.is_weighted
    w = [0.5] * 30 + [2.0] * 10 + [1.0] * 5
    weighted_rows = Tally.from_scores(rows, scale=scales.NPS, weights=w)
    weighted_freq = Tally.from_scores(
        [9, 6, 8], scale=scales.NPS, weights=[0.5, 2.0, 1.0], frequencies=[30, 10, 5]
    )
    assert weighted_freq.counts.tolist() == weighted_rows.counts.tolist()
    assert np.allclose(weighted_freq.weight_sums, weighted_rows.weight_sums)
    assert np.allclose(weighted_freq.weight_sq_sums, weighted_rows.weight_sq_sums)


def test_from_counts_forms():
    a = Tally.from_counts([0, 1, 0, 2, 3], scale=scales.CSAT5)
    b = Tally.from_counts({"Very satisfied": 3, 4: 2, "2": 1}, scale="CSAT5")
    assert a == b
    assert a.n == 6


def test_merge_and_sum():
    a = Tally.from_scores([1, 2], scale=scales.CSAT5)
    b = Tally.from_scores([2, None], scale=scales.CSAT5)
    assert (a + b).counts.tolist() == [1, 2, 0, 0, 0]
    assert (a + b).missing == 1
    assert sum([a, b]) == a + b


def test_to_dict_and_back():
    t = Tally.from_scores([1, 5, 5], scale=scales.CSAT5, weights=[1, 2, 3])
    d = t.to_dict()
    assert d["n"] == 3
    assert d["total_weight"] == 6
    assert Tally.from_dict(d) == t


def test_tallies_are_immutable():
    t = Tally.from_scores([1], scale=scales.CSAT5)
    with pytest.raises(ValueError, match="read-only"):
        t.counts[0] = 5


def test_grouped_equals_per_group():
    rng = np.random.default_rng(3)
    n = 5000
    x = rng.integers(0, 11, n).astype(float)
    x[rng.random(n) < 0.05] = np.nan
    g = rng.choice(["a", "b", "c"], n)
    w = rng.random(n)
    grouped = GroupedTally.from_scores(x, by=g, scale=scales.NPS, weights=w)
    assert grouped.groups == ("a", "b", "c")
    for key in grouped:
        mask = g == key
        direct = Tally.from_scores(x[mask], scale=scales.NPS, weights=w[mask])
        assert grouped[key].counts.tolist() == direct.counts.tolist()
        assert grouped[key].missing == direct.missing
        assert np.allclose(grouped[key].weight_sums, direct.weight_sums)
        assert np.allclose(grouped[key].weight_sq_sums, direct.weight_sq_sums)
    assert grouped.total().n == int((~np.isnan(x)).sum())
    assert grouped.n_eff.shape == (3,)


def test_grouped_by_several_columns_and_missing_keys():
    g = GroupedTally.from_scores(
        [1, 2, 3, 4],
        by={"channel": ["chat", "chat", None, "phone"], "year": [2025, 2026, 2026, 2026]},
        scale=scales.CSAT5,
    )
    assert g.names == ("channel", "year")
    assert g.groups == (("chat", 2025), ("chat", 2026), ("phone", 2026), (None, 2026))
    assert g[(None, 2026)].counts.tolist() == [0, 0, 1, 0, 0]


def test_grouped_merge_takes_the_union_of_groups():
    a = GroupedTally.from_scores([1, 2], by=["x", "y"], scale=scales.CSAT5)
    b = GroupedTally.from_scores([3, 3], by=["y", "z"], scale=scales.CSAT5)
    m = a + b
    assert m.groups == ("x", "y", "z")
    assert m["y"].counts.tolist() == [0, 1, 1, 0, 0]
    assert m["z"].n == 1


def test_grouped_access_errors():
    g = GroupedTally.from_scores([1], by=["x"], scale=scales.CSAT5)
    with pytest.raises(KeyError, match="no group"):
        g["nope"]
    assert "x" in g
    assert repr(g) == "GroupedTally(CSAT5 (1-5): 'x': n=1)"


def test_responses_round_trip():
    items = [
        Response(
            9,
            scale="NPS",
            segments={"channel": "chat"},
            weight=2.0,
            respondent="r1",
            timestamp="2026-01-05",
        ),
        Response("3", scale="NPS", segments={"channel": "phone"}),
        Response(None, scale="NPS", segments={"channel": "chat", "team": "a"}),
    ]
    batch = Responses.from_responses(items)
    assert len(batch) == 3
    assert batch.codes.tolist() == [9, 3, -1]
    assert batch.segments["team"].tolist() == [None, None, "a"]
    assert batch[0].score == 9.0
    assert batch[0].weight == 2.0
    assert batch[0].timestamp.year == 2026
    assert batch[2].is_missing
    assert batch.tally().n == 2
    assert batch.tally().missing == 1
    by = batch.tally(by="channel")
    assert by["chat"].weight_sums[9] == 2.0
    assert batch[np.array([True, False, True])].tally().n == 1
    assert [r.score for r in batch] == [9.0, 3.0, None]


def test_response_validation():
    from satisfy.errors import ColumnError, InvalidScoreError, WeightError

    with pytest.raises(InvalidScoreError):
        Response(11, scale="NPS")
    with pytest.raises(WeightError):
        Response(1, scale="NPS", weight=-1)
    with pytest.raises(ColumnError):
        Responses.from_arrays([1], scale="NPS").tally(by="channel")
    r = Response("Very satisfied", scale="CSAT5", segments={"c": "x"})
    assert r.score == 5.0
    assert "segments={'c': 'x'}" in repr(r)


def test_integer_keys_with_gaps_and_a_key_with_only_missing_answers():
    g = GroupedTally.from_scores([1, 2, None, 4], by=[10, 14, 12, 10], scale=scales.CSAT5)
    assert g.groups == (10, 12, 14)
    assert g[12].n == 0
    assert g[12].missing == 1
    assert g[10].counts.tolist() == [1, 0, 0, 1, 0]
    far = GroupedTally.from_scores([1, 2], by=[-(10**12), 10**12], scale=scales.CSAT5)
    assert far.groups == (-(10**12), 10**12)
