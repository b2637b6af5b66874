"""Headless tests of the lesson-04 explorers: set control values, read the outputs."""
from __future__ import annotations

import statistics
import time

import pytest

from wmolab.widgets.cases import NOT_CODED, explore_cases, explore_coding, explore_model_board


@pytest.fixture(scope="module")
def data(dataset):
    return {n: dataset(n) for n in ("cases_coding", "cases_verdicts", "cases_evidence", "cases_codebook")}


def test_case_explorer_shows_disagreements(data):
    ex = explore_cases(data["cases_coding"])
    assert ex.last_error is None
    assert "Aansturing" in ex.outputs["notes"].value  # Zwolle home care: PA and NPG in the text only
    ex.controls["municipality"].value = "Haarlemmermeer"
    assert ex.last_error is None
    assert "agree on every cell" in ex.outputs["notes"].value
    assert "Haarlemmermeer" in ex.outputs["caption"].value
    ex.controls["source"].value = "text"
    assert "case text" in ex.outputs["caption"].value and ex.last_error is None
    first = list(ex.controls)[0]
    assert type(ex.controls[first]).__name__ in ("Dropdown", "ToggleButtons", "RadioButtons")


def test_coding_keeps_codes_per_statement(data):
    ex = explore_coding(data["cases_evidence"], data["cases_codebook"])
    assert ex.last_error is None
    assert "Coded 0 of 24" in ex.outputs["score"].value
    assert "Codebook for Organisatie" in ex.outputs["text"].value
    ex.controls["code"].value = "PA"          # e01: author PA
    ex.controls["statement"].value = "e02"
    assert ex.controls["code"].value == NOT_CODED  # a new statement starts uncoded
    ex.controls["code"].value = "SR"          # e02: author NPG
    assert ex.codes == {"e01": "PA", "e02": "SR"}
    assert "1 of 2 (50%)" in ex.outputs["score"].value
    assert "kappa" in ex.outputs["score"].value
    ex.controls["statement"].value = "e01"
    assert ex.controls["code"].value == "PA"  # the stored code comes back
    ex.controls["code"].value = NOT_CODED     # un-code it
    assert ex.codes == {"e02": "SR"}
    assert ex.last_error is None


def test_coding_reveal_and_single_category(data):
    ex = explore_coding(data["cases_evidence"])
    ex.controls["reveal"].value = True
    assert "Nothing coded yet" in ex.outputs["detail"].value
    # e01 and e05 are both PA for the author: same single category -> kappa undefined, said politely
    ex.controls["code"].value = "PA"
    ex.controls["statement"].value = "e05"
    ex.controls["code"].value = "PA"
    assert ex.last_error is None
    assert "undefined" in ex.outputs["score"].value
    assert "The author codes e05 as" in ex.outputs["detail"].value
    assert "§7.3.2" in ex.outputs["detail"].value  # the case-text section, not seed lines


def test_coding_escapes_text(data):
    ev = data["cases_evidence"].copy()
    ev.loc[0, "statement"] = "<script>alert(1)</script>"
    ex = explore_coding(ev)
    assert "<script>" not in ex.outputs["text"].value
    assert "&lt;script&gt;" in ex.outputs["text"].value


def test_model_board(data):
    ex = explore_model_board(data["cases_verdicts"])
    assert ex.last_error is None
    assert "Cases in this cell: 5 of 10" in ex.outputs["cell"].value
    ex.controls["level"].value = "law"
    assert "Cases in this cell: 8 of 10" in ex.outputs["cell"].value
    ex.controls["strategy"].value = "doelzoekend"
    ex.controls["movement"].value = "tegenbewegen"
    assert "2.2" in ex.outputs["cell"].value and "No case lands" in ex.outputs["cell"].value
    assert ex.last_error is None
    assert "1.1 has 8 case(s)" in ex.outputs["caption"].value


def test_model_board_responds_quickly(data):
    ex = explore_model_board(data["cases_verdicts"])
    times = []
    for value in ["doelzoekend", "doelgericht"] * 5:
        start = time.perf_counter()
        ex.controls["strategy"].value = value
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.1


def test_case_explorer_responds_quickly_once_drawn(data):
    ex = explore_cases(data["cases_coding"])
    names = ["Oss", "Utrecht", "Den Haag", "Zwolle", "Haarlemmermeer"]
    for name in names:  # first visit draws each grid
        ex.controls["municipality"].value = name
    times = []
    for name in names * 2:
        start = time.perf_counter()
        ex.controls["municipality"].value = name
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.1
    assert ex.last_error is None
