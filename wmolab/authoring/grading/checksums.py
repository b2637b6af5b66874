"""nbgrader's ``ComputeChecksums`` for the student's sheet.

The checksum of an answer cell is how nbgrader recognises an untouched one (an open answer left as the prompt
scores 0 without a grader looking at it).
"""
from __future__ import annotations

from . import cells as gc
from ._base import Transform


class ComputeChecksums(Transform):
    def cell(self, cell) -> None:
        if gc.is_grade(cell) or gc.is_solution(cell) or gc.is_locked(cell):
            cell.metadata["nbgrader"]["checksum"] = gc.checksum(cell)
            cell.metadata["nbgrader"]["cell_type"] = cell.cell_type

