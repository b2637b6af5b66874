"""How far two coders agree: percent agreement and Cohen's kappa.

Two coders (a student and the author, or two students) each give one category to the same
items, e.g. a steering perspective (PA, NPM, NPG, SR) to each evidence statement. This module
compares the two lists:

- :func:`percent_agreement`: the share of items both coders put in the same category, in %;
- :func:`cohens_kappa`: agreement corrected for the agreement you would expect by chance
  from how often each coder uses each category (Cohen, 1960). The number itself comes from
  ``statsmodels.stats.inter_rater.cohens_kappa``; this module builds the table it needs and
  checks the input first;
- :func:`agreement_table`: the cross-table (confusion matrix) behind both numbers;
- :func:`agreement_summary`: all of it in one row;
- :func:`disagreements`: the items the coders put in different categories.

Bad input (empty lists, lists of different length, an item without a code, or a table in
which both coders use one and the same category for everything, so that kappa is undefined)
raises a :class:`ValueError` that says what is wrong.

Worked example (checked by hand in ``tests/wmolab/test_agreement.py``, and run here): two coders,
50 items, categories yes/no, table ``[[20, 5], [10, 15]]``. Observed agreement p_o = 35/50 = 0.70.
Coder A says yes 25 times, coder B 30 times, so chance agreement
p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.50 and kappa = (0.70 − 0.50) / (1 − 0.50) = 0.40.

>>> a = ["yes"] * 25 + ["no"] * 25
>>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
>>> percent_agreement(a, b), round(cohens_kappa(a, b), 2), kappa_label(0.40)
(70.0, 0.4, 'fair')
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .i18n import N_

__all__ = [
    "percent_agreement", "cohens_kappa", "expected_agreement", "agreement_table",
    "agreement_summary", "disagreements", "kappa_label",
]


def _is_missing(value: Any) -> bool:
    if value is None or value is ...:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and not value.strip()


def _as_list(codes: Any, who: str) -> list[Any]:
    if isinstance(codes, str) or codes is None:
        raise ValueError(f"{who}: expected a list of codes (one per item), got {type(codes).__name__}.")
    if isinstance(codes, dict):
        raise ValueError(f"{who}: expected a list of codes, got a dict; pass list(d.values()) "
                         "or align two dicts with the same keys first.")
    if isinstance(codes, pd.DataFrame):
        raise ValueError(f"{who}: expected one column of codes, got a table; select one column.")
    try:
        return list(codes)
    except TypeError:
        raise ValueError(f"{who}: expected a list of codes, got {type(codes).__name__}.") from None


def _pairs(coder_a: Iterable[Any], coder_b: Iterable[Any]) -> tuple[list[str], list[str]]:
    a = _as_list(coder_a, "coder A")
    b = _as_list(coder_b, "coder B")
    if not a or not b:
        raise ValueError("There is nothing to compare: at least one coder gave no codes (empty input).")
    if len(a) != len(b):
        raise ValueError(
            f"The two coders coded a different number of items ({len(a)} and {len(b)}); "
            "agreement needs one code from each coder for every item, in the same order."
        )
    for i, (x, y) in enumerate(zip(a, b), start=1):
        if _is_missing(x) or _is_missing(y):
            who = "coder A" if _is_missing(x) else "coder B"
            raise ValueError(f"Item {i} has no code from {who}; code every item (or drop it for both coders).")
    return [str(x).strip() for x in a], [str(y).strip() for y in b]


def _categories(a: Sequence[str], b: Sequence[str], categories: Iterable[str] | None) -> list[str]:
    used = sorted(set(a) | set(b))
    if categories is None:
        return used
    cats = [str(c) for c in categories]
    unknown = [c for c in used if c not in cats]
    if unknown:
        raise ValueError(f"The code {unknown[0]!r} is not one of the categories {cats}.")
    return cats


def agreement_table(coder_a: Iterable[Any], coder_b: Iterable[Any], *,
                    categories: Iterable[str] | None = None,
                    names: tuple[str, str] = ("coder A", "coder B")) -> pd.DataFrame:
    """Cross-table of the two codings: rows = coder A's category, columns = coder B's.

    The diagonal holds the items both put in the same category. ``categories`` fixes the
    order (and includes categories nobody used, as rows/columns of zeros).
    """
    a, b = _pairs(coder_a, coder_b)
    cats = _categories(a, b, categories)
    table = pd.crosstab(
        pd.Categorical(a, categories=cats), pd.Categorical(b, categories=cats), dropna=False
    )
    table.index = pd.Index(cats, name=names[0])
    table.columns = pd.Index(cats, name=names[1])
    return table.astype(int)


def percent_agreement(coder_a: Iterable[Any], coder_b: Iterable[Any]) -> float:
    """Share of items on which the two coders agree, in percent (0–100)."""
    a, b = _pairs(coder_a, coder_b)
    return 100.0 * sum(x == y for x, y in zip(a, b)) / len(a)


def expected_agreement(coder_a: Iterable[Any], coder_b: Iterable[Any]) -> float:
    """Agreement expected by chance (p_e, as a proportion 0–1) from each coder's category use."""
    table = agreement_table(coder_a, coder_b)
    n = table.values.sum()
    rows = table.sum(axis=1).values / n
    cols = table.sum(axis=0).values / n
    return float((rows * cols).sum())


def cohens_kappa(coder_a: Iterable[Any], coder_b: Iterable[Any], *,
                 categories: Iterable[str] | None = None) -> float:
    """Cohen's kappa of two codings of the same items (computed by statsmodels).

    kappa = (p_o − p_e) / (1 − p_e): 1 is perfect agreement, 0 is no better than chance,
    below 0 is worse than chance. Undefined (a ValueError) when both coders use one and the
    same category for every item, because then chance agreement is already 100%.
    """
    from statsmodels.stats.inter_rater import cohens_kappa as _sm_kappa

    table = agreement_table(coder_a, coder_b, categories=categories)
    used_a = table.index[table.sum(axis=1) > 0]
    used_b = table.columns[table.sum(axis=0) > 0]
    if len(used_a) == 1 and len(used_b) == 1 and used_a[0] == used_b[0]:
        raise ValueError(
            f"Kappa is undefined here: both coders put every item in the single category "
            f"{used_a[0]!r}, so agreement expected by chance is already 100%. "
            "Percent agreement (100%) is the only meaningful number."
        )
    return float(_sm_kappa(table.values, return_results=False))


def kappa_label(kappa: float) -> str:
    """A rough verbal label for kappa (the Landis & Koch, 1977, convention; not a law of nature)."""
    if kappa is None or pd.isna(kappa):
        raise ValueError("kappa_label needs a number.")
    k = float(kappa)
    if k < 0:
        return N_("worse than chance")
    for limit, label in ((0.20, N_("slight")), (0.40, N_("fair")), (0.60, N_("moderate")), (0.80, N_("substantial"))):
        if k <= limit:
            return label
    return N_("almost perfect")


def agreement_summary(coder_a: Iterable[Any], coder_b: Iterable[Any], *,
                      categories: Iterable[str] | None = None) -> pd.Series:
    """Items, agreements, percent agreement, chance agreement (%), kappa and its label."""
    a, b = _pairs(coder_a, coder_b)
    kappa = cohens_kappa(a, b, categories=categories)
    agree = sum(x == y for x, y in zip(a, b))
    return pd.Series(
        {
            "items": len(a),
            "agreements": agree,
            "percent_agreement": round(100.0 * agree / len(a), 1),
            "chance_agreement_pct": round(100.0 * expected_agreement(a, b), 1),
            "kappa": round(kappa, 3),
            "label": kappa_label(kappa),
        },
        dtype=object,
    )


def disagreements(items: pd.DataFrame, coder_a: str, coder_b: str) -> pd.DataFrame:
    """The rows of ``items`` where column ``coder_a`` and column ``coder_b`` differ."""
    if not isinstance(items, pd.DataFrame):
        raise ValueError("disagreements(items, coder_a, coder_b): items must be a table (DataFrame).")
    for col in (coder_a, coder_b):
        if col not in items.columns:
            raise ValueError(f"There is no column {col!r}; the table has {list(items.columns)}.")
    _pairs(items[coder_a], items[coder_b])  # same checks as the measures
    return items[items[coder_a].astype(str) != items[coder_b].astype(str)]
