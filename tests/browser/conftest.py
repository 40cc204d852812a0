"""Browser fixtures: Debian's Chromium once per session, a fresh context per test, the app on a live server."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.browsing import CHROMIUM, CHROMIUM_ARGS, track_loads, unchecked

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from fixtures and tests there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def chromium() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, transactional_db) -> str:
    # Django's flush between committing tests empties model tables, not the search index: start from an empty one.
    from pressdesk.core import search

    search.rebuild()
    return live_server.url


@pytest.fixture
def page(chromium, site_url) -> Page:
    context = chromium.new_context(base_url=site_url)
    page = context.new_page()
    track_loads(page)
    yield page
    never_checked = unchecked.pop(page, None)
    context.close()
    assert never_checked is None, f"{never_checked} was loaded but never checked with axe"
