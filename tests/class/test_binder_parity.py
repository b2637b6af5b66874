"""Binder parity: requirements/lab.txt installed over repo2docker's base packages gives a consistent environment
(pip check clean, every lab extension enabled and OK), every pinned version exactly, and the course's settings."""
from __future__ import annotations

import pytest

from wmolab.authoring import binder

from helpers import ROOT

LISTING = """JupyterLab v4.6.6
/env/share/jupyter/labextensions
        jupyterlab_pygments v0.3.0 \x1b[32menabled\x1b[0m \x1b[32mOK\x1b[0m (python, jupyterlab_pygments)
        @jupyter-notebook/lab-extension v7.4.7 \x1b[32menabled\x1b[0m \x1b[31m X\x1b[0m

   The following extensions may be outdated or specify dependencies that are incompatible with the current version of jupyterlab:
        @jupyter-notebook/lab-extension
"""  # noqa: E501 (jupyter's own output, as printed)


def test_listing_parser_sees_an_incompatible_extension():
    found = binder.parse_labextensions(LISTING)
    assert [(e["name"], e["status"]) for e in found] == [("jupyterlab_pygments", "OK"),
                                                         ("@jupyter-notebook/lab-extension", "X")]
    report = binder.Report(pip_check_ok=True, extensions=found, labextension_output=LISTING,
                           settings={"fetchNews": "false", "checkForUpdates": False})
    assert any("lab-extension" in p and "X" in p for p in report.problems)
    assert any("incompatible" in p for p in report.problems)


def test_the_pip_step_is_our_lock_and_the_package():
    assert binder.environment_pip_lines(ROOT) == ["-r requirements/lab.txt", "-e ."]


def test_notebook_moves_with_jupyterlab():
    lab = binder.read_pins(ROOT / "requirements" / "lab.txt")
    base = binder.read_pins(binder.BASE)
    assert lab["notebook"] != base["notebook"] and lab["jupyterlab"] != base["jupyterlab"]
    assert {"jupyterlab", "notebook", "ipywidgets", "jupyterlab-widgets", "jupyter-server"} <= set(base)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return binder.simulate(tmp_path_factory.mktemp("binder"), wheelhouse=binder.default_wheelhouse())


@pytest.mark.slow
def test_pip_check_is_clean(report):
    assert report.pip_check_ok, report.pip_check


@pytest.mark.slow
def test_every_lab_extension_is_enabled_and_compatible(report):
    names = {e["name"] for e in report.extensions}
    wanted = {"@jupyter-widgets/jupyterlab-manager", "@jupyter-notebook/lab-extension"}
    assert wanted <= names, report.labextension_output
    assert not report.problems, "\n".join(report.problems)


@pytest.mark.slow
def test_binder_gets_every_pinned_version_and_the_course_settings(report):
    assert report.wrong_versions == {}
    assert report.settings == {"fetchNews": "false", "checkForUpdates": False}
    # what Binder has beyond our lock (README: "Binder adds its own ..."), kept at its own versions
    assert set(report.base_kept) >= {"jupyterhub", "jupyter-resource-usage", "jupyter-offlinenotebook"}
