"""Fixed-seed slice of the type I error simulation: the default NPS and share tests keep
their level at alpha = 0.05 with 200 answers per group (the full table is printed by
``simulations/type_one_error.py``)."""

import pytest

from satisfy._simulation import GRID, type_one_error

CELLS = [("nps", "adjusted-wald", dist.name, dist.probabilities) for dist in GRID["nps"][:4]] + [
    ("share", "newcombe", dist.name, dist.probabilities) for dist in GRID["share"][:4]
]


@pytest.mark.parametrize(
    ("metric", "method", "name", "probabilities"), CELLS, ids=[f"{c[0]}-{c[2]}" for c in CELLS]
)
def test_default_tests_keep_their_level_at_200_per_group(metric, method, name, probabilities):
    result = type_one_error(metric, method, 200, probabilities, replicates=4000, rng=7)
    assert 0.03 <= result.rate <= 0.07, (name, result.rate)
