"""The student's sheet from an nbgrader source notebook, step for step as ``nbgrader generate_assignment``.

nbgrader runs LockCells, ClearSolutions, ClearOutput, ComputeChecksums, (stores the cells in its gradebook),
ClearHiddenTests and ComputeChecksums again; :data:`STEPS` are the same steps, so ``exercises/`` is exactly
what nbgrader releases with the course's configuration (``tests/authoring/test_nbgrader.py`` compares them
cell by cell). The exercise generator runs them after :class:`~.source.MarkGradingCells`.
"""
from __future__ import annotations

import nbformat

from .checksums import ComputeChecksums
from .clear_hidden_tests import ClearHiddenTests
from .clear_outputs import ClearOutputs
from .clear_solutions import ClearSolutions
from .lock_cells import LockCells

__all__ = ["STEPS", "release_notebook"]

STEPS = (LockCells(), ClearSolutions(), ClearOutputs(), ComputeChecksums(), ClearHiddenTests(), ComputeChecksums())


def release_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Apply :data:`STEPS` to ``nb`` (in place) and return it."""
    for step in STEPS:
        step(nb)
    return nb
