"""Explorers of lesson 00: the decentralisation timeline and the glossary, and the HTML they show."""
from __future__ import annotations

import re

import ipywidgets as widgets
import pandas as pd

from ..glossary import search_glossary
from ..i18n import N_, _, ngettext
from ..sources import cite
from ..timeline import LAW_LABELS, PERIODS, THEME_LABELS, filter_timeline, plot_timeline
from ._base import Explorer, esc, figure_outputs, note_html

__all__ = ["explore_timeline", "explore_glossary", "events_html", "glossary_html", "SCOPE_LABELS"]


def events_html(events: pd.DataFrame, limit: int = 40) -> str:
    """The events as an HTML list with their sources (for the explorer)."""
    if events.empty:
        return "<p><i>" + esc(_("No events match this selection. Widen the years or pick more laws.")) + "</i></p>"
    items = "".join(
        f"<li><b>{esc(r.date)}</b> — {esc(r.event)} <small>({esc(cite(r.seed, r.source_lines))})</small></li>"
        for r in events.head(limit).itertuples()
    )
    more = ("<p><i>" + _("… and {n} more.").format(n=len(events) - limit) + "</i></p>") if len(events) > limit else ""
    count = ngettext("{n} event", "{n} events", len(events)).format(n=len(events))
    return f"<p>{count}</p><ul>{items}</ul>{more}"


SCOPE_LABELS = {"both": N_("Dutch terms, English glosses and definitions"), "nl": N_("Dutch terms"),
                "en": N_("English glosses and definitions")}


def glossary_html(rows: pd.DataFrame, query: str = "", limit: int = 25, language: str = "both",
                  lesson: str | None = None) -> str:
    """An HTML table of glossary rows, the query highlighted; all text escaped.

    The first line says what was searched (which fields, which lesson), so every change of a
    control is visible.
    """
    where = _(SCOPE_LABELS.get(language, language)) + (
        "" if lesson in (None, "", "all") else ", " + _("lesson {lesson}").format(lesson=lesson))
    count = ngettext("{n} term", "{n} terms", len(rows)).format(n=len(rows))
    header = "<p>" + _("{count} · searched in {where}").format(count=count, where=esc(where)) + "</p>"

    if rows.empty:
        return header + ("<p><i>" + _("No term matches {query}. Try a shorter or an English word.").format(
            query=esc(query)) + "</i></p>" if query else
            "<p><i>" + _("The glossary is empty for this selection.") + "</i></p>")

    def mark(text: str) -> str:
        q = query.strip()
        if not q:
            return esc(text)
        parts = re.split(f"({re.escape(q)})", str(text), flags=re.I)
        return "".join(f"<mark>{esc(p)}</mark>" if i % 2 else esc(p) for i, p in enumerate(parts))

    body = "".join(
        f"<tr><td><i>{mark(r.term_nl)}</i></td><td>{mark(r.term_en)}</td><td>{mark(r.definition)}</td>"
        f"<td>{esc(r.lesson)}</td><td><small>{esc(cite(r.seed, r.source_lines))}</small></td></tr>"
        for r in rows.head(limit).itertuples()
    )
    more = ("<p><i>" + _("{n} more: refine the search.").format(n=len(rows) - limit) + "</i></p>"
            if len(rows) > limit else "")
    heads = "".join(f"<th>{esc(h)}</th>" for h in (_("Dutch"), _("English"), _("Meaning"), _("Lesson"), _("Source")))
    return (
        f"{header}<table class='wmolab-glossary'><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def explore_timeline(events: pd.DataFrame) -> Explorer:
    """Timeline explorer: pick a law, a span of years and kinds of event; see the dots and the list."""
    law = widgets.Dropdown(options=[(_("all laws"), "any")] + [(_(v), k) for k, v in LAW_LABELS.items()],
                           value="any", description=_("Law:"))
    # a labelled choice of periods, not a range slider: a slider's handles have no accessible name, and one from
    # 1848 to 2022 starts squeezed at its right end
    years = widgets.Dropdown(options=[(_(label), (start, end)) for label, start, end in PERIODS],
                             value=(PERIODS[0][1], PERIODS[0][2]), description=_("Years:"),
                             layout=widgets.Layout(width="420px"))
    themes = widgets.SelectMultiple(options=[(_(v), k) for k, v in THEME_LABELS.items()],
                                    value=tuple(THEME_LABELS), description=_("Kinds:"), rows=6)
    listing = widgets.HTML()
    outputs = {**figure_outputs(), "events": listing}

    def update(ex: Explorer) -> None:
        if not themes.value:
            ex.hide_figure()
            listing.value = note_html(_("No kind of event selected: pick at least one in the list "
                                        "(Ctrl/Cmd-click for several)."))
            return
        laws = None if law.value == "any" else [law.value, "all"]
        rows = filter_timeline(events, years.value[0], years.value[1], laws=laws, themes=themes.value)
        alt = ngettext("Timeline of {n} event from {start} to {end}, one row of markers per law group; the dashed "
                       "line marks 1 January 2015, when the three laws came into force.",
                       "Timeline of {n} events from {start} to {end}, one row of markers per law group; the dashed "
                       "line marks 1 January 2015, when the three laws came into force.",
                       len(rows)).format(n=len(rows), start=years.value[0], end=years.value[1])
        title = _("Events {start}–{end}").format(start=years.value[0], end=years.value[1])
        ex.show_figure((law.value, years.value, tuple(themes.value)),
                       lambda: (plot_timeline(rows, title=title, span=years.value), alt))
        listing.value = events_html(rows)

    controls = {"law": law, "years": years, "themes": themes}
    layout = [widgets.HBox([widgets.VBox([law, years]), themes]), outputs["image"], outputs["caption"], listing]
    return Explorer(controls, outputs, update, title=_("Timeline explorer"), layout_children=layout)


def explore_glossary(glossary: pd.DataFrame) -> Explorer:
    """Glossary explorer: search as you type, in Dutch, English or both."""
    language = widgets.ToggleButtons(options=[(_("Dutch + English"), "both"), (_("Dutch term"), "nl"),
                                              (_("English"), "en")], value="both", description=_("Search in:"))
    query = widgets.Text(value="", placeholder=_("type a word, e.g. zorg or self"), description=_("Search:"),
                         continuous_update=True)
    lessons = sorted(glossary["lesson"].dropna().unique())
    lesson = widgets.Dropdown(options=[(_("all lessons"), "all")]
                              + [(_("lesson {lesson}").format(lesson=n), n) for n in lessons],
                              value="all", description=_("Taught in:"))
    table = widgets.HTML()

    def update(ex: Explorer) -> None:
        rows = search_glossary(glossary, query.value, language.value, lesson.value)
        table.value = glossary_html(rows, query.value, language=language.value, lesson=lesson.value)

    controls = {"language": language, "query": query, "lesson": lesson}
    layout = [language, widgets.HBox([query, lesson]), table]
    return Explorer(controls, {"table": table}, update, title=_("Glossary"), layout_children=layout)
