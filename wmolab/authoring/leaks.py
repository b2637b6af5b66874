"""Which self-check answers a student can read off instead of work out (authors only).

    .venv/bin/python -m wmolab.authoring.leaks 03 05        # or no argument: every sheet

A question tests understanding only if its answer is not already on the student's screen. This audit lists,
per key, every value that hashes to the answer (or to one item of a mapping) and is

- shown in an output of the lesson ``notebooks/NN_*.ipynb`` (tables, printed text, captions),
- shown in an output of the sheet's own cells outside the solution regions (what the student's sheet shows
  when it runs: ``solutions/NN_*.ipynb`` minus the solutions), or
- a text cell of a dataset the sheet loads (``load("name")``): an ``answer`` column in the sheet's own data.

Whole numbers below 10 are left out (they are everywhere: a count of 5 is no leak), and so are the numbers in the
datasets (a plan whose share equals the mean of all plans is a coincidence, not a give-away).

Explorer outputs are not stored in the notebooks; pass their text to :func:`leaks` (``extra_texts``) to audit
them too (a test can drive an explorer headless and hand over ``ex.outputs[...].value``). Choice and true/false
questions, and text questions whose options are listed, are skipped: their possible answers are public by design.
The audit reads only hashes, like :func:`wmolab.check`; it prints the leaking value, which authors may see.
It over-reports on purpose (a 20 in another table may be a coincidence): the author judges each line.
"""
from __future__ import annotations

import csv
import html
import json
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .. import checks
from ..answers import answer_hash, canonical, norm_text
from .exercises import BEGIN

__all__ = ["Leak", "tokens", "leaks", "audit", "main"]

ROOT = Path(__file__).resolve().parents[2]
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)?(?![\w])")
_TAG = re.compile(r"<[^>]+>")
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
_LOAD = re.compile(r"""\bload\(\s*["']([\w-]+)["']""")


@dataclass(frozen=True)
class Leak:
    question: str
    item: str  # the mapping item, or "" for the whole answer
    where: str
    value: str

    def __str__(self) -> str:
        item = f" [{self.item}]" if self.item else ""
        return f"{self.question}{item}: {self.value!r} is shown in {self.where}"


def tokens(text: str) -> set[str]:
    """Candidate answers in a text: numbers, HTML table cells, lines, words and runs of two or three words."""
    found: set[str] = set()
    found |= {m.group(0).replace(",", ".") for m in _NUMBER.finditer(text)}
    found |= {html.unescape(_TAG.sub("", c)).strip() for c in _CELL.findall(text)}
    plain = html.unescape(_TAG.sub(" ", text))
    found |= {line.strip() for line in plain.splitlines() if line.strip()}
    words = re.findall(r"[\w'’-]+", plain)
    for n in (1, 2, 3):
        found |= {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}
    return {t for t in found if t and len(t) < 200}


def _outputs_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        data = out.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", ""), data.get("text/markdown", "")]
    return "\n".join(parts)


def _matches(qid: str, key: dict, token: str, numbers: bool = True) -> list[str]:
    """The items of ``key`` (``""`` for the whole answer) that ``token`` is the answer to."""
    kind = key["kind"]
    fold = {"fold_accents": key.get("accents") == "ignore"}
    hits = []
    if kind in ("number", "integer") or (kind == "mapping" and key.get("value_kind") == "number"):
        try:
            number = float(token)
        except ValueError:
            return []
        if not math.isfinite(number) or not numbers or (abs(number) < 10 and number == int(number)):
            return []
        decimals = key.get("decimals", 0) if kind != "integer" else 0
        if decimals == 0 and number != int(number):
            return []  # 6.6 is not "7 shown": a whole-number answer leaks only as a whole number
        kind_ = "integer" if kind == "integer" else "number"
        if kind == "mapping":
            hits = [name for name, h in key["items"].items()
                    if answer_hash(f"{qid}/{name}", canonical("number", number, decimals)) == h]
        elif answer_hash(qid, canonical(kind_, number, decimals)) == key["sha256"]:
            hits = [""]
    elif kind == "text" and not key.get("options"):
        if answer_hash(qid, canonical("text", token, **fold)) == key["sha256"]:
            hits = [""]
    elif kind == "mapping" and not key.get("options"):
        hits = [name for name, h in key["items"].items()
                if answer_hash(f"{qid}/{name}", canonical("text", norm_text(token), **fold)) == h]
    return hits


def leaks(keys: dict[str, dict], texts: Iterable[tuple[str, str]]) -> list[Leak]:
    """Every (question, item) whose answer appears in one of ``texts`` (pairs of where, text)."""
    found: dict[tuple[str, str, str], Leak] = {}
    for where, text in texts:
        numbers = not where.startswith("datasets/")
        for token in tokens(text):
            for qid, key in keys.items():
                for item in _matches(qid, key, token, numbers):
                    found.setdefault((qid, item, where), Leak(qid, item, where, token))
    return sorted(found.values(), key=lambda lk: (int(lk.question.split(".")[1]), lk.item, lk.where))


def _texts(nn: str, root: Path) -> list[tuple[str, str]]:
    texts = []
    for lesson in sorted((root / "notebooks").glob(f"{nn}_*.ipynb")):
        nb = nbformat.read(lesson, as_version=4)
        texts += [(f"{lesson.relative_to(root)} cell {i + 1}", _outputs_text(c))
                  for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for sheet in sorted((root / "solutions").glob(f"{nn}_*.ipynb")):
        nb = nbformat.read(sheet, as_version=4)
        names = set()
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            names |= set(_LOAD.findall(cell.source))
            if BEGIN not in cell.source:
                texts.append((f"{sheet.relative_to(root)} cell {i + 1}", _outputs_text(cell)))
        for name in sorted(names):
            path = root / "datasets" / f"{name}.csv"
            if path.exists():
                with path.open(encoding="utf-8", newline="") as fh:
                    cells = "\n".join(v for row in csv.reader(fh) for v in row)
                texts.append((f"datasets/{name}.csv (loaded by the sheet)", cells))
    return texts


def audit(nn: str, root: Path = ROOT, extra_texts: Iterable[tuple[str, str]] = ()) -> list[Leak]:
    """The leaks of sheet ``nn`` (see the module docstring)."""
    keys = json.loads((root / "wmolab" / "keys" / f"{nn}.json").read_text(encoding="utf-8"))
    return leaks(keys, [*_texts(nn, root), *extra_texts])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sheets = argv or sorted(p.stem for p in checks.KEYS_DIR.glob("[0-9][0-9].json"))
    total = 0
    for nn in sheets:
        found = audit(nn)
        keys = json.loads((checks.KEYS_DIR / f"{nn}.json").read_text(encoding="utf-8"))
        shown = sorted({lk.question for lk in found}, key=lambda q: int(q.split(".")[1]))
        print(f"sheet {nn}: {len(shown)} of {len(keys)} self-checked answers (or items) are shown: {', '.join(shown)}")
        places: dict[tuple[str, str], int] = {}
        for leak in found:
            places[(leak.question, leak.item)] = places.get((leak.question, leak.item), 0) + 1
            if places[(leak.question, leak.item)] <= 3:
                print(f"  {leak}")
        total += len(shown)
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
