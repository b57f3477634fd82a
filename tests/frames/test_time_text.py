"""Time columns of text (ISO 8601 and day-month-year dates) are parsed inside every engine;
an unparseable or ambiguous column is one error naming the column and the value."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import pandas as pd
import pytest

import satisfy

LTR = [9, 10, 3, 7, 9, 2]
#: The same six moments (the last missing), written as each format writes them.
WRITTEN = {
    "iso date": ["2026-01-05", "2026-01-20", "2026-02-02", "2026-02-10", " 2026-03-03 ", None],
    "iso time": [
        "2026-01-05T10:00:00",
        "2026-01-20T10:00:00.250",
        "2026-02-02T00:00:00",
        "2026-02-10T12:00:00",
        "2026-03-03T23:59:59",
        "",
    ],
    "iso space minutes": [
        "2026-01-05 10:00",
        "2026-01-20 10:00",
        "2026-02-02 00:00",
        "2026-02-10 12:00",
        "2026-03-03 23:59",
        None,
    ],
    "dotted": ["05.01.2026", "20.01.2026", "2.2.2026", "10.02.2026", "03.03.2026", None],
    "slashed with time": [
        "05/01/2026 10:00",
        "20/01/2026 10:00",
        "02/02/2026 10:00",
        "10/02/2026 10:00:30",
        "03/03/2026 23:59",
        None,
    ],
    "dashed": ["05-01-2026", "20-01-2026", "02-02-2026", "10-02-2026", "03-03-2026", None],
    "month first": ["01/05/2026", "01/20/2026", "02/02/2026", "02/10/2026", "03/03/2026", None],
}
MONTHS = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]


def periods(out) -> list[dt.date]:
    values = nw.from_native(out).to_pandas()["period"].tolist()
    return [v.date() if isinstance(v, dt.datetime) else v for v in values]


def expected_trend() -> pd.DataFrame:
    when = pd.to_datetime(["2026-01-05", "2026-01-20", "2026-02-02", "2026-02-10", "2026-03-03"])
    frame = pd.DataFrame({"ltr": LTR[:5], "when": when})
    return satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")


@pytest.mark.parametrize("written", list(WRITTEN))
def test_trend_reads_date_strings_on_every_engine(constructor, written):
    frame = constructor({"ltr": LTR, "when": WRITTEN[written]})
    if written == "slashed with time":  # minutes on four rows, seconds on one: not one format
        with pytest.raises(satisfy.ColumnError, match="10/02/2026 10:00:30"):
            satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
        return
    out = satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    want = expected_trend()
    got = nw.from_native(out).to_pandas()
    assert periods(out)[:3] == MONTHS
    assert pd.isna(got["period"].iloc[3])  # the answer without a time: the period None
    assert got["n"].tolist() == [2, 2, 1, 1]
    assert want["n"].tolist() == [2, 2, 1]
    assert got["value"].tolist()[:3] == pytest.approx(want["value"].tolist())


def test_summarize_and_tally_frame_read_date_strings(constructor):
    frame = constructor({"ltr": LTR, "when": WRITTEN["dotted"]})
    out = nw.from_native(
        satisfy.summarize(frame, satisfy.NPS("ltr"), time="when", period="quarter")
    ).to_pandas()
    assert out["n"].tolist() == [5, 1]  # the answer without a time is in no quarter
    assert pd.isna(out["period"].iloc[1])
    g = satisfy.tally_frame(frame, "ltr", scale="NPS", time="when", period="month")
    assert [key for key in g.groups if key is not None] == MONTHS


def test_offsets_are_converted_to_the_time_zone(constructor):
    # 23:30 at -02:00 on 31 January is 01:30 UTC on 1 February
    when = [
        "2026-01-05T10:00:00+01:00",
        "2026-01-20T10:00:00Z",
        "2026-01-31T23:30:00-02:00",
        "2026-02-10T12:00:00+0100",
        "2026-03-03T23:59:59Z",
        None,
    ]
    frame = constructor({"ltr": LTR, "when": when})
    out = satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    assert nw.from_native(out).to_pandas()["n"].tolist() == [2, 2, 1, 1]  # and undated
    local = satisfy.trend(
        frame, satisfy.NPS("ltr"), time="when", period="month", time_zone="America/Sao_Paulo"
    )  # -03:00: 22:30 on 31 January
    assert nw.from_native(local).to_pandas()["n"].tolist() == [3, 1, 1, 1]


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (["2026-01-05", "2026-02-30", "2026-03-01"], "'2026-02-30'"),  # not a day
        (["2026-01-05", "yesterday", "2026-03-01"], "'yesterday'"),
        (["2026-01-05", "2026-01-05T10:00:00", "2026-03-01"], "'2026-01-05T10:00:00'"),
        (["29.02.2026", "01.03.2026", "15.03.2026"], "'29.02.2026'"),  # 2026 is no leap year
        (["13.13.2026", "01.03.2026", "15.03.2026"], "'13.13.2026'"),
    ],
)
def test_an_unparseable_value_is_an_error_naming_column_and_value(constructor, when, shown):
    frame = constructor({"ltr": [9, 10, 3], "when": when})
    with pytest.raises(satisfy.ColumnError) as info:
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    assert "time column 'when'" in str(info.value)
    assert shown in str(info.value)


def test_a_column_of_no_date_format_says_which_are_read(constructor):
    frame = constructor({"ltr": [9, 10], "when": ["March 1st", "March 2nd"]})
    with pytest.raises(satisfy.ColumnError, match=r"'March 1st'.*ISO 8601.*time_format="):
        satisfy.summarize(frame, satisfy.NPS("ltr"), time="when", period="month")


def test_day_and_month_that_cannot_be_told_apart_ask_for_time_format(constructor):
    frame = constructor({"ltr": [9, 10, 3], "when": ["01/02/2026", "03/04/2026", "05/06/2026"]})
    with pytest.raises(satisfy.ColumnError) as info:
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    message = str(info.value)
    assert "time_format='%d/%m/%Y'" in message
    assert "time_format='%m/%d/%Y'" in message
    assert "'01/02/2026'" in message
    day_first = satisfy.trend(
        frame, satisfy.NPS("ltr"), time="when", period="month", time_format="%d/%m/%Y"
    )
    assert periods(day_first) == [dt.date(2026, m, 1) for m in (2, 3, 4, 5, 6)]
    month_first = satisfy.trend(
        frame, satisfy.NPS("ltr"), time="when", period="month", time_format="%m/%d/%Y"
    )
    assert periods(month_first) == [dt.date(2026, m, 1) for m in (1, 2, 3, 4, 5)]


def test_dotted_dates_that_could_be_either_way_are_day_first(constructor):
    frame = constructor({"ltr": [9, 10], "when": ["01.02.2026", "03.04.2026"]})
    out = satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    assert periods(out) == [dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


def test_time_format_is_checked():
    frame = pd.DataFrame({"ltr": [9], "when": ["2026-01-01"]})
    for bad in ("%Y-%m", "%d/%m/%Y %I", 5):
        with pytest.raises(satisfy.OptionError, match="time_format"):
            satisfy.trend(frame, satisfy.NPS("ltr"), time="when", time_format=bad)
    with pytest.raises(satisfy.ColumnError, match="'2026-01-01'"):
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", time_format="%d.%m.%Y")
    with pytest.raises(satisfy.SatisfyError, match="give time= too"):
        satisfy.summarize(frame, satisfy.NPS("ltr"), time_format="%d.%m.%Y")
    with pytest.raises(satisfy.SatisfyError, match="give time= too"):
        satisfy.tally_frame(frame, "ltr", scale="NPS", time_format="%d.%m.%Y")


def test_a_text_column_of_only_missing_times_gives_no_periods(constructor):
    frame = constructor({"ltr": [9, 10], "when": ["", None]})
    out = nw.from_native(
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    ).to_pandas()
    assert out["n"].tolist() == [2]  # both answers, in the period None
    assert out["period"].isna().all()
