"""A fixed clock for the legal deadlines: tests say what day it is for the inquiries' rules.

Only the inquiries' own modules see the fixed day; staff roles and sessions keep the real
time, so a role given today is still valid on the day the test pretends it is.
"""

from __future__ import annotations

import datetime
import types
import zoneinfo

import pytest
from django.utils import timezone

from pressdesk.inquiries import services


@pytest.fixture
def clock(monkeypatch):
    """``clock.set(date)`` makes it 12:00 in Almaty on that day for the inquiries' services."""

    class Clock:
        def set(self, day: datetime.date) -> None:
            moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))
            fixed = types.SimpleNamespace(
                now=lambda: moment,
                localdate=lambda value=None: timezone.localdate(value or moment),
                localtime=lambda value=None: timezone.localtime(value or moment),
            )
            monkeypatch.setattr(services, "timezone", fixed)

    return Clock()
