"""The ten municipalities the capstone offers (lesson 07), and where the course's sources meet each."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..data import load
from ..i18n import N_
from ..voice import load_survey

__all__ = ["LENSES", "LENS_TITLES", "LEVEL_EN", "DATASETS", "SUBJECTS", "Subject", "resolve", "subject_table",
           "load_capstone_data", "require_data"]

LENSES = ("values", "steering", "voice")
LENS_TITLES = {
    "values": N_("Public values in tension (lessons 02, 05)"),
    "steering": N_("Steering perspectives (lessons 03, 04)"),
    "voice": N_("Client voice (lesson 06)"),
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

#: The levels of voice of Tabel 1 and Tabel 3, in English.
LEVEL_EN = {"laag": "low", "gemiddeld": "medium", "groot": "large"}

#: Every dataset a dossier uses.
DATASETS = ("steering_plans", "cases_verdicts", "cases_evidence", "cases_tensions", "voice_models",
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
    data = {name: load(name) for name in DATASETS}
    data["voice_long"] = load_survey()
    return data


def require_data(data: Mapping[str, pd.DataFrame], *names: str) -> None:
    """A ValueError unless ``data`` (from :func:`load_capstone_data`) holds every dataset in ``names``."""
    absent = [n for n in names if n not in data]
    if absent:
        raise ValueError(f"The data dict lacks {absent}; build it with load_capstone_data().")
