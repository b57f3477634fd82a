"""What must always hold for non-answers and invalid answers left out (hypothesis).

- merging tallies adds their ``non_answers`` and ``invalid`` (and a tally of the whole
  is the merge of the tallies of its parts);
- a non-answer never changes a metric: adding non-answer codes to the answers leaves every
  value and interval identical and raises ``non_answers`` by their count.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, Tally
from satisfy.errors import ScaleError
from satisfy.testing import answers, scales

METRICS = ("csat", "top_box", "bottom_box", "net_satisfaction", "mean_score", "pomp_mean")


@st.composite
def scales_with_non_answers(draw: st.DrawFn) -> satisfy.Scale:
    scale = draw(scales())
    far = scale.high + draw(st.sampled_from([89, 1000, 0.25]))  # off the scale
    codes = draw(
        st.lists(
            st.sampled_from(["N/A", "Don't know", "Vet ikke", "Weiß nicht", "offered", far]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    try:
        return scale.with_non_answers(codes)
    except ScaleError:  # 0.25 past high is a point of a half-point scale
        assume(False)
        raise


def non_answer_codes(scale: satisfy.Scale) -> st.SearchStrategy[object]:
    """Non-answer codes as they come in data: in any case and spacing, numbers as text."""
    forms = []
    for code in scale.non_answers:
        if isinstance(code, str):
            forms += [code, code.upper(), f"  {code.lower()} "]
        else:
            forms += [code, f"{code:g}", float(code)]
    return st.sampled_from(forms)


INVALID = st.sampled_from(["0x9", "9 10", "?", 1e9, True])


@st.composite
def mixed_answers(draw: st.DrawFn, scale: satisfy.Scale) -> list[object]:
    good = draw(st.lists(answers(scale), max_size=15))
    non = draw(st.lists(non_answer_codes(scale), max_size=6))
    bad = draw(st.lists(INVALID, max_size=4))
    return draw(st.permutations(good + non + bad))


@given(data=st.data())
def test_merging_tallies_adds_non_answers_and_invalid(data):
    scale = data.draw(scales_with_non_answers())
    values = data.draw(mixed_answers(scale))
    cut = data.draw(st.integers(0, len(values)))
    whole = Tally.from_scores(values, scale=scale, invalid_policy="omit")
    first = Tally.from_scores(values[:cut], scale=scale, invalid_policy="omit")
    second = Tally.from_scores(values[cut:], scale=scale, invalid_policy="omit")
    merged = first + second
    assert merged == whole
    assert merged.non_answers == first.non_answers + second.non_answers
    assert merged.invalid == first.invalid + second.invalid
    assert sum([first, second]) == whole
    assert whole.n + whole.missing + whole.non_answers == len(values)
    assert whole.invalid <= whole.missing
    # grouped: the same, per group and over the groups
    keys = data.draw(st.lists(st.sampled_from("ab"), min_size=len(values), max_size=len(values)))
    grouped = GroupedTally.from_scores(values, by=keys, scale=scale, invalid_policy="omit")
    assert grouped.total() == whole
    halves = GroupedTally.from_scores(
        values[:cut], by=keys[:cut], scale=scale, invalid_policy="omit"
    ) + GroupedTally.from_scores(values[cut:], by=keys[cut:], scale=scale, invalid_policy="omit")
    assert halves == grouped
    assert GroupedTally.from_long(grouped.to_long(), scale=scale) == grouped


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@given(data=st.data())
def test_a_non_answer_never_changes_a_metric(data):
    scale = data.draw(scales_with_non_answers())
    good = data.draw(st.lists(answers(scale, missing=False), min_size=1, max_size=20))
    non = data.draw(st.lists(non_answer_codes(scale), min_size=1, max_size=8))
    # where the non-answers go among the answers (each answer keeps its place and weight)
    flags = data.draw(st.permutations([False] * len(good) + [True] * len(non)))
    answers_left, non_left = iter(range(len(good))), iter(non)
    order = [None if flag else next(answers_left) for flag in flags]
    mixed = [next(non_left) if i is None else good[i] for i in order]
    w_good = w_mixed = None
    if data.draw(st.booleans()):
        w_good = np.linspace(0.5, 2.0, len(good))
        w_mixed = np.array([3.0 if i is None else w_good[i] for i in order])
    plain = Tally.from_scores(good, scale=scale, weights=w_good)
    with_non = Tally.from_scores(mixed, scale=scale, weights=w_mixed)
    assert with_non.non_answers == plain.non_answers + len(non)
    assert (with_non.n, with_non.missing) == (plain.n, plain.missing)
    for name in METRICS:
        try:
            definition = satisfy.METRICS[name].definition(scale)
        except satisfy.SatisfyError:  # a metric that does not fit this scale (2 points)
            continue
        a = satisfy.Estimate.from_tally(definition, plain)
        b = satisfy.Estimate.from_tally(definition, with_non)
        assert _same(a.value, b.value)
        assert _same(a.se, b.se)
        ci_a, ci_b = a.confidence_interval(), b.confidence_interval()
        assert _same(ci_a.low, ci_b.low) and _same(ci_a.high, ci_b.high)
        assert b.non_answers == len(non) and a.non_answers == 0
