"""Execute notebooks in place, and clean notebooks the way the course commits them.

    .venv/bin/python -m wmolab.authoring.nbexec notebooks/00_start_here.ipynb solutions/00_start_here.ipynb

:func:`execute` runs each notebook top to bottom in a fresh ``python3`` kernel (this environment's),
with the notebook's folder as working directory, then stores it with outputs but without widget
state, execution timings or machine-specific metadata, so a re-run changes nothing unless an output
changed. It stops at the first error and says where. Used by ``make notebooks``.

:func:`clean` is the one clean-up of the course: the executed lessons and solutions go through it
with their outputs, and the exercise generator (:mod:`wmolab.authoring.exercises`) sends the
student sheets through it without.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

__all__ = ["KERNELSPEC", "LANGUAGE_INFO", "clean", "write_notebook", "execute", "main"]

#: The kernel every committed notebook names (whatever machine executed it).
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3"}
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(nb: nbformat.NotebookNode, *, outputs: bool = True) -> nbformat.NotebookNode:
    """Clean ``nb`` in place and return it: no widget state, no execution timings, the course's kernelspec.

    With ``outputs`` the outputs stay, less the widget views (their model ids are random). What a viewer
    without a kernel shows stays: the text fallback and an explorer's static rendering (``text/html``,
    see :mod:`wmolab.widgets._base`), which the course website and GitHub's notebook view display.
    Without, every code cell loses its outputs and execution count.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type != "code":
            continue
        if outputs:
            for out in cell.get("outputs", []):
                out.get("data", {}).pop(_WIDGET_VIEW, None)
        else:
            cell.outputs = []
            cell.execution_count = None
    return nb


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook the way the course commits it (nbformat's layout, newline at end)."""
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    Path(path).write_text(text, encoding="utf-8")


def execute(path: Path, timeout: int = 300) -> None:
    """Execute the notebook at ``path`` in a fresh kernel and write it back, cleaned, with its outputs."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        raise SystemExit(f"{path}: a cell failed:\n{str(exc)[:3000]}") from None
    write_notebook(clean(nb), path)
    print(f"executed {path}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        execute(Path(arg))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
