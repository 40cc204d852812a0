"""The watchlist found across scripts, word forms and word orders; the region not taken for the city; initials."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressdesk.monitoring.matching import Watchlist, analyse
from pressdesk.monitoring.watchlist import WatchlistError, parse
from tests.text.declension import forms

ENTRIES = [
    {
        "id": "akimat",
        "kind": "organisation",
        "names": ["Алматы қаласының әкімдігі", "акимат Алматы"],
        "exclude": ["Алматы облысы"],
    },
    {"id": "akim", "kind": "official", "names": ["Ерлан Сапаров", "Алматы әкімі"], "initials": True},
    {"id": "transport", "kind": "topic", "names": ["қоғамдық көлік", "общественный транспорт", "public transport"]},
    {"id": "air", "kind": "topic", "names": ["ауа сапасы", "качество воздуха", "air quality"]},
]


@pytest.fixture(scope="module")
def watchlist() -> Watchlist:
    return Watchlist(parse(ENTRIES))


def ids(watchlist: Watchlist, text: str) -> list:
    return watchlist.ids(watchlist.match(text))


@pytest.mark.parametrize(
    "text",
    [
        "Алматы қаласы әкімдігінің хабарлауынша, көшелер жөнделеді",  # the three
        "Жители встретились с акиматом Алматы",
        "Almaty äkımdıgı jaña mektep aştı",
        "Алматы қаласының әкімдігі жаңа бағдарлама қабылдады",
        "Almaty qalasynyñ äkımdıgı jaña mektep aştı",  # 2021
        "Almaty qalasynyń ákimdigi jańa mektep ashty",  # 2018
        "Almaty qalasynyng akimdigi zhana mektep ashty",  # informal
        "الماتى قالاسىنىڭ اكىمدىگى جاڭا مەكتەپ اشتى",  # Arabic script
        "В акимате города Алматы сообщили о ремонте",  # a level word of the entry's own in the gap
        "Акимат г. Алматы сообщил о ремонте",  # a linking word
        "The akimat of Almaty city said the road is open",  # English, any order
        "Almaty city akimat said the road is open",
        "Алматы қаласы әкімдігі мен тұрғындар кездесті",
    ],
)
def test_the_city_akimat_is_found_in_every_script_form_and_order(watchlist, text):
    assert "akimat" in ids(watchlist, text)


@pytest.mark.parametrize(
    "text",
    [
        "Алматы облысының әкімдігі жаңа мектеп ашты",
        "Акимат Алматинской области сообщил о ремонте",
        "Almaty oblysynyñ äkımdıgı jaña mektep aştı",
        "Almaty oblysy äkımdıgı habarlady",
        "The Almaty region akimat said the road is open",
        "The akimat of Almaty region said the road is open",
        "Алматы ауданының әкімдігі хабарлады",  # Astana's Almaty district
    ],
)
def test_the_regions_and_a_districts_akimat_are_not_the_citys(watchlist, text):
    assert "akimat" not in ids(watchlist, text)


def test_a_mention_of_the_region_does_not_hide_the_city_in_the_same_text(watchlist):
    text = "Алматы облысы мен Алматы қаласының әкімдіктері келісімге қол қойды"
    hits = [hit for hit in watchlist.match(text) if hit.id == "akimat"]
    assert [hit.quote for hit in hits] == ["Алматы қаласының әкімдіктері"]


def test_an_exclusion_cancels_a_match_it_overlaps():
    plain = Watchlist(parse([{"id": "almaty", "kind": "topic", "names": ["Алматы"]}]))
    excluding = Watchlist(parse([{"id": "almaty", "kind": "topic", "names": ["Алматы"], "exclude": ["Алматы Арена"]}]))
    text = "Алматы Арена спорт кешенінде жарыс өтті"
    assert plain.ids(plain.match(text)) == ["almaty"]
    assert excluding.ids(excluding.match(text)) == []
    assert excluding.ids(excluding.match("Алматыда жарыс өтті")) == ["almaty"]


def test_a_place_name_followed_by_another_level_is_that_level_not_the_place():
    almaty = Watchlist(parse([{"id": "almaty", "kind": "topic", "names": ["Алматы"]}]))
    assert almaty.ids(almaty.match("Алматыда жаңа саябақ ашылды")) == ["almaty"]
    assert almaty.ids(almaty.match("Алматы облысында жаңа саябақ ашылды")) == []
    assert almaty.ids(almaty.match("Almaty region opens a new park")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Е. Сапаров журналистермен кездесті",
        "Сапаров Е. встретился с журналистами",
        "Сапаровтың айтуынша, жол жөнделеді",
        "Saparov said the road will be repaired",
        "Ерлан Сапаров посетил школу",
        "Сапарову Ерлану вручили награду",  # any order, Russian case forms
        "Әкім Ерлан Сапаровпен кездесу өтті",
        "Erlan Saparov jaña mektepke bardy",
    ],
)
def test_the_akim_is_found_by_name_initial_and_surname(watchlist, text):
    assert "akim" in ids(watchlist, text)


def test_initials_evidence_and_another_initial(watchlist):
    (hit,) = [hit for hit in watchlist.match("Вчера Е. Сапаров встретился с жителями") if hit.id == "akim"]
    assert hit.quote == "Е. Сапаров"
    assert "akim" not in ids(watchlist, "Житель района А. Сапаров пожаловался на ямы")
    assert "akim" not in ids(watchlist, "Сапаров А. пожаловался на ямы")


def test_the_surname_alone_matches_only_where_initials_are_configured():
    plain = Watchlist(parse([{"id": "akim", "kind": "official", "names": ["Ерлан Сапаров"]}]))
    assert plain.ids(plain.match("Сапаровтың айтуынша")) == []
    assert plain.ids(plain.match("Сапаров Ерлан айтты")) == ["akim"]


@pytest.mark.parametrize(
    "text",
    [
        "Шымкент әкімі Алматыда болды",
        "Шымкент қаласының әкімі Алматыға келді",
        "The akim of Shymkent visited Almaty",
        "Аким Шымкента прибыл в Алматы",
        "akim of Shymkent",
    ],
)
def test_another_citys_akim_is_not_ours(watchlist, text):
    assert not {"akim", "akimat"} & set(ids(watchlist, text))


def test_only_level_and_linking_words_may_stand_inside_a_name(watchlist):
    assert "transport" in ids(watchlist, "Қоғамдық көліктің жұмысы жақсарды")
    assert "transport" not in ids(watchlist, "Қоғамдық пікір бойынша көлік көп")
    assert "air" in ids(watchlist, "Качество воздуха в городе ухудшилось")
    assert "air" not in ids(watchlist, "Качество дорог и воздуха")


def test_requires_keeps_out_a_surname_alone_but_not_a_whole_name():
    entries = [
        {
            "id": "akim",
            "kind": "official",
            "names": ["Ерлан Сапаров"],
            "requires": ["Алматы", "әкім"],
            "initials": True,
        }
    ]
    akim = Watchlist(parse(entries))
    assert akim.ids(akim.match("Сапаров Алматы тұрғындарымен кездесті")) == ["akim"]
    assert akim.ids(akim.match("Сапаровтың айтуынша, жол жөнделеді")) == []  # could be anyone's
    assert akim.ids(akim.match("Ерлан Сапаров жаңа бағыттарды таныстырды")) == ["akim"]
    assert akim.ids(akim.match("Ерлану Сапарову задали вопросы о пробках")) == ["akim"]


@pytest.mark.parametrize(
    "text",
    [
        "Боксшы Ерлан Сапаров жеңіске жетті",  # another's role right before the name
        "Алматылық суретші Ерлан Сапаров көрмесін ашты",
        "Алматинский художник Ерлан Сапаров открыл выставку",
        "Almaty artist Erlan Saparov opened an exhibition",
        "Bokshy Erlan Saparov zhenimpaz atandy",
        "Тараз әкімі Нұрлан Сапаров тұрғындармен кездесті",  # another first name
        "Аким Тараза Нурлан Сапаров встретился с жителями",
        "Сапарова Айгуль назначена директором школы",
        "Taraz akim Nurlan Saparov met residents",
        "Тараз әкімі Ерлан Сапаров тұрғындармен кездесті",  # another place's akim of the same name
        "Аким Тараза Ерлан Сапаров встретился с жителями",
    ],
)
def test_a_namesake_is_told_by_the_words_beside_the_name(text):
    entries = [{"id": "akim", "kind": "official", "names": ["Ерлан Сапаров", "Алматы әкімі"], "initials": True}]
    akim = Watchlist(parse(entries))
    assert akim.ids(akim.match(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Алматы әкімі Ерлан Сапаров тұрғындармен кездесті",
        "Аким Алматы Ерлан Сапаров встретился с жителями",
        "Господин Сапаров защитил генплан",  # a title is not a first name
        "Вчера Сапаров встретился с жителями",  # nor a word that opens a sentence
        "Mr Saparov defended the plan",
        "Сапаров Ерлан Бакытович проверил мост",
        "Мегаполистің басшысы Ерлан Сапаров бюджетке түзетулер ұсынды",
    ],
)
def test_our_akim_is_found_beside_his_own_titles(text):
    entries = [{"id": "akim", "kind": "official", "names": ["Ерлан Сапаров", "Алматы әкімі"], "initials": True}]
    akim = Watchlist(parse(entries))
    assert akim.ids(akim.match(text)) == ["akim"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Алматы қаласының әкімдігі жаңа мектеп салды", ["akimat"]),
        ("Алматы әкімдігі есеп берді", ["akimat"]),
        ("Almaty akimdigi zhana mektep ashty", ["akimat"]),
        ("Алматы әкімі есеп берді", ["akim"]),
        ("Алматы әкімінің кеңесшісі сөйледі", ["akim"]),
        ("Almaty äkımı jaña mektepte boldy", ["akim"]),
    ],
)
def test_the_akimat_and_the_akim_are_told_apart_in_kazakh(watchlist, text, expected):
    assert ids(watchlist, text) == expected


def test_a_name_written_in_english_takes_the_order_of_a_kazakh_or_russian_text():
    entries = [{"id": "akim", "kind": "official", "names": ["mayor of Almaty"]}]
    mayor = Watchlist(parse(entries))
    assert mayor.ids(mayor.match("Алматы әкімі тұрғындармен кездесті")) == ["akim"]
    assert mayor.ids(mayor.match("Аким Алматы встретился с жителями")) == ["akim"]
    assert mayor.ids(mayor.match("Шымкент қаласының әкімі Алматыға іссапармен келді")) == []
    assert mayor.ids(mayor.match("Аким Шымкента Алматы туралы айтты")) == []


def test_a_department_is_found_with_its_akimat_inside_and_turned_about_of():
    entries = [
        {
            "id": "education",
            "kind": "organisation",
            "names": [
                "Алматы қаласының білім басқармасы",
                "управление образования Алматы",
                "Almaty education department",
            ],
        }
    ]
    education = Watchlist(parse(entries))
    for text in (
        "Алматы қаласы әкімдігінің білім басқармасы жаңа оқу жылын талқылады",
        "Управление образования акимата Алматы сообщило о наборе",
        "The education department of Almaty reported record results",
    ):
        assert education.ids(education.match(text)) == ["education"], text
    assert education.ids(education.match("Алматы облысы әкімдігінің білім басқармасы семинар өткізді")) == []


def test_hits_say_where_and_with_which_name(watchlist):
    text = "Вчера акиматом Алматы было объявлено о ремонте"
    (hit,) = [hit for hit in watchlist.match(text) if hit.id == "akimat"]
    assert (hit.name, hit.quote, hit.start, hit.end) == ("акимат Алматы", "акиматом Алматы", 1, 3)
    assert text[slice(*hit.chars)] == "акиматом Алматы"


def test_matches_are_listed_in_watchlist_order_once_each(watchlist):
    text = "Качество воздуха беспокоит жителей. Аким Алматы Ерлан Сапаров и акимат Алматы ответили"
    assert ids(watchlist, text) == ["akimat", "akim", "air"]


def test_analyse_gives_language_matches_and_tone_of_title_and_text(watchlist):
    result = analyse("Алматы қаласының әкімдігі жаңа мектеп ашты", watchlist, title="Жаңа мектеп ашылды")
    assert (result.language, result.matches, result.tone.label) == ("kk", ("akimat",), "positive")
    result = analyse("Жители жалуются", watchlist, title="Пробки и смог: акимат Алматы молчит")
    assert (result.language, result.matches, result.tone.label) == ("ru", ("akimat",), "negative")


def test_a_name_of_only_level_or_linking_words_is_refused_with_its_entry():
    with pytest.raises(WatchlistError, match="облысы"):
        Watchlist(parse([{"id": "x", "kind": "topic", "names": ["облысы"]}]))


def test_an_empty_watchlist_finds_nothing():
    assert Watchlist([]).match("Алматы қаласының әкімдігі") == []


# Property tests: the same text in another script, the same name in another form -------------------------------------

# Kazakh Cyrillic to the 2021 Latin alphabet, letter by letter, written for the tests (the analyzer has no
# Cyrillic-to-Latin direction).
LATIN_2021 = dict(
    zip(
        "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        "a ä b v g ğ d e io j z i i k q l m n ñ o ö p r s t u ū ü f h h ts ç ş şş _ y ı _ e iu ia".split(),
        strict=True,
    )
)


def to_latin_2021(text: str) -> str:
    out = []
    for ch in text:
        latin = LATIN_2021.get(ch.lower(), ch).replace("_", "")
        out.append(latin[:1].upper() + latin[1:] if ch.isupper() and latin else latin)
    return "".join(out)


def test_the_latin_table_reads_back_to_the_cyrillic():
    from pressdesk.text import to_cyrillic

    assert to_latin_2021("Алматы қаласының әкімдігі") == "Almaty qalasynyñ äkımdıgı"
    assert to_cyrillic(to_latin_2021("Ерлан Сапаров және қоғамдық көлік")) == "Ерлан Сапаров және қоғамдық көлік"


FILLER = (
    "жаңа мектеп тұрғындар көше жөндеу жұмыстары және үшін бойынша туралы бүгін ертең мәселе жоба "
    "жиналыс өтті хабарлады айтты ашылды жыл сайын біз олар бала ұйым Қазақстан"
).split()
PHRASES = {
    "akimat": ["Алматы қаласының {}", "Алматы {}"],
    "transport": ["қоғамдық {}"],
    "akim": ["Ерлан {}"],
}
HEADS = {"akimat": "әкімдік", "transport": "көлік", "akim": "Сапаров"}


@st.composite
def kazakh_items(draw):
    """A Kazakh sentence with one watch name in one of its declined forms, and the id it should find."""
    watch = draw(st.sampled_from(sorted(PHRASES)))
    phrase = draw(st.sampled_from(PHRASES[watch])).format(draw(st.sampled_from(forms(HEADS[watch]))))
    before = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=6))
    after = draw(st.lists(st.sampled_from(FILLER), min_size=2, max_size=6))
    return watch, " ".join([*before, phrase, *after, "және", "үшін"])


@settings(deadline=None, max_examples=150)
@given(kazakh_items())
def test_a_name_is_found_in_every_declined_form_and_in_both_scripts(watchlist, item):
    watch, cyrillic = item
    found = ids(watchlist, cyrillic)
    assert watch in found, cyrillic
    assert ids(watchlist, to_latin_2021(cyrillic)) == found, to_latin_2021(cyrillic)


@settings(deadline=None, max_examples=100)
@given(st.lists(st.sampled_from(FILLER + ["Алматы", "облысы", "қаласы", "әкімі", "Сапаров", "көлігі"]), max_size=12))
def test_matching_does_not_depend_on_the_script_for_any_word_salad(watchlist, words):
    cyrillic = " ".join([*words, "және", "үшін"])
    assert ids(watchlist, to_latin_2021(cyrillic)) == ids(watchlist, cyrillic)


NAMES_IN_TEXT = ["Алматы қаласының әкімдігі", "акиматом Алматы", "Е. Сапаров", "Saparov", "качество воздуха"]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.text() | st.sampled_from(NAMES_IN_TEXT)), st.sampled_from([None, "kk", "ru", "en", "other"]))
def test_any_text_is_matched_without_error_and_evidence_stands_on_its_words(watchlist, parts, language):
    text = " ".join(parts)
    for hit in watchlist.match(text, language):
        assert 0 <= hit.start < hit.end
        if hit.chars is not None:
            assert text[slice(*hit.chars)] == hit.quote
