"""Autograde every submission of one lesson with nbgrader, and report on each (run in the course folder).

    python -m wmolab.authoring.grading.autograde NN_slug [NN_slug ...] [--root DIR] [--student ID] [--timeout S]

For each ``submitted/<student>/NN_slug/`` this command

1. checks the submission first: the notebook is there, is a notebook (valid JSON), and is this lesson's sheet
   (its graded cells are this lesson's). A submission that fails is **not graded** and the report says why
   (nbgrader would stop on it, or grade another lesson's answers);
2. runs nbgrader's own autograde on it (``NbGraderAPI.autograde``, what the formgrader's button runs), one
   submission at a time, so one that breaks nbgrader does not stop the others;
3. reads what nbgrader did (its log, the autograded notebook, the gradebook) and writes one row per submission
   to ``reports/NN_slug-autograde.csv``: status, autograded score, open answers left to mark, and notes
   (a cell stopped by the timeout, an output cut, a graded cell deleted and put back, a copied cell);
4. hashes every file under ``submitted/`` before and after: nothing a student handed in is changed or lost.

It exits 1 when a submission could not be graded (the report says which), 0 otherwise.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import cells as gc

__all__ = ["Outcome", "precheck", "autograde", "hash_tree", "main"]

REPORT_FIELDS = ["student", "status", "auto_score", "auto_max", "open_to_mark", "seconds", "notes"]
_LOG_NOTES = [
    (re.compile(r"Missing grade cell (\S+) encountered"), "graded cell {0} was deleted; nbgrader put it back"),
    (re.compile(r"Cell with id '([^']+)' exists multiple times"), "cell {0} appears twice (copied); "
                                                                  "the last copy was graded"),
    (re.compile(r"Attribute 'cell_type' for cell (\S+) has changed"), "cell {0} had its type changed; restored"),
]


@dataclass
class Outcome:
    """What happened to one submission."""

    student: str
    status: str = "graded"              # graded | not graded
    auto_score: float = 0.0
    auto_max: float = 0.0
    open_to_mark: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def row(self) -> dict:
        return {"student": self.student, "status": self.status, "auto_score": f"{self.auto_score:g}",
                "auto_max": f"{self.auto_max:g}", "open_to_mark": self.open_to_mark,
                "seconds": f"{self.seconds:.1f}", "notes": "; ".join(self.notes)}


def hash_tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    folder = Path(folder)
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _grade_ids(nb: nbformat.NotebookNode) -> list[str]:
    return [gc.meta(c)["grade_id"] for c in nb.cells if gc.meta(c).get("grade_id")]


def precheck(folder: Path, sources: dict[str, nbformat.NotebookNode]) -> str:
    """Why the submission in ``folder`` cannot be graded, or "" when it can.

    ``sources`` maps each notebook name of the lesson (file stem) to its source notebook.
    """
    for name, source in sources.items():
        path = folder / f"{name}.ipynb"
        if not path.exists():
            others = sorted(p.name for p in folder.glob("*.ipynb"))
            return f"no {path.name} in the submission" + (f" (it has {', '.join(others)})" if others else "")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            return f"{path.name} is not a text file (not a notebook)"
        except json.JSONDecodeError as exc:
            return f"{path.name} is not a notebook: not valid JSON (line {exc.lineno}, column {exc.colno})"
        try:
            nb = nbformat.from_dict(raw)
            nbformat.validate(nb)
        except Exception as exc:  # nbformat raises several kinds
            return f"{path.name} is not a valid notebook ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
        order = _grade_ids(source)
        found = set(_grade_ids(nb))
        lesson = name[:2]
        foreign = sorted({gid[1:3] for gid in found if re.match(r"^q\d{2}_", gid)} - {lesson})
        if not found & set(order):
            if not found:
                return (f"{path.name} has none of the sheet's answer cells (a new notebook, or cells copied "
                        "without their nbgrader data): ask for the sheet itself")
            where = f"lesson {', '.join(foreign)}" if foreign else "another sheet"
            return f"{path.name} holds the sheet of {where}, not of lesson {lesson}"
        # nbgrader puts a deleted graded cell back after the cell before it, which must still be there
        graded = {gc.meta(c)["grade_id"] for c in source.cells if gc.is_grade(c)}
        for before, gid in zip(order, order[1:]):
            if gid in graded and gid not in found and before not in found:
                return (f"{path.name}: cells {before} and {gid} were both deleted, and nbgrader cannot put "
                        "them back; ask for the sheet again")
    return ""


def _notes_from_log(log: str) -> list[str]:
    notes = []
    for pattern, text in _LOG_NOTES:
        for match in pattern.finditer(log or ""):
            note = text.format(*match.groups())
            if note not in notes:
                notes.append(note)
    return notes


def _notes_from_notebook(path: Path) -> list[str]:
    """Timeouts and cut outputs, read from the autograded notebook."""
    if not path.exists():
        return []
    nb = nbformat.read(path, as_version=4)
    notes, question = [], ""
    for index, cell in enumerate(nb.cells, start=1):
        gid = gc.meta(cell).get("grade_id", "")
        if gid.startswith("q"):
            question = gc.question_of(gid)
        if cell.cell_type != "code":
            continue
        where = f"cell {index}" + (f" (near {question})" if question else "")
        for out in cell.outputs:
            if out.output_type == "error" and out.get("ename") == "CellTimeoutError":
                notes.append(f"{where} ran past the time limit and was stopped")
            text = out.get("text", "") if out.output_type == "stream" else ""
            if "Output truncated" in text:
                notes.append(f"{where}: its output was cut")
    return list(dict.fromkeys(notes))


def _scores(api, assignment: str, student: str) -> tuple[float, float, int]:
    """(autograded score, autograded maximum, open answers still to mark) from the gradebook."""
    auto = top = 0.0
    to_mark = 0
    with api.gradebook as gb:
        submission = gb.find_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell.cell_type == "code":
                    auto += grade.auto_score or 0.0
                    top += grade.max_score
                elif grade.needs_manual_grade:
                    to_mark += 1
    return auto, top, to_mark


def _register(api, assignment: str, student: str) -> bool:
    """Put a student whose hand-in was refused into the gradebook (so the export lists them, with 0).

    Returns whether the gradebook already holds a graded submission of theirs for this lesson.
    """
    from nbgrader.api import MissingEntry

    with api.gradebook as gb:
        gb.update_or_create_student(student)
        try:
            gb.find_submission(assignment, student)
        except MissingEntry:
            return False
    return True


def make_api(root: Path, timeout: int | None = None):
    """nbgrader's API for the course folder ``root``, with the config nbgrader itself would load there."""
    import logging
    import warnings

    from nbgrader.apps import NbGraderAPI
    from nbgrader.apps.baseapp import NbGrader
    from sqlalchemy.exc import SAWarning

    # nbgrader 0.9's gradebook code trips SQLAlchemy 2's autoflush warnings; they are about nbgrader, not the class
    warnings.filterwarnings("ignore", category=SAWarning)
    # the cells nbgrader puts back (OverwriteCells.add_missing_cells) have no cell id; nbformat warns on writing
    warnings.filterwarnings("ignore", message="Cell is missing an id field")
    # nbgrader runs the `alembic` command next to this Python to create a gradebook: find it without a PATH
    here = str(Path(sys.executable).parent)
    if here not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = here + os.pathsep + os.environ.get("PATH", "")
    app = NbGrader(log_level=logging.ERROR)  # it looks for a config in the working folder too, and says so
    app.initialize([], root=str(root))
    config = app.config
    config.CourseDirectory.root = str(root)
    if timeout is not None:
        config.Execute.timeout = timeout
    return NbGraderAPI(config=config)


def autograde(root: Path, assignment: str, students: list[str] | None = None, timeout: int | None = None,
              log=print) -> list[Outcome]:
    """Autograde the submissions of ``assignment`` in the course folder ``root``; one :class:`Outcome` each."""
    root = Path(root).resolve()
    submitted = root / "submitted"
    source_dir = root / "source" / assignment
    sources = {p.stem: nbformat.read(p, as_version=4) for p in sorted(source_dir.glob("*.ipynb"))}
    if not sources:
        raise SystemExit(f"no source notebooks in {source_dir}: set up the course folder first")
    folders = sorted(p for p in submitted.glob(f"*/{assignment}") if p.is_dir()) if submitted.exists() else []
    if students:
        folders = [f for f in folders if f.parent.name in students]
    before = hash_tree(submitted) if submitted.exists() else {}
    api = make_api(root, timeout) if folders else None
    outcomes = []
    for folder in folders:
        student = folder.parent.name
        outcome = Outcome(student)
        start = time.perf_counter()
        reason = precheck(folder, sources)
        if reason:
            outcome.status, outcome.notes = "not graded", [reason]
            if _register(api, assignment, student):
                outcome.notes.append("the gradebook keeps the score of an earlier submission")
        else:
            result = api.autograde(assignment, student, force=True, create=True)
            outcome.notes += _notes_from_log(result.get("log", ""))
            if not result.get("success"):
                last = (result.get("error") or result.get("log") or "").strip().splitlines()[-1:]
                outcome.status = "not graded"
                outcome.notes.append("nbgrader could not grade it: " + (last[0][:200] if last else "no message"))
            else:
                for name in sources:
                    outcome.notes += _notes_from_notebook(root / "autograded" / student / assignment / f"{name}.ipynb")
                outcome.auto_score, outcome.auto_max, outcome.open_to_mark = _scores(api, assignment, student)
        outcome.seconds = time.perf_counter() - start
        log(f"{student}: {outcome.status}, {outcome.auto_score:g}/{outcome.auto_max:g} autograded"
            + (f"; {outcome.open_to_mark} open answer(s) to mark" if outcome.open_to_mark else "")
            + (f" — {'; '.join(outcome.notes)}" if outcome.notes else ""))
        outcomes.append(outcome)
    after = hash_tree(submitted) if submitted.exists() else {}
    changed = sorted(k for k in before if before[k] != after.get(k))
    if changed:
        raise RuntimeError(f"files under submitted/ changed or vanished while grading: {', '.join(changed[:5])}")
    return outcomes


def write_report(outcomes: list[Outcome], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=REPORT_FIELDS)
        writer.writeheader()
        writer.writerows(o.row() for o in outcomes)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.grading.autograde",
                                     description="nbgrader's autograde for every submission, with a report.")
    parser.add_argument("assignment", nargs="+", help="the lesson(s), e.g. 03_steering_perspectives")
    parser.add_argument("--root", default=os.getcwd(), help="the course folder (default: here)")
    parser.add_argument("--student", action="append", help="only this student; repeat for more")
    parser.add_argument("--timeout", type=int, help="seconds a cell may run (default: the course config's)")
    args = parser.parse_args(argv)
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        print("nbgrader is not installed here: pip install nbgrader==0.9.6 (it is in requirements/test.txt)",
              file=sys.stderr)
        return 2
    root = Path(args.root).resolve()
    bad = []
    for assignment in args.assignment:
        print(f"{assignment}:")
        outcomes = autograde(root, assignment, args.student, args.timeout, log=lambda line: print("  " + line))
        report = write_report(outcomes, root / "reports" / f"{assignment}-autograde.csv")
        bad += [o for o in outcomes if o.status != "graded"]
        print(f"  {len(outcomes)} submission(s), {sum(o.status == 'graded' for o in outcomes)} graded; "
              f"submitted/ unchanged; report: {report.relative_to(root)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
