"""Sheets 02 and 03 (issue 13): every checked question accepts its natural right forms and rejects a wrong one.

Right values are computed from the data with the course's functions, never pasted; the choices and the new cases
(02.2, 02.4, 02.6, 03.2, 03.4, 03.7, 03.10) are the author's judgement and are stated.
"""
from __future__ import annotations

import pandas as pd
import pytest

from wmolab import check, load
from wmolab.steering import distance_to_average, dominant, score_text
from wmolab.values import LITERATURE, cluster_pair_counts, value_involvement


def _data():
    values, pairs = load("values_wmo_values"), load("values_conflict_pairs")
    plans = load("steering_plans")
    shares = plans.set_index("gemeente")[["pa", "npm", "npg", "sr"]]
    lit = pairs[pairs["source_id"].isin(LITERATURE)]
    inv = value_involvement(pairs, LITERATURE)
    counts = cluster_pair_counts(pairs, values, "wmo_survey")
    fixed = plans.copy()
    fixed.loc[fixed["gemeente"] == "Hoorn", "sr"] = 45.0
    x = (shares["npg"] + shares["sr"]) - (shares["pa"] + shares["npm"])
    y = (shares["npm"] + shares["npg"]) - (shares["pa"] + shares["sr"])
    text = load("steering_texts").set_index("text_id").loc["een_gemengd_plan", "text"]
    words = load("steering_signal_words")
    clusters = values["cluster"].value_counts()
    means = shares.mean()
    west = dominant(plans[plans["region"] == "west"]).value_counts()
    e = {"beleid": "SR", "organisatie": "PA", "bekostiging": "NPM", "aansturing": "NPG"}
    p3 = 100 * inv.iloc[0] / len(lit)
    p5 = 100 * counts["resultaatgericht–responsief"] / counts.sum()
    w3 = fixed.loc[fixed["region"] == "west", "sr"].mean()
    hits = score_text(text, words, mode="prefix").total - score_text(text, words, mode="whole").total
    rank = distance_to_average(plans, metric="manhattan").loc["Den Haag", "rank"]
    return {
        "02.1": ([clusters, clusters.to_dict(), {k.upper(): int(v) for k, v in clusters.items()}],
                 {k: v + 1 for k, v in clusters.items()}),
        "02.2": (["c", "C", " c "], "a"),
        "02.3": ([round(p3, 1), p3], round(p3, 1) + 0.2),
        "02.4": (["c", "C"], "a"),
        "02.5": ([round(p5, 1), p5, pd.Series([p5])], counts["resultaatgericht–responsief"]),
        "02.6": (["b", "B"], "a"),
        "03.1": ([means.round(1), means, {k.upper(): round(v, 1) for k, v in means.items()}],
                 {k: v + 1 for k, v in means.items()}),
        "03.2": (["c", "C"], "a"),
        "03.3": ([round(w3, 1), w3], round(w3, 1) + 0.3),
        "03.4": (["b", "B"], "a"),
        "03.5": ([west, west.to_dict(), {k.lower(): int(v) for k, v in west.items()}],
                 {k: v + 1 for k, v in west.items()}),
        "03.6": ([int(((x > 20) & (y < -20)).sum()), ((x > 20) & (y < -20)).sum()], int(((x > 0) & (y < 0)).sum())),
        "03.7": (["b", "B"], "a"),
        "03.8": ([rank, int(rank), float(rank)], 11),
        "03.10": ([e, {k: v.lower() for k, v in e.items()}, pd.Series(e)], dict(e, beleid="PA")),
        "03.11": ([hits, int(hits)], hits + 1),
    }


DATA = _data()


@pytest.mark.parametrize("qid", sorted(DATA))
def test_natural_forms_accepted_and_a_wrong_one_rejected(qid):
    right, wrong = DATA[qid]
    for form in right:
        assert check(qid, form).status == "correct", (qid, form)
    assert check(qid, wrong).status != "correct", (qid, wrong)
