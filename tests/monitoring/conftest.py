"""Monitoring's shared fixtures: a fresh start for the process-wide indexes, and a real HTTP server on loopback."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.monitoring import pipeline
from tests.monitoring.web import Site


@pytest.fixture(autouse=True)
def _english():
    # Monitoring's tests read messages in English; the site's own language (Kazakh) is translated in full.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_indexes():
    # The compiled watchlist, the lexicon and the story and material indexes live as long as the process;
    # each test's database is rolled back (and SQLite hands the same ids out again), so each test starts anew.
    pipeline.forget_compiled()
    yield
    pipeline.forget_compiled()


@pytest.fixture
def site():
    with Site() as site:
        yield site
