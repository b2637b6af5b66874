"""Accepted answer forms of sheets 06 and 07 (issue 13, item 4): per checked question, the natural correct forms
a student may write (a dict or the pandas Series itself, capitals, rounding to the checked decimals, a choice's
letter in any case) pass, and a typical wrong form is rejected. Right values are computed here from the data."""
from __future__ import annotations

import pandas as pd
import pytest

from wmolab import checks
from wmolab.checks import check
from wmolab.voice import MUNICIPALITIES, load_survey, pair_table


@pytest.fixture(scope="module")
def survey():
    return load_survey()


@pytest.fixture(autouse=True)
def _real_keys():
    checks._keys.cache_clear()
    yield
    checks._keys.cache_clear()


def _ok(qid, answer):
    fb = check(qid, answer)
    assert fb.status == "correct", f"{qid} rejected {answer!r}: {fb}"


def _wrong(qid, answer):
    fb = check(qid, answer)
    assert fb.status == "incorrect", f"{qid} accepted {answer!r}: {fb}"


def test_06_1_mean_per_role(survey):
    means = survey.groupby("role")["score"].mean()
    _ok("06.1", means)                                           # the pandas result itself
    _ok("06.1", means.round(2).to_dict())                        # a dict, rounded as asked
    _ok("06.1", {"Policy_Officer": float(means["policy_officer"]), "CLIENT": float(means["client"])})
    _ok("06.1", means.to_frame("mean"))                          # a one-column table
    _wrong("06.1", survey.assign(score=survey["score"].fillna(0)).groupby("role")["score"].mean())  # codes as 0


def _correlations(survey):
    return {m: pair_table(survey, m)["policy_officer"].corr(pair_table(survey, m)["client"]) for m in MUNICIPALITIES}


def test_06_3_correlations(survey):
    r = _correlations(survey)
    _ok("06.3", r)
    _ok("06.3", {m.upper(): round(v, 4) for m, v in r.items()})
    _ok("06.3", pd.Series(r))
    zero = survey.assign(score=survey["score"].fillna(0))
    _wrong("06.3", _correlations(zero))                          # the codes as 0
    _wrong("06.3", {m: round(v, 2) for m, v in r.items()})      # checked to four decimals


def test_06_5_largest_gap(survey):
    def role(name):
        return survey[survey["role"] == name].pivot(index="instrument_id", columns="municipality_id", values="score")
    gap = role("policy_officer") - role("client")
    right = gap.dropna().mean(axis=1).idxmax()
    _ok("06.5", right)
    _ok("06.5", right.upper())
    _ok("06.5", pd.Series([right]))
    _wrong("06.5", gap.dropna().mean(axis=1).idxmin())          # client minus policy officer
    _wrong("06.5", gap.mean(axis=1).idxmax())                    # incomplete instruments kept
    assert "missing for some municipality" in str(check("06.5", gap.mean(axis=1).idxmax()))


def _plans_and_voice():
    from wmolab.capstone import load_capstone_data
    return load_capstone_data()


def test_07_2_to_07_4():
    from wmolab.steering import dominant
    data = _plans_and_voice()
    tops = dominant(data["steering_plans"])
    n = (tops == tops.loc["Haarlemmermeer"]).sum()
    _ok("07.2", n)
    _ok("07.2", int(n))
    _ok("07.2", float(n))
    _wrong("07.2", int(n) + tops.str.contains("/").sum() + 1)
    voice = data["voice_long"]
    h = voice[voice["municipality_id"] == "haarlemmermeer"].pivot(index="item_no", columns="role",
                                                                     values="score").dropna()
    published = data["voice_correlations_published"].set_index("municipality_id").loc["haarlemmermeer",
                                                                                       "published_r"]
    diff = h["policy_officer"].corr(h["client"]) - published
    _ok("07.3", diff)
    _ok("07.3", round(diff, 3))
    _wrong("07.3", -diff)
    means = voice[voice["municipality_id"] == "utrecht"].groupby("role")["score"].mean()
    gap = means["policy_officer"] - means["client"]
    _ok("07.4", gap)
    _ok("07.4", round(gap, 2))
    _wrong("07.4", round(gap, 1) + 0.1)


@pytest.mark.parametrize("qid", ["06.2", "06.4", "06.6", "07.1", "07.5", "07.6"])
def test_choices_accept_the_letter_in_any_case_and_explain_every_option(qid):
    right = [o for o in "abc" if check(qid, o).status == "correct"]
    assert len(right) == 1, f"{qid}: exactly one option must be right, got {right}"
    _ok(qid, f" {right[0].upper()} ")
    texts = set()
    for option in "abc":
        fb = str(check(qid, option))
        texts.add(fb.split("—", 1)[-1])
        if option != right[0]:
            _wrong(qid, option)
            assert fb.count("Not this") == 1, f"{qid} option {option}: its own explanation, not the right one"
    assert len(texts) == 3, f"{qid}: every option needs its own explanation"
