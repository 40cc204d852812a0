"""Watch names found in a text across scripts, word forms and word orders: ``Watchlist``, ``analyse()``.

A name is matched on the analyzer's tokens (``pressdesk.text.tokens``: every script
to one form, words to stems), so "Алматы қаласының әкімдігі" written once finds
"Алматы қаласы әкімдігінің" and "Almaty qalasy äkımdıgı"; "акимат Алматы" finds
"акиматом Алматы". Every name is compiled for each language a text may be in
(kk, ru, en, other), because a word without Kazakh letters is stemmed by the text's
language, and Russian proper names, which Snowball stems unevenly (Сапаров →
сапар, Сапаровым → сапаров), are compiled in their case forms too. A Latin name is
also looked for in its Cyrillic reading and a Cyrillic one in its Latin letters in
English text ("Алматы" finds "Almaty" there).

**Built-in vocabulary.** A few words of administration are one *concept* whatever
the language, so that one name covers the others' wording:

* offices: the akim (әкім, аким, akim, mayor) and the akimat (әкімдік, акимат, akimat),
  two concepts in every language: a watch on the person never finds the body, nor the reverse;
* levels — region: облыс, область, обл., oblys, oblast, region; city: қала, қалалық,
  город, city; district: аудан, район, district; village: ауыл, посёлок, village;
* linking words skipped inside a name: of, the, г., қ.

**Word order and gaps.** Between two words of a name the text may hold up to two
level or linking words ("акимат города Алматы" for "акимат Алматы"), nothing else. A
person's name (a 2–3 word name of an ``official``, every word capitalised) matches in
any order. A name built on an office word keeps its order in its own language and is
reversed between Kazakh and Russian, which put the owner on opposite sides
("Алматы әкімі", "аким Алматы"; so "Шымкент әкімі Алматыда болды" is not "аким
Алматы"); written in English, it takes the Kazakh order in Kazakh text and the
Russian one in Russian text ("mayor of Almaty" finds "Алматы әкімі" and "аким
Алматы", never "әкімі Алматыға"); in English or other text its words may come in any
order ("akimat of Almaty", "Almaty city akimat"). An organisation's name may also be
turned about "of" in English ("the education department of Almaty" for "Almaty
education department") and, in Kazakh and Russian, hold its akimat between its words
("Алматы қаласы әкімдігінің білім басқармасы"). Other names keep their written order.

**Levels** decide what a place name refers to. A name's level words must be in the
text ("Алматы қаласы" needs қала, город or city beside Алматы). A level word inside a
match or right after it ("Алматы облысы", "Almaty region") cancels the match unless
one of the entry's names mentions that level: an entry that says "Алматы қаласының
әкімдігі" also matches "акимат города Алматы" through its shorter "акимат Алматы",
and never "Алматы облысының әкімдігі"; an entry that names no level matches only
where no level word stands inside the match or right after it.

**Exclusions** (``exclude``) are phrases matched the same way; a match of the entry
that overlaps one is cancelled. **Requires** (``requires``) are phrases of which at
least one must be somewhere in the text for a match that could be anyone's: a surname
alone, an office, a topic ("Сапаров" in news about the city). A person's whole name
("Ерлан Сапаров") needs none; namesakes are told by the words beside the name instead.

**Namesakes.** With **initials** a person's surname alone also matches, and "Е.
Сапаров" or "Сапаров Е." with the right initial; another initial ("А. Сапаров"), another
first name beside it ("Нұрлан Сапаров", "Сапарова Айгүл": a capitalised word that is
not a title, a common word or one of the entry's own, see ``pressdesk.text.people``)
cancels it, and so does a word that is not the whole surname (Snowball stems
"Сапаров" and the first name "Сапар" alike). Any person's match is cancelled by
another's role right before the name ("Боксёр Ерлан Сапаров", "Almaty artist Erlan
Saparov") and, when the entry names its office ("Алматы әкімі"), by another place's
office ("Тараз әкімі Ерлан Сапаров", "Аким Тараза Ерлан Сапаров").

One Aho–Corasick automaton holds every name: each token is one character of a
private alphabet, so it runs over a string with one character per word and only
whole words match. Level and linking words are taken out of that string before it
runs (their places are kept to check gaps and levels afterwards).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import ahocorasick

from pressdesk.monitoring.watchlist import (
    ALIASES,
    LEVELS,
    OFFICES,
    Entry,
    Person,
    analyzer_language,
    phrase_variants,
)
from pressdesk.text import fold, name_keys, tokens
from pressdesk.text.language import LANGUAGES, detect
from pressdesk.text.people import is_role, may_be_given_name, role_tokens
from pressdesk.text.tone import Lexicon, Tone, tone_of_tokens

MAX_GAP = 2  # level or linking words between two words of a name

_INITIAL_RE = re.compile(r"([^\W\d_])\.\W*")
_PLAIN_WORD_RE = re.compile("[^\\w\u0400-\u04ff]*[\u0400-\u04ffA-Za-z\u00c0-\u024f]+[^\\w\u0400-\u04ff]*")
_SPACES_RE = re.compile(r"(\s+)")
_PUNCTUATION = ",;:!?()[]«»\"'“”„—–-…"
_SENTENCE_ENDS = ".!?…"
_OPENS = '«"“„(—–-'  # what a word after a pause starts with
_BIT = {language: 1 << number for number, language in enumerate(LANGUAGES)}

_OTHER = "\x01"  # a word no name has
_LINK = "\x02"
_LEVEL_CHARS = {level: chr(3 + number) for number, level in enumerate(sorted(LEVELS))}
_SKIPPED = frozenset({_LINK, *_LEVEL_CHARS.values()})


@dataclass(frozen=True)
class Hit:
    """One place a watch entry was found: token indexes ``start``–``end`` (end exclusive), and the name that found it.

    ``quote`` (the words of the text there) and ``chars`` (where they are in it) are worked out when first asked for.
    """

    id: str | int
    name: str
    start: int
    end: int
    source: _Words = field(repr=False, compare=False)

    @cached_property
    def _evidence(self) -> tuple[str, tuple[int, int] | None]:
        return self.source.evidence(self.start, self.end)

    @property
    def quote(self) -> str:
        return self._evidence[0]

    @property
    def chars(self) -> tuple[int, int] | None:
        return self._evidence[1]


@dataclass(frozen=True, slots=True)
class _Pattern:
    owner: int  # the entry's place in the watchlist
    role: str  # "names", "exclude" or "requires"
    phrase: str
    mask: int  # the text languages it applies to
    size: int
    levels: frozenset[str]  # level characters the phrase names
    person: Person | None = None  # an official's name written whole, or its surname alone


class Watchlist:
    """Compiled watch entries; ``match()`` finds them in a text. Build once, use from any thread."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._chars: dict[str, str] = {}
        self._patterns: list[_Pattern] = []
        keys: dict[str, list[int]] = {}
        self._levels: list[frozenset[str]] = []
        self._own: list[frozenset[str]] = []  # the codes of every phrase of an entry: its own words
        for owner, entry in enumerate(self.entries):
            compiled = [(role, phrase, phrase_variants(phrase, entry)) for role, phrase in _phrases(entry)]
            named = {
                level
                for role, _p, variants in compiled
                if role == "names"
                for _k, levels in variants
                for level in levels
            }
            self._levels.append(frozenset(_LEVEL_CHARS[level] for level in named))
            self._own.append(frozenset(code for _r, _p, variants in compiled for key, _l in variants for code in key))
            for role, phrase, variants in compiled:
                for (key, levels), (languages, person) in variants.items():
                    mask = sum(_BIT[language] for language in languages)
                    level_chars = frozenset(_LEVEL_CHARS[level] for level in levels)
                    keys.setdefault("".join(map(self._char, key)), []).append(len(self._patterns))
                    self._patterns.append(_Pattern(owner, role, phrase, mask, len(key), level_chars, person))
        self._automaton = ahocorasick.Automaton()
        for key, numbers in keys.items():
            self._automaton.add_word(key, tuple(numbers))
        if keys:
            self._automaton.make_automaton()
        self._tables = {language: self._table(language) for language in LANGUAGES}
        self._deleted = {ord(ch): None for ch in _SKIPPED}
        self._skipped_re = re.compile(f"[{''.join(sorted(_SKIPPED))}]")
        self._order = {entry.id: number for number, entry in enumerate(self.entries)}

    def __len__(self) -> int:
        return len(self.entries)

    def _char(self, code: str) -> str:
        if code in _LEVEL_CHARS:
            return _LEVEL_CHARS[code]
        if code not in self._chars:
            number = 0x100 + len(self._chars)
            self._chars[code] = chr(number + 0x800 if number >= 0xD800 else number)  # no surrogates
        return self._chars[code]

    def _table(self, language: str) -> dict[str, str]:
        table = {token: self._chars[token] for token in self._chars if not token.startswith("@")}
        for token, concept in ALIASES[language].items():
            if concept == "@link":
                table[token] = _LINK
            elif concept in _LEVEL_CHARS or concept in self._chars:
                table[token] = _LEVEL_CHARS.get(concept) or self._chars[concept]
            else:
                table.pop(token, None)  # an office word no name uses: like any other word
        return table

    def match(self, text: str, language: str | None = None) -> list[Hit]:
        """Every entry found in ``text`` (its language detected unless given), in watchlist order, then by place."""
        language = language if language in LANGUAGES else detect(text)
        return self.find(text, tokens(text, analyzer_language(language)), language)

    def find(self, text: str, words: Sequence[str], language: str) -> list[Hit]:
        """``match`` on tokens already made with ``tokens(text, language)`` (``None`` for "other")."""
        if not self._patterns or not words:
            return []
        full = "".join(map(self._tables[language].get, words, itertools.repeat(_OTHER)))
        stream = full.translate(self._deleted)
        found = list(self._automaton.iter(stream)) if len(stream) else []
        if not found:
            return []
        skipped = [m.start() for m in self._skipped_re.finditer(full)] if len(stream) < len(full) else []
        bit = _BIT[language]
        found_patterns = [
            (end, pattern) for end, numbers in found for pattern in map(self._patterns.__getitem__, numbers)
        ]
        spans = self._spans(
            [(end, p) for end, p in found_patterns if p.mask & bit and p.role == "names"], full, skipped
        )
        named = {pattern.owner for pattern, _s, _e in spans}
        if named:  # exclusions and required phrases matter only to entries found
            others = [(end, p) for end, p in found_patterns if p.mask & bit and p.role != "names" and p.owner in named]
            spans += self._spans(others, full, skipped)
        return self._hits(spans, _Words(text, words, language))

    def _spans(
        self, found: list[tuple[int, _Pattern]], full: str, skipped: list[int]
    ) -> list[tuple[_Pattern, int, int]]:
        """(pattern, start, end) in tokens for each key the automaton found that its checks allow."""
        spans = []
        for end, pattern in found:
            if not skipped:  # no level or linking word in the text: the key is the match
                if not pattern.levels:
                    spans.append((pattern, end - pattern.size + 1, end + 1))
                continue
            where = [_place(i, skipped) for i in range(end - pattern.size + 1, end + 1)]
            span = self._check(pattern, where, full, skipped)
            if span is not None:
                spans.append((pattern, *span))
        return spans

    def _check(self, pattern: _Pattern, where: Sequence[int], full: str, skipped: list[int]) -> tuple[int, int] | None:
        """The token span of a found key if its gaps and levels allow it, else None."""
        start, end = where[0], where[-1]
        near = bisect.bisect_left(skipped, start - MAX_GAP)
        if near == len(skipped) or skipped[near] > end + MAX_GAP:  # no level or linking word in or beside it
            return None if pattern.levels else (start, end + 1)
        if any(b - a - 1 > MAX_GAP for a, b in itertools.pairwise(where)):
            return None
        before = _skipped_run(full, start, -1)
        after = _skipped_run(full, end, 1)
        inside = [i for i in range(start + 1, end) if full[i] in _SKIPPED]
        named = {full[i] for i in (*before, *inside, *after)}
        if not pattern.levels <= named:
            return None
        if pattern.role == "names":
            allowed = self._levels[pattern.owner]
            if any(full[i] != _LINK and full[i] not in allowed for i in (*inside, *after)):
                return None
        for i in (*before, *after):
            if full[i] in pattern.levels:
                start, end = min(start, i), max(end, i)
        return start, end + 1

    def _hits(self, spans: list[tuple[_Pattern, int, int]], words: _Words) -> list[Hit]:
        by_role: dict[tuple[int, str], list[tuple[_Pattern, int, int]]] = {}
        for span in spans:
            by_role.setdefault((span[0].owner, span[0].role), []).append(span)
        hits: list[Hit] = []
        for owner in sorted({owner for owner, role in by_role if role == "names"}):
            entry = self.entries[owner]
            required = not entry.requires or (owner, "requires") in by_role
            excluded = [(s, e) for _p, s, e in by_role.get((owner, "exclude"), [])]
            kept: list[tuple[_Pattern, int, int]] = []
            for pattern, start, end in sorted(by_role[(owner, "names")], key=lambda span: (span[1], span[1] - span[2])):
                if _overlaps(start, end, excluded) or _overlaps(start, end, [(s, e) for _p, s, e in kept]):
                    continue
                person = pattern.person
                if not required and (person is None or person.alone):
                    continue  # a person's whole name needs no required phrase: it is the stronger sign
                if person is not None:
                    span = words.person(person, start, end, self._own[owner])
                    if span is None or _overlaps(*span, excluded):
                        continue
                    start, end = span
                kept.append((pattern, start, end))
            hits.extend(Hit(entry.id, pattern.phrase, start, end, words) for pattern, start, end in kept)
        return hits

    def ids(self, hits: Iterable[Hit]) -> list[str | int]:
        """The ids of the entries among ``hits``, once each, in watchlist order."""
        return sorted({hit.id for hit in hits}, key=self._order.__getitem__)


@lru_cache(maxsize=65_536)
def _tokens_in(chunk: str, analyzer: str | None) -> int:
    """How many tokens a whitespace-separated chunk of text gives: one for a plain word, else ask the analyzer."""
    return 1 if _PLAIN_WORD_RE.fullmatch(chunk) else len(tokens(chunk, analyzer))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _place(i: int, skipped: list[int]) -> int:
    """The token index of the ``i``-th word the automaton saw, given the (sorted) places of the words it did not."""
    for place in skipped:
        if place > i:
            break
        i += 1
    return i


def _phrases(entry: Entry) -> list[tuple[str, str]]:
    return [(role, phrase) for role in ("names", "exclude", "requires") for phrase in getattr(entry, role)]


def _skipped_run(full: str, i: int, step: int) -> list[int]:
    run = []
    i += step
    while 0 <= i < len(full) and full[i] in _SKIPPED and len(run) < MAX_GAP:
        run.append(i)
        i += step
    return run


# Evidence ------------------------------------------------------------------------------------------------------------


class _Words:
    """The text behind the tokens, for evidence: where the word of each token stands."""

    def __init__(self, text: str, words: Sequence[str], language: str) -> None:
        self.text, self.words, self.language, self.analyzer = text, words, language, analyzer_language(language)

    @cached_property
    def _layout(self) -> tuple[list[str], list[int], list[int]]:
        """The whitespace-separated chunks of the text, where each starts, and the tokens up to the end of each."""
        parts = _SPACES_RE.split(self.text)  # chunk, spaces, chunk, …
        starts = list(itertools.accumulate(map(len, parts), initial=0))
        chunks = parts[::2]
        ends = list(itertools.accumulate(map(_tokens_in, chunks, itertools.repeat(self.analyzer))))
        return chunks, starts[::2], ends

    def span(self, i: int) -> tuple[int, int] | None:
        """Where the whitespace-separated chunk of the ``i``-th token is, or None past the end."""
        chunks, starts, ends = self._layout
        number = bisect.bisect_right(ends, i)
        if number == len(chunks):
            return None
        return starts[number], starts[number] + len(chunks[number])

    def person(self, person: Person, start: int, end: int, own: frozenset[str]) -> tuple[int, int] | None:
        """The span of a person's name, widened to its initial; None when the words beside it say it is someone else.

        Someone else: a surname that is not the whole word (Сапар for Сапаров, which Snowball stems alike), another
        initial ("А. Сапаров") or another first name ("Нұрлан Сапаров", "Сапарова Айгүл") beside a surname alone;
        and beside any name, another's role right before it ("Боксёр Ерлан Сапаров") or, for an entry that names
        its office ("Алматы әкімі"), another place's office ("Тараз әкімі Ерлан Сапаров", "Аким Тараза Ерлан
        Сапаров"). The entry's own words (``own``) are never another's. The text is read only where the tokens cannot tell.
        """
        if person.alone:
            widened = self._surname(person, start, end, own)
            if widened is None:
                return None
            start, end = widened
        return None if self._titled_as_another(start, own) else (start, end)

    def _surname(self, person: Person, start: int, end: int, own: frozenset[str]) -> tuple[int, int] | None:
        if not self.words[start].startswith(person.surname):
            span = self.span(start)
            if span is not None and not "".join(name_keys(self.text[slice(*span)])).startswith(person.surname):
                return None
        for i, widened in ((start - 1, (start - 1, end)), (end, (start, end + 1))):
            if not (0 <= i < len(self.words) and len(self.words[i]) <= 2):
                continue
            span = self.span(i)
            found = span and _INITIAL_RE.fullmatch(self.text[slice(*span)])
            if found and found.group(1).isupper():
                return widened if fold(found.group(1)) == person.initial else None
        for i, name, widened in ((start - 1, start, (start - 1, end)), (end, end - 1, (start, end + 1))):
            beside = self.beside(i, name)
            if beside is None:
                continue
            if "".join(name_keys(beside[0])).startswith(person.first):
                return widened  # the whole name, whose title is then checked
            if self.words[i] not in own and may_be_given_name(*beside):
                return None  # another first name: another person
        return start, end

    def _titled_as_another(self, start: int, own: frozenset[str]) -> bool:
        before = self.words[start - 1] if start else ""
        if before in role_tokens(self.analyzer) and before not in own:
            role = self.beside(start - 1, start)
            if role is not None and is_role(role[0]):
                return True
        offices = ALIASES[self.language]
        if own.isdisjoint(OFFICES):
            return False  # an entry that names no office of its own cannot tell whose office another is
        if offices.get(before) in OFFICES:  # Тараз әкімі Ерлан Сапаров, Taraz akim Erlan Saparov
            i, name = start - 2, start - 1
        elif start >= 2 and offices.get(self.words[start - 2]) in OFFICES:  # Аким Тараза Ерлан Сапаров
            i, name = start - 1, start
        else:
            return False
        place = self.beside(i, name)
        if place is None or self.words[i] in own or self.words[i] in offices:
            return False
        return place[0][:1].isupper() and not place[0].isupper()

    def beside(self, i: int, name: int) -> tuple[str, bool] | None:
        """The word of token ``i``, right beside the word of token ``name``, as written, and whether it opens a
        sentence; None when it is not one word of its own or a pause parts the two."""
        if not 0 <= i < len(self.words) or self.words[i] in ALIASES[self.language]:
            return None
        chunks, starts, ends = self._layout
        number, other = bisect.bisect_right(ends, i), bisect.bisect_right(ends, name)
        if max(number, other) >= len(chunks) or abs(number - other) != 1:
            return None
        if ends[number] - (ends[number - 1] if number else 0) != 1:
            return None
        first, second = sorted((number, other))
        if chunks[first][-1:] in _PUNCTUATION + _SENTENCE_ENDS or chunks[second][:1] in _OPENS:
            return None
        opens = number == 0 or chunks[number - 1][-1:] in _SENTENCE_ENDS or chunks[number][:1] in _OPENS
        opens = opens or "\n" in self.text[starts[number - 1] + len(chunks[number - 1]) : starts[number]]
        return chunks[number].strip(_PUNCTUATION + "."), opens

    def evidence(self, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
        """The words of the text behind tokens ``start``–``end`` and where they are; the tokens when that cannot be told."""
        first, last = self.span(start), self.span(end - 1)
        if first is not None and last is not None:
            quote = self.text[first[0] : last[1]]
            trimmed = quote.strip(_PUNCTUATION)
            if trimmed.endswith(".") and not _INITIAL_RE.fullmatch(trimmed.split()[-1]):
                trimmed = trimmed.rstrip(".")  # a full stop, not an initial's
            if trimmed and tokens(trimmed, self.analyzer) == list(self.words[start:end]):
                begin = first[0] + quote.find(trimmed)
                return trimmed, (begin, begin + len(trimmed))
        return " ".join(self.words[start:end]), None


# The analysis the server and the command both run ------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    language: str
    hits: tuple[Hit, ...]
    matches: tuple[str | int, ...]
    tone: Tone


def analyse(text: str, watchlist: Watchlist, *, title: str = "", lexicon: Lexicon | None = None) -> Analysis:
    """Language, watch entries found and tone of one item (its title and text read as one)."""
    whole = f"{title}\n{text}" if title else text
    language = detect(whole)
    words = tokens(whole, analyzer_language(language))
    hits = watchlist.find(whole, words, language)
    return Analysis(language, tuple(hits), tuple(watchlist.ids(hits)), tone_of_tokens(words, language, lexicon))
