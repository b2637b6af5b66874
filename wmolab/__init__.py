"""WMO Lab: the course's helper package.

Everything a notebook computes, plots or shows lives here, so the notebooks stay short:

- :mod:`wmolab.data`     load the course datasets (checked against their checksums)
- :mod:`wmolab.checks`   self-checks for the exercises (``check("00.3", answer)``, ``progress()``)
- :mod:`wmolab.errors`   friendly errors: a novice's first mistakes as one message
- :mod:`wmolab.tables`   readable tables: nothing cut off, no dtype clutter (``show_table``)
- :mod:`wmolab.plots`    the one course style and figures with alt text
- :mod:`wmolab.i18n`    the language it speaks (``set_language("nl")``; English by default)
- :mod:`wmolab.html`     HTML for feedback and explorers (escaping, notes, statuses, tables)
- topic modules          pure functions per subject (``timeline``, ``values``, ``steering``, ...)
- :mod:`wmolab.widgets`  the interactive explorers
- :mod:`wmolab.authoring` the authors' commands (never loaded by ``import wmolab``)

The layers point one way (base, topics, widgets, authoring; ``tests/wmolab/test_layering.py``).
Heavy libraries (matplotlib, seaborn, ipywidgets) are imported only where they are used,
so ``import wmolab`` stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

from . import errors, tables
from .checks import check, progress
from .data import DatasetError, describe, list_datasets, load
from .i18n import get_language, set_language
from .tables import show_table

__all__ = ["check", "progress", "load", "list_datasets", "describe", "show_table", "DatasetError", "set_language",
           "get_language", "__version__"]


def load_ipython_extension(shell) -> None:
    """``%load_ext wmolab`` (the course's kernels load it at start-up, see ``postBuild``): the friendly errors
    of :mod:`wmolab.errors` and the readable tables of :mod:`wmolab.tables`, before any cell has run."""
    errors.install(shell)
    tables.install(shell)


def _install_in_ipython() -> None:
    """In IPython (a notebook's kernel), install what :func:`load_ipython_extension` installs."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is always there in the course env
        return
    shell = get_ipython()
    if shell is not None:
        load_ipython_extension(shell)


_install_in_ipython()
