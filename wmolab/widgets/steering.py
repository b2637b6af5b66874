"""Explorers of lesson 03: classify vignettes, score a policy text, explore the 49 plans.

- :func:`explore_vignettes`   classify the source's vignettes and get feedback along the quadrant's axes;
- :func:`explore_keywords`    type Dutch policy text, see the matched signal words, the four shares and
                              how they move when one matching choice is flipped (typed text is escaped);
- :func:`explore_plans`       one municipality's profile, the group means, or the quadrant;
- :func:`explore_case_selection`  who would be selected when municipalities decline.

The HTML builders (:func:`highlight_html`, :func:`shares_html`, :func:`toggle_effects_html`) are
plain functions so the tests can call them directly.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import steering as st
from ..html import STATUS
from ..i18n import N_, _
from ..plots import PERSPECTIVE_STYLE
from ._base import Explorer, caption_html, esc, figure_outputs, note_html, status_html, table_html

__all__ = ["explore_vignettes", "explore_keywords", "explore_plans", "explore_case_selection",
           "plan_profile_html", "highlight_html", "shares_html", "toggle_effects_html", "MAX_CHARS"]

#: The classifier scores at most this many characters (a long paste is cut, with a note).
MAX_CHARS = 20_000


# --------------------------------------------------------------------------- vignettes
def _vignette_label(row: pd.Series) -> str:
    if row["set"] == "municipality_types":
        return _("Municipality {n} (§3.4.2)").format(n=row["vignette_id"][1:])
    return f"Gemeente {row['gemeente']} · {str(row['element']).capitalize()} (§5.3.3)"


def explore_vignettes(vignettes: pd.DataFrame) -> Explorer:
    """Pick a vignette, read it, choose a perspective; feedback says whether the author agrees
    and, if not, which axis of the quadrant to rethink. Keeps a tally of this session."""
    if not {"vignette_id", "set", "element", "text", "answer"} <= set(vignettes.columns):
        raise ValueError("explore_vignettes needs load('steering_vignettes').")
    rows = vignettes.set_index("vignette_id", drop=False)
    pick = widgets.Dropdown(options=[(_vignette_label(r), vid) for vid, r in rows.iterrows()],
                            description=_("Vignette:"), layout=widgets.Layout(width="420px"))
    choice = widgets.RadioButtons(options=[(_("(choose)"), "-")]
                                  + [(f"{p} · {st.LABELS[p]}", p) for p in st.PERSPECTIVES],
                                  value="-", description=_("Your answer:"))
    text = widgets.HTML()
    feedback = widgets.HTML()
    tally = widgets.HTML()
    given: dict[str, str] = {}
    state = {"shown": None}

    def update(ex: Explorer) -> None:
        vid = pick.value
        row = rows.loc[vid]
        if state["shown"] != vid:  # a new vignette: restore the student's earlier answer, if any
            state["shown"] = vid
            previous = given.get(vid, "-")
            if choice.value != previous:
                choice.value = previous  # triggers one more refresh, which lands below
                return
        if choice.value != "-":
            given[vid] = choice.value
        where = (_("the whole municipality") if row["element"] == "whole"
                 else _("the element <b>{element}</b> of Gemeente {gemeente}").format(
                     element=esc(str(row["element"]).capitalize()), gemeente=esc(row["gemeente"])))
        about = _("About {where}. Paraphrased from Nijdam (c. 2020), {section}.").format(
            where=where, section="§3.4.2" if row["set"] == "municipality_types" else "§5.3.3")
        text.value = ('<div class="wmolab-vignette" style="border-left:4px solid #949494;padding:4px 10px">'
                      f"<p><i>{about}</i></p><p>{esc(row['text'])}</p></div>")
        status, message = st.vignette_feedback(row["answer"], choice.value)
        feedback.value = status_html(status, f"<b>{STATUS[status]['mark']}</b> {esc(message)}",
                                     classes=f"wmolab-feedback wmolab-{status}")
        right = sum(rows.loc[v, "answer"] == a for v, a in given.items())
        tally.value = note_html(_("This session: {right} of {given} answered vignettes agree with the author "
                                  "({total} vignettes in all).").format(right=right, given=len(given), total=len(rows)))

    controls = {"vignette": pick, "answer": choice}
    outputs = {"text": text, "feedback": feedback, "tally": tally}
    layout = [pick, text, choice, feedback, tally]
    return Explorer(controls, outputs, update, title=_("Which steering perspective is this?"), layout_children=layout)


# --------------------------------------------------------------------------- keyword classifier
def highlight_html(text: str, score: st.TextScore) -> str:
    """The text, HTML-escaped, with every counted word marked (tint, underline and the
    perspective's code as a label, so colour is never the only cue)."""
    parts: list[str] = []
    pos = 0
    signal_word = esc(_("signal word"))
    for m in score.matches:
        parts.append(esc(text[pos:m.start]))
        style = PERSPECTIVE_STYLE[m.perspective]
        parts.append(
            f'<mark class="wmolab-hit wmolab-{m.perspective.lower()}" '
            f'title="{esc(m.perspective)}: {signal_word} {esc(m.signal_word)}" '
            f'style="background:{style["tint"]};border-bottom:2px solid {style["color"]};padding:0 1px">'
            f"{esc(m.token)}<sub><b>{esc(m.perspective)}</b></sub></mark>"
        )
        pos = m.end
    parts.append(esc(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="wmolab-highlight" style="line-height:1.8;max-height:18em;overflow:auto">{body}</div>'


def shares_html(score: st.TextScore) -> str:
    """A small table: hits and share per perspective with a bar, and the dominant perspective."""
    if score.shares is None:
        return note_html(score.message)
    rows = []
    for p in st.PERSPECTIVES:
        style = PERSPECTIVE_STYLE[p]
        share = score.shares[p]
        rows.append(
            f"<tr><td><b>{p}</b></td><td>{esc(st.LABELS[p])}</td><td style='text-align:right'>{score.counts[p]}</td>"
            f"<td style='text-align:right'>{share:.1f}%</td><td style='width:180px'>"
            f"<div style='background:{style['color']};width:{share:.1f}%;height:10px' "
            f"aria-hidden='true'></div></td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in (_("code"), _("perspective"), _("hits"), _("share"), ""))
    found = _("{total} signal words in {words} words; dominant: <b>{dominant}</b>.").format(
        total=score.total, words=score.n_words, dominant=esc(score.dominant))
    matching = _("Matching: {how}.").format(how=esc(score.options.describe()))
    return (f"<table class='wmolab-shares'><tr>{head}</tr>" + "".join(rows)
            + f"</table><p>{found} <i>{matching}</i></p>")


_FLIPS = {
    "mode": lambda o: {"mode": "prefix" if o.mode == "whole" else "whole"},
    "case_fold": lambda o: {"case_fold": not o.case_fold},
    "compounds": lambda o: {"compounds": not o.compounds},
    "fold_accents": lambda o: {"fold_accents": not o.fold_accents},
}


_FLIP_LABELS = {  # (when the choice is on, when it is off)
    "case_fold": (N_("switch case folding off"), N_("switch case folding on")),
    "compounds": (N_("switch compound counting off"), N_("switch compound counting on")),
    "fold_accents": (N_("switch accent folding off"), N_("switch accent folding on")),
}


def _flip_label(name: str, options: st.MatchOptions) -> str:
    """What flipping one choice does, said from the current setting (e.g. 'switch to prefix matching')."""
    if name == "mode":
        return _("switch to prefix matching") if options.mode == "whole" else _("switch to whole-word matching")
    on = getattr(options, name)
    return _(_FLIP_LABELS[name][0 if on else 1])


def toggle_effects_html(text: str, words: Any, options: st.MatchOptions) -> str:
    """What happens to hits and shares if each matching choice alone is flipped."""
    base = st.score_text(text, words, options)
    head = "".join(f"<th>{p}</th>" for p in st.PERSPECTIVES)
    rows = [_effect_row(_("as set now"), base, base)]
    for name, flip in _FLIPS.items():
        other = st.score_text(text, words, options, **flip(options))
        rows.append(_effect_row(_flip_label(name, options), other, base))
    first = "".join(f"<th>{h}</th>" for h in (_("matching"), _("hits")))
    return ("<table class='wmolab-effects'><tr>" + first + head + "<th>" + _("dominant") + "</th></tr>"
            + "".join(rows) + "</table>")


def _effect_row(label: str, score: st.TextScore, base: st.TextScore) -> str:
    cells = []
    for p in st.PERSPECTIVES:
        if score.shares is None:
            cells.append("<td>–</td>")
            continue
        value = score.shares[p]
        delta = "" if base.shares is None or score is base else f" ({value - base.shares[p]:+.1f})"
        cells.append(f"<td style='text-align:right'>{value:.1f}{delta}</td>")
    dhits = "" if score is base else f" ({score.total - base.total:+d})"
    return (f"<tr><td>{esc(label)}</td><td style='text-align:right'>{score.total}{dhits}</td>" + "".join(cells)
            + f"<td>{esc(score.dominant or '–')}</td></tr>")


def explore_keywords(words: pd.DataFrame, texts: pd.DataFrame | None = None) -> Explorer:
    """The signal-word classifier: pick a course text or type your own Dutch text; see the
    counted words highlighted, the four shares, the dominant perspective, and how the shares
    move when one matching choice is flipped."""
    st.signal_word_lists(words)  # validates the word table early, with a clear message
    samples: dict[str, str] = {}
    if texts is not None:
        samples = {str(r["title"]): str(r["text"]) for _, r in texts.iterrows()}
    own = _("✎ my own text")
    source = widgets.Dropdown(options=list(samples) + [own], value=(next(iter(samples)) if samples else own),
                              description=_("Text:"), layout=widgets.Layout(width="420px"))
    box = widgets.Textarea(value=samples.get(source.value, ""),
                           placeholder="Typ of plak hier een Nederlandse beleidstekst …",
                           layout=widgets.Layout(width="100%", height="110px"), continuous_update=False)
    mode = widgets.ToggleButtons(options=[(_("whole word"), "whole"), (_("prefix"), "prefix")], value="whole",
                                 description=_("Match:"))
    case_fold = widgets.Checkbox(value=True, description=_("ignore upper/lower case"))
    compounds = widgets.Checkbox(value=False, description=_("count compounds (buurt·wijkteam)"))
    accents = widgets.Checkbox(value=True, description=_("ignore accents (efficient = efficiënt)"))
    highlighted = widgets.HTML()
    shares = widgets.HTML()
    effects = widgets.HTML()
    state = {"source": source.value}

    def update(ex: Explorer) -> None:
        if source.value != state["source"]:
            state["source"] = source.value
            if source.value in samples and box.value != samples[source.value]:
                box.value = samples[source.value]  # triggers the refresh that shows it
                return
        text = box.value or ""
        if not text.strip():
            highlighted.value = note_html(_("The text box is empty: pick a text above or type some Dutch policy text."))
            shares.value = ""
            effects.value = ""
            return
        note = ""
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS]
            note = note_html(_("Only the first {n} characters are scored.").format(n=f"{MAX_CHARS:,}"))
        options = st.MatchOptions(mode.value, case_fold.value, compounds.value, accents.value)
        score = st.score_text(text, words, options)
        highlighted.value = note + highlight_html(text, score)
        shares.value = shares_html(score)
        effects.value = ("<p>" + _("<b>What if you flip one choice?</b> Shares in %, change against the current "
                                   "setting in brackets.") + "</p>" + toggle_effects_html(text, words, options))

    controls = {"text": source, "input": box, "mode": mode, "case_fold": case_fold,
                "compounds": compounds, "fold_accents": accents}
    outputs = {"highlighted": highlighted, "shares": shares, "effects": effects}
    layout = [source, box, mode, widgets.HBox([case_fold, compounds, accents]), highlighted, shares, effects]
    return Explorer(controls, outputs, update, title=_("Signal-word classifier (Bijlage C)"), layout_children=layout)


# --------------------------------------------------------------------------- the 49 plans
_VIEWS = [(N_("a municipality's profile"), "profile"), (N_("group means by size class"), "size_class"),
          (N_("group means by region"), "region"), (N_("the quadrant (course's projection)"), "quadrant")]
_BY = {"size_class": N_("size class"), "region": N_("region")}


def _one_decimal(value: float) -> str:
    return f"{value:.1f}"


def plan_profile_html(plans: pd.DataFrame, gemeente: str) -> str:
    """One municipality against the average of 49 as an HTML bar chart: per perspective a coloured,
    labelled bar for the municipality and a grey one for the average (numbers written out)."""
    prof = st.profile(plans, gemeente)
    rows = []
    for i, p in enumerate(st.PERSPECTIVES):
        own, avg = float(prof.iloc[i, 0]), float(prof.iloc[i, 1])
        colour = PERSPECTIVE_STYLE[p]["color"]
        average = _("{avg}% average of 49").format(avg=f"{avg:.1f}")
        rows.append(
            f"<tr><td rowspan='2' style='vertical-align:middle'><b>{p}</b><br><small>{esc(st.LABELS[p])}</small></td>"
            f"<td style='width:320px'><div style='background:{colour};width:{own:.1f}%;height:14px;"
            f"display:inline-block' aria-hidden='true'></div> <b>{own:.1f}%</b> {esc(gemeente)}</td></tr>"
            f"<tr><td><div style='background:#bbbbbb;width:{avg:.1f}%;height:8px;display:inline-block' "
            f"aria-hidden='true'></div> <small>{average}</small></td></tr>"
        )
    return "<table class='wmolab-profile'>" + "".join(rows) + "</table>"


def explore_plans(plans: pd.DataFrame, published: pd.DataFrame | None = None) -> Explorer:
    """The 49 plans three ways: one municipality against the average, the group means (with the
    published values as ticks when ``published`` is given), or where a municipality lies in the
    quadrant. Figures are drawn once per view and cached, so changing the municipality is quick."""
    st.plan_shares(plans)  # validates early
    names = sorted(plans["gemeente"].astype(str), key=lambda g: g.lstrip("'").lower())
    view = widgets.Dropdown(options=[(_(label), v) for label, v in _VIEWS], value="profile", description=_("Show:"),
                            layout=widgets.Layout(width="380px"))
    gemeente = widgets.Dropdown(options=names, value="Den Haag" if "Den Haag" in names else names[0],
                                description=_("Gemeente:"))
    chart = widgets.HTML()
    table = widgets.HTML()
    outputs = {"chart": chart, **figure_outputs(), "table": table}
    dom = st.dominant(plans)
    dist = st.distance_to_average(plans)
    coords = st.quadrant_coordinates(plans)
    ranks = {p: plans.set_index("gemeente")[st.SHARE_COLUMNS[p]].rank(ascending=False, method="min").astype(int)
             for p in st.PERSPECTIVES}
    cases = ["Haarlemmermeer", "Zwolle", "Oss", "Utrecht", "Den Haag"]

    def draw(v: str) -> tuple:
        if v == "quadrant":
            fig = st.plot_quadrant(plans, highlight=[c for c in cases if c in coords.index])
            society = int((coords["x"] > 0).sum())
            return fig, _("The 49 plans in the quadrant (the course's own projection), shaped by dominant "
                          "perspective: {society} of 49 lie on the society side; the five case municipalities "
                          "are labelled.").format(society=society)
        pub = published[published["grouping"] == v] if published is not None else None
        means = st.group_means(plans, v)
        alt = _("Mean share per perspective by {by}: SR is highest in {n} of {total} groups").format(
            by=_(_BY.get(v, v)), n=int((means[list(st.PERSPECTIVES)].idxmax(axis=1) == "SR").sum()), total=len(means))
        return st.plot_group_means(plans, v, pub), alt + (
            _("; black ticks show the published means, within about 0.1 of the bars.") if pub is not None else ".")

    def update(ex: Explorer) -> None:
        v, g = view.value, gemeente.value
        gemeente.disabled = v not in ("profile", "quadrant")
        if v == "profile":
            chart.value = plan_profile_html(plans, g)
            chart.layout.display = None
            ex.hide_figure()
            shares = ", ".join(f"{p} {plans.loc[plans['gemeente'] == g, st.SHARE_COLUMNS[p]].iloc[0]:.1f}%"
                               for p in st.PERSPECTIVES)
            ex.outputs["caption"].value = caption_html(
                _("{g}: {shares}, against the average of 49; dominant perspective {dom}.").format(
                    g=g, shares=shares, dom=dom[g]))
            info = pd.DataFrame({_("rank of 49 (1 = highest)"): {p: int(ranks[p][g]) for p in st.PERSPECTIVES}})
            distance = _("Distance to the average profile: {d} points (rank {rank} of 49, 1 = closest).").format(
                d=f"{dist.loc[g, 'distance']:.1f}", rank=int(dist.loc[g, "rank"]))
            table.value = table_html(info.T, distance, float_format=_one_decimal)
            return
        chart.value = ""
        chart.layout.display = "none"
        ex.show_figure(v, lambda: draw(v))
        if v == "quadrant":
            table.value = note_html(
                _("{g} lies at x = {x}, y = {y}: {quadrant}; dominant perspective {dom}.").format(
                    g=g, x=f"{coords.loc[g, 'x']:.1f}", y=f"{coords.loc[g, 'y']:.1f}",
                    quadrant=coords.loc[g, "quadrant"], dom=dom[g])
            ) + table_html(st.quadrant_counts(plans).to_frame(), _("Plans per quadrant."), float_format=_one_decimal)
        else:
            table.value = table_html(st.group_means(plans, v), _("Unweighted means of the plan shares, "
                                     "recomputed from Bijlage G."), float_format=_one_decimal)

    controls = {"view": view, "gemeente": gemeente}
    layout = [widgets.HBox([view, gemeente]), chart, outputs["image"], outputs["caption"], table]
    return Explorer(controls, outputs, update, title=_("The 49 plans"), layout_children=layout)


# --------------------------------------------------------------------------- case selection
def explore_case_selection(plans: pd.DataFrame) -> Explorer:
    """Apply the selection rule with and without the municipalities that declined, and with
    another measure of 'average'."""
    st.plan_shares(plans)
    metric = widgets.RadioButtons(options=[(_("straight-line distance (Euclidean)"), "euclidean"),
                                           (_("sum of differences (Manhattan)"), "manhattan"),
                                           (_("largest single difference (max)"), "max")],
                                  value="euclidean", description=_("'Average' ="))
    boxes = {g: widgets.Checkbox(value=False, description=f"{g} {_(why)}")
             for g, why in (("Helmond", N_("declines (NPG #1)")), ("Arnhem", N_("does not respond (NPG #2)")),
                            ("Deventer", N_("does not respond (SR #1)")))}
    table = widgets.HTML()
    closest = widgets.HTML()

    def update(ex: Explorer) -> None:
        gone = [g for g, box in boxes.items() if box.value]
        sel = st.case_selection(plans, gone, metric.value)
        sel = sel.rename(columns={"score": _("share % / distance"), "rank": _("rank on that measure")})
        table.value = table_html(sel, _("Unavailable: {who}.").format(who=", ".join(gone) if gone else _("nobody")),
                                 float_format=_one_decimal)
        dist = st.distance_to_average(plans, metric.value)
        top = dist.head(5)
        haag = dist.loc["Den Haag"] if "Den Haag" in dist.index else None
        closest.value = table_html(top, _("The five profiles closest to the average on this measure."),
                                   float_format=_one_decimal) + (
            note_html(_("Den Haag, the author's 'average' case: distance {d}, rank {rank} of 49.").format(
                d=f"{haag['distance']:.1f}", rank=int(haag["rank"]))) if haag is not None else "")

    controls = {"metric": metric, **{f"drop_{g.lower()}": b for g, b in boxes.items()}}
    outputs = {"selection": table, "closest": closest}
    layout = [metric, widgets.VBox(list(boxes.values())), table, closest]
    return Explorer(controls, outputs, update, title=_("Case selection (§6.5)"), layout_children=layout)
