"""The grading commands' parts, without running nbgrader: checks before grading, the report's notes, the two
nbgrader steps the course adds, the course folder's config, the marks file and the open-answer pages."""
from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from nbgrader.converters.autograde import Autograde
from nbgrader.preprocessors import DeduplicateIds, LimitOutput
from traitlets.config.loader import PyFileConfigLoader

from wmolab.authoring.grading import cells as gc
from wmolab.authoring.grading.autograde import _notes_from_log, _notes_from_notebook, hash_tree, precheck
from wmolab.authoring.grading.copied_cells import ForgetCopiedCells
from wmolab.authoring.grading.course import set_up
from wmolab.authoring.grading.limit_output import LimitOutputSize
from wmolab.authoring.grading.marks import MarksError, read_marks
from wmolab.authoring.grading.openanswers import write_pages
from wmolab.authoring.grading.source import MarkGradingCells

from helpers import ROOT

L03 = "03_steering_perspectives"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A course folder with lessons 00 and 03 (set up only; nothing run)."""
    root = tmp_path_factory.mktemp("units") / "course"
    set_up(root, lessons=["00", "03"])
    return root


@pytest.fixture(scope="module")
def source(folder):
    return nbformat.read(folder / "source" / L03 / f"{L03}.ipynb", as_version=4)


def test_config_loads_with_the_course_settings(folder):
    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    assert config.ClearSolutions.code_stub == {"python": gc.CODE_STUB}
    assert config.ClearSolutions.text_stub == gc.TEXT_STUB
    assert config.OverwriteCells.add_missing_cells is True and config.Execute.timeout == 60
    sanitize, grade = config.Autograde.sanitize_preprocessors, config.Autograde.autograde_preprocessors
    assert sanitize.index(ForgetCopiedCells) == sanitize.index(DeduplicateIds) + 1
    assert grade.index(LimitOutputSize) == grade.index(LimitOutput) + 1
    assert [p for p in grade if p is not LimitOutputSize] == Autograde.autograde_preprocessors.default()


def test_precheck_names_what_is_wrong(folder, source, tmp_path):
    sources = {L03: source}
    assert "no 03_steering_perspectives.ipynb" in precheck(tmp_path, sources)
    (tmp_path / f"{L03}.ipynb").write_text('{"cells": [', encoding="utf-8")
    assert "not valid JSON (line 1" in precheck(tmp_path, sources)
    (tmp_path / f"{L03}.ipynb").write_bytes(b"\xff\xfe\x00binary")
    assert "not a text file" in precheck(tmp_path, sources)
    (tmp_path / f"{L03}.ipynb").write_text('{"cells": 3}', encoding="utf-8")
    assert "not a valid notebook" in precheck(tmp_path, sources)
    other = folder / "source" / "00_start_here" / "00_start_here.ipynb"
    shutil.copy(other, tmp_path / f"{L03}.ipynb")
    assert "holds the sheet of lesson 00, not of lesson 03" in precheck(tmp_path, sources)
    fresh = nbformat.v4.new_notebook()
    fresh.cells = [nbformat.v4.new_code_cell("answer_1 = 31")]
    nbformat.write(fresh, tmp_path / f"{L03}.ipynb")
    assert "has none of the sheet's answer cells" in precheck(tmp_path, sources)
    sheet = nbformat.read(folder / "source" / L03 / f"{L03}.ipynb", as_version=4)
    nbformat.write(sheet, tmp_path / f"{L03}.ipynb")
    assert precheck(tmp_path, sources) == ""
    sheet.cells = [c for c in sheet.cells if gc.meta(c).get("grade_id") not in ("q03_4_test",)]
    nbformat.write(sheet, tmp_path / f"{L03}.ipynb")
    assert precheck(tmp_path, sources) == "", "nbgrader puts one deleted graded cell back"
    sheet.cells = [c for c in sheet.cells if gc.meta(c).get("grade_id") not in ("q03_4",)]
    nbformat.write(sheet, tmp_path / f"{L03}.ipynb")
    assert "cells q03_4 and q03_4_test were both deleted" in precheck(tmp_path, sources)


def test_notes_from_nbgraders_log_and_the_graded_notebook(tmp_path, source):
    log = ("[WARNING] Missing grade cell q03_1_test encountered, adding to notebook\n"
           "[WARNING] Cell with id 'q03_2' exists multiple times!\n"
           "[WARNING] Cell with id 'q03_2' exists multiple times!")
    assert _notes_from_log(log) == ["graded cell q03_1_test was deleted; nbgrader put it back",
                                    "cell q03_2 appears twice (copied); the last copy was graded"]
    nb = MarkGradingCells()(nbformat.read(ROOT / "solutions" / f"{L03}.ipynb", as_version=4))
    answer = next(c for c in nb.cells if gc.meta(c).get("grade_id") == "q03_4")
    answer.outputs = [nbformat.v4.new_output("error", ename="CellTimeoutError", evalue="", traceback=[]),
                      nbformat.v4.new_output("stream", text="y\n... Output truncated ...")]
    nbformat.write(nb, tmp_path / "graded.ipynb")
    notes = _notes_from_notebook(tmp_path / "graded.ipynb")
    assert any("(near 03.4) ran past the time limit" in n for n in notes)
    assert any("(near 03.4): its output was cut" in n for n in notes)


def test_limit_output_size_cuts_long_lines_and_results():
    cell = nbformat.v4.new_code_cell("print('x' * 10**6)")
    cell.outputs = [nbformat.v4.new_output("stream", text="x" * 10**6),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "y" * 500, "image/png": "AAAA"}),
                    nbformat.v4.new_output("stream", text="short")]
    LimitOutputSize(max_chars=100).preprocess_cell(cell, {}, 0)
    assert len(cell.outputs[0].text) < 200 and "Output truncated" in cell.outputs[0].text
    assert cell.outputs[1].data["text/plain"].startswith("y" * 100) and cell.outputs[1].data["image/png"] == "AAAA"
    assert cell.outputs[2].text == "short"


def test_forget_copied_cells_drops_only_emptied_metadata():
    emptied, kept = nbformat.v4.new_code_cell("a"), nbformat.v4.new_code_cell("b")
    emptied.metadata["nbgrader"] = {}
    kept.metadata["nbgrader"] = {"grade_id": "q03_1", "solution": True, "grade": False, "locked": False}
    for cell in (emptied, kept):
        ForgetCopiedCells().preprocess_cell(cell, {}, 0)
    assert "nbgrader" not in emptied.metadata and kept.metadata["nbgrader"]["grade_id"] == "q03_1"


def test_hash_tree_sees_a_change(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.ipynb").write_text("1")
    before = hash_tree(tmp_path)
    (tmp_path / "a" / "x.ipynb").write_text("2")
    assert hash_tree(tmp_path) != before and list(before) == ["a/x.ipynb"]


def _marks(tmp_path, *rows):
    path = tmp_path / "marks.csv"
    path.write_text("\n".join(["student,question,score,comment", *rows]) + "\n", encoding="utf-8")
    return path


def test_marks_file_is_checked_before_anything_is_applied(folder, tmp_path):
    good = read_marks(_marks(tmp_path, "ann,03.7,3,fine", "bob,q03_9_open,\"2,5\",", "cid,03.11,,"), folder, L03)
    assert [(m.student, m.grade_id, m.score, m.comment) for m in good] == [
        ("ann", "q03_7_open", 3.0, "fine"), ("bob", "q03_9_open", 2.5, None)]
    with pytest.raises(MarksError) as err:
        read_marks(_marks(tmp_path, "ann,03.7,5,", "ann,03.1,1,", "bob,03.7,three,", ",03.7,1,",
                          "cid,03.9,1,", "cid,03.9,2,"), folder, L03)
    text = str(err.value)
    for expected in ("line 2: score 5 for 03.7 is outside 0–4", "line 3: '03.1' is not an open question",
                     "line 4: score 'three' is not a number", "line 5: no student",
                     "line 7: cid / 03.9 again (first on line 6)", "nothing was applied"):
        assert expected in text
    path = tmp_path / "other.csv"
    path.write_text("name,mark\nann,3\n", encoding="utf-8")
    with pytest.raises(MarksError, match="no column student, question, score, comment"):
        read_marks(path, folder, L03)


def test_open_answer_pages_escape_answers_and_keep_filled_marks(folder, source, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(folder / "source", root / "source")
    hostile = '<img src=x onerror="alert(1)"> & </article>'
    for student, text in (("ann", hostile), ("bob", None)):
        nb = json.loads(json.dumps(source))
        for cell in nb["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == "q03_7_open":
                cell["source"] = text if text is not None else gc.TEXT_STUB
        path = root / "autograded" / student / L03 / f"{L03}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb), encoding="utf-8")
    marks, pages = write_pages(root, L03)
    page = (root / "marking" / L03 / "q03_7_open.html").read_text(encoding="utf-8")
    assert hostile not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/article&gt;" in page
    assert "<h3>ann</h3>" in page and "<h3>bob</h3>" in page and "no answer" in page
    assert "**Rubric.**" in page and "Question 03.7 · 4 points" in page
    assert len(pages) == 4 and (root / "marking" / L03 / "index.html").exists()
    # a filled marks file survives a second run, which only adds rows for new students
    text = marks.read_text(encoding="utf-8").replace("ann,03.7,,", "ann,03.7,3,good")
    marks.write_text(text, encoding="utf-8")
    shutil.copytree(root / "autograded" / "bob", root / "autograded" / "cid")
    write_pages(root, L03)
    lines = marks.read_text(encoding="utf-8").splitlines()
    assert "ann,03.7,3,good" in lines and "cid,03.7,," in lines and len(lines) == 1 + 3 * 4


def test_every_grading_command_in_the_instructors_guide_is_one_the_tests_run():
    text = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    section = text[text.index("### Grading a class with nbgrader"):text.index("### Checking that everything works")]
    tested = (ROOT / "tests" / "grading" / "test_grading_course.py").read_text(encoding="utf-8")
    modules = set(re.findall(r"python -m (wmolab\.authoring\.grading\.\w+)", section))
    assert len(modules) == 4
    for module in modules:  # the test runs the course's commands through their main()
        name = module.rsplit(".", 1)[1]
        assert f"from wmolab.authoring.grading import {name} as {name}_cmd" in tested and f"main({name}_cmd" in \
            tested, f"{module} is documented but not run by tests/grading"
    commands = {a or b for a, b in re.findall(r"`nbgrader (\w+)|^nbgrader (\w+)", section, re.M)}
    hub_only = {"release_assignment", "collect", "zip_collect", "release_feedback", "db"}  # said so in the guide
    assert {"generate_assignment", "autograde", "export", "generate_feedback"} <= commands
    for command in commands - hub_only:
        assert f'"{command}"' in tested, f"nbgrader {command} is documented but not run by tests/grading"
    assert "make grading-course DIR=" in section and "python -m wmolab.authoring.grading.course" in section


def test_the_wheel_carries_every_package_the_grading_config_imports():
    """A hub's course folder imports wmolab.authoring.grading (nbgrader_config.py): pyproject.toml lists it,
    and every other package folder of wmolab/."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "wmolab").rglob("__init__.py")}
    assert "wmolab.authoring.grading" in folders and folders <= listed, sorted(folders - listed)
