"""Hochberg and Hommel adjusted p-values against statsmodels' ``multipletests``
(``method="simes-hochberg"`` and ``"hommel"``, statsmodels 0.15) and R's ``p.adjust``."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

import satisfy
from satisfy._stats import multiplicity

THEIRS = {"hochberg": "simes-hochberg", "hommel": "hommel"}

# p-values drawn from a few values, so ties are common, and from anywhere in [0, 1]
p_value = st.one_of(
    st.sampled_from([0.0, 0.001, 0.01, 0.02, 0.04, 0.05, 0.2, 0.5, 1.0]),
    st.floats(0, 1, allow_nan=False),
)


@pytest.mark.parametrize("adjust", ["hochberg", "hommel"])
@given(p=st.lists(p_value, min_size=1, max_size=40))
def test_hochberg_and_hommel_agree_with_statsmodels(adjust, p):
    p = np.array(p)
    ours = multiplicity.adjust(p, adjust)
    np.testing.assert_allclose(ours, multipletests(p, method=THEIRS[adjust])[1], atol=1e-12)


@pytest.mark.parametrize("adjust", ["hochberg", "hommel"])
@given(
    p=st.lists(st.one_of(p_value, st.just(float("nan"))), min_size=1, max_size=30),
)
def test_nan_is_kept_and_not_counted(adjust, p):
    # as the other adjustments: NaN stays NaN and the rest are adjusted as a family of
    # their own
    p = np.array(p)
    ours = multiplicity.adjust(p, adjust)
    nan = np.isnan(p)
    assert np.isnan(ours[nan]).all()
    if (~nan).any():
        want = multipletests(p[~nan], method=THEIRS[adjust])[1]
        np.testing.assert_allclose(ours[~nan], want, atol=1e-12)


def test_published_values_of_r_p_adjust():
    # R 4.2.2: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "hommel") -> all 0.05;
    # p.adjust(c(0.01, 0.04, 0.03, 0.005), "hochberg") -> 0.03 0.04 0.04 0.02;
    # p.adjust(c(0.01, 0.04, 0.03, 0.005), "hommel") -> 0.03 0.04 0.04 0.02
    np.testing.assert_allclose(
        multiplicity.adjust(np.array([0.01, 0.02, 0.03, 0.04, 0.05]), "hommel"), [0.05] * 5
    )
    p = np.array([0.01, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(multiplicity.adjust(p, "hochberg"), [0.03, 0.04, 0.04, 0.02])
    np.testing.assert_allclose(multiplicity.adjust(p, "hommel"), [0.03, 0.04, 0.04, 0.02])


def test_large_families_agree_with_statsmodels():
    rng = np.random.default_rng(8)
    p = np.round(rng.random(3000) ** 3, 4)  # rounded: many ties
    for adjust, theirs in THEIRS.items():
        np.testing.assert_allclose(
            multiplicity.adjust(p, adjust), multipletests(p, method=theirs)[1], atol=1e-12
        )


def test_the_public_function_offers_them():
    p = [0.01, 0.04, 0.03, 0.005]
    for adjust, theirs in THEIRS.items():
        np.testing.assert_allclose(
            satisfy.adjust_pvalues(p, adjust=adjust), multipletests(p, method=theirs)[1]
        )
