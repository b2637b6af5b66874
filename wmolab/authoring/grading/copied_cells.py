"""An nbgrader preprocessor: a copied graded cell no longer stops autograding (nbgrader 0.9, issue #1083).

When a student copies an answer or test cell, two cells carry one grade id. nbgrader's ``DeduplicateIds``
keeps the last and empties the nbgrader metadata of the others (``{}``), which its later steps cannot read
(``OverwriteCells.add_missing_cells`` fails on it, ``CheckCellMetadata`` calls it an old format), so the whole
submission fails. This step, right after ``DeduplicateIds``, removes the emptied metadata: the earlier copies
become ordinary cells (still run), the last one is graded. The course's ``nbgrader_config.py`` adds it to
``Autograde.sanitize_preprocessors`` (:mod:`.course`); the autograde report says "appears twice".
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = ["ForgetCopiedCells"]


class ForgetCopiedCells(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, cell_index):
        if "nbgrader" in cell.metadata and not cell.metadata["nbgrader"]:
            del cell.metadata["nbgrader"]
        return cell, resources
