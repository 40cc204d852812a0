"""Accreditation's card on the staff dashboard: applications waiting for review, and the overdue ones.

Registered by ``registry.py`` as ``ui.Card(key="accreditation.queue", render=cards.queue_card,
template=cards.TEMPLATE, action="accreditation.view")``; one aggregate query.
"""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest

from pressdesk.accreditation.selectors_staff import queue_counts

TEMPLATE = "accreditation/cards/queue.html"


def queue_card(request: HttpRequest) -> dict | None:
    return dataclasses.asdict(queue_counts(request.user))
