"""Reference stiff solver on CPU.

``method="lsoda"`` (default) uses ODEPACK's LSODA through
:func:`scipy.integrate.odeint`; ``"bdf"`` and ``"radau"`` use
:func:`scipy.integrate.solve_ivp`.  All methods receive the exact Jacobian
compiled from the declaration, restart at every schedule boundary (dose
events), enforce non-negativity (tiny negative round-off is clipped; a real
excursion below zero is an error) and report failures as
:class:`~osteoimmune.errors.SolverFailure` with the time and the reason.
"""

from __future__ import annotations

import time as _time
import warnings
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence

import numpy as np
from scipy.integrate import odeint, solve_ivp

from ..errors import SolverFailure, UnknownNameError
from .compile import CompiledModel
from .result import SimulationResult, SolverStats
from .schedule import Jump, Schedule

Method = Literal["lsoda", "bdf", "radau"]
METHODS: tuple[str, ...] = ("lsoda", "bdf", "radau")


@dataclass(frozen=True)
class SolverOptions:
    """Tolerances and limits.

    The absolute tolerance of species ``s`` is ``atol_scale × scale(s)``
    where ``scale`` is the species' typical magnitude in its own unit.
    """

    method: Method = "lsoda"
    rtol: float = 1e-7
    atol_scale: float = 1e-9
    max_steps: int = 200_000
    negative_tolerance: float = 1e-6

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise UnknownNameError("solver method", str(self.method), METHODS)
        if not (0 < self.rtol < 1):
            raise ValueError(f"rtol must be in (0, 1), got {self.rtol}")
        if self.atol_scale <= 0:
            raise ValueError(f"atol_scale must be positive, got {self.atol_scale}")


def _apply_jumps(y: np.ndarray, jumps: list[Jump], index: Mapping[str, int]) -> np.ndarray:
    y = y.copy()
    for j in jumps:
        i = index[j.species]
        if j.mode == "add":
            y[i] += j.value
        elif j.mode == "set":
            y[i] = j.value
        else:
            y[i] *= j.value
    return y


def simulate_compiled(
    model: CompiledModel,
    y0: Mapping[str, float] | np.ndarray,
    parameters: Mapping[str, float],
    schedule: Schedule,
    t_eval: Sequence[float] | np.ndarray,
    options: SolverOptions | None = None,
) -> SimulationResult:
    """Integrate ``model`` over ``schedule`` and sample at ``t_eval`` (day)."""
    options = options or SolverOptions()
    decl = model.declaration
    index = {s: i for i, s in enumerate(model.species_ids)}
    if isinstance(y0, Mapping):
        y = np.array([float(y0.get(s, decl.species[s].initial)) for s in model.species_ids])
    else:
        y = np.asarray(y0, dtype=float).copy()
    base = decl.with_parameters(parameters)
    t_eval = np.asarray(t_eval, dtype=float)
    if t_eval.ndim != 1 or np.any(np.diff(t_eval) < 0):
        raise ValueError("t_eval must be a non-decreasing 1-D array")
    if t_eval[0] < schedule.t0 - 1e-12 or t_eval[-1] > schedule.t1 + 1e-9:
        raise ValueError(f"t_eval [{t_eval[0]}, {t_eval[-1]}] outside the schedule [{schedule.t0}, {schedule.t1}]")
    scales = np.array([decl.species[s].scale for s in model.species_ids])
    atol = options.atol_scale * scales
    nonneg = np.array([decl.species[s].nonnegative for s in model.species_ids])
    stats = SolverStats(method=options.method, rtol=options.rtol, atol_scale=options.atol_scale)
    out = np.full((t_eval.size, y.size), np.nan)
    wall0 = _time.perf_counter()
    rhs, jac = model.rhs, model.jac

    for k, seg in enumerate(schedule.segments):
        y = _apply_jumps(y, schedule.jumps_at(seg.start), index)
        pvals = dict(base)
        pvals.update(seg.parameters)
        p = model.parameter_vector(pvals)
        last = k == len(schedule.segments) - 1
        mask = (t_eval >= seg.start) & ((t_eval <= seg.end) if last else (t_eval < seg.end))
        ts = np.unique(np.concatenate([[seg.start], t_eval[mask], [seg.end]]))
        stats.n_segments += 1
        if options.method == "lsoda":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sol, info = odeint(
                    rhs, y, ts, args=(p,), Dfun=jac, tfirst=True, full_output=True,
                    rtol=options.rtol, atol=atol, mxstep=options.max_steps,
                )
            ok = info["message"].startswith("Integration successful")
            stats.n_steps += int(info["nst"][-1]) if len(info["nst"]) else 0
            stats.n_rhs += int(info["nfe"][-1]) if len(info["nfe"]) else 0
            stats.n_jac += int(info["nje"][-1]) if len(info["nje"]) else 0
            if not ok:
                tcur = info["tcur"]
                t_fail = float(tcur[np.nonzero(tcur)[0][-1]]) if np.any(tcur) else seg.start
                raise SolverFailure(t_fail, f"LSODA: {info['message'].strip()}", {"segment": k})
            traj = sol
        else:
            r = solve_ivp(
                lambda t, yy: rhs(t, yy, p), (seg.start, seg.end), y, method={"bdf": "BDF", "radau": "Radau"}[options.method],
                t_eval=ts, jac=lambda t, yy: jac(t, yy, p), rtol=options.rtol, atol=atol,
            )
            stats.n_steps += int(r.t.size)
            stats.n_rhs += int(r.nfev)
            stats.n_jac += int(r.njev)
            if not r.success:
                t_fail = float(r.t[-1]) if r.t.size else seg.start
                raise SolverFailure(t_fail, f"{options.method.upper()}: {r.message}", {"segment": k})
            traj = r.y.T
        if not np.all(np.isfinite(traj)):
            bad = np.argwhere(~np.isfinite(traj))[0]
            raise SolverFailure(float(ts[bad[0]]), f"non-finite value of {model.species_ids[bad[1]]}")
        neg = traj[:, nonneg] < -options.negative_tolerance * scales[nonneg] - atol[nonneg]
        if np.any(neg):
            i, j = np.argwhere(neg)[0]
            sid = np.array(model.species_ids)[nonneg][j]
            raise SolverFailure(
                float(ts[i]),
                f"species {sid} went negative ({traj[i, np.nonzero(nonneg)[0][j]]:.3g}); "
                "tighten tolerances or check the rate laws",
            )
        traj[:, nonneg] = np.maximum(traj[:, nonneg], 0.0)
        # store samples of this segment
        pos = np.searchsorted(ts, t_eval[mask])
        out[mask] = traj[pos]
        y = traj[-1].copy()
    stats.wall_seconds = _time.perf_counter() - wall0

    # assignments along the trajectory (with the parameters of each sample's segment)
    assigned = np.zeros((t_eval.size, len(model.assignment_ids)))
    for k, seg in enumerate(schedule.segments):
        last = k == len(schedule.segments) - 1
        mask = (t_eval >= seg.start) & ((t_eval <= seg.end) if last else (t_eval < seg.end))
        if not np.any(mask) or not model.assignment_ids:
            continue
        pvals = dict(base)
        pvals.update(seg.parameters)
        p = model.parameter_vector(pvals)
        for i in np.nonzero(mask)[0]:
            assigned[i] = model.assignments(t_eval[i], out[i], p)
    units = {s: decl.species[s].unit for s in decl.species}
    units.update({a: decl.assignments[a].unit for a in decl.assignments})
    return SimulationResult(
        time=t_eval, y=out, species_ids=model.species_ids, assigned=assigned,
        assignment_ids=model.assignment_ids, units=units, stats=stats, parameters=base,
    )


def steady_state(
    model: CompiledModel,
    parameters: Mapping[str, float],
    guess: Mapping[str, float] | np.ndarray | None = None,
    fixed: Sequence[str] = (),
    options: SolverOptions | None = None,
    relax_days: float = 3650.0,
    tol: float = 1e-10,
) -> np.ndarray:
    """A steady state: relax by integration, then polish with Newton (exact Jacobian).

    ``fixed`` species are held at their guess value (e.g. the bone fraction,
    which is neutrally stable when formation balances resorption).
    """
    from scipy.optimize import root

    decl = model.declaration
    p = model.parameter_vector(decl.with_parameters(parameters))
    if guess is None:
        y = np.array([decl.species[s].initial for s in model.species_ids])
    elif isinstance(guess, Mapping):
        y = np.array([float(guess.get(s, decl.species[s].initial)) for s in model.species_ids])
    else:
        y = np.asarray(guess, dtype=float).copy()
    fixed_idx = [model.species_index(s) for s in fixed]
    free = np.array([i for i in range(y.size) if i not in fixed_idx], dtype=int)

    def rhs_free(t, yy, pp):
        d = model.rhs(t, yy, pp)
        d[fixed_idx] = 0.0
        return d

    def jac_free(t, yy, pp):
        J = model.jac(t, yy, pp)
        J[fixed_idx, :] = 0.0
        return J

    opts = options or SolverOptions()
    scales = np.array([decl.species[s].scale for s in model.species_ids])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sol, info = odeint(rhs_free, y, [0.0, relax_days], args=(p,), Dfun=jac_free, tfirst=True,
                           full_output=True, rtol=opts.rtol, atol=opts.atol_scale * scales, mxstep=opts.max_steps)
    if not info["message"].startswith("Integration successful"):
        raise SolverFailure(0.0, f"steady-state relaxation failed: {info['message'].strip()}")
    y = np.maximum(sol[-1], 0.0)

    def f(z):
        yy = y.copy()
        yy[free] = z * scales[free]
        return model.rhs(0.0, yy, p)[free] / scales[free]

    def fj(z):
        yy = y.copy()
        yy[free] = z * scales[free]
        J = model.jac(0.0, yy, p)[np.ix_(free, free)]
        return J * scales[free][None, :] / scales[free][:, None]

    r = root(f, y[free] / scales[free], jac=fj, method="hybr", tol=tol)
    res = np.max(np.abs(f(r.x))) if r.x.size else 0.0
    if res < 1e-9 and np.all(r.x > -1e-9):
        y[free] = np.maximum(r.x, 0.0) * scales[free]
    elif np.max(np.abs(f(y[free] / scales[free]))) > 1e-6:
        raise SolverFailure(relax_days, f"no steady state found (scaled residual {res:.3g})")
    return y
