"""Every executed output a student reads is readable (issue 13, item 5): nothing cut off, no raw reprs, counts as
integers. It reads the committed outputs of notebooks/ and solutions/ (nbval proves that a fresh run gives them).

- **cut off**: a text cut with "..." or "…" (pandas' max_colwidth), a table with elided rows or columns;
- **raw reprs**: a pandas Series footer (``Name: …, dtype: …``), ``np.float64(…)``, ``np.int64(…)``, ``np.True_``;
- **whole numbers as floats**: a table whose every decimal number is ``N.0``, or ``393.0 municipalities`` in text;
- **seed line numbers** (issue 13, item 6): "seed 002, L1026-1044" points into files students never get; outputs cite
  the publication (chapter, §, Tabel, Bijlage: :mod:`wmolab.sources`). Line ranges stay in the datasets' provenance.

The fix is in the code cell: `wmolab.show_table(...)` for a table to read closely, `int(...)` for a count, or the
display the course sets up anyway (`import wmolab`: full texts, Series without footer, numbers without np.…).
"""
from __future__ import annotations

import html
import re

import pytest

from helpers import ids, notebook_paths, output_text, read

EXECUTED = notebook_paths("notebooks", "solutions")
CUT_PLAIN = re.compile(r"[^\s.(\[]\.\.\.(?=\s|$|\))|[^\s(\[]…(?=\s|$)", re.M)
ELIDED_PLAIN = re.compile(r"^\s*(\.\.\.\s+)+\.\.\.\s*$|^\s*\.\.\.\s*$|^\[\d+ rows x \d+ columns\]$", re.M)
RAW = re.compile(r"^(Name: .*, )?dtype: \w+$|\bnp\.(float|int|uint|bool|str)_?\d*\(|\bnp\.(True|False)_", re.M)
COUNT_NOUNS = ("municipalities|plans|respondents|cases|events|rows|items|answers|organisations|people|statements|"
               "values|pairs|questions|words|coaches|clients|instruments|codes|votes")
WHOLE_FLOAT_TEXT = re.compile(rf"\b\d+\.0 (?:{COUNT_NOUNS})\b")
WHOLE_FLOAT_DICT = re.compile(r"^\{('[^']*': -?\d+\.0,?\s*)+\}$", re.S)
TABLE = re.compile(r"<table.*?</table>", re.S)
ROW = re.compile(r"<tr.*?</tr>", re.S)
CELL = re.compile(r"<(td|th)[^>]*>(.*?)</\1>", re.S)
SEED_LINES = re.compile(r"\bseed (?:lines? )?0\d\d\b|\bseed lines?\b|\bL\d{2,5}(?:-\d+)?\b")
EMBEDDED = re.compile(r"data:image/[^\"')\s]+")


def _cells(row: str) -> list[tuple[str, str]]:
    return [(tag, html.unescape(re.sub(r"<[^>]+>", "", text)).strip()) for tag, text in CELL.findall(row)]


def html_problems(markup: str) -> list[str]:
    problems = []
    for table in TABLE.findall(markup):
        rows = [_cells(r) for r in ROW.findall(table)]
        body = [r for r in rows if any(tag == "td" for tag, _ in r)]
        # pandas elides a row as "…" in every cell, a column as "…" in every row; a lone "…" beside text in a row
        # is a status mark (the checks' "not answered yet"), not an elision
        marks = [[text in ("...", "…") for _, text in row] for row in body]
        if any(all(m) for m in marks) or (body and any(all(len(m) > j and m[j] for m in marks)
                                                      for j in range(1, max(len(m) for m in marks)))):
            problems.append("a table with elided rows or columns (…)")
        for row in body:
            for _, text in row:
                if text not in ("...", "…") and text.endswith(("...", "…")):
                    problems.append(f"a text cut off: {text[-40:]!r}")
        # a table whose every decimal number is whole (393.0, 355.0): integers shown as floats. (A table that also
        # holds 12.5 shows 20.0 next to it for alignment, which is fine.)
        decimals = [text for row in body for tag, text in row if tag == "td" and re.fullmatch(r"-?\d+\.\d+", text)]
        numbers = [n for row in body for tag, text in row if tag == "td" for n in re.findall(r"\d+\.\d+", text)]
        if len(decimals) >= 2 and all(re.fullmatch(r"\d+\.0+", n) for n in numbers):
            problems.append(f"whole numbers shown as floats: {decimals[:3]}")
    return problems


def plain_problems(text: str) -> list[str]:
    problems = []
    for match in CUT_PLAIN.finditer(text):
        problems.append(f"a text cut off: {text[max(0, match.start() - 30):match.end()]!r}")
    if ELIDED_PLAIN.search(text):
        problems.append("a table with elided rows or columns (...)")
    for match in RAW.finditer(text):
        problems.append(f"a raw repr: {match.group(0)!r}")
    for match in WHOLE_FLOAT_TEXT.finditer(text):
        problems.append(f"a count shown as a float: {match.group(0)!r}")
    if WHOLE_FLOAT_DICT.match(text.strip()):
        problems.append(f"whole numbers shown as floats: {text.strip()[:60]!r}")
    return problems


def output_problems(output: dict) -> list[str]:
    data = output.get("data", {})
    problems = html_problems(data["text/html"]) if "text/html" in data else []
    return problems + plain_problems(output_text(output))


def seed_line_problems(output: dict) -> list[str]:
    """Seed line references in what a student reads (text, HTML, Markdown; embedded images left out)."""
    data = output.get("data", {})
    texts = [output_text(output)] + [data.get(k, "") for k in ("text/html", "text/markdown")]
    found = []
    for text in texts:
        text = EMBEDDED.sub("", "".join(text) if isinstance(text, list) else text)
        found += [f"a seed line reference: {text[max(0, m.start() - 30):m.end()]!r}" for m in SEED_LINES.finditer(text)]
    return found


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_outputs_cite_the_publication_not_seed_lines(path):
    found = []
    for index, cell in enumerate(read(path).cells):
        for output in cell.get("outputs", []):
            found += [f"cell {index + 1}: {p}" for p in dict.fromkeys(seed_line_problems(output))]
    assert not found, f"{path.parent.name}/{path.name}: " + "; ".join(found[:12]) + (
        f" (and {len(found) - 12} more)" if len(found) > 12 else "")


@pytest.mark.parametrize("text", ["Source: Nijdam (c. 2020), §2.3 and §7.3.1, L1002-1231",
                                  "<small>(seed 000, L418)</small>", "(G1, seed line 1046)"])
def test_the_seed_line_scanner_catches(text):
    assert seed_line_problems({"output_type": "display_data", "data": {"text/html": text}})


def test_the_seed_line_scanner_leaves_citations_and_images_alone():
    fine = ('Source: Van Schooten (2022), Tabel 3, p.25 <img src="data:image/png;base64,AAL777+L1234/x">'
            " Nijdam (c. 2020), §2.3.3; Bijlage G")
    assert seed_line_problems({"output_type": "display_data", "data": {"text/html": fine}}) == []


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_outputs_are_readable(path):
    found = []
    for index, cell in enumerate(read(path).cells):
        for output in cell.get("outputs", []):
            found += [f"cell {index + 1}: {p}" for p in dict.fromkeys(output_problems(output))]
    assert not found, f"{path.parent.name}/{path.name}: " + "; ".join(found)


# --------------------------------------------------------------------------- the scanner can fail
@pytest.mark.parametrize("text, problem", [
    ("0    Timeline of Dutch decentralisation and the 201...\n", "cut off"),
    ("law_nl   Wet maatschappelijke ondersteuning 2015 (Wmo 2…\n", "cut off"),
    ("pa    20.7\nsr    31.1\nName: mean, dtype: float64", "raw repr"),
    ("{'mean': np.float64(20.7)}", "raw repr"),
    ("np.True_", "raw repr"),
    ("393.0 municipalities in 2015", "count shown as a float"),
    ("{'revenue_week': 900.0, 'cost_week': 2325.0}", "whole numbers shown as floats"),
    ("    a    b\n0   1    2\n..  ...  ...\n9   1    2\n\n[10 rows x 2 columns]", "elided"),
])
def test_the_scanner_catches(text, problem):
    assert any(problem in p for p in plain_problems(text)), plain_problems(text)


def test_the_scanner_reads_html_tables():
    cut = "<table><tr><th>x</th><td>Wet maatschappelijke ondersteuning 2015 (Wmo 2...</td></tr></table>"
    whole = "<table><tr><th>a</th><td>393.0</td></tr><tr><th>b</th><td>355.0</td></tr></table>"
    fine = "<table><tr><th>a</th><td>393</td><td>0.5</td></tr><tr><th>b</th><td>355</td><td>1.0</td></tr></table>"
    assert any("cut off" in p for p in html_problems(cut))
    assert any("whole numbers" in p for p in html_problems(whole))
    mixed = "<table><tr><th>a</th><td>20.0</td><td>12.5</td></tr><tr><th>b</th><td>30.0</td><td>25.0</td></tr></table>"
    assert html_problems(mixed) == []
    assert html_problems(fine) == []
    elided_row = "<table><tr><th>0</th><td>1</td></tr><tr><th>…</th><td>…</td></tr><tr><th>9</th><td>1</td></tr></table>"
    elided_col = "<table><tr><th>0</th><td>1</td><td>…</td><td>2</td></tr><tr><th>1</th><td>3</td><td>…</td><td>4</td></tr></table>"
    status = "<table><tr><td>…</td><td>Integriteit</td><td>not sorted yet</td></tr><tr><td>✔</td><td>Openheid</td></tr></table>"
    assert any("elided" in p for p in html_problems(elided_row))
    assert any("elided" in p for p in html_problems(elided_col))
    assert html_problems(status) == []


@pytest.mark.parametrize("text", [
    "00.1 · … not answered yet — replace the ... with your answer and run the cell again.",
    "Figure: Bars of the four shares (PA ... SR).",
    "mean 1.0 on a scale of 1 to 5",
])
def test_the_scanner_leaves_prose_alone(text):
    assert plain_problems(text) == []
