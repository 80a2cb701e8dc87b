"""Shared helpers: tight solver options and cached reference simulations (deterministic)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from osteoimmune import reference
from osteoimmune.solve.integrate import SolverOptions

#: tolerances used for every benchmark comparison (far below the published precision)
TIGHT = SolverOptions(rtol=1e-10, atol_scale=1e-12)


@lru_cache(maxsize=None)
def run(name: str, params: tuple = (), doses: tuple | None = None, days: float | None = None, interval: float | None = None):
    """A reference simulation, cached per session (``params``: sorted (id, value) pairs; ``doses``: Dose tuple)."""
    return reference.simulate(name, dict(params), None if doses is None else list(doses), days, interval, TIGHT)


def rel(measured: float, published: float) -> float:
    return abs(measured - published) / abs(published)


def at(result, name: str, day: float) -> float:
    return float(np.interp(day, result.time, result[name]))
