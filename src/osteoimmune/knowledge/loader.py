"""Read the packaged evidence base (and optional extra files) and validate it.

Every ``*.yaml`` file in ``osteoimmune/knowledge/data/`` is read through
:mod:`importlib.resources`; extra files given by path are merged after them.
Each file is a mapping with any of the top-level keys ``entities``,
``interactions``, ``citations``, ``quantitative_facts`` and
``contested_in_seeds`` (lists; a missing key means an empty list). Exactly one
file, ``seed_knowledge.yaml``, also carries ``meta`` and
``absent_from_seeds``. Records are merged, never overridden: an id defined
twice is an error.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Sequence

import yaml
from pydantic import BaseModel, ValidationError

from osteoimmune.errors import Issue, KnowledgeError
from osteoimmune.knowledge.base import KnowledgeBase
from osteoimmune.knowledge.schema import (
    AbsentFromSeeds,
    Citation,
    ContestedTopic,
    Entity,
    Interaction,
    Meta,
    QuantitativeFact,
)
from osteoimmune.knowledge.validation import Located, Records, validate

__all__ = ["load_knowledge", "load_knowledge_files", "build_knowledge", "packaged_files", "clear_knowledge_cache"]

DATA_PACKAGE = "osteoimmune.knowledge"
DATA_FOLDER = "data"

_LISTS: dict[str, type[BaseModel]] = {
    "entities": Entity,
    "interactions": Interaction,
    "citations": Citation,
    "quantitative_facts": QuantitativeFact,
    "contested_in_seeds": ContestedTopic,
}
_META_ONLY = ("meta", "absent_from_seeds")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
ALLOWED_KEYS = (*_META_ONLY, *_LISTS)


def packaged_files() -> list[str]:
    """Return the names of the packaged ``*.yaml`` data files, sorted."""
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(".yaml"))


def _packaged_documents() -> list[tuple[str, str]]:
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    return [(name, folder.joinpath(name).read_text(encoding="utf-8")) for name in packaged_files()]


def _pydantic_issues(location: str, raw: dict[str, Any], exc: ValidationError) -> list[Issue]:
    label = f"record {raw['id']!r}: " if isinstance(raw.get("id"), str) else ""
    issues = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        received = repr(err.get("input"))
        received = received if len(received) <= 80 else received[:77] + "..."
        where = f"{location}.{loc}" if loc else location
        issues.append(Issue(where, f"{label}{err['msg']} (received {received})"))
    return issues


def _parse_document(name: str, text: str, records: Records, issues: list[Issue], extras: dict) -> None:
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        issues.append(Issue(name, f"not valid YAML: {exc}"))
        return
    if data is None:
        return
    if not isinstance(data, dict):
        issues.append(Issue(name, f"top level must be a mapping with keys {list(ALLOWED_KEYS)}, "
                                  f"got {type(data).__name__}"))
        return
    for key in data:
        if key not in ALLOWED_KEYS:
            issues.append(Issue(f"{name}:{key}", f"unknown top-level key {key!r}; allowed: {', '.join(ALLOWED_KEYS)}"))
    if "meta" in data:
        if "meta" in extras:
            issues.append(Issue(f"{name}:meta", f"'meta' is already given in {extras['meta']}; only one file may have it"))
        else:
            extras["meta"] = name
            try:
                records.meta = Meta.model_validate(data["meta"])
            except ValidationError as exc:
                issues.extend(_pydantic_issues(f"{name}:meta", {}, exc))
    if "absent_from_seeds" in data:
        if "meta" not in data:
            issues.append(Issue(f"{name}:absent_from_seeds", "only allowed in the file that has 'meta'"))
        else:
            try:
                extras["absent"] = AbsentFromSeeds.model_validate(data["absent_from_seeds"])
            except ValidationError as exc:
                issues.extend(_pydantic_issues(f"{name}:absent_from_seeds", {}, exc))
    for key, model in _LISTS.items():
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            issues.append(Issue(f"{name}:{key}", f"must be a list of records, got {type(items).__name__}"))
            continue
        target = getattr(records, "facts" if key == "quantitative_facts" else
                         "contested" if key == "contested_in_seeds" else key)
        for n, raw in enumerate(items):
            location = f"{name}:{key}.{n}"
            if not isinstance(raw, dict):
                issues.append(Issue(location, f"must be a mapping, got {type(raw).__name__}"))
                continue
            try:
                target.append(Located(location, model.model_validate(raw)))
            except ValidationError as exc:
                issues.extend(_pydantic_issues(location, raw, exc))


def build_knowledge(documents: Sequence[tuple[str, str]]) -> KnowledgeBase:
    """Parse, merge and validate YAML documents into a :class:`KnowledgeBase`.

    Parameters
    ----------
    documents : sequence of (name, text)
        File name (used in problem locations) and YAML text, in merge order.

    Returns
    -------
    KnowledgeBase
        The validated base.

    Raises
    ------
    KnowledgeError
        With every problem found (parse errors, schema errors, duplicate ids,
        bad identifiers, dangling references, unknown seed files or citations).
    """
    records, issues, extras = Records(), [], {}
    for name, text in documents:
        _parse_document(name, text, records, issues, extras)
    if records.meta is None and "meta" not in extras:
        issues.append(Issue("meta", "no file provides 'meta' (seed files, conventions); "
                                    "seed references cannot be checked"))
    issues += validate(records)
    if issues or records.meta is None:  # a missing meta is always among the issues
        raise KnowledgeError("evidence base", issues)
    return KnowledgeBase(
        meta=records.meta,
        entities=MappingProxyType({e.record.id: e.record for e in records.entities}),
        interactions=MappingProxyType({i.record.id: i.record for i in records.interactions}),
        citations=MappingProxyType({c.record.id: c.record for c in records.citations}),
        facts=MappingProxyType({f.record.id: f.record for f in records.facts}),
        contested=tuple(c.record for c in records.contested),
        absent_from_seeds=extras.get("absent"),
        sources=tuple(name for name, _ in documents),
    )


def _read_paths(paths: Sequence[Path]) -> tuple[list[tuple[str, str]], list[Issue]]:
    documents, issues = [], []
    for path in paths:
        path = Path(path)
        try:
            documents.append((str(path), path.read_text(encoding="utf-8")))
        except OSError as exc:
            issues.append(Issue(str(path), f"cannot read knowledge file: {exc.strerror or exc}"))
    return documents, issues


def load_knowledge_files(paths: Sequence[Path]) -> KnowledgeBase:
    """Build a base from exactly these files (no packaged data, no cache).

    Useful to check a modified copy of the data. One of the files must carry
    ``meta``.

    Raises
    ------
    KnowledgeError
        With every problem found, including unreadable files.
    """
    documents, issues = _read_paths(paths)
    if issues:
        raise KnowledgeError("evidence base", issues)
    return build_knowledge(documents)


@functools.lru_cache(maxsize=8)
def _load_cached(extra: tuple[Path, ...]) -> KnowledgeBase:
    documents, issues = _read_paths(extra)
    if issues:
        raise KnowledgeError("evidence base", issues)
    return build_knowledge(_packaged_documents() + documents)


def load_knowledge(extra: list[Path] | None = None) -> KnowledgeBase:
    """Load the packaged evidence base, merged with optional extra YAML files.

    Parameters
    ----------
    extra : list of Path, optional
        Additional files with the same top-level structure (``entities``,
        ``interactions``, ``citations``, ``quantitative_facts`` lists), merged
        after the packaged ones. Their ids must not repeat packaged ids.

    Returns
    -------
    KnowledgeBase
        The validated base. Results are cached per list of extra paths; call
        :func:`clear_knowledge_cache` after editing a file.

    Raises
    ------
    KnowledgeError
        With every problem found, all at once.
    """
    return _load_cached(tuple(Path(p).resolve() for p in extra or ()))


def clear_knowledge_cache() -> None:
    """Forget cached results of :func:`load_knowledge`."""
    _load_cached.cache_clear()
