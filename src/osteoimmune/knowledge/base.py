"""The loaded, validated evidence base and its query methods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from osteoimmune.errors import UnknownNameError
from osteoimmune.knowledge.identifiers import NAMESPACES
from osteoimmune.knowledge.schema import (
    AbsentFromSeeds,
    Citation,
    ContestedTopic,
    Effect,
    Entity,
    Evidence,
    Interaction,
    Meta,
    QuantitativeFact,
    SeedFile,
)

__all__ = ["KnowledgeBase"]


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Validated evidence base: entities, interactions, facts and citations.

    Build it with :func:`osteoimmune.knowledge.load_knowledge`. The mappings
    are read-only views keyed by record id, in file order.

    Attributes
    ----------
    meta : Meta
        Header of the seed knowledge base (seed files, conventions, caveats).
    entities, interactions, citations, facts : Mapping
        Records keyed by id.
    contested : tuple of ContestedTopic
        Disagreements reported by the seeds.
    absent_from_seeds : AbsentFromSeeds or None
        Topics the seeds do not cover.
    sources : tuple of str
        Names of the YAML files the base was built from.
    """

    meta: Meta
    entities: Mapping[str, Entity]
    interactions: Mapping[str, Interaction]
    citations: Mapping[str, Citation]
    facts: Mapping[str, QuantitativeFact]
    contested: tuple[ContestedTopic, ...] = ()
    absent_from_seeds: AbsentFromSeeds | None = None
    sources: tuple[str, ...] = ()

    @property
    def seed_files(self) -> Mapping[str, SeedFile]:
        """Seed code (``"002"``) -> :class:`SeedFile` (file name and description)."""
        return self.meta.seed_files

    # ------------------------------------------------------------------ lookups
    def entity(self, entity_id: str) -> Entity:
        """Return one entity; raise :class:`UnknownNameError` listing the ids."""
        try:
            return self.entities[entity_id]
        except KeyError:
            raise UnknownNameError("entity", entity_id, list(self.entities)) from None

    def interaction(self, interaction_id: str) -> Interaction:
        """Return one interaction; raise :class:`UnknownNameError` listing the ids."""
        try:
            return self.interactions[interaction_id]
        except KeyError:
            raise UnknownNameError("interaction", interaction_id, list(self.interactions)) from None

    def citation(self, citation_id: str) -> Citation:
        """Return one citation; raise :class:`UnknownNameError` listing the ids."""
        try:
            return self.citations[citation_id]
        except KeyError:
            raise UnknownNameError("citation", citation_id, list(self.citations)) from None

    def fact(self, fact_id: str) -> QuantitativeFact:
        """Return one quantitative fact; raise :class:`UnknownNameError` listing the ids."""
        try:
            return self.facts[fact_id]
        except KeyError:
            raise UnknownNameError("quantitative fact", fact_id, list(self.facts)) from None

    # ------------------------------------------------------------------ queries
    def interactions_involving(self, entity_id: str) -> list[Interaction]:
        """Return the interactions with ``entity_id`` as a source or a target.

        Raises
        ------
        UnknownNameError
            If ``entity_id`` is not an entity.
        """
        self.entity(entity_id)
        return [i for i in self.interactions.values() if entity_id in i.source or entity_id in i.target]

    def find_interactions(
        self,
        source: str | None = None,
        target: str | None = None,
        effect: Effect | str | None = None,
    ) -> list[Interaction]:
        """Return the interactions matching every given criterion.

        Parameters
        ----------
        source, target : str, optional
            Entity id that must be among the interaction's sources / targets.
        effect : Effect or str, optional
            Required effect (``"promotes"``, ``Effect.INHIBITS``, ...).

        Raises
        ------
        UnknownNameError
            For an unknown entity id or effect name.
        """
        for entity_id in (source, target):
            if entity_id is not None:
                self.entity(entity_id)
        wanted = None if effect is None else _effect(effect)
        return [
            i
            for i in self.interactions.values()
            if (source is None or source in i.source)
            and (target is None or target in i.target)
            and (wanted is None or i.effect is wanted)
        ]

    def annotations(self, entity_id: str) -> list[tuple[str, str]]:
        """Return ``(namespace, identifiers.org URI)`` pairs of an entity's xrefs.

        Intended for SBML ``bqbiol`` annotations; empty when the entity has no
        cross-references.
        """
        xref = self.entity(entity_id).xref
        return [(ns, NAMESPACES[ns].uri(value)) for ns, value in xref.items()]

    def format_evidence(self, interaction_id: str) -> str:
        """Return a readable account of an interaction and its evidence.

        Gives the statement, its context/mechanism/contested notes and, for
        each piece of evidence, the seed file (with its description) or the
        citation, the section, the verbatim quote and its English translation.
        """
        i = self.interaction(interaction_id)
        lines = [f"{i.id}: {', '.join(i.source)} --{i.effect.value}--> {', '.join(i.target)}"]
        for label, text in (("context", i.context), ("mechanism", i.mechanism), ("contested", i.contested),
                            ("notes", i.notes)):
            if text:
                lines.append(f"  {label}: {text}")
        for n, ev in enumerate(i.evidence, start=1):
            lines.extend(self._evidence_lines(n, ev))
        return "\n".join(lines)

    def _evidence_lines(self, n: int, ev: Evidence) -> list[str]:
        if ev.seed is not None:
            what = next((sf.what for sf in self.seed_files.values() if sf.file == ev.seed), "")
            head = f"  evidence {n}: seed {ev.seed}" + (f" ({what})" if what else "")
        else:
            ref = self.citations.get(ev.citation or "")
            head = f"  evidence {n}: citation {ev.citation}" + (f": {ref.short()}" if ref else "")
        lines = [head]
        if ev.section:
            lines.append(f"    section: {ev.section}")
        if ev.quote:
            lines.append(f'    quote: "{ev.quote}"')
        if ev.quote_en:
            lines.append(f'    translation: "{ev.quote_en}"')
        if ev.note:
            lines.append(f"    note: {ev.note}")
        return lines


def _effect(effect: Effect | str) -> Effect:
    try:
        return Effect(effect)
    except ValueError:
        raise UnknownNameError("effect", str(effect), [e.value for e in Effect]) from None
