"""Survey designs on arrays: clusters, strata, fpc (issue 14, item 2).

The numbers themselves are checked against R's survey package in
tests/reference/test_design_references.py; here: errors, vectorisation over groups and
PSUs, and the identities a design must keep (no clusters = the weighted estimate, an
infinite population = no fpc, a sampling fraction = the population count it implies).
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import satisfy
from satisfy import DesignError, GroupedTally, LengthMismatchError, OptionError, Tally

RNG = np.random.default_rng(20261128)
N = 200
SCORES = RNG.integers(0, 11, N)
WEIGHTS = RNG.uniform(0.5, 3.0, N).round(3)
CLUSTERS = RNG.integers(0, 60, N)
STRATA = CLUSTERS % 4  # clusters nested in strata
SEGMENTS = RNG.choice(["web", "phone", "mail"], N)


def _naive_variance(
    scores: np.ndarray,
    weights: np.ndarray,
    clusters: np.ndarray,
    strata: np.ndarray,
    coef: np.ndarray,
    domain: np.ndarray,
    population: dict[int, float] | None = None,
) -> float:
    """The textbook formula with a loop over strata and PSUs (Wolter 2007, eq. 6.3.4),
    written apart from the library's sums and cross-products."""
    w = np.where(domain, weights, 0.0)
    y = coef[scores]
    total = w.sum()
    value = (w * y).sum() / total
    z = w * (y - value) / total
    var = 0.0
    for h in np.unique(strata):
        in_h = strata == h
        psus = np.unique(clusters[in_h])
        n_h = psus.shape[0]
        z_hj = np.array([z[in_h & (clusters == j)].sum() for j in psus])
        f = 0.0 if population is None else n_h / population[int(h)]
        var += (1 - f) * n_h / (n_h - 1) * ((z_hj - z_hj.mean()) ** 2).sum()
    return float(var)


NPS_COEF = np.array([-100.0] * 7 + [0.0, 0.0, 100.0, 100.0])


# -- the numbers -------------------------------------------------------------------------


def test_grouped_domains_equal_a_loop_over_groups_and_psus() -> None:
    population = {0: 40.0, 1: 50.0, 2: 30.0, 3: 60.0}
    fpc = np.array([population[int(h)] for h in STRATA])
    g = satisfy.nps(SCORES, by=SEGMENTS, weights=WEIGHTS, cluster=CLUSTERS, strata=STRATA, fpc=fpc)
    for i, key in enumerate(g.groups):
        expected = _naive_variance(
            SCORES, WEIGHTS, CLUSTERS, STRATA, NPS_COEF, key == SEGMENTS, population
        )
        assert g.se[i] == pytest.approx(np.sqrt(expected), rel=1e-12)
        # the group's own Estimate (a tally of one group) agrees with the vectorised one
        assert g[key].se == pytest.approx(g.se[i], rel=1e-12)
        assert g[key].df == g.df[i]


def test_many_clusters_cross_the_block_boundary() -> None:
    """More (group, cluster) pairs than one block of outer products (2^21 / K^2)."""
    n = 60_000
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 11, n)
    weights = rng.uniform(0.5, 2.0, n)
    clusters = rng.integers(0, 30_000, n)
    strata = clusters % 3
    t = Tally.from_scores(scores, scale="NPS", weights=weights, cluster=clusters, strata=strata)
    assert t.design is not None
    # the cross-products directly, from the per-cluster totals
    totals = np.zeros((30_000, 11))
    np.add.at(totals, (clusters, scores), weights)
    for h in range(3):
        rows = totals[np.arange(30_000) % 3 == h]
        np.testing.assert_allclose(t.design.cross[0, h], rows.T @ rows, rtol=1e-12)
    e = satisfy.nps(t)
    expected = _naive_variance(scores, weights, clusters, strata, NPS_COEF, np.ones(n, bool))
    assert e.se == pytest.approx(np.sqrt(expected), rel=1e-10)


def test_strata_without_clusters_make_each_answer_a_psu() -> None:
    e = satisfy.nps(SCORES, weights=WEIGHTS, strata=STRATA)
    expected = _naive_variance(SCORES, WEIGHTS, np.arange(N), STRATA, NPS_COEF, np.ones(N, bool))
    assert e.se == pytest.approx(np.sqrt(expected), rel=1e-12)
    assert e.df == N - 4


def test_singleton_clusters_equal_no_clusters() -> None:
    a = satisfy.mean_score(SCORES, weights=WEIGHTS, strata=STRATA, scale="NPS")
    b = satisfy.mean_score(
        SCORES, weights=WEIGHTS, strata=STRATA, cluster=np.arange(N), scale="NPS"
    )
    assert a.se == pytest.approx(b.se, rel=1e-12)
    assert a.df == b.df
    assert a.design_effect == pytest.approx(b.design_effect, rel=1e-12)


@pytest.mark.parametrize(
    ("metric", "methods"),
    [
        ("nps", ["adjusted-wald", "wald", "score", "bayes"]),
        ("threshold_share", ["wilson", "korn-graubard", "logit", "clopper-pearson", "wald"]),
        ("mean_score", ["t"]),
    ],
)
def test_a_design_of_one_stratum_without_clusters_is_the_weighted_estimate(
    metric: str, methods: list[str]
) -> None:
    """One stratum, each answer its own PSU: the weights-only design (R's svydesign(ids=~1,
    weights=~w)), the same se, df and intervals as weighted answers without a design."""
    options = {"threshold": 9} if metric == "threshold_share" else {}
    plain = satisfy.calculate(SCORES, metric, scale="NPS", weights=WEIGHTS, **options)
    designed = satisfy.calculate(
        SCORES, metric, scale="NPS", weights=WEIGHTS, strata=["all"] * N, **options
    )
    assert designed.value == plain.value
    assert designed.se == pytest.approx(plain.se, rel=1e-12)
    assert designed.df == plain.df == N - 1
    for method in methods:
        a = plain.confidence_interval(method=method)
        b = designed.confidence_interval(method=method)
        assert (b.low, b.high) == (pytest.approx(a.low, rel=1e-9), pytest.approx(a.high, rel=1e-9))


def test_an_infinite_population_is_no_fpc() -> None:
    a = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS, strata=STRATA)
    b = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS, strata=STRATA, fpc=[np.inf] * N)
    assert a.se == b.se
    assert a.design_effect == b.design_effect


def test_a_sampling_fraction_equals_the_population_count_it_implies() -> None:
    psus = {h: np.unique(CLUSTERS[h == STRATA]).shape[0] for h in range(4)}
    counts = np.array([psus[int(h)] * 4.0 for h in STRATA])
    fractions = np.full(N, 0.25)
    a = satisfy.csat(SCORES, scale="NPS", cluster=CLUSTERS, strata=STRATA, fpc=counts)
    b = satisfy.csat(SCORES, scale="NPS", cluster=CLUSTERS, strata=STRATA, fpc=fractions)
    assert a.se == pytest.approx(b.se, rel=1e-12)
    c = satisfy.csat(SCORES, scale="NPS", cluster=CLUSTERS, strata=STRATA)
    assert a.se == pytest.approx(c.se * np.sqrt(0.75), rel=1e-12)


def test_a_census_stratum_adds_no_variance() -> None:
    psus = {h: np.unique(CLUSTERS[h == STRATA]).shape[0] for h in range(4)}
    fpc = np.array([float(psus[int(h)]) for h in STRATA])  # every PSU sampled
    e = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS, strata=STRATA, fpc=fpc)
    assert e.se == 0.0


def test_missing_answers_keep_their_cluster_in_the_sample() -> None:
    """As R's subset of a design (svymean na.rm=TRUE): n_h counts the PSU of a missing
    answer, which adds Z = 0."""
    scores = [9, 10, None, 3, 8, 2]
    e = satisfy.nps(scores, cluster=["a", "a", "b", "c", "d", "d"])
    assert e.tally.design is not None
    assert e.tally.design.psus.tolist() == [4]
    assert e.df == 2  # three clusters with answers, one stratum


def test_group_keys_of_a_dense_range_with_no_answers_are_dropped_with_their_design() -> None:
    g = GroupedTally.from_scores([9, 3, 10], by=[0, 2, 2], scale="NPS", cluster=[1, 2, 2])
    assert g.groups == (0, 2)
    assert g.design is not None and g.design.n_groups == 2


def test_design_effect_of_unweighted_answers_without_a_design_is_one() -> None:
    assert satisfy.mean_score(SCORES, scale="NPS").design_effect == pytest.approx(1.0)
    assert satisfy.mean_score(SCORES, scale="NPS").df == N - 1


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"cluster": [1, 2]}, "cluster has 2 entries but there are 4"),
        ({"strata": [1, 2, 3, 4, 5]}, "strata has 5 entries but there are 4"),
        ({"strata": [1, 1, 2, 2], "fpc": [9]}, "fpc has 1 entries but there are 4"),
    ],
)
def test_ids_of_another_length_are_refused(options: dict[str, object], match: str) -> None:
    with pytest.raises(LengthMismatchError, match=match):
        satisfy.nps([9, 10, 3, 7], **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", [None, float("nan")])
@pytest.mark.parametrize("what", ["cluster", "strata"])
def test_missing_ids_are_refused_with_their_positions(missing: object, what: str) -> None:
    ids = [1.0, 2.0, missing, 2.0] if missing is not None else ["a", "b", None, "b"]
    with pytest.raises(DesignError, match=rf"{what} is missing for 1 answers \(at positions 2\)"):
        satisfy.nps([9, 10, 3, 7], **{what: ids})  # type: ignore[arg-type]


def test_a_cluster_in_two_strata_is_refused_naming_both() -> None:
    with pytest.raises(DesignError, match=r"cluster 'c' is in two strata \('x' and 'y'\)"):
        satisfy.nps([9, 10, 3, 7], cluster=["a", "c", "b", "c"], strata=["x", "x", "y", "y"])


def test_fpc_that_varies_within_a_stratum_is_refused() -> None:
    with pytest.raises(DesignError, match=r"fpc varies within stratum 'x' \(from 10 to 12\)"):
        satisfy.nps([9, 10, 3, 7], strata=["x", "x", "y", "y"], fpc=[10, 12, 5, 5])


def test_fpc_below_the_sample_is_refused() -> None:
    with pytest.raises(DesignError, match="population of 2 PSUs but the sample has 3"):
        satisfy.nps([9, 10, 3, 7, 8], strata=["x", "x", "x", "y", "y"], fpc=[2, 2, 2, 5, 5])


def test_fpc_mixing_counts_and_fractions_is_refused() -> None:
    with pytest.raises(DesignError, match="mixes population counts"):
        satisfy.nps([9, 10, 3, 7], strata=["x", "x", "y", "y"], fpc=[10, 10, 0.5, 0.5])


@pytest.mark.parametrize("bad", [0.0, -3.0, float("nan")])
def test_fpc_that_is_not_positive_is_refused(bad: float) -> None:
    with pytest.raises(DesignError, match="at position 1"):
        satisfy.nps([9, 10, 3, 7], strata=[1, 1, 2, 2], fpc=[10, bad, 5, 5])


def test_fpc_that_is_not_numbers_is_refused() -> None:
    with pytest.raises(DesignError, match="fpc must be numbers"):
        satisfy.nps([9, 10, 3, 7], strata=[1, 1, 2, 2], fpc=["a", "b", "c", "d"])


def test_a_lonely_psu_is_refused_naming_its_stratum() -> None:
    with pytest.raises(DesignError, match="stratum 'y' has only one cluster"):
        satisfy.nps([9, 10, 3, 7], cluster=[1, 2, 3, 3], strata=["x", "x", "y", "y"])


@pytest.mark.parametrize("option", ["adjust", "certainty", "remove", "average"])
def test_a_lonely_psu_option_gives_a_number(option: str) -> None:
    t = Tally.from_scores(
        [9, 10, 3, 7, 0],
        scale="NPS",
        cluster=[1, 2, 3, 3, 4],
        strata=["x", "x", "y", "y", "z"],
        lonely_psu=option,  # type: ignore[arg-type]
    )
    assert np.isfinite(satisfy.nps(t).se)


def test_lonely_psu_takes_only_r_s_options() -> None:
    with pytest.raises(OptionError, match="lonely_psu='drop' is not accepted"):
        Tally.from_scores([9], scale="NPS", strata=[1], lonely_psu="drop")  # type: ignore[arg-type]


def test_lonely_psu_without_a_design_is_refused() -> None:
    with pytest.raises(DesignError, match="applies to a design"):
        Tally.from_scores([9], scale="NPS", lonely_psu="adjust")


def test_frequencies_with_a_design_are_refused() -> None:
    with pytest.raises(DesignError, match="frequencies cannot be combined"):
        satisfy.nps([9, 3], frequencies=[2, 3], cluster=[1, 2])


def test_tallies_with_a_design_do_not_merge() -> None:
    a = Tally.from_scores([9, 3], scale="NPS", cluster=[1, 2])
    b = Tally.from_scores([9, 3], scale="NPS")
    for left, right in ((a, b), (b, a), (a, a)):
        with pytest.raises(DesignError, match="cannot be merged with"):
            left + right
    g = GroupedTally.from_scores([9, 3], by=[1, 2], scale="NPS", cluster=[1, 2])
    with pytest.raises(DesignError, match="cannot be merged with"):
        g + g
    with pytest.raises(DesignError, match="not known from the groups"):
        g.total()
    with pytest.raises(DesignError, match="has a survey design"):
        GroupedTally.from_tallies({"a": a})


def test_a_tally_with_a_design_refuses_another_design() -> None:
    t = Tally.from_scores([9, 3], scale="NPS")
    with pytest.raises(satisfy.SatisfyError, match="apply to raw answers"):
        satisfy.nps(t, cluster=[1, 2])


def test_design_error_pickles() -> None:
    with pytest.raises(DesignError) as info:
        satisfy.nps([9, 10, 3, 7], cluster=[1, 2, 3, 3], strata=["x", "x", "y", "y"])
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is DesignError
    assert str(back) == str(info.value)


def test_a_tally_with_a_design_pickles_compares_and_shows_it() -> None:
    t = Tally.from_scores([9, 3, 10], scale="NPS", cluster=[1, 2, 2], strata=[0, 1, 1], fpc=[4] * 3)
    back = pickle.loads(pickle.dumps(t))
    assert back == t
    assert back.design is not None and not back.design.cross.flags.writeable
    assert t != Tally.from_scores([9, 3, 10], scale="NPS")
    assert "design: 2 strata, 2 clusters, fpc" in repr(t)
    g = GroupedTally.from_scores([9, 3, 10], by=[1, 1, 2], scale="NPS", cluster=[1, 2, 2])
    assert "design: 2 clusters" in repr(g)


def test_comparisons_and_trends_refuse_a_design_they_would_leave_out() -> None:
    """No silent wrong number: two estimates each with a design cannot be told to be
    domains of one design, so compare refuses them (compare_groups of the grouped tally
    takes the design); trailing windows would drop the design."""
    a = satisfy.nps([9, 10, 3, 7], cluster=[1, 1, 2, 3])
    b = satisfy.nps([9, 3, 3, 7])
    with pytest.raises(DesignError, match="compare_groups"):
        satisfy.compare(a, b)
    with pytest.raises(DesignError, match="cannot tell whether"):
        satisfy.compare(b, a)
    assert satisfy.compare(a, 0.0).method == "wald"  # the design's se against a target
    g = satisfy.nps([9, 10, 3, 7, 8, 1], by=[1, 1, 2, 2, 3, 3], cluster=[1, 1, 2, 3, 4, 4])
    assert satisfy.compare_groups(g).pairs.method == "wald"
    with pytest.raises(DesignError, match="has a survey design"):
        satisfy.compare_groups({"a": a, "b": b})
    assert satisfy.period_changes(g).se is not None
    with pytest.raises(DesignError, match="trailing windows"):
        satisfy.trailing(g.tally, window=2)


def test_resampling_methods_refuse_a_design() -> None:
    e = satisfy.nps([9, 10, 3, 7], cluster=[1, 1, 2, 3])
    with pytest.raises(satisfy.MethodError, match="cannot honour survey weights"):
        e.confidence_interval(method="bootstrap")


def test_the_interval_follows_the_design_variance() -> None:
    """Clusters that make answers alike widen the interval (and the se) against the
    same answers as independent ones."""
    scores = [10, 10, 9, 9, 2, 1, 3, 3, 8, 7, 9, 10]
    clusters = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]
    alone = satisfy.threshold_share(scores, threshold=9, scale="NPS", strata=[0] * 12)
    together = satisfy.threshold_share(scores, threshold=9, scale="NPS", cluster=clusters)
    assert together.se > alone.se
    for method in ("wilson", "korn-graubard", "logit"):
        a = alone.confidence_interval(method=method)
        b = together.confidence_interval(method=method)
        assert b.width > a.width


def test_an_infinite_population_without_weights_is_refused() -> None:
    with pytest.raises(DesignError, match="infinite population"):
        satisfy.nps([9, 3], strata=[1, 1], fpc=[np.inf, np.inf])


def test_zero_weights_keep_their_clusters_and_leave_the_df() -> None:
    """A zero weight adds nothing but its PSU stays in n_h (R: prob = Inf rows stay in
    the design); degf counts only PSUs with a nonzero weight (R's degf)."""
    weights = WEIGHTS.copy()
    zero = np.isin(CLUSTERS, [3, 7, 11])  # whole clusters with zero weight
    weights[zero] = 0.0
    weights[:5] = 0.0  # and a few single answers
    e = satisfy.nps(SCORES, weights=weights, cluster=CLUSTERS, strata=STRATA)
    expected = _naive_variance(SCORES, weights, CLUSTERS, STRATA, NPS_COEF, np.ones(N, bool))
    assert e.se == pytest.approx(np.sqrt(expected), rel=1e-12)
    with_weight = np.unique(CLUSTERS[weights > 0]).shape[0]
    assert e.df == with_weight - 4


def test_responses_name_their_design_columns() -> None:
    # Responses: cluster/strata/fpc name a segment or the respondents; the result is the
    # arrays' design
    r = satisfy.Responses.from_arrays(
        SCORES,
        scale="NPS",
        weights=WEIGHTS,
        respondents=CLUSTERS,
        segments={"region": STRATA, "half": np.arange(len(SCORES)) % 2},
    )
    by_arrays = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS, strata=STRATA)
    by_names = satisfy.nps(r, cluster="respondents", strata="region")
    assert by_names.se == pytest.approx(by_arrays.se, rel=1e-12)
    assert by_names.df == by_arrays.df
    grouped = satisfy.nps(r, by="half", cluster="respondents")
    expected = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS, by=np.arange(len(SCORES)) % 2)
    assert grouped.se.tolist() == pytest.approx(expected.se.tolist(), rel=1e-12)
    with pytest.raises(DesignError, match="names one of their columns"):
        satisfy.nps(r, cluster=[1, 2])
    with pytest.raises(satisfy.ColumnError, match="cluster='customer' names no column"):
        satisfy.nps(r, cluster="customer")


def test_calculate_with_a_definition_takes_the_design() -> None:
    defn = satisfy.METRICS["nps"].definition()
    a = satisfy.calculate(SCORES, defn, weights=WEIGHTS, cluster=CLUSTERS)
    b = satisfy.nps(SCORES, weights=WEIGHTS, cluster=CLUSTERS)
    assert a.se == b.se
    assert a.tally.design is not None


def test_plain_data_of_a_design_tally_is_refused_not_silently_simple():
    # to_dict / to_long would drop the design's sums: read back, the tally would give the
    # simple random sample's (smaller) standard error with no error
    t = satisfy.Tally.from_scores([9, 3, 10, 7], scale="NPS", cluster=["a", "a", "b", "c"])
    with pytest.raises(satisfy.DesignError, match="to_dict"):
        t.to_dict()
    g = satisfy.GroupedTally.from_scores(
        [9, 3, 10, 7], by=["x", "x", "y", "y"], scale="NPS", cluster=["a", "a", "b", "c"]
    )
    with pytest.raises(satisfy.DesignError, match="to_long"):
        g.to_long()
    with pytest.raises(satisfy.DesignError, match="to_dict"):
        g.to_dict()
    import pickle

    back = pickle.loads(pickle.dumps(t))
    assert back.design is not None
    assert satisfy.nps(back).se == satisfy.nps(t).se
