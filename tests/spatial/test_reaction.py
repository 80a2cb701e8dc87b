"""The per-voxel reaction step: independent step control per voxel, chunking, quiescent voxels (issue 8 item 6)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from osteoimmune.spatial.geometry import Region
from osteoimmune.spatial.reaction import BatchedRosenbrock
from osteoimmune.spatial.solver import _apply_jump

COARSE = ("spatial.geometry.resolution_mm=0.5", "days=2", "output_interval_days=1")


def _states(build_cached):
    """Pre-injury and injured states of a coarse 2D 5 mm defect, with the parameters of its first segment."""
    p = build_cached("rat-femur-5mm", *COARSE).problem
    y = p.y0.copy()
    index = {s: i for i, s in enumerate(p.species_ids)}
    for j in p.jumps:
        if j.time == 0.0:
            _apply_jump(y, j, index)
    return p, p.y0.copy(), y, p.parameter_list(p.segments[0])


def _scaled(rx: BatchedRosenbrock, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-voxel RMS of |a − b| / (atol + rtol |b|), the norm of the step-size control."""
    return np.sqrt(np.mean(((a - b) / (rx._atol + rx.rtol * np.abs(b))) ** 2, axis=0))


def test_voxels_at_their_basal_steady_state_take_one_explicit_step_and_stay_there(build_cached):
    p, y0, _, params = _states(build_cached)
    rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6)
    y1, _ = rx.integrate(y0, params, 0.0, 0.5)
    soft = p.geometry.mask(Region.SOFT_TISSUE).ravel()
    assert rx.stats.n_explicit >= soft.sum() > 0  # no Jacobian, no factorisation for them
    assert _scaled(rx, y1[:, soft], y0[:, soft]).max() < 1e-6  # far below the tolerance (1)


def test_explicit_quiescent_steps_stay_within_a_tenth_of_the_tolerance_of_rosenbrock(build_cached):
    """Injured defect plus quiet tissue, 0.5 day: with and without the explicit step the states differ by less
    than quiescent_fraction (0.1) in the norm of the error control."""
    p, _, y, params = _states(build_cached)
    out = {}
    for q in (0.1, 0.0):
        rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, quiescent_fraction=q)
        out[q], _ = rx.integrate(y, params, 0.0, 0.5)
        if q:
            assert 0 < rx.stats.n_explicit < y.shape[1]  # some voxels quiet, the injured ones not
    assert _scaled(rx, out[0.1], out[0.0]).max() < 0.1


def test_each_voxel_has_its_own_step_control_independent_of_batch_and_chunks(build_cached):
    p, _, y, params = _states(build_cached)
    rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6)
    whole, h = rx.integrate(y, params, 0.0, 0.5)
    assert h.shape == (y.shape[1],) and np.ptp(h) > 0  # step sizes differ between voxels
    for threads in (1, 3):
        small = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, chunk_size=7, threads=threads)
        np.testing.assert_allclose(small.integrate(y, params, 0.0, 0.5)[0], whole, rtol=1e-12, atol=0)
        assert small.stats.n_steps == rx.stats.n_steps  # the same per-voxel steps, counted over the chunks
    defect = np.nonzero(p.geometry.mask(Region.DEFECT).ravel())[0]
    k = int(defect[len(defect) // 2])
    one = [v[k:k + 1] if np.ndim(v) else v for v in params]
    alone, _ = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6).integrate(y[:, k:k + 1], one, 0.0, 0.5)
    np.testing.assert_allclose(alone[:, 0], whole[:, k], rtol=1e-12, atol=0)


def test_reaction_options_are_validated(build_cached):
    p = build_cached("rat-femur-5mm", *COARSE).problem
    with pytest.raises(ValueError, match="quiescent_fraction"):
        BatchedRosenbrock(p.declaration, quiescent_fraction=2.0)
    with pytest.raises(ValueError, match="chunk_size"):
        BatchedRosenbrock(p.declaration, chunk_size=0)


def test_fused_kernel_takes_the_numpy_backends_steps(build_cached):
    """The compiled per-voxel loop repeats the vectorised NumPy steps: the same work counters and states equal
    to round-off (far below the tolerance) on an injured defect over one splitting interval."""
    p, _, y, params = _states(build_cached)
    out = {}
    for kernel in ("numpy", "fused"):
        rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, kernel=kernel, chunk_size=50)
        out[kernel] = rx.integrate(y, params, 0.0, 0.5), rx.stats
    (y_np, h_np), st_np = out["numpy"]
    (y_fu, h_fu), st_fu = out["fused"]
    assert st_fu == st_np and st_fu.n_explicit > 0 and st_fu.n_rejected > 0
    assert _scaled(rx, y_fu, y_np).max() < 1e-9
    np.testing.assert_allclose(h_fu, h_np, rtol=1e-9)


def test_fused_and_numpy_kernels_agree_over_days_of_the_coupled_model(build_cached, monkeypatch):
    """Reaction and transport together, 3 days of the injured 5 mm defect (6 splitting steps, scenario numerics):
    every output field agrees to well within the solver tolerance."""
    from osteoimmune.spatial.solver import simulate_spatial

    b = build_cached("rat-femur-5mm", "spatial.geometry.resolution_mm=0.5", "days=3", "output_interval_days=1")
    # the fused kernel's memory across intervals (W reuse, skipped quiescent tests) off and Lie splitting (the
    # NumPy kernel takes no rebalancing source): the same steps as the reference
    opts = dataclasses.replace(b.options, jacobian_reuse=0, quiescent_skip=0, splitting="lie")
    res = {}
    for kernel in ("numpy", "fused"):
        monkeypatch.setenv("OSTEOIMMUNE_SPATIAL_KERNEL", kernel)
        res[kernel] = simulate_spatial(b.problem, opts)
    a, f = res["numpy"], res["fused"]
    assert f.stats.reaction == a.stats.reaction
    rtol = b.options.rtol
    for name in a.fields:
        ref = a[name]
        np.testing.assert_allclose(f[name], ref, rtol=1e-3 * rtol, atol=1e-9 * max(1.0, np.abs(ref).max()))
    scales = np.array([p_.scale for p_ in b.problem.declaration.species.values()])[:, None]
    err = np.abs(f.final_state - a.final_state) / (b.options.atol_scale * scales + rtol * np.abs(a.final_state))
    assert err.max() < 1e-3


def test_fused_kernel_reports_solver_failures(build_cached):
    from osteoimmune.errors import SolverFailure

    p, _, y, params = _states(build_cached)
    rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, max_steps=1, quiescent_fraction=0.0)
    with pytest.raises(SolverFailure, match="more than 1 steps"):
        rx.integrate(y, params, 0.0, 0.5)
    with pytest.raises(Exception, match="spatial reaction kernel"):
        BatchedRosenbrock(p.declaration, kernel="fortran")


def test_w_reuse_and_skipped_quiescent_tests_keep_the_accuracy_and_save_jacobians():
    """The fused kernel's memory across splitting steps (default: a voxel steps with its stored ``W`` for up to
    ``DEFAULT_JACOBIAN_REUSE`` later steps, and skips a failed quiescent test for ``DEFAULT_QUIESCENT_SKIP`` steps):
    over the 120 days of an injured box (the benchmark problem, 48 × 2 × 2 voxels, scenario numerics) its error
    against a tight reference (rtol 1e-5) is that of the run without memory, with less than half the Jacobians."""
    from osteoimmune.spatial.benchmark import injured_box
    from osteoimmune.spatial.solver import simulate_spatial

    p, o = injured_box((48, 2, 2), "numpy", 120.0)
    o = dataclasses.replace(o, splitting="lie")  # (the reaction kernel's accuracy; the splitting is tested apart)
    scale = np.array([p.declaration.species[s].scale for s in p.species_ids])[:, None]
    ref = simulate_spatial(p, dataclasses.replace(o, rtol=1e-5, atol_scale=1e-7, jacobian_reuse=0, quiescent_skip=0))
    runs = {name: simulate_spatial(p, dataclasses.replace(o, **kw)) for name, kw in
            [("off", dict(jacobian_reuse=0, quiescent_skip=0)), ("default", {})]}
    err = {}
    for name, r in runs.items():
        e = (r.final_state - ref.final_state) / (o.atol_scale * scale + o.rtol * np.abs(ref.final_state))
        err[name] = (np.sqrt(np.mean(e ** 2)), np.abs(e).max())
    assert err["off"][0] < 0.1  # the reference is far tighter than the runs
    assert err["default"][0] <= 1.25 * err["off"][0] and err["default"][1] <= 1.25 * err["off"][1], err
    off, on = runs["off"].stats.reaction, runs["default"].stats.reaction
    assert off.n_reused == 0 and on.n_reused > 0.4 * (on.n_steps + on.n_rejected)
    assert on.n_jac < 0.5 * off.n_jac
    assert on.n_rhs < off.n_rhs


def test_memory_across_steps_needs_the_fused_kernel(build_cached):
    p = build_cached("rat-femur-5mm", *COARSE).problem
    with pytest.raises(ValueError, match="jacobian_reuse > 0 needs the fused kernel"):
        BatchedRosenbrock(p.declaration, kernel="numpy", jacobian_reuse=4)
    with pytest.raises(ValueError, match="quiescent_skip must be a non-negative integer"):
        BatchedRosenbrock(p.declaration, quiescent_skip=-1)
