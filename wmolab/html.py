"""Widget-free HTML building: the one place that escapes text and styles notes, errors and statuses.

Checks (:mod:`wmolab.checks`), topic modules and the explorers (:mod:`wmolab.widgets`) all build
their HTML with these functions, so escaping is done one way and the status colours and labels
are written once. Nothing here imports ipywidgets or matplotlib.

Every function that takes plain text escapes it; a parameter named ``inner`` takes HTML that the
caller has already built (and escaped).

>>> esc('<b>"Zorg" & welzijn</b>')
'&lt;b&gt;&quot;Zorg&quot; &amp; welzijn&lt;/b&gt;'
>>> STATUS["incorrect"]["label"]
'✘ not correct yet'
"""
from __future__ import annotations

import html as _stdlib_html
from collections.abc import Callable
from typing import Any

from .i18n import N_
from .plots import PALETTE, caption

__all__ = [
    "STATUS", "esc", "note_html", "error_html", "caption_html", "status_html", "table_html",
]

#: The four outcomes of a self-check or an explorer's feedback, each with one colour, one mark and
#: one label (the mark is part of the label, so the status never rests on colour alone).
STATUS: dict[str, dict[str, str]] = {
    "correct": {"color": PALETTE[2], "mark": "✔", "label": N_("✔ correct")},
    "incorrect": {"color": PALETTE[3], "mark": "✘", "label": N_("✘ not correct yet")},
    "unanswered": {"color": PALETTE[7], "mark": "…", "label": N_("… not answered yet")},
    "invalid": {"color": PALETTE[3], "mark": "✘", "label": N_("✘ cannot check this answer")},
}


def esc(text: Any) -> str:
    """HTML-escape text for display (quotes too)."""
    return _stdlib_html.escape(str(text), quote=True)


def note_html(message: str) -> str:
    """A quiet note (``wmolab-note``): an empty selection, a hint, a cut-off text.

    >>> note_html("Nothing to show.")
    '<div class="wmolab-note" role="status"><i>Nothing to show.</i></div>'
    """
    return f'<div class="wmolab-note" role="status"><i>{esc(message)}</i></div>'


def error_html(message: str) -> str:
    """A short error message instead of a traceback (``wmolab-error``, which the browser tests look for)."""
    return (f'<div class="wmolab-error" role="alert" style="color:{STATUS["incorrect"]["color"]}">'
            f"<b>⚠</b> {esc(message)}</div>")


def caption_html(alt: str) -> str:
    """The visible caption under a figure in an explorer (the same text :func:`wmolab.plots.show` prints)."""
    return f'<div class="wmolab-caption"><i>{esc(caption(alt))}</i></div>'


def status_html(status: str, inner: str, *, classes: str, role: str = "status") -> str:
    """A box with the status's colour as a left border; ``inner`` is HTML (escape text first).

    >>> status_html("correct", "<b>✔</b> Yes.", classes="wmolab-feedback wmolab-correct")[:60]
    '<div class="wmolab-feedback wmolab-correct" role="status" st'
    """
    if status not in STATUS:
        raise ValueError(f"status must be one of {list(STATUS)}, not {status!r}.")
    return (f'<div class="{classes}" role="{role}" style="border-left:4px solid {STATUS[status]["color"]};'
            f'padding:2px 8px">{inner}</div>')


def table_html(df: Any, caption_text: str = "", *, index: bool = True,
               float_format: Callable[[float], str] | None = None) -> str:
    """A DataFrame as an escaped HTML table (class ``wmolab-table``), with an optional caption line above.

    >>> import pandas as pd
    >>> table_html(pd.DataFrame({"n": [1]}), "One row.", index=False).startswith("<p><i>One row.</i></p><table")
    True
    """
    table = df.to_html(index=index, escape=True, border=0, classes="wmolab-table", float_format=float_format)
    return (f"<p><i>{esc(caption_text)}</i></p>" if caption_text else "") + table
