"""Put a marks file into nbgrader's gradebook: all of it, or nothing.

    python -m wmolab.authoring.grading.marks NN_slug marking/NN_slug/marks.csv [--root DIR]

The marks file (written by :mod:`.openanswers`; a spreadsheet saved as CSV will do) has the columns
``student,question,score,comment``. ``question`` is ``04.8`` (or the grade id ``q04_8_open``); ``score`` is a
number from 0 to the question's points (``2.5`` or ``2,5``); a row with neither score nor comment is skipped.
Every row is checked first (known student with a graded submission, known open question, score in range,
no row twice); if one is wrong, the command lists every problem and changes nothing. Otherwise it sets each
score as nbgrader's formgrader does (``Grade.manual_score``, and the answer no longer needs marking) and each
comment (``Comment.manual_comment``), in one transaction. ``nbgrader export`` and ``generate_feedback`` then
include them.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .autograde import make_api
from .openanswers import MARK_FIELDS, open_questions

__all__ = ["Mark", "read_marks", "apply_marks", "MarksError", "main"]


class MarksError(Exception):
    """The marks file has problems; nothing was applied. ``problems`` lists them (one line each)."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s) in the marks file; nothing was applied:\n"
                         + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass
class Mark:
    line: int
    student: str
    grade_id: str
    notebook: str
    score: float | None
    comment: str | None


def _number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def read_marks(path: Path, root: Path, assignment: str) -> list[Mark]:
    """Read and check a marks file against the lesson's open questions (not yet the gradebook)."""
    questions = {q.question: q for q in open_questions(Path(root) / "source" / assignment)}
    by_id = {q.grade_id: q for q in questions.values()}
    problems, marks, seen = [], [], {}
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [f for f in MARK_FIELDS if f not in (reader.fieldnames or [])]
            if missing:
                raise MarksError([f"the file has no column {', '.join(missing)} (it needs {', '.join(MARK_FIELDS)})"])
            rows = list(enumerate(reader, start=2))
    except UnicodeDecodeError:
        raise MarksError(["the file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)"]) from None
    for line, row in rows:
        student = (row.get("student") or "").strip()
        qtext = (row.get("question") or "").strip()
        score_text = (row.get("score") or "").strip()
        comment = (row.get("comment") or "").strip()
        if not score_text and not comment:
            continue
        q = questions.get(qtext) or by_id.get(qtext)
        if q is None:
            problems.append(f"line {line}: {qtext!r} is not an open question of {assignment} "
                            f"(these are: {', '.join(questions) or 'none'})")
            continue
        if not student:
            problems.append(f"line {line}: no student")
            continue
        score = None
        if score_text:
            try:
                score = _number(score_text)
            except ValueError:
                problems.append(f"line {line}: score {score_text!r} is not a number")
                continue
            if not 0 <= score <= q.points:
                problems.append(f"line {line}: score {score:g} for {q.question} is outside 0–{q.points:g}")
                continue
        key = (student, q.grade_id)
        if key in seen:
            problems.append(f"line {line}: {student} / {q.question} again (first on line {seen[key]})")
            continue
        seen[key] = line
        marks.append(Mark(line, student, q.grade_id, q.notebook, score, comment or None))
    if problems:
        raise MarksError(problems)
    return marks


def apply_marks(root: Path, assignment: str, marks_file: Path) -> int:
    """Check the whole marks file against the gradebook, then apply every mark in one commit; return how many."""
    from nbgrader.api import MissingEntry

    marks = read_marks(marks_file, root, assignment)
    api = make_api(Path(root).resolve())
    gb = api.gradebook
    try:
        problems, found = [], []
        for m in marks:
            try:
                grade = gb.find_grade(m.grade_id, m.notebook, assignment, m.student)
                comment = gb.find_comment(m.grade_id, m.notebook, assignment, m.student)
            except MissingEntry:
                problems.append(f"line {m.line}: no graded submission of {assignment} by {m.student!r}")
                continue
            found.append((m, grade, comment))
        if problems:
            raise MarksError(problems)
        try:
            for m, grade, comment in found:
                if m.score is not None:
                    grade.manual_score = m.score
                    grade.needs_manual_grade = False
                if m.comment is not None:
                    comment.manual_comment = m.comment
            gb.db.commit()
        except Exception:
            gb.db.rollback()
            raise
    finally:
        gb.close()
    return len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.grading.marks",
                                     description="Put a marks file into nbgrader's gradebook (all or nothing).")
    parser.add_argument("assignment")
    parser.add_argument("marks_file")
    parser.add_argument("--root", default=os.getcwd(), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    try:
        count = apply_marks(Path(args.root), args.assignment, Path(args.marks_file))
    except MarksError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{count} mark(s) put into the gradebook of {args.assignment}; `nbgrader export` now includes them")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
