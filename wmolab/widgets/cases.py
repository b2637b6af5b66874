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
    source = widgets.ToggleButtons(options=[("chapter summary", "summary"), ("case text", "text")],
                                   value="summary", description=_("Read from:"))
    notes = widgets.HTML()
    outputs = {**figure_outputs(), "notes": notes}
    mismatches = summary_vs_text(coding)
    dominant = dominant_sets(coding)

    def update(ex: Explorer) -> None:
        m, t, s = municipality.value, topic.value, source.value
        dom = dominant.loc[(m, t)]
        alt = (f"Grid of the four elements by the four perspectives for {m}, {t}, as read from the "
               f"{'chapter summary' if s == 'summary' else 'case text'}; the author's dominant perspectives are {dom}.")
        ex.show_figure((m, t, s), lambda: (plot_presence(coding, m, t, s), alt))  # each grid is drawn once
        here = mismatches[(mismatches["municipality"] == m) & (mismatches["topic"] == t)]
        if here.empty:
            notes.value = note_html(f"In {m} ({t}) the summary and the case text agree on every cell.")
        else:
            items = "".join(
                f"<li><b>{esc(r.perspective)} in {esc(r.element)}</b> ({esc(ELEMENT_EN[r.element])}): "
                f"summary says {'present' if r.present_summary == 1 else 'absent'}, text says "
                f"{'present' if r.present_text == 1 else 'absent'}. <i>{esc(r.note)}</i></li>"
                for r in here.itertuples())
            notes.value = f"<b>Summary and text disagree here:</b><ul>{items}</ul>"

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
        return f"<details><summary>Codebook for {esc(element)} (Bijlage E)</summary><ul>{items}</ul></details>"

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
                      f"{esc(row['element'])} ({esc(ELEMENT_EN[row['element']])})</p>"
                      f"<blockquote>{esc(row['statement'])}</blockquote>{cues(row['element'])}")
        done = [i for i in ids if i in state["codes"]]
        mine = [state["codes"][i] for i in done]
        author = [rows.loc[i, "author_code"] for i in done]
        head = f"<p>Coded {len(done)} of {len(ids)} statements.</p>"
        if len(done) < 2:
            score.value = head + note_html("Code at least two statements to see your agreement with the author.")
        else:
            agree = sum(a == b for a, b in zip(mine, author))
            line = f"<p><b>Agreement with the author:</b> {agree} of {len(done)} ({100 * agree / len(done):.0f}%)"
            try:
                summary = agreement_summary(mine, author, categories=PERSPECTIVES)
                line += f", Cohen's kappa {summary['kappa']:.2f} ({esc(summary['label'])})</p>"
            except ValueError as problem:
                line += f".</p>{note_html(str(problem))}"
            score.value = head + line
        if reveal.value and done:
            table = agreement_table(mine, author, categories=PERSPECTIVES, names=("you", "author"))
            own = state["codes"].get(sid)
            section = (f"§{7 + CASE_MUNICIPALITIES.index(row['municipality'])}.{2 + TOPICS.index(row['topic'])}."
                       f"{1 + ELEMENTS.index(row['element'])}")  # ch. 7-11, x.2/x.3 topic, x.y.1-4 element
            this = (f"<p>The author codes {esc(sid)} as {_badge(row['author_code'])} "
                    f"(Nijdam, c. 2020, {section}).</p>")
            if isinstance(row.get("note"), str) and row["note"]:
                this += f"<p><i>Note: {esc(row['note'])}</i></p>"
            if own is None:
                this = f"<p>Code {esc(sid)} first to see the author's code for it.</p>"
            detail.value = this + table_html(table, "Rows: your codes; columns: the author's.")
        elif reveal.value:
            detail.value = note_html("Nothing coded yet.")
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
    level = widgets.ToggleButtons(options=[("approach to the topic", "topic"), ("application of the law", "law")],
                                  value="topic", description=_("Level:"))
    movement = widgets.RadioButtons(options=[("meebewegen (moving along)", "meebewegen"),
                                             ("tegenbewegen (moving against)", "tegenbewegen")],
                                    value="meebewegen", description=_("Context:"))
    strategy = widgets.RadioButtons(options=[("doelgericht (goal-directed)", "doelgericht"),
                                             ("doelzoekend (goal-seeking)", "doelzoekend")],
                                    value="doelgericht", description=_("Strategy:"))
    cell = widgets.HTML()
    outputs = {**figure_outputs(), "cell": cell}

    def update(ex: Explorer) -> None:
        placed = place_cases(verdicts, level.value)
        counts = placed["option"].value_counts()
        which = "approach to the topic" if level.value == "topic" else "application of the law"
        alt = (f"Two-by-two board of the analysis model by the {which}: "
               + ", ".join(f"{o} has {int(counts.get(o, 0))} case(s)" for o in ("1.1", "1.2", "2.1", "2.2"))
               + ".")
        ex.show_figure(level.value, lambda: (plot_model_board(verdicts, level.value), alt))
        code, name, expect = OPTIONS[(movement.value, strategy.value)]
        here = placed[(placed["movement"] == movement.value) & (placed["strategy"] == strategy.value)]
        head = (f"<p><b>{esc(code)} {esc(name)}</b>: the model expects {esc(expect)}. "
                f"Cases in this cell: {len(here)} of {len(placed)}.</p>")
        if here.empty:
            cell.value = head + note_html("No case lands in this cell at this level.")
            return
        show = here.merge(verdicts[["municipality", "topic", "strategy_note"]], on=["municipality", "topic"])
        show = show.assign(fits=show["fits_rule"].map({True: "yes", False: "no"}),
                           strategy_note=show["strategy_note"].fillna(""))
        show = show.rename(columns={"fits": "fits footnote 44 (course's check)"})
        cell.value = head + table_html(show[["municipality", "topic", "dominant", "fits footnote 44 (course's check)",
                                             "strategy_note"]], index=False)

    controls = {"level": level, "movement": movement, "strategy": strategy}
    layout = [level, widgets.HBox([movement, strategy]), cell, outputs["image"], outputs["caption"]]
    return Explorer(controls, outputs, update, title=_("The analysis model board"), layout_children=layout)
