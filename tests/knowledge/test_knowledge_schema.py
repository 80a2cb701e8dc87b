"""Schema models: normalisation, evidence rules, vocabulary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from osteoimmune.knowledge import Citation, Effect, Entity, Evidence, Interaction


def test_effect_enum_matches_meta_vocabulary(kb):
    assert set(kb.meta.conventions.effects) == {e.value for e in Effect}


def test_interaction_normalises_scalars():
    i = Interaction.model_validate({"id": "I1", "source": "a", "target": ["b", "c"], "effect": "dual",
                                    "evidence": {"citation": "x"}})
    assert i.source == ["a"] and i.pairs() == [("a", "b"), ("a", "c")]
    assert isinstance(i.evidence, list) and i.effect is Effect.DUAL


def test_entity_null_xref_and_frozen():
    e = Entity.model_validate({"id": "e1", "name": "E", "kind": "cell_type", "xref": None})
    assert e.xref == {} and e.seeds == [] and e.subtypes == []
    with pytest.raises(ValidationError):
        e.name = "other"  # type: ignore[misc]


@pytest.mark.parametrize("payload", [
    {"seed": "f.txt", "section": "s"},                       # no quote
    {"seed": "f.txt", "section": "s", "quote": ""},          # empty quote
    {"seed": "f.txt", "citation": "c", "section": "s", "quote": "q"},  # both sources
    {"section": "s", "quote": "q"},                          # neither
    {"citation": "c", "quote_en": "q"},                      # translation without quote
    {"seed": "f.txt", "section": "s", "quote": "q", "page": 3},  # unknown field
])
def test_bad_evidence(payload):
    with pytest.raises(ValidationError):
        Evidence.model_validate(payload)


def test_citation_rules():
    base = {"id": "a2000", "authors": "A B", "year": 2000, "title": "T", "journal": "J"}
    assert Citation.model_validate(base).doi is None
    with pytest.raises(ValidationError):
        Citation.model_validate({**base, "doi_confirmed": True})
    with pytest.raises(ValidationError):
        Citation.model_validate({**base, "doi": "not-a-doi"})


def test_citations_have_confirmation_flags(kb):
    for citation in kb.citations.values():
        assert not citation.doi_confirmed or citation.doi
        assert citation.year >= 1990
