"""Our own Kazakh suffix stripper: ``stem_kk()``.

No Kazakh stemmer works offline (PRACTICAL.md), so this one removes the suffixes
of nouns and of the forms that share them, from the end of the word, again and
again, until none fits: ``қалаларының`` → қалалары → қалалар → ``қала``;
``әкімдіктерінің`` → әкімдіктері → әкімдіктер → ``әкімдік``. It is stateless on
purpose: each step looks only at the word that is left, so a word and that word with one more ending come to the same stem whenever
that ending is the first thing removed (``Алматы`` and ``Алматының`` both give
``алмат``; a stripper that took at most one case ending would give ``Қазақстан``
from ``Қазақстанның`` but ``Қазақс`` from ``Қазақстан``). Stems are keys, not words
to show: ``Алматы`` → ``алмат``.

Matching is done on a *shadow* of the word where the letters that informal
spelling confuses are one letter (ә=а, і=и=ы, ө=о, ұ=ү=у, қ=к, ғ=г, һ=х, ё=э=е),
so ``әкімдігінің``, ``акимдигиниң`` and the Cyrillic of ``akimdiginin`` take the
same steps; the stem is cut from the word itself. ң stays apart (``соңы`` is соң +
ы, not со + ны), and the endings with ң are also recognised written with н.

When two suffixes fit, the longer goes, unless the shorter leaves a word known
to end in what looks like a suffix: ``ауданы`` is аудан + ы, not ауда + ны.

What is removed (each suffix only after the sounds Kazakh puts before it, e.g.
-тың only after a voiceless consonant, so ``алтын`` keeps its -тын):

* plural -лар/-лер, -дар/-дер, -тар/-тер
* possessive: 3rd -ы/-і, -сы/-сі; 1st plural -ымыз/-іміз/-мыз/-міз; polite 2nd
  -ыңыз/-іңіз/-ңыз/-ңіз
* case: genitive -ның/-нің/-дың/-дің/-тың/-тің; dative -ға/-ге/-қа/-ке/-на/-не (-на/-не
  after a possessive); accusative -ны/-ні/-ды/-ді/-ты/-ті, -н after a possessive;
  locative -да/-де/-та/-те/-нда/-нде, with -ғы/-гі: -дағы/-дегі/-тағы/-тегі/-ндағы/-ндегі;
  ablative -дан/-ден/-тан/-тен/-нан/-нен; instrumental -мен/-бен/-пен
* -ғы/-гі/-қы/-кі after a consonant (жылғы, бүгінгі, сыртқы)
* predicative 1st person plural -быз/-біз/-пыз/-піз (-мыз/-міз is the possessive's)
* derivational -лық/-лік/-дық/-дік/-тық/-тік when at least four letters remain:
  ``мемлекеттік`` → мемлекет, ``облыстық`` meets ``облыс``, while ``көлік``, ``бастық``,
  ``ұлттық`` keep theirs. Not from the bodies named after their head, which are words of
  their own: ``әкімдік`` (the akimat) ≠ ``әкім`` (the akim), министрлік ≠ министр,
  басшылық (the leadership) ≠ басшы — news tells the office from the person.

What is deliberately not removed, with the collision it would cause:

* -шы/-ші (agent nouns are words of their own: тілші ≠ тіл, басшы ≠ бас, жұмысшы ≠ жұмыс);
  their final vowel still goes like any 3rd-person -ы (``басшы`` → басш, no collision).
* 1st singular -ым/-ім/-м (шешім, келісім, білім, бөлім would meet шеш-, келіс-, біл-, бөл-).
* predicative 1st singular -мын/-мін/-бын/-пын: шешімін, әкімін (шешім + і + н) end alike.
* 2nd singular -ың/-ің/-ң, predicative -сың/-сыз (алтын, қауіпсіз, Ерсін), dative -а/-е
  after -м/-ң (Астана, ана, машина): rare in news, and they would eat real stems.
* -сыз/-сіз, -лы/-лі, -ша/-ше (қауіпсіз ≠ қауіп, ақша ≠ ақ).

A stem-final с after a vowel goes too: ``облысы`` can be read облыс + ы and облы + сы,
``қаласы`` only қала + сы, and only dropping that с lets облыс, облысы, облыстың all
meet (at ``обл``). The price is small: Алмас meets алма, бас (head) and басы meet at ``ба``.
Not after и, though: loanwords in -ист drop their т before an ending (журналист,
журналистер, журналисі), so a final -ст is written -с first and ``журналис`` must
not go on to ``журнал``; for the same reason -сы/-сі is not removed after и.

Every stem keeps two letters and a vowel (three for the suffixes that hide in
common words: -мыз after a vowel, -ңыз, predicatives). A final г/ғ/б after a vowel
becomes к/қ/п at every step, undoing the voicing before a vowel: ``әкімдігі`` →
әкімдіг → ``әкімдік``; ``кітабы`` → кітап. A few common words whose vowel drops
before an ending are put back (халқы → халық, орны → орын, аузы → ауыз), and a
few whose ending looks like a suffix are kept whole (аудан, алтын, ойын, Өскемен,
country names in -стан). ``Алма`` (apple) gives ``алма`` and ``Алматы`` gives
``алмат``: they do not meet.

Verbs are not analysed: their past tense shares -ды/-ді/-ты/-ті with the accusative
and goes with it (айтты → айт), nothing more.
"""

from __future__ import annotations

from functools import lru_cache

_SHADOW = str.maketrans("әіиөүұқғһёэ", "аыыоуукгхее")

_V = frozenset("аеыоюя")  # vowels (у is left out: before an ending it is the consonant w)
_VOICELESS = frozenset("кпстфхцчшщбвгд")  # and the voiced stops, which take the voiceless endings
_VOICED = frozenset("жзлмнңрйуь")
_CONSONANT = _VOICELESS | _VOICED
_VOWEL_ANYWHERE = frozenset("аеыоуюя")
_LIQ = frozenset("жзлрйу")  # before -дың, -дан
_VOWEL_LETTERS = frozenset("аәеёиоөуұүыіэюя")
_NASAL = frozenset("мнң")
_AFTER_POSSESSIVE = frozenset("ы")


def _rules() -> list[tuple[str, frozenset[str], int]]:
    """(suffix in the shadow alphabet, sounds allowed before it, shortest stem left)."""
    v_or_voiced = _V | _VOICED
    table: list[tuple[tuple[str, ...], frozenset[str], int]] = [
        # plural
        (("лар", "лер"), _V | frozenset("рйу"), 2),
        (("дар", "дер"), frozenset("лмнңзж"), 2),
        (("тар", "тер"), _VOICELESS, 2),
        # possessive
        (("ы",), _CONSONANT, 2),
        (("сы",), _V, 2),
        (("с",), _V, 2),  # see the docstring: облысы is облыс + ы and облы + сы
        (("ымыз",), _CONSONANT, 2),
        (("мыз",), _V, 3),
        (("ыңыз", "ыныз"), _CONSONANT, 3),
        (("ңыз", "ныз"), _V, 3),
        # genitive
        (("ның", "нын"), _V | _NASAL, 2),
        (("дың", "дын"), _LIQ, 2),
        (("тың", "тын"), _VOICELESS, 2),
        # accusative
        (("ны",), _V, 2),
        (("ды",), _VOICED, 2),
        (("ты",), _VOICELESS, 2),
        (("н",), _AFTER_POSSESSIVE, 2),
        # dative
        (("га", "ге"), v_or_voiced, 2),
        (("ка", "ке"), _VOICELESS, 2),
        (("на", "не"), _AFTER_POSSESSIVE, 2),
        # locative, and locative with -ғы
        (("да", "де"), v_or_voiced, 2),
        (("та", "те"), _VOICELESS, 2),
        (("нда", "нде"), _AFTER_POSSESSIVE, 2),
        (("дагы", "дегы"), v_or_voiced, 2),
        (("тагы", "тегы"), _VOICELESS, 2),
        (("ндагы", "ндегы"), _AFTER_POSSESSIVE, 2),
        (("гы",), _VOICED, 2),
        (("кы",), _VOICELESS, 2),
        # ablative
        (("дан", "ден"), _V | _LIQ, 2),
        (("тан", "тен"), _VOICELESS, 2),
        (("нан", "нен"), _NASAL | _AFTER_POSSESSIVE, 2),
        # instrumental
        (("мен",), v_or_voiced, 2),
        (("бен",), frozenset("жзмнң"), 2),
        (("пен",), _VOICELESS, 2),
        # predicative, 1st person plural (the singular -мын is the -ы-н of шешімін, әкімін)
        (("быз",), frozenset("жзмнң"), 3),
        (("пыз",), _VOICELESS, 3),
        # derivational -лық
        (("лык",), _V | frozenset("рйу"), 4),
        (("дык",), frozenset("лмнңзж"), 4),
        (("тык",), _VOICELESS, 4),
    ]
    rules = [(suffix, before, shortest) for suffixes, before, shortest in table for suffix in suffixes]
    return sorted(rules, key=lambda rule: -len(rule[0]))


_RULES = _rules()
_RULES_BY_LAST: dict[str, list[tuple[str, frozenset[str], int]]] = {}
for _rule in _RULES:
    _RULES_BY_LAST.setdefault(_rule[0][-1], []).append(_rule)

_KEEP = frozenset(
    word.translate(_SHADOW)
    for word in (
        # bodies named after their head: the -лық is not the adjective's (әкімдік ≠ әкім)
        "әкімдік министрлік басшылық "
        # the ending of these looks like a suffix (аудан: -дан; алтын: -н after -ы; Өскемен: -мен)
        "аудан алтын орын ойын жиын қиын мойын түйін келін ерін Өскемен мекен заман "
        # н-final nouns, whose 3rd person (саны) looks like a vowel-final noun with -ны
        "сан жан қан ән тән дін хан ұран Иран экран шығын "
        "Қазақстан Өзбекстан Қырғызстан Тәжікстан Түрікменстан Ауғанстан Пәкістан Үндістан "
        "Түркістан Татарстан Дағыстан Башқұртстан"
    )
    .lower()
    .split()
)
_VOWEL_DROPPED = {
    stem.translate(_SHADOW): word
    for stem, word in (
        ("халқ", "халық"),
        ("нарқ", "нарық"),
        ("орн", "орын"),
        ("ауз", "ауыз"),
        ("даус", "дауыс"),
        ("ерн", "ерін"),
        ("мұрн", "мұрын"),
        ("қарн", "қарын"),
        ("мойн", "мойын"),
        ("қойн", "қойын"),
        ("ерк", "ерік"),
        ("көрк", "көрік"),
        ("бөрк", "бөрік"),
        ("құлқ", "құлық"),
        ("қалп", "қалып"),
        ("әрп", "әріп"),
        ("ғұрп", "ғұрып"),
        ("ырқ", "ырық"),
    )
}
_DEVOICE = {"г": "к", "ғ": "қ", "б": "п"}


# What may stand alone after a hyphen (ҚР-ның, АҚШ-тағы, 5-ші): one ending, or two.
_ENDINGS = frozenset(rule[0] for rule in _RULES) | {"шы", "ыншы", "ншы"}
_ENDING_PAIRS = frozenset(a + b for a in _ENDINGS for b in _ENDINGS)


def is_ending(word: str) -> bool:
    """Whether the word is only a Kazakh ending (or two), as written after a hyphen: ``ның`` in ``ҚР-ның``."""
    shadow = word.lower().translate(_SHADOW)
    return shadow in _ENDINGS or shadow in _ENDING_PAIRS


_KNOWN = _KEEP | {word.translate(_SHADOW) for word in _VOWEL_DROPPED.values()}


@lru_cache(maxsize=65_536)
def stem_kk(word: str) -> str:
    """The stem of a Kazakh word in Cyrillic, lowercase; other words come back lowercase as they are."""
    word = word.lower()
    if len(word) >= 5 and word.endswith("ст") and word[-3] in _VOWEL_LETTERS:
        word = word[:-1]  # журналист: журналистер, журналисі are written without the т
    shadow = word.translate(_SHADOW)
    word, shadow = _devoice(word, shadow)
    if shadow in _KEEP:
        return word
    if shadow in _VOWEL_DROPPED:
        return _VOWEL_DROPPED[shadow]
    stems = [stem_kk(word[:cut]) for cut in _cuts(shadow) if not (word[cut - 1] == "и" and shadow[cut] == "с")]
    for stem in stems:
        if stem.translate(_SHADOW) in _KNOWN:
            return stem  # ауданы is аудан + ы, not ауда + ны
    return stems[0] if stems else word


def _cuts(shadow: str) -> list[int]:
    """Where each suffix that fits begins, longest suffix first."""
    return [
        cut
        for suffix, before, shortest in _RULES_BY_LAST.get(shadow[-1:], ())
        if shadow.endswith(suffix)
        and (cut := len(shadow) - len(suffix)) >= shortest
        and shadow[cut - 1] in before
        and not _VOWEL_ANYWHERE.isdisjoint(shadow[:cut])
    ]


def _devoice(word: str, shadow: str) -> tuple[str, str]:
    last = word[-1:]
    if last in _DEVOICE and len(shadow) >= 2 and shadow[-2] in _VOWEL_ANYWHERE:
        voiceless = _DEVOICE[last]
        return word[:-1] + voiceless, shadow[:-1] + voiceless.translate(_SHADOW)
    return word, shadow
