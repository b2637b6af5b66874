"""`make bench`: measure the course's performance budgets and write docs/performance.md.

- each notebook in notebooks/ and solutions/, executed in a fresh kernel: wall time (kernel start to last
  cell) as a RATIO to a baseline notebook that only starts a kernel and imports pandas, seaborn and
  ipywidgets, measured alternately with it in the same run (budget <= 2.0);
- the kernel's peak resident memory during each notebook (budget < 250 MB);
- for each explorer of each lesson: median time from a control change to the new output, headless, over
  at least 20 changes (budget < 100 ms);
- `import wmolab` time beyond `import pandas` (budget < 0.3 s);
- autograding with nbgrader: seconds per submission (budget <= 6 s) and a grading kernel's peak memory
  (:mod:`wmolab.authoring.grading.bench`; ``--no-grading`` leaves it out).
- the website build, ``make site``: stage and build with Sphinx into a temporary folder (budget < 120 s).

Absolute times vary by machine and load; the ratios are what to compare. Exits 1 when a budget is broken.

    .venv/bin/python -m wmolab.authoring.bench [--runs 3] [--no-site] [--out docs/performance.md] [notebook ...]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..widgets._base import Explorer
from . import site
from .grading import bench as grading_bench

ROOT = Path(__file__).resolve().parents[2]
BUDGET_RATIO, BUDGET_MB, BUDGET_WIDGET_MS, BUDGET_IMPORT_S, BUDGET_SITE_S = 2.0, 250.0, 100.0, 0.3, 120.0
# The kernel's own peak resident memory: VmHWM, the high-water mark of its address space, where Linux has it.
# (ru_maxrss is the fallback elsewhere; on Linux it also carries the RSS of the process that forked the
# kernel, so a bigger bench process would inflate the peak of a small notebook.)
PEAK_CELL = (
    "import resource as _r, re as _re\n"
    "try:\n"
    "    _kb = int(_re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
    "except (OSError, AttributeError):\n"
    "    _kb = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss\n"
    "print('WMOLAB_PEAK_KB=' + str(_kb))"
)


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    name: str
    runs: list[Run] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(r.seconds for r in self.runs) / statistics.median(self.baseline)

    @property
    def ratios(self) -> list[float]:
        return [r.seconds / b for r, b in zip(self.runs, self.baseline)]

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def baseline_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import pandas\nimport seaborn\nimport ipywidgets")]
    return nb


def measure(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 600) -> Run:
    """Execute a copy of ``nb`` in a fresh kernel; wall time from kernel start, and the kernel's peak RSS."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    kb = int(text.split("WMOLAB_PEAK_KB=")[1].split()[0])
    return Run(seconds=seconds, peak_mb=kb / 1024)


def bench_notebooks(paths: list[Path], runs: int) -> list[Result]:
    base = baseline_notebook()
    results = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        res = Result(name=f"{path.parent.name}/{path.name}")
        for _ in range(runs):  # alternate baseline and notebook so both see the same machine state
            res.baseline.append(measure(base, path.parent).seconds)
            res.runs.append(measure(nb, path.parent))
        print(f"  {res.name}: ratio {res.ratio:.2f}, peak {res.peak_mb:.0f} MB", file=sys.stderr)
        results.append(res)
    return results


def explorers_of(path: Path) -> list[tuple[str, object]]:
    """Run a lesson's code cells in this process and collect the explorers its widget cells build."""
    nb = nbformat.read(path, as_version=4)
    ns: dict = {"__name__": "__bench__"}
    found = []
    with contextlib.redirect_stdout(io.StringIO()), _no_display():
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            src = cell.source
            lines = src.rstrip().splitlines()
            if re.search(r"\bexplore_\w+\(", src) and lines:
                exec(compile("\n".join(lines[:-1]), path.name, "exec"), ns)
                obj = eval(compile(lines[-1], path.name, "eval"), ns)
                if isinstance(obj, Explorer):
                    found.append((re.search(r"(explore_\w+)\(", src).group(1), obj))
            else:
                exec(compile(src, path.name, "exec"), ns)
    return found


@contextlib.contextmanager
def _no_display():
    import IPython.display as d

    saved = d.display
    d.display = lambda *a, **k: None
    try:
        yield
    finally:
        d.display = saved


def _choices(control) -> list:
    if hasattr(control, "options") and control.options:
        opts = control.options
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        if type(control).__name__ in ("SelectMultiple",):
            return [tuple(values[: i + 1]) for i in range(len(values))]
        return values
    if hasattr(control, "min") and hasattr(control, "max") and not isinstance(control.value, tuple):
        lo, hi = control.min, control.max
        step = getattr(control, "step", 1) or 1
        n = min(int((hi - lo) / step) + 1, 12)
        return [lo + (hi - lo) * k / max(n - 1, 1) for k in range(n)] if isinstance(lo, float) else \
            sorted({int(lo + (hi - lo) * k / max(n - 1, 1)) for k in range(n)})
    if isinstance(getattr(control, "value", None), bool):
        return [True, False]
    return []


def widget_response(explorer, changes: int = 24) -> tuple[str, list[float]]:
    """Time `changes` control changes (control value -> outputs updated) on the explorer's first usable control."""
    for name, control in explorer.controls.items():
        values = _choices(control)
        values = [v for v in values if v != control.value] + [control.value]
        if len(values) >= 2:
            times = []
            for i in range(changes):
                value = values[i % len(values)]
                if value == control.value:
                    value = values[(i + 1) % len(values)]
                before = explorer.updates
                t = time.perf_counter()
                control.value = value
                times.append((time.perf_counter() - t) * 1000)
                assert explorer.updates > before, f"control {name} did not trigger an update"
            return name, times
    return "", []


def bench_widgets(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        for builder, explorer in explorers_of(path):
            control, times = widget_response(explorer)
            if not times:
                continue
            rows.append({"notebook": path.name, "builder": builder, "control": control, "n": len(times),
                         "median_ms": statistics.median(times), "max_ms": max(times),
                         "error": repr(explorer.last_error) if explorer.last_error else ""})
            print(f"  {path.name} {builder}.{control}: median {rows[-1]['median_ms']:.1f} ms", file=sys.stderr)
    return rows


def import_overhead(repeats: int = 7) -> list[float]:
    code = ("import time; t0=time.perf_counter(); import pandas; t1=time.perf_counter(); import wmolab; "
            "t2=time.perf_counter(); print(t2-t1)")
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(repeats)]


def site_builds(runs: int) -> tuple[list[float], int]:
    """Seconds of ``runs`` full website builds (stage + Sphinx, as ``make site``), and the number of pages."""
    seconds, pages = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            staged, took = site.build(Path(tmp) / "site", Path(tmp) / "site-src")
        seconds.append(took)
        pages = len(staged.pages)
    return seconds, pages


def machine() -> str:
    mem = ""
    with contextlib.suppress(Exception):
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; "
            f"Python {platform.python_version()}")


def report(nb_results: list[Result], widgets: list[dict], imports: list[float], runs: int,
           grading: list[dict] = (),
           site_times: tuple[list[float], int] | None = None) -> tuple[str, list[str]]:
    broken = []
    lines = [
        "# Performance of WMO Lab",
        "",
        "Written by `make bench` (`python -m wmolab.authoring.bench`; `BENCH_RUNS=1 make bench` for a quick check).",
        "Absolute times vary by machine and by what else it is doing; compare the **ratios**, which are",
        "measured against a baseline notebook (start a kernel, import pandas, seaborn and ipywidgets) run",
        "alternately with each notebook in the same session.",
        "",
        "**The budgets** (the course's promises to a student on a small laptop or a shared JupyterHub):",
        f"a notebook runs top to bottom in at most {BUDGET_RATIO:g} × the baseline; a kernel peaks below "
        f"{BUDGET_MB:.0f} MB;",
        f"an explorer answers a control change in under {BUDGET_WIDGET_MS:.0f} ms (median); `import wmolab` "
        f"takes under {BUDGET_IMPORT_S:g} s",
        "beyond importing pandas. `make bench` exits 1 when one is broken.",
        "",
        f"**Machine:** {machine()}. **Runs per notebook:** {runs}.",
        "",
        "## Notebooks (fresh kernel each run)",
        "",
        "| notebook | time (s), median [range] | baseline (s), median | ratio, median [range] | budget ≤ 2.0 "
        "| peak kernel memory (MB) | budget < 250 MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in nb_results:
        secs = [x.seconds for x in r.runs]
        ok_ratio = r.ratio <= BUDGET_RATIO
        ok_mem = r.peak_mb < BUDGET_MB
        if not ok_ratio:
            broken.append(f"{r.name}: time ratio {r.ratio:.2f} > {BUDGET_RATIO}")
        if not ok_mem:
            broken.append(f"{r.name}: peak memory {r.peak_mb:.0f} MB >= {BUDGET_MB:.0f}")
        lines.append(
            f"| {r.name} | {statistics.median(secs):.2f} [{min(secs):.2f}–{max(secs):.2f}] | "
            f"{statistics.median(r.baseline):.2f} | {r.ratio:.2f} [{min(r.ratios):.2f}–{max(r.ratios):.2f}] | "
            f"{'✔' if ok_ratio else '✘'} | {r.peak_mb:.0f} | {'✔' if ok_mem else '✘'} |"
        )
    lines += ["", "## Widget response (headless: control change → new output)", "",
              "Each explorer's first choice control is changed 24 times, cycling through its options. Explorers",
              "that draw a figure draw each state once and reuse it when the student returns to it, so the",
              "**max** column is the cost of a first draw (a matplotlib figure: typically 50-400 ms here).", "",
              "| notebook | explorer | control changed | changes | median (ms) | max (ms) | budget < 100 ms |",
              "|---|---|---|---|---|---|---|"]
    for w in widgets:
        ok = w["median_ms"] < BUDGET_WIDGET_MS and not w["error"]
        if not ok:
            broken.append(f"{w['notebook']} {w['builder']}: median {w['median_ms']:.0f} ms {w['error']}")
        lines.append(f"| {w['notebook']} | `{w['builder']}` | `{w['control']}` | {w['n']} | {w['median_ms']:.1f} | "
                     f"{w['max_ms']:.1f} | {'✔' if ok else '✘'} |")
    med = statistics.median(imports)
    ok_imp = med < BUDGET_IMPORT_S
    if not ok_imp:
        broken.append(f"import wmolab: {med:.3f} s beyond pandas")
    lines += ["", "## Import time", "",
              f"`import wmolab` after `import pandas`: median **{med:.3f} s** "
              f"[{min(imports):.3f}–{max(imports):.3f}] over {len(imports)} fresh interpreters; budget < 0.3 s "
              f"{'✔' if ok_imp else '✘'}.", "",
              "## Sizing a JupyterHub", "",
              f"The largest kernel peak above is {max((r.peak_mb for r in nb_results), default=0):.0f} MB; with the "
              "JupyterLab server and the browser tab's share, 1 GB per user is ample for this course.", ""]
    if grading:
        more, grading_broken = grading_bench.report_lines(list(grading), BUDGET_MB)
        lines += more
        broken += grading_broken
    if site_times and site_times[0]:
        secs, pages = site_times
        ok_site = statistics.median(secs) < BUDGET_SITE_S
        if not ok_site:
            broken.append(f"make site: {statistics.median(secs):.0f} s")
        lines += ["## Website build (`make site`)", "",
                  "Staging the pages and building them with Sphinx (no notebook executed), from a ready environment.",
                  "", f"| pages | builds | time (s), median [range] | budget < {BUDGET_SITE_S:.0f} s |",
                  "|---|---|---|---|",
                  f"| {pages} | {len(secs)} | {statistics.median(secs):.1f} [{min(secs):.1f}–{max(secs):.1f}] | "
                  f"{'✔' if ok_site else '✘'} |", ""]
    verdict = "All budgets met." if not broken else "Budgets broken:\n\n" + "\n".join(f"- {b}" for b in broken)
    lines += ["## Verdict", "", verdict, ""]
    return "\n".join(lines), broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--no-grading", action="store_true", help="leave out the autograding measurement")
    parser.add_argument("--no-site", action="store_true", help="skip the website build")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted(
        p for f in ("notebooks", "solutions") for p in (ROOT / f).glob("[0-9][0-9]_*.ipynb"))
    print("notebooks:", file=sys.stderr)
    nb_results = bench_notebooks(paths, args.runs)
    print("widgets:", file=sys.stderr)
    widgets = bench_widgets([p for p in paths if p.parent.name == "notebooks"])
    imports = import_overhead()
    grading = []
    if not args.no_grading and not args.notebooks:
        print("autograding:", file=sys.stderr)
        grading = grading_bench.bench_autograde(submissions=args.runs,
                                                log=lambda line: print(line, file=sys.stderr))
    print("website:", file=sys.stderr)
    site_times = None if args.no_site else site_builds(args.runs)
    text, broken = report(nb_results, widgets, imports, args.runs, grading, site_times)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out}" + (f"; {len(broken)} budget(s) broken" if broken else "; all budgets met"))
    for b in broken:
        print("  BROKEN:", b)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
