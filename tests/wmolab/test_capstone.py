"""Lesson 07 topic functions (wmolab.capstone): the dossiers reuse the earlier lessons and say what is missing."""
from __future__ import annotations

import pytest

from wmolab import capstone, load
from wmolab.plots import to_png


@pytest.fixture(scope="module")
def data(capstone_data):
    return capstone_data


def test_subjects_cover_the_two_studies_and_ijsselstein():
    table = capstone.subject_table().set_index("municipality")
    assert list(table.index[table["nijdam_case"]]) == ["Haarlemmermeer", "Utrecht", "Zwolle", "Oss", "Den Haag"]
    assert set(table.index[table["voice_case"]]) == {"Haarlemmermeer", "Utrecht", "Alphen aan den Rijn",
                                                      "Schiedam", "Delft"}
    both = table[table["nijdam_case"] & table["voice_case"]]
    assert list(both.index) == ["Haarlemmermeer", "Utrecht"]
    assert table.loc["IJsselstein", "van_paassen"] and not table.loc["IJsselstein", "plan_score"]


def test_subject_names_match_the_datasets(data):
    plans = set(data["steering_plans"]["gemeente"])
    cases = set(data["cases_verdicts"]["municipality"])
    voice_ids = set(data["voice_cases"]["municipality_id"]) if "voice_cases" in data else set(
        load("voice_cases")["municipality_id"])
    for s in capstone.SUBJECTS.values():
        assert s.plan is None or s.plan in plans, s
        assert s.nijdam_case is None or s.nijdam_case in cases, s
        assert s.voice_case is None or s.voice_case in voice_ids, s
    assert set(data["capstone_findings"]["subject_id"]) <= set(capstone.SUBJECTS)


def test_resolve_accepts_ids_and_names_and_rejects_others():
    assert capstone.resolve("den_haag").name == "Den Haag"
    assert capstone.resolve("  utrecht ").subject_id == "utrecht"
    assert capstone.resolve("Hengelo (O.)").subject_id == "hengelo"
    with pytest.raises(ValueError, match="not one of the capstone municipalities"):
        capstone.resolve("Gouda")


def test_haarlemmermeer_plan_profile_is_bijlage_g(data):
    table = capstone.plan_profile(data["steering_plans"], "Haarlemmermeer")
    assert table["Haarlemmermeer"].to_dict() == {"PA": 34.4, "NPM": 27.4, "NPG": 14.2, "SR": 24.0}
    assert table.loc["PA", "rank"] == 1          # the PA case was chosen for the highest PA share
    assert table["difference"].round(1).to_dict()["PA"] == round(34.4 - table.loc["PA", "average of 49"], 1)


def test_missing_plan_and_case_raise_clear_errors(data):
    with pytest.raises(ValueError, match="not among Nijdam's 49"):
        capstone.plan_profile(data["steering_plans"], "IJsselstein")
    with pytest.raises(ValueError, match="not one of Nijdam's five cases"):
        capstone.case_verdicts(data["cases_verdicts"], "Delft")
    with pytest.raises(ValueError, match="no voice survey"):
        capstone.voice_summary(data, "Zwolle")


def test_case_verdicts_come_from_figure_12(data):
    v = capstone.case_verdicts(data["cases_verdicts"], "Den Haag").set_index("topic")
    assert v.loc["thuiszorg", "dominant"] == "PA" and v.loc["thuiszorg", "option"] == "2.1"
    assert v.loc["tegenprestatie", "option"] == "1.2"


def test_voice_summary_reproduces_four_and_not_haarlemmermeer(data):
    h = capstone.voice_summary(data, "haarlemmermeer")
    assert not h["reproduces"] and h["n_pairs"] == 7
    assert h["r_computed"] == pytest.approx(0.3189, abs=1e-4) and h["r_published"] == pytest.approx(0.3934, abs=1e-4)
    for mun in ("utrecht", "alphen", "schiedam", "delft"):
        assert capstone.voice_summary(data, mun)["reproduces"], mun
    u = capstone.voice_summary(data, "utrecht")
    assert u["mean_policy_officer"] > u["mean_client"]
    assert u["expected_voice"] == "medium" and u["found_voice"] == "low"


def test_plan_vs_cases(data):
    t = capstone.plan_vs_cases(data)
    assert t["in_cases"].to_dict() == {"Haarlemmermeer": 1, "Utrecht": 2, "Zwolle": 2, "Oss": 2, "Den Haag": 1}


def test_lens_counts(data):
    cov = capstone.coverage(data)
    assert cov["lenses"].to_dict() == {
        "Haarlemmermeer": 3, "Utrecht": 3, "Zwolle": 1, "Oss": 1, "Den Haag": 2, "Alphen aan den Rijn": 2,
        "Schiedam": 2, "Delft": 2, "IJsselstein": 3, "Hengelo": 2}
    assert capstone.lenses_with_data(data, "Zwolle") == 1
    # the two municipalities in both studies hold the most evidence rows
    rows = cov[list(capstone.LENSES)].sum(axis=1)
    assert set(rows.nlargest(2).index) == {"Haarlemmermeer", "Utrecht"}


def test_missing_says_what_is_missing(data):
    z = capstone.missing("Zwolle").set_index("lens")
    assert "No voice data" in z.loc["voice", "missing"] and "Zwolle" in z.loc["voice", "missing"]
    d = capstone.missing("Delft")
    assert "No case coding" in " ".join(d["missing"]) and "No plan score" not in " ".join(d["missing"])
    ij = capstone.missing("IJsselstein")
    gaps = " ".join(ij["missing"])
    assert "No plan score" in gaps and "outside its scope (Van Paassen, c. 2016)" in gaps
    # IJsselstein has voice evidence (f19), so its voice gap must not say "no voice data"
    assert "No voice data" not in " ".join(ij["missing"]) and "No voice study" in " ".join(ij["missing"])
    # the pooled Twente survey is not evidence about Hengelo alone
    hengelo = capstone.evidence(data, "Hengelo").set_index("dataset")["scope"]
    assert hengelo["survey_conflict_pairs"] == "reference" and hengelo["survey_expectations"] == "reference"
    assert set(capstone.missing("Haarlemmermeer")["lens"]) == {"values"}


def test_every_lens_without_municipal_evidence_has_a_missing_row(data):
    for s in capstone.SUBJECTS:
        d = capstone.dossier(data, s)
        for lens in capstone.LENSES:
            if lens not in d.lenses:
                assert (d.missing["lens"] == lens).any(), (s, lens)


def test_evidence_rows_cite_a_publication_and_a_dataset(data):
    ev = capstone.evidence(data, "Utrecht")
    assert list(ev["lens"].drop_duplicates()) == list(capstone.LENSES)
    # author (year), then where in the publication; never seed lines (issue 13, item 6)
    assert ev["source"].str.contains(r"\((?:c\. )?\d{4}\), \S").all(), ev["source"].tolist()
    assert not ev["source"].str.contains(r"\bL\d|seed 00").any()
    assert {"steering_plans", "cases_verdicts", "voice_models", "capstone_findings"} <= set(ev["dataset"])
    assert (ev["scope"] == "reference").sum() == 1


def test_findings_lines_are_seed_lines(data):
    f = data["capstone_findings"]
    assert f["source_lines"].str.match(r"^L\d+-\d+(; L\d+-\d+)?$").all()
    assert f["finding_id"].is_unique


def test_markdown_outline_and_rubric(data):
    d = capstone.dossier(data, "Delft")
    md = capstone.dossier_markdown(d)
    assert "**Missing:**" in md and "2 of 3" in md
    assert "`voice_survey_printed`" in capstone.memo_outline(d)
    assert "no data on this municipality" in capstone.memo_outline(d)
    with pytest.raises(ValueError, match="lens must be"):
        capstone.dossier_markdown(d, "money")
    r = capstone.rubric()
    assert r["points"].sum() == 10 and len(r) == 6


def test_coverage_figure_renders(data):
    fig = capstone.plot_coverage(capstone.coverage(data))
    assert to_png(fig)[:4] == b"\x89PNG"


def test_data_dict_must_be_complete():
    with pytest.raises(ValueError, match="load_capstone_data"):
        capstone.evidence({}, "Utrecht")


def test_missing_markdown_and_advice_depend_on_the_plan():
    md = capstone.missing_markdown("IJsselstein")
    assert md.count("\n- ") == 3 and "Your own reading" in md
    assert "A plan score measures" in capstone.missing_markdown("Delft")


def test_pair_sources_reuses_the_lesson_02_keys(data):
    pairs = data["values_conflict_pairs"]
    expected = ["municipal staff", "this Wmo study: survey"]
    assert capstone.pair_sources(pairs, "efficientie", "rechtmatigheid") == expected
    assert capstone.pair_sources(pairs, "rechtmatigheid", "efficientie") == capstone.pair_sources(
        pairs, "efficientie", "rechtmatigheid")
    assert capstone.pair_sources(pairs, "gelijkheid", "efficientie") == []
    assert "police officers" in capstone.pair_sources(pairs, "openheid", "rechtmatigheid")  # transparantie = openheid
    with pytest.raises(ValueError, match="not a value key"):
        capstone.pair_sources(pairs, "efficiency", "lawfulness")
