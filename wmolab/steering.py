"""Steering perspectives (lesson 03): the 49-plan scores and the signal-word text scorer.

Source: Nijdam (c. 2020), *Sturing in 3D*, chapters 3, 5 and 6 with Bijlagen C and G (seed 002).

Two groups of pure functions:

**The 49 plans** (``load("steering_plans")``). Each plan has four shares (PA, NPM, NPG, SR) in
percent of its signal words, so each row should add up to 100. Group statistics are
unweighted means of the plan shares, as in the dissertation (Fig. 6.1-6.3).

- :func:`row_sums`, :func:`rows_off_100`: check the compositional constraint (find Hoorn);
- :func:`group_means`, :func:`compare_group_means`: reproduce Fig. 6.1-6.3;
- :func:`extremes`, :func:`compare_extremes`: reproduce the top/bottom-5 lists (Fig. 6.4-6.7);
- :func:`spread`: range, population SD and median per perspective;
- :func:`dominant`, :func:`dominant_counts`: the largest share per plan (ties kept);
- :func:`share_correlations`: correlations between shares (mostly negative: compositional data);
- :func:`quadrant_coordinates`, :func:`quadrant_counts`: a projection onto the NSOB quadrant.
  **This projection is the course's own derivation**, not in the dissertation;
- :func:`distance_to_average`, :func:`never_extreme`, :func:`case_selection`: the case selection.

**The text scorer** (:func:`score_text`) counts the 64 signal words of Bijlage C in a text and
turns the counts into four shares that add up to 100. The dissertation counted with NVivo and does
not report how words were matched, so every choice is explicit in :class:`MatchOptions`:

``mode``
    ``"whole"``: a word of the text counts only if it *is* the signal word
    (``zelfredzaam`` counts, ``zelfredzaamheid`` does not). ``"prefix"``: a word of the text
    counts if it *starts with* the signal word, which catches plurals and derivations
    (``wijkteams``, ``zelfredzaamheid``) but also unrelated words (``recht`` in ``rechtstreeks``).
``case_fold``
    ``True``: upper and lower case are the same (``Maatwerk`` = ``maatwerk``).
``compounds``
    ``True``: a signal word also counts when it is the *last part* of a compound
    (``buurtwijkteam``, ``zorgmarkt``); with ``mode="prefix"`` it may then sit anywhere inside the
    word (``jeugdwijkteams``).
``fold_accents``
    ``True``: letters with diacritics match their plain form (``efficient`` = ``efficiënt``).

Two further choices are the course's too (the dissertation reports none of its matching rules)
and are kept fixed: a *word* is a run of letters (digits, hyphens and apostrophes split words, so
``Wmo-beleid`` is two words); each word of the text counts at most once, for the *longest* signal
word it matches (``rechtsbescherming`` counts as ``rechtsbescherming``, not also as ``recht`` or
``bescherming``).
"""
from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Iterable

import pandas as pd

__all__ = [
    "PERSPECTIVES", "SHARE_COLUMNS", "LABELS",
    "row_sums", "rows_off_100", "group_means", "compare_group_means", "extremes", "compare_extremes",
    "spread", "dominant", "dominant_counts", "share_correlations", "quadrant_coordinates",
    "quadrant_counts", "distance_to_average", "never_extreme", "case_selection", "profile",
    "QUADRANT", "vignette_feedback", "perspectives_markdown",
    "MatchOptions", "Match", "TextScore", "score_text", "sensitivity", "signal_word_lists",
    "plot_group_means", "plot_quadrant", "plot_profile", "plot_text_shares",
]

#: The four perspectives, oldest first (the order the course always uses).
PERSPECTIVES = ("PA", "NPM", "NPG", "SR")
#: Column of each perspective in the datasets.
SHARE_COLUMNS = {"PA": "pa", "NPM": "npm", "NPG": "npg", "SR": "sr"}
LABELS = {"PA": "rechtmatige overheid", "NPM": "presterende overheid",
          "NPG": "netwerkende overheid", "SR": "participerende overheid"}
_GROUPINGS = ("size_class", "region")
#: The order the dissertation prints the groups in (Fig. 6.2 and 6.3).
GROUP_ORDER = {"size_class": ["G4", "100.000+", "100.000-"], "region": ["noord", "oost", "zuid", "west"]}


# --------------------------------------------------------------------------- input checks
def _shares(plans: pd.DataFrame) -> pd.DataFrame:
    """The four share columns, renamed PA..SR, indexed by municipality name."""
    if not isinstance(plans, pd.DataFrame):
        raise ValueError(f"expected the plans table (a DataFrame from load('steering_plans')), "
                         f"got {type(plans).__name__}.")
    missing = [c for c in SHARE_COLUMNS.values() if c not in plans.columns]
    if missing:
        raise ValueError(f"the plans table needs the columns pa, npm, npg and sr; missing: {', '.join(missing)}.")
    if len(plans) == 0:
        raise ValueError("the plans table is empty: there is nothing to compute.")
    out = plans[list(SHARE_COLUMNS.values())].astype(float)
    out.columns = list(PERSPECTIVES)
    if "gemeente" in plans.columns:
        out.index = pd.Index(plans["gemeente"].astype(str), name="gemeente")
    return out


def _perspective(name: Any) -> str:
    code = str(name).upper()
    if code not in PERSPECTIVES:
        raise ValueError(f"{name!r} is not a steering perspective; use one of {', '.join(PERSPECTIVES)}.")
    return code


# --------------------------------------------------------------------------- the 49 plans
def row_sums(plans: pd.DataFrame) -> pd.Series:
    """The sum of the four shares of each plan (should be 100, give or take rounding)."""
    return _shares(plans).sum(axis=1).round(1).rename("row_sum")


def rows_off_100(plans: pd.DataFrame, tolerance: float = 0.15) -> pd.DataFrame:
    """Plans whose four shares do not add up to 100 within ``tolerance`` (rounding to one decimal
    can move a sum of four numbers by up to 0.2, in practice 0.1)."""
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise ValueError("tolerance must be a number of percentage points of 0 or more.")
    shares = _shares(plans)
    sums = shares.sum(axis=1).round(1)
    off = (sums - 100).abs() > tolerance + 1e-9
    return shares[off].assign(row_sum=sums[off])


def group_means(plans: pd.DataFrame, by: str | None = None, decimals: int | None = 2) -> pd.DataFrame:
    """Unweighted mean share per perspective, for all plans (``by=None``) or per
    ``size_class`` / ``region``; with the group size ``n``."""
    shares = _shares(plans)
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
    p = _perspective(perspective)
    if side not in ("highest", "lowest"):
        raise ValueError("side must be 'highest' or 'lowest'.")
    if not isinstance(n, int) or n < 1:
        raise ValueError("n must be a whole number of 1 or more.")
    col = _shares(plans)[p]
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
    s = _shares(plans)
    out = pd.DataFrame({"min": s.min(), "max": s.max(), "range": s.max() - s.min(),
                        "sd": s.std(ddof=0), "median": s.median()})
    return out.round(1)


def dominant(plans: pd.DataFrame) -> pd.Series:
    """The perspective with the largest share in each plan; a tie is written ``"PA/NPG"``."""
    s = _shares(plans)
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
    return _shares(plans).corr(method="pearson").round(2)


def quadrant_coordinates(plans: pd.DataFrame) -> pd.DataFrame:
    """A position for each plan in the NSOB quadrant. **The course's own derivation**, not the
    dissertation's: the dissertation only draws the quadrant (Fig. 3.1) and pie charts.

    - ``x = (NPG + SR) − (PA + NPM)``: positive = society is the main actor (right),
      negative = government (left);
    - ``y = (NPM + NPG) − (PA + SR)``: positive = focus on results (top),
      negative = on preconditions (bottom).

    Both run from −100 to +100. ``quadrant`` names the side on each axis.
    """
    s = _shares(plans)
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
    s = _shares(plans)
    dist = _METRICS[metric](s - s.mean())
    out = pd.DataFrame({"distance": dist.round(1)})
    out["rank"] = dist.rank(method="min").astype(int)
    return out.sort_values(["rank"]).rename_axis("gemeente")


def never_extreme(plans: pd.DataFrame, n: int = 5) -> list[str]:
    """Municipalities in none of the eight top/bottom-``n`` lists (the author's criterion for
    an 'average' case), alphabetically."""
    s = _shares(plans)
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
    s = _shares(plans)
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
    s = _shares(plans)
    if gemeente not in s.index:
        close = [g for g in s.index if str(gemeente).lower() in g.lower()]
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{gemeente!r} is not one of the 49 municipalities.{hint}")
    return pd.DataFrame({gemeente: s.loc[gemeente], "average of 49": s.mean().round(1)})


# --------------------------------------------------------------------------- vignettes
#: Position of each perspective in the NSOB quadrant (Fig. 3.1): (main actor, focus).
QUADRANT = {"PA": ("overheid", "randvoorwaarden"), "NPM": ("overheid", "resultaten"),
            "NPG": ("samenleving", "resultaten"), "SR": ("samenleving", "randvoorwaarden")}
_ACTOR_EN = {"overheid": "government", "samenleving": "society"}
_FOCUS_EN = {"randvoorwaarden": "preconditions", "resultaten": "results"}
_FOCUS_GLOSS = {"randvoorwaarden": "rules, entitlements, who gets what", "resultaten": "performance and delivery"}


def vignette_feedback(answer: str, chosen: str | None) -> tuple[str, str]:
    """Feedback on classifying a vignette: ``(status, message)`` with status ``"unanswered"``,
    ``"correct"`` or ``"incorrect"``. A wrong choice gets a hint along the two axes of the
    quadrant (is the actor right? is the focus right?) without naming the answer."""
    answer = _perspective(answer)
    if chosen in (None, "", "-"):
        return "unanswered", "Choose the perspective you think the vignette shows."
    chosen = _perspective(chosen)
    if chosen == answer:
        actor, focus = QUADRANT[answer]
        return "correct", (f"Yes: {answer} ({LABELS[answer]}). The main actor is {_ACTOR_EN[actor]} and the "
                           f"focus is on {_FOCUS_EN[focus]} ({_FOCUS_GLOSS[focus]}).")
    (a_actor, a_focus), (c_actor, c_focus) = QUADRANT[answer], QUADRANT[chosen]
    if a_actor == c_actor:
        hint = (f"You have the main actor right ({_ACTOR_EN[a_actor]}), but look again at the focus: "
                "is it on results, or on preconditions such as rules and entitlements?")
    elif a_focus == c_focus:
        hint = (f"You have the focus right ({_FOCUS_EN[a_focus]}), but look again at who acts: "
                "does the government do it itself, or does it work through society and partners?")
    else:
        hint = "Both axes differ: ask who acts (government or society) and what the focus is (results or preconditions)."
    return "incorrect", f"Not what the author says. {hint}"


def perspectives_markdown(perspectives: pd.DataFrame,
                          rows: Iterable[str] = ("label_nl", "citizen", "core_values", "instruments")) -> str:
    """The perspectives side by side as a Markdown table (one column per perspective, one row per
    attribute), for ``IPython.display.Markdown``. Text is shown in full, unlike a DataFrame."""
    if not isinstance(perspectives, pd.DataFrame) or "perspective" not in perspectives.columns:
        raise ValueError("perspectives must be load('steering_perspectives').")
    rows = list(rows)
    unknown = [r for r in rows if r not in perspectives.columns]
    if unknown:
        raise ValueError(f"no column {unknown[0]!r} in the perspectives table.")
    table = perspectives.set_index("perspective").reindex(list(PERSPECTIVES))
    names = {"label_nl": "Dutch label", "label_en": "English", "citizen": "the citizen is", "core_values": "core values",
             "instruments": "typical instruments", "discipline": "grounded in", "metaphor_nl": "phase"}

    def cell(value: Any, italic: bool) -> str:
        text = str(value).replace("|", "/").replace("; ", "<br>")
        return f"*{text}*" if italic else text

    lines = ["| | " + " | ".join(f"**{p}**" for p in PERSPECTIVES) + " |", "|---" * (len(PERSPECTIVES) + 1) + "|"]
    for r in rows:
        lines.append(f"| {names.get(r, r)} | " + " | ".join(cell(table.loc[p, r], r in ("label_nl", "metaphor_nl"))
                                                        for p in PERSPECTIVES) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the text scorer
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class MatchOptions:
    """How signal words are matched in a text (see the module docstring for each choice)."""

    mode: str = "whole"
    case_fold: bool = True
    compounds: bool = False
    fold_accents: bool = True

    def __post_init__(self) -> None:
        if self.mode not in ("whole", "prefix"):
            raise ValueError(f"mode must be 'whole' or 'prefix', not {self.mode!r}.")
        for name in ("case_fold", "compounds", "fold_accents"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False.")

    def describe(self) -> str:
        return ", ".join([
            "whole words only" if self.mode == "whole" else "words that start with a signal word",
            "case folded" if self.case_fold else "case sensitive",
            "compounds counted" if self.compounds else "compounds not counted",
            "accents ignored" if self.fold_accents else "accents must match",
        ])


@dataclass(frozen=True)
class Match:
    """One word of the text that counted: where it is, what it matched."""

    start: int
    end: int
    token: str
    signal_word: str
    perspective: str


@dataclass(frozen=True)
class TextScore:
    """The result of :func:`score_text`. ``shares`` is ``None`` when no signal word was found
    (there is nothing to divide); ``message`` then says so."""

    counts: dict[str, int]
    matches: tuple[Match, ...]
    options: MatchOptions
    n_words: int
    shares: dict[str, float] | None = None
    message: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def dominant(self) -> str | None:
        """The perspective with most hits (ties as ``"PA/NPG"``), or ``None`` without hits."""
        if not self.total:
            return None
        top = max(self.counts.values())
        return "/".join(p for p in PERSPECTIVES if self.counts[p] == top)

    def table(self) -> pd.DataFrame:
        """Counts and shares per perspective (shares empty when nothing matched)."""
        shares = self.shares or {}
        return pd.DataFrame({"hits": [self.counts[p] for p in PERSPECTIVES],
                             "share_pct": [round(shares[p], 1) if p in shares else float("nan")
                                           for p in PERSPECTIVES]},
                            index=pd.Index(PERSPECTIVES, name="perspective"))

    def words(self) -> pd.DataFrame:
        """Each matched word of the text with the signal word and perspective it counted for."""
        return pd.DataFrame([(m.token, m.signal_word, m.perspective) for m in self.matches],
                            columns=["word_in_text", "signal_word", "perspective"])


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _normal(text: str, options: MatchOptions) -> str:
    if options.case_fold:
        text = text.casefold()
    if options.fold_accents:
        text = _strip_accents(text)
    return text


def signal_word_lists(words: pd.DataFrame | dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """The word lists as ``{perspective: [words]}``, from ``load("steering_signal_words")`` or a
    dict of your own (so you can try an edited list)."""
    if isinstance(words, pd.DataFrame):
        if not {"perspective", "word"} <= set(words.columns):
            raise ValueError("the word table needs the columns 'perspective' and 'word'.")
        lists = {p: [str(w) for w in words.loc[words["perspective"] == p, "word"]] for p in PERSPECTIVES}
    elif isinstance(words, dict):
        unknown = [k for k in words if str(k).upper() not in PERSPECTIVES]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a steering perspective; use PA, NPM, NPG and SR.")
        lists = {p: [] for p in PERSPECTIVES}
        for k, ws in words.items():
            if isinstance(ws, str):
                raise ValueError(f"the words for {k} should be a list of words, not one text.")
            lists[str(k).upper()] = [str(w) for w in ws]
    else:
        raise ValueError("words must be load('steering_signal_words') or a dict {perspective: [words]}.")
    for p, ws in lists.items():
        bad = [w for w in ws if not _WORD.fullmatch(w)]
        if bad:
            raise ValueError(f"signal word {bad[0]!r} ({p}) should be one word of letters only.")
    if not any(lists.values()):
        raise ValueError("the word lists are empty: there is nothing to look for.")
    return lists


def _matches_token(token: str, word: str, options: MatchOptions) -> bool:
    if options.mode == "whole":
        return token == word or (options.compounds and token.endswith(word))
    return token.startswith(word) or (options.compounds and word in token)


def score_text(text: str, words: pd.DataFrame | dict[str, Iterable[str]],
               options: MatchOptions | None = None, **choices: Any) -> TextScore:
    """Count the signal words in ``text`` and return the four shares (summing to 100).

    ``options`` is a :class:`MatchOptions`; keyword arguments override single choices, e.g.
    ``score_text(text, words, mode="prefix")``. An empty text raises a ValueError with a clear
    message; a text without any signal word gives a score with ``shares=None`` and a message.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be text (a str), not {type(text).__name__}.")
    if not text.strip():
        raise ValueError("the text is empty: type or paste some Dutch policy text to score.")
    options = options or MatchOptions()
    if not isinstance(options, MatchOptions):
        raise ValueError("options must be a MatchOptions(...).")
    if choices:
        unknown = set(choices) - {"mode", "case_fold", "compounds", "fold_accents"}
        if unknown:
            raise ValueError(f"unknown matching choice(s): {', '.join(sorted(unknown))}.")
        options = replace(options, **choices)
    lists = signal_word_lists(words)
    # longest signal word first, so each word of the text counts once, for its longest match
    vocab = sorted(((_normal(w, options), w, p) for p, ws in lists.items() for w in ws),
                   key=lambda t: (-len(t[0]), t[0]))
    counts = {p: 0 for p in PERSPECTIVES}
    found: list[Match] = []
    n_words = 0
    for m in _WORD.finditer(text):
        n_words += 1
        token = _normal(m.group(), options)
        for norm, original, p in vocab:
            if _matches_token(token, norm, options):
                counts[p] += 1
                found.append(Match(m.start(), m.end(), m.group(), original, p))
                break
    total = sum(counts.values())
    if total == 0:
        return TextScore(counts, tuple(found), options, n_words, None,
                         f"No signal words found in {n_words} words ({options.describe()}), so there are "
                         "no shares to compute: 0 hits cannot be divided into percentages.")
    shares = {p: 100 * counts[p] / total for p in PERSPECTIVES}
    return TextScore(counts, tuple(found), options, n_words, shares, "")


def sensitivity(text: str, words: pd.DataFrame | dict[str, Iterable[str]]) -> pd.DataFrame:
    """Score the text under every combination of the matching choices: one row per combination,
    with the number of hits and the four shares (NaN where nothing matched)."""
    rows = []
    for mode, case_fold, compounds, fold_accents in itertools.product(
            ("whole", "prefix"), (True, False), (False, True), (True, False)):
        opts = MatchOptions(mode, case_fold, compounds, fold_accents)
        score = score_text(text, words, opts)
        row = {"mode": mode, "case_fold": case_fold, "compounds": compounds, "fold_accents": fold_accents,
               "hits": score.total}
        for p in PERSPECTIVES:
            row[p] = round(score.shares[p], 1) if score.shares else float("nan")
        row["dominant"] = score.dominant or "-"
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- figures
def _style(p: str) -> dict[str, Any]:
    from .plots import PERSPECTIVE_STYLE

    return PERSPECTIVE_STYLE[p]


def plot_group_means(plans: pd.DataFrame, by: str | None = "size_class", published: pd.DataFrame | None = None):
    """Grouped bars of the mean share per perspective for each group (hatched per perspective and
    labelled with the value); published values, if given, as black ticks."""
    from .plots import new_figure

    means = group_means(plans, by, decimals=None)
    fig, ax = new_figure()
    groups = list(means.index)
    width = 0.2
    for i, p in enumerate(PERSPECTIVES):
        st = _style(p)
        xs = [g + (i - 1.5) * width for g in range(len(groups))]
        bars = ax.bar(xs, means[p], width, color=st["color"], hatch=st["hatch"], edgecolor="white",
                      label=f"{p} ({LABELS[p]})")
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in means[p]], fontsize=7, padding=1)
        if published is not None:
            pub = published.set_index("group")
            ys = [float(pub.loc[g, SHARE_COLUMNS[p]]) if g in pub.index else float("nan") for g in groups]
            ax.scatter(xs, ys, marker="_", s=160, color="black", zorder=3,
                       label="published (Fig. 6.1-6.3)" if i == 0 else None)
    ax.set_xticks(range(len(groups)), [f"{g}\n(n={int(n)})" for g, n in zip(groups, means["n"])])
    ax.set_ylabel("mean share of signal words (%)")
    ax.set_title("Mean share per perspective" + (f" by {by.replace('_', ' ')}" if by else ""))
    ax.legend(fontsize=8, ncols=2, loc="upper left")
    ax.set_ylim(0, max(45, float(means[list(PERSPECTIVES)].max().max()) + 12))
    return fig


def plot_quadrant(plans: pd.DataFrame, highlight: Iterable[str] = ()):
    """The 49 plans in the NSOB quadrant (course's own projection, see
    :func:`quadrant_coordinates`), marker and colour by dominant perspective; highlighted
    municipalities and the average are labelled."""
    from .plots import new_figure

    if isinstance(highlight, str):
        highlight = [highlight]
    coords = quadrant_coordinates(plans)
    dom = dominant(plans)
    fig, ax = new_figure(figsize=(7.0, 6.0))
    for p in PERSPECTIVES + ("tie",):
        mask = (dom == p) if p != "tie" else ~dom.isin(PERSPECTIVES)
        if not mask.any():
            continue
        st = _style(p) if p != "tie" else {"color": "#949494", "marker": "X"}
        ax.scatter(coords.loc[mask, "x"], coords.loc[mask, "y"], color=st["color"], marker=st["marker"],
                   s=45, edgecolor="black", linewidth=0.4,
                   label=f"dominant {p}" if p != "tie" else "tie for dominant")
    avg = _shares(plans).mean()
    mean = {"x": (avg["NPG"] + avg["SR"]) - (avg["PA"] + avg["NPM"]),
            "y": (avg["NPM"] + avg["NPG"]) - (avg["PA"] + avg["SR"])}
    ax.scatter(mean["x"], mean["y"], marker="*", s=220, color="black", label="average of 49", zorder=4)
    for g in highlight:
        if g not in coords.index:
            raise ValueError(f"{g!r} is not one of the 49 municipalities.")
        ax.annotate(g, (coords.loc[g, "x"], coords.loc[g, "y"]), xytext=(6, 6), textcoords="offset points",
                    fontsize=9, fontweight="bold", arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6},
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-100, 100)
    ax.set_ylim(-100, 100)
    for (x, y, text) in ((-95, 92, "NPM · overheid × resultaten"), (95, 92, "NPG · samenleving × resultaten"),
                         (-95, -95, "PA · overheid × randvoorwaarden"), (95, -95, "SR · samenleving × randvoorwaarden")):
        ax.text(x, y, text, ha="left" if x < 0 else "right", va="top" if y > 0 else "bottom", fontsize=8,
                color="#555555")
    ax.set_xlabel("← government      x = (NPG + SR) − (PA + NPM)      society →")
    ax.set_ylabel("← preconditions    y = (NPM + NPG) − (PA + SR)    results →")
    ax.set_title("The 49 plans in the quadrant (course's own projection)")
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def plot_profile(plans: pd.DataFrame, gemeente: str):
    """Horizontal bars: one municipality's shares against the average of 49."""
    from .plots import new_figure

    prof = profile(plans, gemeente)
    fig, ax = new_figure(figsize=(7.0, 3.2))
    ys = range(len(PERSPECTIVES))
    for i, p in enumerate(PERSPECTIVES):
        st = _style(p)
        ax.barh(i + 0.18, prof.iloc[i, 0], 0.36, color=st["color"], hatch=st["hatch"], edgecolor="white")
        ax.barh(i - 0.18, prof.iloc[i, 1], 0.36, color="#dddddd", edgecolor="#777777")
        ax.text(prof.iloc[i, 0] + 0.5, i + 0.18, f"{prof.iloc[i, 0]:.1f}", va="center", fontsize=8)
        ax.text(prof.iloc[i, 1] + 0.5, i - 0.18, f"{prof.iloc[i, 1]:.1f} (avg)", va="center", fontsize=8)
    ax.set_yticks(list(ys), [f"{p}" for p in PERSPECTIVES])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of signal words (%)")
    ax.set_title(f"{gemeente} (coloured) against the average of 49 (grey)")
    return fig


def plot_text_shares(score: TextScore):
    """Bars of the four shares of a scored text (one hatched bar per perspective, labelled)."""
    from .plots import new_figure

    if not isinstance(score, TextScore):
        raise ValueError("plot_text_shares needs the result of score_text(...).")
    if score.shares is None:
        raise ValueError(score.message)
    fig, ax = new_figure(figsize=(6.0, 2.8))
    for i, p in enumerate(PERSPECTIVES):
        st = _style(p)
        ax.bar(i, score.shares[p], color=st["color"], hatch=st["hatch"], edgecolor="white")
        ax.text(i, score.shares[p] + 1, f"{score.shares[p]:.0f}% ({score.counts[p]})", ha="center", fontsize=9)
    ax.set_xticks(range(4), list(PERSPECTIVES))
    ax.set_ylim(0, 110)
    ax.set_ylabel("share of hits (%)")
    ax.set_title(f"{score.total} signal words found")
    return fig

