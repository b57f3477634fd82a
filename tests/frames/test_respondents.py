"""Repeat respondents (``respondent=``): each respondent's latest answer, found inside every
engine, with the answers set aside counted in ``set_aside``."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfy
from satisfy.frames import RESERVED_COLUMNS

DATA = {
    "id": ["a", "a", "b", "c", "c", "c", None, None],
    "ltr": [3, 10, 9, 0, 5, 8, 10, 2],
    "ch": ["x", "y", "x", "x", "y", "x", "y", "y"],
    "when": [
        "2026-01-05",
        "2026-02-01",
        "2026-01-10",
        "2026-01-01",
        "2026-03-01",
        "2026-02-01",
        "2026-01-01",
        None,
    ],
}


def as_pandas(native):
    return nw.from_native(native).to_pandas()


def test_summarize_keeps_each_respondents_latest_answer(constructor):
    out = as_pandas(
        satisfy.summarize(
            constructor(DATA), satisfy.NPS("ltr"), by="ch", time="when", respondent="id"
        )
    )
    # a keeps 10 (y, February), b 9 (x), c 5 (y, March); rows without an id are kept
    assert out["ch"].tolist() == ["x", "y"]
    assert out["n"].tolist() == [1, 4]
    assert out["value"].tolist() == pytest.approx([100.0, 0.0])
    assert out["set_aside"].tolist() == [3, 0]  # a's 3, c's 0 and 8 were in segment x
    assert list(out.columns)[-1] == "set_aside"


def test_summarize_equals_the_deduplicated_rows(constructor):
    kept = pd.DataFrame(
        {"ltr": [10, 9, 5, 10, 2], "ch": ["y", "x", "y", "y", "y"]}
    )  # by hand, from DATA
    want = satisfy.summarize(kept, [satisfy.NPS("ltr"), satisfy.TopBox("ltr", scale="NPS")])
    got = as_pandas(
        satisfy.summarize(
            constructor(DATA),
            [satisfy.NPS("ltr"), satisfy.TopBox("ltr", scale="NPS")],
            time="when",
            respondent="id",
        )
    )
    pd.testing.assert_frame_equal(got.drop(columns="set_aside"), want, check_dtype=False)
    assert got["set_aside"].tolist() == [3, 3]


def test_trend_keeps_latest_answers_and_reports_each_periods_set_aside(constructor):
    out = as_pandas(
        satisfy.trend(
            constructor(DATA), satisfy.NPS("ltr"), time="when", period="month", respondent="id"
        )
    )
    assert out["n"].tolist() == [2, 1, 1, 1]  # the last: the answer without a time
    assert out["set_aside"].tolist() == [2, 1, 0, 0]


@pytest.mark.parametrize(
    "when",
    [
        ["2026-01-05", "2026-01-05", "2026-01-10", "2026-01-01", "2026-03-01", "2026-02-01"],
        [None, None, "2026-01-10", "2026-01-01", "2026-03-01", "2026-02-01"],
    ],
)
def test_a_tie_at_the_latest_time_is_refused_naming_the_respondent(constructor, when):
    data = {key: values[:6] for key, values in DATA.items()}
    data["when"] = when
    with pytest.raises(satisfy.SatisfyError, match="respondent 'a' \\(column 'id'\\)"):
        satisfy.summarize(constructor(data), satisfy.NPS("ltr"), time="when", respondent="id")


def test_respondent_needs_time_and_a_column_of_its_own():
    frame = pd.DataFrame(DATA)
    with pytest.raises(satisfy.SatisfyError, match="needs time="):
        satisfy.summarize(frame, satisfy.NPS("ltr"), respondent="id")
    with pytest.raises(satisfy.ColumnError, match="no column 'who'"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), time="when", respondent="who")
    with pytest.raises(satisfy.ColumnError, match="respondent column 'ch'"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), by="ch", time="when", respondent="ch")
    with pytest.raises(satisfy.SatisfyError, match="do not go together"):
        satisfy.summarize(
            frame.assign(f=1), satisfy.NPS("ltr"), time="when", respondent="id", frequencies="f"
        )
    assert "set_aside" in RESERVED_COLUMNS


def test_invalid_answers_of_kept_rows_are_listed_without_positions():
    frame = pd.DataFrame({"id": ["a", "a", "b"], "ltr": [99, 9, 12], "when": [1, 2, 3]})
    frame["when"] = pd.to_datetime(frame["when"], unit="D")
    with pytest.raises(satisfy.InvalidScoreError, match="12") as info:
        satisfy.summarize(frame, satisfy.NPS("ltr"), time="when", respondent="id")
    assert "99" not in str(info.value)  # a's first answer was set aside, not refused


@st.composite
def answer_logs(draw):
    n = draw(st.integers(1, 28))
    return {
        "id": draw(
            st.lists(st.one_of(st.none(), st.sampled_from("pqrstu")), min_size=n, max_size=n)
        ),
        "ltr": draw(st.lists(st.integers(0, 10), min_size=n, max_size=n)),
        "day": draw(st.lists(st.integers(1, 28), min_size=n, max_size=n, unique=True)),
    }


@settings(max_examples=40, deadline=None)
@given(answer_logs())
def test_latest_answers_equal_a_pandas_deduplication(log):
    frame = pd.DataFrame(log)
    frame["when"] = [dt.datetime(2026, 2, d) for d in log["day"]]
    out = satisfy.summarize(frame, satisfy.NPS("ltr"), time="when", respondent="id")
    named = frame[frame["id"].notna()]
    latest = named.sort_values("when").groupby("id").tail(1)
    kept = pd.concat([latest, frame[frame["id"].isna()]])
    want = satisfy.nps(kept["ltr"].to_numpy())
    assert out["n"].item() == want.n
    assert out["set_aside"].item() == len(frame) - len(kept)
    if want.n:
        assert out["value"].item() == pytest.approx(want.value)
        ci = want.confidence_interval()
        assert (out["low"].item(), out["high"].item()) == pytest.approx((ci.low, ci.high))
    assert np.isfinite(out["n_eff"].item())
