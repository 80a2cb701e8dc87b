"""Reference solver: schedules, events, failures, tolerances, agreement between methods."""

from __future__ import annotations

import numpy as np
import pytest

import osteoimmune as oi
from osteoimmune.errors import SolverFailure, UnknownNameError
from osteoimmune.solve import Jump, Schedule, SolverOptions, simulate_compiled


def test_schedule_segments_and_jumps():
    s = Schedule.build(0.0, 10.0, {2.0: {"nsaid": 0.5}, 5.0: {"nsaid": 0.0}}, [Jump(3.0, "bmsc", 1e5)])
    assert [(g.start, g.end) for g in s.segments] == [(0, 2), (2, 3), (3, 5), (5, 10)]
    assert s.segments[1].parameters == {"nsaid": 0.5} and s.segments[3].parameters == {"nsaid": 0.0}
    assert [j.species for j in s.jumps_at(3.0)] == ["bmsc"]


def test_bolus_jump_is_applied_at_its_time():
    sc = oi.load_scenario("homeostasis", ["days=20", "output_interval_days=1",
                                          "interventions=[{agent: bmsc_transplantation, dose: 1.0e6, unit: cell/mL, start_day: 5}]"])
    r = oi.simulate(sc)
    assert r.at("bmsc", 4.0) < 2e4
    assert r.at("bmsc", 5.0) > 9e5


def test_unknown_method_is_rejected_with_allowed_values():
    with pytest.raises(UnknownNameError, match="lsoda"):
        SolverOptions(method="euler")


def test_failure_reports_time_and_reason_not_nan():
    c = oi.compiled_model()
    model = oi.build_model()
    y0 = oi.initial_state(model.parameter_values())
    sched = Schedule.build(0.0, 10.0, {}, [Jump(0.0, "debris", 5e7), Jump(0.0, "hematoma", 1.0, "set")])
    with pytest.raises(SolverFailure) as exc:
        simulate_compiled(c, y0, {}, sched, np.linspace(0, 10, 11), SolverOptions(max_steps=3))
    assert exc.value.time >= 0 and "LSODA" in exc.value.reason


def test_result_carries_status_and_statistics(simulate_cached):
    r = simulate_cached("fracture-healing")
    assert r.success and r.status == "success"
    st = r.stats.as_dict()
    assert st["n_steps"] > 0 and st["n_rhs"] > 0 and st["method"] == "lsoda"
    assert np.all(np.isfinite(r.y)) and np.all(r.y >= 0)
    assert r.to_dataframe().columns[0] == "time_days"


@pytest.mark.parametrize("method", ["bdf", "radau"])
def test_methods_agree(simulate_cached, method):
    a = simulate_cached("fracture-healing", "days=60")
    b = simulate_cached("fracture-healing", "days=60", method=method, rtol=1e-8)
    for name in ("bone_fraction", "m1_macrophage", "m2_macrophage", "cartilage"):
        x, y = a[name], b[name]
        assert np.max(np.abs(x - y)) <= 2e-3 * max(np.max(np.abs(x)), 1e-9), name
