"""Every periodic job of pressdesk, in one place.

The worker imports this module; each entry runs once per period across all
workers (see core/jobs.py). Modules add their lines here as they land.
"""

from datetime import timedelta

from pressdesk.accreditation import tasks as accreditation_tasks
from pressdesk.core import tasks as core_tasks
from pressdesk.core.jobs import periodic
from pressdesk.distribution import tasks as distribution_tasks
from pressdesk.events import tasks as event_tasks
from pressdesk.inquiries import tasks as inquiry_tasks
from pressdesk.monitoring import tasks as monitoring_tasks
from pressdesk.monitoring import tasks_alerts as monitoring_alerts
from pressdesk.planning import tasks_network as network_tasks
from pressdesk.publications import tasks as publication_tasks
from pressdesk.reports import tasks as reports_tasks

SCHEDULE = [
    periodic("core.clear_expired_sessions", core_tasks.clear_expired_sessions, every=timedelta(hours=1)),
    periodic(
        "core.prune_worker_heartbeats",
        core_tasks.prune_worker_heartbeats,
        every=timedelta(days=1),
        offset=timedelta(hours=-2),
    ),
    # Forms' one-time keys (core/submissions.py) older than two days: a reload that late makes a new thing.
    periodic(
        "core.forget_old_submissions",
        core_tasks.forget_old_submissions,
        every=timedelta(days=1),
        offset=timedelta(hours=-2, minutes=10),
    ),
    # Materials become public at their time by themselves (Material.objects.public); this records it and tells
    # the author. One period catches up whatever fell due while no worker ran.
    periodic("publications.publish_due", publication_tasks.publish_due, every=timedelta(minutes=1)),
    # 08:00 in Almaty (UTC+5): reminders arrive at the start of the working day.
    periodic(
        "inquiries.send_reminders", inquiry_tasks.send_reminders, every=timedelta(days=1), offset=timedelta(hours=3)
    ),
    # Hourly: journalists holding a seat hear of an event the day before, once per event (Event.reminded_at).
    periodic("events.remind_tomorrow", event_tasks.remind_tomorrow, every=timedelta(hours=1)),
    # Scheduled mailings start, and mailings whose runner died, or paused because the mail server failed, go on.
    periodic("distribution.run_due", distribution_tasks.run_due, every=timedelta(minutes=1)),
    # 00:05 in Almaty: passes past their last day become expired, and their holders are told.
    periodic(
        "accreditation.expire_due",
        accreditation_tasks.expire_due,
        every=timedelta(days=1),
        offset=timedelta(hours=19, minutes=5),
    ),
    # Each source is read at its own period (Source.every_minutes); this finds the ones due.
    periodic("monitoring.fetch_due", monitoring_tasks.fetch_due, every=timedelta(minutes=1)),
    # Hourly: each unit's alerts beyond the hour's letters, in one letter once the hour is over.
    periodic("monitoring.send_alert_summaries", monitoring_alerts.send_alert_summaries, every=timedelta(hours=1)),
    # Hourly: yesterday's digest of each unit from MONITORING_DIGEST_HOUR (Almaty) on, once per unit and day.
    periodic("monitoring.send_digests", monitoring_alerts.send_digests, every=timedelta(hours=1)),
    # Every 5 minutes: units that have not acknowledged an instruction due within the hour hear of it, once.
    periodic("planning.remind_unacknowledged", network_tasks.remind_unacknowledged, every=timedelta(minutes=5)),
    # Hourly: weekly (Monday, the week before) and monthly (1st, the month before) reports from REPORTS_SEND_HOUR
    # (Almaty) on, once per schedule and period.
    periodic("reports.send_due_reports", reports_tasks.send_due_reports, every=timedelta(hours=1)),
]
