"""Assemble ``datasets/datapackage.json`` from one descriptor per dataset.

Each dataset has a hand-written descriptor ``datasets/resources/<name>.json`` (a Frictionless
resource: name, path, title, description, schema, sources, and a ``wmolab`` block with the
provenance: seed, locator/line range, kind = transcribed | reconstructed | derived | course,
and the lessons that use it). ``make datapackage`` (``python -m wmolab.authoring.datapackage``) adds
what is computed from the file (``bytes``, ``hash`` = SHA-256, row count) and writes the
package. A test checks that the committed package equals a fresh assembly, so a CSV edited
without re-running this fails the tests, and :func:`wmolab.data.load` refuses it.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["assemble", "write", "KINDS"]

KINDS = ("transcribed", "reconstructed", "derived", "course", "synthetic")

PACKAGE_HEADER = {
    "name": "wmolab-datasets",
    "title": "WMO Lab course datasets",
    "description": (
        "Small tidy tables transcribed from, reconstructed from or derived from five Dutch publications "
        "on the social domain after the 2015 decentralisations. The data are facts taken from the cited "
        "publications; see datasets/README.md for provenance and datasets/ERRATA.md for source errors."
    ),
    "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                  "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "profile": "data-package",
}


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def assemble(datasets: Path) -> dict[str, Any]:
    """The data package for the descriptors in ``datasets/resources``."""
    resources = []
    for desc_path in sorted((datasets / "resources").glob("*.json")):
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
        if desc.get("name") != desc_path.stem:
            raise ValueError(f"{desc_path}: 'name' must equal the file name ({desc_path.stem})")
        kind = desc.get("wmolab", {}).get("kind")
        if kind not in KINDS:
            raise ValueError(f"{desc_path}: wmolab.kind must be one of {KINDS}, not {kind!r}")
        data = datasets / desc["path"]
        raw = data.read_bytes()
        desc.setdefault("profile", "tabular-data-resource")
        desc.setdefault("format", "csv")
        desc.setdefault("mediatype", "text/csv")
        desc.setdefault("encoding", "utf-8")
        desc["bytes"] = len(raw)
        desc["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
        desc.setdefault("wmolab", {})["rows"] = _rows(data)
        resources.append(desc)
    return {**PACKAGE_HEADER, "resources": resources}


def render(package: dict[str, Any]) -> str:
    return json.dumps(package, indent=1, ensure_ascii=False) + "\n"


def write(datasets: Path) -> Path:
    out = datasets / "datapackage.json"
    out.write_text(render(assemble(datasets)), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    datasets = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "datasets"
    out = write(datasets)
    n = len(json.loads(out.read_text(encoding="utf-8"))["resources"])
    print(f"wrote {out} ({n} datasets)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
