"""Django's own user-facing strings appear in Kazakh, not English.

Django's kk catalogues leave many form, validator and password messages untranslated
(and lack the msgids added in recent Django versions); src/pressdesk/locale_django/
supplies them. LOCALE_PATHS take precedence over Django's catalogues.
"""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib
import pytest
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import translation

import pressdesk

LOCALE_DJANGO = Path(pressdesk.__file__).resolve().parent / "locale_django"
DJANGO_DIR = Path(django.__file__).resolve().parent
DJANGO_CATALOGUES = ["conf/locale/{lang}/LC_MESSAGES/django.po", "contrib/auth/locale/{lang}/LC_MESSAGES/django.po"]
# Only shown by the technical page Django renders when DEBUG=True and no URLs exist.
TECHNICAL_TEMPLATES = ("views/templates/default_urlconf.html", "views/templates/technical_")
KAZAKH_LETTERS = set("әғқңөұүһі")
# %(name)s, %(n)d, bare %s / %d (python-format) and {name} / {} (python-brace-format).
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXor]|\{\w*\}")


def is_kazakh(text: str) -> bool:
    return bool(KAZAKH_LETTERS & set(text.lower()))


def messages(func, *args, lang: str) -> list[str]:
    with translation.override(lang):
        with pytest.raises(ValidationError) as caught:
            func(*args)
        return [str(m) for m in caught.value.messages]


def assert_kazakh(func, *args):
    english = messages(func, *args, lang="en")
    kazakh = messages(func, *args, lang="kk")
    assert len(kazakh) == len(english)
    for kk, en in zip(kazakh, english, strict=True):
        assert kk != en, f"still English in kk: {en!r}"
        assert is_kazakh(kk), f"no Kazakh letters in {kk!r}"
    return kazakh


def test_email_field_error_is_kazakh():
    (message,) = assert_kazakh(forms.EmailField().clean, "not-an-email")
    assert message == "Дұрыс электрондық пошта мекенжайын енгізіңіз."


def test_length_errors_are_kazakh():
    (too_long,) = assert_kazakh(forms.CharField(max_length=5).clean, "abcdefgh")
    assert "5" in too_long and "8" in too_long
    (too_short,) = assert_kazakh(forms.CharField(min_length=5).clean, "ab")
    assert "5" in too_short and "2" in too_short
    assert_kazakh(forms.DecimalField(max_digits=3, decimal_places=1).clean, "12.34")
    assert_kazakh(forms.IntegerField(step_size=5).clean, "7")


def test_password_validation_errors_are_kazakh():
    errors = assert_kazakh(password_validation.validate_password, "123")
    # Our settings: MinimumLength (10), Common, Numeric.
    assert len(errors) == 3
    assert any("10" in e for e in errors)
    with translation.override("kk"):
        help_texts = password_validation.password_validators_help_texts()
    assert all(is_kazakh(t) for t in help_texts), help_texts


def test_password_mismatch_is_kazakh():
    user = User(username="someone")
    data = {"new_password1": "Koktem-2025-ozen", "new_password2": "Koktem-2025-ozgesh"}
    with translation.override("kk"):
        form = SetPasswordForm(user, data)
        assert not form.is_valid()
        message = form.errors["new_password2"][0]
    assert message == "Екі құпиясөз өрісі сәйкес келмейді."


# --- the catalogues themselves -------------------------------------------------------


def our_catalogues() -> list[Path]:
    return sorted(LOCALE_DJANGO.glob("*/LC_MESSAGES/django.po"))


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


def test_kazakh_catalogue_exists():
    assert LOCALE_DJANGO / "kk" / "LC_MESSAGES" / "django.po" in our_catalogues()


@pytest.mark.parametrize("path", our_catalogues(), ids=lambda p: p.parts[-3])
def test_catalogue_complete_and_placeholders_kept(path):
    lang = path.parts[-3]
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == lang
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    django_po = polib.pofile(str(DJANGO_DIR / DJANGO_CATALOGUES[0].format(lang=lang)))
    assert po.metadata.get("Plural-Forms") == django_po.metadata.get("Plural-Forms")
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))

    entries = [e for e in po if not e.obsolete]
    assert entries
    assert not [label(e) for e in po.untranslated_entries()], "untranslated entries"
    assert not [label(e) for e in po.fuzzy_entries()], "fuzzy entries"
    wrong = []
    for e in entries:
        if e.msgid_plural:
            assert len(e.msgstr_plural) == nplurals and all(s.strip() for s in e.msgstr_plural.values()), label(e)
            wanted = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural))
            texts = list(e.msgstr_plural.values())
        else:
            wanted = set(PLACEHOLDER.findall(e.msgid))
            texts = [e.msgstr]
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{label(e)} -> {text!r}")
            # Not a copy of the English (punctuation-only msgids and protocol names aside).
            if text == e.msgid and e.msgid not in ("IPv4", "IPv6") and re.search("[A-Za-z]", PLACEHOLDER.sub("", text)):
                wrong.append(f"{label(e)} copied untranslated")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_current_django_string_is_translated(lang):
    """Django's source (en) msgids are translated by Django's catalogue or ours — catches Django upgrades."""
    ours = LOCALE_DJANGO / lang / "LC_MESSAGES" / "django.po"
    translated = set()
    if ours.exists():
        translated |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(ours)).translated_entries()}
    missing = []
    for catalogue in DJANGO_CATALOGUES:
        theirs = polib.pofile(str(DJANGO_DIR / catalogue.format(lang=lang)))
        translated |= {(e.msgctxt, e.msgid) for e in theirs.translated_entries() if not e.obsolete}
        for e in polib.pofile(str(DJANGO_DIR / catalogue.format(lang="en"))):
            if e.obsolete or any(path.startswith(TECHNICAL_TEMPLATES) for path, _line in e.occurrences):
                continue
            if (e.msgctxt, e.msgid) not in translated:
                missing.append(label(e))
    assert not missing, f"{lang}: {len(missing)} Django strings untranslated: {missing[:20]}"
