"""A small, cheap cohort (30-day runs, daily output) shared by the cohort tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from small_cohort import SMALL


@pytest.fixture
def small_raw() -> dict:
    import copy

    return copy.deepcopy(SMALL)


@pytest.fixture
def write_spec(tmp_path):
    def write(raw: dict, name: str = "cohort.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
        return path

    return write
