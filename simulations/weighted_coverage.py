"""Coverage of weighted (design-based) intervals against the old Kish-based ones, by simulation.

Run (from the repository root, with satisfy installed in the virtualenv):

    .venv/bin/python simulations/weighted_coverage.py [--replicates 50000] [--seed 20260128]
        [--ns 20 50 200] [--clustered-replicates 20000] [--customers 20 50 200]

A finite population of 100,000 customers answers a CSAT question (CSAT5) and an NPS
question (0-10). It has three strata whose satisfaction differs (see ``STRATA``): a large
"standard" tier sampled at 1%, a "plus" tier at 5% and a small, very satisfied "premium"
tier at 20%. A second population (``COMPLAINT_STRATA``) has a large, very satisfied
majority sampled at 1% and the customers who complained recently sampled at 20%. The true
value of each cell is the population's own metric (its top-2 share or NPS), not a model
parameter.

Three designs, each with ``--replicates`` samples of ``n`` answers per cell:

- ``informative strata``: stratified sampling without replacement, the sample split over
  the strata in proportion to population size times sampling rate (at least 2 per
  stratum), weight = stratum size / stratum sample size (one over the inclusion
  probability). The weights are informative: the least satisfied tier carries the largest
  weights. The estimates are analysed as satisfy analyses ``weights=`` alone (each answer
  its own unit, one stratum), as a user who passes only the weights would.
- ``complaints oversampled``: the same on the second population, where the most weighted
  answers vary the least, so Kish's ``n_eff`` overstates the variance.
- ``lognormal weights``: a simple random sample of the whole population without
  replacement, each answer with an independent lognormal weight (log-sd 1, so Kish's design
  effect is about e = 2.7); the weights are unrelated to the answers.

For each sample the script computes, for the CSAT top-2 share, the library's ``"wilson"``
(the default), ``"korn-graubard"`` and ``"logit"`` intervals, which take the design's
effective sample size ``p(1-p) / Var`` from the linearised variance with its ``n / (n - 1)``
factor, and the old interval (before issue 14): Wilson with Kish's effective sample size
``(sum w)^2 / sum w^2``. For NPS: the library's adjusted Wald (the default, on the design's
effective sample size) and the old one (the weighted category shares times Kish's
``n_eff``, then the same adjusted Wald formula). It reports the share of 95% intervals that
contain the true value and their mean width. All methods of a cell see the same samples;
each metric's answers are drawn separately.

A clustered design (``CUSTOMER_STRATA``): a population of 20,000 customers in three strata
(relative sampling rates 1, 5 and 20), each with 1 to 8 answers (tickets) and its own
probabilities of each answer category, drawn from a Dirichlet around its stratum's (a Beta
for the top-2 box) with concentration 4, so answers of one customer have an intra-cluster
correlation of 1 / 5 = 0.2 per category. Each sample is a stratified sample without
replacement of ``--customers`` customers, with all their answers, weight = stratum
customers / customers sampled there. Each is analysed (a) as a design, with ``cluster=``
the customer and ``strata=`` (every method of the metric), (b) with the weights only, as a
user who does not pass ``cluster=`` (the default method) and (c) as before issue 14
(Kish's ``n_eff``). Also reported: the mean Kish ``n_eff`` and the mean design effect.

At the defaults it runs in about 70 seconds on a busy 2-core machine (under 1 GB of
memory). Every replicate of a weights-only cell is drawn at once (multivariate
hypergeometric counts per stratum, or answers and weights as ``replicates x n`` arrays),
and the library computes all intervals of a cell in one call on a
:class:`~satisfy.GroupedTally` with one group per replicate. A clustered cell does the same
in chunks of :data:`CHUNK` replicates: one ``GroupedTally.from_scores`` with
``by=replicate`` and ``cluster=(replicate, customer)``. Its groups are then domains of one
design whose PSU counts per stratum ``n_h`` span every replicate, which is not what the
analysis of one sample gives (the standard errors differ); since every replicate samples
the same number of customers per stratum, :func:`design_tally` sets ``n_h`` to one
replicate's, and the test checks the result against ``satisfy.csat`` and ``satisfy.nps``
on single replicates.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import attrs
import numpy as np
from numpy.typing import NDArray

import satisfy
from satisfy import GroupedTally, Scale
from satisfy._stats import nps as nps_intervals
from satisfy._stats import proportion
from satisfy.scales import CSAT5, NPS

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

CONFIDENCE_LEVEL = 0.95
_LOW, _HIGH = 0.93, 0.97  # coverage outside this band is shown in bold
_TOLERANCE = 1e-9  # percent or NPS points: a true value on an interval end counts as inside


@dataclass(frozen=True)
class Stratum:
    """A part of the population: its size, sampling rate and answer distributions."""

    name: str
    size: int
    rate: float
    #: probabilities of the CSAT5 points 1..5
    csat: tuple[float, ...]
    #: probabilities of the NPS points 0..10
    nps: tuple[float, ...]


STRATA: tuple[Stratum, ...] = (
    Stratum(
        "standard",
        60_000,
        0.01,
        (0.12, 0.15, 0.23, 0.30, 0.20),  # top-2 50%
        (0.04, 0.03, 0.04, 0.05, 0.06, 0.10, 0.13, 0.10, 0.10, 0.15, 0.20),  # NPS -10
    ),
    Stratum(
        "plus",
        30_000,
        0.05,
        (0.05, 0.08, 0.14, 0.38, 0.35),  # top-2 73%
        (0.01, 0.01, 0.02, 0.02, 0.03, 0.05, 0.06, 0.12, 0.18, 0.22, 0.28),  # NPS +30
    ),
    Stratum(
        "premium",
        10_000,
        0.20,
        (0.01, 0.02, 0.04, 0.28, 0.65),  # top-2 93%
        (0.0, 0.0, 0.0, 0.005, 0.005, 0.01, 0.03, 0.05, 0.10, 0.30, 0.50),  # NPS +75
    ),
)
#: A second population: a large, very satisfied majority sampled lightly and the customers
#: who complained recently sampled heavily (the least weighted answers vary the most).
COMPLAINT_STRATA: tuple[Stratum, ...] = (
    Stratum(
        "quiet majority",
        80_000,
        0.01,
        (0.01, 0.01, 0.03, 0.25, 0.70),  # top-2 95%
        (0.0, 0.0, 0.0, 0.0, 0.01, 0.01, 0.02, 0.06, 0.10, 0.30, 0.50),  # NPS +76
    ),
    Stratum(
        "recent contact",
        15_000,
        0.05,
        (0.08, 0.10, 0.17, 0.35, 0.30),  # top-2 65%
        (0.02, 0.02, 0.03, 0.03, 0.05, 0.07, 0.08, 0.15, 0.15, 0.18, 0.22),  # NPS +10
    ),
    Stratum(
        "complaint",
        5_000,
        0.20,
        (0.30, 0.20, 0.20, 0.18, 0.12),  # top-2 30%
        (0.15, 0.10, 0.10, 0.08, 0.07, 0.06, 0.06, 0.08, 0.07, 0.10, 0.13),  # NPS -39
    ),
)
LOGNORMAL_SIGMA = 1.0


@dataclass(frozen=True)
class Population:
    """Answer counts per point of each stratum (strata x points), for one scale."""

    scale: Scale
    counts: IntArray
    sizes: IntArray
    rates: FloatArray


def _whole_counts(size: int, probabilities: Sequence[float]) -> IntArray:
    """``size`` answers split over the points as ``probabilities`` (largest remainders)."""
    exact = np.asarray(probabilities, dtype=np.float64) * size
    out = np.floor(exact).astype(np.int64)
    short = size - int(out.sum())
    out[np.argsort(-(exact - out), kind="stable")[:short]] += 1
    return out


def population(metric: str, strata: Sequence[Stratum] = STRATA) -> Population:
    """The finite population's answers to ``metric`` (``"csat"`` or ``"nps"``)."""
    scale = CSAT5 if metric == "csat" else NPS
    counts = np.stack([_whole_counts(s.size, getattr(s, metric)) for s in strata])
    return Population(
        scale,
        counts,
        np.array([s.size for s in strata], dtype=np.int64),
        np.array([s.rate for s in strata], dtype=np.float64),
    )


def true_value(metric: str, pop: Population) -> float:
    """The population's metric: top-2 share in percent, or NPS in points."""
    total = pop.counts.sum(axis=0).astype(np.float64)
    shares = total / total.sum()
    if metric == "csat":
        return float(shares[-2:].sum() * 100)
    return float((shares[9:].sum() - shares[:7].sum()) * 100)


def allocation(pop: Population, n: int) -> IntArray:
    """Sample size per stratum: ``n`` in proportion to size times rate, at least 2 each."""
    strata = pop.sizes.shape[0]
    if n < 2 * strata:
        raise ValueError(f"n={n} is too small for {strata} strata of at least 2 answers")
    expected = pop.sizes * pop.rates
    exact = 2 + (n - 2 * strata) * expected / expected.sum()
    out = np.floor(exact).astype(np.int64)
    short = n - int(out.sum())
    out[np.argsort(-(exact - out), kind="stable")[:short]] += 1
    return np.asarray(out, dtype=np.int64)


#: (counts, weight sums, squared weight sums), each replicates x points
Sums = tuple[IntArray, FloatArray, FloatArray]


def informative_strata(rng: np.random.Generator, pop: Population, n: int, replicates: int) -> Sums:
    """Stratified sampling without replacement, weight = stratum size / stratum sample."""
    k = pop.scale.n_points
    counts = np.zeros((replicates, k), np.int64)
    wsum = np.zeros((replicates, k))
    wsq = np.zeros((replicates, k))
    for h, n_h in enumerate(allocation(pop, n)):  # a loop over the 3 strata only
        drawn = rng.multivariate_hypergeometric(pop.counts[h], int(n_h), size=replicates)
        weight = pop.sizes[h] / n_h
        counts += drawn
        wsum += drawn * weight
        wsq += drawn * weight * weight
    return counts, wsum, wsq


def lognormal_weights(rng: np.random.Generator, pop: Population, n: int, replicates: int) -> Sums:
    """A simple random sample without replacement, each answer with an independent
    lognormal weight (unrelated to the answer)."""
    k = pop.scale.n_points
    drawn = rng.multivariate_hypergeometric(pop.counts.sum(axis=0), n, size=replicates)
    counts = np.asarray(drawn, dtype=np.int64)
    # the answers of each replicate as point indices (order does not matter: the weights
    # are independent of the answers and of one another)
    ends = counts.cumsum(axis=1)
    answers = (ends[:, :, None] <= np.arange(n)[None, None, :]).sum(axis=1)
    weights = rng.lognormal(0.0, LOGNORMAL_SIGMA, size=(replicates, n))
    cell = (np.arange(replicates)[:, None] * k + answers).ravel()
    size = replicates * k
    wsum = np.bincount(cell, weights=weights.ravel(), minlength=size)
    wsq = np.bincount(cell, weights=(weights * weights).ravel(), minlength=size)
    shape = (replicates, k)
    return counts, wsum.reshape(shape).astype(np.float64), wsq.reshape(shape).astype(np.float64)


Draw = Callable[[np.random.Generator, Population, int, int], Sums]


@dataclass(frozen=True)
class Design:
    """A population and the way samples are drawn from it."""

    strata: tuple[Stratum, ...]
    draw: Draw


DESIGNS: dict[str, Design] = {
    "informative strata": Design(STRATA, informative_strata),
    "complaints oversampled": Design(COMPLAINT_STRATA, informative_strata),
    "lognormal weights": Design(STRATA, lognormal_weights),
}


# --- clustered designs: several answers (tickets) per customer -------------------------------


@dataclass(frozen=True)
class CustomerStratum:
    """A stratum of customers: its size, relative sampling rate and shares of
    (detractors, passives, promoters) and of the CSAT top-2 box among its answers."""

    name: str
    customers: int
    rate: float
    #: the stratum's mean probability of a top-2 CSAT answer
    top2: float
    #: the stratum's mean probabilities of detractor, passive and promoter NPS answers
    nps: tuple[float, float, float]


CUSTOMER_STRATA: tuple[CustomerStratum, ...] = (
    CustomerStratum("standard", 12_000, 1.0, 0.55, (0.40, 0.30, 0.30)),
    CustomerStratum("plus", 6_000, 5.0, 0.72, (0.20, 0.35, 0.45)),
    CustomerStratum("premium", 2_000, 20.0, 0.90, (0.05, 0.25, 0.70)),
)
#: answers per customer: uniform on 1..MAX_ANSWERS (mean 4.5)
MAX_ANSWERS = 8
#: Dirichlet concentration of a customer's own probabilities around its stratum's: the
#: intra-cluster correlation of an answer category is 1 / (CONCENTRATION + 1)
CONCENTRATION = 4.0
ICC = 1.0 / (CONCENTRATION + 1.0)
#: the point drawn within each category (CSAT5 1-3 | 4-5; NPS 0-6 | 7-8 | 9-10)
_CSAT_WITHIN = ((0.3, 0.3, 0.4), (0.5, 0.5))
_NPS_WITHIN = ((0.05, 0.05, 0.1, 0.1, 0.15, 0.25, 0.3), (0.5, 0.5), (0.5, 0.5))
POPULATION_SEED = 20260601


@dataclass(frozen=True)
class CustomerPopulation:
    """A finite population of answers grouped by customer (answers sorted by customer)."""

    scale: Scale
    #: point index of every answer (0 for the scale's lowest point)
    points: IntArray
    #: stratum of every customer, and where each customer's answers start and how many
    stratum: IntArray
    start: IntArray
    length: IntArray
    sizes: IntArray
    rates: FloatArray


def customer_population(
    metric: str, strata: Sequence[CustomerStratum] = CUSTOMER_STRATA
) -> CustomerPopulation:
    """The finite population's answers to ``metric`` (``"csat"`` or ``"nps"``): each
    customer has 1 to 8 answers and its own category probabilities, drawn from a Dirichlet
    around its stratum's with concentration :data:`CONCENTRATION` (a Beta for CSAT's
    top-2 box). Fixed by :data:`POPULATION_SEED`."""
    rng = np.random.default_rng([POPULATION_SEED, 0 if metric == "csat" else 1])
    scale = CSAT5 if metric == "csat" else NPS
    within = _CSAT_WITHIN if metric == "csat" else _NPS_WITHIN
    stratum = np.repeat(np.arange(len(strata)), [s.customers for s in strata])
    length = rng.integers(1, MAX_ANSWERS + 1, size=stratum.shape[0])
    means = np.array(
        [(1 - s.top2, s.top2) if metric == "csat" else s.nps for s in strata], dtype=np.float64
    )
    # a Dirichlet per customer, as normalised gammas (vectorised over customers)
    gammas = rng.gamma(CONCENTRATION * means[stratum])
    probs = gammas / gammas.sum(axis=1, keepdims=True)
    owner = np.repeat(np.arange(stratum.shape[0]), length)
    cum = probs.cumsum(axis=1)[owner]
    category = (rng.random(owner.shape[0])[:, None] > cum[:, :-1]).sum(axis=1)
    offsets = np.cumsum([0] + [len(w) for w in within])[:-1]
    points = np.empty(owner.shape[0], np.int64)
    for c, w in enumerate(within):  # a loop over the 2 or 3 categories only
        rows = np.flatnonzero(category == c)
        points[rows] = offsets[c] + rng.choice(len(w), size=rows.shape[0], p=w)
    start = np.concatenate([[0], np.cumsum(length)[:-1]])
    return CustomerPopulation(
        scale,
        points,
        stratum,
        start,
        length,
        np.array([s.customers for s in strata], dtype=np.int64),
        np.array([s.rate for s in strata], dtype=np.float64),
    )


def customer_true_value(metric: str, pop: CustomerPopulation) -> float:
    """The population's metric over all its answers (top-2 share in %, or NPS)."""
    shares = np.bincount(pop.points, minlength=pop.scale.n_points) / pop.points.shape[0]
    if metric == "csat":
        return float(shares[-2:].sum() * 100)
    return float((shares[9:].sum() - shares[:7].sum()) * 100)


def customer_allocation(pop: CustomerPopulation, m: int) -> IntArray:
    """Customers sampled per stratum: ``m`` in proportion to customers times relative
    rate, at least 2 each (as :func:`allocation`)."""
    return allocation(
        Population(pop.scale, np.zeros((len(pop.sizes), 1), np.int64), pop.sizes, pop.rates), m
    )


@dataclass(frozen=True)
class ClusterSample:
    """``replicates`` samples of customers, all their answers stacked."""

    points: IntArray
    replicate: IntArray
    customer: IntArray
    stratum: IntArray
    weight: FloatArray
    #: customers sampled per stratum in each replicate (the same in all)
    per_stratum: IntArray


def draw_customers(
    rng: np.random.Generator, pop: CustomerPopulation, m: int, replicates: int
) -> ClusterSample:
    """Stratified samples of ``m`` customers without replacement (every answer of a sampled
    customer is in the sample), weight = stratum customers / customers sampled there."""
    alloc = customer_allocation(pop, m)
    chosen = []
    first = np.concatenate([[0], np.cumsum(pop.sizes)[:-1]])
    chunk = max(1, 2_000_000 // int(pop.sizes.max()))
    for h, m_h in enumerate(alloc):  # a loop over the 3 strata (and chunks of replicates)
        parts = []
        for lo in range(0, replicates, chunk):
            keys = rng.random((min(chunk, replicates - lo), int(pop.sizes[h])))
            parts.append(np.argpartition(keys, int(m_h) - 1, axis=1)[:, : int(m_h)])
        chosen.append(first[h] + np.concatenate(parts))
    customers = np.concatenate(chosen, axis=1)  # replicates x m
    replicate = np.repeat(np.arange(replicates), m)
    customer = customers.ravel()
    length = pop.length[customer]
    # each chosen customer's answers: start + 0..length-1
    owner = np.repeat(np.arange(customer.shape[0]), length)
    within = np.arange(owner.shape[0]) - np.repeat(np.cumsum(length) - length, length)
    rows = pop.start[customer][owner] + within
    stratum = pop.stratum[customer][owner]
    weight = (pop.sizes / alloc)[stratum].astype(np.float64)
    return ClusterSample(
        pop.points[rows], replicate[owner], customer[owner], stratum, weight, alloc
    )


def design_tally(sample: ClusterSample, scale: Scale) -> GroupedTally:
    """One tally of every replicate (a group each) with the survey design: clusters
    (replicate, customer), strata the customers' strata, each replicate analysed as its own
    sample. The groups of one tally are domains of one design, whose PSU counts ``n_h``
    span every replicate; as every replicate samples the same customers per stratum, they
    are set to one replicate's, which gives each replicate the variance of its own sample
    (``tests/simulation/test_weighted_coverage.py`` checks this against ``satisfy.nps``
    and ``satisfy.csat`` on single replicates)."""
    big = 1 << 32
    tally = GroupedTally.from_scores(
        scale.points[sample.points],
        by=sample.replicate,
        scale=scale,
        weights=sample.weight,
        cluster=sample.replicate * big + sample.customer,
        strata=sample.stratum,
    )
    design = tally.design
    assert design is not None
    assert design.strata == tuple(range(len(sample.per_stratum)))
    # (a private field of the tally, set only by from_scores: fine in a simulation script)
    object.__setattr__(tally, "design", attrs.evolve(design, psus=sample.per_stratum))
    return tally


def kish_n_eff(wsum: FloatArray, wsq: FloatArray) -> FloatArray:
    """Kish's effective sample size ``(sum w)^2 / sum w^2`` per replicate."""
    total = wsum.sum(axis=1)
    return np.asarray(total * total / wsq.sum(axis=1))


def old_intervals(metric: str, wsum: FloatArray, wsq: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The intervals before issue 14: the weighted shares with Kish's ``n_eff`` in the
    unweighted formula (Wilson for the share, adjusted Wald for NPS), widened to contain
    the estimate as the library did."""
    ne = kish_n_eff(wsum, wsq)
    shares = wsum / wsum.sum(axis=1, keepdims=True)
    if metric == "csat":
        p = shares[:, -2:].sum(axis=1)
        low, high = proportion.wilson(p, ne, CONFIDENCE_LEVEL)
        value = p
    else:
        d, m, pr = shares[:, :7].sum(axis=1), shares[:, 7:9].sum(axis=1), shares[:, 9:].sum(axis=1)
        low, high = nps_intervals.adjusted_wald(d * ne, m * ne, pr * ne, CONFIDENCE_LEVEL)
        value = pr - d
    return np.minimum(low, value) * 100, np.maximum(high, value) * 100


def new_intervals(
    metric: str, scale: Scale, sums: Sums, methods: Sequence[str]
) -> dict[str, tuple[FloatArray, FloatArray]]:
    """The library's intervals, every replicate a group of one GroupedTally."""
    counts, wsum, wsq = sums
    replicates = counts.shape[0]
    tally = GroupedTally(
        scale, tuple(range(replicates)), counts, wsum, wsq, np.zeros(replicates, np.int64)
    )
    estimate = satisfy.csat(tally) if metric == "csat" else satisfy.nps(tally)
    out = {}
    for method in methods:
        ci = estimate.confidence_interval(CONFIDENCE_LEVEL, method=method)  # type: ignore[arg-type]
        out[method] = (np.asarray(ci.low, np.float64), np.asarray(ci.high, np.float64))
    return out


@dataclass(frozen=True)
class Cell:
    """Coverage and mean width per method for one (metric, design, n)."""

    metric: str
    design: str
    n: int
    true_value: float
    mean_kish_n_eff: float
    coverage: dict[str, float]
    mean_width: dict[str, float]
    undefined: dict[str, int]


#: methods per metric: the library's, then the old Kish-based one
NEW_METHODS = {"csat": ("wilson", "korn-graubard", "logit"), "nps": ("adjusted-wald",)}
OLD = "old Kish"


def simulate(
    metric: str, design: str, n: int, *, replicates: int, rng: np.random.Generator
) -> Cell:
    """One cell: ``replicates`` samples of ``n`` answers drawn by ``design``."""
    chosen = DESIGNS[design]
    pop = population(metric, chosen.strata)
    truth = true_value(metric, pop)
    sums = chosen.draw(rng, pop, n, replicates)
    ends = new_intervals(metric, pop.scale, sums, NEW_METHODS[metric])
    ends[OLD] = old_intervals(metric, sums[1], sums[2])
    coverage, width, undefined = {}, {}, {}
    for method, (low, high) in ends.items():
        defined = np.isfinite(low) & np.isfinite(high)
        inside = defined & (low <= truth + _TOLERANCE) & (truth - _TOLERANCE <= high)
        coverage[method] = float(inside.mean())
        width[method] = float((high - low)[defined].mean()) if defined.any() else float("nan")
        undefined[method] = int((~defined).sum())
    return Cell(
        metric,
        design,
        n,
        truth,
        float(kish_n_eff(sums[1], sums[2]).mean()),
        coverage,
        width,
        undefined,
    )


#: the default method per metric, analysed with the weights only (clusters ignored)
IGNORED = "weights only"
CLUSTERED_DESIGN = f"customers in strata, ICC {ICC:.1f}"
#: replicates tallied at once in a clustered cell (about 300 MB at 200 customers)
CHUNK = 2500


def _coverage(
    ends: dict[str, tuple[FloatArray, FloatArray]], truth: float
) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    coverage, width, undefined = {}, {}, {}
    for method, (low, high) in ends.items():
        defined = np.isfinite(low) & np.isfinite(high)
        inside = defined & (low <= truth + _TOLERANCE) & (truth - _TOLERANCE <= high)
        coverage[method] = float(inside.mean())
        width[method] = float((high - low)[defined].mean()) if defined.any() else float("nan")
        undefined[method] = int((~defined).sum())
    return coverage, width, undefined


@dataclass(frozen=True)
class ClusteredCell:
    """Coverage and mean width per method for one (metric, customers sampled)."""

    metric: str
    design: str
    customers: int
    true_value: float
    mean_answers: float
    mean_kish_n_eff: float
    mean_design_effect: float
    coverage: dict[str, float]
    mean_width: dict[str, float]
    undefined: dict[str, int]


def simulate_clustered(
    metric: str, customers: int, *, replicates: int, rng: np.random.Generator
) -> ClusteredCell:
    """One clustered cell: ``replicates`` stratified samples of ``customers`` customers
    with all their answers, analysed (a) with the design (clusters and strata), (b) with
    the weights only, as without ``cluster=``, and (c) as before issue 14 (Kish)."""
    pop = customer_population(metric)
    truth = customer_true_value(metric, pop)
    default = NEW_METHODS[metric][0]
    parts: list[dict[str, tuple[FloatArray, FloatArray]]] = []
    answers, kish, deff = [], [], []
    for lo in range(0, replicates, CHUNK):  # chunks of replicates, to bound the memory
        sample = draw_customers(rng, pop, customers, min(CHUNK, replicates - lo))
        tally = design_tally(sample, pop.scale)
        estimate = satisfy.csat(tally) if metric == "csat" else satisfy.nps(tally)
        ends = {}
        for method in NEW_METHODS[metric]:
            ci = estimate.confidence_interval(CONFIDENCE_LEVEL, method=method)  # type: ignore[arg-type]
            ends[method] = (np.asarray(ci.low, np.float64), np.asarray(ci.high, np.float64))
        sums = (tally.counts, tally.weight_sums, tally.weight_sq_sums)
        ends[IGNORED] = new_intervals(metric, pop.scale, sums, (default,))[default]
        ends[OLD] = old_intervals(metric, sums[1], sums[2])
        parts.append(ends)
        answers.append(tally.counts.sum(axis=1))
        kish.append(kish_n_eff(sums[1], sums[2]))
        deff.append(np.asarray(estimate.design_effect, np.float64))
    ends = {
        m: (np.concatenate([p[m][0] for p in parts]), np.concatenate([p[m][1] for p in parts]))
        for m in parts[0]
    }
    coverage, width, undefined = _coverage(ends, truth)
    return ClusteredCell(
        metric,
        CLUSTERED_DESIGN,
        customers,
        truth,
        float(np.concatenate(answers).mean()),
        float(np.concatenate(kish).mean()),
        float(np.nanmean(np.concatenate(deff))),
        coverage,
        width,
        undefined,
    )


def run(ns: Sequence[int], *, replicates: int, seed: int) -> list[Cell]:
    """Every (metric, design, n) cell; each cell has its own stream from ``seed``."""
    cells = []
    keys = [(m, d, n) for m in NEW_METHODS for d in DESIGNS for n in ns]
    streams = np.random.SeedSequence(seed).spawn(len(keys))
    for (metric, design, n), stream in zip(keys, streams, strict=True):
        cells.append(
            simulate(metric, design, n, replicates=replicates, rng=np.random.default_rng(stream))
        )
    return cells


def run_clustered(customers: Sequence[int], *, replicates: int, seed: int) -> list[ClusteredCell]:
    """Every (metric, customers) cell of the clustered design, each with its own stream
    (from ``seed``, apart from those of :func:`run`)."""
    keys = [(m, c) for m in NEW_METHODS for c in customers]
    streams = np.random.SeedSequence([seed, 1]).spawn(len(keys))
    return [
        simulate_clustered(metric, c, replicates=replicates, rng=np.random.default_rng(stream))
        for (metric, c), stream in zip(keys, streams, strict=True)
    ]


_TITLES = {
    "csat": "CSAT top-2 share (CSAT5; width in percentage points)",
    "nps": "NPS (0-10; width in NPS points)",
}


def _cell_text(coverage: float, width: float) -> str:
    text = f"{coverage * 100:.1f}"
    if not _LOW <= coverage <= _HIGH:
        text = f"**{text}**"
    return f"{text} / {width:.1f}"


def markdown_table(cells: Sequence[Cell]) -> str:
    """One metric's cells: a row per (design, n), a column per method."""
    methods = list(cells[0].coverage)
    header = ["design", "true value", "n", "mean Kish n_eff", *methods]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 3 + ["---:"] * (1 + len(methods))) + "|",
    ]
    for c in cells:
        shown = [_cell_text(c.coverage[m], c.mean_width[m]) for m in methods]
        row = [c.design, f"{c.true_value:.1f}", str(c.n), f"{c.mean_kish_n_eff:.1f}", *shown]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def clustered_table(cells: Sequence[ClusteredCell]) -> str:
    """One metric's clustered cells: a row per number of customers, a column per method."""
    methods = list(cells[0].coverage)
    header = [
        "customers",
        "mean answers",
        "mean Kish n_eff",
        "mean design effect",
        *[f"design: {m}" for m in methods[:-2]],
        f"{IGNORED} ({methods[0]})",
        OLD,
    ]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---:"] * len(header)) + "|",
    ]
    for c in cells:
        shown = [_cell_text(c.coverage[m], c.mean_width[m]) for m in methods]
        row = [
            str(c.customers),
            f"{c.mean_answers:.0f}",
            f"{c.mean_kish_n_eff:.1f}",
            f"{c.mean_design_effect:.2f}",
            *shown,
        ]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--replicates", type=int, default=50000, help="samples per cell")
    parser.add_argument("--seed", type=int, default=20260128, help="seed of the whole run")
    parser.add_argument("--ns", type=int, nargs="+", default=[20, 50, 200], help="sample sizes")
    parser.add_argument(
        "--clustered-replicates", type=int, default=20000, help="samples per clustered cell"
    )
    parser.add_argument(
        "--customers",
        type=int,
        nargs="+",
        default=[20, 50, 200],
        help="customers (clusters) per clustered sample",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    cells = run(args.ns, replicates=args.replicates, seed=args.seed)
    clustered = run_clustered(args.customers, replicates=args.clustered_replicates, seed=args.seed)
    elapsed = time.perf_counter() - start
    se = (0.05 * 0.95 / args.replicates) ** 0.5 * 100
    se_clustered = (0.05 * 0.95 / args.clustered_replicates) ** 0.5 * 100
    print("# Coverage of weighted 95% intervals: design-based against Kish\n")
    print(
        f"Seed {args.seed}; the whole run took {elapsed:.0f} s on a busy 2-core machine. "
        f"Each cell is coverage in percent / mean interval width; coverage outside "
        f"{_LOW:.0%}-{_HIGH:.0%} is in bold. The library's methods use the design's "
        f'effective sample size (linearised variance with n/(n-1)); "{OLD}" is the '
        f"interval before issue 14, the same formula (Wilson for the share, adjusted Wald "
        f"for NPS) on Kish's n_eff = (sum w)^2 / sum w^2. The designs are described in "
        f"simulations/weighted_coverage.py.\n"
    )
    print("## Weights only: one answer per customer\n")
    print(
        f"{args.replicates} simulated samples per cell (Monte Carlo standard error of a "
        f"coverage near 95%: {se:.2f} percentage points). Populations of "
        f"{sum(s.size for s in STRATA):,} customers in {len(STRATA)} strata (below); the "
        f"library's intervals are computed from the weights alone (each answer its own "
        f"unit).\n"
    )
    for metric in NEW_METHODS:
        print(f"### {_TITLES[metric]}\n")
        print(markdown_table([c for c in cells if c.metric == metric]))
        print()
    undefined = sum(sum(c.undefined.values()) for c in cells)
    if undefined:
        print(f"Undefined intervals (counted as not covering): {undefined}\n")
    print("### Strata of the populations\n")
    print("| population | stratum | customers | sampling rate | top-2 share | NPS |")
    print("|---|---|---:|---:|---:|---:|")
    for label, strata in (("main", STRATA), ("complaints", COMPLAINT_STRATA)):
        for s in strata:
            top2 = sum(s.csat[-2:]) * 100
            net = (sum(s.nps[9:]) - sum(s.nps[:7])) * 100
            row = f"{s.name} | {s.size:,} | {s.rate:.0%} | {top2:.0f} | {net:+.0f}"
            print(f"| {label} | {row} |")
    print()
    print("## Clustered: several answers per customer\n")
    total = sum(s.customers for s in CUSTOMER_STRATA)
    print(
        f"{args.clustered_replicates} simulated samples per cell (Monte Carlo standard "
        f"error {se_clustered:.2f} percentage points). A population of {total:,} customers "
        f"in {len(CUSTOMER_STRATA)} strata (below), each with 1 to {MAX_ANSWERS} answers "
        f"(tickets) and its own probabilities of each answer category, drawn around its "
        f"stratum's (Dirichlet, intra-cluster correlation {ICC:.1f} per category). Each "
        f"sample is a stratified sample of customers without replacement, with every answer "
        f"of a sampled customer; weight = 1 / the customer's sampling probability. The true "
        f"value is the population's, over all its answers. Design-based: "
        f"`cluster=` customer and `strata=` (no finite population correction, so slightly "
        f'conservative where up to 5% of a stratum is sampled). "{IGNORED}": the same '
        f"answers and weights without `cluster=` or `strata=` (the library's default "
        f'method; what a user who passes only the weights gets). "{OLD}": as above, also '
        f"ignoring the clusters. The mean design effect is the design-based variance over "
        f"that of a simple random sample of as many answers (weights and clusters "
        f"together).\n"
    )
    for metric in NEW_METHODS:
        shown = [c for c in clustered if c.metric == metric]
        print(f"### {_TITLES[metric]}, true value {shown[0].true_value:.1f}\n")
        print(clustered_table(shown))
        print()
    undefined = sum(sum(c.undefined.values()) for c in clustered)
    if undefined:
        print(f"Undefined intervals (counted as not covering): {undefined}\n")
    print("### Strata of the customer population\n")
    print("| stratum | customers | relative sampling rate | mean top-2 share | mean NPS |")
    print("|---|---:|---:|---:|---:|")
    for c in CUSTOMER_STRATA:
        net = (c.nps[2] - c.nps[0]) * 100
        print(f"| {c.name} | {c.customers:,} | {c.rate:g} | {c.top2:.0%} | {net:+.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
