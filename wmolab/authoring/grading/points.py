"""The points per lesson, from the marked solution sheets (the table in ``docs/instructors.md``).

    python -m wmolab.authoring.grading.points          # print the table
    python -m wmolab.authoring.grading.points --write  # rewrite it between its markers in docs/instructors.md

``tests/grading/test_points.py`` fails when the guide's table differs from the sheets.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from . import cells as gc

__all__ = ["lesson_points", "points_table", "write_table", "START", "END"]

ROOT = Path(__file__).resolve().parents[3]
START, END = "<!-- points-table:start -->", "<!-- points-table:end -->"


def lesson_points(sheet: Path) -> dict:
    """Self-checked and open questions of one solution sheet, with their points."""
    nb = nbformat.read(sheet, as_version=4)
    auto = [gc.meta(c).get("points", 0) for c in nb.cells if gc.role(c) == "autograder tests"]
    manual = [gc.meta(c).get("points", 0) for c in nb.cells if gc.role(c) == "manually graded answer"]
    return {"lesson": sheet.stem, "checked": len(auto), "auto": sum(auto), "open": len(manual), "manual": sum(manual)}


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def points_table(root: Path = ROOT) -> str:
    rows = [lesson_points(p) for p in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))]
    lines = ["| lesson | self-checked questions | autograded points | open questions | manual points | total |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r['lesson']} | {r['checked']} | {_n(r['auto'])} | {r['open']} | {_n(r['manual'])} | "
              f"{_n(r['auto'] + r['manual'])} |" for r in rows]
    return "\n".join(lines)


def write_table(guide: Path, root: Path = ROOT) -> bool:
    """Rewrite the table between the markers; return whether the guide changed."""
    text = guide.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{points_table(root)}\n{END}{tail}"
    if new != text:
        guide.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--write" in argv:
        changed = write_table(ROOT / "docs" / "instructors.md")
        print("docs/instructors.md: points table " + ("rewritten" if changed else "up to date"))
    else:
        print(points_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
