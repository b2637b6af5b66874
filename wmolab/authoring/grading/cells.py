"""The nbgrader vocabulary of the course: cell roles, grade ids, points, stubs and checksums.

The course's sheets use three kinds of nbgrader cell (nbgrader's own names):

- **autograded answer**: a code cell with a solution region and a self-check (``solution``, not ``grade``);
  its grade id is ``qNN_k`` (question ``NN.k``, from the ``check("NN.k", …)`` call);
- **autograder tests**: the locked code cell after it (``grade``, ``locked``, ``points``), grade id
  ``qNN_k_test``; its hidden part calls :func:`wmolab.grading.verify`;
- **manually graded answer**: the model-answer markdown cell of an open question (``solution`` and
  ``grade``, ``points`` from its rubric), grade id ``qNN_k_open``.

This module needs no nbgrader: ``make exercises`` runs without it. :func:`checksum` is nbgrader's
``utils.compute_checksum``, rewritten (``tests/authoring/test_grading_source.py`` compares the two).
"""
from __future__ import annotations

import hashlib
import re
from typing import Any

import nbformat

__all__ = [
    "BEGIN", "END", "BEGIN_HIDDEN", "END_HIDDEN", "CODE_STUB", "CODE_STUB_NL", "CODE_STUBS", "TEXT_STUB",
    "TEXT_STUB_NL", "TEXT_STUBS", "language",
    "DEFAULT_AUTO_POINTS",
    "SCHEMA_VERSION", "QUESTION", "CHECK_CALL", "meta", "is_solution", "is_grade", "is_locked", "role",
    "set_role", "checksum", "grade_id", "question_of", "rubric_points", "points_of_rubric_line",
]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: What replaces a solution region in the student's sheet (nbgrader: ``ClearSolutions.code_stub``). The
#: names the student must fill in (``answer_1 = ...``) are written above the region in the solution itself.
CODE_STUB = "# YOUR CODE HERE"
#: the same in the Dutch edition's sheets
CODE_STUB_NL = "# JOUW CODE HIER"
CODE_STUBS = {"en": CODE_STUB, "nl": CODE_STUB_NL}
#: What replaces a model answer in the student's sheet (nbgrader: ``ClearSolutions.text_stub``).
TEXT_STUB = (
    "✍️ **Your answer:** *(double-click this cell and write your answer here; "
    "the solution sheet has a model answer and the rubric)*"
)
#: The same prompt in the Dutch edition (a notebook whose metadata says ``"language": "nl"``).
TEXT_STUB_NL = (
    "✍️ **Jouw antwoord:** *(dubbelklik op deze cel en schrijf hier je antwoord; "
    "het uitwerkingenblad heeft een modelantwoord en de rubric)*"
)
TEXT_STUBS = {"en": TEXT_STUB, "nl": TEXT_STUB_NL}


def language(nb) -> str:
    """The language of a sheet: ``"nl"`` for the Dutch edition's (its metadata), else ``"en"``."""
    return "nl" if nb.get("metadata", {}).get("language") == "nl" else "en"


#: Points of a self-checked question whose key names none (``keys add … --points N`` sets them).
DEFAULT_AUTO_POINTS = 1
SCHEMA_VERSION = 3
#: a question's heading; the Dutch edition's is "## Vraag NN.k"
QUESTION = re.compile(r"^#{2,3} (?:Question|Vraag) (\d{2})\.(\d{1,2})\b", re.M)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d{2}\.\d{1,2})["']""")
_RUBRIC = re.compile(r"\*\*Rubric\.?\*\*\.?")
#: "(2 points)", in the Dutch edition "(2 punten)", "(1 punt)"
_RUBRIC_TOTAL = re.compile(r"^\s*\((\d+(?:\.\d+)?)\s+(?:points?|punten|punt)\b")
_BULLET_POINTS = re.compile(r"\((\d+(?:\.\d+)?)\s+(?:points?|punten|punt)\)")
_BULLET = re.compile(r"^[-*] ")


def meta(cell: nbformat.NotebookNode) -> dict[str, Any]:
    """The cell's nbgrader metadata ({} when it has none)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_solution(cell) -> bool:
    return bool(meta(cell).get("solution", False))


def is_grade(cell) -> bool:
    return bool(meta(cell).get("grade", False))


def is_locked(cell) -> bool:
    """nbgrader's reading: a solution cell is never locked, a grade cell always."""
    if not meta(cell) or is_solution(cell):
        return False
    return True if is_grade(cell) else bool(meta(cell).get("locked", False))


def role(cell) -> str:
    """``"autograded answer"``, ``"autograder tests"``, ``"manually graded answer"``, ``"read-only"`` or ``""``."""
    m = meta(cell)
    if not m:
        return ""
    if m.get("solution") and m.get("grade"):
        return "manually graded answer"
    if m.get("solution"):
        return "autograded answer"
    if m.get("grade"):
        return "autograder tests"
    return "read-only" if m.get("locked") else ""


def set_role(cell, kind: str, gid: str, points: float | None = None) -> None:
    """Write the nbgrader metadata of one of the three kinds (replacing any there was)."""
    flags = {"autograded answer": (False, True, False), "autograder tests": (True, False, True),
             "manually graded answer": (True, True, False)}[kind]
    grade, solution, locked = flags
    new: dict[str, Any] = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": SCHEMA_VERSION,
                           "solution": solution, "task": False}
    if grade:
        new["points"] = points
    cell.metadata["nbgrader"] = new


def checksum(cell) -> str:
    """nbgrader's checksum of a graded, solution or locked cell (what ``ComputeChecksums`` stores)."""
    m = hashlib.md5()
    for part in (cell.source, cell.cell_type, str(is_grade(cell)), str(is_solution(cell)), str(is_locked(cell)),
                 meta(cell)["grade_id"]):
        m.update(part.encode("utf-8"))
    if is_grade(cell):
        m.update(str(float(meta(cell)["points"])).encode("utf-8"))
    return m.hexdigest()


def grade_id(question: str, part: str = "") -> str:
    """``grade_id("03.1")`` → ``"q03_1"``; ``grade_id("03.1", "test")`` → ``"q03_1_test"``."""
    return "q" + question.replace(".", "_") + (f"_{part}" if part else "")


def question_of(gid: str) -> str:
    """The question a grade id belongs to: ``"q03_7_open"`` → ``"03.7"``."""
    match = re.match(r"^q(\d{2})_(\d{1,2})", gid)
    if not match:
        raise ValueError(f"not a course grade id: {gid!r}")
    return f"{match.group(1)}.{match.group(2)}"


def points_of_rubric_line(line: str) -> float:
    """The points of one rubric bullet: its ``(N points)``, or 1."""
    found = _BULLET_POINTS.findall(line)
    return float(sum(float(n) for n in found)) if found else 1.0


def rubric_points(markdown: str) -> float:
    """The points of an open question, read from its rubric.

    ``**Rubric** (10 points …)`` gives the total; otherwise each bullet counts its ``(N points)``, or 1 point.
    A bullet's continuation lines (indented) belong to it.

    >>> rubric_points("**Model answer.** …\\n\\n**Rubric.**\\n- names A (2 points);\\n- names B;\\n  and C.")
    3.0
    """
    match = _RUBRIC.search(markdown)
    if not match:
        raise ValueError("a model answer needs a **Rubric.** with bullet points")
    rest = markdown[match.end():]
    total = _RUBRIC_TOTAL.match(rest)
    if total:
        return float(total.group(1))
    bullets: list[str] = []
    for line in rest.splitlines():
        if _BULLET.match(line):
            bullets.append(line)
        elif bullets and line.startswith((" ", "\t")) and line.strip():
            bullets[-1] += " " + line.strip()
    if not bullets:
        raise ValueError("the rubric has no bullet points")
    return float(sum(points_of_rubric_line(b) for b in bullets))
