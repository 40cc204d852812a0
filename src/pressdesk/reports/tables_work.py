"""The press service's own work in the report: pickup of releases, inquiries, events, accreditation."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pressdesk.accreditation.models import ApplicationStatus, Change
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.events.models import EventKind
from pressdesk.monitoring.charts import Series
from pressdesk.reports import charts
from pressdesk.reports.tables import Section, Table, named_table, over_time, share, step_label


def pickup(report) -> Section:
    p = report.pickup
    period = report.period
    section = Section("pickup", _("Pickup of releases"))
    if not p.total:
        section.empty = _("None of these units' materials went public in this period.")
        return section
    section.lead = [
        (_("Materials made public"), p.total),
        (_("Picked up by the media"), p.picked_total),
        (_("Pickup rate"), share(p.picked_total, p.total)),
        (_("Items in the media that reprint them"), p.clippings),
    ]
    not_picked = [released - picked for released, picked in zip(p.released, p.picked, strict=True)]
    series = [
        Series(key="picked", label=_("Picked up"), **charts.palette(2)),
        Series(key="not_picked", label=_("Not picked up"), **charts.palette(4)),
    ]
    title = _("Materials made public and picked up")
    section.tables = [
        Table(
            ident="pickup",
            title=title,
            header=[_("Period"), _("Picked up"), _("Not picked up"), _("Made public")],
            rows=over_time(period, [("picked", p.picked), ("not", not_picked)]),
            chart=charts.stacked_bars(
                ident="pickup-chart",
                title=title,
                description=_("Materials made public per step of the period, picked up by at least one story or not."),
                categories=[step_label(period, day) for day in period.buckets()],
                series=series,
                values={"picked": p.picked, "not_picked": not_picked},
            ),
        ),
        Table(
            ident="pickup-top",
            title=_("Releases picked up most"),
            header=[_("Material"), _("Items in the media")],
            rows=[[release.title, release.clippings] for release in p.top],
            note="" if p.top else _("No material of this period was picked up yet."),
        ),
    ]
    return section


def inquiries(report) -> Section:
    i = report.inquiries
    section = Section("inquiries", _("Inquiries answered on time"))
    if not (i.received or i.closed or i.overdue):
        section.empty = _("No inquiry was received, answered or due in this period.")
        return section
    section.lead = [
        (_("Inquiries received"), i.received),
        (_("Answered or refused"), i.closed),
        (_("On time"), i.on_time),
        (_("Late"), i.late),
        (_("Answered on time"), share(i.on_time, i.closed)),
        (_("Still open past the due day"), i.overdue),
    ]
    rows = [(_("On time"), i.on_time), (_("Late"), i.late), (_("Still open past the due day"), i.overdue)]
    title = _("Inquiries closed and overdue")
    section.tables = [
        Table(
            ident="inquiries",
            title=title,
            header=[_("Inquiries"), _("Number")],
            rows=[[label, number] for label, number in rows],
            chart=charts.hbars(
                ident="inquiries-chart",
                title=title,
                description=_("Inquiries closed in the period, on time or late, and those still open past a due day."),
                rows=rows,
            ),
            note=_("On time: answered or refused no later than the due day (an extension moves the due day)."),
        )
    ]
    return section


def events(report) -> Section:
    f = report.events
    section = Section("events", _("Events, speakers and questions"))
    if not f.total.total:
        section.empty = _("No event took place or was planned in this period.")
        return section
    section.lead = [
        (_("Events held"), f.total.held),
        (_("Planned"), f.total.planned),
        (_("Cancelled"), f.total.cancelled),
        (_("Speakers"), f.speakers),
        (_("Questions received"), f.questions_received),
        (_("Questions answered"), f.questions_answered),
        (_("Journalists present"), f.present),
    ]
    header = [_("Held"), _("Planned"), _("Cancelled"), _("In all")]
    kinds = dict(EventKind.choices)
    statuses = [("held", _("Held")), ("planned", _("Planned")), ("cancelled", _("Cancelled"))]
    series = [Series(key=key, label=label, **charts.palette(i)) for i, (key, label) in enumerate(statuses)]
    title = _("Events by month")
    months = [ldate(group.key, "LLL y") for group in f.by_month]
    section.tables = [
        Table(
            ident="events-month",
            title=title,
            header=[_("Month"), *header],
            rows=[
                [label, g.held, g.planned, g.cancelled, g.total] for label, g in zip(months, f.by_month, strict=True)
            ],
            chart=charts.stacked_bars(
                ident="events-month-chart",
                title=title,
                description=_("Events per month (Almaty time), stacked by what became of them."),
                categories=months,
                series=series,
                values={key: [getattr(g, key) for g in f.by_month] for key, _label in statuses},
            ),
        ),
        Table(
            ident="events-type",
            title=_("Events by type"),
            header=[_("Type"), *header],
            rows=[[str(kinds.get(g.key, g.label)), g.held, g.planned, g.cancelled, g.total] for g in f.by_kind],
        ),
        Table(
            ident="events-speakers",
            title=_("Who spoke most"),
            header=[_("Speaker"), _("Appearances")],
            rows=[[row.name, row.appearances] for row in f.top_speakers],
            note="" if f.top_speakers else _("Nobody spoke at an event held in this period."),
        ),
    ]
    return section


def accreditation(report) -> Section:
    a = report.accreditation
    section = Section("accreditation", _("Accreditation"))
    if not (a.applied or a.issued):
        section.empty = _("No application was submitted and no pass issued in this period.")
        return section
    section.lead = [(_("Applications submitted"), a.applied), (_("Passes issued"), a.issued)]
    statuses = [(str(label), a.applications[code]) for code, label in ApplicationStatus.choices]
    changes = dict(Change.choices)
    passes = [(str(changes[code]), number) for code, number in a.passes.items()]
    section.tables = [
        named_table(
            "accreditation-applications",
            _("Applications submitted in the period, by status now"),
            _("Status"),
            statuses,
            _("Applications by status."),
            counted=_("Applications"),
        ),
        Table(
            ident="accreditation-passes",
            title=_("Passes issued"),
            header=[_("How"), _("Passes")],
            rows=[[label, number] for label, number in passes],
        ),
    ]
    return section
