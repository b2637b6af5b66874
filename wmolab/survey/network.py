"""The conflict pairs respondents named (survey question Q12) as a network (lesson 05)."""
from __future__ import annotations

import pandas as pd

from ..validate import require_columns
from .questions import CLUSTER_CODES, check_group

__all__ = ["conflict_graph", "degree_table", "cluster_combinations"]

def conflict_graph(pairs: pd.DataFrame, values: pd.DataFrame | None = None, group: str | None = None):
    """A networkx Graph of the named conflict pairs: values are nodes, each named pair an edge.

    Node attributes: ``cluster`` (and ``label`` when ``values`` is given). Edge attribute
    ``respondents``: who named the pair. ``group`` keeps only one group's pairs. Values no one
    named (with ``values`` given) are kept as isolated nodes.
    """
    import networkx as nx

    require_columns(pairs, ["group", "respondent", "value_a", "value_b", "cluster_a", "cluster_b"], "pairs")
    sel = pairs if group is None else pairs[pairs["group"] == check_group(group)]
    graph = nx.Graph()
    if values is not None:
        require_columns(values, ["value_key", "short_nl", "cluster"], "values")
        code = {cluster: c for c, cluster in CLUSTER_CODES.items()}
        for _, v in values.iterrows():
            graph.add_node(v["value_key"], label=v["short_nl"], cluster=code[v["cluster"]])
    for _, p in sel.iterrows():
        for key, cl in ((p["value_a"], p["cluster_a"]), (p["value_b"], p["cluster_b"])):
            if key not in graph:
                graph.add_node(key, label=key, cluster=cl)
        if graph.has_edge(p["value_a"], p["value_b"]):
            graph.edges[p["value_a"], p["value_b"]]["respondents"].append(p["respondent"])
        else:
            graph.add_edge(p["value_a"], p["value_b"], respondents=[p["respondent"]])
    return graph


def degree_table(graph) -> pd.Series:
    """How many named pairs each value takes part in, largest first (ties by name)."""
    deg = pd.Series(dict(graph.degree()), name="pairs", dtype="int64")
    deg.index.name = "value_key"
    return deg.sort_index().sort_values(ascending=False, kind="stable")


def cluster_combinations(pairs: pd.DataFrame) -> pd.Series:
    """How many named pairs fall between (or within) each combination of clusters."""
    require_columns(pairs, ["cluster_a", "cluster_b"], "pairs")
    kinds = ["–".join(sorted((a, b))) for a, b in zip(pairs["cluster_a"], pairs["cluster_b"])]
    s = pd.Series(kinds).value_counts()
    s = s.rename_axis("cluster_pair").rename("pairs")
    return s.sort_index().sort_values(ascending=False, kind="stable")

