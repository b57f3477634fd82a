"""Building weights: errors for margins that do not fit the data, convergence reports,
dataframes, trimming and the non-response adjustment (satisfy.weighting)."""

from __future__ import annotations

import numpy as np
import pytest

import satisfy
from satisfy import CalibrationError, ColumnError, OptionError, SatisfyError, WeightError

DATA = {
    "channel": ["phone", "phone", "email", "email", "chat", "chat", "phone", "email"],
    "region": ["north", "south", "north", "south", "north", "south", "north", "north"],
    "tenure": [1.0, 3.0, 2.0, 6.0, 4.0, 1.5, 2.5, 3.0],
}
CHANNEL = {"phone": 500, "email": 300, "chat": 200}
REGION = {"north": 600, "south": 400}
SCORES = [10, 9, 3, 7, 8, 10, 0, 9]


def _margin_totals(res: satisfy.WeightingResult, column: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, w in zip(DATA[column], res.weights):
        out[key] = out.get(key, 0.0) + float(w)
    return out


# --- what the fits give --------------------------------------------------------------


def test_rake_meets_every_margin_and_reports_convergence() -> None:
    res = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION})
    assert res.converged and res.max_error <= 1e-10 and res.iterations > 1
    for column, margin in (("channel", CHANNEL), ("region", REGION)):
        got = _margin_totals(res, column)
        for key, total in margin.items():
            assert got[key] == pytest.approx(total, rel=1e-9)
    w = res.weights
    assert res.efficiency == pytest.approx(w.sum() ** 2 / (len(w) * (w**2).sum()))
    assert res.design_effect == pytest.approx(1 + w.var() / w.mean() ** 2)  # 1 + CV^2
    assert res.weight_ratio == pytest.approx(w.max() / w.min())
    assert res.n_eff == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert set(res.to_dict()) >= {"converged", "iterations", "max_error", "efficiency"}


def test_shares_with_a_total_equal_the_counts() -> None:
    counts = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION})
    shares = satisfy.rake(
        DATA,
        {"channel": {"phone": 50, "email": 30, "chat": 20}, "region": {"north": 0.6, "south": 0.4}},
        total=1000,
    )
    np.testing.assert_allclose(shares.weights, counts.weights, rtol=1e-12)


def test_base_weights_are_raked_from() -> None:
    base = np.array([1.0, 2.0, 1.0, 1.0, 3.0, 1.0, 1.0, 2.0])
    res = satisfy.poststratify(DATA, {"channel": CHANNEL}, weights=base)
    phone = np.array(DATA["channel"]) == "phone"
    np.testing.assert_allclose(res.weights[phone], base[phone] * 500 / base[phone].sum())


def test_frames_give_the_same_weights_as_a_mapping() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    margins = {"channel": CHANNEL, "region": REGION}
    expected = satisfy.rake(DATA, margins).weights
    for frame in (pd.DataFrame(DATA), pl.DataFrame(DATA), pa.table(DATA)):
        np.testing.assert_allclose(satisfy.rake(frame, margins).weights, expected, rtol=1e-14)


def test_calibrate_meets_categorical_and_numeric_totals() -> None:
    totals = {"channel": CHANNEL, "tenure": 2600.0}
    for method in ("linear", "raking"):
        res = satisfy.calibrate(DATA, totals, method=method)
        assert res.method == f"calibrate-{method}"
        assert float(res.weights @ np.array(DATA["tenure"])) == pytest.approx(2600.0, rel=1e-9)
        assert _margin_totals(res, "channel")["chat"] == pytest.approx(200, rel=1e-9)


def test_linear_calibration_is_the_greg_solution() -> None:
    # Deville and Särndal (1992), eq. 2.5: w = d (1 + x' lambda), with lambda solving
    # (sum d x x') lambda = T - sum d x; here written out with an intercept and tenure
    x = np.column_stack([np.ones(8), DATA["tenure"]])
    t = np.array([1000.0, 2600.0])
    lam = np.linalg.solve(x.T @ x, t - x.sum(axis=0))
    expected = 1 + x @ lam
    res = satisfy.calibrate(
        {"all": ["x"] * 8, "tenure": DATA["tenure"]}, {"all": {"x": 1000}, "tenure": 2600.0}
    )
    np.testing.assert_allclose(res.weights, expected, rtol=1e-12)


def test_estimate_value_is_the_weighted_metric() -> None:
    res = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION})
    est = res.estimate(SCORES, "nps")
    assert est.value == pytest.approx(satisfy.nps(SCORES, weights=res.weights).value)
    assert est.se > 0 and est.n == 8 and est.unit == satisfy.nps([9]).unit
    by = res.estimate(SCORES, "nps", by=DATA["channel"])
    assert sorted(by) == ["chat", "email", "phone"]
    ci = est.confidence_interval(0.9)
    assert ci.low <= est.value <= ci.high and ci.confidence_level == 0.9


def test_fixed_weights_se_is_the_plain_linearised_one() -> None:
    # without calibration the standard error is svymean's: n/(n-1) sum (z_i - zbar)^2
    w = np.array([1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 1.0])
    y = np.array([100.0 if s >= 9 else (-100.0 if s <= 6 else 0.0) for s in SCORES])
    z = w * (y - (w @ y) / w.sum()) / w.sum()
    expected = np.sqrt(8 / 7 * ((z - z.mean()) ** 2).sum())
    est = satisfy.trim(w).estimate(SCORES)
    assert est.se == pytest.approx(expected, rel=1e-12)
    assert est.se_fixed_weights == pytest.approx(expected, rel=1e-12)


def test_missing_answers_stay_in_the_variance_as_outside_the_domain() -> None:
    res = satisfy.rake(DATA, {"channel": CHANNEL})
    scores = [*SCORES[:-1], None]
    est = res.estimate(scores)
    assert est.n == 7
    with pytest.raises(satisfy.MissingScoreError):
        res.estimate(scores, nan_policy="raise")


# --- convergence ---------------------------------------------------------------------


def test_non_convergence_is_flagged_and_warned() -> None:
    with pytest.warns(RuntimeWarning, match="did not converge in 1 iterations"):
        res = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION}, max_iter=1)
    assert not res.converged and res.iterations == 1 and res.max_error > 1e-10


def test_bounds_cap_the_weight_ratio() -> None:
    margins = {"channel": {"phone": 100, "email": 100, "chat": 800}, "region": REGION}
    with pytest.warns(RuntimeWarning):
        res = satisfy.rake(DATA, margins, bounds=(0.5, 150.0), max_iter=50)
    free = satisfy.rake(DATA, margins)
    assert res.weights.max() <= 150.0 + 1e-9 and free.weights.max() > 150.0
    assert not res.converged


def test_raking_calibration_reports_its_newton_steps() -> None:
    res = satisfy.calibrate(DATA, {"channel": CHANNEL, "region": REGION}, method="raking")
    raked = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION}, tol=1e-13)
    assert res.converged and res.iterations >= 2
    np.testing.assert_allclose(res.weights, raked.weights, rtol=1e-9)


# --- errors --------------------------------------------------------------------------


def test_a_category_the_margins_do_not_list_is_named() -> None:
    with pytest.raises(
        CalibrationError, match=r"margin 'channel': 3 rows have the category 'phone'"
    ):
        satisfy.rake(DATA, {"channel": {"email": 300, "chat": 200}, "region": REGION})


def test_a_population_cell_with_no_sample_is_named() -> None:
    pop = {("channel", "region"): {("phone", "north"): 1, ("phone", "south"): 1,
                                   ("email", "north"): 1, ("email", "south"): 1,
                                   ("chat", "north"): 1, ("chat", "south"): 1,
                                   ("chat", "east"): 1}}  # fmt: skip
    with pytest.raises(CalibrationError, match=r"\('chat', 'east'\) has no row in the sample"):
        satisfy.poststratify(DATA, pop)


def test_a_category_whose_weights_are_all_zero_is_named() -> None:
    base = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0]
    with pytest.raises(CalibrationError, match="'chat' has rows whose weights are all 0"):
        satisfy.rake(DATA, {"channel": CHANNEL}, weights=base)


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), "100", True])
def test_totals_must_be_positive_numbers(bad: object) -> None:
    with pytest.raises(CalibrationError, match="'chat'"):
        satisfy.rake(DATA, {"channel": {**CHANNEL, "chat": bad}})


def test_margins_whose_totals_disagree() -> None:
    with pytest.raises(CalibrationError, match=r"disagree.*'channel': 1000, 'region': 1001"):
        satisfy.rake(DATA, {"channel": CHANNEL, "region": {"north": 601, "south": 400}})
    # within a relative 1e-6 they agree
    satisfy.rake(DATA, {"channel": CHANNEL, "region": {"north": 600.0001, "south": 400}})


def test_shares_that_do_not_sum_to_one() -> None:
    with pytest.raises(CalibrationError, match=r"sum to 0\.9"):
        satisfy.rake(DATA, {"channel": {"phone": 0.5, "email": 0.2, "chat": 0.2}}, total=100)


def test_a_column_that_is_not_there() -> None:
    with pytest.raises(ColumnError, match="no column 'tier'"):
        satisfy.rake(DATA, {"tier": {"gold": 1}})


def test_bad_base_weights() -> None:
    with pytest.raises(WeightError):
        satisfy.rake(DATA, {"channel": CHANNEL}, weights=[1, 1, 1, -1, 1, 1, 1, 1])
    with pytest.raises(satisfy.LengthMismatchError):
        satisfy.rake(DATA, {"channel": CHANNEL}, weights=[1, 1])


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_iter": 0}, "max_iter=0"),
        ({"tol": 0}, "tol=0"),
        ({"bounds": (2, 3)}, "0 <= low <= 1 <= high"),
        ({"bounds": "wide"}, "bounds='wide'"),
    ],
)
def test_bad_options(options: dict[str, object], match: str) -> None:
    with pytest.raises(SatisfyError, match=match):
        satisfy.rake(DATA, {"channel": CHANNEL}, **options)  # type: ignore[arg-type]


def test_bad_margins() -> None:
    with pytest.raises(CalibrationError, match="mapping"):
        satisfy.rake(DATA, {})
    with pytest.raises(CalibrationError, match="mapping of each category"):
        satisfy.rake(DATA, {"channel": [500, 300]})  # type: ignore[dict-item]
    with pytest.raises(CalibrationError, match="one entry"):
        satisfy.poststratify(DATA, {"channel": CHANNEL, "region": REGION})
    with pytest.raises(SatisfyError, match="a column name or a tuple of column names, got 1"):
        satisfy.rake(DATA, {1: CHANNEL})  # type: ignore[dict-item]
    with pytest.raises(CalibrationError, match="a tuple of 2 categories"):
        satisfy.poststratify(DATA, {("channel", "region"): {"phone": 1}})


def test_calibration_errors() -> None:
    with pytest.raises(OptionError, match="method='logit'"):
        satisfy.calibrate(DATA, {"channel": CHANNEL}, method="logit")  # type: ignore[arg-type]
    with pytest.raises(CalibrationError, match="negative weights"):
        satisfy.calibrate(DATA, {"channel": CHANNEL, "tenure": 100.0})
    # the numeric column repeats the indicator of 'all' with another total: cannot be met
    data = {"all": ["x"] * 8, "one": [1.0] * 8}
    with pytest.raises(CalibrationError, match="cannot be met"):
        satisfy.calibrate(data, {"all": {"x": 100}, "one": 50.0})
    with pytest.raises(CalibrationError, match="must be a number"):
        satisfy.calibrate(DATA, {"tenure": "2600"})
    with pytest.raises(CalibrationError, match="must be numbers"):
        satisfy.calibrate(DATA, {"channel": CHANNEL, "region": 1.0})


def test_estimate_errors() -> None:
    res = satisfy.rake(DATA, {"channel": CHANNEL})
    with pytest.raises(satisfy.LengthMismatchError):
        res.estimate([9, 10])
    with pytest.raises(satisfy.InvalidScoreError):
        res.estimate([*SCORES[:-1], 11])
    with pytest.raises(SatisfyError, match="no answer with a positive weight"):
        res.estimate([None] * 8)


# --- trimming ------------------------------------------------------------------------


def test_trim_keeps_the_total_and_spreads_equally() -> None:
    w = np.array([1.0, 1.0, 2.0, 8.0, 0.2])
    res = satisfy.trim(w, lower=0.5, upper=4.0)
    # R's trimWeights: cut 4 at the top, add 0.3 at the bottom, share 3.7 among 3
    np.testing.assert_allclose(res.weights, [1 + 3.7 / 3, 1 + 3.7 / 3, 2 + 3.7 / 3, 4.0, 0.5])
    assert res.total == pytest.approx(w.sum()) and res.converged


def test_strict_trimming_repeats_until_inside() -> None:
    w = np.array([1.0, 3.5, 9.0, 1.0])
    loose = satisfy.trim(w, upper=4.0)
    strict = satisfy.trim(w, upper=4.0, strict=True)
    assert not loose.converged and loose.weights.max() > 4.0
    assert strict.converged and strict.weights.max() <= 4.0 + 1e-12
    assert strict.total == pytest.approx(w.sum())


def test_trim_keeps_a_calibration_for_the_variance() -> None:
    res = satisfy.rake(DATA, {"channel": CHANNEL, "region": REGION})
    trimmed = satisfy.trim(res, upper=float(np.sort(res.weights)[-2]))
    assert trimmed.model is res.model
    assert trimmed.estimate(SCORES).se != trimmed.estimate(SCORES).se_fixed_weights


def test_trim_errors() -> None:
    with pytest.raises(SatisfyError, match="must not exceed"):
        satisfy.trim([1.0, 2.0], lower=3, upper=2)
    with pytest.raises(SatisfyError, match="every weight is outside"):
        satisfy.trim([5.0, 6.0], upper=2)
    with pytest.raises(WeightError):
        satisfy.trim([1.0, float("nan")])


# --- response rates and non-response -------------------------------------------------


def test_response_rates_wilson_matches_statsmodels() -> None:
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    rates = satisfy.response_rates([400, 1000, 30], [92, 121, 0], by=["a", "b", "c"])
    low, high = proportion.proportion_confint([92, 121, 0], [400, 1000, 30], method="wilson")
    np.testing.assert_allclose(rates.low, 100 * np.asarray(low), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(rates.high, 100 * np.asarray(high), rtol=1e-12)
    assert rates.rate.tolist() == [23.0, 12.1, 0.0]
    assert [r["segment"] for r in rates.to_records()] == ["a", "b", "c"]


def test_response_rates_errors() -> None:
    with pytest.raises(SatisfyError, match="must not exceed"):
        satisfy.response_rates(10, 11)
    with pytest.raises(SatisfyError, match="same segments"):
        satisfy.response_rates({"a": 10}, {"b": 1})
    with pytest.raises(SatisfyError, match="whole number"):
        satisfy.response_rates(10.5, 1)
    with pytest.raises(satisfy.LengthMismatchError):
        satisfy.response_rates([10, 20], [1])


def test_nonresponse_adjustment_keeps_each_class_total() -> None:
    base = np.array([1.0, 2.0, 1.0, 1.0, 3.0, 1.0, 1.0, 2.0])
    responded = [True, False, True, True, False, True, False, True]
    adj = satisfy.nonresponse_adjust(base, responded, DATA["channel"])
    channel = np.array(DATA["channel"])
    for c in ("phone", "email", "chat"):
        assert adj.weights[channel == c].sum() == pytest.approx(base[channel == c].sum())
    assert (adj.weights[~np.array(responded)] == 0).all()
    report = {r["class"]: r for r in adj.to_records()}
    assert report["chat"]["factor"] == pytest.approx(4.0)
    assert report["chat"]["response_rate"] == pytest.approx(25.0)


def test_nonresponse_errors() -> None:
    with pytest.raises(CalibrationError, match="class 'b' has 2 invited but no respondent"):
        satisfy.nonresponse_adjust(None, [1, 0, 0, 0], ["a", "a", "b", "b"])
    with pytest.raises(SatisfyError, match="position 1 holds 2"):
        satisfy.nonresponse_adjust(None, [1, 2], ["a", "a"])
    with pytest.raises(SatisfyError, match="position 0 holds 'yes'"):
        satisfy.nonresponse_adjust(None, ["yes", "no"], ["a", "a"])


@pytest.mark.parametrize("metric", ["nps", "csat", "ces"])
def test_fixed_weights_se_is_the_estimates_design_se(metric: str) -> None:
    # with every answer present, the standard error without calibration residuals is the
    # one satisfy's calculators give for weighted answers (svymean's, with n/(n-1))
    res = satisfy.rake(DATA, {"channel": CHANNEL})
    scores = SCORES if metric == "nps" else [min(max(1, s // 2), 5) for s in SCORES]
    direct = satisfy.calculate(scores, metric, weights=res.weights)
    est = res.estimate(scores, metric)
    assert est.value == pytest.approx(direct.value, rel=1e-12)
    assert est.se_fixed_weights == pytest.approx(direct.se, rel=1e-12)
