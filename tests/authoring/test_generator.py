"""Unit tests of the exercise generator (wmolab.authoring.exercises).

Its parity with nbgrader's own generate_assignment is tested in test_nbgrader.py; the marking of the solution
sheets (nbgrader metadata, autograder tests) in test_grading_source.py.
"""
from __future__ import annotations

import nbformat
import pytest

from wmolab.authoring.exercises import ANSWER_PROMPT, GeneratorError, generate_all, generate_notebook, stub_code


def test_stub_replaces_region_with_assigned_names():
    src = ('x = 1\n### BEGIN SOLUTION\nmeans = df.mean()\nanswer_1, other = 2, 3\n### END SOLUTION\n'
           'check("03.1", answer_1)')
    out = stub_code(src)
    assert out == 'x = 1\nmeans = ...\nanswer_1 = ...\nother = ...\n# YOUR CODE HERE\ncheck("03.1", answer_1)'
    assert "df.mean" not in out


def test_stub_keeps_indentation_and_uses_ellipsis_without_assignment():
    src = "if True:\n    ### BEGIN SOLUTION\n    print(1)\n    ### END SOLUTION\n"
    assert stub_code(src) == "if True:\n    ...\n    # YOUR CODE HERE"


def test_source_without_markers_is_unchanged():
    assert stub_code("a = 1") == "a = 1"


@pytest.mark.parametrize("src", ["### BEGIN SOLUTION\na = 1\n", "a = 1\n### END SOLUTION\n"])
def test_unbalanced_markers_raise(src):
    with pytest.raises(GeneratorError):
        stub_code(src)


def _nb():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "conda-env-xyz", "display_name": "x", "language": "python"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    code = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\ncheck('00.1', answer)")
    code.outputs = [nbformat.v4.new_output("stream", text="00.1 · ✔ correct")]
    code.execution_count = 3
    code.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    model = nbformat.v4.new_markdown_cell("**Model answer.** Because.", metadata={"tags": ["model-answer"]})
    model.source += "\n\n**Rubric.**\n- gives a reason (2 points);\n- names the source."
    keep = nbformat.v4.new_markdown_cell("# Title\n\n## Question 00.1 · Demo")
    nb.cells = [keep, code, model]
    return nb


def test_generate_notebook_strips_and_stubs():
    nb = _nb()
    ex = generate_notebook(nb)
    assert [c.source for c in ex.cells][0].startswith("# Title")
    assert ex.cells[1].source == "answer = ...\n# YOUR CODE HERE\ncheck('00.1', answer)"
    assert ex.cells[1].outputs == [] and ex.cells[1].execution_count is None
    assert "execution" not in ex.cells[1].metadata
    assert ex.cells[2].source.startswith("# 00.1 · grading cell (1 point)"), "the autograder tests cell follows"
    assert "HIDDEN" not in ex.cells[2].source and "verify" not in ex.cells[2].source
    assert ex.cells[3].source == ANSWER_PROMPT and ex.cells[3].metadata["tags"] == ["answer"]
    assert ex.cells[3].metadata["nbgrader"]["points"] == 3, "2 points + 1 for a bullet without points"
    assert len(ex.cells) == 4
    assert "widgets" not in ex.metadata
    assert ex.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[1].outputs, "the input notebook is not modified"


def test_a_solution_only_cell_is_refused():
    nb = _nb()
    nb.cells.append(nbformat.v4.new_markdown_cell("secret", metadata={"tags": ["solution-only"]}))
    with pytest.raises(GeneratorError, match="solution-only"):
        generate_notebook(nb)


def test_generate_all_writes_checks_and_removes_stale(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    nbformat.write(_nb(), tmp_path / "solutions" / "00_demo.ipynb")
    (tmp_path / "exercises" / "09_stale.ipynb").write_text("{}")
    assert len(generate_all(tmp_path, check_only=True)) == 2
    generate_all(tmp_path)
    assert generate_all(tmp_path, check_only=True) == []
    assert not (tmp_path / "exercises" / "09_stale.ipynb").exists()
    # editing the solution makes the exercises stale again
    nb = nbformat.read(tmp_path / "solutions" / "00_demo.ipynb", as_version=4)
    nb.cells[0].source = "# Another title\n\n## Question 00.1 · Demo"
    nbformat.write(nb, tmp_path / "solutions" / "00_demo.ipynb")
    assert [p.name for p in generate_all(tmp_path, check_only=True)] == ["00_demo.ipynb"]
