"""What distribution adds to core when it starts: actions, navigation, audit words."""

from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action
from pressdesk.distribution import services
from pressdesk.distribution.models import MailingStatus
from pressdesk.publications import hooks as publication_hooks

register_action("distribution.view", _("See mailings and their delivery logs"), ALL_ROLES)
register_action(
    "distribution.prepare",
    _("Prepare mailings: choose the material and the journalists, preview, send a test"),
    [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY],
)
register_action(
    "distribution.send",
    _("Send mailings to journalists, pause, resume and cancel them"),
    [Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY],
)

audit.register_labels(
    {
        "distribution.mailing.created": _("mailing prepared"),
        "distribution.mailing.tested": _("test letter sent"),
        "distribution.mailing.scheduled": _("mailing scheduled"),
        "distribution.mailing.started": _("mailing started"),
        "distribution.mailing.paused": _("mailing paused"),
        "distribution.mailing.resumed": _("mailing resumed"),
        "distribution.mailing.cancelled": _("mailing cancelled"),
        "distribution.mailing.finished": _("mailing sent"),
        "distribution.mailing.resent_interrupted": _("interrupted letters sent again"),
        "distribution.unsubscribed": _("address unsubscribed"),
        "distribution.settings.changed": _("language order of letters changed"),
        "distribution.bounced": _("letter returned by the mail server"),
        "distribution.subscription.requested": _("subscription asked for"),
        "distribution.subscription.confirmed": _("subscription confirmed"),
        "distribution.subscription.changed": _("subscription changed"),
        "distribution.subscription.cancelled": _("subscription cancelled"),
        "distribution.subscription.bounced": _("subscription ended: the address does not exist"),
    }
)

audit_display.register_keys(
    {
        "send_at": _("send at"),
        "embargoed": _("under embargo"),
        "letters": _("letters"),
        "language_order": _("language order"),
        "material": _("material"),
        "segment": _("segment"),
    },
    choices={"status": MailingStatus.choices},
)

ui.register_module(
    ui.Module(
        key="distribution",
        label=_("Distribution"),
        summary=_("Sending materials to journalists by email, each in their language."),
        url_name="distribution:list",
        action="distribution.view",
        order=40,
    )
)


def _attention_card(request):
    from pressdesk.distribution.cards import attention

    return attention(request)


ui.register_card(
    ui.Card(
        key="distribution.attention",
        render=_attention_card,
        template="distribution/cards/attention.html",
        order=45,
        action="distribution.view",
    )
)

publication_hooks.on_withdrawn(services.material_withdrawn)
