"""Identifier patterns and identifiers.org URIs."""

from __future__ import annotations

import pytest

from osteoimmune.errors import KnowledgeError, UnknownNameError
from osteoimmune.knowledge.identifiers import NAMESPACES, check_identifier, identifiers_org_uri, is_valid_identifier


@pytest.mark.parametrize(("namespace", "value", "uri"), [
    ("CL", "CL:0000235", "https://identifiers.org/CL:0000235"),
    ("UniProt", "P01375", "https://identifiers.org/uniprot:P01375"),
    ("uniprot", "A0A023GPI8", "https://identifiers.org/uniprot:A0A023GPI8"),
    ("ChEBI", "CHEBI:15551", "https://identifiers.org/CHEBI:15551"),
    ("CHEBI", "CHEBI:18420", "https://identifiers.org/CHEBI:18420"),
    ("HGNC", "TNF", "https://identifiers.org/hgnc.symbol:TNF"),
    ("hgnc.symbol", "TNFSF11", "https://identifiers.org/hgnc.symbol:TNFSF11"),
    ("GO", "GO:0030316", "https://identifiers.org/GO:0030316"),
    ("MeSH", "D010024", "https://identifiers.org/mesh:D010024"),
    ("MeSH", "D000070642", "https://identifiers.org/mesh:D000070642"),
    ("DOID", "DOID:11476", "https://identifiers.org/DOID:11476"),
    ("NCBITaxon", "1280", "https://identifiers.org/taxonomy:1280"),
    ("UBERON", "UBERON:0002481", "https://identifiers.org/UBERON:0002481"),
    ("SBO", "SBO:0000290", "https://identifiers.org/SBO:0000290"),
])
def test_identifiers_org_uri(namespace, value, uri):
    assert identifiers_org_uri(namespace, value) == uri


@pytest.mark.parametrize(("namespace", "value"), [
    ("CL", "CL:235"), ("CL", "0000235"), ("GO", "GO:123"), ("ChEBI", "chebi:15551"),
    ("UniProt", "P0137"), ("UniProt", "p01375"), ("HGNC", "tnf"), ("MeSH", "D123"),
    ("MeSH", "C000123"), ("DOID", "DOID:"), ("NCBITaxon", "taxon:1280"), ("SBO", "SBO:290"),
    ("UBERON", "UBERON:12"),
])
def test_malformed_identifiers_are_rejected(namespace, value):
    assert not is_valid_identifier(namespace, value)
    message = check_identifier(namespace, value)
    assert repr(value) in message and NAMESPACES[namespace].pattern in message
    with pytest.raises(KnowledgeError):
        identifiers_org_uri(namespace, value)


def test_hgnc_symbol_forms():
    for symbol in ("IL1B", "HLA-DRA", "C1orf112", "MIR155", "NFE2L2"):
        assert is_valid_identifier("HGNC", symbol), symbol


def test_unknown_namespace_lists_allowed():
    with pytest.raises(UnknownNameError) as info:
        identifiers_org_uri("Ensembl", "ENSG00000232810")
    message = str(info.value)
    for name in ("CL", "ChEBI", "GO", "UniProt", "HGNC", "MeSH", "DOID", "NCBITaxon", "UBERON", "SBO"):
        assert name in message


def test_every_packaged_xref_is_well_formed(kb):
    for entity in kb.entities.values():
        for namespace, value in entity.xref.items():
            assert is_valid_identifier(namespace, value), (entity.id, namespace, value)
