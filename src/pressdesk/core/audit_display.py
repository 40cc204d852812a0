"""The audit trail as people read it: field names and values in words, not codes and ids.

``AuditEntry`` keeps raw JSON so nothing is lost; this module turns it into text.
A key that is a field of the target model takes that field's verbose name and
choice labels; other keys are named through ``register_keys``; keys that hold a
unit id show the unit's name (loaded once for a whole page).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.models import AuditEntry, Role, Unit
from pressdesk.core.templatetags.l10n_kk import ldate, ldatetime

UNIT_KEYS = {"unit", "parent"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


_KEY_LABELS: dict[str, object] = {}
_KEY_CHOICES: dict[str, dict[str, object]] = {}


def register_keys(labels: dict[str, object], choices: dict[str, Iterable[tuple[str, object]]] | None = None) -> None:
    """Names for keys of audit data that are not fields of the target model; choice labels for their values."""
    _KEY_LABELS.update(labels)
    for key, pairs in (choices or {}).items():
        _KEY_CHOICES[key] = dict(pairs)


def _field(model: type | None, key: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(key.removesuffix("_id"))
    except FieldDoesNotExist:
        return None
    # A reverse relation ("contacts" on a journalist) is not a field of the record: name it through register_keys.
    return field if not field.auto_created or field.concrete else None


def _label(model: type | None, key: str) -> str:
    field = _field(model, key)
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(_KEY_LABELS.get(key, key))


def _display(model: type | None, key: str, value: Any, unit_names: dict[int, str]) -> str:
    if value is None or value == "" or value == {}:
        return "—"
    if key in UNIT_KEYS and isinstance(value, int):
        return unit_names.get(value, f"#{value}")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return "; ".join(f"{_KEY_LABELS.get(k, k)}: {_display(model, k, v, unit_names)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_display(model, key, v, unit_names) for v in value)
    field = _field(model, key)
    choices = dict(field.flatchoices) if field is not None and field.choices else _KEY_CHOICES.get(key, {})
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        try:
            return (
                ldatetime(datetime.datetime.fromisoformat(value))
                if "T" in value
                else ldate(datetime.date.fromisoformat(value))
            )
        except ValueError:
            pass
    return str(value)


def with_readable_changes(entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """Attach ``readable_changes`` to each entry, with one query for all the unit names."""
    entries = list(entries)
    unit_ids = {
        value
        for entry in entries
        for data in (entry.before or {}, entry.after or {})
        for key, value in data.items()
        if key in UNIT_KEYS and isinstance(value, int)
    }
    unit_names = {u.pk: u.name for u in Unit.objects.with_names().filter(pk__in=unit_ids)} if unit_ids else {}
    for entry in entries:
        model = entry.target_type.model_class() if entry.target_type_id else None
        entry.readable_changes = [
            Change(
                _label(model, key), _display(model, key, before, unit_names), _display(model, key, after, unit_names)
            )
            for key, before, after in entry.changes()
        ]
    return entries


register_keys(
    {
        "names": gettext_lazy("names"),
        "role": gettext_lazy("role"),
        "unit": gettext_lazy("unit"),
        "parent": gettext_lazy("unit above"),
        "valid_until": gettext_lazy("until"),
        "consent": gettext_lazy("consent to personal data"),
        "file": gettext_lazy("file"),
        "rows": gettext_lazy("rows"),
        "media_files": gettext_lazy("media files"),
        "requeued_tasks": gettext_lazy("tasks queued again"),
        "created_at": gettext_lazy("created"),
        "from_database": gettext_lazy("database"),
        "language": gettext_lazy("language"),
        "kk": "Қазақша",
        "ru": "Русский",
        "en": "English",
    },
    choices={"role": Role.choices, "language": settings.LANGUAGES},
)
