"""The dossier as text, the memo outline and the memo rubric (lesson 07)."""
from __future__ import annotations

import pandas as pd

from .dossier import Dossier
from .subjects import LENS_TITLES, LENSES

__all__ = ["dossier_markdown", "memo_outline", "rubric"]

def dossier_markdown(d: Dossier, lens: str | None = None) -> str:
    """The dossier as Markdown: per lens, the evidence (with dataset and source) and what is missing."""
    lenses = LENSES if lens is None else (lens,)
    if lens is not None and lens not in LENSES:
        raise ValueError(f"lens must be one of {LENSES}, not {lens!r}.")
    parts = [f"**{d.name}**: evidence on {len(d.lenses)} of 3 lenses "
             f"({', '.join(d.lenses) if d.lenses else 'none'})."]
    for le in lenses:
        parts.append(f"\n**{LENS_TITLES[le]}**\n")
        ev = d.evidence[d.evidence["lens"] == le]
        for r in ev.itertuples():
            tag = "" if r.scope == "municipality" else "*(reference, not about this municipality)* "
            parts.append(f"- {tag}{r.evidence} — `{r.dataset}`; {r.source}")
        for r in d.missing[d.missing["lens"] == le].itertuples():
            parts.append(f"- **Missing:** {r.missing} *So:* {r.so}")
    return "\n".join(parts)


def memo_outline(d: Dossier) -> str:
    """A Markdown skeleton of the memo for one municipality, with the dossier's datasets filled in."""
    lines = [f"### Memo: the Wmo approach of {d.name}", "",
             "**1. Question.** (one sentence: what do you evaluate, for whom?)", ""]
    for i, le in enumerate(LENSES, start=2):
        ds = sorted(set(d.evidence.loc[(d.evidence["lens"] == le) & (d.evidence["scope"] == "municipality"),
                                       "dataset"]))
        have = ", ".join(f"`{x}`" for x in ds) if ds else "no data on this municipality"
        lines += [f"**{i}. Evidence: {LENS_TITLES[le].split(' (')[0].lower()}.** Datasets: {have}. "
                  "(two to four sentences; each claim with its dataset and source: author and section, "
                  "table or page)", ""]
    lines += ["**5. Assessment.** (how do the three lenses fit together? one paragraph)", "",
              "**6. Limitations.** (what is missing, how small the samples are, who wrote the source)", "",
              "**7. Recommendation.** (one concrete step for the municipality, following from 2-6)"]
    return "\n".join(lines)


_RUBRIC = (
    ("Question", "States one evaluative question about one municipality, with a purpose.", 1),
    ("Evidence per lens", "Uses evidence on each lens that has data; every claim names a dataset and "
                          "its source (author and section, table or page); computed numbers are correct.", 3),
    ("Missing data", "Says for each lens without municipal data what is missing and does not fill the gap "
                     "with guesses presented as findings.", 2),
    ("Assessment", "Connects the lenses (e.g. a steering choice that explains a value tension or a voice "
                   "gap) and weighs conflicting evidence.", 2),
    ("Limitations", "Names sample size, source position and date, and reconstructed or derived data.", 1),
    ("Recommendation", "One feasible step that follows from the assessment, addressed to someone.", 1),
)


def rubric() -> pd.DataFrame:
    """The memo rubric: criterion, what earns full marks, points (10 in total)."""
    return pd.DataFrame(_RUBRIC, columns=["criterion", "full marks when the memo ...", "points"])

