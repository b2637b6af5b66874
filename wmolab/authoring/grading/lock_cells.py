"""nbgrader's ``LockCells`` for the student's sheet: graded and answer cells cannot be deleted, tests not edited."""
from __future__ import annotations

from . import cells as gc
from ._base import Setting, Transform


class LockCells(Transform):
    """Mark cells non-deletable (and test cells non-editable) in the notebook metadata, as nbgrader does."""

    lock_solution_cells = Setting(True, "answer cells cannot be deleted (nbgrader: LockCells.lock_solution_cells)")
    lock_grade_cells = Setting(True, "graded cells cannot be deleted or edited (LockCells.lock_grade_cells)")

    def cell(self, cell) -> None:
        if gc.is_solution(cell) and (self.lock_solution_cells or (self.lock_grade_cells and gc.is_grade(cell))):
            cell.metadata["deletable"] = False
        elif self.lock_grade_cells and gc.is_grade(cell):
            cell.metadata["deletable"] = False
            cell.metadata["editable"] = False
        elif gc.is_locked(cell):
            cell.metadata["deletable"] = False
            cell.metadata["editable"] = False
