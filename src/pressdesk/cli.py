"""The ``pressdesk`` console command: Django's manage.py with our settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressdesk.settings")
    from pressdesk.env import ConfigError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        sys.stderr.write(f"pressdesk: configuration error: {exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
