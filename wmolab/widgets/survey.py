"""Explorers of lesson 05: rank the values yourself, tariffs, Likert answers and the conflict network."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import survey as sv
from ..classsurvey import DUPLICATE_RANK, ResponseError, ranking_issues, ranking_problems, save_response
from ..html import STATUS
from ..i18n import N_, _, ngettext
from ..sources import reader_locator
from ._base import Explorer, esc, figure_outputs, note_html, status_html

__all__ = ["explore_ranking", "explore_tariff", "explore_importance_attention", "explore_conflict_network",
           "ranking_html", "tariff_html", "TARIFF_PRESETS"]


def _ok(inner: str) -> str:
    """A line that confirms (``inner`` is HTML)."""
    return status_html("correct", f"<b>{STATUS['correct']['mark']}</b> {inner}", classes="wmolab-note")


def _warn(inner: str) -> str:
    """A line that warns (``inner`` is HTML)."""
    return status_html("incorrect", f"<b>⚠</b> {inner}", classes="wmolab-warning", role="alert")


def _labels(values: pd.DataFrame) -> dict[str, str]:
    return dict(zip(values["value_key"], values["label_nl"]))


def _relabel(text: str, labels: dict[str, str]) -> str:
    for key in sorted(labels, key=len, reverse=True):
        text = text.replace(key, labels[key])
    return text


# --------------------------------------------------------------------------- ranking
def ranking_html(ranks: dict[str, Any], professionals: pd.DataFrame, values: pd.DataFrame) -> str:
    """Feedback on a (partial) personal ranking, and once complete, its comparison with both groups.

    ``professionals`` holds the mean ranks (values as rows; columns gemeenten, uitvoeringsorganisatie).
    """
    labels = _labels(values)
    issues = ranking_issues(ranks)
    if issues:
        items = "".join(f"<li>{esc(_relabel(p, labels))}</li>" for _code, p in issues)
        head = _("Your ranking is not complete yet:")
        duplicate = any(code == DUPLICATE_RANK for code, _p in issues)
        shown = _warn(head) if duplicate else f'<div class="wmolab-note">{head}</div>'
        return shown + f"<ul>{items}</ul>"
    mine = pd.Series(ranks, dtype=float)
    rho = {g: sv.spearman(mine, professionals[g]) for g in ("gemeenten", "uitvoeringsorganisatie")}
    rows = "".join(
        f"<tr><td>{esc(labels[v])}</td><td style='text-align:center'><b>{int(ranks[v])}</b></td>"
        f"<td style='text-align:center'>{professionals.loc[v, 'gemeenten']:.2f}</td>"
        f"<td style='text-align:center'>{professionals.loc[v, 'uitvoeringsorganisatie']:.2f}</td></tr>"
        for v in sorted(ranks, key=lambda k: ranks[k]))
    closer = max(rho, key=rho.get)
    head = "".join(f"<th>{h}</th>" for h in (_("value"), _("your rank"), _("municipal staff (mean)"),
                                              _("IQ coaches (mean)")))
    compared = _("Spearman's ρ between your ranking and the municipal staff: <b>{staff}</b>; and the IQ coaches: "
                 "<b>{coaches}</b>. You are closer to the {closer}.").format(
        staff=f"{rho['gemeenten']:.2f}", coaches=f"{rho['uitvoeringsorganisatie']:.2f}",
        closer=_("municipal staff") if closer == "gemeenten" else _("IQ coaches"))
    return (_ok(_("Complete: every rank from 1 to 11 used once."))
            + f"<table><thead><tr>{head}</tr></thead><tbody>" + rows + "</tbody></table>"
            + f"<p>{compared}</p>")


def explore_ranking(rank_counts: pd.DataFrame, values: pd.DataFrame, folder: str | Path = "class_survey") -> Explorer:
    """Rank the 11 values yourself (each rank once), compare with the professionals, save a response file."""
    professionals = sv.mean_ranks(rank_counts)
    labels = _labels(values)
    options = [("–", None)] + [(str(k), k) for k in range(1, 12)]
    dropdowns = {v: widgets.Dropdown(options=options, value=None, description=labels[v],
                                     style={"description_width": "240px"}, layout=widgets.Layout(width="330px"))
                 for v in sv.VALUE_KEYS}
    save = widgets.Button(description=_("Save my anonymous response"), icon="save", disabled=True)
    response_id = secrets.token_hex(8)  # one id per explorer: saving again replaces the file, never adds one
    feedback = widgets.HTML()
    saved = widgets.HTML()

    def current() -> dict[str, Any]:
        return {v: d.value for v, d in dropdowns.items()}

    def update(ex: Explorer) -> None:
        ranks = current()
        feedback.value = ranking_html(ranks, professionals, values)
        save.disabled = bool(ranking_problems(ranks))
        saved.value = ""

    def on_save(_button: Any) -> None:
        try:
            path = save_response(current(), folder, response_id=response_id)
        except (ResponseError, OSError) as exc:
            saved.value = _warn(esc(_("Not saved: {problem}").format(problem=exc)))
            return
        saved.value = _ok(_(
            "Saved as <code>{path}</code>. The file holds your ranks, today's date and a "
            "random id, nothing else. Hand it in the way your instructor asks.").format(
                path=esc(Path(path).as_posix())))

    save.on_click(on_save)
    controls: dict[str, widgets.Widget] = {**dropdowns, "save": save}
    outputs = {"feedback": feedback, "saved": saved}
    grid = widgets.GridBox(list(dropdowns.values()),
                           layout=widgets.Layout(grid_template_columns="repeat(2, 340px)"))
    layout = [widgets.HTML("<i>" + _("Give every value a rank: 1 = most important in your view, 11 = least. "
                                     "Each rank can be used only once.") + "</i>"), grid, feedback, save, saved]
    ex = Explorer(controls, outputs, update, title=_("Rank the 11 values yourself"), layout_children=layout)
    ex.save_folder = Path(folder)
    return ex


# --------------------------------------------------------------------------- tariffs
TARIFF_PRESETS = [
    ("tariff_municipal_low", N_("municipal offer")),
    ("tariff_pgb_recent", N_("recent PGB decision")),
    ("tariff_twente_procurement", N_("Twente procurement (upper bound)")),
    ("tariff_wlz", "WLZ"),
    ("tariff_iq_start", N_("IQ coaches' own starting tariff")),
    ("tariff_uwv_jobcoaching", N_("UWV job coaching")),
    ("tariff_pgb_early", N_("early PGB example")),
]


def tariff_html(tariff: float, cost_price: float, hours: float) -> str:
    """The weekly arithmetic of one coach as an HTML table with a labelled coverage bar."""
    out = sv.tariff_coverage(tariff, cost_price, hours)
    pct = out["coverage_pct"]
    width = min(pct, 150.0) / 1.5
    verdict = (_("the tariff covers the cost price") if pct >= 100 else
               _("each billable hour loses €{loss}, which must come from elsewhere").format(
                   loss=f"{cost_price - tariff:,.0f}"))
    revenue, cost, shortfall = _("revenue per week"), _("cost per week"), _("shortfall per week")
    aria = esc(_("coverage {pct} percent").format(pct=f"{pct:.1f}"))
    coverage = _("Coverage: <b>{pct} %</b> of the cost price (dashed line = 100 %): {verdict}.").format(
        pct=f"{pct:.1f}", verdict=esc(verdict))
    return (
        "<table>"
        f"<tr><td>{revenue}</td><td style='text-align:right'>€{out['revenue_week']:,.0f}</td>"
        f"<td>({hours:g} h × €{tariff:g})</td></tr>"
        f"<tr><td>{cost}</td><td style='text-align:right'>€{out['cost_week']:,.0f}</td>"
        f"<td>({hours:g} h × €{cost_price:g})</td></tr>"
        f"<tr><td>{shortfall}</td><td style='text-align:right'><b>€{out['gap_week']:,.0f}</b></td><td></td></tr>"
        "</table>"
        f"<div style='margin:6px 0;border:1px solid #333;width:300px;height:18px;position:relative' "
        f"role='img' aria-label='{aria}'>"
        f"<div style='background:repeating-linear-gradient(45deg,#0173b2,#0173b2 6px,#56b4e9 6px,#56b4e9 12px);"
        f"width:{width:.1f}%;height:100%'></div>"
        f"<div style='position:absolute;left:{100 / 1.5:.1f}%;top:-3px;height:24px;"
        "border-left:2px dashed #d55e00'></div></div>"
        f"<p>{coverage}</p>")


def explore_tariff(facts: pd.DataFrame) -> Explorer:
    """Tariff calculator: a tariff from the interviews, billable hours and cost price → weekly coverage."""
    f = facts.set_index("fact_id")
    options = []
    for key, label in TARIFF_PRESETS:
        amount = f.loc[key, "value_low"] if pd.notna(f.loc[key, "value_low"]) else f.loc[key, "value_high"]
        where = reader_locator("L" + str(f.loc[key, "source_line"]), "000")  # a line or a range, as a Bijlage
        options.append((f"€{amount:g} · {_(label)} ({where})", float(amount)))
    tariff = widgets.Dropdown(options=options, value=options[0][1], description=_("Tariff:"),
                              layout=widgets.Layout(width="460px"))
    # number boxes with a label, not sliders: a slider's handle has no accessible name for a screen reader
    hours = widgets.BoundedIntText(value=int(f.loc["work_week_billable_hours", "value_low"]), min=10, max=36,
                                   description=_("Billable h/week:"), style={"description_width": "120px"},
                                   layout=widgets.Layout(width="220px"))
    cost = widgets.BoundedIntText(value=int(f.loc["cost_price", "value_low"]), min=40, max=120,
                                  description=_("Cost price €/h:"), style={"description_width": "120px"},
                                  layout=widgets.Layout(width="220px"))
    result = widgets.HTML()

    def update(ex: Explorer) -> None:
        result.value = tariff_html(tariff.value, cost.value, hours.value)

    return Explorer({"tariff": tariff, "hours": hours, "cost": cost}, {"result": result}, update,
                    title=_("Tariff calculator (figures as stated in the interviews)"))


# --------------------------------------------------------------------------- Likert and gaps
_VIEWS = [(N_("Q7 importance"), "Q7"), (N_("Q9 attention"), "Q9"), (N_("Q10 sufficient"), "Q10"),
          (N_("Q11 collides"), "Q11"), (N_("Q7 vs Q9 gap"), "gap")]


def explore_importance_attention(distributions: pd.DataFrame, values: pd.DataFrame) -> Explorer:
    """Pick a group and a question: diverging bars of the answers, or the importance-attention dumbbell."""
    group = widgets.Dropdown(options=[(_("municipal staff"), "gemeenten"), (_("IQ coaches"), "uitvoeringsorganisatie")],
                             value="gemeenten", description=_("Group:"))
    view = widgets.ToggleButtons(options=[(_(label), v) for label, v in _VIEWS], value="Q7", description=_("Show:"))
    table = widgets.HTML()
    outputs = {**figure_outputs(), "table": table}
    labels = dict(zip(values["value_key"], values["short_nl"]))

    def update(ex: Explorer) -> None:
        g, v = group.value, view.value  # each (group, view) always draws the same: drawn once
        table.value = ex.show_figure((g, v), lambda: draw(g, v))

    def draw(g: str, v: str) -> tuple:
        who = _("municipal staff") if g == "gemeenten" else _("IQ coaches")
        if v == "gap":
            gaps = sv.importance_attention(distributions, g)
            fig = sv.plot_dumbbell(gaps, values, title=_("Importance vs attention, {who}").format(who=who))
            top = gaps.index[0]
            more = int((gaps["gap"] < 0).sum())
            alt = ngettext("Dumbbell plot for {who}: the largest gap between importance and attention is {top} "
                           "({gap}); {n} value gets more attention than importance.",
                           "Dumbbell plot for {who}: the largest gap between importance and attention is {top} "
                           "({gap}); {n} values get more attention than importance.", more).format(
                who=who, top=labels[top], gap=f"{gaps['gap'].iloc[0]:+.2f}", n=more)
            rho = sv.spearman(gaps["importance"], gaps["attention"])
            text = "<p>" + _("Spearman's ρ between importance and attention for {who}: <b>{rho}</b>.").format(
                who=esc(who), rho=f"{rho:.2f}") + "</p>"
        else:
            q = v
            fig = sv.plot_likert(distributions, g, q, values)
            means = sv.exact_means(distributions, q)[g].round(2).sort_values(ascending=False)
            question = _(sv.QUESTIONS[q])
            alt = _("Diverging bars of {q} ({question}) for {who}: highest mean {top} ({high}), lowest {bottom} "
                    "({low}).").format(q=q, question=question, who=who, top=labels[means.index[0]],
                                       high=f"{means.iloc[0]:.2f}", bottom=labels[means.index[-1]],
                                       low=f"{means.iloc[-1]:.2f}")
            n = int(distributions.query("group == @g and question == @q")["n"].max())
            text = ("<p>" + _("{q}: {question}; n = {n}. Means, high to low: {means}.").format(
                q=esc(q), question=esc(question), n=n,
                means=", ".join(f"{esc(labels[k])} {m:.2f}" for k, m in means.items())) + "</p>")
        return fig, alt, text

    return Explorer({"group": group, "view": view}, outputs, update,
                    title=_("Likert answers and importance vs attention"),
                    layout_children=[widgets.HBox([group]), view, outputs["image"], outputs["caption"], table])


# --------------------------------------------------------------------------- conflict network
def explore_conflict_network(pairs: pd.DataFrame, values: pd.DataFrame) -> Explorer:
    """The named conflict pairs as a network; pick a group and a value to highlight its pairs."""
    group = widgets.Dropdown(options=[(_("both groups"), "all"), (_("municipal staff"), "gemeenten"),
                                      (_("IQ coaches"), "uitvoeringsorganisatie")], value="all",
                             description=_("Group:"))
    labels = _labels(values)
    highlight = widgets.Dropdown(options=[(_("(none)"), "none")] + [(labels[v], v) for v in sv.VALUE_KEYS],
                                 value="none", description=_("Highlight:"))
    listing = widgets.HTML()
    outputs = {**figure_outputs(), "pairs": listing}

    def draw(g: str | None, h: str | None) -> tuple:
        graph = sv.conflict_graph(pairs, values, group=g)
        deg = sv.degree_table(graph)
        edges = graph.number_of_edges()
        alt = ngettext("Network of {n} named conflict pair; {top} is in the most pairs ({k}). Node shape shows the "
                       "value cluster.", "Network of {n} named conflict pairs; {top} is in the most pairs ({k}). "
                       "Node shape shows the value cluster.", edges).format(
            n=edges, top=labels[deg.index[0]], k=int(deg.iloc[0]))
        return sv.plot_conflict_network(graph, highlight=h), alt

    def update(ex: Explorer) -> None:
        g = None if group.value == "all" else group.value
        h = None if highlight.value == "none" else highlight.value
        ex.show_figure((g, h), lambda: draw(g, h))  # each (group, highlight) always draws the same: drawn once
        sel = pairs if g is None else pairs[pairs["group"] == g]
        if h is not None:
            sel = sel[(sel["value_a"] == h) | (sel["value_b"] == h)]
        if sel.empty:
            listing.value = note_html(_("No respondent named a conflict involving {value} in this group.").format(
                value=labels.get(h, h)))
            return
        rows = "".join(f"<li><b>{esc(labels[a])} – {esc(labels[b])}</b> "
                       f"({esc(r)}, {esc(reader_locator('L' + str(line), '000'))})</li>"
                       for a, b, r, line in zip(sel["value_a"], sel["value_b"], sel["respondent"], sel["source_line"]))
        count = ngettext("{n} pair:", "{n} pairs:", len(sel)).format(n=len(sel))
        listing.value = f"<p>{count}</p><ul>{rows}</ul>"

    return Explorer({"group": group, "highlight": highlight}, outputs, update, title=_("Conflict network"),
                    layout_children=[widgets.HBox([group, highlight]), outputs["image"], outputs["caption"], listing])
