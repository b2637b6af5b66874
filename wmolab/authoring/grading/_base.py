"""The tiny base of the grading transformations: one transformation per module, settings declared with help.

Like nbgrader's preprocessors (and otter-grader's transformers), each step of turning a solution sheet into
an nbgrader source notebook, or a source notebook into the student's sheet, is one class with one job.
A class declares its settings as :class:`Setting` attributes with a default and a help text; an instance
takes overrides as keyword arguments::

    class ClearSolutions(Transform):
        code_stub = Setting("# YOUR CODE HERE", "what replaces a solution region in a code cell")

    ClearSolutions(code_stub="pass")(nb)

``Transform.__call__`` copies nothing: it changes the notebook it is given and returns it (callers copy
first when they need the original, as :func:`wmolab.authoring.exercises.generate_notebook` does).
"""
from __future__ import annotations

from typing import Any

import nbformat

__all__ = ["Setting", "Transform", "TransformError"]


class TransformError(Exception):
    """A notebook cannot be transformed; the message says which cell and why."""


class Setting:
    """A declared setting of a :class:`Transform`: its default and what it does."""

    def __init__(self, default: Any, help: str) -> None:  # noqa: A002 - the name nbgrader and traitlets use
        self.default = default
        self.help = help
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type) -> Any:
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)


class Transform:
    """One step on a notebook. Subclasses implement :meth:`cell` (each cell) or :meth:`notebook` (all)."""

    def __init__(self, **settings: Any) -> None:
        known = self.settings()
        for name, value in settings.items():
            if name not in known:
                raise TypeError(f"{type(self).__name__} has no setting {name!r}; it has: {', '.join(known) or '-'}")
            self.__dict__[name] = value

    @classmethod
    def settings(cls) -> dict[str, Setting]:
        """Every declared setting, by name (with its default and help)."""
        found: dict[str, Setting] = {}
        for klass in reversed(cls.__mro__):
            found.update({k: v for k, v in vars(klass).items() if isinstance(v, Setting)})
        return found

    def notebook(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        for index, cell in enumerate(nb.cells):
            try:
                self.cell(cell)
            except TransformError as exc:
                raise TransformError(f"cell {index + 1}: {exc}") from None
        return nb

    def cell(self, cell: nbformat.NotebookNode) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def __call__(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        return self.notebook(nb)
