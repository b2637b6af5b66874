"""The self-check API: right, wrong, unanswered and malformed answers; the key never leaks."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from wmolab import checks
from wmolab.checks import Feedback, check, make_key

CHOICE_FEEDBACK = {"a": "Reading a confuses a correlation with agreement.",
                   "b": "Yes: the two columns move together, but the levels differ.",
                   "c": "Reading c reads the sign the wrong way round."}


@pytest.fixture
def keys(tmp_path, monkeypatch):
    """Keys for a fake notebook 99 with known answers, written where check() looks."""
    monkeypatch.setattr(checks, "KEYS_DIR", tmp_path)
    checks._keys.cache_clear()
    spec = {
        "99.1": make_key("99.1", "number", 20.7, decimals=1, hint="Average the four shares.",
                         wrong={"That is the sample SD; Qualtrics divides by n.": 21.3}),
        "99.2": make_key("99.2", "text", "Participatiewet", options=["Wmo 2015", "Participatiewet", "Jeugdwet"],
                         hint="Read the predecessor column."),
        "99.3": make_key("99.3", "mapping", {"a": "PA", "b": "NPM", "c": "SR"}, options=["PA", "NPM", "NPG", "SR"]),
        "99.4": make_key("99.4", "set", ["Helmond", "Deventer"], hint="Two municipalities."),
        "99.5": make_key("99.5", "integer", 167),
        "99.6": make_key("99.6", "sequence", [31.1, 27.0], decimals=1),
        "99.7": make_key("99.7", "bool", True),
        "99.8": make_key("99.8", "mapping", {"x": 0.3934, "y": 0.5}, value_kind="number", decimals=2),
        "99.9": make_key("99.9", "choice", "b", options=["a", "b", "c"], feedback=CHOICE_FEEDBACK),
        "99.10": make_key("99.10", "text", "efficiëntie", fold_accents=True),
        "99.11": make_key("99.11", "mapping", {"Hoorn": 12.5, "Zwolle": 7.0}, value_kind="number", decimals=1),
    }
    (tmp_path / "99.json").write_text(json.dumps(spec), encoding="utf-8")
    yield spec
    checks._keys.cache_clear()


RIGHT = [("99.1", 20.7), ("99.1", 20.66), ("99.1", np.float64(20.74)), ("99.2", "  participatiewet "),
         ("99.3", {"a": "pa", "b": "NPM", "c": "SR"}), ("99.4", ["deventer", "Helmond"]), ("99.5", 167),
         ("99.5", 167.0), ("99.6", [31.1, 27.04]), ("99.7", True), ("99.8", pd.Series({"x": 0.39, "y": 0.5})),
         ("99.1", np.array(20.7)[()]),
         # every natural form of a right answer (issue 13): one value in a list, array or Series, ...
         ("99.1", [20.7]), ("99.1", pd.Series([20.66])), ("99.1", np.array([20.7])),
         ("99.1", pd.DataFrame({"m": [20.7]})),
         ("99.5", np.int64(167)), ("99.5", pd.Series([167], index=["n"])), ("99.7", np.bool_(True)),
         ("99.2", pd.Series(["Participatiewet"])),
         # ... mapping names without regard to capitals or spaces, as a dict, a Series or a one-column table
         ("99.11", {"hoorn": 12.5, "zwolle": 7.0}), ("99.11", {" HOORN ": np.float64(12.46), "Zwolle": 7}),
         ("99.11", pd.Series({"hoorn": 12.54, "zwolle": 6.96}).round(1)),
         ("99.11", pd.DataFrame({"share": [12.5, 7.0]}, index=["hoorn", "zwolle"])),
         ("99.3", pd.Series({"A": "pa", "B": "npm", "C": "sr"})),
         # ... text without regard to capitals, spaces and (where the key says so) accents; a choice by its label
         ("99.10", "Efficientie"), ("99.10", " EFFICIËNTIE"), ("99.9", "B"), ("99.9", " b ")]
WRONG = [("99.1", 20.6), ("99.1", 21.3), ("99.2", "Jeugdwet"), ("99.3", {"a": "PA", "b": "SR", "c": "SR"}),
         ("99.4", ["Helmond", "Utrecht"]), ("99.5", 166), ("99.6", [27.0, 31.1]), ("99.7", False),
         ("99.8", {"x": 0.32, "y": 0.5}), ("99.9", "a"), ("99.9", "c"), ("99.10", "efficiency"),
         ("99.11", {"hoorn": 12.4, "zwolle": 7.0}), ("99.1", 21)]
INVALID = [("99.1", "20.7", "Remove the quotes"), ("99.1", [20.7, 1.0], "one number"),
           ("99.1", pd.Series([20.7, 1.0]), ".loc[...]"), ("99.1", pd.DataFrame({"a": [1, 2]}), "table"),
           ("99.1", float("nan"), "NaN"), ("99.1", math.inf, "infinite"), ("99.1", True, "number"),
           ("99.2", 3, "text"), ("99.2", "Wmo", "choose one of"), ("99.2", "   ", "empty"),
           ("99.3", ["PA"], "dict"), ("99.3", {"a": "PA"}, "still missing: b, c"),
           ("99.3", {"a": "PA", "b": "PA", "c": "PA", "z": "SR"}, "'z' is not one of"),
           ("99.4", "Helmond", "list"), ("99.4", ["Helmond"], "2 items"), ("99.4", ["a", "A"], "more than once"),
           ("99.5", 166.5, "whole number"), ("99.6", [1.0], "2 items in order"), ("99.7", "yes", "True or False"),
           ("99.0", 1, "no self-check"), ("3.1", 1, "looks like"), ("99.8", {"x": "high", "y": 0.5}, "number"),
           ("99.9", "d", "choose one of: 'a', 'b', 'c'"), ("99.9", 2, "text"),
           ("99.11", {"hoorn": 12.5, "Hoorn ": 12.5, "zwolle": 7.0}, "appears twice"),
           ("99.11", pd.DataFrame({"a": [1.0], "b": [2.0]}), "dict")]


@pytest.mark.parametrize("qid, answer", RIGHT)
def test_right_answers_are_correct(keys, qid, answer):
    fb = check(qid, answer)
    assert fb.status == "correct" and fb.correct, str(fb)
    assert str(fb).startswith(f"{qid} · ✔ correct")


@pytest.mark.parametrize("qid, answer", WRONG)
def test_wrong_answers_are_not_correct_and_get_a_hint(keys, qid, answer):
    fb = check(qid, answer)
    assert fb.status == "incorrect", str(fb)
    assert "not correct yet" in str(fb)


def test_targeted_hint_for_a_known_mistake(keys):
    assert "sample SD" in check("99.1", 21.3).message
    assert check("99.1", 20.6).message == "Average the four shares. (Checked to 1 decimal.)"


def test_a_choice_gives_each_option_its_own_explanation(keys):
    for option, text in CHOICE_FEEDBACK.items():
        fb = check("99.9", option.upper())
        assert fb.message == text and fb.status == ("correct" if option == "b" else "incorrect"), str(fb)


def test_a_choice_key_seals_its_feedback_and_hides_the_right_option(keys):
    stored = json.dumps(keys["99.9"])
    for text in CHOICE_FEEDBACK.values():
        assert text not in stored and text.split()[-1] not in stored
    assert '"b"' not in stored.replace('"options": ["a", "b", "c"]', ""), "the right option is not named"
    assert len(keys["99.9"]["feedback"]) == 3, "every option has sealed feedback, so none stands out"
    with pytest.raises(ValueError, match="feedback text for every option"):
        make_key("99.9", "choice", "b", options=["a", "b", "c"], feedback={"a": "x", "b": "y"})


def test_progress_shows_statuses_never_answers(keys):
    checks._RESULTS.clear()
    assert "No self-check has run yet" in str(checks.progress())
    check("99.1", 20.7)
    check("99.2", "Jeugdwet")
    check("99.4", "Helmond")  # invalid form: not right yet
    check("99.5", ...)
    shown = checks.progress()
    assert isinstance(shown, checks.Progress) and shown.sheet == "99"
    status = dict(shown.statuses)
    assert status["99.1"] == "correct" and status["99.2"] == "incorrect" and status["99.4"] == "invalid"
    assert status["99.5"] == "unanswered" and status["99.7"] == "unanswered", "never checked counts as unanswered"
    text, html = str(shown), shown._repr_html_()
    assert text.startswith("Sheet 99: 1 of 11 self-checked questions done, 2 not right yet, 8 not answered yet.")
    assert "99.2 · ✘ not right yet" in text and "99.7 · … not answered yet" in text
    for secret in ("20.7", "participatiewet", "helmond", "167"):
        assert secret not in text.casefold() and secret not in html.casefold()
    check("99.1", 20.0)  # a later wrong answer replaces the earlier right one
    assert dict(checks.progress("99").statuses)["99.1"] == "incorrect"
    assert checks.progress("98") == "There is no exercise sheet 98 with self-checks."
    checks._RESULTS.clear()


@pytest.mark.parametrize("answer", [..., None])
def test_unanswered(keys, answer):
    for qid in keys:
        fb = check(qid, answer)
        assert fb.status == "unanswered" and "not answered yet" in str(fb)


def test_unanswered_item_inside_a_mapping(keys):
    assert check("99.3", {"a": ..., "b": "NPM", "c": "SR"}).status == "unanswered"


@pytest.mark.parametrize("qid, answer, says", INVALID)
def test_malformed_answers_say_what_is_wrong(keys, qid, answer, says):
    fb = check(qid, answer)
    assert fb.status == "invalid", str(fb)
    assert says in fb.message


def test_check_never_raises_on_strange_input(keys):
    class Weird:
        def __float__(self):
            raise RuntimeError("boom")

    for value in [Weird(), object(), b"bytes", {1, 2}, 1j, np.array([[1, 2]]), lambda: 1]:
        for qid in keys:
            assert check(qid, value).status in ("invalid", "incorrect")


def test_expected_value_never_appears_in_feedback(keys):
    """No feedback text (str or HTML) of any kind contains the expected answer."""
    expected = {"99.1": ["20.7"], "99.2": ["Participatiewet".casefold()], "99.3": ["NPM"],
                "99.4": ["helmond", "deventer"], "99.5": ["167"], "99.6": ["31.1", "27.0"],
                "99.8": ["0.39", "0.5"]}
    answers = [a for _, a in WRONG] + [a for _, a, _ in INVALID] + [..., None, 0, "x", [], {}]
    for qid, secrets in expected.items():
        for answer in answers:
            fb = check(qid, answer)
            if fb.status == "correct":
                continue
            shown = (str(fb) + fb._repr_html_()).casefold()
            # a choice question lists all its (public) options when the answer is not one of them
            shown = re.sub(r"choose one of: .*?\.(?=<|$)", "", shown, flags=re.M)
            given = str(answer).casefold()
            for secret in secrets:
                if secret.casefold() in given:
                    continue  # echoing the student's own (wrong) answer back is fine
                assert secret.casefold() not in shown, (qid, answer, str(fb))


def test_keys_on_disk_hold_no_plain_answers():
    """Real key files store hashes: the answer to a numeric question is not in the file."""
    from helpers import ROOT

    for path in (ROOT / "wmolab" / "keys").glob("*.json"):
        keys = json.loads(path.read_text(encoding="utf-8"))
        for qid, key in keys.items():
            assert "sha256" in key or "items" in key, f"{path.name} {qid}"
            assert set(key) <= {"kind", "hint", "decimals", "options", "sha256", "size", "length", "items",
                                "value_kind", "wrong", "feedback", "feedback_nl", "accents"}, \
                f"{path.name} {qid}: unexpected fields"


def test_feedback_html_escapes():
    fb = Feedback("99.1", "incorrect", "<script>x</script>")
    assert "<script>" not in fb._repr_html_()
