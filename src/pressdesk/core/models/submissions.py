from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """A form's one-time key, written with what the form made (see core/submissions.py).

    The unique key is the claim: a second request with the same key — a double
    click, a reload of a slow answer — waits for the first and then finds it here.
    """

    key = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    made = models.CharField(max_length=500, blank=True)  # the address of what the first request made
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
