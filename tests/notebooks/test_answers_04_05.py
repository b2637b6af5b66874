"""Every natural, correct form of an answer to sheets 04 and 05 is accepted, and a wrong one is rejected (issue 13).

The right values are computed here from the datasets, the way a student would; the forms are those a student
naturally writes (a rounded or unrounded number, a numpy number, a dict or the Series pandas gives, names in
other capitals). Choice questions: the right letter in any capitals passes, every other option is rejected with
its own explanation. A wrong set has the right number of items (a wrong size is a form error, not a wrong answer).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wmolab import load
from wmolab.agreement import percent_agreement
from wmolab.cases import option_counts
from wmolab.checks import check
from wmolab.survey import exact_means, importance_attention, reconstruct_distribution

CLASSMATE = ["PA", "NPG", "SR", "NPM", "PA", "NPM", "SR", "SR", "NPM", "SR", "NPG", "NPM",
             "SR", "NPG", "NPG", "SR", "NPG", "SR", "PA", "NPG", "NPM", "NPG", "NPM", "NPM"]


def _forms():
    coding = load("cases_coding")
    pa = coding[coding["perspective"] == "PA"].groupby(["municipality", "topic"])["present_text"].sum()
    n_thin = int((pa <= 1).sum())
    present = coding[coding["present_text"] == 1]["perspective"].value_counts()
    agree = percent_agreement(load("cases_evidence")["author_code"], CLASSMATE)
    board = option_counts(load("cases_verdicts"), "topic")
    npm = int(load("cases_movements")["to_perspectives_accepted"].str.contains("NPM").sum())
    ages = load("survey_ages")["age"]
    q5 = load("survey_choices").query("group == 'gemeenten' and question == 'Q5'")
    n = q5["count"].sum()
    mean = (q5["code"] * q5["count"]).sum() / n
    sq = (q5["count"] * (q5["code"] - mean) ** 2).sum()
    sds = {"mean": mean, "sd_population": (sq / n) ** 0.5, "sd_sample": (sq / (n - 1)) ** 0.5}
    dist = load("survey_distributions")
    q7 = exact_means(dist, "Q7")["gemeenten"].round(3)
    lowest = sorted(q7[q7 == q7.min()].index)
    gaps = importance_attention(dist, "uitvoeringsorganisatie")["gap"]
    largest = sorted(gaps.index[gaps == gaps.max()])
    q10 = exact_means(dist, "Q10")["gemeenten"].drop("kwaliteit_dienstverlening")
    rec = reconstruct_distribution(1, 4, 2.86, 0.99, 7, variance=0.98).table().iloc[0]
    return {
        "04.1": ([n_thin, float(n_thin), np.int64(n_thin), pd.Series([n_thin])], n_thin + 1),
        "04.2": ([present, present.to_dict(), {k.lower(): int(v) for k, v in present.items()},
                  present.to_frame("cells")], {**present.to_dict(), "PA": int(present["PA"]) + 1}),
        "04.3": ([agree, round(agree, 1), np.float64(agree)], agree / 100),
        "04.6": ([board, board.to_dict(), {k: float(v) for k, v in board.items()}],
                 {**board.to_dict(), "1.1": int(board["1.1"]) + 1}),
        "04.11": ([npm, np.int64(npm)], 3),
        "05.1": ([ages.mean(), round(ages.mean(), 2)], 45.6),
        "05.2": ([sds, {k: round(v, 3) for k, v in sds.items()}, pd.Series(sds)],
                 {**sds, "sd_population": sds["sd_sample"]}),
        "05.3": ([set(lowest), lowest, [k.upper() for k in lowest], pd.Series(lowest)],
                 set(lowest[:-1]) | {q7.idxmax()}),
        "05.7": ([set(largest), largest, pd.Index(largest)], set(largest[:-1]) | {gaps.idxmin()}),
        "05.8": ([q10.idxmin(), q10.idxmin().upper(), f" {q10.idxmin()} "], "kwaliteit_dienstverlening"),
        "05.11": ([rec.tolist(), rec, np.array(rec.tolist()), tuple(rec.tolist())], rec.tolist()[::-1]),
    }


FORMS = _forms()
CHOICES = {"04.4": ("b", "acd"), "04.7": ("b", "acd"), "04.9": ("d", "abc"),
           "05.4": ("b", "acd"), "05.5": ("b", "acd"), "05.6": ("b", "ac"), "05.9": ("b", "acd")}


@pytest.mark.parametrize("qid", sorted(FORMS))
def test_every_natural_form_is_accepted_and_a_wrong_answer_rejected(qid):
    right, wrong = FORMS[qid]
    for form in right:
        assert check(qid, form).correct, (qid, form, str(check(qid, form)))
    assert check(qid, wrong).status == "incorrect", (qid, wrong)


@pytest.mark.parametrize("qid", sorted(CHOICES))
def test_choice_right_letter_in_any_case_and_each_wrong_option_explained(qid):
    right, others = CHOICES[qid]
    for form in (right, right.upper(), f" {right} "):
        assert check(qid, form).correct
    messages = set()
    for option in others:
        feedback = check(qid, option)
        assert feedback.status == "incorrect" and feedback.message.startswith("Not this"), (qid, option)
        messages.add(feedback.message)
    assert len(messages) == len(others)
