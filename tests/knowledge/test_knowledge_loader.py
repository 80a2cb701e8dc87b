"""Loading, merging and all-at-once validation of the evidence base."""

from __future__ import annotations

import copy
import inspect
from pathlib import Path

import pytest

from osteoimmune.errors import KnowledgeError
from osteoimmune.knowledge import load_knowledge, load_knowledge_files, packaged_files
from osteoimmune.knowledge import loader


def test_packaged_base_loads_with_expected_counts(kb):
    assert len(kb.interactions) >= 480
    assert len(kb.entities) >= 300
    assert len(kb.facts) == 19
    assert len(kb.contested) == 12
    assert len(kb.citations) >= 30
    assert set(kb.seed_files) == {"000", "001", "002", "003", "004"}
    assert kb.absent_from_seeds is not None


def test_every_packaged_yaml_is_read(kb):
    assert {"seed_knowledge.yaml", "citations.yaml"} <= set(packaged_files())
    assert set(kb.sources) == set(packaged_files())


def test_load_is_cached():
    assert load_knowledge() is load_knowledge()
    assert load_knowledge([]) is load_knowledge(None)


def test_every_interaction_has_a_non_empty_quote(kb):
    for interaction in kb.interactions.values():
        assert interaction.evidence, interaction.id
        for ev in interaction.evidence:
            assert ev.quote and ev.quote.strip(), interaction.id
            assert ev.seed in {sf.file for sf in kb.seed_files.values()}


def test_chinese_quotes_have_translations(kb):
    chinese = [ev for i in kb.interactions.values() for ev in i.evidence
               if any("\u4e00" <= ch <= "\u9fff" for ch in ev.quote or "")]
    assert len(chinese) >= 70
    assert all(ev.quote_en for ev in chinese)


def test_scalar_source_target_evidence_normalised_to_lists(kb):
    i = kb.interaction("I001")
    assert i.source == ["immune_cells_generic"] and i.target == ["bone_remodeling"]
    assert len(i.evidence) == 1
    assert kb.interaction("I003").source == ["osteoblast", "osteoclast", "osteocyte"]


def test_loader_does_not_read_shared_folder():
    assert "/work" not in inspect.getsource(loader)


def _broken_copy(tmp_path: Path, packaged_yaml, write_yaml) -> list[Path]:
    data = packaged_yaml("seed_knowledge.yaml")
    broken = copy.deepcopy(data)
    hsc = next(e for e in broken["entities"] if e["id"] == "hematopoietic_stem_cell")
    hsc["xref"] = {"CL": "CL:37"}                                       # bad CL id
    i001 = next(i for i in broken["interactions"] if i["id"] == "I001")
    i001["target"] = "no_such_entity"                                   # dangling target
    broken["entities"].append(copy.deepcopy(broken["entities"][1]))     # duplicate id
    i002 = next(i for i in broken["interactions"] if i["id"] == "I002")
    i002["evidence"]["seed"] = "999_not_a_seed.txt"                     # unknown seed file
    return [write_yaml(tmp_path / "broken.yaml", broken),
            write_yaml(tmp_path / "citations.yaml", packaged_yaml("citations.yaml"))]


def test_broken_copy_reports_all_four_problems_at_once(tmp_path, packaged_yaml, write_yaml):
    with pytest.raises(KnowledgeError) as info:
        load_knowledge_files(_broken_copy(tmp_path, packaged_yaml, write_yaml))
    issues = info.value.issues
    messages = [str(i) for i in issues]
    assert len(issues) == 4, messages
    text = "\n".join(messages)
    assert "hematopoietic_stem_cell" in text and "'CL:37'" in text and r"^CL:\d{7}$" in text
    assert "'no_such_entity' is not an entity id" in text and "I001" in text
    assert f"duplicate entity id {packaged_yaml('seed_knowledge.yaml')['entities'][1]['id']!r}" in text
    assert "unknown seed file '999_not_a_seed.txt'" in text
    assert "4 problem(s)" in str(info.value)


def test_schema_problems_are_collected_with_locations(tmp_path, write_yaml):
    bad = {"entities": [{"id": "x1", "name": "X", "kind": "cell_type", "colour": "red"},
                        {"id": "x2", "name": "", "kind": "cell_type"}],
           "interactions": [{"id": "IX1", "source": "x1", "target": "osteoclast", "effect": "boosts",
                             "evidence": {"seed": "002_d4dc4f77775320be.txt", "section": "S", "quote": "  "}}],
           "wrong_key": []}
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([write_yaml(tmp_path / "bad.yaml", bad)])
    text = "\n".join(map(str, info.value.issues))
    assert "bad.yaml:entities.0.colour" in text
    assert "bad.yaml:entities.1.name" in text
    assert "bad.yaml:interactions.0.effect" in text and "'boosts'" in text
    assert "bad.yaml:interactions.0.evidence.0.quote" in text
    assert "unknown top-level key 'wrong_key'" in text


def test_extra_file_merges_model_entities_and_citation_evidence(tmp_path, write_yaml):
    extra = {
        "entities": [{"id": "test_debris_x", "name": "Necrotic debris", "kind": "model_quantity",
                      "note": "model-only quantity", "evidence": {"citation": "trejo2019"}}],
        "interactions": [{"id": "M001", "source": "test_debris_x", "target": "m1_polarization", "effect": "promotes",
                          "context": "model assumption", "evidence": {"citation": "trejo2019", "section": "eq. 2"}}],
        "citations": [{"id": "test2024", "authors": "Doe J", "year": 2024, "title": "T.", "journal": "J"}],
    }
    kb = load_knowledge([write_yaml(tmp_path / "model_entities.yaml", extra)])
    assert kb.entity("test_debris_x").kind == "model_quantity"
    assert kb.interaction("M001").evidence[0].citation == "trejo2019"
    assert "test2024" in kb.citations
    assert "trejo2019" in kb.format_evidence("M001")


def test_extra_file_with_duplicate_and_unknown_citation(tmp_path, write_yaml):
    extra = {"entities": [{"id": "macrophage", "name": "again", "kind": "cell_type"}],
             "interactions": [{"id": "M002", "source": "macrophage", "target": "osteoclast", "effect": "promotes",
                               "evidence": {"citation": "nobody1999"}}]}
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([write_yaml(tmp_path / "extra.yaml", extra)])
    text = "\n".join(map(str, info.value.issues))
    assert "duplicate entity id 'macrophage'" in text
    assert "unknown citation id 'nobody1999'" in text


def test_missing_extra_file_is_reported(tmp_path):
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([tmp_path / "absent.yaml"])
    assert "absent.yaml" in str(info.value)


def test_files_without_meta_are_rejected(tmp_path, packaged_yaml, write_yaml):
    with pytest.raises(KnowledgeError) as info:
        load_knowledge_files([write_yaml(tmp_path / "c.yaml", packaged_yaml("citations.yaml"))])
    assert "no file provides 'meta'" in str(info.value)
