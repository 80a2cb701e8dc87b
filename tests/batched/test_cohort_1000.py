"""The issue's 1000-patient check: batched outcomes within 1 % of the reference solver for every patient.

Slow (the reference solver alone takes about 15-20 min for 1000 patients on the project's 2-core machine):

    .venv/bin/python -m pytest tests/batched/test_cohort_1000.py -m slow

Patients: age 20-90, sex (women over 50 postmenopausal), diabetes in 15 %, severity, gap 0.5-6 mm, and every
fourth patient an IL-4 or BMSC intervention with its own dose; seed 20261124.
"""

from __future__ import annotations

import pytest

import osteoimmune as oi
from osteoimmune.batch import simulate_many_outcomes
from osteoimmune.cohort.mixed import mixed_fracture_patients
from osteoimmune.errors import SolverFailure
from osteoimmune.outcomes import compute_outcomes

from test_accuracy import assert_outcomes_close


def varied_patients(n: int, seed: int = 20261124) -> list:
    return mixed_fracture_patients(n, seed, interventions=True)


@pytest.mark.slow
def test_thousand_patients_within_one_percent():
    scenarios = varied_patients(1000)
    df = simulate_many_outcomes(scenarios, backend="scipy-bdf")
    failures = []
    for i, sc in enumerate(scenarios):
        row = df.iloc[i].to_dict()
        try:
            ref = compute_outcomes(oi.simulate(sc))
        except SolverFailure as exc:
            assert row["status"] == "failed", f"patient {i}: reference failed ({exc}) but batched did not"
            continue
        assert row["status"] == "ok", f"patient {i}: {row['message']}"
        got = {k: (None if isinstance(row[k], float) and row[k] != row[k] else row[k]) for k in ref}
        try:
            assert_outcomes_close(ref, got, who=f"patient {i}")
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, f"{len(failures)} of 1000 patients outside 1 %:\n" + "\n".join(failures[:20])
