"""Headless tests of the lesson-07 dossier explorer."""
from __future__ import annotations

import pytest

from wmolab.widgets.capstone import dossier_html, explore_dossier


@pytest.fixture(scope="module")
def data(capstone_data):
    return capstone_data


def test_dossier_starts_on_utrecht_with_all_lenses(data):
    ex = explore_dossier(data)
    html = ex.outputs["dossier"].value
    assert ex.last_error is None
    assert "Utrecht" in html and "3 of 3" in html
    assert html.count("<h4>") == 3
    assert type(ex.controls["municipality"]).__name__ == "Dropdown"
    assert list(ex.controls)[0] == "municipality"


def test_choosing_a_municipality_shows_what_is_missing(data):
    ex = explore_dossier(data)
    ex.controls["municipality"].value = "Zwolle"
    html = ex.outputs["dossier"].value
    assert ex.last_error is None
    assert "1 of 3" in html and "No voice data" in html and "Missing" in html
    ex.controls["lens"].value = "voice"
    assert ex.outputs["dossier"].value.count("<h4>") == 1 and "Client voice" in ex.outputs["dossier"].value
    ex.controls["municipality"].value = "IJsselstein"
    # IJsselstein has voice evidence (the 2015 results Van Paassen quotes), so its gap is "no voice study"
    shown = ex.outputs["dossier"].value
    assert "No voice study" in shown and "No voice data" not in shown and ex.last_error is None


def test_every_subject_and_lens_renders(data):
    ex = explore_dossier(data)
    for name in ex.controls["municipality"].options:
        for lens in ("all", "values", "steering", "voice"):
            ex.controls["municipality"].value = name
            ex.controls["lens"].value = lens
            assert ex.last_error is None, (name, lens)
            assert name.split()[0] in ex.outputs["dossier"].value


def test_text_is_escaped_and_bad_lens_rejected(data):
    html = dossier_html(data, "Haarlemmermeer")
    assert "P*Q" in html and "<script" not in html
    assert "Nijdam&#x27;s short story" in html  # text from the datasets goes through esc()
    with pytest.raises(ValueError, match="lens must be"):
        dossier_html(data, "Utrecht", "money")


def test_response_is_fast(data):
    import statistics
    import time

    ex = explore_dossier(data)
    times = []
    for name in ex.controls["municipality"].options:
        start = time.perf_counter()
        ex.controls["municipality"].value = name
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.1


def test_start_subject_by_id_and_unknown_subject(data):
    assert explore_dossier(data, "den_haag").controls["municipality"].value == "Den Haag"
    with pytest.raises(ValueError, match="not one of the capstone municipalities"):
        explore_dossier(data, "Gouda")
