"""osteoimmune → SBML Level 3 Version 2: :func:`export_sbml` writes the model as configured by a scenario.

The exporter starts from :func:`osteoimmune.api.prepare` (the same :class:`~osteoimmune.api.PreparedRun` the
reference solver integrates) and writes whatever declaration it holds:

* **one compartment** ``site`` (size 1, constant) and every species with ``hasOnlySubstanceUnits="true"``: a
  species' value is the number in its own unit (``pM``, ``cell/mL``, fraction) and a reaction changes it by
  ``stoichiometry × kineticLaw`` with no division by a volume, which is exactly the declared ODE
  ``d[s]/dt = Σ stoichiometry[s] × rate``.
* **processes → reactions** (the rate law is the kinetic law; negative stoichiometries are reactants, positive ones
  products; ``reversible="false"`` is informative only, rates are never clamped). Reactions, not rate rules,
  because they keep the process structure (and its evidence links) and libroadrunner integrates both exactly
  the same way. Reaction ids get the prefix ``r_``; SBML has one id namespace.
* **assignments → assignment rules** (in declaration order, which is topological); ``Max``/``Min`` are the L3V2
  MathML ``max``/``min``; ``Piecewise`` is ``piecewise``; time is the ``time`` csymbol in days.
* **parameters → parameters** with their value at t = 0 (the scenario's patient, injury and hypotheses applied);
  those the schedule changes are ``constant="false"``.
* **initial values**: the pre-injury steady state of :func:`~osteoimmune.api.prepare` with the schedule's jumps at
  t = 0 (the injury) folded in (``set``, ``add`` and ``scale`` applied in order, as ``simulate_compiled`` does).
* **schedule → events**: one event per later segment start τ with trigger ``time >= τ`` (``initialValue`` true,
  ``persistent`` true, ``useValuesFromTriggerTime`` true, delay none), assigning every parameter whose value changes
  there and every state jump at τ. Several jumps of one species at τ are composed into one assignment
  (``set`` then ``add`` → ``value + add``), so no two events share a time and no priority is needed.
* **units**: a unit definition for every unit string built from :mod:`osteoimmune.interchange.units` atoms (time
  unit ``day``); ``as driver`` (a label, not a unit) is left without units and said so in the notes.
* **annotations**: ``bqbiol:is`` identifiers.org URIs from the evidence base (``KnowledgeBase.annotations``) on
  species and assignment rules whose entity has cross-references (Cell Ontology, UniProt, ChEBI, GO, ...); SBO
  terms: compartment SBO:0000290 (physical compartment), species SBO:0000240 (material entity), parameters
  SBO:0000002 (quantitative systems description parameter), reactions SBO:0000375 (process), events
  SBO:0000231 (occurring entity representation); every element carries its description and source as notes.

:func:`check_document` runs libsbml's ``checkConsistency()`` with every category on (general, identifier,
MathML, SBO, units, overdetermined, modelling practice); an export with any error raises :class:`ModelError`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libsbml
import sympy as sp

from ..errors import Issue, ModelError
from ..model.records import TIME, ModelDeclaration
from .mathml import sympy_to_ast
from .units import add_unit_definition, undeclared_units

COMPARTMENT = "site"
REACTION_PREFIX = "r_"
SBO = {"compartment": 290, "species": 240, "parameter": 2, "reaction": 375, "event": 231}
_CHECKS = (libsbml.LIBSBML_CAT_GENERAL_CONSISTENCY, libsbml.LIBSBML_CAT_IDENTIFIER_CONSISTENCY,
           libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, libsbml.LIBSBML_CAT_MATHML_CONSISTENCY,
           libsbml.LIBSBML_CAT_SBO_CONSISTENCY, libsbml.LIBSBML_CAT_OVERDETERMINED_MODEL,
           libsbml.LIBSBML_CAT_MODELING_PRACTICE)


@dataclass
class ConsistencyReport:
    """libsbml ``checkConsistency()`` outcome: messages by severity (``errors`` include fatal ones)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    categories: tuple[str, ...] = ("general", "identifier", "units", "mathml", "sbo", "overdetermined",
                                   "modeling-practice")

    @property
    def ok(self) -> bool:
        return not self.errors


def check_document(doc: libsbml.SBMLDocument) -> ConsistencyReport:
    """Run libsbml's consistency checks with every category enabled."""
    for cat in _CHECKS:
        doc.setConsistencyChecks(cat, True)
    doc.checkConsistency()
    rep = ConsistencyReport()
    for i in range(doc.getNumErrors()):
        e = doc.getError(i)
        text = f"[{e.getErrorId()}] line {e.getLine()}: {e.getMessage().strip()}"
        (rep.errors if e.getSeverity() >= libsbml.LIBSBML_SEV_ERROR else rep.warnings).append(text)
    return rep


def _ok(code: int, what: str) -> None:
    if code != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise ModelError("SBML export failed", [Issue(what, libsbml.OperationReturnValue_toString(code) or str(code))])


def _notes(el: libsbml.SBase, *lines: str) -> None:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    if body:
        _ok(el.setNotes(f'<body xmlns="http://www.w3.org/1999/xhtml">{body}</body>'), f"notes of {el.getId()}")


def _annotate(el: libsbml.SBase, uris: list[str]) -> None:
    if not uris:
        return
    cv = libsbml.CVTerm(libsbml.BIOLOGICAL_QUALIFIER)
    cv.setBiologicalQualifierType(libsbml.BQB_IS)
    for uri in uris:
        cv.addResource(uri)
    _ok(el.addCVTerm(cv), f"annotation of {el.getId()}")


def _math(expr: sp.Expr, where: str) -> libsbml.ASTNode:
    node = sympy_to_ast(expr)
    if node is None or not node.isWellFormedASTNode():
        raise ModelError("SBML export failed", [Issue(where, f"cannot write {expr} as MathML")])
    return node


def _entity_uris(kb: Any, entity: str) -> list[str]:
    if kb is None:
        return []
    try:
        return [uri for _, uri in kb.annotations(entity)]
    except Exception:  # noqa: BLE001 - entities not in the evidence base carry no annotation
        return []


def _prepared(scenario_or_prepared: Any):
    from ..api import PreparedRun, prepare
    from ..scenario.resolve import load_scenario
    from ..scenario.schema import Scenario

    if isinstance(scenario_or_prepared, PreparedRun):
        return scenario_or_prepared
    if isinstance(scenario_or_prepared, Scenario):
        return prepare(scenario_or_prepared)
    if isinstance(scenario_or_prepared, (str, Path)):
        return prepare(load_scenario(scenario_or_prepared))
    raise TypeError(f"expected a Scenario, PreparedRun or scenario name/path, got {type(scenario_or_prepared).__name__}")


def _apply(value: float, mode: str, amount: float) -> float:
    return amount if mode == "set" else value + amount if mode == "add" else value * amount


def initial_state(run) -> dict[str, float]:
    """The exported initial values: the prepared y0 with the jumps at t = 0 applied in order."""
    c = run.compiled
    y = {s: float(v) for s, v in zip(c.species_ids, run.y0)}
    for j in run.schedule.jumps_at(run.schedule.t0):
        y[j.species] = _apply(y[j.species], j.mode, j.value)
    return y


def event_plan(run) -> list[tuple[float, dict[str, float], dict[str, sp.Expr]]]:
    """(time, parameter changes, state assignments) for every segment start after t0 where something changes."""
    decl: ModelDeclaration = run.declaration
    base = decl.with_parameters(run.parameters)
    segs = run.schedule.segments
    plan = []
    prev = dict(base)
    prev.update(segs[0].parameters)
    for seg in segs[1:]:
        cur = dict(base)
        cur.update(seg.parameters)
        changed = {k: float(v) for k, v in cur.items() if prev.get(k) != v}
        states: dict[str, sp.Expr] = {}
        for j in run.schedule.jumps_at(seg.start):
            s = states.get(j.species, sp.Symbol(j.species, real=True))
            amount = sp.Float(j.value)
            states[j.species] = amount if j.mode == "set" else s + amount if j.mode == "add" else s * amount
        if changed or states:
            plan.append((float(seg.start), changed, states))
        prev = cur
    return plan


def sbml_document(scenario_or_prepared: Any, annotate: bool = True) -> libsbml.SBMLDocument:
    """The scenario's model as an SBML L3V2 document (see the module docs for the mapping)."""
    run = _prepared(scenario_or_prepared)
    decl: ModelDeclaration = run.declaration
    params = decl.with_parameters(run.parameters)
    params.update(run.schedule.segments[0].parameters)
    plan = event_plan(run)
    changing = {k for _, ch, _ in plan for k in ch}
    y0 = initial_state(run)
    kb = None
    if annotate:
        from ..knowledge import load_knowledge

        kb = load_knowledge()
    name = getattr(run.scenario, "name", None) or "scenario"

    doc = libsbml.SBMLDocument(3, 2)
    m = doc.createModel()
    model_id = "osteoimmune_" + "".join(ch if ch.isalnum() else "_" for ch in f"{decl.name}_{name}")
    m.setId(model_id)
    m.setName(f"{decl.name}: scenario {name}")
    m.setMetaId(f"meta_{model_id}")
    all_units = [s.unit for s in decl.species.values()] + [p.unit for p in decl.parameters.values()] + \
        [a.unit for a in decl.assignments.values()]
    missing = undeclared_units(all_units)
    _notes(m, f"Exported by osteoimmune from the declaration {decl.name!r} as configured by scenario {name!r}.",
           getattr(run.scenario, "description", "") or "",
           f"Model digest {run.compiled.digest}. Time unit: day. Initial values: pre-injury steady state with the "
           "injury applied at t = 0; scheduled inputs and doses are events.",
           f"Unit strings without an SBML unit definition: {', '.join(missing)}." if missing else "")
    day = add_unit_definition(m, "day")
    m.setTimeUnits(day)

    comp = m.createCompartment()
    comp.setId(COMPARTMENT)
    comp.setName("bone site (unit size; species are amounts in their own units)")
    comp.setConstant(True)
    comp.setSize(1.0)
    comp.setSpatialDimensions(3.0)
    comp.setUnits("dimensionless")
    comp.setSBOTerm(SBO["compartment"])

    for sid, s in decl.species.items():
        sp_ = m.createSpecies()
        sp_.setId(sid)
        sp_.setMetaId(f"meta_{sid}")
        sp_.setName(s.name)
        sp_.setCompartment(COMPARTMENT)
        sp_.setHasOnlySubstanceUnits(True)
        sp_.setBoundaryCondition(False)
        sp_.setConstant(False)
        sp_.setInitialAmount(float(y0[sid]))
        u = add_unit_definition(m, s.unit)
        if u:
            sp_.setSubstanceUnits(u)
        sp_.setSBOTerm(SBO["species"])
        _notes(sp_, s.description, f"unit: {s.unit}; module: {s.module}; evidence entity: {s.entity_id}")
        _annotate(sp_, _entity_uris(kb, s.entity_id))

    for pid, p in decl.parameters.items():
        par = m.createParameter()
        par.setId(pid)
        par.setMetaId(f"meta_{pid}")
        par.setValue(float(params[pid]))
        par.setConstant(pid not in changing)
        u = add_unit_definition(m, p.unit)
        if u:
            par.setUnits(u)
        par.setSBOTerm(SBO["parameter"])
        bounds = f"bounds [{p.lower}, {p.upper}] ({p.scale.value})" if p.lower is not None or p.upper is not None else ""
        _notes(par, p.description, f"unit: {p.unit}" + ("" if u else " (no SBML unit: not a physical unit)"),
               f"source: {p.source}", bounds, f"kind: {p.kind.value}; module: {p.module}")

    for aid, a in decl.assignments.items():
        par = m.createParameter()
        par.setId(aid)
        par.setMetaId(f"meta_{aid}")
        par.setConstant(False)
        u = add_unit_definition(m, a.unit)
        if u:
            par.setUnits(u)
        par.setSBOTerm(SBO["parameter"])
        _notes(par, a.description, f"unit: {a.unit}; module: {a.module}",
               ("implements: " + ", ".join(a.implements)) if a.implements else "")
        _annotate(par, _entity_uris(kb, a.entity_id))
        rule = m.createAssignmentRule()
        rule.setVariable(aid)
        _ok(rule.setMath(_math(a.expr, f"assignment {aid}")), f"assignment {aid}")

    taken = set(decl.species) | set(decl.parameters) | set(decl.assignments) | {COMPARTMENT}
    for pid, proc in decl.processes.items():
        rid = REACTION_PREFIX + pid
        if rid in taken:
            raise ModelError("SBML export failed", [Issue(f"process {pid}", f"id {rid!r} clashes with another SBML id")])
        r = m.createReaction()
        r.setId(rid)
        r.setMetaId(f"meta_{rid}")
        r.setReversible(False)
        r.setSBOTerm(SBO["reaction"])
        for s, coeff in proc.stoichiometry.items():
            if coeff == 0:
                continue
            ref = r.createReactant() if coeff < 0 else r.createProduct()
            ref.setSpecies(s)
            ref.setStoichiometry(abs(float(coeff)))
            ref.setConstant(True)
        for s in sorted({x.name for x in proc.rate.free_symbols} & set(decl.species)):
            if proc.stoichiometry.get(s, 0) == 0:
                mod = r.createModifier()
                mod.setSpecies(s)
        kl = r.createKineticLaw()
        _ok(kl.setMath(_math(proc.rate, f"process {pid}")), f"process {pid}")
        _notes(r, proc.description, f"rate unit: {proc.unit}" if proc.unit else "",
               ("implements: " + ", ".join(proc.implements)) if proc.implements else "", f"module: {proc.module}")

    for k, (tau, changed, states) in enumerate(plan):
        ev = m.createEvent()
        ev.setId(f"schedule_{k + 1}")
        ev.setUseValuesFromTriggerTime(True)
        ev.setSBOTerm(SBO["event"])
        trig = ev.createTrigger()
        trig.setInitialValue(True)
        trig.setPersistent(True)
        _ok(trig.setMath(_math(sp.GreaterThan(TIME, sp.Float(tau)), f"event at {tau}")), f"event at {tau}")
        for pid, v in changed.items():
            ea = ev.createEventAssignment()
            ea.setVariable(pid)
            ea.setMath(_math(sp.Float(v), f"event at {tau}"))
        for sid, expr in states.items():
            ea = ev.createEventAssignment()
            ea.setVariable(sid)
            ea.setMath(_math(expr, f"event at {tau}"))
        labels = sorted({j.label for j in run.schedule.jumps_at(tau) if j.label})
        _notes(ev, f"day {tau:g}: " + ", ".join([*(f"{p} = {v:g}" for p, v in changed.items()), *labels]))
    return doc


def export_sbml(scenario_or_prepared: Any, path: str | Path | None = None, *, annotate: bool = True,
                check: bool = True) -> str:
    """Write the scenario's model as SBML L3V2 (to ``path`` if given) and return the XML text.

    ``scenario_or_prepared``: a :class:`~osteoimmune.scenario.schema.Scenario`, a
    :class:`~osteoimmune.api.PreparedRun` or a built-in scenario name / scenario file path. With ``check`` (the
    default) libsbml's consistency checks must report no error, else :class:`ModelError` lists them; the file is
    written atomically (a temporary sibling renamed into place), so ``path`` is complete or untouched.
    """
    doc = sbml_document(scenario_or_prepared, annotate=annotate)
    if check:
        rep = check_document(doc)
        if not rep.ok:
            raise ModelError("exported SBML fails libsbml's consistency checks",
                             [Issue("sbml", e) for e in rep.errors[:50]])
    text = libsbml.writeSBMLToString(doc)
    if path is not None:
        from ._files import write_text_atomic

        write_text_atomic(Path(path), text)
    return text


__all__ = ["export_sbml", "sbml_document", "check_document", "ConsistencyReport", "initial_state", "event_plan"]
