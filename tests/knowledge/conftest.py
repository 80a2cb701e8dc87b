"""Fixtures for the evidence-base tests (package data only; never /work/shared)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from osteoimmune.knowledge import KnowledgeBase, load_knowledge


def packaged_yaml(name: str) -> dict[str, Any]:
    """Parse one packaged data file."""
    text = resources.files("osteoimmune.knowledge").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as YAML (UTF-8) and return ``path``."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(name="packaged_yaml")
def _packaged_yaml_fixture():
    """Function parsing one packaged data file by name."""
    return packaged_yaml


@pytest.fixture(name="write_yaml")
def _write_yaml_fixture():
    """Function writing a mapping as YAML to a path."""
    return write_yaml


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The packaged evidence base."""
    return load_knowledge()
