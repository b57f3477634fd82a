"""Net satisfaction: top box minus bottom box in points, added through the registry alone.

Reference values: the worked example of Rocks' R package NPS (counts 8 detractors, 15
passives, 13 promoters; the same trinomial as 8 dissatisfied, 15 neutral, 13 satisfied):
value 0.1389, Wald 95% -0.1064 to 0.3842, adjusted Wald 95% -0.1068 to 0.3632 and 90%
-0.0690 to 0.3254, score 95% -0.1120 to 0.3713 (Rocks, B. (2016). Interval estimation for
the "Net Promoter Score". The American Statistician 70(4), 365-372). The adjusted Wald
interval is also computed here with numpy from the paper's formula, and the paired
comparison from each customer's change in +100/0/-100 score with scipy's normal quantiles.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats

import satisfy
from satisfy.errors import OptionError

# 8 dissatisfied (1-2), 15 neutral (3), 13 satisfied (4-5) on CSAT5
ROCKS = [1] * 5 + [2] * 3 + [3] * 15 + [4] * 6 + [5] * 7


def _adjusted_wald(d: float, m: float, p: float, level: float) -> tuple[float, float]:
    """Rocks (2016): the Wald interval after adding 3/4, 3/2 and 3/4 pseudo-observations."""
    d, m, p = d + 0.75, m + 1.5, p + 0.75
    n = d + m + p
    pd_, pp = d / n, p / n
    net = pp - pd_
    z = stats.norm.ppf(0.5 + level / 2)
    half = z * np.sqrt((pp + pd_ - net**2) / n)
    return 100 * (net - half), 100 * (net + half)


def _p(comparison: satisfy.Comparison) -> float:
    """The p-value (``pvalue`` as scipy names it; ``p_value`` before issue 12's rename)."""
    return float(getattr(comparison, "pvalue", getattr(comparison, "p_value", np.nan)))


def test_value_counts_and_categories():
    e = satisfy.calculate(ROCKS, "net_satisfaction")
    assert e.value / 100 == pytest.approx(0.1389, abs=5e-5)
    assert e.counts == {"dissatisfied": 8, "neutral": 15, "satisfied": 13}
    assert e.metric == "net satisfaction" and e.unit == "points"
    assert e.definition.metric == "net_satisfaction"
    assert e.definition.coef == (-100.0, -100.0, 0.0, 100.0, 100.0)


@pytest.mark.parametrize(
    ("level", "method", "published"),
    [
        (0.95, "adjusted-wald", (-0.1068, 0.3632)),
        (0.90, "adjusted-wald", (-0.0690, 0.3254)),
        (0.95, "wald", (-0.1064, 0.3842)),
        (0.95, "score", (-0.1120, 0.3713)),
    ],
)
def test_intervals_are_the_trinomial_differences_of_rocks_2016(level, method, published):
    e = satisfy.calculate(ROCKS, "net_satisfaction")
    ci = e.confidence_interval(level, method=method)
    assert (ci.low / 100, ci.high / 100) == pytest.approx(published, abs=5e-5)
    if method == "adjusted-wald":
        assert (ci.low, ci.high) == pytest.approx(_adjusted_wald(8, 15, 13, level), abs=1e-9)


def test_default_interval_is_the_adjusted_wald():
    ci = satisfy.calculate(ROCKS, "net_satisfaction").confidence_interval()
    assert ci.method == "adjusted-wald"
    assert (ci.low, ci.high) == pytest.approx(_adjusted_wald(8, 15, 13, 0.95), abs=1e-9)


def test_boxes_and_direction():
    one = satisfy.calculate([1, 2, 4, 5, 5], "net_satisfaction", boxes=1)
    assert one.value == pytest.approx(20.0)  # 2 fives minus 1 one, of 5
    with pytest.raises(OptionError) as info:
        satisfy.calculate([5], "net_satisfaction", boxes=3)  # the ends would meet on 1-5
    assert info.value.name == "boxes"
    # CES5: low effort is good, so the satisfied end is 1-2
    effort = satisfy.calculate([1, 1, 2, 5, 3], "net_satisfaction", scale="CES5")
    assert effort.counts == {"dissatisfied": 1, "neutral": 1, "satisfied": 3}


def test_grouped_and_weighted():
    g = satisfy.calculate([5, 1, 4, 3, 2, 5], "net_satisfaction", by=list("aabbcc"))
    np.testing.assert_allclose(g.value, [0.0, 50.0, 0.0])
    w = satisfy.calculate([5, 1], "net_satisfaction", weights=[3, 1])
    assert w.value == pytest.approx(50.0)


def test_generic_spec_in_summarize_and_trend():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "sat": ROCKS,
            "seg": ["x", "y"] * 18,
            "when": pd.to_datetime(["2026-01-15", "2026-02-15"] * 18),
        }
    )
    spec = satisfy.Metric("sat", "net_satisfaction")
    out = satisfy.summarize(frame, spec)
    assert out["metric"].tolist() == ["net satisfaction(sat)"]
    assert out["value"][0] == pytest.approx(500 / 36)
    grouped = satisfy.summarize(frame, spec, by="seg")
    expected = satisfy.calculate(frame["sat"].to_numpy(), "net_satisfaction", by=frame["seg"])
    np.testing.assert_allclose(grouped["value"], expected.value)
    over_time = satisfy.trend(frame, spec, time="when", period="month")
    by_month = satisfy.calculate(
        frame["sat"].to_numpy(), "net_satisfaction", by=frame["when"].dt.month.to_numpy()
    )
    np.testing.assert_allclose(over_time["value"], by_month.value)


def test_cli():
    pytest.importorskip("click")
    from click.testing import CliRunner

    from satisfy import cli
    from satisfy.datasets import load_demo

    for spelling in ("net_satisfaction", "net-satisfaction"):
        result = CliRunner().invoke(
            cli.main,
            [
                "report", "--demo", "--metric", spelling, "--score", "csat", "--invalid", "omit",
                "--format", "json",
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        row = json.loads(result.output)["rows"][0]
        demo = load_demo()
        expected = satisfy.summarize(
            demo, satisfy.Metric("csat", "net_satisfaction"), invalid_policy="omit"
        )
        assert row["value"] == pytest.approx(expected["value"][0])


def test_planning():
    # worst case: half at each end, one answer's variance 1e4 as for NPS
    plan = satisfy.sample_size("net_satisfaction", margin=5)
    assert plan.n == int(np.ceil((stats.norm.ppf(0.975) * 100 / 5) ** 2))
    pilot = satisfy.calculate(ROCKS, "net_satisfaction")
    from_pilot = satisfy.sample_size("net_satisfaction", margin=5, expected=pilot)
    pp, pd_ = 13 / 36, 8 / 36
    var = (pp + pd_ - (pp - pd_) ** 2) * 1e4
    assert from_pilot.n == int(np.ceil(stats.norm.ppf(0.975) ** 2 * var / 25))


def test_paired_comparison_against_each_customers_change():
    before = [1, 3, 3, 4, 2, 5, 3, 1, 4, 3, 2, 5]
    after = [3, 4, 5, 4, 2, 5, 4, 3, 5, 3, 4, 4]
    c = satisfy.compare_paired(before, after, metric="net_satisfaction")
    assert c.method == "paired-wald"
    score = {1: -100, 2: -100, 3: 0, 4: 100, 5: 100}
    change = np.array([score[a] - score[b] for a, b in zip(after, before, strict=True)])
    diff = change.mean()
    se = change.std(ddof=0) / np.sqrt(change.size)
    z = stats.norm.ppf(0.975)
    assert c.difference == pytest.approx(diff)
    assert (c.low, c.high) == pytest.approx((diff - z * se, diff + z * se))
    assert _p(c) == pytest.approx(2 * stats.norm.sf(abs(diff / se)))


def test_two_sample_comparisons_are_the_net_scores():
    a = satisfy.calculate(ROCKS, "net_satisfaction")
    b = satisfy.calculate([5, 5, 4, 3, 1, 4, 5, 2, 4, 4], "net_satisfaction")
    c = satisfy.compare(b, a)
    assert c.method == "adjusted-wald"
    assert c.difference == pytest.approx(b.value - a.value)
    # the same trinomials on the 0-10 scale give NPS, whose comparison is the same
    as_nps = satisfy.compare(
        satisfy.nps(satisfy.Tally.from_counts([2] + [0] * 5 + [0, 1, 0, 0, 7], scale="NPS")),
        satisfy.nps(satisfy.Tally.from_counts([8] + [0] * 5 + [0, 15, 0, 0, 13], scale="NPS")),
    )
    assert (c.difference, c.low, c.high, _p(c)) == pytest.approx(
        (as_nps.difference, as_nps.low, as_nps.high, _p(as_nps))
    )
    assert repr(satisfy.compare_groups({"a": a, "b": b})).startswith(
        "GroupComparison(net satisfaction, 2 groups"
    )
