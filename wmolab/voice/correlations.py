"""Correlations between policy officer and client, and the published values they should reproduce (lesson 06).

The thesis computed Pearson's r with pairwise deletion, as Excel's CORREL does. The what-if tools
(:func:`fill_cells`, :func:`search_added_pairs`, :func:`leave_one_out`) test hypotheses about a
published value that does not reproduce; a hit shows what *could* explain it, not what did.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import combinations_with_replacement

import numpy as np
import pandas as pd

from ..i18n import _
from ..validate import require_columns
from .reshape import MIN_PAIRS, MUNICIPALITIES, check_municipality, check_treatment, treat_missing

__all__ = ["pair_table", "pearson_pairwise", "correlations", "correlation_treatments", "band",
           "compare_with_published", "fill_cells", "search_added_pairs", "leave_one_out"]

def pair_table(long: pd.DataFrame, municipality: str, treatment: str = "missing") -> pd.DataFrame:
    """The two answers of one municipality side by side, one row per instrument."""
    check_municipality(municipality)
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
    if n < MIN_PAIRS:
        raise ValueError(_(
            "{label}: only {n} item(s) have a score from both respondents; a correlation needs at "
            "least {min_pairs} complete items.").format(label=label, n=n, min_pairs=MIN_PAIRS))
    xs, ys = xs[keep], ys[keep]
    for name, v in ((_("the first respondent"), xs), (_("the second respondent"), ys)):
        if np.all(v == v[0]):
            raise ValueError(_(
                "{label}: {name} gives the same score ({score}) on all {n} complete items, so r is "
                "undefined (there is no variation to correlate).").format(label=label, name=name,
                                                                          score=f"{v[0]:g}", n=n))
    return float(stats.pearsonr(xs, ys).statistic), n


def correlations(long: pd.DataFrame, treatment: str = "missing", *, deletion: str = "pairwise",
                 exclude_items: Iterable[int] = ()) -> pd.DataFrame:
    """Pearson's r between policy officer and client, per municipality.

    ``deletion="pairwise"`` (the thesis's Excel method) uses every item both respondents of
    that municipality scored; ``"listwise"`` uses only the items that have a score in all ten
    columns. ``exclude_items`` leaves items out (by number). A municipality where r cannot be
    computed gets NaN and the reason in ``note``.
    """
    check_treatment(treatment)
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
        require_columns(published, ["municipality_id", "published_r"], "The published table")
        out["published"] = published.set_index("municipality_id")["published_r"]
    out.index.name = "municipality_id"
    return out.reset_index()


def band(r: float, bands: pd.DataFrame) -> str:
    """The thesis's band for a correlation (``band_id``), or ``"none"``.

    The printed bands (0,0-0,49 / 0,5-0,69 / 0,7-1,0) use two decimals, so r is rounded to two
    decimals first; a negative r falls in no band.
    """
    require_columns(bands, ["band_id", "lower_printed", "upper_printed"], "The bands table")
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
    require_columns(published, ["municipality_id", "published_r", "published_band_nl"], "The published table")
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
            raise ValueError(f"Cell ({column}, item {item}) already holds a printed score; "
                             "only '?'/'nvt' cells can be filled.")
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

