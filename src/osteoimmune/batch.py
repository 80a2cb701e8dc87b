"""Simulate many scenarios at once: the one entry point behind cohorts, sensitivity and optimisation.

``simulate_many(scenarios, backend=...)`` returns one :class:`SimulationResult` per scenario, in order;
``simulate_many_outcomes(scenarios, backend=...)`` returns only the outcome metrics
(:func:`osteoimmune.outcomes.compute_outcomes`) as a :class:`pandas.DataFrame`, one row per scenario, without
building a result object per patient. Backends (:data:`BACKENDS`):

* ``"reference"`` — the reference stiff solver (:func:`osteoimmune.api.simulate`) in a loop.
* ``"scipy-bdf"`` — CPU: patients with the same schedule structure integrated as one block-diagonal system by
  SciPy's BDF with vectorised generated code (:mod:`osteoimmune.solve.batched_scipy`); pre-injury steady
  states batched too.
* ``"jax"`` — JAX + diffrax (Kvaerno5, PID step control, ``jax.vmap`` over patients, float64); the GPU path
  (:mod:`osteoimmune.solve.batched_jax`). Registered only when JAX imports.

``"auto"`` picks ``"jax"`` when ``jax.devices()`` has a GPU, else ``"scipy-bdf"`` (the fastest CPU backend,
see docs/performance.md). Patients of a cohort share the model and the schedule structure (event times); their
parameter and jump values may differ: scenarios are grouped by structure and each group is integrated in
batches. A patient whose integration fails gets a result with ``status="failed"`` and the reason in
``message`` (the others are unaffected); scenarios of published reference models (``model:`` other than the
full model) always go through the reference solver.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from .errors import SolverFailure, UnknownNameError
from .scenario.schema import MAIN_MODEL, Scenario
from .solve.integrate import SolverOptions
from .solve.result import SimulationResult, SolverStats

#: species held at their reference values in the pre-injury steady state (as in :func:`osteoimmune.api.initial_state`)
STEADY_STATE_FIXED: tuple[str, ...] = ("lamellar_bone", "woven_bone")


def _reference(scenarios: Sequence[Scenario], options: Any) -> list[SimulationResult]:
    from .api import simulate

    return [simulate(sc, options if isinstance(options, SolverOptions) else None) for sc in scenarios]


# --------------------------------------------------------------------------- scenario -> batch arrays
@dataclass
class _Item:
    """One scenario resolved into arrays (no steady state yet)."""

    position: int
    scenario: Scenario
    key: tuple
    baseline: np.ndarray          # (n_parameters,) parameters of the pre-injury steady state
    guess: np.ndarray             # (n_species,) steady-state guess
    segment_parameters: list[np.ndarray]
    jump_values: list[float]
    output_times: np.ndarray


_TEMPLATES: dict[int, tuple] = {}


def _templates(compiled) -> tuple[np.ndarray, dict[str, int], np.ndarray, int]:
    """Default parameter vector, parameter index, steady-state guess and the index of ``lamellar_bone`` (cached)."""
    got = _TEMPLATES.get(id(compiled))
    if got is None or got[0] is not compiled:
        from .model.basal import PIVONKA_STEADY_STATE

        decl = compiled.declaration
        defaults = compiled.parameter_vector(decl.parameter_values())
        guess = {s: decl.species[s].initial for s in decl.species}
        guess.update(PIVONKA_STEADY_STATE)
        got = (compiled, defaults, {k: i for i, k in enumerate(compiled.parameter_ids)},
               np.array([guess[s] for s in compiled.species_ids], dtype=float), compiled.species_index("lamellar_bone"))
        _TEMPLATES[id(compiled)] = got
    return got[1:]


def _with(vector: np.ndarray, index: dict[str, int], values) -> np.ndarray:
    """``vector`` with ``values`` (parameter id -> value) set; what ``decl.with_parameters`` + ``parameter_vector``
    give, without building dictionaries of every parameter. An unknown id raises :class:`UnknownNameError`."""
    out = vector.copy()
    for k, v in values.items():
        i = index.get(k)
        if i is None:
            raise UnknownNameError("parameter", k, list(index))
        out[i] = float(v)
    return out


def _resolve(position: int, sc: Scenario, compiled) -> _Item:
    from .scenario.resolve import to_solver_inputs

    defaults, index, guess_template, i_lamellar = _templates(compiled)
    inputs = to_solver_inputs(sc)
    schedule = inputs.schedule
    base = _with(defaults, index, inputs.parameters)
    seg_params = [_with(base, index, seg.parameters) if seg.parameters else base.copy() for seg in schedule.segments]
    baseline = _with(defaults, index, inputs.baseline_parameters)
    guess = guess_template.copy()
    guess[i_lamellar] = inputs.baseline_parameters["bone_ref"]
    key = (
        tuple((seg.start, seg.end) for seg in schedule.segments),
        tuple((j.time, j.species, j.mode) for j in schedule.jumps),
        tuple(inputs.output_times),
    )
    return _Item(position, sc, key, baseline, guess, seg_params,
                 [j.value for j in schedule.jumps], np.asarray(inputs.output_times, float))


@dataclass
class _BatchRun:
    """The arrays of one integrated batch, kept until results or outcomes are built from them."""

    items: list[_Item]
    y0: np.ndarray        # (B, n)
    y: np.ndarray         # (T, B, n)
    failed: np.ndarray    # (B,)
    messages: list[str]
    stats: Any
    method: str = ""
    rtol: float = float("nan")
    atol_scale: float = float("nan")


def _structure(key: tuple):
    from .solve.schedule import Jump, Schedule, Segment

    segs, jumps, _ = key
    return Schedule(tuple(Segment(a, b) for a, b in segs), tuple(Jump(t, s, 0.0, m) for t, s, m in jumps))


@dataclass
class _BatchArrays:
    """The solver inputs of one batch as arrays (patients along the first axis)."""

    baseline: np.ndarray                 # (B, n_parameters)
    guess: np.ndarray                    # (B, n_species)
    segments: list[tuple[float, float]]
    segment_parameters: list[np.ndarray]  # (B, n_parameters) per segment
    segment_jumps: list[list]             # JumpSpec per segment start
    output_times: np.ndarray
    fixed: list[int]
    scales: np.ndarray
    nonnegative: np.ndarray


def _batch_arrays(items: list[_Item]) -> _BatchArrays:
    from .api import compiled_model
    from .solve.batched_scipy import JumpSpec

    compiled = compiled_model()
    decl = compiled.declaration
    schedule = _structure(items[0].key)
    index = {s: i for i, s in enumerate(compiled.species_ids)}
    jumps_by_segment = []
    for seg in schedule.segments:
        specs = []
        for q, j in enumerate(schedule.jumps):
            if abs(j.time - seg.start) <= 1e-12 * max(1.0, abs(seg.start)):
                specs.append(JumpSpec(index[j.species], j.mode, np.array([it.jump_values[q] for it in items])))
        jumps_by_segment.append(specs)
    return _BatchArrays(
        baseline=np.stack([it.baseline for it in items]),
        guess=np.stack([it.guess for it in items]),
        segments=[(s.start, s.end) for s in schedule.segments],
        segment_parameters=[np.stack([it.segment_parameters[k] for it in items]) for k in range(len(schedule.segments))],
        segment_jumps=jumps_by_segment,
        output_times=items[0].output_times,
        fixed=[compiled.species_index(s) for s in STEADY_STATE_FIXED],
        scales=np.array([decl.species[s].scale for s in compiled.species_ids]),
        nonnegative=np.array([decl.species[s].nonnegative for s in compiled.species_ids]),
    )


def _finish(items: list[_Item], y0: np.ndarray, ok: np.ndarray, out, method: str, options) -> _BatchRun:
    messages = ["" if o else "no steady state found for the pre-injury site" for o in ok]
    messages = [m or out.messages[b] for b, m in enumerate(messages)]
    return _BatchRun(items, y0, out.y, out.failed | ~ok, messages, out.stats, method, options.rtol, options.atol_scale)


def _run_batch_scipy(items: list[_Item], options) -> _BatchRun:
    from .solve.batched_scipy import integrate_batch, steady_state_batch

    kernels = _kernels()
    a = _batch_arrays(items)
    y0, ok = steady_state_batch(kernels, a.baseline, a.guess, a.fixed, a.scales, options)
    out = integrate_batch(kernels, np.where(ok[:, None], y0, 0.0), a.segments, a.segment_parameters, a.segment_jumps,
                          a.output_times, a.scales, a.nonnegative, options)
    return _finish(items, y0, ok, out, "batched-scipy-bdf", options)


def _run_batch_jax(items: list[_Item], options) -> _BatchRun:
    from .model.build import build_model
    from .solve.batched_jax import integrate_batch_jax, steady_state_batch_jax

    model = build_model()
    a = _batch_arrays(items)
    y0, ok = steady_state_batch_jax(model, a.baseline, a.guess, a.fixed, options)
    out = integrate_batch_jax(model, np.where(ok[:, None], y0, 0.0), a.segments, a.segment_parameters,
                              a.segment_jumps, a.output_times, options)
    return _finish(items, y0, ok, out, f"batched-jax-{options.solver}", options)


def _split_run(items: list[_Item], options, runner: Callable[[list[_Item], Any], _BatchRun]) -> list[_BatchRun]:
    """Run ``items`` as one batch; if the stacked integration fails, halve it (down to single patients)."""
    from .solve.batched_scipy import BatchFailure

    try:
        return [runner(items, options)]
    except BatchFailure as exc:
        if len(items) == 1:
            n = 1
            y = np.full((items[0].output_times.size, 1, len(items[0].guess)), np.nan)
            return [_BatchRun(items, np.full((1, y.shape[2]), np.nan), y, np.ones(n, bool), [str(exc)], None)]
        half = len(items) // 2
        return _split_run(items[:half], options, runner) + _split_run(items[half:], options, runner)


def _kernels():
    """The compiled batch kernels of the full model (generated once per process, compiled once per machine)."""
    from .model.build import build_model
    from .solve.batched_kernels import load_kernels

    return load_kernels(build_model())


def _iter_runs(scenarios: Sequence[Scenario], options, runner, max_batch: int) -> Iterator[tuple[str, Any]]:
    """``("run", _BatchRun)`` per integrated batch, ``("other", (position, result or SolverFailure))`` per scenario
    of another model; one batch of trajectories in memory at a time.

    Full-model scenarios are grouped by schedule structure and run in batches of ``max_batch``; scenarios of other
    models go to the reference solver (a :class:`SolverFailure` there is yielded as the result).
    """
    from .api import compiled_model

    compiled = compiled_model()
    groups: dict[tuple, list[_Item]] = {}
    others: list[int] = []
    for i, sc in enumerate(scenarios):
        if sc.model != MAIN_MODEL:
            others.append(i)
            continue
        item = _resolve(i, sc, compiled)
        groups.setdefault(item.key, []).append(item)
    for items in groups.values():
        for a in range(0, len(items), max_batch):
            for run in _split_run(items[a:a + max_batch], options, runner):
                yield "run", run
    for i in others:
        try:
            yield "other", (i, _reference([scenarios[i]], None)[0])
        except SolverFailure as exc:
            yield "other", (i, exc)


def _iter_results(scenarios: Sequence[Scenario], options, runner, max_batch: int) -> Iterator[tuple[int, Any]]:
    """``(position, result)`` for every scenario, one batch at a time (memory: one batch of trajectories)."""
    for kind, x in _iter_runs(scenarios, options, runner, max_batch):
        if kind == "run":
            yield from _results_from(x)
        else:
            yield x


def _results_from(run: _BatchRun) -> list[tuple[int, SimulationResult]]:
    from .api import compiled_model

    c = compiled_model()
    decl = c.declaration
    units = {s: decl.species[s].unit for s in decl.species}
    units.update({a: decl.assignments[a].unit for a in decl.assignments})
    assigned = _assignments_along(_kernels(), run)
    out = []
    for b, it in enumerate(run.items):
        st = run.stats
        stats = SolverStats(method=run.method, rtol=run.rtol, atol_scale=run.atol_scale,
                            n_segments=getattr(st, "n_segments", 0), n_steps=getattr(st, "n_steps", 0),
                            n_rhs=getattr(st, "n_rhs", 0), n_jac=getattr(st, "n_jac", 0),
                            wall_seconds=getattr(st, "wall_seconds", 0.0) / max(1, len(run.items)))
        res = SimulationResult(
            time=it.output_times, y=np.ascontiguousarray(run.y[:, b, :]), species_ids=c.species_ids,
            assigned=np.ascontiguousarray(assigned[:, b, :]), assignment_ids=c.assignment_ids, units=units,
            stats=stats, status="failed" if run.failed[b] else "success",
            message=run.messages[b] if run.failed[b] else "integration successful",
            parameters=dict(zip(c.parameter_ids, map(float, it.segment_parameters[0]))),
        )
        res.metadata.update({
            "scenario": it.scenario.model_dump(mode="json"), "model": decl.name, "model_digest": c.digest,
            "initial_state": dict(zip(c.species_ids, map(float, run.y0[b]))), "batch_size": len(run.items),
        })
        out.append((it.position, res))
    return out


def _assignments_along(kernels, run: _BatchRun) -> np.ndarray:
    """Assignments of every patient at every output time with the parameters of the sample's segment.

    One vectorised evaluation per segment for the whole batch; ``(T, B, n_assignments)`` (NaN where failed).
    """
    items = run.items
    schedule = _structure(items[0].key)
    t = items[0].output_times
    T, B, _ = run.y.shape
    out = np.full((T, B, len(kernels.arrays.assignment_ids)), np.nan)
    for k, seg in enumerate(schedule.segments):
        last = k == len(schedule.segments) - 1
        mask = (t >= seg.start) & ((t <= seg.end) if last else (t < seg.end))
        if np.any(mask):
            P = np.stack([it.segment_parameters[k] for it in items])  # (B, p)
            # the array code is elementwise: species rows of shape (m, B) broadcast against parameter rows (B,)
            Y = np.ascontiguousarray(np.moveaxis(run.y[mask], 2, 0))  # (n, m, B): contiguous rows for fast ufuncs
            values = kernels.arrays.assignments(0.0, Y, np.ascontiguousarray(P.T))  # (n_assign, m, B)
            out[mask] = np.moveaxis(values, 0, 2)
    out[:, run.failed] = np.nan
    return out


def _segment_slices(run: _BatchRun) -> list[tuple[int, slice]]:
    """``(segment k, slice of output samples in it)`` (a sample on a boundary belongs to the later segment)."""
    schedule = _structure(run.items[0].key)
    t = run.items[0].output_times
    out = []
    for k, seg in enumerate(schedule.segments):
        last = k == len(schedule.segments) - 1
        lo = int(np.searchsorted(t, seg.start, side="left"))
        hi = int(np.searchsorted(t, seg.end, side="right" if last else "left"))
        if hi > lo:
            out.append((k, slice(lo, hi)))
    return out


class _PatientView:
    """What :func:`osteoimmune.outcomes.compute_outcomes` reads of a result (``time``, ``view[name]``), for patient
    ``b`` of a batch run, without copying trajectories or evaluating assignments it does not ask for."""

    __slots__ = ("time", "_outcomes", "_b")

    def __init__(self, outcomes: "_BatchOutcomes", b: int) -> None:
        self.time, self._outcomes, self._b = outcomes.time, outcomes, b

    def __getitem__(self, name: str) -> np.ndarray:
        return self._outcomes.series(name)[:, self._b]


class _BatchOutcomes:
    """Trajectories of a batch by name, ``(T, B)``: species are views of ``run.y``; an assignment is evaluated for
    the whole batch the first time it is asked for (only it and the assignments it depends on)."""

    def __init__(self, run: _BatchRun) -> None:
        from .api import compiled_model

        c = compiled_model()
        self.run, self.time = run, run.items[0].output_times
        self.species = {s: i for i, s in enumerate(c.species_ids)}
        self.assignment_ids = set(c.assignment_ids)
        self.cache: dict[str, np.ndarray] = {}

    def series(self, name: str) -> np.ndarray:
        i = self.species.get(name)
        if i is not None:
            return self.run.y[:, :, i]
        got = self.cache.get(name)
        if got is None:
            if name not in self.assignment_ids:
                raise UnknownNameError("result column", name, [*self.species, *sorted(self.assignment_ids)])
            got = self.cache[name] = self._assignment(name)
        return got

    def _assignment(self, name: str) -> np.ndarray:
        from .model.build import build_model
        from .solve.batched_codegen import assignment_subset

        fn = assignment_subset(build_model(), (name,))
        run = self.run
        T, B, _ = run.y.shape
        out = np.full((T, B), np.nan)
        for k, sl in _segment_slices(run):
            P = np.stack([it.segment_parameters[k] for it in run.items])  # (B, p)
            Y = np.moveaxis(run.y[sl], 2, 0)  # (n, m, B) view: species rows broadcast against parameter rows (B,)
            out[sl] = fn(0.0, Y, P.T)[0]
        out[:, run.failed] = np.nan
        return out


def _outcomes_from(run: _BatchRun, union_threshold: float) -> list[tuple[int, dict]]:
    """``(position, outcome row)`` of every patient of ``run`` (:func:`compute_outcomes` on a :class:`_PatientView`)."""
    from .outcomes import compute_outcomes

    series = _BatchOutcomes(run)
    out = []
    for b, it in enumerate(run.items):
        if run.failed[b]:
            out.append((it.position, {"status": "failed", "message": run.messages[b]}))
        else:
            out.append((it.position, {"status": "ok", "message": "",
                                      **compute_outcomes(_PatientView(series, b), union_threshold=union_threshold)}))
    return out


@dataclass(frozen=True)
class InitialStates:
    """Batched pre-injury steady states of scenarios that share one schedule structure (rows in input order).

    ``y0``: the steady states (what :func:`osteoimmune.api.initial_state` computes one by one);
    ``y0_after_jumps``: with the jumps at t = 0 (the injury) applied — where integration starts;
    ``parameters``: the parameter vectors at t = 0 (``compiled_model().parameter_ids`` order); ``ok``: whether a
    steady state was found.
    """

    y0: np.ndarray
    y0_after_jumps: np.ndarray
    parameters: np.ndarray
    output_times: np.ndarray
    ok: np.ndarray


def initial_states(scenarios: Sequence[Scenario], options: Any = None) -> InitialStates:
    """Pre-injury steady states of many full-model scenarios with one schedule structure, batched on CPU."""
    from .api import compiled_model
    from .solve.batched_scipy import _apply_jumps, steady_state_batch

    opts = _options(options)
    items = [_resolve(i, sc, compiled_model()) for i, sc in enumerate(scenarios)]
    if len({it.key for it in items}) > 1:
        raise ValueError("initial_states needs scenarios with one schedule structure (same event times)")
    y0s, oks, after = [], [], []
    for lo in range(0, len(items), opts.max_batch):
        chunk = items[lo:lo + opts.max_batch]
        a = _batch_arrays(chunk)
        y0, ok = steady_state_batch(_kernels(), a.baseline, a.guess, a.fixed, a.scales, opts)
        y1 = y0.copy()
        _apply_jumps(y1, a.segment_jumps[0])
        y0s.append(y0)
        oks.append(ok)
        after.append(y1)
    return InitialStates(np.concatenate(y0s), np.concatenate(after),
                         np.stack([it.segment_parameters[0] for it in items]), items[0].output_times,
                         np.concatenate(oks))


# --------------------------------------------------------------------------- backends
def _options(options: Any):
    from .solve.batched_scipy import BatchedOptions

    if options is None:
        return BatchedOptions()
    if isinstance(options, BatchedOptions):
        return options
    if isinstance(options, SolverOptions):  # tolerances carried over; the method is the backend's own
        return BatchedOptions(rtol=max(options.rtol, 1e-10), atol_scale=options.atol_scale,
                              negative_tolerance=options.negative_tolerance)
    raise TypeError(f"options must be SolverOptions or BatchedOptions, got {type(options).__name__}")


def _collect(scenarios: Sequence[Scenario], options: Any, runner, max_batch: int) -> list[SimulationResult]:
    scenarios = list(scenarios)
    results: list[Any] = [None] * len(scenarios)
    for pos, res in _iter_results(scenarios, options, runner, max_batch):
        if isinstance(res, SolverFailure):
            raise res
        results[pos] = res
    return results


def _batched_runner(name: str, options: Any):
    """``(options, runner)`` of a batched backend."""
    if name == "scipy-bdf":
        return _options(options), _run_batch_scipy
    return _jax_options(options), _run_batch_jax


def _scipy_bdf(scenarios: Sequence[Scenario], options: Any) -> list[SimulationResult]:
    opts = _options(options)
    return _collect(scenarios, opts, _run_batch_scipy, opts.max_batch)


def _jax_options(options: Any):
    from .solve.batched_jax import JaxOptions

    if options is None or isinstance(options, JaxOptions):
        return options or JaxOptions()
    if isinstance(options, SolverOptions):
        return JaxOptions(rtol=max(options.rtol, 1e-10), atol_scale=options.atol_scale,
                          negative_tolerance=options.negative_tolerance)
    raise TypeError(f"options must be SolverOptions or JaxOptions, got {type(options).__name__}")


def _jax(scenarios: Sequence[Scenario], options: Any) -> list[SimulationResult]:
    opts = _jax_options(options)
    return _collect(scenarios, opts, _run_batch_jax, opts.max_batch)


#: name -> function(scenarios, options) -> list[SimulationResult]
BACKENDS: dict[str, Callable[[Sequence[Scenario], Any], list[SimulationResult]]] = {
    "reference": _reference,
    "scipy-bdf": _scipy_bdf,
}
if importlib.util.find_spec("jax") is not None and importlib.util.find_spec("diffrax") is not None:
    BACKENDS["jax"] = _jax

#: order in which "auto" tries CPU backends (first registered wins); a GPU makes "auto" choose "jax"
AUTO_ORDER: list[str] = ["scipy-bdf", "reference"]


def gpu_available() -> bool:
    """Whether JAX sees a GPU (False when JAX is not installed)."""
    if "jax" not in BACKENDS:
        return False
    import jax

    try:
        return any(d.platform == "gpu" for d in jax.devices())
    except RuntimeError:
        return False


def resolve_backend(backend: str) -> str:
    """The backend name ``backend`` stands for (``"auto"``: the GPU backend when there is a GPU)."""
    if backend == "auto":
        if gpu_available():
            return "jax"
        return next(b for b in AUTO_ORDER if b in BACKENDS)
    if backend not in BACKENDS:
        raise UnknownNameError("backend", backend, sorted(BACKENDS) + ["auto"])
    return backend


def simulate_many(
    scenarios: Sequence[Scenario], *, backend: str = "auto", options: Any = None
) -> list[SimulationResult]:
    """Simulate every scenario; results in the same order (failed patients have ``status="failed"``)."""
    return BACKENDS[resolve_backend(backend)](list(scenarios), options)


def simulate_each(scenarios: Sequence[Scenario], *, backend: str = "auto") -> list[SimulationResult | SolverFailure]:
    """Like :func:`simulate_many`, but a solver failure is returned in its scenario's place instead of raised.

    A batch that fails as a whole is retried one scenario at a time, so one bad patient never costs the others.
    """
    try:
        return list(simulate_many(scenarios, backend=backend))
    except SolverFailure:
        out: list[SimulationResult | SolverFailure] = []
        for sc in scenarios:
            try:
                out.append(simulate_many([sc], backend=backend)[0])
            except SolverFailure as exc:
                out.append(exc)
        return out


def simulate_many_outcomes(
    scenarios: Sequence[Scenario], *, backend: str = "auto", options: Any = None, union_threshold: float | None = None
):
    """The outcome metrics of every scenario as a DataFrame (one row per scenario, in order).

    Columns: ``status`` (``"ok"``/``"failed"``), ``message``, then :data:`osteoimmune.outcomes.METRICS`
    (``None``/NaN where a patient failed). Equivalent to ``compute_outcomes`` on :func:`simulate_many`'s results;
    the reference backend raises :class:`~osteoimmune.SolverFailure` per patient, recorded as a failed row.
    ``df.attrs["integration_seconds"]`` is the time the solver spent integrating (steady states excluded).
    """
    import pandas as pd

    from .outcomes import DEFAULT_UNION_THRESHOLD, METRICS, compute_outcomes

    thr = DEFAULT_UNION_THRESHOLD if union_threshold is None else union_threshold
    scenarios = list(scenarios)
    name = resolve_backend(backend)
    rows: list[dict | None] = [None] * len(scenarios)
    integration = 0.0

    def row(r: Any) -> dict:
        if isinstance(r, SolverFailure) or not r.success:
            return {"status": "failed", "message": str(r) if isinstance(r, SolverFailure) else r.message}
        return {"status": "ok", "message": "", **compute_outcomes(r, union_threshold=thr)}

    if name in ("scipy-bdf", "jax"):  # stream: one batch of trajectories in memory at a time, no result objects
        opts, runner = _batched_runner(name, options)
        for kind, x in _iter_runs(scenarios, opts, runner, opts.max_batch):
            if kind == "run":
                integration += getattr(x.stats, "wall_seconds", 0.0)
                for pos, r in _outcomes_from(x, thr):
                    rows[pos] = r
            else:
                pos, r = x
                integration += 0.0 if isinstance(r, SolverFailure) else r.stats.wall_seconds
                rows[pos] = row(r)
    else:
        for pos, sc in enumerate(scenarios):
            try:
                r = BACKENDS[name]([sc], options)[0]
                integration += r.stats.wall_seconds
            except SolverFailure as exc:
                r = exc
            rows[pos] = row(r)
    df = pd.DataFrame(rows, columns=["status", "message", *METRICS])
    df.attrs["integration_seconds"] = integration
    return df
