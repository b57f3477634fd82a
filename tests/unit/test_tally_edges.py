"""Edge cases of tallies where the original code gave a wrong number without an error.

Each test names the silent wrong result it pins; all fail on the code before the fix.
"""

import numpy as np
import pytest

import satisfy
from satisfy import GroupedTally, Tally, scales
from satisfy.errors import (
    ColumnError,
    InvalidScoreError,
    LengthMismatchError,
    SatisfyError,
    WeightError,
)

NPS_SCORES = [10, 9, 9, 3, 7, 10, 0, 8, 6, 10]
BASE_WEIGHTS = np.array([1.0, 2.0, 1.0, 3.0, 1.0, 2.0, 1.0, 1.0, 0.5, 1.5])

# -- 1. weights: the range rule --------------------------------------------------------


def test_weights_whose_squares_underflow_are_refused():
    # 1e-162 ** 2 underflows to 0: n_eff came out 0 and the interval was computed from a
    # zero sum of squares instead of failing.
    weights = BASE_WEIGHTS * 1e-162
    with pytest.raises(WeightError) as info:
        Tally.from_scores(NPS_SCORES, scale="NPS", weights=weights)
    assert info.value.positions[0] == 0
    assert info.value.values[0] == weights[0]
    assert "1e-100" in str(info.value)


def test_only_the_weights_out_of_range_are_named():
    weights = np.ones(10)
    weights[[3, 7]] = [5e-101, 2e100]
    with pytest.raises(WeightError) as info:
        satisfy.nps(NPS_SCORES, weights=weights)
    assert info.value.positions == [3, 7]
    assert info.value.values == [5e-101, 2e100]
    assert "5e-101 at position 3" in str(info.value)


@pytest.mark.parametrize("bad", [1e300, np.inf, -np.inf, np.nan, -1.0])
def test_huge_infinite_nan_and_negative_weights_name_their_position(bad):
    # 1e300 squared overflows to inf: the old error said only "weight_sq_sums must be
    # finite" with no position (and a RuntimeWarning).
    weights = np.ones(10)
    weights[4] = bad
    with pytest.raises(WeightError) as info:
        Tally.from_scores(NPS_SCORES, scale="NPS", weights=weights)
    assert info.value.positions == [4]
    with pytest.raises(WeightError) as info:
        GroupedTally.from_scores(NPS_SCORES, by=[0, 1] * 5, scale="NPS", weights=weights)
    assert info.value.positions == [4]


def test_the_bounds_of_the_range_and_zero_are_accepted():
    weights = np.array([1e-100, 1e100, 0.0, 1.0, 1e-100, 1e100, 3.0, 0.0, 1.0, 2.0])
    t = Tally.from_scores(NPS_SCORES, scale="NPS", weights=weights)
    assert np.isfinite(t.weight_sq_sums).all()
    assert t.n == 10


@pytest.mark.parametrize("c", [1e-80, 1e-40, 1e40, 1e80])
def test_scaling_all_weights_changes_no_estimate_or_interval(c):
    ref = satisfy.nps(NPS_SCORES, weights=BASE_WEIGHTS)
    got = satisfy.nps(NPS_SCORES, weights=BASE_WEIGHTS * c)
    assert got.value == pytest.approx(ref.value, rel=1e-12)
    assert got.n_eff == pytest.approx(ref.n_eff, rel=1e-12)
    a, b = got.confidence_interval(), ref.confidence_interval()
    assert (a.low, a.high) == pytest.approx((b.low, b.high), rel=1e-12)


def test_frequencies_count_exactly_beyond_two_to_the_53():
    # Frequencies went through float64: 2^53 + 1 became 2^53.
    t = Tally.from_scores([9, 9], scale="NPS", frequencies=np.array([2**53, 1], np.int64))
    assert int(t.counts[9]) == 2**53 + 1
    g = GroupedTally.from_scores(
        [9, 9, 3], by=["a", "a", "b"], scale="NPS", frequencies=np.array([2**53, 1, 2])
    )
    assert int(g["a"].counts[9]) == 2**53 + 1
    assert float(g["a"].weight_sums[9]) == float(2**53 + 1)


def test_float_frequencies_beyond_two_to_the_53_are_refused():
    with pytest.raises(WeightError, match="2\\^53"):
        Tally.from_scores([9, 9], scale="NPS", frequencies=[2.0**60, 1.0])


def test_frequencies_beyond_int64_are_refused():
    with pytest.raises(WeightError, match="2\\^63"):
        Tally.from_scores([9, 9], scale="NPS", frequencies=np.array([2**62, 2**62], np.int64))


# -- 2. group codes over several columns -------------------------------------------------


def test_group_codes_of_several_wide_columns_do_not_overflow():
    # 4 columns of 70,000 distinct values: 70,000^4 > 2^63, and the combined codes wrapped
    # around, giving groups that do not exist in the data.
    rng = np.random.default_rng(7)
    n = 70_000
    cols = {name: rng.permutation(n) for name in "abcd"}
    scores = rng.integers(0, 11, n)
    g = GroupedTally.from_scores(scores, by=cols, scale="NPS")
    rows = list(zip(*(cols[name].tolist() for name in "abcd")))
    assert len(g) == n
    assert set(g.groups) == set(rows)
    assert list(g.groups) == sorted(rows)
    first = rows[0]
    assert int(g[first].counts[scores[0]]) == 1


def test_group_codes_of_mixed_columns_stay_sorted_and_exact():
    by = {
        "region": np.array(["south", "north", "south", "north", "east"] * 4),
        "id": np.array([10**15, -(10**15), 3, 10**15, 3] * 4),
        "year": np.array([2024, 2025] * 10),
    }
    g = GroupedTally.from_scores(np.arange(20) % 5 + 1, by=by, scale="CSAT5")
    rows = set(zip(by["region"].tolist(), by["id"].tolist(), by["year"].tolist()))
    assert set(g.groups) == rows
    assert list(g.groups) == sorted(rows)
    assert int(g.n.sum()) == 20


# -- 3. counts: exact, in range, consistent ---------------------------------------------


def test_n_beyond_int64_is_refused_not_wrapped():
    # 10^19 answers: Tally.n wrapped to a negative number.
    big = 5 * 10**18
    with pytest.raises(WeightError, match="2\\^63"):
        Tally.from_counts([big, big, 0, 0, 0], scale="CSAT5")
    with pytest.raises(WeightError, match="2\\^63"):
        Tally.from_counts([big, 0, 0, 0, 0], scale="CSAT5", missing=big)


def test_integer_counts_beyond_two_to_the_53_are_exact():
    # Counts went through float: 2^53 + 1 became 2^53.
    t = Tally.from_counts([2**53 + 1, 0, 0, 0, 0], scale="CSAT5")
    assert int(t.counts[0]) == 2**53 + 1
    t = Tally.from_counts({5: 2**60 + 1}, scale="CSAT5")
    assert int(t.counts[4]) == 2**60 + 1
    assert Tally(scales.CSAT5, [2**62 + 1, 0, 0, 0, 0], [0.0] * 5, [0.0] * 5).n == 2**62 + 1


@pytest.mark.parametrize("bad", [2.0**60, 1.5, -1, float("nan"), True, "3", 2**63])
def test_counts_that_are_not_exact_whole_numbers_are_refused(bad):
    # Tally(...) truncated 1.5 to 1; floats above 2^53 were silently rounded.
    with pytest.raises(WeightError) as info:
        Tally(scales.CSAT5, [1, bad, 0, 0, 0], [1.0, 1.0, 0, 0, 0], [1.0, 1.0, 0, 0, 0])
    assert info.value.positions == [1]
    with pytest.raises(WeightError):
        Tally.from_counts([1, bad, 0, 0, 0], scale="CSAT5")


@pytest.mark.parametrize("bad", [1.5, -1, float("nan")])
def test_missing_must_be_a_whole_number(bad):
    with pytest.raises(WeightError, match="missing"):
        Tally.from_counts([1, 0, 0, 0, 0], scale="CSAT5", missing=bad)
    with pytest.raises(WeightError, match="missing"):
        GroupedTally(
            scales.CSAT5, ["a"], [[1, 0, 0, 0, 0]], [[1.0] + [0.0] * 4], [[1.0] + [0.0] * 4], [bad]
        )


def test_weight_sums_no_weights_could_give_are_refused():
    # 4 answers cannot have an effective sample size of 8,000: wsum^2/count <= wsq.
    with pytest.raises(WeightError, match="weight_sum\\^2 / c <= weight_sq_sum"):
        Tally.from_counts(
            [0, 0, 0, 0, 4],
            scale="CSAT5",
            weight_sums=[0, 0, 0, 0, 400.0],
            weight_sq_sums=[0, 0, 0, 0, 20.0],
        )
    # one answer whose squared weight is above its weight squared
    with pytest.raises(WeightError, match="point 0"):
        Tally.from_counts(
            [1, 0, 0, 0, 0],
            scale="CSAT5",
            weight_sums=[2.0, 0, 0, 0, 0],
            weight_sq_sums=[5.0, 0, 0, 0, 0],
        )
    # a weight sum without a squared weight sum
    with pytest.raises(WeightError):
        Tally.from_counts(
            [1, 0, 0, 0, 0], scale="CSAT5", weight_sums=[2.0, 0, 0, 0, 0], weight_sq_sums=[0.0] * 5
        )
    # weight on a point with no answers
    with pytest.raises(WeightError):
        Tally.from_counts(
            [0, 1, 0, 0, 0],
            scale="CSAT5",
            weight_sums=[1.0, 1, 0, 0, 0],
            weight_sq_sums=[1.0, 1, 0, 0, 0],
        )


def test_consistent_weight_sums_are_accepted():
    t = Tally.from_scores([5, 5, 4], scale="CSAT5", weights=[0.5, 2.0, 0.0])
    again = Tally.from_counts(
        t.counts, scale="CSAT5", weight_sums=t.weight_sums, weight_sq_sums=t.weight_sq_sums
    )
    assert again == t
    assert round(again.n_eff, 6) == round(2.5**2 / 4.25, 6)


@pytest.mark.parametrize("field", ["weight_sums", "weight_sq_sums"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -1.0])
def test_nan_infinite_or_negative_sums_are_refused(field, bad):
    sums = {"weight_sums": [1.0, 0, 0, 0, 0], "weight_sq_sums": [1.0, 0, 0, 0, 0]}
    sums[field][0] = bad
    with pytest.raises(WeightError, match=field):
        Tally.from_counts([1, 0, 0, 0, 0], scale="CSAT5", **sums)


def test_merging_beyond_int64_is_refused_not_wrapped():
    big = Tally.from_counts([2**62, 0, 0, 0, 0], scale="CSAT5")
    assert (big + Tally.from_counts([2**62 - 1, 0, 0, 0, 0], scale="CSAT5")).n == 2**63 - 1
    with pytest.raises(WeightError, match="2\\^63"):
        big + big
    g = GroupedTally.from_tallies({"a": big})
    with pytest.raises(WeightError, match="2\\^63"):
        g + g
    two = GroupedTally.from_tallies({"a": big, "b": big})
    with pytest.raises(WeightError, match="2\\^63"):
        two.total()


def test_grouped_constructors_check_like_the_plain_one():
    with pytest.raises(WeightError) as info:
        GroupedTally(
            scales.CSAT5,
            ["a", "b"],
            [[1, 0, 0, 0, 0], [0, 1.5, 0, 0, 0]],
            np.zeros((2, 5)),
            np.zeros((2, 5)),
            [0, 0],
        )
    assert info.value.positions == [6]
    with pytest.raises(WeightError, match="group 'b', point 1"):
        GroupedTally(
            scales.CSAT5,
            ["a", "b"],
            [[1, 0, 0, 0, 0], [0, 4, 0, 0, 0]],
            [[1.0, 0, 0, 0, 0], [0, 400.0, 0, 0, 0]],
            [[1.0, 0, 0, 0, 0], [0, 20.0, 0, 0, 0]],
            [0, 0],
        )
    with pytest.raises(WeightError, match="2\\^63"):
        GroupedTally(
            scales.CSAT5,
            ["a"],
            [[2**62, 2**62, 0, 0, 0]],
            [[2.0**62] * 2 + [0.0] * 3],
            [[2.0**62] * 2 + [0.0] * 3],
            [0],
        )
    with pytest.raises(LengthMismatchError):
        GroupedTally(
            scales.CSAT5, ["a"], [[1, 0, 0, 0, 0]], [[1.0] + [0.0] * 4], [[1.0] + [0.0] * 4], [0, 0]
        )


# -- 4. the long table ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["count", "point", "weight_sum", "weight_sq_sum", "group"])
def test_group_names_the_long_table_uses_are_refused(name):
    # A group column named "count" overwrote the counts: the table read back was wrong.
    g = GroupedTally.from_scores([9, 3, 10], by={name: ["x", "y", "x"]}, scale="NPS")
    with pytest.raises(ColumnError, match=repr(name)):
        g.to_long()
    h = GroupedTally.from_scores(
        [9, 3, 10], by={"region": [1, 2, 1], name: ["x", "y", "x"]}, scale="NPS"
    )
    with pytest.raises(ColumnError, match=repr(name)):
        h.to_long()


def test_other_names_round_trip():
    g = GroupedTally.from_scores(
        [9, 3, 10, None],
        by={"points": [1, 2, 1, 3], "Count": ["a", "b", "a", "c"]},
        scale="NPS",
        weights=[1.0, 2.0, 0.5, 1.0],
    )
    assert GroupedTally.from_long(g.to_long(), scale="NPS") == g


def test_several_names_need_tuple_keys():
    t = Tally.from_counts([1, 0, 0, 0, 0], scale="CSAT5")
    g = GroupedTally.from_tallies({"x": t}, names=("a", "b"))
    with pytest.raises(LengthMismatchError, match="one part per name"):
        g.to_long()


def _table():
    return {"team": ["a", "a", "b"], "point": [9, 10, None], "count": [4, 1, 2]}


def test_from_long_refuses_missing_columns():
    for column in ("point", "count"):
        table = _table()
        del table[column]
        with pytest.raises(ColumnError, match=column):
            GroupedTally.from_long(table, scale="NPS")
    with pytest.raises(ColumnError, match="'area'"):
        GroupedTally.from_long(_table(), scale="NPS", by="area")
    with pytest.raises(ColumnError, match="'count'"):
        GroupedTally.from_long(_table(), scale="NPS", by=["team", "count"])


def test_from_long_refuses_unknown_points():
    table = {**_table(), "point": [9, 11, None]}
    with pytest.raises(InvalidScoreError) as info:
        GroupedTally.from_long(table, scale="NPS")
    assert info.value.positions == [1]


def test_from_long_refuses_duplicate_rows_unless_asked_to_sum():
    # Duplicate rows (a join gone wrong, a table stored twice) were silently added.
    table = {"team": ["a", "b", "a"], "point": [9, 9, 9], "count": [4, 1, 2]}
    with pytest.raises(SatisfyError, match="rows 0 and 2"):
        GroupedTally.from_long(table, scale="NPS")
    assert GroupedTally.from_long(table, scale="NPS", duplicates="sum")["a"].n == 6
    missing_twice = {"team": ["a", "a"], "point": [None, float("nan")], "count": [1, 2]}
    with pytest.raises(SatisfyError, match="missing answers"):
        GroupedTally.from_long(missing_twice, scale="NPS")
    with pytest.raises(satisfy.OptionError):
        GroupedTally.from_long(table, scale="NPS", duplicates="first")


@pytest.mark.parametrize("count", [1.5, -1, None, float("nan"), "x"])
def test_from_long_refuses_counts_that_are_not_whole_numbers(count):
    table = {**_table(), "count": [4, count, 2]}
    with pytest.raises(WeightError) as info:
        GroupedTally.from_long(table, scale="NPS")
    assert info.value.positions == [1]


def test_from_long_refuses_ragged_columns():
    table = {**_table(), "count": [4, 1]}
    with pytest.raises(LengthMismatchError, match="'count' has 2"):
        GroupedTally.from_long(table, scale="NPS")


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_from_long_refuses_bad_weight_sums(bad):
    table = {**_table(), "weight_sum": [4.0, bad, 0.0], "weight_sq_sum": [4.0, 1.0, 0.0]}
    with pytest.raises(WeightError, match="row 1"):
        GroupedTally.from_long(table, scale="NPS")


def test_from_long_refuses_inconsistent_weight_sums():
    table = {**_table(), "weight_sum": [400.0, 1.0, 0.0], "weight_sq_sum": [20.0, 1.0, 0.0]}
    with pytest.raises(WeightError, match="group 'a', point 9"):
        GroupedTally.from_long(table, scale="NPS")


# -- 5. the fast path for many groups equals a plain numpy count ------------------------


@pytest.mark.parametrize("scale", [scales.NPS, scales.CSAT5])
@pytest.mark.parametrize("dtype", [np.int64, np.int8, np.uint16])
def test_many_groups_over_many_chunks_count_like_numpy(scale, dtype):
    rng = np.random.default_rng(11)
    n, g, k = 1_200_000, 20_000, scale.n_points
    seg = rng.integers(0, g, n) * 3 + 5  # sparse codes, some never used
    codes = rng.integers(0, k, n)
    scores = (codes + int(scale.low)).astype(dtype)
    w = rng.uniform(0.1, 3.0, n)
    f = rng.integers(0, 4, n)
    got = GroupedTally.from_scores(scores, by=seg, scale=scale, weights=w, frequencies=f)
    keys, inverse = np.unique(seg, return_inverse=True)
    counts = np.zeros((keys.shape[0], k), np.int64)
    wsum = np.zeros((keys.shape[0], k))
    wsq = np.zeros((keys.shape[0], k))
    np.add.at(counts, (inverse, codes), f)
    np.add.at(wsum, (inverse, codes), w * f)
    np.add.at(wsq, (inverse, codes), w * w * f)
    assert got.groups == tuple(keys.tolist())
    assert np.array_equal(got.counts, counts)
    assert np.allclose(got.weight_sums, wsum, rtol=1e-12)
    assert np.allclose(got.weight_sq_sums, wsq, rtol=1e-12)
    assert not got.missing.any()
    plain = GroupedTally.from_scores(scores, by=seg, scale=scale)
    np.add.at(counts, (inverse, codes), 1 - f)  # every row once
    assert np.array_equal(plain.counts, counts)
    assert np.array_equal(plain.weight_sums, counts)


def test_an_answer_off_the_scale_in_a_late_chunk_is_still_reported():
    rng = np.random.default_rng(3)
    n = 700_000
    scores = rng.integers(0, 11, n)
    scores[650_001] = 11
    scores[5] = -1
    with pytest.raises(InvalidScoreError) as info:
        GroupedTally.from_scores(scores, by=rng.integers(0, 30_000, n), scale="NPS")
    assert info.value.positions == [5, 650_001]


def test_the_fast_path_leaves_omitted_invalid_answers_to_the_general_path():
    rng = np.random.default_rng(5)
    n = 400_000
    scores = rng.integers(0, 11, n)
    seg = rng.integers(0, 5_000, n)
    scores[[10, 399_999]] = [11, -3]
    g = GroupedTally.from_scores(scores, by=seg, scale="NPS", invalid_policy="omit")
    assert int(g.missing.sum()) == 2
    assert int(g[int(seg[10])].missing) >= 1
    assert int(g.n.sum()) == n - 2
    ok = np.ones(n, bool)
    ok[[10, 399_999]] = False
    expected = np.zeros((5_000, 11), np.int64)
    np.add.at(expected, (seg[ok], scores[ok]), 1)
    assert np.array_equal(g.counts, expected[np.isin(np.arange(5_000), seg)])


@pytest.mark.parametrize(
    "weights",
    [
        np.array([1 + 5j, 2]),  # the imaginary part was dropped with only a ComplexWarning
        np.array(["1", "2"]),  # text was cast to numbers
        ["1", 2],
        np.array(["2026-01-01", "2026-01-02"], "datetime64[D]"),  # days since 1970
        np.array([1, 2], "timedelta64[s]"),
        [True, 1],
    ],
)
def test_weights_that_are_not_real_numbers_are_refused(weights):
    # summarize refuses such weight columns; the array API must too, not cast them
    with pytest.raises(satisfy.WeightError, match="real numbers"):
        satisfy.nps([10, 0], weights=weights)


def test_decimal_and_numpy_weights_are_numbers():
    import decimal

    a = satisfy.nps([10, 0], weights=[decimal.Decimal("1.5"), np.float32(2)])
    b = satisfy.nps([10, 0], weights=[1.5, 2.0])
    assert a.value == b.value
