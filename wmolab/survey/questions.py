"""The Twente survey's groups, values and questions (Van Schooten, 2022), shared by :mod:`wmolab.survey`."""
from __future__ import annotations

from typing import Any

from ..i18n import N_

__all__ = ["GROUPS", "GROUP_LABELS", "VALUE_KEYS", "QUESTIONS", "CLUSTER_CODES", "SUMMARY_STATS",
           "PRINTED_TOLERANCE", "check_group"]

GROUPS = ("gemeenten", "uitvoeringsorganisatie")
GROUP_LABELS = {"gemeenten": N_("municipal staff (n ≤ 10)"), "uitvoeringsorganisatie": N_("IQ coaches (n ≤ 5)")}
VALUE_KEYS = ("integriteit", "gelijkheid", "rechtmatigheid", "effectiviteit", "efficientie", "participatie",
              "openheid", "legitimiteit", "verantwoording", "bestaanszekerheid", "kwaliteit_dienstverlening")
QUESTIONS = {
    "Q7": N_("importance (1-5, 5 = very important)"),
    "Q6": N_("ranking (1 = most important, 11 = least)"),
    "Q9": N_("attention in the work (1-5, higher = more)"),
    "Q10": N_("sufficient attention (1-3, low = not enough; labels inferred)"),
    "Q11": N_("collides with other values (1-4, higher = more; labels inferred)"),
}
#: The cluster codes of the ``survey_conflict_pairs`` dataset and the cluster keys of Tabel 3
#: (``values_wmo_values``), so the survey's figures can use the course's one cluster style.
CLUSTER_CODES = {"BB": "behoorlijk", "RG": "resultaatgericht", "RS": "responsief", "PR": "privaat"}
#: The six statistics of a Qualtrics summary row.
SUMMARY_STATS = ("min", "max", "mean", "sd", "variance", "count")
PRINTED_TOLERANCE = 0.005 + 1e-9  # a printed 2-decimal value covers everything that rounds to it


def check_group(group: Any) -> str:
    """``group`` if it is one of :data:`GROUPS`, else a ValueError naming them.

    >>> check_group("gemeenten")
    'gemeenten'
    """
    if group not in GROUPS:
        raise ValueError(f"group must be one of {GROUPS}, not {group!r}.")
    return group
