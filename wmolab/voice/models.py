"""The five models of commissioning: the voice the thesis expected (Tabel 1) and found (Tabel 3) (lesson 06)."""
from __future__ import annotations

import pandas as pd

from ..validate import require_columns
from .reshape import MUNICIPALITIES

__all__ = ["expectations_table", "expectation_changes"]

_LEVEL = {"Laag": 1, "Gemiddeld": 2, "Groot": 3}


def expectations_table(models: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tabel 1 (expected voice) beside Tabel 3 (found), one row per model, with its case."""
    require_columns(models, ["model_id", "model_nl", "case_municipality_id", "t1_conclusion",
                              "t3_conclusion_printed", "t3_conclusion_found"], "The models table")
    out = models[["model_id", "model_nl", "case_municipality_id", "t1_conclusion", "t3_conclusion_printed",
                  "t3_conclusion_found"]].copy()
    out["case"] = out["case_municipality_id"].map(MUNICIPALITIES)
    out["changed"] = out["t1_conclusion"] != out["t3_conclusion_found"]
    out["direction"] = [
        "same" if a == b else ("lower" if _LEVEL[b] < _LEVEL[a] else "higher")
        for a, b in zip(out["t1_conclusion"], out["t3_conclusion_found"])
    ]
    return out[["model_id", "model_nl", "case", "t1_conclusion", "t3_conclusion_printed", "t3_conclusion_found",
                "changed", "direction"]]


def expectation_changes(models: pd.DataFrame) -> list[str]:
    """The model ids whose conclusion in Tabel 3 differs from the expectation in Tabel 1."""
    table = expectations_table(models)
    return table.loc[table["changed"], "model_id"].tolist()

