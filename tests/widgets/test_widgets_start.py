"""Headless tests of the lesson-00 explorers: set control values, read the outputs."""
from __future__ import annotations

import re

import pytest

from wmolab import load
from wmolab.glossary import search_glossary
from wmolab.widgets.start import events_html, explore_glossary, explore_timeline, glossary_html


@pytest.fixture
def timeline():
    return explore_timeline(load("timeline"))


@pytest.fixture
def glossary():
    return explore_glossary(load("glossary"))


def test_timeline_starts_with_a_figure_and_a_list(timeline):
    assert timeline.last_error is None
    assert timeline.outputs["image"].value.startswith('<img class="wmolab-figure" src="data:image/png;base64,iVBOR')
    assert 'alt="Timeline of ' in timeline.outputs["image"].value, "the figure carries its alt text"
    assert "Figure:" in timeline.outputs["caption"].value
    assert re.search(r"<p>\d+ events?</p>", timeline.outputs["events"].value)


def test_choosing_a_law_changes_the_list(timeline):
    before = timeline.outputs["events"].value
    timeline.controls["law"].value = "jeugdwet"
    after = timeline.outputs["events"].value
    assert after != before and "Jeugdwet" in after and timeline.last_error is None


def test_years_narrow_the_list(timeline):
    assert timeline.controls["years"].value == (2010, 2022), "starts on a readable window around 2015"
    before = int(timeline.outputs["events"].value.split(" ")[0][3:])
    timeline.controls["years"].value = (2012, 2015)
    after = int(timeline.outputs["events"].value.split(" ")[0][3:])
    timeline.controls["years"].value = (1848, 2022)
    every = int(timeline.outputs["events"].value.split(" ")[0][3:])
    assert after < before < every == len(load("timeline"))


def test_a_law_keeps_its_colour_and_marker_when_filtered():
    """Issue 13: colours were given by position, so the Wmo changed colour when the general row was filtered out."""
    from wmolab.plots import LAW_STYLE
    from wmolab.timeline import plot_timeline

    events = load("timeline")

    def styles(rows):
        fig = plot_timeline(rows)
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        out = {}
        for coll, label in zip(ax.collections, labels):
            out[label] = (tuple(coll.get_facecolor()[0].round(3)), coll.get_paths()[0].vertices.round(3).tobytes())
        return out

    everything = styles(events)
    only_wmo = styles(events[events["law"].isin(["wmo", "all"])])
    assert {k: everything[k] for k in only_wmo} == only_wmo, "the Wmo row looks the same in both views"
    assert len({c for c, _ in everything.values()}) == len(everything), "each law has its own colour"
    assert len({m for _, m in everything.values()}) == len(everything), "and its own marker"
    assert set(LAW_STYLE) >= set(events["law"])


def test_empty_selection_gives_a_message_not_an_error(timeline):
    timeline.controls["themes"].value = ()
    assert timeline.last_error is None
    assert "No kind of event selected" in timeline.outputs["events"].value
    timeline.controls["themes"].value = ("law",)
    assert re.search(r"<p>\d+ events?</p>", timeline.outputs["events"].value)


def test_glossary_search_as_you_type(glossary):
    glossary.controls["query"].value = "keuken"
    assert "<mark>keuken</mark>tafelgesprek" in glossary.outputs["table"].value
    glossary.controls["language"].value = "en"
    assert "No term matches" in glossary.outputs["table"].value
    glossary.controls["query"].value = "kitchen"
    assert "<mark>kitchen</mark>" in glossary.outputs["table"].value


def test_glossary_shows_typed_text_escaped(glossary):
    glossary.controls["query"].value = '<img src=x onerror="document.title=\'pwned\'">'
    shown = glossary.outputs["table"].value
    assert "<img" not in shown and "&lt;img" in shown


def test_a_failing_update_is_reported_politely(glossary, monkeypatch):
    import wmolab.widgets.start as start

    monkeypatch.setattr(start, "search_glossary", lambda *a, **k: 1 / 0)
    glossary.controls["query"].value = "zorg"
    assert isinstance(glossary.last_error, ZeroDivisionError)
    assert "wmolab-error" in glossary.status.value and "Traceback" not in glossary.status.value


def test_widget_response_is_fast(timeline, glossary):
    import time

    start = time.perf_counter()
    for law in ["wmo", "jeugdwet", "any", "participatiewet"] * 3:
        timeline.controls["law"].value = law
    per_change = (time.perf_counter() - start) / 12
    assert per_change < 0.5, f"{per_change:.3f} s per change"


# --------------------------------------------------------------------------- the HTML the explorers show
def test_events_html_escapes_and_handles_empty(dataset):
    events = dataset("timeline")
    evil = events.head(1).assign(event="<script>alert(1)</script>")
    assert "<script>" not in events_html(evil) and "&lt;script&gt;" in events_html(evil)
    assert "No events match" in events_html(events.iloc[0:0])


def test_glossary_html_highlights_and_escapes(dataset):
    terms = dataset("glossary")
    html = glossary_html(search_glossary(terms, "zorg"), "zorg")
    assert "<mark>zorg</mark>" in html
    evil = '<img src=x onerror="alert(1)">'
    out = glossary_html(search_glossary(terms, evil), evil)
    assert "<img" not in out and "&lt;img" in out
    row = terms.head(1).assign(definition='a & b <b>c</b>')
    assert "a &amp; b &lt;b&gt;" in glossary_html(row, "amp")
