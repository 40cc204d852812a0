"""The one audit path. Every service that changes something calls ``record``."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import AuditEntry, Unit, User

SYSTEM = "system"
_LABELS: dict[str, object] = {}


def register_labels(labels: dict[str, object]) -> None:
    """Readable, translatable names for action codes; apps call this when they start."""
    _LABELS.update(labels)


def label(code: str) -> str:
    return str(_LABELS.get(code, code))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited state of an object: concrete field values as JSON-ready data."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in instance._meta.concrete_fields if f.name not in {"password"}]
    )
    return {name: _jsonable(getattr(instance, name)) for name in names}


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    unit: Unit | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    ip: str | None = None,
) -> AuditEntry:
    """Write one audit entry. ``actor=None`` means the system (a scheduled job)."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(f"{actor.full_name} <{actor.email}>" if actor else SYSTEM)[:254],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        unit=unit,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
        ip=ip,
    )


register_labels(
    {
        "core.unit.created": _("unit created"),
        "core.unit.renamed": _("unit renamed"),
        "core.staff.created": _("staff account created"),
        "core.role.granted": _("role given"),
        "core.role.revoked": _("role taken away"),
        "core.account.unlocked": _("account unlocked"),
        "core.account.second_factor_reset": _("second factor reset"),
        "core.account.password_changed": _("password changed"),
        "core.account.recovery_codes_renewed": _("new recovery codes issued"),
        "core.backup.restored": _("restored from a backup"),
        "portal.account.signed_up": _("journalist signed up"),
        "portal.account.confirmed": _("journalist confirmed the email"),
    }
)
