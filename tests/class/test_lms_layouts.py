"""Class files collected from a learning platform (issue 14 item 7): the class-survey merge (lesson 05) and the
profile merge (lesson 06) read Brightspace, Canvas and Moodle downloads as they arrive, and a download made
hostile on purpose, reporting every file and never letting a student's name through."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from lms_layouts import LAYOUTS, NAME_PARTS, STUDENTS, zip_bytes

from wmolab import classsurvey as cs
from wmolab import load, voice
from wmolab.survey import VALUE_KEYS
from wmolab.voice import classprofiles as cp


@pytest.fixture(scope="module")
def instruments():
    return load("voice_instruments")


def survey_file(i: int) -> tuple[str, bytes]:
    order = [(k + i) % 11 + 1 for k in range(11)]
    doc = cs.make_response(dict(zip(VALUE_KEYS, order)), date="2026-11-23", response_id=f"{i + 1:016x}")
    return f"class_survey_{doc['response_id']}.json", json.dumps(doc, indent=1).encode()


def profile_file(i: int, instruments) -> tuple[str, bytes]:
    answers = {iid: (k + i) % 7 + 1 if k % 4 else voice.DONT_KNOW
               for k, iid in enumerate(instruments["instrument_id"])}
    own = voice.own_profile(answers, instruments)
    pid = f"{0xabc0 + i:016x}"
    role = "client" if i % 2 else "policy_officer"
    return f"voice_profile_{pid}.csv", voice.own_profile_csv(own, role, f"group {i}", pid).encode()


def merge_kind(kind, path, instruments):
    return cs.merge_folder(path) if kind == "survey" else cp.merge_profiles(path, instruments)


def files_of(kind, instruments):
    make = survey_file if kind == "survey" else (lambda i: profile_file(i, instruments))
    return [(s, *make(i)) for i, s in enumerate(STUDENTS)]


def assert_anonymous(result, kind):
    """No student name in anything shareable: the masked report and table, and the merged data."""
    data = result.responses if kind == "survey" else result.profiles
    shareable = result.report() + result.table().to_csv() + data.to_csv()
    leaked = [part for part in NAME_PARTS if part.lower() in shareable.lower()]
    assert not leaked, f"student names in the shareable output: {leaked}"


# --------------------------------------------------------------------------- each platform's layout
@pytest.mark.parametrize("kind", ["survey", "profile"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_platform_layout_merges_every_student(layout, kind, tmp_path, instruments):
    download = LAYOUTS[layout](tmp_path, files_of(kind, instruments))
    result = merge_kind(kind, download, instruments)
    assert result.n == len(STUDENTS), result.report(names=True)
    assert not result.skipped and not result.warnings
    ignored = dict(result.ignored)
    if layout.startswith("brightspace"):
        assert list(ignored.values()) == ["Brightspace's list of submissions (index.html)"]
    if layout == "canvas":
        assert list(ignored.values()) == ["Canvas's page of a text or link submission"]
    if layout == "moodle_folders":
        assert list(ignored.values()) == ["Moodle's page of an online-text submission"]
    assert_anonymous(result, kind)
    assert any(STUDENTS[0].first.lower() in path.lower() for path in result.merged), "the instructor keeps the paths"
    shown = result.table()["file"].tolist()
    own_name = cs.FILE_NAME if kind == "survey" else voice.PROFILE_NAME
    assert sum(bool(own_name.fullmatch(name)) for name in shown) == len(STUDENTS)


@pytest.mark.parametrize("kind", ["survey", "profile"])
def test_zips_inside_folders_and_zips_of_zips(kind, tmp_path, instruments):
    files = files_of(kind, instruments)
    moodle = LAYOUTS["moodle_folders"](tmp_path, files[:2]).read_bytes()
    canvas_dl = LAYOUTS["canvas"](tmp_path, files[2:]).read_bytes()
    # an instructor zips two sections' downloads together; one student zipped their own file
    own_zip = zip_bytes({files[0][1]: files[0][2]})
    outer = tmp_path / "both sections.zip"
    outer.write_bytes(zip_bytes({"section A.zip": moodle, "section B/canvas.zip": canvas_dl,
                                 "extra/Sanne de Vries_40211_mine.zip": own_zip}))
    result = merge_kind(kind, outer, instruments)
    assert result.n == 4 and len(result.skipped) == 1
    path, reason = result.skipped[0]  # the student's own zip comes first in name order ("extra/" < "section A")
    assert path.startswith("section A.zip/") and path.endswith(files[0][1])
    assert reason == "duplicate: an identical copy of file #1"
    # the same, unpacked into a folder by the instructor, with the zips still inside
    folder = tmp_path / "unpacked"
    (folder / "section B").mkdir(parents=True)
    (folder / "section A.zip").write_bytes(moodle)
    (folder / "section B" / "canvas.zip").write_bytes(canvas_dl)
    result = merge_kind(kind, folder, instruments)
    assert result.n == 4 and not result.skipped
    assert_anonymous(result, kind)


# --------------------------------------------------------------------------- a hostile download
def hostile_download(tmp_path: Path) -> Path:
    good = [survey_file(i) for i in range(3)]
    student = "Jansen Eva_40213_assignsubmission_file"
    bomb = b"0" * 60_000_000  # compresses to ~60 kB; unpacked it is 60 MB
    nested = zip_bytes({"inner.zip": zip_bytes({"deeper.zip": zip_bytes({"deepest.zip": zip_bytes(
        {"deepest2.zip": zip_bytes({"x.json": good[0][1]})})})})})
    members = {
        f"De Vries Sanne_40211_assignsubmission_file/{good[0][0]}": good[0][1],
        f"El Amrani Mohamed_40212_assignsubmission_file/{good[1][0]}": good[1][1],
        f"Bakker Daan_40214_assignsubmission_file/{good[2][0]}": good[2][1],
        f"{student}/second upload/{good[2][0]}": good[2][1],  # the same file again
        f"{student}/broken.json": b'{"format": "wmolab-class-survey", "version": 1,',
        f"{student}/other_format.json": json.dumps({"format": "qualtrics", "answers": [1, 2]}).encode(),
        f"{student}/empty.json": b"",
        f"{student}/huge.json": b"[" + b"1," * 30_000 + b"1]",
        f"{student}/bomb.json": bomb,
        f"{student}/latin1.json": '{"naam": "Renée"}'.encode("latin-1"),
        f"{student}/voice_profile_0123456789abcdef.csv": b"profile_id,label,role,item_no,instrument_id,answer\n",
        f"{student}/05_value_conflicts_survey.ipynb": b"{}",
        "../../escaped.json": good[0][1],
        "/etc/absolute.json": good[0][1],
        "nested.zip": nested,
        "damaged.zip": b"PK\x03\x04 this is not really a zip",
        "__MACOSX/De Vries Sanne_40211_assignsubmission_file/._class_survey_0000000000000001.json": b"\x00\x05",
        "De Vries Sanne_40211_assignsubmission_file/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "Thumbs.db": b"\x00",
    }
    buf_path = tmp_path / "download" / "hostile.zip"
    buf_path.parent.mkdir()
    with zipfile.ZipFile(buf_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(f"{student}/locked.json", b"{}")
        link = zipfile.ZipInfo(f"{student}/link.json")
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, b"/etc/passwd")
    mark_encrypted(buf_path, f"{student}/locked.json")
    return buf_path


def mark_encrypted(path: Path, name: str) -> None:
    """Set the 'encrypted' flag of one member (zipfile cannot write encrypted members)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(name).header_offset
    data[offset + 6] |= 0x1  # local file header: general-purpose flags
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + length] == name.encode():
            data[central + 8] |= 0x1  # central directory: general-purpose flags
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


EXPECTED = {  # the file's end of path -> the start of its reason
    "second upload/class_survey_0000000000000003.json": "duplicate: an identical copy of file #",
    "broken.json": "malformed: not a JSON text file",
    "other_format.json": "wrong format",
    "empty.json": "empty",
    "huge.json": "too large: 60,003 bytes",
    "bomb.json": "too large: 60.0 MB unpacked, so it was not read",
    "latin1.json": "not UTF-8 text",
    "voice_profile_0123456789abcdef.csv": "another lesson's file",
    "05_value_conflicts_survey.ipynb": "a notebook",
    "../../escaped.json": "unsafe path",
    "/etc/absolute.json": "unsafe path",
    "deepest.zip": "nested too deep",
    "damaged.zip": "damaged zip",
    "locked.json": "encrypted",
    "link.json": "link",
}


def test_a_hostile_download_is_reported_file_by_file_and_nothing_escapes(tmp_path, monkeypatch):
    download = hostile_download(tmp_path)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.rglob("*") if p.is_file()}

    def no_unpacking(*args, **kwargs):
        raise AssertionError("the merge must never unpack a zip to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", no_unpacking)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", no_unpacking)
    result = cs.merge_folder(download)
    assert result.n == 3
    reasons = dict(result.skipped)
    for end, start in EXPECTED.items():
        found = [why for path, why in reasons.items() if path.endswith(end)]
        assert len(found) == 1 and found[0].startswith(start), (end, found)
    assert len(reasons) == len(EXPECTED), sorted(set(reasons) - {p for p in reasons if p.endswith(tuple(EXPECTED))})
    assert sorted(why for _, why in result.ignored) == sorted(
        ["macOS metadata (__MACOSX)", "macOS folder settings (.DS_Store)", "Windows folder settings (Thumbs.db)"])
    summary = result.summary()
    assert summary.startswith("Merged 3 class-survey response files; skipped 15 (")
    assert "ignored 3 files of the platform or the operating system" in summary
    # nothing was written or changed: the input is as it was, and no file appeared beside it
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "escaped.json").exists() and not Path("escaped.json").exists()
    assert_anonymous(result, "survey")


def test_a_folder_with_a_link_out_of_it_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "class_survey_0000000000000009.json").write_bytes(survey_file(8)[1])
    download = tmp_path / "download"
    download.mkdir()
    (download / "linked").symlink_to(outside, target_is_directory=True)
    result = cs.merge_folder(download)
    assert result.n == 0 and result.skipped == [("linked", "link: it points somewhere else, so it was not followed")]


# --------------------------------------------------------------------------- the profile merge's own checks
def test_profile_merge_reports_duplicates_and_bad_profiles(tmp_path, instruments):
    files = [profile_file(i, instruments) for i in range(3)]
    name0, data0 = files[0]
    lines = data0.decode().splitlines()
    members = {f"Student {i}_{i}_assignsubmission_file/{name}": data for i, (name, data) in enumerate(files)}
    members.update({
        f"Student 9_9_assignsubmission_file/{name0}": data0,  # a copy
        "old/my_voice_profile.csv": b"label,role,item_no,instrument_id,answer\n,client,1,zorgplan,5\n",
        "short/voice_profile_00000000000000ff.csv": ("\n".join(lines[:5]) + "\n").encode(),
        "excel/voice_profile_00000000000000ee.csv": data0.replace(b",don't know", b",dunno").replace(
            b"000000000000abc0", b"00000000000000ee"),
        "survey/class_survey_0000000000000001.json": survey_file(0)[1],
        "table/grades.csv": b"name,grade\nSanne,8\n",
    })
    download = tmp_path / "profiles.zip"
    download.write_bytes(zip_bytes(members))
    result = cp.merge_profiles(download, instruments)
    assert result.n == 3
    reasons = {path.split("/")[0]: why for path, why in result.skipped}
    assert reasons["Student 9_9_assignsubmission_file"].startswith("duplicate: an identical copy")
    assert reasons["old"].startswith("old format")
    assert reasons["short"] == "malformed: 4 instrument lines, not 13."
    assert reasons["excel"].startswith("invalid answer")
    assert reasons["survey"].startswith("another lesson's file")
    assert reasons["table"].startswith("not a voice profile")
    assert "Sanne" not in result.report()


def test_profile_merge_of_a_download_without_profiles_warns(tmp_path, instruments):
    download = tmp_path / "empty.zip"
    download.write_bytes(zip_bytes({"index.html": b"<html></html>", "essay.docx": b"PK"}))
    result = cp.merge_profiles(download, instruments)
    assert result.n == 0 and result.warnings and "voice_profile_<code>.csv" in result.warnings[0]
    assert "It contained 1 .docx file, 1 .html file" in result.warnings[0]


def test_reading_stops_at_its_limits_and_says_so(tmp_path, monkeypatch):
    from wmolab import lms

    for i in range(5):
        name, data = survey_file(i)
        (tmp_path / name).write_bytes(data)
    monkeypatch.setattr(lms, "MAX_ENTRIES", 3)
    result = cs.merge_folder(tmp_path)
    assert result.n == 3 and result.warnings == [
        "reading stopped early: more than 3 files: the rest of the download was not read."]
