"""Taught before used (issue 13, item 2): a sheet asks only for Python that a lesson up to it shows.

For every sheet NN, the constructs its solution regions use (functions, methods, attributes like .loc, operators
such as the mask operators & | ~, comparisons, lambda, comprehensions; wmolab/authoring/taught.py) must appear in
a code cell of a lesson 00..NN. Today's gaps are listed in UNTAUGHT: the content developers teach each one in a
lesson (a worked example before the sheet needs it) and delete it from the list; a sheet without gaps drops its
strict xfail (pytest reports XPASS(strict) as a failure until the marker goes). Two guards hold meanwhile: no sheet
may use a construct that is neither taught nor listed, and the list may hold nothing that is taught by now.

The one-page reference docs/python-reference.md covers every Python and pandas construct the sheets use (its
index), its examples run on the course data, and every sheet's first cell links to it.
"""
from __future__ import annotations

import builtins
import re

import pandas as pd
import pytest

from helpers import ROOT, notebook_paths, read
from wmolab.authoring.taught import constructs, needed, untaught

SHEETS = [p.name[:2] for p in notebook_paths("solutions")]
REFERENCE = ROOT / "docs" / "python-reference.md"
REFERENCE_LINK = "docs/python-reference.md"

#: What each sheet's solutions use today that no lesson up to it shows (from `python -m wmolab.authoring.taught`).
UNTAUGHT: dict[str, list[str]] = {}


def _report(nn: str, gaps: dict[str, list[str]]) -> str:
    return (f"sheet {nn} uses what no lesson 00-{nn} shows in a code cell: "
            + ", ".join(f"{item} (in {', '.join(qs)})" for item, qs in gaps.items())
            + ". Show each in a lesson (a worked example) before the sheet asks for it.")


@pytest.mark.parametrize("nn", [
    pytest.param(nn, marks=pytest.mark.xfail(strict=True, reason="untaught: " + ", ".join(UNTAUGHT[nn])))
    if UNTAUGHT.get(nn) else nn for nn in SHEETS])
def test_taught_before_used(nn):
    gaps = untaught(nn)
    assert not gaps, _report(nn, gaps)


@pytest.mark.parametrize("nn", SHEETS)
def test_no_new_untaught_construct_and_the_list_is_current(nn):
    gaps = untaught(nn)
    new = {k: v for k, v in gaps.items() if k not in UNTAUGHT.get(nn, [])}
    assert not new, "new: " + _report(nn, new)
    taught_now = [k for k in UNTAUGHT.get(nn, []) if k not in gaps]
    assert not taught_now, (f"sheet {nn}: {taught_now} are shown in a lesson now (or no longer used): delete them "
                            "from UNTAUGHT in tests/notebooks/test_taught.py")


# --------------------------------------------------------------------------- the mechanism can fail
def _notebook(path, *code):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in code])
    nbformat.write(nb, path)


def test_untaught_finds_a_method_no_lesson_shows(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "solutions").mkdir()
    _notebook(tmp_path / "notebooks" / "00_a.ipynb", 'plans = load("steering_plans")', 'plans["sr"].mean()')
    _notebook(tmp_path / "notebooks" / "01_b.ipynb", 'west = plans[plans["region"] == "west"]')
    _notebook(tmp_path / "solutions" / "00_a.ipynb",
              '### BEGIN SOLUTION\nanswer_1 = plans["pa"].mean()\n### END SOLUTION\ncheck("00.1", answer_1)')
    region = ('### BEGIN SOLUTION\nanswer_1 = plans[plans["region"] == "oost"]["npg"].median()\n'
              '### END SOLUTION\ncheck("01.1", answer_1)')
    _notebook(tmp_path / "solutions" / "01_b.ipynb", region)
    assert untaught("00", tmp_path) == {}
    assert untaught("01", tmp_path) == {".median()": ["01.1"]}, "median is used but no lesson shows it"
    _notebook(tmp_path / "solutions" / "00_a.ipynb",
              '### BEGIN SOLUTION\nanswer_1 = plans[plans["pa"] > 20]["pa"].mean()\n### END SOLUTION\n'
              'check("00.1", answer_1)')
    assert set(untaught("00", tmp_path)) == {">", "[mask]"}, "lesson 01's mask comes after sheet 00"


@pytest.mark.parametrize("code, expected", [
    ("df[(df.a > 1) & ~df.b.isin(['x'])]", {"[mask]", ">", "&", "~", ".isin()", ".a", ".b"}),
    ("s.apply(lambda v: v.split(';'))", {".apply()", "lambda", ".split()"}),
    ("{k: v for k, v in d.items()}", {"{k: v for k in ...}", ".items()"}),
    ("df.loc['x', ['a', 'b']]", {".loc", "[key]", "[[columns]]"}),
    ("t.str.contains('WWB')", {".str.contains()"}),
    ("%timeit x", set()),
])
def test_constructs(code, expected):
    assert constructs(code) == expected


# --------------------------------------------------------------------------- the reference page
def _python_or_pandas(item: str) -> bool:
    """A construct of Python or pandas (the reference's business), not a course function or a course object's field."""
    if not item.startswith(".") and not item.endswith("()"):
        return True  # operators and syntax
    name = item.strip(".").removesuffix("()").split(".")[-1]
    if not item.startswith("."):
        return hasattr(builtins, name)
    owners = (pd, pd.DataFrame, pd.Series, pd.Index, pd.core.groupby.DataFrameGroupBy, pd.Series.str, str, dict,
              list, set)
    return any(hasattr(owner, name) for owner in owners)


def _reference_index() -> set[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    index = text.split("## Everything on this page", 1)[1]
    return {span.replace("\\|", "|") for span in re.findall(r"`([^`]+)`", index)}


def test_the_reference_covers_every_construct_the_sheets_use():
    listed = _reference_index()
    used = {item: f"{nn}" for nn in SHEETS for item in needed(ROOT / "solutions" / _sheet_name(nn))}
    missing = sorted(item for item in used if _python_or_pandas(item) and item not in listed)
    assert not missing, f"docs/python-reference.md does not show (or index) {missing}"


def _sheet_name(nn: str) -> str:
    return next(p.name for p in notebook_paths("solutions") if p.name.startswith(nn))


def test_the_reference_examples_run_on_the_course_data():
    """Every example on the page runs (so none is a made-up line), in order, in one namespace."""
    blocks = re.findall(r"```python\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), re.S)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(REFERENCE), "exec"), namespace)  # noqa: S102 - the course's own examples
    assert namespace["lowest_npg"] in set(namespace["plans"]["gemeente"])
    shown = set().union(*(constructs(b) for b in blocks))
    index = _reference_index()
    methods = {i for i in index if i.startswith(".") and not i.startswith("...")}
    assert methods <= shown, f"the index lists what the page does not show: {sorted(methods - shown)}"


@pytest.mark.parametrize("path", notebook_paths("solutions", "exercises"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sheet_links_the_reference_in_its_first_cell(path):
    first = read(path).cells[0]
    assert first.cell_type == "markdown" and REFERENCE_LINK in first.source, (
        f"{path.parent.name}/{path.name}: the first cell links to {REFERENCE_LINK} (a relative link: "
        f"../{REFERENCE_LINK})")
