"""wmolab.data: typed loading, and one clear error for every way a dataset can be broken."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from wmolab import data
from wmolab.data import DatasetError, describe, list_datasets, load

from helpers import ROOT


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A temporary copy of datasets/ that load() uses instead of the real one."""
    dst = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", dst)
    monkeypatch.setenv(data.ENV_VAR, str(dst))
    return dst


def test_load_gives_declared_types():
    events = load("timeline")
    assert len(events) == 28
    assert str(events["year"].dtype) == "Int64"
    assert str(events["event"].dtype) == "string"
    laws = load("laws_2015")
    assert pd.api.types.is_datetime64_any_dtype(laws["in_force"])
    assert (laws["in_force"] == pd.Timestamp("2015-01-01")).all()
    assert load("key_figures")["value"].dtype == "float64"


def test_missing_values_become_na():
    figures = load("key_figures").set_index("figure_id")
    assert pd.isna(figures.loc["gemeentefonds_before", "year"])


def test_list_and_describe():
    table = list_datasets()
    assert {"timeline", "glossary", "laws_2015", "key_figures"} <= set(table["name"])
    assert set(list_datasets("00")["name"]) >= {"timeline", "laws_2015", "key_figures", "glossary"}
    assert list_datasets("99").empty
    text = describe("timeline")
    assert "Source:" in text and "Kind: transcribed" in text


def test_unknown_name_suggests(copy):
    with pytest.raises(DatasetError, match=r"no dataset called 'timelin'.*Did you mean 'timeline'"):
        load("timelin")
    with pytest.raises(DatasetError, match="name is text"):
        load(3)


def test_missing_file(copy):
    (copy / "timeline.csv").unlink()
    with pytest.raises(DatasetError, match=r"timeline.csv.*the file is missing.*git checkout"):
        load("timeline")


def test_edited_file_fails_checksum(copy):
    path = copy / "key_figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",393,", ",394,"), encoding="utf-8")
    with pytest.raises(DatasetError, match=r"key_figures.csv.*changed since it was published.*checksum"):
        load("key_figures")


def test_corrupt_bytes_fail_checksum(copy):
    path = copy / "laws_2015.csv"
    raw = bytearray(path.read_bytes())
    raw[50:60] = b"\x00\xff" * 5
    path.write_bytes(bytes(raw))
    with pytest.raises(DatasetError, match="changed since it was published"):
        load("laws_2015")


def _rehash(copy, name):
    """Simulate an edit that also updated the checksum, so the schema checks are reached."""
    pkg = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if res["name"] == name:
            res["hash"] = data.sha256_of(copy / res["path"])
            res["wmolab"].pop("rows", None)
    (copy / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda t: t.replace("event_id,date,year", "id,date,year"),
         r"header does not match.*missing column\(s\) \['event_id'\]"),
        (lambda t: t.replace(",1848,1848,", ",1848,eighteen,"),
         r"column 'year' should hold a whole number, but line 2 has 'eighteen'"),
        (lambda t: t.replace(",general,constitution,", ",general,astrology,", 1), r"column 'theme' allows only"),
        (lambda t: t.replace("t02,", "t01,", 1), r"must hold unique values|repeats the key"),
        (lambda t: t.replace(",1848,1848,", ",1848,1066,"), r"outside its minimum 1800"),
        (lambda t: t + 't99,2030,2030,"unfinished row\n', r"not valid CSV|should hold|must not be empty"),
        (lambda t: "", r"empty or not CSV"),
    ],
    ids=["renamed-column", "bad-integer", "not-in-enum", "duplicate-key", "below-minimum", "broken-csv", "empty"],
)
def test_schema_violations_have_clear_messages(copy, edit, message):
    path = copy / "timeline.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _rehash(copy, "timeline")
    with pytest.raises(DatasetError, match=message) as info:
        load("timeline")
    assert "timeline" in str(info.value)


def test_broken_catalogue(copy):
    (copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DatasetError, match="not valid JSON"):
        load("timeline")
    (copy / "datapackage.json").unlink()
    with pytest.raises(DatasetError, match="catalogue .* is missing"):
        load("timeline")


def test_row_count_is_checked(copy):
    pkg = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if res["name"] == "laws_2015":
            res["wmolab"]["rows"] = 4
    (copy / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    with pytest.raises(DatasetError, match="expected 4 rows, found 3"):
        load("laws_2015")


def test_every_dataset_in_the_package_loads():
    for name in list_datasets()["name"]:
        assert len(load(name)) > 0, name
