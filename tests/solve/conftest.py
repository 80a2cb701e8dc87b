"""Shared inputs of the kernel tests: random states and parameter rows of the main model."""

from __future__ import annotations

import numpy as np
import pytest

import osteoimmune as oi


def random_states(k, n_batch: int, seed: int, vary: str = "all"):
    """Positive states (a tenth of the entries nearly depleted) and parameter rows for the kernels ``k``: every
    parameter varied per row by ±30 % (``vary="all"``), or the declaration's values with three parameters varied in
    runs of eight equal rows (``"runs"``, as neighbouring voxels share their parameters)."""
    model = oi.build_model()
    rng = np.random.default_rng(seed)
    scales = np.array([model.species[s].scale for s in model.species])
    values = np.array([model.parameters[p].value for p in model.parameters], dtype=float)
    Y = scales * rng.uniform(0.0, 3.0, (n_batch, k.n_species))
    low = rng.random(Y.shape) < 0.1
    Y[low] = (1e-9 * scales[None, :].repeat(n_batch, axis=0))[low]  # nearly depleted species
    if vary == "all":
        P = values * rng.uniform(0.7, 1.3, (n_batch, values.size))
    else:
        P = np.tile(values, (n_batch, 1))
        cols = rng.choice(values.size, 3, replace=False)
        P[:, cols] *= rng.uniform(0.7, 1.3, (n_batch // 8 + 1, 3)).repeat(8, axis=0)[:n_batch]
    return Y, P


@pytest.fixture
def kernel_states():
    """:func:`random_states` as a fixture."""
    return random_states
