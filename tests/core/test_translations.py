"""The gettext catalogues are complete: kk (default), ru and en, every string of the code translated.

Strings are extracted with ``make messages`` (Django's makemessages, GNU gettext);
this test fails when the code has a string the catalogues lack, when an entry is
untranslated or fuzzy, or when a translation loses or invents a placeholder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import django
import polib
import pytest
from django.core.management import call_command
from django.utils import translation

import pressdesk

PACKAGE_DIR = Path(pressdesk.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["kk", "ru", "en"]
PLURAL_FORMS = {"kk": 2, "ru": 4, "en": 2}
# %(name)s, %(n)d ... (python-format) and bare %s / %d; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifeEgGxXor%])")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


def catalogue(lang: str) -> polib.POFile:
    path = po_path(lang)
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


def entries(lang: str) -> list[polib.POEntry]:
    return [e for e in catalogue(lang) if not e.obsolete]


def placeholders(text: str) -> list[str]:
    found = []
    for name, conversion in PLACEHOLDER.findall(text):
        if conversion != "%":
            found.append(f"%({name}){conversion}" if name else f"%{conversion}")
    return sorted(found)


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


def entry_key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_exists_with_headers(lang):
    po = catalogue(lang)
    assert po.metadata.get("Language") == lang
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not po.metadata_is_fuzzy, f"{lang}: the header is marked fuzzy"
    assert f"nplurals={PLURAL_FORMS[lang]};" in po.metadata.get("Plural-Forms", "").replace(" ", "")


def test_russian_plural_formula_is_djangos():
    # Django keeps a catalogue with another plural formula apart; use its own one.
    django_ru = Path(django.__file__).resolve().parent / "conf" / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    expected = polib.pofile(str(django_ru)).metadata["Plural-Forms"]
    assert catalogue("ru").metadata["Plural-Forms"] == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_untranslated_or_fuzzy_entries(lang):
    po = catalogue(lang)
    untranslated = [label(e) for e in po.untranslated_entries()]
    fuzzy = [label(e) for e in po.fuzzy_entries()]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy: {fuzzy[:20]}"
    incomplete = [
        label(e)
        for e in entries(lang)
        if e.msgid_plural
        and (len(e.msgstr_plural) != PLURAL_FORMS[lang] or not all(v.strip() for v in e.msgstr_plural.values()))
    ]
    assert not incomplete, f"{lang}: plural forms missing in {incomplete}"
    # "#| msgid ..." is what msgmerge leaves on a guessed (fuzzy) translation of a
    # similar older string; with the fuzzy flag removed the guess would ship unreviewed.
    guessed = [label(e) for e in entries(lang) if e.previous_msgid or e.previous_msgid_plural or e.previous_msgctxt]
    assert not guessed, f"{lang}: translations guessed by msgmerge from another string, review them: {guessed}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for e in entries(lang):
        if not e.msgid_plural:
            if e.msgstr and placeholders(e.msgstr) != placeholders(e.msgid):
                wrong.append(f"{label(e)} -> {e.msgstr!r}")
            continue
        single, plural = placeholders(e.msgid), placeholders(e.msgid_plural)
        for index, text in sorted(e.msgstr_plural.items()):
            got = placeholders(text)
            # With two forms, form 0 is used only for n == 1 and may follow the singular msgid.
            allowed = [plural, single] if PLURAL_FORMS[lang] == 2 and index == 0 else [plural]
            if got not in allowed:
                wrong.append(f"{label(e)} [{index}] -> {text!r}")
    assert not wrong, f"{lang}: placeholders differ from the source:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_python_format_strings_format(lang):
    """A stray '%' in a translation breaks the page that formats it."""
    broken = []
    for e in entries(lang):
        if "python-format" not in e.flags:
            continue
        texts = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        for text in texts:
            names = {name for name, _conv in PLACEHOLDER.findall(text) if name}
            try:
                text % ({name: 1 for name in names} if names else ())
            except (TypeError, ValueError, KeyError) as exc:
                broken.append(f"{label(e)} -> {text!r}: {exc}")
    assert not broken, f"{lang}: translations that do not format:\n" + "\n".join(broken)


def test_same_strings_in_every_language():
    keys = {lang: {entry_key(e) for e in entries(lang)} for lang in LANGUAGES}
    for lang in LANGUAGES[1:]:
        assert keys[lang] == keys["kk"], (
            f"kk and {lang} differ: only in kk {sorted(keys['kk'] - keys[lang])[:10]}, "
            f"only in {lang} {sorted(keys[lang] - keys['kk'])[:10]}"
        )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_every_string_in_the_code_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    """Extract the strings afresh (into a copy, never touching the real catalogues) and compare."""
    source = tmp_path / "pressdesk"
    shutil.copytree(
        PACKAGE_DIR, source, ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "*.pyc", "*.mo")
    )
    (source / "locale").mkdir()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["kk"], no_location=True, no_obsolete=True, verbosity=0)
    extracted = polib.pofile(str(source / "locale" / "kk" / "LC_MESSAGES" / "django.po"))
    found = {entry_key(e) for e in extracted if not e.obsolete}
    for lang in LANGUAGES:
        missing = sorted(found - {entry_key(e) for e in entries(lang)})
        assert not missing, (
            f"{lang}: {len(missing)} strings of the code are not in the catalogue "
            f"(run `make messages` and translate them): {missing[:20]}"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_is_the_one_in_use(lang):
    """After `make translations` Django serves exactly what the .po file says."""
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists():
        pytest.skip("catalogues not compiled: run `make translations`")
    assert mo.stat().st_mtime >= po_path(lang).stat().st_mtime, "stale .mo: run `make translations`"
    differ = []
    with translation.override(lang):
        for e in entries(lang):
            if e.msgctxt or e.msgid_plural or not e.msgstr:
                continue
            if translation.gettext(e.msgid) != e.msgstr:
                differ.append(label(e))
    assert not differ, f"{lang}: Django serves other text for {differ[:20]}"
