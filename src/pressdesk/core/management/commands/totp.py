from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core.demo import is_demo_account
from pressdesk.core.models import User


class Command(BaseCommand):
    help = "Print the current second-factor code of a DEMO account (demo mode only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "demo mode is off (PRESSDESK_DEMO=1): codes are printed only for demo accounts in demo mode"
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None or not is_demo_account(user):
            raise CommandError(f"{email} is not a demo account")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(f"{email} has no authenticator")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
