"""The JAX backend of the spatial model (the GPU path) against the NumPy/Numba backend.

Both take the same per-voxel ode23s steps (the JAX one in lock-step rounds) and the same transport operators, so
the work counters must be equal and the states agree to round-off.  On CPU, XLA compiles the reaction step once
for the grid used here (≈ 35 s on the 2-core machine); the GPU check runs where JAX sees a GPU:

    .venv/bin/python -m pytest tests/spatial/test_spatial_jax.py -m gpu
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

jax = pytest.importorskip("jax")

from osteoimmune.spatial.solver import _apply_jump, _Transport, simulate_spatial  # noqa: E402

#: a 3D box of 5 mm-scenario tissue, injured in one half (reaction fronts and transport both work)
SHAPE = [6, 5, 4]


def _problem(build_cached, backend: str, days: float = 1.0, splitting: str = "lie"):
    b = build_cached("rat-femur-5mm", "spatial.geometry.kind=box", f"spatial.geometry.box_cells={SHAPE}",
                     f"days={days}", "output_interval_days=0.5", f"spatial.numerics.backend={backend}",
                     "spatial.output.fields=[bone_fraction, bmsc, oxygen, vegf, m1_macrophage]")
    p = b.problem
    x = p.geometry.grid.centres()[0].ravel()
    half = x < np.median(x) + 1e-9
    # the NumPy backend without its fused kernel's memory across intervals (W reuse, skipped quiescent tests),
    # which the lock-step JAX kernel does not keep: then both take the same steps
    opts = dataclasses.replace(b.options, jacobian_reuse=0, quiescent_skip=0, splitting=splitting)
    return dataclasses.replace(p, jumps=[dataclasses.replace(j, mask=half) for j in p.jumps]), opts


def _scales(p) -> np.ndarray:
    return np.array([p.declaration.species[s].scale for s in p.species_ids])[:, None]


def _on_gpu() -> bool:
    try:
        return any(d.platform == "gpu" for d in jax.devices())
    except RuntimeError:
        return False


def _assert_same_run(build_cached, splitting: str = "lie") -> None:
    runs = {}
    for backend in ("numpy", "jax"):
        p, opts = _problem(build_cached, backend, splitting=splitting)
        runs[backend] = simulate_spatial(p, opts)
    a, b = runs["numpy"], runs["jax"]
    assert a.stats.reaction.__dict__ == b.stats.reaction.__dict__  # the same accepted/rejected steps, voxel by voxel
    assert a.stats.n_transport_substeps == b.stats.n_transport_substeps
    floor = 1e-9 * _scales(p)
    assert np.all(np.abs(b.final_state - a.final_state) <= 1e-8 * np.abs(a.final_state) + floor)
    for name in a.fields:
        np.testing.assert_allclose(b[name], a[name], rtol=1e-8, atol=1e-12)
    assert b.metadata["backend"] == "jax"


def test_jax_reaction_step_takes_the_fused_kernels_steps(build_cached):
    """One splitting interval of the reaction step alone: identical counters and states to round-off."""
    from osteoimmune.spatial.reaction import BatchedRosenbrock

    p, _ = _problem(build_cached, "numpy")
    y = np.array(p.y0)
    index = {s: i for i, s in enumerate(p.species_ids)}
    for j in p.jumps:
        _apply_jump(y, j, index)
    params = p.parameter_list(p.segments[0])
    out, stats = {}, {}
    for backend in ("numpy", "jax"):
        rx = BatchedRosenbrock(p.declaration, rtol=1e-2, atol_scale=1e-4, backend=backend)
        out[backend], h = rx.integrate(y, params, 0.0, 0.5)
        stats[backend] = dict(rx.stats.__dict__)
        assert isinstance(out[backend], np.ndarray) and np.shape(h) == (y.shape[1],)
    assert stats["jax"] == stats["numpy"]
    assert stats["numpy"]["n_rejected"] > 0 and stats["numpy"]["n_steps"] > y.shape[1]  # a real transient
    assert np.all(np.abs(out["jax"] - out["numpy"]) <= 1e-10 * np.abs(out["numpy"]) + 1e-12 * _scales(p))


def test_jax_transport_step_matches_numpy(build_cached):
    """Cell motility, chemotaxis (upwind, volume filling, own substeps) and eigenbasis diffusion against the NumPy
    operators on a perturbed state."""
    from osteoimmune.spatial.transport_jax import JaxTransport

    p, _ = _problem(build_cached, "numpy")
    rng = np.random.default_rng(7)
    y = np.array(p.y0) * rng.uniform(0.3, 1.7, size=p.y0.shape)
    host = _Transport(p, threads=1)
    dev = JaxTransport(host)
    got, n_dev = dev.step(jax.numpy.asarray(y), 0.5)
    want, n_host = host.step(y.copy(), 0.5)
    assert int(n_dev) == n_host > 1
    got = np.asarray(got)
    assert np.all(np.abs(got - want) <= 1e-11 * np.abs(want) + 1e-14 * _scales(p))
    assert not np.allclose(want, y)  # something moved


def test_jax_backend_matches_numpy_in_space(build_cached):
    """A whole spatial run (reaction + transport, output samples) with ``numerics.backend: jax`` on the default
    JAX device (CPU here)."""
    _assert_same_run(build_cached)


def test_jax_backend_matches_numpy_with_the_diffusion_source(build_cached):
    """The same with diffusion-source splitting (the default): the source enters the lock-step JAX kernel and the
    device diffusion as it enters the fused kernel and the NumPy diffusion."""
    _assert_same_run(build_cached, "diffusion_source")


@pytest.mark.gpu
@pytest.mark.skipif(not _on_gpu(), reason="no GPU visible to JAX")
def test_jax_backend_on_gpu_matches_numpy(build_cached):
    assert jax.devices()[0].platform == "gpu"
    _assert_same_run(build_cached)
    _assert_same_run(build_cached, "diffusion_source")


def test_jax_run_resumes_from_its_checkpoint(build_cached, tmp_path, monkeypatch):
    """The device state and per-voxel step sizes go into the checkpoint and come back: an interrupted JAX run
    resumes and ends where the uninterrupted one does."""
    from osteoimmune.spatial import transport_jax

    p, opts = _problem(build_cached, "jax", splitting="diffusion_source")  # (its source rate is checkpointed too)
    full = simulate_spatial(p, opts)
    ckpt = tmp_path / "run.npz"
    opts = dataclasses.replace(opts, checkpoint_path=ckpt, checkpoint_every_days=0.5)
    real_step = transport_jax.JaxTransport.step
    calls = {"n": 0}
    crash_at = round(0.5 / opts.dt_days) + 1

    def crashing(self, y, dt, **kw):
        calls["n"] += 1
        if calls["n"] == crash_at:  # in the first step after the checkpoint of day 0.5
            raise KeyboardInterrupt
        return real_step(self, y, dt, **kw)

    monkeypatch.setattr(transport_jax.JaxTransport, "step", crashing)
    with pytest.raises(KeyboardInterrupt):
        simulate_spatial(p, opts)
    monkeypatch.setattr(transport_jax.JaxTransport, "step", real_step)
    resumed = simulate_spatial(p, opts)
    assert resumed.stats.resumed_from_day == pytest.approx(0.5)
    np.testing.assert_allclose(resumed.final_state, full.final_state, rtol=1e-12, atol=1e-15 * _scales(p).max())
    for name in full.fields:
        np.testing.assert_allclose(resumed[name], full[name], rtol=1e-12, atol=1e-15)
