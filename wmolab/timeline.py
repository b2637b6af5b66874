"""The 2015 decentralisations on a timeline (lesson 00). Pure functions over ``load("timeline")``."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .i18n import N_, _
from .plots import LAW_STYLE, new_figure

__all__ = ["LAW_LABELS", "THEME_LABELS", "PERIODS", "filter_timeline", "plot_timeline", "law_table"]

LAW_LABELS = {
    "general": N_("general (state, politics)"),
    "participatiewet": N_("Participatiewet (work and income)"),
    "wmo": N_("Wmo (support and care)"),
    "jeugdwet": N_("Jeugdwet (youth)"),
    "all": N_("all three laws"),
}
THEME_LABELS = {
    "constitution": N_("constitution"),
    "decentralisation": N_("decentralisation policy"),
    "politics": N_("politics and ideas"),
    "law": N_("law-making"),
    "finance": N_("money"),
    "implementation": N_("after 2015"),
}


#: The spans of years the timeline explorer offers (label, first year, last year), the first one shown at start:
#: a readable window around 2015 rather than all years since 1848 squeezed together.
PERIODS = [
    (N_("2010–2022: the run-up to 2015 and after"), 2010, 2022),
    (N_("2012–2015: the three laws are made"), 2012, 2015),
    (N_("1980–2022: forty years of decentralisation"), 1980, 2022),
    (N_("1848–2022: all events since the constitution"), 1848, 2022),
]


def filter_timeline(events: pd.DataFrame, start: int = 1800, end: int = 2030,
                    laws: Iterable[str] | None = None, themes: Iterable[str] | None = None) -> pd.DataFrame:
    """Events between ``start`` and ``end`` (inclusive), optionally only some laws/themes.

    An empty ``laws`` or ``themes`` selection gives an empty table (nothing selected), while
    ``None`` means "no filter".
    """
    if start > end:
        raise ValueError(f"start year {start} is after end year {end}.")
    keep = events["year"].between(start, end)
    if laws is not None:
        keep &= events["law"].isin(list(laws))
    if themes is not None:
        keep &= events["theme"].isin(list(themes))
    return events[keep].sort_values(["year", "date"], kind="stable").reset_index(drop=True)


def plot_timeline(events: pd.DataFrame, title: str | None = None,
                  span: tuple[int, int] | None = None):
    """A dot timeline: one row per law group, one marker per event, labelled with its year.

    Each law group has its own colour and marker (:data:`wmolab.plots.LAW_STYLE`) in every view. ``span``
    (first year, last year) fixes the x-axis to a period, so a filtered view keeps its scale.
    """
    title = _("The road to the 2015 decentralisations") if title is None else title
    order = list(LAW_LABELS)
    fig, ax = new_figure(figsize=(8.5, 3.6))
    present = [law for law in order if law in set(events["law"])]
    for i, law in enumerate(present):
        rows = events[events["law"] == law]
        style = LAW_STYLE[law]  # one colour and marker per law in every view (not by position)
        ax.scatter(rows["year"], [i] * len(rows), s=60, color=style["color"], marker=style["marker"],
                   edgecolor="black", linewidth=0.5, zorder=3)
    ax.set_yticks(range(len(present)), [_(LAW_LABELS[law]) for law in present])
    ax.set_ylim(-0.7, max(len(present) - 0.3, 0.7))
    if span is not None:
        margin = max(1, (span[1] - span[0]) // 40)
        ax.set_xlim(span[0] - margin, span[1] + margin)
    ax.set_xlabel(_("year"))
    ax.set_title(title)
    if len(events):
        ax.axvline(2015, color="#555555", linestyle="--", linewidth=1)
        ax.annotate(_("1 Jan 2015: the three laws in force"), xy=(2015, len(present) - 0.5),
                    xytext=(-6, 0), textcoords="offset points", ha="right", va="center", fontsize=9)
    return fig


def law_table(laws: pd.DataFrame) -> pd.DataFrame:
    """The three laws side by side, as a compact table for display."""
    cols = {"law_nl": "law", "law_en": "English", "predecessor": "follows", "staatsblad": "Staatsblad",
            "in_force": "in force"}
    out = laws[list(cols)].rename(columns=cols).set_index("law")
    out["in force"] = out["in force"].dt.strftime("%d %b %Y")
    return out
