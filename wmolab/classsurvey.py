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
used exactly once. The file is named ``class_survey_<response id>.json``; the ranking explorer keeps
one id per session, so saving again replaces the student's own file instead of adding a second one.

:func:`merge_folder` reads a download from the learning platform as it arrives (a folder or a
``.zip``, with one folder per student, renamed files, zips inside zips: see :mod:`wmolab.lms`) and
**reports every file**: merged, or skipped with the reason (malformed, not UTF-8, empty, of another
format, version or lesson, a duplicate, a rank missing, repeated or out of range, an unexpected field
such as a name), or ignored (the platform's and the operating system's own files). Nothing is merged
silently, and no file name reaches the merged answers. The instructor's command::

    python -m wmolab.classsurvey merge path/to/download.zip

prints the report (file paths masked; ``--show-names`` shows them, for the instructor's own screen)
and the class's mean ranks next to the two professional groups of Van Schooten (2022);
``--out answers.csv`` writes the merged, anonymous answers.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .classfiles import Merge, Spec, merge
from .data import load
from .i18n import _, ngettext
from .survey import VALUE_KEYS, mean_ranks, spearman

__all__ = ["FORMAT", "VERSION", "FIELDS", "FILE_NAME", "SPEC", "ResponseError", "ranking_problems", "ranking_issues",
           "DUPLICATE_RANK", "MISSING_RANK", "validate_ranks",
           "make_response", "save_response", "parse_response", "read_response", "write_demo_responses", "MergeResult",
           "merge_folder", "compare_with_professionals", "main"]

FORMAT = "wmolab-class-survey"
VERSION = 1
FIELDS = ("format", "version", "response_id", "date", "ranks")
_ID = re.compile(r"^[0-9a-f]{16}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_BYTES = 10_000
#: The name the explorer gives a response file; the merge shows it even when paths are masked.
FILE_NAME = re.compile(r"class_survey_[0-9a-f]{16}\.json")


class ResponseError(ValueError):
    """A response (or a response file) is not valid; the message says why."""


#: what :func:`ranking_issues` can find: a rank given twice (an error), a value without a rank (not done yet)
DUPLICATE_RANK, MISSING_RANK = "duplicate_rank", "missing_rank"


def ranking_problems(ranks: Mapping[str, Any]) -> list[str]:
    """What is still wrong with a (possibly partial) ranking, as short sentences; empty when complete.

    Used by the ranking widget to refuse duplicate ranks while the student is still choosing.
    """
    return [message for _code, message in ranking_issues(ranks)]


def ranking_issues(ranks: Mapping[str, Any]) -> list[tuple[str, str]]:
    """As :func:`ranking_problems`, each sentence with its code (:data:`DUPLICATE_RANK` or :data:`MISSING_RANK`),
    so a caller can tell an error from an unfinished ranking without reading the (translated) words."""
    if not isinstance(ranks, Mapping):
        raise ValueError(_("ranks should be a mapping {value: rank}."))
    problems = []
    given = {v: r for v, r in ranks.items() if r is not None}
    by_rank: dict[Any, list[str]] = {}
    for v in VALUE_KEYS:
        if v in given:
            by_rank.setdefault(given[v], []).append(v)
    for r in sorted(by_rank, key=str):
        if len(by_rank[r]) > 1:
            problems.append((DUPLICATE_RANK, _(
                "rank {rank} is given to {n} values ({values}); each rank can be used only once.").format(
                    rank=r, n=len(by_rank[r]), values=", ".join(by_rank[r]))))
    missing = [v for v in VALUE_KEYS if v not in given]
    if missing:
        problems.append((MISSING_RANK, _("{n} value(s) still need a rank: {values}.").format(
            n=len(missing), values=", ".join(missing))))
    return problems


def validate_ranks(ranks: Mapping[str, Any]) -> dict[str, int]:
    """Check a ranking of the 11 values and return it as ``{value_key: rank}``.

    Raises :class:`ResponseError` naming the problem: an unknown value, a value without a
    rank, a rank that is not a whole number from 1 to 11, or a rank given twice.
    """
    if not isinstance(ranks, Mapping):
        raise ResponseError(_("ranks should be a mapping {value: rank}."))
    unknown = sorted(set(ranks) - set(VALUE_KEYS))
    if unknown:
        raise ResponseError(ngettext("unknown value: {values}.", "unknown values: {values}.", len(unknown)).format(
            values=", ".join(map(str, unknown))))
    missing = [v for v in VALUE_KEYS if ranks.get(v) is None]
    if missing:
        raise ResponseError(_("rank missing for: {values}.").format(values=", ".join(missing)))
    clean: dict[str, int] = {}
    for v in VALUE_KEYS:
        r = ranks[v]
        if isinstance(r, bool) or not isinstance(r, int) or not 1 <= r <= len(VALUE_KEYS):
            raise ResponseError(_("the rank of {value} must be a whole number from 1 to 11, not {rank}.").format(
                value=v, rank=repr(r)))
        clean[v] = r
    seen: dict[int, list[str]] = {}
    for v, r in clean.items():
        seen.setdefault(r, []).append(v)
    repeated = {r: vs for r, vs in seen.items() if len(vs) > 1}
    if repeated:
        r, vs = min(repeated.items())
        raise ResponseError(_("rank {rank} is given more than once ({values}); every rank is used once.").format(
            rank=r, values=", ".join(vs)))
    return clean


def make_response(ranks: Mapping[str, Any], date: _dt.date | str | None = None,
                  response_id: str | None = None) -> dict[str, Any]:
    """A complete, valid response document (raises :class:`ResponseError` if the ranking is not)."""
    clean = validate_ranks(ranks)
    if date is None:
        date = _dt.date.today()
    day = date.isoformat() if isinstance(date, _dt.date) else str(date)
    if not _DATE.match(day):
        raise ResponseError(_("the date should look like 2026-11-23, not {day}.").format(day=repr(day)))
    rid = response_id or secrets.token_hex(8)
    if not _ID.match(rid):
        raise ResponseError(_("a response id is 16 hexadecimal characters."))
    return {"format": FORMAT, "version": VERSION, "response_id": rid, "date": day, "ranks": clean}


def save_response(ranks: Mapping[str, Any], folder: str | Path = ".", date: _dt.date | str | None = None,
                  response_id: str | None = None) -> Path:
    """Write an anonymous response file into ``folder`` and return its path.

    The file name carries only the random response id: ``class_survey_<id>.json``. Pass the same
    ``response_id`` to replace an earlier save (the explorer does) instead of adding a second file.
    """
    doc = make_response(ranks, date, response_id)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"class_survey_{doc['response_id']}.json"
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return path


def read_response(path: str | Path) -> dict[str, Any]:
    """Read and validate one response file; raises :class:`ResponseError` saying what is wrong."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ResponseError(f"cannot read the file ({exc.strerror}).") from None
    return parse_response(raw)


def parse_response(raw: bytes) -> dict[str, Any]:
    """Validate the bytes of one response file; raises :class:`ResponseError` saying what is wrong."""
    if not raw.strip():
        raise ResponseError("empty: the file holds nothing (the upload may have failed).")
    if len(raw) > MAX_BYTES:
        raise ResponseError(f"too large: {len(raw):,} bytes, far more than a response (under {MAX_BYTES:,}).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ResponseError("not UTF-8 text: the file was changed or is not a response file.") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
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
        raise ResponseError(f"unexpected field: a response holds only {', '.join(FIELDS)} (and never a name); "
                            f"this file also has {', '.join(map(str, extra))}.")
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
    try:
        doc["ranks"] = validate_ranks(doc["ranks"])
    except ResponseError as exc:
        raise ResponseError(f"invalid ranking: {exc}") from None
    return doc


def _merge_record(raw: bytes) -> tuple[str, dict[str, Any]]:
    doc = parse_response(raw)
    return doc["response_id"], {"response_id": doc["response_id"], "date": doc["date"], **doc["ranks"]}


#: What the class-survey merge reads (see :mod:`wmolab.classfiles`).
SPEC = Spec(
    what="class-survey response", suffix=".json", own_name=FILE_NAME, read=_merge_record,
    looks_for="class_survey_<code>.json files (saved by the ranking explorer of lesson 05)",
    others={".csv": "another lesson's file: a .csv file (a lesson 06 voice profile?), not a class-survey response",
            ".ipynb": "a notebook: not the response file; ask for the class_survey_<code>.json the explorer saved"},
)


class MergeResult(Merge):
    """The merged class answers (:attr:`responses`) and a report on every file of the download."""

    @property
    def responses(self) -> pd.DataFrame:
        """One row per merged response: ``response_id``, ``date`` and the 11 ranks (never a file name)."""
        return pd.DataFrame(self.records, columns=["response_id", "date", *VALUE_KEYS])

    @property
    def n(self) -> int:
        return len(self.records)

    def rank_counts(self) -> pd.DataFrame:
        """The class's answers as a rank-count matrix shaped like ``survey_rank_counts``."""
        if not self.records:
            raise ValueError("no valid responses were merged, so there is nothing to count.")
        responses = self.responses
        rows = []
        for v in VALUE_KEYS:
            col = responses[v]
            rows.append({"group": "class", "value_key": v,
                         **{f"rank_{k}": int((col == k).sum()) for k in range(1, 12)}, "n": self.n})
        return pd.DataFrame(rows)


def merge_folder(path: str | Path) -> MergeResult:
    """Merge every response file of a download: a folder or a ``.zip``, as the learning platform gives it.

    Sub-folders and zip archives (zips inside zips too) are read without unpacking anything; every
    file is reported as merged, skipped (with the reason) or ignored (see :mod:`wmolab.classfiles`).
    Raises ValueError only when ``path`` is neither a folder nor a readable zip.
    """
    done = merge(path, SPEC)
    return MergeResult(done.spec, done.files, done.records, done.warnings)


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
    """Fill ``folder`` with a SYNTHETIC download to rehearse the merge: ``n_valid`` made-up rankings
    (seeded, so always the same) plus three bad files of the kinds the merge must catch: a copy of the
    first file, a file with a repeated rank and a file of another version. The layout is Moodle's with
    blind marking (one folder ``Participant_<number>_assignsubmission_file/`` per student, no names).
    These are not anyone's answers."""
    if not isinstance(n_valid, int) or isinstance(n_valid, bool) or n_valid < 1:
        raise ValueError("n_valid must be a whole number of at least 1.")
    rng = np.random.default_rng(2015)
    docs = []
    for i in range(n_valid):
        order = [int(r) for r in rng.permutation(range(1, 12))]
        docs.append(make_response(dict(zip(VALUE_KEYS, order)), date="2026-01-15", response_id=f"{i + 1:016x}"))
    bad_rank = {**docs[0], "response_id": "00000000000000aa", "ranks": {**docs[0]["ranks"], VALUE_KEYS[1]: 1,
                                                                             VALUE_KEYS[0]: 1}}
    old = {**docs[1], "response_id": "00000000000000bb", "version": 0}
    docs += [docs[0], bad_rank, old]
    paths = []
    for i, doc in enumerate(docs):
        student = Path(folder) / f"Participant_{1000001 + i}_assignsubmission_file"
        path = student / f"class_survey_{doc['response_id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m wmolab.classsurvey merge DOWNLOAD [--show-names] [--out FILE.csv]``."""
    parser = argparse.ArgumentParser(prog="python -m wmolab.classsurvey",
                                     description="Merge the class-survey responses of a learning-platform download.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("merge", help="report on every file, then the class's mean ranks beside the "
                                            "professionals'")
    cmd.add_argument("download", help="the folder or .zip the learning platform gave you")
    cmd.add_argument("--show-names", action="store_true",
                     help="show full file paths (they hold students' names: your own screen only)")
    cmd.add_argument("--out", help="write the merged, anonymous answers to this CSV file")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        result = merge_folder(args.download)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(result.report(names=args.show_names))
    if args.out:
        result.responses.to_csv(args.out, index=False)
        print(f"\nThe {result.n} merged answers (no names, no file names) are in {args.out}.")
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
