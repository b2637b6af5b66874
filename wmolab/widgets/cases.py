"""Explorers of lesson 04: the five cases, coding evidence yourself, and the analysis-model board."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..agreement import agreement_summary, agreement_table
from ..cases import (
    CASE_MUNICIPALITIES,
    ELEMENT_EN,
    ELEMENTS,
    OPTIONS,
    PERSPECTIVES,
    TOPICS,
    dominant_sets,
    place_cases,
    plot_model_board,
    plot_presence,
    summary_vs_text,
)
from ..i18n import _
from ..plots import PERSPECTIVE_STYLE
from ._base import Explorer, esc, figure_outputs, note_html, table_html

__all__ = ["explore_cases", "explore_coding", "explore_model_board", "NOT_CODED"]

NOT_CODED = "–"


def _badge(code: str) -> str:
    style = PERSPECTIVE_STYLE.get(code)
    if style is None:
        return esc(code)
    return (f'<span style="border:2px solid {style["color"]};border-radius:4px;padding:0 4px;'
            f'font-weight:bold">{esc(code)}</span>')


# --------------------------------------------------------------------------- case explorer
def explore_cases(coding: pd.DataFrame) -> Explorer:
    """Pick a municipality, a topic and a source; see the 4 × 4 grid and where summary and text disagree."""
    municipality = widgets.Dropdown(options=list(CASE_MUNICIPALITIES), value="Zwolle", description=_("Municipality:"))
    topic = widgets.ToggleButtons(options=[(t, t) for t in TOPICS], value="thuiszorg", description=_("Topic:"))
    source = widgets.ToggleButtons(options=[(_("chapter summary"), "summary"), (_("case text"), "text")],
                                   value="summary", description=_("Read from:"))
    notes = widgets.HTML()
    outputs = {**figure_outputs(), "notes": notes}
    mismatches = summary_vs_text(coding)
    dominant = dominant_sets(coding)

    def update(ex: Explorer) -> None:
        m, t, s = municipality.value, topic.value, source.value
        dom = dominant.loc[(m, t)]
        alt = _("Grid of the four elements by the four perspectives for {m}, {t}, as read from the {source}; the "
                "author's dominant perspectives are {dom}.").format(
            m=m, t=t, dom=dom, source=_("chapter summary") if s == "summary" else _("case text"))
        ex.show_figure((m, t, s), lambda: (plot_presence(coding, m, t, s), alt))  # each grid is drawn once
        here = mismatches[(mismatches["municipality"] == m) & (mismatches["topic"] == t)]
        if here.empty:
            agree = _("In {m} ({t}) the summary and the case text agree on every cell.")
            notes.value = note_html(agree.format(m=m, t=t))
        else:
            said = {1: _("present")}
            items = "".join(
                "<li>" + _("<b>{perspective} in {element}</b> ({gloss}): summary says {summary}, text says {text}.")
                .format(perspective=esc(r.perspective), element=esc(r.element), gloss=esc(_(ELEMENT_EN[r.element])),
                        summary=said.get(r.present_summary, _("absent")), text=said.get(r.present_text, _("absent")))
                + f" <i>{esc(r.note)}</i></li>" for r in here.itertuples())
            notes.value = "<b>" + _("Summary and text disagree here:") + f"</b><ul>{items}</ul>"

    controls = {"municipality": municipality, "topic": topic, "source": source}
    layout = [municipality, topic, source, outputs["image"], outputs["caption"], notes]
    return Explorer(controls, outputs, update, title=_("The five cases, element by element"), layout_children=layout)


# --------------------------------------------------------------------------- coding exercise
def explore_coding(evidence: pd.DataFrame, codebook: pd.DataFrame | None = None) -> Explorer:
    """Code the evidence statements one by one and watch your agreement with the author grow.

    Your codes are kept in ``explorer.codes`` ({statement_id: perspective}), so a later cell can
    use them (e.g. ``compare_with_author(evidence, explorer.codes)`` once all are coded).
    """
    ids = list(evidence["statement_id"])
    rows = evidence.set_index("statement_id")
    labels = [(f"{sid} · {rows.loc[sid, 'municipality']} · {rows.loc[sid, 'element']}", sid) for sid in ids]
    statement = widgets.Dropdown(options=labels, value=ids[0], description=_("Statement:"),
                                 layout=widgets.Layout(width="460px"))
    code = widgets.ToggleButtons(options=[NOT_CODED, *PERSPECTIVES], value=NOT_CODED, description=_("Your code:"))
    reveal = widgets.Checkbox(value=False, description=_("show the author's codes"), indent=False)
    text = widgets.HTML()
    score = widgets.HTML()
    detail = widgets.HTML()
    state = {"current": ids[0], "codes": {}}

    def cues(element: str) -> str:
        if codebook is None:
            return ""
        part = codebook[codebook["element"] == element]
        items = "".join(f"<li>{_badge(r.perspective)} {esc(r.cue_en)}</li>" for r in part.itertuples())
        summary = _("Codebook for {element} (Bijlage E)").format(element=esc(element))
        return f"<details><summary>{summary}</summary><ul>{items}</ul></details>"

    def update(ex: Explorer) -> None:
        sid = statement.value
        if sid != state["current"]:
            state["current"] = sid
            stored = state["codes"].get(sid, NOT_CODED)
            if code.value != stored:
                code.value = stored  # re-enters update with the stored code; that call renders
                return
        elif code.value == NOT_CODED:
            state["codes"].pop(sid, None)
        else:
            state["codes"][sid] = code.value
        row = rows.loc[sid]
        text.value = (f"<p><b>{esc(sid)}</b> · {esc(row['municipality'])} · {esc(row['topic'])} · "
                      f"{esc(row['element'])} ({esc(_(ELEMENT_EN[row['element']]))})</p>"
                      f"<blockquote>{esc(row['statement'])}</blockquote>{cues(row['element'])}")
        done = [i for i in ids if i in state["codes"]]
        mine = [state["codes"][i] for i in done]
        author = [rows.loc[i, "author_code"] for i in done]
        head = "<p>" + _("Coded {done} of {total} statements.").format(done=len(done), total=len(ids)) + "</p>"
        if len(done) < 2:
            score.value = head + note_html(_("Code at least two statements to see your agreement with the author."))
        else:
            agree = sum(a == b for a, b in zip(mine, author))
            line = "<p><b>" + _("Agreement with the author:") + "</b> " + _("{agree} of {done} ({pct}%)").format(
                agree=agree, done=len(done), pct=f"{100 * agree / len(done):.0f}")
            try:
                summary = agreement_summary(mine, author, categories=PERSPECTIVES)
                line += ", " + _("Cohen's kappa {kappa} ({label})").format(
                    kappa=f"{summary['kappa']:.2f}", label=esc(_(summary["label"]))) + "</p>"
            except ValueError as problem:
                line += f".</p>{note_html(str(problem))}"
            score.value = head + line
        if reveal.value and done:
            table = agreement_table(mine, author, categories=PERSPECTIVES, names=(_("you"), _("author")))
            own = state["codes"].get(sid)
            section = (f"§{7 + CASE_MUNICIPALITIES.index(row['municipality'])}.{2 + TOPICS.index(row['topic'])}."
                       f"{1 + ELEMENTS.index(row['element'])}")  # ch. 7-11, x.2/x.3 topic, x.y.1-4 element
            this = "<p>" + _("The author codes {sid} as {code} (Nijdam, c. 2020, {section}).").format(
                sid=esc(sid), code=_badge(row["author_code"]), section=section) + "</p>"
            if isinstance(row.get("note"), str) and row["note"]:
                this += "<p><i>" + _("Note: {note}").format(note=esc(row["note"])) + "</i></p>"
            if own is None:
                this = "<p>" + _("Code {sid} first to see the author's code for it.").format(sid=esc(sid)) + "</p>"
            detail.value = this + table_html(table, _("Rows: your codes; columns: the author's."))
        elif reveal.value:
            detail.value = note_html(_("Nothing coded yet."))
        else:
            detail.value = ""

    controls = {"statement": statement, "code": code, "reveal": reveal}
    outputs = {"text": text, "score": score, "detail": detail}
    layout = [statement, text, code, score, reveal, detail]
    ex = Explorer(controls, outputs, update, title=_("Code the evidence yourself"), layout_children=layout)
    ex.codes = state["codes"]  # type: ignore[attr-defined]
    return ex


# --------------------------------------------------------------------------- analysis-model board
def explore_model_board(verdicts: pd.DataFrame) -> Explorer:
    """The analysis model as a board: pick the level and a cell; see which cases land there and why."""
    level = widgets.ToggleButtons(options=[(_("approach to the topic"), "topic"), (_("application of the law"), "law")],
                                  value="topic", description=_("Level:"))
    movement = widgets.RadioButtons(options=[(_("meebewegen (moving along)"), "meebewegen"),
                                             (_("tegenbewegen (moving against)"), "tegenbewegen")],
                                    value="meebewegen", description=_("Context:"))
    strategy = widgets.RadioButtons(options=[(_("doelgericht (goal-directed)"), "doelgericht"),
                                             (_("doelzoekend (goal-seeking)"), "doelzoekend")],
                                    value="doelgericht", description=_("Strategy:"))
    cell = widgets.HTML()
    outputs = {**figure_outputs(), "cell": cell}

    def update(ex: Explorer) -> None:
        placed = place_cases(verdicts, level.value)
        counts = placed["option"].value_counts()
        which = _("approach to the topic") if level.value == "topic" else _("application of the law")
        alt = _("Two-by-two board of the analysis model by the {which}: {cells}.").format(
            which=which, cells=", ".join(_("{option} has {n} case(s)").format(option=o, n=int(counts.get(o, 0)))
                                         for o in ("1.1", "1.2", "2.1", "2.2")))
        ex.show_figure(level.value, lambda: (plot_model_board(verdicts, level.value), alt))
        code, name, expect = OPTIONS[(movement.value, strategy.value)]
        here = placed[(placed["movement"] == movement.value) & (placed["strategy"] == strategy.value)]
        head = (f"<p><b>{esc(code)} {esc(name)}</b>: "
                + _("the model expects {expect}. Cases in this cell: {n} of {total}.").format(
                    expect=esc(_(expect)), n=len(here), total=len(placed)) + "</p>")
        if here.empty:
            cell.value = head + note_html(_("No case lands in this cell at this level."))
            return
        show = here.merge(verdicts[["municipality", "topic", "strategy_note"]], on=["municipality", "topic"])
        fits = _("fits footnote 44 (course's check)")
        show = show.assign(fits=show["fits_rule"].map({True: _("yes"), False: _("no")}),
                           strategy_note=show["strategy_note"].fillna(""))
        show = show.rename(columns={"fits": fits})
        cell.value = head + table_html(show[["municipality", "topic", "dominant", fits, "strategy_note"]], index=False)

    controls = {"level": level, "movement": movement, "strategy": strategy}
    layout = [level, widgets.HBox([movement, strategy]), cell, outputs["image"], outputs["caption"]]
    return Explorer(controls, outputs, update, title=_("The analysis model board"), layout_children=layout)
