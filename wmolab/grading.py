"""What nbgrader's hidden tests call: the self-check, fresh, without the student's namespace.

A graded sheet has, after each self-checked answer, a locked "autograder tests" cell whose hidden part is::

    import importlib, wmolab.grading
    _ok, _feedback = importlib.reload(wmolab.grading).verify("03.1", answer_1)
    if not _ok:
        raise AssertionError(_feedback)

:func:`verify` loads its own private copy of :mod:`wmolab.checks` from the file each time, so a student who
redefines ``check``, patches ``wmolab.checks.check`` or ``Feedback``, edits the cached keys, or prints
"correct" gains nothing: the score depends only on the answer variable and the stored key. Warnings are kept
quiet, because nbgrader gives no points to a test cell that writes to stderr. (A test that runs in the
student's own kernel cannot stop someone who rewrites Python's standard modules there; nbgrader keeps every
line a student ran in the autograded notebook, for the grader to see.)
"""
from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from typing import Any

from . import checks

__all__ = ["verify"]

_CHECKS_FILE = Path(checks.__file__).resolve()


def _fresh_checks():
    """A new module object built from ``wmolab/checks.py``: nothing a notebook did to the imported one applies."""
    name = "wmolab._checks_for_grading"
    spec = importlib.util.spec_from_file_location(name, _CHECKS_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


def verify(question: str, answer: Any = ...) -> tuple[bool, str]:
    """``(True, line)`` when ``answer`` is correct for ``question``, else ``(False, line)``.

    ``line`` is the self-check's one-line feedback (it never contains the expected answer); a hidden test
    raises it as an AssertionError, so it reaches the student's feedback page.

    >>> verify("00.1", ...)
    (False, '00.1 · … not answered yet — replace the ... with your answer and run the cell again.')
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feedback = _fresh_checks().check(question, answer)
        status, line = str(feedback.status), str(feedback)
    return status == "correct", line
