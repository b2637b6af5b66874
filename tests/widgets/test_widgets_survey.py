"""Headless tests of the lesson-05 explorers: set control values, read the outputs."""
from __future__ import annotations

import json
import time

import pytest

from wmolab.survey import VALUE_KEYS
from wmolab.widgets.survey import (
    explore_conflict_network,
    explore_importance_attention,
    explore_ranking,
    explore_tariff,
    tariff_html,
)


@pytest.fixture(scope="module")
def data(dataset):
    return {n: dataset(f"survey_{n}") for n in ("rank_counts", "values", "interview_facts", "distributions",
                                             "conflict_pairs")}


@pytest.fixture
def ranking(data, tmp_path):
    return explore_ranking(data["rank_counts"], data["values"], folder=tmp_path / "answers")


def fill(ex, order):
    for v, r in zip(VALUE_KEYS, order):
        ex.controls[v].value = r


def test_ranking_starts_empty_and_cannot_be_saved(ranking):
    assert ranking.last_error is None
    assert "11 value(s) still need a rank" in ranking.outputs["feedback"].value
    assert ranking.controls["save"].disabled


def test_first_dropdown_changes_the_feedback(ranking):
    before = ranking.outputs["feedback"].value
    ranking.controls["integriteit"].value = 1
    assert ranking.outputs["feedback"].value != before
    assert "10 value(s) still need a rank" in ranking.outputs["feedback"].value


def test_duplicate_rank_is_refused(ranking):
    fill(ranking, [1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    shown = ranking.outputs["feedback"].value
    assert "rank 1 is given to 2 values (Integriteit, Gelijkheid)" in shown and "only once" in shown
    assert ranking.controls["save"].disabled and ranking.last_error is None


def test_complete_ranking_compares_and_saves_an_anonymous_file(ranking):
    fill(ranking, range(1, 12))
    shown = ranking.outputs["feedback"].value
    assert "Complete" in shown and "Spearman" in shown and ranking.last_error is None
    assert not ranking.controls["save"].disabled
    ranking.controls["save"].click()
    files = list(ranking.save_folder.glob("*.json"))
    assert len(files) == 1 and "Saved as" in ranking.outputs["saved"].value
    doc = json.loads(files[0].read_text(encoding="utf-8"))
    assert set(doc) == {"format", "version", "response_id", "date", "ranks"}
    assert doc["ranks"] == dict(zip(VALUE_KEYS, range(1, 12)))


def test_saving_again_replaces_the_file_instead_of_adding_one(ranking):
    fill(ranking, range(1, 12))
    ranking.controls["save"].click()
    fill(ranking, range(11, 0, -1))
    ranking.controls["save"].click()
    files = list(ranking.save_folder.glob("*.json"))
    assert len(files) == 1, "a second save must not add a second response (the merge could not tell them apart)"
    assert json.loads(files[0].read_text(encoding="utf-8"))["ranks"] == dict(zip(VALUE_KEYS, range(11, 0, -1)))


def test_ranking_identical_to_municipal_order_gives_rho_one(data, tmp_path):
    from wmolab.survey import mean_ranks

    ex = explore_ranking(data["rank_counts"], data["values"], folder=tmp_path)
    order = mean_ranks(data["rank_counts"])["gemeenten"].rank(method="first").astype(int)
    fill(ex, [int(order[v]) for v in VALUE_KEYS])
    assert "municipal staff: <b>1.00</b>" in ex.outputs["feedback"].value


def test_tariff_calculator(data):
    ex = explore_tariff(data["interview_facts"])
    assert ex.last_error is None
    shown = ex.outputs["result"].value
    assert "€900" in shown and "€2,325" in shown and "38.7 %" in shown
    ex.controls["tariff"].value = ex.controls["tariff"].options[4][1]  # €70
    assert "75.3 %" in ex.outputs["result"].value
    ex.controls["cost"].value = 60
    assert "covers the cost price" in ex.outputs["result"].value


def test_tariff_html_rejects_bad_numbers():
    with pytest.raises(ValueError):
        tariff_html(36, 0, 25)


def test_importance_attention_explorer(data):
    ex = explore_importance_attention(data["distributions"], data["values"])
    assert ex.last_error is None and "data:image/png;base64,iVBOR" in ex.outputs["image"].value
    before = ex.outputs["table"].value
    ex.controls["group"].value = "uitvoeringsorganisatie"
    assert ex.outputs["table"].value != before and "Kwaliteit 5.00" in ex.outputs["table"].value
    ex.controls["view"].value = "gap"
    assert "0.84" in ex.outputs["table"].value and "Figure:" in ex.outputs["caption"].value
    for q in ("Q9", "Q10", "Q11"):
        ex.controls["view"].value = q
        assert ex.last_error is None


def test_conflict_network_explorer(data):
    ex = explore_conflict_network(data["conflict_pairs"], data["values"])
    assert ex.last_error is None and "9 pairs:" in ex.outputs["pairs"].value
    ex.controls["group"].value = "gemeenten"
    assert "3 pairs:" in ex.outputs["pairs"].value
    ex.controls["highlight"].value = "bestaanszekerheid"
    assert "No respondent named" in ex.outputs["pairs"].value and ex.last_error is None
    ex.controls["group"].value = "all"
    assert "2 pairs:" in ex.outputs["pairs"].value


def test_widget_response_is_fast(data, tmp_path):
    ex = explore_ranking(data["rank_counts"], data["values"], folder=tmp_path)
    start = time.perf_counter()
    for r in [1, 2, 3, None] * 3:
        ex.controls["integriteit"].value = r
    assert (time.perf_counter() - start) / 12 < 0.1
