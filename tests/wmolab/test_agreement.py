"""Percent agreement and Cohen's kappa (wmolab.agreement), checked against hand computations."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from wmolab.agreement import (
    agreement_summary,
    agreement_table,
    cohens_kappa,
    disagreements,
    expected_agreement,
    kappa_label,
    percent_agreement,
)


def two_by_two():
    """50 items, table [[20, 5], [10, 15]] (rows coder A, columns coder B)."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    return a, b


def test_two_by_two_by_hand():
    a, b = two_by_two()
    # p_o = 35/50 = 0.70; p_e = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.20/0.50 = 0.40
    assert percent_agreement(a, b) == pytest.approx(70.0)
    assert expected_agreement(a, b) == pytest.approx(0.50)
    assert cohens_kappa(a, b) == pytest.approx(0.40)


def test_four_categories_by_hand():
    # 10 statements, perspectives; coder B differs on items 3, 7 and 10
    a = ["PA", "NPM", "NPM", "NPG", "SR", "SR", "SR", "NPM", "PA", "NPG"]
    b = ["PA", "NPM", "SR", "NPG", "SR", "SR", "NPG", "NPM", "PA", "SR"]
    # p_o = 7/10. Marginals A: PA 2, NPM 3, NPG 2, SR 3; B: PA 2, NPM 2, NPG 2, SR 4.
    # p_e = (2*2 + 3*2 + 2*2 + 3*4) / 100 = 26/100 = 0.26
    po, pe = 0.7, 0.26
    assert percent_agreement(a, b) == pytest.approx(100 * po)
    assert expected_agreement(a, b) == pytest.approx(pe)
    assert cohens_kappa(a, b) == pytest.approx((po - pe) / (1 - pe))


def test_perfect_and_chance_level():
    assert cohens_kappa(["PA", "NPM", "SR"], ["PA", "NPM", "SR"]) == pytest.approx(1.0)
    # systematic disagreement is worse than chance
    assert cohens_kappa(["x", "y", "x", "y"], ["y", "x", "y", "x"]) == pytest.approx(-1.0)


def test_table_keeps_unused_categories_in_order():
    table = agreement_table(["PA", "SR"], ["PA", "NPM"], categories=["PA", "NPM", "NPG", "SR"])
    assert list(table.index) == ["PA", "NPM", "NPG", "SR"]
    assert list(table.columns) == ["PA", "NPM", "NPG", "SR"]
    assert table.values.sum() == 2
    assert table.loc["PA", "PA"] == 1 and table.loc["SR", "NPM"] == 1


def test_summary_row():
    a, b = two_by_two()
    s = agreement_summary(a, b)
    assert s["items"] == 50 and s["agreements"] == 35
    assert s["percent_agreement"] == 70.0 and s["chance_agreement_pct"] == 50.0
    assert s["kappa"] == pytest.approx(0.4) and s["label"] == "fair"


def test_accepts_series_and_strips_spaces():
    assert percent_agreement(pd.Series(["PA ", "SR"]), ("PA", "SR")) == 100.0


@pytest.mark.parametrize("a, b, words", [
    ([], [], "empty"),
    (["PA"], [], "empty"),
    (["PA", "SR"], ["PA"], "different number"),
    (["PA", None], ["PA", "SR"], "no code"),
    (["PA", ""], ["PA", "SR"], "no code"),
    (["PA", float("nan")], ["PA", "SR"], "no code"),
    ("PA", "PA", "list of codes"),
    ({"e01": "PA"}, ["PA"], "dict"),
])
def test_bad_input_is_a_clear_value_error(a, b, words):
    with pytest.raises(ValueError, match=words):
        percent_agreement(a, b)


def test_single_shared_category_has_no_kappa():
    with pytest.raises(ValueError, match="undefined"):
        cohens_kappa(["SR", "SR", "SR"], ["SR", "SR", "SR"])
    # one coder using one category is fine: chance agreement is below 100%
    assert math.isfinite(cohens_kappa(["SR", "SR", "SR"], ["SR", "PA", "SR"]))


def test_unknown_category_is_reported():
    with pytest.raises(ValueError, match="not one of the categories"):
        cohens_kappa(["PA", "XX"], ["PA", "PA"], categories=["PA", "NPM", "NPG", "SR"])


def test_disagreements_lists_the_differing_rows():
    df = pd.DataFrame({"id": [1, 2, 3], "a": ["PA", "SR", "NPG"], "b": ["PA", "NPM", "NPG"]})
    assert list(disagreements(df, "a", "b")["id"]) == [2]
    with pytest.raises(ValueError, match="no column"):
        disagreements(df, "a", "c")
    with pytest.raises(ValueError, match="DataFrame"):
        disagreements([1, 2], "a", "b")


@pytest.mark.parametrize("k, label", [(-0.1, "worse than chance"), (0.1, "slight"), (0.4, "fair"),
                                      (0.5, "moderate"), (0.7, "substantial"), (0.9, "almost perfect")])
def test_kappa_label(k, label):
    assert kappa_label(k) == label


def test_kappa_label_needs_a_number():
    with pytest.raises(ValueError):
        kappa_label(float("nan"))
