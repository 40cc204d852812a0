"""Every write with a rule on materials: texts and revisions, the workflow, scheduling, embargo, corrections.

Views and the API call these and nothing else. Each step checks the actor's
role in the material's unit, moves the status, writes the audit trail (who,
when, why) and tells the next person (``notify``). A step that fails leaves
the material as it was: each runs in one transaction on a row locked first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Journalist
from pressdesk.publications import hooks, indexing, notify, rendering
from pressdesk.publications.models import (
    EDITABLE,
    PUBLIC,
    ApprovalRule,
    Comment,
    Correction,
    CorrectionNote,
    Material,
    MaterialKind,
    MaterialVersion,
    MediaAsset,
    Revision,
    Status,
    Topic,
)
from pressdesk.publications.models.materials import HEAD_APPROVES_BY_DEFAULT

WRITE = "publications.write"
REVIEW = "publications.review"
APPROVE = "publications.approve"
PUBLISH = "publications.publish"

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SUMMARY_MAX, BODY_MAX, NOTE_MAX = 2000, 100_000, 5000


class Conflict(DomainError):
    """Someone saved the same language version since the editor opened it; their text is in ``current``."""

    def __init__(self, message: str, current: MaterialVersion) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True)
class Text:
    title: str
    summary: str
    body: str

    def cleaned(self) -> Text:
        # A title is one line: a line break would also break the subject of every letter about it.
        return Text(" ".join(self.title.split()), self.summary.strip(), self.body.strip())


def ancestors(path: str) -> list[str]:
    """The unit's own path first, then each unit above it."""
    return [path[:end] for end in range(len(path), 0, -7)]


def _decide(path: str, kind: str, rules: dict[tuple[str, str], bool]) -> bool:
    for ancestor in ancestors(path):
        if (ancestor, kind) in rules:
            return rules[ancestor, kind]
    return kind in HEAD_APPROVES_BY_DEFAULT


def head_approves(unit: Unit, kind: str) -> bool:
    """The unit's rule for this type, else the nearest rule above it, else the default."""
    rules = ApprovalRule.objects.filter(kind=kind, unit__path__in=ancestors(unit.path)).values_list(
        "unit__path", "kind", "head_approves"
    )
    return _decide(unit.path, kind, {(path, k): value for path, k, value in rules})


def approval_table(units: Iterable[Unit]) -> dict[int, dict[str, bool]]:
    """For each unit, each type: does the head approve? One query for the whole table."""
    units = list(units)
    paths = {ancestor for unit in units for ancestor in ancestors(unit.path)}
    rules = {
        (path, kind): value
        for path, kind, value in ApprovalRule.objects.filter(unit__path__in=paths).values_list(
            "unit__path", "kind", "head_approves"
        )
    }
    return {unit.pk: {kind: _decide(unit.path, kind, rules) for kind in MaterialKind.values} for unit in units}


def _require(actor: User, action: str, material: Material, message: str) -> None:
    if not has_perm(actor, action, material.unit):
        raise DomainError(message)


def _locked(material: Material) -> Material:
    """Lock the row, then bring the caller's object up to date, so it shows the result of the step."""
    list(Material.objects.select_for_update().filter(pk=material.pk).values_list("pk"))
    material.refresh_from_db()
    return material


def _move(material: Material, *, actor: User | None, to: str, action: str, note: str = "", **changes) -> Material:
    before = {"status": material.status, **{key: getattr(material, key) for key in changes}}
    material.status = to
    for key, value in changes.items():
        setattr(material, key, value)
    material.updated_at = timezone.now()
    material.save(update_fields=["status", "updated_at", *changes])
    audit.record(
        actor=actor,
        action=action,
        target=material,
        unit=material.unit,
        before=before,
        after={"status": to, **changes},
        note=note,
    )
    return material


def is_out(material: Material, now: datetime.datetime | None = None) -> bool:
    """Public now: published or corrected, or scheduled and due though the robot has not recorded it yet."""
    now = now or timezone.now()
    if material.status in PUBLIC:
        return True
    return (
        material.status == Status.SCHEDULED
        and material.publish_at is not None
        and material.publish_at <= now
        and (material.embargo_until is None or material.embargo_until <= now)
    )


def _check_text(text: Text) -> Text:
    text = text.cleaned()
    if not text.title:
        raise DomainError(_("Give the material a title."))
    if len(text.title) > 300:
        raise DomainError(_("The title is too long: at most 300 characters."))
    if len(text.summary) > SUMMARY_MAX:
        raise DomainError(_("The summary is too long: at most %(limit)s characters.") % {"limit": SUMMARY_MAX})
    if not text.body:
        raise DomainError(_("The text is empty."))
    if len(text.body) > BODY_MAX:
        raise DomainError(_("The text is too long: at most %(limit)s characters.") % {"limit": BODY_MAX})
    return text


def _short(value: str, limit: int, empty_message: str) -> str:
    """A comment, reason or note: required, and at most ``limit`` characters."""
    value = value.strip()
    if not value:
        raise DomainError(empty_message)
    if len(value) > limit:
        raise DomainError(_("This is too long: at most %(limit)s characters.") % {"limit": limit})
    return value


def _write_revision(version: MaterialVersion, text: Text, actor: User | None, *, correction: bool = False) -> None:
    Revision.objects.create(
        version=version,
        number=version.revision,
        title=text.title,
        summary=text.summary,
        body=text.body,
        author=actor,
        is_correction=correction,
    )


# --- creating and editing ---------------------------------------------------------------------------------


@transaction.atomic
def create(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    language: str,
    text: Text,
    topics: Iterable[Topic] = (),
    spokesperson: User | None = None,
) -> Material:
    if not has_perm(actor, WRITE, unit):
        raise DomainError(_("You may not write materials for this unit."))
    if kind not in MaterialKind.values:
        raise DomainError(_("Choose the type of the material."))
    if language not in LANGUAGES:
        raise DomainError(_("Choose the language of the text."))
    text = _check_text(text)
    material = Material.objects.create(
        kind=kind, unit=unit, source_language=language, author=actor, spokesperson=spokesperson
    )
    material.topics.set(topics)
    version = MaterialVersion.objects.create(
        parent=material,
        language=language,
        title=text.title,
        summary=text.summary,
        body=text.body,
        body_html=rendering.body_html(text.body),
        updated_by=actor,
    )
    _write_revision(version, text, actor)
    indexing.reindex(material)
    audit.record(
        actor=actor,
        action="publications.material.created",
        target=material,
        unit=unit,
        after={"kind": kind, "language": language, "headline": text.title},
    )
    return material


@transaction.atomic
def save_version(
    *,
    actor: User,
    material: Material,
    language: str,
    text: Text,
    base_revision: int | None,
    follows_source: bool = True,
) -> MaterialVersion:
    """Save the text in one language as a new revision.

    ``base_revision`` is the revision the editor started from (None for a new
    language). If someone saved in between, ``Conflict`` is raised and nothing
    is written: the caller shows both texts and the user keeps theirs.
    """
    material = _locked(material)
    _require(actor, WRITE, material, _("You may not edit materials of this unit."))
    if language not in LANGUAGES:
        raise DomainError(_("Choose the language of the text."))
    version = MaterialVersion.objects.select_for_update().filter(parent=material, language=language).first()
    added_after = version is None and base_revision is None and is_out(material)
    if added_after:
        # A new language for a published material goes out at once: whoever may publish adds it, on the record.
        _require(actor, PUBLISH, material, _("Only those who may publish add a language to a published material."))
    elif material.status not in EDITABLE:
        if is_out(material):
            raise DomainError(_("The material is public: change its text by publishing a correction."))
        raise DomainError(
            _("The material is %(status)s: return it to draft before changing the text.")
            % {"status": material.get_status_display().lower()}
        )
    text = _check_text(text)
    if version is not None and base_revision != version.revision:
        raise Conflict(
            _(
                "%(name)s saved this text while you were editing it. Your text is kept below: "
                "compare it with theirs, then save again."
            )
            % {"name": version.updated_by.full_name if version.updated_by else _("Someone")},
            current=version,
        )
    if version is None and base_revision is not None:
        raise DomainError(_("This language version was removed while you were editing it; save it as new."))
    source = material.source_version() if language != material.source_language else None
    if version is None:
        version = MaterialVersion(parent=material, language=language, revision=1)
        before = None
    else:
        if (version.title, version.summary, version.body) == (text.title, text.summary, text.body) and (
            source is None or not follows_source or version.source_revision == source.revision
        ):
            return version  # nothing changed: no empty revision
        before = {"headline": version.title, "revision": version.revision}
        version.revision += 1
    version.title, version.summary, version.body = text.title, text.summary, text.body
    version.body_html = rendering.body_html(text.body)
    version.updated_at = timezone.now()
    version.updated_by = actor
    if source is not None and (follows_source or version.source_revision is None):
        version.source_revision = source.revision
    version.save()
    _write_revision(version, text, actor)
    material.updated_at = timezone.now()
    material.save(update_fields=["updated_at"])
    indexing.reindex(material)
    audit.record(
        actor=actor,
        action="publications.version.added_after_publication" if added_after else "publications.version.saved",
        target=material,
        unit=material.unit,
        before=before,
        after={"language": language, "headline": text.title, "revision": version.revision},
    )
    return version


@transaction.atomic
def update_details(
    *,
    actor: User,
    material: Material,
    kind: str,
    topics: Iterable[Topic],
    spokesperson: User | None,
    lead_image: MediaAsset | None = None,
    attachments: Iterable[MediaAsset] = (),
) -> Material:
    material = _locked(material)
    _require(actor, WRITE, material, _("You may not edit materials of this unit."))
    if material.status not in EDITABLE:
        raise DomainError(_("Return the material to draft before changing its details."))
    if kind not in MaterialKind.values:
        raise DomainError(_("Choose the type of the material."))
    if kind != material.kind and material.status != Status.DRAFT:
        # The type decides who approves: it is settled before review starts.
        raise DomainError(_("The type can be changed only in a draft: return the material to draft first."))
    attachments = list(attachments)
    already = {material.lead_image_id, *material.attachments.values_list("pk", flat=True)}
    for asset in [lead_image, *attachments]:
        if asset is not None and asset.pk not in already and not has_perm(actor, "publications.view", asset.unit):
            raise DomainError(_("One of the chosen files belongs to another unit's library."))
    if lead_image is not None and not lead_image.is_image:
        raise DomainError(_("The main photo must be an image."))
    before = audit.snapshot(material, ["kind", "spokesperson_id", "lead_image_id"])
    before["topics"] = sorted(material.topics.values_list("pk", flat=True))
    before["attachments"] = sorted(material.attachments.values_list("pk", flat=True))
    material.kind = kind
    material.spokesperson = spokesperson
    material.lead_image = lead_image
    material.updated_at = timezone.now()
    material.save(update_fields=["kind", "spokesperson", "lead_image", "updated_at"])
    material.topics.set(topics)
    material.attachments.set(attachments)
    after = audit.snapshot(material, ["kind", "spokesperson_id", "lead_image_id"])
    after["topics"] = sorted(material.topics.values_list("pk", flat=True))
    after["attachments"] = sorted(material.attachments.values_list("pk", flat=True))
    if before != after:
        audit.record(
            actor=actor,
            action="publications.material.details_changed",
            target=material,
            unit=material.unit,
            before=before,
            after=after,
        )
    return material


@transaction.atomic
def comment(*, actor: User, material: Material, text: str) -> Comment:
    if not has_perm(actor, "publications.view", material.unit):
        raise DomainError(_("You may not comment on materials of this unit."))
    text = _short(text, NOTE_MAX, _("The comment is empty."))
    note = Comment.objects.create(material=material, author=actor, text=text)
    audit.record(actor=actor, action="publications.material.commented", target=material, unit=material.unit)
    notify.after_commit(notify.commented, note)
    return note


# --- the workflow ---------------------------------------------------------------------------------------


@transaction.atomic
def submit(*, actor: User, material: Material) -> Material:
    material = _locked(material)
    _require(actor, WRITE, material, _("You may not submit materials of this unit."))
    if material.status != Status.DRAFT:
        raise DomainError(_("Only a draft can be sent for review."))
    _move(material, actor=actor, to=Status.IN_REVIEW, action="publications.material.submitted")
    notify.after_commit(notify.step, material, REVIEW, exclude=actor)
    return material


@transaction.atomic
def return_to_draft(*, actor: User, material: Material, reason: str) -> Material:
    """Back to the author with a reason, from any step before publication (a schedule is cancelled)."""
    material = _locked(material)
    if material.status not in {Status.IN_REVIEW, Status.AWAITING_APPROVAL, Status.APPROVED, Status.SCHEDULED}:
        raise DomainError(_("Only a material on its way to publication can be returned to draft."))
    allowed = has_perm(actor, REVIEW, material.unit) or has_perm(actor, APPROVE, material.unit)
    if not allowed and not (material.author_id == actor.pk and material.status == Status.IN_REVIEW):
        raise DomainError(_("You may not return this material to draft."))
    reason = _short(reason, NOTE_MAX, _("Say why the material goes back to draft: the author will read it."))
    if material.status == Status.SCHEDULED and material.publish_at and material.publish_at <= timezone.now():
        raise DomainError(_("The material is already public: withdraw it or publish a correction."))
    _move(
        material,
        actor=actor,
        to=Status.DRAFT,
        action="publications.material.returned",
        note=reason,
        publish_at=None,
        embargo_until=None,
        approved_by=None,
        approved_at=None,
    )
    # Whoever was shared the schedule that was cancelled is not shared the next one without a new decision.
    _share(material, [], actor)
    notify.after_commit(notify.returned, material, actor, reason)
    return material


@transaction.atomic
def send_to_head(*, actor: User, material: Material) -> Material:
    material = _locked(material)
    _require(actor, REVIEW, material, _("Only the press secretary sends materials to the head."))
    if material.status != Status.IN_REVIEW:
        raise DomainError(_("Only a material in review can be sent to the head."))
    _move(material, actor=actor, to=Status.AWAITING_APPROVAL, action="publications.material.sent_to_head")
    notify.after_commit(notify.step, material, APPROVE, exclude=actor)
    return material


def wrote(actor: User, material: Material) -> bool:
    """The author, and anyone who saved any of its text: approval needs a second pair of eyes."""
    return material.author_id == actor.pk or Revision.objects.filter(version__parent=material, author=actor).exists()


def revisions_of(material: Material) -> dict[str, int]:
    """What a reviewer is looking at: the revision of each language version."""
    return dict(MaterialVersion.objects.filter(parent=material).values_list("language", "revision"))


@transaction.atomic
def approve(*, actor: User, material: Material, note: str = "", seen: dict[str, int] | None = None) -> Material:
    """Approve what the approver has seen: ``seen`` (language → revision) from the page or the API, if given."""
    material = _locked(material)
    if wrote(actor, material):
        raise DomainError(_("You wrote this material: someone else must approve it."))
    if seen is not None and seen != revisions_of(material):
        raise DomainError(_("The text has changed since you opened it: read it again before approving."))
    needs_head = head_approves(material.unit, material.kind)
    if material.status == Status.IN_REVIEW:
        if needs_head:
            raise DomainError(
                _("A %(kind)s of this unit needs the head's approval: send it to the head.")
                % {"kind": material.get_kind_display().lower()}
            )
        _require(actor, REVIEW, material, _("Your roles do not allow approving materials of this unit."))
    elif material.status == Status.AWAITING_APPROVAL:
        _require(actor, APPROVE, material, _("Only the head approves materials sent to the head."))
    else:
        raise DomainError(_("Only a material in review or awaiting approval can be approved."))
    _move(
        material,
        actor=actor,
        to=Status.APPROVED,
        action="publications.material.approved",
        note=note.strip()[:NOTE_MAX],
        approved_by=actor,
        approved_at=timezone.now(),
    )
    notify.after_commit(notify.approved, material)
    return material


def _check_approved(actor: User, material: Material) -> None:
    _require(actor, PUBLISH, material, _("Your roles do not allow publishing materials of this unit."))
    if material.status != Status.APPROVED:
        if head_approves(material.unit, material.kind) and material.status in {Status.IN_REVIEW, Status.DRAFT}:
            raise DomainError(_("This material needs the head's approval before it is published."))
        raise DomainError(_("Only an approved material can be published or scheduled."))
    if material.approved_by_id is None or material.approved_by_id == material.author_id:
        raise DomainError(_("The material has no approval by someone other than its author."))
    if head_approves(material.unit, material.kind) and not has_perm(material.approved_by, APPROVE, material.unit):
        # The unit's rule changed after the approval: what is published is what the rule asks for now.
        raise DomainError(
            _("Since it was approved, this type needs the head's approval: return it to draft and send it to the head.")
        )
    if material.is_internal:
        raise DomainError(_("Lines to take are for staff only and are never published."))


@transaction.atomic
def publish_now(*, actor: User, material: Material) -> Material:
    material = _locked(material)
    _check_approved(actor, material)
    now = timezone.now()
    _move(material, actor=actor, to=Status.PUBLISHED, action="publications.material.published", published_at=now)
    notify.after_commit(notify.published, material)
    return material


@transaction.atomic
def schedule(*, actor: User, material: Material, publish_at: datetime.datetime, embargo: bool = False) -> Material:
    """Publish at ``publish_at``; with ``embargo`` the chosen recipients may read it before, on their word."""
    material = _locked(material)
    _check_approved(actor, material)
    _check_future(publish_at)
    _move(
        material,
        actor=actor,
        to=Status.SCHEDULED,
        action="publications.material.scheduled",
        publish_at=publish_at,
        embargo_until=publish_at if embargo else None,
    )
    return material


def _check_future(moment: datetime.datetime) -> None:
    if timezone.is_naive(moment):
        raise DomainError(_("Give the time with its time zone."))
    if moment <= timezone.now():
        raise DomainError(_("The time is in the past: choose a moment from now on."))


@transaction.atomic
def change_embargo(*, actor: User, material: Material, until: datetime.datetime | None, reason: str = "") -> Material:
    """Move a scheduled material's embargo, and its publication with it, or lift the embargo (None)."""
    material = _locked(material)
    _require(actor, PUBLISH, material, _("Your roles do not allow changing an embargo."))
    if material.status != Status.SCHEDULED or (material.publish_at and material.publish_at <= timezone.now()):
        raise DomainError(_("Only a material scheduled for later can have its embargo changed."))
    reason = _short(reason, NOTE_MAX, _("Say why the embargo changes: the change is recorded."))
    if until is None:
        changes = {"embargo_until": None}
    else:
        _check_future(until)
        changes = {"embargo_until": until, "publish_at": until}
    _move(
        material,
        actor=actor,
        to=Status.SCHEDULED,
        action="publications.material.embargo_changed",
        note=reason,
        **changes,
    )
    return material


@transaction.atomic
def set_recipients(*, actor: User, material: Material, journalists: Iterable) -> Material:
    material = _locked(material)
    _require(actor, PUBLISH, material, _("Your roles do not allow sharing materials under embargo."))
    return _share(material, journalists, actor)


@transaction.atomic
def share_with(*, actor: User | None, material: Material, journalist_ids: Iterable[int]) -> Material:
    """Add readers under embargo (a mailing's trusted recipients) to those the material has."""
    material = _locked(material)
    current = set(material.embargo_recipients.values_list("pk", flat=True))
    return _share(material, Journalist.objects.filter(pk__in=current | set(journalist_ids)), actor)


def _share(material: Material, journalists: Iterable, actor: User | None) -> Material:
    journalists = list(journalists)
    before = sorted(material.embargo_recipients.values_list("pk", flat=True))
    material.embargo_recipients.set(journalists)
    after = sorted(j.pk for j in journalists)
    if before != after:
        audit.record(
            actor=actor,
            action="publications.material.recipients_changed",
            target=material,
            unit=material.unit,
            before={"recipients": before},
            after={"recipients": after},
        )
    return material


def publish_due(now: datetime.datetime | None = None) -> list[int]:
    """Record the publication of every scheduled material whose time has come, exactly once each.

    Run by the worker every minute and after downtime. Each material is claimed
    by one conditional UPDATE (status still "scheduled"): of two workers, or two
    runs, exactly one changes the row; the other finds nothing to do. This holds
    on SQLite, where row locks do not exist, as on PostgreSQL.
    """
    now = now or timezone.now()
    out = Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    due = Material.objects.filter(out, status=Status.SCHEDULED, publish_at__lte=now).values_list("pk", flat=True)
    done = []
    for pk in list(due):
        with transaction.atomic():
            claimed = Material.objects.filter(out, pk=pk, status=Status.SCHEDULED, publish_at__lte=now).update(
                status=Status.PUBLISHED, published_at=F("publish_at"), updated_at=now
            )
            if not claimed:
                continue
            material = Material.objects.select_related("unit", "author").get(pk=pk)
            audit.record(
                actor=None,  # the robot
                action="publications.material.published",
                target=material,
                unit=material.unit,
                before={"status": Status.SCHEDULED},
                after={"status": Status.PUBLISHED, "published_at": material.published_at},
            )
            notify.after_commit(notify.published, material)
            done.append(pk)
    return done


@transaction.atomic
def correct(*, actor: User, material: Material, texts: dict[str, Text], notes: dict[str, str]) -> Correction:
    """Change a published text and say so publicly: a note per language, shown on the page."""
    material = _locked(material)
    _require(actor, PUBLISH, material, _("Your roles do not allow correcting materials of this unit."))
    if not is_out(material):
        raise DomainError(_("Only a published material can be corrected."))
    notes = {language: note.strip() for language, note in notes.items() if note and note.strip()}
    if any(len(note) > NOTE_MAX for note in notes.values()):
        raise DomainError(_("This is too long: at most %(limit)s characters.") % {"limit": NOTE_MAX})
    versions = material.translation_map()
    if material.source_language not in notes:
        raise DomainError(_("Write the correction note at least in the language the material was written in."))
    unknown = (set(texts) | set(notes)) - set(versions)
    if unknown:
        raise DomainError(_("The material has no version in this language to correct."))
    changed = {}
    source = versions.get(material.source_language)
    # The original first: a translation corrected together with it follows its new revision.
    for language, text in sorted(texts.items(), key=lambda item: item[0] != material.source_language):
        text = _check_text(text)
        version = versions[language]
        if (version.title, version.summary, version.body) == (text.title, text.summary, text.body):
            continue
        changed[language] = version.revision + 1
        version.title, version.summary, version.body = text.title, text.summary, text.body
        version.body_html = rendering.body_html(text.body)
        version.revision += 1
        version.updated_at = timezone.now()
        version.updated_by = actor
        if language != material.source_language and source is not None:
            version.source_revision = source.revision
        version.save()
        _write_revision(version, text, actor, correction=True)
    indexing.reindex(material)
    correction = Correction.objects.create(material=material, made_by=actor)
    for language, note in notes.items():
        CorrectionNote.objects.create(parent=correction, language=language, text=note)
    _move(
        material,
        actor=actor,
        to=Status.CORRECTED,
        action="publications.material.corrected",
        note=notes[material.source_language],
        published_at=material.published_at or material.publish_at,  # a due schedule the robot had not recorded
    )
    audit.record(
        actor=actor,
        action="publications.version.corrected",
        target=material,
        unit=material.unit,
        after={"revisions": changed, "notes": notes},
    )
    return correction


@transaction.atomic
def withdraw(*, actor: User, material: Material, reason: str) -> Material:
    material = _locked(material)
    _require(actor, PUBLISH, material, _("Your roles do not allow withdrawing materials of this unit."))
    if not is_out(material):
        raise DomainError(_("Only a published material can be withdrawn; return an unpublished one to draft."))
    reason = _short(reason, NOTE_MAX, _("Say why the material is withdrawn: the reason is shown to the public."))
    _move(
        material,
        actor=actor,
        to=Status.WITHDRAWN,
        action="publications.material.withdrawn",
        note=reason,
        withdrawn_at=timezone.now(),
        withdrawn_reason=reason,
    )
    hooks.withdrawn(material, actor=actor, reason=reason)  # e.g. its open mailings stop at once
    return material


@transaction.atomic
def set_rule(*, actor: User, unit: Unit, kind: str, head_approves: bool) -> ApprovalRule:
    if not has_perm(actor, "publications.manage_rules", unit):
        raise DomainError(_("You may not change the approval rules of this unit."))
    if kind not in MaterialKind.values:
        raise DomainError(_("Choose the type of the material."))
    rule, created = ApprovalRule.objects.get_or_create(unit=unit, kind=kind, defaults={"head_approves": head_approves})
    before = None if created else {"head_approves": rule.head_approves}
    if not created and rule.head_approves == head_approves:
        return rule
    rule.head_approves = head_approves
    rule.save(update_fields=["head_approves"])
    audit.record(
        actor=actor,
        action="publications.rule.changed",
        target=rule,
        unit=unit,
        before=before,
        after={"kind": kind, "head_approves": head_approves},
    )
    return rule
