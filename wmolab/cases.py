"""Steering in practice: the five case municipalities of *Sturing in 3D* (Nijdam, c. 2020, ch. 7–12).

Five municipalities (Haarlemmermeer, Zwolle, Oss, Utrecht, Den Haag) × two topics
(*tegenprestatie* under the Participatiewet, *thuiszorg* under the Wmo 2015) × four
elements (Beleid, Organisatie, Bekostiging, Aansturing) × four perspectives (PA, NPM, NPG, SR).
The data come from :func:`wmolab.load`:

- ``cases_coding``   one row per case × element × perspective: listed in the chapter's summary
  (``present_summary``), attributed in the case text (``present_text``), dominant (``dominant``);
- ``cases_verdicts`` one row per case: dominant perspectives and the analysis model (Figuur 12.1/12.2);
- ``cases_evidence`` short statements with the author's perspective, for coding exercises.

All functions are pure (DataFrame in, DataFrame/number/Figure out) and raise a ValueError with a
clear message on bad input. Two things here are the course's own derivations, not the author's:
the rule that turns the printed qualifiers (*deels*, *overwegend*) into moving along or against
(:func:`movement`), and the check of each case against the model's decision rule
(:func:`place_cases`, column ``fits_rule``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import pandas as pd

from .agreement import agreement_summary
from .i18n import N_, _
from .plots import PALETTE, PERSPECTIVE_STYLE, new_figure
from .sources import replace_lines
from .steering import PERSPECTIVES
from .validate import require_columns, require_keys

__all__ = [
    "PERSPECTIVES", "ELEMENTS", "ELEMENT_EN", "CASE_MUNICIPALITIES", "CODING_SOURCES", "TOPICS", "TOPIC_EN", "OPTIONS",
    "presence_matrix", "presence_counts", "summary_vs_text", "summary_text_agreement",
    "dominant_sets", "tally_vs_verdict", "movement", "model_option", "place_cases", "option_counts",
    "ten_combinations", "compare_with_author", "reputation_codes", "label_counts", "reading_counts",
    "plot_presence", "plot_presence_overview", "plot_model_board",
]

ELEMENTS = ("Beleid", "Organisatie", "Bekostiging", "Aansturing")
ELEMENT_EN = {"Beleid": N_("policy"), "Organisatie": N_("organisation"), "Bekostiging": N_("funding"),
              "Aansturing": N_("management focus")}
CASE_MUNICIPALITIES = ("Haarlemmermeer", "Zwolle", "Oss", "Utrecht", "Den Haag")
TOPICS = ("tegenprestatie", "thuiszorg")
TOPIC_EN = {"tegenprestatie": "tegenprestatie (Participatiewet)", "thuiszorg": "thuiszorg (Wmo 2015)"}
CODING_SOURCES = ("summary", "text")

#: The four options of the analysis model (Figuur 4.1; Nijdam, c. 2020, §4.4.2, L2594-2615).
OPTIONS = {
    ("meebewegen", "doelgericht"): ("1.1", "doelgericht meebewegen", N_("SR + NPM, clearly")),
    ("meebewegen", "doelzoekend"): ("1.2", "doelzoekend meebewegen", "SR + NPM"),
    ("tegenbewegen", "doelgericht"): ("2.1", "doelgericht tegenbewegen", N_("another perspective or pair, clearly")),
    ("tegenbewegen", "doelzoekend"): ("2.2", "doelzoekend tegenbewegen", N_("another perspective or pair")),
}
_ALONG = {"mee": "meebewegen", "deels_mee": "meebewegen", "overwegend_mee": "meebewegen",
          "tegen": "tegenbewegen", "deels_tegen": "tegenbewegen",
          "meebewegen": "meebewegen", "tegenbewegen": "tegenbewegen"}
_STRATEGIES = ("doelgericht", "doelzoekend")


# --------------------------------------------------------------------------- checks
def _choice(value: Any, options: Iterable[str], what: str) -> str:
    options = tuple(options)
    if value not in options:
        raise ValueError(f"Unknown {what} {value!r}; choose one of {', '.join(options)}.")
    return value


def _coding(coding: Any) -> pd.DataFrame:
    return require_columns(coding, ["municipality", "topic", "element", "perspective", "present_summary",
                          "present_text", "dominant"], "The cases_coding table", non_empty=True)


# --------------------------------------------------------------------------- presence
def presence_matrix(coding: pd.DataFrame, municipality: str, topic: str,
                    source: str = "summary") -> pd.DataFrame:
    """Elements × perspectives for one case: 1 present, 0 absent, <NA> summary unspecific.

    ``source="summary"`` reads the chapter's summary section (x.4), ``"text"`` the case text.
    """
    coding = _coding(coding)
    _choice(municipality, CASE_MUNICIPALITIES, "municipality")
    _choice(topic, TOPICS, "topic")
    _choice(source, CODING_SOURCES, "source")
    rows = coding[(coding["municipality"] == municipality) & (coding["topic"] == topic)]
    if rows.empty:
        raise ValueError(f"No rows for {municipality} / {topic} in this table.")
    table = rows.pivot(index="element", columns="perspective", values=f"present_{source}")
    return table.reindex(index=list(ELEMENTS), columns=list(PERSPECTIVES)).astype("Int64")


def _filled(coding: pd.DataFrame, source: str, fill_unspecified: bool) -> pd.Series:
    col = coding[f"present_{source}"]
    if source == "summary" and fill_unspecified:
        col = col.fillna(coding["present_text"])
    return col.fillna(0).astype(int)


def presence_counts(coding: pd.DataFrame, source: str = "summary", *,
                    fill_unspecified: bool = True) -> pd.DataFrame:
    """In how many of the four elements each perspective is present, per case (0–4).

    Where the summary is unspecific (Zwolle, home care, SR: "sterk aanwezig" without naming
    elements) ``fill_unspecified`` takes the case text's coding instead of counting 0.
    """
    coding = _coding(coding)
    _choice(source, CODING_SOURCES, "source")
    data = coding.assign(_present=_filled(coding, source, fill_unspecified))
    counts = data.pivot_table(index=["municipality", "topic"], columns="perspective",
                              values="_present", aggfunc="sum", observed=True)
    order = pd.MultiIndex.from_product([CASE_MUNICIPALITIES, TOPICS], names=["municipality", "topic"])
    counts = counts.reindex(index=order, columns=list(PERSPECTIVES))
    counts.columns.name = None
    return counts.astype(int)


def summary_vs_text(coding: pd.DataFrame) -> pd.DataFrame:
    """The cells where the summary and the case text disagree (both specified)."""
    coding = _coding(coding)
    both = coding.dropna(subset=["present_summary"])
    diff = both[both["present_summary"] != both["present_text"]]
    cols = ["municipality", "topic", "element", "perspective", "present_summary", "present_text", "note"]
    out = diff[[c for c in cols if c in diff.columns]].reset_index(drop=True)
    if "note" in out.columns:  # the notes cite seed lines; a student reads the section of the dissertation
        out["note"] = out["note"].map(lambda t: replace_lines(t, "002") if isinstance(t, str) else t)
    return out


def summary_text_agreement(coding: pd.DataFrame) -> pd.Series:
    """Percent agreement and Cohen's kappa between the summary and the text (specified cells)."""
    coding = _coding(coding)
    both = coding.dropna(subset=["present_summary"])
    label = {0: "absent", 1: "present"}
    return agreement_summary(both["present_summary"].astype(int).map(label),
                             both["present_text"].astype(int).map(label))


# --------------------------------------------------------------------------- dominance
def dominant_sets(coding: pd.DataFrame) -> pd.Series:
    """The author's dominant perspective(s) per case, as text like 'NPM+SR' (fixed PA/NPM/NPG/SR order)."""
    coding = _coding(coding)
    dom = coding[coding["dominant"] == 1].drop_duplicates(["municipality", "topic", "perspective"])
    order = pd.MultiIndex.from_product([CASE_MUNICIPALITIES, TOPICS], names=["municipality", "topic"])
    out = dom.groupby(["municipality", "topic"])["perspective"].agg(
        lambda s: "+".join(p for p in PERSPECTIVES if p in set(s)))
    return out.reindex(order).rename("author")


def tally_vs_verdict(coding: pd.DataFrame, source: str = "summary") -> pd.DataFrame:
    """Would counting elements reproduce the author's verdict?

    For each case: the perspectives present in the most elements (the 'tally' rule), the
    author's dominant perspectives, and whether the two sets are the same.
    """
    counts = presence_counts(coding, source)
    top = counts.apply(lambda r: "+".join(p for p in PERSPECTIVES if r[p] == r.max()), axis=1)
    author = dominant_sets(coding)
    out = pd.DataFrame({"tally_top": top, "elements_of_top": counts.max(axis=1), "author": author})
    out["same"] = out["tally_top"] == out["author"]
    return out


# --------------------------------------------------------------------------- analysis model
def movement(inst: str) -> str:
    """'meebewegen' or 'tegenbewegen' for a coded institutional context.

    Course rule: the printed qualifiers keep the direction (*deels meebewegen* and *overwegend
    meebewegen* count as moving along, *deels tegenbewegen* as moving against).

    >>> movement("overwegend_mee"), movement("deels_tegen")
    ('meebewegen', 'tegenbewegen')
    """
    if inst not in _ALONG:
        raise ValueError(f"Unknown institutional context {inst!r}; expected one of {', '.join(_ALONG)}.")
    return _ALONG[inst]


def model_option(movement_: str, strategy: str) -> str:
    """The option code of the analysis model: 1.1, 1.2, 2.1 or 2.2."""
    direction = movement(movement_)
    _choice(strategy, _STRATEGIES, "strategic choice")
    return OPTIONS[(direction, strategy)][0]


def _combo(text: str) -> str:
    parts = {p.strip() for p in str(text).split(";")}
    return "+".join(p for p in PERSPECTIVES if p in parts)


def place_cases(verdicts: pd.DataFrame, level: str = "topic") -> pd.DataFrame:
    """Each case on the analysis-model board, at the level of the law or of the topic.

    ``level="law"`` uses how the municipality applies the law, ``"topic"`` its approach to the
    topic itself (the author codes both in Figuur 12.2). ``fits_rule`` (a course derivation) says
    whether the dominant combination matches the model's decision rule: moving along should go
    with SR + NPM, moving against with any other perspective or pair (Nijdam, c. 2020, L2526-2566).
    """
    _choice(level, ("law", "topic"), "level")
    verdicts = require_columns(verdicts, ["municipality", "topic", "dominant", f"inst_{level}", f"strategy_{level}"],
                               "The cases_verdicts table", non_empty=True)
    out = verdicts[["municipality", "topic"]].copy()
    out["movement"] = verdicts[f"inst_{level}"].map(movement)
    out["strategy"] = verdicts[f"strategy_{level}"]
    out["option"] = [model_option(m, s) for m, s in zip(out["movement"], out["strategy"])]
    out["option_name"] = [OPTIONS[(m, s)][1] for m, s in zip(out["movement"], out["strategy"])]
    out["dominant"] = verdicts["dominant"].map(_combo)
    expected_along = out["movement"] == "meebewegen"
    out["fits_rule"] = (out["dominant"] == "NPM+SR") == expected_along
    return out.reset_index(drop=True)


def option_counts(verdicts: pd.DataFrame, level: str = "topic") -> pd.Series:
    """How many of the ten cases fall in each option of the model (1.1, 1.2, 2.1, 2.2)."""
    placed = place_cases(verdicts, level)
    return placed["option"].value_counts().reindex(["1.1", "1.2", "2.1", "2.2"], fill_value=0).rename("cases")


def ten_combinations() -> pd.DataFrame:
    """The ten possible dominant steerings (one perspective or a pair) and what they signal.

    Footnote 44 (Nijdam, c. 2020, L2563-2566): only SR + NPM means moving along with the national
    message; the other nine point to moving against.
    """
    combos = [p for p in PERSPECTIVES] + ["+".join(c) for c in combinations(PERSPECTIVES, 2)]
    return pd.DataFrame({"dominant": combos,
                         "signals": ["meebewegen" if c == "NPM+SR" else "tegenbewegen" for c in combos]})


# --------------------------------------------------------------------------- coding exercise
def _codes_for(evidence: pd.DataFrame, codes: Any) -> pd.Series:
    ids = list(evidence["statement_id"])
    if isinstance(codes, pd.Series):
        codes = codes.to_dict()
    if isinstance(codes, Mapping):
        require_keys(codes, ids, unknown="{key} is not a statement id; ids run {first}…{last}.",
                     missing="No code yet for {n} statement(s), e.g. {first}; code all of them.")
        values = [codes[i] for i in ids]
    else:
        if isinstance(codes, str):
            raise ValueError("Give one code per statement (a list or a dict), not one text.")
        values = list(codes)
        if len(values) != len(ids):
            raise ValueError(f"Give one code per statement: {len(ids)} needed, {len(values)} given.")
    clean = []
    for sid, v in zip(ids, values):
        code = str(v).strip().upper() if v is not None else ""
        if code not in PERSPECTIVES:
            raise ValueError(f"Statement {sid}: {v!r} is not a perspective; use PA, NPM, NPG or SR.")
        clean.append(code)
    return pd.Series(clean, index=ids, name="your_code")


def compare_with_author(evidence: pd.DataFrame, codes: Any) -> pd.DataFrame:
    """Your code next to the author's for every statement, with an ``agree`` column.

    ``codes`` is a dict {statement_id: perspective} or a list in the order of the table.
    """
    evidence = require_columns(evidence, ["statement_id", "author_code", "municipality", "element"],
                               "The cases_evidence table", non_empty=True)
    yours = _codes_for(evidence, codes)
    out = evidence[["statement_id", "municipality", "topic", "element", "author_code"]].copy()
    out["your_code"] = yours.values
    out["agree"] = out["author_code"] == out["your_code"]
    return out.reset_index(drop=True)


def reputation_codes(evidence: pd.DataFrame, coding: pd.DataFrame) -> pd.Series:
    """A 'coder' who codes every statement by the municipality's exploratory label (ch. 6).

    Den Haag was chosen for average scores and has no label, so its statements get <NA>.
    """
    evidence = require_columns(evidence, ["statement_id", "municipality"], "The cases_evidence table", non_empty=True)
    coding = require_columns(coding, ["municipality", "label_exploratory"], "The cases_coding table", non_empty=True)
    labels = coding.drop_duplicates("municipality").set_index("municipality")["label_exploratory"]
    codes = evidence["municipality"].map(labels).where(lambda s: s.isin(PERSPECTIVES))
    return pd.Series(codes.values, index=evidence["statement_id"], name="reputation", dtype="string")


# --------------------------------------------------------------------------- Movisie
def label_counts(assumptions: pd.DataFrame) -> pd.Series:
    """How many assumptions carry each printed page label (hinders / helps)."""
    assumptions = require_columns(assumptions, ["label_en"], "The cases_assumptions table", non_empty=True)
    return assumptions["label_en"].value_counts().reindex(["hinders", "helps"], fill_value=0).rename("assumptions")


def reading_counts(table: pd.DataFrame, column: str) -> pd.Series:
    """How often each perspective occurs in a column of the course's reading (PA…SR order)."""
    table = require_columns(table, [column], "The reading table", non_empty=True)
    return table[column].value_counts().reindex(list(PERSPECTIVES), fill_value=0).rename("count")


# --------------------------------------------------------------------------- figures
def plot_presence(coding: pd.DataFrame, municipality: str, topic: str, source: str = "summary"):
    """A 4 × 4 grid (elements × perspectives) of one case, with disagreements marked.

    Present = the perspective's marker; absent = a small grey dot; '?' = summary unspecific;
    a ringed cell = summary and text disagree. Dominant perspectives are starred in the header.
    """
    matrix = presence_matrix(coding, municipality, topic, source)
    other = presence_matrix(coding, municipality, topic, "text" if source == "summary" else "summary")
    dominant = set(dominant_sets(coding).loc[(municipality, topic)].split("+"))
    fig, ax = new_figure(figsize=(7.2, 4.4))
    for j, p in enumerate(PERSPECTIVES):
        style = PERSPECTIVE_STYLE[p]
        for i, el in enumerate(ELEMENTS):
            y = len(ELEMENTS) - 1 - i
            value = matrix.loc[el, p]
            if pd.isna(value):
                ax.text(j, y, "?", ha="center", va="center", fontsize=16, color="#555555")
            elif value == 1:
                ax.scatter(j, y, s=260, marker=style["marker"], color=style["color"],
                           edgecolor="black", linewidth=0.8, zorder=3)
            else:
                ax.scatter(j, y, s=18, marker="o", color="#bbbbbb", zorder=3)
            alt = other.loc[el, p]
            if not pd.isna(value) and not pd.isna(alt) and alt != value:
                ax.scatter(j, y, s=900, marker="o", facecolor="none", edgecolor="#d55e00",
                           linewidth=2, linestyle="--", zorder=2)
    ax.set_xticks(range(len(PERSPECTIVES)))
    ax.set_xticklabels([p + (" ★" if p in dominant else "") for p in PERSPECTIVES])
    ax.set_yticks(range(len(ELEMENTS)))
    ax.set_yticklabels([f"{el}\n({_(ELEMENT_EN[el])})" for el in reversed(ELEMENTS)])
    ax.set_xlim(-0.6, len(PERSPECTIVES) - 0.4)
    ax.set_ylim(-0.6, len(ELEMENTS) - 0.4)
    ax.grid(False)
    where = _("chapter summary") if source == "summary" else _("case text")
    ax.set_title(f"{municipality} · {topic} ({where})", fontsize=12)
    ax.set_xlabel(_("★ dominant in the author's verdict · ring: summary and text disagree · ? unspecific"),
                  fontsize=8.5)
    return fig


def plot_presence_overview(coding: pd.DataFrame, source: str = "summary"):
    """All ten cases: in how many elements each perspective appears (numbers printed)."""
    counts = presence_counts(coding, source)
    dominant = dominant_sets(coding)
    fig, ax = new_figure(figsize=(7.0, 5.0))
    labels = []
    for i, (case, row) in enumerate(counts.iterrows()):
        y = len(counts) - 1 - i
        labels.append(f"{case[0]} · {case[1]}")
        doms = set(dominant.loc[case].split("+"))
        for j, p in enumerate(PERSPECTIVES):
            n = int(row[p])
            style = PERSPECTIVE_STYLE[p]
            ax.scatter(j, y, s=60 + 110 * n, marker=style["marker"], color=style["color"], alpha=0.85,
                       edgecolor="black" if p in doms else "none", linewidth=2.2 if p in doms else 0, zorder=3)
            ax.text(j + 0.3, y, str(n), va="center", fontsize=9)
    ax.set_yticks(range(len(counts)))
    ax.set_yticklabels(list(reversed(labels)), fontsize=9)
    ax.set_xticks(range(len(PERSPECTIVES)))
    ax.set_xticklabels(PERSPECTIVES)
    ax.set_xlim(-0.5, len(PERSPECTIVES) - 0.2)
    ax.set_ylim(-0.7, len(counts) - 0.3)
    ax.grid(False)
    ax.set_title(_("Elements (of 4) in which each perspective appears"), fontsize=12)
    ax.set_xlabel(_("number = elements; black outline = dominant in the author's verdict"), fontsize=9)
    return fig


def plot_model_board(verdicts: pd.DataFrame, level: str = "topic"):
    """The analysis model as a 2 × 2 board with the ten cases written in their cell."""
    from matplotlib.patches import Rectangle

    placed = place_cases(verdicts, level)
    fig, ax = new_figure(figsize=(7.6, 5.0))
    cells = {("meebewegen", "doelgericht"): (0, 1), ("meebewegen", "doelzoekend"): (1, 1),
             ("tegenbewegen", "doelgericht"): (0, 0), ("tegenbewegen", "doelzoekend"): (1, 0)}
    for (mov, strat), (x, y) in cells.items():
        code, name, expect = OPTIONS[(mov, strat)]
        here = placed[(placed["movement"] == mov) & (placed["strategy"] == strat)]
        shade = PALETTE[9] if len(here) else "#f4f4f4"
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=shade, alpha=0.18 if len(here) else 1,
                               edgecolor="#444444"))
        ax.text(x + 0.04, y + 0.93, f"{code} {name} ({len(here)})", fontsize=9.5, fontweight="bold", va="top")
        ax.text(x + 0.04, y + 0.83, _("expects: {expect}").format(expect=_(expect)), fontsize=8, style="italic",
                va="top")
        for k, (_row, r) in enumerate(here.iterrows()):
            mark = "" if r["fits_rule"] else "  ✗"
            ax.text(x + 0.06, y + 0.72 - 0.083 * k, f"{r['municipality']} · {r['topic']}: {r['dominant']}{mark}",
                    fontsize=8, va="top")
        if not len(here):
            ax.text(x + 0.5, y + 0.45, _("no case"), ha="center", fontsize=9, color="#666666")
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5])
    ax.set_xticklabels([_("doelgericht (goal-directed)"), _("doelzoekend (goal-seeking)")])
    ax.set_yticks([0.5, 1.5])
    ax.set_yticklabels([_("tegenbewegen\n(moving against)"), _("meebewegen\n(moving along)")])
    ax.grid(False)
    which = _("approach to the topic") if level == "topic" else _("application of the law")
    ax.set_title(_("The analysis model: the ten cases by {which}").format(which=which), fontsize=12)
    ax.set_xlabel(_("✗ = dominant perspectives do not match the decision rule (course's check)"), fontsize=9)
    return fig
