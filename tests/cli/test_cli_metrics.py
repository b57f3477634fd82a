"""The command's --metric choices come from the metric registry (issue 12 item 1)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("click")

from click.testing import CliRunner

import satisfy
from satisfy import cli
from satisfy.datasets import load_demo


def _rows(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli.main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["rows"]  # type: ignore[no-any-return]


def test_every_registered_metric_and_the_old_spellings_are_choices():
    for name in satisfy.METRICS:
        assert name in cli.METRICS
        assert name.replace("_", "-") in cli.METRICS
    for old in ("threshold", "mean", "pomp", "top-box", "share"):
        assert old in cli.METRICS


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--metric", "top-box", "--boxes", "2"), satisfy.TopBox("csat", boxes=2)),
        (("--metric", "top_box", "--top", "2"), satisfy.TopBox("csat", boxes=2)),
        (("--metric", "csat"), satisfy.CSAT("csat")),
        (("--metric", "bottom-box"), satisfy.BottomBox("csat")),
        (("--metric", "threshold", "--threshold", "4"), satisfy.Threshold("csat", threshold=4)),
        (("--metric", "pomp"), satisfy.POMP("csat")),
        (("--metric", "mean"), satisfy.Mean("csat")),
    ],
)
def test_report_takes_registry_names_and_aliases(args, expected):
    rows = _rows("report", "--demo", "--score", "csat", "--invalid", "omit", *args)
    out = satisfy.summarize(load_demo(), expected, invalid_policy="omit")
    assert rows[0]["value"] == pytest.approx(out["value"][0])


def test_boxes_on_a_metric_without_boxes_is_refused():
    result = CliRunner().invoke(
        cli.main, ["report", "--demo", "--score", "ltr", "--metric", "nps", "--boxes", "2"]
    )
    assert result.exit_code == 2
    assert "--boxes does not apply to --metric nps" in result.output


def test_plan_takes_registry_names():
    rows = _rows("plan", "--metric", "top_box", "--margin", "5", "--expected", "30")
    assert rows[0]["n"] == satisfy.sample_size("top_box", margin=5, expected=30).n
