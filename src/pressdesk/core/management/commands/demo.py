from django.core.management.base import BaseCommand

from pressdesk.core import demo


class Command(BaseCommand):
    help = "Create (or find) the demo world: Almaty city akimat, its units and fictional staff. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="do not print the demo sign-ins")

    def handle(self, *args, quiet: bool = False, **options):
        counts = demo.load()
        if quiet:
            return
        press = demo.demo_email("press")
        self.stdout.write(
            f"Demo data ready: {', '.join(f'{number} {name}' for name, number in counts.items())}.\n\n"
            f"Sign in at http://127.0.0.1:8000/kk/signin/\n"
            f"  press secretary: {press}  password: {demo.DEMO_PASSWORD}\n"
            f"  second factor:   run `.venv/bin/pressdesk totp {press}` for the current code,\n"
            f"                   or add this key to an authenticator app: {demo.demo_totp_base32(press)}\n"
            f"                   recovery codes: {' '.join(demo.demo_recovery_codes(press))}\n"
            f"  other demo staff: {', '.join(demo.demo_email(s[0]) for s in demo.STAFF if s[0] != 'press')}\n"
            f"                   (same password; `pressdesk totp EMAIL` gives their codes)\n"
            f"  journalist (portal, no second factor): {demo.demo_email(demo.JOURNALIST[0])}\n"
        )
