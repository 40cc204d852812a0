"""Helpers for browser tests: every page a test loads is checked with axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils.translation import gettext, override
from playwright.sync_api import Locator, Page, Response

from pressdesk.core.models import User
from tests.conftest import verified_client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
_axe = Axe()

# Pages whose current document has not been checked yet, with its address.
unchecked: dict[Page, str] = {}


def track_loads(page: Page) -> None:
    """Remember each new document so the test can fail if it was never checked."""

    def on_navigated(frame) -> None:
        if frame == page.main_frame:
            unchecked[page] = frame.url

    page.on("framenavigated", on_navigated)


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical WCAG 2.1 A/AA violation on the current page."""
    page.wait_for_load_state()
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    unchecked.pop(page, None)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{page.url} has accessibility violations:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — at "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"])
        for v in blocking
    )


def visit(page: Page, path: str) -> Response | None:
    """Open ``path`` on the live server and check the page."""
    response = page.goto(path)
    assert_accessible(page)
    return response


def click_and_check(page: Page, target: Locator) -> None:
    """Press a submit button or follow a link, wait for the new page, check it."""
    with page.expect_navigation():
        target.click()
    assert_accessible(page)


def kk(message: str) -> str:
    """``message`` as the Kazakh catalogue renders it (the default language)."""
    return in_language("kk", message)


def in_language(language: str, message: str) -> str:
    with override(language):
        return gettext(message)


def sign_in_with_cookie(page: Page, user: User, site_url: str) -> None:
    """Give the browser a session that passed both sign-in steps (for tests about other pages)."""
    cookie = verified_client(user).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site_url}])
