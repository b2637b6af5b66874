"""Figures of lesson 03: group means, the quadrant, one municipality's profile, a scored text."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..i18n import N_, _, ngettext
from ..plots import PERSPECTIVE_STYLE, new_figure
from .perspectives import LABELS, PERSPECTIVES, SHARE_COLUMNS
from .plans import dominant, group_means, plan_shares, profile, quadrant_coordinates
from .scorer import TextScore

__all__ = ["plot_group_means", "plot_quadrant", "plot_profile", "plot_text_shares"]

_BY = {"size_class": N_("size class"), "region": N_("region")}


def plot_group_means(plans: pd.DataFrame, by: str | None = "size_class", published: pd.DataFrame | None = None):
    """Grouped bars of the mean share per perspective for each group (hatched per perspective and
    labelled with the value); published values, if given, as black ticks."""
    means = group_means(plans, by, decimals=None)
    fig, ax = new_figure()
    groups = list(means.index)
    width = 0.2
    for i, p in enumerate(PERSPECTIVES):
        st = PERSPECTIVE_STYLE[p]
        xs = [g + (i - 1.5) * width for g in range(len(groups))]
        bars = ax.bar(xs, means[p], width, color=st["color"], hatch=st["hatch"], edgecolor="white",
                      label=f"{p} ({LABELS[p]})")
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in means[p]], fontsize=7, padding=1)
        if published is not None:
            pub = published.set_index("group")
            ys = [float(pub.loc[g, SHARE_COLUMNS[p]]) if g in pub.index else float("nan") for g in groups]
            ax.scatter(xs, ys, marker="_", s=160, color="black", zorder=3,
                       label=_("published (Fig. 6.1-6.3)") if i == 0 else None)
    ax.set_xticks(range(len(groups)), [f"{g}\n(n={int(n)})" for g, n in zip(groups, means["n"])])
    ax.set_ylabel(_("mean share of signal words (%)"))
    ax.set_title(_("Mean share per perspective by {by}").format(by=_(_BY.get(by, by))) if by
                 else _("Mean share per perspective"))
    ax.legend(fontsize=8, ncols=2, loc="upper left")
    ax.set_ylim(0, max(45, float(means[list(PERSPECTIVES)].max().max()) + 12))
    return fig


def plot_quadrant(plans: pd.DataFrame, highlight: Iterable[str] = ()):
    """The 49 plans in the NSOB quadrant (course's own projection, see
    :func:`quadrant_coordinates`), marker and colour by dominant perspective; highlighted
    municipalities and the average are labelled."""
    if isinstance(highlight, str):
        highlight = [highlight]
    coords = quadrant_coordinates(plans)
    dom = dominant(plans)
    fig, ax = new_figure(figsize=(7.0, 6.0))
    for p in PERSPECTIVES + ("tie",):
        mask = (dom == p) if p != "tie" else ~dom.isin(PERSPECTIVES)
        if not mask.any():
            continue
        st = PERSPECTIVE_STYLE[p] if p != "tie" else {"color": "#949494", "marker": "X"}
        ax.scatter(coords.loc[mask, "x"], coords.loc[mask, "y"], color=st["color"], marker=st["marker"],
                   s=45, edgecolor="black", linewidth=0.4,
                   label=_("dominant {p}").format(p=p) if p != "tie" else _("tie for dominant"))
    avg = plan_shares(plans).mean()
    mean = {"x": (avg["NPG"] + avg["SR"]) - (avg["PA"] + avg["NPM"]),
            "y": (avg["NPM"] + avg["NPG"]) - (avg["PA"] + avg["SR"])}
    ax.scatter(mean["x"], mean["y"], marker="*", s=220, color="black", label=_("average of 49"), zorder=4)
    for g in highlight:
        if g not in coords.index:
            raise ValueError(_("{g} is not one of the 49 municipalities.").format(g=repr(g)))
        ax.annotate(g, (coords.loc[g, "x"], coords.loc[g, "y"]), xytext=(6, 6), textcoords="offset points",
                    fontsize=9, fontweight="bold", arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6},
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-100, 100)
    ax.set_ylim(-100, 100)
    corners = ((-95, 92, "NPM · overheid × resultaten"), (95, 92, "NPG · samenleving × resultaten"),
               (-95, -95, "PA · overheid × randvoorwaarden"), (95, -95, "SR · samenleving × randvoorwaarden"))
    for (x, y, text) in corners:
        ax.text(x, y, text, ha="left" if x < 0 else "right", va="top" if y > 0 else "bottom", fontsize=8,
                color="#555555")
    ax.set_xlabel(_("← government      x = (NPG + SR) − (PA + NPM)      society →"))
    ax.set_ylabel(_("← preconditions    y = (NPM + NPG) − (PA + SR)    results →"))
    ax.set_title(_("The 49 plans in the quadrant (course's own projection)"))
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def plot_profile(plans: pd.DataFrame, gemeente: str):
    """Horizontal bars: one municipality's shares against the average of 49."""
    prof = profile(plans, gemeente)
    fig, ax = new_figure(figsize=(7.0, 3.2))
    ys = range(len(PERSPECTIVES))
    for i, p in enumerate(PERSPECTIVES):
        st = PERSPECTIVE_STYLE[p]
        ax.barh(i + 0.18, prof.iloc[i, 0], 0.36, color=st["color"], hatch=st["hatch"], edgecolor="white")
        ax.barh(i - 0.18, prof.iloc[i, 1], 0.36, color="#dddddd", edgecolor="#777777")
        ax.text(prof.iloc[i, 0] + 0.5, i + 0.18, f"{prof.iloc[i, 0]:.1f}", va="center", fontsize=8)
        ax.text(prof.iloc[i, 1] + 0.5, i - 0.18, _("{avg} (avg)").format(avg=f"{prof.iloc[i, 1]:.1f}"), va="center",
                fontsize=8)
    ax.set_yticks(list(ys), [f"{p}" for p in PERSPECTIVES])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("share of signal words (%)"))
    ax.set_title(_("{gemeente} (coloured) against the average of 49 (grey)").format(gemeente=gemeente))
    return fig


def plot_text_shares(score: TextScore):
    """Bars of the four shares of a scored text (one hatched bar per perspective, labelled)."""
    if not isinstance(score, TextScore):
        raise ValueError(_("plot_text_shares needs the result of score_text(...)."))
    if score.shares is None:
        raise ValueError(score.message)
    fig, ax = new_figure(figsize=(6.0, 2.8))
    for i, p in enumerate(PERSPECTIVES):
        st = PERSPECTIVE_STYLE[p]
        ax.bar(i, score.shares[p], color=st["color"], hatch=st["hatch"], edgecolor="white")
        ax.text(i, score.shares[p] + 1, f"{score.shares[p]:.0f}% ({score.counts[p]})", ha="center", fontsize=9)
    ax.set_xticks(range(4), list(PERSPECTIVES))
    ax.set_ylim(0, 110)
    ax.set_ylabel(_("share of hits (%)"))
    ax.set_title(ngettext("{n} signal word found", "{n} signal words found", score.total).format(n=score.total))
    return fig

