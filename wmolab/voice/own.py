"""Score your own municipality on the 13 instruments and compare it with the five cases (lesson 06)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..validate import require_columns, require_keys
from .reshape import MIN_PAIRS, MUNICIPALITIES, ROLES

__all__ = ["DONT_KNOW", "own_profile", "compare_own", "own_profile_csv"]

DONT_KNOW = "don't know"


def own_profile(answers: Mapping[str, Any], instruments: pd.DataFrame) -> pd.DataFrame:
    """A student's own scores as a table: one row per instrument.

    ``answers`` maps ``instrument_id`` to a score 1-7 or ``"don't know"`` (or None). Every
    instrument must be present.
    """
    require_columns(instruments, ["item_no", "instrument_id", "label_en"], "The instruments table")
    ids = instruments["instrument_id"].astype(str).tolist()
    require_keys(answers, ids, unknown="{key} is not one of the 13 instruments.",
                 missing="No answer for: {all} (use \"don't know\" if you cannot judge).")
    rows = []
    for item, iid, label in zip(instruments["item_no"], ids, instruments["label_en"]):
        value = answers[iid]
        if value is None or value == DONT_KNOW:
            rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "?",
                         "score": float("nan")})
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= int(value) <= 7:
            raise ValueError(f"{iid}: a score is a whole number from 1 to 7 or \"don't know\", got {value!r}.")
        rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "score",
                     "score": float(value)})
    return pd.DataFrame(rows)


def compare_own(own: pd.DataFrame, long: pd.DataFrame, role: str, models: pd.DataFrame | None = None) -> pd.DataFrame:
    """How close is your profile to each case's answers from the same role?

    Distance = mean absolute difference over the items both you and that respondent scored
    (``don't know``, ``?`` and ``nvt`` are left out). Sorted closest first; the first row is
    the case (and model) your profile resembles most. Needs at least three scored items.
    """
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    require_columns(own, ["item_no", "score"], "Your profile")
    scored = int(own["score"].notna().sum())
    if scored < MIN_PAIRS:
        raise ValueError(
            f"You scored {scored} instrument(s); score at least {MIN_PAIRS} (not \"don't know\") to compare."
        )
    mine = own.set_index("item_no")["score"]
    model_of = {}
    if models is not None:
        model_of = dict(zip(models["case_municipality_id"].astype(str), models["model_nl"].astype(str)))
    rows = []
    for mun, label in MUNICIPALITIES.items():
        theirs = long[(long["municipality_id"] == mun) & (long["role"] == role)].set_index("item_no")["score"]
        both = pd.concat([mine, theirs], axis=1, keys=["mine", "theirs"]).dropna()
        rows.append({
            "municipality_id": mun, "municipality": label, "model": model_of.get(mun, ""),
            "n_items": len(both),
            "mean_abs_difference": (both["mine"] - both["theirs"]).abs().mean() if len(both) else float("nan"),
        })
    out = pd.DataFrame(rows)
    out = out[out["n_items"] >= MIN_PAIRS]
    if out.empty:
        raise ValueError("Your scored items overlap fewer than three items with every case; score more instruments.")
    return out.sort_values(["mean_abs_difference", "municipality_id"]).reset_index(drop=True)


def own_profile_csv(own: pd.DataFrame, role: str, label: str = "") -> str:
    """Your profile as a small anonymous CSV text (for a class discussion)."""
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    out = own[["item_no", "instrument_id", "code", "score"]].copy()
    out["answer"] = [("don't know" if c != "score" else f"{s:g}") for c, s in zip(out["code"], out["score"])]
    out.insert(0, "role", role)
    out.insert(0, "label", " ".join(str(label).split())[:40])
    return out[["label", "role", "item_no", "instrument_id", "answer"]].to_csv(index=False, lineterminator="\n")

