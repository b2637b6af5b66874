"""datasets/: the data package validates, is in sync with the files, and every resource has provenance."""
from __future__ import annotations

import json

import pytest

from wmolab.authoring.datapackage import KINDS, assemble, render

from helpers import ROOT

DATASETS = ROOT / "datasets"
PACKAGE = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = PACKAGE["resources"]


def test_package_is_in_sync_with_files_and_descriptors():
    assert render(assemble(DATASETS)) == (DATASETS / "datapackage.json").read_text(encoding="utf-8"), (
        "datasets/datapackage.json is out of date: run `make datapackage` and commit"
    )


def test_every_csv_is_described():
    described = {r["path"] for r in RESOURCES}
    files = {p.name for p in DATASETS.glob("*.csv")}
    assert files == described


def test_frictionless_validates_the_package():
    from frictionless import Package

    report = Package(str(DATASETS / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resource", "rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_notices_a_changed_file(tmp_path):
    import shutil

    from frictionless import Package

    dst = tmp_path / "datasets"
    shutil.copytree(DATASETS, dst)
    path = dst / "key_figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",393,", ",394,"), encoding="utf-8")
    report = Package(str(dst / "datapackage.json")).validate()
    assert not report.valid


@pytest.mark.parametrize("res", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_provenance(res):
    meta = res["wmolab"]
    assert meta["kind"] in KINDS
    assert meta.get("citation") and meta.get("locator"), "every dataset names its source and where in it"
    assert meta.get("lessons"), "every dataset names the lessons that use it"
    assert res.get("sources"), "Frictionless 'sources' is filled in"
    for field in res["schema"]["fields"]:
        assert field["name"].isascii() and field["name"] == field["name"].lower(), "snake_case ASCII columns"


def test_published_figures_of_lesson_00():
    from wmolab import load

    figures = load("key_figures").set_index("figure_id")["value"]
    assert figures["municipalities_2015"] == 393 and figures["municipalities_2019"] == 355
    assert (figures["thuiszorg_cut_planned"], figures["thuiszorg_cut_revised"]) == (75, 40)
    laws = load("laws_2015").set_index("law_id")
    assert laws.loc["wmo_2015", "staatsblad"] == "Stb. 2014-280"
    assert laws.loc["participatiewet", "staatsblad"] == "Stb. 2014-270"
    assert laws.loc["jeugdwet", "staatsblad"] == "Stb. 2014-105"
