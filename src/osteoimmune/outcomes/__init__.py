"""Healing and homeostasis outcome metrics computed from simulation results.

:func:`compute_outcomes` turns a result into named metrics (union, time to
union, bone fraction at fixed days, M1→M2 crossover, inflammatory burden,
...); :data:`METRICS` documents each one's unit and definition.
"""

from osteoimmune.outcomes.metrics import (
    DEFAULT_UNION_THRESHOLD,
    METRICS,
    compute_outcomes,
    first_crossing,
    first_drop,
    format_outcomes,
)

__all__ = [
    "DEFAULT_UNION_THRESHOLD",
    "METRICS",
    "compute_outcomes",
    "first_crossing",
    "first_drop",
    "format_outcomes",
]
