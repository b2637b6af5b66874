"""Interactive explorers, one module per lesson topic (``from wmolab.widgets.timeline import explore_timeline``).

Every builder returns an :class:`~wmolab.widgets._base.Explorer`; see that module for the pattern.
"""
from ._base import Explorer, esc

__all__ = ["Explorer", "esc"]
