"""Compile the translation catalogues without GNU gettext (``python -m pressdesk.i18n compile``)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIRS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]


def compile_all() -> int:
    count = 0
    for po_path in sorted(p for d in LOCALE_DIRS for p in d.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    return count


def main(argv: list[str]) -> int:
    if argv[1:] != ["compile"]:
        print("usage: python -m pressdesk.i18n compile", file=sys.stderr)
        return 2
    compile_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
