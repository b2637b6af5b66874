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

**Without a kernel** (a saved notebook on GitHub, the course website): the live widget needs Jupyter,
so every explorer's output also carries a static rendering of the state it was displayed in, its
first view (:meth:`Explorer.static_html`, offered as ``text/html`` by ``_repr_mimebundle_`` next to the
widget view): its figure as an ``<img>`` with its alt text, its tables and notes, and one line saying
what the live explorer lets you change and that it runs in Jupyter. JupyterLab shows the live widget
(the widget view ranks above HTML); a viewer without the widget manager shows the static rendering.

Two helpers carry what several explorers need: :meth:`Explorer.show_figure` draws a figure once per
state of the controls and shows it with its caption (a student who returns to a state gets it at
once); :meth:`Explorer.memo` keeps any other computed value per state. Tables are shown with
:func:`wmolab.html.table_html`. Text a student types and the explorer shows again is always passed
through :func:`wmolab.html.esc`.
"""
from __future__ import annotations

import base64
import traceback
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any

import ipywidgets as widgets

from ..html import caption_html, error_html, esc, note_html, status_html, table_html
from ..i18n import N_, _
from ..plots import figure_html, to_png

__all__ = ["Explorer", "figure_outputs", "esc", "note_html", "error_html", "caption_html", "status_html",
           "table_html", "STATIC_NOTE", "PLACEHOLDER"]

#: What a saved notebook shows as text where the live explorer was (no kernel, no widget state).
PLACEHOLDER = N_("[Interactive explorer: run this cell in Jupyter to use it]")
#: The line under an explorer's static rendering; ``{controls}`` names what the live explorer lets you change.
STATIC_NOTE = N_("This is the explorer's first view, saved with the notebook. In Jupyter you can change {controls} "
                 "and see the result at once: run the cell there to use it.")


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
        self._title = title
        self.status = widgets.HTML(value="")
        self._alts: dict[str, str] = {}  # image output → alt text of the figure it shows
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
                _("This explorer could not update ({error}). Try another setting, or re-run the cell; if it "
                  "persists, tell your instructor.").format(error=type(exc).__name__)
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
        self._alts[image] = alt
        self.outputs[caption].value = caption_html(alt)
        return extra

    def hide_figure(self, *, image: str = "image", caption: str = "caption") -> None:
        """Hide the figure and its caption (for a state that shows no figure)."""
        self.outputs[image].layout.display = "none"
        self.outputs[caption].value = ""

    def __repr__(self) -> str:
        # the text fallback of a saved notebook (nbval compares it; the static rendering is the HTML one)
        return _(PLACEHOLDER)

    def control_names(self) -> list[str]:
        """What a student can change, in words: each control's label (its description, else its name)."""
        names: list[str] = []
        for name, control in self.controls.items():
            label = str(getattr(control, "description", "") or name.replace("_", " ")).strip().rstrip(":=").strip()
            if label and label not in names:
                names.append(label)
        return names

    def static_html(self) -> str:
        """The explorer as it is shown now, as plain HTML that needs no kernel (see the module docstring).

        Figures become ``<img>`` elements with their alt text (an image output without a known alt
        text is left out), HTML outputs are kept as they are; hidden and empty outputs are skipped.
        """
        parts = [f'<p class="wmolab-static-title"><b>{esc(self._title)}</b></p>'] if self._title else []
        for name, out in self.outputs.items():
            if out.layout.display == "none":
                continue
            if isinstance(out, widgets.Image):
                alt = self._alts.get(name)
                if out.value and alt:
                    data = base64.b64encode(bytes(out.value)).decode("ascii")
                    parts.append(f'<img src="data:image/{out.format};base64,{data}" alt="{esc(alt)}" '
                                 f'style="max-width:100%">')
            elif out.value:
                parts.append(out.value)
        names = self.control_names()
        shown = ", ".join(names[:6]) + (" " + _("and {n} more").format(n=len(names) - 6) if len(names) > 6 else "")
        parts.append(note_html(_(STATIC_NOTE).format(controls=shown or _("its settings"))))
        return '<div class="wmolab-static-explorer">' + "\n".join(parts) + "</div>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The widget view (JupyterLab) plus ``text/html``: the static rendering, for viewers without a kernel."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            try:
                bundle["text/html"] = self.static_html()
            except Exception:  # a static rendering is a courtesy: never let it break the live explorer
                pass
        return bundle

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: c.value for name, c in self.controls.items() if hasattr(c, "value")}
