"""tokens(): the same word in different forms and scripts gives the same token."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.text import tokens

AKIMAT = tokens("әкімдік", "kk")[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Алматы қаласы әкімдігінің", None),
        ("Алматы қаласы әкімдігінің", "kk"),
        ("Almaty qalasy äkımdıgınıñ", None),
        ("Almaty qalasy äkımdıgınıñ", "kk"),
        ("Almaty qalasy ákimdiginiń", "kk"),
        ("Almaty qalasy a'kimdigini'n'", "kk"),
        ("Almaty qalasy akimdiginin", "kk"),
        ("الماتى قالاسى اكىمدىگىنىڭ", None),
    ],
)
def test_one_phrase_in_every_script_gives_the_same_tokens(text, language):
    assert tokens(text, language) == tokens("Алматы қаласы әкімдігі", "kk")


def test_word_forms_share_the_token_of_their_stem():
    assert tokens("әкімдігі", "kk") == [AKIMAT]
    for form in ("әкімдікке", "әкімдіктің", "әкімдіктері", "әкімдігінде"):
        assert tokens(form) == [AKIMAT]


def test_russian_forms_share_one_token():
    assert tokens("акиматом", "ru") == tokens("акимата", "ru") == tokens("акимат", "ru") == ["akimat"]
    assert tokens("акиматом акимата акимат") == ["akimat"] * 3


def test_each_word_is_stemmed_by_its_language():
    # a Kazakh letter makes a word Kazakh even in a Russian text; other Cyrillic is Russian unless told
    assert tokens("Глава области посетил Алматы облысының әкімдігін", "ru") == [
        "glav",
        "oblast",
        "poset",
        "almat",
        "obl",
        AKIMAT,
    ]
    assert tokens("Алматы", "kk") == tokens("Алматының", "kk")
    assert tokens("городе", None) == tokens("город", None)  # not the Kazakh locative -де


def test_latin_words_in_a_kazakh_cyrillic_text_stay_latin():
    assert tokens("Kaspi Bank Алматыда жаңа бөлімше ашты", "kk")[:2] == ["kaspi", "bank"]


def test_a_kazakh_latin_query_is_read_as_kazakh_when_the_caller_says_so():
    assert tokens("Almaty", "kk") == tokens("Алматы", "kk")
    assert tokens("Almaty", "en") == ["almati"]


def test_hyphenated_words_split_and_lone_endings_after_a_hyphen_go():
    assert tokens("Нұр-Сұлтан", "kk") == ["nur", "sultan"]
    assert tokens("ҚР-ның АҚШ-тың 5-ші 2024-жылы", "kk") == ["kr", "aksh", "5", "2024", "jil"]
    assert tokens("пресс-служба", "ru") == ["press", "slujb"]


def test_english_text_gets_light_stems():
    assert tokens("Journalists asked the akimat", "en") == ["journalist", "ask", "the", "akimat"]


def test_tokens_keep_word_order_and_duplicates_for_phrase_search():
    assert tokens("Қала және қала", "kk") == ["kala", "jane", "kala"]


@given(st.text(), st.sampled_from([None, "kk", "ru", "en"]))
def test_tokens_are_never_empty_and_are_ascii_words(text, language):
    for token in tokens(text, language):
        assert re.fullmatch("[a-z0-9]+", token)


@given(st.text(alphabet="абвгдежзийклмнопрстуфхцчшыэюяәғқңөұүһі ", max_size=60))
def test_a_words_tokens_do_not_depend_on_its_neighbours(text):
    together = tokens(text, "kk")
    one_by_one = [token for word in text.split() for token in tokens(word, "kk")]
    assert together == one_by_one
