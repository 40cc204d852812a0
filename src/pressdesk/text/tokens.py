"""Search and matching tokens for free text: ``tokens()``.

A token is the folded stem of a word (``[a-z0-9]+``), so one word in its different
forms and scripts gives one token: "Алматы қаласы әкімдігінің", "Almaty qalasy
äkımdıgınıñ" and "әкімдігі" share ``akim``; "акиматом", "акимата" and "акимат" share
``akimat``. Tokens keep the order of the words, for phrase search.

1. Arabic script is read as Kazakh and becomes Cyrillic. Latin words become Cyrillic
   when the text is Kazakh written in Latin letters: ``language="kk"`` and the text
   is mostly Latin or ``looks_kazakh_latin``; ``language=None`` and
   ``looks_kazakh_latin``. Otherwise Latin words stay Latin (brand names in Kazakh
   text, English).
2. Words are split at hyphens: each part is a word (``Нұр-Сұлтан`` → нұр, сұлтан),
   but a part after a hyphen that is only a Kazakh ending is dropped
   (``ҚР-ның``, ``АҚШ-тың``, ``2024-жылы`` keeps жыл, ``5-ші``).
3. Each word is stemmed by its language, decided word by word so that a word gives
   the same token wherever it stands (in a query, in an article):

   * Cyrillic with ә ғ қ ң ө ұ ү һ і → ``stem_kk``, whatever ``language`` says;
   * other Cyrillic → ``stem_kk`` when ``language="kk"``, else ``stem_ru``. With
     ``language=None`` such a word is taken for Russian rather than stemmed both
     ways: two tokens per word would break phrase search, and Russian endings
     (-де, -ны) look Kazakh (городе would lose -де). Kazakh words without Kazakh
     letters (Алматы, жылы) often end up with the same token either way;
   * Latin → Snowball English (a Kazakh-Latin text was converted in step 1);
   * digits and anything else → as it is.

   Index and query should be tokenised with the same ``language``; where the query's
   language is unknown, pass ``None`` on both sides.
4. ``fold`` turns the stem into ASCII; a stem that folds to nothing is no token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pressdesk.text.arabic import ARABIC_RE, arabic_to_cyrillic
from pressdesk.text.fold import fold
from pressdesk.text.latin import LATIN_LETTER_RE, latin_to_cyrillic
from pressdesk.text.scripts import has_kazakh_letters, looks_kazakh_latin
from pressdesk.text.snowball import stem_en, stem_ru
from pressdesk.text.stem_kk import is_ending, stem_kk

_WORD = r"[^\W_][\w\u0300-\u036f]*"
_APOSTROPHE_WORD = rf"{_WORD}(?:['’ʼ]{_WORD})*"
_GROUP_RE = re.compile(rf"{_APOSTROPHE_WORD}(?:[-\u2010\u2011]{_APOSTROPHE_WORD})*")
_HYPHEN_RE = re.compile("[-\u2010\u2011]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def tokens(text: str, language: str | None = None) -> list[str]:
    """The search tokens of ``text``: folded stems, in order, none empty."""
    language = (language or "").split("-")[0].lower() or None
    text = unicodedata.normalize("NFC", text)
    if ARABIC_RE.search(text):
        text = arabic_to_cyrillic(text)
    if LATIN_LETTER_RE.search(text) and _written_in_latin_kazakh(text, language):
        text = latin_to_cyrillic(text)
    out: list[str] = []
    for group in _GROUP_RE.findall(text.lower()):
        out.extend(_group_tokens(group, language))
    return out


def _written_in_latin_kazakh(text: str, language: str | None) -> bool:
    if language == "kk":
        latin = len(LATIN_LETTER_RE.findall(text))
        return latin > len(_CYRILLIC_RE.findall(text)) or looks_kazakh_latin(text)
    return language is None and looks_kazakh_latin(text)


@lru_cache(maxsize=65_536)
def _group_tokens(group: str, language: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for i, word in enumerate(_HYPHEN_RE.split(group)):
        if _CYRILLIC_RE.search(word):
            if language == "kk" or has_kazakh_letters(word):
                if i and is_ending(word):
                    continue
                stem = stem_kk(word)
            else:
                stem = stem_ru(word)
        elif LATIN_LETTER_RE.search(word):
            stem = stem_en(word)
        else:
            stem = word
        out.extend(fold(stem).split())
    return tuple(out)
