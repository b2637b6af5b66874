"""Client voice: the 13-item voice survey of Heijboer (2016), seed 004 (lesson 06).

The survey asked a policy officer and a client in each of five municipalities how large a
place clients have through 13 voice instruments (1 = *geen plaats*, no place; 7 = *zeer
grote plaats*, a very large place). The dataset ``voice_survey_printed`` keeps the table as
printed: one row per instrument, one column per respondent, with two missing codes that
mean different things:

- ``?``   the route exists, but the respondent could not judge whether clients really get a
  voice through it (footnotes 13, 14, 17, 20, 21, 24);
- ``nvt`` *niet van toepassing*, not applicable: it has not happened or is not the channel
  (footnotes 12, 16, 19).

This module turns that table into a tidy (long) form that keeps the two codes apart, applies
a chosen treatment of the codes only where a number is needed, reproduces the published
correlations (Pearson with pairwise deletion, as Excel's CORREL does) and measures agreement
(mean absolute difference, Lin's concordance correlation). All functions are pure: tables in,
tables or numbers out. Figures are built with :func:`wmolab.plots.new_figure`.
"""
from __future__ import annotations

import math
from itertools import combinations_with_replacement
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from .validate import require_columns as _require_columns
from .validate import require_keys

__all__ = [
    "MISSING_CODES", "TREATMENTS", "MUNICIPALITIES", "ROLES", "FORMS", "SCORE_COLUMNS",
    "load_survey", "survey_long", "missing_code_counts", "treat_missing", "profile_table",
    "form_profile", "treatment_effect", "correlation_treatments", "pair_table", "pearson_pairwise", "correlations", "band",
    "compare_with_published", "fill_cells", "search_added_pairs", "leave_one_out",
    "lins_ccc", "agreement", "item_gaps", "expectations_table", "expectation_changes",
    "own_profile", "compare_own", "own_profile_csv",
    "plot_survey_heatmap", "plot_pair", "plot_correlations", "plot_agreement",
]

#: The two missing codes of the survey, in the order the lesson discusses them.
MISSING_CODES = ("?", "nvt")

#: How the missing codes can be treated when a number is needed.
TREATMENTS = {
    "missing": "as missing (left out of means and correlations)",
    "zero": "as 0 (as if there were no place at all, below the scale's 1)",
    "category": "as their own category (shown, but not averaged)",
}

#: The five case municipalities in the column order of Bijlage VI, with display names.
MUNICIPALITIES = {
    "alphen": "Alphen a/d Rijn",
    "utrecht": "Utrecht",
    "schiedam": "Schiedam",
    "delft": "Delft",
    "haarlemmermeer": "Haarlemmermeer",
}

ROLES = {"policy_officer": "Policy officer", "client": "Client"}

#: The three forms of voice (Haarmann, Klenk & Weyrauch, 2010) and their instrument columns.
FORMS = {
    "direct_communication": "Direct communication",
    "complaints": "Voicing complaints",
    "collective": "Collective democratic processes",
}

#: The respondent columns of the printed table, in printed order.
SCORE_COLUMNS = (
    "r1_alphen", "r2_alphen", "r1_utrecht", "r2_utrecht", "r1_schiedam", "r2_schiedam",
    "r1r2_delft", "r3r4_delft", "r1_haarlemmermeer", "r2_haarlemmermeer",
)

_VALID_CELLS = {str(i) for i in range(1, 8)} | set(MISSING_CODES)
_MIN_PAIRS = 3


# --------------------------------------------------------------------------- helpers
def _check_treatment(treatment: str) -> None:
    if treatment not in TREATMENTS:
        raise ValueError(f"Unknown treatment {treatment!r}; choose one of {list(TREATMENTS)}.")


def _check_municipality(municipality: str) -> None:
    if municipality not in MUNICIPALITIES:
        raise ValueError(f"Unknown municipality {municipality!r}; choose one of {list(MUNICIPALITIES)}.")


# --------------------------------------------------------------------------- reshape
def load_survey() -> pd.DataFrame:
    """The survey in tidy form, straight from the three course datasets."""
    from .data import load

    return survey_long(load("voice_survey_printed"), load("voice_respondents"), load("voice_instruments"))


def survey_long(printed: pd.DataFrame, respondents: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Reshape the survey as printed (13 × 10) into one row per answer (130 rows).

    Columns: ``item_no``, ``instrument_id``, ``instrument`` (English label), the three form
    flags, ``column``, ``municipality_id``, ``municipality``, ``role``, ``printed`` (the cell
    as printed), ``code`` (``"score"``, ``"?"`` or ``"nvt"``) and ``score`` (the number, NaN
    for a code). The codes stay distinct; nothing is converted to 0.
    """
    _require_columns(printed, ["item_no", *SCORE_COLUMNS], "The printed survey")
    _require_columns(respondents, ["column", "municipality_id", "role"], "The respondents table")
    _require_columns(instruments, ["item_no", "instrument_id", "label_en", *FORMS], "The instruments table")
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
    resp = respondents[["column", "municipality_id", "role"]].astype({"column": str, "municipality_id": str, "role": str})
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
    _require_columns(long, ["code", "score"], "The tidy survey")
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
    _require_columns(long, ["code", "score"], "The tidy survey")
    _check_treatment(treatment)
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
    _check_municipality(municipality)
    miss = form_profile(long, "missing")
    zero = form_profile(long, "zero")
    keys = ["municipality_id", "role", "form"]
    out = miss.merge(zero[keys + ["mean"]], on=keys, suffixes=("_as_missing", "_as_zero"))
    out = out[out["municipality_id"] == municipality]
    return out[["role", "form", "items", "n_question", "n_nvt", "mean_as_missing", "mean_as_zero"]].reset_index(drop=True)


# --------------------------------------------------------------------------- correlations
def pair_table(long: pd.DataFrame, municipality: str, treatment: str = "missing") -> pd.DataFrame:
    """The two answers of one municipality side by side, one row per instrument."""
    _check_municipality(municipality)
    treated = treat_missing(long, treatment)
    part = treated[treated["municipality_id"] == municipality]
    if part.empty:
        raise ValueError(f"The survey has no answers for {municipality!r}.")
    wide = part.pivot(index=["item_no", "instrument_id", "instrument"], columns="role", values=["value", "code"])
    out = pd.DataFrame({
        "policy_officer": wide[("value", "policy_officer")],
        "client": wide[("value", "client")],
        "policy_code": wide[("code", "policy_officer")],
        "client_code": wide[("code", "client")],
    }).reset_index()
    out["difference"] = out["policy_officer"] - out["client"]
    return out


def pearson_pairwise(x: Iterable[float], y: Iterable[float], *, label: str = "this pair") -> tuple[float, int]:
    """Pearson's r over the items where both x and y have a number (pairwise deletion).

    Returns ``(r, n)``. Raises a ValueError with a clear message when fewer than three items
    are complete, or when one respondent gives the same score on every complete item (then r
    is undefined: it divides by a standard deviation of 0).
    """
    from scipy import stats

    try:
        xs = np.asarray(list(x), dtype=float)
        ys = np.asarray(list(y), dtype=float)
    except (TypeError, ValueError):
        raise ValueError("Both inputs should be lists of numbers (NaN for a missing answer).") from None
    if xs.shape != ys.shape:
        raise ValueError(f"The two respondents need the same number of items ({len(xs)} vs {len(ys)}).")
    keep = ~(np.isnan(xs) | np.isnan(ys))
    n = int(keep.sum())
    if n < _MIN_PAIRS:
        raise ValueError(
            f"{label}: only {n} item(s) have a score from both respondents; a correlation needs at "
            f"least {_MIN_PAIRS} complete items."
        )
    xs, ys = xs[keep], ys[keep]
    for name, v in (("the first respondent", xs), ("the second respondent", ys)):
        if np.all(v == v[0]):
            raise ValueError(
                f"{label}: {name} gives the same score ({v[0]:g}) on all {n} complete items, so r is "
                "undefined (there is no variation to correlate)."
            )
    return float(stats.pearsonr(xs, ys).statistic), n


def correlations(long: pd.DataFrame, treatment: str = "missing", *, deletion: str = "pairwise",
                 exclude_items: Iterable[int] = ()) -> pd.DataFrame:
    """Pearson's r between policy officer and client, per municipality.

    ``deletion="pairwise"`` (the thesis's Excel method) uses every item both respondents of
    that municipality scored; ``"listwise"`` uses only the items that have a score in all ten
    columns. ``exclude_items`` leaves items out (by number). A municipality where r cannot be
    computed gets NaN and the reason in ``note``.
    """
    _check_treatment(treatment)
    if deletion not in ("pairwise", "listwise"):
        raise ValueError("deletion must be 'pairwise' or 'listwise'.")
    treated = treat_missing(long, treatment)
    excluded = {int(i) for i in exclude_items}
    treated = treated[~treated["item_no"].isin(excluded)]
    if deletion == "listwise":
        complete = treated.groupby("item_no")["value"].apply(lambda v: v.notna().all())
        treated = treated[treated["item_no"].isin(complete[complete].index)]
    rows = []
    for mun, label in MUNICIPALITIES.items():
        part = treated[treated["municipality_id"] == mun]
        wide = part.pivot(index="item_no", columns="role", values="value")
        note = ""
        try:
            r, n = pearson_pairwise(wide.get("policy_officer", []), wide.get("client", []), label=label)
        except ValueError as exc:
            r = float("nan")
            n = int((wide.notna().all(axis=1)).sum()) if len(wide) else 0
            note = str(exc)
        rows.append({"municipality_id": mun, "municipality": label, "n_pairs": n, "r": r, "note": note})
    return pd.DataFrame(rows)


def correlation_treatments(long: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """r per municipality under three handlings of the codes, beside the published value.

    Columns: ``pairwise`` (codes as missing, pairwise deletion), ``zero`` (codes as 0),
    ``listwise`` (only the items with a score in all ten columns) and ``published``.
    """
    out = pd.DataFrame({"municipality": list(MUNICIPALITIES.values())}, index=list(MUNICIPALITIES))
    out["pairwise"] = correlations(long, "missing").set_index("municipality_id")["r"]
    out["zero"] = correlations(long, "zero").set_index("municipality_id")["r"]
    out["listwise"] = correlations(long, deletion="listwise").set_index("municipality_id")["r"]
    if published is not None:
        _require_columns(published, ["municipality_id", "published_r"], "The published table")
        out["published"] = published.set_index("municipality_id")["published_r"]
    out.index.name = "municipality_id"
    return out.reset_index()


def band(r: float, bands: pd.DataFrame) -> str:
    """The thesis's band for a correlation (``band_id``), or ``"none"``.

    The printed bands (0,0-0,49 / 0,5-0,69 / 0,7-1,0) use two decimals, so r is rounded to two
    decimals first; a negative r falls in no band.
    """
    _require_columns(bands, ["band_id", "lower_printed", "upper_printed"], "The bands table")
    try:
        value = float(r)
    except (TypeError, ValueError):
        raise ValueError(f"r should be a number, got {r!r}.") from None
    if math.isnan(value):
        return "none"
    rounded = round(value, 2)
    for row in bands.itertuples():
        if row.lower_printed <= rounded <= row.upper_printed:
            return str(row.band_id)
    return "none"


_BAND_FROM_PRINTED = {"lage samenhang": "laag", "middelmatige samenhang": "middelmatig", "hoge samenhang": "hoog"}


def compare_with_published(long: pd.DataFrame, published: pd.DataFrame, bands: pd.DataFrame, *,
                           treatment: str = "missing", deletion: str = "pairwise",
                           decimals: int = 6) -> pd.DataFrame:
    """Computed r beside the published r, per municipality.

    ``reproduces`` is True when both round to the same value at ``decimals`` decimals (the
    thesis prints six).
    """
    _require_columns(published, ["municipality_id", "published_r", "published_band_nl"], "The published table")
    computed = correlations(long, treatment, deletion=deletion)
    pub = published[["municipality_id", "published_r", "published_band_nl"]].astype(
        {"municipality_id": str, "published_band_nl": str})
    out = computed.merge(pub, on="municipality_id", how="left")
    # rounded to the printed precision, so a float residue does not show as "-0.000000"
    out["difference"] = [round(r - p, decimals) + 0.0 for r, p in zip(out["r"], out["published_r"])]
    out["reproduces"] = [
        (not math.isnan(r)) and round(r, decimals) == round(p, decimals)
        for r, p in zip(out["r"], out["published_r"])
    ]
    out["band_computed"] = [band(r, bands) for r in out["r"]]
    out["band_published"] = out["published_band_nl"].str.lower().map(_BAND_FROM_PRINTED)
    cols = ["municipality_id", "municipality", "n_pairs", "r", "published_r", "difference", "reproduces",
            "band_computed", "band_published", "note"]
    return out[cols]


def fill_cells(long: pd.DataFrame, fills: Mapping[tuple[str, int], int]) -> pd.DataFrame:
    """A copy of the survey with some ``?``/``nvt`` cells replaced by a score (a what-if).

    ``fills`` maps ``(column, item_no)`` to a score 1-7, e.g. ``{("r1_haarlemmermeer", 12): 6}``.
    Only cells that hold a missing code can be filled: the printed scores stay as printed.
    """
    out = long.copy()
    for key, value in dict(fills).items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ValueError(f"Each key should be (column, item_no), got {key!r}.")
        column, item = key
        mask = (out["column"] == column) & (out["item_no"] == int(item))
        if not mask.any():
            raise ValueError(f"There is no cell ({column!r}, item {item}).")
        if (out.loc[mask, "code"] == "score").all():
            raise ValueError(f"Cell ({column}, item {item}) already holds a printed score; only '?'/'nvt' cells can be filled.")
        if not (isinstance(value, (int, np.integer)) and 1 <= int(value) <= 7):
            raise ValueError(f"A filled cell needs a whole score from 1 to 7, got {value!r}.")
        out.loc[mask, ["score", "code", "printed"]] = [float(value), "score", str(int(value))]
    return out


def search_added_pairs(x: Iterable[float], y: Iterable[float], target: float, *, k: int = 2,
                       decimals: int = 6, values: Iterable[int] = range(1, 8)) -> list[tuple[tuple[int, int], ...]]:
    """Which ``k`` extra (x, y) pairs, added to the complete pairs, give r = ``target``?

    Tries every multiset of ``k`` pairs with values in ``values`` (49 possible pairs for 1-7)
    and returns those whose r rounds to ``target`` at ``decimals`` decimals. Used to test a
    hypothesis about a published value that does not reproduce; a hit shows that the value
    *could* come from such data, not that it did.
    """
    if k not in (1, 2, 3):
        raise ValueError("k (the number of pairs to add) should be 1, 2 or 3.")
    xs = np.asarray(list(x), dtype=float)
    ys = np.asarray(list(y), dtype=float)
    keep = ~(np.isnan(xs) | np.isnan(ys))
    xs, ys = xs[keep], ys[keep]
    candidates = [(a, b) for a in values for b in values]
    base = np.array([len(xs), xs.sum(), ys.sum(), (xs * xs).sum(), (ys * ys).sum(), (xs * ys).sum()])
    goal = round(float(target), decimals)
    hits = []
    for combo in combinations_with_replacement(candidates, k):
        add = np.array([[1, a, b, a * a, b * b, a * b] for a, b in combo]).sum(axis=0)
        n, sx, sy, sxx, syy, sxy = base + add
        vx, vy = n * sxx - sx * sx, n * syy - sy * sy
        if vx <= 0 or vy <= 0:
            continue
        r = (n * sxy - sx * sy) / math.sqrt(vx * vy)
        if round(r, decimals) == goal:
            hits.append(tuple((int(a), int(b)) for a, b in combo))
    return hits


def leave_one_out(long: pd.DataFrame, municipality: str, treatment: str = "missing") -> pd.DataFrame:
    """r of one municipality with each item left out in turn: how much does one item matter?"""
    table = pair_table(long, municipality, treatment)
    rows = []
    for i, row in table.iterrows():
        rest = table.drop(index=i)
        note = ""
        try:
            r, n = pearson_pairwise(rest["policy_officer"], rest["client"], label=MUNICIPALITIES[municipality])
        except ValueError as exc:
            r, n, note = float("nan"), int(rest[["policy_officer", "client"]].notna().all(axis=1).sum()), str(exc)
        rows.append({"item_no": row["item_no"], "instrument": row["instrument"], "n_pairs": n,
                     "r_without_item": r, "note": note})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- agreement
def lins_ccc(x: Iterable[float], y: Iterable[float], *, label: str = "this pair") -> float:
    """Lin's concordance correlation coefficient over the complete pairs.

    ``2·s_xy / (s_x² + s_y² + (mean_x − mean_y)²)`` with population moments (Lin, 1989). It is
    1 only when every pair lies on the line y = x: it drops when the two respondents
    co-vary but one scores systematically higher.
    """
    xs = np.asarray(list(x), dtype=float)
    ys = np.asarray(list(y), dtype=float)
    if xs.shape != ys.shape:
        raise ValueError(f"The two respondents need the same number of items ({len(xs)} vs {len(ys)}).")
    keep = ~(np.isnan(xs) | np.isnan(ys))
    xs, ys = xs[keep], ys[keep]
    if len(xs) < _MIN_PAIRS:
        raise ValueError(
            f"{label}: only {len(xs)} item(s) have a score from both respondents; agreement needs at "
            f"least {_MIN_PAIRS} complete items."
        )
    sxy = float(np.mean((xs - xs.mean()) * (ys - ys.mean())))
    denom = float(xs.var() + ys.var() + (xs.mean() - ys.mean()) ** 2)
    if denom == 0:
        return 1.0  # identical constant answers agree perfectly
    return 2 * sxy / denom


def agreement(long: pd.DataFrame, treatment: str = "missing") -> pd.DataFrame:
    """Correlation beside agreement, per municipality, over the complete pairs.

    Columns: ``n_pairs``, ``mean_policy``, ``mean_client``, ``mean_difference`` (policy −
    client), ``mean_abs_difference``, ``r`` and ``ccc`` (Lin's concordance).
    """
    rows = []
    for mun, label in MUNICIPALITIES.items():
        t = pair_table(long, mun, treatment)
        both = t.dropna(subset=["policy_officer", "client"])
        x, y = both["policy_officer"], both["client"]
        row = {"municipality_id": mun, "municipality": label, "n_pairs": len(both),
               "mean_policy": x.mean(), "mean_client": y.mean(), "mean_difference": (x - y).mean(),
               "mean_abs_difference": (x - y).abs().mean(), "r": float("nan"), "ccc": float("nan"), "note": ""}
        try:
            row["r"], _ = pearson_pairwise(x, y, label=label)
            row["ccc"] = lins_ccc(x, y, label=label)
        except ValueError as exc:
            row["note"] = str(exc)
        rows.append(row)
    return pd.DataFrame(rows)


def item_gaps(long: pd.DataFrame, treatment: str = "missing") -> pd.DataFrame:
    """Per instrument: the policy − client gap in each municipality and its mean.

    ``n_municipalities`` counts where both respondents scored the item; the table is sorted
    by the mean gap, largest first, among items complete in all five municipalities first.
    """
    frames = []
    for mun in MUNICIPALITIES:
        t = pair_table(long, mun, treatment)[["item_no", "instrument_id", "instrument", "difference"]]
        frames.append(t.assign(municipality_id=mun))
    allg = pd.concat(frames)
    wide = allg.pivot(index=["item_no", "instrument_id", "instrument"], columns="municipality_id",
                      values="difference")[list(MUNICIPALITIES)]
    out = wide.copy()
    out["n_municipalities"] = wide.notna().sum(axis=1)
    out["mean_gap"] = wide.mean(axis=1)
    out = out.reset_index()
    out["complete"] = out["n_municipalities"] == len(MUNICIPALITIES)
    return out.sort_values(["complete", "mean_gap", "item_no"], ascending=[False, False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- models
_LEVEL = {"Laag": 1, "Gemiddeld": 2, "Groot": 3}


def expectations_table(models: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tabel 1 (expected voice) beside Tabel 3 (found), one row per model, with its case."""
    _require_columns(models, ["model_id", "model_nl", "case_municipality_id", "t1_conclusion",
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


# --------------------------------------------------------------------------- your own municipality
DONT_KNOW = "don't know"


def own_profile(answers: Mapping[str, Any], instruments: pd.DataFrame) -> pd.DataFrame:
    """A student's own scores as a table: one row per instrument.

    ``answers`` maps ``instrument_id`` to a score 1-7 or ``"don't know"`` (or None). Every
    instrument must be present.
    """
    _require_columns(instruments, ["item_no", "instrument_id", "label_en"], "The instruments table")
    ids = instruments["instrument_id"].astype(str).tolist()
    require_keys(answers, ids, unknown="{key} is not one of the 13 instruments.",
                 missing="No answer for: {all} (use \"don't know\" if you cannot judge).")
    rows = []
    for item, iid, label in zip(instruments["item_no"], ids, instruments["label_en"]):
        value = answers[iid]
        if value is None or value == DONT_KNOW:
            rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "?", "score": float("nan")})
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= int(value) <= 7:
            raise ValueError(f"{iid}: a score is a whole number from 1 to 7 or \"don't know\", got {value!r}.")
        rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "score", "score": float(value)})
    return pd.DataFrame(rows)


def compare_own(own: pd.DataFrame, long: pd.DataFrame, role: str, models: pd.DataFrame | None = None) -> pd.DataFrame:
    """How close is your profile to each case's answers from the same role?

    Distance = mean absolute difference over the items both you and that respondent scored
    (``don't know``, ``?`` and ``nvt`` are left out). Sorted closest first; the first row is
    the case (and model) your profile resembles most. Needs at least three scored items.
    """
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    _require_columns(own, ["item_no", "score"], "Your profile")
    scored = int(own["score"].notna().sum())
    if scored < _MIN_PAIRS:
        raise ValueError(
            f"You scored {scored} instrument(s); score at least {_MIN_PAIRS} (not \"don't know\") to compare."
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
    out = out[out["n_items"] >= _MIN_PAIRS]
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


# --------------------------------------------------------------------------- figures
def _short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def plot_survey_heatmap(long: pd.DataFrame, treatment: str = "category"):
    """All 130 answers as a grid: colour = score, and every cell is labelled (never colour alone)."""
    from .plots import new_figure

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
    heads = ["policy" if col.startswith(("r1_", "r1r2")) else "client" for col in SCORE_COLUMNS]
    ax.set_xticks(range(len(SCORE_COLUMNS)), heads, fontsize=8)
    ax.tick_params(axis="x", labeltop=True, labelbottom=False)
    for j, name in enumerate(MUNICIPALITIES.values()):
        ax.text(2 * j + 0.5, -1.25, name.replace(" a/d Rijn", ""), ha="center", va="bottom", fontsize=9,
                fontweight="bold")
    for j in range(1, 5):
        ax.axvline(2 * j - 0.5, color="white", linewidth=3)
    cbar = fig.colorbar(image, ax=ax, shrink=0.7)
    cbar.set_label("score (1 = no place, 7 = a very large place)")
    ax.set_title(f"The voice survey as printed: codes {TREATMENTS[treatment].split(' (')[0]}", pad=46)
    return fig


def plot_pair(long: pd.DataFrame, municipality: str, treatment: str = "missing"):
    """Policy officer and client of one municipality side by side (hatched bars, codes labelled)."""
    from .plots import PALETTE, new_figure

    table = pair_table(long, municipality, treatment)
    fig, ax = new_figure(figsize=(8, 5.6))
    y = np.arange(len(table))
    h = 0.38
    styles = [("policy_officer", "policy_code", PALETTE[0], "", -h / 2), ("client", "client_code", PALETTE[1], "//", h / 2)]
    for role, code_col, colour, hatch, off in styles:
        values = table[role].fillna(0).to_numpy()
        ax.barh(y + off, values, height=h, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5,
                label=ROLES[role])
        for yi, v, c in zip(y + off, table[role], table[code_col]):
            text = c if c != "score" and (v != v or treatment == "category") else (f"{v:g}" + (f" ({c})" if c != "score" else ""))
            ax.text((0 if v != v else v) + 0.1, yi, text, va="center", fontsize=8)
    ax.set_yticks(y, [_short(x, 30) for x in table["instrument"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 8)
    ax.set_xlabel("score (1 = no place, 7 = a very large place)")
    ax.set_title(f"{MUNICIPALITIES[municipality]}: policy officer vs client")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    return fig


def plot_correlations(comparison: pd.DataFrame):
    """Computed r (circles) beside published r (diamonds), with the thesis's bands shaded."""
    from .plots import PALETTE, new_figure

    _require_columns(comparison, ["municipality", "r", "published_r", "reproduces"], "The comparison table")
    fig, ax = new_figure(figsize=(7.5, 3.8))
    for lo, hi, name, shade in ((0.0, 0.495, "band: low", "#f2f2f2"), (0.495, 0.695, "medium", "#e0e0e0"),
                                (0.695, 1.0, "high", "#cccccc")):
        ax.axvspan(lo, hi, color=shade, zorder=0)
        ax.text((lo + hi) / 2, -0.45, name, ha="center", va="bottom", fontsize=8)
    y = np.arange(len(comparison))
    ax.scatter(comparison["published_r"], y, marker="D", s=70, color=PALETTE[3], label="published (Bijlage VI)", zorder=3)
    ax.scatter(comparison["r"], y, marker="o", s=45, color=PALETTE[0], label="computed from the printed table", zorder=4)
    for yi, row in zip(y, comparison.itertuples()):
        mark = "reproduces" if row.reproduces else "does NOT reproduce"
        ax.text(1.02, yi, f"{row.r:.4f} vs {row.published_r:.4f}: {mark}", va="center", fontsize=8,
                transform=ax.get_yaxis_transform())
    ax.set_yticks(y, comparison["municipality"])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(comparison) - 0.2, -0.6)
    ax.set_xlabel("Pearson r between policy officer and client")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    return fig


def plot_agreement(long: pd.DataFrame, municipality: str, treatment: str = "missing"):
    """Policy officer (x) against client (y) per item, with the line of perfect agreement."""
    from .plots import PALETTE, new_figure

    table = pair_table(long, municipality, treatment).dropna(subset=["policy_officer", "client"])
    fig, ax = new_figure(figsize=(5.2, 5.0))
    counts = table.groupby(["policy_officer", "client"]).size().reset_index(name="n")
    ax.scatter(counts["policy_officer"], counts["client"], s=60 * counts["n"], marker="o", color=PALETTE[0],
               edgecolor="black", zorder=3, label="instrument(s); size = how many")
    for row in counts.itertuples():
        if row.n > 1:
            ax.text(row.policy_officer + 0.2, row.client + 0.2, f"×{row.n}", fontsize=8)
    ax.plot([1, 7], [1, 7], linestyle="--", color="black", linewidth=1, label="perfect agreement (y = x)")
    ax.set_xlim(0.5, 7.5)
    ax.set_ylim(0.5, 7.5)
    ax.set_aspect("equal")
    ax.set_xlabel("policy officer's score")
    ax.set_ylabel("client's score")
    ax.set_title(f"{MUNICIPALITIES[municipality]}: correlation is not agreement")
    ax.legend(loc="upper left", fontsize=8)
    return fig
