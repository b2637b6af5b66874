"""The pages of the course website that are written from data: home, launch links, datasets, glossary, errata.

Every function returns MyST Markdown text; :mod:`wmolab.authoring.site` writes it into the staged
sources and builds them with Sphinx. Links between pages are relative paths to the staged source files
(``../notebooks/03_steering_perspectives.ipynb``), which Sphinx checks and turns into page links.

>>> reader_locator("Tabel 2, p.22, L310-317")
'Tabel 2, p.22'
>>> reader_locator("L12-14, L91-448")
''
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wmolab.authoring import config as cfgmod

__all__ = ["KIND_MEANING", "cell", "reader_locator", "launch_md", "home_md", "dataset_md", "datasets_index_md",
           "glossary_md", "errata_md"]

#: What each kind of dataset is (as datasets/README.md defines them).
KIND_MEANING = {
    "transcribed": "copied from a table or the text of the source, as printed (errors included, see the errata)",
    "reconstructed": "worked out by the course from published summaries",
    "derived": "computed by the course from other datasets",
    "course": "written for the course (glosses, definitions, short texts), based on the sources",
    "synthetic": "generated to match published totals, for demonstration only; one of many possible sets",
}
_NO_PLACE = {True: "given per row (see the columns below)",
             False: "no chapter or table named; the descriptor below lists the lines of the source text it rests on"}
_LREF = re.compile(r"(?:\b0\d\d\s+)?\bL\d+(?:-\d+)?")   # L310-317, or 002 L4234-8971 (seed and lines)
_FILLER = re.compile(r"\b(?:rows?|lines?|caption at|at|and|seed)\b")


def cell(text: Any) -> str:
    """Text made safe for one cell of a Markdown table (no pipes, no markup, one line).

    >>> cell("a | b <c>\\n d")
    'a \\\\| b &lt;c&gt; d'
    """
    text = " ".join(str(text).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def reader_locator(locator: str) -> str:
    """A dataset's locator without the seed line numbers (``L310-317``), which are for maintainers only.

    What is left is what a reader of the publication can find: chapter, §, Tabel, Figuur, Bijlage, page.
    """
    def group(m: re.Match) -> str:   # a parenthesis keeps what is left in it, or goes if that is nothing
        inner = re.sub(r"\s*[,;](?:\s*[,;])*\s*", ", ", _LREF.sub("", m.group(1))).strip(" ,;")
        return f" ({inner})" if _FILLER.sub("", inner).strip(" ,;") else ""

    text = re.sub(r"\s*\(([^()]*)\)", group, locator or "")
    text = _LREF.sub("", text)
    text = re.sub(r"\s*([,;])(?:\s*[,;])*", r"\1", text)           # separators left with nothing between
    text = re.sub(r"[,;]\s*(?=\()", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    text = re.sub(r"([,;])(?=\S)", r"\1 ", text)
    # only seed numbers or connecting words left: nothing a reader can look up
    if not re.search(r"[A-Za-z]{2,}|§", _FILLER.sub("", re.sub(r"\b(?:per row|table|passim|text)\b", "", text))):
        return ""
    return text


def launch_md(cfg: cfgmod.CourseConfig, folder: str, name: str, *, what: str) -> str:
    """The launch links of one lesson or sheet: Binder (the full course) and the JupyterHub (nbgitpuller).

    On the hub, lessons and exercise sheets open from the student edition (as in docs/instructors.md);
    solution sheets, which the student edition leaves out, from the full course.
    """
    path = f"{folder}/{name}"
    binder = cfgmod.binder_url(cfg.source, path, cfg.binder)
    hub_repo = cfg.source if folder == "solutions" else cfg.student
    hub = cfgmod.nbgitpuller_url(cfg.hub, hub_repo, path)
    note = (" The hub address is still the example of `course.toml`: your instructor gives you your own."
            if cfg.hub_is_placeholder else "")
    return (f"**Run this {what}:** [launch on Binder]({binder}) (nothing to install; the first start can take a "
            f"few minutes) · [open on your JupyterHub]({hub}) (your university's hub, with nbgitpuller)."
            f"{note} Or download the notebook with the download button at the top of this page.")


def home_md(cfg: cfgmod.CourseConfig, lessons: Sequence[Mapping[str, str]], *, solutions: bool,
            toctrees: str) -> str:
    """The home page: what the course is, for whom, the course map with launch links, how to start."""
    rows = ["| # | Lesson | What you learn | Time | Exercise sheet | Launch |", "|---|---|---|---|---|---|"]
    for les in lessons:
        nn, name = les["nn"], les["name"]
        binder = cfgmod.binder_url(cfg.source, f"notebooks/{name}", cfg.binder)
        sheet_binder = cfgmod.binder_url(cfg.source, f"exercises/{name}", cfg.binder)
        sheet = f"[sheet {nn}](exercises/{name})"
        if solutions:
            sheet += f" · [solutions {nn}](solutions/{name})"
        rows.append(f"| {nn} | [{cell(les['title'])}](notebooks/{name}) | {les['summary']} | {les['minutes']} min | "
                    f"{sheet} | [lesson on Binder]({binder}) · [sheet on Binder]({sheet_binder}) |")
    course_map = "\n".join(rows)
    private = ("\n```{note}\nThis is an instructor's private build: it includes the solution sheets, with model "
               "answers and rubrics. Do not publish it.\n```\n" if solutions else "")
    return f"""# WMO Lab

**An open Jupyter course on public values, steering and client voice in the Dutch social domain.**
{private}
WMO Lab teaches public values theory, the four steering perspectives of government, survey analysis and the
evaluation of client voice. Its running case is the Dutch social domain after the decentralisations of 2015, above
all the *Wet maatschappelijke ondersteuning 2015* (Wmo 2015, the Social Support Act). Every lesson works with real
numbers from five Dutch studies, and lets you reproduce, and sometimes correct, what they published.

## For whom

For bachelor and master students of public administration (*bestuurskunde*), and for anyone who wants to learn to
read policy research critically. You need no programming experience: each lesson explains the few lines of Python it
uses. Lessons are in English; Dutch terms stay in Dutch where they are the real names, with an English gloss (see the
[glossary](glossary.md)). Instructors find lesson plans and the class workflows in the
[instructor guide](instructors.md).

## Course map

Each lesson has a **lesson** to read and run, and an **exercise sheet** with self-checks that tell you whether you
are right without giving the answer away. You can read every lesson here without running anything; to run it, use a
launch link.

{course_map}

## How to start

1. Read [lesson 00](notebooks/{lessons[0]['name']}) here, or launch it on Binder from the table above: Binder opens
   it in JupyterLab in your browser, with nothing to install (your changes are not kept when the session ends).
2. On your university's JupyterHub, use the *open on your JupyterHub* link at the top of each lesson and sheet.
3. On your own computer: clone the [course repository]({cfg.source.url}) and run `make lab` (Python 3.11 and
   `make` needed; the repository's README explains this and the conda route).

The data behind every lesson are documented in [Datasets](datasets/index.md), each with its source and a download
link; the errors the course found in its sources are in the [errata](errata.md).

{toctrees}
"""


def _lesson_links(lessons: Iterable[str], lesson_names: Mapping[str, str], prefix: str) -> str:
    found = [f"[{nn}]({prefix}notebooks/{lesson_names[nn]})" for nn in lessons if nn in lesson_names]
    return ", ".join(found) or "none"


def dataset_md(res: Mapping[str, Any], lesson_names: Mapping[str, str]) -> str:
    """One dataset's page, from its resource in ``datapackage.json``: description, provenance, download, schema."""
    meta = res.get("wmolab", {})
    kind = meta.get("kind", "")
    where = reader_locator(meta.get("locator", ""))
    kind_text = f"**{kind}**: {KIND_MEANING.get(kind, '')}."
    if meta.get("kind_note"):
        kind_text += f" Here: {cell(meta['kind_note'])}."
    sources = "; ".join(cell(s.get("title", "")) for s in res.get("sources", [])) or cell(meta.get("citation", ""))
    provenance = [
        "| About the data | Details |", "|---|---|",
        f"| Source | {sources} |",
        f"| Cited as | {cell(meta.get('citation', ''))} (the course's seed {cell(meta.get('seed', ''))}) |",
        f"| Where in the source | {cell(where) if where else _NO_PLACE[('per row' in meta.get('locator', ''))]} |",
        f"| Kind of data | {kind_text} |",
        f"| Used in lesson | {_lesson_links(meta.get('lessons', []), lesson_names, '../')} |",
        f"| Rows | {meta.get('rows', '')} |",
    ]
    fields = ["| Column | Type | Description | Allowed values |", "|---|---|---|---|"]
    for f in res.get("schema", {}).get("fields", []):
        cons = f.get("constraints", {})
        allowed = []
        if "enum" in cons:
            allowed.append(", ".join(f"`{cell(v)}`" for v in cons["enum"]))
        if "minimum" in cons or "maximum" in cons:
            allowed.append(f"{cons.get('minimum', '')} to {cons.get('maximum', '')}".strip())
        if cons.get("required"):
            allowed.append("required")
        if cons.get("unique"):
            allowed.append("unique")
        fields.append(f"| `{cell(f['name'])}` | {cell(f.get('type', ''))} | {cell(f.get('description', ''))} | "
                      f"{'; '.join(allowed)} |")
    schema = res.get("schema", {})
    key = schema.get("primaryKey")
    missing = [m for m in schema.get("missingValues", [""]) if m != ""]
    extra = []
    if key:
        extra.append(f"Primary key: `{cell(key if isinstance(key, str) else ', '.join(key))}`.")
    extra.append("An empty cell means *not given in the source*" +
                 (f"; missing-value codes: {', '.join(f'`{cell(m)}`' for m in missing)}." if missing else "."))
    name, path = res["name"], res["path"]
    return f"""# {cell(res.get('title', name))}

`{name}`: {cell(res.get('description', ''))}

## Where the data come from

{chr(10).join(provenance)}

Line-by-line references into the source texts, for maintainers, are in the descriptor below.

## Download and use

- {{download}}`{path} <{path}>` (CSV, UTF-8, {res.get('bytes', '?')} bytes, {meta.get('rows', '?')} rows;
  SHA-256 `{cell(str(res.get('hash', '')).removeprefix('sha256:'))}`)
- {{download}}`{name}.json <{name}.json>`: the descriptor (schema and full provenance)
- in a course notebook: `load("{name}")`

## Columns

{chr(10).join(fields)}

{' '.join(extra)}
"""


def datasets_index_md(resources: Sequence[Mapping[str, Any]], lesson_names: Mapping[str, str]) -> str:
    rows = ["| Dataset | What it holds | Kind | Lessons |", "|---|---|---|---|"]
    for res in resources:
        meta = res.get("wmolab", {})
        rows.append(f"| [`{res['name']}`]({res['name']}.md) | {cell(res.get('title', ''))} | {meta.get('kind', '')} | "
                    f"{_lesson_links(meta.get('lessons', []), lesson_names, '../')} |")
    kinds = "\n".join(f"- **{k}**: {v};" for k, v in KIND_MEANING.items())
    toc = "\n".join(res["name"] for res in resources)
    return f"""# Datasets

Every number in the lessons comes from one of these tables. Each page gives the table's source and where in the
source it is, what kind of data it is, its columns, and a download link. The tables are facts from the cited
publications; there are no respondent-level data. Licence: CC BY 4.0 for the tables as arranged here; cite the
original publication too.

Kinds of data:

{kinds}

{chr(10).join(rows)}

```{{toctree}}
:hidden:
:maxdepth: 1

{toc}
```
"""


def glossary_md(rows: Sequence[Mapping[str, str]], lesson_names: Mapping[str, str]) -> str:
    """The glossary as a Sphinx glossary: every Dutch term (and its English gloss) is a searchable entry."""
    seen: set[str] = set()
    entries = []
    for row in sorted(rows, key=lambda r: r["term_nl"].casefold()):
        nl, en = " ".join(row["term_nl"].split()), " ".join(row["term_en"].split())
        terms = []
        for term in (nl, en):
            if term and term.casefold() not in seen | {t.casefold() for t in terms}:
                terms.append(term)
        if not terms:          # the same words as an earlier entry: name this one by its lesson too
            terms = [f"{nl} (lesson {row['lesson']})"]
        seen.update(t.casefold() for t in terms)
        lesson = _lesson_links([row["lesson"]], lesson_names, "")
        body = f"*{cell(nl)}*: {cell(en)}. {cell(row['definition'])} Taught in lesson {lesson}."
        entries.append("\n".join(terms) + "\n   " + body + "\n")
    return f"""# Glossary

Every Dutch term the course uses, with its English gloss, a short definition and the lesson that teaches it
({len(rows)} terms, in Dutch alphabetical order; the English glosses are entries too). Use the search box to find
a term in either language. In a notebook, the glossary explorer of lesson 00 filters the same list.

```{{glossary}}
{chr(10).join(entries)}
```
"""


def errata_md(text: str) -> str:
    """``datasets/ERRATA.md`` with a note for website readers under its title."""
    head, _, rest = text.partition("\n")
    note = ("\n```{note}\nReferences such as *L214-220* are line numbers in the plain-text copies of the sources that "
            "the course was built from, for maintainers who check the datasets. To find a passage in the "
            "publication itself, use the chapter, §, Tabel, Figuur or page given with it.\n```\n")
    return f"{head}\n{note}{rest}"
