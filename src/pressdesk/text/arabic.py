"""Kazakh in Arabic script (төте жазу, as written in Xinjiang, China and Iran), to Kazakh Cyrillic.

Consonants map one to one (ۆ в, ع ғ, ح х, ھ һ, ڭ ң, ۋ у; Arabic loan letters
ث ذ ص ض ط ظ to с з с з т з). Four vowel letters each stand for a back and a front
vowel: ا а/ә, و о/ө, ۇ ұ/ү, ى ы/і. A word is front when it carries the hamza
(ٴ U+0674, or ء U+0621, written once at its start) or contains ە, ك or گ, which
are front by themselves and so make the hamza unnecessary. Within a front word
without a hamza, a vowel next to ق, ع or غ is back (қызмет: قىزمەت). ي is й next
to a vowel at the start of a word or after a vowel, и elsewhere. Arabic script has
no capitals: the Cyrillic is lowercase. ي with ا is я at the start of a word and ия
after a consonant (ي with ۋ at the start, ю). Arabic digits become ASCII digits and the
Arabic comma, semicolon and question mark their Latin forms.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic, Arabic Supplement, and the presentation forms (folded by NFKC before reading).
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]+")

_HAMZA = frozenset("\u0674\u0621")
_FRONT_LETTERS = frozenset("ەكگک")
_BACK_CONSONANTS = frozenset("قعغ")
# fmt: off
_VOWELS = {"ا": ("а", "ә"), "أ": ("а", "ә"), "إ": ("а", "ә"), "آ": ("а", "ә"), "و": ("о", "ө"),
           "ۇ": ("ұ", "ү"), "ى": ("ы", "і"), "ی": ("ы", "і")}
# fmt: on
_VOWEL_LETTERS = frozenset(_VOWELS) | {"ە", "ي"}
# fmt: off
_FIXED = {
    "ب": "б", "پ": "п", "ت": "т", "ث": "с", "ج": "ж", "چ": "ч", "ح": "х", "خ": "х", "د": "д",
    "ذ": "з", "ر": "р", "ز": "з", "ژ": "ж", "س": "с", "ش": "ш", "ص": "с", "ض": "з", "ط": "т",
    "ظ": "з", "ع": "ғ", "غ": "ғ", "ف": "ф", "ق": "қ", "ك": "к", "ک": "к", "گ": "г", "ڭ": "ң",
    "ل": "л", "م": "м", "ن": "н", "ھ": "һ", "ه": "һ", "ە": "е", "ۋ": "у", "ۆ": "в", "ة": "а",
    "ؤ": "у", "ئ": "й", "ۈ": "ү", "ێ": "е",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "۔": ".", "٫": ",", "٬": " ",
}
# fmt: on
for _i in range(10):
    _FIXED[chr(0x0660 + _i)] = str(_i)
    _FIXED[chr(0x06F0 + _i)] = str(_i)
# Short-vowel marks, tatweel, the superscript alef: not written in Kazakh, dropped.
_DROP_RE = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d5\u0674]+")


def arabic_to_cyrillic(text: str) -> str:
    """Every run of Arabic script in ``text`` to Kazakh Cyrillic; everything else stays."""
    return ARABIC_RE.sub(_run, text)


def _run(match: re.Match[str]) -> str:
    run = _DROP_RE.sub("", unicodedata.normalize("NFKC", match.group()))
    # NFKC may turn presentation forms into Latin punctuation or spaces; only Arabic words change.
    run = _WORD_RE.sub(lambda m: _word(m.group()), run)
    return "".join(_FIXED.get(ch, ch) for ch in run)


def _word(word: str) -> str:
    hamza = any(ch in _HAMZA for ch in word)
    letters = [ch for ch in word if ch not in _HAMZA]
    front = hamza or any(ch in _FRONT_LETTERS for ch in letters)
    out: list[str] = []
    i = 0
    while i < len(letters):
        ch = letters[i]
        prev = letters[i - 1] if i else ""
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        if ch == "ي" and prev not in _VOWEL_LETTERS and (nxt == "ا" or (not prev and nxt == "ۋ")):
            # я and ю at the start of a word (Япония, Юсуп), ия after a consonant (Азия, қиял)
            out.append("ия" if prev else "я" if nxt == "ا" else "ю")
            i += 2
            continue
        if ch in _VOWELS:
            back_neighbour = not hamza and (prev in _BACK_CONSONANTS or nxt in _BACK_CONSONANTS)
            out.append(_VOWELS[ch][1 if front and not back_neighbour else 0])
        elif ch == "ي":
            glide = prev in _VOWEL_LETTERS or (not prev and nxt in _VOWEL_LETTERS)
            out.append("й" if glide else "и")
        else:
            out.append(_FIXED.get(ch, ch))
        i += 1
    return "".join(out)
