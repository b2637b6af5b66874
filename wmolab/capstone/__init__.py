"""Lesson 07 (capstone): what the course's datasets hold on one municipality, lens by lens.

The capstone asks students to evaluate one municipality's Wmo approach through three lenses:

- **values**: which public values are in tension (lessons 02 and 05);
- **steering**: which steering perspectives dominate, and why (lessons 03 and 04);
- **voice**: how much voice clients have (lesson 06).

No source studied all three in one place. Nijdam (c. 2020; seed 002) scored 49 policy plans and
studied five cases; Heijboer (2016; seed 004) surveyed client voice in five other (partly
overlapping) municipalities; Van Paassen (c. 2016; seed 003) wrote about IJsselstein; Van
Schooten (2022; seed 000) surveyed Wmo staff in Twente (Hengelo and Twenterand). This package
gathers, for one municipality, every piece of evidence the course has, by calling the topic
modules of the earlier lessons (nothing is recomputed here in a different way), and states
explicitly what is **missing**. One module per job; this package re-exports their public names:

- :mod:`~wmolab.capstone.subjects`: the ten municipalities and the datasets a dossier uses;
- :mod:`~wmolab.capstone.lenses`: the three lenses, each by calling an earlier lesson's module;
- :mod:`~wmolab.capstone.dossier`: the evidence and the gaps for one municipality;
- :mod:`~wmolab.capstone.memo`: the dossier as text, the memo outline and the rubric;
- :mod:`~wmolab.capstone.figures`: :func:`plot_coverage`.

>>> resolve("den haag").subject_id
'den_haag'
"""
from __future__ import annotations

from .dossier import Dossier, coverage, dossier, evidence, lenses_with_data, missing, missing_markdown
from .figures import plot_coverage
from .lenses import case_verdicts, pair_sources, plan_profile, plan_vs_cases, voice_summary
from .memo import dossier_markdown, memo_outline, rubric
from .subjects import (
    DATASETS,
    LENS_TITLES,
    LENSES,
    SUBJECTS,
    Subject,
    load_capstone_data,
    require_data,
    resolve,
    subject_table,
)

__all__ = [
    "LENSES", "LENS_TITLES", "SUBJECTS", "DATASETS", "Subject", "Dossier", "subject_table", "resolve",
    "load_capstone_data", "require_data", "plan_profile", "case_verdicts", "plan_vs_cases", "pair_sources",
    "voice_summary", "evidence", "missing", "missing_markdown",
    "dossier", "lenses_with_data", "coverage", "dossier_markdown", "memo_outline", "rubric",
    "plot_coverage",
]
