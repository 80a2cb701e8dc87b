"""A mixed fracture population for benchmarks and accuracy checks (not a clinical cohort: see ``cohort.spec``).

Ages 20–90 (uniform), sex, severity, gap 0.5–6 mm, women over 50 postmenopausal, diabetes in 15 %; with
``interventions=True`` every fourth patient also gets an IL-4 course (days 3–10, 2–20 ng/mL/day) or a BMSC
transplant (day 7, 10⁵–10⁶ cell/mL) with its own dose.  The side-by-side benchmark against libroadrunner
(``benchmarks/cohort.py``) uses it without interventions (its SBML export has no events); the 1000-patient
batched-vs-reference test uses it with them.  The stream of random numbers depends only on ``seed`` (and on
``interventions``), so both always see the same patients.
"""

from __future__ import annotations

import numpy as np

from ..scenario import Scenario, load_scenario


def mixed_fracture_patients(n: int, seed: int, *, interventions: bool = False) -> list[Scenario]:
    """``n`` variants of the built-in ``fracture-healing`` scenario drawn from ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        age = float(rng.uniform(20, 90))
        sex = str(rng.choice(["female", "male"]))
        ov = [f"patient.age_years={age:.2f}", f"patient.sex={sex}",
              f"injury.severity={rng.choice(['simple', 'moderate', 'severe'])}",
              f"injury.size_mm={rng.uniform(0.5, 6.0):.3f}"]
        if sex == "female" and age > 50:
            ov.append("patient.estrogen_status=postmenopausal")
        if rng.random() < 0.15:
            ov.append("patient.comorbidities=[diabetes]")
        if interventions and i % 8 == 3:
            ov.append(f"interventions=[{{agent: il4, dose: {rng.uniform(2, 20):.2f}, unit: ng/mL/day, start_day: 3, "
                      "duration_days: 7}]")
        elif interventions and i % 8 == 7:
            ov.append(f"interventions=[{{agent: bmsc_transplantation, dose: {rng.uniform(1e5, 1e6):.4g}, "
                      "unit: cell/mL, start_day: 7}]")
        out.append(load_scenario("fracture-healing", ov))
    return out
