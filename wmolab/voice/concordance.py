"""Correlation is not agreement: Lin's concordance and the gaps between policy officer and client (lesson 06)."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .correlations import pair_table, pearson_pairwise
from .reshape import MIN_PAIRS, MUNICIPALITIES

__all__ = ["lins_ccc", "rater_agreement", "item_gaps"]

def lins_ccc(x: Iterable[float], y: Iterable[float], *, label: str = "this pair") -> float:
    """Lin's concordance correlation coefficient over the complete pairs.

    ``2·s_xy / (s_x² + s_y² + (mean_x − mean_y)²)`` with population moments (Lin, 1989). It is
    1 only when every pair lies on the line y = x: it drops when the two respondents
    co-vary but one scores systematically higher.

    >>> lins_ccc([1, 2, 3, 4], [1, 2, 3, 4]), round(lins_ccc([1, 2, 3, 4], [2, 3, 4, 5]), 3)   # r is 1 for both
    (1.0, 0.714)
    """
    xs = np.asarray(list(x), dtype=float)
    ys = np.asarray(list(y), dtype=float)
    if xs.shape != ys.shape:
        raise ValueError(f"The two respondents need the same number of items ({len(xs)} vs {len(ys)}).")
    keep = ~(np.isnan(xs) | np.isnan(ys))
    xs, ys = xs[keep], ys[keep]
    if len(xs) < MIN_PAIRS:
        raise ValueError(
            f"{label}: only {len(xs)} item(s) have a score from both respondents; agreement needs at "
            f"least {MIN_PAIRS} complete items."
        )
    sxy = float(np.mean((xs - xs.mean()) * (ys - ys.mean())))
    denom = float(xs.var() + ys.var() + (xs.mean() - ys.mean()) ** 2)
    if denom == 0:
        return 1.0  # identical constant answers agree perfectly
    return 2 * sxy / denom


def rater_agreement(long: pd.DataFrame, treatment: str = "missing") -> pd.DataFrame:
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

