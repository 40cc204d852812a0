"""Keys for people's and outlets' names that meet across spellings: ``name_keys()``, ``query_keys()``.

One key per word of the name, built on ``fold`` (so every script and alphabet is
already one ASCII form) and then folded by sound, so that the ways one name is
written in passports, bylines and social media meet:

* ``x`` at the start of a word or before a consonant is х (Axmet = Ахмет), elsewhere кс
  (Maxim = Максим); ``kh``/``h`` are one sound (Akhmet = Ahmet = Ахмет).
* ``ts`` → ``c`` (Цой = Tsoy = Tsoi = Coi); ``dj`` → ``j`` (Джамиля = Jamila);
  ``shch`` → ``sh`` (Щербаков = Shcherbakov = Sherbakov, from ``fold``).
* ``ng`` before a consonant or at the end → ``n`` (ң written ng: Sarsengbi = Сәрсенбі).
* ``ie`` at the start or after a vowel → ``e`` (Yerlan = Ерлан, Alekseyev = Алексеев);
  ``io`` after a consonant → ``e`` (Fyodor = Фёдор = Fedor).
* Doubled letters are written once (Assel = Асель = Әсел, Жанна = Janna, Yuliya = Юлия
  = Iuliia, Сейітқали = Seitkali). The price: Анна and Ана share a key.

From ``fold`` come the rest: й/и/і/ы/y/ı → i (Aigerim = Aygerim = Aıgerim = Айгерім),
ж/j/zh/ž → j, ш/ş/sh → sh, қ/q/k → k, ғ/ğ/gh → g, ұ/ү/у/ū/ü/w → u, ә/ä → a,
ъ and ь dropped. Words are split at spaces, hyphens and punctuation; apostrophes
join (O'Brien is one word). A word whose key is empty is left out.

``query_keys`` is for what a person types into a search box, meant to be matched
as prefixes. While a word is being typed its last letter or two may still change
their sound (``Ak`` may become ``Akh``, ``T`` may become ``Ts``, ``Y`` may become
``Ye``), so the key of the unfinished last word is cut back to the part that no
further letter can change: the longest common prefix of the keys of the word with
each possible next letter. That is always a prefix of the finished word's key
(``Айгер`` → ``aiger``, ``Akh`` → ``a``, ``Yer`` → ``er``). A query that ends
with a space or punctuation has no unfinished word.
"""

from __future__ import annotations

import re
import string
import unicodedata

from pressdesk.text.fold import fold

_X_AS_KH_RE = re.compile(r"(?<![^\W\d_])x|x(?=[bcdfghjklmnpqrstvwxz])")
_PHONETIC = [
    (re.compile("ts"), "c"),
    (re.compile("dj"), "j"),
    (re.compile("ng(?![aeiou])"), "n"),
    (re.compile("^ie|(?<=[aeiou])ie"), "e"),
    (re.compile("(?<=[^aeiou])io"), "e"),
    (re.compile(r"(.)\1+"), r"\1"),
]
# Every letter a typed word may go on with, and the apostrophe of the 2017 alphabet with a letter after it.
_NEXT = [*string.ascii_lowercase, "'a"]


def name_keys(name: str) -> list[str]:
    """One spelling-independent key per word of a name, in order."""
    return [key for key in _keys(name) if key]


def query_keys(text: str) -> list[str]:
    """Keys of what is typed in a search box; the unfinished last word gives a prefix of its key."""
    keys = _keys(text)
    if keys and not _finished(text):
        keys[-1] = _stable_prefix(text)
    return [key for key in keys if key]


def _keys(name: str) -> list[str]:
    name = _X_AS_KH_RE.sub("kh", unicodedata.normalize("NFKC", name).lower())
    return [_phonetic(word) for word in fold(name).split()]


def _phonetic(word: str) -> str:
    for pattern, replacement in _PHONETIC:
        word = pattern.sub(replacement, word)
    return word


def _finished(text: str) -> bool:
    last = text.rstrip("\u00ad\u200b\u200c\u200d\u2060\ufeff")[-1:]
    if not last:
        return True
    category = unicodedata.category(last)
    return not (category[0] in "LMN" or last in "'’‘`ʼʻ´′")


def _stable_prefix(text: str) -> str:
    prefix = _keys(text)[-1]
    for more in _NEXT:
        keys = _keys(text + more)
        other = keys[-1] if keys else ""
        n = 0
        while n < len(prefix) and n < len(other) and prefix[n] == other[n]:
            n += 1
        prefix = prefix[:n]
        if not prefix:
            break
    return prefix
