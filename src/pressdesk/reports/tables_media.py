"""The media sections of the report: coverage over time (tone, type, language), outlets and topics; share of voice."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pressdesk.monitoring.charts import Series
from pressdesk.monitoring.digest import TONE_SERIES
from pressdesk.monitoring.models import ClippingKind, Language
from pressdesk.reports import charts
from pressdesk.reports.coverage import TONES
from pressdesk.reports.tables import Section, Table, named_table, over_time, share, step_label


def _time_table(report, ident: str, title: str, description: str, series: list[Series], values) -> Table:
    period = report.period
    return Table(
        ident=ident,
        title=title,
        header=[_("Period"), *[s.label for s in series], _("In all")],
        rows=over_time(period, [(s.label, values[s.key]) for s in series]),
        chart=charts.stacked_bars(
            ident=f"{ident}-chart",
            title=title,
            description=description,
            categories=[step_label(period, day) for day in period.buckets()],
            series=series,
            values=values,
        ),
    )


def _present(choices, values) -> list[tuple[str, str]]:
    """The codes of ``choices`` that have any count, with their labels."""
    return [(code, str(label)) for code, label in choices if any(values.get(code, ()))]


def coverage(report) -> Section:
    c = report.coverage
    section = Section("coverage", _("Coverage in the media"))
    if c.empty:
        section.empty = _(
            "No item in the media mentioned the watched organisations, officials or topics of these units "
            "in this period."
        )
        return section
    negative = sum(c.by_tone["negative"])
    section.lead = [
        (_("Items in the media"), c.total),
        (_("Negative"), negative),
        (_("Share negative"), share(negative, c.total)),
    ]
    tones = [Series(key=tone, label=str(tone.label), **TONE_SERIES[tone]) for tone in TONES]
    kinds = [
        Series(key=code, label=label, **charts.palette(i))
        for i, (code, label) in enumerate(_present(ClippingKind.choices, c.by_kind))
    ]
    languages = [
        Series(key=code, label=label, **charts.palette(i))
        for i, (code, label) in enumerate(_present(Language.choices, c.by_language))
    ]
    section.tables = [
        _time_table(
            report,
            "coverage-tone",
            _("Coverage over time by tone"),
            _("Items per step of the period, Almaty time, stacked by tone."),
            tones,
            c.by_tone,
        ),
        _time_table(
            report,
            "coverage-type",
            _("Coverage over time by type"),
            _("Items per step of the period, Almaty time, stacked by type of item."),
            kinds,
            c.by_kind,
        ),
        _time_table(
            report,
            "coverage-language",
            _("Coverage over time by language"),
            _("Items per step of the period, Almaty time, stacked by language."),
            languages,
            c.by_language,
        ),
        _outlets(c),
        _topics(c),
    ]
    return section


def _outlets(c) -> Table:
    rows = [(named.name, named.count) for named in c.outlets]
    if c.other_outlets:
        rows.append((_("Other outlets, or outlet not known"), c.other_outlets))
    description = _("Items per outlet, the outlets with most first.")
    return named_table("coverage-outlet", _("Coverage by outlet"), _("Outlet"), rows, description)


def _topics(c) -> Table:
    rows = [(named.name, named.count) for named in c.topics]
    return named_table(
        "coverage-topic",
        _("Coverage by watched topic"),
        _("Topic"),
        rows,
        _("Items that mention each watched topic."),
        note="" if rows else _("No watched topic was mentioned in this period."),
    )


def voice(report) -> Section:
    c = report.coverage
    section = Section("voice", _("Share of voice among watched organisations"))
    whole = sum(named.count for named in c.voice)
    if not whole:
        section.empty = _("No watched organisation was mentioned in this period.")
        return section
    rows = [(named.name, named.count) for named in c.voice]
    section.lead = [(_("Mentions of watched organisations"), whole)]
    section.tables = [
        named_table(
            "voice",
            _("Share of voice"),
            _("Organisation"),
            rows,
            _("Each watched organisation's share of all their mentions."),
            counted=_("Mentions"),
            shares=True,
        )
    ]
    return section
