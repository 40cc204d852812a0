"""Whom a material under embargo is shared with: the members of a directory segment the user may see."""

from __future__ import annotations

from django.http import HttpRequest

from pressdesk.directory import access as directory_access
from pressdesk.directory import filters as directory_filters
from pressdesk.directory.models import Journalist, Segment
from pressdesk.publications.forms import RecipientsForm


def recipients_form(request: HttpRequest, data=None) -> RecipientsForm:
    segments = directory_access.visible(request.user, Segment.objects.all())
    return RecipientsForm(data, segments=segments)


def embargo_journalists(request: HttpRequest, data: dict):
    """The segment's members the user may see (none when no segment is chosen), the trusted pool if asked."""
    if data["segment"] is None:
        return Journalist.objects.none()
    people = directory_filters.apply(
        directory_access.visible(request.user, Journalist.objects.all()), data["segment"].criteria
    )
    return people.filter(trusted=True) if data["trusted_only"] else people
