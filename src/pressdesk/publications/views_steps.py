"""The workflow buttons of a material: each a POST that validates a small form and calls one service."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.publications import services
from pressdesk.publications.access import access_material
from pressdesk.publications.forms import (
    ApproveForm,
    CommentForm,
    EmbargoForm,
    ReasonForm,
    ScheduleForm,
    TextForm,
    correction_form,
)
from pressdesk.publications.models import Material
from pressdesk.publications.recipients import embargo_journalists, recipients_form

Run = Callable[[HttpRequest, Material, dict], object]


def _handler(action: str, form_class, run: Run, done) -> Callable[[HttpRequest, int], HttpResponse]:
    """Check the role for ``action`` in the material's unit, validate, run, and go back to the material."""

    def handle(request: HttpRequest, pk: int) -> HttpResponse:
        material = access_material(request.user, pk, action)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                run(request, material, form.cleaned_data if form else {})
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
        return redirect("publications:detail", material.pk)

    return handle


def _post(*spec) -> Callable:
    return require_POST(staff_view("publications.view")(_handler(*spec)))


comment = _post(
    "publications.view",
    CommentForm,
    lambda r, m, d: services.comment(actor=r.user, material=m, text=d["text"]),
    gettext_lazy("Comment added."),
)
schedule = _post(
    "publications.publish",
    ScheduleForm,
    lambda r, m, d: services.schedule(actor=r.user, material=m, publish_at=d["publish_at"], embargo=d["embargo"]),
    gettext_lazy("The material is scheduled."),
)
embargo = _post(
    "publications.publish",
    EmbargoForm,
    lambda r, m, d: services.change_embargo(actor=r.user, material=m, until=d["until"], reason=d["reason"]),
    gettext_lazy("The embargo is changed."),
)
withdraw = _post(
    "publications.publish",
    ReasonForm,
    lambda r, m, d: services.withdraw(actor=r.user, material=m, reason=d["reason"]),
    gettext_lazy("The material is withdrawn; its page shows the reason."),
)

recipients = require_POST(
    staff_view("publications.view")(
        _handler(
            "publications.publish",
            None,
            lambda r, m, d: services.set_recipients(
                actor=r.user, material=m, journalists=embargo_journalists(r, _valid(recipients_form(r, r.POST)))
            ),
            gettext_lazy("The recipients under embargo are chosen."),
        )
    )
)


def _valid(form) -> dict:
    if not form.is_valid():
        raise DomainError(_("Choose a segment from the list."))
    return form.cleaned_data


# The buttons without a form of their own: the step name in the URL chooses the service.
STEPS: dict[str, tuple[str, type | None, Run, object]] = {
    "submit": (
        "publications.write",
        None,
        lambda r, m, d: services.submit(actor=r.user, material=m),
        gettext_lazy("Sent for review."),
    ),
    "return": (
        "publications.view",
        ReasonForm,
        lambda r, m, d: services.return_to_draft(actor=r.user, material=m, reason=d["reason"]),
        gettext_lazy("Returned to draft; the author is told why."),
    ),
    "to-head": (
        "publications.review",
        None,
        lambda r, m, d: services.send_to_head(actor=r.user, material=m),
        gettext_lazy("Sent to the head for approval."),
    ),
    "approve": (
        "publications.view",
        ApproveForm,
        lambda r, m, d: services.approve(actor=r.user, material=m, note=d["reason"]),
        gettext_lazy("Approved."),
    ),
    "publish": (
        "publications.publish",
        None,
        lambda r, m, d: services.publish_now(actor=r.user, material=m),
        gettext_lazy("Published in the newsroom."),
    ),
}
_STEP_HANDLERS = {name: _handler(*spec) for name, spec in STEPS.items()}


@require_POST
@staff_view("publications.view")
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in _STEP_HANDLERS:
        raise Http404(_("There is no such step."))
    return _STEP_HANDLERS[step](request, pk)


@staff_view("publications.publish")
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a published text and say so: a form per language version, and the public note."""
    material = access_material(request.user, pk, "publications.publish")
    if not services.is_out(material):
        raise Http404(_("Only a published material can be corrected."))
    versions = material.translation_map()
    languages = [code for code, _name in settings.LANGUAGES if code in versions]
    posted = request.POST if request.method == "POST" else None
    texts = {
        code: TextForm(
            posted,
            prefix=code,
            initial={"title": versions[code].title, "summary": versions[code].summary, "body": versions[code].body},
        )
        for code in languages
    }
    for form in texts.values():
        del form.fields["follows_source"], form.fields["base_revision"]
    notes = correction_form(languages, material.source_language)(posted)
    if posted is not None and notes.is_valid() and all(form.is_valid() for form in texts.values()):
        try:
            services.correct(
                actor=request.user,
                material=material,
                texts={
                    code: services.Text(f.cleaned_data["title"], f.cleaned_data["summary"], f.cleaned_data["body"])
                    for code, f in texts.items()
                },
                notes={code: notes.cleaned_data[f"note_{code}"] for code in languages},
            )
        except DomainError as error:
            notes.add_error(None, str(error))
        else:
            messages.success(request, _("The correction is published with its note."))
            return redirect("publications:detail", material.pk)
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "publications/correct.html",
        {
            "material": material,
            "texts": [(code, names[code], form) for code, form in texts.items()],
            "notes": notes,
        },
    )
