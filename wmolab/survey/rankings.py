"""The ranking question Q6: rank counts, mean ranks, Tabel 7 and Spearman's rho (lesson 05)."""
from __future__ import annotations

import pandas as pd

from ..validate import require_columns
from .questions import PRINTED_TOLERANCE, VALUE_KEYS

__all__ = ["rank_column_sums", "mean_ranks", "compare_table7", "spearman"]

def _rank_cols(df: pd.DataFrame) -> list[str]:
    cols = [c for c in df.columns if str(c).startswith("rank_")]
    if not cols:
        raise ValueError("expected rank_1 ... rank_11 columns (the survey_rank_counts dataset).")
    return cols


def rank_column_sums(rank_counts: pd.DataFrame) -> pd.DataFrame:
    """For each group, how often each rank was given; in a valid ranking matrix every entry equals n."""
    require_columns(rank_counts, ["group", "value_key", "n"], "rank_counts")
    return rank_counts.groupby("group")[_rank_cols(rank_counts)].sum()


def mean_ranks(rank_counts: pd.DataFrame) -> pd.DataFrame:
    """Exact mean rank per value (rows) and group (columns) from the rank-count matrix."""
    require_columns(rank_counts, ["group", "value_key", "n"], "rank_counts")
    cols = _rank_cols(rank_counts)
    ranks = [int(c.split("_")[1]) for c in cols]
    weighted = (rank_counts[cols] * ranks).sum(axis=1) / rank_counts[cols].sum(axis=1)
    out = rank_counts.assign(mean_rank=weighted).pivot(index="value_key", columns="group", values="mean_rank")
    out.columns.name = None
    return out.reindex([k for k in VALUE_KEYS if k in out.index])


def compare_table7(table7: pd.DataFrame, rank_counts: pd.DataFrame) -> pd.DataFrame:
    """Tabel 7 as printed next to the mean ranks computed from the rank-count matrix."""
    require_columns(table7, ["rank_position", "group", "value_key", "mean_printed"], "table7")
    computed = mean_ranks(rank_counts)
    out = table7[["group", "rank_position", "value_key", "mean_printed"]].copy()
    out["mean_computed"] = [round(float(computed.loc[v, g]), 2) for g, v in zip(out["group"], out["value_key"])]
    out["matches"] = (out["mean_printed"] - out["mean_computed"]).abs() <= PRINTED_TOLERANCE
    return out.reset_index(drop=True)


def spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman's rank correlation of two Series matched on their index (ties get average ranks).

    Computed with pandas' built-in Spearman (``DataFrame.corr(method="spearman")``), which gives
    the same value as ``scipy.stats.spearmanr`` (the tests check this) without the second or two
    that importing ``scipy.stats`` costs a notebook.
    """
    if not isinstance(a, pd.Series) or not isinstance(b, pd.Series):
        raise ValueError("spearman needs two pandas Series with the values as index.")
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna().astype(float)
    if len(both) < 3:
        raise ValueError(f"only {len(both)} values in common; a rank correlation needs at least 3.")
    if both["a"].nunique() < 2 or both["b"].nunique() < 2:
        raise ValueError("one of the two lists has the same score everywhere, so it has no ranking to correlate.")
    return float(both.corr(method="spearman").loc["a", "b"])

