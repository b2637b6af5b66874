"""Steering perspectives (lessons 03 and 07): the 49-plan scores, the vignettes and the signal-word text scorer.

Source: Nijdam (c. 2020), *Sturing in 3D*, chapters 3, 5 and 6 with Bijlagen C and G (seed 002).
One module per job; this package re-exports their public names, so ``from wmolab.steering import ...``
works as it always did:

- :mod:`~wmolab.steering.perspectives`: the four perspectives (codes, labels, dataset columns, quadrant);
- :mod:`~wmolab.steering.plans`: the 49 plans (row sums, group means, extremes, dominance, the
  quadrant projection, which is **the course's own derivation**, and the case selection of §5.3);
- :mod:`~wmolab.steering.vignettes`: feedback on classifying a vignette;
- :mod:`~wmolab.steering.scorer`: :func:`score_text` and its explicit matching choices;
- :mod:`~wmolab.steering.figures`: the lesson's figures (``plot_*``).

>>> from wmolab import load
>>> from wmolab.steering import dominant_counts
>>> int(dominant_counts(load("steering_plans"))["SR"])   # the plans where SR has the largest share
19
"""
from __future__ import annotations

from .figures import plot_group_means, plot_profile, plot_quadrant, plot_text_shares
from .perspectives import LABELS, PERSPECTIVES, QUADRANT, SHARE_COLUMNS, perspective_code, perspectives_markdown
from .plans import (
    GROUP_ORDER,
    case_selection,
    compare_extremes,
    compare_group_means,
    distance_to_average,
    dominant,
    dominant_counts,
    extremes,
    group_means,
    never_extreme,
    plan_shares,
    profile,
    quadrant_coordinates,
    quadrant_counts,
    row_sums,
    rows_off_100,
    share_correlations,
    spread,
)
from .scorer import Match, MatchOptions, TextScore, score_text, sensitivity, signal_word_lists
from .vignettes import vignette_feedback

__all__ = [
    "PERSPECTIVES", "SHARE_COLUMNS", "LABELS", "QUADRANT", "GROUP_ORDER", "perspective_code", "perspectives_markdown",
    "plan_shares", "row_sums", "rows_off_100", "group_means", "compare_group_means", "extremes", "compare_extremes",
    "spread", "dominant", "dominant_counts", "share_correlations", "quadrant_coordinates",
    "quadrant_counts", "distance_to_average", "never_extreme", "case_selection", "profile",
    "vignette_feedback",
    "MatchOptions", "Match", "TextScore", "score_text", "sensitivity", "signal_word_lists",
    "plot_group_means", "plot_quadrant", "plot_profile", "plot_text_shares",
]
