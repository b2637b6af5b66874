"""Read the files of a learning platform's download: folders, zips and zips inside zips, never unpacked.

Students hand in small anonymous files (lesson 05's class-survey response, lesson 06's voice
profile) through the course's learning platform (*LMS*); the instructor downloads them all at once.
Every platform packs that download its own way:

- **Brightspace (D2L)** gives one zip named ``<assignment> Download <date>.zip``. Downloads seen in
  2020 put every file at the top, renamed ``<submission id>-<file id> - <First Last> - <date> -
  <original name>``; those seen in 2025 give one folder per submission, ``<ids> - <First Last> -
  <date>/<original name>``, sometimes inside a folder named after the assignment. Both carry an
  ``index.html`` that lists the submissions. (Layouts as read by tools that parse real downloads:
  github.com/brennanwilkes/lab-download, github.com/gitchrisqueen/cpcc_task_automation; we found no
  D2L documentation of the layout, so the merge accepts both and any nesting.)
- **Canvas** gives one zip, ``<course>-<assignment>_submissions.zip`` (spaces become ``_``), with every
  file at the top, renamed ``<sortable name>[_LATE]_<user id>_<attachment id>_<original name>``
  (``anon_<id>`` instead of the name under anonymous grading); a text entry arrives as
  ``..._text.html``, a link as ``..._link.html``. (Canvas's source: ``lib/content_zipper.rb``.)
- **Moodle** gives ``<course>-<assignment>-<id>.zip``. By default (*Download submissions in folders*)
  each student gets a folder ``<Full Name>_<id>_assignsubmission_file/`` holding the files as uploaded
  (sub-folders kept); without that option the files sit at the top, renamed
  ``<Full Name>_<id>_assignsubmission_file_<original name>``. Blind marking writes ``Participant``
  instead of the name; online text arrives as ``..._assignsubmission_onlinetext/onlinetext.html``.
  (Moodle's source: ``mod/assign/classes/downloader.php``.)

Instructors also unpack a download, re-zip it, or zip several downloads together, and students
upload zips of their own. So :func:`read_download` reads a folder *or* a zip, walks sub-folders and
opens zip archives inside it (a zip in a folder, a zip of zips), **without unpacking anything to
disk**: members are read into memory, each under a size limit. What it will not read, it reports:
a member whose path leaves the archive (``../``), an absolute path, a link, an encrypted or corrupt
member, a member or archive larger than its limit (a zip bomb stops at the limit), archives nested
more than :data:`MAX_DEPTH` deep. The input is never modified.

:mod:`wmolab.classfiles` runs the validators of the class files over what this module reads, and
reports on every file.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

__all__ = ["MAX_FILE_BYTES", "MAX_ARCHIVE_BYTES", "MAX_TOTAL_BYTES", "MAX_ENTRIES", "MAX_DEPTH", "Entry",
           "Download", "read_download", "extra_file"]

#: A file of the wanted kind is read up to this size (a response or profile is under 10 kB).
MAX_FILE_BYTES = 1_000_000
#: A zip inside the download is read into memory up to this size.
MAX_ARCHIVE_BYTES = 50_000_000
#: Reading stops once this much has been read from the whole download.
MAX_TOTAL_BYTES = 200_000_000
#: Reading stops after this many files.
MAX_ENTRIES = 20_000
#: Zips inside zips are opened this many levels deep (a download zip holding students' zips is 2).
MAX_DEPTH = 4


@dataclass(frozen=True)
class Entry:
    """One file of a download: where it is, and its bytes (or why they were not read)."""

    number: int
    path: str  # inside the download, "/"-separated; an archive counts as a folder ("a.zip/b.json")
    data: bytes | None = None
    problem: str = ""  # why the bytes were not read (empty when they were, or were not wanted)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


@dataclass
class Download:
    """Everything :func:`read_download` found: the files in walk order, and what the download held."""

    source: Path
    entries: list[Entry] = field(default_factory=list)
    folders: int = 0
    archives: int = 0
    stopped: str = ""  # why reading stopped early (a limit), empty when it read everything

    def contents(self) -> str:
        """What the download held, in words: ``"2 folders, 1 zip archive, 3 .pdf files"``."""
        kinds = Counter(e.suffix or "(no extension)" for e in self.entries)
        parts = [_count(self.folders, "folder"), _count(self.archives, "zip archive")]
        parts += [_count(n, f"{kind} file") for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
        parts = [p for p in parts if p]
        return ", ".join(parts) if parts else "nothing at all (it is empty)"


def _count(n: int, noun: str) -> str:
    return "" if n == 0 else f"{n} {noun}" + ("" if n == 1 else "s")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e3 else f"{n} bytes"


class _Walker:
    def __init__(self, source: Path, wanted: Callable[[str], bool]):
        self.download = Download(source)
        self.wanted = wanted
        self.total = 0

    def add(self, path: str, data: bytes | None = None, problem: str = "") -> None:
        entries = self.download.entries
        entries.append(Entry(len(entries) + 1, path, data, problem))
        if data is not None:
            self.total += len(data)

    def full(self) -> bool:
        d = self.download
        if not d.stopped and len(d.entries) >= MAX_ENTRIES:
            d.stopped = f"more than {MAX_ENTRIES} files: the rest of the download was not read"
        if not d.stopped and self.total >= MAX_TOTAL_BYTES:
            d.stopped = f"more than {_size(MAX_TOTAL_BYTES)} read: the rest of the download was not read"
        return bool(d.stopped)

    # ------------------------------------------------------------------ folders
    def folder(self, folder: Path, prefix: str) -> None:
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if self.full():
                return
            rel = f"{prefix}{path.name}"
            if path.is_symlink():
                self.add(rel, problem="link: it points somewhere else, so it was not followed")
            elif path.is_dir():
                self.download.folders += 1
                self.folder(path, rel + "/")
            elif path.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(path) as archive:
                        self.download.archives += 1
                        self.archive(archive, rel + "/", depth=1)
                except (zipfile.BadZipFile, OSError, ValueError):
                    self.add(rel, problem="damaged zip: it cannot be opened as a zip archive")
            elif self.wanted(path.name):
                try:
                    with path.open("rb") as handle:
                        data = handle.read(MAX_FILE_BYTES + 1)
                except OSError as exc:
                    self.add(rel, problem=f"unreadable: {exc.strerror or type(exc).__name__}")
                    continue
                if len(data) > MAX_FILE_BYTES:
                    self.add(rel, problem=f"too large: {_size(path.stat().st_size)}, so it was not read")
                else:
                    self.add(rel, data)
            else:
                self.add(rel)

    # ------------------------------------------------------------------ zip archives
    def archive(self, archive: zipfile.ZipFile, prefix: str, depth: int) -> None:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if self.full():
                return
            name = info.filename.replace("\\", "/")
            if name.endswith("/"):
                self.download.folders += 1
                continue
            rel = f"{prefix}{name}"
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name):
                self.add(rel, problem="unsafe path: it points outside the archive (../ or an absolute path), "
                                      "so it was not read")
            elif (info.external_attr >> 16) & 0o170000 == 0o120000:
                self.add(rel, problem="link: a link inside the archive, not followed")
            elif info.flag_bits & 0x1:
                self.add(rel, problem="encrypted: it cannot be read")
            elif name.lower().endswith(".zip"):
                self.inner_archive(archive, info, rel, depth)
            elif self.wanted(PurePosixPath(name).name):
                data, problem = self.member(archive, info, MAX_FILE_BYTES)
                self.add(rel, data, problem)
            else:
                self.add(rel)

    def member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[bytes | None, str]:
        """A member's bytes, read no further than ``limit`` (so a zip bomb stops at the limit)."""
        if info.file_size > limit:
            return None, f"too large: {_size(info.file_size)} unpacked, so it was not read"
        try:
            with archive.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError) as exc:
            return None, f"damaged: it cannot be unpacked ({type(exc).__name__})"
        except Exception as exc:  # zlib.error and kin: a damaged member must never stop the merge
            return None, f"damaged: it cannot be unpacked ({type(exc).__name__})"
        if len(data) > limit:
            return None, "too large: larger than the archive says, so it was not read past the limit"
        return data, ""

    def inner_archive(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, rel: str, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self.add(rel, problem=f"nested too deep: a zip inside {MAX_DEPTH} other zips, not opened")
            return
        data, problem = self.member(archive, info, MAX_ARCHIVE_BYTES)
        if data is None:
            self.add(rel, problem=problem)
            return
        self.total += len(data)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                self.download.archives += 1
                self.archive(inner, rel + "/", depth + 1)
        except (zipfile.BadZipFile, OSError, ValueError):
            self.add(rel, problem="damaged zip: it cannot be opened as a zip archive")


def read_download(path: str | Path, wanted: Callable[[str], bool]) -> Download:
    """Every file of a download (a folder or a ``.zip``), walked in name order.

    ``wanted(file_name)`` says which files to read; their bytes are in :attr:`Entry.data` (or
    :attr:`Entry.problem` says why not). Other files are listed without being read. Zip archives
    anywhere in the download are opened, never unpacked to disk; the input is not modified.
    """
    source = Path(path)
    walker = _Walker(source, wanted)
    if source.is_dir():
        walker.folder(source, "")
    elif source.is_file() and source.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(source) as archive:
                walker.archive(archive, "", depth=1)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ValueError(f"{source.name} is not a readable zip archive; download it again from the "
                             "learning platform, or unpack it and pass the folder.") from None
    elif source.exists():
        raise ValueError(f"{source} is neither a folder nor a .zip file; pass the folder or the .zip that the "
                         "learning platform gave you.")
    else:
        raise ValueError(f"{source} does not exist; pass the folder or the .zip of the download.")
    return walker.download


def extra_file(path: str) -> str:
    """Why a file is the platform's or the operating system's own (so ignored), or ``""``.

    >>> extra_file("Survey/index.html"), extra_file("__MACOSX/a/._x.json"), extra_file("a/notes.txt")
    ("Brightspace's list of submissions (index.html)", 'macOS metadata (__MACOSX)', '')
    """
    parts = path.split("/")
    name = parts[-1].lower()
    if "__MACOSX" in parts:
        return "macOS metadata (__MACOSX)"
    if name.startswith("._"):
        return "macOS metadata (._ file)"
    if name == ".ds_store":
        return "macOS folder settings (.DS_Store)"
    if name in ("thumbs.db", "desktop.ini"):
        return f"Windows folder settings ({parts[-1]})"
    if name in ("index.html", "index.htm"):
        return f"Brightspace's list of submissions ({parts[-1]})"
    if name == "onlinetext.html" or any(p.endswith("_assignsubmission_onlinetext") for p in parts[:-1]):
        return "Moodle's page of an online-text submission"
    if name.endswith(("_text.html", "_link.html")):
        return "Canvas's page of a text or link submission"
    if name.startswith("."):
        return "a hidden system file"
    return ""
