"""The tone of a text from our own lexicons: ``tone()`` → positive, neutral or negative, a score and the words behind it.

The lexicons (``lexicon/kk.txt``, ``ru.txt``, a small ``en.txt``) hold words of news
about a city and its government — accidents, complaints, corruption, protests,
shortages, pollution; openings, repairs, improvements, awards — each with a weight.
They are read through the analyzer (``tokens``), so a word written once in the list
finds its forms and scripts: "апат" finds "апатқа", "apattyñ"; "авария" finds
"аварии". Phrases of two or three words (рабочие места, жұмыс орындары) are looked
for before single words. A Kazakh verb root in the list (``ашыл-``) finds its tenses
(ашылды, ашылған, ашылады) and its negative forms with -ма/-ме/-ба/-бе/-па/-пе
(ашылмады, ашылмаған), which count as negated.

**Negation** turns a word's pull around: a negated positive word counts as negative
with its full weight (жөнделмеді, не отремонтировали), a negated negative word as
positive with half of it (проблем нет, без нарушений, қауіп жоқ: good news, but
rarely praise). Kazakh negators follow what they negate, within two words (жақсы
емес, мәселе жоқ); Russian and English ones stand before it, within three (не, без,
ни, not, without), and Russian "нет" on either side; several negators of one word
negate it once (нет никаких жалоб). An intensifier (өте, очень,
very) before a word within two words multiplies its pull.

**Rises and falls.** Prices, fares, fees and tariffs (the ``[costs]`` of a lexicon) pull
only by where they go: a rise word (``[rises]``: повысить, өсті, raise) within three
words makes the nearest cost negative (fares will rise, тарифін көтерді), a fall word
(``[falls]``: снижение, қысқарту, cut) positive. A fall word beside a negative word
negates it like a negator (double-shift schooling cut, сокращение очередей). A word
listed with weight 0 pulls nothing but keeps its forms from a verb root's pull: the
repair as a topic (жол жөндеу жұмыстары) is not the verdict (жол жөнделді).

**Score**: with P and N the summed positive and negative pulls of an item of n
words, score = (P − N) / (P + N + 1 + n/50), between −1 and 1. The item is
positive at 0.2 or more, negative at −0.2 or less, else neutral: one clear word
decides a short news item, while a long article needs more than a passing mention.

``Lexicon.with_weights(language, {word: weight})`` returns a lexicon with words
(written as in the files, a verb root with a trailing "-") added, re-weighted or,
with weight 0, removed; ``Lexicon.with_stems(language, {stem: weight})`` does the
same with stems as the analyzer makes them: the way the stems that analysts' tone
corrections taught are fed back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from pressdesk.text.fold import fold
from pressdesk.text.language import detect
from pressdesk.text.tokens import tokens

LEXICON_DIR = Path(__file__).with_name("lexicon")
LEXICON_LANGUAGES = ("kk", "ru", "en")
LABELS = ("positive", "neutral", "negative")
THRESHOLD = 0.2
_BEFORE_WINDOW = 3
_AFTER_WINDOW = 2
_INTENSIFIER_WINDOW = 2
_NEGATED_NEGATIVE = 0.5  # share of its weight a negated negative word keeps, as positive

_NEGATIVE_SYLLABLES = frozenset({"ma", "me", "ba", "be", "pa", "pe"})
# What is left of a Kazakh verb form after its root, once the analyzer has stemmed it (folded).
_TAILS = frozenset(
    "d di t ti ad ed ai ei i ip ep p u ui ud uda ude udi gan gen kan ken gandik gendik at et "
    "atin etin itin ar er r s sa se si mak mek iti ini iin id".split()
) | {""}
_RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")
_RUSSIAN_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_SECTIONS = {
    "positive": "positive",
    "negative": "negative",
    "negators before": "before",
    "negators after": "after",
    "intensifiers": "intensifiers",
    "costs": "costs",
    "rises": "rises",
    "falls": "falls",
}
_SHIFT_WINDOW = 3  # words either side of a rise or a fall word
_COST_RISE, _COST_FALL = -1.5, 1.0  # the pull of a cost that rises (fares will rise) or falls


class LexiconError(ValueError):
    """A lexicon file or override that cannot be read."""


@dataclass(frozen=True)
class Evidence:
    """A lexicon word found in the text: its stem (a phrase's stems joined by spaces), its pull, whether negated."""

    word: str
    weight: float
    negated: bool = False


@dataclass(frozen=True)
class Tone:
    label: str
    score: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class _Words:
    """One language's lexicon, as stems."""

    words: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    roots: dict[str, float] = field(default_factory=dict)
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()
    intensifiers: dict[str, float] = field(default_factory=dict)
    costs: frozenset[str] = frozenset()
    rises: frozenset[str] = frozenset()
    falls: frozenset[str] = frozenset()

    @cached_property
    def marked(self) -> frozenset[str]:
        """Every stem that means something here: a word, a phrase's first word, a negator, an intensifier, a rise
        or a fall (the costs are looked for around those)."""
        firsts = {phrase[0] for phrase in self.phrases}
        shifters = self.rises | self.falls
        return frozenset(self.words) | firsts | self.before | self.after | frozenset(self.intensifiers) | shifters

    @cached_property
    def root_starts(self) -> frozenset[str]:
        """The first three letters of every verb root: most words are ruled out by one look-up."""
        return frozenset(root[:3] for root in self.roots)

    def merged(self, other: _Words) -> _Words:
        return _Words(
            {**self.words, **other.words},
            {**self.phrases, **other.phrases},
            {**self.roots, **other.roots},
            self.before | other.before,
            self.after | other.after,
            {**self.intensifiers, **other.intensifiers},
            self.costs | other.costs,
            self.rises | other.rises,
            self.falls | other.falls,
        )


class Lexicon:
    """Tone words per language (kk, ru, en); ``"other"`` text is read with all of them."""

    def __init__(self, languages: Mapping[str, _Words]) -> None:
        self._languages = dict(languages)
        everything = _Words()
        for words in self._languages.values():
            everything = everything.merged(words)
        self._everything = everything
        self._phrase_starts = {
            language: _phrase_starts(words) for language, words in (*self._languages.items(), ("other", everything))
        }

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        """The lexicon files ``<language>.txt`` of ``directory``."""
        return cls({language: _read(directory / f"{language}.txt", language) for language in LEXICON_LANGUAGES})

    def with_weights(self, language: str, weights: Mapping[str, float]) -> Lexicon:
        """A copy with these words (as written, a verb root ending in "-") set to these weights; 0 removes a word."""
        _check_language(language)
        return self._changed(language, [(*_key(written, language), weight) for written, weight in weights.items()])

    def with_stems(self, language: str, weights: Mapping[str, float]) -> Lexicon:
        """A copy with these stems (tokens as ``tokens()`` makes them) set to these weights; 0 removes a stem.

        The way monitoring feeds back what analysts' tone corrections taught it.
        """
        _check_language(language)
        return self._changed(language, [("word", [stem], weight) for stem, weight in weights.items()])

    def _changed(self, language: str, changes: list[tuple[str, list, float]]) -> Lexicon:
        old = self._languages[language]
        tables = {"word": dict(old.words), "phrase": dict(old.phrases), "root": dict(old.roots)}
        for kind, keys, weight in changes:
            for key in keys:
                if weight:
                    tables[kind][key] = float(weight)
                else:
                    tables[kind].pop(key, None)
        changed = _Words(
            tables["word"], tables["phrase"], tables["root"], old.before, old.after, old.intensifiers,
            old.costs, old.rises, old.falls,
        )  # fmt: skip
        return Lexicon({**self._languages, language: changed})

    def words_for(self, language: str | None) -> _Words:
        return self._languages.get(language or "other", self._everything)

    def phrase_starts(self, language: str | None) -> dict[str, list[tuple[str, ...]]]:
        return self._phrase_starts.get(language or "other", self._phrase_starts["other"])


def _check_language(language: str) -> None:
    if language not in LEXICON_LANGUAGES:
        raise LexiconError(f"No lexicon for the language {language!r}.")


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicons shipped with pressdesk, read once."""
    return Lexicon.load()


def tone(text: str, language: str | None = None, lexicon: Lexicon | None = None) -> Tone:
    """The tone of ``text`` in ``language`` (kk, ru, en; detected when not given)."""
    if language is None:
        language = detect(text)
    analyzer = None if language == "other" else language
    return tone_of_tokens(tokens(text, analyzer), language, lexicon)


def tone_of_tokens(words: Sequence[str], language: str | None, lexicon: Lexicon | None = None) -> Tone:
    """``tone`` on tokens already made with ``tokens(text, language)``: monitoring tokenises an item once."""
    lexicon = lexicon or default_lexicon()
    table = lexicon.words_for(language)
    marked, root_starts = table.marked, table.root_starts
    interesting = {word for word in set(words) if word in marked or word[:3] in root_starts}
    places = [i for i, word in enumerate(words) if word in interesting]  # most words are in no list: seen once
    found = _found(words, places, table, lexicon.phrase_starts(language))
    by_place = {hit[0]: hit for hit in found}
    for i in places:
        word = words[i]
        if i in by_place:
            continue
        if word in table.intensifiers:
            if (hit := _next_hit(by_place, i, _INTENSIFIER_WINDOW)) is not None:
                hit[3] *= table.intensifiers[word]
        if word in table.after and (hit := _previous_hit(by_place, i, 1 if word in table.before else _AFTER_WINDOW)):
            hit[5] = True
        elif word in table.before and (hit := _next_hit(by_place, i, _BEFORE_WINDOW)) is not None:
            hit[5] = True  # set, not flipped: "нет никаких жалоб" negates once
        if word in table.rises or word in table.falls:
            _shift(words, i, word in table.rises, table, by_place, found)
    evidence = tuple(
        Evidence(stem, _pull(weight, by_suffix != by_word), by_suffix != by_word)
        for _i, _end, stem, weight, by_suffix, by_word in found
        if weight  # a word of weight 0 is listed only to keep its forms from a root's pull (жөндеу, not жөнделді)
    )
    positive = sum(e.weight for e in evidence if e.weight > 0)
    negative = -sum(e.weight for e in evidence if e.weight < 0)
    score = (positive - negative) / (positive + negative + 1 + len(words) / 50)
    label = "positive" if score >= THRESHOLD else "negative" if score <= -THRESHOLD else "neutral"
    return Tone(label, round(score, 3), evidence)


def _shift(words: Sequence[str], i: int, rise: bool, table: _Words, by_place: dict[int, list], found: list) -> None:
    """A rise or fall word at ``i``: the nearest cost beside it pulls by where it goes (fares rise: negative); a fall
    of something bad turns it around like a negator (fewer complaints, double shifts cut)."""
    for j in sorted(range(max(0, i - _SHIFT_WINDOW), min(len(words), i + _SHIFT_WINDOW + 1)), key=lambda j: abs(j - i)):
        if j in by_place:
            if not rise and by_place[j][3] < 0:
                by_place[j][5] = True
                return
        elif words[j] in table.costs:
            hit = [j, j + 1, words[j], _COST_RISE if rise else _COST_FALL, False, False]
            found.append(hit)
            by_place[j] = hit
            return


def _pull(weight: float, negated: bool) -> float:
    if not negated:
        return weight
    return -weight if weight > 0 else -weight * _NEGATED_NEGATIVE


def _found(
    words: Sequence[str], places: list[int], table: _Words, starts: dict[str, list[tuple[str, ...]]]
) -> list[list]:
    """[place, end, stem, weight, negated by a suffix, negated by a word] for each lexicon word or phrase, in order."""
    found: list[list] = []
    taken = 0  # the end of the last phrase: its words count only as the phrase
    for i in places:
        if i < taken:
            continue
        word = words[i]
        phrase = next((p for p in starts.get(word, ()) if tuple(words[i : i + len(p)]) == p), None)
        if phrase is not None:
            found.append([i, i + len(phrase), " ".join(phrase), table.phrases[phrase], False, False])
            taken = i + len(phrase)
        elif (weight := table.words.get(word)) is not None:
            found.append([i, i + 1, word, weight, False, False])
        elif table.roots and (root := _root(word, table.roots)) is not None:
            found.append([i, i + 1, root[0], table.roots[root[0]], root[1], False])
    return found


def _root(word: str, roots: Mapping[str, float]) -> tuple[str, bool] | None:
    """(root, negated) when ``word`` is a form of a Kazakh verb root of the lexicon."""
    for cut in range(len(word), 2, -1):
        root = word[:cut]
        if root in roots:
            tail = word[cut:]
            if tail in _TAILS:
                return root, False
            if tail[:2] in _NEGATIVE_SYLLABLES and tail[2:] in _TAILS:
                return root, True
    return None


def _next_hit(by_place: dict[int, list], i: int, window: int) -> list | None:
    return next((by_place[j] for j in range(i + 1, i + 1 + window) if j in by_place), None)


def _previous_hit(by_place: dict[int, list], i: int, window: int) -> list | None:
    return next((by_place[j] for j in range(i - 1, i - 1 - window, -1) if j in by_place), None)


def _phrase_starts(words: _Words) -> dict[str, list[tuple[str, ...]]]:
    starts: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(words.phrases, key=len, reverse=True):
        starts.setdefault(phrase[0], []).append(phrase)
    return starts


def _key(written: str, language: str) -> tuple[str, list]:
    """("word", stems), ("phrase", [stems]) or ("root", [folded root]) for a word as written in a lexicon."""
    written = written.strip()
    if written.endswith("-") and language == "kk" and " " not in written:
        root = fold(written[:-1])
        if len(root) < 3 or " " in root:
            raise LexiconError(f"The verb root {written!r} is too short.")
        return "root", [root]
    stems = tokens(written, language)
    if not stems:
        raise LexiconError(f"{written!r} has no word the analyzer keeps.")
    if len(stems) > 3:
        raise LexiconError(f"{written!r}: a phrase has at most three words.")
    if len(stems) > 1:
        return "phrase", [tuple(stems)]
    if language != "ru":
        return "word", stems
    return "word", russian_stems(written) or stems


def russian_stems(word: str) -> list[str]:
    """A one-token word's own Snowball stem, then the other stems of its case forms that keep most of it.

    "проблема": проблем, then пробл (of "проблем"); a word of several tokens gives [].
    """
    own = tokens(word, "ru")
    if len(own) != 1:
        return []
    keep = max(3, len(own[0]) - 2)
    forms = {stem for form in russian_case_forms(word) for stem in tokens(form, "ru") if stem[:keep] == own[0][:keep]}
    return [own[0], *sorted(forms - set(own))]


def russian_case_forms(word: str) -> list[str]:
    """Case forms of a Russian noun or name that Snowball may stem apart from the word itself.

    Snowball takes -ем of "проблем" (genitive plural of проблема) for an ending, keeps the
    fleeting vowel of "пробок" (пробка) and stems "Сапаров" to сапар but "Сапаровым" to
    сапаров; the lexicon and watch names add the stems of these forms to the word's own.
    """
    if word.isupper():
        return []  # an abbreviation: ДТП, ЖКХ
    low = word.lower()
    if low.endswith(("а", "я")):
        stem = low[:-1]
        forms = [stem, *(stem + ending for ending in ("ы", "и", "е", "у", "ой", "ам", "ами", "ах"))]
        if len(stem) > 2 and stem[-1] in "кг" and stem[-2] not in _RUSSIAN_VOWELS:
            forms.append(stem[:-1] + "о" + stem[-1])  # пробка: пробок
        return forms
    if low.endswith("ь"):
        return [low[:-1] + ending for ending in ("и", "ей", "ю", "ем", "я")]
    if low[-1:] and low[-1] in _RUSSIAN_CONSONANTS:
        forms = [low + ending for ending in ("а", "у", "ом", "ым", "е", "ой", "ов", "ы", "ам", "ами", "ах")]
        if len(low) > 4 and low[-2] in "ое" and low[-1] in "кц":
            forms.append(low[:-2] + low[-1] + "а")  # убыток: убытка
        return forms
    return []


def _read(path: Path, language: str) -> _Words:
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    roots: dict[str, float] = {}
    before: set[str] = set()
    after: set[str] = set()
    intensifiers: dict[str, float] = {}
    shifts: dict[str, set[str]] = {"costs": set(), "rises": set(), "falls": set()}
    section = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = _SECTIONS.get(line[1:-1].strip())
            if section is None:
                raise LexiconError(f"{path.name}, line {number}: unknown section {line}.")
            continue
        text, weight = _weighted(line)
        if section in shifts:
            shifts[section].update(tokens(text, language))
        elif section in ("before", "after"):
            (before if section == "before" else after).update(tokens(text, language))
        elif section == "intensifiers":
            intensifiers.update((stem, weight) for stem in tokens(text, language))
        elif section in ("positive", "negative"):
            kind, keys = _key(text, language)
            signed = weight if section == "positive" else -weight
            table = {"word": words, "phrase": phrases, "root": roots}[kind]
            table.update(dict.fromkeys(keys, signed))
        else:
            raise LexiconError(f"{path.name}, line {number}: a word before any section.")
    costs, rises, falls = (frozenset(shifts[name]) for name in ("costs", "rises", "falls"))
    return _Words(words, phrases, roots, frozenset(before), frozenset(after), intensifiers, costs, rises, falls)


def _weighted(line: str) -> tuple[str, float]:
    """The words of a lexicon line and the weight after them (1 when none is written)."""
    text, _sep, last = line.rpartition(" ")
    try:
        return (text, float(last)) if text else (line, 1.0)
    except ValueError:
        return line, 1.0
