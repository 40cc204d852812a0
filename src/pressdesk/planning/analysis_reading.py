"""A figures snapshot read back for a page, a PDF or a workbook, in the reader's language.

The snapshot holds codes, ids and titles in every language; ``Coverage`` and
``Readout`` turn them into the words and rows the templates and the XLSX export
show, the same for all three.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from pressdesk.core.models.translations import language_order
from pressdesk.events.models import EventKind, EventStatus
from pressdesk.planning import analysis_media
from pressdesk.planning.models import Analysis, PlanKind, PlanStatus
from pressdesk.publications.models import MaterialKind


def title_of(titles: dict[str, str]) -> str:
    for code in language_order():
        if titles.get(code):
            return titles[code]
    return next(iter(titles.values()), "")


def _moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


@dataclass
class Coverage:
    """The media figures of a snapshot (``analysis_media.count``)."""

    figures: dict
    ident: str

    @property
    def total(self) -> int:
        return self.figures.get("total", 0)

    @property
    def first_day(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.figures["first_day"]) if self.figures.get("first_day") else None

    @property
    def last_day(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.figures["last_day"]) if self.figures.get("last_day") else None

    @property
    def reach(self) -> int:
        return self.figures.get("reach", 0)

    @property
    def outlet_count(self) -> int:
        return self.figures.get("outlet_count", 0)

    @property
    def weekly(self) -> bool:
        return self.figures.get("step") == "week"

    def tones(self) -> list[tuple[str, str, int]]:
        return analysis_media.tone_rows(self.figures)

    def languages(self) -> list[tuple[str, int]]:
        return analysis_media.split_rows(self.figures, "languages")

    def kinds(self) -> list[tuple[str, int]]:
        return analysis_media.split_rows(self.figures, "kinds")

    def outlets(self) -> list[dict]:
        return analysis_media.outlet_rows(self.figures)

    def timeline(self) -> list[tuple[str, list[int], int]]:
        return analysis_media.timeline_rows(self.figures)

    def chart(self) -> SafeString | None:
        return analysis_media.tone_chart(self.figures, self.ident)


@dataclass
class Readout:
    analysis: Analysis
    events: dict = field(default_factory=dict)
    event_rows: list[dict] = field(default_factory=list)
    materials: list[dict] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)
    pickup: dict = field(default_factory=dict)
    coverage: Coverage | None = None

    @property
    def assembled_at(self) -> datetime.datetime | None:
        return _moment(self.analysis.figures.get("assembled_at"))

    @property
    def more_events(self) -> int:
        return max(self.events.get("count", 0) - len(self.event_rows), 0)


def read(analysis: Analysis) -> Readout:
    figures = analysis.figures or {}
    events = figures.get("events", {})
    kinds, statuses = dict(EventKind.choices), dict(EventStatus.choices)
    rows = [
        {
            **row,
            "title": title_of(row.get("titles", {})),
            "kind_label": kinds.get(row["kind"], row["kind"]),
            "status_label": statuses.get(row["status"], row["status"]),
            "starts_at": _moment(row["starts_at"]),
        }
        for row in events.get("rows", [])
    ]
    material_kinds = dict(MaterialKind.choices)
    materials = [
        {
            **row,
            "title": title_of(row.get("titles", {})),
            "kind_label": material_kinds.get(row["kind"], row["kind"]),
            "public_at": _moment(row.get("public_at")),
            "hours_to_first": _delay(row.get("minutes_to_first")),
        }
        for row in figures.get("materials", [])
    ]
    plan_kinds, plan_statuses = dict(PlanKind.choices), dict(PlanStatus.choices)
    parts = [
        {
            **part,
            "kind_label": plan_kinds.get(part["kind"], part["kind"]),
            "status_label": plan_statuses.get(part["status"], part["status"]),
            "starts_on": datetime.date.fromisoformat(part["starts_on"]),
        }
        for part in figures.get("parts", [])
    ]
    return Readout(
        analysis=analysis,
        events=events,
        event_rows=rows,
        materials=materials,
        parts=parts,
        pickup=figures.get("pickup", {}),
        coverage=Coverage(figures.get("coverage", {}), f"analysis-{analysis.pk}-tone"),
    )


def _delay(minutes: int | None) -> str:
    """The time to the first pickup as hours:minutes, or empty."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"
