"""Pydantic models of the evidence base (entities, interactions, facts, citations).

Every model is frozen and rejects unknown fields. Scalar ``source`` /
``target`` / ``evidence`` values are normalised to one-element lists, and a
``null`` ``xref`` to an empty mapping. Cross-record checks (dangling ids,
identifier patterns, unknown seed files or citations) are done by
:mod:`osteoimmune.knowledge.validation`, which reports all problems at once.
Treat the lists inside loaded records as read-only.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "Effect",
    "Evidence",
    "Entity",
    "Interaction",
    "QuantitativeFact",
    "Citation",
    "SeedFile",
    "Conventions",
    "Meta",
    "ContestedTopic",
    "AbsentFromSeeds",
]

#: Identifier of a record: usable as an SBML SId.
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


NonBlank = Annotated[str, AfterValidator(_non_blank)]
RecordId = Annotated[str, Field(pattern=ID_PATTERN)]


def _as_list(value: Any) -> Any:
    """Wrap a scalar (string or mapping) in a list; leave lists and None alone."""
    if isinstance(value, (str, dict)):
        return [value]
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Effect(StrEnum):
    """Effect vocabulary of interactions (``meta.conventions.effects``)."""

    PROMOTES = "promotes"
    INHIBITS = "inhibits"
    SECRETES = "secretes"
    EXPRESSES = "expresses"
    DIFFERENTIATES_INTO = "differentiates_into"
    POLARIZES_TO = "polarizes_to"
    RECRUITS = "recruits"
    DEGRADES = "degrades"
    TRANSFERS_TO = "transfers_to"
    DUAL = "dual"
    REGULATES = "regulates"


class Evidence(_Frozen):
    """Support for a record: a seed-review quote or a literature citation.

    Either ``seed`` (file name from ``meta.seed_files``) with ``section`` and a
    verbatim ``quote`` (plus ``quote_en`` for a Chinese quote), or ``citation``
    (an id in ``citations.yaml``) with optional ``section``/``quote``/``note``.
    """

    seed: NonBlank | None = None
    section: NonBlank | None = None
    quote: NonBlank | None = None
    quote_en: NonBlank | None = None
    citation: NonBlank | None = None
    note: NonBlank | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Evidence:
        if (self.seed is None) == (self.citation is None):
            raise ValueError("evidence needs exactly one of 'seed' or 'citation'")
        if self.seed is not None and (self.section is None or self.quote is None):
            raise ValueError("seed evidence needs 'section' and a non-empty 'quote'")
        if self.quote_en is not None and self.quote is None:
            raise ValueError("'quote_en' is a translation and needs 'quote'")
        return self


class Entity(_Frozen):
    """A biological or model entity (cell, molecule, process, condition, ...)."""

    id: RecordId
    name: NonBlank
    kind: NonBlank
    xref: dict[str, str] = Field(default_factory=dict)
    seeds: list[str] = Field(default_factory=list)
    parent: str | None = None
    subtypes: list[str] = Field(default_factory=list)
    note: NonBlank | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("xref", mode="before")
    @classmethod
    def _null_xref(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("subtypes", "seeds", mode="before")
    @classmethod
    def _null_list(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_list(cls, value: Any) -> Any:
        return [] if value is None else _as_list(value)


class Interaction(_Frozen):
    """A directed statement ``source --effect--> target`` with its evidence.

    A list-valued source or target means the statement applies to every
    source x target pair, all supported by the same evidence.
    """

    id: RecordId
    source: Annotated[list[NonBlank], Field(min_length=1)]
    target: Annotated[list[NonBlank], Field(min_length=1)]
    effect: Effect
    context: NonBlank | None = None
    mechanism: NonBlank | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    contested: NonBlank | None = None
    notes: NonBlank | None = None

    @field_validator("source", "target", "evidence", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return _as_list(value)

    def pairs(self) -> list[tuple[str, str]]:
        """Return every (source, target) pair the statement applies to."""
        return [(s, t) for s in self.source for t in self.target]


class QuantitativeFact(_Frozen):
    """A number stated in the seeds (or in a cited paper), with its unit."""

    id: RecordId
    fact: NonBlank
    value: int | float | str
    unit: NonBlank
    context: NonBlank | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]

    @field_validator("evidence", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return _as_list(value)


class Citation(_Frozen):
    """A literature reference used for model parameters or structure."""

    id: RecordId
    authors: NonBlank
    year: Annotated[int, Field(ge=1800, le=2100)]
    title: NonBlank
    journal: NonBlank
    volume: NonBlank | None = None
    pages: NonBlank | None = None
    doi: Annotated[str, Field(pattern=DOI_PATTERN)] | None = None
    doi_confirmed: bool = False
    verified: bool = False
    note: NonBlank | None = None

    @model_validator(mode="after")
    def _doi_confirmed_needs_doi(self) -> Citation:
        if self.doi_confirmed and self.doi is None:
            raise ValueError("'doi_confirmed' is true but 'doi' is null")
        return self

    def short(self) -> str:
        """Return a one-line reference: authors (year). title. journal vol:pages. doi."""
        where = self.journal
        if self.volume:
            where += f" {self.volume}"
        if self.pages:
            where += f":{self.pages}"
        doi = f" doi:{self.doi}" if self.doi else ""
        return f"{self.authors} ({self.year}). {self.title} {where}.{doi}"


class SeedFile(_Frozen):
    """One seed review: its text file name and what it is."""

    file: NonBlank
    what: NonBlank


class Conventions(_Frozen):
    """Conventions block of ``meta`` (kept verbatim from the source)."""

    quotes: NonBlank
    effects: dict[str, str]
    list_fields: NonBlank
    contested_field: NonBlank
    identifiers: NonBlank
    seeds_field: NonBlank


class Meta(_Frozen):
    """Header of the seed knowledge base."""

    title: NonBlank
    seed_files: dict[str, SeedFile]
    conventions: Conventions
    caveats: list[NonBlank] = Field(default_factory=list)
    curation: list[NonBlank] = Field(default_factory=list)

    @field_validator("seed_files")
    @classmethod
    def _codes(cls, value: dict[str, SeedFile]) -> dict[str, SeedFile]:
        bad = [code for code in value if not re.fullmatch(r"\d{3}", code)]
        if bad:
            raise ValueError(f"seed codes must be three digits, got {bad}")
        return value


class ContestedTopic(_Frozen):
    """A disagreement reported by the seeds themselves."""

    topic: NonBlank
    positions: Annotated[list[NonBlank], Field(min_length=1)]
    seed: NonBlank
    section: NonBlank

    def seed_file_names(self) -> list[str]:
        """Return the seed file names (``seed`` may join several with ``' + '``)."""
        return [part.strip() for part in self.seed.split("+")]


class AbsentFromSeeds(_Frozen):
    """Topics a reader might expect that the seeds do not cover."""

    note: NonBlank
    not_mentioned: list[NonBlank] = Field(default_factory=list)
    abstract_only: list[NonBlank] = Field(default_factory=list)
