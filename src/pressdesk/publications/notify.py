"""Who hears of each step of a material, by email in their own language (the dashboard shows the same queue).

Letters are sent after the step commits; a refused letter is logged and
never undoes the step.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import User
from pressdesk.core.permissions import holders

log = logging.getLogger(__name__)
_quiet = contextvars.ContextVar("publications_quiet", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Steps taken inside tell no one: the demo's made-up history is not news to its staff."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def after_commit(send: Callable[..., int], *args, **kwargs) -> None:
    """Send once the step has committed (a rolled-back step tells no one), unless inside ``quiet()``."""
    if not _quiet.get():
        transaction.on_commit(functools.partial(send, *args, **kwargs))


SUBJECTS = {
    "publications.review": _("For your review: %(title)s"),
    "publications.approve": _("For your approval: %(title)s"),
    "returned": _("Returned to draft: %(title)s"),
    "approved": _("Approved: %(title)s"),
    "published": _("Published: %(title)s"),
    "commented": _("New comment on %(title)s"),
}


def _letter(material, people: Iterable[User], kind: str, **extra) -> int:
    sent = 0
    for person in {p.pk: p for p in people if p.email}.values():
        with translation.override(person.language or settings.LANGUAGE_CODE):
            context = {
                "material": material,
                "person": person,
                "kind": kind,
                "link": settings.SITE_URL + reverse("publications:detail", args=[material.pk]),
                **extra,
            }
            subject = str(SUBJECTS[kind]) % {"title": material.title}
            body = render_to_string("publications/email/step.txt", context)
        try:
            send_mail(subject, body, None, [person.email])
        except Exception:  # one refused address must not stop the others or undo the step
            log.exception("letter %s on material %s to %s could not be sent", kind, material.pk, person.email)
        else:
            sent += 1
    return sent


def step(material, action: str, *, exclude: User | None = None) -> int:
    """Tell those who may take the next step (reviewers, the head)."""
    people = [p for p in holders(action, material.unit) if exclude is None or p.pk != exclude.pk]
    return _letter(material, people, action)


def returned(material, actor: User, reason: str) -> int:
    return _letter(material, [material.author] if material.author_id != actor.pk else [], "returned", reason=reason)


def approved(material) -> int:
    people = [material.author, *holders("publications.publish", material.unit)]
    return _letter(material, [p for p in people if p.pk != material.approved_by_id], "approved")


def published(material) -> int:
    return _letter(material, [material.author], "published")


def commented(note) -> int:
    material = note.material
    people = {material.author, *(c.author for c in material.comments.select_related("author"))}
    return _letter(material, [p for p in people if p.pk != note.author_id], "commented", comment=note)
