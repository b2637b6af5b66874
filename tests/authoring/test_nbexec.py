"""The clean-up of executed notebooks keeps what a viewer without a kernel shows, and nothing machine-specific."""
from __future__ import annotations

import nbformat

from wmolab.authoring.nbexec import KERNELSPEC, clean

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _explorer_output() -> nbformat.NotebookNode:
    return nbformat.v4.new_output("execute_result", execution_count=1, data={
        "text/plain": "[Interactive explorer: run this cell in Jupyter to use it]",
        "text/html": '<div class="wmolab-static-explorer"><img src="data:image/png;base64,AAAA" alt="A line."></div>',
        WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": "0123abcd"},
    })


def test_clean_keeps_the_static_rendering_and_drops_the_widget_view():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("explore_thing(table)", execution_count=1, outputs=[_explorer_output()])
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00"}
    nb.cells.append(cell)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    clean(nb)
    data = nb.cells[0].outputs[0]["data"]
    assert WIDGET_VIEW not in data and "widgets" not in nb.metadata and "execution" not in nb.cells[0].metadata
    assert data["text/html"].startswith('<div class="wmolab-static-explorer">'), "the static rendering stays"
    assert data["text/plain"].startswith("[Interactive explorer"), "and the text fallback nbval compares"
    assert nb.metadata["kernelspec"] == KERNELSPEC


def test_clean_without_outputs_empties_every_code_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("x", execution_count=3, outputs=[_explorer_output()]))
    clean(nb, outputs=False)
    assert nb.cells[0].outputs == [] and nb.cells[0].execution_count is None
