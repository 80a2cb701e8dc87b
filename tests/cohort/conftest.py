"""A small, cheap cohort (30-day runs, daily output) shared by the cohort tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

SMALL = {
    "schema_version": 1,
    "name": "small",
    "base": "fracture-healing",
    "set": ["days=30", "output_interval_days=1"],
    "size": 4,
    "seed": 7,
    "chunk_size": 1,
    "covariates": {
        "age_years": {"dist": "uniform", "low": 20, "high": 90},
        "sex": {"dist": "categorical", "values": ["female", "male"]},
        "gap_mm": {"dist": "lognormal", "median": 1.0, "cv": 0.4, "low": 0.3, "high": 4.0},
    },
    "parameters": {"k_diff": {"dist": "lognormal", "cv": 0.2}},
    "subgroups": [{"name": "sex", "by": "sex"}, {"name": "age", "by": "age_years", "bins": [20, 50, 90]}],
}


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
