"""The leak audit (wmolab.authoring.leaks) finds an answer shown in a lesson, in the sheet's own outputs or in its
data, and stays quiet about what is not shown, about solution regions and about public options."""
from __future__ import annotations

import json

import nbformat

from wmolab.authoring.leaks import audit, leaks, tokens
from wmolab.checks import make_key


def test_tokens_read_numbers_table_cells_and_phrases():
    found = tokens("<table><tr><td>Gemeente B</td><td>31.08</td></tr></table>\nmean 1,5 of 49")
    assert {"Gemeente B", "31.08", "1.5", "49", "mean 1"} <= found


def test_leaks_by_kind():
    keys = {"99.1": make_key("99.1", "number", 31.1, decimals=1),
            "99.2": make_key("99.2", "text", "Hoorn"),
            "99.3": make_key("99.3", "mapping", {"PA": 20.7, "SR": 31.1}, value_kind="number", decimals=1),
            "99.4": make_key("99.4", "integer", 5),
            "99.5": make_key("99.5", "text", "Hoorn", options=["Hoorn", "Zwolle"]),
            "99.6": make_key("99.6", "integer", 20)}
    found = leaks(keys, [("lesson cell 3", "SR mean 31.08; the sum is off in HOORN; 5 plans; 19.8")])
    assert {(lk.question, lk.item) for lk in found} == {("99.1", ""), ("99.2", ""), ("99.3", "SR")}, found
    assert str(found[0]) == "99.1: '31.08' is shown in lesson cell 3"


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    for source, output in cells:
        cell = nbformat.v4.new_code_cell(source)
        if output:
            cell.outputs = [nbformat.v4.new_output("stream", text=output)]
        nb.cells.append(cell)
    return nb


def test_audit_reads_lesson_sheet_and_data_but_not_solutions(tmp_path):
    for folder in ("notebooks", "solutions", "datasets", "wmolab/keys"):
        (tmp_path / folder).mkdir(parents=True)
    keys = {"98.1": make_key("98.1", "text", "Zoetermeer"), "98.2": make_key("98.2", "number", 12.34, decimals=2),
            "98.3": make_key("98.3", "text", "Gemeente B"), "98.4": make_key("98.4", "number", 77.7, decimals=1)}
    (tmp_path / "wmolab/keys/98.json").write_text(json.dumps(keys), encoding="utf-8")
    nbformat.write(_notebook([("show()", "the lowest is Zoetermeer")]), tmp_path / "notebooks/98_x.ipynb")
    nbformat.write(_notebook([('v = load("vignettes")', "mean 12.34"),
                              ("### BEGIN SOLUTION\na = 77.7\n### END SOLUTION\ncheck('98.4', a)", "77.7")]),
                   tmp_path / "solutions/98_x.ipynb")
    (tmp_path / "datasets/vignettes.csv").write_text("id,answer\nv1,Gemeente B\n", encoding="utf-8")
    found = {(lk.question, lk.where.split(" ")[0]) for lk in audit("98", tmp_path)}
    assert found == {("98.1", "notebooks/98_x.ipynb"), ("98.2", "solutions/98_x.ipynb"),
                     ("98.3", "datasets/vignettes.csv")}, found
