"""From a printed summary back to the answers: every integer distribution that fits (lesson 05).

:func:`reconstruct_distribution` lists every integer answer distribution consistent with a printed
summary and says clearly whether none, one or several fit; :func:`reconstruct_rank_matrix` does it
for the ranking question and uses the extra rule that every respondent uses every rank once.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..validate import require_columns
from .questions import SUMMARY_STATS, check_group

__all__ = ["Reconstruction", "reconstruct_distribution", "reconstruct_all", "reconstruct_rank_matrix"]

@dataclass
class Reconstruction:
    """Every integer distribution consistent with one printed summary."""

    summary: dict[str, Any]
    solutions: list[dict[int, int]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``"none"``, ``"unique"`` or ``"several"``."""
        return {0: "none", 1: "unique"}.get(len(self.solutions), "several")

    @property
    def message(self) -> str:
        s = self.summary
        head = (f"n={s['count']}, range {s['min']:g}-{s['max']:g}, mean {s['mean']:.2f}, SD {s['sd']:.2f}"
                + (f", variance {s['variance']:.2f}" if s.get("variance") is not None else ""))
        if self.status == "none":
            return (f"No integer distribution fits ({head}). Check the numbers, the SD formula (ddof) "
                    "or whether the answers were whole numbers.")
        if self.status == "unique":
            return f"Exactly one distribution fits ({head}): {self.solutions[0]}."
        return (f"{len(self.solutions)} distributions fit ({head}); the summary alone cannot decide "
                "between them.")

    def table(self) -> pd.DataFrame:
        """The solutions as rows, one column per answer code."""
        lo, hi = int(self.summary["min"]), int(self.summary["max"])
        return pd.DataFrame([{c: sol.get(c, 0) for c in range(lo, hi + 1)} for sol in self.solutions],
                            columns=list(range(lo, hi + 1)))

    def __repr__(self) -> str:
        return self.message


def reconstruct_distribution(minimum: float, maximum: float, mean: float, sd: float, n: int,
                             variance: float | None = None, *, ddof: int = 0, decimals: int = 2,
                             limit: int = 2_000_000) -> Reconstruction:
    """List every distribution of ``n`` whole-number answers between ``minimum`` and ``maximum``
    (each occurring at least once) whose mean, SD (and variance, if given) round to the
    printed values. ``ddof=0`` is the population formula Qualtrics uses.
    """
    try:
        lo, hi, n_i = int(minimum), int(maximum), int(n)
    except (TypeError, ValueError):
        raise ValueError("minimum, maximum and n must be numbers.") from None
    if lo != minimum or hi != maximum:
        raise ValueError("minimum and maximum must be whole numbers (answer codes).")
    if n_i != n or n_i < 1:
        raise ValueError(f"n must be a whole number of at least 1, not {n!r}.")
    if lo > hi:
        raise ValueError(f"minimum ({lo}) is larger than maximum ({hi}).")
    if sd < 0 or (variance is not None and variance < 0):
        raise ValueError("a standard deviation or variance cannot be negative.")
    if ddof not in (0, 1):
        raise ValueError("ddof is 0 (population formula) or 1 (sample formula).")
    tol = 0.5 * 10 ** (-decimals) + 1e-9
    summary = {"min": lo, "max": hi, "mean": mean, "sd": sd, "variance": variance, "count": n_i}
    result = Reconstruction(summary)
    if lo == hi:
        candidates: Iterable[tuple[int, ...]] = [(lo,) * n_i]
    else:
        if n_i < 2:
            return result
        size = math.comb(hi - lo + 1 + n_i - 3, n_i - 2)
        if size > limit:
            raise ValueError(f"about {size:,} candidate distributions: too many to list; narrow the range.")
        candidates = ((lo, *mid, hi) for mid in itertools.combinations_with_replacement(range(lo, hi + 1), n_i - 2))
    for answers in candidates:
        m = sum(answers) / n_i
        if abs(m - mean) > tol:
            continue
        if n_i - ddof <= 0:
            continue
        var = sum((a - m) ** 2 for a in answers) / (n_i - ddof)
        if abs(math.sqrt(var) - sd) > tol or (variance is not None and abs(var - variance) > tol):
            continue
        sol: dict[int, int] = {}
        for a in answers:
            sol[a] = sol.get(a, 0) + 1
        result.solutions.append(sol)
    return result


def reconstruct_all(summary: pd.DataFrame, questions: Iterable[str] = ("Q7", "Q9", "Q10", "Q11"),
                    ddof: int = 0) -> pd.DataFrame:
    """Reconstruct every summary row of the given questions; one row per item with its status."""
    require_columns(summary, ["group", "question", "value_key", *SUMMARY_STATS], "summary")
    rows = []
    for _, r in summary[summary["question"].isin(list(questions))].iterrows():
        rec = reconstruct_distribution(r["min"], r["max"], r["mean"], r["sd"], int(r["count"]), r["variance"],
                                       ddof=ddof)
        rows.append({"group": r["group"], "question": r["question"], "value_key": r["value_key"],
                     "solutions": len(rec.solutions), "status": rec.status,
                     "distribution": rec.solutions[0] if rec.status == "unique" else None})
    return pd.DataFrame(rows)


def reconstruct_rank_matrix(summary: pd.DataFrame, group: str) -> tuple[pd.DataFrame, pd.Series]:
    """Rebuild the value × rank count matrix of the ranking question Q6 for one group.

    Each value's printed summary is reconstructed on its own; where several distributions
    fit, the rule that every respondent uses each rank 1-11 exactly once (so every rank
    column sums to n) decides. Returns the matrix and the number of candidates per value.
    Raises ValueError when no combination, or more than one, satisfies the rule.
    """
    require_columns(summary, ["group", "question", "value_key", *SUMMARY_STATS], "summary")
    rows = summary[(summary["question"] == "Q6") & (summary["group"] == check_group(group))]
    if rows.empty:
        raise ValueError(f"no Q6 rows for group {group!r} in this summary.")
    n = int(rows["count"].iloc[0])
    options: dict[str, list[dict[int, int]]] = {}
    for _, r in rows.iterrows():
        rec = reconstruct_distribution(r["min"], r["max"], r["mean"], r["sd"], int(r["count"]), r["variance"])
        if rec.status == "none":
            raise ValueError(f"{r['value_key']}: {rec.message}")
        options[r["value_key"]] = rec.solutions
    keys = list(options)
    fits = []
    for combo in itertools.product(*(options[k] for k in keys)):
        if all(sum(sol.get(rank, 0) for sol in combo) == n for rank in range(1, len(keys) + 1)):
            fits.append(combo)
    if len(fits) != 1:
        raise ValueError(f"{len(fits)} combinations satisfy 'every rank used once per respondent'; "
                         "the matrix is not determined.")
    matrix = pd.DataFrame([{f"rank_{k}": sol.get(k, 0) for k in range(1, len(keys) + 1)} for sol in fits[0]],
                          index=pd.Index(keys, name="value_key"))
    return matrix, pd.Series({k: len(v) for k, v in options.items()}, name="candidates")

