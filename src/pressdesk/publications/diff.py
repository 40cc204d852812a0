"""A readable difference between two revisions: words taken out and put in, field by field."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_PIECES = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed", "added"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    pieces: list[Piece]

    @property
    def changed(self) -> bool:
        return any(piece.kind != "same" for piece in self.pieces)


def words(old: str, new: str) -> list[Piece]:
    """The pieces of ``new`` against ``old`` word by word; whitespace counts as its own piece."""
    before, after = _PIECES.findall(old or ""), _PIECES.findall(new or "")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces


def revisions(old, new, labels: dict[str, str]) -> list[FieldDiff]:
    """Title, summary and text of two revisions (any objects with those attributes), compared."""
    return [FieldDiff(str(labels[name]), words(getattr(old, name), getattr(new, name))) for name in labels]
