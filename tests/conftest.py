"""Shared fixtures: simulations are cached per session (they are deterministic)."""

from __future__ import annotations

from functools import lru_cache

import pytest

import osteoimmune as oi


@lru_cache(maxsize=None)
def run(name: str, *overrides: str, method: str = "lsoda", rtol: float = 1e-7):
    return oi.simulate(oi.load_scenario(name, list(overrides)), oi.SolverOptions(method=method, rtol=rtol))


@pytest.fixture(scope="session")
def simulate_cached():
    return run
