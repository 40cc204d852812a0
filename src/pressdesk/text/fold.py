"""One lowercase ASCII key alphabet for matching across scripts: ``fold()``.

Kazakh Cyrillic, Russian Cyrillic, every Latin way of writing Kazakh (see
``latin``) and Kazakh in Arabic script (converted first, see ``arabic``) fold to
the same string for the same word: "Алматы қаласы әкімдігі", "Almaty qalasy
äkımdıgı", "Almaty qalasy ákimdigi" and "Almaty qalasi akimdigi" all give
``almati kalasi akimdigi``. The output holds only ``[a-z0-9]`` and single spaces.

Steps: NFKC; Arabic script to Cyrillic; lowercase (Turkish İ loses its dot);
the 2017 apostrophe letters that differ from their bare letter (s' c' y', each
followed by a letter: a word-final ``s'`` is an English possessive) become
ş ç ý; one table maps every letter to ASCII; the digraphs kh zh gh shch are
reduced until none is left, so that ``fold(fold(x)) == fold(x)``; apostrophes,
soft hyphens and zero-width characters join, everything else separates.

The collisions this accepts, by design (a key for matching, not for reading):

==============================  =====  ==============================================
letters                         key    why
==============================  =====  ==============================================
а ә ä á a' ə                    a      ә is written a in informal Latin
е ё э é                         e      ё as Russian writers mostly type it
и й і ы ı i í y i' ÿ            i      the three alphabets disagree which is і and и
о ө ö ó o'                      o
у ұ ү u ū ü ú ý u' y' w         u      Dawren, Däuren and Dauren meet
к қ k q                         k
г ғ g ğ ǵ g' gh                 g
н ң n ñ ń n' ŋ                  n      informal ``ng`` for ң is *not* folded (thing ≠ thin);
                                       ``to_cyrillic`` reads it, see ``tokens``
х һ h kh                        h
ж j zh ž                        j
ш ş ś š s' sh                   sh
щ shch                          sh
ч ç ć č c' ch                   ch
ц                               ts     (Latin c stays c)
x                               ks     Texas and Тексас meet (names treat x apart)
ю / я                           iu/ia  as yu / ya
ъ ь ' ʼ ’                       —      dropped, the word stays whole
==============================  =====  ==============================================

Other Latin letters lose their accents (é → e, ł → l, ß → ss); other digits
become ASCII digits; letters of other scripts (Greek, CJK …) separate words.
"""

from __future__ import annotations

import re
import unicodedata

from pressdesk.text.arabic import ARABIC_RE, arabic_to_cyrillic
from pressdesk.text.latin import APOSTROPHES

# fmt: off
_LETTERS = {
    # Kazakh and Russian Cyrillic (lowercase), and the letters of neighbouring Cyrillic alphabets
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "i", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ї": "i", "є": "e", "ґ": "g", "ў": "u", "ҳ": "h", "җ": "j", "ӣ": "i", "ӯ": "u", "ҷ": "ch",
    # Latin letters whose key is not the letter itself
    "q": "k", "w": "u", "x": "ks", "y": "i",
    "ä": "a", "á": "a", "ə": "a", "ğ": "g", "ǵ": "g", "ı": "i", "í": "i", "ñ": "n", "ń": "n",
    "ŋ": "n", "ö": "o", "ó": "o", "ş": "sh", "ś": "sh", "š": "sh", "ș": "sh", "ū": "u", "ü": "u",
    "ú": "u", "ý": "u", "ÿ": "i", "ç": "ch", "ć": "ch", "č": "ch", "ž": "j",
    "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ħ": "h",
    "\u0307": "",  # the dot Python's lower() leaves on Turkish İ
}
# fmt: on
for _ch in APOSTROPHES + "\u00ad\u200b\u200c\u200d\u2060\ufeff":
    _LETTERS[_ch] = ""
for _code in range(ord("a"), ord("z") + 1):
    _LETTERS.setdefault(chr(_code), chr(_code))
for _code in range(ord("0"), ord("9") + 1):
    _LETTERS[chr(_code)] = chr(_code)

_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")


class _Table(dict[int, str]):
    """``str.translate`` table that works out, and remembers, characters it has not met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        category = unicodedata.category(ch)
        if category[0] == "M" or category == "Cf":
            value = ""
        elif category == "Nd":
            value = str(unicodedata.decimal(ch))
        elif category[0] == "L":
            base = "".join(b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b)).lower()
            value = base.translate(self) if base and base != ch else " "
        else:
            value = " "
        if not set(value) <= _KEY_CHARS:
            value = " "
        self[code] = value
        return value


TABLE = _Table({ord(k): v for k, v in _LETTERS.items()})
_PAIR_RE = re.compile(f"([scy])[{re.escape(APOSTROPHES)}](?=[^\\W\\d_])")
_PAIR_LETTER = {"s": "ş", "c": "ç", "y": "ý"}
_DIGRAPH_RE = re.compile("shch|kh|zh|gh")
_DIGRAPH = {"shch": "sh", "kh": "h", "zh": "j", "gh": "g"}
_SEPARATORS_RE = re.compile("[^a-z0-9]+")


def fold(text: str) -> str:
    """The matching key of ``text``: lowercase ASCII words of ``[a-z0-9]`` joined by single spaces."""
    return _SEPARATORS_RE.sub(" ", to_ascii(text)).strip()


def to_ascii(text: str) -> str:
    """``fold`` before separators are squeezed: every character mapped, digraphs reduced."""
    text = unicodedata.normalize("NFKC", text)
    if ARABIC_RE.search(text):
        text = arabic_to_cyrillic(text)
    text = text.lower()
    if _PAIR_RE.search(text):
        text = _PAIR_RE.sub(lambda m: _PAIR_LETTER[m.group(1)], text)
    return reduce_digraphs(text.translate(TABLE))


def reduce_digraphs(ascii_text: str) -> str:
    # Until none is left: "zkh" gives "zh" on the first pass, "j" on the second.
    while _DIGRAPH_RE.search(ascii_text):
        ascii_text = _DIGRAPH_RE.sub(lambda m: _DIGRAPH[m.group()], ascii_text)
    return ascii_text
