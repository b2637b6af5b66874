"""Input checks shared by the topic modules: one clear message instead of a KeyError deep inside pandas."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["require_columns", "require_keys"]


def require_columns(df: Any, columns: Iterable[str], what: str, *, non_empty: bool = False) -> pd.DataFrame:
    """Return ``df`` if it is a DataFrame with ``columns``; otherwise raise a ValueError that says what is wrong.

    ``what`` names the table in the message ("The instruments table", "the evidence table").

    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "The plans table")
    Traceback (most recent call last):
    ...
    ValueError: The plans table lacks the column(s) ['b']; did you pass the right dataset (load it with load(...))?
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{what} should be a table (a DataFrame, as load(...) returns), not {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks the column(s) {missing}; "
                         "did you pass the right dataset (load it with load(...))?")
    if non_empty and df.empty:
        raise ValueError(f"{what} is empty.")
    return df


def require_keys(mapping: Any, expected: list[str], *, unknown: str, missing: str) -> None:
    """Check that ``mapping`` has exactly the keys ``expected``; raise one clear ValueError otherwise.

    ``unknown`` is the message for a key that is not expected (``{key}``, ``{first}`` and ``{last}``
    are filled in); ``missing`` for expected keys that are absent (``{n}``, ``{first}``, ``{all}``).

    >>> require_keys({"e01": "PA"}, ["e01", "e02"], unknown="{key} is not a statement.", missing="No code for {all}.")
    Traceback (most recent call last):
    ...
    ValueError: No code for e02.
    """
    extra = [k for k in mapping if k not in expected]
    if extra:
        raise ValueError(unknown.format(key=repr(extra[0]), first=expected[0], last=expected[-1]))
    absent = [k for k in expected if k not in mapping]
    if absent:
        raise ValueError(missing.format(n=len(absent), first=absent[0], all=", ".join(absent)))
