"""Lesson 06's saved profiles: the file's validator, the class merge and the comparison with the five cases."""
from __future__ import annotations

import pytest

from wmolab import load, voice
from wmolab.voice import classprofiles as cp


@pytest.fixture(scope="module")
def instruments():
    return load("voice_instruments")


@pytest.fixture(scope="module")
def long():
    return voice.load_survey()


def case_answers(long, municipality, role, keep=13):
    """A profile that repeats one case's printed answers (its ? and nvt become "don't know")."""
    part = long[(long["municipality_id"] == municipality) & (long["role"] == role)].sort_values("item_no")
    return {iid: (int(s) if code == "score" and k < keep else voice.DONT_KNOW)
            for k, (iid, code, s) in enumerate(zip(part["instrument_id"], part["code"], part["score"]))}


def profile_bytes(answers, instruments, role="client", pid="00000000000000a1", label=""):
    own = voice.own_profile(answers, instruments)
    return voice.own_profile_csv(own, role, label, pid).encode()


# --------------------------------------------------------------------------- the file
def test_a_saved_profile_reads_back(instruments, long, tmp_path):
    answers = case_answers(long, "delft", "client")
    own = voice.own_profile(answers, instruments)
    path = voice.save_profile(own, "client", "my group", tmp_path)
    assert voice.PROFILE_NAME.fullmatch(path.name)
    doc = voice.parse_profile(path.read_bytes(), instruments)
    assert doc["role"] == "client" and doc["label"] == "my group" and doc["answers"]["zorgplan"] == 6
    # a spreadsheet's byte-order mark is accepted
    assert voice.parse_profile(b"\xef\xbb\xbf" + path.read_bytes(), instruments)["profile_id"] == doc["profile_id"]


@pytest.mark.parametrize("change, says", [
    (lambda t: b"", "empty"),
    (lambda t: t.replace(b"client", "cli\xebnt".encode("latin-1")), "not UTF-8"),
    (lambda t: b"x" * 20_000, "too large"),
    (lambda t: t.replace(b"profile_id,label,role,", b""), "not a voice profile"),
    (lambda t: b"label,role,item_no,instrument_id,answer\n", "old format"),
    (lambda t: b"\n".join(t.splitlines()[:-1]), "12 instrument lines, not 13"),
    (lambda t: t.replace(b",client,1,", b",client,1,extra,"), "6 values"),
    (lambda t: t.replace(b"00000000000000a1,,client,1", b"00000000000000a2,,client,1"), "profile_id differs"),
    (lambda t: t.replace(b"00000000000000a1", b"Jan de Vries0000"), "profile id"),
    (lambda t: t.replace(b",client,", b",wethouder,"), "role should be"),
    (lambda t: t.replace(b"00000000000000a1,,", b"00000000000000a1," + b"x" * 41 + b","), "longer than 40"),
    (lambda t: t.replace(b",1,zorgplan,", b",1,kcc,"), "not one of the 13 instruments"),
    (lambda t: t.replace(b"zorgplan,6", b"zorgplan,9"), "invalid answer"),
])
def test_a_bad_profile_is_refused_with_its_reason(instruments, long, change, says):
    text = profile_bytes(case_answers(long, "delft", "client"), instruments)
    assert voice.parse_profile(text, instruments)  # the good one reads
    with pytest.raises(voice.ProfileError, match=says):
        voice.parse_profile(change(text), instruments)


# --------------------------------------------------------------------------- the class merge and comparison
@pytest.fixture
def download(tmp_path, instruments, long):
    files = {
        "a/voice_profile_00000000000000a1.csv": profile_bytes(case_answers(long, "delft", "client"), instruments),
        "b/voice_profile_00000000000000b2.csv": profile_bytes(case_answers(long, "utrecht", "client"), instruments,
                                                              pid="00000000000000b2"),
        "c/voice_profile_00000000000000c3.csv": profile_bytes(case_answers(long, "alphen", "policy_officer", keep=2),
                                                              instruments, role="policy_officer",
                                                              pid="00000000000000c3"),
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_class_profiles_merge_and_compare_with_the_cases(download, instruments, long):
    result = cp.merge_profiles(download, instruments)
    assert result.n == 3 and not result.skipped
    profiles = result.profiles
    assert len(profiles) == 39 and set(profiles.columns) >= {"profile_id", "role", "item_no", "code", "score"}
    comparison = cp.compare_class(profiles, long, load("voice_models"))
    by_id = comparison.profiles.set_index("profile_id")
    assert by_id.loc["00000000000000a1", "closest"] == "Delft" and by_id.loc["00000000000000a1",
                                                                            "mean_abs_difference"] == 0
    assert by_id.loc["00000000000000b2", "closest"] == "Utrecht"
    assert by_id.loc["00000000000000c3", "closest"].startswith("(none: You scored 2 instrument(s)")
    items = comparison.items
    client = items[items["role"] == "client"].set_index("item_no")
    zorgplan = client.loc[1]
    delft = long[(long["municipality_id"] == "delft") & (long["role"] == "client") & (long["item_no"] == 1)]
    utrecht = long[(long["municipality_id"] == "utrecht") & (long["role"] == "client") & (long["item_no"] == 1)]
    assert zorgplan["delft"] == delft["score"].iat[0]
    assert zorgplan["n_profiles"] == 2 and zorgplan["class_mean"] == round(
        (delft["score"].iat[0] + utrecht["score"].iat[0]) / 2, 2)
    counts = comparison.closest.set_index(["role", "closest"])["profiles"].to_dict()
    assert counts == {("client", "Delft"): 1, ("client", "Utrecht"): 1}
    with pytest.raises(ValueError, match="nothing to compare"):
        cp.compare_class(profiles.iloc[0:0], long, load("voice_models"))


def test_class_profile_figure_and_its_alt_text(download, instruments, long):
    comparison = cp.compare_class(cp.merge_profiles(download, instruments).profiles, long, load("voice_models"))
    fig = voice.plot_class_profiles(comparison.items, "client")
    assert len(fig.axes[0].get_yticklabels()) == 13
    alt = voice.class_profiles_alt(comparison.items, "client")
    assert alt.startswith("Dot chart of the 13 instruments") and "most voice" in alt
    with pytest.raises(ValueError, match="role should be"):
        voice.plot_class_profiles(comparison.items, "wethouder")


def test_profiles_command_line(download, tmp_path, capsys):
    out, figure = tmp_path / "profiles.csv", tmp_path / "class.png"
    assert cp.main(["merge", str(download), "--out", str(out), "--figure", str(figure)]) == 0
    shown = capsys.readouterr().out
    assert "Merged 3 voice profile files" in shown and "Closest published case per profile" in shown
    assert "Delft" in shown and figure.read_bytes()[:4] == b"\x89PNG" and "Alt text: Dot chart" in shown
    assert out.read_text(encoding="utf-8").startswith("profile_id,label,role,item_no")
    empty = tmp_path / "none"
    empty.mkdir()
    assert cp.main(["merge", str(empty)]) == 1
    assert "WARNING: no voice profile file was found" in capsys.readouterr().out
    assert cp.main(["merge", str(tmp_path / "missing")]) == 2
    assert cp.main([]) == 2
