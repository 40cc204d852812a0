"""Contacts of journalists and of outlets' newsrooms: add, remove, mark as confirmed today."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, services
from pressdesk.directory.forms import ContactForm
from pressdesk.directory.models import Contact, Journalist, Outlet

OWNERS = {"journalist": Journalist, "outlet": Outlet}


def _owner_page(owner: Journalist | Outlet) -> str:
    name = "directory:journalist" if isinstance(owner, Journalist) else "directory:outlet"
    return reverse(name, args=[owner.pk]) + "#contacts"


@require_POST
@staff_view("directory.edit")
def contact_add(request: HttpRequest, owner: str, pk: int) -> HttpResponse:
    record = access.access(request.user, OWNERS[owner].objects.all(), pk, "directory.edit")
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_add(actor=request.user, owner=record, contact=form.contact())
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Contact added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_owner_page(record))


def _contact(request: HttpRequest, pk: int) -> tuple[Contact, Journalist | Outlet]:
    """A contact of a journalist or outlet in sight, whose record the user may change."""
    in_sight = Q(journalist__in=access.visible(request.user, Journalist.objects.all())) | Q(
        outlet__in=access.visible(request.user, Outlet.objects.all())
    )
    contact = Contact.objects.filter(in_sight, pk=pk).first()
    if contact is None:
        raise Http404(_("There is no such record in your directory."))
    model, owner_id = (Journalist, contact.journalist_id) if contact.journalist_id else (Outlet, contact.outlet_id)
    return contact, access.access(request.user, model.objects.all(), owner_id, "directory.edit")


@require_POST
@staff_view("directory.edit")
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact, owner = _contact(request, pk)
    try:
        services.contact_remove(actor=request.user, contact=contact)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Contact removed."))
    return redirect(_owner_page(owner))


@require_POST
@staff_view("directory.edit")
def contact_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    contact, owner = _contact(request, pk)
    try:
        services.contact_confirm(actor=request.user, contact=contact)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as confirmed today."))
    return redirect(_owner_page(owner))
