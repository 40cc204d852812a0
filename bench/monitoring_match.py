"""Watchlist matching over 5,000 kk/ru news texts, as a ratio to tokenising the same texts.

    make bench                                   (with the other benchmarks)
    .venv/bin/python bench/monitoring_match.py   (this one alone)

What is measured: ``Watchlist.match(text, language)`` — the analyzer's ``tokens()``, the
tokens turned into the automaton's alphabet, the Aho–Corasick pass and the checks of
gaps, levels, exclusions and initials — over 5,000 generated Kazakh and Russian items
(60–250 words: declined nouns, verbs, and up to three watch names as written, in Cyrillic or
Latin letters), with a
watchlist of about 2,000 names in 1,000 entries (200 officials, in Cyrillic and Latin, half
with initials; akimats and departments of 30 towns and districts, with the region as an
exclusion; topics in each town), compiled once.

Baseline, in the same run and interleaved with it: the bare ``tokens(text, language)``
pass over the same texts, which matching cannot avoid. The ratio is what finding the
watchlist costs on top of reading the words. Also shown: the whole analysis monitoring
runs on an item (``analyse``: language, tokens, matching, tone) against the same
baseline, and, for scale, pyahocorasick over the raw lowercased text with the names as
written: the speed limit of a matcher that knows neither word forms nor scripts.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

TEXTS = 5_000
ROUNDS = 3
BATCH = 50  # texts timed on each side in turn
OFFICIALS = 200

PLACES = (
    "Медеу Алмалы Бостандық Әуезов Жетісу Наурызбай Түрксіб Алатау Шымкент Қарағанды Ақтөбе Атырау Тараз "
    "Павлодар Семей Қостанай Орал Көкшетау Талдықорған Қызылорда Түркістан Ақтау Петропавл Жезқазған Екібастұз "
    "Теміртау Балқаш Қонаев Сарыағаш Кентау"
).split()
BODIES = [  # (Kazakh, Russian) names of a town's or district's bodies
    ("әкімдігі", "акимат"),
    ("мәслихаты", "маслихат"),
    ("білім басқармасы", "управление образования"),
    ("денсаулық сақтау басқармасы", "управление здравоохранения"),
    ("құрылыс басқармасы", "управление строительства"),
]
TOPIC_KK = (
    "қоғамдық көлік;ауа сапасы;жол жөндеу;ауыз су;жылу беру;тұрғын үй;бала бақша;көше жарығы;қоқыс шығару;"
    "жер сілкінісі;сел қаупі;велосипед жолы;метро құрылысы;автобус бағыты;такси қызметі;баға өсімі"
).split(";")
TOPIC_RU = (
    "общественный транспорт;качество воздуха;ремонт дорог;питьевая вода;отопительный сезон;жилищное строительство;"
    "детский сад;уличное освещение;вывоз мусора;сейсмическая безопасность;селевая опасность;велосипедные дорожки;"
    "строительство метро;автобусный маршрут;рост цен;точечная застройка"
).split(";")
KK_NOUNS = (
    "қала көше жол мектеп аурухана үй бала тұрғын жұмыс жоба бағдарлама мәселе шешім жиналыс кездесу бюджет "
    "қаржы құрылыс саябақ аула көпір бағыт автобус аялдама су жылу жарық газ баға нарық дүкен кәсіпкер "
    "полиция оқиға апат өрт дәрігер мұғалім оқушы студент ата-ана зейнеткер депутат министр президент"
).split()
KK_OTHER = (
    "және үшін бойынша туралы бүгін ертең кеше жаңа үлкен көп аз биыл жыл сайын осы бұл олар біз "
    "айтты хабарлады ашылды жөнделді басталды аяқталды өтті болды келді берілді салынды жоспарланған"
).split()
RU_WORDS = (
    "город улица дорога школа больница дом дети жители работа проект программа вопрос решение встреча бюджет "
    "финансирование строительство парк двор мост маршрут автобус остановка вода тепло свет газ цена рынок "
    "магазин предприниматель полиция происшествие пожар врач учитель ученик студент родители пенсионер депутат "
    "министр президент и в на по для о с что как также сегодня завтра вчера новый большой много мало "
    "году ежегодно этот они мы сообщил заявил открыли отремонтировали началось завершилось прошло было "
    "пришли выделено построено планируется"
).split()
RU_ENDINGS = ("", "", "а", "у", "ом", "е", "ы", "ов", "ам", "ами")


def watch_entries(rng: random.Random) -> list[dict]:
    """About 1,000 entries with about 2,000 names, in both languages."""
    from pressdesk.directory.demo_plan import random_name

    entries: list[dict] = []
    surnames: set[str] = set()
    for _ in range(3000):  # one official a surname, as in a real city's watchlist (the demo lists have ~230)
        name = random_name(rng, "kk" if rng.random() < 0.7 else "ru", "kk" if rng.random() < 0.5 else "ru")
        words = name.full_name.split()
        if name.last_latin in surnames or len(surnames) == OFFICIALS:
            continue
        surnames.add(name.last_latin)
        names = [f"{words[0]} {words[-1]}", f"{name.first_latin} {name.last_latin}"]
        number = len(surnames)
        entries.append({"id": f"official-{number}", "kind": "official", "names": names, "initials": number % 2 == 0})
    for place in PLACES:
        for level_kk, level_ru in (("қаласының", "города"), ("ауданының", "района")):
            for body_kk, body_ru in BODIES:
                entries.append(
                    {
                        "id": f"{place}-{level_kk}-{body_kk}",
                        "kind": "organisation",
                        "names": [f"{place} {level_kk} {body_kk}", f"{body_ru} {level_ru} {place}"],
                        "exclude": [f"{place} облысы"],
                    }
                )
    for number, (kk, ru) in enumerate(zip(TOPIC_KK, TOPIC_RU, strict=True)):
        for place in PLACES:
            entries.append(
                {"id": f"topic-{number}-{place}", "kind": "topic", "names": [f"{place} {kk}", f"{ru} {place}"]}
            )
    return entries


def texts(rng: random.Random, entries: list[dict], total: int) -> list[tuple[str, str]]:
    """(text, language) pairs: generated kk and ru news with watch names in them now and then."""
    from tests.text.declension import forms

    kk_words = [form for noun in KK_NOUNS for form in forms(noun)] + KK_OTHER * 20
    ru_words = [word + rng.choice(RU_ENDINGS) for word in RU_WORDS for _ in range(10)]
    names = [name for entry in entries for name in entry["names"]]
    out = []
    for _ in range(total):
        language = "kk" if rng.random() < 0.6 else "ru"
        vocabulary = kk_words if language == "kk" else ru_words
        words = [rng.choice(vocabulary) for _ in range(rng.randint(60, 250))]
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(names))
        sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
        out.append((" ".join(sentences), language))
    return out


def timed(action, items) -> float:
    start = time.perf_counter()
    for item in items:
        action(item)
    return time.perf_counter() - start


def run(total: int = TEXTS) -> None:
    import ahocorasick

    from pressdesk.monitoring.matching import Watchlist, analyse
    from pressdesk.monitoring.watchlist import parse
    from pressdesk.text import tokens

    rng = random.Random(2_000)
    entries = watch_entries(rng)
    start = time.perf_counter()
    watchlist = Watchlist(parse(entries))
    compiled = time.perf_counter() - start
    corpus = texts(rng, entries, total)
    megabytes = sum(len(text.encode()) for text, _language in corpus) / 1e6
    raw = ahocorasick.Automaton()
    for entry in entries:
        for name in entry["names"]:
            raw.add_word(name.lower(), entry["id"])
    raw.make_automaton()

    def tokenise(item):
        return tokens(item[0], item[1])

    def match(item):
        return watchlist.match(item[0], item[1])

    def analysis(item):
        return analyse(item[0], watchlist)

    def raw_pass(item):
        return list(raw.iter(item[0].lower()))

    timed(analysis, corpus)  # warm-up: the analyzer's caches filled for every side
    actions = {"tokens": tokenise, "match": match, "analyse": analysis, "raw": raw_pass}
    sides: dict[str, list[float]] = {side: [] for side in actions}
    for _ in range(ROUNDS):
        spent = dict.fromkeys(actions, 0.0)
        for first in range(0, len(corpus), BATCH):  # interleaved batch by batch: every side sees the same load
            batch = corpus[first : first + BATCH]
            for side, action in actions.items():
                spent[side] += timed(action, batch)
        for side, seconds in spent.items():
            sides[side].append(seconds)
    median = {side: statistics.median(samples) for side, samples in sides.items()}
    found = sum(1 for item in corpus if match(item))
    names = sum(len(entry["names"]) for entry in entries)
    print(
        f"monitoring match/tokens ratio: {median['match'] / median['tokens']:.2f}x "
        f"({len(corpus)} kk/ru texts, {megabytes:.1f} MB, {found} with a match; watchlist of {names} names in "
        f"{len(entries)} entries, compiled in {compiled:.1f} s; whole analysis (language, match, tone)/tokens "
        f"{median['analyse'] / median['tokens']:.2f}x; for scale only: tokens {megabytes / median['tokens']:.1f} MB/s, "
        f"match {megabytes / median['match']:.1f} MB/s, raw pyahocorasick on the lowercased text "
        f"{megabytes / median['raw']:.0f} MB/s; median of {ROUNDS} rounds, interleaved by {BATCH} texts)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
