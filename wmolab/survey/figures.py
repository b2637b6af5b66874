"""Figures of lesson 05: Likert answers, importance against attention, mean ranks, the conflict network."""
from __future__ import annotations

import math

import pandas as pd

from ..i18n import _
from ..plots import CLUSTER_STYLE, HATCHES, MARKERS, PALETTE, new_figure
from ..validate import require_columns
from ..values import CLUSTERS
from .questions import CLUSTER_CODES, GROUP_LABELS, QUESTIONS, VALUE_KEYS, check_group

__all__ = ["plot_likert", "plot_dumbbell", "plot_mean_ranks", "plot_conflict_network"]

def _labels(values: pd.DataFrame | None) -> dict[str, str]:
    if values is None:
        return {k: k for k in VALUE_KEYS}
    return dict(zip(values["value_key"], values["short_nl"]))


_SCALE = {"Q7": 5, "Q9": 5, "Q10": 3, "Q11": 4}


def plot_likert(distributions: pd.DataFrame, group: str, question: str, values: pd.DataFrame | None = None):
    """Diverging stacked bars: answers below the scale midpoint to the left, above it to the right.

    The middle code (on an odd scale) is split half left, half right. Bars count respondents,
    because with n = 4 to 7 a percentage would suggest more precision than there is.
    """
    g = check_group(group)
    if question not in _SCALE:
        raise ValueError(f"question must be one of {sorted(_SCALE)}, not {question!r}.")
    k = _SCALE[question]
    d = distributions[(distributions["group"] == g) & (distributions["question"] == question)]
    d = d.set_index("value_key").reindex([v for v in VALUE_KEYS if v in set(d["value_key"])])
    labels = _labels(values)
    order = list(d.index)[::-1]
    mid = (k + 1) / 2
    colours = {1: PALETTE[3], 2: PALETTE[1], 3: PALETTE[7], 4: PALETTE[9], 5: PALETTE[0]}
    if k == 3:
        colours = {1: PALETTE[3], 2: PALETTE[7], 3: PALETTE[0]}
    if k == 4:
        colours = {1: PALETTE[3], 2: PALETTE[1], 3: PALETTE[9], 4: PALETTE[0]}
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = range(len(order))
    for code in range(1, k + 1):
        counts = d.loc[order, f"r{code}"].astype(float).to_numpy()
        if code < mid:
            left = -sum(d.loc[order, f"r{c}"].astype(float).to_numpy() for c in range(code, math.ceil(mid)))
            if k % 2 == 1:
                left = left - d.loc[order, f"r{int(mid)}"].astype(float).to_numpy() / 2
            ax.barh(y, counts, left=left, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
        elif code == mid:
            ax.barh(y, counts, left=-counts / 2, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
        else:
            left = sum(d.loc[order, f"r{c}"].astype(float).to_numpy() for c in range(math.floor(mid) + 1, code))
            if k % 2 == 1:
                left = left + d.loc[order, f"r{int(mid)}"].astype(float).to_numpy() / 2
            ax.barh(y, counts, left=left, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
    ax.axvline(0, color="#333333", linewidth=1)
    ax.set_yticks(list(y), [labels.get(v, v) for v in order])
    ax.set_xlabel(_("respondents (left: lower answers, right: higher answers)"))
    n = int(d["n"].max())
    ax.set_xlim(-n - 0.5, n + 0.5)
    ax.set_title(f"{question}, {_(GROUP_LABELS[g]).split(' (')[0]}: {_(QUESTIONS[question]).split(' (')[0]}")
    ax.legend(title=_("answer\ncode"), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, title_fontsize=9)
    ax.grid(axis="y", visible=False)
    return fig


def plot_dumbbell(gaps: pd.DataFrame, values: pd.DataFrame | None = None, title: str = ""):
    """Importance (circle) and attention (square) per value joined by a line, largest gap on top."""
    require_columns(gaps, ["importance", "attention", "gap"], "gaps")
    labels = _labels(values)
    g = gaps.sort_values("gap")
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = list(range(len(g)))
    ax.hlines(y, g["attention"], g["importance"], color="#999999", linewidth=2, zorder=1)
    ax.scatter(g["importance"], y, marker="o", s=60, color=PALETTE[0], label=_("importance (Q7)"), zorder=2)
    ax.scatter(g["attention"], y, marker="s", s=55, color=PALETTE[1], label=_("attention (Q9)"), zorder=2)
    for yi, (_i, r) in zip(y, g.iterrows()):
        ax.annotate(f"{r['gap']:+.2f}", (max(r["importance"], r["attention"]) + 0.05, yi), va="center", fontsize=9)
    ax.set_yticks(y, [labels.get(v, v) for v in g.index])
    ax.set_xlim(2.5, 5.4)
    ax.set_xlabel(_("mean score (1-5)"))
    ax.set_title(title or _("Importance vs attention"))
    ax.legend(loc="lower left", fontsize=9)
    return fig


def plot_mean_ranks(table: pd.DataFrame, values: pd.DataFrame | None = None, title: str = ""):
    """Dot plot of mean ranks (1 = most important) per value, one marker per column of ``table``."""
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError(_("table should be a DataFrame of mean ranks (values as rows, groups as columns)."))
    labels = _labels(values)
    t = table.sort_values(table.columns[0], ascending=False)
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = list(range(len(t)))
    for i, col in enumerate(t.columns):
        ax.scatter(t[col], y, marker=MARKERS[i % len(MARKERS)], s=55, color=PALETTE[i % len(PALETTE)],
                   label=str(col), zorder=2)
    ax.set_yticks(y, [labels.get(v, v) for v in t.index])
    ax.set_xlim(0.5, 11.5)
    ax.set_xticks(range(1, 12))
    ax.set_xlabel(_("mean rank (1 = most important, 11 = least)"))
    ax.set_title(title or _("Mean ranks of the 11 values"))
    ax.legend(loc="upper right", fontsize=9)
    return fig


def plot_conflict_network(graph, highlight: str | None = None, title: str = ""):
    """The conflict graph on a circle: node shape and colour show the cluster, edge width the
    number of respondents naming the pair; ``highlight`` thickens one value's edges."""
    import networkx as nx

    nodes = sorted(graph.nodes, key=lambda v: VALUE_KEYS.index(v) if v in VALUE_KEYS else 99)
    pos = nx.circular_layout(nodes)
    fig, ax = new_figure(figsize=(7.0, 5.2))
    for code, cluster in CLUSTER_CODES.items():  # the course's one cluster style (wmolab.plots.CLUSTER_STYLE)
        members = [v for v in nodes if graph.nodes[v].get("cluster") == code]
        if members:
            style = CLUSTER_STYLE[cluster]
            nx.draw_networkx_nodes(graph, pos, nodelist=members, node_shape=style["marker"], node_size=420,
                                   node_color=style["color"], ax=ax, label=CLUSTERS[cluster][0])
    for a, b, data in graph.edges(data=True):
        on = highlight in (a, b)
        nx.draw_networkx_edges(graph, pos, edgelist=[(a, b)], width=1.5 * len(data["respondents"]) + (2.5 if on else 0),
                               edge_color="#222222" if on or highlight is None else "#bbbbbb", ax=ax)
    for v in nodes:
        x, y = pos[v]
        norm = max((x * x + y * y) ** 0.5, 1e-9)
        dx, dy = x / norm, y / norm
        ha = "left" if dx > 0.3 else ("right" if dx < -0.3 else "center")
        va = "bottom" if dy > 0.3 else ("top" if dy < -0.3 else "center")
        ax.annotate(graph.nodes[v].get("label", v), (x, y), xytext=(16 * dx, 16 * dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=9, fontweight="bold" if v == highlight else "normal")
    ax.set_axis_off()
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.35, 1.3)
    ax.set_title(title or _("Value conflicts named by respondents"))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize=9, markerscale=0.6)
    return fig
