"""Public values: clusters, typologies and value conflicts (lessons 01-02).

Pure functions over the ``values_*`` datasets (Van Schooten 2022, §2.2 and Tabel 1/3):

- :func:`cluster_members` reproduces Tabel 3 (which values belong to which cluster);
- :func:`crosswalk` lines up the typologies the thesis compares (Bovens et al., De Graaf et al., Hood);
- :func:`sorter_feedback` judges a student's assignment of values to clusters, value by value,
  without ever returning the cluster a value should have;
- :func:`conflict_matrix`, :func:`value_involvement`, :func:`cluster_pair_counts` and
  :func:`shared_pairs` summarise the conflict pairs reported per source;
- :func:`plot_conflict_matrix` and :func:`plot_involvement` draw them in the course style.

>>> from wmolab import load
>>> from wmolab.values import value_involvement
>>> value_involvement(load("values_conflict_pairs"), ["wmo_survey"]).index[0]
'verantwoording'
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .i18n import N_, _
from .plots import CLUSTER_STYLE, new_figure
from .validate import require_columns

__all__ = [
    "CLUSTERS", "CLUSTER_ORDER", "SOURCES", "LITERATURE", "NO_CLUSTER",
    "cluster_members", "crosswalk", "sorter_feedback", "sorter_score",
    "pair_keys", "select_pairs", "value_order", "conflict_matrix", "value_involvement",
    "cluster_pair_counts", "shared_pairs", "plot_conflict_matrix", "plot_involvement",
]

#: The four clusters of Tabel 3 (L352-357): key -> (Dutch name, English gloss, what it is about).
CLUSTERS: dict[str, tuple[str, str, str]] = {
    "behoorlijk": ("behoorlijk bestuur", "proper government",
                   N_("how government behaves: honestly, equally and within the law")),
    "resultaatgericht": ("resultaatgericht bestuur", "results-oriented government",
                         N_("what government achieves and at what cost")),
    "responsief": ("responsief bestuur", "responsive government",
                   N_("how government relates to citizens: involving them, being open and answering to them")),
    "privaat": ("private waarden", "private values",
                N_("what a private organisation needs: its own survival and the quality of what it sells")),
}
CLUSTER_ORDER = list(CLUSTERS)
NO_CLUSTER = "none"  # a value outside the 11 survey values (its look: wmolab.plots.CLUSTER_STYLE["none"])

#: The sources of conflict pairs, in the order the lesson discusses them.
SOURCES = {
    "municipal": N_("municipal staff (Huberts et al. 2016)"),
    "hospital": N_("hospital staff (Huberts et al. 2016)"),
    "police": N_("police officers (Meijer & De Graaf 2019)"),
    "wmo_survey": N_("this Wmo study: survey Q12"),
    "wmo_conclusion": N_("this Wmo study: conclusions"),
}
#: The three sources from earlier research (the "literature"), as opposed to the Wmo study itself.
LITERATURE = ("municipal", "hospital", "police")


# --------------------------------------------------------------------------- clusters and typologies
def cluster_members(values: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3 again: one row per cluster with the number of values and their Dutch names.

    ``values`` is the ``values_wmo_values`` dataset. Clusters keep the order of Tabel 3,
    values the order of the survey.
    """
    require_columns(values, ["cluster", "label_nl", "survey_item"], "values")
    rows = []
    for key in CLUSTER_ORDER:
        members = values[values["cluster"] == key].sort_values("survey_item")
        rows.append({
            "cluster": key,
            "name": CLUSTERS[key][0],
            "in_english": CLUSTERS[key][1],
            "n_values": len(members),
            "values": ", ".join(members["label_nl"]),
        })
    return pd.DataFrame(rows)


def crosswalk(typologies: pd.DataFrame) -> pd.DataFrame:
    """How the thesis lines up the typologies: one row per cluster of De Graaf, Huberts & Smulders.

    Columns: the 2016 cluster, the Bovens et al. (2012) clusters that map into it, and the Hood
    (1991) family the thesis calls comparable (Tabel 1, L220; L226).
    """
    require_columns(typologies, ["typology_id", "cluster_id", "label", "comparable_to"], "typologies")
    degraaf = typologies[typologies["typology_id"] == "degraaf_2016"]
    rows = []
    for _i, row in degraaf.iterrows():
        target = f"degraaf_2016:{row['cluster_id']}"
        bovens = typologies[(typologies["typology_id"] == "bovens_2012")
                            & (typologies["comparable_to"] == target)]
        hood = typologies[(typologies["typology_id"] == "hood_1991")
                          & (typologies["comparable_to"] == target)]
        rows.append({
            "de_graaf_2016": row["label"],
            "values_in_tabel_1": row["example_values"],
            "bovens_2012": " + ".join(bovens["label"]),
            "hood_1991": " + ".join(hood["label"]),
            "hood_values_in_tabel_1": " + ".join(hood["example_values"].fillna("")),
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the cluster sorter
def sorter_feedback(values: pd.DataFrame, answers: Mapping[str, str | None]) -> pd.DataFrame:
    """Judge a student's clusters value by value against Tabel 3.

    ``answers`` maps a value key (``"integriteit"``) to a cluster key (``"behoorlijk"``) or to
    ``None``/``""`` for "not chosen yet". Returns one row per value in survey order with
    ``status`` = ``"correct"``, ``"wrong"`` or ``"open"`` and a ``message``. A wrong answer's
    message names the cluster the student chose, never the right one.
    """
    require_columns(values, ["value_key", "label_nl", "cluster", "survey_item"], "values")
    if not isinstance(answers, Mapping):
        raise ValueError("answers should be a dict like {'integriteit': 'behoorlijk', ...}.")
    known = set(values["value_key"])
    unknown = [k for k in answers if k not in known]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not one of the 11 survey values; use keys like 'integriteit'.")
    for key, chosen in answers.items():
        if chosen not in (None, "") and chosen not in CLUSTERS:
            raise ValueError(f"{chosen!r} (for {key!r}) is not a cluster; choose from {CLUSTER_ORDER}.")
    rows = []
    for _i, row in values.sort_values("survey_item").iterrows():
        chosen = answers.get(row["value_key"]) or None
        if chosen is None:
            status, message = "open", _("not sorted yet")
        elif chosen == row["cluster"]:
            status, message = "correct", _("yes: Tabel 3 puts it in {cluster}").format(cluster=CLUSTERS[chosen][0])
        else:
            status = "wrong"
            message = _("not {cluster}: that cluster is about {about}. Think again about what this value "
                        "protects.").format(cluster=CLUSTERS[chosen][0], about=_(CLUSTERS[chosen][2]))
        rows.append({"value_key": row["value_key"], "value": row["label_nl"], "chosen": chosen or "",
                     "status": status, "message": message})
    return pd.DataFrame(rows)


def sorter_score(feedback: pd.DataFrame) -> dict[str, int]:
    """Counts of correct, wrong and open values in a :func:`sorter_feedback` table."""
    require_columns(feedback, ["status"], "feedback")
    counts = feedback["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in ("correct", "wrong", "open")}


# --------------------------------------------------------------------------- conflict pairs
def pair_keys(pairs: pd.DataFrame, as_survey: bool = True) -> pd.DataFrame:
    """The two values of every pair as keys: ``a``, ``b`` and ``source_id``.

    With ``as_survey`` the course's mapping to the 11 survey values is used where there is one
    (so *transparantie* counts as *openheid*); values without a survey equivalent (such as
    *gerechtigheid*) keep their own key. Each pair is put in a fixed order (``a`` < ``b``), since
    a conflict between two values has no direction.
    """
    require_columns(pairs, ["source_id", "value_a", "value_b", "survey_a", "survey_b"], "pairs")
    a = pairs["value_a"].astype(str)
    b = pairs["value_b"].astype(str)
    if as_survey:
        a = pairs["survey_a"].fillna(pairs["value_a"]).astype(str)
        b = pairs["survey_b"].fillna(pairs["value_b"]).astype(str)
    first = a.where(a <= b, b)
    second = b.where(a <= b, a)
    return pd.DataFrame({"source_id": pairs["source_id"].astype(str).to_numpy(),
                         "a": first.to_numpy(), "b": second.to_numpy()})


def select_pairs(pairs: pd.DataFrame, sources: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of ``pairs`` from one or more sources (all sources when ``sources`` is None)."""
    require_columns(pairs, ["source_id"], "pairs")
    if sources is None:
        return pairs
    if isinstance(sources, str):
        sources = [sources]
    sources = list(sources)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not a source; choose from {list(SOURCES)}.")
    return pairs[pairs["source_id"].isin(sources)]


def value_order(keys: Iterable[str], values: pd.DataFrame) -> list[str]:
    """Put value keys in survey order; keys that are not survey values follow, alphabetically."""
    require_columns(values, ["value_key", "survey_item"], "values")
    survey = list(values.sort_values("survey_item")["value_key"])
    keys = set(keys)
    return [k for k in survey if k in keys] + sorted(k for k in keys if k not in survey)


def conflict_matrix(pairs: pd.DataFrame, values: pd.DataFrame, sources: str | Sequence[str] | None = None,
                    *, as_survey: bool = True, axis: Sequence[str] | None = None) -> pd.DataFrame:
    """A symmetric value × value table counting how often each pair is reported.

    The axis is every survey value plus any other value that occurs in the selected pairs
    (or ``axis`` if given, e.g. to line up two sources). The diagonal is 0.
    """
    chosen = pair_keys(select_pairs(pairs, sources), as_survey=as_survey)
    if axis is None:
        axis = value_order(set(values["value_key"]) | set(chosen["a"]) | set(chosen["b"]), values)
    axis = list(axis)
    missing = sorted((set(chosen["a"]) | set(chosen["b"])) - set(axis))
    if missing:
        raise ValueError(f"the axis lacks the value(s) {missing} that occur in the pairs.")
    matrix = pd.DataFrame(0, index=axis, columns=axis, dtype="int64")
    for a, b in zip(chosen["a"], chosen["b"]):
        matrix.loc[a, b] += 1
        if a != b:
            matrix.loc[b, a] += 1
    return matrix


def value_involvement(pairs: pd.DataFrame, sources: str | Sequence[str] | None = None,
                      *, as_survey: bool = True) -> pd.Series:
    """In how many of the selected pairs each value takes part (its degree), most involved first.

    Ties are broken alphabetically so the order is stable.
    """
    chosen = pair_keys(select_pairs(pairs, sources), as_survey=as_survey)
    counts = pd.concat([chosen["a"], chosen["b"]]).value_counts()
    counts = counts.rename_axis("value").rename("pairs")
    frame = counts.reset_index().sort_values(["pairs", "value"], ascending=[False, True])
    return frame.set_index("value")["pairs"].astype("int64")


def cluster_pair_counts(pairs: pd.DataFrame, values: pd.DataFrame,
                        sources: str | Sequence[str] | None = None, *, as_survey: bool = True) -> pd.Series:
    """How many pairs link each combination of clusters, e.g. ``responsief–resultaatgericht``.

    The label puts the two clusters in Tabel 3 order, joined by an en dash; values outside the
    11 survey values count as cluster ``none``.
    """
    require_columns(values, ["value_key", "cluster"], "values")
    chosen = pair_keys(select_pairs(pairs, sources), as_survey=as_survey)
    cluster_of = dict(zip(values["value_key"], values["cluster"]))
    order = {c: i for i, c in enumerate(CLUSTER_ORDER + [NO_CLUSTER])}
    labels = []
    for a, b in zip(chosen["a"], chosen["b"]):
        ca, cb = cluster_of.get(a, NO_CLUSTER), cluster_of.get(b, NO_CLUSTER)
        ca, cb = sorted([ca, cb], key=order.get)
        labels.append(f"{ca}–{cb}")
    counts = pd.Series(labels, dtype="object").value_counts()
    frame = counts.rename_axis("clusters").rename("pairs").reset_index()
    frame = frame.sort_values(["pairs", "clusters"], ascending=[False, True])
    return frame.set_index("clusters")["pairs"].astype("int64")


def shared_pairs(pairs: pd.DataFrame, source_a: str, sources_b: str | Sequence[str],
                 *, as_survey: bool = True) -> list[str]:
    """Pairs reported by ``source_a`` that also occur in ``sources_b``, as ``"a & b"`` strings."""
    first = pair_keys(select_pairs(pairs, source_a), as_survey=as_survey)
    other = pair_keys(select_pairs(pairs, sources_b), as_survey=as_survey)
    mine = set(zip(first["a"], first["b"]))
    theirs = set(zip(other["a"], other["b"]))
    return sorted(f"{a} & {b}" for a, b in mine & theirs)


# --------------------------------------------------------------------------- figures
def _short_labels(keys: Sequence[str], values: pd.DataFrame) -> list[str]:
    names = dict(zip(values["value_key"], values["label_nl"]))
    short = {"bestaanszekerheid": "Bestaanszekerheid", "kwaliteit_dienstverlening": "Kwaliteit"}
    return [short.get(k, names.get(k, k.replace("_", " "))) for k in keys]


def plot_conflict_matrix(panels: Sequence[tuple[str, pd.DataFrame]], values: pd.DataFrame):
    """Heat maps of one or two conflict matrices side by side, each cell labelled with its count.

    ``panels`` is a list of (title, matrix) with matrices from :func:`conflict_matrix` on the same
    axis. The number in each cell carries the information, so the figure does not rely on colour;
    thin lines separate the clusters of Tabel 3 (values outside the survey come last).
    """
    if not panels or len(panels) > 2:
        raise ValueError("give one or two (title, matrix) panels.")
    axis = list(panels[0][1].index)
    for _i, m in panels:
        if list(m.index) != axis or list(m.columns) != axis:
            raise ValueError("both matrices need the same axis (pass axis=... to conflict_matrix).")
    n = len(axis)
    size = 0.36 * n + 2.2
    fig, axes = new_figure(1, len(panels), figsize=(size * len(panels) + 0.6, size), squeeze=False)
    labels = _short_labels(axis, values)
    top = max(2, max(int(m.to_numpy().max()) for _, m in panels)) * 1.6
    cluster_of = dict(zip(values["value_key"], values["cluster"]))
    groups = [cluster_of.get(k, NO_CLUSTER) for k in axis]
    bounds = [i + 0.5 for i in range(n - 1) if groups[i] != groups[i + 1]]
    for ax, (title, m) in zip(axes[0], panels):
        data = m.to_numpy()
        ax.imshow(data, cmap="Blues", vmin=0, vmax=top)
        for b in bounds:  # thin lines between the clusters of Tabel 3
            ax.axhline(b, color="#555555", linewidth=0.8)
            ax.axvline(b, color="#555555", linewidth=0.8)
        ax.grid(False)
        ax.set_xticks(range(n), labels, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(n), labels, fontsize=8)
        ax.set_title(_(title) if title else title, fontsize=10)
        for i in range(n):
            for j in range(n):
                if data[i, j]:
                    ax.text(j, i, str(data[i, j]), ha="center", va="center", fontsize=8,
                            color="white" if data[i, j] > top * 0.7 else "black", fontweight="bold")
                elif i == j:
                    ax.text(j, i, "·", ha="center", va="center", fontsize=8, color="#949494")
        for edge in ("top", "right"):
            ax.spines[edge].set_visible(True)
    return fig


def plot_involvement(involvement: pd.Series, values: pd.DataFrame, title: str = ""):
    """Horizontal bars: in how many pairs each value takes part, bars hatched by cluster.

    Each bar also carries its number and its cluster's initial, so colour is never needed.
    """
    from matplotlib.patches import Patch

    require_columns(values, ["value_key", "cluster"], "values")
    if len(involvement) == 0:
        raise ValueError(_("there are no pairs to draw: choose at least one source."))
    cluster_of = dict(zip(values["value_key"], values["cluster"]))
    keys = list(involvement.index)[::-1]
    labels = _short_labels(keys, values)
    fig, ax = new_figure(figsize=(7.2, 0.34 * len(keys) + 1.4))
    for y, key in enumerate(keys):
        cluster = cluster_of.get(key, NO_CLUSTER)
        style = CLUSTER_STYLE[cluster]
        ax.barh(y, involvement[key], color=style["color"], hatch=style["hatch"], edgecolor="black", linewidth=0.6)
        ax.text(involvement[key] + 0.08, y, f"{involvement[key]}  ({cluster})", va="center", fontsize=9)
    ax.set_yticks(range(len(keys)), labels)
    ax.set_xlabel(_("number of conflict pairs the value takes part in"))
    ax.set_xlim(0, involvement.max() + 2.2)
    ax.grid(axis="y", visible=False)
    if title:
        ax.set_title(_(title))
    present = [c for c in CLUSTER_ORDER + [NO_CLUSTER] if c in {cluster_of.get(k, NO_CLUSTER) for k in keys}]
    handles = [Patch(facecolor=CLUSTER_STYLE[c]["color"], hatch=CLUSTER_STYLE[c]["hatch"], edgecolor="black",
                     label=CLUSTERS[c][0] if c in CLUSTERS else _("not a survey value")) for c in present]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    return fig
