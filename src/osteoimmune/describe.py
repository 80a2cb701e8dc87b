"""Text explanation of a model symbol: what it is, the processes involving it, their rate laws and evidence."""

from __future__ import annotations

import re

from .errors import UnknownNameError
from .model.build import build_model
from .model.records import Assignment, Parameter, Process, Species


def _evidence_lines(ref: str) -> list[str]:
    from .knowledge import load_knowledge

    kb = load_knowledge()
    if ref.startswith("cite:"):
        key = ref[5:]
        if key in kb.citations:
            c = kb.citations[key]
            return [f"    [{key}] {getattr(c, 'authors', '')} ({getattr(c, 'year', '')}) {getattr(c, 'title', '')}"]
        return [f"    [{key}] (citation not in the evidence base)"]
    if ref in kb.interactions:
        return ["    " + line for line in kb.format_evidence(ref).splitlines()]
    return [f"    {ref}"]


def explain_text(identifier: str) -> str:
    model = build_model()
    try:
        item = model.lookup(identifier)
    except UnknownNameError:
        raise UnknownNameError("species, parameter, assignment or process", identifier,
                               [*model.species, *model.parameters, *model.assignments, *model.processes]) from None
    out: list[str] = []
    if isinstance(item, Species):
        out.append(f"species {item.id}: {item.name} [{item.unit}] (module {item.module}; evidence-base entity {item.entity_id})")
        out.append(f"  {item.description}")
    elif isinstance(item, Parameter):
        rng = f" bounds [{item.lower}, {item.upper}]" if item.lower is not None or item.upper is not None else ""
        out.append(f"parameter {item.id} = {item.value:g} {item.unit}{rng} ({item.kind.value}, module {item.module})")
        out.append(f"  {item.description}")
        out.append(f"  source: {item.source}")
        for ref in re.findall(r"cite:([A-Za-z0-9_]+)", item.source):
            out += _evidence_lines(f"cite:{ref}")
    elif isinstance(item, Assignment):
        out.append(f"assignment {item.id} [{item.unit}] (module {item.module}) = {item.expr}")
        out.append(f"  {item.description}")
        for ref in item.implements:
            out.append(f"  implements {ref}:")
            out += _evidence_lines(ref)
    elif isinstance(item, Process):
        out.append(f"process {item.id} (module {item.module}): {item.description}")
        out.append(f"  rate = {item.rate}   [{item.unit}]")
        out.append(f"  stoichiometry: {dict(item.stoichiometry)}")
        for ref in item.implements:
            out.append(f"  implements {ref}:")
            out += _evidence_lines(ref)
        return "\n".join(out)
    procs = model.processes_involving(identifier)
    out.append(f"\nprocesses involving {identifier} ({len(procs)}):")
    for p in procs:
        st = p.stoichiometry.get(identifier)
        role = f"d{identifier}/dt += {st:g}·rate" if st else "appears in the rate law"
        out.append(f"- {p.id} ({p.module}): {p.description}")
        out.append(f"    rate = {p.rate}   [{p.unit}]  ({role})")
        for ref in p.implements:
            out += [f"    evidence {ref}:"] + ["  " + s for s in _evidence_lines(ref)]
    return "\n".join(out)
