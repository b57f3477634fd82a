"""Every public class pickles: results, specs, scales, tallies and every error.

The classes are enumerated from ``satisfy.__all__`` and ``satisfy.errors.__all__``, not
listed by hand, so a new public class without a builder here fails
``test_every_public_class_has_a_builder``; each builder makes one or more instances (the
variants that store different things), and each goes through ``pickle`` and comes back
equal, field by field (arrays and NaN compared as values), with the same ``repr``.

Errors must also survive a process boundary: an error raised in a
``ProcessPoolExecutor`` worker reaches the parent as the same class with the same message
(an error that cannot be unpickled turns into ``BrokenProcessPool`` instead).
"""

from __future__ import annotations

import inspect
import math
import multiprocessing
import pickle
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs
import numpy as np
import pytest

import satisfy
from satisfy import _results, errors, scales


def _nps_pair() -> tuple[satisfy.Estimate, satisfy.Estimate]:
    a = satisfy.nps(satisfy.Tally.from_counts({0: 20, 7: 30, 9: 50}, scale="NPS"))
    b = satisfy.nps(satisfy.Tally.from_counts({0: 30, 7: 30, 9: 40}, scale="NPS"))
    return a, b


def _grouped() -> satisfy.GroupedTally:
    return satisfy.GroupedTally.from_scores(
        [9, 10, 3, 7, 8, 0, 10, 6, 9, 9, 2, 10],
        by=["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"],
        scale="NPS",
        weights=[1.0, 2.0, 1.5, 1.0, 0.5, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 3.0],
    )


def _comparisons() -> list[satisfy.Comparison]:
    a, b = _nps_pair()
    before = [9, 6, 7, 10, 3, 8, 9, 5]
    after = [10, 8, 9, 10, 6, 9, 9, 7]
    return [
        satisfy.compare(a, b),
        satisfy.compare(a, 15, alternative="greater"),
        satisfy.compare(a, b, method="bayes", rng=1, n_resamples=200),
        satisfy.compare(satisfy.ces([1, 2, 3, 5, 2]), satisfy.ces([3, 4, 2, 5, 7])),
        satisfy.compare_paired(before, after),
        satisfy.compare_paired(before, after, metric="csat", scale="NPS", boxes=2),
    ]


def _group_comparison() -> satisfy.GroupComparison:
    g = satisfy.GroupedTally.from_scores(
        [9, 10, 3, 7, 8, 0, 10, 6, 9, 9, 2, 10] * 3, by=list("aaaabbbbcccc") * 3, scale="NPS"
    )
    return satisfy.compare_groups(satisfy.nps(g))


ITEMS = {"quality": [10, 8, 6, 9, 7], "value": [7, 7, 5, 10, 6], "expect": [9, 6, 6, 8, 8]}

WEIGHTING_DATA = {"channel": ["phone", "phone", "email", "chat"], "tenure": [1.0, 4.0, 2.0, 3.0]}


def _weightings() -> list[satisfy.WeightingResult]:
    margins = {"channel": {"phone": 50, "email": 30, "chat": 20}}
    raked = satisfy.rake(WEIGHTING_DATA, margins, weights=[1.0, 2.0, 1.0, 1.0])
    return [
        raked,
        satisfy.poststratify(WEIGHTING_DATA, margins),
        satisfy.calibrate(WEIGHTING_DATA, {**margins, "tenure": 230.0}),
        satisfy.trim(raked, upper=30.0),
    ]


# One builder per public class; each returns the instances to round-trip.
BUILDERS: dict[str, Callable[[], list[Any]]] = {
    # weighting
    "WeightingResult": _weightings,
    "CalibratedEstimate": lambda: [_weightings()[0].estimate([9, 10, 3, 7])],
    "ResponseRates": lambda: [
        satisfy.response_rates(100, 20),
        satisfy.response_rates({"phone": 50, "email": 80}, {"phone": 10, "email": 4}),
    ],
    "NonresponseAdjustment": lambda: [
        satisfy.nonresponse_adjust(None, [True, False, True], ["a", "a", "b"])
    ],
    "CalibrationError": lambda: [satisfy.CalibrationError("margin 'channel': no 'fax'")],
    # scales, answers and tallies
    "Scale": lambda: [scales.NPS, scales.CSAT5, satisfy.Scale(1, 4, labels=["a", "b", "c", "d"])],
    "Response": lambda: [satisfy.Response("Satisfied", scale="CSAT5", weight=1.5)],
    "Responses": lambda: [
        satisfy.Responses.from_arrays(
            [10, 6, None, 9],
            scale="NPS",
            weights=[1.0, 2.0, 1.0, 0.5],
            segments={"team": ["a", "a", "b", "b"]},
            timestamps=["2026-01-01", "2026-01-02", "2026-02-01", "2026-02-03"],
        )
    ],
    "Tally": lambda: [
        satisfy.Tally.from_scores([9, 10, 3, None], scale="NPS"),
        satisfy.Tally.from_scores([5, 4, 1], scale="CSAT5", weights=[1.0, 2.5, 0.5]),
        satisfy.Tally.from_scores([9, 3, 10], scale="NPS", cluster=[1, 2, 2], fpc=[5] * 3),
    ],
    "GroupedTally": lambda: [
        _grouped(),
        satisfy.GroupedTally.from_scores(
            [9, 3, 10, 7], by=[1, 1, 2, 2], scale="NPS", cluster=[1, 2, 2, 3]
        ),
    ],
    # estimates and intervals
    "Estimate": lambda: [*_nps_pair(), satisfy.csat([5, 4, 1], weights=[1.0, 2.0, 1.0])],
    "GroupedEstimate": lambda: [satisfy.nps(_grouped())],
    "ConfidenceInterval": lambda: [_nps_pair()[0].confidence_interval()],
    # comparisons
    "Comparison": _comparisons,
    "ComparisonTable": lambda: [
        value
        for value in attrs.astuple(_group_comparison(), recurse=False)
        if isinstance(value, satisfy.ComparisonTable)
    ],
    "GroupComparison": lambda: [_group_comparison()],
    "PeriodChanges": lambda: [
        satisfy.period_changes(
            satisfy.nps(
                satisfy.GroupedTally.from_scores([9, 3, 10, 6], by=[1, 1, 2, 2], scale="NPS")
            )
        )
    ],
    # several questions
    "Reliability": lambda: [satisfy.cronbach_alpha(ITEMS, scale="ACSI10")],
    "CompositeIndex": lambda: [
        satisfy.index(ITEMS, scale="ACSI10"),
        satisfy.index(
            ITEMS, item_weights={"quality": 0.5, "value": 0.3, "expect": 0.2}, scale="ACSI10"
        ),
    ],
    "Gap": lambda: [satisfy.gap([5, 6, 4, 7], [4, 6, 5, 5], scale="LIKERT7", dimension="speed")],
    "GapTable": lambda: [
        satisfy.gaps(
            {"speed": ([5, 6, 4], [4, 6, 5]), "price": ([3, 4, 2], [5, 5, 2])}, scale="LIKERT7"
        )
    ],
    "DriverTable": lambda: [
        satisfy.drivers(
            [9, 7, 10, 3, 8, 6],
            {"speed": [6, 5, 7, 2, 5, 4], "price": [4, 5, 6, 4, 3, 5]},
        )
    ],
    "SampleSize": lambda: [satisfy.sample_size("csat", margin=5, expected=70)],
    # frame specs
    "MetricSpec": lambda: [satisfy.NPS("ltr")],
    "NPS": lambda: [satisfy.NPS("ltr", detractors=(0, 5), promoters=(9, 10))],
    "CSAT": lambda: [satisfy.CSAT("sat", boxes=1)],
    "TopBox": lambda: [satisfy.TopBox("stars", scale="STARS5", boxes=1)],
    "BottomBox": lambda: [satisfy.BottomBox("sat", boxes=2)],
    "Metric": lambda: [
        satisfy.Metric("sat", "top_box", boxes=2),
        satisfy.Metric("ltr", "nps", detractors=(0, 5)),
    ],
    # the metric registry
    "MetricEntry": lambda: list(satisfy.METRICS.values()),
    "MetricOption": lambda: [o for e in satisfy.METRICS.values() for o in e.options],
    "Threshold": lambda: [satisfy.Threshold("sat", threshold=4)],
    "CES": lambda: [satisfy.CES("effort")],
    "Mean": lambda: [satisfy.Mean("rating", scale="ACSI10", name="quality")],
    "POMP": lambda: [satisfy.POMP("effort", scale="CES5")],
    "ExpectationGap": lambda: [satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7")],
    "ExpectationsMet": lambda: [satisfy.ExpectationsMet("seen", "wanted", scale="LIKERT7")],
    "Index": lambda: [satisfy.Index(["q", "v"], scale="ACSI10", item_weights={"q": 1.0, "v": 2.0})],
    "Drivers": lambda: [satisfy.Drivers("ltr", ["speed", "price"], scale="LIKERT7")],
    # errors, built as the library builds them
    "SatisfyError": lambda: [satisfy.SatisfyError("period= needs time=")],
    "OptionError": lambda: [satisfy.OptionError("method", "exact", ("wald", "score"))],
    "MethodError": lambda: [satisfy.MethodError("method='bootstrap' needs whole counts")],
    "DependencyError": lambda: [satisfy.DependencyError("a result's frame needs polars")],
    "DesignError": lambda: [satisfy.DesignError("stratum 'x' has only one cluster (PSU)")],
    "ScaleError": lambda: [satisfy.ScaleError("step must be 1 or 0.5, got 2.0")],
    "EmptyDataError": lambda: [satisfy.EmptyDataError("NPS of no answers is undefined")],
    "ColumnError": lambda: [satisfy.ColumnError("no segment 'channel'; segments: none")],
    "ReadError": lambda: [satisfy.ReadError("no file 'answers.csv'")],
    "Dialect": lambda: [satisfy.Dialect(), satisfy.Dialect(separator=";", decimal=",")],
    "ColumnInfo": lambda: [
        satisfy.ColumnInfo("ltr", question="How likely...?", scale=satisfy.scales.NPS),
        satisfy.ColumnInfo("sat", labels={1: "Poor", 2: "Good"}, non_answers=(99,)),
    ],
    "Survey": lambda: [
        satisfy.Survey(
            frame={"ltr": [9, 10]},
            columns={"ltr": satisfy.ColumnInfo("ltr", scale=satisfy.scales.NPS)},
            source="csv",
            path="answers.csv",
            dialect=satisfy.Dialect(),
        )
    ],
    "LengthMismatchError": lambda: [satisfy.LengthMismatchError("weights has 1 entries")],
    "InvalidScoreError": lambda: [
        satisfy.InvalidScoreError([1, 4], [11, "meh"], where="NPS (0-10)", detail="0 to 10"),
        satisfy.InvalidScoreError(column="ltr", count=3, where="NPS (0-10)"),
    ],
    "MissingScoreError": lambda: [
        satisfy.MissingScoreError([1], [None], detail='nan_policy="raise" was asked'),
        satisfy.MissingScoreError(column="ltr", count=2),
    ],
    "WeightError": lambda: [
        satisfy.WeightError([1], [-2.0], detail="a weight must be finite and non-negative"),
        satisfy.WeightError(message="the weights of the answers sum to zero"),
    ],
}


def _public_classes() -> list[str]:
    names = {n for n in satisfy.__all__ if inspect.isclass(getattr(satisfy, n))}
    names |= {n for n in errors.__all__ if inspect.isclass(getattr(errors, n))}
    return sorted(names)


def _same(a: Any, b: Any, path: str = "value") -> None:
    """Assert that ``a`` and ``b`` hold the same data (recursively; arrays by value and
    writeable flag, NaN equal to NaN, functions by identity)."""
    assert type(a) is type(b), f"{path}: {type(a)} != {type(b)}"
    if isinstance(a, BaseException):
        assert a.args == b.args, f"{path}: args {a.args} != {b.args}"
        assert str(a) == str(b)
        _same(vars(a), vars(b), f"{path}.__dict__")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, f"{path}: {a.dtype}{a.shape}"
        equal_nan = a.dtype.kind in "fc"
        assert np.array_equal(a, b, equal_nan=equal_nan), f"{path}: {a} != {b}"
        # a read-only array of a frozen result comes back read-only
        assert a.flags.writeable == b.flags.writeable, f"{path}: writeable changed"
    elif attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            _same(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif isinstance(a, Mapping):
        assert list(a) == list(b), f"{path}: keys {list(a)} != {list(b)}"
        for key in a:
            _same(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), f"{path}: {b} is not NaN"
    elif callable(a) and not isinstance(a, type):
        assert a is b, f"{path}: {a!r} is not {b!r}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def test_every_public_class_has_a_builder():
    missing = [name for name in _public_classes() if name not in BUILDERS]
    assert missing == [], f"add a builder to BUILDERS for {missing}"
    stale = [name for name in BUILDERS if name not in _public_classes()]
    assert stale == []


@pytest.mark.parametrize("name", _public_classes())
def test_public_class_round_trips_through_pickle(name):
    cls = getattr(satisfy, name, None) or getattr(errors, name)
    instances = BUILDERS[name]()
    assert instances, name
    for obj in instances:
        assert isinstance(obj, cls)
        for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
            again = pickle.loads(pickle.dumps(obj, protocol=protocol))
            _same(obj, again, name)
            assert repr(again) == repr(obj)
            assert str(again) == str(obj)
            if getattr(obj, "design", None) is not None:  # plain data would drop it
                assert again.design is not None
                for attr in ("sums", "cross", "psus", "population", "present", "nonzero"):
                    _same(getattr(obj.design, attr), getattr(again.design, attr), attr)
            elif hasattr(obj, "to_dict"):
                _same(obj.to_dict(), again.to_dict(), f"{name}.to_dict()")
            if hasattr(obj, "to_records"):
                _same(obj.to_records(), again.to_records(), f"{name}.to_records()")


def test_unpickled_comparison_still_recomputes_at_another_level():
    for c in _comparisons():
        again = pickle.loads(pickle.dumps(c))
        _same(c.confidence_interval(0.9), again.confidence_interval(0.9), "interval at 90%")


# Errors raised by real calls inside a worker process. Each entry is a picklable callable
# (a public function or a bound method) and its arguments.
_EST = satisfy.csat([5, 1], weights=[1.0, 2.0])
RAISERS: dict[str, tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = {
    "SatisfyError": (satisfy.compare, (_EST, 500.0), {}),
    "CalibrationError": (satisfy.rake, ({"g": ["a", "b"]}, {"g": {"a": 1.0}}), {}),
    "OptionError": (satisfy.adjust_pvalues, ([0.1, 0.2],), {"adjust": "nope"}),
    "MethodError": (_EST.confidence_interval, (), {"method": "bootstrap"}),
    "DependencyError": (_results.import_optional, ("satisfy_has_no_such_extra",), {}),
    "DesignError": (satisfy.nps, ([9, 10, 3],), {"cluster": [1, 1, 2], "strata": [1, 1, 2]}),
    "ScaleError": (satisfy.Scale, (1, 5), {"step": 2}),
    "ReadError": (satisfy.read, ("satisfy-no-such-file.csv",), {}),
    "EmptyDataError": (satisfy.nps, ([None, ""],), {}),
    "ColumnError": (
        satisfy.Responses.from_arrays([9], scale="NPS").tally,
        (),
        {"by": "channel"},
    ),
    "LengthMismatchError": (satisfy.nps, ([9, 10],), {"weights": [1.0]}),
    "InvalidScoreError": (satisfy.nps, ([9, 11, "x"],), {}),
    "MissingScoreError": (satisfy.nps, ([9, None],), {"nan_policy": "raise"}),
    "WeightError": (satisfy.nps, ([9, 10],), {"weights": [1.0, -2.0]}),
}


def test_every_error_class_has_a_raiser():
    public = sorted(n for n in errors.__all__ if inspect.isclass(getattr(errors, n)))
    assert sorted(RAISERS) == public


def test_errors_raised_in_a_worker_process_reach_the_parent_intact():
    # spawn: a fresh interpreter, as on macOS and Windows (and safe with threads)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        futures = {
            name: pool.submit(fn, *args, **kwargs) for name, (fn, args, kwargs) in RAISERS.items()
        }
        for name, future in futures.items():
            fn, args, kwargs = RAISERS[name]
            with pytest.raises(getattr(errors, name)) as here:
                fn(*args, **kwargs)
            error = future.exception(timeout=120)
            assert type(error) is type(here.value), f"{name}: got {error!r}"
            assert str(error) == str(here.value)
            _same(vars(here.value), vars(error), name)
