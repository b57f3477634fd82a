"""Edges of summarize and trend, the same on every engine: names that clash with the
output, empty frames, and arguments that are refused before the engine runs."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import narwhals as nw
import pytest

import satisfy
from satisfy import frames as frames_module

DATA = {
    "ltr": [9, 10, 3, 7, None, 8],
    "sat": [5, 4, 2, 4, 5, None],
    "seen": [5, 6, 4, 7, 3, 6],
    "wanted": [4, 6, 5, 5, 4, 6],
    "g": ["a", "a", "b", "b", "c", "c"],
    "w": [1.0, 2.0, 1.0, 0.5, 1.0, 1.0],
    "label": ["x", "y", "x", "y", "x", "y"],
    "when": [dt.datetime(2026, 1, 5) + dt.timedelta(days=20 * i) for i in range(6)],
}

OUTPUT = [
    "metric",
    "value",
    "low",
    "high",
    "n",
    "n_eff",
    "missing",
    "invalid",
    "non_answers",
    "low_base",
]
TREND = ["period", "metric", "value", "low", "high", "n", "n_eff", "invalid", "non_answers"]
TREND += ["low_base", "change"]
TREND += ["change_low", "change_high", "pvalue", "pvalue_adjusted", "significant"]

SPECS = [
    satisfy.NPS("ltr"),
    satisfy.CSAT("sat"),
    satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7"),
    satisfy.Index(["seen", "wanted"], scale="LIKERT7"),
    satisfy.Drivers("ltr", ["seen", "wanted"]),
]


def wrap(native):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Dask support is moving")
        return nw.from_native(native)


def pandas_of(native):
    return wrap(native).to_pandas()


def empty(frame):
    """The same frame (and column types) with no rows."""
    return wrap(frame).filter(nw.col("seen") > 100).to_native()


# 1. segment columns named like output columns ------------------------------------------


def test_by_names_the_output_writes_are_refused(constructor):
    # on main a segment column "metric" (or "n", ...) was overwritten by the output's own
    # column: every segment looked the same
    reserved = [*OUTPUT, *TREND, "__satisfy_n", "__satisfy_gap__", "__satisfy_year"]
    data = dict(DATA, **dict.fromkeys(dict.fromkeys(reserved), DATA["g"]))
    frame = constructor(data)
    for name in dict.fromkeys(reserved):
        for spec in (SPECS[0], SPECS[2], SPECS[3], SPECS[4]):
            with pytest.raises(satisfy.ColumnError, match=f"'{name}'") as info:
                satisfy.summarize(frame, spec, by=["g", name])
            assert "reserved" in str(info.value)
        with pytest.raises(satisfy.ColumnError, match=f"'{name}'"):
            satisfy.trend(frame, SPECS[0], time="when", by=name)
    # the message lists what is reserved
    with pytest.raises(satisfy.ColumnError, match="metric, value, low, high, n, n_eff"):
        satisfy.summarize(frame, SPECS[0], by="value")


def test_a_segment_named_period_is_refused_with_periods(constructor):
    # on main tally_frame silently dropped the segment column "period" for the periods
    data = dict(DATA, period=DATA["g"])
    with pytest.raises(satisfy.ColumnError, match="'period'"):
        satisfy.tally_frame(
            constructor(data), "ltr", scale="NPS", by="period", period="month", time="when"
        )
    # on main eager engines grouped the answers by themselves, lazy ones raised DuplicateError
    with pytest.raises(satisfy.ColumnError, match="'ltr' is also a scored column"):
        satisfy.tally_frame(constructor(data), "ltr", scale="NPS", by=["g", "ltr"])


def test_reserved_names_are_the_output_columns():
    assert set(frames_module.RESERVED_COLUMNS) == {*OUTPUT, *TREND, "set_aside", "design_effect"}


def test_other_columns_may_have_output_names(constructor):
    # only segment columns clash; a scored column named "value" is fine
    data = {"value": [9, 10, 3], "n": ["a", "a", "b"], "g": ["x", "y", "x"]}
    out = pandas_of(satisfy.summarize(constructor(data), satisfy.NPS("value"), by="g"))
    assert out["metric"].tolist() == ["NPS(value)"] * 2
    assert out["n"].tolist() == [2, 1]


# 2. empty frames and segments without answers -------------------------------------------


def test_an_empty_frame_gives_the_one_documented_shape(constructor):
    # on main: eager engines raised LengthMismatchError, lazy ones gave a row; with by=
    # every engine returned a frame without columns
    frame = empty(constructor(DATA))
    out = pandas_of(satisfy.summarize(frame, SPECS))
    labels = [
        "NPS(ltr)",
        "CSAT(sat)",
        "Gap(seen - wanted)",
        "Index(seen, wanted)",
        "alpha(Index(seen, wanted))",
        "r(seen, ltr)",
        "weight(seen, ltr)",
        "r(wanted, ltr)",
        "weight(wanted, ltr)",
    ]
    assert out["metric"].tolist() == labels
    assert list(out.columns) == OUTPUT
    assert out["n"].tolist() == [0] * len(labels)
    assert out[["value", "low", "high"]].isna().all().all()
    by = pandas_of(satisfy.summarize(frame, [SPECS[0], SPECS[3]], by=["g", "label"], min_n=3))
    assert list(by.columns) == ["g", "label", *OUTPUT]
    assert len(by) == 0
    periods = pandas_of(satisfy.summarize(frame, SPECS[0], by="g", period="month", time="when"))
    assert list(periods.columns) == ["g", "period", *OUTPUT]
    assert len(periods) == 0


def test_an_empty_frame_keeps_its_column_types(constructor):
    frame = empty(constructor(DATA))
    out = wrap(satisfy.summarize(frame, SPECS[0], by="g"))
    schema = out.collect_schema()
    assert schema["g"] in (nw.String, nw.Object)
    assert schema["value"] == nw.Float64
    assert schema["n"] == nw.Int64
    assert schema["low_base"] == nw.Boolean


def test_trend_of_an_empty_frame_or_of_no_times_has_no_rows(constructor):
    # on main: IndexError (or an engine error about the time column's type)
    frame = empty(constructor(DATA))
    no_times = wrap(constructor(DATA)).with_columns(nw.lit(None, nw.Datetime()).alias("when"))
    options = [{}, {"weights": "w"}, {"window": 3, "period": "week"}, {"min_n": 2}]
    answers = int(pandas_of(satisfy.summarize(constructor(DATA), SPECS[0]))["n"].sum())
    for source in (frame, no_times.to_native()):
        for by in (None, "g", ["g", "label"]):
            for option in options:
                out = pandas_of(satisfy.trend(source, SPECS[0], time="when", by=by, **option))
                keys = [] if by is None else [by] if isinstance(by, str) else by
                assert list(out.columns) == [*keys, *TREND]
                if source is frame:
                    assert len(out) == 0
                else:  # no answer has a time: all are in the period None, none dropped
                    assert out["period"].isna().all()
                    assert int(out["n"].sum()) == answers


def test_trend_of_a_column_of_nothing(build_on):
    # pandas types a column of None as text, polars as Null: no times, so no periods
    for engine in ("pandas", "polars", "polars-lazy", "duckdb"):
        frame = build_on(engine, {"ltr": [9, 3], "when": [None, None]})
        out = pandas_of(satisfy.trend(frame, SPECS[0], time="when"))
        assert list(out.columns) == TREND
        assert out["n"].tolist() == [2]  # both answers, in the period None
        assert out["period"].isna().all()


def test_segments_without_answers_keep_their_row(constructor):
    data = dict(DATA, ltr=[9, 10, None, None, None, 8])
    out = pandas_of(satisfy.summarize(constructor(data), SPECS[0], by="g"))
    rows = out.set_index("g")
    assert rows.loc["b", "n"] == 0
    assert rows.loc["b", "missing"] == 2
    assert math.isnan(rows.loc["b", "value"])
    assert rows.loc["c", "n"] == 1


# 3. errors that name what and where ------------------------------------------------------


def test_arguments_are_refused_with_a_satisfy_error(constructor):
    frame = constructor(DATA)
    nps = SPECS[0]
    cases = [
        ({"by": 5}, satisfy.ColumnError, "by must be a column name"),
        ({"by": ["g", 5]}, satisfy.ColumnError, r"by must be .* it holds 5 \(int\)"),
        ({"by": ["g", "g"]}, satisfy.ColumnError, "'g' twice"),
        ({"by": "ltr"}, satisfy.ColumnError, "'ltr' is also a scored column"),
        ({"weights": ["w"]}, satisfy.ColumnError, "weights must be one column name"),
        ({"weights": "label"}, satisfy.WeightError, "column 'label' holds String"),
        ({"time": 3, "period": "month"}, satisfy.ColumnError, "time must be one column name"),
        ({"time": "label", "period": "month"}, satisfy.ColumnError, "'label' holds text that"),
        ({"min_n": -1}, satisfy.SatisfyError, "min_n must be a whole number"),
        ({"min_n": 2.5}, satisfy.SatisfyError, "min_n must be a whole number"),
        ({"min_n": True}, satisfy.SatisfyError, "min_n must be a whole number"),
        ({"confidence_level": 1.5}, satisfy.SatisfyError, "confidence_level"),
        ({"method": "exact"}, satisfy.OptionError, r"NPS\(ltr\): method='exact'.*'wald'"),
    ]
    for options, error, message in cases:
        with pytest.raises(error, match=message):
            satisfy.summarize(frame, nps, **options)
        options = {"time": "when", **options}
        options.pop("period", None)
        with pytest.raises(error, match=message):
            satisfy.trend(frame, nps, **options)
    with pytest.raises(satisfy.OptionError, match=r"CSAT\(sat\): method='adjusted-wald'"):
        satisfy.summarize(frame, [nps, SPECS[1]], method="adjusted-wald")
    with pytest.raises(satisfy.SatisfyError, match="labelled 'NPS\\(ltr\\)'"):
        satisfy.summarize(frame, [nps, satisfy.NPS("ltr", promoters=(8, 10))])
    with pytest.raises(satisfy.SatisfyError, match="labelled 'x'"):
        satisfy.summarize(frame, [nps, satisfy.CSAT("sat", name="x"), satisfy.CES("sat", name="x")])
    with pytest.raises(satisfy.SatisfyError, match="window must be a whole number"):
        satisfy.trend(frame, nps, time="when", window=1.5)
    with pytest.raises(satisfy.SatisfyError, match="metric spec"):
        satisfy.summarize(frame, "ltr")
    with pytest.raises(satisfy.SatisfyError, match=r"specs\[1\]"):
        satisfy.summarize(frame, [nps, "sat"])
    with pytest.raises(satisfy.SatisfyError, match="metric spec"):
        satisfy.trend(frame, SPECS[3], time="when")


def test_confidence_level_is_checked_for_every_spec(constructor):
    # on main the moment-based specs took any level (a level of 2 gave NaN intervals)
    frame = constructor(DATA)
    for spec in SPECS[3:]:
        with pytest.raises(satisfy.SatisfyError, match="confidence_level"):
            satisfy.summarize(frame, spec, confidence_level=2)


def test_not_a_dataframe_is_refused_on_every_path():
    for spec in SPECS:
        with pytest.raises(satisfy.SatisfyError, match="not a dataframe"):
            satisfy.summarize({"ltr": [9]}, spec)
    with pytest.raises(satisfy.SatisfyError, match="not a dataframe"):
        satisfy.trend([[9]], SPECS[0], time="when")
    with pytest.raises(satisfy.SatisfyError, match="not a dataframe"):
        satisfy.tally_frame("ltr", "ltr", scale="NPS")


def _duplicated(engine, build_on):
    """A frame whose columns "ltr" and "g" appear twice, where the engine allows it."""
    if engine in ("pandas", "dask"):
        import pandas as pd

        frame = pd.DataFrame([[9, "a", 3, "b"], [3, "b", 9, "a"]], columns=["ltr", "g"] * 2)
        if engine == "dask":
            import dask.dataframe as dd

            return dd.from_pandas(frame, npartitions=1)
        return frame
    if engine == "pyarrow":
        import pyarrow as pa

        arrays = [pa.array([9, 3]), pa.array(["a", "b"]), pa.array([3, 9]), pa.array(["b", "a"])]
        return pa.Table.from_arrays(arrays, names=["ltr", "g", "ltr", "g"])
    if engine == "duckdb":
        import duckdb

        return duckdb.sql("select 9 as ltr, 'a' as g, 3 as ltr, 'b' as g")
    if engine == "pyspark":
        data = {"a": [9], "b": ["a"], "c": [3], "d": ["b"]}
        return build_on("pyspark", data).toDF("ltr", "g", "ltr", "g")
    pytest.skip("polars frames cannot have duplicate column names")


def test_duplicate_column_names_are_refused(engine, build_on):
    # on main: narwhals' DuplicateError (not a SatisfyError), and DuckDB silently used the
    # first "ltr"
    frame = _duplicated(engine, build_on)
    with pytest.raises(satisfy.ColumnError, match=r"duplicate column names: 'ltr' \(2 times\)"):
        satisfy.summarize(frame, SPECS[0], by="g")
    with pytest.raises(satisfy.ColumnError, match="duplicate column names"):
        satisfy.tally_frame(frame, "ltr", scale="NPS")


@pytest.mark.parametrize("kind", ["pandas", "dask"])
def test_integer_column_labels_are_refused(kind):
    # decision: column names are strings (every engine but pandas requires it); on main a
    # pandas frame with labels 0, 1 failed with TypeError deep inside
    import pandas as pd

    frame = pd.DataFrame([[9, "a"], [3, "b"]])
    if kind == "dask":
        dd = pytest.importorskip("dask.dataframe")

        frame = dd.from_pandas(frame, npartitions=1)
    with pytest.raises(satisfy.ColumnError, match=r"0 \(int\), 1 \(int\).*astype\(str\)"):
        satisfy.summarize(frame, satisfy.NPS("0"), by="1")


def test_specs_name_columns_with_strings():
    with pytest.raises(satisfy.ColumnError, match=r"NPS column must be a column name.*0 \(int\)"):
        satisfy.NPS(0)
    with pytest.raises(satisfy.ColumnError, match="expected must be a column name"):
        satisfy.ExpectationGap("seen", None, scale="LIKERT7")
    with pytest.raises(satisfy.ColumnError, match="item names and columns must be strings"):
        satisfy.Index([0, 1], scale="LIKERT7")
    with pytest.raises(satisfy.ColumnError, match="'seen' is given for two items"):
        satisfy.Index(["seen", "seen"], scale="LIKERT7")
    with pytest.raises(satisfy.ColumnError, match="'ltr' is also an item"):
        satisfy.Drivers("ltr", ["ltr", "seen"])


# 5. the long-table reader ------------------------------------------------------------------


def test_long_tables_with_clashing_column_names_are_refused():
    # on main the column 1 was silently replaced by the column "1" (and a pandas frame with
    # duplicate names raised narwhals' DuplicateError)
    import pandas as pd

    with pytest.raises(satisfy.ColumnError, match="two columns named '1'"):
        satisfy.GroupedTally.from_long(
            {1: ["a"], "1": ["b"], "point": [9], "count": [2]}, scale="NPS"
        )
    frame = pd.DataFrame([["a", 9, 2, "b"]], columns=["team", "point", "count", "team"])
    with pytest.raises(satisfy.ColumnError, match="duplicate column names"):
        satisfy.GroupedTally.from_long(frame, scale="NPS")
    duckdb = pytest.importorskip("duckdb")
    relation = duckdb.sql("select 'a' as team, 9 as point, 2 as count, 'b' as team")
    with pytest.raises(satisfy.ColumnError, match="two columns named 'team'"):
        satisfy.GroupedTally.from_long(relation, scale="NPS")


# 7. categorical keys with missing values -------------------------------------------------


def _categorical_keys(kind):
    """ltr by a categorical key with a null: each kind of categorical column of an engine."""
    pa = pytest.importorskip("pyarrow")
    ltr = [9, 10, 3, 7, 8, 0, 10]
    seg = ["a", None, "a", "b", None, "b", "a"]
    table = pa.table({"ltr": ltr, "seg": pa.array(seg, pa.string()).dictionary_encode()})
    if kind == "pyarrow dictionary":
        return table
    if kind == "pyarrow dictionary of numbers":
        codes = {"a": 10, "b": 20, None: None}
        numbers = pa.array([codes[s] for s in seg], pa.int64()).dictionary_encode()
        return pa.table({"ltr": ltr, "seg": numbers})
    if kind == "duckdb from dictionary":
        duckdb = pytest.importorskip("duckdb")
        return duckdb.from_arrow(table)
    if kind.startswith("polars"):
        pl = pytest.importorskip("polars")
        dtype = pl.Enum(["b", "a", "never"]) if "Enum" in kind else pl.Categorical
        frame = pl.DataFrame({"ltr": ltr, "seg": pl.Series(seg, dtype=dtype)})
        return frame.lazy() if "lazy" in kind else frame
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"ltr": ltr, "seg": pd.Categorical(seg, categories=["b", "a", "never"])})
    if kind == "dask categorical":
        dd = pytest.importorskip("dask.dataframe")
        return dd.from_pandas(frame, npartitions=2)
    return frame


@pytest.mark.parametrize(
    "kind",
    [
        "pyarrow dictionary",
        "pyarrow dictionary of numbers",
        "duckdb from dictionary",
        "polars Categorical",
        "polars Enum",
        "polars Enum lazy",
        "pandas categorical",
        "dask categorical",
    ],
)
def test_missing_categorical_keys_keep_their_own_group(kind):
    # on main a pyarrow dictionary key's null became a real entry of its dictionary when
    # the aggregate came back to numpy: the rows of the missing key were counted in
    # another key's group (n = 4 for 'b' instead of 2, and no missing-key row), no error
    frame = _categorical_keys(kind)
    want = {10: 3, 20: 2, None: 2} if "numbers" in kind else {"a": 3, "b": 2, None: 2}
    out = pandas_of(satisfy.summarize(frame, satisfy.NPS("ltr"), by="seg"))
    got = {
        (key if key in want else None): n for key, n in zip(out["seg"].tolist(), out["n"].tolist())
    }
    assert got == want
    tallied = satisfy.tally_frame(frame, "ltr", scale="NPS", by="seg")
    assert dict(zip(tallied.groups, tallied.n.tolist())) == want
