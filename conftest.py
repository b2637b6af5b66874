"""Root conftest: applies to tests/, notebooks/ and solutions/ (nbval items)."""
from __future__ import annotations


def pytest_collectstart(collector):
    # nbval compares text/plain strictly; pandas' HTML tables and stderr (warnings, font-cache
    # notices) change between library versions and machines, so they are not compared.
    # Widget views are never compared by nbval itself (their model ids are random).
    if hasattr(collector, "skip_compare") and str(getattr(collector, "path", "")).endswith(".ipynb"):
        collector.skip_compare += ("text/html", "text/markdown", "application/javascript", "stderr")


def pytest_terminal_summary(terminalreporter):
    """After the run, list the notebooks nbval checked, with their passed and failed cell counts."""
    per_file: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for rep in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(rep, "nodeid", "")
            path = nodeid.split("::", 1)[0]
            if path.endswith(".ipynb") and getattr(rep, "when", "call") == "call":
                per_file.setdefault(path, {}).setdefault(outcome, 0)
                per_file[path][outcome] += 1
    if per_file:
        terminalreporter.section("notebooks checked by nbval (cells)")
        for path in sorted(per_file):
            counts = ", ".join(f"{n} {k}" for k, n in sorted(per_file[path].items()))
            terminalreporter.write_line(f"{path}: {counts}")
    # wall times that slow tests record with record_property (tests/class: the hub, the wheel)
    timings = [f"{rep.nodeid.split('::')[-1]}: {key} = {value}"
               for outcome in ("passed", "failed") for rep in terminalreporter.stats.get(outcome, [])
               for key, value in getattr(rep, "user_properties", []) if key.endswith("(s)")]
    if timings:
        terminalreporter.section("wall times recorded by tests")
        for line in timings:
            terminalreporter.write_line(line)
