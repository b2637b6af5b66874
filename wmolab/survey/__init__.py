"""Survey analysis for lesson 05: value conflicts in the Wmo (Van Schooten, 2022).

Pure functions on the ``survey_*`` datasets: DataFrame (or numbers) in, DataFrame or number out.
Nothing here prints. One module per job; this package re-exports their public names, so
``from wmolab.survey import ...`` works as it always did. In lesson order:

- :mod:`~wmolab.survey.summaries`: :func:`summarise_counts` reproduces a Qualtrics summary row from
  answer counts (population or sample SD); :func:`compare_summaries` checks all 88 rating rows;
  means, gaps (:func:`importance_attention`) and shares of mentions (:func:`mention_shares`);
- :mod:`~wmolab.survey.reconstruct`: from a printed summary back to every distribution that fits;
- :mod:`~wmolab.survey.rankings`: mean ranks, Tabel 7 and :func:`spearman`;
- :mod:`~wmolab.survey.network`: the named conflict pairs as a graph;
- :mod:`~wmolab.survey.tariffs`: the interview arithmetic (the course's illustration);
- :mod:`~wmolab.survey.figures`: the lesson's figures (``plot_*``);
- :mod:`~wmolab.survey.questions`: the groups, values and questions they share.

>>> reconstruct_distribution(2, 5, 4.2, 1.17, 5).message   # min, max, mean, SD (population) and n
'Exactly one distribution fits (n=5, range 2-5, mean 4.20, SD 1.17): {2: 1, 4: 1, 5: 3}.'
"""
from __future__ import annotations

from .figures import plot_conflict_network, plot_dumbbell, plot_likert, plot_mean_ranks
from .network import cluster_combinations, conflict_graph, degree_table
from .questions import CLUSTER_CODES, GROUP_LABELS, GROUPS, QUESTIONS, VALUE_KEYS, check_group
from .rankings import compare_table7, mean_ranks, rank_column_sums, spearman
from .reconstruct import Reconstruction, reconstruct_all, reconstruct_distribution, reconstruct_rank_matrix
from .summaries import (
    age_bands,
    choice_counts,
    compare_summaries,
    counts_from_row,
    exact_means,
    importance_attention,
    mean_age,
    mention_shares,
    population_vs_sample,
    reproduce_summaries,
    sd_formula_table,
    summarise_counts,
)
from .tariffs import tariff_coverage

__all__ = [
    "GROUPS", "GROUP_LABELS", "VALUE_KEYS", "QUESTIONS", "CLUSTER_CODES", "check_group",
    "summarise_counts", "population_vs_sample", "choice_counts", "mean_age", "age_bands",
    "counts_from_row", "reproduce_summaries", "compare_summaries", "sd_formula_table",
    "Reconstruction", "reconstruct_distribution", "reconstruct_all", "reconstruct_rank_matrix",
    "rank_column_sums", "mean_ranks", "compare_table7", "spearman", "exact_means",
    "importance_attention", "mention_shares", "conflict_graph", "degree_table",
    "cluster_combinations", "tariff_coverage",
    "plot_likert", "plot_dumbbell", "plot_mean_ranks", "plot_conflict_network",
]
