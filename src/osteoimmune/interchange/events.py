"""SBML events of an imported model, run with osteoimmune's solvers.

Two kinds of events:

* **time-triggered** (the trigger depends on time and parameters only, e.g. ``time >= 600``, ``time == 12``,
  ``(time == counter + T0) && (time < N*dT + T0)``): :func:`schedule_time_events` walks through them *before*
  integrating and writes the result as a :class:`~osteoimmune.solve.schedule.Schedule` (parameter changes become
  segments, state changes become :class:`~osteoimmune.solve.schedule.Jump` s), so every solver that accepts a
  schedule (``simulate_compiled``, batched backends) runs the model. Each relational atom must be linear in time;
  its root is a candidate firing time. An event fires at a candidate time where its trigger is true (equalities at
  the instant, inequalities just after it) and was false just before — the SBML rule "fires when the trigger goes
  from false to true". Exact-equality triggers (Peterson 2010's dose times) therefore fire at exactly those
  times, whatever the output grid (libroadrunner fires them only if the grid contains them).
* **state-triggered** (the trigger involves a state, e.g. Komarova 2003's ``x1 > x1_bar``): the trigger must be one
  relational ``<``, ``<=``, ``>``, ``>=``; :func:`simulate_imported` integrates step by step (scipy's LSODA, BDF or
  Radau stepper with the exact Jacobian), watches the sign of ``lhs - rhs`` after every step, locates a
  false → true change with Brent's method on the step's dense output, applies the assignments with the values
  at that instant and restarts.

At t = 0 a trigger that is already true fires only when its ``initialValue`` is false (SBML Level 3); in Level 2
and with ``initialValue="true"`` it does not fire (Komarova's file: x1(0) > x1_bar, so the resorption flag stays 0
until x1 first falls below x1_bar and rises again, as in libroadrunner). Events that fire at the same instant are
executed in decreasing priority, then document order.
"""

from __future__ import annotations

import math
import time as _time
from typing import TYPE_CHECKING, Mapping

import numpy as np
import sympy as sp

from ..errors import Issue, ModelError, SolverFailure
from ..model.records import TIME
from ..solve.integrate import SolverOptions, simulate_compiled
from ..solve.result import SimulationResult, SolverStats
from ..solve.schedule import Jump, Schedule

if TYPE_CHECKING:
    from .sbml_import import EventSpec, ImportedModel

_INEQ = (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan)


def _err(event_id: str, message: str) -> ModelError:
    return ModelError("SBML event cannot be imported", [Issue(f"event {event_id!r}", message)])


def _atoms(trigger: sp.Basic) -> list[sp.Basic]:
    return sorted(trigger.atoms(sp.Eq, sp.Ne, *_INEQ), key=sp.default_sort_key)


def _jump_mode(target: sp.Symbol, expr: sp.Expr, states: set[str]) -> tuple[str, sp.Expr] | None:
    """How a time event changes state ``target``: ('set'|'add'|'scale', parameter-only expression)."""
    def state_free(e: sp.Expr) -> bool:
        return not ({s.name for s in e.free_symbols} & states)

    if state_free(expr):
        return "set", expr
    diff = sp.simplify(expr - target)
    if state_free(diff):
        return "add", diff
    ratio = sp.simplify(expr / target)
    if state_free(ratio):
        return "scale", ratio
    return None


def validate_events(model: "ImportedModel") -> None:
    """Reject events osteoimmune cannot run faithfully, naming the event (called by ``import_sbml``)."""
    decl = model.declaration
    subs = decl.assignment_substitutions()
    states = set(decl.species)
    state_targets = {t for e in model.state_events for t, _ in e.assignments}
    issues: list[Issue] = []
    for e in model.events:
        where = f"event {e.id!r}"
        if e.state_triggered:
            if not isinstance(e.trigger, _INEQ):
                issues.append(Issue(where, "a state-dependent trigger must be one comparison <, <=, > or >= "
                                           f"(got {e.trigger}); and/or/== of states are not supported"))
            continue
        for atom in _atoms(e.trigger):
            d = (atom.lhs - atom.rhs).xreplace(subs)
            slope = sp.diff(d, TIME)
            if TIME in slope.free_symbols:
                issues.append(Issue(where, f"time trigger {atom} is not linear in time"))
            used = {s.name for s in d.free_symbols}
            if used & state_targets:
                issues.append(Issue(where, f"trigger uses {sorted(used & state_targets)}, which state-triggered events "
                                           "change (mixing both kinds on one variable is not supported)"))
        for target, expr in e.assignments:
            x = expr.xreplace(subs)
            if target in states and _jump_mode(sp.Symbol(target, real=True), x, states) is None:
                issues.append(Issue(where, f"assignment to {target} depends on other states in a non-affine way "
                                           "(time-triggered events may set, add to or scale a state)"))
            elif target not in states and {s.name for s in x.free_symbols} & states:
                issues.append(Issue(where, f"assignment to parameter {target} depends on states "
                                           "(only state-triggered events may do that)"))
            if target in state_targets:
                issues.append(Issue(where, f"assigns {target}, which state-triggered events also change"))
    if issues:
        raise ModelError("SBML events that osteoimmune cannot run", issues)


# ---------------------------------------------------------------------- time-triggered events
class _TimeTrigger:
    def __init__(self, event: "EventSpec", subs: Mapping[sp.Symbol, sp.Expr]):
        self.event = event
        self.atoms = []
        for atom in _atoms(event.trigger):
            d = (atom.lhs - atom.rhs).xreplace(subs)
            slope = sp.diff(d, TIME)
            self.atoms.append((atom, d, slope))

    @staticmethod
    def _num(e: sp.Expr, values: Mapping[str, float], t: float) -> float:
        rep = {s: sp.Float(values[s.name]) for s in e.free_symbols if s != TIME}
        rep[TIME] = sp.Float(t)
        return float(e.xreplace(rep))

    def roots(self, values: Mapping[str, float]) -> list[float]:
        out = []
        for _, d, slope in self.atoms:
            a = self._num(slope, values, 0.0)
            if a != 0.0:
                out.append(-self._num(d, values, 0.0) / a)
        return out

    def truth(self, values: Mapping[str, float], t: float, side: str) -> bool:
        """Trigger value at ``t`` ('at': equalities at t, inequalities just after; 'before': just before t)."""
        eps = 1e-9 * max(1.0, abs(t))
        rep = {}
        for atom, d, _ in self.atoms:
            if isinstance(atom, (sp.Eq, sp.Ne)):
                val = self._num(d, values, t)
                eq = side == "at" and abs(val) <= 1e-9 * max(1.0, abs(t))
                rep[atom] = sp.true if (eq if isinstance(atom, sp.Eq) else not eq) else sp.false
            else:
                val = self._num(d, values, t + eps if side == "at" else t - eps)
                ok = val > 0 if isinstance(atom, (sp.StrictGreaterThan, sp.GreaterThan)) else val < 0
                rep[atom] = sp.true if ok else sp.false
        v = self.event.trigger.xreplace(rep)
        if v not in (sp.true, sp.false):
            raise _err(self.event.id, f"trigger {self.event.trigger} does not reduce to true/false")
        return bool(v)


def _priority(e: "EventSpec", values: Mapping[str, float], t: float) -> float:
    if e.priority is None:
        return -math.inf
    return _TimeTrigger._num(e.priority, values, t)


def schedule_time_events(model: "ImportedModel", params: dict[str, float], t_end: float) -> tuple[dict[str, float], Schedule]:
    """Resolve the time-triggered events over ``[0, t_end]`` into (parameters at t = 0, Schedule)."""
    decl = model.declaration
    states = set(decl.species)
    subs = decl.assignment_substitutions()
    triggers = [_TimeTrigger(e, subs) for e in model.time_events]
    values = dict(params)
    jumps: list[Jump] = []
    changes: dict[float, dict[str, float]] = {}

    def fire(events: list["EventSpec"], t: float) -> None:
        events = sorted(events, key=lambda e: (-_priority(e, values, t), e.order))
        for e in events:
            for target, expr in e.assignments:
                x = expr.xreplace(subs)
                if target in states:
                    mode, val = _jump_mode(sp.Symbol(target, real=True), x, states)  # type: ignore[misc]
                    jumps.append(Jump(t, target, _TimeTrigger._num(val, values, t), mode, label=f"event {e.id}"))
                else:
                    values[target] = _TimeTrigger._num(x, values, t)
                    changes.setdefault(t, {})[target] = values[target]

    def cascade(t: float, before: dict[int, bool]) -> None:
        for _ in range(100):
            newly = [tr.event for i, tr in enumerate(triggers) if tr.truth(values, t, "at") and not before[i]]
            if not newly:
                return
            for i, tr in enumerate(triggers):
                before[i] = tr.truth(values, t, "at")
            fire(newly, t)
        raise _err(triggers[0].event.id, f"events keep firing at t = {t} (more than 100 rounds)")

    t_now = 0.0
    before0 = {i: tr.truth(values, 0.0, "at") for i, tr in enumerate(triggers)}
    initial = [tr.event for i, tr in enumerate(triggers) if before0[i] and not tr.event.initial_value]
    if initial:  # L3 initialValue="false": a trigger true at t = 0 fires at t = 0
        fire(initial, 0.0)
        cascade(0.0, before0)
    for _ in range(100_000):
        cands = sorted({r for tr in triggers for r in tr.roots(values) if t_now < r <= t_end})
        fired_at = None
        for c in cands:
            firing = [tr.event for tr in triggers if tr.truth(values, c, "at") and not tr.truth(values, c, "before")]
            if firing:
                before = {i: tr.truth(values, c, "at") for i, tr in enumerate(triggers)}
                fire(firing, c)
                cascade(c, before)
                fired_at = c
                break
        if fired_at is None:
            break
        t_now = fired_at
    else:
        raise _err(triggers[0].event.id, "more than 100000 event firings")

    p0 = dict(params)
    p0.update(changes.pop(0.0, {}))
    sched = Schedule.build(0.0, t_end, changes, jumps)
    return p0, sched


# ---------------------------------------------------------------------- state-triggered events
class _StateTrigger:
    def __init__(self, event: "EventSpec", model: "ImportedModel"):
        decl = model.declaration
        subs = decl.assignment_substitutions()
        self.event = event
        rel = event.trigger
        self.g_expr = (rel.lhs - rel.rhs).xreplace(subs)
        self.kind = type(rel)
        args = [TIME, *[sp.Symbol(s, real=True) for s in decl.species], *[sp.Symbol(p, real=True) for p in decl.parameters]]
        self._g = sp.lambdify(args, self.g_expr, modules="math")
        self._assign = [(target, sp.lambdify(args, expr.xreplace(subs), modules="math")) for target, expr in event.assignments]

    def g(self, t: float, y: np.ndarray, p: np.ndarray) -> float:
        return float(self._g(t, *y, *p))

    def truth_of(self, g: float) -> bool:
        if self.kind is sp.StrictGreaterThan:
            return g > 0
        if self.kind is sp.GreaterThan:
            return g >= 0
        if self.kind is sp.StrictLessThan:
            return g < 0
        return g <= 0

    def values(self, t: float, y: np.ndarray, p: np.ndarray) -> list[tuple[str, float]]:
        return [(target, float(f(t, *y, *p))) for target, f in self._assign]


def _stepper(method: str):
    from scipy.integrate import BDF, LSODA, Radau

    return {"lsoda": LSODA, "bdf": BDF, "radau": Radau}[method]


def _simulate_state_events(model: "ImportedModel", y0: np.ndarray, params: dict[str, float], schedule: Schedule,
                           t_eval: np.ndarray, options: SolverOptions) -> SimulationResult:
    from scipy.optimize import brentq

    c = model.compiled
    decl = model.declaration
    sids = c.species_ids
    index = {s: i for i, s in enumerate(sids)}
    pindex = {p: i for i, p in enumerate(c.parameter_ids)}
    triggers = [_StateTrigger(e, model) for e in model.state_events]
    scales = np.array([decl.species[s].scale for s in sids])
    atol = options.atol_scale * scales
    stats = SolverStats(method=options.method, rtol=options.rtol, atol_scale=options.atol_scale)
    out = np.full((t_eval.size, len(sids)), np.nan)
    p_at = np.zeros((t_eval.size, len(c.parameter_ids)))
    stepper = _stepper(options.method)
    y = np.asarray(y0, float).copy()
    pvals = decl.with_parameters(params)
    was: list[bool] = []
    wall0 = _time.perf_counter()

    def fire(events: list[_StateTrigger], t: float, y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pv = {k: float(p[i]) for k, i in pindex.items()}
        events = sorted(events, key=lambda tr: (-_priority(tr.event, pv, t), tr.event.order))
        computed = [(tr, tr.values(t, y, p)) for tr in events]  # useValuesFromTriggerTime: all at trigger time
        y, p = y.copy(), p.copy()
        for _tr, vals in computed:
            for target, v in vals:
                if target in index:
                    y[index[target]] = v
                else:
                    p[pindex[target]] = v
        return y, p

    def sample(mask: np.ndarray, fn, p: np.ndarray) -> None:
        if np.any(mask):
            for i in np.nonzero(mask)[0]:
                out[i] = fn(t_eval[i])
                p_at[i] = p

    for k, seg in enumerate(schedule.segments):
        last = k == len(schedule.segments) - 1
        seg_mask = (t_eval >= seg.start) & ((t_eval <= seg.end) if last else (t_eval < seg.end))
        for j in schedule.jumps_at(seg.start):
            i = index[j.species]
            y[i] = j.value if j.mode == "set" else y[i] + j.value if j.mode == "add" else y[i] * j.value
        pv = dict(pvals)
        pv.update(seg.parameters)
        if k == 0:
            p = c.parameter_vector(pv)
        else:  # time-event changes on top of what state events set
            p = p.copy()
            for key, val in seg.parameters.items():
                p[pindex[key]] = val
        if k == 0:
            gs = [tr.g(seg.start, y, p) for tr in triggers]
            was = [tr.truth_of(g) for tr, g in zip(triggers, gs)]
            initial = [tr for tr, w in zip(triggers, was) if w and not tr.event.initial_value]
            if initial:
                y, p = fire(initial, seg.start, y, p)
                was = [tr.truth_of(tr.g(seg.start, y, p)) or tr in initial for tr in triggers]
        sample(seg_mask & (t_eval == seg.start), lambda _t: y, p)
        t_cur = seg.start
        while t_cur < seg.end:
            stats.n_segments += 1
            solver = stepper(lambda t, yy: c.rhs(t, yy, p), t_cur, y, seg.end, jac=lambda t, yy: c.jac(t, yy, p),
                             rtol=options.rtol, atol=atol)
            restarted = False
            while solver.status == "running":
                t_old = solver.t
                msg = solver.step()
                stats.n_steps += 1
                if solver.status == "failed":
                    raise SolverFailure(float(solver.t), f"{options.method.upper()}: {msg}")
                t_new, y_new = solver.t, solver.y
                dense = solver.dense_output()
                hits: list[tuple[float, int]] = []
                for i, tr in enumerate(triggers):
                    now = tr.truth_of(tr.g(t_new, y_new, p))
                    if now and not was[i]:
                        f = lambda tt, tr=tr: tr.g(tt, dense(tt), p)  # noqa: E731
                        fa, fb = f(t_old), f(t_new)
                        tr_root = t_new if fa * fb > 0 else brentq(f, t_old, t_new, xtol=1e-14, rtol=4 * np.finfo(float).eps)
                        hits.append((tr_root, i))
                if hits:
                    t_fire = min(h[0] for h in hits)
                    firing = [triggers[i] for tt, i in hits if tt <= t_fire + 1e-12 * max(1.0, abs(t_fire))]
                    sample(seg_mask & (t_eval > t_old) & (t_eval <= t_fire), dense, p)
                    y_fire = dense(t_fire)
                    y, p = fire(firing, t_fire, y_fire, p)
                    was = [tr.truth_of(tr.g(t_fire, y, p)) or tr in firing for tr in triggers]
                    t_cur = t_fire
                    restarted = True
                    break
                sample(seg_mask & (t_eval > t_old) & (t_eval <= t_new), dense, p)
                was = [tr.truth_of(tr.g(t_new, y_new, p)) for tr in triggers]
                if not np.all(np.isfinite(y_new)):
                    raise SolverFailure(float(t_new), "non-finite state")
            if not restarted:
                y = solver.y.copy()
                t_cur = seg.end

    stats.wall_seconds = _time.perf_counter() - wall0
    assigned = np.zeros((t_eval.size, len(c.assignment_ids)))
    if c.assignment_ids:
        for i in range(t_eval.size):
            assigned[i] = c.assignments(t_eval[i], out[i], p_at[i])
    units = {s: decl.species[s].unit for s in decl.species}
    units.update({a: decl.assignments[a].unit for a in decl.assignments})
    return SimulationResult(time=t_eval, y=out, species_ids=sids, assigned=assigned, assignment_ids=c.assignment_ids,
                            units=units, stats=stats, parameters=decl.with_parameters(params))


def simulate_imported(model: "ImportedModel", t_eval: np.ndarray, options: SolverOptions | None = None,
                      overrides: Mapping[str, float] | None = None) -> SimulationResult:
    """Simulate an imported model over ``t_eval`` (the file's time unit), events included."""
    options = options or SolverOptions()
    t_eval = np.asarray(t_eval, float)
    if t_eval.ndim != 1 or t_eval.size == 0 or t_eval[0] < 0 or np.any(np.diff(t_eval) < 0):
        raise ValueError("t_eval must be a non-empty, non-decreasing 1-D array starting at or after 0")
    y0_map, params = model.initial_values(overrides)
    y0 = np.array([y0_map[s] for s in model.compiled.species_ids])
    p0, schedule = model.schedule(float(t_eval[-1]) if t_eval[-1] > 0 else 1.0, params)
    if not model.state_events:
        result = simulate_compiled(model.compiled, y0, p0, schedule, t_eval, options)
    else:
        result = _simulate_state_events(model, y0, p0, schedule, t_eval, options)
    result.metadata.update({"model": model.declaration.name, "source": model.source, "time_unit": model.time_unit})
    return result
