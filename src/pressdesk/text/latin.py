"""Kazakh written in Latin letters, to Kazakh Cyrillic.

Four ways of writing Kazakh in Latin letters meet in the press, and they disagree
about a few letters, so a text is read in the alphabet its letters point to:

=============  ==========================================  ===========================
alphabet       its own letters                             the letters it reads its way
=============  ==========================================  ===========================
2017           apostrophes: a' g' i' n' o' u' s' c' y'     i = і, i' = и/й, u = ұ,
               (also ’ ` ʼ; u` = ү)                        u' = ү, y' = у, y = ы
2018           acute accents: á ǵ ı ń ó ú ý ś ć            i = і, ı = и/й, u = ұ,
                                                           ú = ү, ý = у, y = ы
2021           ä ğ ı ñ ö ş ū ü (ç), İ                      ı = і, i = и/й, u = у,
                                                           ū = ұ, ü = ү, y = ы
informal       sh zh ch kh gh ng, ya yu yo ye, w, x        i = і (й after a vowel),
                                                           y = ы (й after a vowel),
                                                           u = у
=============  ==========================================  ===========================

Every alphabet shares: q = қ, j = ж, h = х, x = х, w = у, c = ц, k' = қ (an older
apostrophe style), and the digraphs sh ch zh kh gh (which the 2018 alphabet also
used). The letter that stands for и/й becomes й after a vowel (``Qairat`` →
Қайрат, ``syi`` → сый). A text with no letter of its own is read as informal,
unless it has a dotless ı, which points to 2021 (the 2018 texts nearly always
also have ý or á). Latin letters no alphabet has (é, ł, ß …) take the nearest
Cyrillic; an apostrophe that marks no letter stays.

A trailing apostrophe counts as a letter mark (``Qazaqstannyn'``) unless the
word also opens with one, when it closes a quotation.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'’‘`ʼʻ´′"
_APOS = re.escape(APOSTROPHES)
# Latin letters (Basic, Latin-1, Extended-A/B, schwa, Extended Additional), without × and ÷.
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u018f\u1e00-\u1eff"
LATIN_WORD_RE = re.compile(
    rf"[{LETTERS}][{LETTERS}\u0300-\u036f]*(?:[{_APOS}]+[{LETTERS}][{LETTERS}\u0300-\u036f]*)*[{_APOS}]?"
)
LATIN_LETTER_RE = re.compile(f"[{LETTERS}]")

_MARKS_2021 = frozenset("äğñöşūüçİ")
_MARKS_2018 = frozenset("áǵńóúýśćí")
# A 2017 pair: a letter of _PAIRS_2017, an apostrophe, and a lowercase letter after it.
PAIR_2017_RE = re.compile(rf"[agiounscyk][{_APOS}](?=[a-z\u00df-\u00f6\u00f8-\u00ff\u0101-\u024f])", re.IGNORECASE)

# fmt: off
_COMMON = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "v": "в", "w": "у", "x": "х", "z": "з",
    "ä": "ә", "á": "ә", "ə": "ә", "à": "а", "â": "а", "ã": "а", "å": "а", "ā": "а",
    "ğ": "ғ", "ǵ": "ғ", "ñ": "ң", "ń": "ң", "ŋ": "ң", "ň": "н",
    "ö": "ө", "ó": "ө", "ò": "о", "ô": "о", "õ": "о", "ō": "о", "ø": "ө",
    "ş": "ш", "ś": "ш", "š": "ш", "ș": "ш", "ç": "ч", "ć": "ч", "č": "ч", "ž": "ж", "ź": "з", "ż": "з",
    "ū": "ұ", "ü": "ү", "ú": "ү", "ù": "у", "û": "у", "ý": "у", "ÿ": "й",
    "é": "е", "è": "е", "ê": "е", "ë": "е", "ē": "е", "ė": "е", "ę": "е", "ě": "е",
    "ì": "и", "î": "и", "ï": "и", "ī": "и", "ł": "л", "ß": "сс", "ţ": "т", "ț": "т", "ř": "р", "đ": "д",
}
# fmt: on
# "IJ" stands for the letter of и/й: й after a vowel, и elsewhere.
_IJ = "IJ"
_BY_ALPHABET = {
    "2017": {"i": "і", "ı": "і", "í": _IJ, "y": "ы", "u": "ұ"},
    "2018": {"i": "і", "ı": _IJ, "í": _IJ, "y": "ы", "u": "ұ"},
    "2021": {"i": _IJ, "ı": "і", "í": _IJ, "y": "ы", "u": "у"},
    "informal": {"ı": "і", "í": _IJ, "u": "у"},  # i and y depend on the letter before them: see _word
}
# The 2017 letters with an apostrophe, and k' of the apostrophe style that writes қ as k'.
_PAIRS_2017 = {"a": "ә", "g": "ғ", "i": _IJ, "n": "ң", "o": "ө", "u": "ү", "s": "ш", "c": "ч", "y": "у", "k": "қ"}
_DIGRAPHS = {"sh": "ш", "zh": "ж", "ch": "ч", "kh": "х", "gh": "ғ"}
_INFORMAL_Y_VOWEL = {"a": "я", "u": "ю", "o": "ё", "e": "е"}
# Cyrillic letters after which и/й is й.
_VOWELS_BEFORE_IJ = frozenset("аәеоөұүуыіэюя")
# Informal i and y become й only after these (after у they stay vowels: оқуы).
_VOWELS_BEFORE_INFORMAL_I = frozenset("аәеоөэюяы")
_VOWELS_BEFORE_INFORMAL_Y = frozenset("аәеоөэюяі")
_LATIN_VOWELS = frozenset("aeiouyäöüūıáéíóúýə")


def detect_alphabet(text: str) -> str:
    """Which Latin alphabet the Kazakh text is written in: "2017", "2018", "2021" or "informal"."""
    n2021 = n2018 = 0
    dotless = False
    for ch in text:
        if ch in _MARKS_2021 or ch.lower() in _MARKS_2021:
            n2021 += 1
        elif ch in _MARKS_2018 or ch.lower() in _MARKS_2018:
            n2018 += 1
        elif ch == "ı":
            dotless = True
    n2017 = len(PAIR_2017_RE.findall(text))
    best = max(n2017, n2018, n2021)
    if best == 0:
        return "2021" if dotless else "informal"
    if best == n2021:
        return "2021"
    return "2018" if best == n2018 else "2017"


def latin_to_cyrillic(text: str, alphabet: str | None = None) -> str:
    """Every run of Latin letters in ``text`` to Kazakh Cyrillic; everything else stays."""
    if not LATIN_LETTER_RE.search(text):
        return text
    alphabet = alphabet or detect_alphabet(text)
    out: list[str] = []
    last = 0
    for match in LATIN_WORD_RE.finditer(text):
        start = match.start()
        out.append(text[last:start])
        quoted = start > 0 and text[start - 1] in APOSTROPHES
        out.append(_word(match.group(), alphabet, quoted))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _letters(word: str, alphabet: str) -> list[tuple[str, bool]]:
    """(lowercase letter, was uppercase) per letter; the capital I means what this alphabet says."""
    letters = []
    for ch in word:
        if unicodedata.combining(ch):
            continue
        if ch == "İ":
            letters.append(("i", True))
        elif ch == "I":
            letters.append(("ı" if alphabet == "2021" else "i", True))
        else:
            low = ch.lower()
            letters.append((low if len(low) == 1 else ch, low != ch))
    return letters


def _word(word: str, alphabet: str, quoted: bool) -> str:
    letters = _letters(word, alphabet)
    table = _BY_ALPHABET[alphabet]
    informal = alphabet == "informal"
    n = len(letters)
    out: list[str] = []

    def emit(cyr: str, upper: bool) -> None:
        if cyr == _IJ:
            cyr = "й" if out and out[-1][-1:].lower() in _VOWELS_BEFORE_IJ else "и"
        out.append(cyr[:1].upper() + cyr[1:] if upper else cyr)

    i = 0
    while i < n:
        ch, upper = letters[i]
        nxt = letters[i + 1][0] if i + 1 < n else ""
        if ch in APOSTROPHES:
            out.append(ch)  # not a letter mark: a quotation mark, or a soft sign in Ol'ga
            i += 1
            continue
        # 2017: a letter with an apostrophe (a trailing one only when it does not close a quotation)
        if ch in _PAIRS_2017 and nxt and nxt in APOSTROPHES and (i + 2 < n or not quoted):
            emit(_PAIRS_2017[ch], upper)
            i += 2
            continue
        if informal and ch == "s" and "".join(c for c, _ in letters[i : i + 4]) == "shch":
            emit("щ", upper)
            i += 4
            continue
        pair = ch + nxt
        if pair in _DIGRAPHS:
            emit(_DIGRAPHS[pair], upper)
            i += 2
            continue
        if informal:
            prev_cyr = out[-1][-1:].lower() if out else ""
            if ch == "y" and nxt in _INFORMAL_Y_VOWEL and (not out or prev_cyr in _VOWELS_BEFORE_INFORMAL_Y):
                emit(_INFORMAL_Y_VOWEL[nxt], upper)  # Yerlan, Yana, ayaq
                i += 2
                continue
            if pair == "ng" and (i + 2 == n or letters[i + 2][0] not in _LATIN_VOWELS):
                emit("ң", upper)  # qalasynyng; before a vowel n + g (zhanga stays жанга)
                i += 2
                continue
            if ch == "i":
                emit("й" if prev_cyr in _VOWELS_BEFORE_INFORMAL_I else "і", upper)
                i += 1
                continue
            if ch == "y":
                emit("й" if prev_cyr in _VOWELS_BEFORE_INFORMAL_Y else "ы", upper)
                i += 1
                continue
        cyr = table.get(ch) or _COMMON.get(ch)
        if cyr is None:
            out.append(ch if not upper else ch.upper())
        else:
            emit(cyr, upper)
        i += 1
    return "".join(out)
