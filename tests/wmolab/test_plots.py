"""wmolab.plots: the course style, deterministic PNGs, and figures that cannot be shown without alt text."""
from __future__ import annotations

import pytest

from wmolab import plots


def _fig():
    fig, ax = plots.new_figure()
    ax.plot([1, 2, 3], [3, 1, 2], marker="o")
    return fig


def test_palette_is_seaborn_colorblind():
    import seaborn as sns

    assert plots.PALETTE == sns.color_palette("colorblind").as_hex()


def test_perspectives_differ_by_more_than_colour():
    styles = plots.PERSPECTIVE_STYLE.values()
    assert len({s["marker"] for s in styles}) == 4 and len({s["hatch"] for s in styles}) == 4
    assert all(s["color"] in plots.PALETTE for s in styles)


def test_new_figure_uses_the_style():
    fig, ax = plots.new_figure()
    assert not ax.spines["top"].get_visible()
    assert len(ax.lines) == 0 and fig.get_size_inches().tolist() == [7.5, 4.2]


def test_png_is_deterministic():
    a, b = plots.to_png(_fig()), plots.to_png(_fig())
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b


def test_show_requires_alt_text():
    with pytest.raises(ValueError, match="alt"):
        plots.show(_fig(), alt="")


def test_show_displays_image_then_caption(monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    plots.show(_fig(), alt="A line that falls and rises again.")
    assert shown[0]["text/plain"].startswith(plots.CAPTION_PREFIX)
    assert shown[0]["text/html"].startswith('<img class="wmolab-figure" src="data:image/png;base64,iVBOR')
    assert 'alt="A line that falls and rises again."' in shown[0]["text/html"], "the alt reaches the <img>"
    assert shown[1]["text/plain"] == "Figure: A line that falls and rises again."
