"""Simulate many scenarios at once: the one entry point behind cohorts, sensitivity and optimisation.

``simulate_many(scenarios, backend=...)`` returns one :class:`SimulationResult` per scenario, in order.
Backends:

* ``"reference"`` — the reference stiff solver (:func:`osteoimmune.api.simulate`) in a loop.

Faster batched backends register themselves in :data:`BACKENDS`; ``"auto"`` picks the fastest one available
(the GPU one when a GPU is present).
"""

from __future__ import annotations

from typing import Callable, Sequence

from .errors import UnknownNameError
from .scenario.schema import Scenario
from .solve.integrate import SolverOptions
from .solve.result import SimulationResult


def _reference(scenarios: Sequence[Scenario], options: SolverOptions | None) -> list[SimulationResult]:
    from .api import simulate

    return [simulate(sc, options) for sc in scenarios]


#: name -> function(scenarios, options) -> list[SimulationResult]
BACKENDS: dict[str, Callable[[Sequence[Scenario], SolverOptions | None], list[SimulationResult]]] = {
    "reference": _reference,
}

#: order in which "auto" tries backends (first registered and usable wins)
AUTO_ORDER: list[str] = ["reference"]


def simulate_many(
    scenarios: Sequence[Scenario], *, backend: str = "auto", options: SolverOptions | None = None
) -> list[SimulationResult]:
    """Simulate every scenario; results in the same order."""
    if backend == "auto":
        backend = next(b for b in AUTO_ORDER if b in BACKENDS)
    if backend not in BACKENDS:
        raise UnknownNameError("backend", backend, sorted(BACKENDS) + ["auto"])
    return BACKENDS[backend](list(scenarios), options)
