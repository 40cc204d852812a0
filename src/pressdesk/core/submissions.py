"""A form sent twice makes its thing once.

A double click, or a reload while a slow answer is on its way, sends a form
twice. Forms that make something (an instruction, a plan item, a note) carry a
one-time key (``{% once_key %}``, from ``core_forms``), and their view wraps the
making in ``once``: the key is written in the same transaction as what the form
makes, under a unique constraint. The second request waits for the first, finds
its key taken, and is sent to what the first one made instead of making it again.
If the first request fails, its key is rolled back with it and the form may be
sent again. A form without a key (an API client, an old page) is made as asked.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core.models import Submission

FIELD = "once"
KEPT = datetime.timedelta(days=2)  # long enough for any reload; the daily job forgets older keys
_KEY = re.compile(r"[0-9a-f]{32}")


def posted_key(request: HttpRequest) -> str:
    """The form's key if it is one of ours, else ""."""
    key = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return key if _KEY.fullmatch(key) else ""


def key_for(request: HttpRequest | None) -> str:
    """The key to put in a form: the one it was sent with when it comes back with errors, else a new one."""
    return (request is not None and posted_key(request)) or uuid.uuid4().hex


def once(request: HttpRequest, make: Callable[[], str], *, done: str) -> str:
    """Run ``make`` (which returns the address of what it made) once per form key; returns where to go.

    The first request says ``done``; a repeat says the form was already sent and goes to the same place.
    Exceptions of ``make`` (a DomainError) pass through, and its key with them."""
    key = posted_key(request)
    with transaction.atomic():
        if key:
            try:
                with transaction.atomic():
                    Submission.objects.create(key=key, user=request.user)
            except IntegrityError:
                earlier = Submission.objects.filter(key=key, user=request.user).values_list("made", flat=True)
                messages.info(request, _("This form was already sent: here is what it made. Nothing was made twice."))
                return earlier.first() or request.path
        address = make()
        if key:
            Submission.objects.filter(key=key).update(made=address[:500])
    messages.success(request, done)
    return address


def forget_old(now: datetime.datetime | None = None) -> int:
    deleted, _detail = Submission.objects.filter(created_at__lt=(now or timezone.now()) - KEPT).delete()
    return deleted
