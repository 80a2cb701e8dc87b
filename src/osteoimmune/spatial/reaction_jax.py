"""The reaction step of :mod:`.reaction` in JAX: the same per-voxel adaptive ode23s, compiled by XLA for CPU or GPU.

Every voxel keeps its own step size and error control, exactly as the NumPy backend's fused kernel
(:func:`osteoimmune.solve.batched_kernels.rosenbrock_voxel`): the same quiescent explicit step, the same ode23s
stages, error norm, rejection rules (inaccurate, negative beyond tolerance, non-finite, near-singular ``W``),
step-size controller and clipping.  What differs is only how the voxels are scheduled: on an accelerator they
advance in lock-step *rounds* (one ``jax.lax.while_loop`` iteration = one attempt of every voxel that has not
reached the end of the interval; finished voxels are masked), so a round costs as much as the whole grid and the
number of rounds is the largest number of attempts of any voxel.

The linear algebra is the straight-line sparse LU of ``W = I − h d J`` on the Markowitz plan of
:func:`osteoimmune.solve.batched_kernels.lu_plan` (590 stored entries for the 60-species declaration instead of a
dense 60 × 60 matrix), written out at trace time as operations on ``(n_voxels,)`` vectors, in the order of the
table-driven :func:`~osteoimmune.solve.batched_kernels._lu_factor` and ``_lu_solve``; the right-hand side and
exact Jacobian are the declaration's generated array code (:func:`osteoimmune.solve.batched_codegen.build_array_model`)
evaluated with ``jax.numpy``.  Nothing here copies a rate law.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import numpy as np

from ..model.records import ModelDeclaration
from ..solve.batched_codegen import build_array_model
from ..solve.batched_kernels import lu_plan

def jax_modules():
    """``(jax, jax.numpy)`` with 64-bit floats enabled (the reaction terms span many decades)."""
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    return jax, jnp


def use_compilation_cache(path: str) -> None:
    """Keep every compiled XLA step in the persistent cache ``path`` (a later run of the same grid size skips the
    ≈ 1 min compilation of the reaction step)."""
    jax, _ = jax_modules()
    jax.config.update("jax_compilation_cache_dir", path)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)


@dataclass(frozen=True)
class SparseLU:
    """Trace-time sparse LU of ``I − c J`` on ``(n_voxels,)`` vectors (see the module docstring)."""

    n: int
    n_entries: int
    order: tuple[int, ...]
    init: dict           # LU slot -> index of the Jacobian value there
    diag: frozenset      # LU slots on the diagonal
    eliminations: tuple  # per permuted k: (pivot slot, [(row i, slot_ik, [(slot_ij, slot_kj)])])
    backward: tuple      # per permuted k: (pivot slot, [(col j, slot_kj)])

    @classmethod
    def plan(cls, n: int, rows: np.ndarray, cols: np.ndarray) -> "SparseLU":
        plan = lu_plan(n, rows, cols)
        inv = np.empty(n, dtype=np.intp)
        inv[plan.order] = np.arange(n)
        init = {plan.positions[(int(inv[i]), int(inv[j]))]: q for q, (i, j) in enumerate(zip(rows, cols))}
        diag = frozenset(plan.positions[(k, k)] for k in range(n))
        elims, backward = [], []
        for k, below, right in plan.eliminations:
            elims.append((plan.positions[(k, k)],
                          [(i, sik, [(plan.positions[(i, j)], skj) for j, skj in right]) for i, sik in below]))
            backward.append((plan.positions[(k, k)], [(j, skj) for j, skj in right]))
        return cls(n, plan.n_entries, tuple(int(v) for v in plan.order), init, diag, tuple(elims), tuple(backward))

    def factor(self, xp, c, jv):
        """Entries of the LU of ``I − c J`` (``jv``: ``(n_jac, n_voxels)``) and the smallest pivot magnitude."""
        a: list[Any] = [None] * self.n_entries
        for s in range(self.n_entries):
            one = 1.0 if s in self.diag else 0.0
            a[s] = one - c * jv[self.init[s]] if s in self.init else xp.full_like(c, one)
        pmin = None
        for pk, below in self.eliminations:
            piv = xp.abs(a[pk])
            pmin = piv if pmin is None else xp.minimum(pmin, piv)
            r = 1.0 / a[pk]
            for _, sik, updates in below:
                a[sik] = a[sik] * r
                lik = a[sik]
                for sij, skj in updates:
                    a[sij] = a[sij] - lik * a[skj]
        return a, pmin

    def solve(self, xp, a, rhs):
        """``W⁻¹ rhs`` for ``rhs`` of shape ``(n, n_voxels)`` with the entries ``a`` of :meth:`factor`."""
        z = [rhs[self.order[k]] for k in range(self.n)]
        for k, (_, below) in enumerate(self.eliminations):  # forward, unit lower triangle
            zk = z[k]
            for i, sik, _ in below:
                z[i] = z[i] - a[sik] * zk
        for k in range(self.n - 1, -1, -1):  # backward
            pk, right = self.backward[k]
            acc = z[k]
            for j, skj in right:
                acc = acc - a[skj] * z[j]
            z[k] = acc / a[pk]
        out: list[Any] = [None] * self.n
        for k in range(self.n):
            out[self.order[k]] = z[k]
        return xp.stack(out)


@lru_cache(maxsize=8)  # one trace per declaration, parameter layout and source rows; XLA caches the shapes
def make_integrator(declaration: ModelDeclaration, array_params: tuple[int, ...], d: float, e32: float,
                    max_steps: int, source_rows: tuple[int, ...] = ()) -> Callable:
    """A jitted ``integrate(Y, base, parr, span, H, rtol, atol, nonneg, qfrac, C, floor)`` for the per-voxel
    parameters ``array_params`` (indices into the declaration's parameters; their values are the rows of ``parr``,
    the others come from ``base``).  Returns ``(Y, H, counters, status, t_reached, received)``: counters in the
    order of :data:`.reaction.COUNTERS` (per voxel except ``n_rounds``, the lock-step rounds), ``status`` as the
    NumPy backend's (0 ok, 1 too many steps, 2 non-finite, 3 negative concentrations). ``C`` (``(len(source_rows),
    n_voxels)``) is the diffusion source of the species ``source_rows``, taken as the fused kernel takes it (a
    positive rate as a constant of at most ``u₀/span``, a negative one as the linear sink ``(C/u₀)·u`` with ``u₀``
    at least ``floor``, also on the Jacobian's diagonal); ``received`` is the mean rate each voxel received."""
    jax, jnp = jax_modules()
    lax = jax.lax
    model = build_array_model(declaration, jnp)
    n = model.n_species
    lu = SparseLU.plan(n, model.jac_rows, model.jac_cols)
    n_par = len(model.parameter_ids)
    where_arr = {k: j for j, k in enumerate(array_params)}
    srows = np.asarray(source_rows, dtype=np.intp)
    sdiag = model.diagonal_slots(source_rows)

    def integrate(Y, base, parr, span, H, rtol, atol, nonneg, qfrac, C, floor):
        p = tuple(parr[where_arr[k]] if k in where_arr else base[k] for k in range(n_par))
        ncell = Y.shape[1]
        atol_c = atol[:, None]
        nonneg_c = nonneg[:, None]
        zeros_i = jnp.zeros(ncell, dtype=jnp.int64)
        if srows.size:  # the diffusion source, as in the fused kernel's `rosenbrock`
            u0 = Y[srows]
            s0 = jnp.minimum(jnp.maximum(C, 0.0), jnp.maximum(u0, 0.0) / span)
            s1 = jnp.minimum(C, 0.0) / jnp.maximum(u0, floor[:, None])

        def rhs(y):
            f = model.rhs(0.0, y, p)
            if srows.size:
                f = f.at[srows].add(s0 + s1 * y[srows])
            return f

        def jac_values(y):
            jv = model.jac_values(0.0, y, p)
            if srows.size:
                jv = jv.at[sdiag].add(s1)
            return jv

        def norm(err, y0, y1):
            sc = atol_c + rtol * jnp.maximum(jnp.abs(y0), jnp.abs(y1))
            x = err / sc
            return jnp.sqrt(jnp.mean(x * x, axis=0)), sc

        tiny = 1e-12 * jnp.maximum(1.0, span)
        f0 = rhs(Y)
        h = jnp.minimum(jnp.where(H > 0.0, H, span), span)
        # the quiescent explicit step (see .reaction): Heun–Euler estimate of one Euler step over the interval
        yt = Y + span * f0
        f1 = rhs(yt)
        en, sc = norm(0.5 * span * (f1 - f0), Y, yt)
        neg = jnp.any(nonneg_c & (yt < -sc), axis=0)
        quiet = (qfrac > 0.0) & jnp.isfinite(en) & (en <= qfrac) & ~neg
        Y = jnp.where(quiet[None], jnp.where(nonneg_c & (yt < 0.0), 0.0, yt), Y)
        tv = jnp.where(quiet, span, 0.0)
        counts0 = jnp.array([0, 0, 2 * ncell, 0, 0, 0, 0], dtype=jnp.int64).at[5].set(jnp.sum(quiet))

        def active_of(tv, status):
            return (tv < span - tiny) & (status == 0)

        def cond(carry):
            Y, f0, tv, h, status, have_jac, attempts, counts = carry
            return jnp.any(active_of(tv, status))

        def body(carry):
            Y, f0, tv, h, status, have_jac, attempts, counts = carry
            act = active_of(tv, status)
            attempts = attempts + act
            over = act & (attempts > max_steps)
            status = jnp.where(over, 1, status)
            act = act & ~over
            ha = jnp.where(act, jnp.minimum(h, span - tv), span)
            a, pmin = lu.factor(jnp, d * ha, jac_values(Y))
            k1 = lu.solve(jnp, a, f0)
            f1 = rhs(Y + (0.5 * ha) * k1)
            k2 = lu.solve(jnp, a, f1 - k1) + k1
            y1 = Y + ha * k2
            f2 = rhs(y1)
            k3 = lu.solve(jnp, a, f2 - e32 * (k2 - f1) - 2.0 * (k1 - f0))
            en, sc = norm((ha / 6.0) * (k1 - 2.0 * k2 + k3), Y, y1)
            neg = jnp.any(nonneg_c & (y1 < -sc), axis=0)
            bad = neg | ~jnp.isfinite(en) | ~(pmin > 1e-10)
            acc = act & ~bad & (en <= 1.0)
            rej = act & ~acc
            h_rej = jnp.where(bad, ha * 0.25, ha * jnp.maximum(0.2, 0.9 * jnp.where(bad, 1.0, en) ** (-1.0 / 3.0)))
            under = rej & (h_rej < 1e-10)
            status = jnp.where(under, jnp.where(jnp.isfinite(en), 3, 2), status)
            clipped = nonneg_c & (y1 < 0.0)
            yc = jnp.where(clipped, 0.0, y1)
            any_clip = jnp.any(clipped, axis=0) & acc & (tv + ha < span - tiny)  # f0 only if another step follows
            fc = lax.cond(jnp.any(any_clip), lambda: jnp.where(any_clip[None], rhs(yc), f2), lambda: f2)
            Y = jnp.where(acc[None], yc, Y)
            f0 = jnp.where(acc[None], fc, f0)
            tv = jnp.where(acc, tv + ha, tv)
            ea = jnp.where(en > 0.0, en, 1e-10)
            h_acc = ha * jnp.minimum(5.0, jnp.maximum(0.2, 0.9 * ea ** (-1.0 / 3.0)))
            h = jnp.where(acc, h_acc, jnp.where(rej, h_rej, h))
            new_jac = act & ~have_jac
            have_jac = jnp.where(acc, False, have_jac | act)
            counts = counts + jnp.stack([jnp.sum(acc), jnp.sum(rej), 2 * jnp.sum(act) + jnp.sum(any_clip),
                                         jnp.sum(new_jac), jnp.sum(act), jnp.int64(0), jnp.int64(1)])
            return Y, f0, tv, h, status, have_jac, attempts, counts

        carry = (Y, f0, tv, h, zeros_i, jnp.zeros(ncell, dtype=bool), zeros_i, counts0)
        Y, f0, tv, h, status, _, _, counts = lax.while_loop(cond, body, carry)
        received = s0 + s1 * (0.5 * (u0 + Y[srows])) if srows.size else C
        return Y, h, counts, status, tv, received

    return jax.jit(integrate)
