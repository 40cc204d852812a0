"""The kk/ru text analyzer: Kazakh in every script to one form, keys for matching, stems, tokens.

A pure library (no Django): the directory's name search uses it, media monitoring
does (watch terms across scripts and word forms, search over clippings).

* ``to_cyrillic`` / ``looks_kazakh_latin`` — Kazakh in the 2017, 2018, 2021 or informal
  Latin alphabets or in Arabic script, to Kazakh Cyrillic (``scripts``, ``latin``, ``arabic``).
* ``fold`` — one lowercase ASCII key alphabet for all of them and Russian (``fold``).
* ``name_keys`` / ``query_keys`` — spelling-independent keys for names, and for what is
  typed in a search box (``names``).
* ``stem_kk`` — our own Kazakh suffix stripper; ``stem_ru`` — Snowball Russian
  (``stem_kk``, ``snowball``).
* ``tokens`` — search and matching tokens for free text (``tokens``).
* ``detect_language`` — kk, ru, en or other, offline (``language``).
* ``pressdesk.text.tone`` — positive, neutral or negative from our own kk/ru/en lexicons
  over stems, with negation (not re-exported: the name would hide the module).

Every module's docstring states its rules and the collisions it accepts.
"""

from pressdesk.text.fold import fold
from pressdesk.text.language import detect as detect_language
from pressdesk.text.names import name_keys, query_keys
from pressdesk.text.scripts import has_kazakh_letters, looks_kazakh_latin, to_cyrillic
from pressdesk.text.snowball import stem_en, stem_ru
from pressdesk.text.stem_kk import stem_kk
from pressdesk.text.tokens import tokens

__all__ = [
    "detect_language",
    "fold",
    "has_kazakh_letters",
    "looks_kazakh_latin",
    "name_keys",
    "query_keys",
    "stem_en",
    "stem_kk",
    "stem_ru",
    "to_cyrillic",
    "tokens",
]
