from django.core.management.base import BaseCommand, CommandError

from pressdesk.core import services
from pressdesk.core.models import User


class Command(BaseCommand):
    help = "Lift a sign-in lock-out from an account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"no account has the email {email}")
        services.account_unlock(actor=None, user=user)
        self.stdout.write(f"{user.email} can sign in again.")
