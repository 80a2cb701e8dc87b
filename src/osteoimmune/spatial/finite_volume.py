"""Conservative finite-volume operators on a uniform Cartesian grid.

Every flux lives on a face between two cells and is added to one and subtracted from the other, so transport
conserves mass to round-off; boundary faces carry no flux (zero-flux walls) unless a Dirichlet value is given.

* :class:`ImplicitDiffusion` — backward-Euler diffusion ``(I − Δt D L) u⁺ = u + Δt D b``, unconditionally stable
  and positivity preserving (an M-matrix).  ``L`` is the 5/7-point Laplacian (:func:`laplacian`); Dirichlet faces
  use the half-cell distance.  On the uniform grid ``L`` is diagonalised exactly by fast transforms along each
  axis: the DCT-II for zero-flux walls (eigenvalues ``−(4/h²) sin²(πk/2N)``, k = 0..N−1) and the DST-II for
  Dirichlet walls at half a cell (``−(4/h²) sin²(π(k+1)/2N)``), so a solve is a forward transform, a division
  by ``1 − Δt D λ`` and the inverse transform: ``O(N log N)`` time and ``O(N)`` memory for any grid (a sparse LU
  of a 3D Laplacian fills in: ~2 s and hundreds of MB for 16³ cells already).  The same matrix as :func:`laplacian`
  (the test checks the transform solve against ``scipy.sparse.linalg.splu`` to round-off).
* :func:`cell_flux_divergence` — explicit random motility ``−μ m ∇u`` and upwind chemotaxis
  ``χ m u q ∇s`` with face mobility ``m`` (harmonic mean of the cell mobilities), for cells.
* :func:`stable_substeps` — the number of explicit substeps that keeps those fluxes positive (CFL).
* :func:`cell_transport_substeps` — the substep loop of one cell field as one compiled (Numba) kernel: the same
  face fluxes as :func:`cell_flux_divergence` (the test checks it against it) without NumPy temporaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.fft as sfft
from numba import njit
import scipy.sparse as sps


def laplacian(shape: tuple[int, ...], h: float, dirichlet_axes: tuple[int, ...] = ()) -> tuple[sps.csc_matrix, np.ndarray]:
    """FV Laplacian (zero-flux walls) and, for Dirichlet walls, the boundary weights.

    The walls normal to the axes in ``dirichlet_axes`` hold a fixed value ``g`` (at half a cell from the boundary
    cell centres); returns ``L`` and ``w`` with ``(L u)_i + w_i g_i`` the discrete Laplacian.
    """
    n = int(np.prod(shape))
    idx = np.arange(n).reshape(shape)
    rows, cols, vals = [], [], []
    diag = np.zeros(n)
    w = np.zeros(n)
    inv_h2 = 1.0 / (h * h)
    for ax in range(len(shape)):
        if shape[ax] < 2:
            continue
        lo = np.take(idx, np.arange(shape[ax] - 1), axis=ax).ravel()
        hi = np.take(idx, np.arange(1, shape[ax]), axis=ax).ravel()
        rows += [lo, hi]
        cols += [hi, lo]
        vals += [np.full(lo.size, inv_h2)] * 2
        np.add.at(diag, lo, -inv_h2)
        np.add.at(diag, hi, -inv_h2)
    for ax in dirichlet_axes:
        for end in (0, shape[ax] - 1):
            face_cells = np.take(idx, end, axis=ax).ravel()
            np.add.at(diag, face_cells, -2.0 * inv_h2)
            np.add.at(w, face_cells, 2.0 * inv_h2)
    rows.append(np.arange(n))
    cols.append(np.arange(n))
    vals.append(diag)
    L = sps.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return L, w


def _eigenvalues(n: int, h: float, dirichlet: bool) -> np.ndarray:
    """Eigenvalues of the 1D FV Laplacian with zero-flux (DCT-II) or half-cell Dirichlet (DST-II) walls."""
    k = np.arange(n) + (1 if dirichlet else 0)
    return -(4.0 / (h * h)) * np.sin(np.pi * k / (2.0 * n)) ** 2


@dataclass
class ImplicitDiffusion:
    """Backward-Euler diffusion of several fields by fast cosine/sine transforms (see the module docstring)."""

    shape: tuple[int, ...]
    h: float
    dirichlet_axes: tuple[int, ...] = ()
    _w: np.ndarray = field(init=False, repr=False)
    _lam: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # the boundary weights only (zero without Dirichlet walls: no sparse 10^6 × 10^6 matrix to build, ≈ 1.5 s)
        self._w = laplacian(self.shape, self.h, self.dirichlet_axes)[1] if self.dirichlet_axes else \
            np.zeros(int(np.prod(self.shape)))
        lam = np.zeros(self.shape)
        for ax, n in enumerate(self.shape):
            e = _eigenvalues(n, self.h, ax in self.dirichlet_axes)
            lam = lam + e.reshape([-1 if a == ax else 1 for a in range(len(self.shape))])
        self._lam = lam

    # the transforms work on the solver's own arrays (``overwrite_x``): at 10^6 voxels a fresh output per axis and
    # per group was ≈ 2 GB of new pages per splitting step, and the page faults cost more than the transforms
    def _forward(self, u: np.ndarray, first: int) -> np.ndarray:
        for ax in range(len(self.shape)):
            tr = sfft.dst if ax in self.dirichlet_axes else sfft.dct
            u = tr(u, type=2, axis=first + ax, norm="ortho", overwrite_x=True)
        return u

    def _inverse(self, u: np.ndarray, first: int) -> np.ndarray:
        for ax in range(len(self.shape)):
            tr = sfft.idst if ax in self.dirichlet_axes else sfft.idct
            u = tr(u, type=2, axis=first + ax, norm="ortho", overwrite_x=True)
        return u

    def step_many(self, U: np.ndarray, D: float, dt: float, wall_values: np.ndarray | None = None,
                  overwrite: bool = False) -> np.ndarray:
        """Advance ``k`` fields ``U`` (``(k, n_cells)``) sharing the coefficient ``D`` by ``dt``.

        ``overwrite=True`` lets the solve use ``U`` (C-contiguous float64) as its work array instead of a copy."""
        U = np.asarray(U, float)
        if D == 0.0:
            return U.copy()
        grid = (U.shape[0],) + tuple(self.shape)
        own = overwrite and U.flags.c_contiguous and U.flags.writeable
        rhs = U.reshape(grid) if own else U.reshape(grid).copy()
        if self.dirichlet_axes and wall_values is not None:
            rhs += (dt * D) * (self._w * np.broadcast_to(wall_values, U.shape)).reshape(rhs.shape)
        hat = self._forward(rhs, 1)
        hat /= (1.0 - (dt * D) * self._lam)[None]
        return self._inverse(hat, 1).reshape(U.shape)

    def step(self, u: np.ndarray, D: float, dt: float, wall_value: np.ndarray | float | None = None) -> np.ndarray:
        """Advance one field (flattened or grid-shaped) by ``dt``; returns the same shape."""
        if D == 0.0:
            return u
        flat = np.asarray(u, float).ravel()
        wall = None if wall_value is None else np.broadcast_to(wall_value, flat.shape)[None]
        return self.step_many(flat[None], D, dt, wall)[0].reshape(np.shape(u))


def face_mobility(m: np.ndarray, axis: int, xp=np) -> np.ndarray:
    """Harmonic mean of the cell mobilities on the interior faces along ``axis`` (0 where either side is 0);
    ``xp`` the array namespace (NumPy, or ``jax.numpy`` for the JAX backend)."""
    a = xp.take(m, np.arange(m.shape[axis] - 1), axis=axis)
    b = xp.take(m, np.arange(1, m.shape[axis]), axis=axis)
    s = a + b
    return xp.where(s > 0, 2.0 * a * b / xp.where(s > 0, s, 1.0), 0.0)


def _diff(u: np.ndarray, axis: int) -> np.ndarray:
    return np.diff(u, axis=axis)


def divergence(flux: np.ndarray, axis: int, h: float, xp=np) -> np.ndarray:
    """−(F_{i+1/2} − F_{i−1/2})/h with zero flux through the walls (``xp`` as in :func:`face_mobility`)."""
    shape = list(flux.shape)
    shape[axis] = 1
    zero = xp.zeros(shape)
    padded = xp.concatenate([zero, flux, zero], axis=axis)
    return -xp.diff(padded, axis=axis) / h


def cell_flux_divergence(u: np.ndarray, mu: float, mobility_faces: list[np.ndarray], h: float,
                         chemo: list[tuple[float, np.ndarray]] = (), crowding: np.ndarray | None = None) -> np.ndarray:
    """d u/dt from random motility and chemotaxis of one cell field ``u`` (grid-shaped).

    ``mobility_faces[ax]`` is the face mobility along axis ``ax`` (``None`` for an axis with a single cell).

    ``chemo`` lists ``(chi, s)`` with ``s`` the receptor occupancy field of an attractant; ``crowding`` is the
    volume-filling factor ``q`` (grid-shaped, in [0, 1]) applied to the transported quantity ``u q``.
    """
    out = np.zeros_like(u)
    uq = u if crowding is None else u * crowding
    for ax, m in enumerate(mobility_faces):
        if m is None or u.shape[ax] < 2:
            continue
        flux = -mu * m * _diff(u, ax) / h
        for chi, s in chemo:
            v = chi * m * _diff(s, ax) / h
            lo = np.take(uq, np.arange(u.shape[ax] - 1), axis=ax)
            hi = np.take(uq, np.arange(1, u.shape[ax]), axis=ax)
            flux = flux + np.where(v > 0, v * lo, v * hi)
        out += divergence(flux, ax, h)
    return out


def stable_substeps(dt: float, h: float, ndim: int, mu_max: float, velocity_max: float, xp=None):
    """Explicit substeps so that ``dt_sub (2 d μ/h² + 2 |v|/h) ≤ 0.9`` (positivity of the explicit update).

    A Python int; with ``xp`` (``jax.numpy``) an integer array, for a ``velocity_max`` computed on the device."""
    rate = 2.0 * ndim * mu_max / (h * h) + 2.0 * ndim * velocity_max / h
    if xp is None:
        return max(1, int(np.ceil(dt * rate / 0.9)))
    return xp.maximum(1, xp.ceil(dt * rate / 0.9).astype(xp.int64))


@njit(cache=True, nogil=True, error_model="numpy")
def _substeps3(u, mu, mfx, mfy, mfz, S, chi, q, own, h, dts, n_sub):  # pragma: no cover - compiled
    nx, ny, nz = u.shape
    k = chi.size
    du = np.empty_like(u)
    inv_h = 1.0 / h
    for _ in range(n_sub):
        if own:  # crowding by the field's own fraction, 1 - u, at the current substep
            for i in range(nx):
                for j in range(ny):
                    for l in range(nz):
                        q[i, j, l] = min(1.0, max(0.0, 1.0 - u[i, j, l]))
        du[:] = 0.0
        for i in range(nx - 1):
            for j in range(ny):
                for l in range(nz):
                    m = mfx[i, j, l]
                    if m == 0.0:
                        continue
                    F = -mu * m * (u[i + 1, j, l] - u[i, j, l]) * inv_h
                    for c in range(k):
                        v = chi[c] * m * (S[c, i + 1, j, l] - S[c, i, j, l]) * inv_h
                        F += v * u[i, j, l] * q[i, j, l] if v > 0 else v * u[i + 1, j, l] * q[i + 1, j, l]
                    du[i, j, l] -= F * inv_h
                    du[i + 1, j, l] += F * inv_h
        for i in range(nx):
            for j in range(ny - 1):
                for l in range(nz):
                    m = mfy[i, j, l]
                    if m == 0.0:
                        continue
                    F = -mu * m * (u[i, j + 1, l] - u[i, j, l]) * inv_h
                    for c in range(k):
                        v = chi[c] * m * (S[c, i, j + 1, l] - S[c, i, j, l]) * inv_h
                        F += v * u[i, j, l] * q[i, j, l] if v > 0 else v * u[i, j + 1, l] * q[i, j + 1, l]
                    du[i, j, l] -= F * inv_h
                    du[i, j + 1, l] += F * inv_h
        for i in range(nx):
            for j in range(ny):
                for l in range(nz - 1):
                    m = mfz[i, j, l]
                    if m == 0.0:
                        continue
                    F = -mu * m * (u[i, j, l + 1] - u[i, j, l]) * inv_h
                    for c in range(k):
                        v = chi[c] * m * (S[c, i, j, l + 1] - S[c, i, j, l]) * inv_h
                        F += v * u[i, j, l] * q[i, j, l] if v > 0 else v * u[i, j, l + 1] * q[i, j, l + 1]
                    du[i, j, l] -= F * inv_h
                    du[i, j, l + 1] += F * inv_h
        for i in range(nx):
            for j in range(ny):
                for l in range(nz):
                    w = u[i, j, l] + dts * du[i, j, l]
                    u[i, j, l] = w if w > 0.0 else 0.0
    return u


def _as3(a: np.ndarray) -> np.ndarray:
    return a.reshape(a.shape + (1,) * (3 - a.ndim))


def cell_transport_substeps(u: np.ndarray, mu: float, mobility_faces: list[np.ndarray | None], h: float,
                            chemo: list[tuple[float, np.ndarray]], crowding: np.ndarray | None, dt_sub: float,
                            n_sub: int) -> np.ndarray:
    """``n_sub`` explicit substeps ``u ← max(0, u + dt_sub · cell_flux_divergence(u, ...))`` of a grid-shaped field.

    Arguments as :func:`cell_flux_divergence`; ``crowding=None`` means crowding by the field's own fraction,
    ``q = clip(1 − u, 0, 1)`` re-evaluated every substep (vessels).  Returns a new array of ``u``'s shape.
    """
    shape = u.shape
    u3 = np.array(_as3(np.asarray(u, float)), dtype=float, order="C")
    s3 = u3.shape
    faces = []
    for ax in range(3):
        m = mobility_faces[ax] if ax < len(mobility_faces) else None
        if m is None or s3[ax] < 2:
            fs = list(s3)
            fs[ax] = max(0, s3[ax] - 1)
            faces.append(np.zeros(fs))
        else:
            faces.append(np.ascontiguousarray(_as3(np.asarray(m, float))))
    if chemo:
        chi = np.array([c for c, _ in chemo], float)
        S = np.ascontiguousarray(np.stack([_as3(np.asarray(sig, float)) for _, sig in chemo]))
    else:
        chi, S = np.zeros(0), np.zeros((0,) + s3)
    own = crowding is None
    q = np.empty(s3) if own else np.array(_as3(np.asarray(crowding, float)), dtype=float, order="C")
    out = _substeps3(u3, float(mu), faces[0], faces[1], faces[2], S, chi, q, own, float(h), float(dt_sub),
                     int(n_sub))
    return out.reshape(shape)
