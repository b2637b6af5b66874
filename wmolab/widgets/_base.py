"""The widget pattern shared by every explorer in the course.

A builder function (``explore_…(df) -> Explorer``) creates controls and output widgets
and wires them to an ``update`` function. The logic behind ``update`` lives in pure
functions of a topic module, which pytest tests directly. The :class:`Explorer` keeps:

- ``controls``: name → control widget, so a test (or the browser test) can set ``.value``;
- ``outputs``: name → output widget. Outputs are ``ipywidgets.HTML`` or ``ipywidgets.Image``
  (never an ``Output`` widget), so a change shows up synchronously and headless tests can
  read it;
- ``last_error``: the last exception an update raised, or ``None``. An update that fails
  never shows a traceback to the student: the explorer shows a short message in an element
  with the CSS class ``wmolab-error`` instead (which the browser tests look for).

Text a student types and the explorer shows again is always passed through :func:`esc`.
"""
from __future__ import annotations

import traceback
from typing import Any, Callable

import ipywidgets as widgets

from ..html import caption_html, error_html, esc, note_html
from ..plots import caption, to_png

__all__ = ["Explorer", "esc", "error_html", "note_html", "png_image", "caption_html"]


def png_image(fig, alt: str) -> widgets.Image:
    """An Image widget holding a rendered figure; the alt text goes on the element too."""
    img = widgets.Image(value=to_png(fig), format="png")
    img.layout.max_width = "100%"
    img.description = caption(alt)  # kept for tests; the caption HTML shows it
    return img


class Explorer(widgets.VBox):
    """A VBox with named controls and outputs and a guarded update."""

    def __init__(self, controls: dict[str, widgets.Widget], outputs: dict[str, widgets.Widget],
                 update: Callable[["Explorer"], None], *, title: str = "",
                 layout_children: list[widgets.Widget] | None = None, **kwargs: Any) -> None:
        self.controls = controls
        self.outputs = outputs
        self.last_error: BaseException | None = None
        self._update = update
        self.updates = 0
        self.status = widgets.HTML(value="")
        children: list[widgets.Widget] = []
        if title:
            children.append(widgets.HTML(value=f"<b>{esc(title)}</b>"))
        children += layout_children if layout_children is not None else [
            *controls.values(), *outputs.values()
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

    def __repr__(self) -> str:
        # what a saved notebook shows where the live widget was (no kernel, no widget state)
        return "[Interactive explorer: run this cell in Jupyter to use it]"

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: c.value for name, c in self.controls.items() if hasattr(c, "value")}
