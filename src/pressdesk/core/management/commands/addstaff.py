import datetime

from django.core.management.base import BaseCommand, CommandError

from pressdesk.core import services
from pressdesk.core.models import Role, Unit, User


class Command(BaseCommand):
    help = (
        "Add a staff member with a role in a unit. The account has no password: the person sets one "
        "with 'Forgot your password?' on the sign-in page, then enrols an authenticator at first sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("full_name")
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--role", choices=Role.values, required=True)
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            help="last day of access (YYYY-MM-DD); required for consultants",
        )
        parser.add_argument("--language", choices=["kk", "ru", "en"], default="kk")

    def handle(self, *args, email: str, full_name: str, unit: str, role: str, until, language: str, **options):
        unit_obj = Unit.objects.filter(code=unit).first()
        if unit_obj is None:
            raise CommandError(f"there is no unit with the code {unit!r}")
        try:
            user = User.objects.filter(email__iexact=email).first() or services.staff_create(
                actor=None, email=email, full_name=full_name, language=language
            )
            services.membership_grant(actor=None, user=user, unit=unit_obj, role=role, valid_until=until)
        except services.DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{user.email}: {role} in {unit_obj.code}")
