"""What accreditation adds when it starts: actions, navigation, audit words, its part of the demo, and what it does
when an event moves or a journalist is erased (``reactions``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pressdesk.accreditation import cards, demo, reactions
from pressdesk.core import audit, audit_display, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import register_action
from pressdesk.directory import hooks as directory_hooks
from pressdesk.events import hooks as event_hooks

REVIEWERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]

register_action("accreditation.view", _("See accreditation applications and the register"), [Role.HEAD, *REVIEWERS])
register_action("accreditation.review", _("Review applications; issue, suspend and re-issue passes"), REVIEWERS)
register_action(
    "accreditation.revoke",
    _("Deprive journalists of accreditation"),
    [Role.HEAD, Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY],
)
register_action("accreditation.check_in", _("Check accredited journalists in at the door"), REVIEWERS)
register_action("accreditation.manage_lists", _("Keep the lists of reasons and grounds"), [Role.PRESS_SECRETARY])

audit.register_labels(
    {
        "accreditation.application.submitted": _("accreditation applied for"),
        "accreditation.application.in_review": _("accreditation application taken for review"),
        "accreditation.application.approved": _("accreditation application approved"),
        "accreditation.application.rejected": _("accreditation application refused"),
        "accreditation.application.withdrawn": _("accreditation application withdrawn"),
        "accreditation.pass.issued": _("pass issued"),
        "accreditation.pass.reissued": _("pass issued again"),
        "accreditation.pass.moved": _("pass issued again for the event's new date"),
        "accreditation.application.redated": _("accreditation application re-dated: the event moved"),
        "accreditation.pass.suspended": _("accreditation suspended"),
        "accreditation.pass.resumed": _("accreditation resumed"),
        "accreditation.pass.revoked": _("accreditation revoked"),
        "accreditation.pass.expired": _("accreditation expired"),
    }
)

audit_display.register_keys(
    {
        "requested_from": _("from"),
        "requested_until": _("until"),
        "valid_from": _("valid from"),
        "valid_until": _("valid until"),
        "serial": _("issue"),
        "ground": _("ground"),
        "letter_sha256": _("letter's checksum"),
        "outlet_id": _("outlet"),
        "event_id": _("event"),
    }
)

ui.register_module(
    ui.Module(
        key="accreditation",
        label=_("Accreditation"),
        summary=_("Applications, passes with QR codes, check-in at the door."),
        url_name="accreditation:list",
        action="accreditation.view",
        order=60,
    )
)

ui.register_card(
    ui.Card(
        key="accreditation.queue",
        render=cards.queue_card,
        template=cards.TEMPLATE,
        order=60,
        action="accreditation.view",
    )
)

demo.register()

event_hooks.on_moved(reactions.event_moved)
directory_hooks.on_erase(reactions.journalist_erased)
