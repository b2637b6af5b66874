"""Headless tests of the lesson-06 explorers: set control values, read the outputs."""
from __future__ import annotations

import pytest

from wmolab import load
from wmolab.widgets.voice import (
    AS_PRINTED,
    detective_html,
    explore_haarlemmermeer,
    explore_own_municipality,
    explore_voice_profiles,
    voice_profile_html,
)


@pytest.fixture
def profiles(long):
    return explore_voice_profiles(long)


@pytest.fixture
def own(long, tmp_path):
    return explore_own_municipality(long, load("voice_instruments"), load("voice_models"), export_dir=tmp_path)


def test_profiles_start_on_haarlemmermeer_with_codes_as_categories(profiles):
    html = profiles.outputs["table"].value
    assert profiles.last_error is None
    assert "Haarlemmermeer" in html and "nvt not applicable" in html and "? could not judge" in html
    assert "r = 0.3189" in html and "n = 7" in html


def test_choosing_a_municipality_changes_the_table(profiles):
    before = profiles.outputs["table"].value
    profiles.controls["municipality"].value = "delft"
    after = profiles.outputs["table"].value
    assert after != before and "Delft" in after and "r = 0.7299" in after
    assert profiles.last_error is None


def test_zero_treatment_changes_r_and_shows_what_was_coded(profiles):
    profiles.controls["treatment"].value = "zero"
    html = profiles.outputs["table"].value
    assert "(was nvt)" in html and "r = 0.2061" in html and "n = 13" in html


def test_role_and_form_filters(profiles):
    profiles.controls["municipality"].value = "all"
    profiles.controls["role"].value = "client"
    profiles.controls["form"].value = "collective"
    html = profiles.outputs["table"].value
    assert html.count("<tr>") == 1 + 4 + 1  # header, four collective instruments, summary
    assert "policy officer" not in html.split("<tbody>")[0]
    assert profiles.last_error is None


def test_too_few_complete_pairs_gives_a_message(long):
    html = voice_profile_html(long, "haarlemmermeer", "both", "collective", "missing")
    assert "only 0 item(s)" in html and "at least 3" in html


def test_profile_html_rejects_bad_choices(long):
    with pytest.raises(ValueError):
        voice_profile_html(long, "gouda")
    with pytest.raises(ValueError):
        voice_profile_html(long, "all", "mayor")


def test_own_starts_with_a_message_not_an_error(own):
    html = own.outputs["result"].value
    assert own.last_error is None
    assert "score at least 3" in html and "scored as a client" in html


def test_own_role_changes_the_output(own):
    before = own.outputs["result"].value
    own.controls["role"].value = "policy_officer"
    assert own.outputs["result"].value != before and "as a policy officer" in own.outputs["result"].value


def test_own_scores_give_a_closest_case_and_model(own, long):
    delft = long[long["column"] == "r3r4_delft"].set_index("instrument_id")["score"].astype(int)
    for iid, score in delft.items():
        own.controls[f"item_{iid}"].value = int(score)
    html = own.outputs["result"].value
    assert own.last_error is None
    assert "closest to <b>Delft</b>" in html and "Regisseursmodel met arrangementen" in html


def test_own_dont_know_is_allowed(own):
    own.controls["item_zorgplan"].value = 6
    own.controls["item_kcc"].value = 2
    own.controls["item_adviesraden"].value = 7
    own.controls["item_kcc"].value = "don't know"
    assert "You scored 2 instrument(s)" in own.outputs["result"].value
    assert own.last_error is None


def test_own_export_writes_a_small_escaped_file_with_a_random_name(own, tmp_path):
    from wmolab.voice import PROFILE_NAME, parse_profile

    own.controls["label"].value = "<script>x</script>"
    own.controls["item_zorgplan"].value = 5
    own.save()
    files = list(tmp_path.glob("*.csv"))
    assert len(files) == 1 and PROFILE_NAME.fullmatch(files[0].name)
    text = files[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] == "profile_id,label,role,item_no,instrument_id,answer"
    assert "zorgplan,5" in text
    assert parse_profile(text.encode(), load("voice_instruments"))["answers"]["zorgplan"] == 5
    shown = own.outputs["saved"].value
    assert "<script>" not in shown and "&lt;script&gt;" in shown and files[0].name in shown


def test_own_saving_again_replaces_the_file(own, tmp_path):
    own.controls["item_zorgplan"].value = 5
    own.save()
    own.controls["item_zorgplan"].value = 2
    own.save()
    files = list(tmp_path.glob("*.csv"))
    assert len(files) == 1 and "zorgplan,2" in files[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- Haarlemmermeer investigation
@pytest.fixture
def detective(long):
    return explore_haarlemmermeer(long, load("voice_correlations_published"))


def test_detective_starts_with_the_printed_table(detective):
    html = detective.outputs["result"].value
    assert detective.last_error is None and len(detective.controls) == 8
    assert "r = 0.318852" in html and "n = 7" in html and "0.393398" in html
    assert "reproduces" not in html


def test_detective_two_fills_reproduce_the_published_value(detective):
    first = next(iter(detective.controls))
    detective.controls["r1_haarlemmermeer_12"].value = 6
    detective.controls["r2_haarlemmermeer_13"].value = 5
    html = detective.outputs["result"].value
    assert "r = 0.393398" in html and "n = 9" in html and "could" in html
    assert first == "r1_haarlemmermeer_8"  # a Dropdown comes first
    detective.controls["r2_haarlemmermeer_13"].value = AS_PRINTED
    assert "r = 0.393398" not in detective.outputs["result"].value


def test_detective_html_rejects_filling_a_printed_score(long):
    with pytest.raises(ValueError, match="printed score"):
        detective_html(long, {("r1_haarlemmermeer", 1): 3}, 0.393398)
