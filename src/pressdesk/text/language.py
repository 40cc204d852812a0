"""Which language a text is in: ``detect()`` → ``"kk"``, ``"ru"``, ``"en"`` or ``"other"``.

Offline and fast (no model to download, a few regular expressions over the first
``SAMPLE`` characters; the script is decided on the first ``SCRIPT_SAMPLE``): monitoring runs it on every item before the analyzer, so
that ``tokens(text, language)`` stems each word the way its language wants.

1. The script with the most letters decides where to look.
2. **Arabic script** is Kazakh (``kk``) when it has the letters of the Kazakh
   Arabic alphabet (the hamza ٴ, ە ڭ ۇ ۋ ۆ ى); Arabic, Persian or Urdu text is ``other``.
3. **Cyrillic**: a text with the letters of other Cyrillic alphabets (Ukrainian ї є ґ,
   Uzbek ў ҳ, Tatar and Bashkir җ ҡ ҙ ҫ) is ``other``. Otherwise points are counted:

   * Kazakh: a word with a letter only Kazakh has (ә ғ қ ұ һ і, and ң ө ү), 1; a
     Kazakh function word (және, үшін, бойынша, деп, емес …, also as typed without
     the Kazakh letters: жане, ушин), 2; a word ending like a Kazakh case or plural
     that Russian does not use (-дан, -лар, -мен …), ½;
   * Russian: a Russian function word (и, в, что, для, который …), 2; a word ending
     like a Russian adjective, verb or abstract noun (-ого, -ться, -ание …), 1.

   More Kazakh points make ``kk``, more Russian points ``ru``; on a tie (a short
   title, where nothing is certain) the text is Kazakh when at least half of its
   words have Kazakh letters. So Cyrillic without Kazakh letters is Russian unless
   Kazakh function words outweigh the Russian ones, and a Russian text quoting
   "Қасым-Жомарт Тоқаев" stays Russian.
4. **Latin**: more function words of Turkish, German, French or Spanish than of
   English make ``other`` (their ü, ı, ş also look Kazakh); then Kazakh in any Latin
   alphabet (``scripts.looks_kazakh_latin``) is ``kk``; the rest is ``en`` unless one
   word in ten has letters English never uses (ç ß ñ é …).
5. No letters at all (empty, digits, punctuation) is ``other``.

Words shared by the two languages (да, не, бар) count for neither.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pressdesk.text.arabic import ARABIC_RE
from pressdesk.text.fold import fold
from pressdesk.text.latin import LATIN_LETTER_RE
from pressdesk.text.scripts import looks_kazakh_latin

LANGUAGES = ("kk", "ru", "en", "other")
SAMPLE = 2000  # characters read for words
SCRIPT_SAMPLE = 800  # characters whose letters decide the script
_FIRST_LOOK = 600  # characters of Cyrillic read first; the rest only when they leave a doubt
_DECISIVE = 8  # points between the languages that leave none

_CYRILLIC_LETTER_RE = re.compile("[\u0400-\u04ff]")
_KAZAKH_LETTER_RE = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_OTHER_CYRILLIC_RE = re.compile("[їєґўҳҗҡҙҫЇЄҐЎҲҖҠҘҪ]")
_KAZAKH_ARABIC_RE = re.compile("[\u0674\u06d5\u06ad\u06c7\u06cb\u06c6\u0649]")
_WORD_RE = re.compile(r"[^\W\d_]+")

# Folded, so that Kazakh typed without its letters (жане, ушин) counts too.
_KAZAKH_WORDS = frozenset(
    fold(
        "және мен бен пен үшін бойынша туралы деп деген осы бұл ол олар біз сіз мұнда "
        "емес жоқ екен еді болып болды болады болса тиіс керек қазір кейін дейін арқылы "
        "сияқты бірақ тағы әрі немесе яғни соң алдында жылы қатысты тұрғындар қаласы "
        "мүмкін барлық бірге ретінде қарай кезде дегенмен сондай"
    ).split()
)
_RUSSIAN_WORDS = frozenset(
    "и в во на что с со по к у о об из за от для это как а но или то же бы ли был была были было "
    "он она они его ее её их который которая которые которых также при после до так все уже только "
    "более может года году чтобы если между через под над будет будут есть этом этого этой этих "
    "сообщает сообщил сообщила заявил заявила отметил отметила рамках том".split()
)
_ENGLISH_WORDS = frozenset(
    "the of and to in is was for on that with as by at from it an be are were has have had this "
    "which will said its their not but or after also new who would been more than into over about".split()
)
_OTHER_LATIN_WORDS = frozenset(
    # Turkish, German, French, Spanish
    "ve bu için ile olarak değil çok gibi daha ama sonra kadar göre "
    "der die das und ist nicht mit von den dem ein eine auch auf sich "
    "le la les des est une pour dans que qui sur pas avec "
    "los las y es por con para una del se lo".split()
)
# The function words of the three languages, folded: words that are no one's name.
COMMON_WORDS = _KAZAKH_WORDS | frozenset(fold(" ".join(_RUSSIAN_WORDS | _ENGLISH_WORDS)).split())
_NOT_ENGLISH_LETTERS_RE = re.compile("[çßñéèêëàâäöüőűłąęřšžčěůğşıåøæœõãíóúáìòù]")
_KAZAKH_ENDING_RE = re.compile("(?:дан|ден|тан|тен|нан|нен|лар|лер|дар|дер|тар|мен|бен|пен)$")
_RUSSIAN_ENDING_RE = re.compile(
    "(?:ого|его|ому|ему|ый|ий|ая|яя|ое|ее|ые|ие|ых|их|ими|ыми|ами|ями|ться|тся|ется|ются|ение|ения|ании|ание|"
    "ания|ость|ости|ция|ции|цию|ство|ства|ил|ила|или|ало|ал)$"
)


def detect(text: str) -> str:
    """The language of ``text``: ``"kk"``, ``"ru"``, ``"en"`` or ``"other"`` (see the module's rules)."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE])
    head = sample[:SCRIPT_SAMPLE]
    cyrillic = len(_CYRILLIC_LETTER_RE.findall(head))
    latin = len(LATIN_LETTER_RE.findall(head))
    arabic = sum(len(run) for run in ARABIC_RE.findall(head))
    if not (cyrillic or latin or arabic):
        return "other"
    if arabic > cyrillic and arabic > latin:
        return "kk" if _KAZAKH_ARABIC_RE.search(sample) else "other"
    if cyrillic >= latin:
        return _cyrillic(sample)
    return _latin(sample)


def _cyrillic(sample: str) -> str:
    if len(_OTHER_CYRILLIC_RE.findall(sample)) > 2:
        return "other"
    kazakh = russian = 0.0
    words = lettered = 0
    cut = sample.find(" ", _FIRST_LOOK)
    for part in (sample[:cut], sample[cut:]) if cut > 0 else (sample,):
        scored = [points for word in _WORD_RE.findall(part.lower()) if (points := _cyrillic_points(word)) is not None]
        kazakh += sum(points for points, _lettered in scored if points > 0)
        russian -= sum(points for points, _lettered in scored if points < 0)
        words += len(scored)
        lettered += sum(is_lettered for _points, is_lettered in scored)
        if abs(kazakh - russian) >= _DECISIVE:
            break  # the first lines leave no doubt: the rest is not read
    if kazakh != russian:
        return "kk" if kazakh > russian else "ru"
    return "kk" if words and 2 * lettered >= words else "ru"


@lru_cache(maxsize=65_536)
def _cyrillic_points(word: str) -> tuple[float, bool] | None:
    """A lowercase word's points, positive for Kazakh, negative for Russian, and whether it has Kazakh letters;
    None for a word that is not Cyrillic."""
    if not _CYRILLIC_LETTER_RE.match(word):
        return None
    if _KAZAKH_LETTER_RE.search(word):
        return (2 if fold(word) in _KAZAKH_WORDS else 1), True
    if word in _RUSSIAN_WORDS:
        return -2, False
    if fold(word) in _KAZAKH_WORDS:
        return 2, False
    if _RUSSIAN_ENDING_RE.search(word):
        return -1, False
    if _KAZAKH_ENDING_RE.search(word):
        return 0.5, False
    return 0, False


def _latin(sample: str) -> str:
    words = _WORD_RE.findall(sample.lower())
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    foreign = sum(1 for word in words if word in _OTHER_LATIN_WORDS)
    if foreign > english:
        return "other"  # before the Kazakh check: German ü and Turkish ı also look Kazakh
    if looks_kazakh_latin(sample):
        return "kk"
    marked = sum(1 for word in words if _NOT_ENGLISH_LETTERS_RE.search(word))
    if marked and marked * 10 > len(words):
        return "other"
    return "en"
