"""Transport table and finite-volume operators: provenance, conservation, positivity, convergence order."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
import yaml

from osteoimmune.model.build import build_model
from osteoimmune.spatial.finite_volume import ImplicitDiffusion, cell_flux_divergence, face_mobility, stable_substeps
from osteoimmune.spatial.transport import load_transport, transport_parameters


def test_every_transport_parameter_has_unit_bounds_and_a_known_source():
    cites = yaml.safe_load(resources.files("osteoimmune.knowledge.data").joinpath("citations.yaml").read_text("utf-8"))
    known = {c["id"] for c in cites["citations"]}
    for p in transport_parameters().values():
        assert p.unit and p.lower is not None and p.upper is not None, p.id
        for token in p.source.replace("(", " ").replace(")", " ").replace(";", " ").replace(",", " ").split():
            if token.startswith("cite:"):
                assert token[5:] in known, (p.id, token)


def test_transport_names_only_declared_species_and_parameters():
    decl = build_model()
    t = load_transport(decl)
    assert set(t.diffusion) | set(t.motility) <= set(decl.species)
    assert t.diffusion["oxygen"] == pytest.approx(decl.parameters["k_o2"].value * 0.15 ** 2)
    assert ("bmsc", "sdf1_cxcl12") in {(c[0], c[1]) for c in t.chemotaxis}
    assert ("vascular_density", "vegf") in {(c[0], c[1]) for c in t.chemotaxis}


def test_transport_override_outside_bounds_is_an_error():
    from osteoimmune.errors import ModelError, UnknownNameError

    with pytest.raises(ModelError, match="mu_bmsc"):
        load_transport(build_model(), {"mu_bmsc": 10.0})
    with pytest.raises(UnknownNameError, match="mu_bmsc"):
        load_transport(build_model(), {"mu_bmcs": 1e-3})


@pytest.mark.parametrize("shape", [(12, 9), (6, 5, 4)])
def test_closed_box_transport_conserves_mass_to_round_off(shape):
    rng = np.random.default_rng(1)
    h, dt = 0.1, 0.05
    u = rng.random(shape)
    s = rng.random(shape)  # attractant occupancy
    m = rng.uniform(0.2, 1.0, shape)
    mf = [face_mobility(m, ax) for ax in range(len(shape))]
    q = rng.uniform(0.0, 1.0, shape)
    n = stable_substeps(dt, h, len(shape), 0.01, 0.05 * np.max(np.abs(np.diff(s, axis=0))) / h + 0.05 / h)
    total0 = u.sum()
    for _ in range(20 * n):
        u = u + (dt / n) * cell_flux_divergence(u, 0.01, mf, h, [(0.05, s)], q)
        assert u.min() >= 0.0
    assert abs(u.sum() - total0) <= 1e-12 * total0
    diff = ImplicitDiffusion(shape, h)
    c = rng.random(shape)
    c0 = c.sum()
    for _ in range(10):
        c = diff.step(c, 2.6, 0.25)
        assert c.min() >= 0.0
    assert abs(c.sum() - c0) <= 1e-12 * c0


def _cosine_error(n: int, D: float = 1.0, T: float = 0.05) -> float:
    L = 1.0
    h = L / n
    x = (np.arange(n) + 0.5) * h
    u = np.cos(np.pi * x / L)[:, None]
    steps = 4000
    diff = ImplicitDiffusion((n, 1), h)
    for _ in range(steps):
        u = diff.step(u, D, T / steps)
    exact = np.cos(np.pi * x / L) * np.exp(-D * np.pi ** 2 * T / L ** 2)
    return float(np.max(np.abs(u[:, 0] - exact)))


def test_diffusion_converges_at_second_order_in_space():
    e1, e2, e3 = _cosine_error(10), _cosine_error(20), _cosine_error(40)
    # time error (backward Euler, 4000 steps) is ~3e-5, below the spatial errors at these resolutions
    assert e1 / e2 > 3.0 and e2 / e3 > 2.5, (e1, e2, e3)


def test_dirichlet_walls_drive_the_field_to_the_wall_value():
    diff = ImplicitDiffusion((8, 6), 0.1, dirichlet_axes=(1,))
    u = np.zeros((8, 6))
    for _ in range(200):
        u = diff.step(u, 1.0, 0.05, wall_value=1.0)
    assert np.allclose(u, 1.0, atol=1e-6)


@pytest.mark.parametrize("shape, dirichlet", [((9, 7), ()), ((9, 7), (1,)), ((5, 4, 6), ()), ((5, 4, 6), (1, 2)),
                                              ((7, 1), ()), ((6, 1, 1), (1,))])
def test_transform_diffusion_solves_the_sparse_backward_euler_system(shape, dirichlet):
    """The DCT/DST solve is the very backward-Euler system of the FV Laplacian, checked against a sparse LU."""
    import scipy.sparse as sps
    from scipy.sparse.linalg import splu

    from osteoimmune.spatial.finite_volume import laplacian

    rng = np.random.default_rng(7)
    h, D, dt = 0.2, 2.6, 0.5
    n = int(np.prod(shape))
    u = rng.random(n)
    wall = rng.random(n)
    L, w = laplacian(shape, h, dirichlet)
    A = (sps.identity(n, format="csc") - dt * D * L).tocsc()
    ref = splu(A).solve(u + (dt * D * w * wall if dirichlet else 0.0))
    got = ImplicitDiffusion(shape, h, dirichlet).step(u, D, dt, wall if dirichlet else None)
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-13 * np.abs(ref).max())
    many = ImplicitDiffusion(shape, h, dirichlet).step_many(np.stack([u, 2 * u]), D, dt,
                                                            np.stack([wall, 2 * wall]) if dirichlet else None)
    np.testing.assert_allclose(many[1], 2 * ref, rtol=0, atol=1e-13 * np.abs(ref).max())


@pytest.mark.parametrize("shape", [(12, 9), (6, 5, 4), (10,)])
def test_compiled_cell_substeps_equal_the_numpy_fluxes_and_conserve_mass(shape):
    from osteoimmune.spatial.finite_volume import cell_transport_substeps

    rng = np.random.default_rng(3)
    h, dt, mu = 0.1, 0.05, 0.01
    u0 = rng.random(shape)
    sig = [rng.random(shape), rng.random(shape)]
    m = rng.uniform(0.0, 1.0, shape) * (rng.random(shape) > 0.2)  # some blocked cells
    mf = [face_mobility(m, ax) for ax in range(len(shape))]
    q = rng.uniform(0.0, 1.0, shape)
    chemo = [(0.05, sig[0]), (0.02, sig[1])]
    n = 25
    ref = u0.copy()
    for _ in range(n):
        ref = np.maximum(ref + (dt / n) * cell_flux_divergence(ref, mu, mf, h, chemo, q), 0.0)
    got = cell_transport_substeps(u0, mu, mf, h, chemo, q, dt / n, n)
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-14)
    assert abs(got.sum() - u0.sum()) <= 1e-12 * u0.sum() and got.min() >= 0.0
    # vessels: crowding by the field's own fraction, re-evaluated every substep
    ref = u0.copy()
    for _ in range(n):
        ref = np.maximum(ref + (dt / n) * cell_flux_divergence(ref, mu, mf, h, chemo, np.clip(1.0 - ref, 0.0, 1.0)), 0.0)
    np.testing.assert_allclose(cell_transport_substeps(u0, mu, mf, h, chemo, None, dt / n, n), ref, rtol=1e-12,
                               atol=1e-14)


@pytest.mark.parametrize("dirichlet", [(), (1,)])
def test_diffusion_leaves_its_input_alone_unless_allowed_to_overwrite_it(dirichlet):
    rng = np.random.default_rng(4)
    diff = ImplicitDiffusion((6, 5, 4), 0.1, dirichlet)
    U = rng.random((3, 120))
    keep = U.copy()
    wall = rng.random((3, 120)) if dirichlet else None
    out = diff.step_many(U, 2.0, 0.5, wall)
    assert np.array_equal(U, keep)  # the transforms work on a copy
    work = U.copy()
    out2 = diff.step_many(work, 2.0, 0.5, wall, overwrite=True)
    assert np.array_equal(out, out2)  # same bits when the solve may reuse its input
    assert not np.array_equal(work, keep)  # and it did
