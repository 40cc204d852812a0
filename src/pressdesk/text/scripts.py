"""Which script a Kazakh text is in, and Kazakh in any script to Cyrillic: ``to_cyrillic()``, ``looks_kazakh_latin()``.

``to_cyrillic`` converts the runs of Latin letters (in the alphabet the text's
letters point to, see ``latin``) and of Arabic script (see ``arabic``) and leaves
the rest — Cyrillic, digits, punctuation — as it is, after Unicode NFC. It
believes its caller: an English word in the text becomes Cyrillic too. Callers
that do not know the language ask ``looks_kazakh_latin`` first.

``looks_kazakh_latin`` weighs the Latin words of a text. For Kazakh:

* letters only Kazakh uses among the languages around (ä ñ ū ǵ ń ə, and q not before u): strong;
* letters Kazakh shares with Turkish, Azerbaijani or Polish (ı ğ ş ö ü á ó ú ý ś ć í),
  the informal zh, and a 2017 apostrophe letter inside a word (n'a, s'y; not English
  n't, 's, 're; not Turkish Ankara'da): medium;
* frequent Kazakh words in any spelling (және, үшін, бойынша, туралы, Қазақстан …): strong;
* Kazakh endings (-нің, -дағы, -лар, -мен …), and the informal ы: y between two
  consonants (kalasynyn, turgyndar), which English keeps for a few Greek words
  (system, gym): weak.

Against: English and Turkish function words; letters Kazakh never uses
(č ř ě ů ł ż ą ę ő ű ß, Turkish c and ç); English spellings no Kazakh alphabet has
(th, wh, ph, ck, ee, oo, ea, ou, -tion, w). Latin-script Turkish has ı ğ ş but never
q ä ñ ū, so without a strong sign a text is Kazakh only when its medium and weak
signs reach three in ten words, no letter is foreign and little else speaks against
them: informal Kazakh
("Almaty kalasynyn akimdigi turgyndardyn shagymdaryn karaidy") has no letter of its
own, and an English sentence always has its function words.
"""

from __future__ import annotations

import re
import unicodedata

from pressdesk.text.arabic import ARABIC_RE, arabic_to_cyrillic
from pressdesk.text.fold import fold
from pressdesk.text.latin import LATIN_WORD_RE, PAIR_2017_RE, latin_to_cyrillic

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def has_kazakh_letters(word: str) -> bool:
    """Whether the word has a letter only Kazakh Cyrillic has (ә ғ қ ң ө ұ ү һ і)."""
    return not KAZAKH_LETTERS.isdisjoint(word)


def to_cyrillic(text: str) -> str:
    """Kazakh in any Latin alphabet or in Arabic script, to Kazakh Cyrillic; Cyrillic stays as it is."""
    text = unicodedata.normalize("NFC", text)
    if ARABIC_RE.search(text):
        text = arabic_to_cyrillic(text)
    return latin_to_cyrillic(text)


_STRONG_RE = re.compile("[äñūǵńə]|q(?!u)")
_MEDIUM_RE = re.compile("[ığşöüáóúýśćí]|zh")
_FOREIGN_RE = re.compile("[čřěůłżąęőűßç]|c(?![h'’])")
_ENGLISH_SPELLING_RE = re.compile("th|wh|ph|ck|ee|oo|ea|ou|tion|w")
_INFORMAL_Y_RE = re.compile("[bcdfghjklmnpqrstvxz]y[bcdfghjklmnpqrstvxz]")
_CONTRACTION_RE = re.compile("['’](?:t|s|re|ve|ll|d|m)$")
_TURKISH_APOSTROPHE_RE = re.compile("['’](?:[dt][ae]n?|[ıiuü]n|n[ıiuü]n|[yn]?[ae]|[yn]?[ıiuü])$")
_KAZAKH_ENDING_RE = re.compile(
    "(?:n[iı]ñ|nyñ|n[iy]ng|[dt][aeiıy][gğǵ][iıy]|[lt]ar|[ld]er|ler|men|ben|pen|"
    "d[ay]n|den|nan|nen|n[iy]n|[dt]ar|[dt]yq|[dt][iı]k|lyq|l[iı]k|syz|s[iı]z|[dtsn][yiı]|[ğǵgq]a|[dt][ae]|ge|ke)$"
)
# Frequent Kazakh words, as fold() writes them whatever the alphabet (және: jäne, jane, zhane, jáne).
_KAZAKH_WORDS = frozenset(
    fold(
        "және үшін бойынша туралы осы бұл болып болады деген емес екен жоқ қазір біз олар "
        "сондай бірақ тағы қазақ қазақстан республикасы жылы"
    ).split()
)
_OTHER_WORDS = frozenset(
    # English
    "the and of to is are was were for with that this from have has had will would which who "
    "their said been not but by an or it its be at as on in "
    # Turkish
    "ve için ile olarak değil çok gibi daha ama sonra kadar göre ki".split()
)


def looks_kazakh_latin(text: str) -> bool:
    """Whether the Latin-letter words of ``text`` read as Kazakh (any Latin alphabet) rather than English or Turkish."""
    words = LATIN_WORD_RE.findall(unicodedata.normalize("NFC", text))[:3000]
    if not words:
        return False
    strong = medium = against = foreign = 0.0
    for word in words:
        low = word.lower()
        if fold(low) in _KAZAKH_WORDS:
            strong += 1
        elif low in _OTHER_WORDS:
            against += 1
            continue
        if _STRONG_RE.search(low):
            strong += 1
        elif _MEDIUM_RE.search(low) or _pair_2017(word):
            medium += 1
        elif _KAZAKH_ENDING_RE.search(low):
            medium += 0.5
        if _INFORMAL_Y_RE.search(low):
            medium += 0.5
        if _FOREIGN_RE.search(low):
            foreign += 0.5
        elif _ENGLISH_SPELLING_RE.search(low):
            against += 0.5
    n = len(words)
    if not strong:
        return not foreign and medium >= max(1.0, 0.3 * n) and against <= 0.25 * medium
    against += foreign
    return strong + medium >= max(1.0, 0.3 * n) and against < 0.5 * (strong + medium)


def _pair_2017(word: str) -> bool:
    if not PAIR_2017_RE.search(word):
        return False
    low = word.lower()
    return not (_CONTRACTION_RE.search(low) or _TURKISH_APOSTROPHE_RE.search(low))
