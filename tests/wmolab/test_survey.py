"""wmolab.survey against the numbers of Van Schooten (2022) and note 000 (§3, §6.4)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from wmolab import load
from wmolab import survey as s


@pytest.fixture(scope="module")
def data(dataset):
    names = ["survey_summary", "survey_distributions", "survey_rank_counts", "survey_table7", "survey_choices",
             "survey_choice_summaries", "survey_causes", "survey_conflict_pairs", "survey_values", "survey_ages",
             "survey_interview_facts"]
    return {n.removeprefix("survey_"): dataset(n) for n in names}


# --- Qualtrics summaries and the population SD -------------------------------------------
def test_g_q2_population_vs_sample_sd(data):
    counts = s.choice_counts(data["choices"], "gemeenten", "Q2")
    assert counts == {1: 8, 2: 1, 3: 1}
    row = s.population_vs_sample(counts)
    assert row["mean"] == 1.3 and row["sd_population"] == 0.64 and row["sd_sample"] == 0.675


@pytest.mark.parametrize("group,question", [("gemeenten", "Q2"), ("gemeenten", "Q5"),
                                            ("uitvoeringsorganisatie", "Q2"), ("uitvoeringsorganisatie", "Q5")])
def test_choice_summaries_reproduce_with_population_formula(data, group, question):
    printed = data["choice_summaries"].set_index(["group", "question"]).loc[(group, question)]
    mine = s.summarise_counts(s.choice_counts(data["choices"], group, question), ddof=0)
    for k in ("min", "max", "mean", "sd", "variance"):
        assert abs(mine[k] - printed[k]) <= 0.005 + 1e-9, k


def test_population_formula_reproduces_all_88_rows_sample_formula_does_not(data):
    table = s.sd_formula_table(data["distributions"], data["summary"])
    assert table["rows"].tolist() == [88, 88]
    assert table["rows_reproduced"].tolist() == [88, 6]


def test_summarise_counts_known_value():
    out = s.summarise_counts({4: 2, 5: 5})
    assert out["count"] == 7 and round(out["mean"], 2) == 4.71 and round(out["sd"], 2) == 0.45


@pytest.mark.parametrize("bad", [{}, {1: -1}, {1: 0}, "x", {"a": 1}])
def test_summarise_counts_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        s.summarise_counts(bad)


def test_sample_formula_needs_two_answers():
    with pytest.raises(ValueError, match="two"):
        s.summarise_counts({3: 1}, ddof=1)


# --- reconstruction --------------------------------------------------------------------
def test_reconstruct_g_q7_bestaanszekerheid_unique():
    rec = s.reconstruct_distribution(2, 5, 3.86, 0.83, 7, 0.69)
    assert rec.status == "unique" and rec.solutions == [{2: 1, 4: 5, 5: 1}]
    assert "Exactly one" in rec.message


def test_reconstruct_g_q7_integriteit():
    assert s.reconstruct_distribution(4, 5, 4.71, 0.45, 7, 0.20).solutions == [{4: 2, 5: 5}]


def test_reconstruct_g_q6_efficientie_has_three_candidates():
    rec = s.reconstruct_distribution(5, 11, 8.33, 2.13, 6, 4.56)
    assert rec.status == "several" and len(rec.solutions) == 3
    assert {5: 1, 6: 1, 9: 2, 10: 1, 11: 1} in rec.solutions
    assert "3 distributions fit" in rec.message
    assert rec.table().shape == (3, 7)


def test_reconstruct_none_fits_says_so():
    rec = s.reconstruct_distribution(1, 5, 3.00, 0.10, 4)
    assert rec.status == "none" and rec.solutions == [] and "No integer distribution" in rec.message


def test_sample_formula_does_not_reconstruct_g_q2():
    assert s.reconstruct_distribution(1, 3, 1.30, 0.64, 10, 0.41, ddof=1).status == "none"
    assert s.reconstruct_distribution(1, 3, 1.30, 0.64, 10, 0.41, ddof=0).solutions == [{1: 8, 2: 1, 3: 1}]


def test_reconstruct_constant_item():
    assert s.reconstruct_distribution(5, 5, 5.0, 0.0, 4).solutions == [{5: 4}]


@pytest.mark.parametrize("args", [(5, 1, 3, 1, 4), (1.5, 5, 3, 1, 4), (1, 5, 3, -1, 4), (1, 5, 3, 1, 0)])
def test_reconstruct_rejects_bad_input(args):
    with pytest.raises(ValueError):
        s.reconstruct_distribution(*args)


def test_every_likert_row_has_exactly_one_solution_equal_to_d3(data):
    rec = s.reconstruct_all(data["summary"])
    assert len(rec) == 88 and (rec["status"] == "unique").all()
    d3 = data["distributions"].set_index(["group", "question", "value_key"])
    for _, r in rec.iterrows():
        assert r["distribution"] == s.counts_from_row(d3.loc[(r["group"], r["question"], r["value_key"])])


@pytest.mark.parametrize("group", ["gemeenten", "uitvoeringsorganisatie"])
def test_rank_matrix_reconstruction_equals_d4(data, group):
    matrix, candidates = s.reconstruct_rank_matrix(data["summary"], group)
    d4 = data["rank_counts"][data["rank_counts"]["group"] == group].set_index("value_key")[matrix.columns]
    assert (d4.loc[matrix.index].to_numpy() == matrix.to_numpy()).all()
    expected_several = {"efficientie"} if group == "gemeenten" else set()
    assert set(candidates[candidates > 1].index) == expected_several


# --- rankings ------------------------------------------------------------------------------
def test_rank_columns_sum_to_n(data):
    sums = s.rank_column_sums(data["rank_counts"])
    assert (sums.loc["gemeenten"] == 6).all() and (sums.loc["uitvoeringsorganisatie"] == 3).all()


def test_mean_ranks_sum_to_66_and_match_printed(data):
    mr = s.mean_ranks(data["rank_counts"])
    assert mr.sum().round(6).tolist() == [66.0, 66.0]
    q6 = data["summary"][data["summary"]["question"] == "Q6"]
    for _, r in q6.iterrows():
        assert abs(mr.loc[r["value_key"], r["group"]] - r["mean"]) <= 0.005 + 1e-9
    assert round(mr.loc["verantwoording", "uitvoeringsorganisatie"], 2) == 7.67


def test_table7_has_exactly_one_misprint(data):
    cmp = s.compare_table7(data["table7"], data["rank_counts"])
    bad = cmp[~cmp["matches"]]
    assert len(bad) == 1
    row = bad.iloc[0]
    assert (row["group"], row["value_key"], row["mean_printed"], row["mean_computed"]) == (
        "uitvoeringsorganisatie", "verantwoording", 6.76, 7.67)


def test_spearman_between_groups(data):
    mr = s.mean_ranks(data["rank_counts"])
    assert round(s.spearman(mr["gemeenten"], mr["uitvoeringsorganisatie"]), 3) == 0.900


def test_spearman_rejects_too_few_or_constant():
    with pytest.raises(ValueError):
        s.spearman(pd.Series([1, 2], index=["a", "b"]), pd.Series([1, 2], index=["a", "b"]))
    with pytest.raises(ValueError):
        s.spearman(pd.Series([1, 1, 1], index=list("abc")), pd.Series([1, 2, 3], index=list("abc")))
    with pytest.raises(ValueError):
        s.spearman([1, 2, 3], [1, 2, 3])


# --- importance vs attention -----------------------------------------------------------------
def test_importance_attention_gaps(data):
    g = s.importance_attention(data["distributions"], "gemeenten")
    assert g.index[0] == "bestaanszekerheid" and g["gap"].iloc[0] == 1.0
    assert g.index[1] == "integriteit" and g["gap"].iloc[1] == 0.86
    assert (g["gap"] < 0).sum() == 1 and g.loc["rechtmatigheid", "gap"] == -0.29
    u = s.importance_attention(data["distributions"], "uitvoeringsorganisatie")
    assert (u["gap"] > 0).all()


def test_importance_attention_spearman(data):
    g = s.importance_attention(data["distributions"], "gemeenten")
    u = s.importance_attention(data["distributions"], "uitvoeringsorganisatie")
    assert round(s.spearman(g["importance"], g["attention"]), 3) == 0.341
    assert round(s.spearman(u["importance"], u["attention"]), 3) == 0.843


def test_exact_means_highest_and_bad_question(data):
    q7 = s.exact_means(data["distributions"], "Q7")
    assert q7["gemeenten"].idxmax() == "integriteit" and round(q7["gemeenten"].max(), 2) == 4.71
    assert q7["uitvoeringsorganisatie"].idxmax() == "kwaliteit_dienstverlening"
    with pytest.raises(ValueError, match="Q6"):
        s.exact_means(data["distributions"], "Q6")


def test_bad_group_is_a_clear_error(data):
    with pytest.raises(ValueError, match="group must be one of"):
        s.importance_attention(data["distributions"], "Hengelo")


# --- background, causes, network, tariffs -------------------------------------------------
def test_mean_ages(data):
    assert round(s.mean_age(data["ages"], "gemeenten"), 2) == 44.44
    assert round(s.mean_age(data["ages"], "uitvoeringsorganisatie"), 2) == 47.60
    assert round(s.mean_age(data["ages"]), 2) == 45.57


def test_mention_shares(data):
    pooled = s.mention_shares(data["causes"], pooled=True)
    assert pooled.loc["Administrative burden/bureaucracy", "share_pct"] == 33.3
    assert pooled["count"].sum() == 18
    per = s.mention_shares(data["causes"])
    assert per["gemeenten"].tolist() == [20.0, 30.0, 30.0, 20.0]
    assert per["uitvoeringsorganisatie"].tolist() == [12.5, 25.0, 37.5, 25.0]
    printed = data["causes"].set_index(["group", "cause_en"])["pct_of_mentions"]
    for g in per.columns:
        for cause, v in per[g].items():
            assert v == printed[(g, cause)]


def test_conflict_graph(data):
    graph = s.conflict_graph(data["conflict_pairs"], data["values"])
    assert graph.number_of_edges() == 9 and graph.number_of_nodes() == 11
    deg = s.degree_table(graph)
    assert deg.index[0] == "verantwoording" and deg.iloc[0] == 4 and deg["legitimiteit"] == 0
    assert deg.sum() == 18
    clusters = s.cluster_combinations(data["conflict_pairs"])
    assert clusters["RG–RS"] == 2 and clusters.sum() == 9
    only_u = s.conflict_graph(data["conflict_pairs"], group="uitvoeringsorganisatie")
    assert only_u.number_of_edges() == 6


def test_tariff_coverage_from_interview_figures(data):
    facts = data["interview_facts"].set_index("fact_id")
    out = s.tariff_coverage(facts.loc["tariff_municipal_low", "value_low"], facts.loc["cost_price", "value_low"],
                            facts.loc["work_week_billable_hours", "value_low"])
    assert out == {"revenue_week": 900.0, "cost_week": 2325.0, "gap_week": 1425.0, "coverage_pct": 38.7}


@pytest.mark.parametrize("args", [(-1,), (36, 0), ("36",), (float("nan"),), (True,)])
def test_tariff_coverage_rejects_bad_input(args):
    with pytest.raises(ValueError):
        s.tariff_coverage(*args)


# --- figures ---------------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["Q7", "Q9", "Q10", "Q11"])
def test_plot_likert_builds(data, question):
    fig = s.plot_likert(data["distributions"], "gemeenten", question, data["values"])
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 11
    # total bar length per value equals the number of respondents
    widths = sum(p.get_width() for p in ax.patches)
    asked = data["distributions"].query("group == 'gemeenten' and question == @question")
    assert math.isclose(widths, asked["n"].sum())


def test_plot_likert_rejects_q6(data):
    with pytest.raises(ValueError):
        s.plot_likert(data["distributions"], "gemeenten", "Q6")


def test_other_figures_build(data):
    gaps = s.importance_attention(data["distributions"], "gemeenten")
    assert s.plot_dumbbell(gaps, data["values"]).axes
    assert s.plot_mean_ranks(s.mean_ranks(data["rank_counts"]), data["values"]).axes
    graph = s.conflict_graph(data["conflict_pairs"], data["values"])
    assert s.plot_conflict_network(graph, highlight="verantwoording").axes


def test_spearman_equals_scipy(data):
    from scipy.stats import spearmanr

    mr = s.mean_ranks(data["rank_counts"])
    g = s.importance_attention(data["distributions"], "gemeenten")
    for a, b in ((mr["gemeenten"], mr["uitvoeringsorganisatie"]), (g["importance"], g["attention"])):
        b = b.reindex(a.index)
        assert math.isclose(s.spearman(a, b), spearmanr(a.astype(float), b.astype(float)).statistic, abs_tol=1e-12)


# --- datasets against the published figures ------------------------------------------------
def test_dataset_sizes_and_totals(data):
    assert len(data["summary"]) == 110 and len(data["distributions"]) == 88 and len(data["rank_counts"]) == 22
    assert data["causes"].groupby("group")["count"].sum().to_dict() == {"gemeenten": 10, "uitvoeringsorganisatie": 8}
    assert len(data["conflict_pairs"]) == 9 and data["ages"]["age"].notna().sum() == 14


def test_distribution_counts_equal_printed_counts(data):
    d = data["distributions"].set_index(["group", "question", "value_key"])
    rows = data["summary"].set_index(["group", "question", "value_key"]).loc[d.index]
    assert (d[[f"r{k}" for k in range(1, 6)]].sum(axis=1) == d["n"]).all()
    assert (d["n"] == rows["count"]).all()


def test_printed_percentages_are_count_shares(data):
    ch = data["choices"]
    share = 100 * ch["count"] / ch.groupby(["group", "question"])["count"].transform("sum")
    assert ((share - ch["pct"]).abs() < 0.005).all()
    assert len(data["values"]) == 11 and set(data["values"]["value_key"]) == set(s.VALUE_KEYS)


def test_table4_recomputes_from_ages_and_choices():
    t4 = load("survey_table4").set_index(["row_key", "group"])["value"]
    bands = s.age_bands(load("survey_ages"))
    for band, key in (("tot_40", "leeftijd_tot_40"), ("41_60", "leeftijd_41_60"), ("61_plus", "leeftijd_61_plus"),
                      ("onbekend", "leeftijd_onbekend")):
        for group in s.GROUPS:
            printed = t4[(key, group)]
            assert bands.loc[band, group] == (0 if pd.isna(printed) else printed), (band, group)
    choices = load("survey_choices")
    q5 = choices[choices["question"] == "Q5"].set_index(["group", "code"])["count"]
    for code, key in enumerate(["werkervaring_lt1", "werkervaring_1_3", "werkervaring_3_10", "werkervaring_gt10"], 1):
        for group in s.GROUPS:
            printed = t4[(key, group)]
            assert q5[(group, code)] == (0 if pd.isna(printed) else printed)
    assert round(s.mean_age(load("survey_ages"), "gemeenten"), 1) == t4[("gemiddelde_leeftijd", "gemeenten")]
