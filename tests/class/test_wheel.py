"""The course package installs as an ordinary wheel with its datasets, and every solution sheet runs with it
from a folder outside the repository (as on a hub image, where no checkout exists)."""
from __future__ import annotations

import subprocess
import time

import nbformat
import pytest

from wmolab.authoring import binder
from wmolab.authoring import wheel as wheelmod

from helpers import ROOT, check_results, notebook_paths

pytestmark = pytest.mark.slow


WHEELHOUSE = binder.default_wheelhouse()          # `make test` downloads the locked wheels once per lock
SOURCE = ["--no-index", "--find-links", str(WHEELHOUSE)] if WHEELHOUSE else []


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return wheelmod.build(tmp_path_factory.mktemp("dist"), pip_args=SOURCE)


def test_wheel_carries_the_datasets_keys_and_settings(built):
    assert built.name == "wmolab-0.1.0-py3-none-any.whl"
    assert wheelmod.check(built) == []


def test_every_solution_sheet_runs_from_the_installed_wheel_outside_the_repository(built, tmp_path, record_property):
    start = time.monotonic()
    # the locked packages are installed once per lock (kept next to .venv), the wheel into a new environment over them
    locked = wheelmod.locked_env(ROOT / ".venv" / "cache", ROOT / "requirements" / "lab.txt", SOURCE)
    py = wheelmod.fresh_env_over(tmp_path / "env", locked, [*SOURCE, str(built)])
    probe = "import wmolab, wmolab.data as d; print(wmolab.__file__); print(d.datasets_dir())"
    where = subprocess.run([str(py), "-c", probe],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert all("site-packages" in w and str(ROOT) not in w for w in where), where
    assert (tmp_path / "env" / wheelmod.SETTINGS).exists(), "the wheel did not install the JupyterLab settings"

    outside = tmp_path / "class"                           # a student's folder: just the sheets, no repository
    outside.mkdir()
    sheets = []
    for src in notebook_paths("solutions"):
        nb = nbformat.read(src, as_version=4)
        for cell in nb.cells:                               # run them fresh: no stored outputs to hide behind
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, outside / src.name)
        sheets.append(outside / src.name)
    errors = wheelmod.run_notebooks(py, sheets, cwd=outside)
    assert set(errors) == {str(s) for s in sheets}
    failed = {k: v for k, v in errors.items() if v}
    assert not failed, f"solution sheets failed with the installed wheel: {failed}"
    for sheet in sheets:
        statuses = check_results(nbformat.read(sheet, as_version=4))
        assert statuses, f"{sheet.name}: no self-check ran"
        wrong = [(q, s) for q, s in statuses if s != "correct"]
        assert not wrong, f"{sheet.name}: self-checks not correct with the installed wheel: {wrong}"
    record_property(f"fresh environment + {len(sheets)} solution sheets (s)", round(time.monotonic() - start, 1))
