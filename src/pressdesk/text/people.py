"""Who a name in news is: the words beside a person's name that tell a namesake, ``is_role()``, ``may_be_given_name()``.

News names a person with what they are: "Алматы әкімі Ерлан Сапаров", "Боксёр Ерлан
Сапаров", "Almaty artist Erlan Saparov". Monitoring watches officials by name, and
a namesake is told apart by these words:

* **roles** — occupations that are someone else's (a boxer, an artist, a teacher, a
  resident …) in kk, ru and en, in any script: ``is_role(word)``;
* **given names** — a capitalised word right beside a surname is its first name,
  unless it is a title or honorific (Господин, Mr, мырза) or a common word that may
  open a sentence (Вчера, Бүгін, Today): ``may_be_given_name(word, opens_sentence)``.
  A word inside a sentence is a name when it is capitalised; a word opening one
  also when it is none of those words. Abbreviations (ДТП, ҚР) are not names.
"""

from __future__ import annotations

from functools import cache

from pressdesk.text.fold import fold
from pressdesk.text.language import COMMON_WORDS
from pressdesk.text.tokens import tokens

# fmt: off
ROLES = {
    "kk": (
        "боксшы бокшы балуан палуан спортшы чемпион жаттықтырушы бапкер футболшы суретші әнші ақын жазушы "
        "актер актриса режиссер продюсер композитор мүсінші сәулетші ғалым профессор мұғалім ұстаз дәрігер "
        "медбике студент оқушы тұрғын зейнеткер кәсіпкер журналист тілші блогер фермер жүргізуші полицей "
        "сарапшы заңгер адвокат судья меценат волонтер"
    ),
    "ru": (
        "боксер борец спортсмен чемпион тренер футболист хоккеист художник певец певица поэт писатель актер "
        "актриса режиссер продюсер композитор скульптор архитектор ученый профессор учитель учительница врач "
        "медсестра студент студентка школьник школьница житель жительница пенсионер пенсионерка "
        "предприниматель бизнесмен журналист блогер фермер водитель полицейский эксперт юрист адвокат судья "
        "меценат волонтер"
    ),
    "en": (
        "boxer wrestler athlete champion coach footballer artist painter singer poet writer novelist actor "
        "actress producer composer sculptor architect scientist professor teacher doctor nurse student pupil "
        "resident pensioner entrepreneur businessman businesswoman journalist blogger farmer driver expert "
        "lawyer judge volunteer"
    ),
}
# fmt: on
_VOWELS = frozenset("аәеёиоөуұүыіэюя")
_NOT_NAMES = frozenset(
    fold(
        # titles and honorifics
        "господин госпожа мистер мадам мырза ханым mr mrs ms miss dr sir madam "
        # words that open a sentence before a surname: Вчера Сапаров …
        "бүгін кеше ертең биыл былтыр кейін сонымен алайда сондай кейіннен "
        "вчера сегодня завтра позже однако затем тогда теперь впрочем "
        "today yesterday tomorrow later however then meanwhile now"
    ).split()
)


def is_role(word: str) -> bool:
    """Whether ``word`` (as written, any script) names a role in the form that stands before a name.

    That form is the singular, with the name's case in Russian ("художнику Ерлану") and with
    a possessive in Kazakh ("Алматы тұрғыны"): "тұрғындар Ерлан Сапаровқа сұрақ қойды" and
    "residents asked Erlan Saparov" put no role on the person.
    """
    return fold(word) in _folded_role_forms()


@cache
def role_tokens(language: str | None) -> frozenset[str]:
    """Every token a role word gives in a text of ``language``: a cheap first look before the text is read."""
    return frozenset(token for form in _role_forms() for token in tokens(form, language))


@cache
def _role_forms() -> frozenset[str]:
    forms = set(ROLES["en"].split())
    for word in ROLES["kk"].split():
        forms.update((word, word + ("сы" if word[-1] in _VOWELS else "ы")))
    for word in ROLES["ru"].split():
        forms.update(_russian_singular(word))
    return frozenset(forms)


@cache
def _folded_role_forms() -> frozenset[str]:
    return frozenset(map(fold, _role_forms()))


def _russian_singular(word: str) -> list[str]:
    if word.endswith(("ий", "ый")):
        return [word, *(word[:-2] + ending for ending in ("ого", "ому", "ым", "ом"))]
    if word.endswith(("а", "я")):
        return [word, *(word[:-1] + ending for ending in ("ы", "и", "е", "у", "ой", "ей"))]
    if word.endswith("ь"):
        return [word, *(word[:-1] + ending for ending in ("я", "ю", "ем", "е"))]
    return [word, *(word + ending for ending in ("а", "у", "ом", "е"))]


def may_be_given_name(word: str, opens_sentence: bool) -> bool:
    """Whether ``word`` (as written, without punctuation) beside a surname may be a first name."""
    if len(word) < 2 or not word[0].isupper() or word.isupper() or not word.replace("-", "").isalpha():
        return False
    return not opens_sentence or (key := fold(word)) not in _NOT_NAMES and key not in COMMON_WORDS
