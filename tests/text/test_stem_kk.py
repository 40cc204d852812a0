"""stem_kk(): every form of a Kazakh word to one stem, different words to different stems."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.text import stem_kk
from tests.text.declension import forms

FAMILIES = [
    "әкімдік әкімдігі әкімдігінің әкімдікке әкімдіктің әкімдіктері әкімдігін әкімдігінде әкімдіктерінің",
    "қала қаласы қаласының қалада қаладан қалаға қаланы қалалар қаламыз қаласындағы қаладағы қалалық",
    "көлік көліктің көліктер көлігі көлікке көлігін",
    "Алматы Алматының Алматыда Алматыға Алматыдан Алматыны Алматылық Алматыдағы",
    "Қазақстан Қазақстанның Қазақстанда Қазақстаннан Қазақстанға Қазақстаны",
    "Республика Республикасы Республикасының Республикада",
    "мемлекет мемлекеттің мемлекеттер мемлекеттік мемлекетіміз",
    "облыс облысы облысының облыстың облыстық облысында облыстар",
    "аудан ауданы ауданның аудандық ауданында",
    "ел елі елдің елдер еліміз елімізде елдегі",
    "халық халқы халқымыз халықтың",
    "жыл жылы жылдың жылғы жылдары",
    "заң заңы заңның заңға заңын",
    "журналист журналистер журналисі журналистің журналиске",
    "шешім шешімі шешімін шешімдер",
    "мектеп мектебі мектепке мектептер",
    "үй үйі үйде үйлер",
    "министрлік министрлігі министрлікке",
]


@pytest.mark.parametrize("family", FAMILIES, ids=[f.split()[0] for f in FAMILIES])
def test_a_word_family_reduces_to_one_stem(family):
    stems = {word: stem_kk(word) for word in family.split()}
    assert len(set(stems.values())) == 1, stems


NEWS_NOUNS = (
    "әкім қала көлік Алматы облыс аудан жұмыс мемлекет қызмет президент министр ел жыл үкімет "
    "мектеп кітап бағдарлама мәселе заң жол адам бала тіл Астана Шымкент Қазақстан Ресей үй су тау "
    "Тоқаев оқушы басшы кеңес бюджет қаржы білім шешім келісім өнім орталық әкімдік депутат сот "
    "полиция ауыл өңір тілші жоба сала әйел мәжіліс парламент сайлау ұйым кәсіпорын мекеме дәрігер "
    "қызметкер тұрғын зейнетақы жер ақпарат хабарлама баспасөз мереке компания құрылыс табыс "
    "өндіріс күрес үлес сан қоғам ғимарат мұғалім спорт теңіз көше аймақ мұнай бағыт жоспар нәтиже "
    "кәсіпкер несие банк теңге баға сауда"
).split()


@pytest.mark.parametrize("noun", NEWS_NOUNS)
def test_every_declined_form_of_a_news_noun_has_its_stem(noun):
    stem = stem_kk(noun)
    wrong = {form: stem_kk(form) for form in forms(noun) if stem_kk(form) != stem}
    assert not wrong, (stem, wrong)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Алматы", "алма"),  # the city and the apple
        ("алтын", "алты"),  # gold and six
        ("тілші", "тіл"),  # a correspondent and a language
        ("басшы", "бас"),  # a head of office and a head
        ("жұмысшы", "жұмыс"),
        ("шешім", "шеш"),  # a decision and "untie"
        ("білім", "біл"),
        ("келісім", "келіс"),
        ("аудан", "ауа"),
        ("қауіпсіз", "қауіп"),  # safe and danger
        ("ойын", "ой"),  # game and thought
        ("журналист", "журнал"),
        ("Астана", "Аста"),
    ],
)
def test_different_words_do_not_collide(a, b):
    assert stem_kk(a) != stem_kk(b)


@pytest.mark.parametrize(
    ("word", "stem"), [("әкім", "әкім"), ("қала", "қала"), ("жол", "жол"), ("ел", "ел"), ("үй", "үй")]
)
def test_short_roots_survive(word, stem):
    assert stem_kk(word) == stem
    assert stem_kk(word.upper()) == stem


@pytest.mark.parametrize(
    ("body", "head"), [("әкімдігі", "әкімі"), ("министрлігінің", "министрінің"), ("басшылығы", "басшысы")]
)
def test_a_body_named_after_its_head_does_not_meet_the_head(body, head):
    # the akimat is not the akim: a watch on the person must not find the body, nor the reverse
    assert stem_kk(body) != stem_kk(head)
    assert stem_kk("әкімдігінде") == stem_kk("әкімдік") == "әкімдік"
    assert stem_kk("әкімінің") == stem_kk("әкім") == "әкім"


def test_informal_cyrillic_spelling_takes_the_same_steps():
    assert stem_kk("акимдигинин") == "акимдик"  # Kazakh typed on a Russian keyboard
    assert stem_kk("Казакстаннын") == stem_kk("Казакстан")


def test_non_kazakh_words_come_back_lowercase():
    assert stem_kk("Almaty") == "almaty"
    assert stem_kk("2024") == "2024"
    assert stem_kk("") == ""


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", max_size=15))
def test_a_stem_is_the_start_of_the_word_but_for_its_last_two_letters(word):
    stem = stem_kk(word)
    assert bool(stem) == bool(word)
    # Only the end of what is left may change: devoicing (әкімдіг → әкімдік), a dropped vowel (халқ → халық).
    common = 0
    while common < min(len(stem), len(word)) and stem[common] == word[common]:
        common += 1
    assert common >= min(len(stem), len(word)) - 2


@given(st.text())
def test_stem_kk_never_raises(word):
    assert isinstance(stem_kk(word), str)
