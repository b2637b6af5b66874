"""Lesson 00 topic functions: timeline and glossary."""
from __future__ import annotations

import pandas as pd
import pytest

from wmolab import load
from wmolab.glossary import search_glossary
from wmolab.timeline import filter_timeline, law_table, plot_timeline


@pytest.fixture(scope="module")
def events():
    return load("timeline")


@pytest.fixture(scope="module")
def glossary():
    return load("glossary")


def test_filter_by_years_is_inclusive_and_sorted(events):
    rows = filter_timeline(events, 2013, 2014)
    assert rows["year"].between(2013, 2014).all() and rows["year"].is_monotonic_increasing
    assert len(rows) == 10
    assert len(filter_timeline(events, 2012, 2014)) == 12


def test_filter_by_law_and_theme(events):
    wmo = filter_timeline(events, laws=["wmo"])
    assert set(wmo["law"]) == {"wmo"} and len(wmo) == 6
    assert filter_timeline(events, laws=[]).empty
    assert set(filter_timeline(events, themes=["finance"])["theme"]) == {"finance"}


def test_filter_rejects_reversed_years(events):
    with pytest.raises(ValueError, match="after end year"):
        filter_timeline(events, 2020, 2010)


def test_the_three_laws_come_into_force_together(events):
    row = events[events["date"] == "2015-01-01"]
    assert len(row) == 1 and row["law"].item() == "all"


def test_plot_timeline_draws_one_row_per_law_group(events):
    fig = plot_timeline(events)
    ax = fig.axes[0]
    assert len(ax.collections) == events["law"].nunique()
    empty = plot_timeline(events.iloc[0:0])
    assert len(empty.axes[0].collections) == 0


def test_law_table():
    table = law_table(load("laws_2015"))
    assert list(table.columns) == ["English", "follows", "Staatsblad", "in force"]
    assert (table["in force"] == "01 Jan 2015").all()


def test_search_is_case_and_accent_insensitive(glossary):
    extra = pd.DataFrame([{"term_id": "client", "term_nl": "cliënt", "term_en": "client", "definition": "x",
                           "lesson": "06", "seed": "004", "source_lines": "L1"}])
    both = pd.concat([glossary, extra], ignore_index=True)
    assert "cliënt" in set(search_glossary(both, "CLIENT", "nl")["term_nl"])
    assert search_glossary(glossary, "Keukentafel")["term_id"].tolist() == ["keukentafelgesprek"]


def test_search_language_and_lesson(glossary):
    assert search_glossary(glossary, "home", "nl").empty
    assert not search_glossary(glossary, "home", "en").empty
    assert len(search_glossary(glossary, "", lesson="00")) == (glossary["lesson"] == "00").sum()
    exact_first = search_glossary(glossary, "thuiszorg")
    assert exact_first["term_nl"].iloc[0] == "thuiszorg"


def test_search_rejects_bad_arguments(glossary):
    with pytest.raises(ValueError, match="language"):
        search_glossary(glossary, "x", "fr")
    with pytest.raises(ValueError, match="must be text"):
        search_glossary(glossary, None)
