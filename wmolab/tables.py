"""Readable tables and values in the notebooks: nothing cut off, no ``dtype``/``Name`` clutter, integers as integers.

:func:`install` (run by ``import wmolab`` in a notebook, and by the kernel extension) sets the display once:

- pandas shows every text in full (``display.max_colwidth = None``); JupyterLab wraps long text in a table cell;
- a pandas Series shows as a small table (its index and its values), without the ``Name: …, dtype: …`` line;
- numpy numbers print as numbers (``0.5``, not ``np.float64(0.5)``), also inside a list or a dict.

:func:`show_table` is for the tables a lesson wants a student to read closely (statements to judge, definitions,
a rubric): text left-aligned and wrapped, whole-number columns as integers, an optional caption above, row and
column headers marked for screen readers, and a wide table scrolling inside its own box that the keyboard can reach.

>>> import pandas as pd
>>> whole_numbers(pd.DataFrame({"n": [393.0, 355.0], "share": [0.5, 1.0]})).dtypes.tolist()
[Int64Dtype(), dtype('float64')]
>>> print(show_table(pd.Series({"PA": 20.7, "SR": 31.1}, name="mean share")))
   mean share
PA       20.7
SR       31.1
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from .html import esc

__all__ = ["PANDAS_OPTIONS", "Table", "show_table", "whole_numbers", "series_html", "install"]

#: The pandas display options the course sets in a notebook.
PANDAS_OPTIONS = {
    "display.max_colwidth": None,   # never cut a text off with "..."
    "display.max_columns": None,    # never hide columns behind "..."
    "display.width": 120,
}


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every float column whose values are all whole numbers is an integer column (``Int64``)."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values) and values.notna().any():
            present = values.dropna()
            if (present == present.round()).all() and present.abs().max() < 2**53:
                out[col] = values.astype("Int64")
    return out


def _label(value: Any) -> str:
    if isinstance(value, tuple):
        return " · ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _formatted(column: pd.Series) -> list[str]:
    """The column's values as pandas formats them (consistent decimals, NaN and <NA> as pandas shows them)."""
    clean = column.map(lambda v: v.replace("\n", " ") if isinstance(v, str) else v)
    if len(clean) == 0:
        return []
    lines = clean.to_string(index=False, header=False).split("\n")
    return [line.strip() for line in lines]


class Table:
    """A table shown readably (see :func:`show_table`): HTML in the notebook, full plain text elsewhere."""

    def __init__(self, frame: pd.DataFrame, caption: str = "", *, index: bool = True) -> None:
        self.frame = whole_numbers(frame)
        self.caption = caption
        self.index = index

    def __repr__(self) -> str:
        text = self.frame.to_string(index=self.index)
        return (f"{self.caption}\n{text}" if self.caption else text)

    def _repr_html_(self) -> str:
        frame = self.frame
        text_cols = {c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])}
        cells = {c: _formatted(frame[c]) for c in frame.columns}
        index_name = _label(frame.index.name) if frame.index.name is not None else _label(frame.index.names) \
            if isinstance(frame.index, pd.MultiIndex) and any(n is not None for n in frame.index.names) else ""
        head = (f'<th scope="col">{esc(index_name)}</th>' if self.index else "") + "".join(
            f'<th scope="col" style="text-align:{"left" if c in text_cols else "right"}">{esc(_label(c))}</th>'
            for c in frame.columns)
        rows = []
        for i, label in enumerate(frame.index):
            row = f'<th scope="row" style="text-align:left">{esc(_label(label))}</th>' if self.index else ""
            row += "".join(
                f'<td style="text-align:{"left" if c in text_cols else "right"};white-space:normal">'
                f"{esc(cells[c][i])}</td>" for c in frame.columns)
            rows.append(f"<tr>{row}</tr>")
        caption = f'<caption style="caption-side:top;text-align:left"><i>{esc(self.caption)}</i></caption>' \
            if self.caption else ""
        table = (f'<table class="wmolab-table dataframe">{caption}<thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table>')
        # a wide table scrolls inside its own box, which a keyboard can reach (tabindex) and a screen reader names
        name = esc(self.caption or f"Table of {len(frame)} rows and {len(frame.columns)} columns")
        return (f'<div class="wmolab-table-scroll" role="region" tabindex="0" aria-label="{name}" '
                f'style="overflow-x:auto;max-width:100%">{table}</div>')


def show_table(data: Any, caption: str = "", *, index: bool = True) -> Table:
    """Show a DataFrame, Series or dict as a readable table (the last line of a cell): nothing cut off, text
    left-aligned and wrapped, whole-number columns as integers, ``caption`` above it.

    ``index=False`` leaves out the row labels (for a table whose rows are just numbered 0, 1, 2, ...).
    """
    if isinstance(data, dict):
        data = pd.Series(data)
    if isinstance(data, pd.Series):
        data = data.to_frame(name=data.name if data.name is not None else "")
    if not isinstance(data, pd.DataFrame):
        raise TypeError("show_table shows a table (DataFrame), a column (Series) or a dict, "
                        f"not {type(data).__name__}.")
    return Table(data, caption, index=index)


def series_html(series: pd.Series) -> str:
    """A Series as the notebook shows it: a two-column table of index and values (no ``dtype`` line)."""
    return show_table(series)._repr_html_()


def _series_plain(series: pd.Series, printer: Any, cycle: bool) -> None:
    printer.text(repr(show_table(series)))


def install(shell: Any | None = None) -> None:
    """Set the course's display of tables and numbers (pandas options, numpy printing, Series in IPython)."""
    import numpy as np

    for option, value in PANDAS_OPTIONS.items():
        pd.set_option(option, value)
    np.set_printoptions(legacy="1.25")  # 0.5, not np.float64(0.5)
    if shell is not None:
        formatters = shell.display_formatter.formatters
        formatters["text/html"].for_type(pd.Series, series_html)
        formatters["text/plain"].for_type(pd.Series, _series_plain)
