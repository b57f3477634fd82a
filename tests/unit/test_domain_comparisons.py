"""compare_groups, compare and period_changes under a survey design: the groups are
domains of one design (issue 14). The numbers are pinned against R in
tests/reference/test_domain_references.py; here the edges and the refusals."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from scipy import stats

import satisfy
from satisfy import DesignError

SCORES = [10, 9, 3, 9, 7, 2, 10, 6, 9, 8, 5, 10]
MONTHS = [1] * 5 + [2] * 5 + [3] * 2
CLUSTERS = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]


def _monthly(**options: object) -> satisfy.GroupedEstimate:
    return satisfy.nps(SCORES, by=MONTHS, cluster=CLUSTERS, **options)


@pytest.mark.parametrize(
    ("metric", "method"),
    [
        ("nps", "adjusted-wald"),
        ("nps", "bootstrap"),
        ("nps", "bayes"),
        ("csat", "newcombe"),
        ("csat", "agresti-caffo"),
        ("csat", "fisher"),
        ("mean_score", "welch"),
        ("mean_score", "mann-whitney"),
    ],
)
def test_methods_for_independent_samples_refuse_a_design(metric: str, method: str) -> None:
    calculator = getattr(satisfy, metric)
    scale = "NPS" if metric == "nps" else "CSAT5"
    grouped = calculator([5, 4, 2, 1, 5, 3], by=[1, 1, 1, 2, 2, 2], cluster=[1, 2, 3, 1, 2, 3],
                         scale=scale)  # fmt: skip
    with pytest.raises(DesignError, match="takes method 'wald'"):
        satisfy.compare_groups(grouped, method=method)  # type: ignore[arg-type]
    assert satisfy.compare_groups(grouped, method="wald").pairs.method == "wald"
    with pytest.raises(DesignError, match="period_changes with a survey design"):
        satisfy.period_changes(grouped, method=method)  # type: ignore[arg-type]


def test_groups_without_answers_are_left_out_with_their_design() -> None:
    scores = [*SCORES, None, None]
    with_empty = satisfy.nps(scores, by=[*MONTHS, 4, 4], cluster=[*CLUSTERS, 3, 4])
    assert with_empty.tally.n.tolist()[-1] == 0
    result = satisfy.compare_groups(with_empty)
    assert result.groups == (1, 2, 3)
    # the empty month's answers keep their clusters in the sample: the same PSUs, so the
    # same numbers as without the month's rows
    plain = satisfy.compare_groups(_monthly())
    np.testing.assert_allclose(result.pairs.se, plain.pairs.se, rtol=1e-12)
    np.testing.assert_allclose(result.versus_rest.se, plain.versus_rest.se, rtol=1e-12)


def test_an_estimate_with_a_design_against_a_target_is_a_t_test() -> None:
    e = satisfy.nps(SCORES, cluster=CLUSTERS)
    c = satisfy.compare(e, 10.0, confidence_level=0.9)
    t = (e.value - 10.0) / e.se
    assert c.statistic == pytest.approx(t)
    assert c.pvalue == pytest.approx(2 * stats.t.sf(abs(t), e.df))
    half = stats.t.ppf(0.95, e.df) * e.se
    assert (c.low, c.high) == pytest.approx((e.value - 10 - half, e.value - 10 + half))
    greater = satisfy.compare(e, 10.0, alternative="greater")
    assert greater.high == 200.0
    assert greater.pvalue == pytest.approx(stats.t.sf(t, e.df))
    with pytest.raises(DesignError, match="takes method 'wald'"):
        satisfy.compare(e, 10.0, method="score")


def test_two_estimates_with_designs_are_refused_with_the_way_to_compare_them() -> None:
    g = _monthly()
    with pytest.raises(DesignError, match=r"compare_groups\(satisfy.nps\(grouped_tally\)\)"):
        satisfy.compare(g[1], g[2])


def test_design_tables_recompute_report_and_pickle() -> None:
    result = satisfy.compare_groups(_monthly())
    at_90 = result.pairs.confidence_interval(0.9)
    assert at_90.method == "wald"
    assert np.all(at_90.high - at_90.low < result.pairs.high - result.pairs.low)
    record = result.pairs.to_records()[0]
    assert record["se"] == pytest.approx(float(result.pairs.se[0]))  # type: ignore[index]
    assert record["df"] == float(result.pairs.df[0])  # type: ignore[index]
    assert list(result.pairs.to_frame(backend="pandas").columns)[-2:] == ["se", "df"]
    back = pickle.loads(pickle.dumps(result.pairs))
    np.testing.assert_array_equal(back.se, result.pairs.se)
    tally = pickle.loads(pickle.dumps(_monthly().tally))
    assert tally.design is not None and tally.design.rows is not None
    assert not tally.design.rows.sums.flags.writeable
    np.testing.assert_allclose(
        satisfy.compare_groups(satisfy.nps(tally)).pairs.se, result.pairs.se, rtol=1e-15
    )


def test_period_changes_with_a_design_hold_se_and_df() -> None:
    changes = satisfy.period_changes(_monthly())
    assert changes.method == "wald"
    assert changes.se is not None and changes.df is not None
    assert np.isnan(changes.se[0]) and np.isfinite(changes.se[1:]).all()
    pairs = satisfy.compare_groups(_monthly()).pairs
    # month 2 - month 1 is the pair (1, 2) turned round
    assert changes.difference[1] == pytest.approx(-pairs.difference[0])
    assert changes.se[1] == pytest.approx(pairs.se[0])  # type: ignore[index]
    # the covariance counts: five customers answering in both months
    alone = satisfy.nps(SCORES, by=MONTHS, cluster=list(range(12)))
    assert satisfy.period_changes(alone).se[1] != pytest.approx(changes.se[1])  # type: ignore[index]


def test_many_groups_sum_the_shared_clusters_by_the_pairs_met(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond a dense pairs x strata table the sums go by the pairs met: the same numbers."""
    from satisfy import _design

    rng = np.random.default_rng(7)
    n = 400
    grouped = satisfy.nps(
        rng.integers(0, 11, n),
        by=rng.integers(0, 12, n),
        cluster=rng.integers(0, 60, n),
        weights=rng.uniform(0.5, 2.0, n),
    )
    dense = satisfy.compare_groups(grouped)
    changes = satisfy.period_changes(grouped)
    monkeypatch.setattr(_design, "_DENSE", 0)
    monkeypatch.setattr(_design, "_BLOCK", 64)  # and many blocks
    sparse = satisfy.compare_groups(grouped)
    np.testing.assert_allclose(sparse.pairs.se, dense.pairs.se, rtol=1e-12)
    np.testing.assert_array_equal(sparse.pairs.df, dense.pairs.df)
    np.testing.assert_allclose(sparse.versus_rest.se, dense.versus_rest.se, rtol=1e-12)
    assert sparse.statistic == pytest.approx(dense.statistic, rel=1e-12)
    np.testing.assert_allclose(satisfy.period_changes(grouped).se, changes.se, rtol=1e-12)
