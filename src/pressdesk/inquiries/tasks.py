"""Letters and reminders of media inquiries: thin shells that load by id and call the mailer."""

from __future__ import annotations

from django_tasks import task

from pressdesk.inquiries import mail
from pressdesk.inquiries.models import Inquiry


def _load(inquiry_id: int) -> Inquiry | None:
    return Inquiry.objects.select_related("unit", "assignee").filter(pk=inquiry_id).first()


@task()
def send_receipt(inquiry_id: int) -> None:
    if (inquiry := _load(inquiry_id)) is not None:
        mail.receipt(inquiry)


@task()
def send_assignment(inquiry_id: int) -> None:
    if (inquiry := _load(inquiry_id)) is not None and inquiry.assignee_id:
        mail.assignment(inquiry)


@task()
def send_answer(inquiry_id: int) -> None:
    if (inquiry := _load(inquiry_id)) is not None:
        mail.answer(inquiry)


@task()
def send_reminders(period_start: str) -> int:
    """Daily: reminders two and one working days before the due date, overdue alerts, notice deadlines."""
    from pressdesk.inquiries.reminders import send_due_reminders

    return send_due_reminders()
