"""The public entry points: compose model, scenario and solver in one place.

``simulate(scenario)`` = declaration → compiled RHS/Jacobian → scenario inputs
(parameters, input schedule, jumps) → steady-state initial condition →
integration → :class:`~osteoimmune.solve.result.SimulationResult`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .model.build import build_model
from .scenario.resolve import to_solver_inputs
from .scenario.schema import Scenario
from .solve.compile import CompiledModel, compile_model
from .solve.integrate import SolverOptions, simulate_compiled, steady_state
from .solve.result import SimulationResult

#: bone is a slow variable: the initial state is the cellular steady state with the site's bone at its reference
#: fraction (age-related or disease bone loss then shows as drift from there)
_FIXED_FOR_STEADY_STATE: tuple[str, ...] = ("lamellar_bone", "woven_bone")


@lru_cache(maxsize=1)
def compiled_model() -> CompiledModel:
    """The compiled full model (compiled once per process)."""
    return compile_model(build_model())


@lru_cache(maxsize=64)
def _steady_state_cached(items: tuple[tuple[str, float], ...]) -> tuple[float, ...]:
    from .model.basal import PIVONKA_STEADY_STATE

    model = build_model()
    c = compiled_model()
    params = dict(items)
    guess = {s: model.species[s].initial for s in model.species}
    guess.update(PIVONKA_STEADY_STATE)
    guess["lamellar_bone"] = params["bone_ref"]
    y = steady_state(c, params, guess, fixed=_FIXED_FOR_STEADY_STATE)
    return tuple(float(v) for v in y)


def initial_state(parameters: dict[str, float]) -> np.ndarray:
    """Steady state of the uninjured site for the given parameters (memoised)."""
    return np.array(_steady_state_cached(tuple(sorted(parameters.items()))))


def simulate(scenario: Scenario, options: SolverOptions | None = None) -> SimulationResult:
    """Simulate a validated scenario with the reference stiff solver."""
    c = compiled_model()
    inputs = to_solver_inputs(scenario)
    y0 = initial_state(inputs.baseline_parameters)
    result = simulate_compiled(c, y0, inputs.parameters, inputs.schedule, inputs.output_times, options)
    result.metadata.update({
        "scenario": scenario.model_dump(mode="json"),
        "model": build_model().name,
        "model_digest": c.digest,
        "initial_state": dict(zip(c.species_ids, map(float, y0))),
    })
    return result


def explain(identifier: str) -> str:
    """Processes, rate laws and evidence for a species, parameter or assignment."""
    from .describe import explain_text

    return explain_text(identifier)
