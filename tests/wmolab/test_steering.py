"""Unit tests of wmolab.steering (lesson 03): the 49 plans against the published numbers of
Nijdam (2020), and the signal-word scorer, one test per matching choice on texts with known counts."""
from __future__ import annotations

import math

import pytest

from wmolab import load
from wmolab import steering as st


# --------------------------------------------------------------------------- datasets
def test_datasets_have_the_published_sizes(plans, words):
    assert len(plans) == 49 and "Almelo" not in set(plans["gemeente"])
    assert words.groupby("perspective").size().to_dict() == {"NPG": 16, "NPM": 16, "PA": 16, "SR": 16}
    assert plans["size_class"].value_counts().to_dict() == {"100.000+": 26, "100.000-": 19, "G4": 4}
    assert plans["region"].value_counts().to_dict() == {"west": 24, "zuid": 12, "oost": 10, "noord": 3}


def test_the_printed_values_are_kept(plans):
    hoorn = plans.set_index("gemeente").loc["Hoorn"]
    assert (hoorn["pa"], hoorn["npm"], hoorn["npg"], hoorn["sr"]) == (24.2, 17.6, 13.2, 46.3)
    assert plans.set_index("gemeente").loc["Nissewaard", "pa"] == 31.4


def test_vignettes_and_texts(plans):
    vig = load("steering_vignettes")
    assert len(vig) == 20
    abcd = vig[vig["set"] == "gemeente_abcd"].pivot(index="gemeente", columns="element", values="answer")
    assert abcd.loc["A", ["beleid", "organisatie", "bekostiging", "aansturing"]].tolist() == ["NPG", "SR", "NPM", "PA"]
    assert abcd.loc["D", ["beleid", "organisatie", "bekostiging", "aansturing"]].tolist() == ["PA", "NPG", "SR", "NPM"]
    # each perspective is the answer once per municipality A-D
    assert all(sorted(row) == sorted(st.PERSPECTIVES) for _, row in abcd.iterrows())
    from wmolab import describe

    assert len(load("steering_texts")) == 5
    assert "WRITTEN FOR THIS COURSE" in describe("steering_texts")


# --------------------------------------------------------------------------- the 49 plans
def test_means_of_all_plans_reproduce_figure_6_1(plans):
    means = st.group_means(plans).iloc[0]
    assert [round(means[p], 1) for p in st.PERSPECTIVES] == [20.7, 21.2, 27.0, 31.1]
    assert means["n"] == 49


def test_group_means_are_within_0_1_of_figures_6_2_and_6_3(plans):
    cmp = st.compare_group_means(plans, load("steering_group_means"))
    assert len(cmp) == 8 * 4
    assert (cmp["n_published"] == cmp["n_computed"]).all()
    rounded_gap = (cmp["computed"].round(1) - cmp["published"]).abs()
    assert rounded_gap.max() <= 0.1 + 1e-9
    off = cmp[rounded_gap > 0.05]
    assert set(zip(off["group"], off["perspective"])) == {("G4", "PA"), ("100.000-", "SR"), ("noord", "NPG"),
                                                         ("west", "SR")}


def test_hoorn_is_the_only_row_off_100(plans):
    off = st.rows_off_100(plans)
    assert list(off.index) == ["Hoorn"] and off.loc["Hoorn", "row_sum"] == 101.3
    assert st.row_sums(plans).drop("Hoorn").between(99.9, 100.1).all()


def test_hoorn_sr_45_reproduces_the_west_and_small_means(plans):
    fixed = plans.copy()
    fixed.loc[fixed["gemeente"] == "Hoorn", "sr"] = 45.0
    assert round(st.group_means(fixed, "region", None).loc["west", "SR"], 1) == 31.5
    assert round(st.group_means(fixed, "size_class", None).loc["100.000-", "SR"], 1) == 31.6


def test_extremes_and_the_pa_lowest_mismatch(plans):
    lowest = st.extremes(plans, "PA", "lowest")
    assert list(lowest.index) == ["Helmond", "Deventer", "Utrecht", "Haarlem", "Velsen"]
    ties = st.extremes(plans, "NPG", "highest")
    assert set(ties.index) == {"Helmond", "Arnhem", "Oss", "Leeuwarden", "Amersfoort", "Vlaardingen"}
    cmp = st.compare_extremes(plans, load("steering_extremes"))
    wrong = cmp[~cmp["matches"]]
    assert len(wrong) == 1
    row = wrong.iloc[0]
    assert (row["perspective"], row["side"], row["missing_from_figure"], row["only_in_figure"]) == (
        "PA", "lowest", "Haarlem", "Almere")


def test_spread_sr_most_pa_least(plans):
    s = st.spread(plans)
    assert s["range"].idxmax() == "SR" and s.loc["SR", "range"] == 68.5
    assert s["range"].idxmin() == "PA" and s.loc["PA", "range"] == 28.4
    assert s.loc["SR", "sd"] == 12.6 and s.loc["PA", "sd"] == 6.6


def test_dominant_counts_keep_the_hilversum_tie(plans):
    counts = st.dominant_counts(plans)
    assert counts.to_dict() == {"PA": 5, "NPM": 7, "NPG": 17, "SR": 19, "PA/NPG": 1}
    assert st.dominant(plans)["Hilversum"] == "PA/NPG"


def test_correlations_are_mostly_negative(plans):
    corr = st.share_correlations(plans)
    assert corr.loc["NPG", "SR"] == -0.54
    assert corr.loc["PA", "NPM"] == 0.10
    off_diagonal = [corr.iloc[i, j] for i in range(4) for j in range(4) if i < j]
    assert sum(v < 0 for v in off_diagonal) == 5


def test_quadrant_coordinates_and_counts(plans):
    q = st.quadrant_coordinates(plans)
    assert tuple(q.loc["Haarlemmermeer", ["x", "y"]]) == (-23.6, -16.8)
    assert tuple(q.loc["Deventer", ["x", "y"]]) == (76.4, -73.6)
    assert tuple(q.loc["Den Haag", ["x", "y"]]) == (9.8, -3.2)
    counts = st.quadrant_counts(plans)
    assert counts.to_dict() == {"overheid × randvoorwaarden": 6, "overheid × resultaten": 5,
                                "samenleving × resultaten": 18, "samenleving × randvoorwaarden": 20}
    assert "derivation" in st.quadrant_coordinates.__doc__


def test_closest_to_average_and_den_haag(plans):
    d = st.distance_to_average(plans)
    assert d.index[0] == "Zoetermeer" and d.iloc[0]["distance"] == 5.6
    assert d.loc["Den Haag", "rank"] == 11 and d.loc["Den Haag", "distance"] == 9.2
    assert st.distance_to_average(plans, "max").index[0] == "Heerlen"
    never = st.never_extreme(plans)
    assert len(never) == 25 and "Den Haag" in never and "Zoetermeer" in never


def test_case_selection_with_and_without_refusals(plans):
    full = st.case_selection(plans)
    assert list(full["gemeente"]) == ["Haarlemmermeer", "Zwolle", "Helmond", "Deventer", "Zoetermeer"]
    real = st.case_selection(plans, ["Helmond", "Arnhem", "Deventer"])
    assert real.loc["high NPG", "gemeente"] == "Oss" and real.loc["high NPG", "rank"] == 3
    assert real.loc["high SR", "gemeente"] == "Utrecht" and real.loc["high SR", "rank"] == 2


@pytest.mark.parametrize("call, message", [
    (lambda p: st.group_means(p, "province"), "size_class"),
    (lambda p: st.extremes(p, "XYZ"), "not a steering perspective"),
    (lambda p: st.extremes(p, "PA", "middle"), "highest"),
    (lambda p: st.distance_to_average(p, "cosine"), "metric"),
    (lambda p: st.case_selection(p, ["Almelo"]), "not among"),
    (lambda p: st.profile(p, "Haag"), "Did you mean 'Den Haag'"),
    (lambda p: st.group_means(p.iloc[0:0]), "empty"),
    (lambda p: st.group_means(p.drop(columns="sr")), r"lacks the column\(s\) \[.sr.\]"),
    (lambda p: st.group_means([1, 2]), "DataFrame"),
])
def test_bad_input_gives_a_clear_value_error(plans, call, message):
    with pytest.raises(ValueError, match=message):
        call(plans)


def test_figures_are_built(plans):
    from matplotlib.figure import Figure

    for fig in (st.plot_group_means(plans, "region", load("steering_group_means")),
                st.plot_quadrant(plans, ["Den Haag"]), st.plot_profile(plans, "Zwolle")):
        assert isinstance(fig, Figure)


# --------------------------------------------------------------------------- the text scorer
TINY = {"PA": ["recht", "kaders"], "NPM": ["efficiënt", "markt"], "NPG": ["wijkteam"],
        "SR": ["zelfredzaam", "maatwerk"]}


def test_whole_word_matching_counts_exact_words_only():
    text = "Zelfredzaam zijn: het wijkteam helpt. Wijkteams en zelfredzaamheid tellen niet."
    score = st.score_text(text, TINY, mode="whole")
    assert score.counts == {"PA": 0, "NPM": 0, "NPG": 1, "SR": 1}
    assert score.shares == {"PA": 0.0, "NPM": 0.0, "NPG": 50.0, "SR": 50.0}


def test_prefix_matching_catches_plurals_and_derivations():
    text = "Zelfredzaam zijn: het wijkteam helpt. Wijkteams en zelfredzaamheid tellen ook. Rechtstreeks!"
    score = st.score_text(text, TINY, mode="prefix")
    # wijkteam, Wijkteams -> NPG 2; Zelfredzaam, zelfredzaamheid -> SR 2; Rechtstreeks -> PA 1 (a false hit)
    assert score.counts == {"PA": 1, "NPM": 0, "NPG": 2, "SR": 2}
    assert sum(score.shares.values()) == pytest.approx(100)
    assert [m.token for m in score.matches] == ["Zelfredzaam", "wijkteam", "Wijkteams", "zelfredzaamheid",
                                                "Rechtstreeks"]


def test_case_folding():
    text = "Maatwerk, MAATWERK en maatwerk."
    assert st.score_text(text, TINY, case_fold=True).counts["SR"] == 3
    assert st.score_text(text, TINY, case_fold=False).counts["SR"] == 1


def test_compounds_count_the_last_part():
    text = ("Het buurtwijkteam werkt op de zorgmarkt; de beleidskaders zijn klaar. "
            "Wijkteamleden tellen alleen met prefix.")
    off = st.score_text(text, TINY, compounds=False)
    assert off.total == 0 and off.shares is None
    on = st.score_text(text, TINY, compounds=True)
    assert on.counts == {"PA": 1, "NPM": 1, "NPG": 1, "SR": 0}
    both = st.score_text(text, TINY, compounds=True, mode="prefix")
    assert both.counts == {"PA": 1, "NPM": 1, "NPG": 2, "SR": 0}


def test_accent_folding():
    text = "efficiënt, efficient, EFFICIËNT"
    assert st.score_text(text, TINY, fold_accents=True).counts["NPM"] == 3
    assert st.score_text(text, TINY, fold_accents=False).counts["NPM"] == 2
    assert st.score_text(text, TINY, fold_accents=False, case_fold=False).counts["NPM"] == 1


def test_each_word_counts_once_for_its_longest_signal_word(words):
    score = st.score_text("rechtsbescherming", words, mode="prefix", compounds=True)
    assert score.total == 1 and score.matches[0].signal_word == "rechtsbescherming"
    matched = st.score_text("participatiesamenleving", words, mode="prefix").matches[0]
    assert matched.signal_word == "participatiesamenleving"


def test_real_word_list_on_a_text_with_known_counts(words):
    text = ("De kaders bieden zekerheid. Wij meten de prestatie en het resultaat. "
            "Het wijkteam gaat samenwerken. Meedoen, maatwerk en vertrouwen!")
    score = st.score_text(text, words)
    assert score.counts == {"PA": 2, "NPM": 3, "NPG": 2, "SR": 3}
    assert score.shares["NPM"] == 30.0 and score.dominant == "NPM/SR"
    assert score.n_words == 19
    table = score.table()
    assert table["share_pct"].sum() == pytest.approx(100)


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_gives_a_clear_message(text, words):
    with pytest.raises(ValueError, match="empty"):
        st.score_text(text, words)


def test_text_without_signal_words_does_not_divide_by_zero(words):
    score = st.score_text("Het regent vandaag in Zwolle.", words)
    assert score.total == 0 and score.shares is None and score.dominant is None
    assert "No signal words" in score.message
    assert math.isnan(score.table()["share_pct"].iloc[0])
    with pytest.raises(ValueError, match="No signal words"):
        st.plot_text_shares(score)


def test_sensitivity_has_every_combination(words):
    text = load("steering_texts").set_index("text_id").loc["een_gemengd_plan", "text"]
    table = st.sensitivity(text, words)
    assert len(table) == 16
    assert table["hits"].nunique() > 1  # the choices matter for this text
    shares = table[list(st.PERSPECTIVES)].sum(axis=1)
    assert (shares.round(0) == 100).all()


@pytest.mark.parametrize("kwargs, message", [
    ({"mode": "stem"}, "mode"),
    ({"case_fold": "yes"}, "True or False"),
    ({"stemming": True}, "unknown matching choice"),
])
def test_bad_matching_choices(words, kwargs, message):
    with pytest.raises(ValueError, match=message):
        st.score_text("maatwerk", words, **kwargs)


def test_bad_word_lists():
    with pytest.raises(ValueError, match="not a steering perspective"):
        st.score_text("maatwerk", {"XX": ["maatwerk"]})
    with pytest.raises(ValueError, match="one word"):
        st.score_text("maatwerk", {"SR": ["maat werk"]})
    with pytest.raises(ValueError, match="str"):
        st.score_text(42, TINY)


def test_vignette_feedback_follows_the_axes():
    assert st.vignette_feedback("PA", "-")[0] == "unanswered"
    assert st.vignette_feedback("PA", "PA")[0] == "correct"
    status, message = st.vignette_feedback("PA", "NPM")
    assert status == "incorrect" and "main actor right" in message and "PA" not in message
    assert "focus right" in st.vignette_feedback("PA", "SR")[1]
    assert "Both axes" in st.vignette_feedback("PA", "NPG")[1]


def test_perspectives_markdown_shows_every_perspective_in_full():
    text = st.perspectives_markdown(load("steering_perspectives"))
    lines = text.splitlines()
    assert lines[0] == "| | **PA** | **NPM** | **NPG** | **SR** |"
    assert len(lines) == 2 + 4
    assert "*rechtmatige overheid*" in text and "keukentafelgesprek" in text
    with pytest.raises(ValueError, match="no column"):
        st.perspectives_markdown(load("steering_perspectives"), rows=["colour"])
