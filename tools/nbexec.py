"""Execute notebooks in place, the way the course commits them.

    .venv/bin/python tools/nbexec.py notebooks/00_start_here.ipynb solutions/00_start_here.ipynb

Runs each notebook top to bottom in a fresh ``python3`` kernel (this environment's), with the
notebook's folder as working directory, then stores it with outputs but without widget state,
execution timings or machine-specific metadata, so a re-run changes nothing unless an output
changed. Stops at the first error and says where. Used by `make notebooks`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from wmolab.exercises import KERNELSPEC, write_notebook  # noqa: E402


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                # widget views carry random model ids; keep only the text fallback
                data = out.get("data", {})
                if "application/vnd.jupyter.widget-view+json" in data:
                    data.pop("application/vnd.jupyter.widget-view+json")
    return nb


def execute(path: Path, timeout: int = 300) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        raise SystemExit(f"{path}: a cell failed:\n{str(exc)[:3000]}")
    write_notebook(clean(nb), path)
    print(f"executed {path}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for arg in sys.argv[1:]:
        execute(Path(arg))
