"""Headless tests of the lesson-03 explorers: set control values, read the HTML outputs."""
from __future__ import annotations

import pytest

from wmolab import steering as st
from wmolab.widgets import steering as ws

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def data(dataset):
    return {name: dataset(f"steering_{name}") for name in
            ("plans", "signal_words", "texts", "vignettes", "group_means")}


def test_vignette_explorer_gives_feedback_and_remembers_answers(data):
    ex = ws.explore_vignettes(data["vignettes"])
    assert ex.last_error is None
    assert list(ex.controls)[0] == "vignette"
    assert "Choose the perspective" in ex.outputs["feedback"].value
    first_text = ex.outputs["text"].value
    ex.controls["answer"].value = "NPM"          # m1 is PA: wrong, same actor
    assert "wmolab-incorrect" in ex.outputs["feedback"].value
    assert "main actor right" in ex.outputs["feedback"].value
    ex.controls["answer"].value = "PA"
    assert "wmolab-correct" in ex.outputs["feedback"].value
    ex.controls["vignette"].value = "c_bekostiging"
    assert ex.outputs["text"].value != first_text and "Bekostiging" in ex.outputs["text"].value
    assert "§3.4.2" in first_text and "§5.3.3" in ex.outputs["text"].value   # sections, not seed lines
    assert ex.controls["answer"].value == "-"     # a fresh vignette starts unanswered
    ex.controls["answer"].value = "PA"
    assert "wmolab-correct" in ex.outputs["feedback"].value
    assert "2 of 2" in ex.outputs["tally"].value
    ex.controls["vignette"].value = "m1"
    assert ex.controls["answer"].value == "PA"   # the earlier answer comes back
    assert ex.last_error is None


def test_keyword_explorer_scores_a_sample_text(data):
    ex = ws.explore_keywords(data["signal_words"], data["texts"])
    assert ex.last_error is None
    assert list(ex.controls)[0] == "text"
    before = ex.outputs["shares"].value
    ex.controls["text"].value = "Grip op de kosten"
    assert ex.outputs["shares"].value != before
    assert "dominant: <b>NPM</b>" in ex.outputs["shares"].value
    assert ex.outputs["highlighted"].value.count("<mark") == 9


def test_keyword_explorer_toggles_change_the_shares(data):
    ex = ws.explore_keywords(data["signal_words"], data["texts"])
    ex.controls["text"].value = "Een gemengd plan"
    whole = ex.outputs["shares"].value
    assert "9 signal words" in whole
    ex.controls["mode"].value = "prefix"
    assert "11 signal words" in ex.outputs["shares"].value
    ex.controls["mode"].value = "whole"
    ex.controls["compounds"].value = True
    assert "10 signal words" in ex.outputs["shares"].value
    ex.controls["compounds"].value = False
    ex.controls["case_fold"].value = False
    assert "8 signal words" in ex.outputs["shares"].value
    ex.controls["case_fold"].value = True
    ex.controls["fold_accents"].value = False
    assert "8 signal words" in ex.outputs["shares"].value
    effects = ex.outputs["effects"].value
    assert "switch to prefix matching" in effects and "switch accent folding on" in effects and "(+" in effects
    assert ex.last_error is None


def test_keyword_explorer_escapes_typed_text(data):
    ex = ws.explore_keywords(data["signal_words"], data["texts"])
    ex.controls["text"].value = "✎ my own text"
    ex.controls["input"].value = f'{XSS} maatwerk <script>alert("x")</script> "kaders"'
    html = ex.outputs["highlighted"].value
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;" in html and "&quot;" in html
    assert html.count("<mark") == 2
    assert ex.last_error is None


def test_highlight_html_escapes_a_matched_word_and_its_neighbours():
    text = f"{XSS}maatwerk&"
    score = st.score_text(text, {"SR": ["maatwerk"]})
    html = ws.highlight_html(text, score)
    assert "<img" not in html and "&lt;img" in html and "&amp;" in html
    assert ">maatwerk<sub><b>SR</b></sub></mark>" in html


def test_keyword_explorer_empty_and_no_hits(data):
    ex = ws.explore_keywords(data["signal_words"], data["texts"])
    ex.controls["text"].value = "✎ my own text"
    ex.controls["input"].value = ""
    assert "empty" in ex.outputs["highlighted"].value and ex.last_error is None
    ex.controls["input"].value = "Het regent in Zwolle."
    assert "No signal words" in ex.outputs["shares"].value and ex.last_error is None


def test_keyword_explorer_cuts_very_long_text(data):
    ex = ws.explore_keywords(data["signal_words"])
    ex.controls["input"].value = "maatwerk " * 3000
    assert "Only the first" in ex.outputs["highlighted"].value
    assert ex.last_error is None


def test_plans_explorer_every_view(data):
    ex = ws.explore_plans(data["plans"], data["group_means"])
    assert ex.last_error is None and list(ex.controls)[0] == "view"
    first = ex.outputs["caption"].value
    assert "Den Haag" in first and "Figure:" in first
    assert "33.7%" in ex.outputs["chart"].value and "average of 49" in ex.outputs["chart"].value
    for view in ("size_class", "region", "quadrant"):
        ex.controls["view"].value = view
        assert ex.last_error is None
        assert "data:image/png;base64,iVBOR" in ex.outputs["image"].value
        assert ex.outputs["chart"].value == ""
    ex.controls["view"].value = "region"
    assert "noord" in ex.outputs["table"].value and ex.outputs["caption"].value != first
    assert ex.controls["gemeente"].disabled
    ex.controls["view"].value = "quadrant"
    ex.controls["gemeente"].value = "Deventer"
    assert "x = 76.4, y = -73.6" in ex.outputs["table"].value
    ex.controls["view"].value = "profile"
    assert "Deventer" in ex.outputs["caption"].value and "79.4" in ex.outputs["chart"].value
    assert ex.last_error is None


def test_plan_profile_html_writes_out_the_numbers_and_escapes(data):
    html = ws.plan_profile_html(data["plans"], "'s-Hertogenbosch")
    assert "&#x27;s-Hertogenbosch" in html and "33.8%" in html
    with pytest.raises(ValueError, match="not one of the 49"):
        ws.plan_profile_html(data["plans"], "Almelo")


def test_case_selection_explorer(data):
    ex = ws.explore_case_selection(data["plans"])
    assert ex.last_error is None and list(ex.controls)[0] == "metric"
    assert "Helmond" in ex.outputs["selection"].value
    for g in ("helmond", "arnhem", "deventer"):
        ex.controls[f"drop_{g}"].value = True
    html = ex.outputs["selection"].value
    assert "Oss" in html and "Utrecht" in html and "Helmond" in html.split("</p>")[0]
    assert "rank 11 of 49" in ex.outputs["closest"].value
    ex.controls["metric"].value = "max"
    assert "Heerlen" in ex.outputs["closest"].value and ex.last_error is None


def test_builders_reject_wrong_tables(data):
    with pytest.raises(ValueError):
        ws.explore_vignettes(data["plans"])
    with pytest.raises(ValueError):
        ws.explore_keywords(data["plans"])
    with pytest.raises(ValueError):
        ws.explore_plans(data["signal_words"])
