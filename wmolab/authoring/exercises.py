"""Generate the student exercise sheets from the solution sheets.

``solutions/NN_slug.ipynb`` is the single source of every exercise. This module writes
``exercises/NN_slug.ipynb`` from it (``make exercises`` or ``python -m wmolab.authoring.exercises``):

- in code cells, every region between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
  (nbgrader's markers) becomes a runnable stub: ``name = ...`` for each name the region
  assigns at top level, under a ``# YOUR CODE HERE`` line;
- a markdown cell tagged ``model-answer`` (a model answer to an open question, with its
  rubric) becomes an answer prompt for the student;
- a cell tagged ``solution-only`` is left out;
- outputs, execution counts, widget state and execution metadata are removed, and the
  kernelspec is set to ``python3`` (the course's one clean-up, :func:`wmolab.authoring.nbexec.clean`).

Everything else, including cell ids and tags, is kept, so the two sheets line up.

A sheet in ``exercises/`` that holds a student's own work (answers, outputs, added cells: see
:mod:`wmolab.authoring.sheets`) is never overwritten: ``make exercises`` names it and says how to keep the work;
``make exercises FORCE=1`` (``--force``) overwrites it.
"""
from __future__ import annotations

import ast
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat

from .nbexec import clean
from .sheets import STUB_MARK, SheetStatus, compare, keep_work_advice

__all__ = ["BEGIN", "END", "stub_code", "generate_notebook", "generate_all", "regenerate", "sheet_statuses",
           "ANSWER_PROMPT", "GeneratorError"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
ANSWER_PROMPT = (
    "✍️ **Your answer:** *(double-click this cell and write your answer here; "
    "the solution sheet has a model answer and the rubric)*"
)
_REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*$\n?", re.M | re.S)


class GeneratorError(Exception):
    """A solution sheet cannot be turned into an exercise sheet (the message says where)."""


def _assigned_names(code: str) -> list[str]:
    """Names a code region assigns at top level, in order of first assignment."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []

    def add(target: ast.AST) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                add(elt)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for t in node.targets:
                add(t)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return names


def stub_code(source: str) -> str:
    """Replace every solution region in a code cell's source by a runnable stub."""
    if BEGIN not in source:
        if END in source:
            raise GeneratorError("an END SOLUTION marker without a BEGIN SOLUTION")
        return source
    if not source.endswith("\n"):
        source += "\n"

    def repl(match: re.Match) -> str:
        indent, body = match.group(1), match.group(2)
        names = _assigned_names(body)
        lines = [f"{indent}{STUB_MARK}"]
        lines += [f"{indent}{name} = ..." for name in names] or [f"{indent}..."]
        return "\n".join(lines) + "\n"

    out = _REGION.sub(repl, source)
    if BEGIN in out or END in out:
        raise GeneratorError("unbalanced BEGIN/END SOLUTION markers")
    return out.rstrip("\n")


def generate_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise version of a solution notebook (a new object; the input is unchanged)."""
    out = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(out.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution-only" in tags:
            continue
        if cell.cell_type == "code":
            try:
                cell.source = stub_code(cell.source)
            except GeneratorError as exc:
                raise GeneratorError(f"cell {index + 1}: {exc}") from None
        elif cell.cell_type == "markdown" and "model-answer" in tags:
            cell.source = ANSWER_PROMPT
            cell.metadata["tags"] = [t for t in tags if t != "model-answer"] + ["answer"]
        cells.append(cell)
    out.cells = cells
    return clean(out, outputs=False)


def _generated(root: Path) -> dict[Path, nbformat.NotebookNode]:
    """The exercise sheet each solution sheet generates, by its path in exercises/."""
    out = {}
    for src in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(src, as_version=4)
        try:
            out[root / "exercises" / src.name] = generate_notebook(nb)
        except GeneratorError as exc:
            raise GeneratorError(f"{src.relative_to(root)}: {exc}") from None
    return out


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def sheet_statuses(root: Path) -> list[SheetStatus]:
    """Every sheet in exercises/ (and every one that should be there) compared with its generated version."""
    root = Path(root)
    generated = _generated(root)
    statuses = []
    for dst, exercise in generated.items():
        if not dst.exists():
            statuses.append(SheetStatus(dst, ["the sheet is missing"]))
        elif dst.read_text(encoding="utf-8") == _text(exercise):
            statuses.append(SheetStatus(dst))
        else:
            stale, work = compare(nbformat.read(dst, as_version=4), exercise)
            statuses.append(SheetStatus(dst, stale, work))
    for extra in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        if extra not in generated:
            statuses.append(SheetStatus(extra, ["there is no solution sheet of this name"]))
    return statuses


def regenerate(root: Path, check_only: bool = False, force: bool = False) -> tuple[list[Path], list[SheetStatus]]:
    """Write every exercise sheet that differs from its generated version; return ``(written, kept)``.

    A sheet holding a student's work is kept as it is (and returned in ``kept``) unless ``force``. With
    ``check_only`` nothing is written: ``written`` lists what would be.
    """
    root = Path(root)
    written: list[Path] = []
    kept: list[SheetStatus] = []
    generated = _generated(root)
    for dst, exercise in generated.items():
        text = _text(exercise)
        if dst.exists() and dst.read_text(encoding="utf-8") == text:
            continue
        if dst.exists() and not force:
            stale, work = compare(nbformat.read(dst, as_version=4), exercise)
            if work:
                kept.append(SheetStatus(dst, stale, work))
                continue
        written.append(dst)
        if not check_only:
            dst.parent.mkdir(exist_ok=True)
            dst.write_text(text, encoding="utf-8")
    for stale in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        if stale not in generated:
            written.append(stale)
            if not check_only:
                stale.unlink()
    return written, kept


def generate_all(root: Path, check_only: bool = False, force: bool = False) -> list[Path]:
    """Regenerate every ``exercises/NN_*.ipynb``; with ``check_only``, return those out of date (sheets holding a
    student's work are left alone unless ``force``: see :func:`regenerate`)."""
    return regenerate(root, check_only=check_only, force=force)[0]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv and not argv[0].startswith("-") else Path.cwd()
    check_only = "--check" in argv
    force = "--force" in argv
    try:
        changed, kept = regenerate(root, check_only=check_only, force=force)
    except GeneratorError as exc:
        print(f"make exercises: {exc}", file=sys.stderr)
        return 2
    verb = "out of date" if check_only else "written"
    for path in changed:
        print(f"{verb}: {path.relative_to(root)}")
    for status in kept:
        work = "; ".join(status.work[:3]) + ("; …" if len(status.work) > 3 else "")
        print("kept: " + keep_work_advice(status.path, root).format(work=work), file=sys.stderr)
    if not changed and not kept:
        print("exercises/ is up to date with solutions/")
    return 1 if (check_only and changed) or kept else 0


if __name__ == "__main__":
    raise SystemExit(main())
