"""Tests of the class route (issue 14): the wheel, the course configuration, the student edition, Binder parity,
a real JupyterHub and the set-up from nothing. They share tests/helpers.py with the rest of the suite."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def require(condition: bool, message: str) -> None:
    """Skip with ``message`` when a tool is missing; under CI=true a missing tool is a failure, not a skip."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)

