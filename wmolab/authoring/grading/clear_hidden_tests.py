"""nbgrader's ``ClearHiddenTests``: the hidden part of an autograder tests cell leaves the student's sheet."""
from __future__ import annotations

from . import cells as gc
from ._base import Transform, TransformError


class ClearHiddenTests(Transform):
    def cell(self, cell) -> None:
        out, inside, removed = [], False, False
        for line in cell.source.split("\n"):
            if "BEGIN HIDDEN TESTS" in line:
                if inside:
                    raise TransformError("nested BEGIN HIDDEN TESTS markers")
                inside = removed = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif not inside:
                out.append(line)
        if inside:
            raise TransformError("a BEGIN HIDDEN TESTS marker without an END HIDDEN TESTS")
        if removed and not gc.is_grade(cell):
            raise TransformError("hidden tests in a cell that is not an autograder tests cell")
        cell.source = "\n".join(out)
