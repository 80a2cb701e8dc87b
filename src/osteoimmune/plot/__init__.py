"""Plotting helpers (an edge of the package: nothing inside osteoimmune imports it).

Panel functions take a matplotlib ``Axes`` and a result and return the ``Axes``;
:func:`plot_summary` composes them into the summary figure of a run.
"""

from osteoimmune.plot.summary import (
    plot_cytokines,
    plot_immune,
    plot_matrix,
    plot_outcome_table,
    plot_remodeling,
    plot_stromal,
    plot_summary,
)

__all__ = [
    "plot_cytokines",
    "plot_immune",
    "plot_matrix",
    "plot_outcome_table",
    "plot_remodeling",
    "plot_stromal",
    "plot_summary",
]
