"""Snowball stemmers from PyStemmer: ``stem_ru()`` for Russian, ``stem_en()`` for English.

PyStemmer's stemmer objects are not safe to share between threads, so each thread
builds its own, once. Words are lowercased first (Snowball leaves capitals alone)
and, for Russian, ё is written е, as most Russian text is typed.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

_local = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


@lru_cache(maxsize=65_536)
def stem_ru(word: str) -> str:
    """Snowball Russian stem: ``акиматом``, ``акимата``, ``акимат`` → ``акимат``."""
    return _stemmer("russian").stemWord(word.lower().replace("ё", "е"))


@lru_cache(maxsize=65_536)
def stem_en(word: str) -> str:
    """Snowball English (Porter 2) stem: ``journalists`` → ``journalist``."""
    return _stemmer("english").stemWord(word.lower())
