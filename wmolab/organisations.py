"""Public, private or hybrid? Classifying organisations with the *zwaartepunt* rule (lesson 01).

Van Schooten (2022, §2.1.1, L186) takes the NS from Van der Meer (2020): a company that is
private in law but runs a public service with public money counts as public, because its
centre of gravity (*zwaartepunt*) is public. The ``values_organisations`` dataset describes
organisations from the Wmo field on three criteria (legal form, financing, task), each
pointing ``public``, ``private`` or ``mixed``; these functions summarise and judge them.

>>> from wmolab import load
>>> from wmolab.organisations import judge
>>> judge(load("values_organisations"), "ns", "private")["status"]
'no'
"""
from __future__ import annotations

import pandas as pd

from .i18n import N_, _
from .plots import VERDICT_STYLE, new_figure
from .validate import require_columns

__all__ = ["CHOICES", "WORDS", "CRITERIA", "LEAN_POINTS", "signals", "publicness", "criteria_table", "judge",
           "word", "plot_publicness"]

#: The three answers a student can give.
CHOICES = ("public", "private", "hybrid")
#: The words for the answers and verdicts where a student reads them (the values themselves stay English).
WORDS = {"public": N_("public"), "private": N_("private"), "hybrid": N_("hybrid"), "mixed": N_("mixed")}
#: The criteria: column of the lean -> what it is about.
CRITERIA = {
    "legal_lean": N_("legal form and ownership"),
    "financing_lean": N_("financing"),
    "task_lean": N_("task"),
}
#: Points per lean for the publicness count (public = 1, mixed = 0.5, private = 0).
LEAN_POINTS = {"public": 1.0, "mixed": 0.5, "private": 0.0}


def _check(orgs: pd.DataFrame) -> None:
    require_columns(orgs, ["org_id", "name", "verdict", "also_defensible", "basis", "reasoning", *CRITERIA],
                    "The organisations table (load('values_organisations'))")


def _row(orgs: pd.DataFrame, org_id: str) -> pd.Series:
    _check(orgs)
    hit = orgs[orgs["org_id"] == org_id]
    if hit.empty:
        raise ValueError(_("there is no organisation {org_id}; choose from {choices}.").format(
            org_id=repr(org_id), choices=list(orgs["org_id"])))
    return hit.iloc[0]


def signals(row: pd.Series) -> str:
    """``"public"`` or ``"private"`` when all three criteria agree, else ``"mixed"``."""
    leans = {row[c] for c in CRITERIA}
    return leans.pop() if len(leans) == 1 and leans <= {"public", "private"} else "mixed"


def publicness(row: pd.Series) -> float:
    """A rough count of public signals: 1 per criterion pointing public, 0.5 per mixed one (0-3).

    This is a starting point, not the rule: the *zwaartepunt* asks which criterion weighs most,
    and two organisations with the same count can end up on different sides.
    """
    try:
        return float(sum(LEAN_POINTS[row[c]] for c in CRITERIA))
    except KeyError as exc:
        raise ValueError(f"unknown lean {exc.args[0]!r}; expected one of {list(LEAN_POINTS)}.") from None


def criteria_table(orgs: pd.DataFrame, *, with_verdict: bool = False) -> pd.DataFrame:
    """One row per organisation: the three leans, whether they agree and the publicness count.

    The verdict column is left out unless ``with_verdict`` (so a lesson can show the facts
    before students decide).
    """
    _check(orgs)
    table = pd.DataFrame({
        "organisation": orgs["name"].to_numpy(),
        "legal form": orgs["legal_lean"].to_numpy(),
        "financing": orgs["financing_lean"].to_numpy(),
        "task": orgs["task_lean"].to_numpy(),
        "signals": [signals(r) for _, r in orgs.iterrows()],
        "publicness": [publicness(r) for _, r in orgs.iterrows()],
    }, index=pd.Index(orgs["org_id"].to_numpy(), name="org_id"))
    if with_verdict:
        table["verdict"] = orgs["verdict"].to_numpy()
        table["basis"] = orgs["basis"].to_numpy()
    return table


def judge(orgs: pd.DataFrame, org_id: str, choice: str) -> dict[str, str]:
    """Compare a student's choice with the verdict for one organisation.

    Returns ``status`` and ``headline``: ``"match"`` (the verdict), ``"defensible"`` (another
    answer that good arguments support), ``"partly"`` (hybrid where the signals are mixed but a
    zwaartepunt can still be found) or ``"no"``.
    """
    if choice not in CHOICES:
        raise ValueError(_("choose one of {choices}, not {choice}.").format(choices=list(CHOICES), choice=repr(choice)))
    row = _row(orgs, org_id)
    verdict = row["verdict"]
    also = row["also_defensible"] if isinstance(row["also_defensible"], str) else ""
    mixed = signals(row) == "mixed"
    source = _("the thesis") if row["basis"] == "thesis" else _("the course's reading of the zwaartepunt rule")
    said = {"choice": word(choice), "verdict": word(verdict), "source": source}
    if choice == verdict:
        return {"status": "match", "headline": _("Your answer, {choice}, matches {source}.").format(**said)}
    if choice == also:
        return {"status": "defensible",
                "headline": _("{choice} can be defended, but {source} says {verdict}: "
                              "compare your arguments with the reasoning below.").format(
                                  **{**said, "choice": said["choice"].capitalize()})}
    if choice == "hybrid" and mixed:
        return {"status": "partly",
                "headline": _("The signals are indeed mixed, but the zwaartepunt is {verdict} "
                              "according to {source}: see which criterion weighs most.").format(**said)}
    if mixed:
        return {"status": "no",
                "headline": _("Not {choice}: {source} says {verdict}. The signals are mixed, so look "
                              "at which criterion weighs most.").format(**said)}
    return {"status": "no",
            "headline": _("Not {choice}: all three criteria point to {verdict}.").format(**said)}


def word(value: str) -> str:
    """An answer, verdict or lean (``"public"``) as the student reads it, in the course's language."""
    return _(WORDS[value]) if value in WORDS else value


def plot_publicness(orgs: pd.DataFrame):
    """Dot plot: each organisation's publicness count (0-3), marker and label by its verdict.

    Organisations are sorted by count; the verdict is written next to each dot, so the figure
    does not rely on colour or marker shape alone (one look per verdict: :data:`wmolab.plots.VERDICT_STYLE`).
    """
    table = criteria_table(orgs, with_verdict=True).sort_values(["publicness", "organisation"])
    if table.empty:
        raise ValueError(_("there are no organisations to draw."))
    fig, ax = new_figure(figsize=(7.5, 0.42 * len(table) + 1.3))
    for y, (_i, row) in enumerate(table.iterrows()):
        style = VERDICT_STYLE[row["verdict"]]
        ax.plot(row["publicness"], y, linestyle="none", marker=style["marker"], markersize=10,
                color=style["color"], markeredgecolor="black")
        ax.text(row["publicness"] + 0.09, y, word(row["verdict"]), va="center", fontsize=9)
    ax.set_yticks(range(len(table)), list(table["organisation"]))
    ax.set_xlim(-0.2, 3.5)
    ax.set_xticks([0, 0.5, 1, 1.5, 2, 2.5, 3])
    ax.set_xlabel(_("publicness count (0 = all criteria private, 3 = all public)"))
    ax.grid(axis="y", visible=False)
    handles = [ax.plot([], [], linestyle="none", marker=s["marker"], color=s["color"], markeredgecolor="black",
                       markersize=8, label=_("verdict: {verdict}").format(verdict=word(v)))[0]
               for v, s in VERDICT_STYLE.items()]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    return fig
