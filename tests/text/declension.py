"""A small Kazakh noun decliner for the tests, written from the textbook rules, not from the stemmer.

It builds the forms a news text uses: plural, the cases, the 3rd person and
1st person plural possessive, and their combinations. Its rules are the
standard ones (vowel harmony, the consonant at the end of the word choosing
д/т/н, voicing of к қ п before a vowel); it knows nothing of how the stemmer
works, so a stemmer that misses a form fails the test.
"""

from __future__ import annotations

BACK_VOWELS = "аоұы"
FRONT_VOWELS = "әеөүі"
VOICELESS = "кқпстфхцчшщбвгд"


def _front(word: str) -> bool:
    for ch in reversed(word.lower()):
        if ch in BACK_VOWELS:
            return False
        if ch in FRONT_VOWELS:
            return True
    return "и" in word or "е" in word


def _end(word: str) -> str:
    """vowel, liquid (ж з л р й у), nasal (м н ң) or voiceless."""
    last = word[-1].lower()
    if last in "аәеоөұүыіиэюя":
        return "vowel"
    if last in "мнң":
        return "nasal"
    if last in VOICELESS:
        return "voiceless"
    return "liquid"


def _h(front: bool, back: str, front_form: str) -> str:
    return front_form if front else back


def _voice(word: str) -> str:
    """The stem before a vowel-initial ending: к қ п become г ғ б after a vowel (банк keeps: банкі)."""
    if len(word) > 3 and word[-1] in "кқп" and word[-2] in BACK_VOWELS + FRONT_VOWELS + "иуэ":
        return word[:-1] + {"к": "г", "қ": "ғ", "п": "б"}[word[-1]]
    return word


def case_forms(word: str) -> list[str]:
    """Genitive, dative, accusative, locative, ablative, instrumental of a bare stem or a plural."""
    f, end = _front(word), _end(word)
    ending = {
        "vowel": ("ның", "ға", "ны", "да", "дан", "мен"),
        "nasal": ("ның", "ға", "ды", "да", "нан", "мен"),
        "liquid": ("дың", "ға", "ды", "да", "дан", "мен"),
        "voiceless": ("тың", "қа", "ты", "та", "тан", "пен"),
    }[end]
    if end == "liquid" and word[-1] in "зж":
        ending = (*ending[:5], "бен")
    out = []
    for e in ending:
        if f:
            e = e.replace("ы", "і").replace("а", "е").replace("ғ", "г").replace("қ", "к")
        out.append(word + e)
    return out


def possessive_3rd(word: str) -> str:
    f = _front(word)
    if _end(word) == "vowel":
        return word + _h(f, "сы", "сі")
    return _voice(word) + _h(f, "ы", "і")


def possessed_case_forms(possessed: str) -> list[str]:
    f = _front(possessed)
    return [
        possessed + e
        for e in (
            _h(f, "ның", "нің"),
            _h(f, "на", "не"),
            "н",
            _h(f, "нда", "нде"),
            _h(f, "нан", "нен"),
            "мен",
            _h(f, "ндағы", "ндегі"),
        )
    ]


def plural(word: str) -> str:
    f, end = _front(word), _end(word)
    if end == "vowel" or word[-1] in "рйу":
        base = "лар"
    elif end == "voiceless":
        base = "тар"
    else:
        base = "дар"
    return word + (base.replace("а", "е") if f else base)


def our(word: str) -> str:
    f = _front(word)
    if _end(word) == "vowel":
        return word + _h(f, "мыз", "міз")
    return _voice(word) + _h(f, "ымыз", "іміз")


def forms(word: str) -> list[str]:
    """Every form of the noun a news text is likely to use."""
    pl = plural(word)
    possessed = possessive_3rd(word)
    their = possessive_3rd(pl)
    return [
        word,
        *case_forms(word),
        pl,
        *case_forms(pl),
        possessed,
        *possessed_case_forms(possessed),
        their,
        *possessed_case_forms(their),
        our(word),
        *case_forms(our(word)),
    ]
