"""Metrics that fit their scale: a default option made for one scale is refused on another,
with a message that says why and what to give (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

import satisfy
from satisfy import OptionError, Scale

NOT_ZERO_TO_TEN = [Scale(1, 5), Scale(1, 10), Scale(0, 9), Scale(0, 20), "CSAT5", "ACSI10"]


@pytest.mark.parametrize("scale", NOT_ZERO_TO_TEN)
def test_nps_without_bands_on_another_scale_says_why_and_how(scale):
    for make in (
        lambda: satisfy.NPS("ltr", scale=scale),
        lambda: satisfy.nps([1, 2, 3], scale=scale),
        lambda: satisfy.Metric("ltr", "nps", scale=scale),
    ):
        with pytest.raises(OptionError) as info:
            make()
        message = str(info.value)
        assert "standard bands (detractors 0-6, promoters 9-10)" in message
        assert "not 0-10" in message
        assert "detractors=(low, high), promoters=(low, high)" in message
        assert "position" not in message


def test_nps_on_zero_to_twenty_is_refused_although_the_bands_are_points_of_it():
    # 0-6 and 9-10 are points of 0-20, so nothing else would stop a silently wrong NPS
    with pytest.raises(OptionError, match="not 0-10"):
        satisfy.nps([15, 20, 3], scale=Scale(0, 20))


def test_nps_with_explicit_bands_on_another_scale_works():
    e = satisfy.nps([1, 3, 5, 5], scale=Scale(1, 5), detractors=(1, 3), promoters=(5, 5))
    assert e.value == pytest.approx(0.0)  # 2 promoters, 2 detractors
    spec = satisfy.NPS("ltr", scale=Scale(1, 10), detractors=(1, 6), promoters=(9, 10))
    out = satisfy.summarize(pd.DataFrame({"ltr": [1, 10, 10, 7]}), spec)
    assert out["value"].item() == pytest.approx(25.0)


def test_a_band_off_the_scale_names_a_band_of_that_scale():
    with pytest.raises(OptionError, match=r"detractors=\(1, 6\).*points of \(1-5\).*\(1, 2\)"):
        satisfy.nps([1], scale=Scale(1, 5), detractors=(1, 6), promoters=(5, 5))
    with pytest.raises(OptionError, match=r"promoters=\(9, 10\) is not accepted; NPS's standard"):
        satisfy.nps([1], scale=Scale(0, 9), detractors=(0, 5))


def test_nps_on_a_one_to_five_column_in_summarize_is_refused_before_any_number():
    frame = pd.DataFrame({"ltr": [1, 2, 5, 4]})
    with pytest.raises(OptionError, match="not 0-10"):
        satisfy.summarize(frame, satisfy.NPS("ltr", scale=Scale(1, 5)))


def test_csat_default_boxes_on_a_three_point_scale_is_refused():
    with pytest.raises(OptionError, match=r"default of 2 top boxes.*give boxes="):
        satisfy.CSAT("sat", scale=Scale(1, 3))
    assert satisfy.CSAT("sat", scale=Scale(1, 3), boxes=1).boxes == 1
    assert satisfy.CSAT("sat", scale=Scale(1, 4)).boxes == 2
    assert satisfy.CSAT("sat").boxes == 2


def test_threshold_default_level_only_on_a_one_to_five_scale():
    assert satisfy.Threshold("sat").threshold == 4
    assert satisfy.Threshold("sat", scale="LIKERT5").threshold == 4
    with pytest.raises(OptionError, match=r"default level 4 is for 1-5 scales.*give threshold="):
        satisfy.Threshold("ltr", scale="NPS")  # 4 of 0-10 would be a silent wrong share
    with pytest.raises(OptionError, match="threshold=9"):
        satisfy.Threshold("sat", threshold=9, scale=Scale(1, 3))


@pytest.mark.parametrize(
    "call",
    [
        lambda s: satisfy.csat([1, 2, 3, 3], scale=s),
        lambda s: satisfy.calculate([1, 2, 3, 3], "csat", scale=s),
        lambda s: satisfy.Metric("sat", "csat", scale=s),
        lambda s: satisfy.CSAT("sat", scale=s),
        lambda s: satisfy.METRICS["csat"].definition(s),
    ],
)
def test_csat_default_boxes_refused_on_scales_under_four_points_everywhere(call):
    # CSAT's top-2 default on a 3-point scale counts the middle point as satisfied: 75% of
    # [1, 2, 3, 3] where the top box is 50%. Before, only the CSAT spec refused it; the
    # calculator, calculate, the generic Metric spec and the registry used it silently.
    with pytest.raises(satisfy.OptionError, match="boxes"):
        call(satisfy.Scale(1, 3))
    assert satisfy.csat([1, 2, 3, 3], scale=satisfy.Scale(1, 3), boxes=1).value == 50.0
    assert satisfy.csat([1, 2, 3, 4], scale=satisfy.Scale(1, 4)).value == 50.0  # 4 points: fine
