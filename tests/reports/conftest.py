"""Reports' fixtures: March 2026 of the city akimat, read in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.monitoring import pipeline
from tests.reports.month import Month


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_indexes():
    pipeline.forget_compiled()
    yield
    pipeline.forget_compiled()


@pytest.fixture
def month(world) -> Month:
    return Month(world)
