"""wmolab.html: one escaping, one status style, and no widget library needed to build HTML."""
from __future__ import annotations

import pandas as pd
import pytest

from wmolab import html
from wmolab.checks import STATUSES, Feedback
from wmolab.plots import PALETTE

from helpers import LABEL_STATUS


def test_escaping_covers_quotes_and_tags():
    assert html.esc('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;"
    assert "<script>" not in html.note_html("<script>") and "<script>" not in html.error_html("<script>")


def test_one_status_style_for_checks_and_explorers():
    assert tuple(html.STATUS) == STATUSES
    labels = {s["label"] for s in html.STATUS.values()}
    english = {label: status for label, status in LABEL_STATUS.items() if label in labels}
    assert {s["label"]: k for k, s in html.STATUS.items()} == english, "the labels the tests parse"
    from wmolab.i18n import _, set_language
    set_language("nl")
    try:  # the Dutch edition's labels, as the catalogue gives them, are the ones the tests parse too
        assert {_(s["label"]): k for k, s in html.STATUS.items()}.items() <= LABEL_STATUS.items()
    finally:
        set_language("en")
    assert all(s["color"] in PALETTE and s["label"].startswith(s["mark"]) for s in html.STATUS.values())
    shown = Feedback("99.1", "incorrect", "look again")._repr_html_()
    assert html.STATUS["incorrect"]["color"] in shown and "✘ not correct yet" in shown


def test_status_html_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="status must be one of"):
        html.status_html("almost", "x", classes="c")


def test_table_html_escapes_cells_and_caption():
    out = html.table_html(pd.DataFrame({"a": ["<b>"]}), "<i>caption</i>", index=False)
    assert "<b>" not in out.replace("<b>a</b>", "") and "&lt;b&gt;" in out and "&lt;i&gt;caption" in out
    assert 'class="dataframe wmolab-table"' in out


def test_caption_html_uses_the_figure_caption():
    assert html.caption_html("A line.") == '<div class="wmolab-caption"><i>Figure: A line.</i></div>'
