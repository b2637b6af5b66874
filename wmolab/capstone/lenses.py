"""The three lenses on one municipality (lesson 07), each by calling the topic modules of lessons 02-06.

Nothing is recomputed here in a different way: :func:`plan_profile` uses :mod:`wmolab.steering`,
:func:`case_verdicts` :mod:`wmolab.cases`, :func:`voice_summary` :mod:`wmolab.voice` and
:func:`pair_sources` :mod:`wmolab.values`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..cases import place_cases
from ..steering import SHARE_COLUMNS, dominant, profile
from ..values import pair_keys
from ..voice import compare_with_published, pair_table
from .subjects import LEVEL_EN, SUBJECTS, require_data, resolve

__all__ = ["plan_profile", "case_verdicts", "voice_summary", "plan_vs_cases", "pair_sources"]

def plan_profile(plans: pd.DataFrame, subject: Any) -> pd.DataFrame:
    """The four shares of the subject's policy plan beside the average of the 49 plans.

    Columns: the municipality's share, ``average of 49``, ``difference`` and ``rank`` (1 = the
    highest share of the 49 on that perspective). Calls :func:`wmolab.steering.profile`.
    """
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
    s = resolve(subject)
    if s.nijdam_case is None:
        raise ValueError(f"{s.name} is not one of Nijdam's five cases, so there is no case coding.")
    placed = place_cases(verdicts, level="topic")
    return placed[placed["municipality"] == s.nijdam_case].reset_index(drop=True)


def voice_summary(data: Mapping[str, pd.DataFrame], subject: Any) -> pd.Series:
    """The voice survey for the subject: computed vs published r, band, means per role, the model.

    Uses :func:`wmolab.voice.compare_with_published` and :func:`wmolab.voice.pair_table`.
    """
    s = resolve(subject)
    if s.voice_case is None:
        raise ValueError(f"{s.name} is not one of Heijboer's five voice cases, so there is no voice survey.")
    require_data(data, "voice_long", "voice_correlations_published", "voice_bands", "voice_models")
    comp = compare_with_published(data["voice_long"], data["voice_correlations_published"], data["voice_bands"])
    row = comp.set_index("municipality_id").loc[s.voice_case]
    pairs = pair_table(data["voice_long"], s.voice_case)
    model = data["voice_models"].set_index("case_municipality_id").loc[s.voice_case]
    return pd.Series({
        "model": str(model["model_en"]),
        "expected_voice": LEVEL_EN.get(str(model["t1_conclusion"]).lower(), str(model["t1_conclusion"])),
        "found_voice": LEVEL_EN.get(str(model["t3_conclusion_found"]).lower(), str(model["t3_conclusion_found"])),
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
    require_data(data, "steering_plans", "cases_verdicts")
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
