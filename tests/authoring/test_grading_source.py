"""Solution sheets as nbgrader source notebooks (wmolab.authoring.grading: source, cells, the release steps).

The end-to-end parity with nbgrader's generate_assignment, and grading, are in tests/grading/.
"""
from __future__ import annotations

import copy
import json

import nbformat
import pytest
from nbgrader import utils as nbgrader_utils
from nbgrader.nbgraderformat import MetadataValidator

from wmolab.authoring.exercises import mark_solutions
from wmolab.authoring.grading import cells as gc
from wmolab.authoring.grading._base import Setting, Transform, TransformError
from wmolab.authoring.grading.source import MarkGradingCells, check_targets, strip_stub_prefix

from helpers import ROOT, check_calls, ids, notebook_paths, read

SOLUTIONS = notebook_paths("solutions")


def _sheet(*extra):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 00 · Demo: exercises\n\n## Question 00.1 · A number"),
        nbformat.v4.new_code_cell('### BEGIN SOLUTION\nx = 40\nanswer_1 = x + 2\n### END SOLUTION\n'
                                  'check("00.1", answer_1)'),
        nbformat.v4.new_markdown_cell("## Question 00.2 · Why?"),
        nbformat.v4.new_markdown_cell("**Model answer.** Because.\n\n**Rubric.**\n- a reason (2 points);\n- a source\n"
                                      "  named;\n- (good) a limit.", metadata={"tags": ["model-answer"]}),
        *extra,
    ]
    return nb


def test_solutions_are_marked_for_nbgrader():
    """The committed solution sheets are what the transformation makes of them (`make exercises` was run)."""
    stale = mark_solutions(ROOT, check_only=True)
    assert not stale, "run `make exercises` (then execute the solutions) and commit: " + ", ".join(
        p.name for p in stale)


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_every_sheet_is_valid_nbgrader_source(path):
    nb = read(path)
    MetadataValidator().validate_nb(nb)  # nbgrader's own check: ids unique, points present, markdown rules
    roles = [gc.role(c) for c in nb.cells]
    answers = [c for c in nb.cells if gc.role(c) == "autograded answer"]
    assert answers and "manually graded answer" in roles
    # every check call has its autograder tests cell right after its answer cell, verifying the same variable
    for i, cell in enumerate(nb.cells):
        if gc.role(cell) != "autograded answer":
            continue
        targets = check_targets(cell.source)
        tests = nb.cells[i + 1:i + 1 + len(targets)]
        for (question, expr), test in zip(targets, tests):
            assert gc.meta(test)["grade_id"] == gc.grade_id(question, "test")
            assert f'verify("{question}", {expr})' in test.source
            assert test.source.index(gc.BEGIN_HIDDEN) < test.source.index("verify") < test.source.index(gc.END_HIDDEN)
    # no model answer without its points, no cell outside the three roles carries nbgrader metadata
    for cell in nb.cells:
        if gc.role(cell) == "manually graded answer":
            assert gc.meta(cell)["points"] == gc.rubric_points(cell.source) > 0
            assert "model-answer" not in cell.metadata.get("tags", [])
        elif not gc.role(cell):
            assert "nbgrader" not in cell.metadata
    assert check_calls(nb) == [gc.question_of(gc.meta(c)["grade_id"]) for c in nb.cells
                               if gc.role(c) == "autograder tests"]


def test_marking_is_idempotent_and_keeps_outputs_and_ids():
    nb = read(SOLUTIONS[0])
    once = MarkGradingCells()(copy.deepcopy(nb))
    twice = MarkGradingCells()(copy.deepcopy(once))
    assert nbformat.writes(once) == nbformat.writes(twice) == nbformat.writes(nb)


def test_marking_an_authors_sheet():
    nb = MarkGradingCells(keys_dir=ROOT / "nonexistent")(_sheet())
    answer, test, _, model = nb.cells[1:5]
    assert answer.source.startswith("x = ...\nanswer_1 = ...\n### BEGIN SOLUTION\n")
    assert gc.meta(answer) == {"grade": False, "grade_id": "q00_1", "locked": False, "schema_version": 3,
                               "solution": True, "task": False}
    assert gc.role(test) == "autograder tests" and gc.meta(test)["points"] == gc.DEFAULT_AUTO_POINTS
    assert test.id == "q00_1_test" and "(1 point)" in test.source
    assert gc.meta(model)["grade_id"] == "q00_2_open" and gc.meta(model)["points"] == 4
    assert model.metadata["tags"] == ["answer"]
    # an author changes the solution: the stub and the test follow, the test cell keeps its id and outputs
    test.outputs = [nbformat.v4.new_output("stream", text="")]
    nb.cells[1].source = nb.cells[1].source.replace("answer_1 = x + 2", "total = x + 2\nanswer_1 = total")
    nb = MarkGradingCells(keys_dir=ROOT / "nonexistent")(nb)
    assert nb.cells[1].source.startswith("x = ...\ntotal = ...\nanswer_1 = ...\n### BEGIN")
    assert nb.cells[2] is test and test.outputs


def test_points_come_from_the_key(tmp_path):
    (tmp_path / "00.json").write_text(json.dumps({"00.1": {"kind": "integer", "sha256": "x", "points": 3}}))
    nb = MarkGradingCells(keys_dir=tmp_path)(_sheet())
    assert gc.meta(nb.cells[2])["points"] == 3 and "(3 points)" in nb.cells[2].source


@pytest.mark.parametrize("cell, message", [
    (nbformat.v4.new_markdown_cell("x", metadata={"tags": ["solution-only"]}), "solution-only"),
    (nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer_9 = 1\n"), "without an END"),
    (nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer_3 = 1\n### END SOLUTION\ncheck('00.1', answer_3)"),
     "grade id q00_1"),
    (nbformat.v4.new_markdown_cell("**Model answer.** No rubric.", metadata={"tags": ["model-answer"]}), "Rubric"),
])
def test_sheets_that_nbgrader_could_not_grade_are_refused(cell, message):
    with pytest.raises(TransformError, match=message):
        MarkGradingCells()(_sheet(cell))


def test_checksum_is_nbgraders():
    nb = MarkGradingCells()(_sheet())
    for cell in nb.cells:
        if gc.meta(cell):
            assert gc.checksum(cell) == nbgrader_utils.compute_checksum(cell)
            assert gc.is_locked(cell) == nbgrader_utils.is_locked(cell)


def test_rubric_points():
    assert gc.rubric_points("**Rubric** (10 points, see `rubric()`).\n- Question (1): …\n- Evidence (3): …") == 10
    assert gc.rubric_points("**Rubric.**\n- one (2 points);\n- two (1 point);\n- three\n  continued.") == 4
    with pytest.raises(ValueError):
        gc.rubric_points("**Model answer.** no rubric here")
    with pytest.raises(ValueError):
        gc.rubric_points("**Rubric.** no bullets")


def test_stub_prefix_is_recognised_and_check_targets_read():
    src = 'a = ...\nanswer_1 = ...\n### BEGIN SOLUTION\nanswer_1 = 1\n### END SOLUTION\ncheck("00.1", answer_1["x"])'
    assert strip_stub_prefix(src).startswith("### BEGIN SOLUTION")
    assert check_targets(src) == [("00.1", 'answer_1["x"]')]


def test_settings_are_declared_with_help():
    class Demo(Transform):
        level = Setting(1, "how much")

    assert Demo().level == 1 and Demo(level=2).level == 2 and Demo.settings()["level"].help == "how much"
    with pytest.raises(TypeError, match="no setting 'levle'"):
        Demo(levle=2)


def test_a_dutch_sheet_gets_dutch_grading_cells_and_answer_prompt():
    from wmolab.authoring.grading.release import release_notebook

    nb = _sheet()
    nb.metadata["language"] = "nl"
    marked = MarkGradingCells(keys_dir=ROOT / "nonexistent")(nb)
    test = marked.cells[2]
    assert "nakijkcel (1 punt)" in test.source and "grading cell" not in test.source
    released = release_notebook(copy.deepcopy(marked))
    prompts = [c.source for c in released.cells if gc.role(c) == "manually graded answer"]
    assert prompts == [gc.TEXT_STUB_NL]
    answers = [c.source for c in released.cells if gc.role(c) == "autograded answer"]
    assert answers and all(gc.CODE_STUB_NL in a and gc.CODE_STUB not in a for a in answers)
    english = release_notebook(MarkGradingCells(keys_dir=ROOT / "nonexistent")(_sheet()))
    assert [c.source for c in english.cells if gc.role(c) == "manually graded answer"] == [gc.TEXT_STUB]


def test_a_dutch_class_gets_the_dutch_prompt_in_its_nbgrader_config():
    from wmolab.authoring.grading.course import config_text

    assert repr(gc.TEXT_STUB_NL) in config_text("wmolab", "nl") and repr(gc.TEXT_STUB) not in config_text("x", "nl")
    assert repr({"python": gc.CODE_STUB_NL}) in config_text("wmolab", "nl")
    assert repr(gc.TEXT_STUB) in config_text("wmolab")
