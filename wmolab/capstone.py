"""Lesson 07 (capstone): what the course's datasets hold on one municipality, lens by lens.

The capstone asks students to evaluate one municipality's Wmo approach through three lenses:

- **values**: which public values are in tension (lessons 02 and 05);
- **steering**: which steering perspectives dominate, and why (lessons 03 and 04);
- **voice**: how much voice clients have (lesson 06).

No source studied all three in one place. Nijdam (c. 2020; seed 002) scored 49 policy plans and
studied five cases; Heijboer (2016; seed 004) surveyed client voice in five other (partly
overlapping) municipalities; Van Paassen (c. 2016; seed 003) wrote about IJsselstein; Van
Schooten (2022; seed 000) surveyed Wmo staff in Twente (Hengelo and Twenterand). This module
gathers, for one municipality, every piece of evidence the course has, by calling the topic
modules of the earlier lessons (nothing is recomputed here in a different way), and states
explicitly what is **missing**.

Each evidence row has a ``scope``: ``"municipality"`` for evidence about this municipality,
``"reference"`` for evidence from elsewhere that helps to read it (e.g. the value pairs of the
literature). :func:`lenses_with_data` counts the lenses with at least one municipality row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

__all__ = [
    "LENSES", "LENS_TITLES", "SUBJECTS", "Subject", "Dossier", "subject_table", "resolve",
    "load_capstone_data", "plan_profile", "case_verdicts", "plan_vs_cases", "pair_sources", "voice_summary",
    "evidence", "missing", "missing_markdown",
    "dossier", "lenses_with_data", "coverage", "dossier_markdown", "memo_outline", "rubric",
    "plot_coverage",
]

LENSES = ("values", "steering", "voice")
LENS_TITLES = {
    "values": "Public values in tension (lessons 02, 05)",
    "steering": "Steering perspectives (lessons 03, 04)",
    "voice": "Client voice (lesson 06)",
}


@dataclass(frozen=True)
class Subject:
    """One municipality the capstone offers, and where the course's sources meet it."""

    subject_id: str
    name: str
    plan: str | None = None        # name in steering_plans (Nijdam's 49 plans)
    nijdam_case: str | None = None  # name in cases_coding / cases_verdicts
    voice_case: str | None = None   # municipality_id in the voice datasets (Heijboer)
    van_paassen: bool = False       # the IJsselstein article (cases_tensions)
    twente_survey: bool = False     # the value-conflict survey and interviews (Van Schooten)


#: The subjects in the order the lesson offers them: the two municipalities in both studies first.
SUBJECTS: dict[str, Subject] = {s.subject_id: s for s in (
    Subject("haarlemmermeer", "Haarlemmermeer", plan="Haarlemmermeer", nijdam_case="Haarlemmermeer",
            voice_case="haarlemmermeer"),
    Subject("utrecht", "Utrecht", plan="Utrecht", nijdam_case="Utrecht", voice_case="utrecht"),
    Subject("zwolle", "Zwolle", plan="Zwolle", nijdam_case="Zwolle"),
    Subject("oss", "Oss", plan="Oss", nijdam_case="Oss"),
    Subject("den_haag", "Den Haag", plan="Den Haag", nijdam_case="Den Haag"),
    Subject("alphen", "Alphen aan den Rijn", plan="Alphen aan den Rijn", voice_case="alphen"),
    Subject("schiedam", "Schiedam", plan="Schiedam", voice_case="schiedam"),
    Subject("delft", "Delft", plan="Delft", voice_case="delft"),
    Subject("ijsselstein", "IJsselstein", van_paassen=True),
    Subject("hengelo", "Hengelo", plan="Hengelo (O.)", twente_survey=True),
)}

_LEVEL_EN = {"laag": "low", "gemiddeld": "medium", "groot": "large"}

_NEEDED = ("steering_plans", "cases_verdicts", "cases_evidence", "cases_tensions", "voice_models",
           "voice_correlations_published", "voice_bands", "values_conflict_pairs", "survey_conflict_pairs",
           "survey_interview_facts", "survey_expectations", "capstone_findings")


def resolve(subject: Any) -> Subject:
    """The :class:`Subject` for an id (``"den_haag"``) or a name (``"Den Haag"``, any case)."""
    if isinstance(subject, Subject):
        return subject
    key = str(subject).strip().lower()
    for s in SUBJECTS.values():
        if key in (s.subject_id, s.name.lower()) or (s.plan and key == s.plan.lower()):
            return s
    names = ", ".join(s.name for s in SUBJECTS.values())
    raise ValueError(f"{subject!r} is not one of the capstone municipalities. Choose one of: {names}.")


def subject_table() -> pd.DataFrame:
    """One row per subject: which studies cover it (True/False per source)."""
    rows = [{"subject_id": s.subject_id, "municipality": s.name,
             "plan_score": s.plan is not None, "nijdam_case": s.nijdam_case is not None,
             "voice_case": s.voice_case is not None, "van_paassen": s.van_paassen,
             "twente_survey": s.twente_survey} for s in SUBJECTS.values()]
    return pd.DataFrame(rows)


def load_capstone_data() -> dict[str, pd.DataFrame]:
    """Every dataset the dossiers use, loaded once (plus ``"voice_long"``, the tidy voice survey)."""
    from .data import load
    from .voice import load_survey

    data = {name: load(name) for name in _NEEDED}
    data["voice_long"] = load_survey()
    return data


def _need(data: Mapping[str, pd.DataFrame], *names: str) -> None:
    absent = [n for n in names if n not in data]
    if absent:
        raise ValueError(f"The data dict lacks {absent}; build it with load_capstone_data().")


# --------------------------------------------------------------------------- the three lenses
def plan_profile(plans: pd.DataFrame, subject: Any) -> pd.DataFrame:
    """The four shares of the subject's policy plan beside the average of the 49 plans.

    Columns: the municipality's share, ``average of 49``, ``difference`` and ``rank`` (1 = the
    highest share of the 49 on that perspective). Calls :func:`wmolab.steering.profile`.
    """
    from .steering import SHARE_COLUMNS, profile

    s = resolve(subject)
    if s.plan is None:
        raise ValueError(f"{s.name} is not among Nijdam's 49 policy plans, so there is no plan score.")
    table = profile(plans, s.plan)
    table["difference"] = (table[s.plan] - table["average of 49"]).round(1)
    shares = plans.set_index("gemeente")[list(SHARE_COLUMNS.values())]
    ranks = shares.rank(ascending=False, method="min").loc[s.plan]
    table["rank"] = [int(ranks[SHARE_COLUMNS[p]]) for p in table.index]
    return table


def case_verdicts(verdicts: pd.DataFrame, subject: Any) -> pd.DataFrame:
    """Nijdam's verdicts for the subject's two cases: dominant perspectives and the analysis model.

    Calls :func:`wmolab.cases.place_cases` (topic level). Raises ValueError for a municipality
    that is not one of the five cases.
    """
    from .cases import place_cases

    s = resolve(subject)
    if s.nijdam_case is None:
        raise ValueError(f"{s.name} is not one of Nijdam's five cases, so there is no case coding.")
    placed = place_cases(verdicts, level="topic")
    return placed[placed["municipality"] == s.nijdam_case].reset_index(drop=True)


def voice_summary(data: Mapping[str, pd.DataFrame], subject: Any) -> pd.Series:
    """The voice survey for the subject: computed vs published r, band, means per role, the model.

    Uses :func:`wmolab.voice.compare_with_published` and :func:`wmolab.voice.pair_table`.
    """
    from .voice import compare_with_published, pair_table

    s = resolve(subject)
    if s.voice_case is None:
        raise ValueError(f"{s.name} is not one of Heijboer's five voice cases, so there is no voice survey.")
    _need(data, "voice_long", "voice_correlations_published", "voice_bands", "voice_models")
    comp = compare_with_published(data["voice_long"], data["voice_correlations_published"], data["voice_bands"])
    row = comp.set_index("municipality_id").loc[s.voice_case]
    pairs = pair_table(data["voice_long"], s.voice_case)
    model = data["voice_models"].set_index("case_municipality_id").loc[s.voice_case]
    return pd.Series({
        "model": str(model["model_en"]),
        "expected_voice": _LEVEL_EN.get(str(model["t1_conclusion"]).lower(), str(model["t1_conclusion"])),
        "found_voice": _LEVEL_EN.get(str(model["t3_conclusion_found"]).lower(), str(model["t3_conclusion_found"])),
        "n_pairs": int(row["n_pairs"]),
        "r_computed": round(float(row["r"]), 4), "r_published": round(float(row["published_r"]), 4),
        "reproduces": bool(row["reproduces"]), "band": str(row["band_computed"]),
        "mean_policy_officer": round(float(pd.to_numeric(pairs["policy_officer"]).mean()), 2),
        "mean_client": round(float(pd.to_numeric(pairs["client"]).mean()), 2),
    }, name=s.name)


def plan_vs_cases(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """For each of Nijdam's five cases: the plan's largest share beside the author's case verdicts.

    ``in_cases`` counts in how many of the two cases (tegenprestatie, thuiszorg) the plan's
    largest perspective is among the dominant ones. Calls :func:`wmolab.steering.dominant`.
    """
    from .steering import dominant

    _need(data, "steering_plans", "cases_verdicts")
    plan_top = dominant(data["steering_plans"])
    rows = []
    for s in SUBJECTS.values():
        if s.nijdam_case is None:
            continue
        v = case_verdicts(data["cases_verdicts"], s).set_index("topic")["dominant"]
        top = str(plan_top.loc[s.plan])
        rows.append({"municipality": s.name, "plan_largest": top, "tegenprestatie": v["tegenprestatie"],
                     "thuiszorg": v["thuiszorg"],
                     "in_cases": sum(top in str(x).split("+") for x in v)})
    return pd.DataFrame(rows).set_index("municipality")


def pair_sources(pairs: pd.DataFrame, value_a: str, value_b: str) -> list[str]:
    """Which sources in ``values_conflict_pairs`` report a conflict between two values (either order).

    Uses :func:`wmolab.values.pair_keys` (lesson 02), so e.g. *transparantie* counts as *openheid*.
    Returns the sources' labels (e.g. ``"municipal staff"``) in the dataset's order; an empty
    list when no source reports the pair.
    """
    from .values import pair_keys

    keys = pair_keys(pairs)
    known = set(keys["a"]) | set(keys["b"])
    for v in (value_a, value_b):
        if v not in known:
            raise ValueError(f"{v!r} is not a value key in the pairs; use keys like 'efficientie' or "
                             f"'rechtmatigheid' (known: {sorted(known)}).")
    a, b = sorted((value_a, value_b))
    hit = (keys["a"] == a) & (keys["b"] == b)
    labels = pairs.loc[hit.to_numpy(), "source"].astype(str)
    return list(dict.fromkeys(labels))


# --------------------------------------------------------------------------- the dossier
def _row(lens: str, scope: str, dataset: str, text: str, source: str) -> dict[str, str]:
    return {"lens": lens, "scope": scope, "dataset": dataset, "evidence": text, "source": source}


def _findings(data: Mapping[str, pd.DataFrame], s: Subject) -> list[dict[str, str]]:
    cites = {"000": "Van Schooten (2022)", "002": "Nijdam (c. 2020)", "003": "Van Paassen (c. 2016)",
             "004": "Heijboer (2016)"}
    f = data["capstone_findings"]
    return [_row(r.lens, "municipality", "capstone_findings", r.finding,
                 f"{cites.get(r.seed, 'seed ' + r.seed)}, seed {r.seed}, {r.source_lines}")
            for r in f[f["subject_id"] == s.subject_id].itertuples()]


def _fmt_shares(table: pd.DataFrame, name: str) -> str:
    return ", ".join(f"{p} {table.loc[p, name]:.1f}%" for p in table.index)


def evidence(data: Mapping[str, pd.DataFrame], subject: Any) -> pd.DataFrame:
    """Every piece of evidence the course holds for the subject, one row each.

    Columns: ``lens``, ``scope`` (``municipality`` or ``reference``), ``dataset``, ``evidence``
    (one sentence, numbers computed from the dataset) and ``source`` (author, seed, lines).
    """
    from .steering import dominant

    _need(data, *_NEEDED)
    s = resolve(subject)
    rows: list[dict[str, str]] = []
    found = _findings(data, s)

    # values ------------------------------------------------------------------------------
    rows += [r for r in found if r["lens"] == "values"]
    if s.van_paassen:
        t = data["cases_tensions"]
        pros = t[t["who"].str.contains("professional", case=False)]
        pairs = "; ".join(f"{a} vs {b}" for a, b in zip(pros["steer_pole_en"], pros["emerge_pole_en"]))
        rows.append(_row("values", "municipality", "cases_tensions",
                         f"{len(t)} tensions named in the article; those of the professionals: {pairs}.",
                         "Van Paassen (c. 2016), seed 003, " + ", ".join(dict.fromkeys(pros["line"]))))
    if s.twente_survey:
        named = data["survey_conflict_pairs"]
        muni = named[named["group"] == "gemeenten"]
        rows.append(_row("values", "reference", "survey_conflict_pairs",
                         f"Municipal staff (Hengelo and Twenterand pooled) named {len(muni)} concrete value "
                         f"conflicts; all respondents together {len(named)}. Pooled: not evidence about Hengelo alone.",
                         "Van Schooten (2022), seed 000, survey question Q12"))
        facts = data["survey_interview_facts"]
        mine = facts[facts["who"] == "WMO manager Hengelo"]
        share = mine.set_index("fact_id").loc["share_work_accountability"]
        rows.append(_row("values", "municipality", "survey_interview_facts",
                         f"The Hengelo Wmo manager gives {len(mine)} figures; one: "
                         f"{share['value_low']:.0f}-{share['value_high']:.0f}% of the team's work goes to "
                         "recording and accountability.",
                         f"Van Schooten (2022), seed 000, L{share['source_line']}"))
        v7 = data["survey_expectations"].set_index("expectation").loc["V7"]
        rows.append(_row("values", "reference", "survey_expectations",
                         f"Expectation V7 (accountability clashes with efficiency): {v7['thesis_verdict']} "
                         "(the course's summary of the thesis's verdict, on the pooled Twente survey and three interviews).",
                         f"Van Schooten (2022), seed 000, {v7['verdict_lines']}"))
    pairs = data["values_conflict_pairs"]
    rows.append(_row("values", "reference", "values_conflict_pairs",
                     f"{len(pairs)} value pairs reported in conflict in the literature and the Twente study "
                     f"({pairs['source_id'].nunique()} sources): the vocabulary for naming tensions.",
                     "Van Schooten (2022), seed 000, §2.2 and Q12"))

    # steering ----------------------------------------------------------------------------
    if s.plan is not None:
        plans = data["steering_plans"]
        table = plan_profile(plans, s)
        dom = dominant(plans).loc[s.plan]
        rows.append(_row("steering", "municipality", "steering_plans",
                         f"Policy plan: {_fmt_shares(table, s.plan)}; largest share {dom} "
                         f"(rank {table.loc[dom, 'rank']} of 49 on {dom}).",
                         "Nijdam (c. 2020), seed 002, Bijlage G, L11333-11402"))
    if s.nijdam_case is not None:
        for r in case_verdicts(data["cases_verdicts"], s).itertuples():
            rows.append(_row("steering", "municipality", "cases_verdicts",
                             f"Case {r.topic}: dominant {r.dominant}; {r.movement} with a {r.strategy} choice "
                             f"(option {r.option} of the analysis model).",
                             "Nijdam (c. 2020), seed 002, Figuur 12.1-12.2, L9202-9529"))
        ev = data["cases_evidence"]
        mine = ev[ev["municipality"] == s.nijdam_case]
        codes = mine["author_code"].value_counts().sort_index()
        rows.append(_row("steering", "municipality", "cases_evidence",
                         f"{len(mine)} evidence statements from the case text, coded by the author "
                         f"({', '.join(f'{k} {v}' for k, v in codes.items())}).",
                         "Nijdam (c. 2020), seed 002, ch. 7-11"))
    if s.van_paassen:
        t = data["cases_tensions"]
        own = t[t["who"] == "IJsselstein's approach"]
        poles = "; ".join(f"{a} vs {b}" for a, b in zip(own["steer_pole_en"], own["emerge_pole_en"]))
        rows.append(_row("steering", "municipality", "cases_tensions",
                         f"The municipality's own balance of steering and letting emerge ({len(own)} poles): {poles}.",
                         "Van Paassen (c. 2016), seed 003, " + ", ".join(dict.fromkeys(own["line"]))))
    rows += [r for r in found if r["lens"] == "steering"]

    # voice -------------------------------------------------------------------------------
    if s.voice_case is not None:
        v = voice_summary(data, s)
        rows.append(_row("voice", "municipality", "voice_models",
                         f"Model of commissioning: {v['model']}; voice expected {v['expected_voice']}, "
                         f"found {v['found_voice']} (the course's reading of Tabel 3).", "Heijboer (2016), seed 004, Tabel 1 and Tabel 3"))
        verdict = "reproduces" if v["reproduces"] else "does not reproduce"
        rows.append(_row("voice", "municipality", "voice_survey_printed",
                         f"Survey: r = {v['r_computed']:.2f} over {v['n_pairs']} items (published "
                         f"{v['r_published']:.2f}; the computation {verdict} it; band {v['band']}); mean score "
                         f"policy officer {v['mean_policy_officer']:.2f}, client {v['mean_client']:.2f} (1-7).",
                         "Heijboer (2016), seed 004, Bijlage VI, L5823-5928"))
    rows += [r for r in found if r["lens"] == "voice"]
    out = pd.DataFrame(rows, columns=["lens", "scope", "dataset", "evidence", "source"])
    order = {lens: i for i, lens in enumerate(LENSES)}
    return out.sort_values("lens", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def missing(subject: Any) -> pd.DataFrame:
    """What the course does NOT have on the subject, per lens, and what that means for a memo."""
    s = resolve(subject)
    rows: list[dict[str, str]] = []
    if not s.twente_survey:
        rows.append({"lens": "values", "missing": (
            f"No survey or interview on public values in {s.name}: the value-conflict survey covers Wmo staff "
            "of Hengelo and Twenterand and IQ coaches in Twente."),
            "so": "Infer tensions from the steering and voice evidence, name them with the 11 Wmo values, "
                  "and say that you inferred them."})
    else:
        rows.append({"lens": "values", "missing": (
            "The survey pools the staff of Hengelo and Twenterand (some respondents name no municipality), "
            "so no answer can be tied to Hengelo alone; only the interview is Hengelo's own."),
            "so": "Treat the survey as evidence about Twente staff, the interview as evidence about Hengelo."})
    if s.plan is None:
        rows.append({"lens": "steering", "missing": f"No plan score: {s.name} is not among Nijdam's 49 policy plans.",
                     "so": "Place the approach on the perspectives yourself, from the article, and say so."})
    if s.nijdam_case is None:
        rows.append({"lens": "steering", "missing": (
            f"No case coding: {s.name} is not one of Nijdam's five cases, so nobody coded its practice "
            "element by element."),
            "so": ("A plan score measures the words of one plan, not practice; do not read it as a verdict."
                   if s.plan is not None else
                   "Your own reading of the source is the only placement of its practice: say that it is yours.")})
    if s.voice_case is None:
        if s.van_paassen:
            gap = (f"No voice study: {s.name} is not one of Heijboer's five municipalities, so there is no voice "
                   "survey, no model of commissioning and no interview with a client; the only voice evidence is "
                   "the municipality's own 2015 results as quoted by Van Paassen, without sample sizes. The "
                   "article itself says how citizens experience care is outside its scope "
                   "(Van Paassen, seed 003, L919-921).")
        else:
            gap = (f"No voice data: {s.name} is not one of Heijboer's five municipalities, so there is no voice "
                   "survey, no model of commissioning and no interview with a client.")
        rows.append({"lens": "voice", "missing": gap,
            "so": "Say what you cannot judge, and what data would settle it (e.g. the 13-item survey)."})
    return pd.DataFrame(rows, columns=["lens", "missing", "so"])


def missing_markdown(subject: Any) -> str:
    """:func:`missing` as a Markdown list, one bullet per gap."""
    gaps = missing(subject)
    return "\n".join(f"- **{r.lens}:** {r.missing} *So:* {r.so}" for r in gaps.itertuples())


@dataclass
class Dossier:
    """The evidence and the gaps for one municipality."""

    subject: Subject
    evidence: pd.DataFrame
    missing: pd.DataFrame
    lenses: list[str] = field(default_factory=list)  # lenses with municipality evidence

    @property
    def name(self) -> str:
        return self.subject.name


def dossier(data: Mapping[str, pd.DataFrame], subject: Any) -> Dossier:
    """The :class:`Dossier` for one subject (``data`` from :func:`load_capstone_data`)."""
    s = resolve(subject)
    ev = evidence(data, s)
    own = ev[ev["scope"] == "municipality"]
    return Dossier(s, ev, missing(s), [lens for lens in LENSES if (own["lens"] == lens).any()])


def lenses_with_data(data: Mapping[str, pd.DataFrame], subject: Any) -> int:
    """How many of the three lenses have at least one piece of evidence about the municipality itself."""
    return len(dossier(data, subject).lenses)


def coverage(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Subjects × lenses: the number of municipality evidence rows, plus ``lenses`` (0-3)."""
    rows = []
    for s in SUBJECTS.values():
        own = evidence(data, s).query("scope == 'municipality'")
        counts = {lens: int((own["lens"] == lens).sum()) for lens in LENSES}
        rows.append({"municipality": s.name, **counts, "lenses": sum(1 for c in counts.values() if c)})
    return pd.DataFrame(rows).set_index("municipality")


# --------------------------------------------------------------------------- text output
def dossier_markdown(d: Dossier, lens: str | None = None) -> str:
    """The dossier as Markdown: per lens, the evidence (with dataset and source) and what is missing."""
    lenses = LENSES if lens is None else (lens,)
    if lens is not None and lens not in LENSES:
        raise ValueError(f"lens must be one of {LENSES}, not {lens!r}.")
    parts = [f"**{d.name}**: evidence on {len(d.lenses)} of 3 lenses "
             f"({', '.join(d.lenses) if d.lenses else 'none'})."]
    for le in lenses:
        parts.append(f"\n**{LENS_TITLES[le]}**\n")
        ev = d.evidence[d.evidence["lens"] == le]
        for r in ev.itertuples():
            tag = "" if r.scope == "municipality" else "*(reference, not about this municipality)* "
            parts.append(f"- {tag}{r.evidence} — `{r.dataset}`; {r.source}")
        for r in d.missing[d.missing["lens"] == le].itertuples():
            parts.append(f"- **Missing:** {r.missing} *So:* {r.so}")
    return "\n".join(parts)


def memo_outline(d: Dossier) -> str:
    """A Markdown skeleton of the memo for one municipality, with the dossier's datasets filled in."""
    lines = [f"### Memo: the Wmo approach of {d.name}", "",
             "**1. Question.** (one sentence: what do you evaluate, for whom?)", ""]
    for i, le in enumerate(LENSES, start=2):
        ds = sorted(set(d.evidence.loc[(d.evidence["lens"] == le) & (d.evidence["scope"] == "municipality"),
                                       "dataset"]))
        have = ", ".join(f"`{x}`" for x in ds) if ds else "no data on this municipality"
        lines += [f"**{i}. Evidence: {LENS_TITLES[le].split(' (')[0].lower()}.** Datasets: {have}. "
                  "(two to four sentences; each claim with its dataset and source: author and section, table or page)", ""]
    lines += ["**5. Assessment.** (how do the three lenses fit together? one paragraph)", "",
              "**6. Limitations.** (what is missing, how small the samples are, who wrote the source)", "",
              "**7. Recommendation.** (one concrete step for the municipality, following from 2-6)"]
    return "\n".join(lines)


_RUBRIC = (
    ("Question", "States one evaluative question about one municipality, with a purpose.", 1),
    ("Evidence per lens", "Uses evidence on each lens that has data; every claim names a dataset and "
                          "its source (author and section, table or page); computed numbers are correct.", 3),
    ("Missing data", "Says for each lens without municipal data what is missing and does not fill the gap "
                     "with guesses presented as findings.", 2),
    ("Assessment", "Connects the lenses (e.g. a steering choice that explains a value tension or a voice "
                   "gap) and weighs conflicting evidence.", 2),
    ("Limitations", "Names sample size, source position and date, and reconstructed or derived data.", 1),
    ("Recommendation", "One feasible step that follows from the assessment, addressed to someone.", 1),
)


def rubric() -> pd.DataFrame:
    """The memo rubric: criterion, what earns full marks, points (10 in total)."""
    return pd.DataFrame(_RUBRIC, columns=["criterion", "full marks when the memo ...", "points"])


# --------------------------------------------------------------------------- figure
def plot_coverage(table: pd.DataFrame):
    """Subjects × lenses: a filled circle with the row count where there is municipal evidence, a cross where not."""
    from .plots import PALETTE, new_figure

    fig, ax = new_figure(figsize=(7.0, 4.6))
    names = list(table.index)
    for j, lens in enumerate(LENSES):
        for i, name in enumerate(names):
            n = int(table.loc[name, lens])
            y = len(names) - 1 - i
            if n:
                ax.scatter(j, y, s=440, marker="o", facecolor=PALETTE[j], alpha=0.45, edgecolor="none", zorder=3)
                ax.scatter(j, y, s=440, marker="o", facecolor="none", edgecolor="black", zorder=3)
                ax.text(j, y, str(n), ha="center", va="center", color="black", fontweight="bold", zorder=4)
            else:
                ax.scatter(j, y, s=160, marker="x", color="#555555", zorder=3)
    ax.set_xticks(range(len(LENSES)), list(LENSES))
    ax.set_xlabel("pieces of evidence about the municipality itself (× = none)")
    ax.set_yticks(range(len(names)), [f"{n} ({table.loc[n, 'lenses']}/3)" for n in reversed(names)])
    ax.set_xlim(-0.6, len(LENSES) - 0.4)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.grid(False)
    ax.set_title("What the course holds on each municipality")
    return fig
