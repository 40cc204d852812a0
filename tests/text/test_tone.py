"""tone(): positive, neutral or negative from our kk, ru and en lexicons, with negation, and the words behind it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressdesk.text import tokens
from pressdesk.text.tone import (
    LEXICON_DIR,
    LEXICON_LANGUAGES,
    Lexicon,
    LexiconError,
    default_lexicon,
    russian_case_forms,
    tone,
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Kazakh
        ("Алматыда жаңа мектеп ашылды", "positive"),
        ("Медеу ауданында жаңа саябақ салынған, көшелер абаттандырылды", "positive"),
        ("Жол апаты: екі адам қаза тапты", "negative"),
        ("Тұрғындар ауаның ластануына шағымданды", "negative"),
        ("Әкімдікте жиналыс өтті", "neutral"),
        ("Almaty qalasynda jaña mektep aşyldy", "positive"),  # Latin 2021
        ("Almatyda jol apaty: ekı adam zardap şektı", "negative"),
        # Russian
        ("В Алматы открылась новая школа", "positive"),
        ("Жители жалуются на пробки и загрязнение воздуха", "negative"),
        ("ДТП в Алматы: пострадали двое", "negative"),
        ("Аким Алматы провел встречу с жителями", "neutral"),
        ("Сотрудников акимата наградили за успешную работу", "positive"),
        # English
        ("A new school opened in Almaty", "positive"),
        ("Two people injured in a crash in Almaty", "negative"),
        ("The akim met residents on Tuesday", "neutral"),
    ],
)
def test_news_items_get_their_tone(text, label):
    assert tone(text).label == label, tone(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Көше әлі күнге дейін жөнделмеді", "negative"),  # verb negation -ме
        ("Мектеп уақытында ашылмады", "negative"),  # -ма
        ("Жағдай жақсы емес", "negative"),  # емес after the word
        ("Қалада ешқандай қауіп жоқ", "positive"),  # жоқ after a negative word
        ("Дорогу так и не отремонтировали", "negative"),
        ("Проверка прошла без нарушений", "positive"),
        ("Проблем нет", "positive"),  # нет after, and the zero-ending genitive plural
        ("Нет никаких жалоб", "positive"),
        ("The road was not repaired", "negative"),
    ],
)
def test_negation_turns_a_words_pull_around(text, label):
    assert tone(text).label == label, tone(text)


def test_a_negated_negative_word_is_good_news_but_weaker_than_praise():
    praise = tone("Проверка прошла успешно", "ru")
    no_violations = tone("Проверка прошла без нарушений", "ru")
    assert 0 < no_violations.score < praise.score
    assert [(e.weight, e.negated) for e in no_violations.evidence] == [(0.75, True)]


def test_an_intensifier_makes_a_word_pull_harder():
    plain, strong = tone("Жол нашар", "kk"), tone("Жол өте нашар", "kk")
    assert strong.score < plain.score < 0
    assert strong.evidence[0].weight == 1.5 * plain.evidence[0].weight


def test_evidence_names_the_words_in_text_order():
    found = tone("Жители жалуются на пробки, а после ремонта дороги стали лучше", "ru")
    complaint = " ".join(tokens("жалуются на", "ru"))
    assert [e.word for e in found.evidence] == [complaint, *tokens("пробки", "ru"), *tokens("ремонта", "ru"), "luchsh"]
    assert all(e.weight < 0 for e in found.evidence[:2]) and all(e.weight > 0 for e in found.evidence[2:])


def test_a_phrase_counts_once_and_before_its_words():
    found = tone("Открыли уголовное дело", "ru")
    assert [e.word for e in found.evidence] == ["otkr", "ugolovn del"]
    assert found.label == "negative"


def test_a_passing_negative_word_does_not_make_a_long_article_negative():
    filler = "Аким встретился с жителями района и обсудил планы на следующий год. " * 30
    assert tone(filler + "Одна жалоба поступила.", "ru").label == "neutral"
    assert tone("Одна жалоба поступила.", "ru").label == "negative"


def test_the_analysts_corrections_change_the_lexicon_for_that_copy_only():
    text = "Үйдегі лифт тағы тоқтады"
    base = default_lexicon()
    assert tone(text, "kk").label == "negative"
    assert tone(text, "kk", base.with_weights("kk", {"тоқта-": 0})).label == "neutral"
    learned = base.with_stems("kk", {tokens("лифт", "kk")[0]: 3})
    assert tone(text, "kk", learned).label == "positive"
    assert tone(text, "kk").label == "negative"  # the shipped lexicon is unchanged
    assert base.with_weights("ru", {"пробка": 0}).words_for("ru").words.get("probk") is None
    with pytest.raises(LexiconError):
        base.with_weights("de", {"Stau": -1})


def test_russian_case_forms_cover_what_snowball_stems_apart():
    assert "проблем" in russian_case_forms("проблема")
    assert "пробок" in russian_case_forms("пробка")
    assert "Сапаровым".lower() in russian_case_forms("Сапаров")
    assert "убытка" in russian_case_forms("убыток")
    assert russian_case_forms("Алматы") == []


@pytest.mark.parametrize("language", LEXICON_LANGUAGES)
def test_every_lexicon_word_is_one_stem_or_a_short_phrase_and_pulls_one_way(language):
    lexicon = default_lexicon().words_for(language)
    assert len(lexicon.words) + len(lexicon.roots) >= (100 if language == "en" else 200)
    signs: dict[str, float] = {}
    section = None
    for raw in (LEXICON_DIR / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            section = line
        elif line and section in ("[positive]", "[negative]"):
            written = re.sub(r" [\d.]+$", "", line)
            if written.endswith("-"):
                continue
            stems = tokens(written, language)
            assert 1 <= len(stems) <= 3, written
            key = " ".join(stems)
            sign = 1 if section == "[positive]" else -1
            assert signs.setdefault(key, sign) == sign, f"{written} is both positive and negative"
            if len(stems) == 1:
                assert len(stems[0]) >= 3, f"{written}: the stem {stems[0]} is too short to be safe"


def test_no_lexicon_stem_is_also_a_negator_or_an_intensifier():
    for language in LEXICON_LANGUAGES:
        words = default_lexicon().words_for(language)
        assert not set(words.words) & (words.before | words.after | set(words.intensifiers)), language


def test_a_broken_lexicon_file_names_its_line(tmp_path):
    for language in LEXICON_LANGUAGES:
        (tmp_path / f"{language}.txt").write_text("[positive]\nжақсы\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("[positive]\nхорошо\n[nice words]\nотлично\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="ru.txt, line 3"):
        Lexicon.load(tmp_path)


@given(st.text(), st.sampled_from([None, "kk", "ru", "en", "other"]))
def test_tone_always_answers_a_label_and_a_score_between_minus_one_and_one(text, language):
    found = tone(text, language)
    assert found.label in ("positive", "neutral", "negative")
    assert -1 < found.score < 1


@pytest.mark.parametrize(
    ("text", "language", "label"),
    [
        ("Public transport fares will rise from January", "en", "negative"),
        ("Fares will be cut from January", "en", "positive"),
        ("Министерство предложило повысить цены на билеты", "ru", "negative"),
        ("Цены на проезд снизили", "ru", "positive"),
        ("Әкімдік қоқыс шығару тарифін көтерді", "kk", "negative"),
        ("Управление сообщило о сокращении двухсменного обучения", "ru", "positive"),
    ],
)
def test_a_cost_pulls_by_where_it_goes_and_a_fall_turns_a_bad_thing_around(text, language, label):
    assert tone(text, language).label == label


def test_the_repair_as_a_topic_is_neutral_and_the_repair_done_is_good():
    assert tone("Әкім жол жөндеу жұмыстарын тексерді", "kk").label == "neutral"
    assert tone("Көше жөнделді", "kk").label == "positive"
