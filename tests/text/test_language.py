"""detect(): Kazakh in every script, Russian, English and the rest, from real-looking news text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.text.language import LANGUAGES, detect


@pytest.mark.parametrize(
    "text",
    [
        "Алматы қаласының әкімдігі Медеу ауданында жаңа мектеп ашты. Мектепте 1200 оқушы білім алады.",
        "Әкім тұрғындармен кездесіп, көшелерді жөндеу жұмыстары туралы айтты.",
        "Алматыда жаңа мектеп ашылды",
        "Жол апаты: екі адам зардап шекті",
        # Kazakh typed without its letters, as on social media
        "Алматы каласынын акимдиги жане тургындар бойынша кездесу отти",
        # Latin: the 2021, 2018 and informal alphabets
        "Almaty qalasynyñ äkımdıgı Medeu audanynda jaña mektep aşty",
        "Almaty qalasynyń ákimdigi jańa mektep ashty",
        "Almaty qalasynyng akimdigi zhana mektep ashty zhane turgyndarmen kezdesti",
        # informal Latin with no letter of its own and no frequent word: endings and the y of ы
        "Almaty kalasynyn akimdigi turgyndardyn shagymdaryn karaidy.",
        "Shymkent akimi Almatyga keldi.",
        "Almaty akimdigi esep berdi",
        "Aua raiy Almatyda suytady.",
        # Arabic script, as in Xinjiang
        "الماتى قالاسىنىڭ اكىمدىگى جاڭا مەكتەپ اشتى",
    ],
)
def test_kazakh_in_every_script_is_kazakh(text):
    assert detect(text) == "kk"


@pytest.mark.parametrize(
    "text",
    [
        "Аким Алматы провел встречу с жителями Медеуского района и ответил на вопросы о ремонте дорог.",
        "ДТП в Алматы: пострадали двое",
        "Тоқаев посетил Алматы",
        "Президент Қасым-Жомарт Тоқаев подписал указ о назначении нового акима Алматы",
        "В акимате Алматы сообщили, что работы завершат до конца года",
        "Жители жалуются на пробки",
    ],
)
def test_russian_is_russian_even_with_a_kazakh_name_in_it(text):
    assert detect(text) == "ru"


@pytest.mark.parametrize(
    "text",
    [
        "The akim of Almaty met residents of Medeu district on Tuesday.",
        "Almaty city akimat opens new school",
        "Air pollution in Almaty reached a record level this winter",
        # English with Kazakh names and the few English words that spell y between consonants
        "Taraz akim Nurlan Saparov met residents.",
        "Typical symptoms include a mild fever and dry cough, doctors said.",
        "Kazakhstan signs large trade agreement with Kyrgyzstan.",
        "Shymkent city hall approves budget",
        "Analysts say mortgage rates may rise",
    ],
)
def test_english_is_english(text):
    assert detect(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12 345 — 2024!",
        "Türkiye Cumhurbaşkanı Erdoğan bugün Ankara'da açıklama yaptı ve bir konuşma yaptı",
        "Der Bürgermeister von Almaty sagte, dass die neue Schule offen ist",
        "Київ є столицею України, і там живуть мільйони людей",
        "مرحبا بالعالم وهذا نص عربي",
    ],
)
def test_empty_text_and_other_languages_are_other(text):
    assert detect(text) == "other"


def test_a_mixed_text_is_the_language_most_of_it_is_in():
    assert detect("Kaspi Bank Алматыда жаңа бөлімше ашты") == "kk"
    assert detect("Компания Kaspi Bank открыла новое отделение в Алматы") == "ru"
    assert (
        detect("Алматы қаласының әкімдігі — The akimat of Almaty city said on Monday that the new park is open") == "en"
    )


def test_short_titles_without_kazakh_letters_are_russian_unless_kazakh_words_say_otherwise():
    assert detect("Алматы") == "ru"
    assert detect("Мектеп жөндеуден кейін ашылды") == "kk"
    assert detect("Бала бакша жане мектеп") == "kk"  # және typed without ә


@given(st.text())
def test_detect_always_answers_one_of_four(text):
    assert detect(text) in LANGUAGES
