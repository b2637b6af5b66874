"""Class-survey mode: students rank the 11 values themselves, the instructor merges the answers.

A response is a small JSON file, anonymous by design: no name, no e-mail, no time of day,
only the date and a random response id (so a file copied twice is recognised)::

    {
      "format": "wmolab-class-survey",
      "version": 1,
      "response_id": "3f2a9c0e5b7d4e11",
      "date": "2026-11-23",
      "ranks": {"integriteit": 1, "gelijkheid": 4, ..., "kwaliteit_dienstverlening": 2}
    }

``ranks`` gives every one of the 11 values a rank from 1 (most important) to 11, each rank
used exactly once. :func:`merge_folder` reads every ``*.json`` file in a folder, **reports and
skips** any file that is malformed, of another format or version, a duplicate, or has a rank
missing, repeated or out of range, or an unexpected field (a name, say) — it never merges such
a file silently. The instructor's command::

    python -m wmolab.classsurvey merge path/to/folder

prints the report and the class's mean ranks next to the two professional groups of
Van Schooten (2022).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import load
from .survey import VALUE_KEYS, mean_ranks, spearman

__all__ = ["FORMAT", "VERSION", "FIELDS", "ranking_problems", "validate_ranks", "make_response", "save_response",
           "read_response", "write_demo_responses", "MergeResult", "merge_folder", "compare_with_professionals", "main"]

FORMAT = "wmolab-class-survey"
VERSION = 1
FIELDS = ("format", "version", "response_id", "date", "ranks")
_ID = re.compile(r"^[0-9a-f]{16}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_BYTES = 10_000


class ResponseError(ValueError):
    """A response (or a response file) is not valid; the message says why."""


def ranking_problems(ranks: Mapping[str, Any]) -> list[str]:
    """What is still wrong with a (possibly partial) ranking, as short sentences; empty when complete.

    Used by the ranking widget to refuse duplicate ranks while the student is still choosing.
    """
    if not isinstance(ranks, Mapping):
        raise ValueError("ranks should be a mapping {value: rank}.")
    problems = []
    given = {v: r for v, r in ranks.items() if r is not None}
    by_rank: dict[Any, list[str]] = {}
    for v in VALUE_KEYS:
        if v in given:
            by_rank.setdefault(given[v], []).append(v)
    for r in sorted(by_rank, key=str):
        if len(by_rank[r]) > 1:
            problems.append(f"rank {r} is given to {len(by_rank[r])} values ({', '.join(by_rank[r])}); "
                            "each rank can be used only once.")
    missing = [v for v in VALUE_KEYS if v not in given]
    if missing:
        problems.append(f"{len(missing)} value(s) still need a rank: {', '.join(missing)}.")
    return problems


def validate_ranks(ranks: Mapping[str, Any]) -> dict[str, int]:
    """Check a ranking of the 11 values and return it as ``{value_key: rank}``.

    Raises :class:`ResponseError` naming the problem: an unknown value, a value without a
    rank, a rank that is not a whole number from 1 to 11, or a rank given twice.
    """
    if not isinstance(ranks, Mapping):
        raise ResponseError("ranks should be a mapping {value: rank}.")
    unknown = sorted(set(ranks) - set(VALUE_KEYS))
    if unknown:
        raise ResponseError(f"unknown value(s): {', '.join(map(str, unknown))}.")
    missing = [v for v in VALUE_KEYS if ranks.get(v) is None]
    if missing:
        raise ResponseError(f"rank missing for: {', '.join(missing)}.")
    clean: dict[str, int] = {}
    for v in VALUE_KEYS:
        r = ranks[v]
        if isinstance(r, bool) or not isinstance(r, int) or not 1 <= r <= len(VALUE_KEYS):
            raise ResponseError(f"the rank of {v} must be a whole number from 1 to 11, not {r!r}.")
        clean[v] = r
    seen: dict[int, list[str]] = {}
    for v, r in clean.items():
        seen.setdefault(r, []).append(v)
    repeated = {r: vs for r, vs in seen.items() if len(vs) > 1}
    if repeated:
        r, vs = min(repeated.items())
        raise ResponseError(f"rank {r} is given more than once ({', '.join(vs)}); every rank is used once.")
    return clean


def make_response(ranks: Mapping[str, Any], date: _dt.date | str | None = None,
                  response_id: str | None = None) -> dict[str, Any]:
    """A complete, valid response document (raises :class:`ResponseError` if the ranking is not)."""
    clean = validate_ranks(ranks)
    if date is None:
        date = _dt.date.today()
    day = date.isoformat() if isinstance(date, _dt.date) else str(date)
    if not _DATE.match(day):
        raise ResponseError(f"the date should look like 2026-11-23, not {day!r}.")
    rid = response_id or secrets.token_hex(8)
    if not _ID.match(rid):
        raise ResponseError("a response id is 16 hexadecimal characters.")
    return {"format": FORMAT, "version": VERSION, "response_id": rid, "date": day, "ranks": clean}


def save_response(ranks: Mapping[str, Any], folder: str | Path = ".", date: _dt.date | str | None = None) -> Path:
    """Write an anonymous response file into ``folder`` and return its path.

    The file name carries only the random response id: ``class_survey_<id>.json``.
    """
    doc = make_response(ranks, date)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"class_survey_{doc['response_id']}.json"
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return path


def read_response(path: str | Path) -> dict[str, Any]:
    """Read and validate one response file; raises :class:`ResponseError` saying what is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ResponseError(f"cannot read the file ({exc.strerror}).") from None
    if len(raw) > MAX_BYTES:
        raise ResponseError("the file is far too large to be a response.")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResponseError("malformed: not a JSON text file.") from None
    if not isinstance(doc, dict):
        raise ResponseError("malformed: the file does not hold one response object.")
    if doc.get("format") != FORMAT:
        raise ResponseError(f"wrong format: expected {FORMAT!r}, found {doc.get('format')!r}.")
    if doc.get("version") != VERSION:
        raise ResponseError(f"wrong version: this course reads version {VERSION}, the file is version "
                            f"{doc.get('version')!r}.")
    extra = sorted(set(doc) - set(FIELDS))
    if extra:
        raise ResponseError(f"unexpected field(s) {', '.join(map(str, extra))}: a response holds only "
                            f"{', '.join(FIELDS)} (and never a name).")
    missing = [f for f in FIELDS if f not in doc]
    if missing:
        raise ResponseError(f"malformed: missing field(s) {', '.join(missing)}.")
    if not isinstance(doc["response_id"], str) or not _ID.match(doc["response_id"]):
        raise ResponseError("malformed: the response id is not 16 hexadecimal characters.")
    if not isinstance(doc["date"], str) or not _DATE.match(doc["date"]):
        raise ResponseError("malformed: the date is not of the form YYYY-MM-DD.")
    try:
        _dt.date.fromisoformat(doc["date"])
    except ValueError:
        raise ResponseError(f"malformed: {doc['date']!r} is not a real date.") from None
    doc["ranks"] = validate_ranks(doc["ranks"])
    return doc


@dataclass
class MergeResult:
    """The merged class answers and the files that were skipped, each with its reason."""

    responses: pd.DataFrame
    merged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.responses)

    def report(self) -> str:
        """A short plain-text report: how many files merged, and each skipped file with the reason."""
        lines = [f"Merged {len(self.merged)} response file(s); skipped {len(self.skipped)}."]
        for name, reason in self.skipped:
            lines.append(f"  SKIPPED {name}: {reason}")
        return "\n".join(lines)

    def rank_counts(self) -> pd.DataFrame:
        """The class's answers as a rank-count matrix shaped like ``survey_rank_counts``."""
        if self.responses.empty:
            raise ValueError("no valid responses were merged, so there is nothing to count.")
        rows = []
        for v in VALUE_KEYS:
            col = self.responses[v]
            rows.append({"group": "class", "value_key": v,
                         **{f"rank_{k}": int((col == k).sum()) for k in range(1, 12)}, "n": self.n})
        return pd.DataFrame(rows)


def merge_folder(folder: str | Path) -> MergeResult:
    """Merge every ``*.json`` response in ``folder`` (sorted by file name).

    Each file that is malformed, of a wrong format or version, has an unexpected field, a
    rank missing, repeated or out of range, or repeats the response id of an earlier file
    (a duplicate) is reported in :attr:`MergeResult.skipped` and left out.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder; put the response files in one folder and pass its path.")
    result = MergeResult(pd.DataFrame(columns=["response_id", "date", *VALUE_KEYS]))
    rows, seen = [], {}
    for path in sorted(folder.glob("*.json")):
        try:
            doc = read_response(path)
        except ResponseError as exc:
            result.skipped.append((path.name, str(exc)))
            continue
        rid = doc["response_id"]
        if rid in seen:
            result.skipped.append((path.name, f"duplicate of {seen[rid]} (same response id)."))
            continue
        seen[rid] = path.name
        result.merged.append(path.name)
        rows.append({"response_id": rid, "date": doc["date"], **doc["ranks"]})
    others = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".json")
    for name in others:
        result.skipped.append((name, "not a .json response file."))
    if rows:
        result.responses = pd.DataFrame(rows, columns=["response_id", "date", *VALUE_KEYS])
    return result


def compare_with_professionals(result: MergeResult, rank_counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The class's mean ranks next to those of the two professional groups, and Spearman's rho
    between the class and each group."""
    if not isinstance(result, MergeResult):
        raise ValueError("pass the MergeResult that merge_folder returned.")
    both = pd.concat([rank_counts, result.rank_counts()], ignore_index=True)
    table = mean_ranks(both)[["class", "gemeenten", "uitvoeringsorganisatie"]].round(2)
    rho = pd.Series({g: round(spearman(table["class"], table[g]), 3) for g in ("gemeenten", "uitvoeringsorganisatie")},
                    name="spearman_with_class")
    return table, rho


def write_demo_responses(folder: str | Path, n_valid: int = 6) -> list[Path]:
    """Fill ``folder`` with SYNTHETIC response files to rehearse the merge: ``n_valid`` made-up
    rankings (seeded, so always the same) plus three bad files of the kinds the merge must catch:
    a copy of the first file, a file with a repeated rank and a file of another version.
    These are not anyone's answers."""
    if not isinstance(n_valid, int) or n_valid < 1:
        raise ValueError("n_valid must be a whole number of at least 1.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2015)
    paths = []
    docs = []
    for i in range(n_valid):
        order = [int(r) for r in rng.permutation(range(1, 12))]
        doc = make_response(dict(zip(VALUE_KEYS, order)), date="2026-01-15", response_id=f"{i + 1:016x}")
        docs.append(doc)
        paths.append(folder / f"demo_{i + 1:02d}.json")
    bad_rank = {**docs[0], "response_id": "00000000000000aa", "ranks": {**docs[0]["ranks"], VALUE_KEYS[1]: 1,
                                                                             VALUE_KEYS[0]: 1}}
    old = {**docs[1], "response_id": "00000000000000bb", "version": 0}
    docs += [docs[0], bad_rank, old]
    paths += [folder / "demo_01_copy.json", folder / "demo_repeated_rank.json", folder / "demo_old_version.json"]
    for path, doc in zip(paths, docs):
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m wmolab.classsurvey merge FOLDER``: report, then mean ranks and Spearman."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "merge":
        print("usage: python -m wmolab.classsurvey merge FOLDER", file=sys.stderr)
        return 2
    try:
        result = merge_folder(argv[1])
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(result.report())
    if result.n < 3:
        print("Fewer than 3 valid responses: not enough to compare rankings.")
        return 1 if result.n == 0 else 0
    table, rho = compare_with_professionals(result, load("survey_rank_counts"))
    print(f"\nMean ranks (1 = most important), class n = {result.n}:")
    print(table.to_string())
    print("\nSpearman rho, class vs each group:")
    print(rho.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
