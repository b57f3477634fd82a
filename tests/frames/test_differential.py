"""Differential test: adversarial frames through the array API and through summarize.

The reference is the array API (``GroupedTally.from_scores`` and the spec's calculator) on
the same columns as plain Python values. Every engine's ``summarize`` must give the same
rows (keys, value, low, high, n, n_eff, missing, to 1e-9), or raise the same
``SatisfyError`` subclass as the reference. Each frame is built once as a pyarrow table and
handed to every engine in its own types (dictionary columns become pandas categoricals and
polars Categoricals; pandas can also get its nullable dtypes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import satisfy
from satisfy import GroupedTally

pa = pytest.importorskip("pyarrow")

TOL = 1e-9
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
ENGINES = ["pandas", "polars", "polars-lazy", "pyarrow", "duckdb", "dask", "pyspark"]


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    columns: dict[str, Any]  # name -> pyarrow array (or list)
    specs: tuple[Any, ...] = (satisfy.NPS("ltr"),)
    by: tuple[str, ...] = ()
    weights: str | None = None
    period: str | None = None
    time: str | None = None
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    pandas_types: dict[str, str] = dataclasses.field(default_factory=dict)
    error: type[satisfy.SatisfyError] | None = None  # where the arrays have no say

    def table(self) -> Any:
        return pa.table(self.columns)


def _berlin(*stamps: str) -> Any:
    """Timestamps written in UTC, stored as Europe/Berlin (across the 2026-03-29 DST change)."""
    values = [dt.datetime.fromisoformat(s).replace(tzinfo=dt.timezone.utc) for s in stamps]
    return pa.array(values, pa.timestamp("us", tz="UTC")).cast(
        pa.timestamp("us", tz="Europe/Berlin")
    )


def _dictionary(values: list[Any]) -> Any:
    return pa.array(values, pa.string()).dictionary_encode()


LTR = [9, 10, None, 3, 7, 8, 0, 10, 6, None, 9, 5]
SEG = ["a", "b", "a", None, "b", "a", None, "c", "c", "a", "b", "c"]
CSAT_TEXT = ["5", "Very satisfied", "4", None, "Dissatisfied", "2", "", "3", "5", "1", "4", "5"]

CASES = [
    Case("nulls in scores", {"ltr": LTR}),
    Case("nulls in keys", {"ltr": LTR, "seg": SEG}, by=("seg",)),
    Case(
        "two keys, one all-missing segment",
        {
            "ltr": [None, None, 9, 3, 7, 10, None, 8, 2, 6, 9, 10],
            "seg": ["z", "z", *SEG[2:]],
            "team": ["x", "y"] * 6,
        },
        by=("seg", "team"),
    ),
    Case(
        "dictionary keys and scores",
        {"ltr": _dictionary([None if v is None else str(v) for v in LTR]), "seg": _dictionary(SEG)},
        by=("seg",),
    ),
    Case(
        "categories without rows",
        {
            "ltr": LTR,
            "seg": pa.DictionaryArray.from_arrays(
                pa.array([0, 1, 0, None, 1, 0, None, 2, 2, 0, 1, 2], pa.int32()),
                pa.array(["a", "b", "c", "never used"]),
            ),
        },
        by=("seg",),
    ),
    Case(
        "labels as text answers",
        {"sat": _dictionary(CSAT_TEXT), "seg": SEG},
        specs=(satisfy.CSAT("sat"), satisfy.Threshold("sat", threshold=3), satisfy.Mean("sat")),
        by=("seg",),
    ),
    Case(
        "pandas nullable dtypes",
        {"ltr": pa.array(LTR, pa.int64()), "seg": SEG, "w": [1.5, 2.0] * 6},
        by=("seg",),
        weights="w",
        pandas_types={"ltr": "Int64", "seg": "string", "w": "Float64"},
    ),
    Case(
        "weights",
        {"ltr": LTR, "seg": SEG, "w": [0.5, 2.0, 1.0, 3.0, 0.25, 1.0] * 2},
        by=("seg",),
        weights="w",
        specs=(satisfy.NPS("ltr"), satisfy.Threshold("ltr", threshold=9, scale="NPS")),
    ),
    Case(
        "zero weights",
        {"ltr": LTR, "seg": SEG, "w": [0.0, 1.0] * 6},
        by=("seg",),
        weights="w",
    ),
    Case(
        "tiny weights 1e-162",
        {"ltr": LTR, "w": [1e-162] * 12},
        weights="w",
        error=satisfy.WeightError,  # decision 2: nonzero weights lie in [1e-100, 1e100]
    ),
    Case(
        "huge weights 1e300",
        {"ltr": LTR, "w": [1e300] * 12},
        weights="w",
        error=satisfy.WeightError,
    ),
    Case(
        "infinite weight",
        {"ltr": LTR, "w": [1.0] * 11 + [math.inf]},
        weights="w",
    ),
    Case(
        "time zone across DST",
        {
            "ltr": [9, 10, 3, 7, 8, 0],
            "when": _berlin(
                "2026-03-28T22:30:00",
                "2026-03-28T23:30:00",
                "2026-03-29T00:30:00",
                "2026-03-29T21:30:00",
                "2026-03-29T22:30:00",
                "2026-03-30T12:00:00",
            ),
        },
        period="day",
        time="when",
    ),
    Case("empty frame", {"ltr": pa.array([], pa.int64())}),
    Case(
        "empty frame with segments",
        {"ltr": pa.array([], pa.int64()), "seg": pa.array([], pa.string())},
        by=("seg",),
    ),
    Case(
        "segment named like an output column",
        {"ltr": LTR, "n": SEG},
        by=("n",),
        error=satisfy.ColumnError,
    ),
    Case("invalid answers", {"ltr": [9, 11, 3, 12, None, 10], "seg": SEG[:6]}, by=("seg",)),
    Case(
        "invalid answers omitted",
        {"ltr": [9, 11, 3, 12, None, 10], "seg": SEG[:6]},
        by=("seg",),
        options={"invalid_policy": "omit"},
    ),
]


# the reference -----------------------------------------------------------------------------


def _key(value: Any) -> Any:
    """Group keys as plain comparable values: None for every kind of missing, dates."""
    if value is None or value is getattr(__import__("pandas"), "NA", None):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.datetime):
        return value.date()
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return value


def _period(stamp: Any, period: str) -> Any:
    if stamp is None:
        return None
    if stamp.tzinfo is not None:  # decision 3: aware times are taken in UTC by default
        stamp = stamp.astimezone(dt.timezone.utc)
    assert period == "day"
    return stamp.date()


def reference(case: Case) -> list[dict[str, Any]] | type[satisfy.SatisfyError]:
    if case.error is not None:
        return case.error
    columns = case.table().to_pydict()
    rows: list[dict[str, Any]] = []
    try:
        for spec in case.specs:
            scores = np.array(columns[spec.column], dtype=object)
            keys = {name: np.array(columns[name], dtype=object) for name in case.by}
            if case.period is not None:
                stamps = [_period(t, case.period) for t in columns[case.time]]
                keys["period"] = np.array(stamps, dtype=object)
            weights = None
            if case.weights is not None:
                weights = np.array(columns[case.weights], dtype=np.float64)
            by: Any = keys or np.zeros(scores.shape[0], np.intp)
            tally = GroupedTally.from_scores(
                scores, by=by, scale=spec.scale, weights=weights, **case.options
            )
            groups = list(tally.groups)
            if not keys and not groups:  # decision 4: no answers at all, one row with n = 0
                k = spec.scale.n_points
                zeros = np.zeros((1, k))
                tally = GroupedTally(spec.scale, [()], zeros.astype(np.int64), zeros, zeros, [0])
                groups = [()]
            estimate = spec.estimate(tally)
            ci = estimate.confidence_interval()
            for i, group in enumerate(groups):
                parts = group if isinstance(group, tuple) else (group,)
                row = dict(zip(keys, map(_key, parts)))
                row.update(
                    metric=spec.label,
                    value=float(estimate.value[i]),
                    low=float(ci.low[i]),
                    high=float(ci.high[i]),
                    n=int(tally.n[i]),
                    n_eff=float(tally.n_eff[i]),
                    missing=int(tally.missing[i]),
                )
                rows.append(row)
    except satisfy.SatisfyError as exc:
        return type(exc)
    return rows


# the engines -------------------------------------------------------------------------------


def _spark_type(arrow: Any) -> Any:
    from pyspark.sql import types as T

    if pa.types.is_dictionary(arrow):
        arrow = arrow.value_type
    if pa.types.is_integer(arrow):
        return T.LongType()
    if pa.types.is_floating(arrow):
        return T.DoubleType()
    if pa.types.is_timestamp(arrow):
        return T.TimestampType()
    if pa.types.is_boolean(arrow):
        return T.BooleanType()
    return T.StringType()


def build(engine: str, case: Case, spark: Callable[[], Any]) -> Any:
    table = case.table()
    if engine == "pyarrow":
        return table
    if engine in ("polars", "polars-lazy"):
        import polars as pl

        frame = pl.from_arrow(table)
        return frame.lazy() if engine == "polars-lazy" else frame
    if engine == "duckdb":
        import duckdb

        return duckdb.from_arrow(table)
    if engine in ("pandas", "dask"):
        frame = table.to_pandas()
        if case.pandas_types:
            frame = frame.astype(case.pandas_types)
        if engine == "dask":
            import dask.dataframe as dd

            return dd.from_pandas(frame, npartitions=2)
        return frame
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField(f.name, _spark_type(f.type)) for f in table.schema])
    rows = [tuple(row.values()) for row in table.to_pylist()]
    return spark().createDataFrame(rows, schema=schema)


def _rows(native: Any, case: Case) -> list[dict[str, Any]]:
    import narwhals as nw

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Dask support is moving")
        frame = nw.from_native(native).to_pandas()
    keys = [*case.by] + (["period"] if case.period else [])
    assert list(frame.columns) == [*keys, *OUTPUT]  # decision 4: the columns, even with no rows
    out = []
    for record in frame.to_dict("records"):
        row = {name: _key(record[name]) for name in keys}
        row.update({name: record[name] for name in ("metric", "value", "low", "high")})
        row.update(n=int(record["n"]), n_eff=float(record["n_eff"]))
        row.update(missing=int(record["missing"]))
        out.append(row)
    return out


def _order(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return (row["metric"], *((row[k] is None, str(row[k])) for k in keys))

    return sorted(rows, key=key)


def _params() -> list[Any]:
    return [
        pytest.param(case, engine, id=f"{case.name}-{engine}")
        for case in CASES
        for engine in ENGINES
    ]


_REFERENCE: dict[str, Any] = {}


@pytest.mark.parametrize(("case", "engine"), _params())
def test_summarize_equals_the_array_api(case, engine, require, request):
    require(engine)
    if case.name not in _REFERENCE:
        _REFERENCE[case.name] = reference(case)
    want = _REFERENCE[case.name]
    frame = build(engine, case, lambda: request.getfixturevalue("spark"))
    options = dict(case.options)
    if case.by:
        options["by"] = list(case.by)
    call = dict(weights=case.weights, period=case.period, time=case.time, **options)
    if isinstance(want, type):
        with pytest.raises(want):
            satisfy.summarize(frame, list(case.specs), **call)
        return
    got = _rows(satisfy.summarize(frame, list(case.specs), **call), case)
    keys = [*case.by] + (["period"] if case.period else [])
    got, want = _order(got, keys), _order(want, keys)
    assert [[r[k] for k in ["metric", *keys]] for r in got] == [
        [r[k] for k in ["metric", *keys]] for r in want
    ]
    for name in ("n", "missing"):
        assert [r[name] for r in got] == [r[name] for r in want], name
    for name in ("value", "low", "high", "n_eff"):
        np.testing.assert_allclose(
            [r[name] for r in got],
            [r[name] for r in want],
            rtol=TOL,
            atol=TOL,
            err_msg=name,
        )
