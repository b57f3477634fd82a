"""The machinery behind :mod:`satisfy.weighting`: columns, margins, the fitting and the
variance after calibration, on plain numpy arrays.

Raking works on the cells of the cross-classification of the margin variables, not on the
rows: the base weight sum per cell is the sufficient statistic (a weighted tally), each
sweep is one ``bincount`` per margin over the cells, and the weights are the base weights
times their cell's factor at the end. Calibration (linear or raking calfun) works on the
model matrix of the categorical indicators and numeric columns, by weighted least squares
(linear) or Newton steps (raking), as Deville and Särndal (1992) give them.
"""

from __future__ import annotations

import importlib
import numbers
import warnings
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _coding, _grouping
from ._weights import check_weights
from .errors import CalibrationError, ColumnError, LengthMismatchError, SatisfyError

__all__ = [
    "Margin",
    "Model",
    "build_margins",
    "calibrate_linear",
    "calibrate_raking",
    "check_bounds",
    "check_positive_int",
    "check_tolerance",
    "fetch_columns",
    "names_of",
    "numeric_totals",
    "rake_cells",
    "residual_se",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: relative slack within which the totals of different margins must agree
TOTALS_RTOL = 1e-6


def names_of(key: Any) -> tuple[str, ...]:
    if isinstance(key, str):
        return (key,)
    if isinstance(key, tuple) and key and all(isinstance(k, str) for k in key):
        return key
    raise SatisfyError(
        f"a margin is named by a column name or a tuple of column names, got {key!r}"
    )


def _label(names: tuple[str, ...]) -> str:
    return repr(names[0]) if len(names) == 1 else " x ".join(repr(n) for n in names)


def fetch_columns(data: Any, names: Sequence[str], *, what: str = "data") -> dict[str, Any]:
    """The named columns of a mapping of columns or an eager dataframe, as 1-D arrays of
    one length (a :class:`ColumnError` names a column that is not there)."""
    out: dict[str, Any] = {}
    if isinstance(data, Mapping):
        keys = {str(k): k for k in data}
        for name in names:
            if name not in keys:
                listed = ", ".join(repr(k) for k in keys) or "none"
                raise ColumnError(f"{what} has no column {name!r}; columns: {listed}")
            out[name] = _coding.as_array(data[keys[name]], what=name)
    else:
        try:
            nw = importlib.import_module("narwhals")
        except ImportError:  # pragma: no cover - depends on the environment
            raise SatisfyError(
                f"{what} must be a mapping of columns, or a dataframe (with narwhals installed)"
            ) from None
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
            try:
                frame = nw.from_native(data)
            except TypeError:
                raise SatisfyError(
                    f"{what}: {type(data).__name__} is neither a mapping of columns nor a "
                    "dataframe that narwhals supports"
                ) from None
            columns = list(frame.columns)
            missing = [name for name in names if name not in columns]
            if missing:
                listed = ", ".join(repr(str(k)) for k in columns) or "none"
                raise ColumnError(f"{what} has no column {missing[0]!r}; columns: {listed}")
            if isinstance(frame, nw.LazyFrame):
                frame = frame.select(list(names)).collect()
            for name in names:
                out[name] = _coding.as_array(frame.get_column(name).to_native(), what=name)
    lengths = {name: arr.shape[0] for name, arr in out.items()}
    if len(set(lengths.values())) > 1:
        first = next(iter(lengths))
        other = next(n for n in lengths if lengths[n] != lengths[first])
        raise LengthMismatchError(
            f"the columns of {what} have different lengths: {first!r} has "
            f"{lengths[first]}, {other!r} has {lengths[other]}"
        )
    return out


def base_weights(weights: Any, n: int) -> FloatArray:
    """Base weights (ones when None), checked by the library's weight rule."""
    if weights is None:
        return np.ones(n)
    arr = np.asarray(_coding.as_array(weights, what="weights"), dtype=np.float64)
    if arr.shape[0] != n:
        raise LengthMismatchError(f"weights has {arr.shape[0]} entries but there are {n} rows")
    check_weights(arr, what="weights")
    return arr


def _total(value: Any, where: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise CalibrationError(f"{where}: the total {value!r} is not a number")
    x = float(value)
    if not np.isfinite(x) or x <= 0:
        raise CalibrationError(f"{where}: the total {value!r} must be a finite number above 0")
    return x


@attrs.frozen
class Margin:
    """One margin: its column(s), each row's level (index into ``levels``), the targets."""

    names: tuple[str, ...]
    codes: IntArray = attrs.field(eq=False)
    levels: tuple[Hashable, ...]
    targets: FloatArray = attrs.field(eq=False)

    @property
    def label(self) -> str:
        return _label(self.names)


def _level_key(level: Any, names: tuple[str, ...]) -> Hashable:
    if len(names) > 1 and (not isinstance(level, tuple) or len(level) != len(names)):
        raise CalibrationError(
            f"margin {_label(names)}: a cell is a tuple of {len(names)} categories, "
            f"one per column, got {level!r}"
        )
    if isinstance(level, np.generic):
        return level.item()  # type: ignore[no-any-return]
    return level  # type: ignore[no-any-return]


def build_margins(
    columns: Mapping[str, Any],
    spec: Any,
    d: FloatArray,
    *,
    total: float | None,
    what: str,
) -> list[Margin]:
    """Margins checked against the data: every category in the data is listed, every
    listed category has a row with weight, every total is positive, and the margins'
    totals agree (or, with ``total``, every margin's shares sum to 1 or to 100)."""
    if not isinstance(spec, Mapping) or not spec:
        raise CalibrationError(
            f"{what} must be a mapping of column names to {{category: total}} mappings"
        )
    margins: list[Margin] = []
    for key, levels in spec.items():
        names = names_of(key)
        label = _label(names)
        if not isinstance(levels, Mapping) or not levels:
            raise CalibrationError(
                f"{what} {label}: give a mapping of each category to its population total"
            )
        listed = {_level_key(level, names): level for level in levels}
        targets = np.array(
            [_total(v, f"{what} {label}, category {k!r}") for k, v in levels.items()]
        )
        if total is not None:
            share = float(targets.sum())
            if abs(share - 1.0) <= TOTALS_RTOL or abs(share - 100.0) <= 100.0 * TOTALS_RTOL:
                targets = targets / share * total
            else:
                raise CalibrationError(
                    f"{what} {label}: with total= the categories are shares, which must sum "
                    f"to 1 (or to 100 as percentages); they sum to {share:g}"
                )
        codes, keys, _ = _grouping.group_codes({name: columns[name] for name in names})
        position = {k: i for i, k in enumerate(listed)}
        found = [position.get(k) for k in keys]
        unlisted = [i for i, p in enumerate(found) if p is None]
        if unlisted:
            counts = np.bincount(codes, minlength=len(keys))
            bad = unlisted[0]
            rows = int(counts[bad])
            shown = ", ".join(repr(k) for k in list(listed)[:8])
            raise CalibrationError(
                f"margin {label}: {rows} row{'s' if rows != 1 else ''} "
                f"{'have' if rows != 1 else 'has'} the category {keys[bad]!r}, which the "
                f"{what} do not list (they list {shown}"
                f"{', ...' if len(listed) > 8 else ''}); add it to the {what} or leave "
                "those rows out"
            )
        mapping = np.asarray(found, dtype=np.intp)
        row_level = mapping[codes]
        weight = np.bincount(row_level, weights=d, minlength=len(listed))
        empty = np.flatnonzero(weight <= 0)
        if empty.size:
            cell = list(listed)[int(empty[0])]
            none = not np.any(row_level == empty[0])
            raise CalibrationError(
                f"{what} {label}: the category {cell!r} has "
                f"{'no row in the sample' if none else 'rows whose weights are all 0'}, so "
                "no weight can be raised to its total; merge it with a neighbouring category "
                "(in the data and the margins) or leave it out"
            )
        margins.append(Margin(names, row_level, tuple(listed), targets))
    totals = [float(m.targets.sum()) for m in margins]
    if max(totals) - min(totals) > TOTALS_RTOL * max(totals):
        listed_totals = ", ".join(f"{m.label}: {t:g}" for m, t in zip(margins, totals))
        raise CalibrationError(
            f"the {what} disagree on the population total ({listed_totals}); each margin "
            "must sum to the same total (give shares and total= to scale them alike)"
        )
    # totals that agree within the slack are made to agree exactly (to the first one's),
    # else raking would chase a difference of rounding and never converge
    return [
        attrs.evolve(m, targets=m.targets * (totals[0] / t)) if t != totals[0] else m
        for m, t in zip(margins, totals)
    ]


def numeric_totals(
    columns: Mapping[str, Any], spec: Mapping[str, Any]
) -> tuple[list[str], FloatArray, FloatArray]:
    """Names, the n x q matrix and the totals of the numeric calibration variables."""
    names = list(spec)
    matrix = np.empty((next(iter(columns.values())).shape[0] if columns else 0, len(names)))
    targets = np.empty(len(names))
    for j, name in enumerate(names):
        value = spec[name]
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
            raise CalibrationError(f"totals[{name!r}] must be a number, got {value!r}")
        targets[j] = float(value)
        if not np.isfinite(targets[j]):
            raise CalibrationError(f"totals[{name!r}] must be finite, got {value!r}")
        try:
            column = np.asarray(columns[name], dtype=np.float64)
        except (TypeError, ValueError):
            raise CalibrationError(
                f"column {name!r} has a number as its total, so its values must be numbers "
                "(for a categorical column give {category: total})"
            ) from None
        bad = np.flatnonzero(~np.isfinite(column))
        if bad.size:
            raise CalibrationError(
                f"column {name!r}: {bad.size} values are missing or not finite, first at "
                f"position {int(bad[0])}; calibration needs a value on every row"
            )
        matrix[:, j] = column
    return names, matrix, targets


def check_positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral) or value < 1:
        raise SatisfyError(f"{name}={value!r}: give a whole number of at least 1")
    return int(value)


def check_tolerance(value: Any) -> float:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)
    if not ok or not 0 < float(value) < 1:
        raise SatisfyError(f"tol={value!r}: give a relative tolerance between 0 and 1")
    return float(value)


def check_bounds(bounds: Any) -> tuple[float, float] | None:
    if bounds is None:
        return None
    try:
        low, high = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise SatisfyError(
            f"bounds={bounds!r}: give (low, high) limits of the weight ratio new / base weight"
        ) from None
    if not (0 <= low <= 1 <= high):
        raise SatisfyError(
            f"bounds={bounds!r}: the limits of the ratio new / base weight must satisfy "
            "0 <= low <= 1 <= high"
        )
    return low, high


def _relative_error(achieved: NDArray[Any], targets: FloatArray) -> float:
    scale = np.maximum(np.abs(targets), 1e-300)
    return float(np.max(np.abs(achieved - targets) / scale)) if targets.size else 0.0


def margin_error(margins: Sequence[Margin], w: FloatArray) -> float:
    """The largest relative miss of any margin's total by the weights ``w``."""
    errors = [
        _relative_error(np.bincount(m.codes, weights=w, minlength=len(m.levels)), m.targets)
        for m in margins
    ]
    return max(errors) if errors else 0.0


def rake_cells(
    margins: Sequence[Margin],
    d: FloatArray,
    *,
    max_iter: int,
    tol: float,
    bounds: tuple[float, float] | None,
) -> tuple[FloatArray, bool, int, float]:
    """Iterative proportional fitting on the cells of the margins' cross-classification.

    Returns (weights, converged, iterations, largest relative margin miss).
    """
    if len(margins) == 1:
        cell = margins[0].codes
        cell_levels = [np.arange(len(margins[0].levels), dtype=np.intp)]
    else:
        cell, keys, _ = _grouping.group_codes({str(i): m.codes for i, m in enumerate(margins)})
        table = np.asarray(keys, dtype=np.intp).reshape(len(keys), len(margins))
        cell_levels = [table[:, j] for j in range(len(margins))]
    n_cells = len(cell_levels[0])
    base = np.bincount(cell, weights=d, minlength=n_cells)
    factor = np.ones(n_cells)
    error = np.inf
    iterations = 0
    converged = False
    with np.errstate(divide="ignore", invalid="ignore"):
        while iterations < max_iter:
            iterations += 1
            for m, levels in zip(margins, cell_levels):
                achieved = np.bincount(levels, weights=base * factor, minlength=len(m.levels))
                factor *= (m.targets / achieved)[levels]
            if bounds is not None:
                np.clip(factor, bounds[0], bounds[1], out=factor)
            cells_w = base * factor
            error = max(
                _relative_error(
                    np.bincount(levels, weights=cells_w, minlength=len(m.levels)), m.targets
                )
                for m, levels in zip(margins, cell_levels)
            )
            if error <= tol:
                converged = True
                break
    return d * factor[cell], converged, iterations, float(error)


@attrs.frozen
class Model:
    """What the variance after calibration needs: the base weights and the calibration
    variables (categorical codes and numeric columns), whose span the residuals leave."""

    base: FloatArray = attrs.field(eq=False)
    categorical: tuple[tuple[IntArray, int], ...] = attrs.field(eq=False)
    numeric: FloatArray | None = attrs.field(eq=False, default=None)

    def matrix(self) -> FloatArray:
        n = self.base.shape[0]
        blocks: list[FloatArray] = []
        for codes, k in self.categorical:
            onehot = np.zeros((n, k))
            onehot[np.arange(n), codes] = 1.0
            blocks.append(onehot)
        if self.numeric is not None:
            blocks.append(self.numeric)
        return np.concatenate(blocks, axis=1) if blocks else np.zeros((n, 0))

    def residuals(self, u: FloatArray) -> FloatArray:
        """``u - X B``, B the base-weighted least-squares fit of ``u`` (n x G) on X.

        With categorical variables only, the fit runs on the cells of their
        cross-classification: the base-weighted sums of ``u`` per cell (one sparse product
        over the rows), the normal equations on the few cells, and each row's fitted value
        is its cell's. With numeric variables it is a least-squares solve on the rows.
        """
        d = self.base
        if self.numeric is None and self.categorical:
            from scipy import sparse

            n = d.shape[0]
            if len(self.categorical) == 1:
                cell, k = self.categorical[0]
                table = np.arange(k, dtype=np.intp)[:, None]
            else:
                parts = {str(i): codes for i, (codes, _) in enumerate(self.categorical)}
                cell, keys, _ = _grouping.group_codes(parts)
                table = np.asarray(keys, dtype=np.intp).reshape(len(keys), len(parts))
            n_cells = table.shape[0]
            onehot = sparse.csr_matrix(
                (d, (np.arange(n), cell)), shape=(n, n_cells)
            )  # base weights in place of ones: onehot.T @ u is the base-weighted sum per cell
            sums = np.asarray(onehot.T @ u)
            dsum = np.bincount(cell, weights=d, minlength=n_cells)
            blocks = []
            for j, (_, k) in enumerate(self.categorical):
                block = np.zeros((n_cells, k))
                block[np.arange(n_cells), table[:, j]] = 1.0
                blocks.append(block)
            xc = np.concatenate(blocks, axis=1)
            gram = xc.T @ (dsum[:, None] * xc)
            coef = np.linalg.lstsq(gram, xc.T @ sums, rcond=None)[0]
            return np.asarray(u - (xc @ coef)[cell])
        x = self.matrix()
        root = np.sqrt(d)[:, None]
        coef = np.linalg.lstsq(x * root, u * root, rcond=None)[0]
        return np.asarray(u - x @ coef)


def calibrate_linear(x: FloatArray, d: FloatArray, targets: FloatArray) -> FloatArray:
    """Linear (GREG) calibration: ``w = d (1 + x' lambda)`` meeting ``X' w = T``
    (Deville and Särndal 1992, the chi-square distance)."""
    gram = x.T @ (d[:, None] * x)
    lam = np.linalg.lstsq(gram, targets - x.T @ d, rcond=None)[0]
    return np.asarray(d * (1.0 + x @ lam))


def calibrate_raking(
    x: FloatArray,
    d: FloatArray,
    targets: FloatArray,
    *,
    max_iter: int,
    tol: float,
    population: float | None = None,
) -> tuple[FloatArray, bool, int, float]:
    """Raking calibration ``w = d exp(x' lambda)`` by Newton steps (Deville, Särndal and
    Sautory 1993), as ``survey::grake`` does; (weights, converged, iterations, error).

    With categorical totals (``population`` their common total) the start is the base
    weights scaled to that total, which lies in the same family (the indicators of a
    category sum to 1); a step that does not lower the largest relative miss is halved,
    so a start far from the totals does not overshoot.
    """
    start = d * (population / d.sum()) if population is not None and d.sum() > 0 else d
    lam = np.zeros(x.shape[1])
    w = start.copy()
    error = _relative_error(x.T @ w, targets)
    iterations = 0
    converged = error <= tol
    with np.errstate(over="ignore", invalid="ignore"):
        while not converged and iterations < max_iter:
            iterations += 1
            gram = x.T @ (w[:, None] * x)
            step = np.linalg.lstsq(gram, targets - x.T @ w, rcond=None)[0]
            for _ in range(60):
                trial = start * np.exp(x @ (lam + step))
                trial_error = (
                    _relative_error(x.T @ trial, targets) if np.all(np.isfinite(trial)) else np.inf
                )
                if trial_error < error:
                    break
                step = step / 2
            else:
                break  # no step lowers the miss: the totals cannot be met
            lam = lam + step
            w, error = trial, trial_error
            converged = error <= tol
    return np.asarray(w), bool(converged), iterations, float(error)


def residual_se(
    y: FloatArray,
    member: NDArray[np.bool_],
    w: FloatArray,
    model: Model | None,
) -> tuple[FloatArray, FloatArray]:
    """Values and linearised standard errors of weighted means of ``y`` over the domains
    ``member`` (n x G), after the calibration ``model`` (None: weights taken as fixed).

    The estimating function of domain g is ``z_i = w_i (y_i - ybar_g) / W_g`` on its rows
    and 0 elsewhere; after calibration it is replaced by ``e_i = w_i (u_i - x_i' B)`` with
    ``u = z / w`` and B the base-weighted regression of u on the calibration variables
    (Deville and Särndal 1992; ``survey::svyrecvar``). The variance is
    ``n / (n - 1) * sum_i (e_i - mean e)^2`` over all n rows, as ``svymean`` gives it for a
    design with one stage and no strata.
    """
    n = w.shape[0]
    wm = np.where(member, w[:, None], 0.0)
    yy = np.where(member, y[:, None], 0.0)
    total = wm.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = (wm * yy).sum(axis=0) / total
        u = np.where(member, (yy - value[None, :]) / total[None, :], 0.0)
    if model is not None:
        u = model.residuals(u)
    e = w[:, None] * u
    e = e - e.mean(axis=0, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (e * e).sum(axis=0) * (n / (n - 1.0)) if n > 1 else np.full(e.shape[1], np.nan)
    return np.asarray(value), np.asarray(np.sqrt(var))
