"""Merge the class's files from a learning platform's download, with a report on every file.

One engine for both kinds of class file: lesson 05's class-survey responses
(:mod:`wmolab.classsurvey`) and lesson 06's voice profiles (:mod:`wmolab.voice.classprofiles`). Each
gives a :class:`Spec` (the file suffix, the course's own anonymous file name, a validator);
:func:`merge` reads the download with :func:`wmolab.lms.read_download` (folders, zips, zips in zips,
as Brightspace, Canvas and Moodle deliver them) and returns a :class:`Merge`: every file of the
download with its status (``merged``, ``skipped`` with the reason, or ``ignored``: the platform's own
files and the operating system's, such as Brightspace's ``index.html``, ``__MACOSX/`` and
``.DS_Store``), the merged records, and warnings. A duplicate (the same id as a file already merged)
is reported and skipped, with the first file kept. A download in which no file of the wanted kind is
found gives a warning that says what the download contained and what the merge looks for: never a
silent "merged 0".

**Names.** The platforms put students' names into paths. The merged records never hold a path.
:meth:`Merge.report` and :meth:`Merge.table` *mask* paths by default: a file is shown by its number
and, when it carries the course's own anonymous name (``class_survey_<code>.json``), by that name
only; ``names=True`` shows the full paths, for the instructor's own screen (to tell a student whose
file was refused), never for a projector or a shared document.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lms import Entry, extra_file, read_download

__all__ = ["Spec", "FileRow", "Merge", "merge"]


@dataclass(frozen=True)
class Spec:
    """What one merge reads: the files of one kind and the validator that checks each."""

    what: str  # "class-survey response"
    suffix: str  # ".json"
    own_name: re.Pattern  # the course's anonymous file name, shown even when paths are masked
    read: Callable[[bytes], tuple[str, dict[str, Any]]]  # -> (id, record); raises ValueError saying why
    looks_for: str  # for the warning when nothing is found, e.g. "class_survey_<code>.json files"
    others: Mapping[str, str] = field(default_factory=dict)  # suffix -> what such a file is


@dataclass(frozen=True)
class FileRow:
    number: int
    path: str
    status: str  # merged, skipped, ignored
    reason: str = ""
    shown: str = ""  # the masked name


@dataclass
class Merge:
    """Every file of a download with its status, the merged records, and warnings."""

    spec: Spec
    files: list[FileRow] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def _with(self, status: str) -> list[FileRow]:
        return [f for f in self.files if f.status == status]

    @property
    def merged(self) -> list[str]:
        """Paths of the merged files (they may hold students' names: for the instructor only)."""
        return [f.path for f in self._with("merged")]

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """``(path, reason)`` of every skipped file (paths may hold names: for the instructor only)."""
        return [(f.path, f.reason) for f in self._with("skipped")]

    @property
    def ignored(self) -> list[tuple[str, str]]:
        return [(f.path, f.reason) for f in self._with("ignored")]

    def summary(self) -> str:
        """One line: how many files were merged, skipped (by kind of reason) and ignored."""
        n_m, n_s, n_i = (len(self._with(s)) for s in ("merged", "skipped", "ignored"))
        line = f"Merged {n_m} {self.spec.what} file{'' if n_m == 1 else 's'}; skipped {n_s}"
        if n_s:
            why = Counter(_reason_kind(f.reason) for f in self._with("skipped"))
            line += " (" + ", ".join(f"{n} {k}" for k, n in sorted(why.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
        if n_i:
            line += f"; ignored {n_i} file{'' if n_i == 1 else 's'} of the platform or the operating system"
        return line + "."

    def table(self, names: bool = False):
        """Every file as a table (``#``, ``file``, ``status``, ``reason``); paths masked unless ``names``."""
        import pandas as pd

        rows = [{"#": f.number, "file": f.path if names else f.shown, "status": f.status, "reason": f.reason}
                for f in self.files]
        return pd.DataFrame(rows, columns=["#", "file", "status", "reason"])

    def report(self, names: bool = False) -> str:
        """The summary line, any warning, then one line per merged or skipped file; ignored files are
        counted by reason. Paths are masked unless ``names=True`` (see the module's note on names)."""
        lines = [self.summary()]
        lines += [f"WARNING: {w}" for w in self.warnings]
        for f in self.files:
            if f.status != "ignored":
                label = f.path if names else f.shown
                lines.append(f"  #{f.number:<3} {f.status.upper():7} {label}" + (f": {f.reason}" if f.reason else ""))
        ignored = Counter(f.reason for f in self._with("ignored"))
        for reason, n in sorted(ignored.items()):
            lines.append(f"  ignored {n} × {reason}")
        return "\n".join(lines)


def _reason_kind(reason: str) -> str:
    """The kind of a reason: its words before the first colon ("duplicate", "malformed", ...)."""
    head = reason.split(":")[0].split(" (")[0].rstrip(".") if ":" in reason else "other"
    return head if len(head) <= 40 else "other"


def _masked(entry: Entry, spec: Spec, extra: str) -> str:
    """A file's name for a shareable report: the course's own name when it has one, else its kind."""
    found = spec.own_name.search(entry.name)
    if found:
        return found.group(0)
    if extra:
        fixed = {"index.html": "index.html", ".ds_store": ".DS_Store"}
        return fixed.get(entry.name.lower(), "(a platform or system file)")
    return f"(a {entry.suffix} file)" if entry.suffix else "(a file without extension)"


def merge(path: str | Path, spec: Spec) -> Merge:
    """Read a download and validate every file of ``spec``'s kind; duplicates and problems are skipped.

    Raises ValueError only when ``path`` is neither a folder nor a readable zip.
    """
    download = read_download(path, lambda name: name.lower().endswith(spec.suffix))
    result = Merge(spec)
    seen: dict[str, tuple[int, str]] = {}  # id -> (file number, sha256 of its bytes)
    candidates = 0
    for entry in download.entries:
        extra = extra_file(entry.path)
        status, reason = "skipped", ""
        if extra:
            status, reason = "ignored", extra
        elif entry.problem:
            candidates += entry.suffix == spec.suffix
            reason = entry.problem
        elif entry.suffix != spec.suffix:
            reason = spec.others.get(entry.suffix) or (
                f"other file: a {entry.suffix or 'file without extension'}, not a {spec.what} (the merge reads "
                f"{spec.suffix} files)")
        else:
            candidates += 1
            digest = hashlib.sha256(entry.data or b"").hexdigest()
            try:
                key, record = spec.read(entry.data or b"")
            except ValueError as exc:
                reason = str(exc)
            else:
                if key in seen:
                    first, first_hash = seen[key]
                    reason = (f"duplicate: an identical copy of file #{first}" if first_hash == digest else
                              f"duplicate: the same id as file #{first} but different answers (saved twice?); "
                              f"file #{first} is kept")
                else:
                    seen[key] = (entry.number, digest)
                    status = "merged"
                    result.records.append(record)
        result.files.append(FileRow(entry.number, entry.path, status, reason, _masked(entry, spec, extra)))
    if download.stopped:
        result.warnings.append(f"reading stopped early: {download.stopped}.")
    if candidates == 0:
        result.warnings.append(
            f"no {spec.what} file was found in {download.source.name}. It contained {download.contents()}. "
            f"The merge looks for {spec.looks_for}: in the folder itself, in its sub-folders and inside .zip "
            "archives (zips inside zips too). Check that students uploaded the file the notebook saved.")
    elif not result.records:
        result.warnings.append(f"none of the {candidates} {spec.what} file(s) could be merged; the reasons are "
                               "listed per file.")
    return result

