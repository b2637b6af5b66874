"""Cite the publications as a reader can find them: chapter, §, Tabel, Bijlage, never seed line numbers.

The course's datasets keep line ranges into the seed texts (for maintainers and the provenance tests); students
never get those files. :func:`locate` turns a seed line into the section of the publication it falls in, from
``seed_sections.csv`` (the first line of every chapter, §, named section and Bijlage of each seed, checked against
the seed text by ``tests/wmolab/test_sources.py``); :func:`reader_locator` rewrites a locator such as
"§2.2.2 L238-242; Bijlage 1-2 L1046-1048" into "§2.2.2; Bijlage 1-2"; :func:`cite` puts author and year in front.

>>> locate("002", 1030)
'§2.3.3'
>>> reader_locator("§2.2.2 L238-242; §4.2 L583-584, L607-609", "000")
'§2.2.2; §4.2'
>>> reader_locator("L1002-1231, L4177-4197", "002")
'§2.3.2 to §2.3.3, §7.3.1'
>>> replace_lines("in text (L8240-8241, L8285-8288)", "002")
'in text (§11.2.3)'
>>> cite("000", "L418")
'Van Schooten (2022), §4.1.1'
"""
from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

__all__ = ["AUTHORS", "SECTIONS_FILE", "sections", "locate", "reader_locator", "cite", "strip_lines", "replace_lines"]

#: how the course cites each seed in student-facing text (author, year as the publication supports it)
AUTHORS = {
    "000": "Van Schooten (2022)",
    "001": "Movisie (late 2016 or 2017)",
    "002": "Nijdam (c. 2020)",
    "003": "Van Paassen (c. 2016)",
    "004": "Heijboer (2016)",
}
SECTIONS_FILE = Path(__file__).resolve().parent / "seed_sections.csv"

_LINE_REF = re.compile(r"\bL\d+(?:\s*[-–]\s*L?\d+)?(?:\s*,\s*L?\d+(?:\s*[-–]\s*\d+)?)*")
_READER_WORDS = re.compile(r"§|\b(?:ch|chapter|Tabel|Tabellen|Table|Fig|Figuur|Bijlage|Bijlagen|p|Aanname|Q\d+)\b",
                           re.IGNORECASE)


@cache
def sections(seed: str) -> tuple[tuple[int, str], ...]:
    """(first line, label) of every section of ``seed``, in order."""
    with SECTIONS_FILE.open(encoding="utf-8", newline="") as f:
        rows = [(int(r["line"]), r["label"]) for r in csv.DictReader(f) if r["seed"] == seed]
    if not rows:
        raise ValueError(f"no sections known for seed {seed!r}")
    return tuple(sorted(rows))


def locate(seed: str, line: int) -> str:
    """The section of ``seed`` that ``line`` falls in, as a reader finds it ("§3.2", "Bijlage C")."""
    label = sections(seed)[0][1]
    for start, name in sections(seed):
        if start > line:
            break
        label = name
    return label


def strip_lines(text: str) -> str:
    """``text`` without seed line references ("L120", "L12-14, L91-448") and the brackets left empty."""
    out = _LINE_REF.sub("", str(text))
    out = re.sub(r"\(\s*(?:rows|seed lines?|lines?)?\s*[,;]?\s*\)", "", out)
    out = re.sub(r"\b(?:rows|seed lines?|lines?)\s*(?=[,;)]|$)", "", out)
    out = re.sub(r"\s*,\s*(?=[,;)]|$)", "", out)
    out = re.sub(r"\s{2,}", " ", out)
    out = re.sub(r"\s+,", ",", out).replace(", (", " (")
    return out.strip(" ,;")


def _span(seed: str, a: int, b: int) -> str:
    first, last = locate(seed, a), locate(seed, b)
    return first if first == last else f"{first} to {last}"


def reader_locator(locator: str, seed: str | None = None) -> str:
    """A locator without line numbers; a part that named only lines becomes the sections they fall in."""
    parts = []
    for part in str(locator).split(";"):
        kept = strip_lines(part)
        if not _READER_WORDS.search(kept) and seed in AUTHORS:
            spans = [_span(seed, int(a), int(b or a)) for a, b in re.findall(r"L(\d+)(?:\s*[-–]\s*L?(\d+))?", part)]
            kept = " ".join([kept, ", ".join(dict.fromkeys(spans))]).strip()
        if kept and kept not in parts:
            parts.append(kept)
    return "; ".join(parts)


def replace_lines(text: str, seed: str) -> str:
    """``text`` with every line reference replaced by the section it points to: "(L8718-8725)" -> "(§11.3.4)"."""
    def section(m: re.Match) -> str:
        spans = [_span(seed, int(a), int(b or a)) for a, b in re.findall(r"L?(\d+)(?:\s*[-–]\s*L?(\d+))?", m.group(0))]
        return ", ".join(dict.fromkeys(spans))
    return _LINE_REF.sub(section, str(text))


def cite(seed: str, locator: str = "") -> str:
    """Author (year), then where in the publication: ``cite("002", "L1026")`` -> "Nijdam (c. 2020), §2.3.3"."""
    where = reader_locator(locator, seed) if locator else ""
    author = AUTHORS.get(str(seed), f"source {seed}")
    return f"{author}, {where}" if where else author
