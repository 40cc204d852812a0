from django.core.management.base import BaseCommand, CommandError

from pressdesk.core import services
from pressdesk.core.models import Unit, UnitKind


class Command(BaseCommand):
    help = "Add an organisation unit (the body, a department, a district, a primary organisation)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="short stable code, e.g. 'ecology'")
        parser.add_argument("--kind", choices=UnitKind.values, required=True)
        parser.add_argument("--parent", help="code of the unit above; none for the body itself")
        parser.add_argument("--kk", required=True, help="name in Kazakh")
        parser.add_argument("--ru", default="", help="name in Russian")
        parser.add_argument("--en", default="", help="name in English")

    def handle(self, *args, code: str, kind: str, parent: str | None, kk: str, ru: str, en: str, **options):
        if Unit.objects.filter(code=code).exists():
            raise CommandError(f"a unit with the code {code!r} already exists")
        parent_unit = None
        if parent:
            parent_unit = Unit.objects.filter(code=parent).first()
            if parent_unit is None:
                raise CommandError(f"there is no unit with the code {parent!r}")
        unit = services.unit_create(
            actor=None, code=code, kind=kind, names={"kk": kk, "ru": ru, "en": en}, parent=parent_unit
        )
        self.stdout.write(f"unit {unit.code} created (id {unit.pk})")
