"""Synthetic downloads laid out as Brightspace, Canvas and Moodle deliver them (see wmolab/lms.py for the sources).

Every builder takes the students' files as ``[(student, file name, bytes)]`` and writes one download (a .zip, as
the platform gives it) into a folder. The students are made up; their names must never reach a merged result or
a masked report.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Student:
    first: str
    last: str
    user_id: int

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def canvas(self) -> str:  # Canvas: sortable name ("Last, First"), lower case, non-word characters removed
        return "".join(ch for ch in f"{self.last}{self.first}".lower() if ch.isalnum())


STUDENTS = [Student("Sanne", "de Vries", 40211), Student("Mohamed", "El Amrani", 40212),
            Student("Eva", "Jansen", 40213), Student("Daan", "Bakker", 40214)]
NAME_PARTS = ["Sanne", "Vries", "Mohamed", "Amrani", "Eva", "Jansen", "Daan", "Bakker", "devries", "elamrani",
              "bakkerdaan"]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _write(folder: Path, name: str, members: dict[str, bytes]) -> Path:
    path = folder / name
    path.write_bytes(zip_bytes(members))
    return path


def brightspace_flat(folder: Path, files) -> Path:
    """Brightspace, older downloads: every file at the top, renamed '<ids> - <name> - <date> - <file>', index.html."""
    members = {f"{80000 + i}-{96739} - {s.full} - Nov 23, 2026 1022 AM - {name}": data
               for i, (s, name, data) in enumerate(files)}
    members["index.html"] = b"<html><body><table><tr><td>submissions</td></tr></table></body></html>"
    return _write(folder, "Class survey Download Nov 23, 2026 1129 AM.zip", members)


def brightspace_folders(folder: Path, files) -> Path:
    """Brightspace, newer downloads: a folder per submission inside a folder named after the assignment."""
    members = {f"Class survey/{39786 + i}-640693 - {s.full} - Nov 23, 2026 1022 AM/{name}": data
               for i, (s, name, data) in enumerate(files)}
    members["Class survey/index.html"] = b"<html>Index</html>"
    return _write(folder, "Class survey Download Nov 23, 2026 1130 AM.zip", members)


def canvas(folder: Path, files) -> Path:
    """Canvas: every file at the top, renamed '<sortable name>[_LATE]_<user id>_<attachment id>_<file>'."""
    members = {}
    for i, (s, name, data) in enumerate(files):
        late = "_LATE" if i == 1 else ""
        members[f"{s.canvas}{late}_{s.user_id}_{7000 + i}_{name}"] = data
    s = STUDENTS[-1]
    members[f"{s.canvas}_{s.user_id}_text.html"] = b"<html>my answer is attached</html>"
    return _write(folder, "wmo-lab-class-survey_submissions.zip", members)


def moodle_folders(folder: Path, files) -> Path:
    """Moodle, default: one folder '<Full Name>_<id>_assignsubmission_file/' per student; online text beside it."""
    members = {f"{s.full}_{s.user_id}_assignsubmission_file/{name}": data for s, name, data in files}
    s = files[0][0]
    members[f"{s.full}_{s.user_id}_assignsubmission_onlinetext/onlinetext.html"] = b"<p>see file</p>"
    return _write(folder, "WMO2026-Class survey-1234.zip", members)


def moodle_flat(folder: Path, files) -> Path:
    """Moodle without 'download in folders': '<Full Name>_<id>_assignsubmission_file_<file>' at the top."""
    members = {f"{s.full}_{s.user_id}_assignsubmission_file_{name}": data for s, name, data in files}
    return _write(folder, "WMO2026-Class survey-1234 (flat).zip", members)


LAYOUTS = {"brightspace_flat": brightspace_flat, "brightspace_folders": brightspace_folders, "canvas": canvas,
           "moodle_folders": moodle_folders, "moodle_flat": moodle_flat}
