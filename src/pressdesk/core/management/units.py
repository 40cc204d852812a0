"""The unit a console command works for: given by --unit CODE, or the only top unit."""

from __future__ import annotations

from django.core.management.base import CommandError

from pressdesk.core.models import Unit


def unit_for_command(code: str | None) -> Unit:
    if code:
        unit = Unit.objects.with_names().filter(code=code).first()
        if unit is None:
            codes = ", ".join(Unit.objects.order_by("path").values_list("code", flat=True)[:30])
            raise CommandError(f"There is no unit with the code {code!r}. The codes are: {codes}.")
        return unit
    tops = list(Unit.objects.with_names().filter(parent__isnull=True))
    if not tops:
        raise CommandError("There are no units yet: create the body first (pressdesk addunit).")
    if len(tops) > 1:
        codes = ", ".join(u.code for u in tops)
        raise CommandError(f"There are several top units ({codes}): say which one with --unit CODE.")
    return tops[0]
