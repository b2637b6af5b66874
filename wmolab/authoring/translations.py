"""The Dutch edition's translation catalogues: ``make translations`` (``python -m wmolab.authoring.translations``).

One gettext PO file per notebook, ``translations/nl/notebooks/NN_slug.po`` and ``translations/nl/solutions/NN_slug.po``,
with one entry per markdown cell: ``msgctxt`` is the cell id, ``msgid`` the English cell source, ``msgstr`` the Dutch.
Code cells are not translated (the Dutch notebooks run the same code).

``update``  extracts every English notebook and updates its catalogue. The entry of a cell is found by its cell id,
            so a changed English cell keeps its Dutch text but becomes *fuzzy* (stale) and keeps the English it was
            translated from as ``#| msgid`` (the previous msgid): a translator sees what changed, updates the Dutch
            and removes the ``#, fuzzy`` line. A new cell gets an empty entry; the entry of a removed cell is kept
            as obsolete (``#~``) so its Dutch can be reused. Then ``python -m wmolab.authoring.messages update``
            updates ``wmolab``'s own catalogue, if that module exists.
``check``   counts, per catalogue, the entries translated, fuzzy and untranslated, and exits 1 if a catalogue of a
            lesson that is due (course.toml, ``[nl] lessons``) is incomplete or stale (``--all``: every catalogue).

Files are written only when an entry changed, with fixed header dates, so an update that changes nothing changes no
file (and a fresh clone reproduces them).
"""
from __future__ import annotations

import datetime as _dt
import importlib.util
import io
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import course

__all__ = ["ROOT", "LANG", "FOLDERS", "Counts", "due_lessons", "catalogue_path", "extract", "read_catalogue",
           "update_catalogue", "update_all", "counts", "check", "main"]

ROOT = Path(__file__).resolve().parents[2]
LANG = "nl"
FOLDERS = ("notebooks", "solutions")
#: header dates are fixed: the catalogues change only when an entry does (git shows real changes only)
_EPOCH = _dt.datetime(2025, 1, 1, tzinfo=_dt.UTC)


def due_lessons(root: Path = ROOT) -> list[str]:
    """The lessons whose Dutch must be complete (course.toml ``[nl] lessons``, e.g. ``["00"]``)."""
    data = tomllib.loads((Path(root) / "course.toml").read_text(encoding="utf-8"))
    lessons = data.get("nl", {}).get("lessons", [])
    if not isinstance(lessons, list) or not all(isinstance(n, str) and len(n) == 2 for n in lessons):
        raise SystemExit('course.toml: [nl] lessons must be a list of two-digit strings, e.g. lessons = ["00", "01"]')
    return sorted(lessons)


def notebooks(root: Path = ROOT, folder: str | None = None) -> list[Path]:
    """The English notebooks that have a catalogue (lessons and solution sheets)."""
    folders = [folder] if folder else FOLDERS
    return [p for f in folders for p in sorted((Path(root) / f).glob("[0-9][0-9]_*.ipynb"))]


def catalogue_path(notebook: Path, root: Path = ROOT) -> Path:
    """``notebooks/00_x.ipynb`` → ``translations/nl/notebooks/00_x.po``."""
    notebook = Path(notebook)
    return Path(root) / "translations" / LANG / notebook.parent.name / (notebook.stem + ".po")


def extract(notebook: Path) -> list[tuple[str, str]]:
    """``(cell id, English source)`` of every markdown cell with text, in order."""
    nb = nbformat.read(notebook, as_version=4)
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            if not cell.get("id"):
                raise SystemExit(f"{notebook}: a markdown cell has no id (nbformat 4.5 cell ids are needed)")
            out.append((cell.id, cell.source))
    return out


def _new_catalogue(notebook: Path):
    from babel.messages.catalog import Catalog

    return Catalog(locale=LANG, domain=notebook.stem, project="WMO Lab", version=notebook.parent.name,
                   copyright_holder="WMO Lab (CC BY 4.0)",
                   msgid_bugs_address=f"{course.REPOSITORY}/issues",  # the address is kept in course.toml
                   last_translator="WMO Lab translators", language_team="WMO Lab (nl)",
                   creation_date=_EPOCH, revision_date=_EPOCH, fuzzy=False,
                   header_comment=f"# Dutch translation of {notebook.parent.name}/{notebook.name} (WMO Lab).\n"
                                  "# One entry per markdown cell: msgctxt = cell id, msgid = English, msgstr = Dutch.\n"
                                  "# `make translations` updates it; a '#, fuzzy' entry is stale: the English changed.")


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _previous_ids(text: str) -> dict[str, str]:
    """``{msgctxt: previous msgid}`` from the ``#| msgid`` comments (Babel writes them but does not read them)."""
    from babel.messages.pofile import unescape

    out, prev = {}, []
    for line in text.splitlines():
        if line.startswith("#| "):
            prev.append(line[3:])
        elif line.startswith("msgctxt ") and prev:
            joined = " ".join(prev)
            if joined.startswith("msgid "):
                out[unescape(line[len("msgctxt "):])] = "".join(unescape(q) for q in _QUOTED.findall(joined[6:]))
            prev = []
        elif not line.startswith("#"):
            prev = []
    return out


def read_catalogue(path: Path):
    """The catalogue at ``path`` (Babel), with each fuzzy entry's previous English (``#| msgid``) restored."""
    from babel.messages.pofile import read_po

    data = Path(path).read_bytes()
    catalog = read_po(io.BytesIO(data), locale=LANG)
    previous = _previous_ids(data.decode("utf-8"))
    for msg in catalog:
        if msg.id and msg.context in previous:
            msg.previous_id = [previous[msg.context]]
    return catalog


def _write(catalog, path: Path) -> bool:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_previous=True, sort_output=False)
    data = buf.getvalue()
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _merged(notebook: Path, old) -> object:
    """The catalogue of ``notebook``, carrying over the translations of ``old`` by cell id."""
    catalog = _new_catalogue(notebook)
    by_ctx = {m.context: m for m in old if m.id} if old is not None else {}
    if old is not None:  # a cell whose id disappeared before may come back
        by_ctx.update({m.context: m for m in old.obsolete.values() if m.context not in by_ctx})
    seen = set()
    for ctx, source in extract(notebook):
        seen.add(ctx)
        prev = by_ctx.get(ctx)
        if prev is None or not prev.string:
            catalog.add(source, "", context=ctx)
            continue
        if prev.id == source or (prev.fuzzy and prev.previous_id == [source]):
            # unchanged, or changed back to the English the Dutch was made from
            stale = prev.fuzzy and prev.previous_id != [source]
            flags = {"fuzzy"} if stale else set()
            previous = prev.previous_id if stale else []
        else:  # the English changed: keep the Dutch, mark it stale, keep the English it was made from
            flags = {"fuzzy"}
            previous = prev.previous_id if prev.fuzzy and prev.previous_id else [prev.id]
        catalog.add(source, prev.string, context=ctx, flags=flags, previous_id=previous)
    if old is not None:
        for ctx, msg in by_ctx.items():
            if ctx not in seen and msg.string:
                msg.flags.discard("fuzzy")
                catalog.obsolete[(msg.id, ctx)] = msg
    return catalog


def update_catalogue(notebook: Path, root: Path = ROOT) -> bool:
    """Extract ``notebook`` and update its catalogue; True if the file changed."""
    path = catalogue_path(notebook, root)
    old = read_catalogue(path) if path.exists() else None
    return _write(_merged(notebook, old), path)


def update_all(root: Path = ROOT, messages: bool = True) -> list[Path]:
    """Update every notebook catalogue (and wmolab's own, via ``wmolab.authoring.messages``); the files changed."""
    changed = [catalogue_path(nb, root) for nb in notebooks(root) if update_catalogue(nb, root)]
    for stale in sorted((Path(root) / "translations" / LANG).glob("*/*.po")):
        if stale.parent.name in FOLDERS and not (Path(root) / stale.parent.name / (stale.stem + ".ipynb")).exists():
            print(f"note: {stale.relative_to(root)} has no English notebook any more (rename or remove it)")
    if messages and importlib.util.find_spec("wmolab.authoring.messages") is not None:
        subprocess.run([sys.executable, "-m", "wmolab.authoring.messages", "update"], check=True, cwd=root)
    return changed


@dataclass
class Counts:
    path: Path
    total: int
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def counts(path: Path) -> Counts:
    """How many entries of the catalogue at ``path`` are translated, fuzzy (stale) and untranslated."""
    catalog = read_catalogue(path)
    msgs = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in msgs if m.string and m.fuzzy)
    untranslated = sum(1 for m in msgs if not m.string)
    return Counts(Path(path), len(msgs), len(msgs) - fuzzy - untranslated, fuzzy, untranslated)


def problems(path: Path) -> list[str]:
    """One line per entry that is not translated or stale: its cell id and the start of its English."""
    out = []
    for m in read_catalogue(path):
        if m.id and (not m.string or m.fuzzy):
            state = "stale (the English changed)" if m.string else "not translated"
            out.append(f"cell {m.context}: {state}: {m.id.splitlines()[0][:60]!r}")
    return out


def check(root: Path = ROOT, all_lessons: bool = False, out=sys.stdout) -> int:
    """Print the counts per catalogue; 1 if a catalogue that is due is incomplete or stale (or missing)."""
    root = Path(root)
    due = due_lessons(root)
    status = 0
    for nb in notebooks(root):
        path = catalogue_path(nb, root)
        is_due = all_lessons or nb.name[:2] in due
        rel = path.relative_to(root)
        if not path.exists():
            print(f"✘ {rel}: missing (run make translations)", file=out)
            status = 1
            continue
        c = counts(path)
        mark = "✔" if c.complete else ("✘" if is_due else "·")
        print(f"{mark} {rel}: {c.translated}/{c.total} translated, {c.fuzzy} fuzzy, {c.untranslated} untranslated"
              + ("" if is_due else " (not due yet)"), file=out)
        if is_due and not c.complete:
            status = 1
            for line in problems(path):
                print(f"    {line}", file=out)
    return status


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("update", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "update":
        changed = update_all(ROOT, messages="--no-messages" not in argv)
        for path in changed:
            print(f"updated: {path.relative_to(ROOT)}")
        if not changed:
            print("the notebook catalogues are up to date with the English notebooks")
        return 0  # stale entries are not an error here: `check` reports them
    return check(ROOT, all_lessons="--all" in argv)


if __name__ == "__main__":
    raise SystemExit(main())
