"""name_keys(): spellings of one name meet; query_keys(): what is being typed finds it."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pressdesk.text import name_keys, query_keys

FAMILIES = [
    "Айгерім Айгерим Aigerim Aygerim Aıgerim",
    "Жанна Zhanna Janna Žanna",
    "Ерлан Yerlan Erlan",
    "Шолпан Sholpan Şolpan S'olpan",
    "Қайрат Kairat Qairat Qayrat Кайрат",
    "Ғалым Galym Ğalym Ghalym Ǵalym",
    "Дәурен Dauren Däuren Dawren Dáýren",
    "Әсел Asel Äsel Assel Асель",
    "Нұрсұлтан Nursultan Nūrsūltan Нурсултан",
    "Ахмет Akhmet Ahmet Axmet",
    "Хабиба Khabiba Habiba",
    "Юлия Yulia Yuliya Iuliia",
    "Яна Yana Iana",
    "Цой Tsoy Tsoi Coi",
    "Щербаков Shcherbakov Sherbakov",
    "Сейітқали Seitkali Seytkali Seiitqali Seiıtqali",
    "Фёдор Федор Fyodor Fedor",
    "Алексеев Alekseyev Alekseev",
    "Дмитрий Dmitriy Dmitry Dmitrii",
    "Тоқаев Токаев Tokayev Toqaev",
    "Максим Maxim Maksim",
    "Дарья Dariya Daria Darya",
    "Джамиля Dzhamilya Djamilya Jamilya",
    "الماتى Алматы Almaty",
]


@pytest.mark.parametrize("family", FAMILIES, ids=[f.split()[0] for f in FAMILIES])
def test_every_spelling_of_a_name_has_one_key(family):
    keys = {tuple(name_keys(spelling)) for spelling in family.split()}
    assert len(keys) == 1, keys
    assert len(next(iter(keys))) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Айгерім", "Айгүл"),
        ("Асель", "Асет"),
        ("Ерлан", "Ермек"),
        ("Дәурен", "Дархан"),
        ("Яна", "Юна"),
        ("Шолпан", "Сұлтан"),
        ("Ахмет", "Аскет"),
        ("Цой", "Той"),
    ],
)
def test_different_names_keep_different_keys(a, b):
    assert name_keys(a) != name_keys(b)


def test_one_key_per_word_in_order():
    assert name_keys("Нұрланова Айгерім Серікқызы") == ["nurlanova", "aigerim", "serikizi"]  # ққ written once
    assert name_keys("Aigerim NURLANOVA") == ["aigerim", "nurlanova"]
    assert name_keys("«Егемен Қазақстан» газеті") == ["egemen", "kazakstan", "gazeti"]
    assert name_keys("Анна-Мария O'Brien") == ["ana", "maria", "obrien"]
    assert name_keys(" - , ") == []


def test_keys_are_ascii_words():
    for family in FAMILIES:
        for spelling in family.split():
            assert all(re.fullmatch("[a-z0-9]+", key) for key in name_keys(spelling))


def test_a_partial_word_gives_a_prefix_of_the_full_key():
    assert query_keys("Айгер") == ["aiger"]
    assert "aigerim".startswith(query_keys("Aiger")[0])
    assert "ahmet".startswith(query_keys("Ak")[0])  # Ak may go on as Akh
    assert query_keys("Ak") == ["a"]
    assert query_keys("Yer") == ["er"]
    assert query_keys("T") == []  # T may become Ts: nothing certain yet


def test_a_query_that_ends_with_a_space_has_no_partial_word():
    assert query_keys("Ak ") == ["ak"]
    assert query_keys("Нұрланова Айг") == ["nurlanova", "aig"]
    assert query_keys("Нұрланова, ") == ["nurlanova"]


# Cyrillic, every Kazakh Latin letter, the letters whose sound depends on the next one, apostrophes.
NAME_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіabcdefghijklmnopqrstuvwxyzäğıñöşūüçáǵńóúýśćíİIž'’`"
REAL_NAMES = [s for family in FAMILIES for s in family.split()]


def _compatible(partial: list[str], full: list[str]) -> bool:
    """The keys of a cut text are the full text's, the last one possibly a prefix."""
    if not partial:
        return True
    n = len(partial)
    return n <= len(full) and partial[:-1] == full[: n - 1] and full[n - 1].startswith(partial[-1])


@given(st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=14), st.data())
@example("Akhmet", None)
@example("Tsoy", None)
@example("Yerlan", None)
@example("S'olpan", None)
@example("Shcherbakov", None)
def test_any_cut_of_any_word_gives_a_prefix_of_its_key(name, data):
    cut = data.draw(st.integers(1, len(name))) if data else len(name) - 2
    partial, full = query_keys(name[:cut]), name_keys(name)
    assert _compatible(partial, full), (name[:cut], partial, full)


@given(st.lists(st.sampled_from(REAL_NAMES), min_size=1, max_size=3), st.data())
def test_any_cut_of_a_real_full_name_gives_a_prefix_of_its_keys(words, data):
    name = " ".join(words)
    cut = data.draw(st.integers(1, len(name)))
    assert _compatible(query_keys(name[:cut]), name_keys(name))


@given(st.text())
def test_name_functions_never_raise_and_give_ascii_keys(text):
    for key in [*name_keys(text), *query_keys(text)]:
        assert re.fullmatch("[a-z0-9]+", key)
