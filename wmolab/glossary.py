"""Search the course glossary (lesson 00 and every lesson after). Pure functions over ``load("glossary")``."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from .html import esc

__all__ = ["search_glossary", "glossary_html", "LANGUAGES"]

LANGUAGES = {"both": ["term_nl", "term_en", "definition"], "nl": ["term_nl"], "en": ["term_en", "definition"]}


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so 'cliënt' matches 'client' and 'Efficiëntie' 'efficientie'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_glossary(glossary: pd.DataFrame, query: str, language: str = "both",
                    lesson: str | None = None) -> pd.DataFrame:
    """Terms whose Dutch term, English gloss or definition contains ``query``.

    Matching ignores case and accents. ``language`` is "both", "nl" (Dutch term only) or "en"
    (English gloss and definition). An empty query returns every term (of ``lesson`` if given).
    Results: exact term matches first, then alphabetical by Dutch term.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, not {language!r}.")
    if not isinstance(query, str):
        raise ValueError(f"the search text must be text, not {type(query).__name__}.")
    rows = glossary if lesson in (None, "", "all") else glossary[glossary["lesson"] == lesson]
    q = _fold(query.strip())
    if q:
        cols = LANGUAGES[language]
        hay = rows[cols].astype(str).apply(lambda col: col.map(_fold))
        hit = hay.apply(lambda col: col.str.contains(q, regex=False)).any(axis=1)
        rows = rows[hit]
        exact = rows["term_nl"].map(_fold).eq(q) | rows["term_en"].map(_fold).eq(q)
        rows = rows.assign(_exact=~exact).sort_values(["_exact", "term_nl"], key=_sort_key).drop(columns="_exact")
    else:
        rows = rows.sort_values("term_nl", key=_sort_key)
    return rows.reset_index(drop=True)


def _sort_key(col: pd.Series) -> pd.Series:
    return col.map(_fold) if col.dtype != bool else col


SCOPE_LABELS = {"both": "Dutch terms, English glosses and definitions", "nl": "Dutch terms",
                "en": "English glosses and definitions"}


def glossary_html(rows: pd.DataFrame, query: str = "", limit: int = 25, language: str = "both",
                  lesson: str | None = None) -> str:
    """An HTML table of glossary rows, the query highlighted; all text escaped.

    The first line says what was searched (which fields, which lesson), so every change of a
    control is visible.
    """
    where = SCOPE_LABELS.get(language, language) + ("" if lesson in (None, "", "all") else f", lesson {lesson}")
    header = f"<p>{len(rows)} term(s) · searched in {esc(where)}</p>"

    if rows.empty:
        return header + (f"<p><i>No term matches {esc(query)!s}. Try a shorter or an English word.</i></p>"
                         if query else "<p><i>The glossary is empty for this selection.</i></p>")

    def mark(text: str) -> str:
        q = query.strip()
        if not q:
            return esc(text)
        parts = re.split(f"({re.escape(q)})", str(text), flags=re.I)
        return "".join(f"<mark>{esc(p)}</mark>" if i % 2 else esc(p) for i, p in enumerate(parts))

    body = "".join(
        f"<tr><td><i>{mark(r.term_nl)}</i></td><td>{mark(r.term_en)}</td><td>{mark(r.definition)}</td>"
        f"<td>{esc(r.lesson)}</td><td><small>seed {esc(r.seed)}, {esc(r.source_lines)}</small></td></tr>"
        for r in rows.head(limit).itertuples()
    )
    more = f"<p><i>{len(rows) - limit} more: refine the search.</i></p>" if len(rows) > limit else ""
    return (
        f"{header}<table class='wmolab-glossary'><thead><tr><th>Dutch</th><th>English</th>"
        f"<th>Meaning</th><th>Lesson</th><th>Source</th></tr></thead><tbody>{body}</tbody></table>{more}"
    )
