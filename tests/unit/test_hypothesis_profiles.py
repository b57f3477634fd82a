"""CI must not fail on luck: with CI set, hypothesis draws the same examples every run."""

import os

from hypothesis import settings


def test_ci_profile_is_derandomized() -> None:
    chosen = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
    assert settings.get_profile("ci").derandomize
    assert settings.get_profile("ci").database is None
    assert settings.get_profile("deep").max_examples >= 1000
    assert settings.default.derandomize == (chosen == "ci")
