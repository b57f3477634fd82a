"""Coverage of weighted (design-based) intervals against the old Kish-based ones, by simulation.

Run (from the repository root, with satisfy installed in the virtualenv):

    .venv/bin/python simulations/weighted_coverage.py [--replicates 50000] [--seed 20260128]
        [--ns 20 50 200]

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

At the defaults it runs in about 12 seconds (under 500 MB of memory). Every replicate of a
cell is drawn at once (multivariate hypergeometric counts per stratum, or answers and
weights as ``replicates x n`` arrays), and the library computes all intervals of a cell in
one call on a :class:`~satisfy.GroupedTally` with one group per replicate. Clustered
designs (several answers per customer) are to be added as further entries of ``DESIGNS``
once ``cluster=`` is in the library: a :class:`Design` is a population's strata and a
function from (generator, population, n, replicates) to the arrays the tallies need.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--replicates", type=int, default=50000, help="samples per cell")
    parser.add_argument("--seed", type=int, default=20260128, help="seed of the whole run")
    parser.add_argument("--ns", type=int, nargs="+", default=[20, 50, 200], help="sample sizes")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    cells = run(args.ns, replicates=args.replicates, seed=args.seed)
    elapsed = time.perf_counter() - start
    se = (0.05 * 0.95 / args.replicates) ** 0.5 * 100
    print("# Coverage of weighted 95% intervals: design-based against Kish\n")
    print(
        f"{args.replicates} simulated samples per cell (Monte Carlo standard error of a "
        f"coverage near 95%: {se:.2f} percentage points), seed {args.seed}; the run took "
        f"{elapsed:.0f} s on a busy 2-core machine. Each cell is coverage in percent / mean "
        f"interval width; coverage outside {_LOW:.0%}-{_HIGH:.0%} is in bold. The library's "
        f"methods use the design's effective sample size (linearised variance with "
        f'n/(n-1)); "{OLD}" is the interval before issue 14, the same formula (Wilson for '
        f"the share, adjusted Wald for NPS) on Kish's n_eff = (sum w)^2 / sum w^2. "
        f"Populations of {sum(s.size for s in STRATA):,} customers in {len(STRATA)} strata "
        f"(below); the designs are described in simulations/weighted_coverage.py.\n"
    )
    for metric in NEW_METHODS:
        print(f"## {_TITLES[metric]}\n")
        print(markdown_table([c for c in cells if c.metric == metric]))
        print()
    undefined = sum(sum(c.undefined.values()) for c in cells)
    if undefined:
        print(f"Undefined intervals (counted as not covering): {undefined}\n")
    print("## Strata of the populations\n")
    print("| population | stratum | customers | sampling rate | top-2 share | NPS |")
    print("|---|---|---:|---:|---:|---:|")
    for label, strata in (("main", STRATA), ("complaints", COMPLAINT_STRATA)):
        for s in strata:
            top2 = sum(s.csat[-2:]) * 100
            net = (sum(s.nps[9:]) - sum(s.nps[:7])) * 100
            row = f"{s.name} | {s.size:,} | {s.rate:.0%} | {top2:.0f} | {net:+.0f}"
            print(f"| {label} | {row} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
