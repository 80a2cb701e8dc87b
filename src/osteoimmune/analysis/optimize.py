"""Intervention design: search dose, start day and duration of interventions to optimise an outcome.

The design variables are fields (``dose``, ``start_day``, ``duration_days``) of one or more interventions of the
catalogue (:mod:`osteoimmune.scenario.agents`: e.g. ``il4`` released from a scaffold, ``nsaid`` timing,
``bmsc_transplantation`` day and cell dose), each either fixed or searched within ``[low, high]``.  Constraints:
the bounds, the agent's maximum dose (scenario validation), and an optional maximum total dose per agent
(``dose × duration`` for delivery rates, with the window cut at the end of the run; the dose for a bolus).

:func:`optimize_interventions` runs SciPy's :func:`~scipy.optimize.differential_evolution` (Storn & Price 1997)
with ``vectorized=True``: each generation's population is one batch of rows evaluated through the engine in
chunks; the total-dose limit is a :class:`~scipy.optimize.NonlinearConstraint`.  The objective is the chosen
outcome on the base scenario (or the mean over a small cohort), negated where higher is better.
:func:`robustness` then simulates the optimum and the untreated baseline for every patient of a virtual cohort and
reports both outcome distributions and the paired improvement with a bootstrap CI.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import Issue, UnknownNameError
from ..scenario.agents import AGENTS
from .outcomes_of import OUTCOMES, ModelEvaluator, check_outcomes, evaluate
from .space import AnalysisError

FIELDS = ("dose", "start_day", "duration_days")
#: objective value of a design whose simulations all failed (minimisation)
FAILED_OBJECTIVE = 1e6


class InterventionDesign(BaseModel):
    """One intervention of the design: fixed values or ``[low, high]`` ranges for dose, start_day, duration_days."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agent: str
    unit: str
    route: Literal["local", "systemic", "scaffold"] = "local"
    dose: float | tuple[float, float]
    start_day: float | tuple[float, float] = 0.0
    duration_days: float | tuple[float, float] | None = None
    release: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _check(self) -> "InterventionDesign":
        if self.agent not in AGENTS:
            raise ValueError(f"unknown agent {self.agent!r}; allowed: {', '.join(sorted(AGENTS))}")
        spec = AGENTS[self.agent]
        if self.unit not in spec.units:
            raise ValueError(f"unit {self.unit!r} not allowed for {self.agent!r}; allowed: {', '.join(spec.units)}")
        if spec.kind == "bolus" and self.duration_days is not None:
            raise ValueError(f"{self.agent!r} is a bolus (given at start_day): omit duration_days")
        for name in FIELDS:
            v = getattr(self, name)
            if isinstance(v, tuple) and not v[0] < v[1]:
                raise ValueError(f"{name} range must be [low, high] with low < high (got {list(v)})")
        return self

    def variables(self) -> list[tuple[str, float, float]]:
        return [(n, float(v[0]), float(v[1])) for n in FIELDS if isinstance(v := getattr(self, n), tuple)]


@dataclass(frozen=True)
class InterventionMapping:
    """A row of design variables → the base scenario plus the designed interventions (a NaN row: no treatment)."""

    designs: tuple[InterventionDesign, ...]

    @property
    def variables(self) -> list[tuple[int, str, float, float]]:
        return [(k, n, lo, hi) for k, d in enumerate(self.designs) for n, lo, hi in d.variables()]

    @property
    def names(self) -> list[str]:
        return [f"{self.designs[k].agent}.{n}" if sum(d.agent == self.designs[k].agent for d in self.designs) == 1
                else f"{self.designs[k].agent}[{k}].{n}" for k, n, _, _ in self.variables]

    def interventions(self, row: np.ndarray) -> list[dict[str, Any]]:
        values = [dict(agent=d.agent, unit=d.unit, route=d.route,
                       **{n: getattr(d, n) for n in FIELDS if not isinstance(getattr(d, n), tuple)
                          and getattr(d, n) is not None},
                       **({"release": d.release} if d.release else {})) for d in self.designs]
        for (k, n, _, _), v in zip(self.variables, np.asarray(row, float)):
            values[k][n] = float(v)
        return values

    def apply(self, scenario: Any, row: np.ndarray) -> Any:
        from ..scenario.schema import Intervention

        row = np.asarray(row, float)
        if row.size and np.isnan(row).all():
            return scenario
        added = [Intervention.model_validate(iv) for iv in self.interventions(row)]
        return scenario.model_copy(update={"interventions": [*scenario.interventions, *added]})

    def total_doses(self, rows: np.ndarray, days: float) -> dict[str, np.ndarray]:
        """Per agent: Σ dose × duration (rates; window cut at ``days``) or Σ dose (bolus), in canonical units."""
        rows = np.atleast_2d(np.asarray(rows, float))
        out: dict[str, np.ndarray] = {}
        for k, d in enumerate(self.designs):
            spec = AGENTS[d.agent]
            cols = {n: j for j, (kk, n, _, _) in enumerate(self.variables) if kk == k}

            def val(name: str, default: float) -> np.ndarray:
                if name in cols:
                    return rows[:, cols[name]]
                v = getattr(d, name)
                return np.full(len(rows), default if v is None else float(v))

            dose = val("dose", 0.0) * spec.units[d.unit]
            if spec.kind == "bolus":
                total = dose
            else:
                start = val("start_day", 0.0)
                dur = val("duration_days", math.inf)
                total = dose * np.clip(np.minimum(start + dur, days) - start, 0.0, None)
            out[d.agent] = out.get(d.agent, 0.0) + total
        return out


class OptimizeSpec(BaseModel):
    """The file of ``osteoimmune optimize`` (schema version 1); see docs/analysis.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    name: str = Field("optimize", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    scenario: str
    set: list[str] = Field(default_factory=list)
    interventions: list[InterventionDesign] = Field(min_length=1)
    objective: str
    max_total_dose: dict[str, float] = Field(default_factory=dict, description="agent -> limit (canonical unit x day)")
    maxiter: int = Field(10, ge=1)
    popsize: int = Field(6, ge=2, description="population = popsize x number of variables")
    tol: float = Field(0.01, ge=0)
    seed: int = Field(0, ge=0)
    polish: bool = False
    search_cohort: str | None = Field(None, description="optimise the mean over this cohort instead of the scenario")
    search_cohort_size: int = Field(5, ge=1)
    robustness_cohort: str | None = Field(None, description="cohort for the robustness check (default: none)")
    robustness_size: int = Field(20, ge=2)
    chunk_size: int = Field(4, ge=1)
    scheduler: str | None = None
    union_threshold: float = Field(0.6, gt=0, le=1)
    backend: str = "auto"

    @model_validator(mode="after")
    def _check(self) -> "OptimizeSpec":
        if self.objective not in OUTCOMES:
            raise ValueError(f"unknown objective {self.objective!r}; allowed: {', '.join(OUTCOMES)}")
        if OUTCOMES[self.objective].better is None:
            raise ValueError(f"objective {self.objective!r} has no better direction")
        if not any(d.variables() for d in self.interventions):
            raise ValueError("nothing to search: give at least one [low, high] range")
        agents = {d.agent for d in self.interventions}
        bad = [a for a in self.max_total_dose if a not in agents]
        if bad:
            raise ValueError(f"max_total_dose names {bad}, not among the designed agents {sorted(agents)}")
        return self


def load_optimize(path: str | Path, updates: dict[str, Any] | None = None) -> tuple[OptimizeSpec, Path]:
    from .sensitivity import pydantic_issues, read_yaml_spec

    raw, base_dir = read_yaml_spec(path, "optimize")
    raw.update(updates or {})
    try:
        return OptimizeSpec.model_validate(raw), base_dir
    except ValidationError as exc:
        raise AnalysisError(f"optimize {path}", pydantic_issues(exc)) from None


@dataclass
class OptimizeResult:
    """The optimum, its objective, the search history and (after :func:`robustness`) the cohort check."""

    mapping: InterventionMapping
    objective: str
    x: np.ndarray
    value: float
    baseline_value: float
    nfev: int
    nit: int
    message: str
    history: pd.DataFrame
    total_doses: dict[str, float]

    def optimum_table(self) -> pd.DataFrame:
        return pd.DataFrame({"variable": self.mapping.names, "optimum": self.x,
                             "low": [v[2] for v in self.mapping.variables],
                             "high": [v[3] for v in self.mapping.variables]})


def _objective_values(y: np.ndarray, better: str) -> np.ndarray:
    y = np.asarray(y, float).reshape(-1)
    f = -y if better == "higher" else y
    return np.where(np.isfinite(f), f, FAILED_OBJECTIVE)


def optimize_interventions(scenarios: Sequence[Any], designs: Sequence[InterventionDesign], objective: str,
                           max_total_dose: dict[str, float] | None = None, maxiter: int = 10, popsize: int = 6,
                           tol: float = 0.01, seed: int = 0, polish: bool = False, engine: Any = None,
                           store: Any = None, chunk_size: int = 4, union_threshold: float = 0.6,
                           backend: str = "auto", progress: bool = False) -> OptimizeResult:
    """Differential evolution over the design variables, each generation evaluated on the engine."""
    from scipy.optimize import NonlinearConstraint, differential_evolution

    from ..engine import Engine

    mapping = InterventionMapping(tuple(designs))
    variables = mapping.variables
    if not variables:
        raise AnalysisError("interventions", [Issue("interventions", "no [low, high] range to search")])
    scenarios = list(scenarios)
    days = min(float(s.days) for s in scenarios)
    for k, n, lo, hi in variables:
        if n == "start_day" and hi >= days:
            raise AnalysisError("interventions", [Issue(f"interventions.{k}.start_day",
                                                        f"upper bound {hi:g} must be before the end of the run "
                                                        f"(days = {days:g})")])
    # every corner of the box must be a valid intervention (units, maximum doses)
    try:
        mapping.apply(scenarios[0], np.array([v[3] for v in variables]))
    except ValidationError as exc:
        raise AnalysisError("interventions", [Issue("interventions", str(e["msg"])) for e in exc.errors()]) from None
    check_outcomes([objective], days)
    better = OUTCOMES[objective].better
    ev = ModelEvaluator.for_scenarios(scenarios, mapping, [objective], union_threshold, backend)
    own = engine is None
    engine = engine or Engine()
    history: list[np.ndarray] = []
    limits = dict(max_total_dose or {})

    def func(x: np.ndarray) -> np.ndarray:  # x: (N, S) -> (S,)
        rows = np.atleast_2d(np.asarray(x, float).T)
        y = evaluate(ev, rows, engine=engine, store=store, chunk_size=chunk_size, progress=progress,
                     desc=f"generation ({len(rows)} designs)").reshape(-1)
        history.append(np.column_stack([rows, y]))
        return _objective_values(y, better)

    constraints = []
    if limits:
        agents = list(limits)

        def total(x: np.ndarray) -> np.ndarray:  # (N,) or (N, S) -> (M,) or (M, S)
            x = np.asarray(x, float)
            rows = x.T if x.ndim == 2 else x[None, :]
            doses = mapping.total_doses(rows, days)
            out = np.array([doses[a] for a in agents])
            return out if x.ndim == 2 else out[:, 0]

        constraints.append(NonlinearConstraint(total, -np.inf, np.array([limits[a] for a in agents], float)))
    try:
        baseline = float(evaluate(ev, np.full((1, len(variables)), np.nan), engine=engine, store=store,
                                  chunk_size=1).reshape(-1)[0])
        sol = differential_evolution(func, bounds=[(lo, hi) for _, _, lo, hi in variables], maxiter=maxiter,
                                     popsize=popsize, tol=tol, seed=seed, polish=polish, vectorized=True,
                                     updating="deferred", constraints=tuple(constraints), init="latinhypercube")
    finally:
        if own:
            engine.close()
    hist = pd.DataFrame(np.vstack(history) if history else np.zeros((0, len(variables) + 1)),
                        columns=[*mapping.names, objective])
    hist.insert(0, "generation", np.concatenate([np.full(len(h), i) for i, h in enumerate(history)])
                if history else np.zeros(0, int))
    value = -float(sol.fun) if better == "higher" else float(sol.fun)
    doses = {a: float(v[0]) for a, v in mapping.total_doses(sol.x[None, :], days).items()}
    return OptimizeResult(mapping, objective, np.asarray(sol.x, float), value, baseline, int(len(hist)),
                          int(sol.nit), str(sol.message), hist, doses)


@dataclass
class Robustness:
    """Outcome of baseline and optimum for every patient of a cohort, and the paired improvement."""

    objective: str
    baseline: np.ndarray
    optimum: np.ndarray
    improvement: float
    ci_low: float
    ci_high: float
    conf_level: float

    def summary(self) -> pd.DataFrame:
        rows = []
        for arm, v in (("baseline", self.baseline), ("optimum", self.optimum)):
            f = v[np.isfinite(v)]
            rows.append({"arm": arm, "patients": int(f.size), "mean": float(f.mean()) if f.size else np.nan,
                         "p10": float(np.quantile(f, 0.1)) if f.size else np.nan,
                         "median": float(np.median(f)) if f.size else np.nan,
                         "p90": float(np.quantile(f, 0.9)) if f.size else np.nan})
        return pd.DataFrame(rows)


def robustness(result: OptimizeResult, cohort: Sequence[Any], engine: Any = None, store: Any = None,
               chunk_size: int = 4, n_boot: int = 2000, conf_level: float = 0.95, seed: int = 0,
               union_threshold: float = 0.6, backend: str = "auto", progress: bool = False) -> Robustness:
    """Simulate every cohort patient untreated and at the optimum; paired improvement with a bootstrap CI."""
    from .targets import bootstrap_mean_ci

    ev = ModelEvaluator.for_scenarios(list(cohort), result.mapping, [result.objective], union_threshold, backend)
    rows = np.vstack([np.full(len(result.x), np.nan), result.x])
    y = evaluate(ev, rows, engine=engine, store=store, chunk_size=1, progress=progress, per_patient=True,
                 desc=f"robustness ({ev.n_patients} patients)").reshape(2, ev.n_patients)
    sign = 1.0 if OUTCOMES[result.objective].better == "higher" else -1.0
    mean, lo, hi, _ = bootstrap_mean_ci(sign * (y[1:] - y[:1]), n_boot, conf_level, seed)
    return Robustness(result.objective, y[0], y[1], float(mean[0]), float(lo[0]), float(hi[0]), conf_level)


def check_agent(name: str) -> str:
    if name not in AGENTS:
        raise UnknownNameError("agent", name, sorted(AGENTS))
    return name
