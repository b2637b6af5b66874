"""Explorers of lessons 01-02: classify organisations, sort values into clusters, compare conflicts.

- :func:`explore_organisations`: pick an organisation, commit to public / private / hybrid, and
  only then see the criteria, the verdict and its reasoning;
- :func:`explore_cluster_sorter`: put each of the 11 survey values in a cluster of Tabel 3 and get
  feedback per value, never the cluster a wrongly placed value belongs in;
- :func:`explore_conflict_matrix`: the value pairs one source reports as a matrix, optionally
  side by side with a second source.

The logic lives in :mod:`wmolab.organisations` and :mod:`wmolab.values`; the HTML builders
here are plain functions that the tests call directly.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..html import STATUS
from ..i18n import N_, _, get_language, ngettext
from ..organisations import CHOICES, CRITERIA, judge, signals, word
from ..sources import cite, reader_locator
from ..values import (
    CLUSTER_ORDER,
    CLUSTERS,
    SOURCES,
    conflict_matrix,
    pair_keys,
    select_pairs,
    shared_pairs,
    sorter_feedback,
    sorter_score,
    value_involvement,
    value_order,
)
from ._base import Explorer, esc, note_html

__all__ = ["explore_organisations", "explore_cluster_sorter", "explore_conflict_matrix",
           "organisation_card_html", "verdict_html", "sorter_html", "matrix_html", "pairs_html"]

_LEAN_WORD = {"public": N_("→ public"), "private": N_("→ private"), "mixed": N_("→ mixed")}
#: A judgement's mark: the two clear outcomes use the course's status marks; ≈ is "defensible" or "partly".
_STATUS_MARK = {"match": STATUS["correct"]["mark"], "defensible": "≈", "partly": "≈", "no": STATUS["incorrect"]["mark"]}
#: The sorter's three states per value, with the course's status marks.
_SORTER_MARK = {"correct": STATUS["correct"]["mark"], "wrong": STATUS["incorrect"]["mark"],
                "open": STATUS["unanswered"]["mark"]}


# --------------------------------------------------------------------------- organisations
def organisation_card_html(row: pd.Series) -> str:
    """The facts of one organisation, before any verdict."""
    legal, financing, task = _("Legal form:"), _("Financing:"), _("Task:")
    return (
        '<div class="wmolab-org" style="border:1px solid #ccc;padding:6px 10px;max-width:720px">'
        f"<b>{esc(row['name'])}</b><br><i>{esc(row['in_short'])}</i>"
        "<ul style='margin:4px 0'>"
        f"<li><b>{esc(legal)}</b> {esc(row['legal_form'])}</li>"
        f"<li><b>{esc(financing)}</b> {esc(row['financing'])}</li>"
        f"<li><b>{esc(task)}</b> {esc(row['task'])}</li></ul></div>"
    )


def verdict_html(orgs: pd.DataFrame, org_id: str, choice: str | None) -> str:
    """What a student sees after committing ``choice``: judgement, criteria, verdict, reasoning."""
    if choice is None:
        return note_html(_("Choose public, private or hybrid first, then press ‘Commit my answer’."))
    result = judge(orgs, org_id, choice)
    row = orgs[orgs["org_id"] == org_id].iloc[0]
    lines = "".join(
        f"<tr><td>{esc(_(label))}</td><td><b>{esc(_(_LEAN_WORD[row[col]]))}</b></td></tr>"
        for col, label in CRITERIA.items()
    )
    basis = (_("the thesis's own classification") if row["basis"] == "thesis"
             else _("the course's application of the zwaartepunt rule"))
    where = (" " + _("Source: {source}.").format(source=esc(cite("000", row["source_lines"])))
             if isinstance(row["source_lines"], str) else " " + _("This example is invented for the course."))
    head = [_("criterion"), _("points to"), _("all three together"), _("Verdict:"), _("Reasoning.")]
    return (
        f'<div class="wmolab-verdict wmolab-verdict-{result["status"]}" role="status">'
        f"<p><b>{_STATUS_MARK[result['status']]} {esc(result['headline'])}</b></p>"
        f"<table><tr><th style='text-align:left'>{esc(head[0])}</th>"
        f"<th style='text-align:left'>{esc(head[1])}</th></tr>{lines}"
        f"<tr><td>{esc(head[2])}</td><td><b>{esc(word(signals(row)))}</b></td></tr></table>"
        f"<p><b>{esc(head[3])}</b> {esc(word(row['verdict']))} ({esc(basis)}).{where}</p>"
        f"<p><b>{esc(head[4])}</b> {esc(row['reasoning'])}</p></div>"
    )


def explore_organisations(orgs: pd.DataFrame) -> Explorer:
    """Classify organisations from the Wmo field; the reasoning appears only after you commit."""
    options = [(name, oid) for name, oid in zip(orgs["name"], orgs["org_id"])]
    if not options:
        raise ValueError(_("there are no organisations to classify."))
    org = widgets.Dropdown(options=options, value=options[0][1], description=_("Organisation:"),
                           style={"description_width": "initial"}, layout=widgets.Layout(width="560px"))
    choice = widgets.RadioButtons(options=[(word(c), c) for c in CHOICES], value=None, description=_("My answer:"),
                                  style={"description_width": "initial"})
    commit = widgets.Button(description=_("Commit my answer"), button_style="primary", icon="check")
    card = widgets.HTML()
    feedback = widgets.HTML()
    state: dict[str, Any] = {"org": None, "committed": False}

    def update(ex: Explorer) -> None:
        if org.value != state["org"]:  # a new organisation: forget the last answer
            state.update(org=org.value, committed=False)
            if choice.value is not None:
                choice.value = None  # triggers a nested refresh that sees the new state
        row = orgs[orgs["org_id"] == org.value].iloc[0]
        card.value = organisation_card_html(row)
        if not state["committed"]:
            feedback.value = note_html(_("Decide first: public, private or hybrid? Then press ‘Commit my answer’ "
                                         "to see the criteria and the reasoning."))
        else:
            feedback.value = verdict_html(orgs, org.value, choice.value)

    controls = {"organisation": org, "choice": choice, "commit": commit}
    outputs = {"card": card, "feedback": feedback}
    layout = [org, card, widgets.HBox([choice, commit]), feedback]
    explorer = Explorer(controls, outputs, update, title=_("Public, private or hybrid?"), layout_children=layout)

    def on_commit(_button: widgets.Button) -> None:
        state["committed"] = True
        explorer.refresh()

    commit.on_click(on_commit)
    return explorer


# --------------------------------------------------------------------------- the cluster sorter
def sorter_html(feedback: pd.DataFrame) -> str:
    """Per-value feedback (✔ / ✘ / …) and a score line; never the cluster a wrong value belongs in."""
    score = sorter_score(feedback)
    rows = "".join(
        f"<tr><td>{_SORTER_MARK[r.status]}</td><td><b>{esc(r.value)}</b></td><td>{esc(r.message)}</td></tr>"
        for r in feedback.itertuples()
    )
    total = len(feedback)
    if score["correct"] == total:
        head = "✔ " + ngettext("The {n} value sorted as in Tabel 3 (Van Schooten 2022, p.25).",
                               "All {n} values sorted as in Tabel 3 (Van Schooten 2022, p.25).", total).format(n=total)
    elif score["open"] == total:
        head = _("Sort the values: pick a cluster for each one. Feedback appears per value.")
    else:
        head = ngettext("{correct} of {n} right, {wrong} to reconsider, {open} still open.",
                        "{correct} of {n} right, {wrong} to reconsider, {open} still open.", total).format(
                            correct=score["correct"], n=total, wrong=score["wrong"], open=score["open"])
    return (f'<div class="wmolab-sorter" role="status"><p><b>{esc(head)}</b></p>'
            f"<table>{rows}</table></div>")


def _cluster_label(key: str) -> str:
    """A cluster's Dutch name, with the English gloss in the English edition only."""
    name, gloss = CLUSTERS[key][0], CLUSTERS[key][1]
    return name if get_language() == "nl" else f"{name} ({gloss})"


def explore_cluster_sorter(values: pd.DataFrame) -> Explorer:
    """Sort the 11 survey values into the clusters of Tabel 3, with feedback per value."""
    options = [(_("— choose —"), "")] + [(_cluster_label(c), c) for c in CLUSTER_ORDER]
    ordered = values.sort_values("survey_item")
    controls: dict[str, widgets.Widget] = {}
    for key, label in zip(ordered["value_key"], ordered["label_nl"]):
        controls[key] = widgets.Dropdown(options=options, value="", description=label,
                                         style={"description_width": "230px"},
                                         layout=widgets.Layout(width="560px"))
    reset = widgets.Button(description=_("Start again"), icon="undo")
    out = widgets.HTML()

    def update(ex: Explorer) -> None:
        answers = {k: (c.value or None) for k, c in controls.items()}
        out.value = sorter_html(sorter_feedback(values, answers))

    legend = widgets.HTML(
        "<ul>" + "".join(f"<li><b>{esc(CLUSTERS[c][0])}</b>: {esc(_(CLUSTERS[c][2]))}</li>" for c in CLUSTER_ORDER)
        + "</ul>")
    layout = [legend, widgets.VBox(list(controls.values())), reset, out]
    explorer = Explorer({**controls, "reset": reset}, {"feedback": out}, update, title=_("Value-cluster sorter"),
                        layout_children=layout)

    def on_reset(_button: widgets.Button) -> None:
        for c in controls.values():
            c.value = ""

    reset.on_click(on_reset)
    return explorer


# --------------------------------------------------------------------------- the conflict matrix
_ABBR = {"integriteit": "Int", "gelijkheid": "Gel", "rechtmatigheid": "Rec", "effectiviteit": "Eft",
         "efficientie": "Efi", "participatie": "Par", "openheid": "Ope", "legitimiteit": "Leg",
         "verantwoording": "Ver", "bestaanszekerheid": "Bes", "kwaliteit_dienstverlening": "Kwa"}


def _abbr(key: str) -> str:
    return _ABBR.get(key, key[:3].capitalize() + "*")


def matrix_html(matrix: pd.DataFrame, values: pd.DataFrame, title: str) -> str:
    """A conflict matrix as an HTML table: counts in the cells, shading as a second cue only."""
    names = dict(zip(values["value_key"], values["label_nl"]))
    cluster_of = dict(zip(values["value_key"], values["cluster"]))
    keys = list(matrix.columns)
    # a thicker line where a new cluster of Tabel 3 starts (values outside the survey come last)
    starts = {k for i, k in enumerate(keys) if i and cluster_of.get(k, "none") != cluster_of.get(keys[i - 1], "none")}
    left = "border-left:2px solid #555;"
    top_line = "border-top:2px solid #555;"
    top = max(1, int(matrix.to_numpy().max()))
    head = "".join(f'<th title="{esc(names.get(k, k))}" style="padding:2px 4px;{left if k in starts else ""}">'
                   f"{esc(_abbr(k))}</th>" for k in keys)
    body = []
    for a in matrix.index:
        row_style = top_line if a in starts else ""
        cells = []
        for b in keys:
            n = int(matrix.loc[a, b])
            edge = row_style + (left if b in starts else "")
            if a == b:
                cells.append(f'<td style="background:#eeeeee;text-align:center;{edge}">·</td>')
            elif n:
                shade = 0.25 + 0.6 * n / top
                cells.append(f'<td style="background:rgba(1,115,178,{shade:.2f});text-align:center;{edge}">'
                             f"<b>{n}</b></td>")
            else:
                cells.append(f'<td style="{edge}"></td>')
        body.append(f'<tr><th style="text-align:right;padding-right:4px;{row_style}">{esc(names.get(a, a))}</th>'
                    + "".join(cells) + "</tr>")
    n_pairs = int(matrix.to_numpy().sum() // 2)
    count = ngettext("{n} pair", "{n} pairs", n_pairs).format(n=n_pairs)
    return (f'<div class="wmolab-matrix" style="margin-right:16px"><p><b>{esc(title)}</b> '
            f"({count})</p>"
            f'<table style="border-collapse:collapse;font-size:90%"><tr><th></th>{head}</tr>'
            + "".join(body) + "</table></div>")


def pairs_html(pairs: pd.DataFrame, source: str) -> str:
    """The pairs of one source as printed, with where the thesis gives them (§, Tabel, Bijlage)."""
    rows = select_pairs(pairs, source)
    items = "".join(
        f"<li>{esc(r.printed_a)} &amp; {esc(r.printed_b)} "
        f"<small>({esc(reader_locator(r.source_lines, '000'))})</small></li>"
        for r in rows.itertuples()
    )
    setting = rows["setting"].iloc[0] if len(rows) else ""
    return f"<p><b>{esc(_(SOURCES[source]))}</b>: {esc(setting)}</p><ul>{items}</ul>"


def explore_conflict_matrix(pairs: pd.DataFrame, values: pd.DataFrame) -> Explorer:
    """Choose a source, see its conflict pairs as a value × value matrix, compare with a second one."""
    source = widgets.Dropdown(options=[(_(label), key) for key, label in SOURCES.items()], value="municipal",
                              description=_("Source:"), layout=widgets.Layout(width="420px"))
    compare = widgets.Dropdown(options=[(_("(no comparison)"), "")] + [(_(label), key)
                                                                      for key, label in SOURCES.items()],
                               value="", description=_("Compare with:"), style={"description_width": "initial"},
                               layout=widgets.Layout(width="420px"))
    as_survey = widgets.Checkbox(value=True, description=_("read transparantie as openheid"),
                                 style={"description_width": "initial"})
    matrices = widgets.HTML()
    summary = widgets.HTML()
    listing = widgets.HTML()

    def update(ex: Explorer) -> None:
        chosen = [source.value] + ([compare.value] if compare.value and compare.value != source.value else [])
        keys = pair_keys(select_pairs(pairs, chosen), as_survey=as_survey.value)
        axis = value_order(set(values["value_key"]) | set(keys["a"]) | set(keys["b"]), values)
        tables = [matrix_html(conflict_matrix(pairs, values, s, as_survey=as_survey.value, axis=axis),
                              values, _(SOURCES[s])) for s in chosen]
        matrices.value = '<div style="display:flex;flex-wrap:wrap">' + "".join(tables) + "</div>"
        names = dict(zip(values["value_key"], values["label_nl"]))
        parts = []
        for s in chosen:
            inv = value_involvement(pairs, s, as_survey=as_survey.value)
            top = inv[inv == inv.max()]
            most = ", ".join(f"<b>{esc(names.get(k, k))}</b>" for k in top.index)
            n_pairs = len(select_pairs(pairs, s))
            parts.append("<li>" + ngettext("{source}: most involved {values} ({n} of {total} pair)",
                                           "{source}: most involved {values} ({n} of {total} pairs)", n_pairs).format(
                source=esc(_(SOURCES[s])), values=most, n=int(inv.max()), total=n_pairs) + "</li>")
        if len(chosen) == 2:
            both = shared_pairs(pairs, chosen[0], chosen[1], as_survey=as_survey.value)
            shown = (", ".join(" &amp; ".join(esc(names.get(k, k)) for k in p.split(" & ")) for p in both)
                     or _("none"))
            parts.append("<li>" + _("Pairs in both: <b>{pairs}</b>").format(pairs=shown) + "</li>")
        elif compare.value == source.value:
            parts.append("<li>" + _("Pick a different second source to compare.") + "</li>")
        summary.value = "<ul>" + "".join(parts) + "</ul>" + "<p><small>" + _(
            "Columns are abbreviated (hover for the name); * marks a value that is not one of "
            "the 11 survey values. Thick lines separate the clusters of Tabel 3: behoorlijk (Int, Gel, Rec), "
            "resultaatgericht (Eft, Efi), responsief (Par, Ope, Leg, Ver), private (Bes, Kwa).") + "</small></p>"
        listing.value = "".join(pairs_html(pairs, s) for s in chosen)

    controls = {"source": source, "compare": compare, "as_survey": as_survey}
    outputs = {"matrices": matrices, "summary": summary, "pairs": listing}
    layout = [widgets.HBox([source, compare]), as_survey, matrices, summary, listing]
    return Explorer(controls, outputs, update, title=_("Conflict-matrix explorer"), layout_children=layout)
