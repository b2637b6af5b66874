"""Build the Dutch edition ``nl/`` from the English notebooks and the catalogues: ``make nl``.

    python -m wmolab.authoring.nl [--lessons 00,01] [--no-execute] [--out DIR]

For every lesson that is due (course.toml ``[nl] lessons``; ``--lessons`` or ``NL_LESSONS=00,01`` for a subset) it
writes ``nl/notebooks/NN_slug.ipynb`` and ``nl/solutions/NN_slug.ipynb``:

- each markdown cell is replaced by its Dutch text from ``translations/nl/<folder>/NN_slug.po`` (an entry that is
  missing, untranslated or fuzzy stops the build with the cell's id: run ``make translations`` and translate it);
  relative links that leave the notebook folders (``../docs/…``) get one ``../`` more, since ``nl/`` is one level down;
- code cells stay identical to the English ones, except the setup cell (the first code cell), which gets one line
  right after its ``wmolab`` import: ``from wmolab import set_language; set_language("nl")``;
- the notebook metadata gets ``"language": "nl"``.

Then it marks ``nl/solutions`` for nbgrader, executes the Dutch notebooks (:mod:`wmolab.authoring.nbexec`; their
outputs come from running them) and generates ``nl/exercises`` from ``nl/solutions``
(:mod:`wmolab.authoring.exercises`). ``--no-execute`` skips the execution (outputs empty): the tests rebuild
into a temporary folder that way and compare the sources with the committed ``nl/``.
"""
from __future__ import annotations

import ast
import copy
import os
import re
import sys
from pathlib import Path

import nbformat

from . import exercises, nbexec, translations

__all__ = ["SETUP_LINE", "TranslationMissing", "lessons_to_build", "translate_notebook", "setup_cell_index",
           "add_setup_line", "build", "main"]

ROOT = translations.ROOT
SETUP_LINE = 'from wmolab import set_language; set_language("nl")'
_FOLDERS_IN_NL = ("notebooks", "exercises", "solutions")
_LINK = re.compile(r"(\]\(|href=\")\.\./(?!(?:notebooks|exercises|solutions)/)")


class TranslationMissing(Exception):
    """A markdown cell has no current Dutch translation (the message names the catalogue and the cells)."""


def lessons_to_build(root: Path = ROOT, wanted: str | None = None) -> list[str]:
    """``wanted`` ("00,01"), else ``NL_LESSONS``, else the due lessons of course.toml."""
    wanted = wanted or os.environ.get("NL_LESSONS", "")
    if wanted.strip():
        return sorted({w.strip() for w in wanted.replace(" ", ",").split(",") if w.strip()})
    return translations.due_lessons(root)


def setup_cell_index(nb: nbformat.NotebookNode) -> int:
    """The index of the setup cell: the first code cell."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            return i
    raise ValueError("the notebook has no code cell")


def add_setup_line(source: str) -> str:
    """``source`` with :data:`SETUP_LINE` after its first ``wmolab`` import (or after its imports, if none)."""
    tree = ast.parse(source)
    after = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "wmolab" \
                or isinstance(node, ast.Import) and any(a.name.split(".")[0] == "wmolab" for a in node.names):
            after = node.end_lineno
            break
    if after is None:
        imports = [n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        after = max(imports) if imports else 0
    lines = source.split("\n")
    return "\n".join(lines[:after] + [SETUP_LINE] + lines[after:])


def _relink(markdown: str) -> str:
    return _LINK.sub(lambda m: m.group(1) + "../../", markdown)


def translate_notebook(english: nbformat.NotebookNode, catalog, name: str = "") -> nbformat.NotebookNode:
    """The Dutch notebook (a new object): markdown from ``catalog``, the setup line, ``language: nl``."""
    nb = copy.deepcopy(english)
    missing = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or not cell.source.strip():
            continue
        msg = catalog.get(cell.source, context=cell.get("id"))
        if msg is None or not msg.string:
            missing.append(f"cell {cell.get('id')}: not translated")
        elif msg.fuzzy:
            missing.append(f"cell {cell.get('id')}: stale (fuzzy: the English changed)")
        else:
            cell.source = _relink(msg.string)
    if missing:
        raise TranslationMissing(f"{name}: {len(missing)} cell(s) without a current Dutch text: "
                                 + "; ".join(missing[:8]) + ("; …" if len(missing) > 8 else ""))
    setup = nb.cells[setup_cell_index(nb)]
    setup.source = add_setup_line(setup.source)
    nb.metadata["language"] = "nl"
    return nb


def build(root: Path = ROOT, out: Path | None = None, lessons: list[str] | None = None,
          execute: bool = True) -> list[Path]:
    """Write the Dutch notebooks of ``lessons`` into ``out``/nl (default: ``root``/nl); return the paths written."""
    root = Path(root)
    nl = Path(out or root) / "nl"
    lessons = translations.due_lessons(root) if lessons is None else lessons
    written: list[Path] = []
    todo: list[tuple[Path, nbformat.NotebookNode]] = []
    errors = []
    for folder in translations.FOLDERS:
        for english in translations.notebooks(root, folder):
            if english.name[:2] not in lessons:
                continue
            po = translations.catalogue_path(english, root)
            if not po.exists():
                errors.append(f"{po.relative_to(root)} is missing: run make translations")
                continue
            try:
                nb = translate_notebook(nbformat.read(english, as_version=4), translations.read_catalogue(po),
                                        str(po.relative_to(root)))
            except TranslationMissing as exc:
                errors.append(str(exc))
                continue
            todo.append((nl / folder / english.name, nb))
    if errors:  # nothing is written unless every notebook can be
        raise TranslationMissing("make nl: the Dutch text is not complete:\n  " + "\n  ".join(errors))
    for dst, nb in todo:
        dst.parent.mkdir(parents=True, exist_ok=True)
        nbexec.write_notebook(nbexec.clean(nb, outputs=False), dst)
        written.append(dst)
    for folder in _FOLDERS_IN_NL:
        (nl / folder).mkdir(parents=True, exist_ok=True)
    exercises.mark_solutions(nl)  # the Dutch rubric's points, nbgrader cells (in place)
    if execute:
        for path in written:
            nbexec.execute(path)
    exercises.regenerate(nl, force=True)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wanted = argv[argv.index("--lessons") + 1] if "--lessons" in argv else None
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else None
    lessons = lessons_to_build(ROOT, wanted)
    try:
        written = build(ROOT, out, lessons, execute="--no-execute" not in argv)
    except (TranslationMissing, exercises.GeneratorError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"nl/: {len(written)} notebook(s) built for lesson(s) {', '.join(lessons) or '(none)'}, "
          "exercise sheets generated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
