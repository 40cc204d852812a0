"""The article out of a page, and a summary of it."""

from __future__ import annotations

import datetime

import pytest

from pressdesk.monitoring.extraction import ExtractionError, extract, parse_moment, plain_text
from pressdesk.monitoring.summary import sentences, summarize
from tests.monitoring.web import Story, page

ALMATY = datetime.timezone(datetime.timedelta(hours=5))
PARAGRAPHS = [
    "Алматы қаласының әкімі бүгін Әуезов ауданының тұрғындарымен кездесті. Кездесуде жол жөндеу, қоғамдық "
    "көлік және ауа сапасы мәселелері талқыланды.",
    "Әкімнің айтуынша, биыл қалада 120 көше жөнделеді. Тұрғындар қыс мезгілінде ауаның ластануына шағымданды.",
    "Келесі кездесу Медеу ауданында өтеді. Оның уақыты қала әкімдігінің ресми сайтында жарияланады.",
]
STORY = Story(
    "/kk/news/2025/01/11/akim",
    "Әкім Әуезов ауданының тұрғындарымен кездесті",
    PARAGRAPHS,
    datetime.datetime(2025, 1, 11, 15, 0, tzinfo=ALMATY),
    author="Айгүл Сапарова",
    language="kk",
)


def test_it_reads_the_article_without_the_page_around_it():
    article = extract(page(STORY), url="https://qala24.demo" + STORY.path)
    assert article.title == STORY.title
    assert article.text == "\n".join(PARAGRAPHS)
    assert "Барлық құқықтар" not in article.text and "Басқа жаңалық" not in article.text
    assert article.author == "Айгүл Сапарова"
    assert article.published_at == STORY.published
    assert article.language == "kk"


def test_a_short_article_is_read_again_in_full_mode():
    short = Story("/a", "Қысқа хабар", ["Әкімдік жаңа саябақ ашты."], STORY.published)
    article = extract(page(short))
    assert article.text == "Әкімдік жаңа саябақ ашты."


def test_a_page_without_an_article_is_refused():
    with pytest.raises(ExtractionError, match="No article"):
        extract("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ExtractionError):
        extract("")


def test_an_html_bomb_is_refused_before_parsing():
    bomb = "<html><body>" + "<div>" * 60_000 + "x" + "</div>" * 60_000 + "</body></html>"
    with pytest.raises(ExtractionError, match="elements"):
        extract(bomb)


def test_deep_nesting_under_the_limit_does_not_hang_or_crash():
    deep = (
        "<html><body>" + "<div>" * 20_000 + "<p>Алматыда жаңа саябақ ашылды.</p>" + "</div>" * 20_000 + "</body></html>"
    )
    try:
        extract(deep)
    except ExtractionError:
        pass  # libxml2 stops at its depth limit: no text is a fine answer, a crash is not


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-10T09:30:00+0500", datetime.datetime(2025, 1, 10, 9, 30, tzinfo=ALMATY)),
        ("2025-01-10T04:30:00Z", datetime.datetime(2025, 1, 10, 9, 30, tzinfo=ALMATY)),
        ("2025-01-10T09:30:00", datetime.datetime(2025, 1, 10, 9, 30, tzinfo=ALMATY)),
        ("2025-01-10", datetime.datetime(2025, 1, 10, 12, 0, tzinfo=ALMATY)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_moments_are_read_in_almaty_time_when_they_name_no_zone(value, expected):
    assert parse_moment(value) == expected


def test_plain_text_keeps_paragraphs_and_drops_scripts():
    fragment = "<p>Бірінші &amp; абзац</p><script>alert(1)</script><style>p{}</style><p>Екінші<br>жол</p>"
    assert plain_text(fragment) == "Бірінші & абзац\nЕкінші\nжол"
    assert plain_text("no &lt;tags&gt; here") == "no <tags> here"


def test_sentences_end_where_sentences_end():
    text = (
        "В 2024 г. аким Е. Сапаров открыл школу на ул. Абая. Её построили за 2 млрд. тенге! "
        "Что дальше? «Новые школы», — сказал он.\nСписок: первое"
    )
    assert sentences(text) == [
        "В 2024 г. аким Е. Сапаров открыл школу на ул. Абая.",
        "Её построили за 2 млрд. тенге!",
        "Что дальше?",
        "«Новые школы», — сказал он.",
        "Список: первое",
    ]
    assert sentences("2024 ж. қала әкімі Е. Сапаров келді. Т.б. мәселелер қаралды.") == [
        "2024 ж. қала әкімі Е. Сапаров келді.",
        "Т.б. мәселелер қаралды.",
    ]


def test_the_summary_is_two_or_three_sentences_of_the_text_in_their_order():
    text = "\n".join(PARAGRAPHS)
    summary = summarize(text, "kk", title=STORY.title)
    chosen = sentences(summary)
    assert 2 <= len(chosen) <= 3
    assert all(sentence in text for sentence in chosen)
    assert chosen[0] == sentences(text)[0]  # the lead
    positions = [text.index(sentence) for sentence in chosen]
    assert positions == sorted(positions)


def test_the_summary_prefers_the_sentences_about_what_the_text_is_about():
    text = (
        "Погода сегодня ясная и тёплая, без осадков. "
        "Акимат Алматы запустил новые электробусы на одиннадцати маршрутах города. "
        "Электробусы работают на маршрутах с шести утра до полуночи. "
        "Новые электробусы оборудованы пандусами и бесплатным интернетом. "
        "В выходные в парке пройдёт ярмарка мёда и сыра. "
        "Стоимость проезда в электробусах не изменится. "
        "Футбольный клуб сыграет в субботу дома. "
        "Всего до конца года на маршруты выйдут двести электробусов."
    )
    summary = summarize(text, "ru", title="Новые электробусы вышли на маршруты")
    assert "электробус" in summary
    assert "ярмарка" not in summary and "Футбольный" not in summary


def test_a_short_text_is_its_own_summary_and_no_text_has_none():
    assert summarize("Одно предложение.", "ru") == "Одно предложение."
    assert summarize("", "ru") == ""
