"""The analyst's watchlist: what an entry may hold, and how each of its phrases is compiled for matching.

An entry is a mapping::

    {"id": "akimat",                      # a string or a whole number, unique in the list
     "kind": "organisation",              # organisation | official | topic
     "names": ["Алматы қаласының әкімдігі", "акимат Алматы"],   # each written once, any script
     "exclude": ["Алматы облысы"],        # optional: phrases that cancel a match they overlap
     "requires": ["Алматы"],              # optional: one must be in the text, unless a person is named whole
     "initials": true}                    # optional: a person's "Е. Сапаров", "Сапаров Е." and surname

``parse()`` takes the decoded JSON (a list of such mappings) and returns ``Entry``
objects or raises ``WatchlistError`` naming the entry (by its place in the list,
counted from 1, and its id) and what is wrong.

``phrase_variants()`` compiles one name, exclusion or required phrase into the token
sequences it is looked for in, per text language: each word's stems in that language
(a Russian proper name in its case forms too, a Latin word also read as Kazakh
Cyrillic, a Cyrillic word also in Latin letters for English text), the built-in
vocabulary's words as concepts, and the word orders allowed. What that vocabulary is
and what the orders, levels and exclusions mean is told in ``matching``, which
builds the automaton from these sequences.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from pressdesk.text import fold, has_kazakh_letters, name_keys, to_cyrillic, tokens
from pressdesk.text.language import LANGUAGES, detect
from pressdesk.text.latin import LATIN_LETTER_RE
from pressdesk.text.tone import russian_stems

KINDS = ("organisation", "official", "topic")
_MAX_VARIANTS = 48  # token sequences per name and language (case forms multiply)
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_SURNAME_RE = re.compile("(?:ov|ev|ova|eva|iev|ieva|uli|kizi|skii|skaia|enko)$")

# fmt: off
VOCABULARY = {
    "@akim": {
        "kk": "әкім akim äkım",
        "ru": "аким акима акиму акимом акиме акимы акимов",
        "en": "akim akims mayor mayors",
    },
    "@akimat": {
        "kk": "әкімдік акимат akimat äkımdık",
        "ru": "акимат акимата акимату акиматом акимате",
        "en": "akimat akimats",
    },
    "@region": {"kk": "облыс облыстық", "ru": "область области областью обл", "en": "region regions oblast"},
    "@city": {"kk": "қала қалалық", "ru": "город города городе городом", "en": "city"},
    "@district": {"kk": "аудан аудандық", "ru": "район района районе районом", "en": "district districts"},
    "@village": {"kk": "ауыл ауылдық", "ru": "поселок поселка поселке", "en": "village villages"},
}
# fmt: on
LEVELS = frozenset({"@region", "@city", "@district", "@village"})
OFFICES = frozenset({"@akim", "@akimat"})
_LINKING = frozenset({"of", "the", "g", "k"})  # г. and қ. (city), of, the

_KEYS = frozenset({"id", "kind", "names", "exclude", "requires", "initials"})


class WatchlistError(ValueError):
    """A watchlist that cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class Entry:
    id: str | int
    kind: str
    names: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    initials: bool = False


def load(path: Path) -> list[Entry]:
    """The entries of a watchlist file (a JSON list)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise WatchlistError(
            _("The watchlist %(path)s cannot be read: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WatchlistError(
            _("The watchlist %(path)s is not JSON in UTF-8: %(reason)s.") % {"path": path, "reason": error}
        ) from None
    return parse(data)


def parse(data: object) -> list[Entry]:
    """Checked entries from decoded JSON; ``WatchlistError`` on the first wrong entry."""
    if not isinstance(data, list):
        raise WatchlistError(_("The watchlist must be a JSON list of entries."))
    entries = [_entry(number, item) for number, item in enumerate(data, start=1)]
    seen: set[str | int] = set()
    for number, entry in enumerate(entries, start=1):
        if entry.id in seen:
            raise WatchlistError(
                _("Watchlist entry %(number)d: the id %(id)s is used twice.") % _where(number, entry.id)
            )
        seen.add(entry.id)
    return entries


def _where(number: int, id: object) -> dict[str, object]:
    return {"number": number, "id": json.dumps(id, ensure_ascii=False)}


def _entry(number: int, item: object) -> Entry:
    if not isinstance(item, dict):
        raise WatchlistError(
            _("Watchlist entry %(number)d is not an object with an id, a kind and names.") % {"number": number}
        )
    id = item.get("id")
    if isinstance(id, bool) or not isinstance(id, str | int) or (isinstance(id, str) and not id.strip()):
        raise WatchlistError(_("Watchlist entry %(number)d has no id (a text or a whole number).") % {"number": number})
    where = _where(number, id)
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise WatchlistError(
            _("Watchlist entry %(number)d (%(id)s): unknown key %(key)s; the keys are %(keys)s.")
            % {**where, "key": json.dumps(unknown[0]), "keys": ", ".join(sorted(_KEYS))}
        )
    kind = item.get("kind")
    if kind not in KINDS:
        raise WatchlistError(
            _("Watchlist entry %(number)d (%(id)s): the kind must be one of %(kinds)s, not %(kind)s.")
            % {**where, "kinds": ", ".join(KINDS), "kind": json.dumps(kind, ensure_ascii=False)}
        )
    names = _phrases(item.get("names"), where, "names")
    if not names:
        raise WatchlistError(_("Watchlist entry %(number)d (%(id)s) has no names.") % where)
    initials = item.get("initials", False)
    if not isinstance(initials, bool):
        raise WatchlistError(_("Watchlist entry %(number)d (%(id)s): initials must be true or false.") % where)
    return Entry(
        id=id,
        kind=kind,
        names=names,
        exclude=_phrases(item.get("exclude", []), where, "exclude"),
        requires=_phrases(item.get("requires", []), where, "requires"),
        initials=initials,
    )


def _phrases(value: object, where: dict[str, object], key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise WatchlistError(
            _("Watchlist entry %(number)d (%(id)s): %(key)s must be a list of non-empty texts.") % {**where, "key": key}
        )
    return tuple(_unique(v.strip() for v in value))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# How a name is looked for ----------------------------------------------------------------------------------------


def analyzer_language(language: str) -> str | None:
    """The ``language`` to give ``tokens()`` for a text ``detect()`` found to be in ``language``."""
    return None if language == "other" else language


def _aliases() -> dict[str, dict[str, str]]:
    """For each text language: token → concept, for the vocabulary and the linking words ("other": all three)."""
    out: dict[str, dict[str, str]] = {}
    for language in ("kk", "ru", "en"):
        table = dict.fromkeys(_LINKING, "@link")
        for concept, words in VOCABULARY.items():
            for word in words[language].split():
                found = tokens(word, language)
                if len(found) == 1:
                    table[found[0]] = concept
        out[language] = table
    out["other"] = {**out["kk"], **out["ru"], **out["en"]}
    return out


ALIASES = _aliases()


@dataclass(frozen=True)
class Person:
    """A person's name found whole or by the surname alone, and what the text beside it is checked against."""

    initial: str  # the first name's first letter, folded
    surname: str  # the surname's ``name_keys`` key
    first: str  # the first name's ``name_keys`` key
    alone: bool  # found by the surname alone (with initials)


Variants = dict[tuple[tuple[str, ...], frozenset[str]], tuple[frozenset[str], Person | None]]


def phrase_variants(phrase: str, entry: Entry) -> Variants:
    """Every form and order a phrase of the entry is looked for in.

    (key, levels) → (text languages, person): the key is the codes the automaton looks for
    (tokens, and concepts such as "@akim"); levels are the level concepts the phrase names,
    which must be found beside the key; the person, for an official's name written whole or
    for its surname alone, holds the keys of the names the words beside it are checked against.
    """
    words = unicodedata.normalize("NFC", phrase).split()
    own = detect(phrase)
    person = entry.kind == "official" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
    out: Variants = {}

    if person:
        surname, first = _surname(words)
        whole = Person(fold(first[:1]), "".join(name_keys(surname)), "".join(name_keys(first)), alone=False)

    def add(key: tuple[str, ...], levels: frozenset[str], language: str, found: Person | None = None) -> None:
        languages, _found = out.get((key, levels), (frozenset(), found))
        out[(key, levels)] = (languages | {language}, found)

    for language in LANGUAGES:
        for codes in _sequences(words, language):
            key = tuple(code for code in codes if code not in LEVELS and code != "@link")
            if not key:
                continue
            levels = frozenset(code for code in codes if code in LEVELS)
            is_person = person and len(key) == len(words) and not any(code.startswith("@") for code in codes)
            organisation = entry.kind == "organisation"
            for order in _orders(key, language, own, is_person, organisation):
                add(order, levels, language, whole if is_person else None)
            if organisation and language in ("kk", "ru"):
                for inside in _with_akimat_inside(key):
                    add(inside, levels, language)
    if entry.initials and person:
        alone = Person(whole.initial, whole.surname, whole.first, alone=True)
        for language in LANGUAGES:
            for codes in _word_codes(surname, language):
                # a stem much shorter than the surname (ахмет of Ахметова) could only pass the whole-surname check
                # on a word that gives a longer stem: it would only cost a look at the text, never match
                if not any(code.startswith("@") for code in codes) and len("".join(codes)) >= len(alone.surname) - 2:
                    add(codes, frozenset(), language, alone)
    if not out:
        raise WatchlistError(
            _("Watchlist entry %(id)s: %(phrase)s has no word to look for, only level or linking words.")
            % {"id": json.dumps(entry.id, ensure_ascii=False), "phrase": phrase}
        )
    return out


def _sequences(words: list[str], language: str) -> set[tuple[str, ...]]:
    """The code sequences the phrase may take in a text of ``language``: each word's forms, combined."""
    parts = [sorted(codes) for word in words if (codes := _word_codes(word, language))]
    out: set[tuple[str, ...]] = set()
    for combination in itertools.product(*parts):
        out.add(tuple(code for part in combination for code in part))
        if len(out) >= _MAX_VARIANTS:
            break
    return out


def _word_codes(word: str, language: str) -> set[tuple[str, ...]]:
    """The ways one word of a name appears in a text of ``language``, as codes (tokens or concepts)."""
    concept = _concept(word)
    if concept:
        return {(concept,)}
    analyzer = analyzer_language(language)
    forms = {tuple(tokens(word, analyzer))}
    cyrillic = bool(_CYRILLIC_RE.search(word))
    if LATIN_LETTER_RE.search(word) and not cyrillic and language in ("kk", "ru"):
        forms.add(tuple(tokens(to_cyrillic(word), analyzer)))  # Saparov written Сапаров
    if not LATIN_LETTER_RE.search(word) and language in ("en", "other"):
        forms.add(tuple(tokens(fold(word), "en")))  # Алматы written Almaty
    if language == "ru" and cyrillic and not has_kazakh_letters(word):
        forms.update((stem,) for stem in russian_stems(word))
    return {tuple(_alias(token, language) for token in form) for form in forms if form}


def _alias(token: str, language: str) -> str:
    return ALIASES[language].get(token, token)


def _concept(word: str) -> str | None:
    """The vocabulary concept a word of a name is, read in the languages its letters allow."""
    if has_kazakh_letters(word):
        readings = ("kk",)
    elif _CYRILLIC_RE.search(word):
        readings = ("ru", "kk")
    else:
        readings = ("en", "kk")
    for language in readings:
        found = tokens(word, language)
        if len(found) == 1 and (concept := ALIASES[language].get(found[0])):
            return concept
    return None


def _orders(key: tuple[str, ...], language: str, own: str, person: bool, organisation: bool) -> list[tuple[str, ...]]:
    """The word orders of a key in a text of ``language`` (the rules are told in ``matching``)."""
    if len(key) == 1:
        return [key]
    office = any(code in OFFICES for code in key)
    if person or (office and language in ("en", "other")):
        return list(itertools.permutations(key)) if len(key) <= 3 else [key, key[::-1]]
    if office and language != own:
        if own in ("kk", "ru"):
            return [key[::-1]]
        # written in English: the owner before the office in Kazakh (Алматы әкімі), after it in Russian (аким Алматы)
        offices = tuple(code for code in key if code in OFFICES)
        owner = tuple(code for code in key if code not in OFFICES)
        return [owner + offices] if language == "kk" else [offices + owner]
    if organisation and language in ("en", "other"):
        # "the education department of Almaty" for "Almaty education department", and the reverse
        return [key, key[1:] + key[:1], key[-1:] + key[:-1]]
    return [key]


def _with_akimat_inside(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A department's name with its akimat between its words: "Алматы қаласы әкімдігінің білім басқармасы" for
    "Алматы қаласының білім басқармасы", "управление образования акимата Алматы" for "управление образования Алматы"."""
    if len(key) < 2 or any(code in OFFICES for code in key):
        return []
    return [(*key[:cut], "@akimat", *key[cut:]) for cut in range(1, len(key))]


def _surname(words: list[str]) -> tuple[str, str]:
    """(surname, first name) of a person's name written either way round."""
    last, first = words[-1], words[0]
    if not _SURNAME_RE.search(fold(last)) and _SURNAME_RE.search(fold(first)):
        return first, words[1]
    return last, first
