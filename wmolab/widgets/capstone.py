"""Explorer of lesson 07: choose a municipality, read its evidence dossier lens by lens."""
from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from ..capstone import LENS_TITLES, LENSES, SUBJECTS, dossier, resolve
from ..html import STATUS
from ..i18n import _
from ._base import Explorer, esc

__all__ = ["explore_dossier", "dossier_html"]

_ALL = "all"


def dossier_html(data: Mapping[str, pd.DataFrame], subject: str, lens: str = _ALL) -> str:
    """The dossier of one municipality as HTML: evidence per lens, then what is missing (escaped)."""
    if lens != _ALL and lens not in LENSES:
        raise ValueError(f"lens must be 'all' or one of {LENSES}, not {lens!r}.")
    d = dossier(data, subject)
    have = ", ".join(d.lenses) if d.lenses else _("none")
    headline = _("{name}: evidence about the municipality itself on <b>{n} of 3</b> lenses ({lenses}).")
    parts = ['<p class="wmolab-headline">' + headline.format(name=f"<b>{esc(d.name)}</b>", n=len(d.lenses),
                                                             lenses=esc(have)) + "</p>"]
    missing_word, so_word = _("Missing:"), _("So:")
    for le in (LENSES if lens == _ALL else (lens,)):
        ev = d.evidence[d.evidence["lens"] == le]
        gaps = d.missing[d.missing["lens"] == le]
        items = []
        for r in ev.itertuples():
            ref = ("<i>" + _("(reference, not about this municipality)") + "</i> ") if r.scope == "reference" else ""
            items.append(f"<li>{ref}{esc(r.evidence)}<br><small><code>{esc(r.dataset)}</code> · "
                         f"{esc(r.source)}</small></li>")
        for r in gaps.itertuples():
            items.append(f'<li class="wmolab-missing" style="border-left:4px solid {STATUS["incorrect"]["color"]};'
                         f'padding-left:6px;list-style:none"><b>✗ {esc(missing_word)}</b> {esc(r.missing)}<br>'
                         f"<i>{esc(so_word)} {esc(r.so)}</i></li>")
        parts.append(f"<h4>{esc(_(LENS_TITLES[le]))}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)


def explore_dossier(data: Mapping[str, pd.DataFrame], subject: str = "Utrecht") -> Explorer:
    """Pick a municipality and a lens; see what the course's datasets hold and what is missing.

    ``data`` comes from :func:`wmolab.capstone.load_capstone_data`.
    """
    municipality = widgets.Dropdown(options=[s.name for s in SUBJECTS.values()], value=resolve(subject).name,
                                    description=_("Municipality:"))
    lens = widgets.ToggleButtons(options=[(_("all lenses"), _ALL)] + [(le, le) for le in LENSES], value=_ALL,
                                 description=_("Lens:"))
    out = widgets.HTML()

    def update(ex: Explorer) -> None:
        key = (municipality.value, lens.value)
        out.value = ex.memo(key, lambda: dossier_html(data, *key))

    return Explorer({"municipality": municipality, "lens": lens}, {"dossier": out}, update,
                    title=_("Evidence dossier: what the course holds on one municipality"))
