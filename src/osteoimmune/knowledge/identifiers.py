"""Identifier-pattern checks and identifiers.org URIs for entity cross-references.

One regular expression per namespace. The canonical namespace names are the
keys used in ``entity.xref`` of the packaged data (``CL``, ``ChEBI``, ``GO``,
``UniProt``, ``HGNC``, ``MeSH``, ``DOID``, ``NCBITaxon``, ``UBERON``, ``SBO``).
The public functions also accept common spellings (``CHEBI``, ``uniprot``,
``hgnc.symbol``, ``mesh``, ``taxonomy``, ...), case-insensitively.

Only the *form* of an identifier is checked here, never whether it exists in
the source database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from osteoimmune.errors import Issue, KnowledgeError, UnknownNameError

__all__ = [
    "Namespace",
    "NAMESPACES",
    "canonical_namespace",
    "check_identifier",
    "is_valid_identifier",
    "identifiers_org_uri",
]

IDENTIFIERS_ORG = "https://identifiers.org/"

# Official UniProtKB accession format (uniprot.org/help/accession_numbers).
_UNIPROT = r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})"
# HGNC approved symbols: upper-case letters and digits, optionally "orf" (C1orf112),
# hyphenated parts (HLA-DRA, MT-CO1) and a trailing "@" for gene groups.
_HGNC_SYMBOL = r"[A-Z][A-Z0-9]*(?:orf[0-9]+[A-Z0-9]*)?(?:-[A-Z0-9]+)*@?"


@dataclass(frozen=True)
class Namespace:
    """One identifier namespace.

    Attributes
    ----------
    name : str
        Canonical name used as ``xref`` key in the data.
    pattern : str
        Anchored regular expression a value must match.
    uri_prefix : str
        identifiers.org prefix; empty when the value already embeds its prefix
        (``CL:0000235`` -> ``https://identifiers.org/CL:0000235``).
    description : str
        Human-readable name of the namespace.
    aliases : tuple of str
        Other accepted spellings (compared case-insensitively).
    """

    name: str
    pattern: str
    uri_prefix: str
    description: str
    aliases: tuple[str, ...] = ()

    def matches(self, value: str) -> bool:
        """Return whether ``value`` has the form required by this namespace."""
        return re.fullmatch(self.pattern, value) is not None

    def uri(self, value: str) -> str:
        """Return the identifiers.org URI of ``value`` (form not checked)."""
        prefix = f"{self.uri_prefix}:" if self.uri_prefix else ""
        return f"{IDENTIFIERS_ORG}{prefix}{value}"


_ALL = (
    Namespace("CL", r"^CL:\d{7}$", "", "Cell Ontology", ("cl",)),
    Namespace("ChEBI", r"^CHEBI:\d+$", "", "Chemical Entities of Biological Interest", ("chebi",)),
    Namespace("GO", r"^GO:\d{7}$", "", "Gene Ontology", ("go",)),
    Namespace("UniProt", f"^{_UNIPROT}$", "uniprot", "UniProtKB accession", ("uniprot", "uniprotkb")),
    Namespace("HGNC", f"^{_HGNC_SYMBOL}$", "hgnc.symbol", "HGNC gene symbol", ("hgnc", "hgnc.symbol")),
    Namespace("MeSH", r"^D\d{6,9}$", "mesh", "MeSH descriptor", ("mesh",)),
    Namespace("DOID", r"^DOID:\d+$", "", "Human Disease Ontology", ("doid",)),
    Namespace("NCBITaxon", r"^\d+$", "taxonomy", "NCBI Taxonomy", ("ncbitaxon", "taxonomy", "taxon")),
    Namespace("UBERON", r"^UBERON:\d{7}$", "", "Uberon anatomy ontology", ("uberon",)),
    Namespace("SBO", r"^SBO:\d{7}$", "", "Systems Biology Ontology", ("sbo",)),
)

#: Canonical namespace name -> :class:`Namespace` (read-only).
NAMESPACES: Mapping[str, Namespace] = MappingProxyType({ns.name: ns for ns in _ALL})

_LOOKUP: Mapping[str, str] = MappingProxyType(
    {key.lower(): ns.name for ns in _ALL for key in (ns.name, *ns.aliases)}
)


def canonical_namespace(name: str) -> str:
    """Return the canonical spelling of a namespace name.

    Parameters
    ----------
    name : str
        Namespace name or alias, any case (``"CHEBI"``, ``"hgnc.symbol"``).

    Returns
    -------
    str
        Canonical name, a key of :data:`NAMESPACES`.

    Raises
    ------
    UnknownNameError
        If ``name`` is not a known namespace; the message lists the allowed ones.
    """
    try:
        return _LOOKUP[str(name).lower()]
    except KeyError:
        raise UnknownNameError("identifier namespace", str(name), list(NAMESPACES)) from None


def check_identifier(namespace: str, value: str) -> str | None:
    """Check the form of one identifier.

    Parameters
    ----------
    namespace : str
        Namespace name or alias.
    value : str
        Identifier value as written in ``xref`` (``"CL:0000235"``, ``"P01375"``).

    Returns
    -------
    str or None
        ``None`` if the value is well formed, else a message naming the
        namespace, the value and the expected pattern.

    Raises
    ------
    UnknownNameError
        If the namespace is unknown.
    """
    ns = NAMESPACES[canonical_namespace(namespace)]
    if isinstance(value, str) and ns.matches(value):
        return None
    return f"{ns.name} identifier {value!r} does not match the expected pattern {ns.pattern}"


def is_valid_identifier(namespace: str, value: str) -> bool:
    """Return whether ``value`` is a well-formed identifier of ``namespace``."""
    return check_identifier(namespace, value) is None


def identifiers_org_uri(namespace: str, value: str) -> str:
    """Return the identifiers.org URI of an identifier.

    Parameters
    ----------
    namespace : str
        Namespace name or alias (``"CL"``, ``"uniprot"``, ``"hgnc.symbol"``).
    value : str
        Identifier value (``"CL:0000235"``, ``"P01375"``, ``"TNF"``, ``"1280"``).

    Returns
    -------
    str
        For example ``https://identifiers.org/CL:0000235``,
        ``https://identifiers.org/uniprot:P01375``,
        ``https://identifiers.org/hgnc.symbol:TNF``,
        ``https://identifiers.org/taxonomy:1280``.

    Raises
    ------
    UnknownNameError
        If the namespace is unknown (the message lists the allowed ones).
    KnowledgeError
        If the value does not match the namespace pattern.
    """
    problem = check_identifier(namespace, value)
    if problem is not None:
        raise KnowledgeError("identifier", [Issue(f"{namespace}:{value}", problem)])
    return NAMESPACES[canonical_namespace(namespace)].uri(value)
