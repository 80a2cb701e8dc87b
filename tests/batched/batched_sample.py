"""A small sample of varied patients, simulated by the reference solver and by the batched backends (cached)."""

from __future__ import annotations

from functools import lru_cache



import osteoimmune as oi

#: (label, base scenario, overrides): age, sex/estrogen, comorbidity, severity, gap size and interventions; the two
#: IL-4 patients share a schedule structure with different doses (one batch, per-patient input values), the two
#: BMSC patients share a bolus time with different bolus sizes (per-patient jump values)
SAMPLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("young-female", "fracture-healing", ()),
    ("aged-male", "fracture-healing", ("patient.age_years=78", "patient.sex=male")),
    ("postmenopausal", "fracture-healing", ("patient.age_years=64", "patient.estrogen_status=postmenopausal")),
    ("diabetic-severe", "fracture-healing", ("patient.age_years=52", "patient.comorbidities=[diabetes]",
                                             "injury.severity=severe", "injury.size_mm=2.5")),
    ("simple-small-gap", "fracture-healing", ("patient.age_years=24", "injury.severity=simple", "injury.size_mm=0.5")),
    ("critical-defect", "critical-size-defect", ()),
    ("il4-low", "fracture-healing", ("patient.age_years=70",
                                     "interventions=[{agent: il4, dose: 5, unit: ng/mL/day, start_day: 3, duration_days: 7}]")),
    ("il4-high", "fracture-healing", ("patient.age_years=40",
                                      "interventions=[{agent: il4, dose: 20, unit: ng/mL/day, start_day: 3, duration_days: 7}]")),
    ("bmsc-low", "critical-size-defect", ("interventions=[{agent: bmsc_transplantation, dose: 1.0e5, unit: cell/mL, start_day: 7}]",)),
    ("bmsc-high", "critical-size-defect", ("patient.age_years=60",
                                           "interventions=[{agent: bmsc_transplantation, dose: 1.0e6, unit: cell/mL, start_day: 7}]")),
)


@lru_cache(maxsize=None)
def sample_scenarios() -> tuple:
    return tuple(oi.load_scenario(base, list(ov)) for _, base, ov in SAMPLE)


@lru_cache(maxsize=None)
def reference_results() -> tuple:
    return tuple(oi.simulate(sc) for sc in sample_scenarios())


@lru_cache(maxsize=None)
def batched_results(backend: str) -> tuple:
    from osteoimmune.batch import simulate_many

    return tuple(simulate_many(list(sample_scenarios()), backend=backend))


