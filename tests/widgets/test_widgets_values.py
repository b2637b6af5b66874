"""Headless tests of the lesson 01-02 explorers: change a control, check what is shown."""
from __future__ import annotations

from wmolab.values import conflict_matrix
from wmolab.widgets.values import (
    explore_cluster_sorter,
    explore_conflict_matrix,
    explore_organisations,
    matrix_html,
    verdict_html,
)


def test_organisations_reasoning_only_after_commit(orgs):
    ex = explore_organisations(orgs)
    assert ex.last_error is None
    ex.controls["organisation"].value = "ns"
    assert "Naamloze" not in ex.outputs["feedback"].value and "Decide first" in ex.outputs["feedback"].value
    assert "NS (Dutch Railways)" in ex.outputs["card"].value
    ex.controls["choice"].value = "private"
    assert "Reasoning" not in ex.outputs["feedback"].value, "no reasoning before the commit"
    ex.controls["commit"].click()
    shown = ex.outputs["feedback"].value
    assert ex.last_error is None
    assert "✘" in shown and "Reasoning" in shown and "zwaartepunt" in shown
    assert "§2.1.1" in shown and "L186" not in shown, "the publication's §, not the seed line"
    ex.controls["choice"].value = "public"
    assert "✔" in ex.outputs["feedback"].value


def test_organisations_new_choice_resets(orgs):
    ex = explore_organisations(orgs)
    ex.controls["choice"].value = "public"
    ex.controls["commit"].click()
    assert "Reasoning" in ex.outputs["feedback"].value
    ex.controls["organisation"].value = "social_enterprise"
    assert ex.controls["choice"].value is None
    assert "Reasoning" not in ex.outputs["feedback"].value
    assert "invented" in ex.outputs["card"].value
    ex.controls["commit"].click()  # committing without a choice asks for one
    assert "Choose public, private or hybrid first" in ex.outputs["feedback"].value
    assert ex.last_error is None


def test_verdict_html_escapes(orgs):
    evil = orgs.copy()
    evil.loc[evil["org_id"] == "ns", "reasoning"] = "<script>alert(1)</script>"
    html = verdict_html(evil, "ns", "public")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_sorter_feedback_per_value(values):
    ex = explore_cluster_sorter(values)
    assert "Sort the values" in ex.outputs["feedback"].value
    ex.controls["integriteit"].value = "behoorlijk"
    ex.controls["openheid"].value = "privaat"
    shown = ex.outputs["feedback"].value
    assert ex.last_error is None
    assert "1 of 11 right, 1 to reconsider, 9 still open" in shown
    assert "responsief" not in shown.split("Openheid")[1].split("</tr>")[0], "never the right cluster"
    ex.controls["reset"].click()
    assert "Sort the values" in ex.outputs["feedback"].value


def test_sorter_all_right(values):
    ex = explore_cluster_sorter(values)
    for key, cluster in zip(values["value_key"], values["cluster"]):
        ex.controls[key].value = cluster
    assert "All 11 values sorted as in Tabel 3" in ex.outputs["feedback"].value


def test_conflict_matrix_source_and_comparison(pairs, values):
    ex = explore_conflict_matrix(pairs, values)
    assert "municipal staff" in ex.outputs["matrices"].value
    ex.controls["source"].value = "wmo_survey"
    shown = ex.outputs["matrices"].value
    assert "this Wmo study: survey" in shown and "(9 pairs)" in shown
    assert "Verantwoording</b> (4 of 9 pairs)" in ex.outputs["summary"].value
    ex.controls["compare"].value = "hospital"
    assert ex.outputs["matrices"].value.count("wmolab-matrix") == 2
    assert "Pairs in both: <b>Efficiëntie &amp; Verantwoording</b>" in ex.outputs["summary"].value
    assert ex.last_error is None


def test_conflict_matrix_same_source_and_mapping(pairs, values):
    ex = explore_conflict_matrix(pairs, values)
    ex.controls["compare"].value = "municipal"
    assert "Pick a different second source" in ex.outputs["summary"].value
    ex.controls["source"].value = "police"
    ex.controls["compare"].value = ""
    ex.controls["as_survey"].value = False
    assert "Tra*" in ex.outputs["matrices"].value
    assert ex.last_error is None


def test_matrix_html_counts(pairs, values):
    html = matrix_html(conflict_matrix(pairs, values, "municipal"), values, "x")
    assert "(5 pairs)" in html and html.count("<b>1</b>") == 10


def test_matrix_html_marks_cluster_borders(pairs, values):
    html = matrix_html(conflict_matrix(pairs, values, "hospital"), values, "x")
    # a thick line where a new Tabel 3 cluster starts: Effectiviteit starts one, Gelijkheid does not
    assert html.count('<th title="Effectiviteit" style="padding:2px 4px;border-left:2px solid #555;">') == 1
    assert 'title="Gelijkheid" style="padding:2px 4px;"' in html
