"""The one pattern for content held in several languages.

A translatable model owns per-language rows (a subclass of TranslationBase
with a ``language`` field and a foreign key named ``parent`` whose
related_name is ``translations``). Readers ask ``obj.translated()`` and get the
row for the active language, falling back in the order of settings.LANGUAGES.
Prefetch ``translations`` on list pages and no extra query is made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TranslationBase(models.Model):
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        abstract = True


def language_order(preferred: str | None = None) -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    first = (preferred or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return [first, *[c for c in codes if c != first]] if first in codes else codes


class NameTranslation(TranslationBase):
    """A per-language name row; a subclass adds only ``parent = ForeignKey(..., related_name="translations")``."""

    name = models.CharField(_("name"), max_length=300)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["parent", "language"], name="%(app_label)s_%(class)s_one_per_language")
        ]


class TranslatableMixin:
    """Mixed into models that have ``translations`` rows."""

    def translation_map(self) -> dict[str, TranslationBase]:
        return {row.language: row for row in self.translations.all()}

    def translated(self, language: str | None = None) -> TranslationBase | None:
        rows = self.translation_map()
        for code in language_order(language):
            if code in rows:
                return rows[code]
        return None


class NamedMixin(TranslatableMixin):
    """For models whose translation rows carry a ``name``: ``obj.name`` in the active language."""

    def name_fallback(self) -> str:
        return f"#{self.pk}"

    @property
    def name(self) -> str:
        row = self.translated()
        return row.name if row else self.name_fallback()
