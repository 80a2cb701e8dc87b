"""Validated records that make up a model declaration.

A model is declared once as :class:`ModelDeclaration`: species (state variables
with units), parameters (validated records with value, unit, bounds and
source), assignments (named algebraic intermediates, e.g. quasi-steady RANKL)
and processes (rate laws with stoichiometry, each linked to the evidence-base
interactions it implements).  Every backend (reference solver, SBML export,
batched and spatial solvers) consumes this declaration and nothing else.

Rate laws are SymPy expressions in the symbols of species, parameters,
assignments and the time symbol ``t`` (day).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Mapping

import sympy as sp
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Issue, ModelError, UnknownNameError

#: The time symbol; every model's time unit is the day.
TIME = sp.Symbol("t", real=True, nonnegative=True)

_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_PARAM_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"


class Scale(str, Enum):
    """Scale on which a parameter is estimated or sampled."""

    lin = "lin"
    log10 = "log10"


class ParameterKind(str, Enum):
    """How a parameter is used.

    ``constant``: a fixed or estimable rate constant / threshold.
    ``input``: an exogenous input a scenario may change over time
    (piecewise-constant between scenario breakpoints: drug exposure, scaffold
    release rate, estrogen level, ...).
    ``switch``: a named-hypothesis selector (0 or 1) for contested mechanisms.
    """

    constant = "constant"
    input = "input"
    switch = "switch"


class Parameter(BaseModel):
    """A validated parameter record."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_PARAM_PATTERN)
    value: float
    unit: str
    description: str
    source: str = Field(
        description="Where the value comes from: 'seed:<file> §section', "
        "'cite:<citation id>' (see knowledge/data/citations.yaml), "
        "'calibrated: <how>' or 'derived: <expression>'."
    )
    lower: float | None = None
    upper: float | None = None
    scale: Scale = Scale.lin
    estimate: bool = False
    kind: ParameterKind = ParameterKind.constant
    module: str = ""

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"value must be finite, got {v}")
        return v

    @model_validator(mode="after")
    def _bounds(self) -> "Parameter":
        lo = self.lower if self.lower is not None else -math.inf
        hi = self.upper if self.upper is not None else math.inf
        if lo > hi:
            raise ValueError(f"lower bound {lo} exceeds upper bound {hi}")
        if not lo <= self.value <= hi:
            raise ValueError(f"value {self.value} outside bounds [{lo}, {hi}]")
        if self.scale is Scale.log10 and lo <= 0:
            raise ValueError("log10-scaled parameters need a positive lower bound")
        return self

    @property
    def symbol(self) -> sp.Symbol:
        return sp.Symbol(self.id, real=True)


class _EntityLinked:
    """Shared by species and assignments: SymPy symbol and evidence-base entity id."""

    id: str
    entity: str | None

    @property
    def symbol(self) -> sp.Symbol:
        return sp.Symbol(self.id, real=True)

    @property
    def entity_id(self) -> str:
        return self.entity or self.id


class Species(_EntityLinked, BaseModel):
    """A state variable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str
    unit: str
    description: str
    module: str = ""
    #: evidence-base entity id (defaults to ``id``)
    entity: str | None = None
    #: typical magnitude, used for absolute tolerances and plots
    scale: float = Field(default=1.0, gt=0)
    #: default initial value (the scenario usually replaces it by a steady state)
    initial: float = 0.0
    nonnegative: bool = True



@dataclass(frozen=True)
class Assignment(_EntityLinked):
    """A named algebraic intermediate ``id = expr`` (an SBML assignment rule)."""

    id: str
    expr: sp.Expr
    unit: str
    description: str
    module: str = ""
    entity: str | None = None
    implements: tuple[str, ...] = ()



@dataclass(frozen=True)
class Process:
    """A rate law with stoichiometry: ``d[s]/dt += stoichiometry[s] * rate``.

    ``implements`` lists evidence-base interaction ids (``I123``) or citation
    keys (``cite:pivonka2008``) that the process puts into equations.
    """

    id: str
    rate: sp.Expr
    stoichiometry: Mapping[str, float]
    description: str
    implements: tuple[str, ...] = ()
    module: str = ""
    #: unit of the rate (species unit per day)
    unit: str = ""

    def species(self) -> tuple[str, ...]:
        return tuple(self.stoichiometry)


@dataclass(frozen=True)
class Hypothesis:
    """A contested mechanism with named alternatives, selected by a switch.

    ``alternatives`` maps an alternative's name to the switch value (0 or 1).
    """

    id: str
    switch: str
    alternatives: Mapping[str, float]
    description: str
    default: str
    evidence: tuple[str, ...] = ()


@dataclass
class ModuleDeclaration:
    """Part of the model contributed by one biological module."""

    name: str
    description: str
    species: list[Species] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)


class ModelDeclaration:
    """The single declaration of a mechanistic model.

    Build it from module declarations; it checks that every symbol used in a
    rate law or assignment is declared, that ids are unique and that every
    process touches only declared species.
    """

    def __init__(self, name: str, modules: Iterable[ModuleDeclaration], description: str = ""):
        self.name = name
        self.description = description
        self.modules: tuple[ModuleDeclaration, ...] = tuple(modules)
        self.species: dict[str, Species] = {}
        self.parameters: dict[str, Parameter] = {}
        self.assignments: dict[str, Assignment] = {}
        self.processes: dict[str, Process] = {}
        self.hypotheses: dict[str, Hypothesis] = {}
        issues: list[Issue] = []
        seen: dict[str, str] = {}
        for mod in self.modules:
            for kind, items, target in (
                ("species", mod.species, self.species),
                ("parameter", mod.parameters, self.parameters),
                ("assignment", mod.assignments, self.assignments),
                ("process", mod.processes, self.processes),
                ("hypothesis", mod.hypotheses, self.hypotheses),
            ):
                for item in items:
                    key = item.id
                    ns = "process" if kind == "process" else "hypothesis" if kind == "hypothesis" else "symbol"
                    full = f"{ns}:{key}"
                    if full in seen:
                        issues.append(Issue(f"{mod.name}.{key}", f"{kind} id {key!r} already declared in module {seen[full]}"))
                        continue
                    seen[full] = mod.name
                    target[key] = item
        issues.extend(self._check())
        if issues:
            raise ModelError(f"model {name!r} is inconsistent", issues)

    # ------------------------------------------------------------------ checks
    def _check(self) -> list[Issue]:
        issues: list[Issue] = []
        known = set(self.species) | set(self.parameters) | {"t"}
        # assignments may only use symbols declared before them (topological order)
        for a in self.assignments.values():
            unknown = {s.name for s in a.expr.free_symbols} - known
            if unknown:
                issues.append(Issue(f"assignment.{a.id}", f"uses undeclared or later-declared symbols {sorted(unknown)}"))
            known.add(a.id)
        for p in self.processes.values():
            unknown = {s.name for s in p.rate.free_symbols} - known
            if unknown:
                issues.append(Issue(f"process.{p.id}", f"rate uses undeclared symbols {sorted(unknown)}"))
            for s in p.stoichiometry:
                if s not in self.species:
                    issues.append(Issue(f"process.{p.id}", f"stoichiometry names unknown species {s!r}"))
        for h in self.hypotheses.values():
            if h.switch not in self.parameters:
                issues.append(Issue(f"hypothesis.{h.id}", f"switch parameter {h.switch!r} is not declared"))
            if h.default not in h.alternatives:
                issues.append(Issue(f"hypothesis.{h.id}", f"default {h.default!r} not among {sorted(h.alternatives)}"))
        return issues

    # ------------------------------------------------------------------ access
    @property
    def species_ids(self) -> tuple[str, ...]:
        return tuple(self.species)

    @property
    def parameter_ids(self) -> tuple[str, ...]:
        return tuple(self.parameters)

    def parameter_values(self) -> dict[str, float]:
        return {k: p.value for k, p in self.parameters.items()}

    def lookup(self, name: str) -> Species | Parameter | Assignment | Process:
        for table in (self.species, self.parameters, self.assignments, self.processes):
            if name in table:
                return table[name]
        raise UnknownNameError("model symbol", name, [*self.species, *self.parameters, *self.assignments])

    def module_of(self, name: str) -> str:
        for mod in self.modules:
            for items in (mod.species, mod.parameters, mod.assignments, mod.processes):
                if any(i.id == name for i in items):
                    return mod.name
        raise UnknownNameError("model symbol", name, [*self.species, *self.parameters])

    def rhs_expressions(self, substitute_assignments: bool = False) -> dict[str, sp.Expr]:
        """The right-hand side ``dy/dt`` of every species as SymPy expressions."""
        rhs: dict[str, sp.Expr] = {s: sp.Integer(0) for s in self.species}
        for p in self.processes.values():
            for s, coeff in p.stoichiometry.items():
                c = sp.Integer(int(coeff)) if float(coeff).is_integer() else sp.Float(coeff)
                rhs[s] = rhs[s] + c * p.rate
        if substitute_assignments:
            subs = self.assignment_substitutions()
            rhs = {k: v.xreplace(subs) for k, v in rhs.items()}
        return rhs

    def assignment_substitutions(self) -> dict[sp.Symbol, sp.Expr]:
        """Assignments expanded into species/parameter symbols, in order."""
        subs: dict[sp.Symbol, sp.Expr] = {}
        for a in self.assignments.values():
            subs[a.symbol] = a.expr.xreplace(subs)
        return subs

    def processes_involving(self, name: str) -> list[Process]:
        """Processes whose stoichiometry or rate law involves ``name``."""
        sym = sp.Symbol(name, real=True)
        subs = self.assignment_substitutions()
        out = []
        for p in self.processes.values():
            if name in p.stoichiometry or sym in p.rate.free_symbols or sym in p.rate.xreplace(subs).free_symbols:
                out.append(p)
        return out

    def with_parameters(self, values: Mapping[str, float]) -> dict[str, float]:
        """Full parameter vector with ``values`` overriding defaults (validated)."""
        out = self.parameter_values()
        bad = [k for k in values if k not in out]
        if bad:
            raise UnknownNameError("parameter", bad[0], list(out))
        out.update({k: float(v) for k, v in values.items()})
        return out

    def __repr__(self) -> str:
        return (
            f"ModelDeclaration({self.name!r}: {len(self.species)} species, {len(self.parameters)} parameters, "
            f"{len(self.assignments)} assignments, {len(self.processes)} processes)"
        )
