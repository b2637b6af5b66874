"""The voice survey as printed, and in tidy form with the two missing codes kept apart (lesson 06).

The dataset ``voice_survey_printed`` keeps the table as printed: one row per instrument, one column
per respondent, with two missing codes that mean different things (``?`` and ``nvt``; see
:mod:`wmolab.voice`). :func:`survey_long` turns it into one row per answer; :func:`treat_missing`
applies a chosen treatment of the codes only where a number is needed.
"""
from __future__ import annotations

import math

import pandas as pd

from ..data import load
from ..i18n import N_
from ..validate import require_columns

__all__ = [
    "MISSING_CODES", "TREATMENTS", "MUNICIPALITIES", "ROLES", "FORMS", "SCORE_COLUMNS", "MIN_PAIRS",
    "check_treatment", "check_municipality", "load_survey", "survey_long", "missing_code_counts", "treat_missing",
    "profile_table", "form_profile", "treatment_effect",
]

MISSING_CODES = ("?", "nvt")

#: How the missing codes can be treated when a number is needed.
TREATMENTS = {
    "missing": N_("as missing (left out of means and correlations)"),
    "zero": N_("as 0 (as if there were no place at all, below the scale's 1)"),
    "category": N_("as their own category (shown, but not averaged)"),
}

#: The five case municipalities in the column order of Bijlage VI, with display names.
MUNICIPALITIES = {
    "alphen": "Alphen a/d Rijn",
    "utrecht": "Utrecht",
    "schiedam": "Schiedam",
    "delft": "Delft",
    "haarlemmermeer": "Haarlemmermeer",
}

ROLES = {"policy_officer": N_("Policy officer"), "client": N_("Client")}

#: The three forms of voice (Haarmann, Klenk & Weyrauch, 2010) and their instrument columns.
FORMS = {
    "direct_communication": N_("Direct communication"),
    "complaints": N_("Voicing complaints"),
    "collective": N_("Collective democratic processes"),
}

#: The respondent columns of the printed table, in printed order.
SCORE_COLUMNS = (
    "r1_alphen", "r2_alphen", "r1_utrecht", "r2_utrecht", "r1_schiedam", "r2_schiedam",
    "r1r2_delft", "r3r4_delft", "r1_haarlemmermeer", "r2_haarlemmermeer",
)

_VALID_CELLS = {str(i) for i in range(1, 8)} | set(MISSING_CODES)
#: The fewest complete item pairs a correlation, an agreement or a comparison is computed from.
MIN_PAIRS = 3


# --------------------------------------------------------------------------- helpers
def check_treatment(treatment: str) -> None:
    """A ValueError naming the treatments, unless ``treatment`` is one of them."""
    if treatment not in TREATMENTS:
        raise ValueError(f"Unknown treatment {treatment!r}; choose one of {list(TREATMENTS)}.")


def check_municipality(municipality: str) -> None:
    """A ValueError naming the five municipalities, unless ``municipality`` is one of them."""
    if municipality not in MUNICIPALITIES:
        raise ValueError(f"Unknown municipality {municipality!r}; choose one of {list(MUNICIPALITIES)}.")


# --------------------------------------------------------------------------- reshape
def load_survey() -> pd.DataFrame:
    """The survey in tidy form, straight from the three course datasets."""
    return survey_long(load("voice_survey_printed"), load("voice_respondents"), load("voice_instruments"))


def survey_long(printed: pd.DataFrame, respondents: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Reshape the survey as printed (13 × 10) into one row per answer (130 rows).

    Columns: ``item_no``, ``instrument_id``, ``instrument`` (English label), the three form
    flags, ``column``, ``municipality_id``, ``municipality``, ``role``, ``printed`` (the cell
    as printed), ``code`` (``"score"``, ``"?"`` or ``"nvt"``) and ``score`` (the number, NaN
    for a code). The codes stay distinct; nothing is converted to 0.
    """
    require_columns(printed, ["item_no", *SCORE_COLUMNS], "The printed survey")
    require_columns(respondents, ["column", "municipality_id", "role"], "The respondents table")
    require_columns(instruments, ["item_no", "instrument_id", "label_en", *FORMS], "The instruments table")
    long = printed.melt(id_vars="item_no", value_vars=list(SCORE_COLUMNS), var_name="column", value_name="printed")
    long["printed"] = long["printed"].astype("string").str.strip()
    bad = long[~long["printed"].isin(_VALID_CELLS) | long["printed"].isna()]
    if len(bad):
        row = bad.iloc[0]
        raise ValueError(
            f"Cell (item {row['item_no']}, {row['column']}) holds {row['printed']!r}; a cell must be a "
            "score 1-7, '?' or 'nvt'. Remove footnote numbers glued to a value first (e.g. '510' -> '5')."
        )
    long["code"] = long["printed"].where(long["printed"].isin(MISSING_CODES), "score").astype(str)
    long["score"] = pd.to_numeric(long["printed"].where(long["code"] == "score"), errors="coerce").astype(float)
    resp = respondents[["column", "municipality_id", "role"]].astype(
        {"column": str, "municipality_id": str, "role": str})
    long = long.merge(resp, on="column", how="left", validate="many_to_one")
    if long["role"].isna().any():
        unknown = sorted(set(long.loc[long["role"].isna(), "column"]))
        raise ValueError(f"The respondents table has no role for column(s) {unknown}.")
    inst = instruments[["item_no", "instrument_id", "label_en", *FORMS]].rename(columns={"label_en": "instrument"})
    long = long.merge(inst, on="item_no", how="left", validate="many_to_one")
    long["municipality"] = long["municipality_id"].map(MUNICIPALITIES)
    for form in FORMS:
        long[form] = long[form].astype(bool)
    long["item_no"] = long["item_no"].astype(int)
    order = ["item_no", "instrument_id", "instrument", *FORMS, "column", "municipality_id", "municipality",
             "role", "printed", "code", "score"]
    col_rank = {c: i for i, c in enumerate(SCORE_COLUMNS)}
    long = long.assign(_c=long["column"].map(col_rank)).sort_values(["item_no", "_c"]).drop(columns="_c")
    return long[order].reset_index(drop=True)


def missing_code_counts(long: pd.DataFrame) -> pd.Series:
    """How many cells are scores, ``?`` and ``nvt``, and the sum of the scores."""
    require_columns(long, ["code", "score"], "The tidy survey")
    counts = long["code"].value_counts()
    return pd.Series(
        {
            "cells": int(len(long)),
            "scores": int(counts.get("score", 0)),
            "?": int(counts.get("?", 0)),
            "nvt": int(counts.get("nvt", 0)),
            "sum_of_scores": int(long["score"].sum()),
        },
        name="count",
    )


def treat_missing(long: pd.DataFrame, treatment: str = "missing") -> pd.DataFrame:
    """Add a ``value`` column: the score, with the missing codes treated as asked.

    ``"missing"``: codes become NaN (left out). ``"zero"``: codes become 0.
    ``"category"``: codes stay NaN in ``value`` (a category cannot be averaged) and the
    ``code`` column keeps them, so tables and counts show them as categories of their own.
    """
    require_columns(long, ["code", "score"], "The tidy survey")
    check_treatment(treatment)
    out = long.copy()
    out["value"] = out["score"]
    if treatment == "zero":
        out.loc[out["code"] != "score", "value"] = 0.0
    return out


def _display(code: str, value: float) -> str:
    if code != "score" and (value is None or (isinstance(value, float) and math.isnan(value))):
        return code
    return f"{value:g}"


def profile_table(long: pd.DataFrame, treatment: str = "category") -> pd.DataFrame:
    """The survey back as 13 × 10 text: what each cell shows under a treatment.

    Under ``"category"`` and ``"missing"`` the codes are shown as ``?``/``nvt``; under
    ``"zero"`` they are shown as 0.
    """
    treated = treat_missing(long, treatment)
    treated["shown"] = [_display(c, v) for c, v in zip(treated["code"], treated["value"])]
    table = treated.pivot(index=["item_no", "instrument"], columns="column", values="shown")
    return table[list(SCORE_COLUMNS)]


def form_profile(long: pd.DataFrame, treatment: str = "missing") -> pd.DataFrame:
    """Mean score per municipality, role and form of voice.

    Items 3-5 belong to two forms and count in both. Under ``"category"`` the mean leaves
    the codes out (as ``"missing"``) and the columns ``n_question``/``n_nvt`` count them.
    """
    treated = treat_missing(long, treatment)
    rows = []
    for form, label in FORMS.items():
        part = treated[treated[form]]
        grouped = part.groupby(["municipality_id", "role"], sort=False)
        for (mun, role), g in grouped:
            rows.append({
                "municipality_id": mun, "municipality": MUNICIPALITIES[mun], "role": role,
                "form": form, "form_label": label, "items": len(g),
                "mean": g["value"].mean(), "n_question": int((g["code"] == "?").sum()),
                "n_nvt": int((g["code"] == "nvt").sum()),
            })
    return pd.DataFrame(rows)


def treatment_effect(long: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """One municipality's mean per role and form of voice, with the codes as missing and as 0."""
    check_municipality(municipality)
    miss = form_profile(long, "missing")
    zero = form_profile(long, "zero")
    keys = ["municipality_id", "role", "form"]
    out = miss.merge(zero[keys + ["mean"]], on=keys, suffixes=("_as_missing", "_as_zero"))
    out = out[out["municipality_id"] == municipality]
    columns = ["role", "form", "items", "n_question", "n_nvt", "mean_as_missing", "mean_as_zero"]
    return out[columns].reset_index(drop=True)

