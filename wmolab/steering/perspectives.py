"""The four steering perspectives of Nijdam (c. 2020, ch. 3): codes, labels, columns and their table.

Every module of :mod:`wmolab.steering` uses these names, and the perspectives always appear in the
order PA, NPM, NPG, SR (oldest first).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..validate import require_columns

__all__ = ["PERSPECTIVES", "SHARE_COLUMNS", "LABELS", "QUADRANT", "perspective_code", "perspectives_markdown"]

#: The four perspectives, oldest first (the order the course always uses).
PERSPECTIVES = ("PA", "NPM", "NPG", "SR")
#: Column of each perspective in the datasets.
SHARE_COLUMNS = {"PA": "pa", "NPM": "npm", "NPG": "npg", "SR": "sr"}
LABELS = {"PA": "rechtmatige overheid", "NPM": "presterende overheid",
          "NPG": "netwerkende overheid", "SR": "participerende overheid"}
#: Position of each perspective in the NSOB quadrant (Fig. 3.1): (main actor, focus).
QUADRANT = {"PA": ("overheid", "randvoorwaarden"), "NPM": ("overheid", "resultaten"),
            "NPG": ("samenleving", "resultaten"), "SR": ("samenleving", "randvoorwaarden")}


def perspective_code(name: Any) -> str:
    """The perspective's code in capitals, or a ValueError naming the four.

    >>> perspective_code("npg")
    'NPG'
    """
    code = str(name).upper()
    if code not in PERSPECTIVES:
        raise ValueError(f"{name!r} is not a steering perspective; use one of {', '.join(PERSPECTIVES)}.")
    return code


def perspectives_markdown(perspectives: pd.DataFrame,
                          rows: Iterable[str] = ("label_nl", "citizen", "core_values", "instruments")) -> str:
    """The perspectives side by side as a Markdown table (one column per perspective, one row per
    attribute), for ``IPython.display.Markdown``. Text is shown in full, unlike a DataFrame."""
    require_columns(perspectives, ["perspective"], "The perspectives table (load('steering_perspectives'))")
    rows = list(rows)
    unknown = [r for r in rows if r not in perspectives.columns]
    if unknown:
        raise ValueError(f"no column {unknown[0]!r} in the perspectives table.")
    table = perspectives.set_index("perspective").reindex(list(PERSPECTIVES))
    names = {"label_nl": "Dutch label", "label_en": "English", "citizen": "the citizen is",
             "core_values": "core values", "instruments": "typical instruments", "discipline": "grounded in",
             "metaphor_nl": "phase"}

    def cell(value: Any, italic: bool) -> str:
        text = str(value).replace("|", "/").replace("; ", "<br>")
        return f"*{text}*" if italic else text

    lines = ["| | " + " | ".join(f"**{p}**" for p in PERSPECTIVES) + " |", "|---" * (len(PERSPECTIVES) + 1) + "|"]
    for r in rows:
        lines.append(f"| {names.get(r, r)} | " + " | ".join(cell(table.loc[p, r], r in ("label_nl", "metaphor_nl"))
                                                        for p in PERSPECTIVES) + " |")
    return "\n".join(lines)
