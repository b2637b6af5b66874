"""Survey analysis for lesson 05: value conflicts in the Wmo (Van Schooten, 2022).

Pure functions on the ``survey_*`` datasets: DataFrame (or numbers) in, DataFrame or
number out. Nothing here prints. The figures are built with :func:`wmolab.plots.new_figure`
and shown by the notebook with :func:`wmolab.plots.show`.

The main ideas, in lesson order:

- :func:`summarise_counts` reproduces a Qualtrics summary row (min, max, mean, SD,
  variance, count) from answer counts, with either the population (``ddof=0``) or the
  sample (``ddof=1``) formula; :func:`compare_summaries` checks all 88 rating rows at once;
- :func:`reconstruct_distribution` goes the other way: it lists every integer answer
  distribution consistent with a printed summary and says clearly whether none, one or
  several fit; :func:`reconstruct_rank_matrix` does it for the ranking question and uses
  the extra rule that every respondent uses every rank once;
- :func:`mean_ranks`, :func:`compare_table7`, :func:`spearman`, :func:`importance_attention`
  for rankings and gaps; :func:`mention_shares` for a multiple-response question;
  :func:`conflict_graph` for the named conflict pairs; :func:`tariff_coverage` for the
  interview arithmetic.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pandas as pd

from .validate import require_columns as _need_columns

__all__ = [
    "GROUPS", "GROUP_LABELS", "VALUE_KEYS", "QUESTIONS",
    "summarise_counts", "population_vs_sample", "choice_counts", "mean_age",
    "counts_from_row", "reproduce_summaries", "compare_summaries", "sd_formula_table",
    "Reconstruction", "reconstruct_distribution", "reconstruct_all", "reconstruct_rank_matrix",
    "rank_column_sums", "mean_ranks", "compare_table7", "spearman", "exact_means",
    "importance_attention", "mention_shares", "conflict_graph", "degree_table",
    "cluster_pair_counts", "tariff_coverage",
    "plot_likert", "plot_dumbbell", "plot_mean_ranks", "plot_conflict_network",
]

GROUPS = ("gemeenten", "uitvoeringsorganisatie")
GROUP_LABELS = {"gemeenten": "municipal staff (n ≤ 10)", "uitvoeringsorganisatie": "IQ coaches (n ≤ 5)"}
VALUE_KEYS = ("integriteit", "gelijkheid", "rechtmatigheid", "effectiviteit", "efficientie", "participatie",
              "openheid", "legitimiteit", "verantwoording", "bestaanszekerheid", "kwaliteit_dienstverlening")
QUESTIONS = {
    "Q7": "importance (1-5, 5 = very important)",
    "Q6": "ranking (1 = most important, 11 = least)",
    "Q9": "attention in the work (1-5, higher = more)",
    "Q10": "sufficient attention (1-3, low = not enough; labels inferred)",
    "Q11": "collides with other values (1-4, higher = more; labels inferred)",
}
_STATS = ("min", "max", "mean", "sd", "variance", "count")
_TOL = 0.005 + 1e-9  # a printed 2-decimal value covers everything that rounds to it


# --------------------------------------------------------------------------- helpers
def _group(group: Any) -> str:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {GROUPS}, not {group!r}.")
    return group


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


# --------------------------------------------------------------------------- Qualtrics summaries
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
    _need_columns(choices, ["group", "question", "code", "count"], "choices")
    rows = choices[(choices["group"] == _group(group)) & (choices["question"] == question)]
    if rows.empty:
        raise ValueError(f"no answers for {question!r} in group {group!r}; questions: "
                         f"{sorted(choices['question'].unique())}.")
    return {int(c): int(k) for c, k in zip(rows["code"], rows["count"])}


def mean_age(ages: pd.DataFrame, group: str | None = None) -> float:
    """Mean age (missing ages left out); ``group=None`` pools both groups."""
    _need_columns(ages, ["group", "age"], "ages")
    sel = ages if group is None else ages[ages["group"] == _group(group)]
    known = sel["age"].dropna()
    if known.empty:
        raise ValueError("no ages given for this selection.")
    return float(known.mean())


def age_bands(ages: pd.DataFrame) -> pd.DataFrame:
    """Respondents per age band and group, in the bands of Tabel 4 (up to 40, 41-60, 61 or older, unknown)."""
    _need_columns(ages, ["group", "age"], "ages")
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
    _need_columns(distributions, ["group", "question", "value_key", "r1", "r5"], "distributions")
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
    _need_columns(summary, ["group", "question", "value_key", *_STATS], "summary")
    mine = []
    for _, r in distributions.iterrows():
        s = summarise_counts(counts_from_row(r), ddof)
        mine.append({"group": r["group"], "question": r["question"], "value_key": r["value_key"],
                     **{f"{k}_computed": v for k, v in s.items()}})
    merged = summary.merge(pd.DataFrame(mine), on=["group", "question", "value_key"], how="inner")
    ok = pd.Series(True, index=merged.index)
    for k in _STATS:
        ok &= (merged[k].astype(float) - merged[f"{k}_computed"].astype(float)).abs() <= _TOL
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


# --------------------------------------------------------------------------- reconstruction
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
    _need_columns(summary, ["group", "question", "value_key", *_STATS], "summary")
    rows = []
    for _, r in summary[summary["question"].isin(list(questions))].iterrows():
        rec = reconstruct_distribution(r["min"], r["max"], r["mean"], r["sd"], int(r["count"]), r["variance"], ddof=ddof)
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
    _need_columns(summary, ["group", "question", "value_key", *_STATS], "summary")
    rows = summary[(summary["question"] == "Q6") & (summary["group"] == _group(group))]
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


# --------------------------------------------------------------------------- rankings
def _rank_cols(df: pd.DataFrame) -> list[str]:
    cols = [c for c in df.columns if str(c).startswith("rank_")]
    if not cols:
        raise ValueError("expected rank_1 ... rank_11 columns (the survey_rank_counts dataset).")
    return cols


def rank_column_sums(rank_counts: pd.DataFrame) -> pd.DataFrame:
    """For each group, how often each rank was given; in a valid ranking matrix every entry equals n."""
    _need_columns(rank_counts, ["group", "value_key", "n"], "rank_counts")
    return rank_counts.groupby("group")[_rank_cols(rank_counts)].sum()


def mean_ranks(rank_counts: pd.DataFrame) -> pd.DataFrame:
    """Exact mean rank per value (rows) and group (columns) from the rank-count matrix."""
    _need_columns(rank_counts, ["group", "value_key", "n"], "rank_counts")
    cols = _rank_cols(rank_counts)
    ranks = [int(c.split("_")[1]) for c in cols]
    weighted = (rank_counts[cols] * ranks).sum(axis=1) / rank_counts[cols].sum(axis=1)
    out = rank_counts.assign(mean_rank=weighted).pivot(index="value_key", columns="group", values="mean_rank")
    out.columns.name = None
    return out.reindex([k for k in VALUE_KEYS if k in out.index])


def compare_table7(table7: pd.DataFrame, rank_counts: pd.DataFrame) -> pd.DataFrame:
    """Tabel 7 as printed next to the mean ranks computed from the rank-count matrix."""
    _need_columns(table7, ["rank_position", "group", "value_key", "mean_printed"], "table7")
    computed = mean_ranks(rank_counts)
    out = table7[["group", "rank_position", "value_key", "mean_printed"]].copy()
    out["mean_computed"] = [round(float(computed.loc[v, g]), 2) for g, v in zip(out["group"], out["value_key"])]
    out["matches"] = (out["mean_printed"] - out["mean_computed"]).abs() <= _TOL
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


# --------------------------------------------------------------------------- means and gaps
def exact_means(distributions: pd.DataFrame, question: str) -> pd.DataFrame:
    """Exact mean of each value (rows) per group (columns) for one rating question."""
    _need_columns(distributions, ["group", "question", "value_key", "n"], "distributions")
    d = distributions[distributions["question"] == question]
    if d.empty:
        raise ValueError(f"no distributions for {question!r}; choose from {sorted(distributions['question'].unique())}.")
    total = sum(d[f"r{k}"] * k for k in range(1, 6))
    out = d.assign(mean=total / d["n"]).pivot(index="value_key", columns="group", values="mean")
    out.columns.name = None
    return out.reindex([k for k in VALUE_KEYS if k in out.index])


def importance_attention(distributions: pd.DataFrame, group: str) -> pd.DataFrame:
    """Importance (Q7) and attention (Q9) means per value for one group, and the gap Q7 - Q9."""
    g = _group(group)
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
    _need_columns(causes, ["group", "code", "cause_en", "count"], "causes")
    if pooled:
        t = causes.groupby(["code", "cause_en"], as_index=False)["count"].sum()
        t["share_pct"] = (100 * t["count"] / t["count"].sum()).round(1)
        return t.set_index("cause_en")[["count", "share_pct"]]
    t = causes[["group", "cause_en", "count"]].copy()
    t["share_pct"] = (100 * t["count"] / t.groupby("group")["count"].transform("sum")).round(1)
    return t.pivot(index="cause_en", columns="group", values="share_pct").reindex(
        causes.drop_duplicates("code")["cause_en"])


# --------------------------------------------------------------------------- conflict network
def conflict_graph(pairs: pd.DataFrame, values: pd.DataFrame | None = None, group: str | None = None):
    """A networkx Graph of the named conflict pairs: values are nodes, each named pair an edge.

    Node attributes: ``cluster`` (and ``label`` when ``values`` is given). Edge attribute
    ``respondents``: who named the pair. ``group`` keeps only one group's pairs. Values no one
    named (with ``values`` given) are kept as isolated nodes.
    """
    import networkx as nx

    _need_columns(pairs, ["group", "respondent", "value_a", "value_b", "cluster_a", "cluster_b"], "pairs")
    sel = pairs if group is None else pairs[pairs["group"] == _group(group)]
    graph = nx.Graph()
    if values is not None:
        _need_columns(values, ["value_key", "short_nl", "cluster"], "values")
        code = {"behoorlijk": "BB", "resultaatgericht": "RG", "responsief": "RS", "privaat": "PR"}
        for _, v in values.iterrows():
            graph.add_node(v["value_key"], label=v["short_nl"], cluster=code[v["cluster"]])
    for _, p in sel.iterrows():
        for key, cl in ((p["value_a"], p["cluster_a"]), (p["value_b"], p["cluster_b"])):
            if key not in graph:
                graph.add_node(key, label=key, cluster=cl)
        if graph.has_edge(p["value_a"], p["value_b"]):
            graph.edges[p["value_a"], p["value_b"]]["respondents"].append(p["respondent"])
        else:
            graph.add_edge(p["value_a"], p["value_b"], respondents=[p["respondent"]])
    return graph


def degree_table(graph) -> pd.Series:
    """How many named pairs each value takes part in, largest first (ties by name)."""
    deg = pd.Series(dict(graph.degree()), name="pairs", dtype="int64")
    deg.index.name = "value_key"
    return deg.sort_index().sort_values(ascending=False, kind="stable")


def cluster_pair_counts(pairs: pd.DataFrame) -> pd.Series:
    """How many named pairs fall between (or within) each combination of clusters."""
    _need_columns(pairs, ["cluster_a", "cluster_b"], "pairs")
    kinds = ["–".join(sorted((a, b))) for a, b in zip(pairs["cluster_a"], pairs["cluster_b"])]
    s = pd.Series(kinds).value_counts()
    s = s.rename_axis("cluster_pair").rename("pairs")
    return s.sort_index().sort_values(ascending=False, kind="stable")


# --------------------------------------------------------------------------- tariffs
def tariff_coverage(tariff: float, cost_price: float = 93.0, billable_hours: float = 25.0) -> dict[str, float]:
    """Weekly revenue and cost of one coach, and the share of the cost the tariff covers.

    Defaults are the regiomanager's figures (cost price €93 per hour, about 25 billable hours
    in a 36-hour week). The arithmetic is the course's illustration, not in the thesis.
    """
    for name, v in (("tariff", tariff), ("cost_price", cost_price), ("billable_hours", billable_hours)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
            raise ValueError(f"{name} should be a number, not {v!r}.")
        if v < 0:
            raise ValueError(f"{name} cannot be negative ({v}).")
    if cost_price == 0:
        raise ValueError("cost_price must be more than 0 to compute a coverage share.")
    tariff, cost_price, billable_hours = float(tariff), float(cost_price), float(billable_hours)
    revenue, cost = tariff * billable_hours, cost_price * billable_hours
    return {"revenue_week": round(revenue, 2), "cost_week": round(cost, 2), "gap_week": round(cost - revenue, 2),
            "coverage_pct": round(100 * tariff / cost_price, 1)}


# --------------------------------------------------------------------------- figures
def _labels(values: pd.DataFrame | None) -> dict[str, str]:
    if values is None:
        return {k: k for k in VALUE_KEYS}
    return dict(zip(values["value_key"], values["short_nl"]))


_SCALE = {"Q7": 5, "Q9": 5, "Q10": 3, "Q11": 4}


def plot_likert(distributions: pd.DataFrame, group: str, question: str, values: pd.DataFrame | None = None):
    """Diverging stacked bars: answers below the scale midpoint to the left, above it to the right.

    The middle code (on an odd scale) is split half left, half right. Bars count respondents,
    because with n = 4 to 7 a percentage would suggest more precision than there is.
    """
    from .plots import HATCHES, PALETTE, new_figure

    g = _group(group)
    if question not in _SCALE:
        raise ValueError(f"question must be one of {sorted(_SCALE)}, not {question!r}.")
    k = _SCALE[question]
    d = distributions[(distributions["group"] == g) & (distributions["question"] == question)]
    d = d.set_index("value_key").reindex([v for v in VALUE_KEYS if v in set(d["value_key"])])
    labels = _labels(values)
    order = list(d.index)[::-1]
    mid = (k + 1) / 2
    colours = {1: PALETTE[3], 2: PALETTE[1], 3: PALETTE[7], 4: PALETTE[9], 5: PALETTE[0]}
    if k == 3:
        colours = {1: PALETTE[3], 2: PALETTE[7], 3: PALETTE[0]}
    if k == 4:
        colours = {1: PALETTE[3], 2: PALETTE[1], 3: PALETTE[9], 4: PALETTE[0]}
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = range(len(order))
    for code in range(1, k + 1):
        counts = d.loc[order, f"r{code}"].astype(float).to_numpy()
        if code < mid:
            left = -sum(d.loc[order, f"r{c}"].astype(float).to_numpy() for c in range(code, math.ceil(mid)))
            if k % 2 == 1:
                left = left - d.loc[order, f"r{int(mid)}"].astype(float).to_numpy() / 2
            ax.barh(y, counts, left=left, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
        elif code == mid:
            ax.barh(y, counts, left=-counts / 2, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
        else:
            left = sum(d.loc[order, f"r{c}"].astype(float).to_numpy() for c in range(math.floor(mid) + 1, code))
            if k % 2 == 1:
                left = left + d.loc[order, f"r{int(mid)}"].astype(float).to_numpy() / 2
            ax.barh(y, counts, left=left, color=colours[code], hatch=HATCHES[code % len(HATCHES)],
                    edgecolor="white", label=str(code))
    ax.axvline(0, color="#333333", linewidth=1)
    ax.set_yticks(list(y), [labels.get(v, v) for v in order])
    ax.set_xlabel("respondents (left: lower answers, right: higher answers)")
    n = int(d["n"].max())
    ax.set_xlim(-n - 0.5, n + 0.5)
    ax.set_title(f"{question}, {GROUP_LABELS[g].split(' (')[0]}: {QUESTIONS[question].split(' (')[0]}")
    ax.legend(title="answer\ncode", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, title_fontsize=9)
    ax.grid(axis="y", visible=False)
    return fig


def plot_dumbbell(gaps: pd.DataFrame, values: pd.DataFrame | None = None, title: str = ""):
    """Importance (circle) and attention (square) per value joined by a line, largest gap on top."""
    from .plots import PALETTE, new_figure

    _need_columns(gaps, ["importance", "attention", "gap"], "gaps")
    labels = _labels(values)
    g = gaps.sort_values("gap")
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = list(range(len(g)))
    ax.hlines(y, g["attention"], g["importance"], color="#999999", linewidth=2, zorder=1)
    ax.scatter(g["importance"], y, marker="o", s=60, color=PALETTE[0], label="importance (Q7)", zorder=2)
    ax.scatter(g["attention"], y, marker="s", s=55, color=PALETTE[1], label="attention (Q9)", zorder=2)
    for yi, (_, r) in zip(y, g.iterrows()):
        ax.annotate(f"{r['gap']:+.2f}", (max(r["importance"], r["attention"]) + 0.05, yi), va="center", fontsize=9)
    ax.set_yticks(y, [labels.get(v, v) for v in g.index])
    ax.set_xlim(2.5, 5.4)
    ax.set_xlabel("mean score (1-5)")
    ax.set_title(title or "Importance vs attention")
    ax.legend(loc="lower left", fontsize=9)
    return fig


def plot_mean_ranks(table: pd.DataFrame, values: pd.DataFrame | None = None, title: str = ""):
    """Dot plot of mean ranks (1 = most important) per value, one marker per column of ``table``."""
    from .plots import MARKERS, PALETTE, new_figure

    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError("table should be a DataFrame of mean ranks (values as rows, groups as columns).")
    labels = _labels(values)
    t = table.sort_values(table.columns[0], ascending=False)
    fig, ax = new_figure(figsize=(7.5, 4.6))
    y = list(range(len(t)))
    for i, col in enumerate(t.columns):
        ax.scatter(t[col], y, marker=MARKERS[i % len(MARKERS)], s=55, color=PALETTE[i % len(PALETTE)],
                   label=str(col), zorder=2)
    ax.set_yticks(y, [labels.get(v, v) for v in t.index])
    ax.set_xlim(0.5, 11.5)
    ax.set_xticks(range(1, 12))
    ax.set_xlabel("mean rank (1 = most important, 11 = least)")
    ax.set_title(title or "Mean ranks of the 11 values")
    ax.legend(loc="upper right", fontsize=9)
    return fig


_CLUSTER_STYLE = {
    "BB": {"marker": "s", "name": "behoorlijk bestuur"},
    "RG": {"marker": "^", "name": "resultaatgericht bestuur"},
    "RS": {"marker": "o", "name": "responsief bestuur"},
    "PR": {"marker": "D", "name": "private values"},
}


def plot_conflict_network(graph, highlight: str | None = None, title: str = ""):
    """The conflict graph on a circle: node shape and colour show the cluster, edge width the
    number of respondents naming the pair; ``highlight`` thickens one value's edges."""
    import networkx as nx

    from .plots import PALETTE, new_figure

    nodes = sorted(graph.nodes, key=lambda v: VALUE_KEYS.index(v) if v in VALUE_KEYS else 99)
    pos = nx.circular_layout(nodes)
    fig, ax = new_figure(figsize=(7.0, 5.2))
    for i, (cl, style) in enumerate(_CLUSTER_STYLE.items()):
        members = [v for v in nodes if graph.nodes[v].get("cluster") == cl]
        if members:
            nx.draw_networkx_nodes(graph, pos, nodelist=members, node_shape=style["marker"], node_size=420,
                                   node_color=PALETTE[i], ax=ax, label=style["name"])
    for a, b, data in graph.edges(data=True):
        on = highlight in (a, b)
        nx.draw_networkx_edges(graph, pos, edgelist=[(a, b)], width=1.5 * len(data["respondents"]) + (2.5 if on else 0),
                               edge_color="#222222" if on or highlight is None else "#bbbbbb", ax=ax)
    for v in nodes:
        x, y = pos[v]
        norm = max((x * x + y * y) ** 0.5, 1e-9)
        dx, dy = x / norm, y / norm
        ha = "left" if dx > 0.3 else ("right" if dx < -0.3 else "center")
        va = "bottom" if dy > 0.3 else ("top" if dy < -0.3 else "center")
        ax.annotate(graph.nodes[v].get("label", v), (x, y), xytext=(16 * dx, 16 * dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=9, fontweight="bold" if v == highlight else "normal")
    ax.set_axis_off()
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.35, 1.3)
    ax.set_title(title or "Value conflicts named by respondents")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize=9, markerscale=0.6)
    return fig
