"""The public entry points: compose model, scenario and solver in one place.

``simulate(scenario)`` = declaration → compiled RHS/Jacobian → scenario inputs
(parameters, input schedule, jumps) → steady-state initial condition →
integration → :class:`~osteoimmune.solve.result.SimulationResult`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model.build import build_model
from .model.records import ModelDeclaration
from .scenario.resolve import to_solver_inputs
from .scenario.schema import MAIN_MODEL, Scenario
from .solve.compile import CompiledModel, compile_model
from .solve.integrate import SolverOptions, simulate_compiled, steady_state
from .solve.result import SimulationResult
from .solve.schedule import Schedule

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


@dataclass(frozen=True)
class PreparedRun:
    """Everything a solver (ours, a batched one, or an exported SBML file) needs to run one scenario.

    ``y0`` is the steady state of the uninjured site; ``parameters`` are the values at t = 0 (before any
    scheduled change); ``schedule`` holds piecewise-constant parameter changes and state jumps (the injury at
    t = 0 included); ``output_times`` are the sampling days.
    """

    scenario: Scenario
    compiled: CompiledModel
    y0: np.ndarray
    parameters: dict[str, float]
    schedule: Schedule
    output_times: np.ndarray

    @property
    def declaration(self) -> ModelDeclaration:
        return self.compiled.declaration


def _prepare_reference(scenario: Scenario) -> PreparedRun:
    """A scenario of a published reference model (``scenario.model``): see :mod:`osteoimmune.reference`."""
    from . import reference

    doses = None if scenario.perturbations is None else [reference.Dose(**p.model_dump()) for p in scenario.perturbations]
    run = reference.prepare(scenario.model, scenario.parameters, doses, scenario.days, scenario.output_interval_days)
    return PreparedRun(scenario, run.compiled, run.y0, dict(run.parameters), run.schedule, run.output_times)


def prepare(scenario: Scenario) -> PreparedRun:
    """Resolve a validated scenario into the compiled model, initial state, parameters and schedule.

    Dispatches on ``scenario.model``: the full model, or a published reference model.
    """
    if scenario.model != MAIN_MODEL:
        return _prepare_reference(scenario)
    c = compiled_model()
    inputs = to_solver_inputs(scenario)
    y0 = initial_state(inputs.baseline_parameters)
    return PreparedRun(scenario, c, y0, dict(inputs.parameters), inputs.schedule, np.asarray(inputs.output_times, float))


def simulate(scenario: Scenario, options: SolverOptions | None = None) -> SimulationResult:
    """Simulate a validated scenario with the reference stiff solver."""
    run = prepare(scenario)
    c = run.compiled
    result = simulate_compiled(c, run.y0, run.parameters, run.schedule, run.output_times, options)
    result.metadata.update({
        "scenario": scenario.model_dump(mode="json"),
        "model": c.declaration.name,
        "model_digest": c.digest,
        "initial_state": dict(zip(c.species_ids, map(float, run.y0))),
    })
    return result


def explain(identifier: str) -> str:
    """Processes, rate laws and evidence for a species, parameter or assignment."""
    from .describe import explain_text

    return explain_text(identifier)
