"""Shared helpers for the test suite: where things are, and reading notebooks."""
from __future__ import annotations

import re
import socket
from pathlib import Path

import nbformat

from wmolab.authoring.exercises import sheet_statuses
from wmolab.authoring.sheets import keep_work_advice

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "solutions", "exercises")
#: where the browser tests save a screenshot of a failure
BROWSER_ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHECK_LINE = re.compile(
    r"^(?P<qid>\d{2}\.\d{1,2}) · (?P<label>✔ correct|✘ not correct yet|… not answered yet|✘ cannot check this answer"
    r"|✔ goed|✘ nog niet goed|… nog niet beantwoord|✘ dit antwoord kan niet worden gecontroleerd)"
)
LABEL_STATUS = {
    "✔ correct": "correct",
    "✘ not correct yet": "incorrect",
    "… not answered yet": "unanswered",
    "✘ cannot check this answer": "invalid",
    # the Dutch edition (wmolab.po)
    "✔ goed": "correct",
    "✘ nog niet goed": "incorrect",
    "… nog niet beantwoord": "unanswered",
    "✘ dit antwoord kan niet worden gecontroleerd": "invalid",
}
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d{2}\.\d{1,2})["']""")


def notebook_paths(*folders: str) -> list[Path]:
    folders = folders or FOLDERS
    return sorted(p for f in folders for p in (ROOT / f).glob("[0-9][0-9]_*.ipynb"))


def ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name}" for p in paths]


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def output_text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


def check_results(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(question, status) for every self-check output in an executed notebook, in order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            for line in output_text(out).splitlines():
                m = CHECK_LINE.match(line.strip())
                if m:
                    found.append((m.group("qid"), LABEL_STATUS[m.group("label")]))
    return found


def check_calls(nb: nbformat.NotebookNode) -> list[str]:
    """Question ids of every check("NN.k", ...) call in the notebook's code, in order."""
    return [q for cell in nb.cells if cell.cell_type == "code" for q in CHECK_CALL.findall(cell.source)]


def free_port() -> int:
    """A free TCP port on the loopback interface (for a JupyterLab or JupyterHub the test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sync_problems(root):
    """One message per sheet that differs from its generated version in what the author controls."""
    out = []
    for status in sheet_statuses(root):
        if not status.stale:
            continue
        what = "; ".join(status.stale[:3])
        if status.holds_work:
            work = "; ".join(status.work[:3])
            out.append(f"{what}. " + keep_work_advice(status.path, root).format(work=work))
        else:
            out.append(f"{status.path.relative_to(root)} is out of date with solutions/ ({what}): "
                       "run `make exercises` and commit")
    return out
