"""`make bundle`: the offline zip holds the course, and notebook 00 runs from an unpacked copy."""
from __future__ import annotations

import os
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

from wmolab.authoring import bundle

from helpers import ROOT


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "wmolab-offline.zip"
    bundle.build(out)
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(out) as zf:
        zf.extractall(dest)
    return out, dest / bundle.TOP


def test_bundle_contents(unpacked):
    out, top = unpacked
    names = zipfile.ZipFile(out).namelist()
    assert all(n.startswith(bundle.TOP + "/") for n in names)
    for needed in ["README.md", "LICENSE", "LICENSE-CONTENT.md", "environment.yml", "requirements/lab.txt",
                   "datasets/datapackage.json", "wmolab/__init__.py", "wmolab/keys/00.json",
                   "notebooks/00_start_here.ipynb", "exercises/00_start_here.ipynb", "solutions/00_start_here.ipynb"]:
        assert (top / needed).is_file(), needed
    for folder in ("notebooks", "exercises", "solutions"):
        assert {p.name for p in (top / folder).glob("*.ipynb")} == {p.name for p in (ROOT / folder).glob("*.ipynb")}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "/.venv/" in n]


def test_bundle_is_reproducible(unpacked, tmp_path):
    out, _ = unpacked
    again = bundle.build(tmp_path / "again.zip")
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.slow
def test_notebook_00_runs_from_the_unpacked_bundle(unpacked):
    _, top = unpacked
    nb = nbformat.read(top / "notebooks" / "00_start_here.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import wmolab, wmolab.data\nprint(wmolab.__file__)\nprint(wmolab.data.datasets_dir())"))
    env = {**os.environ, "PYTHONPATH": str(top)}
    env.pop("WMOLAB_DATASETS", None)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(top / "notebooks")}})
    client.execute(env=env)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]["evalue"]
    where = nb.cells[-1].outputs[0]["text"].splitlines()
    assert where[0].startswith(str(top)), "the kernel used the bundled wmolab, not the repository's"
    assert where[1] == str(top / "datasets")
