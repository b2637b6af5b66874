"""Sheets 00 and 01: every natural form of each right answer is accepted by the real key, and a wrong one is not.

One test per question; the forms are those a student writes (key case, a pandas Series or dict, a numpy number,
rounded or not within the key's decimals). The wrong forms are plausible mistakes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wmolab.checks import check

PEOPLE = {"person_a": "jeugdwet", "person_b": "wmo_2015", "person_c": "participatiewet", "person_d": "none"}
GOODS = {"street_lighting": "public good", "coaching_hour": "not a public good",
         "train_seat": "not a public good", "dike": "public good"}

FORMS = {
    "00.1": (["participatiewet", "Participatiewet", " PARTICIPATIEWET ", pd.Series(["participatiewet"])],
             ["wmo_2015", "jeugdwet"]),
    "00.2": (["2014-02", pd.Series(["2014-02"], index=["jeugdwet"])], ["2014-07", "2013-10"]),
    "00.3": ([PEOPLE, {k.upper(): v.upper() for k, v in PEOPLE.items()}, pd.Series(PEOPLE),
              pd.DataFrame({"law": PEOPLE})],
             [{**PEOPLE, "person_d": "wmo_2015"}, {**PEOPLE, "person_c": "wmo_2015"}]),
    "00.4": ([9.7, 9.67, 100 * (393 - 355) / 393, np.float64(9.669)], [10.7, 9.6, 38]),
    "00.5": ([2.4, np.float64(60 / 25), 2.40], [1.9, 0.4]),
    "00.6": ([167, 167.0, np.int64(167)], [166, 1848]),
    "00.7": (["b", "B", " b "], ["a", "c"]),
    "00.8": (["b", "B"], ["a", "c"]),
    "01.1": ([5, 5.0, np.int64(5)], [4, 9]),
    "01.2": ([2, 2.0, np.float64(2.0), 0 + 1 + 1], [1.5, 3.0, 1]),
    "01.3": ([GOODS, pd.Series(GOODS), {k.upper(): v.title() for k, v in GOODS.items()}],
             [{**GOODS, "train_seat": "public good"}, {**GOODS, "dike": "not a public good"}]),
    "01.5": ([["gemeente_hengelo", "ns", "iq_coaches"], ["iq_coaches", "NS", "gemeente_hengelo"],
              {"ns", "iq_coaches", "gemeente_hengelo"}, pd.Series(["gemeente_hengelo", "ns", "iq_coaches"])],
             [["ns", "iq_coaches", "uwv"], ["gemeente_hengelo", "samentwente", "ns"]]),
    "01.6": ([2, np.int64(2), 2.0], [1, 4]),
    "01.7": (["b", "B"], ["a", "c"]),
}


@pytest.mark.parametrize("qid", sorted(FORMS))
def test_natural_forms_are_accepted_and_a_wrong_answer_is_not(qid):
    right, wrong = FORMS[qid]
    for answer in right:
        fb = check(qid, answer)
        assert fb.status == "correct", f"{qid}: {answer!r} should be accepted: {fb}"
    for answer in wrong:
        fb = check(qid, answer)
        assert fb.status == "incorrect", f"{qid}: {answer!r} should be rejected: {fb}"


def test_every_self_checked_question_of_sheets_00_and_01_is_listed():
    import json

    from helpers import ROOT
    keys = {q for nn in ("00", "01") for q in json.loads((ROOT / "wmolab" / "keys" / f"{nn}.json").read_text())}
    assert keys == set(FORMS)
