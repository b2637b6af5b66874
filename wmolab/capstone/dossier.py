"""One municipality's dossier (lesson 07): every piece of evidence the course holds, and what is missing.

Each evidence row has a ``scope``: ``"municipality"`` for evidence about this municipality,
``"reference"`` for evidence from elsewhere that helps to read it (e.g. the value pairs of the
literature). :func:`lenses_with_data` counts the lenses with at least one municipality row.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..sources import cite
from ..steering import dominant
from .lenses import case_verdicts, plan_profile, voice_summary
from .subjects import DATASETS, LENSES, SUBJECTS, Subject, require_data, resolve

__all__ = ["evidence", "missing", "missing_markdown", "Dossier", "dossier", "lenses_with_data", "coverage"]

def _row(lens: str, scope: str, dataset: str, text: str, source: str) -> dict[str, str]:
    return {"lens": lens, "scope": scope, "dataset": dataset, "evidence": text, "source": source}


def _findings(data: Mapping[str, pd.DataFrame], s: Subject) -> list[dict[str, str]]:
    f = data["capstone_findings"]
    return [_row(r.lens, "municipality", "capstone_findings", r.finding, cite(r.seed, r.source_lines))
            for r in f[f["subject_id"] == s.subject_id].itertuples()]


def _fmt_shares(table: pd.DataFrame, name: str) -> str:
    return ", ".join(f"{p} {table.loc[p, name]:.1f}%" for p in table.index)


def evidence(data: Mapping[str, pd.DataFrame], subject: Any) -> pd.DataFrame:
    """Every piece of evidence the course holds for the subject, one row each.

    Columns: ``lens``, ``scope`` (``municipality`` or ``reference``), ``dataset``, ``evidence``
    (one sentence, numbers computed from the dataset) and ``source`` (author and year, then chapter, §, Tabel or
    Bijlage: never seed lines).
    """
    require_data(data, *DATASETS)
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
                         cite("003", "; ".join(dict.fromkeys(pros["line"])))))
    if s.twente_survey:
        named = data["survey_conflict_pairs"]
        muni = named[named["group"] == "gemeenten"]
        rows.append(_row("values", "reference", "survey_conflict_pairs",
                         f"Municipal staff (Hengelo and Twenterand pooled) named {len(muni)} concrete value "
                         f"conflicts; all respondents together {len(named)}. Pooled: not evidence about Hengelo alone.",
                         "Van Schooten (2022), Bijlagen 1-2, survey question Q12"))
        facts = data["survey_interview_facts"]
        mine = facts[facts["who"] == "WMO manager Hengelo"]
        share = mine.set_index("fact_id").loc["share_work_accountability"]
        rows.append(_row("values", "municipality", "survey_interview_facts",
                         f"The Hengelo Wmo manager gives {len(mine)} figures; one: "
                         f"{share['value_low']:.0f}-{share['value_high']:.0f}% of the team's work goes to "
                         "recording and accountability.",
                         cite("000", f"L{share['source_line']}")))
        v7 = data["survey_expectations"].set_index("expectation").loc["V7"]
        rows.append(_row("values", "reference", "survey_expectations",
                         f"Expectation V7 (accountability clashes with efficiency): {v7['thesis_verdict']} "
                         "(the course's summary of the thesis's verdict, on the pooled Twente survey and three "
                         "interviews).",
                         cite("000", v7["verdict_lines"])))
    pairs = data["values_conflict_pairs"]
    rows.append(_row("values", "reference", "values_conflict_pairs",
                     f"{len(pairs)} value pairs reported in conflict in the literature and the Twente study "
                     f"({pairs['source_id'].nunique()} sources): the vocabulary for naming tensions.",
                     "Van Schooten (2022), §2.2 and survey question Q12"))

    # steering ----------------------------------------------------------------------------
    if s.plan is not None:
        plans = data["steering_plans"]
        table = plan_profile(plans, s)
        dom = dominant(plans).loc[s.plan]
        rows.append(_row("steering", "municipality", "steering_plans",
                         f"Policy plan: {_fmt_shares(table, s.plan)}; largest share {dom} "
                         f"(rank {table.loc[dom, 'rank']} of 49 on {dom}).",
                         "Nijdam (c. 2020), Bijlage G"))
    if s.nijdam_case is not None:
        for r in case_verdicts(data["cases_verdicts"], s).itertuples():
            rows.append(_row("steering", "municipality", "cases_verdicts",
                             f"Case {r.topic}: dominant {r.dominant}; {r.movement} with a {r.strategy} choice "
                             f"(option {r.option} of the analysis model).",
                             "Nijdam (c. 2020), Figuur 12.1-12.2"))
        ev = data["cases_evidence"]
        mine = ev[ev["municipality"] == s.nijdam_case]
        codes = mine["author_code"].value_counts().sort_index()
        rows.append(_row("steering", "municipality", "cases_evidence",
                         f"{len(mine)} evidence statements from the case text, coded by the author "
                         f"({', '.join(f'{k} {v}' for k, v in codes.items())}).",
                         "Nijdam (c. 2020), ch. 7-11"))
    if s.van_paassen:
        t = data["cases_tensions"]
        own = t[t["who"] == "IJsselstein's approach"]
        poles = "; ".join(f"{a} vs {b}" for a, b in zip(own["steer_pole_en"], own["emerge_pole_en"]))
        rows.append(_row("steering", "municipality", "cases_tensions",
                         f"The municipality's own balance of steering and letting emerge ({len(own)} poles): {poles}.",
                         cite("003", "; ".join(dict.fromkeys(own["line"])))))
    rows += [r for r in found if r["lens"] == "steering"]

    # voice -------------------------------------------------------------------------------
    if s.voice_case is not None:
        v = voice_summary(data, s)
        rows.append(_row("voice", "municipality", "voice_models",
                         f"Model of commissioning: {v['model']}; voice expected {v['expected_voice']}, "
                         f"found {v['found_voice']} (the course's reading of Tabel 3).",
                         "Heijboer (2016), Tabel 1 and Tabel 3"))
        verdict = "reproduces" if v["reproduces"] else "does not reproduce"
        rows.append(_row("voice", "municipality", "voice_survey_printed",
                         f"Survey: r = {v['r_computed']:.2f} over {v['n_pairs']} items (published "
                         f"{v['r_published']:.2f}; the computation {verdict} it; band {v['band']}); mean score "
                         f"policy officer {v['mean_policy_officer']:.2f}, client {v['mean_client']:.2f} (1-7).",
                         "Heijboer (2016), Bijlage VI"))
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
                   "article itself says how citizens experience care is outside its scope (Van Paassen, c. 2016).")
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

