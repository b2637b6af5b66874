"""wmolab.grading.verify: what nbgrader's hidden tests call. It must not trust anything a notebook changed."""
from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

import wmolab.checks
import wmolab.grading
from wmolab.checks import Feedback
from wmolab.grading import verify


def test_verify_says_correct_incorrect_and_unanswered():
    ok, line = verify("03.2", "c")
    assert ok and line.startswith("03.2 · ✔ correct")
    ok, line = verify("03.2", "a")
    assert not ok and line.startswith("03.2 · ✘ not correct yet — ")
    ok, line = verify("03.2")
    assert not ok and "not answered yet" in line
    ok, line = verify("03.2", 12)
    assert not ok and "cannot check this answer" in line


def test_verify_ignores_a_patched_check_module(monkeypatch):
    fake = lambda question, answer=...: Feedback(question, "correct", "")  # noqa: E731
    monkeypatch.setattr(wmolab.checks, "check", fake)
    monkeypatch.setattr(wmolab.checks, "_check", fake)
    monkeypatch.setattr(Feedback, "correct", property(lambda self: True))
    wmolab.checks._keys("03")["03.2"] = {"kind": "text", "sha256": "tampered"}
    try:
        assert wmolab.checks.check("03.2", "a").correct, "the patch works in this process"
        assert verify("03.2", "a")[0] is False
        assert verify("03.2", "c")[0] is True
    finally:
        wmolab.checks._keys.cache_clear()


def test_a_reload_restores_a_patched_verify(monkeypatch):
    monkeypatch.setattr(wmolab.grading, "verify", lambda *a: (True, ""))
    assert importlib.reload(wmolab.grading).verify("03.2", "a")[0] is False


def test_verify_writes_nothing_to_stderr():
    """nbgrader gives a test cell 0 points when it writes to stderr: warnings stay quiet (run as in a kernel)."""
    code = textwrap.dedent("""
        import warnings
        warnings.simplefilter("always")
        from wmolab.grading import verify

        class Noisy(float):
            def __float__(self):
                warnings.warn("a deprecation somewhere", FutureWarning, stacklevel=1)
                return 45.6

        warnings.warn("this one is seen", UserWarning, stacklevel=1)
        print(verify("03.3", Noisy(45.6))[0])
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() in ("True", "False") and "this one is seen" in result.stderr
    assert "deprecation somewhere" not in result.stderr


@pytest.mark.parametrize("answer", [None, ..., object()])
def test_verify_never_raises(answer):
    assert verify("03.2", answer)[0] is False
