"""SBML → osteoimmune: :func:`import_sbml` turns an SBML ODE model into a :class:`ModelDeclaration`.

What maps to what (the value of a species is what its id means in SBML math: its concentration, or its amount when
``hasOnlySubstanceUnits`` is true):

* a species changed by reactions or a rate rule, and a parameter or compartment with a rate rule → :class:`Species`
  (a state). A reaction adds ``stoichiometry × kineticLaw / size(compartment)`` to a concentration species (the
  kinetic law is in substance per time) and ``stoichiometry × kineticLaw`` to an amount species: one
  :class:`Process` per reaction and compartment. A rate rule is a :class:`Process` ``rate_rule_<id>``.
* an assignment rule → :class:`Assignment`, ordered topologically (an algebraic loop is an error).
* a constant species, a boundary species without rules, a parameter and a compartment → :class:`Parameter`
  (kinetic-law local parameters become global parameters ``<reaction>_<id>``).
* initial assignments (and initial amounts of concentration species) are evaluated at t = 0 together with the
  assignment rules; :meth:`ImportedModel.initial_values` re-evaluates them when parameters are overridden.
* function definitions are inlined; ``piecewise``, ``max``/``min`` and the relational/logical operators are kept.
* events triggered by time alone (``time >= T``, ``time == T``, combined with ``and``/``or``, T may depend on
  parameters that events change, as in Peterson's self-rescheduling dose event) are resolved into a
  :class:`~osteoimmune.solve.schedule.Schedule`: state changes become :class:`Jump` s, parameter changes
  become segments. Events triggered by states (``x1 > x1_bar``) are located by root finding in
  :mod:`osteoimmune.interchange.events`. Trigger semantics follow SBML: an event fires when its trigger goes
  from false to true; a trigger already true at t = 0 fires only if its ``initialValue`` is false (Level 3);
  in Level 2 it never fires at t = 0 (the Komarova 2003 trap).

Rejected with a :class:`ModelError` naming the element (never silently ignored): algebraic rules, fast
reactions, event delays other than 0, ``delay()``, ``rateOf()``, conversion factors, variable compartments,
stoichiometries that change, constraints, assignments to a reaction's species reference, state-dependent
assignments of time-triggered events and state triggers that are not a single ``<``/``<=``/``>``/``>=``.

Time keeps the file's unit (:attr:`ImportedModel.time_unit`, also written into the declaration's description):
Peterson 2010 runs in hours, and so do its imported simulations.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping, Sequence

import libsbml
import numpy as np
import sympy as sp

from ..errors import Issue, ModelError
from ..model.records import TIME, Assignment, ModelDeclaration, ModuleDeclaration, Parameter, ParameterKind, Process, Species
from .mathml import MathReader

_SPECIES_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _err(where: str, message: str, what: str = "SBML model cannot be imported") -> ModelError:
    return ModelError(what, [Issue(where, message)])


# ---------------------------------------------------------------------- events
@dataclass(frozen=True)
class EventSpec:
    """An SBML event in osteoimmune ids: ``trigger`` (SymPy boolean), ``assignments`` ((target, expr), ...)."""

    id: str
    trigger: sp.Basic
    assignments: tuple[tuple[str, sp.Expr], ...]
    initial_value: bool
    priority: sp.Expr | None
    order: int
    state_triggered: bool


# ---------------------------------------------------------------------- result
@dataclass
class ImportedModel:
    """An imported SBML model: the declaration plus what SBML keeps outside the equations.

    ``id_map`` maps osteoimmune ids to the SBML ids they came from (species ids are lower-cased to fit the
    declaration's id rules). ``initial_state``/``parameters`` are the values at t = 0 with every initial
    assignment evaluated. ``time_unit`` is the file's time unit, unchanged (``"hour"`` for Peterson 2010).
    """

    declaration: ModelDeclaration
    source: str
    level: int
    version: int
    time_unit: str
    id_map: dict[str, str]
    initial_state: dict[str, float]
    parameters: dict[str, float]
    events: tuple[EventSpec, ...]
    raw_values: dict[str, float]
    initial_definitions: tuple[tuple[str, sp.Expr], ...]
    notes: list[str] = field(default_factory=list)

    @property
    def sbml_id(self) -> dict[str, str]:
        return self.id_map

    @property
    def osteoimmune_id(self) -> dict[str, str]:
        """SBML id → osteoimmune id."""
        return {v: k for k, v in self.id_map.items()}

    @property
    def time_events(self) -> tuple[EventSpec, ...]:
        return tuple(e for e in self.events if not e.state_triggered)

    @property
    def state_events(self) -> tuple[EventSpec, ...]:
        return tuple(e for e in self.events if e.state_triggered)

    @cached_property
    def compiled(self):
        from ..solve.compile import compile_model

        return compile_model(self.declaration)

    def initial_values(self, overrides: Mapping[str, float] | None = None) -> tuple[dict[str, float], dict[str, float]]:
        """(initial state, parameters) at t = 0 with ``overrides`` (osteoimmune ids) applied to the file's values
        *before* the initial assignments are evaluated (so derived values follow)."""
        if not overrides:
            return dict(self.initial_state), dict(self.parameters)
        unknown = [k for k in overrides if k not in self.raw_values]
        if unknown:
            from ..errors import UnknownNameError

            raise UnknownNameError("imported model value", unknown[0], list(self.raw_values))
        raw = dict(self.raw_values)
        raw.update({k: float(v) for k, v in overrides.items()})
        values = _evaluate_definitions(raw, self.initial_definitions, self.declaration)
        decl = self.declaration
        return ({s: values[s] for s in decl.species}, {p: values[p] for p in decl.parameters})

    def schedule(self, t_end: float, parameters: Mapping[str, float] | None = None):
        """(parameters at t = 0, :class:`Schedule` over ``[0, t_end]``) from the time-triggered events."""
        from .events import schedule_time_events

        params = dict(self.parameters if parameters is None else parameters)
        return schedule_time_events(self, params, float(t_end))

    def simulate(self, t_eval: Sequence[float] | np.ndarray, options=None, overrides: Mapping[str, float] | None = None):
        """Simulate with osteoimmune's solvers (time in the file's unit); see :mod:`osteoimmune.interchange.events`."""
        from .events import simulate_imported

        return simulate_imported(self, np.asarray(t_eval, float), options, overrides)


# ---------------------------------------------------------------------- helpers
def _evaluate(expr: sp.Expr, values: Mapping[str, float], where: str) -> float:
    subs = {s: values[s.name] for s in expr.free_symbols if s.name in values}
    subs[TIME] = 0.0
    try:
        v = expr.xreplace({sym: sp.Float(val) for sym, val in subs.items()} | {TIME: sp.Integer(0)})
        return float(v)
    except (TypeError, ValueError) as exc:
        missing = sorted(s.name for s in expr.free_symbols if s.name not in values and s != TIME)
        raise _err(where, f"cannot evaluate at t = 0 ({exc}); undetermined symbols {missing}") from None


def _evaluate_definitions(raw: Mapping[str, float], defs: Sequence[tuple[str, sp.Expr]],
                          decl: ModelDeclaration | None = None) -> dict[str, float]:
    """Evaluate initial assignments and assignment rules (``defs``) at t = 0 in dependency order."""
    values = {k: v for k, v in raw.items()}
    defined = {k for k, _ in defs}
    for k in defined:
        values.pop(k, None)
    pending = list(defs)
    while pending:
        progressed = False
        rest = []
        for target, expr in pending:
            needs = {s.name for s in expr.free_symbols if s != TIME}
            if needs <= values.keys():
                values[target] = _evaluate(expr, values, f"initial value of {target}")
                progressed = True
            else:
                rest.append((target, expr))
        if not progressed:
            target, expr = rest[0]
            missing = sorted({s.name for s in expr.free_symbols if s != TIME} - values.keys())
            raise _err(target, f"initial value depends on {missing}, which have no value (cycle or NaN in the file)")
        pending = rest
    return values


def _unit_text(model: libsbml.Model, ref: str) -> str:
    if not ref:
        return ""
    ud = model.getUnitDefinition(ref)
    if ud is None:
        return ref
    parts = []
    for u in ud.getListOfUnits():
        kind = libsbml.UnitKind_toString(u.getKind())
        factor = u.getMultiplier() * 10 ** u.getScale()
        txt = kind if factor == 1 else f"({factor:g} {kind})"
        exp = u.getExponent()
        parts.append(txt if exp == 1 else f"{txt}^{exp:g}")
    return "*".join(parts) or "dimensionless"


def _time_unit(model: libsbml.Model, level: int) -> str:
    ref = model.getTimeUnits() if (level >= 3 and model.isSetTimeUnits()) else ("time" if model.getUnitDefinition("time") else "")
    if not ref:
        return "second (SBML default; the file declares no time unit)"
    ud = model.getUnitDefinition(ref)
    if ud is None:
        return ref
    if ud.getNumUnits() == 1:
        u = ud.getUnit(0)
        kind = libsbml.UnitKind_toString(u.getKind())
        factor = u.getMultiplier() * 10 ** u.getScale()
        if kind == "second" and u.getExponent() == 1:
            named = {1.0: "second", 60.0: "minute", 3600.0: "hour", 86400.0: "day", 604800.0: "week"}
            for f, name in named.items():
                if math.isclose(factor, f, rel_tol=1e-12):
                    return name
            return f"({factor:g} second)"
        if kind == "dimensionless":
            return "dimensionless"
    return _unit_text(model, ref)


class _Ids:
    """Assigns valid, unique osteoimmune ids to SBML ids."""

    def __init__(self) -> None:
        self.used: set[str] = {"t"}
        self.to_sbml: dict[str, str] = {}
        self.from_sbml: dict[str, str] = {}

    def add(self, sbml_id: str, species_like: bool) -> str:
        oid = sbml_id
        if species_like:
            oid = re.sub(r"[^a-z0-9_]", "_", oid.lower())
            if not _SPECIES_ID.match(oid):
                oid = "s_" + oid
        elif not _PARAM_ID.match(oid):
            oid = "p" + re.sub(r"[^A-Za-z0-9_]", "_", oid)
        base, k = oid, 2
        while oid in self.used:
            oid = f"{base}_{k}"
            k += 1
        self.used.add(oid)
        self.to_sbml[oid] = sbml_id
        self.from_sbml[sbml_id] = oid
        return oid


def _read_document(path_or_string: str | Path) -> tuple[libsbml.SBMLDocument, str]:
    text = str(path_or_string)
    if isinstance(path_or_string, Path) or (not text.lstrip().startswith("<") and len(text) < 4096):
        path = Path(path_or_string)
        if not path.is_file():
            raise _err("file", f"SBML file {str(path)!r} does not exist", "cannot read SBML")
        doc = libsbml.readSBMLFromFile(str(path))
        source = str(path)
    else:
        doc = libsbml.readSBMLFromString(text)
        source = "<string>"
    errors = [doc.getError(i) for i in range(doc.getNumErrors())
              if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    if errors or doc.getModel() is None:
        issues = [Issue(f"line {e.getLine()}", e.getMessage().strip()) for e in errors] or [Issue("model", "no <model> element")]
        raise ModelError(f"cannot read SBML from {source}", issues)
    return doc, source


# ---------------------------------------------------------------------- import
def import_sbml(path_or_string: str | Path, name: str | None = None) -> ImportedModel:  # noqa: C901
    """Read an SBML file (or an SBML string) into an :class:`ImportedModel` (declaration, initial values, events).

    Raises :class:`ModelError` naming the SBML element for every construct that cannot be integrated faithfully.
    """
    doc, source = _read_document(path_or_string)
    m = doc.getModel()
    level, version = doc.getLevel(), doc.getVersion()
    model_id = name or m.getId() or (Path(source).stem if source != "<string>" else "sbml_model")
    where = lambda kind, sid: f"{kind} {sid!r}"  # noqa: E731

    # -- unsupported constructs first: say all of them at once
    issues: list[Issue] = []
    for r in m.getListOfRules():
        if r.isAlgebraic():
            issues.append(Issue(f"algebraicRule {r.getMetaId() or libsbml.formulaToL3String(r.getMath())}",
                                "algebraic rules are not supported (the model must be an ODE system)"))
    for rx in m.getListOfReactions():
        if rx.isSetFast() and rx.getFast():
            issues.append(Issue(where("reaction", rx.getId()), "fast reactions are not supported"))
        if not rx.isSetKineticLaw():
            issues.append(Issue(where("reaction", rx.getId()), "reaction without kineticLaw"))
        for sr in list(rx.getListOfReactants()) + list(rx.getListOfProducts()):
            if level < 3 and sr.isSetStoichiometryMath():
                issues.append(Issue(where("reaction", rx.getId()), f"stoichiometryMath of {sr.getSpecies()!r} is not supported"))
            if level >= 3 and sr.isSetId() and (m.getRuleByVariable(sr.getId()) or m.getInitialAssignment(sr.getId())
                                                 or any(e.getEventAssignment(sr.getId()) for e in m.getListOfEvents())):
                issues.append(Issue(where("speciesReference", sr.getId()), "variable stoichiometry is not supported"))
    if level >= 3 and m.isSetConversionFactor():
        issues.append(Issue("model", "conversionFactor is not supported"))
    for s in m.getListOfSpecies():
        if level >= 3 and s.isSetConversionFactor():
            issues.append(Issue(where("species", s.getId()), "conversionFactor is not supported"))
    for c in m.getListOfCompartments():
        if not c.getConstant():
            if m.getRateRuleByVariable(c.getId()) or m.getAssignmentRuleByVariable(c.getId()) or any(
                    e.getEventAssignment(c.getId()) for e in m.getListOfEvents()):
                issues.append(Issue(where("compartment", c.getId()), "compartments whose size changes are not supported"))
    for e in m.getListOfEvents():
        if e.isSetDelay():
            d = e.getDelay().getMath()
            ok = d is not None and d.isNumber() and d.getValue() == 0
            if not ok:
                issues.append(Issue(where("event", e.getId()), "event delays other than 0 are not supported"))
        for ea in e.getListOfEventAssignments():
            if m.getCompartment(ea.getVariable()) is not None:
                issues.append(Issue(where("event", e.getId()), f"assigns compartment {ea.getVariable()!r} (variable sizes are not supported)"))
    if m.getNumConstraints():
        issues.append(Issue("listOfConstraints", "constraints are not supported (they would not be checked)"))
    if issues:
        raise ModelError(f"SBML model {model_id!r} uses unsupported constructs", issues)

    functions = {fd.getId(): fd for fd in m.getListOfFunctionDefinitions()}
    rate_ruled = {r.getVariable() for r in m.getListOfRules() if r.isRate()}
    assign_ruled = {r.getVariable() for r in m.getListOfRules() if r.isAssignment()}
    reacting: set[str] = set()
    for rx in m.getListOfReactions():
        for sr in list(rx.getListOfReactants()) + list(rx.getListOfProducts()):
            reacting.add(sr.getSpecies())
    event_targets = {ea.getVariable() for e in m.getListOfEvents() for ea in e.getListOfEventAssignments()}

    ids = _Ids()
    sym: dict[str, sp.Expr] = {}
    kind_of: dict[str, str] = {}  # osteoimmune id -> 'state' | 'param' | 'assign'
    raw: dict[str, float] = {}
    units: dict[str, str] = {}
    descr: dict[str, str] = {}
    names: dict[str, str] = {}
    amount_init: dict[str, tuple[float, str]] = {}  # concentration species given as initial amount: (amount, compartment)

    comp_of: dict[str, str] = {}
    substance_default = m.getSubstanceUnits() if level >= 3 and m.isSetSubstanceUnits() else ("substance" if m.getUnitDefinition("substance") else "")

    for c in m.getListOfCompartments():
        cid = c.getId()
        state = cid in rate_ruled
        oid = ids.add(cid, species_like=state)
        kind_of[oid] = "state" if state else "assign" if cid in assign_ruled else "param"
        size = c.getSize() if c.isSetSize() else (c.getVolume() if level < 3 else float("nan"))
        if not c.isSetSize() and level >= 3 and c.getSpatialDimensions() == 0:
            size = 1.0
        raw[oid] = size
        units[oid] = _unit_text(m, c.getUnits()) if c.isSetUnits() else ""
        descr[oid] = f"SBML compartment {cid} ({c.getName() or cid})"
        names[oid] = c.getName() or cid

    for s in m.getListOfSpecies():
        sid = s.getId()
        changes = (sid in rate_ruled) or (sid in reacting and not s.getBoundaryCondition() and not s.getConstant())
        if sid in reacting and sid in rate_ruled and not s.getBoundaryCondition():
            raise _err(where("species", sid), "is changed by both reactions and a rate rule (invalid SBML)")
        oid = ids.add(sid, species_like=changes or sid in assign_ruled)
        kind_of[oid] = "state" if changes else "assign" if sid in assign_ruled else "param"
        comp = s.getCompartment()
        comp_of[oid] = comp
        amount_semantics = s.getHasOnlySubstanceUnits()
        sub = s.getSubstanceUnits() if s.isSetSubstanceUnits() else substance_default
        cunits = m.getCompartment(comp).getUnits() if m.getCompartment(comp) and m.getCompartment(comp).isSetUnits() else ""
        su = _unit_text(m, sub) or "substance (undeclared)"
        units[oid] = su if amount_semantics else f"{su}/{_unit_text(m, cunits) or 'size of ' + comp}"
        if s.isSetInitialConcentration():
            v = s.getInitialConcentration()
            if amount_semantics:
                amount_init[oid] = (v, comp)  # amount = concentration * size, evaluated below
                raw[oid] = float("nan")
            else:
                raw[oid] = v
        elif s.isSetInitialAmount():
            v = s.getInitialAmount()
            if amount_semantics:
                raw[oid] = v
            else:
                amount_init[oid] = (v, comp)
                raw[oid] = float("nan")
        else:
            raw[oid] = float("nan")
        descr[oid] = (f"SBML species {sid} ({s.getName() or sid}) in compartment {comp}"
                      f"{' (amount)' if amount_semantics else ' (concentration)'}")
        names[oid] = s.getName() or sid

    for p in m.getListOfParameters():
        pid = p.getId()
        state = pid in rate_ruled
        oid = ids.add(pid, species_like=state or pid in assign_ruled)
        kind_of[oid] = "state" if state else "assign" if pid in assign_ruled else "param"
        raw[oid] = p.getValue() if p.isSetValue() else float("nan")
        units[oid] = _unit_text(m, p.getUnits()) if p.isSetUnits() else ""
        descr[oid] = f"SBML parameter {pid} ({p.getName() or pid})"
        names[oid] = p.getName() or pid

    for oid in ids.to_sbml:
        if oid != "t":
            sym[ids.to_sbml[oid]] = sp.Symbol(oid, real=True)

    # kinetic-law local parameters -> global parameters <reaction>_<id>
    local_syms: dict[str, dict[str, sp.Expr]] = {}
    for rx in m.getListOfReactions():
        kl = rx.getKineticLaw()
        loc: dict[str, sp.Expr] = {}
        lps = list(kl.getListOfLocalParameters()) if level >= 3 else list(kl.getListOfParameters())
        for lp in lps:
            oid = ids.add(f"{rx.getId()}_{lp.getId()}", species_like=False)
            ids.to_sbml[oid] = f"{rx.getId()}/{lp.getId()}"
            kind_of[oid] = "param"
            raw[oid] = lp.getValue() if lp.isSetValue() else float("nan")
            units[oid] = _unit_text(m, lp.getUnits()) if lp.isSetUnits() else ""
            descr[oid] = f"SBML local parameter {lp.getId()} of reaction {rx.getId()}"
            names[oid] = lp.getName() or lp.getId()
            loc[lp.getId()] = sp.Symbol(oid, real=True)
        local_syms[rx.getId()] = loc

    reader = MathReader(sym, functions)

    # kinetic laws (reaction ids may be used as symbols in other math: their rate)
    laws: dict[str, sp.Expr] = {}
    for rx in m.getListOfReactions():
        r_reader = MathReader({**sym, **local_syms[rx.getId()]}, functions)
        laws[rx.getId()] = r_reader(rx.getKineticLaw().getMath(), where("reaction", rx.getId()))
    sym.update(laws)
    reader = MathReader(sym, functions)

    # assignment rules, topologically ordered
    rule_exprs: dict[str, sp.Expr] = {}
    for r in m.getListOfRules():
        if r.isAssignment():
            oid = ids.from_sbml[r.getVariable()]
            rule_exprs[oid] = reader(r.getMath(), where("assignmentRule", r.getVariable()))
    ordered: list[str] = []
    done: set[str] = set()

    def visit(a: str, stack: tuple[str, ...]) -> None:
        if a in done:
            return
        if a in stack:
            raise _err(where("assignmentRule", ids.to_sbml[a]),
                       f"assignment rules form a cycle ({' -> '.join(ids.to_sbml[x] for x in (*stack, a))})")
        for s_ in rule_exprs[a].free_symbols:
            if s_.name in rule_exprs:
                visit(s_.name, (*stack, a))
        done.add(a)
        ordered.append(a)

    for a in rule_exprs:
        visit(a, ())
    # Each assignment is written in species, parameters and time only (earlier assignments substituted): the
    # values are identical, and the compiled Jacobian then needs no chain rule between assignments (see the
    # module docs: solve.compile's common-subexpression pass can order such chained terms wrongly).
    flat: dict[sp.Symbol, sp.Expr] = {}
    for a in ordered:
        rule_exprs[a] = rule_exprs[a].xreplace(flat)
        flat[sp.Symbol(a, real=True)] = rule_exprs[a]

    # initial definitions: initial assignments, initial amounts of concentration species, assignment rules at t0
    defs: list[tuple[str, sp.Expr]] = []
    ia_targets = set()
    for ia in m.getListOfInitialAssignments():
        target = ia.getSymbol()
        if target not in ids.from_sbml:
            raise _err(where("initialAssignment", target), "targets an element that is not a species, parameter or compartment")
        oid = ids.from_sbml[target]
        ia_targets.add(oid)
        defs.append((oid, reader(ia.getMath(), where("initialAssignment", target))))
    for oid, (v, comp) in amount_init.items():
        if oid in ia_targets or oid in rule_exprs:
            continue
        size = sp.Symbol(ids.from_sbml[comp], real=True)
        s_ = m.getSpecies(ids.to_sbml[oid])
        expr = sp.Float(v) * size if s_.getHasOnlySubstanceUnits() else sp.Float(v) / size
        defs.append((oid, expr))
    defs.extend((a, rule_exprs[a]) for a in ordered)
    values = _evaluate_definitions(raw, defs)
    for oid, v in values.items():
        if kind_of.get(oid) in ("state", "param") and not math.isfinite(v):
            raise _err(where(_element_kind(m, ids.to_sbml.get(oid, oid)), ids.to_sbml.get(oid, oid)),
                       f"has no finite initial value ({v}); give it a value or an initial assignment")

    # processes: reactions split by the compartment that divides their rate, and rate rules
    processes: list[Process] = []
    for rx in m.getListOfReactions():
        rid = rx.getId()
        groups: dict[str | None, dict[str, float]] = {}
        for sign, refs in ((-1.0, rx.getListOfReactants()), (1.0, rx.getListOfProducts())):
            for sr in refs:
                oid = ids.from_sbml[sr.getSpecies()]
                if kind_of[oid] != "state":
                    continue  # boundary or constant species: reactions do not change them
                stoich = sr.getStoichiometry() if (level >= 3 and sr.isSetStoichiometry()) or level < 3 else 1.0
                if level >= 3 and not sr.isSetStoichiometry():
                    raise _err(where("reaction", rid), f"stoichiometry of {sr.getSpecies()!r} is not set")
                s_ = m.getSpecies(sr.getSpecies())
                div = None if s_.getHasOnlySubstanceUnits() else ids.from_sbml[s_.getCompartment()]
                g = groups.setdefault(div, {})
                g[oid] = g.get(oid, 0.0) + sign * float(stoich)
        for div, stoich in groups.items():
            stoich = {k: v for k, v in stoich.items() if v != 0.0}
            if not stoich:
                continue
            rate = laws[rid] if div is None else laws[rid] / sp.Symbol(div, real=True)
            pid = rid if len(groups) == 1 else f"{rid}__{div or 'amount'}"
            processes.append(Process(id=pid, rate=rate, stoichiometry=stoich,
                                     description=f"SBML reaction {rid} ({rx.getName() or rid})"
                                     + (f" per size of {ids.to_sbml[div]}" if div else ""),
                                     implements=(f"sbml:{model_id}#{rid}",), module="sbml"))
    for r in m.getListOfRules():
        if r.isRate():
            oid = ids.from_sbml[r.getVariable()]
            processes.append(Process(id=f"rate_rule_{oid}", rate=reader(r.getMath(), where("rateRule", r.getVariable())),
                                     stoichiometry={oid: 1.0}, description=f"SBML rate rule for {r.getVariable()}",
                                     implements=(f"sbml:{model_id}#rateRule:{r.getVariable()}",), module="sbml"))

    # records
    states, params, assigns = [], [], []
    for oid, k in kind_of.items():
        if k == "state":
            v = values[oid]
            states.append(Species(id=oid, name=names[oid], unit=units[oid] or "undeclared", description=descr[oid],
                                  module="sbml", scale=abs(v) if v != 0 else 1.0, initial=v, nonnegative=False))
        elif k == "param":
            params.append(Parameter(id=oid, value=values[oid], unit=units[oid] or "undeclared", description=descr[oid],
                                    source=f"sbml: {Path(source).name} {_element_kind(m, ids.to_sbml[oid])} "
                                           f"{ids.to_sbml[oid]}",
                                    kind=ParameterKind.input if ids.to_sbml[oid] in event_targets else ParameterKind.constant,
                                    module="sbml"))
    for a in ordered:
        assigns.append(Assignment(id=a, expr=rule_exprs[a], unit=units.get(a) or "undeclared",
                                  description=descr.get(a, f"SBML assignment rule {ids.to_sbml[a]}"), module="sbml"))
    time_unit = _time_unit(m, level)
    module = ModuleDeclaration(name="sbml", description=f"imported from {source}", species=states, parameters=params,
                               assignments=assigns, processes=processes)
    decl = ModelDeclaration(model_id, [module],
                            description=f"SBML L{level}V{version} model {m.getId() or model_id} imported from "
                                        f"{Path(source).name}; time unit: {time_unit}")

    # events
    state_names = {s_.id for s_ in states}
    subs = decl.assignment_substitutions()
    events: list[EventSpec] = []
    for order, e in enumerate(m.getListOfEvents()):
        eid = e.getId() or f"event_{order}"
        if not e.isSetTrigger():
            raise _err(where("event", eid), "event without trigger")
        trig = reader(e.getTrigger().getMath(), where("event", eid) + " trigger")
        depends = {s_.name for s_ in trig.xreplace(subs).free_symbols}
        state_trig = bool(depends & state_names)
        init_val = bool(e.getTrigger().getInitialValue()) if (level >= 3 and e.getTrigger().isSetInitialValue()) else True
        prio = reader(e.getPriority().getMath(), where("event", eid) + " priority") if (level >= 3 and e.isSetPriority()) else None
        assigns_e = []
        for ea in e.getListOfEventAssignments():
            target = ea.getVariable()
            if target not in ids.from_sbml:
                raise _err(where("event", eid), f"assigns {target!r}, which is not a species or parameter")
            oid = ids.from_sbml[target]
            if kind_of[oid] == "assign":
                raise _err(where("event", eid), f"assigns {target!r}, which is set by an assignment rule")
            assigns_e.append((oid, reader(ea.getMath(), where("event", eid) + f" assignment to {target}")))
        events.append(EventSpec(eid, trig, tuple(assigns_e), init_val, prio, order, state_trig))

    from .events import validate_events

    imported = ImportedModel(
        declaration=decl, source=source, level=level, version=version, time_unit=time_unit,
        id_map=dict(ids.to_sbml), initial_state={s_.id: values[s_.id] for s_ in states},
        parameters={p.id: p.value for p in params}, events=tuple(events),
        raw_values={k: v for k, v in raw.items() if kind_of.get(k) in ("state", "param")},
        initial_definitions=tuple(defs),
    )
    validate_events(imported)
    return imported


def _element_kind(m: libsbml.Model, sbml_id: str) -> str:
    el = m.getElementBySId(sbml_id) if "/" not in sbml_id else None
    return el.getElementName() if el is not None else "localParameter"
