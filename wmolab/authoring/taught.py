"""Taught before used: the Python a sheet's solutions need, against what the lessons up to it show (authors only).

    .venv/bin/python -m wmolab.authoring.taught            # every sheet: what its solutions use that no lesson shows
    .venv/bin/python -m wmolab.authoring.taught 03 --all   # also what is used and where it is first shown

A student can only write what the course has shown. :func:`constructs` reads code with ``ast`` and names each
construct it uses:

- a function called by name: ``round()``, ``load()``, ``dominant()``;
- a method or attribute: ``.mean()``, ``.groupby()``, ``.loc``, ``.index``, ``.str.contains()``;
- an operator: ``+ - * / // % **``, a comparison ``== != < <= > >= in``, the mask operators ``& | ~``;
- a way of selecting: ``[key]`` (one column or item), ``[[columns]]`` (a list of columns), ``[mask]`` (rows where
  a condition holds), ``[a:b]`` (a slice);
- the rest of the syntax a sheet may need: ``{key: value}`` (a dictionary), ``[x for x in ...]`` and the other
  comprehensions, ``lambda``, ``f"..."``, ``for``, ``if``, ``... if ... else ...``, ``def``, ``import``.

A sheet ``NN`` *needs* the constructs in its solution regions (``### BEGIN SOLUTION`` … ``### END SOLUTION``): what a
student writes. The lessons ``00`` … ``NN`` *show* the constructs in their code cells. The difference is what the
sheet asks for but no lesson has shown (:func:`untaught`); ``tests/notebooks/test_taught.py`` fails on it. Keyword
arguments and variable names are not constructs. Every construct a sheet uses is also in the one-page reference
``docs/python-reference.md`` (its index, *Everything on this page*), which the sheets link to.
"""
from __future__ import annotations

import ast
import re
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

import nbformat

from .exercises import BEGIN, END

__all__ = ["constructs", "solution_regions", "needed", "shown", "untaught", "main"]

ROOT = Path(__file__).resolve().parents[2]
_REGION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[ \t]*\n(.*?)^[ \t]*{re.escape(END)}", re.M | re.S)
_QUESTION = re.compile(r"""\bcheck\(\s*["'](\d{2}\.\d{1,2})["']""")
_ACCESSORS = {"str", "dt", "cat"}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
           ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|"}
_COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in",
            ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
_SYNTAX = {ast.Lambda: "lambda", ast.ListComp: "[x for x in ...]", ast.DictComp: "{k: v for k in ...}",
           ast.SetComp: "{x for x in ...}", ast.GeneratorExp: "(x for x in ...)", ast.Dict: "{key: value}",
           ast.For: "for", ast.If: "if", ast.IfExp: "... if ... else ...", ast.JoinedStr: 'f"..."',
           ast.FunctionDef: "def", ast.Import: "import", ast.ImportFrom: "import", ast.While: "while"}


def _is_mask(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr in ("isin", "between", "contains", "notna", "isna", "startswith")


def constructs(code: str) -> set[str]:
    """The constructs ``code`` uses (see the module docstring); IPython magics and unparsable code give none.

    >>> sorted(constructs('laws.loc[laws["domain"] == "youth", "passed_ek"].iloc[0]'))
    ['.iloc', '.loc', '==', '[key]', '[mask]']
    >>> sorted(constructs('shares = {k: round(v, 1) for k, v in plans[["pa", "sr"]].mean().items()}'))
    ['.items()', '.mean()', '[[columns]]', 'round()', '{k: v for k in ...}']
    """
    lines = [line for line in textwrap.dedent(code).splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            out.add(f"{node.func.id}()")
        elif isinstance(node, ast.Attribute):
            if node.attr in _ACCESSORS and id(node) not in called:
                continue  # .str, .dt: named together with the method they lead to
            prefix = f".{node.value.attr}" if isinstance(node.value, ast.Attribute) and \
                node.value.attr in _ACCESSORS else ""
            out.add(f"{prefix}.{node.attr}" + ("()" if id(node) in called else ""))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            out.add(_BINOPS[type(node.op)])
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            out.add("~")
        elif isinstance(node, ast.Compare):
            out |= {_COMPARE[type(op)] for op in node.ops}
        elif isinstance(node, ast.Subscript):
            index = node.slice
            if isinstance(index, ast.Tuple):  # .loc[rows, columns]
                parts = index.elts
            else:
                parts = [index]
            for part in parts:
                if isinstance(part, ast.List):
                    out.add("[[columns]]")
                elif _is_mask(part):
                    out.add("[mask]")
                elif isinstance(part, ast.Slice):
                    out.add("[a:b]")
                else:
                    out.add("[key]")
        if type(node) in _SYNTAX:
            out.add(_SYNTAX[type(node)])
    return out


def solution_regions(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """``(question, code)`` for every solution region of a sheet (question ``"?"`` where the cell checks none)."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        found = _QUESTION.search(cell.source)
        for region in _REGION.findall(cell.source):
            out.append((found.group(1) if found else "?", region))
    return out


def needed(sheet: Path) -> dict[str, list[str]]:
    """Construct → the questions of ``sheet`` whose solutions use it."""
    out: dict[str, list[str]] = {}
    for question, code in solution_regions(nbformat.read(sheet, as_version=4)):
        for item in sorted(constructs(code)):
            out.setdefault(item, [])
            if question not in out[item]:
                out[item].append(question)
    return out


def shown(lessons: Iterable[Path]) -> dict[str, str]:
    """Construct → the first lesson (``"00"``…) whose code cells show it, over ``lessons`` in order."""
    out: dict[str, str] = {}
    for lesson in lessons:
        nb = nbformat.read(lesson, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                for item in constructs(cell.source):
                    out.setdefault(item, lesson.name[:2])
    return out


def untaught(nn: str, root: Path = ROOT) -> dict[str, list[str]]:
    """What sheet ``nn``'s solutions use that no lesson ``00`` … ``nn`` shows: construct → questions."""
    lessons = sorted(p for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb") if p.name[:2] <= nn)
    taught = shown(lessons)
    [sheet] = sorted((root / "solutions").glob(f"{nn}_*.ipynb"))
    return {item: qs for item, qs in needed(sheet).items() if item not in taught}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    everything = "--all" in argv
    sheets = [a for a in argv if not a.startswith("-")] or \
        sorted(p.name[:2] for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
    missing = 0
    for nn in sheets:
        gaps = untaught(nn)
        missing += len(gaps)
        print(f"sheet {nn}: {len(gaps)} construct(s) used but shown in no lesson 00-{nn}"
              + (": " + ", ".join(f"{k} ({', '.join(v)})" for k, v in gaps.items()) if gaps else ""))
        if everything:
            [sheet] = sorted((ROOT / "solutions").glob(f"{nn}_*.ipynb"))
            taught = shown(sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if p.name[:2] <= nn))
            for item, qs in needed(sheet).items():
                print(f"  {item:24} used in {', '.join(qs):20} shown in lesson {taught.get(item, '—')}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
