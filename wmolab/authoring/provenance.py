"""Seed-line anchors: every dataset row that cites lines of a seed shows that it does.

Each dataset that records where a row comes from (a column such as ``source_lines`` holding
``L1027-1035;L1054-1056``) declares in its descriptor (``datasets/resources/<name>.json``,
``wmolab.anchors``) which column(s) hold the *anchor*: the Dutch phrase or the number, exactly
as printed in the seed, that must be found within the cited lines::

    "anchors": [
      {"lines": "source_lines", "text": ["anchor_nl"], "seed_column": "seed"},
      {"lines": "source_line", "numbers": ["mean", "sd"], "seed": "000"}
    ]

- ``lines``: the column with the line reference(s). Forms: ``L12``, ``L12-15``, ``12``,
  ``L12-15; L20`` (separated by ``;``, ``,`` or spaces).
- ``text``: columns whose value is a phrase from the seed; several phrases in one cell are
  separated by `` | ``.
- ``numbers``: columns whose value is a number printed in the seed (``3.45`` matches ``3,45``).
- ``seed`` (one seed for every row) or ``seed_column`` (a column naming the seed per row:
  ``000`` … ``004``).

A row passes when every anchor is found in the text of its cited lines (joined, case and
accents, white space and line-break hyphenation folded), and every cited range contains
at least one anchor: so a range that points elsewhere fails, even among several right ones.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "parse_ranges", "normalise", "number_variants", "find_in_lines", "check_row",
    "check_resource", "line_columns", "seeds_dir", "seed_lines", "Problem",
]

_RANGE = re.compile(r"L?(\d+)(?:\s*[-–]\s*L?(\d+))?")
LINE_COLUMN = re.compile(r"(^|_)lines?$")


@dataclass(frozen=True)
class Problem:
    """One row whose anchor is not where its line reference points."""

    dataset: str
    row: int          # line in the CSV file (header = 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.dataset}.csv line {self.row}, {self.column}: {self.message}"


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """``"L1027-1035;L1054"`` → ``[(1027, 1035), (1054, 1054)]``.

    >>> parse_ranges("L1027-1035; L1054")
    [(1027, 1035), (1054, 1054)]
    >>> parse_ranges("875")
    [(875, 875)]
    """
    ranges = []
    for m in _RANGE.finditer(str(text)):
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else start
        if end < start:
            raise ValueError(f"range {m.group(0)!r} ends before it starts")
        ranges.append((start, end))
    return ranges


def normalise(text: str) -> str:
    """Fold what differs between a transcription and the seed's layout, nothing else.

    Unicode NFKC, typographic quotes and dashes to plain ones, a word broken by a hyphen at a
    line end joined, accents removed (the seeds' OCR prints é for ë), all white space to one
    space, case folded.

    >>> normalise("be-\\n  leid  ‘x’")
    "beleid 'x'"
    """
    text = unicodedata.normalize("NFKC", str(text))
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"',
                                         "–": "-", "—": "-", "\u00ad": ""}))
    text = re.sub(r"(?<=[^\W\d])-[ \t]*\n\s*(?=[^\W\d])", "", text)
    text = re.sub(r"-[ \t]*\n\s*(?=\d)", "-", text)
    # accents folded: OCR in the seeds often prints é for ë (creéren), which the datasets correct
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(text.split()).casefold()


def number_variants(raw: str) -> list[str]:
    """How a number from a CSV cell may be printed in a Dutch seed.

    >>> number_variants("3.45")
    ['3.45', '3,45']
    >>> number_variants("-0.5")
    ['-0.5', '-0,5', '0.5', '0,5']
    """
    raw = str(raw).strip()
    out = [raw]
    if "." in raw:
        out.append(raw.replace(".", ","))
    if raw.startswith("-"):
        out += [v[1:] for v in list(out)]
    return list(dict.fromkeys(out))


def _number_in(text: str, raw: str) -> bool:
    for variant in number_variants(raw):
        if re.search(r"(?<![\d.,])" + re.escape(variant) + r"(?![\d]|[.,]\d)", text):
            return True
    return False


def find_in_lines(lines: list[str], start: int, end: int, anchor: str, *, number: bool = False) -> bool:
    """Is ``anchor`` in lines ``start``–``end`` (1-based, inclusive) of ``lines``?"""
    if start < 1 or end > len(lines):
        return False
    text = normalise("\n".join(lines[start - 1:end]))
    return _number_in(text, anchor) if number else normalise(anchor) in text


def check_row(lines: list[str], reference: str, phrases: Iterable[str], numbers: Iterable[str]) -> list[str]:
    """What is wrong with one row (empty list: nothing). ``lines`` is the seed's text, by line."""
    try:
        ranges = parse_ranges(reference)
    except ValueError as exc:
        return [str(exc)]
    if not ranges:
        return [f"no line reference in {reference!r}"]
    problems = []
    for start, end in ranges:
        if start < 1 or end > len(lines):
            problems.append(f"L{start}-{end} lies outside the seed (1-{len(lines)})")
    if problems:
        return problems
    anchors = [(p, False) for p in phrases] + [(n, True) for n in numbers]
    if not anchors:
        return [f"cites {reference} but has no anchor to check it"]
    hit = [False] * len(ranges)
    for anchor, is_number in anchors:
        found = False
        for i, (start, end) in enumerate(ranges):
            if find_in_lines(lines, start, end, anchor, number=is_number):
                hit[i] = found = True
        if not found:
            # an anchor may also run from one cited range into the next
            joined = "\n".join("\n".join(lines[s - 1:e]) for s, e in ranges)
            found = (_number_in(normalise(joined), anchor) if is_number else normalise(anchor) in normalise(joined))
        if not found:
            problems.append(f"{anchor!r} is not in {reference}")
    for i, (start, end) in enumerate(ranges):
        if not hit[i] and len(ranges) > 1:
            problems.append(f"no anchor of this row is in L{start}-{end} (of {reference})")
    return problems


def line_columns(resource: dict[str, Any]) -> list[str]:
    """The columns of a resource that hold seed line references."""
    return [f["name"] for f in resource.get("schema", {}).get("fields", []) if LINE_COLUMN.search(f["name"])]


def seeds_dir(root: Path) -> Path | None:
    """The folder with the seed texts (``shared/sources/seeds`` beside the repository), if present."""
    import os

    override = os.environ.get("WMOLAB_SEEDS")
    candidates = [Path(override)] if override else []
    candidates.append(Path(root).resolve().parent / "shared" / "sources" / "seeds")
    for c in candidates:
        if c.is_dir() and any(c.glob("000_*.txt")):
            return c
    return None


_SEED_CACHE: dict[tuple[str, str], list[str]] = {}


def seed_lines(seeds: Path, seed: str) -> list[str]:
    """The lines of seed ``"000"`` … ``"004"`` (without line ends)."""
    key = (str(seeds), seed)
    if key not in _SEED_CACHE:
        matches = sorted(Path(seeds).glob(f"{seed}_*.txt"))
        if len(matches) != 1:
            raise FileNotFoundError(f"seed {seed!r}: expected one file {seed}_*.txt in {seeds}")
        _SEED_CACHE[key] = matches[0].read_text(encoding="utf-8").split("\n")
    return _SEED_CACHE[key]


def _cells(value: str) -> list[str]:
    return [p.strip() for p in str(value).split(" | ") if p.strip()]


def check_resource(resource: dict[str, Any], datasets: Path, seeds: Path,
                   rows: list[dict[str, str]] | None = None) -> list[Problem]:
    """Check every row of one dataset against its anchors (``rows`` overrides the file, for tests)."""
    name = resource["name"]
    rules = resource.get("wmolab", {}).get("anchors", [])
    if rows is None:
        with (Path(datasets) / resource["path"]).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    problems: list[Problem] = []
    covered = {r.get("lines") for r in rules}
    for column in line_columns(resource):
        if column not in covered:
            problems.append(Problem(name, 1, column, "no anchor rule in the descriptor (wmolab.anchors)"))
    for rule in rules:
        column = rule["lines"]
        for i, row in enumerate(rows, start=2):
            reference = (row.get(column) or "").strip()
            if not reference:
                continue
            seed = row.get(rule["seed_column"]) if "seed_column" in rule else rule.get("seed")
            if not seed:
                problems.append(Problem(name, i, column, "no seed named for this row"))
                continue
            phrases = [p for c in rule.get("text", []) for p in _cells(row.get(c, ""))]
            numbers = [n for c in rule.get("numbers", []) for n in _cells(row.get(c, ""))]
            try:
                lines = seed_lines(seeds, str(seed).strip())
            except FileNotFoundError as exc:
                problems.append(Problem(name, i, column, str(exc)))
                continue
            for message in check_row(lines, reference, phrases, numbers):
                problems.append(Problem(name, i, column, message))
    return problems


def check_package(package_path: Path, seeds: Path) -> list[Problem]:
    """Every problem in every dataset of a data package."""
    package = json.loads(Path(package_path).read_text(encoding="utf-8"))
    problems: list[Problem] = []
    for resource in package.get("resources", []):
        problems += check_resource(resource, Path(package_path).parent, seeds)
    return problems


if __name__ == "__main__":  # pragma: no cover - `python -m wmolab.authoring.provenance`
    import sys

    root = Path(__file__).resolve().parents[2]
    seeds = seeds_dir(root)
    if seeds is None:
        raise SystemExit("The seed texts were not found (shared/sources/seeds beside the repository, or WMOLAB_SEEDS).")
    found = check_package(root / "datasets" / "datapackage.json", seeds)
    for p in found:
        print(p)
    print(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
