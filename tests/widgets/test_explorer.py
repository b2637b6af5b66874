"""The explorer base (wmolab.widgets._base): declared outputs, one figure helper, one memo, a polite error."""
from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from wmolab.plots import new_figure
from wmolab.widgets import Explorer, figure_outputs
from wmolab.widgets._base import PLACEHOLDER


def _figure():
    fig, ax = new_figure()
    ax.plot([1, 2], [2, 1])
    return fig


@pytest.fixture
def counted():
    """An explorer with a figure: a dropdown of three states, and a count of the figures drawn."""
    choice = widgets.Dropdown(options=["a", "b", "c"], value="a")
    drawn = []

    def draw(state):
        drawn.append(state)
        return _figure(), f"A falling line for state {state}."

    def update(ex):
        ex.show_figure(choice.value, lambda: draw(choice.value))

    return Explorer({"choice": choice}, figure_outputs(), update), choice, drawn


def test_each_state_is_drawn_once(counted):
    ex, choice, drawn = counted
    for value in ["b", "a", "c", "b", "a", "c"]:
        choice.value = value
    assert drawn == ["a", "b", "c"]
    assert "data:image/png;base64,iVBOR" in ex.outputs["image"].value and 'alt="' in ex.outputs["image"].value
    assert "Figure: A falling line for state c." in ex.outputs["caption"].value


def test_hide_figure_hides_image_and_caption(counted):
    ex, _, _ = counted
    ex.hide_figure()
    assert ex.outputs["image"].layout.display == "none" and ex.outputs["caption"].value == ""
    ex.refresh()
    assert ex.outputs["image"].layout.display is None


def test_outputs_are_declared_at_construction(counted):
    ex, _, _ = counted
    with pytest.raises(TypeError):
        ex.outputs["image"] = widgets.Image()  # type: ignore[index]
    with pytest.raises(TypeError, match="HTML or ipywidgets.Image"):
        Explorer({}, {"out": widgets.Output()}, lambda ex: None)


def test_memo_computes_once_per_key():
    calls = []
    ex = Explorer({}, {"out": widgets.HTML()}, lambda ex: None)
    for _ in range(3):
        assert ex.memo("k", lambda: calls.append(1) or "value") == "value"
    assert calls == [1]


def test_show_figure_returns_what_was_drawn_with_it():
    ex = Explorer({}, {**figure_outputs(), "table": widgets.HTML()}, lambda ex: None)
    assert ex.show_figure("k", lambda: (_figure(), "A falling line.", "<p>table</p>")) == "<p>table</p>"
    assert ex.show_figure("k", lambda: pytest.fail("drawn twice")) == "<p>table</p>"


def test_a_failing_update_shows_one_line_not_a_traceback():
    choice = widgets.Dropdown(options=["a", "b"], value="a")

    def update(ex):
        if choice.value == "b":
            raise KeyError("b")

    ex = Explorer({"choice": choice}, {"out": widgets.HTML()}, update)
    choice.value = "b"
    assert isinstance(ex.last_error, KeyError)
    assert "wmolab-error" in ex.status.value and "Traceback" not in ex.status.value
    choice.value = "a"
    assert ex.last_error is None and ex.status.value == ""


# --- the static rendering: what a saved notebook shows without a kernel (GitHub, the course website) ---

def test_the_saved_output_carries_a_static_rendering_next_to_the_widget(counted):
    ex, choice, _ = counted
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle, "JupyterLab still gets the live widget"
    assert bundle["text/plain"] == PLACEHOLDER, "nbval compares the text fallback"
    html = bundle["text/html"]
    assert re.search(r'<img (class="wmolab-figure" )?src="data:image/png;base64,[A-Za-z0-9+/=]+" '
                     r'alt="A falling line for state a\."', html)
    assert "Figure: A falling line for state a." in html, "the visible caption too"
    assert "In Jupyter you can change" in html and "run the cell" in html


def test_the_static_rendering_names_what_the_live_explorer_lets_you_change():
    group = widgets.Dropdown(options=["x"], description="Group:")
    years = widgets.IntSlider(description="Years:")
    unnamed = widgets.Checkbox()
    ex = Explorer({"group": group, "years": years, "show_all": unnamed}, {"out": widgets.HTML()},
                  lambda ex: setattr(ex.outputs["out"], "value", "<table><tr><td>1</td></tr></table>"),
                  title="Thing <explorer>")
    html = ex.static_html()
    assert "change Group, Years, show all and see" in html
    assert "<table><tr><td>1</td></tr></table>" in html, "an HTML output is kept as it is"
    assert "<b>Thing &lt;explorer&gt;</b>" in html, "the title, escaped"


def test_hidden_outputs_and_images_without_alt_text_stay_out_of_the_static_rendering(counted):
    ex, _, _ = counted
    ex.hide_figure()
    assert "<img" not in ex.static_html()
    bare = Explorer({}, {"image": widgets.Image(value=b"\x89PNG", format="png")}, lambda ex: None)
    assert "<img" not in bare.static_html(), "an image with no alt text is never shown"


def test_a_failing_static_rendering_leaves_the_live_widget(counted, monkeypatch):
    ex, _, _ = counted
    monkeypatch.setattr(Explorer, "static_html", lambda self: 1 / 0)
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "text/html" not in bundle
