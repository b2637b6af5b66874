"""Client voice: the 13-item voice survey of Heijboer (2016), seed 004 (lesson 06).

The survey asked a policy officer and a client in each of five municipalities how large a
place clients have through 13 voice instruments (1 = *geen plaats*, no place; 7 = *zeer
grote plaats*, a very large place). The dataset ``voice_survey_printed`` keeps the table as
printed: one row per instrument, one column per respondent, with two missing codes that
mean different things:

- ``?``   the route exists, but the respondent could not judge whether clients really get a
  voice through it (footnotes 13, 14, 17, 20, 21, 24);
- ``nvt`` *niet van toepassing*, not applicable: it has not happened or is not the channel
  (footnotes 12, 16, 19).

All functions are pure: tables in, tables or numbers out. One module per job; this package
re-exports their public names, so ``from wmolab.voice import ...`` works as it always did:

- :mod:`~wmolab.voice.reshape`: the tidy (long) form that keeps the two codes apart, and the
  treatments of the codes where a number is needed;
- :mod:`~wmolab.voice.correlations`: Pearson's r with pairwise deletion (as Excel's CORREL), the
  published values, and what-if tools for a value that does not reproduce;
- :mod:`~wmolab.voice.concordance`: agreement beside correlation (mean absolute difference, Lin's
  concordance correlation);
- :mod:`~wmolab.voice.models`: expected and found voice per model of commissioning;
- :mod:`~wmolab.voice.own`: a student's own municipality against the five cases, and its saved file;
- :mod:`~wmolab.voice.classprofiles`: the class's saved profiles merged from a learning-platform download
  and compared with the five cases;
- :mod:`~wmolab.voice.figures`: the lesson's figures (``plot_*``).

>>> from wmolab.voice import load_survey, missing_code_counts
>>> missing_code_counts(load_survey())[["?", "nvt"]].tolist()
[6, 3]
"""
from __future__ import annotations

from .classprofiles import ClassComparison, ProfileMerge, compare_class, merge_profiles
from .concordance import item_gaps, lins_ccc, rater_agreement
from .correlations import (
    band,
    compare_with_published,
    correlation_treatments,
    correlations,
    fill_cells,
    leave_one_out,
    pair_table,
    pearson_pairwise,
    search_added_pairs,
)
from .figures import (
    class_profiles_alt,
    plot_agreement,
    plot_class_profiles,
    plot_correlations,
    plot_pair,
    plot_survey_heatmap,
)
from .models import expectation_changes, expectations_table
from .own import (
    DONT_KNOW,
    PROFILE_FIELDS,
    PROFILE_NAME,
    ProfileError,
    compare_own,
    new_profile_id,
    own_profile,
    own_profile_csv,
    parse_profile,
    save_profile,
)
from .reshape import (
    FORMS,
    MIN_PAIRS,
    MISSING_CODES,
    MUNICIPALITIES,
    ROLES,
    SCORE_COLUMNS,
    TREATMENTS,
    check_municipality,
    check_treatment,
    form_profile,
    load_survey,
    missing_code_counts,
    profile_table,
    survey_long,
    treat_missing,
    treatment_effect,
)

__all__ = [
    "MISSING_CODES", "TREATMENTS", "MUNICIPALITIES", "ROLES", "FORMS", "SCORE_COLUMNS", "MIN_PAIRS", "DONT_KNOW",
    "check_treatment", "check_municipality",
    "load_survey", "survey_long", "missing_code_counts", "treat_missing", "profile_table",
    "form_profile", "treatment_effect", "correlation_treatments", "pair_table", "pearson_pairwise", "correlations",
    "band", "compare_with_published", "fill_cells", "search_added_pairs", "leave_one_out",
    "lins_ccc", "rater_agreement", "item_gaps", "expectations_table", "expectation_changes",
    "own_profile", "compare_own", "own_profile_csv", "PROFILE_FIELDS", "PROFILE_NAME", "ProfileError",
    "new_profile_id", "save_profile", "parse_profile",
    "plot_survey_heatmap", "plot_pair", "plot_correlations", "plot_agreement",
    "ProfileMerge", "merge_profiles", "ClassComparison", "compare_class", "plot_class_profiles", "class_profiles_alt",
]
