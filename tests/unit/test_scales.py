"""Scales: presets, parsing of every accepted form, conversion and POMP."""

import numpy as np
import pytest

from satisfy import InvalidScoreError, Scale, convert, scales


def test_presets():
    assert scales.NPS.points.tolist() == list(range(11))
    assert scales.CSAT5.labels[0] == "Very dissatisfied"
    assert scales.CSAT5.labels[-1] == "Very satisfied"
    assert scales.CES7.n_points == 7
    assert scales.CES7.higher_is_better
    assert "easy" in scales.CES7.question
    assert not scales.CES5.higher_is_better
    assert scales.LIKERT5.n_points == 5
    assert scales.LIKERT7.n_points == 7
    assert scales.STARS5.points.tolist() == [1, 2, 3, 4, 5]
    assert scales.HALF_STARS.points.tolist() == [0.5 * i for i in range(1, 11)]
    assert scales.ACSI10.points.tolist() == list(range(1, 11))
    assert set(scales.PRESETS) == {
        "NPS",
        "CSAT5",
        "CES7",
        "CES5",
        "LIKERT5",
        "LIKERT7",
        "STARS5",
        "HALF_STARS",
        "ACSI10",
    }


@pytest.mark.parametrize(
    ("scale", "answer", "index"),
    [
        (scales.NPS, 9, 9),
        (scales.NPS, 9.0, 9),
        (scales.NPS, np.int8(9), 9),
        (scales.NPS, "9", 9),
        (scales.NPS, " 10 ", 10),
        (scales.NPS, "9 - Extremely likely", 9),
        (scales.NPS, "0: Not at all likely", 0),
        (scales.CSAT5, "5 (Very satisfied)", 4),
        (scales.CSAT5, "very  SATISFIED", 4),
        (scales.CSAT5, "Neither satisfied nor dissatisfied", 2),
        (scales.CSAT5, "4 - satisfied", 3),
        (scales.STARS5, "5 stars", 4),
        (scales.STARS5, "1 star", 0),
        (scales.HALF_STARS, "4.5", 8),
        (scales.HALF_STARS, "4,5", 8),
        (scales.HALF_STARS, 0.5, 0),
        (scales.CES5, "Very low effort", 0),
        (scales.CES7, "strongly agree", 6),
    ],
)
def test_every_accepted_form_codes_to_its_point(scale, answer, index):
    assert scale.encode([answer]).tolist() == [index]


def test_missing_forms():
    codes = scales.NPS.encode([None, float("nan"), "", "   ", np.nan])
    assert codes.tolist() == [-1] * 5


def test_string_arrays_parse_each_distinct_value():
    arr = np.array(["Satisfied", "Very satisfied", "Satisfied", "3"])
    assert scales.CSAT5.encode(arr).tolist() == [3, 4, 3, 2]


def test_decode_and_parse():
    assert scales.CSAT5.parse(["Satisfied", None]).tolist()[0] == 4.0
    assert np.isnan(scales.CSAT5.parse([None])[0])


def test_label_of():
    assert scales.CSAT5.label_of(1) == "Very dissatisfied"
    assert scales.HALF_STARS.label_of(4.5) == "4.5"


def test_convert_ends_to_ends():
    assert convert([0, 5, 10], scales.NPS, scales.CSAT5).tolist() == [1.0, 3.0, 5.0]
    assert convert(["Very satisfied"], scales.CSAT5, scales.NPS).tolist() == [10.0]
    # lower-is-better to higher-is-better turns the direction
    assert convert([1, 3, 5], scales.CES5, scales.CES7).tolist() == [7.0, 4.0, 1.0]
    assert np.isnan(convert([None], scales.CSAT5, scales.NPS)[0])


def test_pomp():
    assert scales.NPS.pomp([0, 5, 10]).tolist() == [0.0, 50.0, 100.0]
    assert scales.HALF_STARS.pomp([0.5, 5.0]).tolist() == [0.0, 100.0]
    assert scales.CES5.pomp([1, 2]).tolist() == [100.0, 75.0]
    assert scales.CES5.from_pomp([100.0, 75.0]).tolist() == [1.0, 2.0]


def test_repr_and_str():
    assert str(scales.NPS) == "NPS (0-10)"
    assert str(scales.HALF_STARS) == "HALF_STARS (0.5-5 by 0.5)"
    assert (
        repr(scales.CES5)
        == "Scale(CES5: 1-5, labels Very low effort..Very high effort, lower is better)"
    )
    assert str(Scale(1, 3)) == "(1-3)"


def test_scales_are_frozen_and_hashable():
    assert hash(scales.NPS) == hash(Scale(0, 10, name="NPS"))
    assert Scale(0, 10, name="NPS") == scales.NPS
    with pytest.raises(AttributeError):
        scales.NPS.low = 1  # type: ignore[misc]


def test_convert_maps_positions_so_converted_values_convert_back():
    # issue 12: CSAT5 -> NPS gives 0, 2.5, 5, 7.5, 10, and converting those back to CSAT5
    # was refused because 2.5 is not an NPS point
    there = convert([1, 2, 3, 4, 5], scales.CSAT5, scales.NPS)
    assert there.tolist() == [0.0, 2.5, 5.0, 7.5, 10.0]
    assert convert(there, scales.NPS, scales.CSAT5).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    # a mean is a position too; the direction is respected
    assert convert([4.2], scales.CSAT5, scales.NPS).tolist() == pytest.approx([8.0])
    assert convert([1.5], scales.CES5, scales.CES7).tolist() == pytest.approx([6.25])
    # labels and missing answers as before
    assert convert(["Satisfied", None], scales.CSAT5, scales.NPS)[0] == 7.5


@pytest.mark.parametrize("bad", [[1, 6], [0.5], [3, "meh"], [True], [float("inf")]])
def test_convert_refuses_values_outside_the_range(bad):
    with pytest.raises(InvalidScoreError, match="Positions are numbers from 1 to 5") as info:
        convert(bad, scales.CSAT5, scales.NPS)
    assert info.value.positions == [len(bad) - 1]


def test_convert_takes_decimal_and_fraction_positions():
    from decimal import Decimal
    from fractions import Fraction

    got = convert([Decimal("2.5"), Fraction(7, 2), Decimal("NaN")], scales.CSAT5, scales.NPS)
    assert got[:2].tolist() == [3.75, 6.25]
    assert np.isnan(got[2])
    with pytest.raises(InvalidScoreError):
        convert([Decimal("7")], scales.CSAT5, scales.NPS)
