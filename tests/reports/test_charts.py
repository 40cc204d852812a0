"""The reports' own charts: bars with shares read out in words, and "no data" said instead of an empty frame."""

from __future__ import annotations

from pressdesk.monitoring.charts import Series
from pressdesk.reports import charts


def test_horizontal_bars_say_each_figure_and_share_in_their_description():
    svg = charts.hbars(
        ident="voice", title="Share of voice", description="Mentions.", rows=[("Akimat", 6), ("Region", 2)], shares=True
    )
    assert 'role="img"' in svg and 'aria-labelledby="voice-title voice-desc"' in svg
    assert "Akimat: 75% (6); Region: 25% (2)." in svg
    assert svg.count("<rect x=") == 2 and 'fill="url(#voice-row-1)"' in svg


def test_a_chart_with_nothing_to_draw_says_so():
    for svg in (
        charts.hbars(ident="empty", title="Outlets", description="", rows=[("Qala24", 0)]),
        charts.hbars(ident="empty", title="Outlets", description="", rows=[]),
        charts.stacked_bars(
            ident="empty",
            title="Tone",
            description="",
            categories=["1 Mar", "2 Mar"],
            series=[Series(key="negative", label="Negative", colour="#8a1c1c")],
            values={"negative": [0, 0]},
        ),
    ):
        assert 'role="img"' in svg and svg.count("No data for this period.") == 2  # the description and the words
