"""Published bone models declared with osteoimmune's own records, compiler and solvers.

One module per model, each building a :class:`~osteoimmune.model.records.ModelDeclaration`
from ``Species``/``Parameter``/``Assignment``/``Process`` records (``source="cite:KEY"``):

============== ======================================================================
name           model
============== ======================================================================
komarova2003   Komarova et al. 2003, power-law osteoclast/osteoblast model
lemaire2004    Lemaire et al. 2004, RANK/RANKL/OPG/PTH/TGF-β cell population model
pivonka2008    Pivonka et al. 2008 (RANKL on OBp, OPG by OBa), values of ``model/data/remodeling.yaml``
trejo2019      Trejo, Kojouharov & Chen-Charpentier 2019, macrophage-mediated fracture healing
peterson2010   Peterson & Riggs 2010, calcium homeostasis + remodeling, denosumab PK/PD
============== ======================================================================

:data:`REGISTRY` maps a name to its :class:`~osteoimmune.reference.base.ReferenceModel`
(builder, citation, default horizon, named perturbations, initial-state rule);
:func:`prepare` resolves a run (compiled model, initial state, parameters,
schedule, output times) and :func:`simulate` integrates it.  Scenarios select a
reference model with ``model: NAME`` (see :mod:`osteoimmune.scenario.schema`).

Imports ``model``, ``solve`` and ``errors``; ``peterson2010`` also ``interchange.sbml_import`` (inside its builder).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np

from ..errors import Issue, ScenarioError, UnknownNameError
from ..model.records import ModelDeclaration
from ..solve.compile import CompiledModel, compile_model
from ..solve.integrate import SolverOptions, simulate_compiled
from ..solve.result import SimulationResult
from ..solve.schedule import Schedule
from . import komarova2003, lemaire2004, peterson2010, pivonka2008, trejo2019
from .base import Dose, PerturbationSpec, ReferenceModel, output_times, schedule_for

REGISTRY: dict[str, ReferenceModel] = {
    m.name: m for m in (komarova2003.MODEL, lemaire2004.MODEL, pivonka2008.MODEL, trejo2019.MODEL, peterson2010.MODEL)
}

__all__ = ["REGISTRY", "Dose", "PerturbationSpec", "ReferenceModel", "ReferenceRun", "compiled", "declaration",
           "get", "names", "prepare", "simulate"]


def names() -> tuple[str, ...]:
    """Names of the registered reference models."""
    return tuple(REGISTRY)


def get(name: str) -> ReferenceModel:
    """The registry entry of ``name`` (``UnknownNameError`` listing the allowed names)."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownNameError("reference model", name, list(REGISTRY)) from None


@lru_cache(maxsize=None)
def declaration(name: str) -> ModelDeclaration:
    """The declaration of reference model ``name`` (cached)."""
    return get(name).build()


@lru_cache(maxsize=None)
def compiled(name: str) -> CompiledModel:
    """The compiled reference model ``name`` (compiled once per process)."""
    return compile_model(declaration(name))


@dataclass(frozen=True)
class ReferenceRun:
    """Everything the solver needs for one run of a reference model."""

    name: str
    compiled: CompiledModel
    y0: np.ndarray
    parameters: dict[str, float]
    schedule: Schedule
    output_times: np.ndarray


def check_parameters(name: str, values: Mapping[str, float], where: str = "parameters") -> list[Issue]:
    """Unknown parameter ids of reference model ``name``."""
    known = declaration(name).parameters
    return [Issue(f"{where}.{k}", f"unknown parameter of reference model {name!r}; allowed: {', '.join(known)}")
            for k in values if k not in known]


def prepare(
    name: str,
    parameters: Mapping[str, float] | None = None,
    doses: Sequence[Dose] | None = None,
    days: float | None = None,
    output_interval_days: float | None = None,
) -> ReferenceRun:
    """Resolve a run of reference model ``name``.

    ``parameters`` override declared values (validated); ``doses`` default to
    the model's headline experiment (:attr:`ReferenceModel.default_doses`);
    ``days`` and ``output_interval_days`` default to the registry's horizon.
    The initial state follows the model's rule (analytic or numerical steady
    state, or the paper's initial values) with the overridden parameters, and
    before any perturbation.
    """
    model = get(name)
    c = compiled(name)
    parameters = dict(parameters or {})
    issues = check_parameters(name, parameters)
    if issues:
        raise ScenarioError(f"parameters of {name}", issues)
    declared = c.declaration.with_parameters(parameters)
    days = float(model.days if days is None else days)
    interval = float(model.output_interval_days if output_interval_days is None else output_interval_days)
    doses = model.default_doses if doses is None else tuple(doses)
    y0 = model.initial_state(c, declared)
    params, schedule = schedule_for(model, declared, doses, days)
    return ReferenceRun(name, c, y0, params, schedule, output_times(days, interval))


def simulate(
    name: str,
    parameters: Mapping[str, float] | None = None,
    doses: Sequence[Dose] | None = None,
    days: float | None = None,
    output_interval_days: float | None = None,
    options: SolverOptions | None = None,
    t_eval: Sequence[float] | np.ndarray | None = None,
) -> SimulationResult:
    """Prepare and integrate a run of reference model ``name`` (``t_eval`` replaces the output grid)."""
    run = prepare(name, parameters, doses, days, output_interval_days)
    times = run.output_times if t_eval is None else np.asarray(t_eval, dtype=float)
    result = simulate_compiled(run.compiled, run.y0, run.parameters, run.schedule, times, options)
    result.metadata.update({"model": name, "model_digest": run.compiled.digest, "citation": get(name).citation,
                            "initial_state": dict(zip(run.compiled.species_ids, map(float, run.y0)))})
    return result
