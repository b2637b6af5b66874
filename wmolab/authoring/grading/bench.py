"""The grading part of ``make bench``: autograde seconds per submission and a grading kernel's peak memory.

For each lesson, a course folder (:mod:`.course`) gets ``submissions`` copies of the released sheet answered as
the solution sheet answers it (the slowest case: every cell runs), and the course's autograde command
(:mod:`.autograde`, nbgrader's own autograde per submission) grades them. A thread samples the grading
kernels' peak resident memory (VmHWM, as the notebook bench does) while they run.
Budget: at most 6 s per submission on 2 cores, so a class of 60 grades in about 6 minutes.
"""
from __future__ import annotations

import statistics
import tempfile
import threading
from pathlib import Path

import nbformat

from . import cells as gc
from .autograde import autograde, make_api
from .course import set_up

__all__ = ["BUDGET_SECONDS", "answered", "bench_autograde", "report_lines"]

BUDGET_SECONDS = 6.0


def answered(released: nbformat.NotebookNode, source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The released sheet with every answer cell filled in from the source (markers removed)."""
    solutions = {gc.meta(c)["grade_id"]: c.source for c in source.cells if gc.is_solution(c)}
    for cell in released.cells:
        gid = gc.meta(cell).get("grade_id")
        if gid in solutions and gc.is_solution(cell):
            text = solutions[gid]
            cell.source = "\n".join(ln for ln in text.split("\n") if "SOLUTION" not in ln) \
                if cell.cell_type == "code" else "A written answer of a few sentences. " * 8
    return released


class _KernelPeaks(threading.Thread):
    """Sample the VmHWM of this process's ipykernel children until stopped; keep the highest per kernel."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval, self.peaks, self._done = interval, {}, threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._done.is_set():
            for child in me.children(recursive=True):
                try:
                    if "ipykernel" not in " ".join(child.cmdline()):
                        continue
                    with open(f"/proc/{child.pid}/status", encoding="ascii") as fh:
                        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
                except (OSError, StopIteration, psutil.Error):
                    continue
                self.peaks[child.pid] = max(kb, self.peaks.get(child.pid, 0))
            self._done.wait(self.interval)

    def stop(self) -> float:
        self._done.set()
        self.join()
        return max(self.peaks.values(), default=0) / 1024


def bench_autograde(lessons: list[str] | None = None, submissions: int = 3, log=print) -> list[dict]:
    """One row per lesson: submissions, seconds per submission (median, min, max), peak kernel MB."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "course"
        set_up(root, lessons=lessons)
        api = make_api(root)
        for source_path in sorted((root / "source").glob("*/*.ipynb")):
            lesson = source_path.stem
            result = api.generate_assignment(lesson)
            if not result.get("success"):
                raise RuntimeError(f"nbgrader generate_assignment {lesson} failed: {result.get('error', '')[-500:]}")
            source = nbformat.read(source_path, as_version=4)
            for k in range(submissions):
                released = nbformat.read(root / "release" / lesson / source_path.name, as_version=4)
                out = root / "submitted" / f"student{k + 1:02d}" / lesson / source_path.name
                out.parent.mkdir(parents=True)
                nbformat.write(answered(released, source), out)
            sampler = _KernelPeaks()
            sampler.start()
            try:
                outcomes = autograde(root, lesson, log=lambda line: None)
            finally:
                peak = sampler.stop()
            bad = [o for o in outcomes if o.status != "graded" or o.auto_score != o.auto_max]
            if bad:
                raise RuntimeError(f"{lesson}: a fully answered sheet lost points: {bad[0]}")
            secs = [o.seconds for o in outcomes]
            rows.append({"lesson": lesson, "n": len(secs), "median_s": statistics.median(secs), "min_s": min(secs),
                         "max_s": max(secs), "peak_mb": peak})
            log(f"  autograde {lesson}: {rows[-1]['median_s']:.1f} s per submission, kernel peak {peak:.0f} MB")
    return rows


def report_lines(rows: list[dict], budget_mb: float) -> tuple[list[str], list[str]]:
    """The section of docs/performance.md, and the budgets it breaks."""
    broken = []
    lines = ["## Autograding with nbgrader", "",
             "`python -m wmolab.authoring.grading.autograde` (nbgrader's own autograde, one submission at a time) on",
             "sheets answered as the solution sheet answers them, in a fresh course folder; the time per submission",
             "includes starting its kernel. **Budget:** at most "
             f"{BUDGET_SECONDS:g} s per submission on 2 cores, so a class of 60",
             f"grades in about 6 minutes; a grading kernel peaks below {budget_mb:.0f} MB.", "",
             f"| lesson | submissions | seconds per submission, median [range] | budget ≤ {BUDGET_SECONDS:g} s "
             f"| peak grading kernel memory (MB) | budget < {budget_mb:.0f} MB |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        ok_t, ok_m = r["median_s"] <= BUDGET_SECONDS, r["peak_mb"] < budget_mb
        if not ok_t:
            broken.append(f"autograde {r['lesson']}: {r['median_s']:.1f} s per submission > {BUDGET_SECONDS:g}")
        if not ok_m:
            broken.append(f"autograde {r['lesson']}: grading kernel peak {r['peak_mb']:.0f} MB")
        lines.append(f"| {r['lesson']} | {r['n']} | {r['median_s']:.1f} [{r['min_s']:.1f}–{r['max_s']:.1f}] | "
                     f"{'✔' if ok_t else '✘'} | {r['peak_mb']:.0f} | {'✔' if ok_m else '✘'} |")
    if rows:
        class_minutes = 60 * max(r["median_s"] for r in rows) / 60
        lines += ["", f"A class of 60 takes about {class_minutes:.0f} minutes per lesson at the slowest lesson's "
                  "median."]
    return lines + [""], broken

