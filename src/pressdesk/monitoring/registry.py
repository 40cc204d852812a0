"""What monitoring adds to core when it starts: actions, navigation, audit words.

Clippings, stories and pickup are shared by the whole installation (``monitoring.view``);
watch entries and alerts belong to units: a unit's people keep its watchlist
(``monitoring.watch``), the centre's roles reach the units below. Tone corrections
teach the one lexicon of the installation, so only the press secretary and the
analyst make them; sources are kept per outlet, by those who may act on the
outlet's keeping unit.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action

VIEW = "monitoring.view"
WATCH = "monitoring.watch"
CORRECT = "monitoring.correct"
ENTER = "monitoring.enter"
SOURCES = "monitoring.sources"
ALERTS = "monitoring.alerts"
DIGEST = "monitoring.digest"

ANALYSTS = [Role.PRESS_SECRETARY, Role.ANALYST]
WATCHERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.ANALYST, Role.UNIT_PRESS_SECRETARY]

register_action(VIEW, _("See clippings, stories and the pickup of materials"), ALL_ROLES)
register_action(WATCH, _("Keep the unit's watchlist"), WATCHERS)
register_action(CORRECT, _("Correct the tone of a clipping (teaches the tone lexicon)"), ANALYSTS)
register_action(ENTER, _("Enter TV, radio and print items by hand"), WATCHERS)
register_action(
    SOURCES, _("Add, pause and schedule the sources monitoring reads"), [*ANALYSTS, Role.UNIT_PRESS_SECRETARY]
)
register_action(ALERTS, _("Receive media alerts"), [*ANALYSTS, Role.UNIT_PRESS_SECRETARY])
register_action(DIGEST, _("Receive and read the daily media digest"), [Role.HEAD, *ANALYSTS, Role.UNIT_PRESS_SECRETARY])

audit.register_labels(
    {
        "monitoring.watch.created": _("watch entry added"),
        "monitoring.watch.changed": _("watch entry changed"),
        "monitoring.watch.retired": _("watch entry retired"),
        "monitoring.watch.restored": _("watch entry watched again"),
        "monitoring.clipping.tone_corrected": _("tone of a clipping corrected"),
        "monitoring.clipping.entered": _("broadcast or print item entered"),
        "monitoring.source.added": _("monitoring source added"),
        "monitoring.source.rescheduled": _("monitoring source rescheduled"),
        "monitoring.source.paused": _("monitoring source paused"),
        "monitoring.source.resumed": _("monitoring source resumed"),
        "monitoring.source.read_requested": _("monitoring source read on request"),
    }
)

audit_display.register_keys(
    {
        "outlet": _("outlet"),
        "url": _("address"),
        "learned": _("stems learned"),
        "every_minutes": _("read every (minutes)"),
    }
)

ui.register_module(
    ui.Module(
        key="monitoring",
        label=_("Monitoring"),
        summary=_("What the media write: clippings, watchlist, tone, alerts, digest."),
        url_name="monitoring:clippings",
        action=VIEW,
        order=80,
    )
)

from pressdesk.monitoring import cards  # noqa: E402, F401  (the alerts card on the dashboard)
