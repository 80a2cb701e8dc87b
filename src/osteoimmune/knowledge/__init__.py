"""Evidence base of osteoimmune: seed-review knowledge and literature citations.

The packaged YAML files in ``data/`` hold the entities, interactions and
quantitative facts curated from the five seed reviews, plus the literature
citations used for model parameters. :func:`load_knowledge` reads and
validates them (all problems reported at once in a
:class:`~osteoimmune.errors.KnowledgeError`) and returns a cached
:class:`KnowledgeBase`.
"""

from osteoimmune.knowledge.base import KnowledgeBase
from osteoimmune.knowledge.identifiers import NAMESPACES, check_identifier, identifiers_org_uri
from osteoimmune.knowledge.loader import (
    build_knowledge,
    clear_knowledge_cache,
    load_knowledge,
    load_knowledge_files,
    packaged_files,
)
from osteoimmune.knowledge.schema import (
    Citation,
    ContestedTopic,
    Effect,
    Entity,
    Evidence,
    Interaction,
    QuantitativeFact,
)

__all__ = [
    "load_knowledge",
    "load_knowledge_files",
    "build_knowledge",
    "clear_knowledge_cache",
    "packaged_files",
    "KnowledgeBase",
    "Entity",
    "Interaction",
    "Evidence",
    "Citation",
    "Effect",
    "QuantitativeFact",
    "ContestedTopic",
    "NAMESPACES",
    "check_identifier",
    "identifiers_org_uri",
]
