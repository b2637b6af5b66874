"""The one course style for figures, and figures with alt text.

Conventions every figure in the course follows:

- colours come from :data:`PALETTE` (seaborn's ``colorblind`` palette, safe for the common
  forms of colour-vision deficiency); meaning is never carried by colour alone: series also
  differ by marker, hatch or a direct label;
- a figure is built on a :class:`matplotlib.figure.Figure` from :func:`new_figure` (no
  pyplot state, so nothing is shown twice and nothing leaks between cells);
- a notebook shows it with :func:`show`, which requires alt text, gives it to the image as an HTML
  ``alt`` (what a screen reader reads) and prints it as a caption right under the image, where a
  sighted reader finds it.

The accessibility tests check that every image in the notebooks has an ``alt`` and is followed by
such a caption (a line starting with ``Figure:``), and axe-core checks each lesson in JupyterLab.
"""
from __future__ import annotations

import base64
import html as _stdlib_html
import io
from typing import Any

from .i18n import N_, _

__all__ = [
    "PALETTE", "MARKERS", "HATCHES", "PERSPECTIVE_STYLE", "CLUSTER_STYLE", "VERDICT_STYLE", "LAW_STYLE",
    "CAPTION_PREFIX", "new_figure", "show", "figure_html", "to_png", "caption", "style_rc",
]

#: seaborn's "colorblind" palette (the same hex values, so no seaborn import is needed).
PALETTE = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
           "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

# One style table per kind of thing the course draws: whatever figure or explorer shows it, a
# perspective, a value cluster or a verdict looks the same, and differs by more than colour.

#: The four steering perspectives (lessons 03-04): colour, marker, hatch, and a pale tint used
#: behind highlighted words (the perspective's code is always written next to it).
PERSPECTIVE_STYLE = {
    "PA": {"color": PALETTE[0], "marker": "s", "hatch": "", "tint": "#cfe3f0"},
    "NPM": {"color": PALETTE[1], "marker": "^", "hatch": "//", "tint": "#f8e2bf"},
    "NPG": {"color": PALETTE[2], "marker": "o", "hatch": "..", "tint": "#c6ebdf"},
    "SR": {"color": PALETTE[3], "marker": "D", "hatch": "xx", "tint": "#f5d0b8"},
}

#: The four value clusters of Van Schooten (2022, Tabel 3), keyed as in ``values_wmo_values``
#: (lessons 02 and 05), plus ``none`` for a value outside the 11 survey values.
CLUSTER_STYLE = {
    "behoorlijk": {"color": PALETTE[0], "hatch": "", "marker": "s"},
    "resultaatgericht": {"color": PALETTE[1], "hatch": "//", "marker": "^"},
    "responsief": {"color": PALETTE[2], "hatch": "..", "marker": "o"},
    "privaat": {"color": PALETTE[4], "hatch": "xx", "marker": "D"},
    "none": {"color": PALETTE[7], "hatch": "--", "marker": "v"},
}

#: The three verdicts on an organisation (lesson 01): public, hybrid or private.
VERDICT_STYLE = {
    "public": {"color": PALETTE[0], "marker": "s"},
    "hybrid": {"color": PALETTE[2], "marker": "^"},
    "private": {"color": PALETTE[1], "marker": "o"},
}

#: The law groups of the decentralisation timeline (lesson 00), keyed as in ``timeline``'s ``law`` column: a law keeps
#: its colour and marker in every view of the timeline explorer, whichever laws are filtered in.
LAW_STYLE = {
    "general": {"color": PALETTE[7], "marker": "o"},
    "participatiewet": {"color": PALETTE[0], "marker": "s"},
    "wmo": {"color": PALETTE[1], "marker": "^"},
    "jeugdwet": {"color": PALETTE[2], "marker": "D"},
    "all": {"color": PALETTE[4], "marker": "P"},
}

CAPTION_PREFIX = N_("Figure: ")


def style_rc() -> dict[str, Any]:
    """The matplotlib settings of the course style."""
    from cycler import cycler

    return {
        "figure.figsize": (7.5, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "axes.prop_cycle": cycler(color=PALETTE),
        "legend.frameon": False,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "svg.hashsalt": "wmolab",
    }


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] | None = None,
               **subplot_kw: Any):
    """A new figure in the course style: returns ``(fig, ax)`` (or an array of axes)."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(style_rc()):
        fig = Figure(figsize=figsize or style_rc()["figure.figsize"], layout="constrained")
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    # the rc context only applies while artists are created; keep the style for later calls
    fig._wmolab_rc = style_rc()  # type: ignore[attr-defined]
    return fig, axes


def to_png(fig) -> bytes:
    """Render a figure to PNG bytes (deterministic: no software/version metadata)."""
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context(getattr(fig, "_wmolab_rc", style_rc())):
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def caption(alt: str) -> str:
    """The caption line shown under a figure.

    >>> caption("  Bars of the four   shares. ")
    'Figure: Bars of the four shares.'
    """
    return _(CAPTION_PREFIX) + " ".join(str(alt).split())


def figure_html(png: bytes, alt: str) -> str:
    """An HTML ``<img>`` of a PNG with its ``alt`` text, the form in which JupyterLab passes the text to a screen
    reader (JupyterLab ignores the ``alt`` in an image output's metadata).

    >>> figure_html(b"PNG", 'Bars of "four" shares.')[:90]
    '<img class="wmolab-figure" src="data:image/png;base64,UE5H" alt="Bars of &quot;four&quot; '
    """
    text = _stdlib_html.escape(" ".join(str(alt).split()), quote=True)
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="wmolab-figure" src="data:image/png;base64,{data}" alt="{text}" '
            'style="max-width:100%;height:auto">')


def show(fig, alt: str) -> None:
    """Show a figure in the notebook with its alt text, and the same text as a visible caption underneath.

    ``alt`` describes what the figure shows (the finding, not the chart type only), in one
    or two sentences. It is required: a figure without a description cannot be shown. The
    figure is an HTML ``<img alt=...>`` (:func:`figure_html`), so a screen reader in JupyterLab
    reads the description; the caption (``Figure: ...``) is there for every reader.
    """
    from IPython.display import display

    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError(_("show(fig, alt): alt must describe the figure in words (at least 10 characters)."))
    text = caption(alt)
    display({"text/html": figure_html(to_png(fig), alt), "text/plain": text}, raw=True)
    display({"text/markdown": f"*{text}*", "text/plain": text}, raw=True)
