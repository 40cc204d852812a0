"""Reports' fixtures: March 2026 of the city akimat, read in English, with monitoring's indexes fresh per test."""

from __future__ import annotations

import pytest

from tests.monitoring.conftest import _english, _fresh_indexes  # noqa: F401  (autouse fixtures)
from tests.reports.month import Month


@pytest.fixture
def month(world) -> Month:
    return Month(world)
