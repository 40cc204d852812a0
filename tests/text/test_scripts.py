"""Kazakh in every script to Cyrillic, and telling Latin-script Kazakh from English and Turkish."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.text import fold, looks_kazakh_latin, to_cyrillic
from pressdesk.text.latin import detect_alphabet


@pytest.mark.parametrize(
    ("latin", "alphabet"),
    [
        ("Almaty qalasynyñ äkımdıgı", "2021"),
        ("Almaty qalasynyń ákimdigi", "2018"),
        ("Almaty qalasynyn' a'kimdigi", "2017"),
        ("Almaty qalasynyn’ a’kimdigi", "2017"),
    ],
)
def test_each_official_alphabet_reads_back_to_the_cyrillic(latin, alphabet):
    assert detect_alphabet(latin) == alphabet
    assert to_cyrillic(latin) == "Алматы қаласының әкімдігі"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Memlekettık qyzmet", "Мемлекеттік қызмет"),  # 2021
        ("Memlekettik qyzmet jáne ǵylym", "Мемлекеттік қызмет және ғылым"),  # 2018
        ("Qazaqstan Respýblıkasy", "Қазақстан Республикасы"),  # 2018: ý is у, ı is и
        ("Qazaqstan Respy'bli'kasy", "Қазақстан Республикасы"),  # 2017: y' is у, i' is и
        ("Qazaqstan Respublikasynyñ Prezidentı", "Қазақстан Республикасының Президенті"),  # 2021: i is и
        ("Būryñğy ötken zamanda, bır danyşpan kısı", "Бұрыңғы өткен заманда, бір данышпан кісі"),
        ("söilesıp üiıne syi qalaiyn", "сөйлесіп үйіне сый қалайын"),  # 2021: i after a vowel is й
        ("Qasym-Jomart Toqaev", "Қасым-Жомарт Тоқаев"),
    ],
)
def test_real_phrases_convert_letter_for_letter(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_2021_capital_i_is_dotless_and_2018_capital_i_is_dotted():
    assert to_cyrillic("IÁ") == "ІӘ"  # 2018 (á): I is І
    assert to_cyrillic("Iñ") == "Ің"  # 2021 (ñ): I is the capital of ı, І
    assert to_cyrillic("İñ") == "Иң"


def test_informal_latin_reads_digraphs_and_glides():
    assert to_cyrillic("Zhanna Shynar Khalyq Ghalym") == "Жанна Шынар Халық Ғалым"
    assert to_cyrillic("Aigerim Qairat Aygerim Tsoy Kostanay") == "Айгерім Қайрат Айгерім Тсой Костанай"
    assert to_cyrillic("Yerlan Yana Yulia ayaq") == "Ерлан Яна Юліа аяқ"
    assert to_cyrillic("qalasynyng") == "қаласының"  # ng before the end of a word is ң
    assert to_cyrillic("Dawren Shchuchinsk") == "Даурен Щучінск"


def test_informal_latin_without_kazakh_letters_still_folds_like_the_cyrillic():
    assert fold(to_cyrillic("Almaty qalasynyng akimdigi")) == fold("Алматы қаласының әкімдігі")


def test_a_trailing_apostrophe_closes_a_quotation_when_one_opened_the_word():
    assert to_cyrillic("'Almaty'") == "'Алматы'"
    assert to_cyrillic("Qazaqstannyn' a'kimi") == "Қазақстанның әкімі"


def test_cyrillic_is_returned_unchanged_but_composed():
    text = "Алматы қаласының әкімдігі, 2024 ж. — «Жаңа Қазақстан»!"
    assert to_cyrillic(text) == text
    decomposed = "и\u0306"  # и + combining breve
    assert to_cyrillic(decomposed) == "й"


def test_only_the_latin_and_arabic_runs_of_mixed_text_change():
    assert to_cyrillic("Алматы қаласы – Almaty qalasy, 2024") == "Алматы қаласы – Алматы қаласы, 2024"
    assert to_cyrillic("Қала: الماتى") == "Қала: алматы"


@pytest.mark.parametrize(
    ("arabic", "cyrillic"),
    [
        ("الماتى", "алматы"),
        ("الماتى قالاسىنىڭ اكىمدىگى", "алматы қаласының әкімдігі"),
        ("ءبىر جاعىنان بۇل جاقسى", "бір жағынан бұл жақсы"),  # hamza: front vowels
        ("ەلىمىز ءۇشىن ماڭىزدى", "еліміз үшін маңызды"),
        ("مەملەكەتتىك قىزمەت", "мемлекеттік қызмет"),  # ы next to ق stays back in a word with ە
        ("لاتىن ءالفاۆيتىنىڭ جۇزدەگەن نۇسقاسى", "латын әлфәвитінің жүздеген нұсқасы"),  # ۆ is в
        ("قازاقستان ٢٠٢٤ جىلى، ٴتىل", "қазақстан 2024 жылы, тіл"),  # Arabic digits and comma, U+0674 hamza
        ("جاپونيا مەن ازيا", "жапония мен азия"),
    ],
)
def test_arabic_script_kazakh(arabic, cyrillic):
    assert to_cyrillic(arabic) == cyrillic


def test_arabic_presentation_forms_read_like_the_letters():
    assert to_cyrillic("\ufe8d\ufedf\ufee4\ufe8e\ufe97\ufef0") == "алматы"  # الماتى in isolated/medial forms


@pytest.mark.parametrize(
    "text",
    [
        "Almaty qalasy akimdigi",
        "Qazaqstan Respublikasynyñ Prezidentı Qasym-Jomart Toqaev",
        "Qazaqstan Respýblıkasy Prezıdentiniń Jarlyǵy",
        "Qazaqstan Respy'blikasy Prezi'dentini'n' jarlyg'y",
        "Kazakhstan prezidenti Astanada zhinalys otkizdi",
        "Jäne bul",
        "Memlekettık qyzmet turaly zañ",
    ],
)
def test_latin_kazakh_is_recognised_in_every_alphabet(text):
    assert looks_kazakh_latin(text)


@pytest.mark.parametrize(
    "text",
    [
        "The President of Kazakhstan met the akim of Almaty",
        "Iraq and Qatar signed an agreement",
        "Kazakhstan Signs Large Trade Agreement",
        "Türkiye Cumhurbaşkanı Erdoğan bugün Ankara'da açıklama yaptı",
        "El presidente de España dijo que no",
        "Don't stop: it's the journalists' day",
        "Алматы қаласы әкімдігі",
        "",
    ],
)
def test_english_turkish_spanish_and_cyrillic_are_not_latin_kazakh(text):
    assert not looks_kazakh_latin(text)


@given(st.text())
def test_conversion_and_detection_never_raise(text):
    assert isinstance(to_cyrillic(text), str)
    assert looks_kazakh_latin(text) in (True, False)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі АБВГҒҚҢӨҰҮІ,.-0123456789"))
def test_cyrillic_text_is_never_changed(text):
    assert to_cyrillic(text) == text
