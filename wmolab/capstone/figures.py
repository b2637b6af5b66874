"""The figure of lesson 07: what the course holds on each municipality, lens by lens."""
from __future__ import annotations

import pandas as pd

from ..i18n import _
from ..plots import PALETTE, new_figure
from .subjects import LENSES

__all__ = ["plot_coverage"]

def plot_coverage(table: pd.DataFrame):
    """Subjects × lenses: a filled circle with the row count where there is municipal evidence, a cross where not."""
    fig, ax = new_figure(figsize=(7.0, 4.6))
    names = list(table.index)
    for j, lens in enumerate(LENSES):
        for i, name in enumerate(names):
            n = int(table.loc[name, lens])
            y = len(names) - 1 - i
            if n:
                ax.scatter(j, y, s=440, marker="o", facecolor=PALETTE[j], alpha=0.45, edgecolor="none", zorder=3)
                ax.scatter(j, y, s=440, marker="o", facecolor="none", edgecolor="black", zorder=3)
                ax.text(j, y, str(n), ha="center", va="center", color="black", fontweight="bold", zorder=4)
            else:
                ax.scatter(j, y, s=160, marker="x", color="#555555", zorder=3)
    ax.set_xticks(range(len(LENSES)), list(LENSES))
    ax.set_xlabel(_("pieces of evidence about the municipality itself (× = none)"))
    ax.set_yticks(range(len(names)), [f"{n} ({table.loc[n, 'lenses']}/3)" for n in reversed(names)])
    ax.set_xlim(-0.6, len(LENSES) - 0.4)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.grid(False)
    ax.set_title(_("What the course holds on each municipality"))
    return fig
