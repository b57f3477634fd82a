"""One test, every engine: the ``constructor`` fixture builds the same data in each.

An engine whose library is missing or cannot start here (PySpark needs Java) is skipped
with the reason; CI installs them all (the ``test`` extra), so a skip there is a finding.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import narwhals as nw
import pytest

Constructor = Callable[[dict[str, list[Any]]], Any]


def _pandas(data):
    import pandas as pd

    return pd.DataFrame(data)


def _polars(data):
    import polars as pl

    return pl.DataFrame(data, strict=False)


def _polars_lazy(data):
    import polars as pl

    return pl.LazyFrame(data, strict=False)


def _pyarrow(data):
    import pyarrow as pa

    return pa.table(data)


def _duckdb(data):
    import duckdb
    import pyarrow as pa

    table = pa.table(data)
    return duckdb.from_arrow(table)


def _dask(data):
    import dask
    import dask.dataframe as dd
    import pandas as pd

    dask.config.set(scheduler="synchronous")
    return dd.from_pandas(pd.DataFrame(data), npartitions=3)


_SPARK: Any = None


def _spark_session() -> Any:
    global _SPARK
    if _SPARK is None:
        from pyspark.sql import SparkSession

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        _SPARK = (
            SparkSession.builder.master("local[1]")
            .appName("satisfy-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


def _pyspark(data):
    names = list(data)
    rows = list(zip(*(data[name] for name in names)))
    return _spark_session().createDataFrame(rows, schema=names)


ENGINES: dict[str, tuple[str, Callable[[dict[str, list[Any]]], Any]]] = {
    "pandas": ("pandas", _pandas),
    "polars": ("polars", _polars),
    "polars-lazy": ("polars", _polars_lazy),
    "pyarrow": ("pyarrow", _pyarrow),
    "duckdb": ("duckdb", _duckdb),
    "dask": ("dask.dataframe", _dask),
    "pyspark": ("pyspark", _pyspark),
}


def available(engine: str) -> str:
    """Why an engine cannot run here, or "" when it can."""
    module, _ = ENGINES[engine]
    try:
        importlib.import_module(module)
    except ImportError as exc:
        return f"{engine} is not installed: {exc}"
    if engine == "pyspark":
        if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
            return "PySpark needs Java, and none is on this machine"
        try:
            _spark_session()
        except Exception as exc:  # pragma: no cover - depends on the machine
            return f"PySpark could not start a local session: {exc}"
    return ""


@pytest.fixture(params=list(ENGINES), scope="session")
def constructor(request: pytest.FixtureRequest) -> Constructor:
    reason = available(request.param)
    if reason:
        pytest.skip(reason)
    return ENGINES[request.param][1]


@pytest.fixture(params=list(ENGINES), scope="session")
def engine(request: pytest.FixtureRequest) -> str:
    """The name of each engine that can run here (for tests that build frames their own way)."""
    reason = available(request.param)
    if reason:
        pytest.skip(reason)
    return str(request.param)


@pytest.fixture
def require() -> Callable[[str], None]:
    """Skip the test, with the reason, when the named engine cannot run here."""

    def check(engine: str) -> None:
        reason = available(engine)
        if reason:
            pytest.skip(reason)

    return check


@pytest.fixture(scope="session")
def spark() -> Any:
    """The one local SparkSession of the test run (skipped where PySpark cannot start)."""
    reason = available("pyspark")
    if reason:
        pytest.skip(reason)
    return _spark_session()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SPARK is not None:
        _SPARK.stop()


@pytest.fixture
def build_on() -> Callable[[str, dict[str, list[Any]]], Any]:
    """Build data on one named engine, skipping (with the reason) when it cannot run."""

    def build(engine: str, data: dict[str, list[Any]]) -> Any:
        reason = available(engine)
        if reason:
            pytest.skip(reason)
        return ENGINES[engine][1](data)

    return build


@pytest.fixture
def collected(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Row counts of every lazy result the engine hands back, observed at narwhals' public
    ``LazyFrame.collect`` (the one door from a lazy engine's plan to rows), not at any
    private function of satisfy."""
    rows: list[int] = []
    original = nw.LazyFrame.collect

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = original(self, *args, **kwargs)
        rows.append(len(out))
        return out

    monkeypatch.setattr(nw.LazyFrame, "collect", counting)
    return rows
