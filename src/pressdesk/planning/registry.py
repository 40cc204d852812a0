"""What planning adds to core when it starts: actions, navigation, audit words.

The press plan is seen by every role of a unit and kept by those who plan;
advice notes are private to the head and the press secretary (and their
author); analyses are written by the planners; instructions go from a press
service down to the units below it, whose press secretaries acknowledge them.
Each part registers its own audit words and dashboard card in its module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pressdesk.core import ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action

PLAN_VIEW = "planning.view"
PLAN_KEEP = "planning.keep"
NOTES_READ = "planning.notes"
NOTES_WRITE = "planning.notes_write"
ANALYSE = "planning.analyse"
INSTRUCT = "planning.instruct"
ACKNOWLEDGE = "planning.acknowledge"

PLANNERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]

register_action(PLAN_VIEW, _("See the press plan, analyses and the network"), ALL_ROLES)
register_action(PLAN_KEEP, _("Keep the press plan"), PLANNERS)
register_action(NOTES_READ, _("Read advice notes for the head"), [Role.HEAD, Role.PRESS_SECRETARY])
register_action(
    NOTES_WRITE, _("Write advice notes for the head"), [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.CONSULTANT]
)
register_action(ANALYSE, _("Write analyses of events and campaigns"), [*PLANNERS, Role.ANALYST])
register_action(INSTRUCT, _("Give instructions to the press secretaries of the units below"), [Role.PRESS_SECRETARY])
register_action(
    ACKNOWLEDGE, _("Acknowledge and report on instructions"), [Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY]
)

ui.register_module(
    ui.Module(
        key="planning",
        label=_("Press plan"),
        summary=_("The press plan, advice notes for the head, analyses, instructions to the units."),
        url_name="planning:plan",
        action=PLAN_VIEW,
        order=90,
    )
)
