"""Staff pages of materials: the list, writing, one material with its versions, revisions and history."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import search
from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry, Membership, User
from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.publications import diff, indexing, services
from pressdesk.publications.access import access_material, in_sight
from pressdesk.publications.forms import (
    ApproveForm,
    CommentForm,
    DetailsForm,
    EmbargoForm,
    NewMaterialForm,
    ReasonForm,
    RuleForm,
    ScheduleForm,
    TextForm,
    seen_value,
)
from pressdesk.publications.models import ApprovalRule, Material, MaterialKind, MediaAsset, Revision, Status
from pressdesk.publications.recipients import recipients_form

LANGUAGES = dict(settings.LANGUAGES)
VIEWS = {
    "all": gettext_lazy("All"),
    "mine": gettext_lazy("Mine"),
    "to_review": gettext_lazy("To review"),
    "to_approve": gettext_lazy("To approve"),
    "to_publish": gettext_lazy("Approved"),
    "scheduled": gettext_lazy("Scheduled"),
    "published": gettext_lazy("Published"),
    "withdrawn": gettext_lazy("Withdrawn"),
}


def _filtered(request: HttpRequest, view: str) -> QuerySet[Material]:
    user = request.user
    materials = in_sight(user)
    if view == "mine":
        materials = materials.filter(author=user)
    elif view == "to_review":  # as the dashboard counts them: one's own work is someone else's to review
        materials = materials.filter(status=Status.IN_REVIEW, unit__in=units_for(user, "publications.review"))
        materials = materials.exclude(author=user)
    elif view == "to_approve":
        materials = materials.filter(status=Status.AWAITING_APPROVAL, unit__in=units_for(user, "publications.approve"))
        materials = materials.exclude(author=user)
    elif view == "to_publish":
        materials = materials.filter(status=Status.APPROVED)
    elif view == "scheduled":
        materials = materials.filter(status=Status.SCHEDULED).order_by("publish_at")
    elif view == "published":
        materials = materials.filter(status__in=[Status.PUBLISHED, Status.CORRECTED]).order_by("-published_at")
    elif view == "withdrawn":
        materials = materials.filter(status=Status.WITHDRAWN)
    if (kind := request.GET.get("kind")) in MaterialKind.values:
        materials = materials.filter(kind=kind)
    if query := request.GET.get("q", "").strip():
        found = Q(pk__in=[])
        for language in LANGUAGES:
            if terms := indexing.query_terms(query, language):
                found |= Q(pk__in=search.matching(indexing.kind(language), terms))
        materials = materials.filter(found)
    return materials


@staff_view("publications.view")
def material_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "all")
    view = view if view in VIEWS else "all"
    materials = _filtered(request, view).select_related("unit", "author").prefetch_related("translations")
    page = Paginator(materials, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/list.html",
        {
            "page": page,
            "view": view,
            "views": VIEWS,
            "kinds": MaterialKind.choices,
            "kind": request.GET.get("kind", ""),
            "q": request.GET.get("q", ""),
            "can_write": has_perm(request.user, "publications.write"),
        },
    )


@staff_view("publications.write")
def material_new(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, "publications.write").with_names().order_by("path")
    form = NewMaterialForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            material = services.create(
                actor=request.user,
                unit=data["unit"],
                kind=data["kind"],
                language=data["language"],
                text=services.Text(data["title"], data["summary"], data["body"]),
                topics=data["topics"],
            )
            return reverse("publications:detail", args=[material.pk])

        try:
            return redirect(once(request, write, done=_("The draft is saved.")))
        except DomainError as error:
            form.add_error(None, str(error))
    return render(request, "publications/new.html", {"form": form})


def _versions(material: Material) -> list[dict]:
    """Every language: its version (or None) and whether it lags behind the original."""
    versions = material.translation_map()
    source = versions.get(material.source_language)
    return [
        {
            "language": code,
            "name": name,
            "version": versions.get(code),
            "outdated": code in versions and versions[code].is_outdated(source),
            "is_source": code == material.source_language,
        }
        for code, name in LANGUAGES.items()
    ]


def _history(material: Material) -> list[AuditEntry]:
    entries = AuditEntry.objects.for_object(material).select_related("target_type").order_by("-at", "-pk")[:100]
    return with_readable_changes(entries)


@staff_view("publications.view")
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_material(request.user, pk)
    user, unit = request.user, material.unit
    now = timezone.now()
    status = material.status
    may_publish = has_perm(user, "publications.publish", unit)
    out = services.is_out(material, now)
    may = {
        "write": has_perm(user, "publications.write", unit) and status in (Status.DRAFT, Status.IN_REVIEW),
        "add_language": out and may_publish,
        "submit": status == Status.DRAFT and has_perm(user, "publications.write", unit),
        "review": status == Status.IN_REVIEW and has_perm(user, "publications.review", unit),
        "approve": (
            (status == Status.AWAITING_APPROVAL and has_perm(user, "publications.approve", unit))
            or (status == Status.IN_REVIEW and has_perm(user, "publications.review", unit))
        )
        and not services.wrote(user, material),
        "publish": status == Status.APPROVED and may_publish and not material.is_internal,
        "return": status in (Status.IN_REVIEW, Status.AWAITING_APPROVAL, Status.APPROVED, Status.SCHEDULED)
        and not out
        and (
            has_perm(user, "publications.review", unit)
            or has_perm(user, "publications.approve", unit)
            or (status == Status.IN_REVIEW and material.author_id == user.pk)
        ),
        "reschedule": status == Status.SCHEDULED and not out and may_publish,
        "correct": out and may_publish,
        "withdraw": out and may_publish,
    }
    return render(
        request,
        "publications/detail.html",
        {
            "material": material,
            "versions": _versions(material),
            "needs_head": services.head_approves(unit, material.kind),
            "is_public": Material.objects.public().filter(pk=material.pk).exists(),
            "may": may,
            "comments": material.comments.select_related("author"),
            "corrections": material.corrections.prefetch_related("translations").select_related("made_by"),
            "history": _history(material),
            "comment_form": CommentForm(),
            # Each form on the page gets its own id prefix: two "reason" fields must not share an id.
            "return_form": ReasonForm(auto_id="return_%s"),
            "withdraw_form": ReasonForm(auto_id="withdraw_%s"),
            "note_form": ApproveForm(
                auto_id="approve_%s", initial={"seen": seen_value(services.revisions_of(material))}
            ),
            "schedule_form": ScheduleForm(),
            "embargo_form": EmbargoForm(initial={"until": material.embargo_until}),
            "recipients_form": may["reschedule"] and material.embargo_until and recipients_form(request),
            "recipients": material.embargo_recipients.order_by("full_name")[:200],
        },
    )


@staff_view("publications.write")
def version_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    material = access_material(request.user, pk, "publications.write")
    if language not in LANGUAGES:
        raise Http404(_("There is no such language."))
    version = material.translation_map().get(language)
    initial = {"follows_source": True}
    if version is not None:
        initial |= {"title": version.title, "summary": version.summary, "body": version.body}
        initial["base_revision"] = version.revision
    form = TextForm(request.POST or None, initial=initial)
    if language == material.source_language:
        del form.fields["follows_source"]
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_version(
                actor=request.user,
                material=material,
                language=language,
                text=services.Text(data["title"], data["summary"], data["body"]),
                base_revision=data["base_revision"],
                follows_source=data.get("follows_source", False),
            )
        except services.Conflict as conflict:
            theirs = conflict.current
            form.add_error(None, str(conflict))
            # The next save is against their revision; what the user typed stays in the form.
            form.data = form.data.copy()
            form.data["base_revision"] = theirs.revision
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The text is saved."))
            return redirect("publications:detail", material.pk)
    source = material.source_version() if language != material.source_language else None
    return render(
        request,
        "publications/edit.html",
        {
            "material": material,
            "language": language,
            "language_name": LANGUAGES[language],
            "version": version,
            "source": source,
            "form": form,
            "theirs": theirs,
            "conflict": theirs and diff.revisions(theirs, _Posted(form.data), _FIELDS),
        },
    )


class _Posted:
    """What the user typed, shaped like a revision for the diff."""

    def __init__(self, data) -> None:
        self.title, self.summary, self.body = (data.get(key, "") for key in ("title", "summary", "body"))


_FIELDS = {"title": gettext_lazy("Title"), "summary": gettext_lazy("Summary"), "body": gettext_lazy("Text")}


@staff_view("publications.write")
def details_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_material(request.user, pk, "publications.write")
    unit = material.unit
    people = User.objects.filter(
        pk__in=Membership.objects.active().filter(unit__path__in=services.ancestors(unit.path)).values("user"),
        is_active=True,
    ).order_by("full_name")
    # The user's libraries, and what the material already carries (from a library above theirs, perhaps).
    attached = Q(pk__in=material.attachments.values("pk")) | Q(pk=material.lead_image_id)
    assets = MediaAsset.objects.filter(
        Q(unit__in=units_for(request.user, "publications.view")) | attached
    ).prefetch_related("translations")
    initial = {
        "kind": material.kind,
        "topics": material.topics.all(),
        "spokesperson": material.spokesperson_id,
        "lead_image": material.lead_image_id,
        "attachments": material.attachments.all(),
    }
    form = DetailsForm(request.POST or None, initial=initial, people=people, assets=assets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_details(actor=request.user, material=material, **data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The details are saved."))
            return redirect("publications:detail", material.pk)
    return render(request, "publications/details.html", {"material": material, "form": form})


@staff_view("publications.view")
def revisions(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    material = access_material(request.user, pk)
    version = material.translation_map().get(language)
    if version is None:
        raise Http404(_("The material has no text in this language."))
    all_revisions = list(Revision.objects.filter(version=version).select_related("author"))
    by_number = {r.number: r for r in all_revisions}
    newest = all_revisions[0].number
    try:
        new = by_number[int(request.GET.get("new", newest))]
        old = by_number[int(request.GET.get("old", max(new.number - 1, 1)))]
    except (KeyError, ValueError):
        raise Http404(_("There is no such revision.")) from None
    return render(
        request,
        "publications/revisions.html",
        {
            "material": material,
            "language": language,
            "language_name": LANGUAGES[language],
            "revisions": all_revisions,
            "old": old,
            "new": new,
            "fields": diff.revisions(old, new, _FIELDS),
        },
    )


@staff_view("publications.manage_rules")
def rules(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, "publications.manage_rules").with_names().order_by("path")
    form = RuleForm(request.POST or None)
    form.fields["unit"].queryset = units
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rule(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The rule is saved."))
            return redirect("publications:rules")
    decided = services.approval_table(units)
    table = [
        {"unit": unit, "kinds": [(label, decided[unit.pk][kind]) for kind, label in MaterialKind.choices]}
        for unit in units
    ]
    return render(
        request,
        "publications/rules.html",
        {
            "form": form,
            "table": table,
            "kinds": MaterialKind.choices,
            "own_rules": ApprovalRule.objects.filter(unit__in=units).count(),
        },
    )
