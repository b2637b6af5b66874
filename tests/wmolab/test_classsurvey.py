"""Class-survey mode: good files merge; every kind of bad file is reported and skipped."""
from __future__ import annotations

import json

import pytest

from wmolab import classsurvey as cs
from wmolab import load
from wmolab.survey import VALUE_KEYS

ORDER_A = dict(zip(VALUE_KEYS, range(1, 12)))                 # integriteit 1, ..., kwaliteit 11
ORDER_B = dict(zip(VALUE_KEYS, range(11, 0, -1)))             # the reverse
ORDER_C = {**ORDER_A, "integriteit": 2, "gelijkheid": 1}      # swap the first two


def write(folder, name, doc):
    path = folder / name
    if isinstance(doc, bytes):
        path.write_bytes(doc)
    else:
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def good(ranks=ORDER_A, rid="0123456789abcdef", date="2026-11-23"):
    return cs.make_response(ranks, date=date, response_id=rid)


def test_make_response_is_anonymous_and_versioned():
    doc = cs.make_response(ORDER_A, date="2026-11-23")
    assert set(doc) == set(cs.FIELDS)
    assert doc["format"] == cs.FORMAT and doc["version"] == cs.VERSION and doc["date"] == "2026-11-23"
    assert len(doc["response_id"]) == 16


def test_save_and_read_round_trip(tmp_path):
    path = cs.save_response(ORDER_C, tmp_path, date="2026-11-23")
    assert path.name.startswith("class_survey_") and path.suffix == ".json"
    doc = cs.read_response(path)
    assert doc["ranks"] == ORDER_C
    text = path.read_text(encoding="utf-8")
    assert "T" not in json.loads(text)["date"]  # the date only, no time of day


@pytest.mark.parametrize("ranks,message", [
    ({k: v for k, v in ORDER_A.items() if k != "openheid"}, "rank missing for: openheid"),
    ({**ORDER_A, "openheid": None}, "rank missing"),
    ({**ORDER_A, "openheid": 1}, "rank 1 is given more than once"),
    ({**ORDER_A, "openheid": 12}, "from 1 to 11"),
    ({**ORDER_A, "openheid": "7"}, "from 1 to 11"),
    ({**ORDER_A, "vrijheid": 3}, "unknown value"),
])
def test_validate_ranks_names_the_problem(ranks, message):
    with pytest.raises(cs.ResponseError, match=message):
        cs.validate_ranks(ranks)


def test_save_refuses_an_invalid_ranking(tmp_path):
    with pytest.raises(cs.ResponseError):
        cs.save_response({**ORDER_A, "openheid": 1}, tmp_path)
    assert not list(tmp_path.iterdir())


def test_good_files_merge(tmp_path):
    write(tmp_path, "a.json", good(ORDER_A, "aaaaaaaaaaaaaaaa"))
    write(tmp_path, "b.json", good(ORDER_B, "bbbbbbbbbbbbbbbb"))
    write(tmp_path, "c.json", good(ORDER_C, "cccccccccccccccc"))
    result = cs.merge_folder(tmp_path)
    assert result.n == 3 and result.skipped == [] and result.merged == ["a.json", "b.json", "c.json"]
    counts = result.rank_counts()
    assert (counts[[f"rank_{k}" for k in range(1, 12)]].sum() == 3).all()
    table, rho = cs.compare_with_professionals(result, load("survey_rank_counts"))
    assert list(table.columns) == ["class", "gemeenten", "uitvoeringsorganisatie"]
    assert table.loc["integriteit", "class"] == round((1 + 11 + 2) / 3, 2)
    assert set(rho.index) == {"gemeenten", "uitvoeringsorganisatie"} and rho.between(-1, 1).all()


BAD_FILES = {
    "malformed.json": ("{not json", "malformed"),
    "list.json": ("[1, 2, 3]", "malformed"),
    "wrong_format.json": ({**good(rid="1111111111111111"), "format": "qualtrics"}, "wrong format"),
    "wrong_version.json": ({**good(rid="2222222222222222"), "version": 2}, "wrong version"),
    "with_name.json": ({**good(rid="3333333333333333"), "name": "Sanne"}, "unexpected field"),
    "empty.json": ("", "empty"),
    "latin1.json": ("{\"format\": \"caf\xe9\"}".encode("latin-1"), "not UTF-8"),
    "huge.json": ("[" + "1," * 20_000 + "1]", "too large"),
    "no_date.json": ({k: v for k, v in good(rid="4444444444444444").items() if k != "date"}, "missing field"),
    "bad_date.json": ({**good(rid="5555555555555555"), "date": "2026-13-40"}, "not a real date"),
    "time_in_date.json": ({**good(rid="6666666666666666"), "date": "2026-11-23T10:15"}, "YYYY-MM-DD"),
    "rank_missing.json": ({**good(rid="7777777777777777"),
                           "ranks": {k: v for k, v in ORDER_A.items() if k != "participatie"}}, "rank missing"),
    "rank_repeated.json": ({**good(rid="8888888888888888"), "ranks": {**ORDER_A, "participatie": 2}},
                           "more than once"),
    "bad_id.json": ({**good(), "response_id": "Jan de Vries"}, "response id"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_kind_of_bad_file_is_reported_and_skipped(tmp_path, name):
    content, reason = BAD_FILES[name]
    write(tmp_path, "good.json", good(ORDER_A, "abcdefabcdefabcd"))
    write(tmp_path, name, content)
    result = cs.merge_folder(tmp_path)
    assert result.merged == ["good.json"] and result.n == 1
    assert len(result.skipped) == 1
    skipped_name, why = result.skipped[0]
    assert skipped_name == name and reason in why
    assert f"SKIPPED {name}: " in result.report(names=True)
    assert name not in result.report(), "the shareable report masks file names that are not the course's own"
    assert "(a .json file)" in result.report()


def test_duplicate_is_reported_and_skipped(tmp_path):
    doc = good(ORDER_B, "dddddddddddddddd")
    write(tmp_path, "first.json", doc)
    write(tmp_path, "second_copy.json", doc)
    write(tmp_path, "third_changed.json", {**doc, "ranks": ORDER_A})
    write(tmp_path, "other.json", good(ORDER_A, "eeeeeeeeeeeeeeee"))
    result = cs.merge_folder(tmp_path)
    assert result.merged == ["first.json", "other.json"] and result.n == 2
    assert result.skipped == [("second_copy.json", "duplicate: an identical copy of file #1"),
                              ("third_changed.json", "duplicate: the same id as file #1 but different answers "
                                                     "(saved twice?); file #1 is kept")]
    assert "skipped 2 (2 duplicate)" in result.summary()


def test_non_json_files_are_reported(tmp_path):
    write(tmp_path, "good.json", good())
    write(tmp_path, "notes.txt", "hello")
    write(tmp_path, "voice_profile_0123456789abcdef.csv", "profile_id,label\n")
    result = cs.merge_folder(tmp_path)
    assert result.n == 1
    reasons = dict(result.skipped)
    assert reasons["notes.txt"].startswith("other file: a .txt, not a class-survey response")
    assert reasons["voice_profile_0123456789abcdef.csv"].startswith("another lesson's file")


def test_all_bad_gives_empty_result_a_warning_and_clear_error(tmp_path):
    write(tmp_path, "x.json", "{")
    result = cs.merge_folder(tmp_path)
    assert result.n == 0 and result.summary().startswith("Merged 0")
    assert result.warnings == ["none of the 1 class-survey response file(s) could be merged; the reasons are "
                               "listed per file."]
    assert "WARNING" in result.report() and list(result.responses.columns)[:2] == ["response_id", "date"]
    with pytest.raises(ValueError, match="no valid responses"):
        result.rank_counts()


def test_a_folder_without_responses_says_what_it_held_and_what_the_merge_looks_for(tmp_path):
    (tmp_path / "Jan de Vries_123_assignsubmission_file").mkdir()
    write(tmp_path / "Jan de Vries_123_assignsubmission_file", "essay.pdf", "%PDF")
    write(tmp_path, "index.html", "<html></html>")
    result = cs.merge_folder(tmp_path)
    assert result.n == 0 and len(result.warnings) == 1
    warning = result.warnings[0]
    assert "It contained 1 folder, 1 .html file, 1 .pdf file" in warning
    assert "class_survey_<code>.json" in warning and "inside .zip archives" in warning
    assert "Jan" not in result.report() and "Jan de Vries" in result.report(names=True)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        cs.merge_folder(tmp_path / "nope")
    write(tmp_path, "notes.txt", "x")
    with pytest.raises(ValueError, match="neither a folder nor a .zip"):
        cs.merge_folder(tmp_path / "notes.txt")


def test_command_line(tmp_path, capsys):
    download = tmp_path / "download"
    download.mkdir()
    for i, order in enumerate([ORDER_A, ORDER_B, ORDER_C]):
        write(download, f"devriesjan_{i}_7_class_survey_{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}.json",
              good(order, f"{i}" * 16))
    write(download, "devriesjan_9_8_broken.json", "{")
    out = tmp_path / "answers.csv"
    assert cs.main(["merge", str(download), "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "Merged 3" in shown and "#4   SKIPPED (a .json file): malformed" in shown and "Spearman" in shown
    assert "devries" not in shown and "devries" not in out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("response_id,date,integriteit")
    assert cs.main(["merge", str(download), "--show-names"]) == 0
    assert "devriesjan_9_8_broken.json" in capsys.readouterr().out
    assert cs.main(["merge"]) == 2
    assert cs.main(["merge", str(tmp_path / "nope")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cs.main(["merge", str(empty)]) == 1
    assert "WARNING: no class-survey response file was found" in capsys.readouterr().out


def test_ranking_problems_for_partial_rankings():
    assert cs.ranking_problems(ORDER_A) == []
    partial = {**{v: None for v in VALUE_KEYS}, "integriteit": 3, "openheid": 3}
    problems = cs.ranking_problems(partial)
    assert problems[0].startswith("rank 3 is given to 2 values (integriteit, openheid)")
    assert problems[1].startswith("9 value(s) still need a rank")
    with pytest.raises(ValueError):
        cs.ranking_problems([1, 2])


def test_demo_folder_rehearses_every_check(tmp_path):
    paths = cs.write_demo_responses(tmp_path, n_valid=4)
    assert len(paths) == 7 and all(p.parent.name.startswith("Participant_") for p in paths)
    result = cs.merge_folder(tmp_path)
    assert result.n == 4
    reasons = {path.split("/")[0]: why for path, why in result.skipped}
    assert "duplicate" in reasons["Participant_1000005_assignsubmission_file"]
    assert "more than once" in reasons["Participant_1000006_assignsubmission_file"]
    assert "wrong version" in reasons["Participant_1000007_assignsubmission_file"]
    with pytest.raises(ValueError):
        cs.write_demo_responses(tmp_path, n_valid=0)
