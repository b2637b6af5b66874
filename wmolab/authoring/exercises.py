"""Generate the student exercise sheets from the solution sheets (``make exercises``).

``solutions/NN_slug.ipynb`` is the single source of every exercise, and an nbgrader source notebook.
``python -m wmolab.authoring.exercises .`` does two things, in this order:

1. **marks the solution sheets** (:class:`~wmolab.authoring.grading.source.MarkGradingCells`, in place,
   outputs kept): nbgrader metadata on every answer cell, the student's stub above each solution region
   (``answer_1 = ...``), a locked autograder tests cell after each self-check, points on every graded cell;
2. **writes** ``exercises/NN_slug.ipynb``: exactly the sheet ``nbgrader generate_assignment`` releases
   (:mod:`wmolab.authoring.grading.release`): each solution region becomes ``# YOUR CODE HERE``, each model
   answer the answer prompt, hidden tests go, outputs and execution counts go; then the course's clean-up
   (:func:`wmolab.authoring.nbexec.clean`: no widget state, kernelspec ``python3``).

Everything else, including cell ids and tags, is kept, so the two sheets line up.

A sheet in ``exercises/`` that holds a student's own work (answers, outputs, added cells: see
:mod:`wmolab.authoring.sheets`) is never overwritten: ``make exercises`` names it and says how to keep the work;
``make exercises FORCE=1`` (``--force``) overwrites it.
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

from .grading._base import TransformError
from .grading.cells import BEGIN, END, TEXT_STUB
from .grading.clear_solutions import ClearSolutions
from .grading.release import release_notebook
from .grading.source import MarkGradingCells, add_stub_prefix, strip_stub_prefix
from .nbexec import clean, write_notebook
from .sheets import SheetStatus, compare, keep_work_advice

__all__ = ["BEGIN", "END", "stub_code", "generate_notebook", "generate_all", "mark_solutions", "regenerate",
           "sheet_statuses", "ANSWER_PROMPT", "GeneratorError"]

ANSWER_PROMPT = TEXT_STUB
#: A solution sheet that cannot be turned into an exercise sheet (the message says which cell and why).
GeneratorError = TransformError


def stub_code(source: str) -> str:
    """What a student sees of one code cell of the solution sheet (its regions stubbed)."""
    if BEGIN not in source and END not in source:
        return source
    cell = nbformat.v4.new_code_cell(add_stub_prefix(strip_stub_prefix(source.rstrip("\n"))))
    cell.metadata["nbgrader"] = {"solution": True}
    ClearSolutions().cell(cell)
    return cell.source


def mark_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The solution sheet as an nbgrader source notebook (in place; idempotent)."""
    return MarkGradingCells()(nb)


def generate_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise version of a solution notebook (a new object; the input is unchanged)."""
    return clean(release_notebook(mark_notebook(copy.deepcopy(nb))), outputs=False)


def mark_solutions(root: Path, check_only: bool = False) -> list[Path]:
    """Mark every ``solutions/NN_*.ipynb`` in place; with ``check_only``, return those not yet marked."""
    root = Path(root)
    changed = []
    for src in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(src, as_version=4)
        try:
            mark_notebook(nb)
        except GeneratorError as exc:
            raise GeneratorError(f"{src.relative_to(root)}: {exc}") from None
        if src.read_text(encoding="utf-8") != nbformat.writes(nb) + "\n":
            changed.append(src)
            if not check_only:
                write_notebook(nb, src)
    return changed


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
        marked = mark_solutions(root, check_only=check_only)
        changed, kept = regenerate(root, check_only=check_only, force=force)
        changed = marked + changed
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
        print("exercises/ is up to date with solutions/ (and solutions/ carry their nbgrader cells)")
    if not check_only and any(p.parent.name == "solutions" for p in changed):
        print("solutions/ gained grading cells: execute them (python -m wmolab.authoring.nbexec FILES)")
    return 1 if (check_only and changed) or kept else 0


if __name__ == "__main__":
    raise SystemExit(main())
