"""The solution sheets work with nbgrader: its own generate_assignment strips every solution region.

The course generates its exercise sheets itself (wmolab.authoring.exercises), but uses nbgrader's markers
(### BEGIN SOLUTION / ### END SOLUTION) so an instructor can also run nbgrader on solutions/.
This test runs nbgrader on one sheet in a temporary course directory, the way docs/instructors.md
describes it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from wmolab.authoring.exercises import stub_code

from helpers import check_calls, notebook_paths

SHEET = notebook_paths("solutions")[0]


@pytest.mark.slow
def test_nbgrader_generate_assignment_strips_solutions(tmp_path):
    course = tmp_path / "course"
    (course / "source" / "ps").mkdir(parents=True)
    shutil.copy(SHEET, course / "source" / "ps" / SHEET.name)
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(
        [str(Path(bindir) / "nbgrader"), "generate_assignment", "ps", "--force",
         f"--CourseDirectory.root={course}", "--ClearSolutions.enforce_metadata=False",
         f"--db=sqlite:///{course / 'gradebook.db'}"],
        cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    released = nbformat.read(course / "release" / "ps" / SHEET.name, as_version=4)
    solution = nbformat.read(SHEET, as_version=4)
    code = [c.source for c in released.cells if c.cell_type == "code"]
    assert not any("BEGIN SOLUTION" in s or "END SOLUTION" in s for s in code)
    stubbed = [s for s in code if "YOUR CODE HERE" in s]
    regions = [c.source for c in solution.cells if c.cell_type == "code" and "### BEGIN SOLUTION" in c.source]
    assert len(stubbed) == len(regions) > 0
    # the solution code itself is gone, and the code around the regions is kept, as in our own generator
    for region, theirs, ours in zip(regions, stubbed, (stub_code(r) for r in regions)):
        inside = region.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
        for line in filter(None, (ln.strip() for ln in inside.splitlines())):
            assert line not in theirs, f"solution line survived nbgrader: {line}"
        outside = [ln for ln in ours.splitlines() if ln and "YOUR CODE HERE" not in ln and not ln.endswith("= ...")]
        assert all(ln in theirs for ln in outside)
    assert check_calls(released) == check_calls(solution), "every self-check survives nbgrader"
