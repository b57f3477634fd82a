"""The demo data: reproducible byte for byte, and with the relationships it promises."""

import hashlib

import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy.datasets import DEMO_PATH, _generate, load_demo


def test_the_script_regenerates_the_shipped_file_identically():
    shipped = hashlib.sha256(DEMO_PATH.read_bytes()).hexdigest()
    assert hashlib.sha256(_generate.payload()).hexdigest() == shipped
    assert DEMO_PATH.stat().st_size < 1_000_000


def test_shape_and_columns():
    demo = load_demo()
    assert demo.shape == (20_000, 18)
    assert demo["date"].min() == pd.Timestamp("2024-11-01")
    assert demo["date"].max() <= pd.Timestamp("2026-10-31")
    arrays = load_demo(as_frame=False)
    assert np.isnan(arrays["ltr"]).sum() == demo["ltr"].isna().sum() > 0


def test_relationships_are_plausible():
    demo = load_demo()
    resolved = satisfy.nps(demo["ltr"], by=demo["resolved"])
    assert resolved["yes"].value - resolved["no"].value > 30
    slow = demo["hours_to_first_response"] > demo["hours_to_first_response"].median()
    by_speed = satisfy.csat(demo["csat"].where(~demo["csat"].isin(["meh", "6", "4.5"])), by=slow)
    assert by_speed[False].value > by_speed[True].value
    channels = satisfy.nps(demo["ltr"], by=demo["channel"])
    assert channels["in person"].value > channels["chat"].value > channels["email"].value


def test_a_trend_report_finds_the_email_change():
    demo = load_demo()
    email = demo[demo["channel"] == "email"]
    out = satisfy.trend(email, satisfy.NPS("ltr"), time="date", period="month")
    first_significant = out[out["significant"] & (out["change"] > 0)]["period"].min()
    assert pd.Timestamp(first_significant) == pd.Timestamp("2025-09-01")


def test_malformed_answers_show_the_error_path():
    demo = load_demo()
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.csat(demo["csat"])
    assert len(info.value.positions) == 12
    assert set(info.value.values) == {"6", "meh", "4.5"}
