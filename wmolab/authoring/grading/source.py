"""Make a solution sheet an nbgrader source notebook (run by ``make exercises``, before the generator).

Authors write solution sheets as ``docs/authoring.md`` says; this transformation adds what nbgrader needs,
and is idempotent (run it twice, nothing changes; change a question, run it, the grading cells follow):

- a code cell with a solution region becomes an **autograded answer** (grade id ``qNN_k`` from its
  ``check("NN.k", …)``), and the student's stub is written above the region (``answer_1 = ...`` for each name
  the region assigns), so nbgrader's one fixed code stub (``# YOUR CODE HERE``) leaves a runnable sheet;
- after it comes one locked **autograder tests** cell per self-check (``qNN_k_test``, points from the key or
  :data:`~wmolab.authoring.grading.cells.DEFAULT_AUTO_POINTS`), whose hidden part verifies the answer
  variable with :func:`wmolab.grading.verify`;
- a markdown cell tagged ``model-answer`` becomes a **manually graded answer** (``qNN_k_open``, points from
  its rubric); the tag becomes ``answer``, because nbgrader keeps tags and the student's sheet carries this one.

A cell tagged ``solution-only`` cannot be kept out of nbgrader's student version, so it is refused.
Existing test cells keep their cell ids and outputs, so an executed sheet stays executed.
"""
from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

import nbformat

from ...checks import KEYS_DIR
from . import cells as gc
from ._base import Setting, Transform, TransformError

__all__ = ["MarkGradingCells", "assigned_names", "strip_stub_prefix", "test_source", "check_targets"]

_STUB_LINE = re.compile(r"^[ \t]*[A-Za-z_]\w* = \.\.\.[ \t]*$")


def assigned_names(code: str) -> list[str]:
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


def strip_stub_prefix(source: str) -> str:
    """The author's cell: ``source`` without the ``name = ...`` lines written right above each region."""
    out: list[str] = []
    for line in source.split("\n"):
        if line.strip() == gc.BEGIN:
            while out and _STUB_LINE.match(out[-1]):
                out.pop()
        out.append(line)
    return "\n".join(out)


def add_stub_prefix(source: str) -> str:
    """Write ``name = ...`` above each region for every name it assigns (``...`` alone if it assigns none)."""
    lines = source.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == gc.BEGIN:
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == gc.END), None)
            if end is None:
                raise TransformError("a BEGIN SOLUTION marker without an END SOLUTION")
            indent = line[: len(line) - len(line.lstrip())]
            names = assigned_names("\n".join(lines[i + 1:end]))
            out += [f"{indent}{name} = ..." for name in names] or [f"{indent}..."]
            out += lines[i:end + 1]
            i = end + 1
            continue
        if line.strip() == gc.END:
            raise TransformError("an END SOLUTION marker without a BEGIN SOLUTION")
        out.append(line)
        i += 1
    return "\n".join(out)


def check_targets(source: str) -> list[tuple[str, str]]:
    """``(question, answer expression)`` of every ``check("NN.k", answer)`` call in a code cell, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise TransformError(f"the cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            if len(node.args) < 2:
                raise TransformError(f"check({node.args[0].value!r}) has no answer to check")
            found.append((node.lineno, node.col_offset, node.args[0].value,
                          ast.get_source_segment(source, node.args[1])))
    return [(q, expr) for _, _, q, expr in sorted(found)]


def _points_text(points: float, lang: str = "en") -> str:
    n = int(points) if float(points).is_integer() else points
    if lang == "nl":
        return f"{n} punt" + ("" if n == 1 else "en")
    return f"{n} point" + ("" if n == 1 else "s")


#: the visible lines of a grading cell, per language
_TEST_COMMENT = {
    "en": ["# {question} · grading cell ({points}). Leave it as it is: when your instructor grades this",
           "# sheet with nbgrader, the answer above is checked here. Running it yourself changes nothing."],
    "nl": ["# {question} · nakijkcel ({points}). Laat deze cel zoals ze is: als je docent dit blad nakijkt met",
           "# nbgrader, wordt je antwoord hierboven hier gecontroleerd. Zelf uitvoeren verandert niets."],
}


def test_source(question: str, expression: str, points: float, lang: str = "en") -> str:
    """The autograder tests cell of one self-check (visible comment, hidden verification)."""
    return "\n".join([
        *(line.format(question=question, points=_points_text(points, lang)) for line in _TEST_COMMENT[lang]),
        gc.BEGIN_HIDDEN,
        "import importlib, wmolab.grading",
        f'_ok, _feedback = importlib.reload(wmolab.grading).verify("{question}", {expression})',
        "if not _ok:",
        "    raise AssertionError(_feedback)",
        gc.END_HIDDEN,
    ])


def _whole(points: float) -> float | int:
    return int(points) if float(points).is_integer() else float(points)


class MarkGradingCells(Transform):
    """Write the nbgrader metadata, the stubs and the autograder tests into a solution sheet (idempotent)."""

    keys_dir = Setting(None, "folder of the NN.json key files (default: the installed wmolab/keys)")
    default_points = Setting(gc.DEFAULT_AUTO_POINTS, "points of a self-checked question whose key names none")

    def _points(self, question: str) -> float:
        path = Path(self.keys_dir or KEYS_DIR) / f"{question[:2]}.json"
        keys = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return _whole(keys.get(question, {}).get("points", self.default_points))

    def notebook(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        self._lang = gc.language(nb)
        old_tests = {gc.meta(c)["grade_id"]: c for c in nb.cells if gc.role(c) == "autograder tests"}
        cells, seen = [], {}
        question = ""
        for index, cell in enumerate(c for c in nb.cells if gc.role(c) != "autograder tests"):
            where = f"cell {index + 1}"
            tags = cell.get("metadata", {}).get("tags", [])
            if "solution-only" in tags:
                raise TransformError(
                    f"{where}: a cell tagged solution-only cannot be left out of nbgrader's student version; "
                    "move its content into the model answer or into a solution region")
            made: list[nbformat.NotebookNode] = [cell]
            if cell.cell_type == "markdown":
                found = gc.QUESTION.findall(cell.source)
                if found:
                    question = "{}.{}".format(*found[-1])
                if "model-answer" in tags or gc.role(cell) == "manually graded answer":
                    if not question:
                        raise TransformError(f"{where}: a model answer before the first '## Question NN.k'")
                    try:
                        points = _whole(gc.rubric_points(cell.source))
                    except ValueError as exc:
                        raise TransformError(f"{where} (question {question}): {exc}") from None
                    gc.set_role(cell, "manually graded answer", gc.grade_id(question, "open"), points)
                    cell.metadata["tags"] = [t for t in tags if t != "model-answer"] + \
                        ([] if "answer" in tags else ["answer"])
                else:
                    cell.metadata.pop("nbgrader", None)
            elif cell.cell_type == "code" and (gc.BEGIN in cell.source or gc.END in cell.source):
                try:
                    cell.source = add_stub_prefix(strip_stub_prefix(cell.source))
                    targets = check_targets(cell.source)
                except TransformError as exc:
                    raise TransformError(f"{where}: {exc}") from None
                gid = gc.grade_id(targets[0][0]) if targets else gc.grade_id(question or "00.0", "code")
                gc.set_role(cell, "autograded answer", gid)
                for q, expr in targets:
                    made.append(self._test_cell(q, expr, old_tests))
            else:
                cell.metadata.pop("nbgrader", None)
            for c in made:
                gid = gc.meta(c).get("grade_id")
                if gid:
                    if gid in seen:
                        raise TransformError(f"{where}: grade id {gid} twice (question numbers repeat?)")
                    seen[gid] = c
            cells += made
        nb.cells = cells
        return nb

    def _test_cell(self, question: str, expression: str, old: dict) -> nbformat.NotebookNode:
        gid = gc.grade_id(question, "test")
        points = self._points(question)
        cell = old.get(gid) or nbformat.v4.new_code_cell(id=gid)
        cell.source = test_source(question, expression, points, getattr(self, "_lang", "en"))
        gc.set_role(cell, "autograder tests", gid, points)
        return cell
