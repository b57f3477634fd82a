"""Survey designs on tallies: the per-stratum sums the ultimate-cluster variance needs.

A tally's counts and weight sums give every metric's value; its variance under a design
with clusters (primary sampling units, PSUs: a customer or account answering several
times) and strata needs, per group and stratum, the weight sums per point ``S_h`` and
the cross-products ``M_h = sum_j S_hj S_hj'`` over the stratum's PSUs (see
``satisfy._stats.design``), plus the design-wide PSU counts ``n_h`` and sampling
fractions ``f_h``. :class:`DesignSums` holds them; :func:`build` makes them from
per-answer arrays in one vectorised pass (sorting the (group, cluster) pairs once).

Conventions, as R's ``survey::svydesign`` (Lumley 2010):

- ``cluster`` ids must each lie in one stratum (R's ``nest=FALSE`` check); give ids that
  are unique across strata (for example ``stratum + "/" + id``) when they are not;
- ``fpc`` is the population count of PSUs in the stratum (``N_h``, every value >= 1) or
  the sampling fraction (every value <= 1), constant within a stratum, with
  ``N_h >= n_h``;
- answers left out (missing, invalid, non-answers) still make their PSU part of the
  sample: ``n_h`` counts every PSU of the input, as R's subset of a design keeps them;
- without ``cluster`` each answer is its own PSU;
- with ``fpc`` but no weights, each answer weighs ``N_h / n_h``, the inverse of its PSU's
  sampling probability (R's ``svydesign`` derives the weights so).

Comparisons of domains (groups of one design: channels, months) need the covariance of
two domains whose clusters hold answers in both (a customer answering in two months):
``Var(a - b) = Var(a) + Var(b) - 2 Cov(a, b)``, the ultimate-cluster variance of the PSU
totals ``Z_aj - Z_bj`` (R's ``svyby(covmat = TRUE)`` with ``svycontrast``). The
within-group cross-products above do not give it, so a clustered design also keeps its
**tallies per cluster** (:class:`PsuRows`): one row per (group, PSU) pair with answers, its
weight sums per point, ``m x K`` for ``m`` such pairs. That is what :func:`build` and
:func:`from_cells` compute anyway before forming the cross-products, so it costs no more
memory at its peak and is at most one row per answer; it is mergeable and serves any
contrast of any pair of groups (and each group against the rest), whatever the metric
coefficients, which per-pair products stored in advance (``G^2 H K^2`` numbers) would
not do for many groups. A contrast's sums over the PSUs shared by its two groups come from
crossing the rows of each PSU once (``sum_j m_j^2`` products for ``m_j`` groups in PSU
``j``), summed per (pair, stratum) with one ``unique`` and ``bincount``: no Python loop
over pairs or PSUs. Without clusters each answer is its own PSU, no two groups share one,
and the per-stratum sums suffice (the covariance is then only the centring term
``-Z_ah Z_bh / n_h`` within each stratum).

References
----------
Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley.
Wolter, K. M. (2007). *Introduction to Variance Estimation*, 2nd ed. Springer.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _grouping, _pickling
from ._stats import design as _core
from ._stats.design import LonelyPsu
from .errors import DesignError, LengthMismatchError

__all__ = [
    "DesignSums",
    "LonelyPsu",
    "PsuRows",
    "build",
    "check_lonely_psu",
    "check_options",
    "fpc_weights",
    "from_cells",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
_BLOCK = 1 << 21  # products formed at a time (a few tens of MiB of arrays)
_DENSE = 1 << 22  # cells of a dense pairs x strata table of shared-PSU sums (32 MiB)


def _lookup(keys: NDArray[np.int64], values: FloatArray, asked: NDArray[np.int64]) -> FloatArray:
    """The sum of ``values`` per key, at the keys ``asked`` (0 for a key not met)."""
    if keys.shape[0] == 0:
        return np.zeros(asked.shape[0])
    uniq, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse.reshape(-1), weights=values, minlength=uniq.shape[0])
    at = np.minimum(np.searchsorted(uniq, asked), uniq.shape[0] - 1)
    return np.asarray(np.where(uniq[at] == asked, sums[at], 0.0), dtype=np.float64)


def check_lonely_psu(lonely_psu: object) -> LonelyPsu:
    """``lonely_psu`` as one of its names, else an OptionError listing them."""
    return _core.check_lonely_psu(lonely_psu)  # type: ignore[arg-type]


def check_options(given: bool, lonely_psu: object, frequencies: bool) -> LonelyPsu | None:
    """The lonely-PSU option of a design (None when no design is ``given``), refusing
    options that need a design, and frequencies with one (a row standing for several
    answers would need a PSU for each)."""
    if not given:
        if lonely_psu != "fail":
            raise DesignError(
                f"lonely_psu={lonely_psu!r} applies to a design: give cluster=, strata= or fpc="
            )
        return None
    if frequencies:
        raise DesignError(
            "frequencies cannot be combined with cluster=, strata= or fpc=: an answer standing "
            "for several would need a PSU for each; give one row per answer instead"
        )
    return check_lonely_psu(lonely_psu)


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    arr.setflags(write=False)
    return arr


@attrs.frozen(eq=False, repr=False)
class PsuRows:
    """The tallies per cluster of a clustered design: one row per (group, PSU) pair with
    answers, sorted by group and then PSU.

    Attributes
    ----------
    group : numpy.ndarray of int64, shape (m,)
        The row's group (``0..G-1``).
    psu : numpy.ndarray of int64, shape (m,)
        The row's PSU, coded over the whole design (``0..n_psu-1``).
    sums : numpy.ndarray of float64, shape (m, K)
        The weight sums per point of the group's answers in the PSU.
    positive : numpy.ndarray of bool, shape (m,)
        Whether the row holds an answer with a nonzero weight.
    stratum : numpy.ndarray of int64, shape (n_psu,)
        Each PSU's stratum.
    """

    group: IntArray
    psu: IntArray
    sums: FloatArray
    positive: NDArray[np.bool_]
    stratum: IntArray

    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    def take(self, rows: NDArray[np.intp] | NDArray[np.bool_], n_groups: int) -> PsuRows:
        """The rows of some groups, renumbered in the order given (a group given twice
        has its rows twice)."""
        chosen = np.arange(n_groups)[rows]
        start = np.searchsorted(self.group, np.arange(n_groups + 1))
        length = (start[1:] - start[:-1])[chosen]
        offset = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)
        index = np.repeat(start[:-1][chosen], length) + offset
        return PsuRows(
            group=_frozen(np.repeat(np.arange(chosen.shape[0], dtype=np.int64), length)),
            psu=_frozen(self.psu[index]),
            sums=_frozen(self.sums[index]),
            positive=_frozen(self.positive[index]),
            stratum=self.stratum,
        )


def _row_pairs(
    psu: IntArray,
) -> Iterator[tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """Every pair ``(r, s)`` of distinct rows in the same PSU, ``r`` before ``s`` in the
    PSU: the rows are sorted by PSU once, and each PSU's rows are crossed with one repeat
    (``m_j (m_j - 1) / 2`` pairs for ``m_j`` rows, groups, in PSU ``j``), in blocks of
    PSUs holding up to ``_BLOCK`` pairs (a handful of passes, not one per PSU)."""
    m = psu.shape[0]
    if m == 0:
        return
    order = np.argsort(psu, kind="stable")
    sorted_psu = psu[order]
    first = np.flatnonzero(np.r_[True, sorted_psu[1:] != sorted_psu[:-1]])
    size = np.diff(np.r_[first, m])
    n_pairs = np.cumsum(size * (size - 1) // 2)
    lo, n_psu = 0, first.shape[0]
    while lo < n_psu:
        done = int(n_pairs[lo - 1]) if lo else 0
        hi = max(int(np.searchsorted(n_pairs, done + _BLOCK, side="right")), lo + 1)
        start, stop = int(first[lo]), int(first[hi - 1] + size[hi - 1])
        position = np.arange(start, stop)
        end_of = np.repeat(first[lo:hi] + size[lo:hi], size[lo:hi])  # each row's PSU end
        after = end_of - 1 - position  # the rows after it in its PSU
        a = np.repeat(position, after)
        offset = np.arange(a.shape[0]) - np.repeat(np.cumsum(after) - after, after)
        yield order[a], order[a + 1 + offset]
        lo = hi


@attrs.frozen(eq=False, repr=False)
class DesignSums:
    """The sufficient statistic of a survey design for the tallies of ``G`` groups.

    Attributes
    ----------
    strata : tuple
        The ``H`` stratum keys (``(None,)`` without strata).
    psus : numpy.ndarray of int64, shape (H,)
        PSUs per stratum in the whole sample (``n_h``).
    population : numpy.ndarray of float64, shape (H,)
        Population PSUs per stratum (``N_h``; ``inf`` without a finite population
        correction).
    sums : numpy.ndarray of float64, shape (G, H, K)
        Weight sums per group, stratum and point.
    cross : numpy.ndarray of float64, shape (G, H, K, K)
        ``sum_j S_hj S_hj'`` per group and stratum over its PSUs ``j``.
    present : numpy.ndarray of int64, shape (G, H)
        PSUs with answers of nonzero weight, per group and stratum.
    nonzero : numpy.ndarray of int64, shape (G,)
        Answers with a nonzero weight per group.
    clustered : bool
        Whether clusters were given (else each answer is its own PSU).
    lonely_psu : str
        What a stratum with a single PSU does to the variance (see
        ``satisfy._stats.design.variance``).
    rows : PsuRows or None
        With clusters, the tallies per cluster: each (group, PSU) pair's weight sums, for
        the covariance of domains sharing clusters (None without clusters: then no
        answer is in two groups and the sums above suffice).
    """

    strata: tuple[Hashable, ...]
    psus: IntArray
    population: FloatArray
    sums: FloatArray
    cross: FloatArray
    present: IntArray
    nonzero: IntArray
    clustered: bool
    lonely_psu: LonelyPsu = "fail"
    rows: PsuRows | None = None

    __getstate__ = _pickling.getstate
    __setstate__ = _pickling.setstate_read_only

    @property
    def n_groups(self) -> int:
        return int(self.sums.shape[0])

    @property
    def stratified(self) -> bool:
        return len(self.strata) > 1 or self.strata != (None,)

    @property
    def finite(self) -> bool:
        """Whether a finite population correction was given."""
        return bool(np.isfinite(self.population).any())

    @property
    def fraction(self) -> FloatArray:
        """Sampling fraction per stratum, ``n_h / N_h`` (0 for an infinite population)."""
        with np.errstate(divide="ignore"):
            return np.asarray(self.psus / self.population, dtype=np.float64)

    def take(self, rows: NDArray[np.intp] | NDArray[np.bool_]) -> DesignSums:
        """The design's sums for some groups (the design-wide counts unchanged)."""
        return attrs.evolve(
            self,
            sums=_frozen(self.sums[rows]),
            cross=_frozen(self.cross[rows]),
            present=_frozen(self.present[rows]),
            nonzero=_frozen(self.nonzero[rows]),
            rows=None if self.rows is None else self.rows.take(rows, self.n_groups),
        )

    def place(self, positions: NDArray[np.intp], n_groups: int) -> DesignSums:
        """The design's sums for ``n_groups`` groups, group ``i`` of this design at
        ``positions[i]`` and the other groups without answers (empty periods of a trend)."""
        positions = np.asarray(positions, dtype=np.intp)

        def spread(arr: NDArray[Any]) -> NDArray[Any]:
            out = np.zeros((n_groups, *arr.shape[1:]), dtype=arr.dtype)
            out[positions] = arr
            return _frozen(out)

        rows = self.rows
        if rows is not None:
            rows = attrs.evolve(rows, group=_frozen(positions[rows.group].astype(np.int64)))
            order = np.argsort(rows.group, kind="stable")  # kept sorted by group
            if (order != np.arange(order.shape[0])).any():
                rows = PsuRows(
                    group=_frozen(rows.group[order]),
                    psu=_frozen(rows.psu[order]),
                    sums=_frozen(rows.sums[order]),
                    positive=_frozen(rows.positive[order]),
                    stratum=rows.stratum,
                )
        return attrs.evolve(
            self,
            sums=spread(self.sums),
            cross=spread(self.cross),
            present=spread(self.present),
            nonzero=spread(self.nonzero),
            rows=rows,
        )

    def influence(self, coef: FloatArray, value: FloatArray) -> FloatArray:
        """``u = (c - value) / W`` per group (G x K): the linearised influence of a unit
        weight at each point on the metric ``sum_k c_k p_k`` whose values are ``value``."""
        total = self.sums.sum(axis=(1, 2))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(
                (np.asarray(coef, dtype=np.float64)[None, :] - np.asarray(value)[:, None])
                / total[:, None],
                dtype=np.float64,
            )

    def variance(self, u: FloatArray) -> FloatArray:
        """The ultimate-cluster variance of each group's ``sum_k c_k p_k`` given
        ``u = (c - value) / W`` (G x K)."""
        return _core.variance(
            u,
            self.sums,
            self.cross,
            self.psus,
            self.fraction,
            present=self.present,
            lonely_psu=self.lonely_psu,
            strata=self.strata,
        )

    def _combine(
        self, square: FloatArray, total: FloatArray, touched: NDArray[np.bool_]
    ) -> FloatArray:
        return _core.combine(
            square,
            total,
            touched,
            self.psus,
            self.fraction,
            lonely_psu=self.lonely_psu,
            strata=self.strata,
        )

    def _shared(
        self, u: FloatArray | None, ia: NDArray[np.intp], ib: NDArray[np.intp]
    ) -> tuple[FloatArray, IntArray]:
        """Per pair ``(a, b)`` and stratum, ``sum_j Z_aj Z_bj`` over the PSUs ``j`` holding
        answers of both groups (``P x H``; zeros when ``u`` is None), and per pair the
        PSUs with answers of nonzero weight in both (``P``).

        With clusters, the rows (tallies per cluster) of each PSU are crossed once, in
        blocks; each product is keyed by its unordered pair of groups and its stratum and
        summed with ``bincount``, into a dense ``G x G x H`` table when that has at most
        ``_DENSE`` cells, else into the pairs met (sorted keys, one ``unique`` per block).
        """
        g, h = self.n_groups, len(self.strata)
        ia, ib = np.asarray(ia, np.int64), np.asarray(ib, np.int64)
        p = ia.shape[0]
        same = ia == ib
        q = None if u is None else np.einsum("ghkl,gk,gl->gh", self.cross, u, u, optimize=True)
        product = np.zeros((p, h))
        if q is not None:
            product[same] = q[ia[same]]
        shared = np.where(same, self.present[ia].sum(axis=1), 0).astype(np.int64)
        rows = self.rows
        if rows is None or not (~same).any():  # no two groups share a PSU without clusters
            return product, shared
        z = None if u is None else np.einsum("mk,mk->m", rows.sums, u[rows.group])
        dense = g * g * h <= _DENSE
        keys: list[NDArray[np.int64]] = [np.zeros(0, np.int64)]  # (pair, stratum) cells met
        values: list[FloatArray] = [np.zeros(0)]
        met: list[NDArray[np.int64]] = [np.zeros(0, np.int64)]  # pairs sharing PSUs
        counts: list[FloatArray] = [np.zeros(0)]
        table = np.zeros(g * g * h) if dense else None
        both_table = np.zeros(g * g, np.int64) if dense else None
        for r, t in _row_pairs(rows.psu):
            lo = np.minimum(rows.group[r], rows.group[t])
            hi = np.maximum(rows.group[r], rows.group[t])
            pair = lo * g + hi
            cell = pair * h + rows.stratum[rows.psu[r]]
            both = rows.positive[r] & rows.positive[t]
            weight = np.zeros(r.shape[0]) if z is None else z[r] * z[t]
            if table is not None and both_table is not None:
                table += np.bincount(cell, weights=weight, minlength=g * g * h)
                both_table += np.bincount(pair[both], minlength=g * g)
            else:
                uniq, inverse = np.unique(cell, return_inverse=True)
                keys.append(uniq)
                values.append(np.bincount(inverse.reshape(-1), weights=weight).astype(np.float64))
                uniq, inverse = np.unique(pair[both], return_inverse=True)
                met.append(uniq)
                counts.append(np.bincount(inverse.reshape(-1)).astype(np.float64))
        lo, hi = np.minimum(ia, ib), np.maximum(ia, ib)
        wanted = (lo * g + hi)[~same]
        asked = (wanted[:, None] * h + np.arange(h)[None, :]).reshape(-1)
        if table is not None and both_table is not None:
            found_products = table[asked]
            found_counts = both_table[wanted]
        else:
            found_products = _lookup(np.concatenate(keys), np.concatenate(values), asked)
            found_counts = _lookup(np.concatenate(met), np.concatenate(counts), wanted)
        if z is not None:
            product[~same] = found_products.reshape(-1, h)
        shared[~same] = found_counts.astype(np.int64)
        return product, shared

    def contrast(
        self, u: FloatArray, ia: NDArray[np.intp], ib: NDArray[np.intp]
    ) -> tuple[FloatArray, IntArray]:
        """:meth:`contrast_variance` and :meth:`contrast_degrees_of_freedom` in one pass
        over the tallies per cluster."""
        ia, ib = np.asarray(ia, np.intp), np.asarray(ib, np.intp)
        u = np.asarray(u, dtype=np.float64)
        z = np.einsum("ghk,gk->gh", self.sums, u)
        q = np.einsum("ghkl,gk,gl->gh", self.cross, u, u, optimize=True)
        product, shared = self._shared(u, ia, ib)
        square = q[ia] + q[ib] - 2.0 * product
        pa, pb = self.present[ia], self.present[ib]
        touched = (pa > 0) | (pb > 0)
        out = self._combine(square, z[ia] - z[ib], touched)
        variance = np.asarray(np.where(ia == ib, 0.0, out), dtype=np.float64)
        df = pa.sum(axis=1) + pb.sum(axis=1) - shared - touched.sum(axis=1)
        return variance, np.asarray(
            np.where(ia == ib, pa.sum(axis=1) - (pa > 0).sum(axis=1), df), dtype=np.int64
        )

    def contrast_variance(
        self, u: FloatArray, ia: NDArray[np.intp], ib: NDArray[np.intp]
    ) -> FloatArray:
        """The variance of ``value[ia] - value[ib]`` per pair of groups (domains of the
        design), given ``u = (c - value) / W`` per group (G x K): the ultimate-cluster
        variance of the PSU totals ``Z_aj - Z_bj``, so ``Var(a) + Var(b) - 2 Cov(a, b)``
        with the covariance of the PSUs holding answers of both (R's ``svyby(covmat=TRUE)``
        with ``svycontrast``). 0 for a group with itself."""
        return self.contrast(u, ia, ib)[0]

    def contrast_degrees_of_freedom(self, ia: NDArray[np.intp], ib: NDArray[np.intp]) -> IntArray:
        """The degrees of freedom of the union of two domains per pair: its PSUs with
        answers of nonzero weight (those of ``a``, plus those of ``b``, less those shared)
        minus its strata with answers (R's ``degf`` of the design subset to both)."""
        ia, ib = np.asarray(ia, np.intp), np.asarray(ib, np.intp)
        _, shared = self._shared(None, ia, ib)
        pa, pb = self.present[ia], self.present[ib]
        strata = ((pa > 0) | (pb > 0)).sum(axis=1)
        return np.asarray(pa.sum(axis=1) + pb.sum(axis=1) - shared - strata, dtype=np.int64)

    def rest_variance(self, u: FloatArray, u_rest: FloatArray) -> FloatArray:
        """The variance of ``value[g] - value_rest[g]`` per group, where the rest is every
        other group merged (a domain of its own), given the influences ``u`` of the groups
        and ``u_rest`` of each group's rest (both G x K). A PSU's total is
        ``Z_j = (u + u_rest) . S_gj - u_rest . T_j`` with ``T_j`` its sums over all groups."""
        u = np.asarray(u, dtype=np.float64)
        u_rest = np.asarray(u_rest, dtype=np.float64)
        v = u + u_rest
        h, k = len(self.strata), self.sums.shape[2]
        whole = self.sums.sum(axis=0)  # (H, K)
        total = np.einsum("ghk,gk->gh", self.sums, v) - np.einsum("hk,gk->gh", whole, u_rest)
        own = np.einsum("ghkl,gk,gl->gh", self.cross, v, v, optimize=True)
        rows = self.rows
        if rows is None:
            whole_cross = self.cross.sum(axis=0)
            mixed = np.einsum("ghkl,gk,gl->gh", self.cross, v, u_rest, optimize=True)
        else:
            n_psu = rows.stratum.shape[0]
            point = np.broadcast_to(np.arange(k), rows.sums.shape)
            psu_totals = np.asarray(
                np.bincount(
                    (rows.psu[:, None] * k + point).reshape(-1),
                    weights=rows.sums.reshape(-1),
                    minlength=n_psu * k,
                ),
                dtype=np.float64,  # numpy's stubs type every bincount as integers
            ).reshape(n_psu, k)
            whole_cross = _cross_products(psu_totals, rows.stratum, h, k).reshape(h, k, k)
            a = np.einsum("mk,mk->m", rows.sums, v[rows.group])
            b = np.einsum("mk,mk->m", psu_totals[rows.psu], u_rest[rows.group])
            cell = rows.group * h + rows.stratum[rows.psu]
            g = self.n_groups
            mixed = np.bincount(cell, weights=a * b, minlength=g * h).reshape(g, h)
        others = np.einsum("hkl,gk,gl->gh", whole_cross, u_rest, u_rest, optimize=True)
        square = own - 2.0 * mixed + others
        touched = np.broadcast_to(self.present.sum(axis=0) > 0, square.shape)
        return self._combine(square, total, touched)

    @property
    def rest_degrees_of_freedom(self) -> int:
        """The degrees of freedom of all the groups together: PSUs with answers of nonzero
        weight in any group minus strata with answers."""
        if self.rows is None:
            per_stratum = self.present.sum(axis=0)
        else:
            psu = np.unique(self.rows.psu[self.rows.positive])
            per_stratum = np.bincount(self.rows.stratum[psu], minlength=len(self.strata))
        return int(per_stratum.sum() - (per_stratum > 0).sum())

    @property
    def degrees_of_freedom(self) -> IntArray:
        """PSUs with answers minus strata with answers, per group (R's ``degf``)."""
        return _core.degrees_of_freedom(self.present)

    def design_effect(self, variance: FloatArray, u: FloatArray) -> FloatArray:
        """Design variance over that of a simple random sample of the same size: with
        replacement, or, when the design has a finite population correction, without
        replacement from a population of the weights' total (R's ``svymean(deff=TRUE)``)."""
        srs = _core.simple_random_variance(
            u, self.sums.sum(axis=1), self.nonzero, without_replacement=self.finite
        )
        return _core.design_effect(variance, srs)

    def __repr__(self) -> str:
        what = "clusters" if self.clustered else "answers as PSUs"
        return (
            f"DesignSums({self.n_groups} groups, {len(self.strata)} strata, "
            f"{int(self.psus.sum())} PSUs ({what}), lonely_psu={self.lonely_psu!r})"
        )


def _ids(values: ArrayLike, n: int, what: str) -> tuple[NDArray[np.intp], list[Any]]:
    """Codes 0..m-1 of an id column with one entry per answer, refusing missing ids."""
    arr = _coding.as_array(values, what=what)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise LengthMismatchError(f"{what} has {arr.shape[0]} entries but there are {n} scores")
    codes, keys = _grouping.compact_codes(*_grouping.factorize(arr, what=what))
    if arr.dtype.kind == "f":
        bad = np.flatnonzero(np.isnan(arr))
    elif arr.dtype == object and None in keys:  # factorize gives missing keys as None
        bad = np.flatnonzero(codes == keys.index(None))
    else:
        bad = np.zeros(0, np.intp)
    if bad.shape[0]:
        shown = ", ".join(str(p) for p in bad[:5].tolist())
        more = f" and {bad.shape[0] - 5} more" if bad.shape[0] > 5 else ""
        raise DesignError(
            f"{what} is missing for {bad.shape[0]} answers (at positions {shown}{more}); "
            f"every answer needs its {what} id, as R's svydesign requires"
        )
    return codes, keys


def _fpc(
    fpc: ArrayLike, n: int, strata: NDArray[np.intp], keys: list[Any], psus: IntArray
) -> FloatArray:
    """Population PSUs per stratum ``N_h`` from R's ``fpc=`` column."""
    arr = _coding.as_array(fpc, what="fpc")
    if arr.ndim != 1 or arr.shape[0] != n:
        raise LengthMismatchError(f"fpc has {arr.shape[0]} entries but there are {n} scores")
    try:
        if arr.dtype.kind not in "iuf" and arr.dtype != object:
            raise TypeError(f"not numbers ({arr.dtype})")
        values = np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise DesignError(f"fpc must be numbers: {exc}") from None
    bad = np.flatnonzero(~(values > 0))
    if bad.shape[0]:
        p = int(bad[0])
        raise DesignError(
            f"fpc must be a population count of PSUs (>= 1) or a sampling fraction in (0, 1] "
            f"for every answer; got {arr[p]!r} at position {p}"
            + (f" and {bad.shape[0] - 1} more" if bad.shape[0] > 1 else "")
        )
    h = len(keys)
    low = np.full(h, np.inf)
    high = np.full(h, -np.inf)
    np.minimum.at(low, strata, values)
    np.maximum.at(high, strata, values)
    varies = np.flatnonzero(low != high)
    if varies.shape[0]:
        j = int(varies[0])
        raise DesignError(
            f"fpc varies within stratum {keys[j]!r} (from {low[j]:g} to {high[j]:g}); it "
            "must be the stratum's population count of PSUs (or sampling fraction), one "
            "value per stratum"
        )
    counts = bool((low > 1).any())
    if counts and (low < 1).any():
        j, i = int(np.flatnonzero(low > 1)[0]), int(np.flatnonzero(low < 1)[0])
        raise DesignError(
            f"fpc mixes population counts ({low[j]:g} in stratum {keys[j]!r}) with sampling "
            f"fractions ({low[i]:g} in stratum {keys[i]!r}); give all counts (>= 1) or all "
            "fractions (<= 1), as R's svydesign requires"
        )
    population = low if counts else psus / low
    small = np.flatnonzero(population < psus)
    if small.shape[0]:
        j = int(small[0])
        raise DesignError(
            f"fpc gives stratum {keys[j]!r} a population of {population[j]:g} PSUs but the "
            f"sample has {int(psus[j])} PSUs in it; the population count must be at least "
            "the sample's"
        )
    return np.asarray(population, dtype=np.float64)


def _structure(
    n: int, cluster: ArrayLike | None, strata: ArrayLike | None
) -> tuple[NDArray[np.intp], list[Any], NDArray[np.intp] | None, int, NDArray[np.intp], IntArray]:
    """Stratum codes and keys, cluster codes (None without clusters) and their number, each
    cluster's stratum, and the PSUs per stratum; refusing a cluster in two strata."""
    if strata is None:
        s, s_keys = np.zeros(n, np.intp), [None]
    else:
        s, s_keys = _ids(strata, n, "strata")
    h = len(s_keys)
    if cluster is None:
        return s, s_keys, None, 0, s, np.bincount(s, minlength=h).astype(np.int64)
    c, c_keys = _ids(cluster, n, "cluster")
    n_c = len(c_keys)
    stratum_of = np.zeros(n_c, np.intp)
    stratum_of[c] = s
    crossed = np.flatnonzero(stratum_of[c] != s)
    if crossed.shape[0]:
        i = int(crossed[0])
        other = s_keys[int(stratum_of[c[i]])]
        raise DesignError(
            f"cluster {c_keys[int(c[i])]!r} is in two strata ({s_keys[int(s[i])]!r} and "
            f"{other!r}); each cluster id must lie in one stratum (R's svydesign with "
            "nest=FALSE): give ids unique across strata, such as stratum and id joined"
        )
    return s, s_keys, c, n_c, stratum_of, np.bincount(stratum_of, minlength=h).astype(np.int64)


def fpc_weights(
    n: int, *, cluster: ArrayLike | None, strata: ArrayLike | None, fpc: ArrayLike
) -> FloatArray:
    """The sampling weights an fpc implies when no weights are given, as R's
    ``svydesign``: each answer's PSU was drawn with probability ``n_h / N_h``, so its
    weight is ``N_h / n_h`` (``1 / f_h`` for a sampling fraction).

    Raises
    ------
    DesignError
        For an infinite population (no probability to invert), and as :func:`build`.

    Examples
    --------
    >>> fpc_weights(4, cluster=None, strata=["a", "a", "b", "b"], fpc=[10, 10, 4, 4]).tolist()
    [5.0, 5.0, 2.0, 2.0]
    """
    s, s_keys, _, _, _, psus = _structure(n, cluster, strata)
    population = _fpc(fpc, n, s, s_keys, psus)
    infinite = np.flatnonzero(~np.isfinite(population))
    if infinite.shape[0]:
        raise DesignError(
            f"fpc gives stratum {s_keys[int(infinite[0])]!r} an infinite population, so "
            "without weights= its answers' sampling probabilities are 0; give weights="
        )
    return np.asarray((population / psus)[s], dtype=np.float64)


def _cross_products(
    totals: FloatArray, cell: NDArray[np.int64], n_cells: int, k: int
) -> FloatArray:
    """``sum_j T_j T_j'`` per cell (group and stratum) over the PSU totals ``T_j`` (rows of
    ``totals``, ``m x K``, in cell ``cell[j]``), as ``n_cells x K^2``.

    A PSU's total is nonzero at a few points only (the points its answers chose), so the
    products are formed for the nonzero entries of each PSU: ``sum_j nnz_j^2`` terms, at
    most ``K`` per answer, rather than ``m K^2``; they are summed with one ``bincount`` per
    block of PSUs holding up to ``_BLOCK`` products.
    """
    pair, point = np.nonzero(totals)  # row-major: sorted by PSU
    values = totals[pair, point]
    m = totals.shape[0]
    nnz = np.bincount(pair, minlength=m)
    first = np.cumsum(nnz) - nnz  # each PSU's first entry
    squares = np.cumsum(nnz * nnz)
    out = np.zeros(n_cells * k * k)
    lo = 0
    while lo < m:  # blocks of PSUs (a handful of passes, not one per PSU)
        done = int(squares[lo - 1]) if lo else 0
        hi = int(np.searchsorted(squares, done + _BLOCK, side="right"))
        hi = max(hi, lo + 1)
        e0, e1 = int(first[lo]), int(first[hi - 1] + nnz[hi - 1])
        entries = np.arange(e0, e1)
        reps = nnz[pair[entries]]
        a = np.repeat(entries, reps)  # each entry, once per entry of its PSU
        offset = np.arange(a.shape[0]) - np.repeat(np.cumsum(reps) - reps, reps)
        b = first[pair[a]] + offset
        index = (cell[pair[a]] * k + point[a]) * k + point[b]
        out += np.bincount(index, weights=values[a] * values[b], minlength=n_cells * k * k)
        lo = hi
    return out.reshape(n_cells, k * k)


def _psu_rows(
    pairs: NDArray[np.int64],
    n_clusters: int,
    totals: FloatArray,
    positive: NDArray[np.bool_],
    stratum_of: NDArray[np.intp],
) -> PsuRows:
    """The tallies per cluster from the sorted (group, cluster) pair codes
    ``group * n_clusters + cluster`` and their weight sums."""
    return PsuRows(
        group=_frozen((pairs // n_clusters).astype(np.int64)),
        psu=_frozen((pairs % n_clusters).astype(np.int64)),
        sums=_frozen(np.ascontiguousarray(totals, dtype=np.float64)),
        positive=_frozen(np.asarray(positive, dtype=bool)),
        stratum=_frozen(np.asarray(stratum_of, dtype=np.int64)),
    )


def _clustered(
    pairs: NDArray[np.int64],
    totals: FloatArray,
    has_weight: NDArray[np.bool_],
    n_clusters: int,
    stratum_of: NDArray[np.intp],
    g: int,
    h: int,
) -> tuple[NDArray[np.int64], FloatArray, PsuRows]:
    """From the sorted (group, cluster) pair codes and their point totals: the PSUs with
    weight per group and stratum, the cross-products, and the tallies per cluster."""
    pair_gh = (pairs // n_clusters) * h + stratum_of[pairs % n_clusters]
    present = np.bincount(pair_gh[has_weight], minlength=g * h)
    cross = _cross_products(totals, pair_gh, g * h, totals.shape[1])
    return present, cross, _psu_rows(pairs, n_clusters, totals, has_weight, stratum_of)


def _sums(
    s_keys: list[Any],
    psus: IntArray,
    population: FloatArray,
    sums: FloatArray,
    cross: FloatArray,
    present: NDArray[Any],
    nonzero: NDArray[Any],
    lonely_psu: LonelyPsu,
    rows: PsuRows | None,
) -> DesignSums:
    """The frozen :class:`DesignSums` of ``G x H x K`` sums and ``(G H) x K^2``
    cross-products (``rows`` is None without clusters)."""
    g, h, k = sums.shape
    return DesignSums(
        strata=tuple(s_keys),
        psus=_frozen(psus),
        population=_frozen(population),
        sums=_frozen(np.ascontiguousarray(sums)),
        cross=_frozen(cross.reshape(g, h, k, k)),
        present=_frozen(present.reshape(g, h).astype(np.int64)),
        nonzero=_frozen(np.asarray(nonzero).astype(np.int64)),
        clustered=rows is not None,
        lonely_psu=lonely_psu,
        rows=rows,
    )


def build(
    codes: NDArray[np.intp],
    k: int,
    *,
    weights: FloatArray | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    group_codes: NDArray[np.intp] | None = None,
    n_groups: int = 1,
    lonely_psu: str = "fail",
) -> DesignSums:
    """The design sums of answers coded as the scale's coder gives them.

    Parameters
    ----------
    codes : array of int, shape (n,)
        Point indices ``0..K-1``; ``K`` and above for answers left out (missing, invalid,
        non-answers), which add nothing to the sums but keep their PSU in the sample.
    k : int
        Number of points.
    weights : array of float, shape (n,), optional
        Sampling weights, already checked (1 for every answer when None).
    cluster, strata : array-like, shape (n,), optional
        PSU and stratum ids (any hashable values).
    fpc : array-like, shape (n,), optional
        Population PSUs in the answer's stratum, or the stratum's sampling fraction.
    group_codes : array of int, shape (n,), optional
        Group codes ``0..n_groups-1`` (one group when None).
    n_groups : int
    lonely_psu : {"fail", "adjust", "certainty", "remove", "average"}

    Raises
    ------
    LengthMismatchError
        For ids or fpc values not one per answer.
    DesignError
        For missing ids, a cluster in two strata, an fpc that varies within a stratum,
        mixes counts with fractions, is not positive, or is below the stratum's PSUs.

    Examples
    --------
    >>> import numpy as np
    >>> d = build(np.array([0, 1, 1, 0]), 2, cluster=["a", "a", "b", "c"])
    >>> d.psus.tolist(), d.sums[0, 0].tolist()
    ([3], [2.0, 2.0])
    >>> d.cross[0, 0].tolist()
    [[2.0, 1.0], [1.0, 2.0]]
    """
    chosen = _core.check_lonely_psu(lonely_psu)
    codes = np.asarray(codes, dtype=np.intp)
    n = codes.shape[0]
    if weights is not None and weights.shape[0] != n:
        raise LengthMismatchError(f"weights has {weights.shape[0]} entries but there are {n}")
    if group_codes is None:
        group_codes = np.zeros(n, np.intp)
    s, s_keys, c, n_c, stratum_of, psus = _structure(n, cluster, strata)
    h = len(s_keys)
    g = n_groups
    answered = codes < k
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    a_codes, a_w, a_g, a_s = codes[answered], w[answered], group_codes[answered], s[answered]
    gh = a_g.astype(np.int64) * h + a_s
    bins = gh * k + a_codes
    sums = np.asarray(
        np.bincount(bins, weights=a_w, minlength=g * h * k), dtype=np.float64
    ).reshape(g, h, k)
    positive = a_w != 0
    if c is None:
        cross = np.zeros((g * h, k * k))
        wsq = np.bincount(bins, weights=a_w * a_w, minlength=g * h * k).reshape(g * h, k)
        cross[:, :: k + 1] = wsq
        present = np.bincount(gh[positive], minlength=g * h)
        rows = None
    else:
        pair = a_g.astype(np.int64) * n_c + c[answered]
        uniq, inverse = np.unique(pair, return_inverse=True)
        m = uniq.shape[0]
        totals = np.asarray(
            np.bincount(inverse.reshape(-1) * k + a_codes, weights=a_w, minlength=m * k),
            dtype=np.float64,  # numpy's stubs type every bincount as integers
        ).reshape(m, k)
        has_weight = np.bincount(inverse.reshape(-1)[positive], minlength=m) > 0
        present, cross, rows = _clustered(uniq, totals, has_weight, n_c, stratum_of, g, h)
    population = np.full(h, np.inf) if fpc is None else _fpc(fpc, n, s, s_keys, psus)
    nonzero = np.bincount(a_g[positive], minlength=g)
    return _sums(s_keys, psus, population, sums, cross, present, nonzero, chosen, rows)


def from_cells(
    sums: FloatArray,
    squares: FloatArray,
    positive: IntArray,
    rows: IntArray,
    group_codes: NDArray[np.intp],
    n_groups: int,
    *,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    lonely_psu: str = "fail",
) -> DesignSums:
    """The design sums from cells an engine aggregated: one cell per group, stratum and
    cluster (per group and stratum without clusters), with its weight sums ``sums`` and
    squared weight sums ``squares`` per point (``m x K``), its answers with a nonzero
    weight (``positive``), and all its rows (``rows``: answers and
    rows left out, which keep their PSU in the sample, as in :func:`build`).

    ``cluster``, ``strata`` and ``fpc`` give each cell's ids and fpc. Several cells of a
    group may hold the same cluster (a week spanning two years): they are summed first.
    The checks and conventions are :func:`build`'s.
    """
    chosen = _core.check_lonely_psu(lonely_psu)
    m, k = sums.shape
    g = n_groups
    s, s_keys, c, n_c, stratum_of, psus = _structure(m, cluster, strata)
    h = len(s_keys)
    if c is None:  # each row its own PSU: a stratum has as many PSUs as rows
        psus = np.bincount(s, weights=rows, minlength=h).astype(np.int64)
    gh = group_codes.astype(np.int64) * h + s
    cell_sums = np.zeros((g * h, k))
    np.add.at(cell_sums, gh, sums)
    if c is None:
        cross = np.zeros((g * h, k * k))
        diagonal = np.zeros((g * h, k))
        np.add.at(diagonal, gh, squares)
        cross[:, :: k + 1] = diagonal
        present = np.bincount(gh, weights=positive, minlength=g * h)
        per_psu = None
    else:
        pair = group_codes.astype(np.int64) * n_c + c
        uniq, inverse = np.unique(pair, return_inverse=True)
        totals = np.zeros((uniq.shape[0], k))
        np.add.at(totals, inverse.reshape(-1), sums)
        weighty = np.bincount(inverse.reshape(-1), weights=positive, minlength=uniq.shape[0])
        present, cross, per_psu = _clustered(uniq, totals, weighty > 0, n_c, stratum_of, g, h)
    population = np.full(h, np.inf) if fpc is None else _fpc(fpc, m, s, s_keys, psus)
    nonzero = np.bincount(group_codes, weights=positive, minlength=g)
    sums_ghk = cell_sums.reshape(g, h, k)
    return _sums(s_keys, psus, population, sums_ghk, cross, present, nonzero, chosen, per_psu)
