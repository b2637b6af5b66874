"""nbgrader's ``ClearOutput`` (nbconvert's ClearOutputPreprocessor) for the student's sheet."""
from __future__ import annotations

from ._base import Transform


class ClearOutputs(Transform):
    """Outputs, execution counts and the output-view metadata (``collapsed``, ``scrolled``) go."""

    def cell(self, cell) -> None:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("collapsed", None)
            cell.metadata.pop("scrolled", None)
