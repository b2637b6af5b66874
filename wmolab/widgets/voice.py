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
from ..i18n import N_, _, ngettext
from ._base import Explorer, esc, note_html

__all__ = ["explore_voice_profiles", "explore_own_municipality", "explore_haarlemmermeer", "voice_profile_html",
           "own_result_html", "detective_html", "AS_PRINTED"]

_CODE_TEXT = {"?": N_("? could not judge"), "nvt": N_("nvt not applicable")}
_TABLE = 'style="border-collapse:collapse;font-size:12px"'
_CELL = 'style="padding:2px 8px;border-bottom:1px solid #ddd;text-align:left"'


def _bar(value: float, code: str, treatment: str) -> str:
    """A score as a text bar (the length carries the value; the number is written too)."""
    if code != "score" and treatment != "zero":
        return f"<i>{esc(_(_CODE_TEXT[code]))}</i>"
    if code != "score":
        was = _("(was {code})").format(code=esc(code))
        return f"<span style='font-family:monospace'>·</span> 0 <i>{was}</i>"
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
        return note_html(_("Nothing to show for this selection."))
    values = dict(zip(zip(treated["item_no"], treated["column"]), zip(treated["value"], treated["code"])))
    items = treated.drop_duplicates("item_no")[["item_no", "instrument"]].itertuples(index=False)
    head = "".join(
        f"<th {_CELL}>{esc(voice.MUNICIPALITIES[m].replace(' a/d Rijn', ''))}<br>{esc(_(voice.ROLES[r]).lower())}</th>"
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
        text = _("no scores") if math.isnan(mean) else _("mean {mean}").format(mean=f"{mean:.2f}")
        codes = f" · ? {nq} · nvt {nn}" if (nq or nn) else ""
        summary_cells.append(f"<td {_CELL}><b>{text}</b>{codes}</td>")
    summary = ngettext("Summary ({n} item)", "Summary ({n} items)", len(part)).format(n=len(part))
    rows.append(f"<tr><td {_CELL}><b>{summary}</b></td>{''.join(summary_cells)}</tr>")
    form_label = _("all instruments") if form == "all" else _(voice.FORMS[form]).lower()
    where = _("All five municipalities") if municipality == "all" else voice.MUNICIPALITIES[municipality]
    title = "<p>" + _("<b>{where}</b>, {form}; missing codes {treatment}.").format(
        where=esc(where), form=esc(form_label), treatment=esc(_(voice.TREATMENTS[treatment]))) + "</p>"
    extra = ""
    if municipality != "all" and role == "both":
        table = voice.pair_table(long, municipality, treatment)
        if form != "all":
            keep = long.loc[long[form], "item_no"].unique()
            table = table[table["item_no"].isin(keep)]
        try:
            r, n = voice.pearson_pairwise(table["policy_officer"], table["client"],
                                          label=voice.MUNICIPALITIES[municipality])
            extra = "<p>" + _("Correlation between policy officer and client over these items: "
                              "<b>r = {r}</b> (n = {n} complete pairs).").format(r=f"{r:.4f}", n=n) + "</p>"
        except ValueError as exc:
            extra = note_html(str(exc))
    return (title + f"<table {_TABLE}><thead><tr><th {_CELL}>{_('Instrument')}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>" + extra)


def explore_voice_profiles(long: pd.DataFrame) -> Explorer:
    """Voice-profile explorer: municipality, role, form of voice and missing-code treatment."""
    municipality = widgets.Dropdown(options=[(v, k) for k, v in voice.MUNICIPALITIES.items()]
                                    + [(_("all five"), "all")], value="haarlemmermeer", description=_("Municipality:"))
    role = widgets.ToggleButtons(options=[(_("both"), "both"), (_("policy officer"), "policy_officer"),
                                          (_("client"), "client")], value="both", description=_("Role:"))
    form = widgets.Dropdown(options=[(_("all instruments"), "all")] + [(_(v), k) for k, v in voice.FORMS.items()],
                            value="all", description=_("Form of voice:"),
                            style={"description_width": "initial"})
    treatment = widgets.RadioButtons(options=[(_(v), k) for k, v in voice.TREATMENTS.items()], value="category",
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
    scored_as = _("Your profile, scored as a {role}").format(role=esc(_(voice.ROLES[role]).lower()))
    header = f"<p><b>{scored_as}</b></p>"
    mine = own.set_index("item_no")
    cases = {m: long[(long["municipality_id"] == m) & (long["role"] == role)].set_index("item_no")
             for m in voice.MUNICIPALITIES}
    head = "".join(f"<th {_CELL}>{esc(v.replace(' a/d Rijn', ''))}</th>" for v in voice.MUNICIPALITIES.values())
    rows = []
    for item_no, row in mine.iterrows():
        you = _("don't know") if row["code"] != "score" else f"<b>{row['score']:g}</b>"
        theirs = "".join(
            f"<td {_CELL}>{esc(cases[m].loc[item_no, 'printed'])}</td>" for m in voice.MUNICIPALITIES)
        rows.append(f"<tr><td {_CELL}>{esc(row['instrument'])}</td><td {_CELL}>{you}</td>{theirs}</tr>")
    table = (f"<table {_TABLE}><thead><tr><th {_CELL}>{_('Instrument')}</th><th {_CELL}>{_('You')}</th>{head}"
             "</tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    try:
        ranking = voice.compare_own(own, long, role, models)
    except ValueError as exc:
        return header + note_html(str(exc)) + table
    best = ranking.iloc[0]
    ties = ranking[ranking["mean_abs_difference"] == best["mean_abs_difference"]]
    model = models.set_index("case_municipality_id").loc[best["municipality_id"]]
    closest = _(" and ").join(esc(m) for m in ties["municipality"])
    listing = "".join(
        "<li>" + _("{municipality} ({model}): mean absolute difference {mad} over {n} items").format(
            municipality=esc(r.municipality), model=esc(r.model), mad=f"{r.mean_abs_difference:.2f}", n=r.n_items)
        + "</li>" for r in ranking.itertuples())
    if len(ties) == 1:
        # TRANSLATORS: {expected} and {found} are the thesis's own Dutch words (hoog, gemiddeld, laag ...)
        verdict = _("Your profile is closest to <b>{closest}</b>, the case of the <b>{model}</b>. The thesis "
                    "expected {expected} client voice under that model (Tabel 1) and concluded {found} "
                    "(Tabel 3). ").format(closest=closest, model=esc(model["model_nl"]),
                                          expected=esc(model["t1_conclusion"].lower()),
                                          found=esc(model["t3_conclusion_found"].lower()))
    else:
        verdict = _("Your profile is closest to <b>{closest}</b> (a tie). ").format(closest=closest)
    verdict = ("<p>" + verdict + _("Resembling a case's answers is not the same as working under its model: it is "
                                   "a prompt for discussion, not a classification.") + "</p>")
    return header + verdict + f"<ol>{listing}</ol>" + table


def explore_own_municipality(long: pd.DataFrame, instruments: pd.DataFrame, models: pd.DataFrame,
                             export_dir: str | Path = ".") -> Explorer:
    """Score your own municipality on the 13 instruments ("don't know" allowed), compare with
    the five cases from the same role's view, and save the profile as a small CSV file."""
    role = widgets.ToggleButtons(options=[(_("as a policy officer"), "policy_officer"), (_("as a client"), "client")],
                                 value="client", description=_("I score:"))
    options = [(_("don't know"), voice.DONT_KNOW)] + [(str(i), i) for i in range(1, 8)]
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
            saved.value = note_html(_("Could not save the file ({error}); copy the text below instead.").format(
                error=type(exc).__name__))
        else:
            saved.value = note_html(_("Saved as {name} next to this notebook (a random code, no name): hand it "
                                      "in the way your instructor asks. Saving again replaces it.").format(
                                          name=path.name))
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
    verdict = (_("<b>This reproduces the published value to six decimals.</b> That shows the published number "
                 "<i>could</i> come from data like these, not that it did.") if match else
               _("Distance to the published value: {distance}.").format(distance=f"{abs(r - published_r):.6f}"))
    filled_text = (", ".join(_("{column} item {item} → {value}").format(column=esc(c), item=i, value=v)
                             for (c, i), v in sorted(chosen.items()))
                   if chosen else _("none (the table as printed)"))
    head = _("{label}: <b>r = {r}</b> over n = {n} complete pairs; published: {published}.").format(
        label=esc(label), r=f"{r:.6f}", n=n, published=f"{published_r:.6f}")
    cells = _("Cells filled: {cells}.").format(cells=filled_text)
    return f"<p>{head}</p><p>{verdict}</p><p style='font-size:11px'>{cells}</p>"


def explore_haarlemmermeer(long: pd.DataFrame, published: pd.DataFrame) -> Explorer:
    """Fill the coded Haarlemmermeer cells with scores and watch r move towards (or away from)
    the published value."""
    published_r = float(published.set_index("municipality_id").loc["haarlemmermeer", "published_r"])
    coded = long[(long["municipality_id"] == "haarlemmermeer") & (long["code"] != "score")]
    controls = {}
    for row in coded.itertuples():
        who = _("policy officer") if row.role == "policy_officer" else _("client")
        controls[f"{row.column}_{row.item_no}"] = widgets.Dropdown(
            options=[(_("{printed} (as printed)").format(printed=row.printed), AS_PRINTED)]
            + [(str(i), i) for i in range(1, 8)],
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
