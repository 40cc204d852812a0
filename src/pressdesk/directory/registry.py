"""What the directory adds to core when it starts: actions, navigation, audit words, search."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, search, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action
from pressdesk.directory import access, indexing
from pressdesk.directory.models import ConsentBasis, Journalist, OutletKind, OutletLevel, OutletStatus, Ownership

EDITORS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]

register_action("directory.view", _("See the media directory"), ALL_ROLES)
register_action("directory.edit", _("Add and change outlets, journalists, partners and segments"), EDITORS)
register_action(
    "directory.trust",
    _("Put journalists into the trusted pool"),
    [Role.HEAD, Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY],
)
register_action(
    "directory.erase",
    _("Erase a journalist's personal data on request"),
    [Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY],
)
register_action(
    "directory.export",
    _("Export lists of journalists and outlets"),
    [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.ANALYST, Role.UNIT_PRESS_SECRETARY],
)

ui.register_module(
    ui.Module(
        key="directory",
        label=_("Media directory"),
        summary=_("Outlets, journalists and partners, the trusted pool, segments."),
        url_name="directory:journalists",
        action="directory.view",
        order=20,
    )
)

audit.register_labels(
    {
        "directory.contact.invalidated": _("address marked invalid"),
        "directory.outlet.created": _("outlet added"),
        "directory.outlet.changed": _("outlet changed"),
        "directory.outlet.closed": _("outlet closed"),
        "directory.outlet.merged": _("outlet merged into another"),
        "directory.journalist.created": _("journalist added"),
        "directory.journalist.changed": _("journalist changed"),
        "directory.journalist.moved": _("journalist moved to another outlet"),
        "directory.journalist.trusted": _("journalist put into the trusted pool"),
        "directory.journalist.untrusted": _("journalist taken out of the trusted pool"),
        "directory.journalist.erased": _("journalist's personal data erased"),
        "directory.journalist.merged": _("duplicate records merged"),
        "directory.contact.added": _("contact added"),
        "directory.contact.removed": _("contact removed"),
        "directory.contact.confirmed": _("contact confirmed"),
        "directory.partner.created": _("partner added"),
        "directory.partner.changed": _("partner changed"),
        "directory.partner.person_added": _("contact person added"),
        "directory.partner.person_removed": _("contact person removed"),
        "directory.segment.created": _("segment saved"),
        "directory.segment.changed": _("segment changed"),
        "directory.segment.deleted": _("segment deleted"),
        "directory.import.done": _("list imported"),
        "directory.export.done": _("list exported"),
    }
)

audit_display.register_keys(
    {
        "feeds": _("feeds"),
        "contacts": _("contacts"),
        "beats": _("beats"),
        "outlet": _("outlet"),
        "title": _("position"),
        "since": _("since"),
        "merged_into": _("merged into"),
        "positions_ended": _("positions ended"),
        "kept": _("record kept"),
        "merged": _("record merged"),
        "positions": _("positions"),
        "contacts_moved": _("contacts moved"),
        "trusted": _("in the trusted pool"),
        "confirmed_on": _("last confirmed"),
        "criteria": _("filter"),
        "kind": _("type"),
        "level": _("level"),
        "ownership": _("ownership"),
        "consent_basis": _("basis for keeping personal data"),
        "imported": _("records imported"),
        "what": _("what"),
        # The keys of a segment's filter, as the filter form names them.
        "q": _("Journalist's name"),
        "outlet_kinds": _("Outlet type"),
        "outlet_levels": _("Outlet level"),
        "outlet_languages": _("Outlet language"),
        "languages": _("Journalist's working languages"),
        "preferred_language": _("Language for materials"),
        "with_email": _("Only with a working email"),
        "format": _("format"),
    },
    choices={
        "outlet_kinds": OutletKind.choices,
        "outlet_levels": OutletLevel.choices,
        "outlet_languages": settings.LANGUAGES,
        "preferred_language": settings.LANGUAGES,
        "kind": OutletKind.choices,
        "level": OutletLevel.choices,
        "ownership": Ownership.choices,
        "status": OutletStatus.choices,
        "consent_basis": ConsentBasis.choices,
    },
)

search.register_indexer(indexing.JOURNALIST, indexing.all_journalists)
search.register_indexer(indexing.OUTLET, indexing.all_outlets)


def _media_card(request: HttpRequest) -> dict | None:
    from pressdesk.directory import selectors

    return {
        "entries": list(selectors.media_changes(request.user)[:6]),
        "stale": selectors.stale_contacts(request.user).count(),
        "trusted": access.visible(request.user, Journalist.objects.trusted()).count(),
    }


ui.register_card(
    ui.Card(
        key="directory.media_changes",
        render=_media_card,
        template="directory/cards/media_changes.html",
        order=40,
        action="directory.view",
    )
)
