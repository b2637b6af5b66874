"""The measuring code of `make bench`, on tiny inputs (the full bench is not part of make test)."""
from __future__ import annotations

import ipywidgets as widgets
import nbformat
import pytest

from wmolab.authoring import bench
from wmolab.authoring.grading import bench as grading_bench
from wmolab.widgets._base import Explorer

from helpers import ROOT


@pytest.mark.slow
def test_execute_measures_time_and_memory(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = bytearray(60 * 1024 * 1024)")]
    run = bench.measure(nb, tmp_path)
    assert run.seconds > 0
    assert run.peak_mb > 60, "a 60 MB allocation shows up in the peak"


def test_widget_response_times_every_change():
    dd = widgets.Dropdown(options=["a", "b", "c"])
    out = widgets.HTML()
    ex = Explorer({"choice": dd}, {"out": out}, lambda e: setattr(out, "value", dd.value * 2))
    control, times = bench.widget_response(ex, changes=21)
    assert control == "choice" and len(times) == 21 and all(t >= 0 for t in times)
    assert ex.updates >= 22


def test_explorers_are_found_in_a_lesson():
    found = bench.explorers_of(ROOT / "notebooks" / "00_start_here.ipynb")
    assert [name for name, _ in found] == ["explore_timeline", "explore_glossary"]


def test_report_flags_broken_budgets():
    ok = bench.Result("notebooks/a.ipynb", [bench.Run(2.0, 100)], [2.0])
    slow = bench.Result("notebooks/b.ipynb", [bench.Run(5.0, 300)], [2.0])
    text, broken = bench.report([ok, slow], [{"notebook": "a", "builder": "explore_x", "control": "c", "n": 20,
                                              "median_ms": 150.0, "max_ms": 200.0, "error": ""}], [0.1, 0.2], 1)
    assert "| notebooks/a.ipynb |" in text and "Machine:" in text
    assert len(broken) == 3 and any("ratio 2.50" in b for b in broken) and any("300 MB" in b for b in broken)
    text, broken = bench.report([ok], [], [0.1], 1)
    assert broken == [] and "All budgets met." in text
    text, broken = bench.report([ok], [], [0.1], 1, site_times=([30.0, 35.0, 200.0], 67))
    assert "| 67 | 3 | 35.0 [30.0–200.0] | ✔ |" in text and broken == []
    text, broken = bench.report([ok], [], [0.1], 1, site_times=([130.0], 67))
    assert broken == ["make site: 130 s"]


def test_grading_report_flags_broken_budgets():
    rows = [{"lesson": "00_x", "n": 3, "median_s": 2.0, "min_s": 1.5, "max_s": 2.5, "peak_mb": 120.0},
            {"lesson": "04_y", "n": 3, "median_s": 7.5, "min_s": 7.0, "max_s": 9.0, "peak_mb": 260.0}]
    lines, broken = grading_bench.report_lines(rows, 250)
    assert "| 00_x | 3 | 2.0 [1.5–2.5] | ✔ | 120 | ✔ |" in lines
    assert len(broken) == 2 and "7.5 s per submission > 6" in broken[0] and "260 MB" in broken[1]
    text, broken = bench.report([], [], [0.1], 1, rows[:1])
    assert "## Autograding with nbgrader" in text and broken == []


@pytest.mark.slow
def test_autograde_bench_times_a_submission_and_sees_its_kernel():
    (row,) = grading_bench.bench_autograde(["00"], submissions=1, log=lambda line: None)
    assert row["lesson"] == "00_start_here" and row["n"] == 1 and row["median_s"] > 0
    assert row["peak_mb"] > 50, "a kernel that imports pandas peaks above 50 MB; the sampler saw it"
