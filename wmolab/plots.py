"""The one course style for figures, and figures with alt text.

Conventions every figure in the course follows:

- colours come from :data:`PALETTE` (seaborn's ``colorblind`` palette, safe for the common
  forms of colour-vision deficiency); meaning is never carried by colour alone: series also
  differ by marker, hatch or a direct label;
- a figure is built on a :class:`matplotlib.figure.Figure` from :func:`new_figure` (no
  pyplot state, so nothing is shown twice and nothing leaks between cells);
- a notebook shows it with :func:`show`, which requires alt text and prints it as a caption
  right under the image, where a screen reader and a sighted reader both find it.

The accessibility test checks that every image in the notebooks is followed by such a
caption (a line starting with ``Figure:``).
"""
from __future__ import annotations

import base64
import io
from typing import Any

__all__ = [
    "PALETTE", "PERSPECTIVE_STYLE", "MARKERS", "HATCHES", "CAPTION_PREFIX",
    "new_figure", "show", "to_png", "caption", "style_rc",
]

#: seaborn's "colorblind" palette (the same hex values, so no seaborn import is needed).
PALETTE = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
           "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

#: The four steering perspectives keep one colour, marker and hatch across the course.
PERSPECTIVE_STYLE = {
    "PA": {"color": PALETTE[0], "marker": "s", "hatch": ""},
    "NPM": {"color": PALETTE[1], "marker": "^", "hatch": "//"},
    "NPG": {"color": PALETTE[2], "marker": "o", "hatch": ".."},
    "SR": {"color": PALETTE[3], "marker": "D", "hatch": "xx"},
}

CAPTION_PREFIX = "Figure: "


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
    """The caption line shown under a figure."""
    return CAPTION_PREFIX + " ".join(str(alt).split())


def show(fig, alt: str) -> None:
    """Show a figure in the notebook with its alt text as a visible caption underneath.

    ``alt`` describes what the figure shows (the finding, not the chart type only), in one
    or two sentences. It is required: a figure without a description cannot be shown.
    """
    from IPython.display import display

    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError("show(fig, alt): alt must describe the figure in words (at least 10 characters).")
    png = to_png(fig)
    text = caption(alt)
    display(
        {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text},
        metadata={"image/png": {"alt": text}},
        raw=True,
    )
    display({"text/markdown": f"*{text}*", "text/plain": text}, raw=True)
