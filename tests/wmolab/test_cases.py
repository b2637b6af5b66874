"""The five cases of Sturing in 3D (wmolab.cases) against the numbers and claims in the source."""
from __future__ import annotations

import pytest

from wmolab import load
from wmolab.cases import (
    ELEMENTS,
    PERSPECTIVES,
    compare_with_author,
    dominant_sets,
    label_counts,
    model_option,
    movement,
    option_counts,
    place_cases,
    plot_model_board,
    plot_presence,
    plot_presence_overview,
    presence_counts,
    presence_matrix,
    reading_counts,
    reputation_codes,
    summary_text_agreement,
    summary_vs_text,
    tally_vs_verdict,
    ten_combinations,
)


def test_coding_covers_every_cell(coding):
    assert len(coding) == 5 * 2 * 4 * 4
    assert not coding.duplicated(["municipality", "topic", "element", "perspective"]).any()
    # every perspective appears in every case (the author's 'hybridity', e.g. L9062-9063)
    per_case = coding[coding["present_text"] == 1].groupby(["municipality", "topic"])["perspective"].nunique()
    assert (per_case == 4).all()


def test_presence_matrix_haarlemmermeer_tegenprestatie(coding):
    # 7.4 (L4528-4543): PA in all four; NPM in Beleid, Bekostiging, Aansturing; NPG in Beleid, Organisatie
    m = presence_matrix(coding, "Haarlemmermeer", "tegenprestatie")
    assert list(m.index) == list(ELEMENTS) and list(m.columns) == list(PERSPECTIVES)
    assert m["PA"].tolist() == [1, 1, 1, 1]
    assert m["NPM"].tolist() == [1, 0, 1, 1]
    assert m["NPG"].tolist() == [1, 1, 0, 0]


def test_unspecific_summary_stays_missing(coding):
    m = presence_matrix(coding, "Zwolle", "thuiszorg", "summary")
    assert m["SR"].isna().all()  # 8.4: SR "sterk aanwezig" without naming elements
    assert presence_matrix(coding, "Zwolle", "thuiszorg", "text")["SR"].tolist() == [1, 1, 0, 1]


def test_presence_counts(coding):
    counts = presence_counts(coding)
    # Utrecht tegenprestatie, 10.4 (L7722-7731): PA only Beleid; NPM Beleid and Bekostiging; SR everywhere
    assert counts.loc[("Utrecht", "tegenprestatie")].tolist() == [1, 2, 3, 4]
    assert counts.loc[("Zwolle", "thuiszorg"), "SR"] == 3  # filled from the text
    assert presence_counts(coding, fill_unspecified=False).loc[("Zwolle", "thuiszorg"), "SR"] == 0
    assert counts.shape == (10, 4)


def test_seven_disagreements_between_summary_and_text(coding):
    diff = summary_vs_text(coding)
    assert len(diff) == 7
    assert sorted(diff["municipality"].value_counts().items()) == [("Den Haag", 3), ("Oss", 1),
                                                                  ("Utrecht", 1), ("Zwolle", 2)]
    assert diff["note"].notna().all()


def test_summary_text_agreement(coding):
    s = summary_text_agreement(coding)
    assert s["items"] == 156 and s["agreements"] == 149
    assert s["percent_agreement"] == 95.5
    assert 0.8 < s["kappa"] < 0.9


def test_dominant_sets_match_figure_12_1(coding, verdicts):
    dom = dominant_sets(coding)
    printed = verdicts.set_index(["municipality", "topic"])["dominant"]
    for case, text in printed.items():
        assert set(dom.loc[case].split("+")) == set(text.split(";")), case


def test_five_exceptions_to_sr_plus_npm(coding):
    # L9338-9382: Haarlemmermeer and Utrecht Participatiewet, Den Haag Wmo, Oss both
    dom = dominant_sets(coding)
    exceptions = set(dom[dom != "NPM+SR"].index)
    assert exceptions == {("Haarlemmermeer", "tegenprestatie"), ("Utrecht", "tegenprestatie"),
                          ("Den Haag", "thuiszorg"), ("Oss", "tegenprestatie"), ("Oss", "thuiszorg")}


def test_tally_does_not_reproduce_the_verdict(coding):
    table = tally_vs_verdict(coding)
    assert table["same"].sum() == 4
    assert table.loc[("Den Haag", "thuiszorg"), "tally_top"] == "PA+NPG+SR"
    assert not table.loc[("Den Haag", "thuiszorg"), "same"]


def test_moving_against_only_in_four_cases(verdicts):
    # L9455-9457: tegenprestatie in Oss, Zwolle, Utrecht and home care in Den Haag
    placed = place_cases(verdicts, "topic")
    against = placed[placed["movement"] == "tegenbewegen"]
    assert set(zip(against["municipality"], against["topic"])) == {
        ("Oss", "tegenprestatie"), ("Zwolle", "tegenprestatie"), ("Utrecht", "tegenprestatie"),
        ("Den Haag", "thuiszorg")}


def test_option_counts(verdicts):
    law = option_counts(verdicts, "law")
    topic = option_counts(verdicts, "topic")
    assert law.to_dict() == {"1.1": 8, "1.2": 1, "2.1": 1, "2.2": 0}
    assert topic.to_dict() == {"1.1": 5, "1.2": 1, "2.1": 4, "2.2": 0}
    assert law.sum() == topic.sum() == 10


def test_fits_rule(verdicts):
    placed = place_cases(verdicts, "topic").set_index(["municipality", "topic"])
    assert placed["fits_rule"].sum() == 7
    assert not placed.loc[("Haarlemmermeer", "tegenprestatie"), "fits_rule"]  # moves along, yet PA+SR
    assert placed.loc[("Den Haag", "thuiszorg"), "fits_rule"]  # moves against, PA


@pytest.mark.parametrize("inst, expected", [("mee", "meebewegen"), ("deels_mee", "meebewegen"),
                                            ("overwegend_mee", "meebewegen"), ("deels_tegen", "tegenbewegen"),
                                            ("tegen", "tegenbewegen")])
def test_movement(inst, expected):
    assert movement(inst) == expected


def test_model_option_and_errors():
    assert model_option("mee", "doelgericht") == "1.1"
    assert model_option("meebewegen", "doelzoekend") == "1.2"
    assert model_option("tegen", "doelgericht") == "2.1"
    assert model_option("tegenbewegen", "doelzoekend") == "2.2"
    with pytest.raises(ValueError, match="institutional context"):
        movement("sideways")
    with pytest.raises(ValueError, match="strategic choice"):
        model_option("mee", "planned")


def test_ten_combinations():
    table = ten_combinations()
    assert len(table) == 10 and table["dominant"].is_unique
    assert table.loc[table["signals"] == "meebewegen", "dominant"].tolist() == ["NPM+SR"]


def test_every_evidence_statement_sits_in_a_cell_the_text_codes(coding, evidence):
    cells = coding.set_index(["municipality", "topic", "element", "perspective"])["present_text"]
    for row in evidence.itertuples():
        assert cells.loc[(row.municipality, row.topic, row.element, row.author_code)] == 1, row.statement_id


def test_compare_with_author(evidence):
    author = dict(zip(evidence["statement_id"], evidence["author_code"]))
    out = compare_with_author(evidence, author)
    assert out["agree"].all() and len(out) == 24
    as_list = compare_with_author(evidence, ["pa"] * 24)  # case-insensitive
    assert as_list["agree"].sum() == (evidence["author_code"] == "PA").sum()


@pytest.mark.parametrize("codes, words", [
    ({"e01": "PA"}, "No code yet"),
    (["PA"] * 23, "one code per statement"),
    ("PA", "not one text"),
    ({**{f"e{i:02d}": "PA" for i in range(1, 25)}, "e99": "PA"}, "not a statement id"),
    (["XX"] + ["PA"] * 23, "not a perspective"),
])
def test_compare_with_author_errors(evidence, codes, words):
    with pytest.raises(ValueError, match=words):
        compare_with_author(evidence, codes)


def test_reputation_codes(evidence, coding):
    codes = reputation_codes(evidence, coding)
    assert codes[evidence["municipality"].eq("Den Haag").values].isna().all()
    assert codes["e01"] == "PA" and codes["e08"] == "NPM"


def test_movisie_labels_and_readings():
    assumptions = load("cases_assumptions")
    assert label_counts(assumptions).to_dict() == {"hinders": 6, "helps": 5}  # printed page labels
    movements = load("cases_movements")
    counts = reading_counts(movements, "to_perspective_course")
    assert counts.sum() == 10 and counts["PA"] == 0
    for table, col, acc in ((assumptions, "perspective_course", "perspectives_accepted"),
                            (movements, "to_perspective_course", "to_perspectives_accepted")):
        for main, accepted in zip(table[col], table[acc]):
            assert main in accepted.split(";")


@pytest.mark.parametrize("call, words", [
    (lambda c: presence_matrix(c, "Amsterdam", "thuiszorg"), "municipality"),
    (lambda c: presence_matrix(c, "Oss", "jeugd"), "topic"),
    (lambda c: presence_matrix(c, "Oss", "thuiszorg", "figure"), "source"),
    (lambda c: presence_matrix(c.iloc[0:0], "Oss", "thuiszorg"), "empty"),
    (lambda c: presence_matrix([1, 2], "Oss", "thuiszorg"), "DataFrame"),
    (lambda c: presence_counts(c.drop(columns="dominant")), "lacks"),
])
def test_bad_input(coding, call, words):
    with pytest.raises(ValueError, match=words):
        call(coding)


def test_place_cases_bad_level(verdicts):
    with pytest.raises(ValueError, match="level"):
        place_cases(verdicts, "region")


def test_figures(coding, verdicts):
    fig = plot_presence(coding, "Zwolle", "thuiszorg")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["PA", "NPM ★", "NPG", "SR ★"]
    assert sum(t.get_text() == "?" for t in ax.texts) == 4
    assert len(plot_presence_overview(coding).axes) == 1
    board = plot_model_board(verdicts, "law")
    texts = [t.get_text() for t in board.axes[0].texts]
    assert any(t.startswith("1.1 doelgericht meebewegen (8)") for t in texts)


# Seed line ranges of the topic sections x.2 (tegenprestatie) and x.3 (thuiszorg) of ch. 7-11
SECTIONS = {
    ("Haarlemmermeer", "tegenprestatie"): (3738, 4121), ("Haarlemmermeer", "thuiszorg"): (4123, 4519),
    ("Zwolle", "tegenprestatie"): (4781, 5189), ("Zwolle", "thuiszorg"): (5191, 5554),
    ("Oss", "tegenprestatie"): (5877, 6273), ("Oss", "thuiszorg"): (6275, 6666),
    ("Utrecht", "tegenprestatie"): (6906, 7286), ("Utrecht", "thuiszorg"): (7288, 7713),
    ("Den Haag", "tegenprestatie"): (7987, 8354), ("Den Haag", "thuiszorg"): (8356, 8765),
}


def _line_numbers(refs: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"\d+", refs)]


def test_line_references_point_into_the_right_case_section(coding, evidence):
    for table in (coding[coding["present_text"] == 1], evidence):
        for row in table.itertuples():
            lo, hi = SECTIONS[(row.municipality, row.topic)]
            numbers = _line_numbers(row.text_lines)
            assert numbers, row
            assert all(lo <= n <= hi for n in numbers), (row.municipality, row.topic, row.text_lines)
    # cells without an attribution in the text carry no text line reference
    assert coding.loc[coding["present_text"] == 0, "text_lines"].isna().all()
