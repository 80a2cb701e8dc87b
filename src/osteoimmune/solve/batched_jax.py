"""Batched integration with JAX + diffrax: the GPU path (also runs, slowly, on CPU).

Each patient is one ``diffrax.diffeqsolve`` with the L-stable ESDIRK method ``Kvaerno5`` (Kværnø 2004) and a PID
step-size controller (Söderlind 2003) on the right-hand side generated from the declaration
(:mod:`~osteoimmune.solve.batched_codegen`, printed for ``jax.numpy``); ``jax.vmap`` batches the patients
(each keeps its own step size) and ``jax.jit`` compiles the batch once per output grid. Float64 throughout:
the functions here switch ``jax_enable_x64`` on when called, never at import.

The recipe matches the reference solver: the pre-injury steady state (relaxation with the bone species held,
then Newton with the Jacobian from automatic differentiation), a restart at every schedule boundary with the
jumps applied there, non-negative species clipped after each segment and a patient flagged when they go really
negative. Accuracy against the reference solver is tested in ``tests/batched`` (CPU: ``-m slow``; GPU:
``-m gpu``); measured speed is in ``docs/performance.md``.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..model.records import ModelDeclaration
from .batched_scipy import BatchOutput, BatchStats, JumpSpec, _apply_jumps


@dataclass(frozen=True)
class JaxOptions:
    """Per-patient tolerances of the JAX backend (meaning as in :class:`~osteoimmune.SolverOptions`).

    ``solver`` is ``"kvaerno5"`` or ``"kvaerno3"``; ``max_batch`` patients are integrated per compiled call.
    """

    rtol: float = 1e-6
    atol_scale: float = 1e-9
    negative_tolerance: float = 1e-6
    max_batch: int = 1024
    max_steps: int = 100_000
    solver: str = "kvaerno5"

    def __post_init__(self) -> None:
        from ..errors import UnknownNameError

        if self.solver not in ("kvaerno5", "kvaerno3"):
            raise UnknownNameError("JAX solver", self.solver, ["kvaerno5", "kvaerno3"])
        if not (0 < self.rtol < 1):
            raise ValueError(f"rtol must be in (0, 1), got {self.rtol}")


def _jax():
    import jax

    jax.config.update("jax_enable_x64", True)
    return jax


@lru_cache(maxsize=4)
def _array_model(model: ModelDeclaration):
    _jax()
    import jax.numpy as jnp

    from .batched_codegen import build_array_model

    return build_array_model(model, jnp)


@lru_cache(maxsize=8)
def _segment_solver(model: ModelDeclaration, solver: str, rtol: float, atol_scale: float, max_steps: int,
                    fixed: tuple[int, ...]):
    """A jitted ``(y0 (B, n), P (B, p), t0, t1, ts (T,)) -> (ys (B, T, n), ok (B,), steps (B,))``."""
    jax = _jax()
    import diffrax as dfx
    import jax.numpy as jnp

    am = _array_model(model)
    scales = jnp.asarray([model.species[s].scale for s in model.species])
    mask = np.ones(len(model.species))
    mask[list(fixed)] = 0.0
    mask = jnp.asarray(mask)
    stepper = {"kvaerno5": dfx.Kvaerno5, "kvaerno3": dfx.Kvaerno3}[solver]()

    def field(t, y, p):
        return am.rhs(t, y, p) * mask

    def one(y0, p, t0, t1, ts):
        sol = dfx.diffeqsolve(
            dfx.ODETerm(field), stepper, t0, t1, None, y0, args=p,
            stepsize_controller=dfx.PIDController(rtol=rtol, atol=atol_scale * scales, pcoeff=0.3, icoeff=0.4),
            saveat=dfx.SaveAt(ts=ts), max_steps=max_steps, throw=False,
        )
        return sol.ys, sol.result == dfx.RESULTS.successful, sol.stats["num_steps"]

    return jax.jit(jax.vmap(one, in_axes=(0, 0, None, None, None)))


def integrate_batch_jax(
    model: ModelDeclaration,
    y0: np.ndarray,
    segments: Sequence[tuple[float, float]],
    segment_parameters: Sequence[np.ndarray],
    segment_jumps: Sequence[Sequence[JumpSpec]],
    t_eval: np.ndarray,
    options: JaxOptions,
) -> BatchOutput:
    """Like :func:`osteoimmune.solve.batched_scipy.integrate_batch` (same arguments and output), with diffrax."""
    wall0 = _time.perf_counter()
    B, n = y0.shape
    scales = np.array([model.species[s].scale for s in model.species])
    nonneg = np.array([model.species[s].nonnegative for s in model.species])
    solve = _segment_solver(model, options.solver, options.rtol, options.atol_scale, options.max_steps, ())
    y = np.array(y0, dtype=float)
    t_eval = np.asarray(t_eval, dtype=float)
    out = np.empty((t_eval.size, B, n))
    failed = np.zeros(B, dtype=bool)
    messages = [""] * B
    stats = BatchStats(n_patients=B)
    limit = -options.negative_tolerance * scales - options.atol_scale * scales
    for k, ((start, end), p, jumps) in enumerate(zip(segments, segment_parameters, segment_jumps)):
        _apply_jumps(y, jumps)
        last = k == len(segments) - 1
        idx = np.nonzero((t_eval >= start) & ((t_eval <= end) if last else (t_eval < end)))[0]
        ts = np.concatenate([t_eval[idx], [end]]) if not idx.size or t_eval[idx[-1]] < end else t_eval[idx]
        # pad the save times to one length (repeating the segment end) so every segment reuses one compilation
        padded = np.concatenate([ts, np.full(t_eval.size + 1 - ts.size, end)])
        ys, ok, steps = solve(y, p, float(start), float(end), padded)
        seg = np.transpose(np.asarray(ys)[:, :ts.size], (1, 0, 2))  # (T, B, n)
        stats.n_segments += 1
        stats.n_steps += int(np.max(np.asarray(steps)))
        bad = ~np.asarray(ok) | ~np.isfinite(seg.sum(axis=(0, 2)))
        neg = np.any((np.nan_to_num(seg).min(axis=0) < limit[None, :]) & nonneg[None, :], axis=1)
        for b in np.nonzero((bad | neg) & ~failed)[0]:
            failed[b] = True
            messages[b] = (f"diffrax failed or gave non-finite states in segment [{start:g}, {end:g}] day" if bad[b]
                           else f"a non-negative species went negative in segment [{start:g}, {end:g}] day")
        seg = np.where(nonneg[None, None, :], np.maximum(seg, 0.0), seg)
        out[idx] = seg[:idx.size]
        y = np.nan_to_num(np.array(seg[-1]))
    stats.wall_seconds = _time.perf_counter() - wall0
    out[:, failed] = np.nan
    return BatchOutput(out, failed, messages, stats)


@lru_cache(maxsize=4)
def _newton(model: ModelDeclaration, free: tuple[int, ...], iterations: int):
    jax = _jax()
    import jax.numpy as jnp

    am = _array_model(model)
    scales = jnp.asarray([model.species[s].scale for s in model.species])
    fr = jnp.asarray(free)

    def polish(y, p):
        def f(z):  # scaled residual of the free species
            yy = y.at[fr].set(z * scales[fr])
            return am.rhs(0.0, yy, p)[fr] / scales[fr]

        def body(_, z):
            return z - jnp.linalg.solve(jax.jacfwd(f)(z), f(z))

        z = jax.lax.fori_loop(0, iterations, body, y[fr] / scales[fr])
        return y.at[fr].set(z * scales[fr]), jnp.max(jnp.abs(f(z))), jnp.max(jnp.abs(f(y[fr] / scales[fr])))

    return jax.jit(jax.vmap(polish))


def steady_state_batch_jax(
    model: ModelDeclaration, parameters: np.ndarray, guess: np.ndarray, fixed: Sequence[int], options: JaxOptions,
    relax_days: float = 3650.0, newton_iterations: int = 8,
) -> tuple[np.ndarray, np.ndarray]:
    """Steady states as :func:`osteoimmune.solve.batched_scipy.steady_state_batch` (same acceptance rules)."""
    n = guess.shape[1]
    solve = _segment_solver(model, options.solver, options.rtol, options.atol_scale, options.max_steps,
                            tuple(sorted(fixed)))
    ys, ok, _ = solve(np.asarray(guess, float), np.asarray(parameters, float), 0.0, float(relax_days),
                      np.array([relax_days]))
    relaxed = np.maximum(np.asarray(ys)[:, 0, :], 0.0)
    free = tuple(i for i in range(n) if i not in set(fixed))
    y, res, res_relaxed = _newton(model, free, newton_iterations)(relaxed, np.asarray(parameters, float))
    y, res, res_relaxed = np.asarray(y), np.asarray(res), np.asarray(res_relaxed)
    scales = np.array([model.species[s].scale for s in model.species])
    newton_ok = np.isfinite(res) & (res < 1e-9) & np.all(y[:, list(free)] > -1e-9 * scales[list(free)], axis=1)
    out = np.where(newton_ok[:, None], np.maximum(y, 0.0), relaxed)
    return out, np.asarray(ok) & (newton_ok | (res_relaxed <= 1e-6))
