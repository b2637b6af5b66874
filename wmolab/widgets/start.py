"""Explorers of lesson 00: the decentralisation timeline and the glossary."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..glossary import glossary_html, search_glossary
from ..timeline import LAW_LABELS, THEME_LABELS, events_html, filter_timeline, plot_timeline
from ._base import Explorer, figure_outputs, note_html

__all__ = ["explore_timeline", "explore_glossary"]


def explore_timeline(events: pd.DataFrame) -> Explorer:
    """Timeline explorer: pick a law, a span of years and kinds of event; see the dots and the list."""
    law = widgets.Dropdown(options=[("all laws", "any")] + [(v, k) for k, v in LAW_LABELS.items()],
                           value="any", description="Law:")
    lo, hi = int(events["year"].min()), int(events["year"].max())
    years = widgets.IntRangeSlider(value=(2010, hi), min=lo, max=hi, step=1, description="Years:",
                                   continuous_update=False, layout=widgets.Layout(width="520px"))
    themes = widgets.SelectMultiple(options=[(v, k) for k, v in THEME_LABELS.items()],
                                    value=tuple(THEME_LABELS), description="Kinds:", rows=6)
    listing = widgets.HTML()
    outputs = {**figure_outputs(), "events": listing}

    def update(ex: Explorer) -> None:
        if not themes.value:
            ex.hide_figure()
            listing.value = note_html("No kind of event selected: pick at least one in the list "
                                      "(Ctrl/Cmd-click for several).")
            return
        laws = None if law.value == "any" else [law.value, "all"]
        rows = filter_timeline(events, years.value[0], years.value[1], laws=laws, themes=themes.value)
        alt = (f"Timeline of {len(rows)} event(s) from {years.value[0]} to {years.value[1]}, one row of markers "
               f"per law group; the dashed line marks 1 January 2015, when the three laws came into force.")
        ex.show_figure((law.value, years.value, tuple(themes.value)),
                       lambda: (plot_timeline(rows, title=f"Events {years.value[0]}–{years.value[1]}"), alt))
        listing.value = events_html(rows)

    controls = {"law": law, "years": years, "themes": themes}
    layout = [widgets.HBox([widgets.VBox([law, years]), themes]), outputs["image"], outputs["caption"], listing]
    return Explorer(controls, outputs, update, title="Timeline explorer", layout_children=layout)


def explore_glossary(glossary: pd.DataFrame) -> Explorer:
    """Glossary explorer: search as you type, in Dutch, English or both."""
    language = widgets.ToggleButtons(options=[("Dutch + English", "both"), ("Dutch term", "nl"),
                                              ("English", "en")], value="both", description="Search in:")
    query = widgets.Text(value="", placeholder="type a word, e.g. zorg or self", description="Search:",
                         continuous_update=True)
    lessons = sorted(glossary["lesson"].dropna().unique())
    lesson = widgets.Dropdown(options=[("all lessons", "all")] + [(f"lesson {n}", n) for n in lessons],
                              value="all", description="Taught in:")
    table = widgets.HTML()

    def update(ex: Explorer) -> None:
        rows = search_glossary(glossary, query.value, language.value, lesson.value)
        table.value = glossary_html(rows, query.value, language=language.value, lesson=lesson.value)

    controls = {"language": language, "query": query, "lesson": lesson}
    layout = [language, widgets.HBox([query, lesson]), table]
    return Explorer(controls, {"table": table}, update, title="Glossary", layout_children=layout)
