"""The SVG chart: well-formed, named and described for screen readers, readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from pressdesk.monitoring import charts

SVG = "{http://www.w3.org/2000/svg}"
SERIES = [
    charts.Series("negative", "Negative", "#8a1c1c", "hatch"),
    charts.Series("neutral", "Neutral & other", "#d9dcdd", "solid"),
    charts.Series("positive", "Positive", "#00703c", "dots"),
]
HOURS = [f"{h:02d}" for h in range(24)]


def values(**counts: dict[int, int]) -> dict[str, list[int]]:
    out = {s.key: [0] * 24 for s in SERIES}
    for key, by_hour in counts.items():
        for hour, count in by_hour.items():
            out[key][hour] = count
    return out


def chart(data: dict[str, list[int]], **options) -> ET.Element:
    with translation.override("en"):
        svg = charts.stacked_bars(
            ident="day <1>",
            title="Mentions by hour & tone",
            description="Items per hour.",
            categories=HOURS,
            series=SERIES,
            values=data,
            label_every=3,
            **options,
        )
    return ET.fromstring(str(svg))  # noqa: S314  (our own markup, not untrusted input)


def texts(root: ET.Element, role: str | None = None) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if role is None or t.get("class") == role]


def test_the_chart_is_well_formed_and_named_by_its_title_and_description():
    root = chart(values(negative={9: 3}, neutral={9: 4, 14: 2}, positive={18: 1}))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text == "Mentions by hour & tone"
    assert desc.text == ("Items per hour. In all 10: Negative: 3, Neutral & other: 6, Positive: 1. Most in 09: 7.")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id") == "day-1-title"


def test_every_figure_is_text_and_every_tone_a_pattern_named_in_the_legend():
    root = chart(values(negative={9: 3}, neutral={9: 4, 14: 2}, positive={18: 1}))
    assert texts(root, "category") == ["00", "03", "06", "09", "12", "15", "18", "21"]
    assert texts(root, "total") == ["7", "2", "1"]  # above each bar
    assert texts(root, "legend") == ["Negative: 3", "Neutral & other: 6", "Positive: 1"]  # each tone in words
    segments = [
        rect.find(f"{SVG}title").text for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None
    ]
    assert segments == ["09 — Negative: 3", "09 — Neutral & other: 4", "14 — Neutral & other: 2", "18 — Positive: 1"]
    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
    assert set(patterns) == {"day-1-negative", "day-1-neutral", "day-1-positive"}
    # Hatched and dotted marks over the colour: tones differ in black and white too.
    assert patterns["day-1-negative"].find(f"{SVG}path") is not None
    assert patterns["day-1-positive"].find(f"{SVG}circle") is not None


def test_bars_are_as_tall_as_their_counts_on_a_nice_scale():
    root = chart(values(negative={1: 6}, neutral={2: 3}))
    assert charts.nice_ceiling(7) == 10 and charts.nice_ceiling(0) == 1 and charts.nice_ceiling(101) == 200
    bars = {
        r.find(f"{SVG}title").text: float(r.get("height"))
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    }
    assert bars["01 — Negative: 6"] == pytest.approx(2 * bars["02 — Neutral & other: 3"])
    assert texts(root, "scale") == ["0", "5", "10"]  # 6 rounds up to 10


def test_an_empty_day_is_a_flat_chart_that_says_so():
    root = chart(values())
    assert root.find(f"{SVG}desc").text == "Items per hour. In all 0: Negative: 0, Neutral & other: 0, Positive: 0."
    assert not [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def test_values_that_do_not_fit_the_categories_are_refused():
    with pytest.raises(ValueError):
        charts.stacked_bars(
            ident="x", title="t", description="d", categories=["a", "b"], series=SERIES[:1], values={"negative": [1]}
        )
