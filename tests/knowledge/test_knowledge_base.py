"""Query API of KnowledgeBase."""

from __future__ import annotations

import pytest

from osteoimmune.errors import UnknownNameError
from osteoimmune.knowledge import Effect


def test_unknown_entity_lists_alternatives(kb):
    with pytest.raises(UnknownNameError) as info:
        kb.entity("macrophagee")
    err = info.value
    assert err.kind == "entity" and err.name == "macrophagee"
    assert "macrophage" in err.allowed and len(err.allowed) == len(kb.entities)
    assert "unknown entity 'macrophagee'; allowed:" in str(err)
    assert isinstance(err, KeyError)


@pytest.mark.parametrize("method", ["interaction", "citation", "fact"])
def test_unknown_ids_raise(kb, method):
    with pytest.raises(UnknownNameError):
        getattr(kb, method)("nope")


def test_lookups(kb):
    assert kb.entity("osteoclast").xref["CL"] == "CL:0000092"
    assert kb.interaction("I222").effect is Effect.DEGRADES
    assert kb.citation("pivonka2008").year == 2008
    assert kb.fact("Q05").unit == "days"


def test_interactions_involving(kb):
    found = kb.interactions_involving("rankl")
    assert {"I220", "I226", "I437"} <= {i.id for i in found}
    assert all("rankl" in i.source or "rankl" in i.target for i in found)
    with pytest.raises(UnknownNameError):
        kb.interactions_involving("no_such_entity")


def test_find_interactions(kb):
    found = kb.find_interactions(source="il4", effect="inhibits")
    assert found and all("il4" in i.source and i.effect is Effect.INHIBITS for i in found)
    assert [i.id for i in kb.find_interactions(source="opg", target="rankl", effect=Effect.INHIBITS)] == ["I437"]
    assert len(kb.find_interactions()) == len(kb.interactions)
    with pytest.raises(UnknownNameError) as info:
        kb.find_interactions(effect="boosts")
    assert "promotes" in info.value.allowed


def test_annotations(kb):
    assert kb.annotations("tnf_alpha") == [("HGNC", "https://identifiers.org/hgnc.symbol:TNF"),
                                           ("UniProt", "https://identifiers.org/uniprot:P01375")]
    assert kb.annotations("macrophage") == [("CL", "https://identifiers.org/CL:0000235")]
    assert kb.annotations("s_aureus") == [("NCBITaxon", "https://identifiers.org/taxonomy:1280")]
    assert kb.annotations("immune_microenvironment") == []


def test_format_evidence_with_translation(kb):
    text = kb.format_evidence("I188")
    assert text.startswith("I188: lps, ifn_gamma --polarizes_to--> m1_macrophage")
    assert "003_b335aac3ed2f8940.txt" in text and "1 巨噬细胞 (Macrophages)" in text
    assert kb.interaction("I188").evidence[0].quote in text
    assert "translation: \"M1 macrophages are pro-inflammatory cells" in text


def test_format_evidence_english_seed(kb):
    text = kb.format_evidence("I031")
    assert "002_d4dc4f77775320be.txt" in text and "contested:" in text and "translation" not in text


def test_mappings_are_read_only(kb):
    with pytest.raises(TypeError):
        kb.entities["x"] = kb.entity("osteoclast")  # type: ignore[index]
