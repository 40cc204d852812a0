"""An extractive summary of two or three sentences: ``summarize()``, our own, for Kazakh, Russian and English.

1. **Sentences** end at ``.``, ``!``, ``?`` or ``…`` (closing quotes and brackets
   may follow) before a space and a capital, a digit or an opening quote — except
   after an abbreviation (``г.``, ``ул.``, ``т.б.``, ``ж.``, ``Mr.`` …) or an
   initial (``Е. Сапаров``). Line breaks end a sentence too (paragraphs, list items).
2. **Words** are the analyzer's tokens (``pressdesk.text.tokens``, so "әкімдігі" and
   "әкімдік" count as one); tokens of one or two letters and those in more than
   half of the sentences (function words, the city's name) carry no weight.
3. **Score** of a sentence: the summed frequency of its weighted tokens divided by
   the square root of its length (long sentences do not win by length), times a
   bonus for the first two sentences (news puts the point first) and for words of
   the title. Sentences under four words or over sixty get nothing.
4. The best two (three when the text has eight sentences or more) are given in
   their order in the text, within ``MAX_CHARS``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pressdesk.text import tokens

MAX_CHARS = 700
_ABBREVIATIONS = frozenset(
    (
        "г гг ул пр просп пл д кв им т тт др пр см стр рис руб тенге тг млн млрд тыс трлн км кг га мин сек "
        "обл р-н р-на мкр ж жж көш т.б б.з.д ш шақ мың млн. қ а с акад проф доц ген "
        "mr mrs ms dr prof st jr sr vs etc e.g i.e u.s inc ltd co no nos"
    ).split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")
_LAST_WORD = re.compile(r"([\w.-]+)[.!?…]+[\"'»”)\]]*\s*$")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order (see the module's rule 1)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            piece = paragraph[start : match.end()]
            if _ends_in_abbreviation(piece):
                continue
            out.append(piece.strip())
            start = match.end()
        if paragraph[start:].strip():
            out.append(paragraph[start:].strip())
    return out


def _ends_in_abbreviation(piece: str) -> bool:
    if not piece.rstrip().endswith("."):
        return False
    match = _LAST_WORD.search(piece)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def summarize(text: str, language: str | None = None, *, title: str = "", count: int | None = None) -> str:
    """Two or three sentences of ``text`` that say the most (see the module's rules); "" for no text."""
    found = sentences(text)
    if len(found) <= 2:
        return _fit(found)
    words = [tokens(sentence, language) for sentence in found]
    spread = Counter(token for sentence_tokens in words for token in set(sentence_tokens))
    common = {token for token, n in spread.items() if n > len(found) / 2}
    weight = Counter(
        token for sentence_tokens in words for token in sentence_tokens if len(token) > 2 and token not in common
    )
    title_words = set(tokens(title, language)) if title else set()
    scores = []
    for place, (sentence, sentence_tokens) in enumerate(zip(found, words, strict=True)):
        length = len(sentence.split())
        if length < 4 or length > 60:
            scores.append(0.0)
            continue
        score = sum(weight[token] for token in set(sentence_tokens)) / math.sqrt(len(sentence_tokens) or 1)
        score *= (1.5, 1.2)[place] if place < 2 else 1.0
        score *= 1.0 + 0.1 * len(title_words & set(sentence_tokens))
        scores.append(score)
    wanted = count or (3 if len(found) >= 8 else 2)
    best = sorted(sorted(range(len(found)), key=lambda i: -scores[i])[:wanted])
    return _fit([found[i] for i in best])


def _fit(chosen: list[str]) -> str:
    out = ""
    for sentence in chosen:
        candidate = f"{out} {sentence}".strip()
        if len(candidate) > MAX_CHARS and out:
            break
        out = candidate
    if len(out) > MAX_CHARS:
        out = out[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return out
