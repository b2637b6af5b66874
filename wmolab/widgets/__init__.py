"""Interactive explorers, one module per lesson topic (``from wmolab.widgets.start import explore_timeline``).

- :mod:`~wmolab.widgets.start`: lesson 00 (timeline, glossary);
- :mod:`~wmolab.widgets.values`: lessons 01-02 (organisations, value clusters, conflict matrices);
- :mod:`~wmolab.widgets.steering`: lesson 03; :mod:`~wmolab.widgets.cases`: lesson 04;
- :mod:`~wmolab.widgets.survey`: lesson 05; :mod:`~wmolab.widgets.voice`: lesson 06;
- :mod:`~wmolab.widgets.capstone`: lesson 07.

Every builder returns an :class:`~wmolab.widgets._base.Explorer`; see that module for the pattern.
This is the only layer of ``wmolab`` that imports ipywidgets.
"""
from ._base import Explorer, figure_outputs

__all__ = ["Explorer", "figure_outputs"]
