"""Cross-record checks of the evidence base; every problem is collected.

The checks: duplicate ids; identifier patterns of ``xref`` values; interaction
sources/targets, entity parents/subtypes that are not entities; seed files and
seed codes not in ``meta.seed_files``; citation ids not in the citations;
entities whose ``seeds`` omit a seed that cites them; the effect vocabulary of
``meta.conventions.effects`` against :class:`~osteoimmune.knowledge.schema.Effect`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Iterable, TypeVar

from osteoimmune.errors import Issue
from osteoimmune.knowledge.identifiers import NAMESPACES
from osteoimmune.knowledge.schema import (
    Citation,
    ContestedTopic,
    Effect,
    Entity,
    Evidence,
    Interaction,
    Meta,
    QuantitativeFact,
)

__all__ = ["Located", "Records", "validate"]

T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A parsed record and where it was read (``file:section.index``)."""

    location: str
    record: T


@dataclass
class Records:
    """Every record read from all files, before cross-checks."""

    meta: Meta | None = None
    entities: list[Located[Entity]] = field(default_factory=list)
    interactions: list[Located[Interaction]] = field(default_factory=list)
    citations: list[Located[Citation]] = field(default_factory=list)
    facts: list[Located[QuantitativeFact]] = field(default_factory=list)
    contested: list[Located[ContestedTopic]] = field(default_factory=list)


def _shown(names: Iterable[str], limit: int = 12) -> str:
    names = sorted(names)
    more = f", ... ({len(names)} in all)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _duplicates(kind: str, items: list[Located]) -> list[Issue]:
    first: dict[str, str] = {}
    issues = []
    for item in items:
        rid = item.record.id
        if rid in first:
            issues.append(Issue(f"{item.location}.id", f"duplicate {kind} id {rid!r} (first defined at {first[rid]})"))
        else:
            first[rid] = item.location
    return issues


def _xref_issues(item: Located[Entity]) -> list[Issue]:
    issues = []
    for ns, value in item.record.xref.items():
        loc = f"{item.location}.xref.{ns}"
        if ns not in NAMESPACES:
            issues.append(Issue(loc, f"entity {item.record.id!r}: unknown identifier namespace {ns!r}; "
                                     f"allowed: {', '.join(NAMESPACES)}"))
        elif not NAMESPACES[ns].matches(value):
            issues.append(Issue(loc, f"entity {item.record.id!r}: {ns} identifier {value!r} does not match "
                                     f"the expected pattern {NAMESPACES[ns].pattern}"))
    return issues


class _Checker:
    """Holds the id sets the per-record checks refer to."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.entity_ids = {e.record.id for e in records.entities}
        self.citation_ids = {c.record.id for c in records.citations}
        meta = records.meta
        self.seed_codes = dict(meta.seed_files) if meta else {}
        self.seed_files = {sf.file: code for code, sf in self.seed_codes.items()}
        self.issues: list[Issue] = []

    def add(self, location: str, message: str) -> None:
        self.issues.append(Issue(location, message))

    def evidence(self, location: str, evidence: list[Evidence]) -> None:
        for n, ev in enumerate(evidence):
            loc = f"{location}.evidence.{n}"
            if ev.seed is not None and self.records.meta is not None and ev.seed not in self.seed_files:
                self.add(f"{loc}.seed", f"unknown seed file {ev.seed!r}; allowed (meta.seed_files): "
                                        f"{_shown(self.seed_files)}")
            if ev.citation is not None and ev.citation not in self.citation_ids:
                self.add(f"{loc}.citation", f"unknown citation id {ev.citation!r}; allowed: "
                                            f"{_shown(self.citation_ids) or '(no citations loaded)'}")

    def entity(self, item: Located[Entity]) -> None:
        e = item.record
        self.issues.extend(_xref_issues(item))
        if e.parent is not None and e.parent not in self.entity_ids:
            self.add(f"{item.location}.parent", f"entity {e.id!r}: parent {e.parent!r} is not an entity id")
        for n, sub in enumerate(e.subtypes):
            if sub not in self.entity_ids:
                self.add(f"{item.location}.subtypes.{n}", f"entity {e.id!r}: subtype {sub!r} is not an entity id")
        if self.records.meta is not None:
            for n, code in enumerate(e.seeds):
                if code not in self.seed_codes:
                    self.add(f"{item.location}.seeds.{n}", f"entity {e.id!r}: unknown seed code {code!r}; "
                                                           f"allowed: {_shown(self.seed_codes)}")
        self.evidence(item.location, e.evidence)

    def interaction(self, item: Located[Interaction], entities: dict[str, Entity]) -> None:
        i = item.record
        for role in ("source", "target"):
            for n, ref in enumerate(getattr(i, role)):
                if ref not in self.entity_ids:
                    self.add(f"{item.location}.{role}.{n}",
                             f"interaction {i.id!r}: {role} {ref!r} is not an entity id "
                             f"(add an entity record or fix the id)")
        self.evidence(item.location, i.evidence)
        codes = {self.seed_files[ev.seed] for ev in i.evidence if ev.seed in self.seed_files}
        for ref in dict.fromkeys(i.source + i.target):
            missing = sorted(codes - set(entities[ref].seeds)) if ref in entities else []
            if missing:
                self.add(f"{item.location}.evidence",
                         f"interaction {i.id!r} cites seed(s) {missing} but entity {ref!r} lists seeds "
                         f"{entities[ref].seeds}; add the seed code(s) to the entity")


def validate(records: Records) -> list[Issue]:
    """Return every cross-record problem of ``records`` (empty when consistent).

    Parameters
    ----------
    records : Records
        Parsed records of all files, with their locations.

    Returns
    -------
    list of Issue
        Problems in file order; empty when the base is consistent.
    """
    issues: list[Issue] = []
    issues += _duplicates("entity", records.entities)
    issues += _duplicates("interaction", records.interactions)
    issues += _duplicates("citation", records.citations)
    issues += _duplicates("quantitative fact", records.facts)
    check = _Checker(records)
    if records.meta is not None:
        declared, known = set(records.meta.conventions.effects), {e.value for e in Effect}
        if declared != known:
            check.add("meta.conventions.effects", f"effect vocabulary {sorted(declared)} differs from the "
                                                  f"Effect enum {sorted(known)}")
    entities = {}
    for item in records.entities:
        entities.setdefault(item.record.id, item.record)
        check.entity(item)
    for item in records.interactions:
        check.interaction(item, entities)
    for item in records.facts:
        check.evidence(item.location, item.record.evidence)
    for item in records.contested:
        for name in item.record.seed_file_names():
            if records.meta is not None and name not in check.seed_files:
                check.add(f"{item.location}.seed", f"unknown seed file {name!r}; allowed: {_shown(check.seed_files)}")
    return issues + check.issues
