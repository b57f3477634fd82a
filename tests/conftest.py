"""Shared test configuration: hypothesis profiles.

The profile is chosen by ``HYPOTHESIS_PROFILE``; without it, ``ci`` when the ``CI``
variable is set (as ``.ci/run`` runs), else ``default``.

- ``ci``: derandomized, so a CI run never fails on an example drawn for the first time;
  the same examples every run.
- ``default``: random examples, 100 per property (local runs explore new ground).
- ``deep``: 5,000 examples per property, random; run before stopping work
  (``HYPOTHESIS_PROFILE=deep python -m pytest tests/property tests/frames``) and turn every
  counterexample it finds into an ``@example`` on the property.
- ``dev``: 25 examples, for quick edits.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=200,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    deadline=None,
    max_examples=5000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("dev", deadline=None, max_examples=25)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)
