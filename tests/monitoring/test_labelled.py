"""The engine against sentences written and labelled by hand: matching precision and recall, language and tone, per script.

``labelled/`` holds a watchlist and one JSONL file per script (Kazakh in Cyrillic; Kazakh in
Latin letters, the 2021 alphabet and informal Latin without diacritics; Russian; English), each
line ``{"id", "text", "matches", "language", "tone"}`` as a careful analyst would label it: news
ledes about the Almaty city akimat, its akim and departments, in every case and word order, and
about a third hard negatives (the Almaty region's akimat, Astana's Almaty district, another
city's akim, namesakes). Matching is scored over sentences × watch ids, micro-averaged.

The floors are what the engine reaches today (two decimals, rounded down). A naive matcher
(a lowercase substring of each name) must score clearly lower recall on the inflected and Latin
sets, or the set would not tell a good matcher from a bad one. ``pytest -s`` prints the table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from pressdesk.monitoring.matching import Watchlist, analyse
from pressdesk.monitoring.watchlist import Entry, load

LABELLED = Path(__file__).with_name("labelled")
SCRIPTS = ("kk_cyrillic", "kk_latin", "ru", "en")
TONES = ("positive", "neutral", "negative")
MIN_SENTENCES = 60
MIN_NEGATIVE_SHARE = 0.25  # sentences that must match nothing

# script: (matching precision, matching recall, language accuracy, tone accuracy), each a floor at what the engine
# reaches (today: kk_cyrillic 1.000 0.934 1.000 0.900; kk_latin 1.000 0.966 1.000 0.841; ru 1.000 0.965 1.000 0.870;
# en 1.000 0.982 1.000 0.838). Before issue 9's tuning: kk_cyrillic 0.653 0.825 1.000 0.621; kk_latin 0.710 0.891
# 0.815 0.631; ru 0.939 0.868 1.000 0.723; en 0.961 0.925 1.000 0.688. The recall left is a surname alone or an
# initial in a sentence without Almaty or akim (the entry's required phrases, which a surname alone needs), and a
# bare "Әкімдіктің" or "Қала әкімдігі" with Almaty elsewhere in the sentence; the tone left is mostly a neutral
# sentence about a negative topic (questions about traffic jams) and a positive one told without a verdict word
# (new buses bought, new routes presented).
FLOORS = {
    "kk_cyrillic": (1.00, 0.93, 1.00, 0.90),
    "kk_latin": (1.00, 0.96, 1.00, 0.84),
    "ru": (1.00, 0.96, 1.00, 0.86),
    "en": (1.00, 0.98, 1.00, 0.83),
}
# How far the naive matcher's recall must stay below the engine's (today: naive kk_cyrillic 0.672, kk_latin 0.000,
# ru 0.351, en 0.456). Kazakh adds suffixes after the written form, so a substring still finds many Cyrillic
# forms; Latin letters, Russian endings and word order defeat it.
BASELINE_GAP = {"kk_cyrillic": 0.2, "kk_latin": 0.9, "ru": 0.55, "en": 0.45}


@dataclass(frozen=True)
class Scores:
    sentences: int
    precision: float
    recall: float
    language: float
    tone: float

    def row(self, script: str) -> str:
        return (
            f"{script:<12} {self.sentences:>9} {self.precision:>9.3f} {self.recall:>7.3f}"
            f" {self.language:>8.3f} {self.tone:>6.3f}"
        )


HEADER = f"{'script':<12} {'sentences':>9} {'precision':>9} {'recall':>7} {'language':>8} {'tone':>6}"


@cache
def entries() -> tuple[Entry, ...]:
    return tuple(load(LABELLED / "watchlist.json"))


@cache
def watchlist() -> Watchlist:
    return Watchlist(entries())


@cache
def items(script: str) -> tuple[dict, ...]:
    lines = (LABELLED / f"{script}.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def match_scores(labelled: Iterable[dict], found: Callable[[str], set]) -> tuple[float, float]:
    """Micro-averaged precision and recall of ``found(text)`` against the labels, over sentences × watch ids."""
    true_positive = false_positive = false_negative = 0
    for item in labelled:
        expected, got = set(item["matches"]), found(item["text"])
        true_positive += len(expected & got)
        false_positive += len(got - expected)
        false_negative += len(expected - got)
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    return precision, recall


def engine_found(text: str) -> set:
    return set(analyse(text, watchlist()).matches)


def naive_found(text: str) -> set:
    """The trivial matcher: an entry is found where one of its names, lowercased, is a substring of the text."""
    lowered = text.lower()
    return {entry.id for entry in entries() if any(name.lower() in lowered for name in entry.names)}


@cache
def scores(script: str) -> Scores:
    labelled = items(script)
    results = [analyse(item["text"], watchlist()) for item in labelled]
    precision, recall = match_scores(labelled, engine_found)
    return Scores(
        sentences=len(labelled),
        precision=precision,
        recall=recall,
        language=sum(r.language == item["language"] for r, item in zip(results, labelled, strict=True)) / len(labelled),
        tone=sum(r.tone.label == item["tone"] for r, item in zip(results, labelled, strict=True)) / len(labelled),
    )


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_labelled_set_is_large_varied_and_well_formed(script):
    labelled = items(script)
    ids = {entry.id for entry in entries()}
    assert len(labelled) >= MIN_SENTENCES
    assert len({item["id"] for item in labelled}) == len(labelled)
    assert len({item["text"] for item in labelled}) == len(labelled)
    for item in labelled:
        assert set(item) == {"id", "text", "matches", "language", "tone"}, item["id"]
        assert set(item["matches"]) <= ids, item["id"]
        assert item["language"] == ("kk" if script.startswith("kk") else script), item["id"]
        assert item["tone"] in TONES, item["id"]
    negatives = sum(not item["matches"] for item in labelled)
    assert negatives >= MIN_NEGATIVE_SHARE * len(labelled)
    assert {watch for item in labelled for watch in item["matches"]} == ids  # every entry is tried in every script
    assert {item["tone"] for item in labelled} == set(TONES)


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_engine_meets_its_floors(script):
    got = scores(script)
    print(f"\n{HEADER}\n{got.row(script)}")
    precision, recall, language, tone = FLOORS[script]
    assert got.precision >= precision
    assert got.recall >= recall
    assert got.language >= language
    assert got.tone >= tone


@pytest.mark.parametrize("script", sorted(BASELINE_GAP))
def test_a_naive_substring_matcher_scores_clearly_lower_recall(script):
    naive_precision, naive_recall = match_scores(items(script), naive_found)
    engine = scores(script)
    print(
        f"\n{script}: naive precision {naive_precision:.3f} recall {naive_recall:.3f}; engine recall {engine.recall:.3f}"
    )
    assert naive_recall <= engine.recall - BASELINE_GAP[script]
