"""What materials add to core when they start: actions, navigation, audit words, the dashboard card."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action, units_for
from pressdesk.publications.models import MaterialKind, Status

WRITERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]
REVIEWERS = [Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY]

register_action("publications.view", _("See materials and the media library"), ALL_ROLES)
register_action("publications.write", _("Write materials and upload to the media library"), WRITERS)
register_action("publications.review", _("Review materials and approve those the head need not see"), REVIEWERS)
register_action("publications.approve", _("Approve materials as the head"), [Role.HEAD])
register_action("publications.publish", _("Publish, schedule, correct and withdraw materials"), [Role.HEAD, *REVIEWERS])
register_action("publications.manage_rules", _("Decide which materials the head approves"), [Role.PRESS_SECRETARY])

ui.register_module(
    ui.Module(
        key="publications",
        label=_("Materials"),
        summary=_("Press releases and other materials in three languages, review, approval, embargo."),
        url_name="publications:list",
        action="publications.view",
        order=30,
    )
)
ui.register_module(
    ui.Module(
        key="newsroom",
        label=_("Public newsroom"),
        summary=_("The body's public pages for journalists and citizens."),
        url_name="newsroom:home",
        order=95,
    )
)

audit.register_labels(
    {
        "publications.material.created": _("material created"),
        "publications.version.saved": _("text of a material saved"),
        "publications.material.details_changed": _("details of a material changed"),
        "publications.material.commented": _("comment on a material"),
        "publications.material.submitted": _("material sent for review"),
        "publications.material.returned": _("material returned to draft"),
        "publications.material.sent_to_head": _("material sent to the head"),
        "publications.material.approved": _("material approved"),
        "publications.material.scheduled": _("material scheduled"),
        "publications.material.published": _("material published"),
        "publications.material.embargo_changed": _("embargo changed"),
        "publications.material.recipients_changed": _("embargo recipients changed"),
        "publications.material.corrected": _("correction published"),
        "publications.version.corrected": _("text corrected"),
        "publications.material.withdrawn": _("material withdrawn"),
        "publications.rule.changed": _("approval rule changed"),
        "publications.media.uploaded": _("file added to the media library"),
        "publications.media.described": _("text alternative of a file changed"),
        "publications.media.removed": _("file removed from the media library"),
        "publications.bulletin.created": _("bulletin composed"),
        "publications.bulletin.changed": _("bulletin changed"),
    }
)

audit_display.register_keys(
    {
        "headline": _("title"),  # "title" alone is a journalist's position in the directory's trail
        "publish_at": _("publish at"),
        "embargo_until": _("embargo until"),
        "published_at": _("published"),
        "approved_by": _("approved by"),
        "approved_at": _("approved"),
        "withdrawn_at": _("withdrawn"),
        "withdrawn_reason": _("why withdrawn"),
        "revision": _("revision"),
        "head_approves": _("the head approves"),
        "recipients": _("recipients"),
        "lead_image_id": _("main photo"),
        "spokesperson_id": _("spokesperson"),
    },
    choices={"status": Status.choices, "kind": MaterialKind.choices},
)


def _queue_card(request: HttpRequest) -> dict | None:
    """What waits for this person: one aggregate query over the units they may act in."""
    from pressdesk.publications.forms import seen_value
    from pressdesk.publications.models import Material

    user = request.user
    now = timezone.now()
    review = units_for(user, "publications.review")
    approve = units_for(user, "publications.approve")
    publish = units_for(user, "publications.publish")
    counts = Material.objects.aggregate(
        to_review=Count("pk", filter=Q(status=Status.IN_REVIEW, unit__in=review) & ~Q(author=user)),
        to_approve=Count("pk", filter=Q(status=Status.AWAITING_APPROVAL, unit__in=approve) & ~Q(author=user)),
        to_publish=Count("pk", filter=Q(status=Status.APPROVED, unit__in=publish)),
        my_drafts=Count(
            "pk", filter=Q(status=Status.DRAFT, author=user, updated_at__gt=now - datetime.timedelta(days=30))
        ),
        scheduled=Count(
            "pk",
            filter=Q(status=Status.SCHEDULED, unit__in=units_for(user, "publications.view"), publish_at__gt=now),
        ),
    )
    if counts["to_approve"]:
        # The head approves from here: the oldest few, each with its own button.
        awaiting = (
            Material.objects.filter(status=Status.AWAITING_APPROVAL, unit__in=approve)
            .exclude(author=user)
            .prefetch_related("translations")
            .order_by("updated_at")[:5]
        )
        # Each button says which revisions the head saw: a text changed meanwhile is not approved unread.
        counts["awaiting"] = [
            {"material": m, "seen": seen_value({v.language: v.revision for v in m.translations.all()})}
            for m in awaiting
        ]
    return counts


ui.register_card(
    ui.Card(
        key="publications.queue",
        render=_queue_card,
        template="publications/cards/queue.html",
        order=20,
        action="publications.view",
    )
)
