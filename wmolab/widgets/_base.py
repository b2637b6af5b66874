"""The widget pattern shared by every explorer in the course.

A builder function (``explore_…(df) -> Explorer``) creates controls and output widgets and wires
them to an ``update(ex)`` function. The logic behind ``update`` lives in pure functions of a topic
module, which pytest tests directly; the HTML comes from :mod:`wmolab.html`. The :class:`Explorer`
keeps:

- ``controls``: name → control widget, so a test (or the browser test) can set ``.value``;
- ``outputs``: name → output widget, **declared at construction** and fixed from then on (a
  read-only mapping). Outputs are ``ipywidgets.HTML`` or ``ipywidgets.Image`` (never an ``Output``
  widget), so a change shows up synchronously and headless tests can read it. An explorer with a
  figure declares ``**figure_outputs()``: an ``"image"`` (an ``<img alt=...>`` in an HTML widget) and
  its ``"caption"``;
- ``last_error``: the last exception an update raised, or ``None``. An update that fails never
  shows a traceback to the student: the explorer shows a short message in an element with the CSS
  class ``wmolab-error`` instead (which the browser tests look for).

Two helpers carry what several explorers need: :meth:`Explorer.show_figure` draws a figure once per
state of the controls and shows it with its caption (a student who returns to a state gets it at
once); :meth:`Explorer.memo` keeps any other computed value per state. Tables are shown with
:func:`wmolab.html.table_html`. Text a student types and the explorer shows again is always passed
through :func:`wmolab.html.esc`.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any

import ipywidgets as widgets

from ..html import caption_html, error_html, esc, note_html, status_html, table_html
from ..plots import figure_html, to_png

__all__ = ["Explorer", "figure_outputs", "esc", "note_html", "error_html", "caption_html", "status_html",
           "table_html"]


def figure_outputs() -> dict[str, widgets.Widget]:
    """The two outputs of an explorer that shows a figure: ``"image"`` and its ``"caption"``.

    The image is an HTML ``<img alt=...>`` with the PNG inline (:func:`wmolab.plots.figure_html`), not an
    ``ipywidgets.Image``: that one renders an ``<img>`` without alt text, which a screen reader cannot describe.
    """
    return {"image": widgets.HTML(layout=widgets.Layout(max_width="100%")), "caption": widgets.HTML()}


class Explorer(widgets.VBox):
    """A VBox with named controls and outputs and a guarded update."""

    def __init__(self, controls: dict[str, widgets.Widget], outputs: Mapping[str, widgets.Widget],
                 update: Callable[[Explorer], None], *, title: str = "",
                 layout_children: list[widgets.Widget] | None = None, **kwargs: Any) -> None:
        wrong = [name for name, w in outputs.items() if not isinstance(w, (widgets.HTML, widgets.Image))]
        if wrong:
            raise TypeError(f"explorer outputs must be ipywidgets.HTML or ipywidgets.Image widgets: {wrong}")
        self.controls = controls
        self.outputs = MappingProxyType(dict(outputs))
        self.last_error: BaseException | None = None
        self._update = update
        self._memo: dict[Hashable, Any] = {}
        self.updates = 0
        self.status = widgets.HTML(value="")
        children: list[widgets.Widget] = []
        if title:
            children.append(widgets.HTML(value=f"<b>{esc(title)}</b>"))
        children += layout_children if layout_children is not None else [
            *controls.values(), *self.outputs.values()
        ]
        children.append(self.status)
        super().__init__(children=children, **kwargs)
        self.add_class("wmolab-explorer")
        for control in controls.values():
            if hasattr(control, "value"):
                control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the outputs from the current control values (never raises)."""
        try:
            self._update(self)
            self.last_error = None
            self.status.value = ""
        except Exception as exc:  # shown politely, kept for tests
            self.last_error = exc
            self.status.value = error_html(
                "This explorer could not update (" + type(exc).__name__ + "). "
                "Try another setting, or re-run the cell; if it persists, tell your instructor."
            )
            self._traceback = traceback.format_exc()
        finally:
            self.updates += 1

    def memo(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()`` computed once per ``key`` (a state of the controls) and kept for the next time."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def show_figure(self, key: Hashable, draw: Callable[[], tuple], *, image: str = "image",
                    caption: str = "caption") -> Any:
        """Show the figure of the state ``key`` in ``outputs[image]``, its alt text in ``outputs[caption]``.

        ``draw()`` returns ``(figure, alt)``, or ``(figure, alt, extra)`` where ``extra`` is anything
        computed with the figure that the caller shows too (it is returned). Each key is drawn and
        rendered to PNG once; the figure itself is not kept.
        """
        def render() -> tuple:
            fig, alt, *extra = draw()
            return (to_png(fig), alt, extra[0] if extra else None)

        png, alt, extra = self.memo(("figure", key), render)
        shown = self.outputs[image]
        shown.value = figure_html(png, alt) if isinstance(shown, widgets.HTML) else png
        shown.layout.display = None
        self.outputs[caption].value = caption_html(alt)
        return extra

    def hide_figure(self, *, image: str = "image", caption: str = "caption") -> None:
        """Hide the figure and its caption (for a state that shows no figure)."""
        self.outputs[image].layout.display = "none"
        self.outputs[caption].value = ""

    def __repr__(self) -> str:
        # what a saved notebook shows where the live widget was (no kernel, no widget state)
        return "[Interactive explorer: run this cell in Jupyter to use it]"

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: c.value for name, c in self.controls.items() if hasattr(c, "value")}
