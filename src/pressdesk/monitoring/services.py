"""The analyst's writes in monitoring: watch entries, tone corrections, items entered by hand. Each one audited.

**Watch entries** are checked the way the engine will read them (``watchlist.parse``
and the phrase compiler): a name made only of level words ("облысы", "city") or an
empty list is refused with a message that names the phrase, and nothing is saved.
Saving stamps ``updated_at``, which makes the pipeline compile its watchlist again.

**Tone corrections** set the clipping's tone for good (``tone_corrected``: the
pipeline never analyses a stored clipping again, and nothing else writes its tone)
and teach the lexicon (``learn``) — conservatively, because one article holds
hundreds of words and only a few carry its tone:

* only the clipping's own stems are reconsidered, in its language (kk, ru, en), as
  the pipeline makes them (``tokens(title + text, language)``); stems of fewer than
  four letters, with digits, or already in the shipped lexicon (a word, negator or
  intensifier: the shipped lists are edited as files, never by votes) are left alone;
* a stem is counted over the latest ``LEARN_FROM`` corrected clippings of the
  language: in how many the analysts said positive, negative or neutral;
* it has a weight only when at least ``MIN_AGREEING`` of them agree on one side
  and that side has at least ``AGREEMENT`` of its votes (the other side and neutral
  count against it), and it is not an everyday word: it is in at most ``COMMON`` of
  the latest ``BACKGROUND`` uncorrected clippings of the language, of which there
  must be at least ``MIN_BACKGROUND``;
* the weight grows with the net agreement: 0.5 at three, 0.75 at four, at most 1.0
  (a shipped word weighs 1 to 3), positive or negative; ``evidence`` is the number
  of agreeing clippings. A stem that no longer qualifies loses its row.

The pipeline reads the ``LearnedStem`` rows into the lexicon (``Lexicon.with_stems``)
the next time it stores an item, so a word the analysts keep marking teaches the
next analysis; words that come with every kind of news never do.

**Items entered by hand** (TV, radio, print) go through ``pipeline.enter``, so they get
language, matches, tone, story and the search index as fetched ones do. Their scan
or clip is judged by its bytes (``core.files`` for scans; audio and video by their
container's signature) and never by its name.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core import files as kinds
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Outlet
from pressdesk.monitoring import matching, pipeline, tasks
from pressdesk.monitoring.models import (
    MANUAL_KINDS,
    Clipping,
    LearnedStem,
    Source,
    Tone,
    ToneCorrection,
    Watch,
    WatchKind,
)
from pressdesk.monitoring.registry import CORRECT, ENTER, SOURCES, WATCH
from pressdesk.monitoring.watchlist import Entry, WatchlistError, analyzer_language, parse
from pressdesk.text import tokens
from pressdesk.text.tone import LEXICON_LANGUAGES, default_lexicon

MAX_NAMES = 50
MAX_PHRASE = 200

# Learning from tone corrections (see the module's docstring).
LEARN_FROM = 300
BACKGROUND = 200
MIN_BACKGROUND = 20
MIN_AGREEING = 3
AGREEMENT = 0.75
COMMON = 0.1
MIN_STEM = 4
MAX_LEARNED_WEIGHT = 1.0

# Scans (core.files) and clips (audio, video) an item may carry.
SCAN_KINDS = (kinds.PDF, kinds.JPEG, kinds.PNG, kinds.WEBP)
CLIP_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}
HEAD_BYTES = 64 * 1024


# Watch entries


def _phrases(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(value.split()) for value in values if value.strip()))


def draft_entry(
    *, kind: str, names: Iterable[str], exclude: Iterable[str] = (), initials: bool = False, id: str | int = "draft"
) -> Entry:
    """A watch entry as the engine reads it, or ``DomainError`` naming the phrase it cannot use."""
    names, exclude = _phrases(names), _phrases(exclude)
    if kind not in WatchKind.values:
        raise DomainError(_("Choose whether it is an organisation, an official or a topic."))
    if not names:
        raise DomainError(_("Write at least one name, one per line."))
    if len(names) + len(exclude) > MAX_NAMES:
        raise DomainError(_("An entry holds at most %(n)d names and exclusions together.") % {"n": MAX_NAMES})
    for phrase in [*names, *exclude]:
        if len(phrase) > MAX_PHRASE:
            raise DomainError(
                _("“%(phrase)s…” is too long: a name has at most %(n)d characters.")
                % {"phrase": phrase[:40], "n": MAX_PHRASE}
            )
    try:
        (entry,) = parse([{"id": id, "kind": kind, "names": names, "exclude": exclude, "initials": initials}])
    except WatchlistError as error:
        raise DomainError(str(error)) from None
    for phrase in [*names, *exclude]:
        try:
            matching.Watchlist([Entry(id=id, kind=kind, names=(phrase,))])
        except WatchlistError:
            raise DomainError(
                _(
                    "“%(phrase)s” has nothing to look for: it holds only words such as city, region, district or "
                    "“of”. Write the name itself, for example “Алматы қаласы”."
                )
                % {"phrase": phrase}
            ) from None
    return entry


def _watch_state(watch: Watch) -> dict:
    return {
        "kind": watch.kind,
        "label": watch.label,
        "names": list(watch.names),
        "exclude": list(watch.exclude or []),
        "initials": watch.initials,
    }


def _check_watch(actor: User, unit: Unit) -> None:
    if not has_perm(actor, WATCH, unit):
        raise DomainError(_("You may not keep the watchlist of this unit."))


def _label(label: str, entry: Entry) -> str:
    label = " ".join(label.split())[:200]
    return label or entry.names[0][:200]


def _unique_label(unit: Unit, label: str, exclude_pk: int | None = None) -> None:
    if Watch.objects.filter(unit=unit, label=label, active=True).exclude(pk=exclude_pk).exists():
        raise DomainError(_("The unit already watches “%(label)s”. Change that entry instead.") % {"label": label})


@transaction.atomic
def watch_create(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    label: str = "",
    names: Iterable[str],
    exclude: Iterable[str] = (),
    initials: bool = False,
) -> Watch:
    _check_watch(actor, unit)
    entry = draft_entry(kind=kind, names=names, exclude=exclude, initials=initials)
    label = _label(label, entry)
    _unique_label(unit, label)
    now = timezone.now()
    watch = Watch.objects.create(
        unit=unit,
        kind=entry.kind,
        label=label,
        names=list(entry.names),
        exclude=list(entry.exclude),
        initials=entry.initials,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    audit.record(actor=actor, action="monitoring.watch.created", target=watch, unit=unit, after=_watch_state(watch))
    return watch


@transaction.atomic
def watch_change(
    *,
    actor: User,
    watch: Watch,
    kind: str,
    label: str = "",
    names: Iterable[str],
    exclude: Iterable[str] = (),
    initials: bool = False,
) -> Watch:
    watch = Watch.objects.select_for_update().select_related("unit").get(pk=watch.pk)
    _check_watch(actor, watch.unit)
    entry = draft_entry(kind=kind, names=names, exclude=exclude, initials=initials, id=watch.pk)
    before = _watch_state(watch)
    watch.kind, watch.label = entry.kind, _label(label, entry)
    watch.names, watch.exclude, watch.initials = list(entry.names), list(entry.exclude), entry.initials
    if watch.active:
        _unique_label(watch.unit, watch.label, exclude_pk=watch.pk)
    after = _watch_state(watch)
    if after == before:
        return watch
    watch.updated_at = timezone.now()
    watch.save(update_fields=["kind", "label", "names", "exclude", "initials", "updated_at"])
    audit.record(
        actor=actor, action="monitoring.watch.changed", target=watch, unit=watch.unit, before=before, after=after
    )
    return watch


@transaction.atomic
def watch_set_active(*, actor: User, watch: Watch, active: bool) -> Watch:
    """Retire an entry (its mentions stay; nothing new is matched) or watch it again."""
    watch = Watch.objects.select_for_update().select_related("unit").get(pk=watch.pk)
    _check_watch(actor, watch.unit)
    if watch.active == active:
        raise DomainError(_("This entry is already watched.") if active else _("This entry is already retired."))
    if active:
        _unique_label(watch.unit, watch.label, exclude_pk=watch.pk)
    watch.active = active
    watch.updated_at = timezone.now()
    watch.save(update_fields=["active", "updated_at"])
    audit.record(
        actor=actor,
        action="monitoring.watch.restored" if active else "monitoring.watch.retired",
        target=watch,
        unit=watch.unit,
        before={"active": not active},
        after={"active": active},
    )
    return watch


# Tone corrections


@transaction.atomic
def tone_correct(*, actor: User, clipping: Clipping, tone: str) -> Clipping:
    """Set the clipping's tone for good and let the lexicon learn from it; returns the clipping."""
    if not has_perm(actor, CORRECT):
        raise DomainError(_("Your roles do not allow correcting the tone."))
    if tone not in Tone.values:
        raise DomainError(_("Choose positive, neutral or negative."))
    clipping = Clipping.objects.select_for_update().get(pk=clipping.pk)
    if clipping.tone_corrected and clipping.tone == tone:
        raise DomainError(_("An analyst has already set this tone."))
    before = clipping.tone
    ToneCorrection.objects.create(clipping=clipping, before=before, after=tone, by=actor)
    clipping.tone, clipping.tone_corrected = tone, True
    clipping.save(update_fields=["tone", "tone_corrected"])
    learned = learn(clipping)
    audit.record(
        actor=actor,
        action="monitoring.clipping.tone_corrected",
        target=clipping,
        unit=None,
        before={"tone": before},
        after={"tone": tone, "learned": learned},
    )
    return clipping


def _stems(clipping: Clipping) -> set[str]:
    whole = f"{clipping.title}\n{clipping.text}" if clipping.title else clipping.text
    return set(tokens(whole, analyzer_language(clipping.language)))


def learn(clipping: Clipping) -> list[str]:
    """Reconsider the learned weight of each stem of a corrected clipping; returns the stems that now have one."""
    language = clipping.language
    if language not in LEXICON_LANGUAGES:
        return []
    shipped = default_lexicon().words_for(language).marked
    candidates = {stem for stem in _stems(clipping) if len(stem) >= MIN_STEM and stem.isalpha() and stem not in shipped}
    if not candidates:
        return []
    votes = {tone: Counter() for tone in Tone.values}
    corrected = Clipping.objects.filter(language=language, tone_corrected=True).order_by("-pk")
    for other in corrected.only("title", "text", "language", "tone")[:LEARN_FROM]:
        votes[other.tone].update(_stems(other) & candidates)
    background = Counter()
    uncorrected = Clipping.objects.filter(language=language, tone_corrected=False).order_by("-published_at", "-pk")
    seen = 0
    for other in uncorrected.only("title", "text", "language")[:BACKGROUND]:
        background.update(_stems(other) & candidates)
        seen += 1
    weights = {stem: _weight(stem, votes, background, seen) for stem in candidates}
    kept = {stem: weight for stem, weight in weights.items() if weight}
    rows = {row.stem: row for row in LearnedStem.objects.filter(language=language, stem__in=candidates)}
    LearnedStem.objects.filter(pk__in=[row.pk for stem, row in rows.items() if stem not in kept]).delete()
    changed, added = [], []
    for stem, weight in kept.items():
        evidence = votes[Tone.POSITIVE if weight > 0 else Tone.NEGATIVE][stem]
        row = rows.get(stem)
        if row is None:
            added.append(LearnedStem(language=language, stem=stem, weight=weight, evidence=evidence))
        elif (row.weight, row.evidence) != (weight, evidence):
            row.weight, row.evidence = weight, evidence
            changed.append(row)
    LearnedStem.objects.bulk_create(added)
    LearnedStem.objects.bulk_update(changed, ["weight", "evidence"])
    return sorted(kept)


def _weight(stem: str, votes: dict[str, Counter], background: Counter, seen: int) -> float:
    """The learned weight of one stem from the corrections' votes, or 0 (see the module's docstring)."""
    if seen < MIN_BACKGROUND or background[stem] > COMMON * seen:
        return 0.0
    positive, negative, neutral = (votes[tone][stem] for tone in (Tone.POSITIVE, Tone.NEGATIVE, Tone.NEUTRAL))
    agree, sign = (positive, 1) if positive > negative else (negative, -1)
    against = positive + negative + neutral - agree
    if agree < MIN_AGREEING or agree < AGREEMENT * (agree + against):
        return 0.0
    net = agree - against
    if net < MIN_AGREEING:
        return 0.0
    return sign * min(MAX_LEARNED_WEIGHT, 0.5 + 0.25 * (net - MIN_AGREEING))


# Sources (the rest of their writes are ``sources``')


@transaction.atomic
def source_read_now(*, actor: User, source: Source) -> None:
    """Have the worker read an active source at once (after this transaction commits)."""
    if not has_perm(actor, SOURCES, source.feed.outlet.unit):
        raise DomainError(_("The outlet of this source is kept by another unit."))
    if not source.active:
        raise DomainError(_("A paused source is not read: resume it first."))
    audit.record(actor=actor, action="monitoring.source.read_requested", target=source, unit=source.feed.outlet.unit)
    transaction.on_commit(lambda: tasks.fetch_source.enqueue(source.pk))


# Items entered by hand


def attachment_max_bytes() -> int:
    return int(getattr(settings, "MONITORING_ATTACHMENT_MAX_MB", 100)) * 1024 * 1024


def clip_type(head: bytes) -> str | None:
    """The audio or video container a file starts as (a key of ``CLIP_TYPES``), or None."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def attachment_type(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) of a stored or uploaded scan or clip by its first bytes; None when it is neither."""
    kind = kinds.sniff(head)
    if kind in SCAN_KINDS:
        return kinds.EXTENSIONS[kind][0], kinds.CONTENT_TYPES[kind]
    clip = clip_type(head)
    if clip is not None and kind not in kinds.REFUSED_KINDS:
        return f".{clip}", CLIP_TYPES[clip]
    return None


def checked_attachment(uploaded: UploadedFile) -> File:
    """The upload as a file to keep under a name of our own, or ``DomainError`` saying what it really is."""
    name = kinds.clean_name(uploaded.name or "")
    size = kinds.size_of(uploaded)
    if not size:
        raise DomainError(_("“%(name)s” is empty.") % {"name": name})
    if size > attachment_max_bytes():
        raise DomainError(
            _("“%(name)s” is %(size)s: at most %(limit)s is accepted. Make it smaller and send it again.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(attachment_max_bytes())}
        )
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    found = attachment_type(head)
    if found is None:
        raise DomainError(
            _("“%(name)s” is %(what)s. Attach a scan (PDF, JPEG, PNG or WebP) or a clip (MP4, WebM, MP3, OGG or WAV).")
            % {"name": name, "what": kinds.describe(kinds.sniff(head))}
        )
    return File(uploaded, name=f"{uuid.uuid4().hex}{found[0]}")


def clipping_enter(
    *,
    actor: User,
    outlet: Outlet,
    kind: str,
    title: str,
    text: str,
    published_at: datetime.datetime,
    programme: str = "",
    aired_at: datetime.datetime | None = None,
    url: str = "",
    upload: UploadedFile | None = None,
) -> Clipping:
    """A TV, radio or print item typed in, analysed like a fetched one (``pipeline.enter``, which audits it)."""
    if not has_perm(actor, ENTER):
        raise DomainError(_("Your roles do not allow entering items."))
    if kind not in MANUAL_KINDS:
        raise DomainError(_("Only TV, radio and print items are entered by hand."))
    if not text.strip() and upload is None:
        raise DomainError(_("Type the transcript or the text, or attach the scan or the clip."))
    attachment = checked_attachment(upload) if upload is not None else None
    if aired_at is not None and aired_at > timezone.now():
        raise DomainError(_("The air time is in the future: enter an item once it has been aired."))
    return pipeline.enter(
        actor=actor,
        outlet=outlet,
        kind=kind,
        title=title,
        text=text,
        published_at=published_at,
        programme=" ".join(programme.split()),
        aired_at=aired_at,
        attachment=attachment,
        url=url,
    )
