"""One made-up media request for the inquiries tests, changed per test by keyword."""

from __future__ import annotations

import datetime
import zoneinfo

from pressdesk.inquiries import services

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(year, month, day, hour=11) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=ALMATY)


def receive_request(world, **overrides) -> services.Received:
    """A Russian email request to the city akimat on Friday 20 March 2026, before Nauryz."""
    data = {
        "actor": None,
        "unit": world.body,
        "channel": "email",
        "requester_name": "Ольга Ким",
        "requester_email": "olga.kim@news.demo",
        "outlet_name": "Вечерний город",
        "language": "ru",
        "answer_form": "written",
        "subject": "Ремонт дорог",
        "question": "Когда закончится ремонт улицы Абая?",
        "received_at": at(2026, 3, 20),
    }
    return services.inquiry_receive(**(data | overrides))
