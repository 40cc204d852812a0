"""What a row of an imported list of journalists means, checked against the directory.

What a press secretary expects, and so what the check does:

* The check reads the whole file and names every problem with its row, so the
  file is fixed once, not row by row. Nothing is written while any error is left.
* An outlet is found by its name in any of its languages and spellings
  ("Хабар", "Khabar", "ХАБАР"). An outlet that is not in the directory is an
  error, not a new outlet: a journalists' list says nothing of the outlet's
  type, level or owner, which segments and reports rely on, and one typo
  ("Хабар 24" next to "Хабар-24") would quietly create a second outlet. The
  preview lists the missing outlets once, to be added first.
* A row whose email or phone is already on a journalist in the directory is that
  journalist: it is skipped and shown, never imported a second time. A row that
  only shares a name is imported and shown as a likely duplicate (namesakes
  exist); the duplicates page merges real ones.
* Within the file, an email or phone met twice is an error on the later row:
  one address cannot belong to two people, and which row is right is for the
  press secretary to say. Two rows with the same name are shown, and both
  imported: if they are one person, merging keeps both rows' contacts.
* The "trusted" column counts only where the importer may put journalists into
  the trusted pool; otherwise the preview says it is ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.directory import access, indexing, tabular
from pressdesk.directory.models import Beat, Contact, ContactKind, Journalist, Outlet, Position
from pressdesk.directory.normalize import contact_normalized

MAX_FINDINGS = 500  # kept for the preview; the counts cover every row
REQUIRED = ("full_name",)
CONTACT_COLUMNS = ("email", "phone")
SPLIT = re.compile(r"[\n;,]+")
SPLIT_PHONES = re.compile(r"[\n;,/]+")
SPLIT_POSITIONS = re.compile(r"\n|;")  # not ",": outlet names may contain commas; one per place
LANGUAGE_WORDS = {
    "kk": ("kk", "kz", "kaz", "kazakh", "каз", "қаз", "қазақ", "қазақша", "қазақ тілі", "казахский", "казахский язык"),
    "ru": ("ru", "rus", "russian", "рус", "орыс", "орысша", "орыс тілі", "русский", "русский язык"),
    "en": ("en", "eng", "english", "англ", "ағылшын", "ағылшынша", "ағылшын тілі", "английский", "английский язык"),
}
YES = {"1", "+", "x", "х", "✓", "✔", "y", "yes", "true", "иә", "ия", "иа", "да"}
NO = {"", "0", "-", "n", "no", "false", "жоқ", "нет"}


@dataclass
class Preview:
    """What the check found. ``errors`` and ``duplicates`` are capped at MAX_FINDINGS; the counts are not."""

    format: str = ""
    rows: int = 0
    error_rows: int = 0
    known: int = 0
    erased: int = 0
    errors: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_import(self) -> int:
        return max(self.rows - self.error_rows - self.known, 0)

    def error(self, row: int | None, message: str) -> None:
        if len(self.errors) < MAX_FINDINGS:
            self.errors.append({"row": row, "message": message})

    def duplicate(self, row: int, name: str, other: str, reason: str, *, other_id: int | None, skipped: bool) -> None:
        if len(self.duplicates) < MAX_FINDINGS:
            self.duplicates.append(
                {"row": row, "name": name, "other": other, "other_id": other_id, "reason": reason, "skipped": skipped}
            )


@dataclass
class Row:
    """One row that passed the check, in the shape the write needs."""

    number: int
    full_name: str
    name_key: str
    contacts: list[tuple[str, str, str]]  # (kind, value to show, value to compare)
    positions: list[tuple[int, str]]  # (outlet id, title)
    beats: list[int]
    languages: list[str]
    preferred_language: str
    trusted: bool


def _sight(actor: User | None, unit: Unit, field_name: str = "unit") -> Q:
    """Records the importer may see; the system sees what a press secretary of ``unit`` would."""
    if actor is not None:
        return access.visible_q(actor, field=field_name)
    above = [unit.path[: i + 7] for i in range(0, len(unit.path), 7)]
    return Q(**{f"{field_name}__path__startswith": unit.path}) | Q(**{f"{field_name}__path__in": above})


class Lookups:
    """Everything a row is checked against, loaded once per file."""

    def __init__(self, *, actor: User | None, unit: Unit):
        self.unit = unit
        self.may_trust = actor is None or has_perm(actor, "directory.trust", unit)
        self.outlets: dict[str, set[int]] = {}  # name key -> outlets of that name in any language
        self.outlet_units: dict[int, int] = {}
        self._outlet_answers: dict[str, tuple[int | None, str | None]] = {}
        for outlet in Outlet.objects.active().filter(_sight(actor, unit)).prefetch_related("translations"):
            self.outlet_units[outlet.pk] = outlet.unit_id
            for row in outlet.translations.all():
                self.outlets.setdefault(indexing.name_key(row.name), set()).add(outlet.pk)
        beats = list(Beat.objects.prefetch_related("translations"))
        self.beats = {
            tabular.heading_key(word): beat.pk
            for beat in beats
            for word in [beat.code, *(row.name for row in beat.translations.all())]
        }
        self.beat_names = sorted(beat.name for beat in beats)
        self.languages = {tabular.heading_key(w): code for code, words in LANGUAGE_WORDS.items() for w in words}
        for code, name in settings.LANGUAGES:
            self.languages[tabular.heading_key(str(name))] = code
        present = Journalist.objects.present().filter(_sight(actor, unit))
        self.contacts: dict[tuple[str, str], tuple[int, str]] = {
            (kind, normalized): (pk, name)
            for kind, normalized, pk, name in Contact.objects.filter(
                journalist__in=present, kind__in=[ContactKind.EMAIL, ContactKind.PHONE]
            ).values_list("kind", "normalized", "journalist", "journalist__full_name")
        }
        self.names: dict[str, tuple[int, str]] = {
            key: (pk, name) for pk, name, key in present.exclude(name_key="").values_list("pk", "full_name", "name_key")
        }

    def outlet(self, name: str) -> tuple[int | None, str | None]:
        """(outlet id, None) or (None, what is wrong); the answer for each spelling is worked out once per file."""
        if name not in self._outlet_answers:
            self._outlet_answers[name] = self._find_outlet(name)
        return self._outlet_answers[name]

    def _find_outlet(self, name: str) -> tuple[int | None, str | None]:
        found = self.outlets.get(indexing.name_key(name), set())
        if len(found) > 1:
            own = [pk for pk in found if self.outlet_units.get(pk) == self.unit.pk]
            found = set(own) if len(own) == 1 else found
        if len(found) == 1:
            return next(iter(found)), None
        if not found:
            return None, _("The outlet “%(name)s” is not in the directory: add it first, then import again.") % {
                "name": name
            }
        return None, _("Several outlets in the directory are called “%(name)s”: merge or rename them first.") % {
            "name": name
        }


def _yes(value: str) -> bool | None:
    """True, False, or None when the cell says neither; our own exports write "yes" in the user's language."""
    word = value.strip().casefold()
    if not word or word in NO:
        return False
    if word in YES or word in _translated_yes():
        return True
    return None


def _translated_yes() -> set[str]:
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(_("yes").casefold())
    return found


def _language_codes(cell: str, look: Lookups, problems: list[str]) -> list[str]:
    codes = []
    for part in SPLIT.split(cell):
        if not part.strip():
            continue
        code = look.languages.get(tabular.heading_key(part)) or look.languages.get(part.strip().casefold())
        if code is None:
            problems.append(
                _("Unknown language “%(value)s”: write Kazakh, Russian or English.") % {"value": part.strip()}
            )
        elif code not in codes:
            codes.append(code)
    return codes


def _contacts(values: dict[str, str], problems: list[str]) -> list[tuple[str, str, str]]:
    contacts: list[tuple[str, str, str]] = []
    for kind, pattern in ((ContactKind.EMAIL, SPLIT), (ContactKind.PHONE, SPLIT_PHONES)):
        for raw in pattern.split(values.get(kind, "")):
            if not raw.strip():
                continue
            try:
                shown, normalized = contact_normalized(kind, raw)
            except ValidationError as error:
                problems.append(error.messages[0])
                continue
            if len(shown) > Contact._meta.get_field("value").max_length:
                problems.append(_("“%(value)s” is too long for a contact.") % {"value": raw[:60]})
            elif all((k, n) != (kind, normalized) for k, _shown, n in contacts):
                contacts.append((kind, shown, normalized))
    return contacts


def _positions(values: dict[str, str], look: Lookups, problems: list[str]) -> list[tuple[int, str]]:
    outlets = [part.strip() for part in SPLIT_POSITIONS.split(values.get("outlet", "")) if part.strip()]
    # Titles pair with outlets by place: "; Редактор" is no title at the first outlet, "Редактор" at the second.
    titles = [part.strip() for part in SPLIT_POSITIONS.split(values.get("title", ""))]
    while titles and not titles[-1]:
        titles.pop()
    positions: list[tuple[int, str]] = []
    for index, name in enumerate(outlets):
        outlet_id, problem = look.outlet(name)
        title = titles[index] if index < len(titles) else ""
        if problem:
            problems.append(problem)
        elif len(title) > Position._meta.get_field("title").max_length:
            problems.append(_("The position “%(value)s” is too long.") % {"value": title[:60]})
        else:
            positions.append((outlet_id, title))
    if len(titles) > len(outlets):
        problems.append(
            _("The position “%(title)s” has no outlet: add the outlet or clear the position.")
            % {"title": titles[len(outlets)]}
        )
    return positions


def _beats(values: dict[str, str], look: Lookups, problems: list[str]) -> list[int]:
    beats: list[int] = []
    for part in SPLIT.split(values.get("beats", "")):
        if not part.strip():
            continue
        beat = look.beats.get(tabular.heading_key(part))
        if beat is None:
            problems.append(
                _("Unknown beat “%(value)s”. The beats are: %(known)s.")
                % {"value": part.strip(), "known": ", ".join(look.beat_names)}
            )
        elif beat not in beats:
            beats.append(beat)
    return beats


def check_row(number: int, values: dict[str, str], look: Lookups) -> tuple[Row | None, list[str]]:
    """The row as data to write, or the list of what is wrong with it (in the active language)."""
    problems: list[str] = []
    full_name = " ".join(values.get("full_name", "").split())
    longest = Journalist._meta.get_field("full_name").max_length
    if not full_name:
        problems.append(_("The name is missing."))
    elif len(full_name) > longest:
        problems.append(_("The name is longer than %(max)s characters.") % {"max": longest})
    contacts = _contacts(values, problems)
    positions = _positions(values, look, problems)
    beats = _beats(values, look, problems)
    languages = _language_codes(values.get("languages", ""), look, problems)
    preferred = _language_codes(values.get("preferred_language", ""), look, problems)
    if len(preferred) > 1:
        problems.append(_("Give one language for materials, not several."))
    trusted = _yes(values.get("trusted", ""))
    if trusted is None:
        problems.append(
            _("In the “trusted” column write “yes” or leave the cell empty, not “%(value)s”.")
            % {"value": values["trusted"]}
        )
    if problems:
        return None, problems
    row = Row(
        number=number,
        full_name=full_name,
        name_key=indexing.name_key(full_name),
        contacts=contacts,
        positions=positions,
        beats=beats,
        languages=languages,
        # Unsaid, materials go in the first working language: a Russian-only reporter gets Russian.
        preferred_language=(preferred or languages or [settings.LANGUAGE_CODE])[0],
        trusted=bool(trusted) and look.may_trust,
    )
    return row, []


def checked_rows(table: tabular.Table, look: Lookups, preview: Preview) -> Iterator[Row]:
    """Every row ready to write; errors, skips and likely duplicates go into ``preview`` as the rows go by."""
    preview.format = table.format
    preview.notes.extend(table.notes)
    missing = [c for c in REQUIRED if c not in table.found]
    if not any(c in table.found for c in CONTACT_COLUMNS):
        missing.append("contact")
    if missing:
        labels = {c.key: str(c.label) for c in tabular.JOURNALIST_COLUMNS}
        labels["contact"] = _("Email or phone")
        preview.error(
            None,
            _("The file has no column for: %(columns)s. Name the columns in the first row, for example: %(example)s.")
            % {
                "columns": ", ".join(labels[c] for c in missing),
                "example": ", ".join(str(c.label) for c in tabular.JOURNALIST_COLUMNS[:5]),
            },
        )
        return
    if table.ignored:
        preview.notes.append(_("These columns are not imported: %(columns)s.") % {"columns": ", ".join(table.ignored)})
    seen_contacts: dict[tuple[str, str], int] = {}
    seen_names: dict[str, tuple[int, set[int]]] = {}
    trusted_ignored = 0
    unknown_outlets: Counter[str] = Counter()
    try:
        for number, values in table.rows:
            if _yes(values.get("erased", "")):
                preview.erased += 1
                continue
            preview.rows += 1
            row, problems = check_row(number, values, look)
            if row is not None:
                problems = _repeats(row, seen_contacts, seen_names, preview)
            if problems:
                preview.error_rows += 1
                for problem in problems:
                    preview.error(number, problem)
                for name in SPLIT_POSITIONS.split(values.get("outlet", "")):
                    if name.strip() and look.outlet(name.strip())[0] is None:
                        unknown_outlets[name.strip()] += 1
                continue
            if _already_known(row, look, preview):
                continue
            if _yes(values.get("trusted", "")) and not row.trusted:
                trusted_ignored += 1
            yield row
    except tabular.TableError as error:
        preview.error(None, str(error))
    if unknown_outlets:
        listed = ", ".join(f"{name} ({count})" for name, count in unknown_outlets.most_common(20))
        preview.notes.append(_("Outlets to add to the directory first (rows): %(outlets)s.") % {"outlets": listed})
    if trusted_ignored:
        preview.notes.append(
            ngettext(
                "%(count)s row is marked trusted, but you may not put journalists into the trusted pool here: "
                "it is imported outside it.",
                "%(count)s rows are marked trusted, but you may not put journalists into the trusted pool here: "
                "they are imported outside it.",
                trusted_ignored,
            )
            % {"count": trusted_ignored}
        )
    if preview.erased:
        preview.notes.append(
            ngettext(
                "%(count)s anonymised row of an erased record is left out.",
                "%(count)s anonymised rows of erased records are left out.",
                preview.erased,
            )
            % {"count": preview.erased}
        )
    if not preview.rows and not preview.errors:
        preview.error(None, _("The file has no rows under the headings."))


def _repeats(row: Row, seen_contacts: dict, seen_names: dict, preview: Preview) -> list[str]:
    """An error for a contact already met earlier in the file; a shared name is only shown (namesakes exist)."""
    for kind, _shown, normalized in row.contacts:
        earlier = seen_contacts.get((kind, normalized))
        if earlier is not None:
            what = _("email") if kind == ContactKind.EMAIL else _("phone")
            return [_("The same person as in row %(row)s (the same %(what)s).") % {"row": earlier, "what": what}]
    outlets = {outlet_id for outlet_id, _title in row.positions}
    earlier_name = seen_names.get(row.name_key) if row.name_key else None
    if earlier_name is not None:
        earlier_row, earlier_outlets = earlier_name
        reason = _("same name and outlet") if outlets & earlier_outlets else _("same name")
        other = _("row %(row)s") % {"row": earlier_row}
        preview.duplicate(row.number, row.full_name, other, reason, other_id=None, skipped=False)
    for kind, _shown, normalized in row.contacts:
        seen_contacts[(kind, normalized)] = row.number
    if row.name_key and earlier_name is None:
        seen_names[row.name_key] = (row.number, outlets)
    return []


def _already_known(row: Row, look: Lookups, preview: Preview) -> bool:
    for kind, _shown, normalized in row.contacts:
        match = look.contacts.get((kind, normalized))
        if match is not None:
            reason = _("same email") if kind == ContactKind.EMAIL else _("same phone")
            preview.duplicate(row.number, row.full_name, match[1], reason, other_id=match[0], skipped=True)
            preview.known += 1
            return True
    match = look.names.get(row.name_key) if row.name_key else None
    if match is not None:
        preview.duplicate(row.number, row.full_name, match[1], _("same name"), other_id=match[0], skipped=False)
    return False
