"""The demo corpus as data: which outlet published what, when (days ago, Almaty time), and how it reprinted.

Outlets are the demo directory's (by website). Our press releases are taken from the
demo materials' texts as an outlet takes them: its own first line or a source line,
the list folded into a sentence, a paragraph dropped. A story of ours is reprinted
across outlets and both languages; a negative story about a water main spreads
from a city site to a national agency; the Almaty *region*'s akimat and other
cities' akims appear where the city's must not be seen; Kazakh comes in Latin
letters too, with and without diacritics.
"""

from __future__ import annotations

from dataclasses import dataclass

from pressdesk.monitoring.demo_corpus import stories as s
from pressdesk.publications.demo_texts import PIECES
from pressdesk.publications.rendering import plain_text


@dataclass(frozen=True)
class Article:
    outlet: str  # the outlet's website in the demo directory
    language: str
    days: int  # days before today
    time: str  # "HH:MM" in Almaty
    slug: str
    title: str
    body: str  # paragraphs separated by blank lines
    author: str = ""
    feed: str = ""  # the feed that lists it, when not the outlet's first: a language code, or "sitemap"


def site(name: str) -> str:
    return f"https://{name}.demo/"


def channel(handle: str) -> str:
    return f"https://t.demo/{handle}"


def release(title_start: str, language: str) -> tuple[str, list[str]]:
    """A demo material's title and paragraphs in one language, as its public page reads."""
    for piece in PIECES:
        if language in piece.texts and piece.texts[language][0].startswith(title_start):
            title, summary, body = piece.texts[language]
            paragraphs = [line.strip() for line in plain_text(body).split("\n") if line.strip()]
            return title, paragraphs
    raise LookupError(f"no demo material starts with {title_start!r} in {language}")


def retold(
    base: tuple[str, list[str]] | tuple[str, str],
    *,
    lead: str = "",
    tail: str = "",
    drop: tuple[int, ...] = (),
    title: str = "",
) -> tuple[str, str]:
    """An outlet's version: its own first and last lines, some paragraphs left out, perhaps its own title."""
    base_title, paragraphs = base
    if isinstance(paragraphs, str):
        paragraphs = paragraphs.split("\n\n")
    kept = [p for i, p in enumerate(paragraphs) if i not in drop]
    return title or base_title, "\n\n".join(filter(None, [lead, *kept, tail]))


BUSES = "На городские маршруты вышли 120"
BUSES_KK = "Қала бағыттарына 120"
BUSES_EN = "120 new electric buses"
ABAI_RU = "На участке проспекта Абая"
ABAI_KK = "Абай даңғылының бір бөлігінде"
RINK_RU = "Каток «Медеу»"
RINK_KK = "«Медеу» мұз айдыны"
GAS_RU = "Программа газификации"
GAS_KK = "Газдандыру бағдарламасы"


def _articles() -> list[Article]:
    a: list[Article] = []

    def add(outlet, language, days, time, slug, text, author="", feed=""):
        title, body = text if isinstance(text[1], str) else retold(text)
        a.append(Article(outlet, language, days, time, slug, title, body, author, feed))

    # Our electric-bus release (published five days ago at 10:00), taken by agencies, sites and TV the same day.
    buses_ru, buses_kk = release(BUSES, "ru"), release(BUSES_KK, "kk")
    add(
        site("dala-inform"),
        "kk",
        5,
        "10:40",
        "elektrobus-120",
        retold(buses_kk, tail="Дереккөз: Алматы қаласының әкімдігі."),
    )
    add(
        site("dala-inform"),
        "ru",
        5,
        "10:45",
        "elektrobusy-120",
        retold(buses_ru, tail="Источник: акимат Алматы."),
        feed="ru",
    )
    add(
        site("qala24"),
        "kk",
        5,
        "11:20",
        "120-zhana-elektrobus",
        retold(buses_kk, lead="Қала тұрғындарына жақсы жаңалық.", title="Алматыда 120 жаңа электробус жолға шықты"),
        "Айгүл Сапарова",
    )
    add(
        site("orta-portal"),
        "ru",
        5,
        "11:45",
        "novye-elektrobusy",
        retold(buses_ru, drop=(1,), title="В Алматы на линию вышли 120 электробусов"),
        "Ирина Громова",
    )
    add(
        site("tangy-habar"),
        "kk",
        5,
        "12:30",
        "elektrobustar",
        retold(buses_kk, drop=(2,), tail="Алматы қаласының әкімдігі хабарлады."),
    )
    add(
        site("zhol-info"),
        "ru",
        5,
        "13:00",
        "120-elektrobusov-11-marshrutov",
        retold(buses_ru, lead="Хорошая новость для пассажиров.", title="120 электробусов на 11 маршрутах"),
    )
    add(
        site("steppe-signal"),
        "en",
        5,
        "14:00",
        "almaty-electric-buses",
        retold(release(BUSES_EN, "en"), tail="The Almaty city akimat announced the purchase on Monday."),
    )
    add(
        site("birlik"),
        "kk",
        5,
        "19:10",
        "elektrobus-kesh",
        retold(buses_kk, lead="Кешкі жаңалықтар: қала көлігі жаңарды.", drop=(2, 3)),
    )
    add(site("gorodskoy-dozor"), "ru", 1, "17:20", "elektrobusy-intervaly", s.ELECTROBUS_CRITIC_RU, "Олег Ким")

    # Abai avenue closed for repairs (the mobility department's news four days ago at 15:00).
    abai_ru, abai_kk = release(ABAI_RU, "ru"), release(ABAI_KK, "kk")
    add(
        site("zhol-info"), "ru", 4, "15:40", "abaya-ogranichat", retold(abai_ru, tail="Следите за нашими обновлениями.")
    )
    add(channel("yuzhnaya_stolitsa_dorogi"), "ru", 4, "16:05", "7731", retold(abai_ru, drop=(2, 3, 4)))
    add(site("qala24"), "kk", 4, "16:30", "abai-dangyly-zhabylady", retold(abai_kk, lead="Жүргізушілер назарына!"))

    # The Medeu rink's season (the district's announcement two days ago at 12:00).
    rink_ru, rink_kk = release(RINK_RU, "ru"), release(RINK_KK, "kk")
    add(
        site("sport-tau"), "kk", 2, "13:10", "medeu-mausym", retold(rink_kk, tail="Медеу ауданының әкімдігі хабарлады.")
    )
    add(site("tau-zholy"), "ru", 2, "15:00", "katok-medeu-sezon", retold(rink_ru, lead="Сезон на высоте 1691 метр."))
    add(
        site("medeu-meridian"),
        "ru",
        1,
        "10:00",
        "medeu-5-dekabrya",
        retold(rink_ru, drop=(4,), title="«Медеу» открывается 5 декабря"),
    )

    # The gas programme (the ecology department's release ten days ago at 11:00).
    add(
        site("ecopolis"),
        "ru",
        10,
        "13:00",
        "gazifikaciya-3120",
        retold(release(GAS_RU, "ru"), lead="Чем меньше угля, тем чище воздух.", drop=(4,)),
    )
    add(site("news-alany"), "kk", 9, "09:00", "gazdandyru", retold(release(GAS_KK, "kk"), drop=(2,)))
    add(site("foothills-vlog"), "ru", 8, "20:00", "gaz-v-chastnyi-dom", s.GAS_VLOG_RU, "Алина и Тимур")

    # No water in Turksib: a city site first, then a channel, a portal, a national agency; and in Kazakh.
    add(site("gorodskoy-dozor"), "ru", 1, "07:50", "turksib-bez-vody", s.WATER_RU, "Олег Ким")
    add(
        channel("tau_zheli"),
        "ru",
        1,
        "08:30",
        "1043",
        (
            "Турксиб третьи сутки без воды",
            "⚡️ " + s.WATER_RU[1].split("\n\n")[0] + " Воду обещают к вечеру четверга. В акимате Алматы пока молчат.",
        ),
    )
    add(
        site("news-alany"),
        "ru",
        1,
        "09:10",
        "turksib-voda",
        retold(
            s.WATER_RU,
            lead="Как сообщает «Городской дозор», ситуация не меняется.",
            drop=(3,),
            tail="Редакция направила запрос в акимат Алматы.",
        ),
        feed="ru",
    )
    add(
        site("kyran-inform"),
        "ru",
        1,
        "10:00",
        "turksibskii-raion-bez-vody",
        retold(s.WATER_RU, title="Турксибский район третьи сутки без воды"),
    )
    add(
        site("orta-portal"),
        "ru",
        1,
        "12:05",
        "avariya-vodoprovod-turksib",
        retold(s.WATER_RU, tail="Обновлено: в коммунальном предприятии уточнили, что подача воды начнётся поэтапно."),
    )
    add(site("sarap"), "kk", 1, "11:00", "turksib-su-zhok", s.WATER_KK)
    add(
        channel("koshe_kz"),
        "kk",
        1,
        "11:40",
        "2210",
        (
            "Түрксібте су жоқ",
            "💧 Түрксіб ауданында үшінші күн су жоқ. Тұрғындар шелекпен су тасып жүр, әкімдік үндемейді.",
        ),
    )

    # The region is not the city; another city's akim is not ours.
    add(site("ile-alqaby"), "kk", 2, "09:30", "konaev-aurukhana", s.REGION_HOSPITAL_KK)
    add(site("ontustik-aqparat"), "ru", 3, "14:20", "iliyskii-raion-dorogi", s.REGION_ROADS_RU)
    add(site("ile-alqaby"), "kk", 6, "16:00", "talgar-mektep", s.REGION_AKIM_KK)
    add(site("sarap"), "kk", 2, "15:30", "shymkent-zhol-zhondeu", s.SHYMKENT_KK)
    add(site("kyran-inform"), "ru", 3, "09:00", "akim-astany-sneg", s.ASTANA_RU)

    # The akim with the city's residents.
    add(site("qala24"), "ru", 3, "18:00", "akim-zhetysu-vstrecha", s.AKIM_MEETING_RU, "Ирина Громова", feed="ru")
    add(site("tangy-habar"), "kk", 3, "18:40", "akim-zhetisu", s.AKIM_MEETING_KK)
    add(site("kyran-inform"), "ru", 2, "11:15", "akhmetov-dvory", s.AKIM_ORDER_RU)

    # Air, in Russian and in Kazakh typed in Latin letters; a new park in Latin letters with diacritics.
    add(site("ecopolis"), "ru", 0, "09:15", "smog-vernulsya", s.SMOG_RU, "Дана Ахметова")
    add(channel("koshe_kz"), "kk", 0, "10:30", "2231", s.SMOG_INFORMAL)
    add(site("aliya-qala"), "kk", 4, "21:00", "medeu-saiabaq", s.PARK_LATIN, "Aliia")

    # City news without a watched name, and some that name none of ours at all.
    add(site("predgorie"), "ru", 2, "08:00", "avtobus-12", s.BUS_12_RU, "Николай Савченко")
    add(site("predgorie"), "ru", 5, "08:00", "shymbulak-sezon", s.CHIMBULAK_RU)
    add(site("sport-tau"), "kk", 3, "22:10", "kairat-zhenis", s.KAIRAT_KK)
    add(site("keshki-sham"), "ru", 6, "19:00", "premiera-abai", s.THEATRE_RU)
    add(site("tangy-habar"), "kk", 0, "07:00", "kar-ayaz", s.WEATHER_KK)
    add(site("news-alany"), "kk", 7, "12:00", "bostandyk-emkhana", s.POLYCLINIC_KK)
    add(site("orta-portal"), "ru", 8, "16:45", "volontery-derevya", s.TREES_RU)
    add(channel("tau_zheli"), "ru", 0, "08:10", "1052", s.ESKALATOR_TG_RU)
    add(channel("koshe_kz"), "kk", 2, "06:45", "2215", s.SNOW_TG_KK)

    # The transport site's news sitemap lists what its feed lists: one clipping each all the same.
    for article in [x for x in a if x.outlet == site("zhol-info")]:
        a.append(Article(**{**article.__dict__, "feed": "sitemap"}))
    return a


ARTICLES = _articles()
