"""The demo media directory: Almaty's media landscape, with every outlet and person made up.

About sixty outlets (city and national papers in Kazakh and Russian, TV, radio,
online outlets, agencies, Telegram channels, bloggers, foreign bureaux; two closed,
one merged into another), about four hundred journalists with Kazakh and Russian
names in both scripts and in Latin, a trusted pool, partners and four segments.
Three pairs of records are one person entered twice, so the duplicates page has
work to show.

Everything goes through ``directory.services`` with ``actor=None``, so the audit
trail reads like a real one. The world is drawn from a seeded random generator
before anything is written, so it is the same on every run; dates are counted
back from today, so "stale contacts" always has something to list. A second run
finds outlets and partners by their website, journalists by their name and
segments by their name, and changes nothing.
"""

from __future__ import annotations

import datetime
import random
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import Unit
from pressdesk.directory import services
from pressdesk.directory.demo_data import ENDED, HOME_UNIT, NAMES, OUTLETS, PARTNERS, REACH_SOURCES, SEED, SEGMENTS
from pressdesk.directory.demo_plan import Person, Planner, latin, russian
from pressdesk.directory.models import (
    Beat,
    ContactKind,
    Journalist,
    Outlet,
    OutletStatus,
    Partner,
    PartnerPerson,
    Segment,
)
from pressdesk.directory.services import ContactInput

# Writing the plan through the services ---------------------------------------------------------------------------


@transaction.atomic
def load(units: dict[str, Unit]) -> dict[str, int]:
    """The demo directory for the units of core's demo; finds what an earlier run made."""
    today = timezone.localdate()
    outlets = _outlets(units[HOME_UNIT], today)
    beats = {beat.code: beat for beat in Beat.objects.all()}
    existing = set(Journalist.objects.values_list("full_name", flat=True))
    planner = Planner(today)
    for person in planner.plan():
        if person.full_name not in existing:
            _journalist(person, units, outlets, beats)
    for website, (days, merged_into, note) in ENDED.items():
        outlet = outlets[website]
        if outlet.status == OutletStatus.ACTIVE:
            services.outlet_close(
                actor=None,
                outlet=outlet,
                on=today - datetime.timedelta(days=days),
                merged_into=outlets[merged_into] if merged_into else None,
                note=note,
            )
    _partners(units[HOME_UNIT], planner)
    for unit_code, name, description, criteria in SEGMENTS:
        if not Segment.objects.filter(unit=units[unit_code], name=name).exists():
            services.segment_save(
                actor=None, unit=units[unit_code], name=name, description=description, criteria=criteria
            )
    return {
        "outlets": Outlet.objects.count(),
        "journalists": Journalist.objects.present().count(),
        "trusted journalists": Journalist.objects.trusted().count(),
        "partners": Partner.objects.count(),
        "segments": Segment.objects.count(),
    }


def register() -> None:
    """Called from the directory app's ready(): ``pressdesk demo`` then fills the directory too."""
    core_demo.register_loader(load)


def _outlets(unit: Unit, today: datetime.date) -> dict[str, Outlet]:
    found = {o.website: o for o in Outlet.objects.filter(website__in=[row.website for row in OUTLETS])}
    rng = random.Random(SEED)
    for website, kind, level, ownership, languages, reach, _topics in OUTLETS:
        reach_date = today - datetime.timedelta(days=rng.randint(30, 400))
        phone = f"+7 727 {rng.randint(220, 399)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if website in found:
            continue
        host = urlsplit(website).hostname
        handle = website.rstrip("/").split("/")[-1].split(".")[0].replace("-", "_")
        if kind == "telegram":  # monitoring reads a channel through a feed bridge
            contacts = [ContactInput(ContactKind.MESSENGER, "@" + handle, "Telegram")]
            feeds = [f"https://rss-bridge.demo/telegram/{handle}"]
        elif kind == "blog":
            contacts = [ContactInput(ContactKind.MESSENGER, "@" + handle, "Telegram")]
            contacts.append(ContactInput(ContactKind.EMAIL, f"hello@{host}", "", reach_date))
            feeds = [f"https://{host}/feed/"]
        else:
            contacts = [ContactInput(ContactKind.PHONE, phone, "қабылдау бөлмесі", reach_date)]
            contacts.append(ContactInput(ContactKind.EMAIL, f"info@{host}", "редакция", reach_date))
            feeds = [f"https://{host}/rss.xml"]
            feeds += [f"https://{host}/{code}/rss.xml" for code in languages.split()[1:2]]
        found[website] = services.outlet_create(
            actor=None,
            unit=unit,
            names=dict(zip(("kk", "ru", "en"), NAMES[website], strict=True)),
            kind=kind,
            level=level,
            ownership=ownership,
            languages=languages.split(),
            feeds=feeds,
            contacts=contacts,
            reach=reach,
            reach_source=REACH_SOURCES[kind] if reach else "",
            reach_date=reach_date if reach else None,
            website=website,
        )
    # With their names at hand: audit entries and moves name the outlet without a query each time.
    return {o.website: o for o in Outlet.objects.filter(pk__in=[o.pk for o in found.values()]).with_names()}


def _journalist(person: Person, units: dict[str, Unit], outlets: dict[str, Outlet], beats: dict[str, Beat]) -> None:
    first, *later = person.jobs or [None]
    journalist = services.journalist_create(
        actor=None,
        unit=units[person.unit],
        full_name=person.full_name,
        consent_basis=person.consent_basis,
        languages=person.languages,
        beats=[beats[code] for code in person.beats],
        contacts=person.contacts,
        outlet=outlets[first.outlet] if first else None,
        title=first.title if first else "",
        since=first.on if first else None,
        name_variants="\n".join(person.variants),
        preferred_language=person.preferred,
        consent_on=person.consent_on,
        notes=person.notes,
    )
    for job in later:
        services.journalist_move(
            actor=None,
            journalist=journalist,
            outlet=outlets[job.outlet] if job.outlet else None,
            title=job.title,
            on=job.on,
        )
    if person.trust_reason:
        services.journalist_trust(actor=None, journalist=journalist, trusted=True, reason=person.trust_reason)


def _partners(unit: Unit, planner: Planner) -> None:
    found = {p.website: p for p in Partner.objects.filter(website__in=[website for _kind, website, *_rest in PARTNERS])}
    for kind, website, names, people in PARTNERS:
        partner = found.get(website) or services.partner_save(
            actor=None, unit=unit, names=names, kind=kind, website=website
        )
        host = urlsplit(website).hostname
        for full_name, position in people:
            first, last = (latin(russian(word)) for word in full_name.split()[:2])
            email, phone = f"{first[0]}.{last}@{host}".lower(), planner.mobile()
            if PartnerPerson.objects.filter(partner=partner, full_name=full_name).exists():
                continue
            contacts = [ContactInput(ContactKind.EMAIL, email), ContactInput(ContactKind.PHONE, phone, "ұялы")]
            services.partner_person_add(
                actor=None, partner=partner, full_name=full_name, position=position, contacts=contacts
            )
