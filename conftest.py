"""Root conftest: applies to tests/, notebooks/ and solutions/ (nbval items)."""
from __future__ import annotations


def pytest_collectstart(collector):
    # nbval compares text/plain strictly; pandas' HTML tables and stderr (warnings, font-cache
    # notices) change between library versions and machines, so they are not compared.
    # Widget views are never compared by nbval itself (their model ids are random).
    if hasattr(collector, "skip_compare") and str(getattr(collector, "path", "")).endswith(".ipynb"):
        collector.skip_compare += ("text/html", "text/markdown", "application/javascript", "stderr")
