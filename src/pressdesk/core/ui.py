"""Navigation and dashboard cards, filled in by each app when it starts.

``core`` knows no business module: apps call ``register_module`` and
``register_card`` from their AppConfig.ready(). Modules of PRODUCT.md that
have not landed yet are listed as planned and lead to an honest empty page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass
class Module:
    key: str
    label: str | Promise
    summary: str | Promise
    url_name: str | None = None  # None while the module is planned, not landed
    action: str | None = None  # the permission needed to see it in the navigation
    order: int = 100

    @property
    def landed(self) -> bool:
        return self.url_name is not None

    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("core:planned_module", args=[self.key])


@dataclass
class Card:
    key: str
    render: Callable[[HttpRequest], dict | None]  # context for the template, or None to hide
    template: str
    order: int = 100
    action: str | None = None


_MODULES: dict[str, Module] = {}
_CARDS: dict[str, Card] = {}

PLANNED = [
    ("directory", _("Media directory"), _("Outlets, journalists and partners, the trusted pool, segments."), 20),
    (
        "publications",
        _("Materials"),
        _("Press releases and other materials in three languages, review, approval, embargo."),
        30,
    ),
    ("distribution", _("Distribution"), _("Sending materials to journalists by email, each in their language."), 40),
    ("events", _("Events"), _("Press conferences, briefings, interviews, registrations and questions."), 50),
    ("accreditation", _("Accreditation"), _("Applications, passes with QR codes, check-in at the door."), 60),
    ("inquiries", _("Media inquiries"), _("Requests from the media on the legal five-working-day clock."), 70),
    ("monitoring", _("Monitoring"), _("What the media write: clippings, watchlist, tone, alerts, digest."), 80),
    ("planning", _("Press plan and reports"), _("The press plan, advice notes, analysis, reports."), 90),
    ("newsroom", _("Public newsroom"), _("The body's public pages for journalists and citizens."), 95),
]


def register_module(module: Module) -> None:
    _MODULES[module.key] = module


def register_card(card: Card) -> None:
    _CARDS[card.key] = card


def modules() -> list[Module]:
    known = dict(_MODULES)
    for key, label, summary, order in PLANNED:
        known.setdefault(key, Module(key=key, label=label, summary=summary, order=order))
    return sorted(known.values(), key=lambda m: (m.order, m.key))


def get_module(key: str) -> Module | None:
    return {m.key: m for m in modules()}.get(key)


def cards() -> list[Card]:
    return sorted(_CARDS.values(), key=lambda c: (c.order, c.key))
