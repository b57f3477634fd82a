"""The calculators' API: inputs, categories, reprs, options and refusals."""

import numpy as np
import pytest

import satisfy
from satisfy import Responses, Tally
from satisfy.errors import EmptyDataError, MethodError, OptionError, SatisfyError, ScaleError


def test_repr_reads_like_a_report():
    t = Tally.from_counts({0: 8, 7: 15, 9: 13}, scale="NPS")
    assert repr(satisfy.nps(t)) == "NPS 13.9 (95% CI -10.7 to 36.3, adjusted Wald, n=36)"
    w = satisfy.csat([5, 4, 1, None], weights=[1, 2, 1, 1])
    assert repr(w).startswith("CSAT 75.0 (95% CI")
    assert "n_eff=2.7" in repr(w) and "missing=1" in repr(w)


def test_nps_categories_and_custom_cut_points():
    e = satisfy.nps([0, 6, 7, 8, 9, 10, 10])
    assert e.counts == {"detractors": 2, "passives": 2, "promoters": 3}
    assert sum(e.shares.values()) == pytest.approx(100)
    assert e.value == pytest.approx(100 / 7)
    strict = satisfy.nps([0, 6, 7, 8, 9, 10, 10], detractors=(0, 7), promoters=(10, 10))
    assert strict.counts == {"detractors": 3, "passives": 2, "promoters": 2}
    assert strict.definition.detail == "detractors 0-7, promoters 10-10"
    with pytest.raises(SatisfyError, match="overlap"):
        satisfy.nps([1], detractors=(0, 9), promoters=(9, 10))


def test_csat_top_box_bottom_box_and_direction():
    assert satisfy.csat([5, 4, 3, 2, 1]).value == pytest.approx(40)
    assert satisfy.csat([5, 4, 3, 2, 1], boxes=1).value == pytest.approx(20)
    assert satisfy.top_box([1, 1, 2, 5], scale="CES5").value == pytest.approx(50)
    assert satisfy.bottom_box([1, 1, 2, 5], scale="CES5").value == pytest.approx(25)
    with pytest.raises(SatisfyError, match="boxes"):
        satisfy.csat([5], boxes=5)


def test_threshold_share():
    assert satisfy.threshold_share([1, 2, 3, 4, 5], 3.5).value == pytest.approx(40)
    assert satisfy.threshold_share([0, 5, 8, 10], 8, scale="NPS").value == pytest.approx(50)
    assert satisfy.threshold_share([1, 2, 3], 2, scale="CES5", inclusive=False).value == (
        pytest.approx(100 / 3)
    )
    with pytest.raises(SatisfyError, match="outside"):
        satisfy.threshold_share([1], 6)


def test_ces_mean_pomp_and_favourable_share():
    e = satisfy.ces([1, 4, 7, 7])
    assert e.value == pytest.approx(4.75)
    assert e.counts == {"favourable": 2, "neutral": 1, "unfavourable": 1}
    effort = satisfy.ces([1, 2, 5], scale="CES5")
    assert effort.counts["favourable"] == 2
    assert satisfy.pomp_mean([1, 2, 5], scale="CES5").value == pytest.approx((100 + 75 + 0) / 3)
    assert satisfy.mean_score([0.5, 5.0], scale="HALF_STARS").value == pytest.approx(2.75)


def test_inputs_tally_grouped_responses_and_by():
    scores = [10, 9, 3, 8, 10, 6]
    keys = ["a", "a", "a", "b", "b", "b"]
    direct = satisfy.nps(scores, by=keys)
    batch = Responses.from_arrays(scores, scale="NPS", segments={"k": keys})
    via_responses = satisfy.nps(batch, by="k")
    via_tally = satisfy.nps(satisfy.GroupedTally.from_scores(scores, by=keys, scale="NPS"))
    for g in (via_responses, via_tally):
        np.testing.assert_allclose(g.value, direct.value)
    assert satisfy.nps(batch).value == satisfy.nps(scores).value
    rec = direct.to_records()
    assert [r["group"] for r in rec] == ["a", "b"]
    assert dict(direct.items()).keys() == {"a", "b"}
    assert "GroupedEstimate(NPS, 95% CI, adjusted Wald: 'a': 33.3 (-51.3 to 84.7, n=3)" in repr(
        direct
    )


def test_grouped_with_an_empty_group_gives_nan_there():
    g = satisfy.nps([9, None], by=["x", "y"])
    assert g.n.tolist() == [1, 0]
    assert np.isnan(g.value[1])
    ci = g.confidence_interval()
    assert np.isnan(ci.low[1]) and np.isfinite(ci.low[0])
    assert [k for k, _ in g.items()] == ["x"]


def test_bad_method_lists_choices_and_weighted_resampling_refuses():
    e = satisfy.nps([9, 10, 3])
    with pytest.raises(OptionError, match="'adjusted-wald', 'wald', 'score'"):
        e.confidence_interval(method="wilson")
    w = satisfy.nps([9, 10, 3], weights=[1, 2, 3])
    with pytest.raises(MethodError, match="cannot honour survey weights"):
        w.confidence_interval(method="bootstrap")
    assert w.confidence_interval(method="bayes").low < w.value
    with pytest.raises(SatisfyError, match="confidence_level"):
        e.confidence_interval(1.5)


def test_tally_input_refuses_extra_weights_and_other_scales():
    t = Tally.from_scores([9], scale="NPS")
    with pytest.raises(SatisfyError, match="already holds"):
        satisfy.nps(t, weights=[1])
    with pytest.raises(ScaleError):
        satisfy.csat(t, scale="CSAT5")
    with pytest.raises(EmptyDataError):
        satisfy.nps(Tally.from_counts([0] * 11, scale="NPS", missing=3))


def test_bootstrap_is_seeded_and_reproducible():
    e = satisfy.nps(np.repeat([3, 8, 9], [20, 30, 50]))
    a = e.confidence_interval(method="bootstrap", n_resamples=2000)
    b = e.confidence_interval(method="bootstrap", n_resamples=2000)
    c = e.confidence_interval(method="bootstrap", n_resamples=2000, rng=1)
    assert (a.low, a.high) == (b.low, b.high)
    assert (a.low, a.high) != (c.low, c.high)


def test_to_dict_and_units():
    d = satisfy.nps([9, 10, 3]).to_dict(confidence_level=0.9, method="score")
    assert d["method"] == "score" and d["confidence_level"] == 0.9
    assert d["unit"] == "points"
    assert satisfy.csat([5]).unit == "%"
    assert satisfy.csat([5, 1]).proportion == pytest.approx(0.5)
    low, high = satisfy.csat([5, 1]).confidence_interval()
    assert low < 50 < high


def test_weighted_share_stays_in_range_despite_rounding():
    # found by hypothesis: four answers in the top box whose weights sum to this value
    # gave 100.00000000000001 percent
    t = satisfy.Tally(
        satisfy.scales.CSAT5,
        np.array([0, 0, 0, 0, 4]),
        np.array([0, 0, 0, 0, 10.912385776102127]),
        np.array([0, 0, 0, 0, 35.678053426916506]),
    )
    assert satisfy.csat(t).value == 100.0
