"""Reading sources in the background: thin shells around ``sources.claim`` and ``sources.read``.

``fetch_due`` runs every minute (``pressdesk/schedule.py``) and reads the sources
whose time has come, for at most ``RUN_SECONDS``: whatever is left is due at the
next run. Each source is claimed by a conditional UPDATE before it is read, so two
workers (or two overlapping runs) never read one source at once; a claim left by a
worker that died expires after ``sources.CLAIM_TIMEOUT``. ``fetch_source`` reads one
source now (the analyst's "read now"), under the same claim.

In demo mode (``PRESSDESK_DEMO``) nothing is read: the demo's outlets are made up
(``*.demo``), its clippings come from its saved corpus, and reading would only
turn every demo source red.
"""

from __future__ import annotations

import time

from django.conf import settings
from django_tasks import task

from pressdesk.monitoring import pipeline, sources
from pressdesk.monitoring.fetching import Fetcher
from pressdesk.monitoring.models import Source

RUN_SECONDS = 50.0


@task()
def fetch_due(period_start: str) -> int:
    """Read the due sources, each by one worker only; returns how many were read."""
    return read_due()


def read_due(*, budget: float = RUN_SECONDS, fetcher: Fetcher | None = None) -> int:
    if settings.DEMO_MODE:
        return 0
    deadline = time.monotonic() + budget
    read = 0
    batch = None
    owned = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for source_id in sources.due_ids():
            if time.monotonic() > deadline:
                break
            if not sources.claim(source_id):
                continue  # another worker has it
            batch = batch or pipeline.Batch.start()
            source = Source.objects.select_related("feed__outlet").get(pk=source_id)
            sources.read(source, fetcher, batch)
            read += 1
    finally:
        if owned:
            fetcher.close()
    return read


@task()
def fetch_source(source_id: int) -> bool:
    """Read one source now, unless a worker is reading it already."""
    if settings.DEMO_MODE or not sources.claim(source_id, due_only=False):
        return False
    source = Source.objects.select_related("feed__outlet").get(pk=source_id)
    with Fetcher() as fetcher:
        sources.read(source, fetcher, pipeline.Batch.start())
    return True
