"""A student's own work in an exercise sheet, told apart from what the author controls (issue 13, item 8).

Students answer in ``exercises/NN_slug.ipynb`` itself (that is where every launch link opens it). Working there
changes the file: answers in the answer cells, outputs and execution counts, metadata JupyterLab saves on its own
(``execution``, ``scrolled``, ``collapsed``, ``jupyter``, a kernel's ``language_info``), maybe a scratch cell.
None of that is the author's business, so:

- :func:`compare` splits the differences between a sheet on disk and the sheet ``make exercises`` generates into
  **stale** (what the author controls and changed: a prompt, a setup cell, the cells, the check calls) and
  **work** (what a student did). The exercise sync test fails only on stale, so a student's work never makes
  ``make test`` fail, and an author who forgot ``make exercises`` is still caught;
- ``make exercises`` (:func:`wmolab.authoring.exercises.generate_all`) never overwrites a sheet that holds work:
  it names the sheet and says how to keep the work; ``make exercises FORCE=1`` overwrites.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = ["STUB_MARK", "STUB_MARKS", "AUTOSAVED_CELL_METADATA", "is_answer_cell", "compare", "SheetStatus",
           "keep_work_advice"]

#: the first line of the stub the generator writes where a solution was
STUB_MARK = "# YOUR CODE HERE"
#: the stub's first line in each language's sheets (the Dutch edition's: ``# JOUW CODE HIER``)
STUB_MARKS = ("# YOUR CODE HERE", "# JOUW CODE HIER")
#: cell metadata that JupyterLab (or the notebook's user) changes while working; never the author's
AUTOSAVED_CELL_METADATA = ("execution", "scrolled", "collapsed", "jupyter", "trusted", "editable", "deletable",
                           "vscode", "pycharm")


def is_answer_cell(cell: nbformat.NotebookNode) -> bool:
    """A cell the student writes in: a code cell with a stub, or the markdown answer cell of an open question."""
    if cell.cell_type == "code":
        return any(mark in cell.source for mark in STUB_MARKS)
    return "answer" in cell.get("metadata", {}).get("tags", [])


def _is_stub_line(text: str) -> bool:
    """A line the generator writes as the stub: the mark, ``...`` or ``name = ...`` (above or below the mark)."""
    return text in STUB_MARKS or text == "..." or text.endswith(" = ...")


def _outside_stub(source: str) -> list[str]:
    """The lines of a generated answer cell that are not the stub (the check call, code before and after it)."""
    return [line.strip() for line in source.splitlines() if line.strip() and not _is_stub_line(line.strip())]


def _is_subsequence(wanted: list[str], lines: list[str]) -> bool:
    it: Iterator[str] = iter(lines)
    return all(any(w == line for line in it) for w in wanted)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def compare(existing: nbformat.NotebookNode, generated: nbformat.NotebookNode) -> tuple[list[str], list[str]]:
    """``(stale, work)``: how ``existing`` differs from ``generated`` in what the author controls, and what of it is a
    student's work. Each is a list of short sentences naming the cell (1-based, as JupyterLab counts)."""
    stale: list[str] = []
    work: list[str] = []
    ids = [c.get("id") for c in generated.cells]
    by_id = {c.get("id"): c for c in existing.cells}
    order = [c.get("id") for c in existing.cells if c.get("id") in ids]
    missing = [i for i in ids if i not in by_id]
    if missing:
        stale.append(f"{len(missing)} cell(s) of the generated sheet are missing (ids {', '.join(missing[:3])})")
    elif order != ids:
        stale.append("the cells are in another order than in the generated sheet")
    for number, cell in enumerate(existing.cells, start=1):
        ref = None if cell.get("id") not in ids else generated.cells[ids.index(cell.get("id"))]
        if ref is None:
            work.append(f"cell {number} was added")
            continue
        if cell.cell_type != ref.cell_type or _tags(cell) != _tags(ref):
            stale.append(f"cell {number}: another kind of cell or other tags")
            continue
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            work.append(f"cell {number} has been run")
        if is_answer_cell(ref):
            if cell.source != ref.source and _outside_stub(cell.source) == _outside_stub(ref.source):
                stale.append(f"cell {number}: the stub differs")
            elif cell.source != ref.source:
                work.append(f"cell {number} holds an answer")
                if ref.cell_type == "code" and not _is_subsequence(
                        _outside_stub(ref.source), [line.strip() for line in cell.source.splitlines()]):
                    stale.append(f"cell {number}: the lines around the answer (such as the check call) differ")
        elif cell.source != ref.source:
            stale.append(f"cell {number}: the text or code differs")
    return stale, work


@dataclass
class SheetStatus:
    """One exercise sheet on disk, compared with the one ``make exercises`` generates."""

    path: Path
    stale: list[str] = field(default_factory=list)
    work: list[str] = field(default_factory=list)

    @property
    def holds_work(self) -> bool:
        return bool(self.work)


def keep_work_advice(path: Path, root: Path) -> str:
    """What a student reads when a sheet holding their work is out of date with the solutions."""
    rel = path.relative_to(root) if path.is_absolute() else path
    copy = f"my_work/{path.name}"
    return (f"{rel} holds your own work ({{work}}), so `make exercises` leaves it as it is. To keep your work and "
            f"get the current sheet: `mkdir -p my_work && cp {rel} {copy}` (my_work/ is yours: git ignores it), then "
            f"`make exercises FORCE=1`. If you never changed this sheet's questions, the course's authors changed "
            "them: your answers are in the copy.")
