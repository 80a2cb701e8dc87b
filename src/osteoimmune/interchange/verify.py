"""Round trip: the exported SBML simulated by libroadrunner against osteoimmune's own solver.

:func:`roadrunner_timecourse` runs an SBML text in libroadrunner (CVODE) on a given time grid, so event times
are integrated exactly (CVODE locates each ``time >= τ`` root) and outputs land on the scenario's grid.
:func:`compare_export` prepares a scenario, exports it, runs both and reports, per state, the largest error in units
of the tolerance ``rtol·|reference| + atol`` (≤ 1 passes). At an event time that *jumps* a state (a bolus after
t = 0) libroadrunner reports the value just before the event while osteoimmune reports the value after it (its
segments are closed on the left), so those sample times are left out of the comparison and listed.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np


@dataclass
class RoundTrip:
    """Outcome of :func:`compare_export`."""

    scenario: str
    species: tuple[str, ...]
    time: np.ndarray
    osteoimmune: np.ndarray
    roadrunner: np.ndarray
    rtol: float
    atol: float
    skipped_times: tuple[float, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def error_ratio(self) -> dict[str, float]:
        """Largest |osteoimmune − roadrunner| / (rtol·|roadrunner| + atol) per species."""
        keep = ~np.isin(self.time, self.skipped_times)
        err = np.abs(self.osteoimmune[keep] - self.roadrunner[keep]) / (self.rtol * np.abs(self.roadrunner[keep]) + self.atol)
        return {s: float(err[:, j].max()) for j, s in enumerate(self.species)}

    @property
    def max_relative_difference(self) -> float:
        """Largest |difference| / max(|roadrunner|, atol) over all states and times (for reporting)."""
        keep = ~np.isin(self.time, self.skipped_times)
        d = np.abs(self.osteoimmune[keep] - self.roadrunner[keep]) / np.maximum(np.abs(self.roadrunner[keep]), self.atol)
        return float(d.max())

    @property
    def worst(self) -> tuple[str, float]:
        e = self.error_ratio
        k = max(e, key=e.get)
        return k, e[k]

    @property
    def passed(self) -> bool:
        return self.worst[1] <= 1.0


def roadrunner_timecourse(sbml: str, ids: Sequence[str], times: np.ndarray, rtol: float = 1e-10,
                          atol: float = 1e-14, max_steps: int = 2_000_000) -> np.ndarray:
    """libroadrunner (CVODE) trajectories of ``ids`` at ``times`` (array: len(times) × len(ids))."""
    import roadrunner
    from roadrunner import Config

    # LLJIT compiles a 56-species model in about 1 s where MCJIT takes 4-6 s (same numbers); restored afterwards
    backend = Config.getValue(Config.LLVM_BACKEND)
    Config.setValue(Config.LLVM_BACKEND, Config.LLJIT)
    try:
        rr = roadrunner.RoadRunner(sbml)
    finally:
        Config.setValue(Config.LLVM_BACKEND, backend)
    integ = rr.integrator
    integ.relative_tolerance = rtol
    integ.absolute_tolerance = atol
    integ.maximum_num_steps = max_steps
    rr.timeCourseSelections = ["time", *ids]
    out = np.asarray(rr.simulate(times=[float(t) for t in times]))
    return out[:, 1:]


def compare_export(scenario: Any, rtol: float = 1e-4, atol: float = 1e-9, solver_rtol: float = 1e-10,
                   method: str = "lsoda", atol_scale: float = 1e-18, rr_rtol: float = 1e-10,
                   rr_atol: float = 1e-14) -> RoundTrip:
    """Export ``scenario`` (name, path, Scenario or PreparedRun) and compare libroadrunner with ``simulate_compiled``.

    Both solvers run far tighter than the comparison: osteoimmune at ``solver_rtol`` with absolute tolerance
    ``atol_scale × scale(species)`` (1e-18 × 1e6 cells = 1e-12, below the 1e-9 floor even for species whose typical
    scale is 10^6), libroadrunner's CVODE at ``rr_rtol``/``rr_atol``.
    """
    from ..solve.integrate import SolverOptions, simulate_compiled
    from .sbml_export import _prepared, export_sbml

    t0 = _time.perf_counter()
    run = _prepared(scenario)
    t1 = _time.perf_counter()
    text = export_sbml(run)
    t2 = _time.perf_counter()
    ours = simulate_compiled(run.compiled, run.y0, run.parameters, run.schedule, run.output_times,
                             SolverOptions(method=method, rtol=solver_rtol, atol_scale=atol_scale))
    t3 = _time.perf_counter()
    ids = list(run.compiled.species_ids)
    ref = roadrunner_timecourse(text, ids, run.output_times, rr_rtol, rr_atol)
    t4 = _time.perf_counter()
    jump_times = sorted({float(j.time) for j in run.schedule.jumps if j.time > run.schedule.t0})
    return RoundTrip(
        scenario=getattr(run.scenario, "name", None) or str(scenario), species=tuple(ids), time=run.output_times,
        osteoimmune=ours.y, roadrunner=ref, rtol=rtol, atol=atol,
        skipped_times=tuple(t for t in jump_times if np.any(run.output_times == t)),
        seconds={"prepare": t1 - t0, "export": t2 - t1, "osteoimmune": t3 - t2, "roadrunner": t4 - t3},
    )
