"""Explorers of lesson 06 (client voice): the voice-profile explorer and "score your own municipality".

The HTML each explorer shows is built by pure functions here (:func:`voice_profile_html`,
:func:`own_result_html`) that tests call directly; the explorers only wire controls to them.
"""
from __future__ import annotations

import math
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import voice
from ..i18n import _
from ._base import Explorer, esc, note_html

__all__ = ["explore_voice_profiles", "explore_own_municipality", "explore_haarlemmermeer", "voice_profile_html",
           "own_result_html", "detective_html", "AS_PRINTED"]

_CODE_TEXT = {"?": "? could not judge", "nvt": "nvt not applicable"}
_TABLE = 'style="border-collapse:collapse;font-size:12px"'
_CELL = 'style="padding:2px 8px;border-bottom:1px solid #ddd;text-align:left"'


def _bar(value: float, code: str, treatment: str) -> str:
    """A score as a text bar (the length carries the value; the number is written too)."""
    if code != "score" and treatment != "zero":
        return f"<i>{esc(_CODE_TEXT[code])}</i>"
    if code != "score":
        return f"<span style='font-family:monospace'>·</span> 0 <i>(was {esc(code)})</i>"
    blocks = "█" * int(value)
    return f"<span style='font-family:monospace;color:#0173b2'>{blocks}</span> {value:g}"


def _columns(municipality: str, role: str) -> list[tuple[str, str, str]]:
    """(column, municipality_id, role) in printed order for a selection."""
    munis = list(voice.MUNICIPALITIES) if municipality == "all" else [municipality]
    roles = list(voice.ROLES) if role == "both" else [role]
    out = []
    for col in voice.SCORE_COLUMNS:
        mun = col.split("_", 1)[1]
        r = "policy_officer" if col.startswith(("r1_", "r1r2")) else "client"
        if mun in munis and r in roles:
            out.append((col, mun, r))
    return out


def voice_profile_html(long: pd.DataFrame, municipality: str = "all", role: str = "both", form: str = "all",
                 treatment: str = "category") -> str:
    """The answers for a selection as an HTML table with text bars, plus means and, for one
    municipality with both roles, the correlation under the chosen treatment."""
    if municipality != "all":
        voice.check_municipality(municipality)
    if role not in ("both", *voice.ROLES):
        raise ValueError(f"role should be 'both' or one of {list(voice.ROLES)}.")
    if form not in ("all", *voice.FORMS):
        raise ValueError(f"form should be 'all' or one of {list(voice.FORMS)}.")
    treated = voice.treat_missing(long, treatment)
    if form != "all":
        treated = treated[treated[form]]
    cols = _columns(municipality, role)
    if treated.empty or not cols:
        return note_html("Nothing to show for this selection.")
    values = dict(zip(zip(treated["item_no"], treated["column"]), zip(treated["value"], treated["code"])))
    items = treated.drop_duplicates("item_no")[["item_no", "instrument"]].itertuples(index=False)
    head = "".join(
        f"<th {_CELL}>{esc(voice.MUNICIPALITIES[m].replace(' a/d Rijn', ''))}<br>{esc(voice.ROLES[r].lower())}</th>"
        for _c, m, r in cols)
    rows = []
    for item_no, instrument in items:
        tds = "".join(
            f"<td {_CELL}>{_bar(*values[(item_no, c)], treatment)}</td>"
            for c, _m, _r in cols)
        rows.append(f"<tr><td {_CELL}>{esc(instrument)}</td>{tds}</tr>")
    summary_cells = []
    for c, _m, _r in cols:
        part = treated[treated["column"] == c]
        mean = part["value"].mean()
        nq, nn = int((part["code"] == "?").sum()), int((part["code"] == "nvt").sum())
        text = "no scores" if math.isnan(mean) else f"mean {mean:.2f}"
        codes = f" · ? {nq} · nvt {nn}" if (nq or nn) else ""
        summary_cells.append(f"<td {_CELL}><b>{text}</b>{codes}</td>")
    rows.append(f"<tr><td {_CELL}><b>Summary ({len(part)} items)</b></td>{''.join(summary_cells)}</tr>")
    form_label = "all instruments" if form == "all" else voice.FORMS[form].lower()
    title = (f"<p><b>{esc('All five municipalities' if municipality == 'all' else voice.MUNICIPALITIES[municipality])}"
             f"</b>, {esc(form_label)}; missing codes {esc(voice.TREATMENTS[treatment])}.</p>")
    extra = ""
    if municipality != "all" and role == "both":
        table = voice.pair_table(long, municipality, treatment)
        if form != "all":
            keep = long.loc[long[form], "item_no"].unique()
            table = table[table["item_no"].isin(keep)]
        try:
            r, n = voice.pearson_pairwise(table["policy_officer"], table["client"],
                                          label=voice.MUNICIPALITIES[municipality])
            extra = (f"<p>Correlation between policy officer and client over these items: "
                     f"<b>r = {r:.4f}</b> (n = {n} complete pairs).</p>")
        except ValueError as exc:
            extra = note_html(str(exc))
    return (title + f"<table {_TABLE}><thead><tr><th {_CELL}>Instrument</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>" + extra)


def explore_voice_profiles(long: pd.DataFrame) -> Explorer:
    """Voice-profile explorer: municipality, role, form of voice and missing-code treatment."""
    municipality = widgets.Dropdown(options=[(v, k) for k, v in voice.MUNICIPALITIES.items()]
                                    + [("all five", "all")], value="haarlemmermeer", description=_("Municipality:"))
    role = widgets.ToggleButtons(options=[("both", "both"), ("policy officer", "policy_officer"),
                                          ("client", "client")], value="both", description=_("Role:"))
    form = widgets.Dropdown(options=[("all instruments", "all")] + [(v, k) for k, v in voice.FORMS.items()],
                            value="all", description=_("Form of voice:"),
                            style={"description_width": "initial"})
    treatment = widgets.RadioButtons(options=[(v, k) for k, v in voice.TREATMENTS.items()], value="category",
                                     description=_("? and nvt:"), layout=widgets.Layout(width="auto"))
    table = widgets.HTML()

    def update(ex: Explorer) -> None:
        table.value = voice_profile_html(long, municipality.value, role.value, form.value, treatment.value)

    controls = {"municipality": municipality, "role": role, "form": form, "treatment": treatment}
    layout = [widgets.HBox([municipality, form]), role, treatment, table]
    return Explorer(controls, {"table": table}, update, title=_("Voice-profile explorer"), layout_children=layout)


# --------------------------------------------------------------------------- your own municipality
def own_result_html(own: pd.DataFrame, long: pd.DataFrame, role: str, models: pd.DataFrame) -> str:
    """Your profile beside the five cases (same role), the closest case and its model."""
    header = f"<p><b>Your profile, scored as a {esc(voice.ROLES[role].lower())}</b></p>"
    mine = own.set_index("item_no")
    cases = {m: long[(long["municipality_id"] == m) & (long["role"] == role)].set_index("item_no")
             for m in voice.MUNICIPALITIES}
    head = "".join(f"<th {_CELL}>{esc(v.replace(' a/d Rijn', ''))}</th>" for v in voice.MUNICIPALITIES.values())
    rows = []
    for item_no, row in mine.iterrows():
        you = "don't know" if row["code"] != "score" else f"<b>{row['score']:g}</b>"
        theirs = "".join(
            f"<td {_CELL}>{esc(cases[m].loc[item_no, 'printed'])}</td>" for m in voice.MUNICIPALITIES)
        rows.append(f"<tr><td {_CELL}>{esc(row['instrument'])}</td><td {_CELL}>{you}</td>{theirs}</tr>")
    table = (f"<table {_TABLE}><thead><tr><th {_CELL}>Instrument</th><th {_CELL}>You</th>{head}</tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    try:
        ranking = voice.compare_own(own, long, role, models)
    except ValueError as exc:
        return header + note_html(str(exc)) + table
    best = ranking.iloc[0]
    ties = ranking[ranking["mean_abs_difference"] == best["mean_abs_difference"]]
    model = models.set_index("case_municipality_id").loc[best["municipality_id"]]
    closest = " and ".join(esc(m) for m in ties["municipality"])
    listing = "".join(
        f"<li>{esc(r.municipality)} ({esc(r.model)}): mean absolute difference {r.mean_abs_difference:.2f} "
        f"over {r.n_items} items</li>" for r in ranking.itertuples())
    verdict = (f"<p>Your profile is closest to <b>{closest}</b>"
               + (f", the case of the <b>{esc(model['model_nl'])}</b>" if len(ties) == 1 else " (a tie)")
               + ". " + (f"The thesis expected {esc(model['t1_conclusion'].lower())} client voice under that model "
                         f"(Tabel 1) and concluded {esc(model['t3_conclusion_found'].lower())} (Tabel 3). "
                         if len(ties) == 1 else "")
               + "Resembling a case's answers is not the same as working under its model: it is a prompt "
               "for discussion, not a classification.</p>")
    return header + verdict + f"<ol>{listing}</ol>" + table


def explore_own_municipality(long: pd.DataFrame, instruments: pd.DataFrame, models: pd.DataFrame,
                             export_dir: str | Path = ".") -> Explorer:
    """Score your own municipality on the 13 instruments ("don't know" allowed), compare with
    the five cases from the same role's view, and save the profile as a small CSV file."""
    role = widgets.ToggleButtons(options=[("as a policy officer", "policy_officer"), ("as a client", "client")],
                                 value="client", description=_("I score:"))
    options = [voice.DONT_KNOW, 1, 2, 3, 4, 5, 6, 7]
    sliders = {}
    for iid, label in zip(instruments["instrument_id"].astype(str), instruments["label_en"].astype(str)):
        # a labelled drop-down per instrument, not a slider: a slider's handle has no accessible name
        sliders[iid] = widgets.Dropdown(options=options, value=voice.DONT_KNOW, description=label,
                                        style={"description_width": "240px"},
                                        layout=widgets.Layout(width="420px"))
    label = widgets.Text(value="", placeholder=_("optional, e.g. a group name (no personal data)"),
                         description=_("Label:"))
    save = widgets.Button(description=_("Save my profile"), icon="download")
    result = widgets.HTML()
    saved = widgets.HTML()

    def answers() -> dict:
        return {iid: s.value for iid, s in sliders.items()}

    def update(ex: Explorer) -> None:
        own = voice.own_profile(answers(), instruments)
        result.value = own_result_html(own, long, role.value, models)
        saved.value = ""

    profile_id = voice.new_profile_id()  # one id per explorer: saving again replaces the file, never adds one

    def on_save(_button=None) -> None:
        own = voice.own_profile(answers(), instruments)
        text = voice.own_profile_csv(own, role.value, label.value, profile_id)
        try:
            path = voice.save_profile(own, role.value, label.value, export_dir, profile_id)
        except OSError as exc:
            saved.value = note_html(f"Could not save the file ({type(exc).__name__}); copy the text below instead.")
        else:
            saved.value = note_html(f"Saved as {path.name} next to this notebook (a random code, no name): hand it "
                                    "in the way your instructor asks. Saving again replaces it.")
        saved.value += f"<pre style='font-size:11px'>{esc(text)}</pre>"

    save.on_click(on_save)
    controls = {"role": role, **{f"item_{iid}": s for iid, s in sliders.items()}, "label": label}
    outputs = {"result": result, "saved": saved}
    layout = [role, widgets.VBox(list(sliders.values())), widgets.HBox([label, save]), saved, result]
    explorer = Explorer(controls, outputs, update, title=_("Score your own municipality"), layout_children=layout)
    explorer.save = on_save  # type: ignore[attr-defined]  # for tests and the notebook
    explorer.save_button = save  # type: ignore[attr-defined]
    return explorer


# --------------------------------------------------------------------------- the Haarlemmermeer investigation
AS_PRINTED = "as printed"


def detective_html(long: pd.DataFrame, fills: dict, published_r: float, municipality: str = "haarlemmermeer") -> str:
    """r of one municipality after filling some coded cells, beside the published value."""
    chosen = {k: v for k, v in fills.items() if v != AS_PRINTED}
    filled = voice.fill_cells(long, chosen) if chosen else long
    table = voice.pair_table(filled, municipality)
    label = voice.MUNICIPALITIES[municipality]
    try:
        r, n = voice.pearson_pairwise(table["policy_officer"], table["client"], label=label)
    except ValueError as exc:
        return note_html(str(exc))
    match = round(r, 6) == round(float(published_r), 6)
    verdict = ("<b>This reproduces the published value to six decimals.</b> That shows the published number "
               "<i>could</i> come from data like these, not that it did." if match else
               f"Distance to the published value: {abs(r - published_r):.6f}.")
    filled_text = (", ".join(f"{esc(c)} item {i} → {v}" for (c, i), v in sorted(chosen.items()))
                   if chosen else "none (the table as printed)")
    return (f"<p>{esc(label)}: <b>r = {r:.6f}</b> over n = {n} complete pairs; published: {published_r:.6f}.</p>"
            f"<p>{verdict}</p><p style='font-size:11px'>Cells filled: {filled_text}.</p>")


def explore_haarlemmermeer(long: pd.DataFrame, published: pd.DataFrame) -> Explorer:
    """Fill the coded Haarlemmermeer cells with scores and watch r move towards (or away from)
    the published value."""
    published_r = float(published.set_index("municipality_id").loc["haarlemmermeer", "published_r"])
    coded = long[(long["municipality_id"] == "haarlemmermeer") & (long["code"] != "score")]
    controls = {}
    for row in coded.itertuples():
        who = "policy officer" if row.role == "policy_officer" else "client"
        controls[f"{row.column}_{row.item_no}"] = widgets.Dropdown(
            options=[(f"{row.printed} (as printed)", AS_PRINTED)] + [(str(i), i) for i in range(1, 8)],
            value=AS_PRINTED, description=f"{who}: {row.instrument}",
            style={"description_width": "300px"}, layout=widgets.Layout(width="440px"))
    keys = {name: (row.column, int(row.item_no)) for name, row in zip(controls, coded.itertuples())}
    result = widgets.HTML()

    def update(ex: Explorer) -> None:
        fills = {keys[name]: c.value for name, c in controls.items()}
        result.value = detective_html(long, fills, published_r)

    layout = [widgets.VBox(list(controls.values())), result]
    return Explorer(controls, {"result": result}, update, title=_("Haarlemmermeer investigation"),
                    layout_children=layout)
