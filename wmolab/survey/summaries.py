"""Qualtrics summary rows, means and shares of the Twente survey (lesson 05).

:func:`summarise_counts` reproduces a Qualtrics summary row (min, max, mean, SD, variance, count)
from answer counts, with either the population (``ddof=0``) or the sample (``ddof=1``) formula;
:func:`compare_summaries` checks all 88 rating rows at once.

>>> summarise_counts({4: 2, 5: 2})["sd"]   # population SD: divide by n
0.5
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..validate import require_columns
from .questions import PRINTED_TOLERANCE, SUMMARY_STATS, VALUE_KEYS, check_group

__all__ = ["summarise_counts", "population_vs_sample", "choice_counts", "mean_age", "age_bands", "counts_from_row",
           "reproduce_summaries", "compare_summaries", "sd_formula_table", "exact_means", "importance_attention",
           "mention_shares"]

def _clean_counts(counts: Mapping[Any, Any]) -> dict[int, int]:
    if isinstance(counts, pd.Series):
        counts = counts.to_dict()
    if not isinstance(counts, Mapping) or not counts:
        raise ValueError("counts should be a non-empty mapping {answer code: number of respondents}.")
    clean: dict[int, int] = {}
    for code, k in counts.items():
        try:
            code_i, k_i = int(code), int(k)
        except (TypeError, ValueError):
            raise ValueError(f"codes and counts must be whole numbers; got {code!r}: {k!r}.") from None
        if k_i < 0:
            raise ValueError(f"a count cannot be negative (code {code_i}: {k_i}).")
        if k_i:
            clean[code_i] = clean.get(code_i, 0) + k_i
    if not clean:
        raise ValueError("all counts are zero: nobody answered, so there is nothing to summarise.")
    return dict(sorted(clean.items()))



def summarise_counts(counts: Mapping[Any, Any], ddof: int = 0) -> dict[str, float]:
    """The Qualtrics summary row of one item from its answer counts ``{code: respondents}``.

    ``ddof=0`` divides the sum of squared deviations by n (population SD), ``ddof=1`` by
    n - 1 (sample SD). Values are exact (not rounded).
    """
    if ddof not in (0, 1):
        raise ValueError("ddof is 0 (population formula) or 1 (sample formula).")
    c = _clean_counts(counts)
    n = sum(c.values())
    if n - ddof <= 0:
        raise ValueError("the sample formula (ddof=1) needs at least two answers.")
    mean = sum(code * k for code, k in c.items()) / n
    ss = sum(k * (code - mean) ** 2 for code, k in c.items())
    variance = ss / (n - ddof)
    return {"min": float(min(c)), "max": float(max(c)), "mean": mean, "sd": math.sqrt(variance),
            "variance": variance, "count": n}


def population_vs_sample(counts: Mapping[Any, Any]) -> pd.Series:
    """Mean and both standard deviations of one item, rounded to 3 decimals."""
    pop, sam = summarise_counts(counts, 0), summarise_counts(counts, 1)
    return pd.Series({"n": pop["count"], "mean": round(pop["mean"], 3), "sd_population": round(pop["sd"], 3),
                      "sd_sample": round(sam["sd"], 3)}, name="summary")


def choice_counts(choices: pd.DataFrame, group: str, question: str) -> dict[int, int]:
    """``{code: count}`` of one background question (Q2, Q4, Q5) for one group."""
    require_columns(choices, ["group", "question", "code", "count"], "choices")
    rows = choices[(choices["group"] == check_group(group)) & (choices["question"] == question)]
    if rows.empty:
        raise ValueError(f"no answers for {question!r} in group {group!r}; questions: "
                         f"{sorted(choices['question'].unique())}.")
    return {int(c): int(k) for c, k in zip(rows["code"], rows["count"])}


def mean_age(ages: pd.DataFrame, group: str | None = None) -> float:
    """Mean age (missing ages left out); ``group=None`` pools both groups."""
    require_columns(ages, ["group", "age"], "ages")
    sel = ages if group is None else ages[ages["group"] == check_group(group)]
    known = sel["age"].dropna()
    if known.empty:
        raise ValueError("no ages given for this selection.")
    return float(known.mean())


def age_bands(ages: pd.DataFrame) -> pd.DataFrame:
    """Respondents per age band and group, in the bands of Tabel 4 (up to 40, 41-60, 61 or older, unknown)."""
    require_columns(ages, ["group", "age"], "ages")
    bands = pd.cut(ages["age"].astype("float"), [0, 40, 60, 200], labels=["tot_40", "41_60", "61_plus"])
    bands = bands.cat.add_categories("onbekend").fillna("onbekend")
    out = pd.crosstab(bands, ages["group"]).reindex(["tot_40", "41_60", "61_plus", "onbekend"], fill_value=0)
    out.index.name = "age_band"
    out.columns.name = None
    return out


def counts_from_row(row: Mapping[str, Any]) -> dict[int, int]:
    """``{code: count}`` from one row of ``survey_distributions`` (columns r1..r5)."""
    return {k: int(row[f"r{k}"]) for k in range(1, 6) if int(row[f"r{k}"])}


def reproduce_summaries(distributions: pd.DataFrame, ddof: int = 0) -> pd.DataFrame:
    """Recompute every summary row from the reconstructed distributions, rounded to 2 decimals."""
    require_columns(distributions, ["group", "question", "value_key", "r1", "r5"], "distributions")
    rows = []
    for _, r in distributions.iterrows():
        s = summarise_counts(counts_from_row(r), ddof)
        rows.append({"group": r["group"], "question": r["question"], "value_key": r["value_key"],
                     **{k: (round(v, 2) if k != "count" else int(v)) for k, v in s.items()}})
    return pd.DataFrame(rows)


def compare_summaries(distributions: pd.DataFrame, summary: pd.DataFrame, ddof: int = 0) -> pd.DataFrame:
    """Printed vs recomputed summary rows; ``matches`` is True when all six statistics agree.

    Agreement means the recomputed exact value rounds to the printed 2-decimal value.
    """
    require_columns(summary, ["group", "question", "value_key", *SUMMARY_STATS], "summary")
    mine = []
    for _, r in distributions.iterrows():
        s = summarise_counts(counts_from_row(r), ddof)
        mine.append({"group": r["group"], "question": r["question"], "value_key": r["value_key"],
                     **{f"{k}_computed": v for k, v in s.items()}})
    merged = summary.merge(pd.DataFrame(mine), on=["group", "question", "value_key"], how="inner")
    ok = pd.Series(True, index=merged.index)
    for k in SUMMARY_STATS:
        ok &= (merged[k].astype(float) - merged[f"{k}_computed"].astype(float)).abs() <= PRINTED_TOLERANCE
    merged["sd_computed"] = merged["sd_computed"].round(3)
    merged["matches"] = ok
    return merged[["group", "question", "value_key", "mean", "sd", "sd_computed", "variance", "count", "matches"]]


def sd_formula_table(distributions: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """How many printed rows each SD formula reproduces: the population-SD discovery in one table."""
    out = []
    for ddof, name in ((0, "population (divide by n)"), (1, "sample (divide by n - 1)")):
        cmp = compare_summaries(distributions, summary, ddof)
        out.append({"formula": name, "ddof": ddof, "rows": len(cmp), "rows_reproduced": int(cmp["matches"].sum())})
    return pd.DataFrame(out).set_index("formula")



# --------------------------------------------------------------------------- means and gaps
def exact_means(distributions: pd.DataFrame, question: str) -> pd.DataFrame:
    """Exact mean of each value (rows) per group (columns) for one rating question."""
    require_columns(distributions, ["group", "question", "value_key", "n"], "distributions")
    d = distributions[distributions["question"] == question]
    if d.empty:
        raise ValueError(f"no distributions for {question!r}; "
                         f"choose from {sorted(distributions['question'].unique())}.")
    total = sum(d[f"r{k}"] * k for k in range(1, 6))
    out = d.assign(mean=total / d["n"]).pivot(index="value_key", columns="group", values="mean")
    out.columns.name = None
    return out.reindex([k for k in VALUE_KEYS if k in out.index])


def importance_attention(distributions: pd.DataFrame, group: str) -> pd.DataFrame:
    """Importance (Q7) and attention (Q9) means per value for one group, and the gap Q7 - Q9."""
    g = check_group(group)
    imp = exact_means(distributions, "Q7")[g]
    att = exact_means(distributions, "Q9")[g]
    out = pd.DataFrame({"importance": imp, "attention": att})
    out["gap"] = out["importance"] - out["attention"]
    return out.round(2).sort_values("gap", ascending=False)


# --------------------------------------------------------------------------- multiple response
def mention_shares(causes: pd.DataFrame, pooled: bool = False) -> pd.DataFrame:
    """Counts and shares of mentions (%) per cause, per group or pooled over both groups.

    A share of mentions divides by all ticks, not by respondents: with several ticks per
    respondent the shares sum to 100 % but say nothing about how many respondents chose a cause.
    """
    require_columns(causes, ["group", "code", "cause_en", "count"], "causes")
    if pooled:
        t = causes.groupby(["code", "cause_en"], as_index=False)["count"].sum()
        t["share_pct"] = (100 * t["count"] / t["count"].sum()).round(1)
        return t.set_index("cause_en")[["count", "share_pct"]]
    t = causes[["group", "cause_en", "count"]].copy()
    t["share_pct"] = (100 * t["count"] / t.groupby("group")["count"].transform("sum")).round(1)
    return t.pivot(index="cause_en", columns="group", values="share_pct").reindex(
        causes.drop_duplicates("code")["cause_en"])

