"""Edge cases of coding raw answers: text, dtypes, missing values on every container,
scale construction errors and ``invalid_policy``. Each case below was a silent wrong
number or a crash before (review of the coding layer)."""

import datetime as dt
import decimal
import fractions
import math

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import satisfy
from satisfy import GroupedTally, Responses, Scale, Tally, convert, scales
from satisfy.errors import (
    InvalidScoreError,
    MissingScoreError,
    OptionError,
    SatisfyError,
    ScaleError,
)

# -- text must be exactly a number, a label or a labelled number --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0x9",  # was 0
        "0b1",  # was 0
        "3/5",  # was 3
        "9 10",  # was 9
        "9/10",  # was 9
        "1_0",  # was 1 (Python's float() reads 10)
        "9_0",  # was 9
        "9abc",  # was 9
        "10pts",  # was 10
        "9 - 10",  # was 9
        "2-3",  # was 2
        "inf",
        "nan",
        "9..",
        "--9",
        "1e1x",
        "9 -",  # was 9: a separator with no label after it
        "0:",  # was 0
        "9 ()",  # was 9
    ],
)
def test_text_that_is_not_exactly_a_number_is_refused(text):
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores([9, text], scale=scales.NPS)
    assert info.value.positions == [1]
    assert info.value.values == [text]
    assert repr(text) in str(info.value) and "position 1" in str(info.value)


@pytest.mark.parametrize(
    ("text", "scale", "point"),
    [
        ("+9", scales.NPS, 9.0),
        ("9.0", scales.NPS, 9.0),
        ("9.", scales.NPS, 9.0),
        ("  9 ", scales.NPS, 9.0),
        ("1e1", scales.NPS, 10.0),  # was 1: the leading digit only
        ("1E1", scales.NPS, 10.0),
        ("10e-1", scales.NPS, 1.0),  # was 10
        ("-0", scales.NPS, 0.0),
        ("09", scales.NPS, 9.0),
        ("9,0", scales.NPS, 9.0),
        ("4,5", scales.HALF_STARS, 4.5),
        (".5", scales.HALF_STARS, 0.5),
        ("9 - Extremely likely", scales.NPS, 9.0),
        ("9 \u2013 Extremely likely", scales.NPS, 9.0),
        ("0: not at all likely", scales.NPS, 0.0),
        ("9 (promoter)", scales.NPS, 9.0),
        ("4,5 stars", scales.HALF_STARS, 4.5),
        ("5 (Very satisfied)", scales.CSAT5, 5.0),
        ("5 - very SATISFIED", scales.CSAT5, 5.0),
        ("Very satisfied", scales.CSAT5, 5.0),
        ("5 stars", scales.STARS5, 5.0),
    ],
)
def test_numbers_labels_and_labelled_numbers_are_read(text, scale, point):
    assert scale.parse([text]).tolist() == [point]


@pytest.mark.parametrize("text", ["1,000", "1,000 - Extremely likely", "2,500"])
def test_a_comma_and_three_digits_is_ambiguous_and_refused(text):
    # "1,000" is one thousand (thousands separator) or 1.0 (decimal comma); was read as 1
    with pytest.raises(InvalidScoreError):
        Tally.from_scores([text], scale=scales.ACSI10)


def test_labelled_number_whose_label_disagrees_is_refused():
    with pytest.raises(InvalidScoreError):
        scales.CSAT5.encode(["5 (Very dissatisfied)"])
    with pytest.raises(InvalidScoreError):
        scales.CSAT5.encode(["5 stars"])


def test_every_invalid_position_is_named_across_chunks():
    n = satisfy._coding.CHUNK + 10
    values = ["Satisfied"] * n
    values[3] = "3/5"
    values[n - 2] = "9 10"
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(values, scale=scales.CSAT5)
    assert info.value.positions == [3, n - 2]
    assert info.value.values == ["3/5", "9 10"]


# -- values that are not answers ----------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        np.array([0, 9], dtype="datetime64[ns]"),  # was read as 0 and 9
        np.array([0, 9], dtype="timedelta64[ns]"),  # was read as 0 and 9
        np.array([0, 9], dtype="datetime64[D]"),
        np.array([0, 9], dtype="timedelta64[s]"),
        pd.Series(pd.to_timedelta([0, 9], unit="ns")),  # was read as 0 and 9
        pd.Series(pd.to_datetime([0, 9], unit="ns")),  # was read as 0 and 9
        pl.Series([dt.timedelta(0), dt.timedelta(microseconds=9)]),
        pa.array([0, 9], type=pa.duration("ns")),  # was read as 0 and 9
        pa.array([0, 9], type=pa.timestamp("ns")),  # was read as 0 and 9
        np.array([np.timedelta64(0, "ns"), np.timedelta64(9, "ns")], dtype=object),  # crashed
        [np.timedelta64(0, "ns"), np.timedelta64(9, "ns")],  # crashed
        [np.datetime64(0, "ns"), np.datetime64(9, "ns")],
        [dt.timedelta(0), dt.timedelta(seconds=9)],
        [dt.date(1970, 1, 1), dt.datetime(1970, 1, 1)],
        np.array([True, False]),
        [True, False],
        pd.Series([True, False], dtype="boolean"),
        np.array([0j, 9 + 0j]),
        [b"0", b"9"],
        np.array([b"0", b"9"]),
    ],
)
def test_values_that_are_not_answers_are_refused(values):
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(values, scale=scales.NPS)
    assert info.value.positions == [0, 1]


def test_nat_in_a_datetime_array_is_missing_and_the_rest_invalid():
    values = np.array(["NaT", 9], dtype="datetime64[ns]")
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(values, scale=scales.NPS)
    assert info.value.positions == [1]
    with pytest.raises(InvalidScoreError):
        Tally.from_scores(values, scale=scales.NPS, nan_policy="raise")


def test_booleans_next_to_equal_numbers_are_still_refused():
    # True == 1 and hash(True) == hash(1): the factorisation must not merge them
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores([1, True, 1.0, np.int64(1), np.True_, 0, False], scale=scales.NPS)
    assert info.value.positions == [1, 4, 6]
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores([np.timedelta64(9, "s"), 9, np.timedelta64(9, "s")], scale=scales.NPS)
    assert info.value.positions == [0, 2]


def test_exact_numbers_of_other_types():
    t = Tally.from_scores(
        [decimal.Decimal("9"), fractions.Fraction(10), decimal.Decimal("9.0")], scale="NPS"
    )
    assert t.counts[9] == 2 and t.counts[10] == 1
    assert scales.HALF_STARS.parse([fractions.Fraction(9, 2)]).tolist() == [4.5]
    assert Tally.from_scores([decimal.Decimal("NaN"), 9], scale="NPS").missing == 1
    for bad in (decimal.Decimal("9.0000000000000000001"), fractions.Fraction(10**20 + 1, 10**19)):
        with pytest.raises(InvalidScoreError):
            Tally.from_scores([bad], scale="NPS")  # rounds to a point as a float; is not one
    with pytest.raises(InvalidScoreError):
        Tally.from_scores([10**400], scale="NPS")


def test_unhashable_and_nested_values():
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(np.array([9, [9], {"a": 1}], dtype=object), scale="NPS")
    assert info.value.positions == [1, 2]
    with pytest.raises(SatisfyError):
        Tally.from_scores([[9, 10], [3, 4]], scale="NPS")


# -- missing is missing on every container ------------------------------------------------


def _containers():
    """(name, scores) with the answers 9, 10, 3 and one missing, in every container."""
    text = ["9", "10", "3", None]
    nums = [9, 10, 3, None]
    return [
        ("list", nums),
        ("list text", text),
        ("object array", np.array(text, dtype=object)),
        ("float array", np.array([9, 10, 3, np.nan])),
        ("masked int", np.ma.masked_array([9, 10, 3, 7], mask=[0, 0, 0, 1])),
        ("masked float", np.ma.masked_array([9.0, 10, 3, 7], mask=[0, 0, 0, 1])),
        ("masked text", np.ma.masked_array(["9", "10", "3", "7"], mask=[0, 0, 0, 1])),
        (
            "masked object",
            np.ma.masked_array(np.array(["9", 10, "3", "7"], dtype=object), [0, 0, 0, 1]),
        ),
        ("pandas object", pd.Series(text)),
        ("pandas category", pd.Series(text, dtype="category")),
        ("pandas int category", pd.Series(nums).astype("category")),
        ("pandas Categorical", pd.Categorical(text)),
        ("pandas CategoricalIndex", pd.CategoricalIndex(text)),
        ("pandas str Index", pd.Index(text, dtype="string")),
        ("pandas Int64", pd.Series(nums, dtype="Int64")),
        ("pandas Float64", pd.Series(nums, dtype="Float64")),
        ("pandas string", pd.Series(text, dtype="string")),
        ("pandas string[pyarrow]", pd.Series(text, dtype="string[pyarrow]")),
        ("pandas int64[pyarrow]", pd.Series(nums, dtype="int64[pyarrow]")),
        (
            "pandas arrow dictionary",
            pd.Series(
                pa.array(text).dictionary_encode(),
                dtype=pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string())),
            ),
        ),
        ("polars int", pl.Series(nums)),
        ("polars text", pl.Series(text)),
        ("polars categorical", pl.Series(text, dtype=pl.Categorical)),
        ("polars enum", pl.Series(text, dtype=pl.Enum(["3", "9", "10"]))),
        ("pyarrow int", pa.array(nums)),
        ("pyarrow int8", pa.array(nums, type=pa.int8())),
        ("pyarrow float", pa.array([9.0, 10.0, 3.0, None])),
        ("pyarrow text", pa.array(text)),
        ("pyarrow large text", pa.array(text, type=pa.large_string())),
        (
            "pyarrow decimal",
            pa.array([decimal.Decimal(9), decimal.Decimal(10), decimal.Decimal(3), None]),
        ),
        ("pyarrow dictionary", pa.array(text).dictionary_encode()),
        ("pyarrow chunked", pa.chunked_array([nums[:2], nums[2:]])),
        # ChunkedArray.to_numpy of a dictionary turns its nulls into a dictionary entry:
        # these two gave n = 4 (NPS 50) before
        ("pyarrow chunked dictionary", pa.chunked_array([pa.array(text).dictionary_encode()])),
        (
            "pyarrow chunked int dictionary",
            pa.chunked_array(
                [pa.array(nums[:2]).dictionary_encode(), pa.array(nums[2:]).dictionary_encode()]
            ),
        ),
    ]


@pytest.mark.parametrize(("name", "scores"), _containers(), ids=[c[0] for c in _containers()])
def test_missing_is_missing_on_every_container(name, scores):
    t = Tally.from_scores(scores, scale=scales.NPS)
    assert (t.n, t.missing) == (3, 1)
    assert t.counts[[3, 9, 10]].tolist() == [1, 1, 1]
    assert satisfy.nps(scores).value == pytest.approx(100 / 3)
    with pytest.raises(MissingScoreError) as info:
        Tally.from_scores(scores, scale=scales.NPS, nan_policy="raise")
    assert info.value.positions == [3]


def test_masked_entries_of_a_numeric_array_are_missing():
    # the data under the mask (0, a detractor) was counted
    scores = np.ma.masked_array([9, 10, 3, 0], mask=[0, 0, 0, 1])
    assert satisfy.nps(scores).value == pytest.approx(100 / 3)


# -- scale construction and decoding ------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Scale(1, 2, labels=[1, 2]), "label 0 must be text"),  # crashed (AttributeError)
        (lambda: Scale(1, 2, labels="ab"), "sequence of text"),  # was labels 'a', 'b'
        (lambda: Scale(1, 2, labels=5), "sequence of text"),
        (lambda: Scale("name", 1, 3), "low must be a number.*'name'"),  # a bare ValueError
        (lambda: Scale("1", "5"), "low must be a number"),
        (lambda: Scale(None, 5), "low must be a number"),  # a TypeError
        (lambda: Scale(True, 5), "low must be a number"),  # was 1-5
        (lambda: Scale(1, 5, "1"), "step must be a number"),
        (lambda: Scale(1, 5, name=3), "name must be text"),
        (lambda: Scale(1, 5, higher_is_better="no"), "higher_is_better must be True or False"),
        (lambda: Scale(1, 5, question=None), "question must be text"),
        (lambda: Scale(0, 1e300), "at most 1001 points, this one would have 1e\\+300"),
    ],
)
def test_ill_made_scales_raise_scale_error(make, match):
    with pytest.raises(ScaleError, match=match):
        make()


def test_options_of_scale_are_keyword_only():
    with pytest.raises(TypeError):
        Scale(1, 2, 1, ["a", "b"])  # type: ignore[misc]
    assert Scale(1, 5, higher_is_better=np.False_).higher_is_better is False


@pytest.mark.parametrize(
    "indices",
    [[np.nan], [1.5], ["1"], [True], [None], [11], [-2], np.array([2**64 - 1], dtype=np.uint64)],
)
def test_decode_refuses_what_is_not_an_index(indices):
    # NaN crashed, 1.5 gave the value of index 1, "1" and True were read as 1,
    # 2**64 - 1 wrapped round to -1 (missing)
    with pytest.raises(InvalidScoreError) as info:
        scales.NPS.decode(indices)
    assert info.value.positions == [0]


def test_decode_reads_whole_numbers_of_any_type():
    assert scales.HALF_STARS.decode([0, 9.0, np.int8(-1)]).tolist()[:2] == [0.5, 5.0]
    assert math.isnan(scales.HALF_STARS.decode([-1])[0])


def test_label_of_and_from_pomp_refuse_text():
    with pytest.raises(InvalidScoreError):
        scales.CSAT5.label_of("5")  # was read as 5
    with pytest.raises(InvalidScoreError):
        scales.CSAT5.label_of("x")  # was a bare ValueError
    with pytest.raises(InvalidScoreError):
        scales.CSAT5.label_of(True)
    with pytest.raises(InvalidScoreError) as info:
        scales.NPS.from_pomp([50, "a"])  # was a bare ValueError
    assert info.value.positions == [1]
    assert np.isnan(scales.NPS.from_pomp([None])[0])


def test_convert_takes_presets_names_and_refuses_other_things():
    assert convert([1, 5], "CSAT5", "NPS").tolist() == [0.0, 10.0]  # was AttributeError
    with pytest.raises(ScaleError, match="source"):
        convert([1], 5, scales.NPS)  # type: ignore[arg-type]


# -- invalid_policy ---------------------------------------------------------------------


def test_invalid_policy_omit_counts_invalid_answers_as_missing():
    scores = [9, 10, "9 10", 11, None, "n/a", 3, 6.5]
    with pytest.raises(InvalidScoreError):
        Tally.from_scores(scores, scale="NPS")
    t = Tally.from_scores(scores, scale="NPS", invalid_policy="omit")
    assert (t.n, t.missing) == (3, 5)
    assert t.counts[[3, 9, 10]].tolist() == [1, 1, 1]
    assert satisfy.nps(Tally.from_scores(scores, scale="NPS", invalid_policy="omit")).n == 3


@pytest.mark.parametrize(
    "scores",
    [
        np.array([9, 10, 3, 11, -1], dtype=np.int64),
        np.array([9, 10, 3, 11.0, 6.5]),
        np.array([9, 10, 3, np.inf, 0.5]),
        ["9", "10", "3", "0x9", "9abc"],
        pd.Series(["9", "10", "3", "x", None]),
    ],
)
def test_invalid_policy_omit_on_every_dtype(scores):
    t = Tally.from_scores(scores, scale="NPS", invalid_policy="omit")
    assert (t.n, t.missing) == (3, 2)
    assert t.counts[[3, 9, 10]].tolist() == [1, 1, 1]


def test_invalid_policy_omit_leaves_the_weights_of_omitted_answers_out():
    t = Tally.from_scores([9, 11, 3], scale="NPS", weights=[1.0, 50.0, 2.0], invalid_policy="omit")
    assert t.total_weight == 3.0 and t.missing == 1


def test_invalid_policy_omit_on_a_dtype_that_holds_no_answers():
    t = Tally.from_scores(
        np.array([0, 9, "NaT"], dtype="datetime64[ns]"), scale="NPS", invalid_policy="omit"
    )
    assert (t.n, t.missing) == (0, 3)


def test_invalid_policy_omit_with_nan_policy_raise():
    # answers left out as invalid are not missing answers: no MissingScoreError for them
    t = Tally.from_scores([9, "x"], scale="NPS", nan_policy="raise", invalid_policy="omit")
    assert (t.n, t.missing) == (1, 1)
    with pytest.raises(MissingScoreError) as info:
        Tally.from_scores([9, "x", None], scale="NPS", nan_policy="raise", invalid_policy="omit")
    assert info.value.positions == [2]


def test_invalid_policy_omit_across_chunks():
    n = satisfy._coding.CHUNK * 2 + 5
    scores = np.full(n, 9.0)
    scores[[1, satisfy._coding.CHUNK + 1, n - 1]] = [11.0, np.nan, 0.5]
    t = Tally.from_scores(scores, scale="NPS", invalid_policy="omit")
    assert (t.n, t.missing) == (n - 3, 3)


def test_grouped_invalid_policy_omit_counts_per_group():
    g = GroupedTally.from_scores(
        [9, "x", 3, 11, 10, None],
        by=["a", "a", "b", "b", "c", "c"],
        scale="NPS",
        invalid_policy="omit",
    )
    assert g.n.tolist() == [1, 1, 1]
    assert g.missing.tolist() == [1, 1, 1]
    with pytest.raises(InvalidScoreError) as info:
        GroupedTally.from_scores([9, "x", 3], by=["a", "a", "b"], scale="NPS")
    assert info.value.positions == [1]


def test_encode_and_responses_with_invalid_policy():
    assert scales.NPS.encode([9, "x"], invalid_policy="omit").tolist() == [9, -1]
    assert np.isnan(scales.NPS.parse(["x"], invalid_policy="omit")[0])
    b = Responses.from_arrays(
        [9, "x", 3], scale="NPS", segments={"s": ["a", "b", "b"]}, invalid_policy="omit"
    )
    assert b.codes.tolist() == [9, -2, 3]  # -2: left out as not on the scale
    assert b.tally(by="s")["b"].missing == 1
    assert b.tally(by="s")["b"].invalid == 1


@pytest.mark.parametrize("call", [Tally.from_scores, scales.NPS.encode])
def test_invalid_policy_must_be_a_known_choice(call):
    kwargs = {"scale": "NPS"} if call == Tally.from_scores else {}
    with pytest.raises(OptionError, match=r"invalid_policy='drop'.*'raise', 'omit'"):
        call([9], invalid_policy="drop", **kwargs)
    with pytest.raises(OptionError, match="invalid_policy"):
        GroupedTally.from_scores([9], by=["a"], scale="NPS", invalid_policy="ignore")


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.uint64, np.int64])
def test_invalid_policy_omit_on_integer_dtypes_keeps_the_valid_codes(dtype):
    scale = Scale(-5, 5)
    values = np.array([0, 5, 100, 1], dtype=dtype)
    t = Tally.from_scores(values, scale=scale, invalid_policy="omit")
    assert (t.n, t.missing) == (3, 1)
    assert t.counts[[5, 6, 10]].tolist() == [1, 1, 1]


def test_containers_that_are_not_sequences_of_answers():
    with pytest.raises(SatisfyError, match="one-dimensional"):
        Tally.from_scores(pd.DataFrame({"9": [1, 2]}), scale="NPS")  # not its column names
    with pytest.raises(InvalidScoreError):
        Tally.from_scores({"9": 1}, scale="NPS")
    assert Tally.from_scores(range(11), scale="NPS").n == 11
    assert Tally.from_scores((v for v in [9, None]), scale="NPS").missing == 1


def test_large_object_input_keeps_booleans_apart_from_numbers():
    # past 1000 answers an object chunk is factorised by pandas, which merges True with 1
    values = [1, 5, None, "Satisfied"] * 500
    values[7] = True
    values[1999] = np.True_
    for scores in (values, np.array(values, dtype=object), pd.Series(values, dtype=object)):
        with pytest.raises(InvalidScoreError) as info:
            Tally.from_scores(scores, scale="CSAT5")
        assert info.value.positions == [7, 1999]


@pytest.mark.parametrize("dtype", ["string", "string[pyarrow]", "category", object])
def test_pandas_text_columns_code_like_lists(dtype):
    rng = np.random.default_rng(5)
    pool = [*scales.CSAT5.labels, "5", " 4 ", None, "3 - Neither satisfied nor dissatisfied"]
    values = [pool[i] for i in rng.integers(0, len(pool), satisfy._coding.CHUNK + 7)]
    series = pd.Series(values, dtype=dtype)
    assert Tally.from_scores(series, scale="CSAT5") == Tally.from_scores(values, scale="CSAT5")
    values[3] = "9 10"
    values[-1] = "meh"
    series = pd.Series(values, dtype=dtype)
    with pytest.raises(InvalidScoreError) as info:
        Tally.from_scores(series, scale="CSAT5")
    assert info.value.positions == [3, len(values) - 1]
    assert info.value.values == ["9 10", "meh"]
    assert Tally.from_scores(series[::2], scale="CSAT5", invalid_policy="omit").n > 0
    t = Tally.from_scores(series, scale="CSAT5", invalid_policy="omit")
    assert t.missing == sum(v is None for v in values) + 2


@pytest.mark.parametrize("single", [5, 9.0, None])
def test_a_single_value_is_not_a_sequence_of_answers(single):
    # was a bare TypeError ("'int' object is not iterable") from every calculator
    with pytest.raises(satisfy.LengthMismatchError, match="not a single"):
        satisfy.nps(single)
    with pytest.raises(satisfy.LengthMismatchError, match="not a single"):
        satisfy.Tally.from_scores(single, scale="NPS")
