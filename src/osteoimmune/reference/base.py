"""What a reference model is, and how its named perturbations become solver inputs.

A published model is declared with the same records as the main model
(:class:`~osteoimmune.model.records.Species`, ``Parameter``, ``Assignment``,
``Process``) in one :class:`~osteoimmune.model.records.ModelDeclaration`,
compiled by :func:`~osteoimmune.solve.compile.compile_model` and integrated by
:func:`~osteoimmune.solve.integrate.simulate_compiled`.  This module holds the
small records shared by every reference model:

* :class:`PerturbationSpec` — a named experiment of the paper: an ``infusion``
  (an input parameter held at ``amount`` between ``start_day`` and
  ``end_day``, e.g. Lemaire's PTH injection ``I_P``) or a ``bolus`` (``amount``
  added to a species at ``start_day``, optionally repeated ``every_days``,
  e.g. Komarova's osteoclast trigger or a denosumab dose).
* :class:`Dose` — one use of a perturbation in a run.
* :class:`ReferenceModel` — the registry entry: builder, citation, default
  horizon, perturbations, initial-state rule.
* :func:`schedule_for` — doses → :class:`~osteoimmune.solve.schedule.Schedule`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Literal, Mapping, Sequence

import numpy as np

from ..errors import Issue, ScenarioError
from ..model.records import ModelDeclaration, ModuleDeclaration, Parameter
from ..solve.compile import CompiledModel
from ..solve.schedule import Jump, Schedule


@dataclass(frozen=True)
class PerturbationSpec:
    """A named experiment of a published model.

    ``kind="infusion"``: the input parameter ``target`` takes the value
    ``amount`` (in ``unit``) inside the window and its declared value outside.
    ``kind="bolus"``: ``amount`` (in ``unit``, times ``factor`` into the
    species' unit) is added to species ``target`` at ``start_day`` (repeated
    every ``every_days`` up to ``end_day`` if given).
    """

    name: str
    kind: Literal["infusion", "bolus"]
    target: str
    unit: str
    default: float
    description: str
    source: str
    #: multiplies ``amount`` into the target's own unit (e.g. mg of antibody -> nmol in the depot)
    factor: float = 1.0

    @classmethod
    def infusions(cls, source: str, rows: Sequence[tuple[str, str, float, str]]) -> dict[str, PerturbationSpec]:
        """Named pM/day infusions of input parameters, ``rows`` = (name, target parameter, default, description)."""
        return {name: cls(name, "infusion", target, "pM/day", default, what, source)
                for name, target, default, what in rows}


@dataclass(frozen=True)
class Dose:
    """One use of a named perturbation (``amount`` ``None`` = the perturbation's default)."""

    name: str
    amount: float | None = None
    start_day: float = 0.0
    end_day: float | None = None
    every_days: float | None = None


@dataclass(frozen=True)
class ReferenceModel:
    """Registry entry of one published model."""

    name: str
    build: Callable[[], ModelDeclaration]
    citation: str
    title: str
    days: float
    output_interval_days: float
    perturbations: Mapping[str, PerturbationSpec]
    #: ``initial_state(compiled, parameters)`` -> state vector before any perturbation
    initial_state: Callable[[CompiledModel, Mapping[str, float]], np.ndarray]
    #: the perturbations of the paper's headline experiment (used when a run names none)
    default_doses: tuple[Dose, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


def declaration(name: str, description: str, species, parameters, assignments, processes) -> ModelDeclaration:
    """A one-module :class:`ModelDeclaration` named ``name``."""
    module = ModuleDeclaration(name, description, list(species), list(parameters), list(assignments), list(processes))
    return ModelDeclaration(name, [module], description=description)


def parameter(pid: str, value: float, unit: str, description: str, source: str, module: str, **kw) -> Parameter:
    """Shorthand for a :class:`Parameter` record of a reference model."""
    return Parameter(id=pid, value=value, unit=unit, description=description, source=source, module=module, **kw)


def check_doses(model: ReferenceModel, doses: Sequence[Dose], days: float, where: str = "perturbations") -> list[Issue]:
    """Every problem of ``doses`` for ``model`` (unknown names, windows outside the run)."""
    issues: list[Issue] = []
    for i, d in enumerate(doses):
        loc = f"{where}.{i}"
        spec = model.perturbations.get(d.name)
        if spec is None:
            allowed = ", ".join(sorted(model.perturbations)) or "(none)"
            issues.append(Issue(f"{loc}.name", f"unknown perturbation {d.name!r} for model {model.name!r}; allowed: {allowed}"))
            continue
        if d.amount is not None and not (math.isfinite(d.amount) and d.amount >= 0):
            issues.append(Issue(f"{loc}.amount", f"must be a non-negative number in {spec.unit} (got {d.amount!r})"))
        if d.start_day >= days:
            issues.append(Issue(f"{loc}.start_day", f"{d.start_day} must be before the end of the run (days = {days})"))
        if d.end_day is not None and d.end_day <= d.start_day:
            issues.append(Issue(f"{loc}.end_day", f"{d.end_day} must be after start_day {d.start_day}"))
        if d.every_days is not None and spec.kind != "bolus":
            issues.append(Issue(f"{loc}.every_days", f"only bolus perturbations repeat; {d.name!r} is an {spec.kind}"))
    return issues


def schedule_for(
    model: ReferenceModel,
    declared: Mapping[str, float],
    doses: Sequence[Dose],
    days: float,
) -> tuple[dict[str, float], Schedule]:
    """Parameters at t = 0 and the schedule (input windows and bolus jumps) of ``doses``.

    Infusions on the same input add up; outside every window an input returns
    to its declared value.
    """
    issues = check_doses(model, doses, days)
    if issues:
        raise ScenarioError(f"perturbations of {model.name}", issues)
    params = dict(declared)
    jumps: list[Jump] = []
    windows: list[tuple[float, float, str, float]] = []
    for d in doses:
        spec = model.perturbations[d.name]
        amount = (spec.default if d.amount is None else float(d.amount)) * spec.factor
        if spec.kind == "bolus":
            last = days if d.end_day is None else min(d.end_day, days)
            k = 0
            while True:
                t = d.start_day + k * (d.every_days or 0.0)
                if t >= days or t > last or (k > 0 and d.every_days is None):
                    break
                jumps.append(Jump(float(t), spec.target, amount, "add", d.name))
                k += 1
            continue
        end = days if d.end_day is None else min(d.end_day, days)
        windows.append((d.start_day, end, spec.target, amount))
    times = sorted({0.0, days, *[w[0] for w in windows], *[w[1] for w in windows]})
    changes: dict[float, dict[str, float]] = {}
    for t in times[:-1]:
        for _, _, key, _ in windows:
            active = sum(v for a, b, k, v in windows if k == key and a <= t < b)
            changes.setdefault(t, {})[key] = declared[key] + active
    if 0.0 in changes:
        params.update(changes.pop(0.0))
    return params, Schedule.build(0.0, days, changes, jumps)


def output_times(days: float, interval: float) -> np.ndarray:
    """``0, interval, 2·interval, ..., days`` (``days`` always included)."""
    n = int(round(days / interval))
    out = [min(days, i * interval) for i in range(n + 1)]
    if out[-1] < days:
        out.append(days)
    return np.asarray(out, dtype=float)


def relaxed_steady_state(compiled: CompiledModel, parameters: Mapping[str, float]) -> np.ndarray:
    """Steady state from the declared initial values: relaxation, then Newton on the exact Jacobian."""
    from ..solve.integrate import SolverOptions, steady_state

    return steady_state(compiled, parameters, None, options=SolverOptions(rtol=1e-10, atol_scale=1e-12), tol=1e-13)


def declared_initial_state(compiled: CompiledModel, parameters: Mapping[str, float]) -> np.ndarray:
    """The declared initial values of the species (the paper's initial conditions)."""
    decl = compiled.declaration
    return np.array([decl.species[s].initial for s in compiled.species_ids], dtype=float)
