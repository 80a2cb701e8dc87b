"""The compiled Jacobian and straight-line LU of the generated kernel module against the NumPy array code."""

from __future__ import annotations

import numpy as np

import osteoimmune as oi
from osteoimmune.solve.batched_kernels import load_kernels


def test_compiled_jacobian_equals_the_numpy_jacobian_to_round_off(kernel_states):
    k = load_kernels(oi.build_model())
    for seed in (0, 1):
        Y, P = kernel_states(k, 40, seed)
        ref = k.jac_values(0.0, Y, P)
        got = k.jac_values_compiled(0.0, Y, P)
        assert got.shape == ref.shape and np.all(np.isfinite(got))
        np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12 * np.abs(ref).max())


def test_straight_line_lu_factor_repeats_the_table_driven_one(kernel_states):
    k = load_kernels(oi.build_model())
    Y, P = kernel_states(k, 12, 2)
    JV = k.jac_values(0.0, Y, P)
    for c in (1e-3, 0.3, 20.0):
        LU, piv = k.lu_factor(c, JV)
        LU2, piv2 = k.lu_factor_compiled(c, JV)
        # both kernels may contract a*b+c into one FMA (fastmath 'contract'), not necessarily at the same places,
        # so entries produced by cancellation (≈1e-9 of the largest) can differ in their last bits: relative
        # 1e-14 with an absolute floor of 1e-15 of the largest entry of each factorisation
        np.testing.assert_allclose(LU2, LU, rtol=1e-14, atol=1e-15 * np.abs(LU).max())
        np.testing.assert_allclose(piv2, piv, rtol=1e-14, atol=0)
