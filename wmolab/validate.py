"""Input checks shared by the topic modules: one clear message instead of a KeyError deep inside pandas."""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

__all__ = ["require_columns"]


def require_columns(df: Any, columns: Iterable[str], what: str, *, non_empty: bool = False) -> pd.DataFrame:
    """Return ``df`` if it is a DataFrame with ``columns``; otherwise raise a ValueError that says what is wrong.

    ``what`` names the table in the message ("The instruments table", "the evidence table").
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{what} should be a table (a DataFrame, as load(...) returns), not {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks the column(s) {missing}; did you pass the right dataset (load it with load(...))?")
    if non_empty and df.empty:
        raise ValueError(f"{what} is empty.")
    return df
