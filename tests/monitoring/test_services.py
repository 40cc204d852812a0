"""The analyst's writes: watch entries checked as the engine reads them, tone corrections that stick and teach the
lexicon, items entered by hand with a real scan or clip; all audited."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import override
from PIL import Image

from pressdesk.core import search
from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.monitoring import indexing, pipeline, services
from pressdesk.monitoring.models import Clipping, ClippingKind, LearnedStem, Mention, ToneCorrection, Watch
from pressdesk.monitoring.pipeline import Item
from pressdesk.text import tokens
from tests.directory.conftest import Directory

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


@pytest.fixture
def analyst(world):
    return world.person("dana", Role.ANALYST, world.body)


def store(text: str, title: str = "", url: str = "") -> Clipping:
    url = url or f"https://gorod.demo/{next(_numbers)}"
    clipping = pipeline.store(Item(url, title or text.split(".")[0], text), pipeline.Batch.start())
    assert clipping is not None
    return clipping


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PDF")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "grey").save(out, "JPEG")
    return out.getvalue()


# Watch entries


def test_a_watch_entry_is_saved_as_the_engine_reads_it_and_audited(world, analyst):
    watch = services.watch_create(
        actor=analyst,
        unit=world.body,
        kind="organisation",
        names=["Алматы қаласының әкімдігі", "  акимат   Алматы ", "акимат Алматы"],
        exclude=["Алматы облысы"],
    )
    assert watch.label == "Алматы қаласының әкімдігі"
    assert watch.names == ["Алматы қаласының әкімдігі", "акимат Алматы"]
    assert watch.exclude == ["Алматы облысы"]
    entry = AuditEntry.objects.get(action="monitoring.watch.created")
    assert (entry.actor, entry.unit, entry.after["names"]) == (analyst, world.body, watch.names)
    # The pipeline compiles the new entry at once: the city's akimat is found, the region's is not.
    assert store("Акиматом города Алматы открыта новая школа на 1200 мест.").mentions.get().watch == watch
    assert not store("Акимат Алматинской области, Алматы облысы әкімдігі хабарлады.").mentions.exists()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "Write at least one name, one per line."),
        (["облысы"], "“облысы” has nothing to look for"),
        (["Алматы", "the city"], "“the city” has nothing to look for"),
        (["x" * 201], "is too long"),
    ],
)
def test_a_name_the_engine_cannot_use_is_refused_and_nothing_is_saved(world, analyst, names, message):
    with override("en"), pytest.raises(DomainError, match=message):
        services.watch_create(actor=analyst, unit=world.body, kind="topic", names=names)
    assert not Watch.objects.exists() and not AuditEntry.objects.filter(action__startswith="monitoring.").exists()


def test_a_district_keeps_only_its_own_watchlist(world, unit_press_secretary):
    services.watch_create(actor=unit_press_secretary, unit=world.almaly, kind="topic", names=["Абай даңғылы"])
    with override("en"), pytest.raises(DomainError, match="You may not keep the watchlist of this unit"):
        services.watch_create(actor=unit_press_secretary, unit=world.medeu, kind="topic", names=["Медеу"])


def test_a_changed_entry_matches_its_new_names_and_a_retired_one_nothing(world, analyst):
    watch = services.watch_create(actor=analyst, unit=world.body, kind="topic", names=["электробус"])
    services.watch_change(actor=analyst, watch=watch, kind="topic", label="Көлік", names=["метро"])
    watch.refresh_from_db()
    assert (watch.label, watch.names) == ("Көлік", ["метро"])
    assert store("В Алматы продлят линию метро до Калкаман.").mentions.exists()
    assert not store("В Алматы вышли новые электробусы на маршрут 92.").mentions.exists()

    services.watch_set_active(actor=analyst, watch=watch, active=False)
    assert not store("Метро Алматы открыло станцию Сайран.").mentions.exists()
    with override("en"), pytest.raises(DomainError, match="already retired"):
        services.watch_set_active(actor=analyst, watch=watch, active=False)
    actions = list(AuditEntry.objects.for_object(watch).values_list("action", flat=True))
    assert sorted(actions) == ["monitoring.watch.changed", "monitoring.watch.created", "monitoring.watch.retired"]


# Tone corrections

BACKGROUND = [
    "В Алматы на улице {n} открыли сквер, жители довольны.",
    "Аким Алматы провёл приём граждан на улице {n}.",
    "На улице {n} в Алматы прошла ярмарка выходного дня.",
    "В Алматы на улице {n} обновили остановку автобуса.",
]
ICE = [
    "Наледь на тротуарах улицы Абая: пешеходы падают, дворники не выходят.",
    "Жители Алмалинского района снова пишут про наледь у подъездов.",
    "Наледь у школы номер 12 так и не убрали за неделю.",
]


def background(count: int = 24) -> None:
    for n in range(count):
        store(BACKGROUND[n % len(BACKGROUND)].format(n=n + 1))


def test_a_corrected_tone_sticks_and_the_item_is_never_analysed_again(world, analyst):
    clipping = store(ICE[0], url="https://gorod.demo/ice")
    assert clipping.tone == "neutral"
    services.tone_correct(actor=analyst, clipping=clipping, tone="negative")
    clipping.refresh_from_db()
    assert (clipping.tone, clipping.tone_corrected) == ("negative", True)
    fix = ToneCorrection.objects.get()
    assert (fix.clipping, fix.before, fix.after, fix.by) == (clipping, "neutral", "negative", analyst)
    entry = AuditEntry.objects.get(action="monitoring.clipping.tone_corrected")
    assert (entry.before, entry.after["tone"]) == ({"tone": "neutral"}, "negative")

    # Collected again, in any form of its address: a duplicate; its tone stays the analyst's.
    batch = pipeline.Batch.start()
    for url in ("https://gorod.demo/ice", "http://www.gorod.demo/ice?utm_source=tg"):
        assert pipeline.store(Item(url, "Наледь", ICE[0]), batch) is None
    clipping.refresh_from_db()
    assert (clipping.tone, clipping.tone_corrected) == ("negative", True)
    with override("en"), pytest.raises(DomainError, match="already set this tone"):
        services.tone_correct(actor=analyst, clipping=clipping, tone="negative")


def test_only_analysts_and_press_secretaries_correct_the_tone(world, unit_press_secretary):
    clipping = store(ICE[0])
    with override("en"), pytest.raises(DomainError, match="do not allow correcting"):
        services.tone_correct(actor=unit_press_secretary, clipping=clipping, tone="negative")
    assert not ToneCorrection.objects.exists()


def test_a_word_analysts_keep_marking_negative_teaches_the_next_analysis(world, analyst):
    background()
    clippings = [store(text) for text in ICE]
    (ice,) = tokens("наледь", "ru")
    for number, clipping in enumerate(clippings, start=1):
        services.tone_correct(actor=analyst, clipping=clipping, tone="negative")
        # One or two corrections teach nothing: a word needs three clippings that agree.
        assert LearnedStem.objects.filter(stem=ice).exists() is (number == 3)
    learned = LearnedStem.objects.get(stem=ice)
    assert (learned.language, learned.weight, learned.evidence) == ("ru", -0.5, 3)
    # Words that come with every kind of news here (Алматы, улица) are never learned.
    for everyday in ("Алматы", "улицы"):
        assert not LearnedStem.objects.filter(stem__in=tokens(everyday, "ru")).exists()

    assert store("Во дворах Бостандыкского района наледь, пенсионеры сидят дома.").tone == "negative"


def test_a_word_marked_both_ways_or_shipped_in_the_lexicon_is_not_learned(world, analyst):
    background()
    negative = [store(f"{text} Вечером прошёл концерт.") for text in ICE]
    positive = store("Вечером на площади прошёл концерт, зрители в восторге от оркестра.")
    for clipping in negative:
        services.tone_correct(actor=analyst, clipping=clipping, tone="negative")
    services.tone_correct(actor=analyst, clipping=positive, tone="positive")
    (concert,) = tokens("концерт", "ru")
    assert LearnedStem.objects.filter(stem=tokens("наледь", "ru")[0]).exists()
    assert not LearnedStem.objects.filter(stem=concert).exists()  # 3 against 1: not three-quarters plus three net
    # "жалуются" is in the shipped lexicon: corrections never re-weigh it.
    complaint = [store(f"Жители жалуются: {text}") for text in ICE]
    for clipping in complaint:
        services.tone_correct(actor=analyst, clipping=clipping, tone="positive")
    assert not LearnedStem.objects.filter(stem__in=tokens("жалуются", "ru")).exists()


def test_nothing_is_learned_before_there_is_a_background_to_tell_everyday_words(world, analyst):
    for clipping in [store(text) for text in ICE]:
        services.tone_correct(actor=analyst, clipping=clipping, tone="negative")
    assert not LearnedStem.objects.exists()
    assert Clipping.objects.filter(tone_corrected=True, tone="negative").count() == 3


# Items entered by hand


@pytest.fixture
def tv(world):
    return Directory(world).outlet("Алатау TV", kind="tv", reach=300_000)


@pytest.fixture
def akimat(world):
    return Watch.objects.create(unit=world.body, kind="organisation", label="Әкімдік", names=["Алматы әкімдігі"])


def enter(actor, outlet, *, upload=None, kind=ClippingKind.TV, text="", **extra) -> Clipping:
    aired = timezone.now() - datetime.timedelta(hours=3)
    return services.clipping_enter(
        actor=actor,
        outlet=outlet,
        kind=kind,
        title=extra.pop("title", "Кешкі жаңалықтар: Алматы әкімдігі жаңа саябақ ашты"),
        text=text or "Алматы әкімдігі Медеу ауданында жаңа саябақ ашты. Тұрғындар қуанышты.",
        published_at=aired,
        aired_at=aired,
        programme=extra.pop("programme", "Кешкі жаңалықтар"),
        upload=upload,
        **extra,
    )


@pytest.mark.parametrize(
    ("name", "content", "kind", "stored"),
    [
        ("gazeta.pdf", pdf_bytes, ClippingKind.PRINT, ".pdf"),
        ("scan.jpg", jpeg_bytes, ClippingKind.PRINT, ".jpg"),
        ("efir.bin", lambda: b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(600), ClippingKind.RADIO, ".mp3"),
    ],
)
def test_an_item_entered_by_hand_is_read_like_a_fetched_one_with_its_scan_or_clip(
    world, analyst, tv, akimat, name, content, kind, stored
):
    data = content()
    clipping = enter(analyst, tv, kind=kind, upload=SimpleUploadedFile(name, data, content_type="text/html"))
    clipping.refresh_from_db()
    assert (clipping.kind, clipping.programme, clipping.language, clipping.entered_by) == (
        kind,
        "Кешкі жаңалықтар",
        "kk",
        analyst,
    )
    assert clipping.tone == "positive" and clipping.summary and clipping.story is not None
    assert Mention.objects.get(clipping=clipping).watch == akimat
    assert clipping.attachment.name.endswith(stored) and name not in clipping.attachment.name
    assert clipping.attachment.read() == data
    assert search.ids(indexing.KIND, tokens("саябақ")) == [clipping.pk]
    assert AuditEntry.objects.get(action="monitoring.clipping.entered").actor == analyst


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("scan.pdf", b"<!doctype html><html><script>alert(1)</script></html>", "an HTML page"),
        ("clip.mp4", b"MZ\x90\x00" + bytes(100), "a program"),
        ("scan.jpg", b"just some words", "a text file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_a_disguised_or_empty_file_is_refused_and_nothing_is_stored(world, analyst, tv, name, content, what):
    with override("en"), pytest.raises(DomainError, match=what):
        enter(analyst, tv, kind=ClippingKind.PRINT, upload=SimpleUploadedFile(name, content))
    assert not Clipping.objects.exists()
    assert not AuditEntry.objects.filter(action="monitoring.clipping.entered").exists()


def test_an_item_needs_words_or_a_file_and_a_past_air_time(world, analyst, tv):
    with override("en"):
        with pytest.raises(DomainError, match="Type the transcript"):
            services.clipping_enter(
                actor=analyst, outlet=tv, kind="tv", title="Эфир", text=" ", published_at=timezone.now()
            )
        with pytest.raises(DomainError, match="Only TV, radio and print"):
            enter(analyst, tv, kind=ClippingKind.ARTICLE)
        with pytest.raises(DomainError, match="air time is in the future"):
            services.clipping_enter(
                actor=analyst,
                outlet=tv,
                kind="tv",
                title="Эфир",
                text="Сөз",
                published_at=timezone.now(),
                aired_at=timezone.now() + datetime.timedelta(hours=2),
            )
    assert not Clipping.objects.exists()
