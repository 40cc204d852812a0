"""Alert and digest letters, sent by the worker: thin shells that load, claim, and call the mailer.

* ``send_alert`` — one alert's letter, enqueued when the clipping commits; an alert
  beyond its unit's hourly letters is left for the summary.
* ``send_alert_summaries`` — hourly: per unit, one letter with the alerts of the
  hours gone by that were not mailed one by one.
* ``send_digests`` — hourly: every digest due (``digest.due``), once per unit and day.

Each letter is claimed before it goes (a conditional UPDATE of ``sent_at``), so a
task run twice, or by two workers, sends nothing twice.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist
from django_tasks import task

from pressdesk.core.models import Unit
from pressdesk.core.permissions import holders
from pressdesk.monitoring import alerts, digest, mail

log = logging.getLogger(__name__)


@task()
def send_alert(alert_id: int) -> bool:
    """The alert's letter to those who receive the unit's alerts, unless over the hour's letters or sent already."""
    alert = alerts.loaded(alert_id)
    if alert is None or not alerts.within_hourly_letters(alert) or not alerts.claim(alert.pk):
        return False
    if not mail.alert(alert, holders(alerts.ACTION, alert.unit)):
        alerts.unclaim([alert.pk])  # the next summary takes it
        return False
    return True


@task()
def send_alert_summaries(period_start: str) -> int:
    """For each unit, one letter with its unsent alerts made before this period; returns how many letters went."""
    before = datetime.datetime.fromisoformat(period_start)
    sent = 0
    for waiting in alerts.unsent_before(before).values():
        claimed = [alert for alert in waiting if alerts.claim(alert.pk)]
        if not claimed:
            continue
        if mail.alert_summary(claimed, holders(alerts.ACTION, claimed[0].unit), limit=alerts.letters_per_hour()):
            sent += 1
        else:
            alerts.unclaim(alert.pk for alert in claimed)
    return sent


@task()
def send_digests(period_start: str) -> int:
    """Every digest due at the period's start, each unit and day once; returns how many this run sent."""
    sent = 0
    for unit_id, day in digest.due(datetime.datetime.fromisoformat(period_start)):
        try:
            unit = Unit.objects.with_names().get(pk=unit_id)
            sent += digest.deliver(unit, day)
        except ObjectDoesNotExist:
            continue
        except Exception:  # one unit's failure must not keep the others' digests
            log.exception("monitoring: the digest of unit %s for %s failed", unit_id, day)
    return sent
