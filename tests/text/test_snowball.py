"""stem_ru(): Snowball Russian through PyStemmer; stem_en() for English words."""

from __future__ import annotations

import threading

import pytest

from pressdesk.text import stem_en, stem_ru


@pytest.mark.parametrize(
    "family",
    [
        "акимат акимата акимату акиматом акимате акиматы акиматов",
        "город города городу городом городе городов",
        "журналист журналиста журналистом журналисты журналистов журналистам",
        "область области областью областей областям",
        "Республика Республики Республике Республику Республикой",
        "пресс-служба пресс-службы пресс-службе пресс-службой",
    ],
)
def test_russian_word_forms_share_a_stem(family):
    assert len({stem_ru(word) for word in family.split()}) == 1


def test_yo_is_written_ye_first():
    assert stem_ru("Ёлка") == stem_ru("елка") == stem_ru("ёлки")
    assert stem_ru("всё") == stem_ru("все")


def test_different_russian_words_stay_apart():
    assert stem_ru("город") != stem_ru("горный")
    assert stem_ru("аким") != stem_ru("акимат")


def test_each_thread_stems_with_its_own_stemmer():
    results: list[str] = []
    words = [f"журналист{ending}" for ending in ("а", "у", "ом", "ами", "ах")] * 200

    def work() -> None:
        results.extend(stem_ru.__wrapped__(word) for word in words)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results) == {"журналист"}
    assert len(results) == 4 * len(words)


def test_english_words_get_porter2_stems():
    assert stem_en("Journalists") == stem_en("journalist") == "journalist"
    assert stem_en("policies") == stem_en("policy")
