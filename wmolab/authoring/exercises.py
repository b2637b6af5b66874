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

__all__ = ["BEGIN", "END", "stub_code", "generate_notebook", "generate_all", "ANSWER_PROMPT", "GeneratorError"]

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
        lines = [f"{indent}# YOUR CODE HERE"]
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


def generate_all(root: Path, check_only: bool = False) -> list[Path]:
    """Regenerate every ``exercises/NN_*.ipynb``; with ``check_only``, return those out of date."""
    root = Path(root)
    changed = []
    wanted = set()
    for src in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(src, as_version=4)
        try:
            exercise = generate_notebook(nb)
        except GeneratorError as exc:
            raise GeneratorError(f"{src.relative_to(root)}: {exc}") from None
        dst = root / "exercises" / src.name
        wanted.add(dst.name)
        text = nbformat.writes(exercise) + "\n"
        if not dst.exists() or dst.read_text(encoding="utf-8") != text:
            changed.append(dst)
            if not check_only:
                dst.parent.mkdir(exist_ok=True)
                dst.write_text(text, encoding="utf-8")
    for stale in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        if stale.name not in wanted:
            changed.append(stale)
            if not check_only:
                stale.unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv and not argv[0].startswith("-") else Path.cwd()
    check_only = "--check" in argv
    try:
        changed = generate_all(root, check_only=check_only)
    except GeneratorError as exc:
        print(f"make exercises: {exc}", file=sys.stderr)
        return 2
    verb = "out of date" if check_only else "written"
    for path in changed:
        print(f"{verb}: {path.relative_to(root)}")
    if not changed:
        print("exercises/ is up to date with solutions/")
    return 1 if (check_only and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
