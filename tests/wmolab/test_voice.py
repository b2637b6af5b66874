"""Lesson 06 topic functions (wmolab.voice) against the numbers published in seed 004."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from wmolab import load, voice
from wmolab.plots import to_png


@pytest.fixture(scope="module")
def printed():
    return load("voice_survey_printed")


@pytest.fixture(scope="module")
def published():
    return load("voice_correlations_published")


@pytest.fixture(scope="module")
def bands():
    return load("voice_bands")


@pytest.fixture(scope="module")
def models():
    return load("voice_models")


# --------------------------------------------------------------------------- datasets and reshape
def test_printed_survey_keeps_codes_as_text(printed):
    cells = printed[list(voice.SCORE_COLUMNS)].astype(str).to_numpy().ravel()
    assert len(cells) == 130
    assert (cells == "?").sum() == 6 and (cells == "nvt").sum() == 3
    assert all(c.isdigit() or c in voice.MISSING_CODES for c in cells)


def test_published_column_sums_match_the_note(printed):
    sums = [pd.to_numeric(printed[c], errors="coerce").sum() for c in voice.SCORE_COLUMNS]
    assert sums == [55, 44, 80, 45, 47, 38, 63, 30, 39, 23]


def test_long_form_shape_and_codes(long):
    assert len(long) == 130
    assert set(long["code"]) == {"score", "?", "nvt"}
    assert long.loc[long["code"] != "score", "score"].isna().all()
    assert long.loc[long["code"] == "score", "score"].between(1, 7).all()
    assert long.groupby("municipality_id")["role"].nunique().eq(2).all()
    # the codes stay where they were printed
    cell = long[(long["column"] == "r1_haarlemmermeer") & (long["item_no"] == 8)].iloc[0]
    assert cell["code"] == "nvt" and cell["printed"] == "nvt"
    cell = long[(long["column"] == "r2_alphen") & (long["item_no"] == 12)].iloc[0]
    assert cell["code"] == "?"


def test_missing_code_counts_match_the_answer_key(long):
    counts = voice.missing_code_counts(long)
    assert counts.to_dict() == {"cells": 130, "scores": 121, "?": 6, "nvt": 3, "sum_of_scores": 464}


def test_reshape_refuses_a_glued_footnote_number(printed):
    bad = printed.copy()
    bad.loc[2, "r1_haarlemmermeer"] = "510"
    with pytest.raises(ValueError, match="footnote"):
        voice.survey_long(bad, load("voice_respondents"), load("voice_instruments"))


def test_reshape_refuses_a_wrong_table():
    with pytest.raises(ValueError, match="lacks the column"):
        voice.survey_long(pd.DataFrame({"x": [1]}), load("voice_respondents"), load("voice_instruments"))


def test_forms_of_voice_are_the_theory_lists():
    inst = load("voice_instruments")
    assert inst["direct_communication"].sum() == 5
    assert inst["complaints"].sum() == 7
    assert inst["collective"].sum() == 4
    both = inst[inst["direct_communication"] & inst["complaints"]]["item_no"].tolist()
    assert both == [3, 4, 5]


# --------------------------------------------------------------------------- treatments
def test_treatments_differ_only_on_coded_cells(long):
    miss = voice.treat_missing(long, "missing")
    zero = voice.treat_missing(long, "zero")
    cat = voice.treat_missing(long, "category")
    coded = long["code"] != "score"
    assert miss.loc[coded, "value"].isna().all() and cat.loc[coded, "value"].isna().all()
    assert (zero.loc[coded, "value"] == 0).all()
    assert miss.loc[~coded, "value"].equals(zero.loc[~coded, "value"])
    assert "code" in cat and (cat.loc[coded, "code"].isin(["?", "nvt"])).all()


def test_unknown_treatment_is_a_clear_error(long):
    with pytest.raises(ValueError, match="Unknown treatment"):
        voice.treat_missing(long, "drop")


def test_profile_table_shows_codes_or_zero(long):
    cat = voice.profile_table(long, "category")
    zero = voice.profile_table(long, "zero")
    assert cat.shape == (13, 10)
    assert cat.loc[(8, "Customer contact centre (KCC)"), "r1_haarlemmermeer"] == "nvt"
    assert zero.loc[(8, "Customer contact centre (KCC)"), "r1_haarlemmermeer"] == "0"


def test_form_profile_counts_items_in_two_forms(long):
    prof = voice.form_profile(long, "missing")
    hm = prof[(prof["municipality_id"] == "haarlemmermeer") & (prof["role"] == "client")].set_index("form")
    assert hm.loc["direct_communication", "items"] == 5
    assert hm.loc["complaints", "items"] == 7
    assert hm.loc["complaints", "n_question"] == 2
    assert hm.loc["collective", "mean"] == pytest.approx(2.0)  # 1 (petitions) and 3 (client councils)
    zero = voice.form_profile(long, "zero")
    hz = zero[(zero["municipality_id"] == "haarlemmermeer") & (zero["role"] == "client")].set_index("form")
    assert hz.loc["collective", "mean"] == pytest.approx(1.0)  # (0 + 1 + 3 + 0) / 4


# --------------------------------------------------------------------------- correlations
PUBLISHED = {"alphen": 0.549939, "utrecht": 0.478206, "schiedam": 0.112034, "delft": 0.729855}


def test_four_published_correlations_reproduce_to_six_decimals(long):
    table = voice.correlations(long).set_index("municipality_id")
    for mun, r in PUBLISHED.items():
        assert round(table.loc[mun, "r"], 6) == r
    assert table["n_pairs"].to_dict() == {"alphen": 12, "utrecht": 13, "schiedam": 13, "delft": 13,
                                          "haarlemmermeer": 7}


def test_haarlemmermeer_does_not_reproduce(long, published, bands):
    cmp = voice.compare_with_published(long, published, bands).set_index("municipality_id")
    assert round(cmp.loc["haarlemmermeer", "r"], 6) == 0.318852
    assert cmp.loc["haarlemmermeer", "published_r"] == pytest.approx(0.393398)
    assert cmp["reproduces"].to_dict() == {"alphen": True, "utrecht": True, "schiedam": True, "delft": True,
                                           "haarlemmermeer": False}
    assert (cmp["band_computed"] == cmp["band_published"]).all()


def test_pearson_matches_numpy_on_complete_data():
    rng = np.random.default_rng(2015)
    x, y = rng.integers(1, 8, 13).astype(float), rng.integers(1, 8, 13).astype(float)
    r, n = voice.pearson_pairwise(x, y)
    assert n == 13 and r == pytest.approx(np.corrcoef(x, y)[0, 1])


def test_pairwise_deletion_drops_only_incomplete_pairs():
    r, n = voice.pearson_pairwise([1, 2, np.nan, 4, 5], [2, 1, 3, np.nan, 5])
    assert n == 3 and r == pytest.approx(np.corrcoef([1, 2, 5], [2, 1, 5])[0, 1])


def test_fewer_than_three_complete_items_is_a_clear_message():
    with pytest.raises(ValueError, match="only 2 item.*at least 3"):
        voice.pearson_pairwise([1, 2, np.nan, 4], [3, 1, 5, np.nan], label="Test")


def test_constant_answers_make_r_undefined_with_a_message():
    with pytest.raises(ValueError, match="same score"):
        voice.pearson_pairwise([7, 7, 7, 7], [1, 2, 3, 4])


def test_correlations_report_an_undefined_r_in_the_note(long):
    table = voice.correlations(long, exclude_items=[6, 7]).set_index("municipality_id")
    assert math.isnan(table.loc["utrecht", "r"])
    assert "same score (7)" in table.loc["utrecht", "note"]
    assert table.loc["delft", "r"] == pytest.approx(0.796667, abs=1e-6)


def test_treating_codes_as_zero_changes_only_municipalities_with_codes(long):
    zero = voice.correlations(long, "zero").set_index("municipality_id")
    assert round(zero.loc["alphen", "r"], 6) == 0.392078
    assert round(zero.loc["haarlemmermeer", "r"], 6) == 0.206144
    assert round(zero.loc["delft", "r"], 6) == PUBLISHED["delft"]


def test_listwise_deletion_uses_seven_items(long):
    lw = voice.correlations(long, deletion="listwise").set_index("municipality_id")
    assert (lw["n_pairs"] == 7).all()
    assert round(lw.loc["schiedam", "r"], 6) == -0.10328
    assert round(lw.loc["alphen", "r"], 6) == 0.3336


def test_bands_round_to_two_decimals_and_leave_negatives_out(bands):
    assert voice.band(0.549939, bands) == "middelmatig"
    assert voice.band(0.729855, bands) == "hoog"
    assert voice.band(0.494, bands) == "laag"
    assert voice.band(0.496, bands) == "middelmatig"  # rounds to 0.50
    assert voice.band(-0.1, bands) == "none"
    with pytest.raises(ValueError):
        voice.band("high", bands)


def test_minimal_change_hypothesis_for_haarlemmermeer(long):
    pairs = voice.pair_table(long, "haarlemmermeer")
    assert voice.search_added_pairs(pairs["policy_officer"], pairs["client"], 0.393398, k=1) == []
    assert voice.search_added_pairs(pairs["policy_officer"], pairs["client"], 0.393398, k=2) == [((6, 3), (6, 5))]
    filled = voice.fill_cells(long, {("r1_haarlemmermeer", 12): 6, ("r2_haarlemmermeer", 13): 5})
    table = voice.correlations(filled).set_index("municipality_id")
    assert table.loc["haarlemmermeer", "n_pairs"] == 9
    assert round(table.loc["haarlemmermeer", "r"], 6) == 0.393398


def test_fill_cells_refuses_printed_scores_and_bad_values(long):
    with pytest.raises(ValueError, match="printed score"):
        voice.fill_cells(long, {("r1_haarlemmermeer", 1): 3})
    with pytest.raises(ValueError, match="1 to 7"):
        voice.fill_cells(long, {("r1_haarlemmermeer", 12): 9})
    with pytest.raises(ValueError, match="no cell"):
        voice.fill_cells(long, {("r9_nowhere", 12): 3})


def test_leave_one_out_shows_haarlemmermeer_is_fragile(long):
    loo = voice.leave_one_out(long, "haarlemmermeer").set_index("item_no")
    assert round(loo.loc[4, "r_without_item"], 3) == 0.959


# --------------------------------------------------------------------------- agreement
def test_lins_ccc_known_values():
    assert voice.lins_ccc([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    # a constant shift keeps r = 1 but lowers agreement
    x = np.array([1.0, 2, 3, 4, 5])
    assert voice.lins_ccc(x, x + 2) == pytest.approx(0.5)  # 2·2 / (2 + 2 + 2²)
    assert voice.lins_ccc(x, 6 - x) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="at least 3"):
        voice.lins_ccc([1, np.nan, 3], [2, 3, np.nan])


def test_agreement_table_matches_the_note(long):
    agr = voice.rater_agreement(long).set_index("municipality_id")
    assert round(agr.loc["delft", "ccc"], 3) == 0.377
    assert round(agr.loc["delft", "mean_policy"], 3) == 4.846
    assert round(agr.loc["delft", "mean_client"], 3) == 2.308
    assert round(agr.loc["utrecht", "mean_abs_difference"], 3) == 2.692
    assert (agr["mean_difference"] > 0).all()  # policy officers score higher everywhere
    assert (agr["ccc"] < agr["r"]).all()


def test_item_gaps_largest_complete_gap_is_satisfaction_surveys(long):
    gaps = voice.item_gaps(long)
    top = gaps.iloc[0]
    assert top["instrument_id"] == "tevredenheidsonderzoek" and top["mean_gap"] == pytest.approx(4.0)
    assert top["complete"] and gaps.iloc[1]["mean_gap"] < 4.0
    delft = voice.pair_table(long, "delft")
    assert delft.loc[delft["difference"].idxmax(), "instrument_id"] == "afstemgesprekken"


# --------------------------------------------------------------------------- models
def test_expectation_changes(models):
    assert voice.expectation_changes(models) == ["pq", "uitvoerend_wijkteam", "regisseur_resultaten"]
    table = voice.expectations_table(models).set_index("model_id")
    assert (table.loc[["pq", "uitvoerend_wijkteam", "regisseur_resultaten"], "direction"] == "lower").all()
    assert table.loc["pq", "case"] == "Haarlemmermeer"


def test_model_counts_from_tabel_2(models):
    assert models["municipalities_in_database"].sum() == 367


def test_municipality_labels_match_the_cases_dataset():
    cases = load("voice_cases")
    assert dict(zip(cases["municipality_id"], cases["municipality"])) == voice.MUNICIPALITIES


# --------------------------------------------------------------------------- your own municipality
def _answers(**over):
    base = {i: voice.DONT_KNOW for i in load("voice_instruments")["instrument_id"]}
    base.update(over)
    return base


def test_own_profile_and_comparison(long, models):
    inst = load("voice_instruments")
    # exactly the Delft client's printed answers: Delft must come out closest, at distance 0
    delft = long[long["column"] == "r3r4_delft"].set_index("instrument_id")["score"].astype(int).to_dict()
    own = voice.own_profile(delft, inst)
    ranking = voice.compare_own(own, long, "client", models)
    assert ranking.iloc[0]["municipality_id"] == "delft"
    assert ranking.iloc[0]["mean_abs_difference"] == 0
    assert ranking.iloc[0]["model"] == "Regisseursmodel met arrangementen"


def test_own_profile_needs_three_scores(long):
    inst = load("voice_instruments")
    own = voice.own_profile(_answers(zorgplan=5, kcc=3), inst)
    assert own["score"].notna().sum() == 2
    with pytest.raises(ValueError, match="at least 3"):
        voice.compare_own(own, long, "client")


def test_own_profile_rejects_bad_answers():
    inst = load("voice_instruments")
    with pytest.raises(ValueError, match="1 to 7"):
        voice.own_profile(_answers(zorgplan=8), inst)
    with pytest.raises(ValueError, match="not one of"):
        voice.own_profile({**_answers(), "elections": 3}, inst)
    with pytest.raises(ValueError, match="No answer"):
        voice.own_profile({"zorgplan": 3}, inst)


def test_own_profile_csv_is_small_and_anonymous():
    inst = load("voice_instruments")
    own = voice.own_profile(_answers(zorgplan=5), inst)
    text = voice.own_profile_csv(own, "client", "  group\nA  ", profile_id="0123456789abcdef")
    lines = text.strip().splitlines()
    assert lines[0] == "profile_id,label,role,item_no,instrument_id,answer"
    assert len(lines) == 14 and lines[1] == "0123456789abcdef,group A,client,1,zorgplan,5"
    assert lines[2].endswith("don't know")
    assert len(voice.own_profile_csv(own, "client").splitlines()[1].split(",")[0]) == 16  # a random id
    with pytest.raises(ValueError, match="16 hexadecimal"):
        voice.own_profile_csv(own, "client", profile_id="Jan de Vries")


# --------------------------------------------------------------------------- figures
@pytest.mark.parametrize("maker", ["heatmap", "pair", "correlations", "agreement"])
def test_figures_render(long, published, bands, maker):
    if maker == "heatmap":
        fig = voice.plot_survey_heatmap(long, "zero")
    elif maker == "pair":
        fig = voice.plot_pair(long, "haarlemmermeer", "category")
    elif maker == "correlations":
        fig = voice.plot_correlations(voice.compare_with_published(long, published, bands))
    else:
        fig = voice.plot_agreement(long, "delft")
    assert to_png(fig)[:4] == b"\x89PNG"


def test_unknown_municipality_is_a_clear_error(long):
    with pytest.raises(ValueError, match="Unknown municipality"):
        voice.pair_table(long, "gouda")


def test_treatment_effect_for_haarlemmermeer(long):
    eff = voice.treatment_effect(long, "haarlemmermeer").set_index(["role", "form"])
    row = eff.loc[("policy_officer", "collective")]
    assert row["mean_as_missing"] == pytest.approx(6.0) and row["mean_as_zero"] == pytest.approx(1.5)
    assert row["n_nvt"] == 2 and row["n_question"] == 1
    with pytest.raises(ValueError):
        voice.treatment_effect(long, "gouda")


def test_correlation_treatments_table(long, published):
    table = voice.correlation_treatments(long, published).set_index("municipality_id")
    assert list(table.columns) == ["municipality", "pairwise", "zero", "listwise", "published"]
    assert round(table.loc["haarlemmermeer", "zero"], 6) == 0.206144
    assert not (table[["pairwise", "zero", "listwise"]].round(6) == 0.393398).any().any()
