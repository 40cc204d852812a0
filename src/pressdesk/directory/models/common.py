"""What the directory's records share: the keeping unit, language sets, contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = settings.LANGUAGES


def language_set(codes: list[str] | tuple[str, ...] | set[str]) -> str:
    """Languages stored as ",kk,ru," so "speaks Russian" is one indexed LIKE on both databases."""
    known = [code for code, _name in settings.LANGUAGES if code in set(codes)]
    return f",{','.join(known)}," if known else ""


def language_list(stored: str) -> list[str]:
    return [code for code in stored.strip(",").split(",") if code]


def language_labels(stored: str) -> str:
    """ ",kk,ru," as people read it: "Қазақша, Русский" (each language in its own name, as in the switcher)."""
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names[code]) for code in language_list(stored) if code in names)


class ContactKind(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    MESSENGER = "messenger", _("Messenger")


class Contact(models.Model):
    """One address of a journalist, an outlet's newsroom or a partner's person.

    ``normalized`` is the comparable form (lower-case email, E.164 phone) used
    to find duplicates; ``confirmed_on`` is when someone last checked that the
    address still works, so stale contacts can be listed.
    """

    journalist = models.ForeignKey(
        "directory.Journalist", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    outlet = models.ForeignKey(
        "directory.Outlet", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    partner_person = models.ForeignKey(
        "directory.PartnerPerson", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    value = models.CharField(_("address or number"), max_length=254)
    normalized = models.CharField(max_length=254, db_index=True, editable=False)
    label = models.CharField(_("label"), max_length=80, blank=True)
    confirmed_on = models.DateField(_("last confirmed"), null=True, blank=True)
    invalid_since = models.DateTimeField(_("marked invalid"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                name="directory_contact_one_owner",
                condition=(
                    Q(journalist__isnull=False, outlet__isnull=True, partner_person__isnull=True)
                    | Q(journalist__isnull=True, outlet__isnull=False, partner_person__isnull=True)
                    | Q(journalist__isnull=True, outlet__isnull=True, partner_person__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.value

    @property
    def usable(self) -> bool:
        return self.invalid_since is None
