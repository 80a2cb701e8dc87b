"""The transport half of a splitting step in JAX (CPU or GPU): the same operators as :mod:`.finite_volume`.

One compiled function advances the whole state over ``Δt`` as the NumPy solver's ``_Transport.step`` does:

* **cells** — for every motile species, explicit conservative face fluxes of random motility ``−μ m ∇u`` and
  upwind chemotaxis ``χ m u q ∇s`` (face mobility ``m`` the harmonic mean of the cell mobilities, blocked by bone;
  crowding ``q`` by the total cell density, or by the field's own fraction for vessels, re-evaluated every
  substep), with the species' own number of substeps from the positivity (CFL) bound
  :func:`.finite_volume.stable_substeps` (computed on the device from the same formula), zero flux through the
  walls and clipping at 0 as :func:`.finite_volume.cell_transport_substeps`;
* **soluble factors** — backward-Euler diffusion ``(I − Δt D L) u⁺ = u + Δt D w g``, solved exactly in the
  eigenbasis of the finite-volume Laplacian as :class:`.finite_volume.ImplicitDiffusion` does, but with the
  transforms written as small dense matrices (the orthonormal DCT-II/DST-II of each axis, ``n × n``) applied by
  matrix products: exact to round-off, and the products run on the GPU's matrix units instead of an FFT
  with a cosine pre/post-processing pass.  Species sharing ``D`` are solved together.

The values agree with the NumPy path to round-off (tested); nothing in this module leaves the device.
"""

from __future__ import annotations

import numpy as np
import scipy.fft as sfft

from .finite_volume import divergence, face_mobility, stable_substeps
from .reaction_jax import jax_modules


def _basis(n: int, dirichlet: bool) -> np.ndarray:
    """The orthonormal DCT-II (zero-flux walls) or DST-II (Dirichlet walls) as an ``n × n`` matrix ``Q``:
    ``Q @ u`` is the transform of ``u`` along its first axis, ``Q.T`` its inverse."""
    tr = sfft.dst if dirichlet else sfft.dct
    return tr(np.eye(n), type=2, axis=0, norm="ortho")


class JaxTransport:
    """Transport of one problem on a JAX device; built from the NumPy solver's ``_Transport`` (same tables)."""

    def __init__(self, host) -> None:
        jax, jnp = jax_modules()
        self.jax, self.jnp = jax, jnp
        p = host.p
        self.shape = tuple(host.shape)
        self.ndim = host.ndim
        self.h = float(host.h)
        shape3 = self.shape + (1,) * (3 - len(self.shape))
        self.shape3 = shape3
        dirichlet = tuple(p.dirichlet_axes)
        self.bases = [jnp.asarray(_basis(n, ax in dirichlet)) for ax, n in enumerate(shape3)]
        self.lam = jnp.asarray(host.diffusion._lam.reshape(shape3))  # the Laplacian's eigenvalues, as on the host
        self.wall = None
        if dirichlet:  # boundary weights times the wall values (the initial state), per diffusing species
            self.wall = jnp.asarray((host.diffusion._w * np.asarray(host.wall)).reshape((-1,) + shape3))
        self.groups = [(float(D), tuple(int(r) for r in rows)) for D, rows in host.diffusion_groups]
        self.nonneg = np.asarray(host.nonneg)
        self.motile = [(host.index[s], float(mu), s in p.transport.fraction_species,
                        [(float(chi), int(ai), float(K)) for chi, ai, K in host.chemo.get(s, [])])
                       for s, mu in host.motile.items()]
        self.cell_rows = tuple(host.cell_rows)
        self.bone_rows = tuple(host.bone_rows)
        self.rho_max = float(host.rho_max)
        self.blocking = float(host.blocking)
        self.mobility = jnp.asarray(np.asarray(p.mobility, float).reshape(shape3))
        self._step = jax.jit(self._step_impl, static_argnames=("source_rows",))

    def _cell_field(self, u, mu, own, chemo, mf, q_cells, occ, grad, dt):
        """Substeps of one motile field ``u`` (grid-shaped) as :func:`.finite_volume.cell_transport_substeps`."""
        jax, jnp = self.jax, self.jnp
        h = self.h
        axes = [ax for ax in range(3) if self.shape3[ax] > 1]
        vmax = jnp.float64(0.0)
        for chi, ai, _ in chemo:
            vmax = jnp.maximum(vmax, chi * grad[ai])
        n_sub = stable_substeps(dt, h, self.ndim, mu, vmax, jnp)
        dts = dt / n_sub
        # the chemotactic velocities on the faces are frozen over the step
        vel = {ax: [chi * mf[ax] * jnp.diff(occ[ai], axis=ax) / h for chi, ai, _ in chemo] for ax in axes}

        def substep(_, u):
            q = jnp.clip(1.0 - u, 0.0, 1.0) if own else q_cells
            uq = u * q
            du = jnp.zeros_like(u)
            for ax in axes:
                n = u.shape[ax]
                F = -mu * mf[ax] * jnp.diff(u, axis=ax) / h
                lo = jnp.take(uq, jnp.arange(n - 1), axis=ax)
                hi = jnp.take(uq, jnp.arange(1, n), axis=ax)
                for v in vel[ax]:
                    F = F + jnp.where(v > 0, v * lo, v * hi)
                du = du + divergence(F, ax, h, jnp)
            return jnp.maximum(u + dts * du, 0.0)

        return jax.lax.fori_loop(0, n_sub, substep, u), n_sub

    def _diffuse(self, U, D, dt, wall):
        """Backward-Euler diffusion of ``U`` (``(k, nx, ny, nz)``) in the eigenbasis of the Laplacian."""
        jnp = self.jnp
        if wall is not None:
            U = U + (dt * D) * wall
        Qx, Qy, Qz = self.bases
        hat = jnp.einsum("ai,kijl->kajl", Qx, U)
        hat = jnp.einsum("bj,kajl->kabl", Qy, hat)
        hat = jnp.einsum("cl,kabl->kabc", Qz, hat)
        hat = hat / (1.0 - (dt * D) * self.lam)[None]
        out = jnp.einsum("ai,kabc->kibc", Qx, hat)
        out = jnp.einsum("bj,kibc->kijc", Qy, out)
        return jnp.einsum("cl,kijc->kijl", Qz, out)

    def _step_impl(self, y, dt, C=None, source_rows=()):
        jnp = self.jnp
        s3 = self.shape3
        grid = lambda v: v.reshape(s3)  # noqa: E731
        bone = sum((y[r] for r in self.bone_rows[1:]), y[self.bone_rows[0]])
        m = self.mobility * jnp.clip(1.0 - self.blocking * grid(bone), 0.0, 1.0)
        axes = [ax for ax in range(3) if s3[ax] > 1]
        mf = {ax: face_mobility(m, ax, jnp) for ax in axes}
        cells = sum((y[r] for r in self.cell_rows[1:]), y[self.cell_rows[0]])
        q_cells = jnp.clip(1.0 - grid(cells) / self.rho_max, 0.0, 1.0)
        occ, grad = {}, {}
        for _, _, _, chemo in self.motile:
            for _, ai, K in chemo:
                if ai not in occ:
                    c = jnp.maximum(y[ai], 0.0)
                    occ[ai] = grid(c / (K + c))
                    g = jnp.float64(0.0)
                    for ax in axes:
                        g = jnp.maximum(g, jnp.max(jnp.abs(jnp.diff(occ[ai], axis=ax))))
                    grad[ai] = g / self.h
        out = y
        n_max = jnp.int64(0)
        for row, mu, own, chemo in self.motile:
            u, n_sub = self._cell_field(grid(y[row]), mu, own, chemo, mf, q_cells, occ, grad, dt)
            out = out.at[row].set(u.ravel())
            n_max = jnp.maximum(n_max, n_sub)
        where = {int(r): k for k, r in enumerate(source_rows)}
        C_new = C
        for D, rows in self.groups:
            idx = jnp.asarray(rows)
            U = y[idx]
            ks = [where.get(int(r), -1) for r in rows]
            if C is not None and any(k >= 0 for k in ks):  # diffusion source: taken from the right-hand side
                take = jnp.asarray([max(k, 0) for k in ks])
                on = jnp.asarray([k >= 0 for k in ks])[:, None]
                U = U - dt * jnp.where(on, C[take], 0.0)
            wall = None if self.wall is None else self.wall[idx]
            V = self._diffuse(U.reshape((len(rows),) + s3), D, dt, wall).reshape(len(rows), -1)
            nn = self.nonneg[list(rows)]
            if nn.any():
                V = jnp.where(jnp.asarray(nn)[:, None], jnp.maximum(V, 0.0), V)
            out = out.at[idx].set(V)
            if C is not None:  # ... and replaced by this step's diffusion rate
                for j, k in enumerate(ks):
                    if k >= 0:
                        C_new = C_new.at[k].set((V[j] - U[j]) / dt)
        return out, n_max, C_new

    def step(self, y, dt: float, source=None):
        """Transport the device state ``y`` (``(n_species, n_cells)``) over ``dt``; returns it and the largest
        number of explicit substeps (a device scalar). ``source``: the splitting's :class:`.reaction.DiffusionSource`
        (its rate taken from the diffusion of its rows, then replaced by their diffusion rate over this step)."""
        if source is None:
            y, n_max, _ = self._step(y, float(dt))
            return y, n_max
        y, n_max, source.rate = self._step(y, float(dt), source.rate, tuple(int(r) for r in source.rows))
        return y, n_max
