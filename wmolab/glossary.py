"""Search the course glossary (lesson 00 and every lesson after). Pure functions over ``load("glossary")``."""
from __future__ import annotations

import unicodedata

import pandas as pd

__all__ = ["search_glossary", "LANGUAGES"]

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
