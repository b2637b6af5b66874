"""Figures of lesson 06: the survey grid, one municipality's pair, computed against published r, agreement."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..i18n import _
from ..plots import MARKERS, PALETTE, new_figure
from ..validate import require_columns
from .correlations import pair_table
from .reshape import MUNICIPALITIES, ROLES, SCORE_COLUMNS, TREATMENTS, treat_missing

__all__ = ["plot_survey_heatmap", "plot_pair", "plot_correlations", "plot_agreement", "plot_class_profiles",
           "class_profiles_alt"]

def _short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def plot_survey_heatmap(long: pd.DataFrame, treatment: str = "category"):
    """All 130 answers as a grid: colour = score, and every cell is labelled (never colour alone)."""
    treated = treat_missing(long, treatment)
    grid = treated.pivot(index="item_no", columns="column", values="value")[list(SCORE_COLUMNS)]
    codes = treated.pivot(index="item_no", columns="column", values="code")[list(SCORE_COLUMNS)]
    labels = treated.drop_duplicates("item_no").set_index("item_no")["instrument"]
    fig, ax = new_figure(figsize=(8.6, 6.2))
    ax.grid(False)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="cividis", vmin=0, vmax=7, aspect="auto")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v, c = grid.iat[i, j], codes.iat[i, j]
            text = f"{v:g}" if not math.isnan(v) else c
            if c != "score" and treatment == "zero":
                text = f"0 ({c})"
            dark = (not math.isnan(v)) and v >= 4.5
            colour = "black" if (dark or math.isnan(v)) else "white"
            ax.text(j, i, text, ha="center", va="center", fontsize=9, color=colour,
                    fontweight="bold" if c != "score" else "normal")
    ax.set_facecolor("#eeeeee")
    ax.set_yticks(range(len(labels)), [_short(x) for x in labels])
    heads = [_("policy") if col.startswith(("r1_", "r1r2")) else _("client") for col in SCORE_COLUMNS]
    ax.set_xticks(range(len(SCORE_COLUMNS)), heads, fontsize=8)
    ax.tick_params(axis="x", labeltop=True, labelbottom=False)
    for j, name in enumerate(MUNICIPALITIES.values()):
        ax.text(2 * j + 0.5, -1.25, name.replace(" a/d Rijn", ""), ha="center", va="bottom", fontsize=9,
                fontweight="bold")
    for j in range(1, 5):
        ax.axvline(2 * j - 0.5, color="white", linewidth=3)
    cbar = fig.colorbar(image, ax=ax, shrink=0.7)
    cbar.set_label(_("score (1 = no place, 7 = a very large place)"))
    ax.set_title(_("The voice survey as printed: codes {treatment}").format(
        treatment=_(TREATMENTS[treatment]).split(" (")[0]), pad=46)
    return fig


def plot_pair(long: pd.DataFrame, municipality: str, treatment: str = "missing"):
    """Policy officer and client of one municipality side by side (hatched bars, codes labelled)."""
    table = pair_table(long, municipality, treatment)
    fig, ax = new_figure(figsize=(8, 5.6))
    y = np.arange(len(table))
    h = 0.38
    styles = [("policy_officer", "policy_code", PALETTE[0], "", -h / 2),
              ("client", "client_code", PALETTE[1], "//", h / 2)]
    for role, code_col, colour, hatch, off in styles:
        values = table[role].fillna(0).to_numpy()
        ax.barh(y + off, values, height=h, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5,
                label=_(ROLES[role]))
        for yi, v, c in zip(y + off, table[role], table[code_col]):
            if c != "score" and (v != v or treatment == "category"):
                text = c
            else:
                text = f"{v:g}" + (f" ({c})" if c != "score" else "")
            ax.text((0 if v != v else v) + 0.1, yi, text, va="center", fontsize=8)
    ax.set_yticks(y, [_short(x, 30) for x in table["instrument"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 8)
    ax.set_xlabel(_("score (1 = no place, 7 = a very large place)"))
    ax.set_title(_("{municipality}: policy officer vs client").format(municipality=MUNICIPALITIES[municipality]))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    return fig


def plot_correlations(comparison: pd.DataFrame):
    """Computed r (circles) beside published r (diamonds), with the thesis's bands shaded."""
    require_columns(comparison, ["municipality", "r", "published_r", "reproduces"], "The comparison table")
    fig, ax = new_figure(figsize=(7.5, 3.8))
    for lo, hi, name, shade in ((0.0, 0.495, _("band: low"), "#f2f2f2"), (0.495, 0.695, _("medium"), "#e0e0e0"),
                                (0.695, 1.0, _("high"), "#cccccc")):
        ax.axvspan(lo, hi, color=shade, zorder=0)
        ax.text((lo + hi) / 2, -0.45, name, ha="center", va="bottom", fontsize=8)
    y = np.arange(len(comparison))
    ax.scatter(comparison["published_r"], y, marker="D", s=70, color=PALETTE[3], label=_("published (Bijlage VI)"),
               zorder=3)
    ax.scatter(comparison["r"], y, marker="o", s=45, color=PALETTE[0], label=_("computed from the printed table"),
               zorder=4)
    for yi, row in zip(y, comparison.itertuples()):
        mark = _("reproduces") if row.reproduces else _("does NOT reproduce")
        ax.text(1.02, yi, _("{r} vs {published}: {mark}").format(r=f"{row.r:.4f}", published=f"{row.published_r:.4f}",
                                                                  mark=mark), va="center", fontsize=8,
                transform=ax.get_yaxis_transform())
    ax.set_yticks(y, comparison["municipality"])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(comparison) - 0.2, -0.6)
    ax.set_xlabel(_("Pearson r between policy officer and client"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    return fig


def plot_agreement(long: pd.DataFrame, municipality: str, treatment: str = "missing"):
    """Policy officer (x) against client (y) per item, with the line of perfect agreement."""
    table = pair_table(long, municipality, treatment).dropna(subset=["policy_officer", "client"])
    fig, ax = new_figure(figsize=(5.2, 5.0))
    counts = table.groupby(["policy_officer", "client"]).size().reset_index(name="n")
    ax.scatter(counts["policy_officer"], counts["client"], s=60 * counts["n"], marker="o", color=PALETTE[0],
               edgecolor="black", zorder=3, label=_("instrument(s); size = how many"))
    for row in counts.itertuples():
        if row.n > 1:
            ax.text(row.policy_officer + 0.2, row.client + 0.2, f"×{row.n}", fontsize=8)
    ax.plot([1, 7], [1, 7], linestyle="--", color="black", linewidth=1, label=_("perfect agreement (y = x)"))
    ax.set_xlim(0.5, 7.5)
    ax.set_ylim(0.5, 7.5)
    ax.set_aspect("equal")
    ax.set_xlabel(_("policy officer's score"))
    ax.set_ylabel(_("client's score"))
    ax.set_title(_("{municipality}: correlation is not agreement").format(municipality=MUNICIPALITIES[municipality]))
    ax.legend(loc="upper left", fontsize=8)
    return fig


def _role_items(items: pd.DataFrame, role: str) -> pd.DataFrame:
    require_columns(items, ["role", "instrument", "class_mean", "n_scored", "dont_know", *MUNICIPALITIES],
                    "The items table (ClassComparison.items)")
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    part = items[items["role"] == role]
    if part.empty:
        raise ValueError(_("No profile in the class was scored as a {role}.").format(role=_(ROLES[role]).lower()))
    return part


def plot_class_profiles(items: pd.DataFrame, role: str):
    """The class's mean per instrument (black diamonds, with how many scored it) beside the five cases'
    answers from the same role (a marker and a colour per case; ? and nvt are left out)."""
    part = _role_items(items, role)
    fig, ax = new_figure(figsize=(8.4, 6.0))
    y = np.arange(len(part))
    for k, (mun, label) in enumerate(MUNICIPALITIES.items()):
        offset = (k - 2) * 0.11
        ax.scatter(part[mun], y + offset, marker=MARKERS[k + 1], s=34, color=PALETTE[k], label=label, zorder=3)
    ax.scatter(part["class_mean"], y, marker="D", s=80, color="black", label=_("the class (mean)"), zorder=4)
    for yi, row in zip(y, part.itertuples()):
        ax.text(7.6, yi, f"n = {row.n_scored}" + (_(", don't know {n}").format(n=row.dont_know) if row.dont_know
                                                   else ""),
                va="center", fontsize=8)
    ax.set_yticks(y, [_short(x, 30) for x in part["instrument"]])
    ax.invert_yaxis()
    ax.set_xlim(0.5, 9.6)
    ax.set_xticks(range(1, 8))
    ax.set_xlabel(_("score (1 = no place, 7 = a very large place)"))
    ax.set_title(_("The class's profiles (as a {role}) beside the five cases").format(role=_(ROLES[role]).lower()))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8)
    return fig


def class_profiles_alt(items: pd.DataFrame, role: str) -> str:
    """Alt text for :func:`plot_class_profiles`, computed from the same table."""
    part = _role_items(items, role).dropna(subset=["class_mean"])
    if part.empty:
        return _("No instrument was scored by the class as a {role}: every answer was don't know, "
                 "so only the five cases are drawn.").format(role=_(ROLES[role]).lower())
    hi, lo = part.loc[part["class_mean"].idxmax()], part.loc[part["class_mean"].idxmin()]
    return _("Dot chart of the 13 instruments: the class's mean score as a {role} beside the five "
             "cases' answers. The class gives the most voice to {most} ({most_mean}) and the "
             "least to {least} ({least_mean}).").format(
        role=_(ROLES[role]).lower(), most=hi["instrument"], most_mean=f"{hi['class_mean']:.2f}",
        least=lo["instrument"], least_mean=f"{lo['class_mean']:.2f}")
