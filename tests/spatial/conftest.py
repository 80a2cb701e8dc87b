"""Shared fixtures of the spatial tests (small grids, short horizons)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from osteoimmune.spatial.build import build_problem
from osteoimmune.spatial.scenario import load_spatial_scenario


@lru_cache(maxsize=None)
def built(name: str, *overrides: str):
    return build_problem(load_spatial_scenario(name, list(overrides)))


@pytest.fixture(scope="session")
def build_cached():
    return built
