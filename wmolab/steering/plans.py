"""The 49 plans (``load("steering_plans")``): shares, group means, extremes and the case selection.

Each plan has four shares (PA, NPM, NPG, SR) in percent of its signal words, so each row should add
up to 100. Group statistics are unweighted means of the plan shares, as in the dissertation
(Fig. 6.1-6.3). :func:`quadrant_coordinates` is **the course's own derivation**, not in the
dissertation.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from ..validate import require_columns
from .perspectives import PERSPECTIVES, SHARE_COLUMNS, perspective_code

__all__ = [
    "GROUP_ORDER", "plan_shares", "row_sums", "rows_off_100", "group_means", "compare_group_means",
    "extremes", "compare_extremes", "spread", "dominant", "dominant_counts", "share_correlations",
    "quadrant_coordinates", "quadrant_counts", "distance_to_average", "never_extreme", "case_selection", "profile",
]

_GROUPINGS = ("size_class", "region")
#: The order the dissertation prints the groups in (Fig. 6.2 and 6.3).
GROUP_ORDER = {"size_class": ["G4", "100.000+", "100.000-"], "region": ["noord", "oost", "zuid", "west"]}


def plan_shares(plans: pd.DataFrame) -> pd.DataFrame:
    """The four share columns, renamed PA..SR, indexed by municipality name (checks the table first)."""
    require_columns(plans, SHARE_COLUMNS.values(), "The plans table", non_empty=True)
    out = plans[list(SHARE_COLUMNS.values())].astype(float)
    out.columns = list(PERSPECTIVES)
    if "gemeente" in plans.columns:
        out.index = pd.Index(plans["gemeente"].astype(str), name="gemeente")
    return out


def row_sums(plans: pd.DataFrame) -> pd.Series:
    """The sum of the four shares of each plan (should be 100, give or take rounding)."""
    return plan_shares(plans).sum(axis=1).round(1).rename("row_sum")


def rows_off_100(plans: pd.DataFrame, tolerance: float = 0.15) -> pd.DataFrame:
    """Plans whose four shares do not add up to 100 within ``tolerance`` (rounding to one decimal
    can move a sum of four numbers by up to 0.2, in practice 0.1)."""
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise ValueError("tolerance must be a number of percentage points of 0 or more.")
    shares = plan_shares(plans)
    sums = shares.sum(axis=1).round(1)
    off = (sums - 100).abs() > tolerance + 1e-9
    return shares[off].assign(row_sum=sums[off])


def group_means(plans: pd.DataFrame, by: str | None = None, decimals: int | None = 2) -> pd.DataFrame:
    """Unweighted mean share per perspective, for all plans (``by=None``) or per
    ``size_class`` / ``region``; with the group size ``n``."""
    shares = plan_shares(plans)
    if by is None:
        out = shares.mean().to_frame("alle gemeenten").T
        out.insert(0, "n", len(shares))
    else:
        if by not in _GROUPINGS:
            raise ValueError(f"by must be None, 'size_class' or 'region', not {by!r}.")
        if by not in plans.columns:
            raise ValueError(f"the plans table has no column {by!r}.")
        keys = plans[by].astype(str).to_numpy()
        grouped = shares.groupby(keys, sort=False)
        out = grouped.mean()
        out.insert(0, "n", grouped.size())
        order = [g for g in GROUP_ORDER[by] if g in out.index]
        out = out.reindex(order + [g for g in out.index if g not in order])
        out.index.name = by
    return out.round(decimals) if decimals is not None else out


def compare_group_means(plans: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Published group means (``load("steering_group_means")``) next to the means recomputed from
    the plans, one row per group and perspective, with the difference (recomputed − published)."""
    needed = {"grouping", "group", "n", *SHARE_COLUMNS.values()}
    if not isinstance(published, pd.DataFrame) or not needed <= set(published.columns):
        raise ValueError("published must be the table load('steering_group_means').")
    rows = []
    for grouping, part in published.groupby("grouping", sort=False):
        computed = group_means(plans, None if grouping == "all" else grouping, decimals=None)
        if grouping == "all":
            computed.index = list(part["group"])
        for _, pub in part.iterrows():
            if pub["group"] not in computed.index:
                raise ValueError(f"group {pub['group']!r} is not in the plans table.")
            for p in PERSPECTIVES:
                value = float(computed.loc[pub["group"], p])
                rows.append({"grouping": grouping, "group": pub["group"], "n_published": int(pub["n"]),
                             "n_computed": int(computed.loc[pub["group"], "n"]), "perspective": p,
                             "published": float(pub[SHARE_COLUMNS[p]]), "computed": round(value, 2),
                             "difference": round(value - float(pub[SHARE_COLUMNS[p]]), 2)})
    return pd.DataFrame(rows)


def extremes(plans: pd.DataFrame, perspective: str, side: str = "highest", n: int = 5) -> pd.DataFrame:
    """The ``n`` highest (or lowest) plans on one perspective, keeping ties at the cut-off (so
    the list can be longer than ``n``, as Fig. 6.6 with Amersfoort / Vlaardingen)."""
    p = perspective_code(perspective)
    if side not in ("highest", "lowest"):
        raise ValueError("side must be 'highest' or 'lowest'.")
    if not isinstance(n, int) or n < 1:
        raise ValueError("n must be a whole number of 1 or more.")
    col = plan_shares(plans)[p]
    ranks = col.rank(method="min", ascending=(side == "lowest")).astype(int)
    keep = ranks <= n
    out = pd.DataFrame({"rank": ranks[keep], "pct": col[keep]})
    return out.sort_values(["rank", "pct"], ascending=[True, side == "lowest"]).rename_axis("gemeente")


def compare_extremes(plans: pd.DataFrame, published: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """For each published top/bottom list (``load("steering_extremes")``): which municipalities the
    data put in it that the figure leaves out, and the other way round. One row per list."""
    needed = {"figure", "perspective", "side", "gemeente"}
    if not isinstance(published, pd.DataFrame) or not needed <= set(published.columns):
        raise ValueError("published must be the table load('steering_extremes').")
    rows = []
    for (fig, p, side), part in published.groupby(["figure", "perspective", "side"], sort=False):
        computed = set(extremes(plans, p, side, n).index)
        printed = set(part["gemeente"].astype(str))
        rows.append({"figure": fig, "perspective": p, "side": side,
                     "matches": computed == printed,
                     "missing_from_figure": ", ".join(sorted(computed - printed)),
                     "only_in_figure": ", ".join(sorted(printed - computed))})
    return pd.DataFrame(rows)


def spread(plans: pd.DataFrame) -> pd.DataFrame:
    """Per perspective: minimum, maximum, range, population SD (ddof=0) and median."""
    s = plan_shares(plans)
    out = pd.DataFrame({"min": s.min(), "max": s.max(), "range": s.max() - s.min(),
                        "sd": s.std(ddof=0), "median": s.median()})
    return out.round(1)


def dominant(plans: pd.DataFrame) -> pd.Series:
    """The perspective with the largest share in each plan; a tie is written ``"PA/NPG"``."""
    s = plan_shares(plans)
    top = s.max(axis=1)
    labels = [
        "/".join(p for p in PERSPECTIVES if math.isclose(row[p], top_value, abs_tol=1e-9))
        for (_, row), top_value in zip(s.iterrows(), top)
    ]
    return pd.Series(labels, index=s.index, name="dominant")


def dominant_counts(plans: pd.DataFrame) -> pd.Series:
    """How many plans each perspective dominates (ties counted separately, e.g. ``PA/NPG``)."""
    d = dominant(plans)
    order = list(PERSPECTIVES) + sorted(set(d) - set(PERSPECTIVES))
    return d.value_counts().reindex(order, fill_value=0).rename("plans")


def share_correlations(plans: pd.DataFrame) -> pd.DataFrame:
    """Pearson correlations between the four shares (a 4 × 4 table)."""
    return plan_shares(plans).corr(method="pearson").round(2)


def quadrant_coordinates(plans: pd.DataFrame) -> pd.DataFrame:
    """A position for each plan in the NSOB quadrant. **The course's own derivation**, not the
    dissertation's: the dissertation only draws the quadrant (Fig. 3.1) and pie charts.

    - ``x = (NPG + SR) − (PA + NPM)``: positive = society is the main actor (right),
      negative = government (left);
    - ``y = (NPM + NPG) − (PA + SR)``: positive = focus on results (top),
      negative = on preconditions (bottom).

    Both run from −100 to +100. ``quadrant`` names the side on each axis.
    """
    s = plan_shares(plans)
    x = (s["NPG"] + s["SR"]) - (s["PA"] + s["NPM"])
    y = (s["NPM"] + s["NPG"]) - (s["PA"] + s["SR"])
    horiz = x.map(lambda v: "samenleving" if v > 0 else ("overheid" if v < 0 else "on the axis"))
    vert = y.map(lambda v: "resultaten" if v > 0 else ("randvoorwaarden" if v < 0 else "on the axis"))
    return pd.DataFrame({"x": x.round(1), "y": y.round(1), "quadrant": horiz + " × " + vert})


def quadrant_counts(plans: pd.DataFrame) -> pd.Series:
    """How many plans fall in each quadrant of :func:`quadrant_coordinates`."""
    order = ["overheid × randvoorwaarden", "overheid × resultaten",
             "samenleving × resultaten", "samenleving × randvoorwaarden"]
    q = quadrant_coordinates(plans)["quadrant"]
    extra = sorted(set(q) - set(order))
    return q.value_counts().reindex(order + extra, fill_value=0).rename("plans")


_METRICS = {
    "euclidean": lambda d: (d ** 2).sum(axis=1) ** 0.5,
    "manhattan": lambda d: d.abs().sum(axis=1),
    "max": lambda d: d.abs().max(axis=1),
}


def distance_to_average(plans: pd.DataFrame, metric: str = "euclidean") -> pd.DataFrame:
    """How far each plan's profile is from the average profile of all plans, in percentage
    points, ranked from closest (rank 1). ``metric``: ``"euclidean"`` (straight-line distance in
    four dimensions), ``"manhattan"`` (sum of absolute differences) or ``"max"`` (largest single
    difference)."""
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {', '.join(_METRICS)}, not {metric!r}.")
    s = plan_shares(plans)
    dist = _METRICS[metric](s - s.mean())
    out = pd.DataFrame({"distance": dist.round(1)})
    out["rank"] = dist.rank(method="min").astype(int)
    return out.sort_values(["rank"]).rename_axis("gemeente")


def never_extreme(plans: pd.DataFrame, n: int = 5) -> list[str]:
    """Municipalities in none of the eight top/bottom-``n`` lists (the author's criterion for
    an 'average' case), alphabetically."""
    s = plan_shares(plans)
    listed = {g for p in PERSPECTIVES for side in ("highest", "lowest") for g in extremes(plans, p, side, n).index}
    return sorted(set(s.index) - listed)


def case_selection(plans: pd.DataFrame, unavailable: Iterable[str] = (), metric: str = "euclidean") -> pd.DataFrame:
    """Apply the selection rule of §5.3.1 to the plans: for each perspective the highest-scoring
    municipality that is available, plus the available municipality closest to the average
    profile. The last is the course's measure: the author's test for the average case (in none of
    the top/bottom-5 lists, §6.5) leaves many candidates and ranks none. ``unavailable`` lists
    municipalities that declined or did not respond."""
    if isinstance(unavailable, str):
        unavailable = [unavailable]
    s = plan_shares(plans)
    gone = set(unavailable)
    unknown = sorted(gone - set(s.index))
    if unknown:
        raise ValueError(f"not among the 49 municipalities: {', '.join(unknown)}.")
    available = s.drop(index=list(gone))
    if available.empty:
        raise ValueError("every municipality is unavailable: nothing left to select.")
    rows = []
    for p in PERSPECTIVES:
        ranked = s[p].rank(method="min", ascending=False)
        best = available[p].idxmax()
        rows.append({"role": f"high {p}", "gemeente": best, "score": float(s.loc[best, p]),
                     "rank": int(ranked[best])})
    dist = distance_to_average(plans, metric)
    choice = dist.drop(index=list(gone), errors="ignore").index[0]
    rows.append({"role": "closest to average", "gemeente": choice, "score": float(dist.loc[choice, "distance"]),
                 "rank": int(dist.loc[choice, "rank"])})
    return pd.DataFrame(rows).set_index("role")


def profile(plans: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """One municipality's four shares next to the average of all plans."""
    s = plan_shares(plans)
    if gemeente not in s.index:
        close = [g for g in s.index if str(gemeente).lower() in g.lower()]
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{gemeente!r} is not one of the 49 municipalities.{hint}")
    return pd.DataFrame({gemeente: s.loc[gemeente], "average of 49": s.mean().round(1)})

