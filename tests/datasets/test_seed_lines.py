"""Every dataset row that cites seed lines shows its anchor (Dutch phrase or printed number) there.

The seeds are not part of the repository: they sit in ``shared/sources/seeds`` beside it (or
``WMOLAB_SEEDS`` points to them). Without them the per-dataset tests skip, except under
``CI=true``, where a missing seed folder fails the run.
"""
from __future__ import annotations

import json
import os

import pytest

from wmolab.authoring.provenance import (
    check_resource,
    check_row,
    line_columns,
    normalise,
    parse_ranges,
    seeds_dir,
)

from helpers import ROOT

PACKAGE = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
CITING = [r for r in PACKAGE["resources"] if line_columns(r)]
SEEDS = seeds_dir(ROOT)


@pytest.fixture(scope="module")
def seeds():
    if SEEDS is None:
        message = "the seed texts (shared/sources/seeds beside the repository, or WMOLAB_SEEDS) are not here"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must have them")
        pytest.skip(message)
    return SEEDS


# --------------------------------------------------------------------------- the checker itself
LINES = ["Eerste regel over beleid.", "De aanspraken worden be-", "perkt tot 3,45 procent.", "Niets hier."]


def test_parse_ranges_reads_every_form():
    assert parse_ranges("L1002-1006;L1051-1054") == [(1002, 1006), (1051, 1054)]
    assert parse_ranges("L10 L12, 14-15") == [(10, 10), (12, 12), (14, 15)]
    with pytest.raises(ValueError):
        parse_ranges("L20-10")


def test_normalise_joins_line_break_hyphens_only():
    assert normalise("be-\nperkt") == "beperkt"
    assert normalise("Wmo-\n2015") == "wmo-2015"  # a hyphen before a digit is kept


def test_a_right_reference_passes():
    assert check_row(LINES, "L2-3", ["aanspraken worden beperkt"], ["3.45"]) == []


def test_a_wrong_range_fails():
    assert check_row(LINES, "L1", ["aanspraken worden beperkt"], []) != []
    assert check_row(LINES, "L4", [], ["3.45"]) != []


def test_one_wrong_range_among_right_ones_fails():
    problems = check_row(LINES, "L2-3; L4", ["beperkt"], [])
    assert any("L4-4" in p for p in problems)


def test_a_number_must_match_whole():
    assert check_row(LINES, "L3", [], ["3.4"]) != []
    assert check_row(LINES, "L3", [], ["45"]) != []


def test_a_reference_outside_the_seed_fails():
    assert check_row(LINES, "L9", ["x"], []) != []


def test_a_citing_row_without_anchor_fails():
    assert check_row(LINES, "L1", [], []) != []


def test_a_dataset_without_anchor_rules_fails(seeds):
    resource = dict(next(r for r in CITING if r["name"] == "steering_signal_words"))
    resource["wmolab"] = {k: v for k, v in resource["wmolab"].items() if k != "anchors"}
    assert any("no anchor rule" in str(p) for p in check_resource(resource, ROOT / "datasets", seeds))


def test_a_deliberately_wrong_range_in_a_real_dataset_fails(seeds):
    resource = next(r for r in CITING if r["name"] == "steering_signal_words")
    import csv

    with (ROOT / "datasets" / resource["path"]).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0] = {**rows[0], "source_line": "L10"}
    problems = check_resource(resource, ROOT / "datasets", seeds, rows=rows)
    assert [p.row for p in problems] == [2]


# --------------------------------------------------------------------------- every dataset
@pytest.mark.parametrize("resource", CITING, ids=[r["name"] for r in CITING])
def test_every_cited_line_holds_its_anchor(resource, seeds):
    problems = check_resource(resource, ROOT / "datasets", seeds)
    assert not problems, f"{len(problems)} row(s) do not show their anchor:\n" + "\n".join(map(str, problems[:15]))
