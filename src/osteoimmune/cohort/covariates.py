"""The patient covariates a cohort can vary, and how each one sets a field of the scenario schema.

Each covariate maps onto :class:`osteoimmune.scenario.schema.Scenario` (``patient.*`` or ``injury.*``); nothing
here changes model semantics, which stay in :func:`osteoimmune.scenario.resolve.to_solver_inputs`.  Comorbidities
the scenario schema does not have (smoking, for example) are not covariates: the model has no mechanism for them.

``menopause_age_years`` is not a scenario field: a woman whose sampled age is at or above her sampled menopause age
is ``postmenopausal``, otherwise ``premenopausal`` (men are always ``male_normal``).  It and ``estrogen_status``
are alternatives (a spec may give one of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Covariate:
    """A patient covariate: its kind, valid range or values, unit and the scenario field it sets."""

    name: str
    kind: str  # "number" | "category" | "bool"
    description: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    values: tuple[str, ...] = ()
    field: str = ""  # dotted scenario path, "" for derived covariates


COVARIATES: dict[str, Covariate] = {c.name: c for c in (
    Covariate("age_years", "number", "age at injury", "year", 0.0, 110.0, field="patient.age_years"),
    Covariate("sex", "category", "sex", values=("female", "male"), field="patient.sex"),
    Covariate("estrogen_status", "category", "estrogen status of women (men are male_normal)",
              values=("premenopausal", "postmenopausal", "ovariectomized"), field="patient.estrogen_status"),
    Covariate("menopause_age_years", "number", "age at menopause; sets estrogen_status from age (women)", "year",
              30.0, 65.0),
    Covariate("diabetes", "bool", "diabetes mellitus", field="patient.comorbidities"),
    Covariate("iron_overload", "bool", "systemic iron overload", field="patient.comorbidities"),
    Covariate("rheumatoid_arthritis", "bool", "rheumatoid arthritis", field="patient.comorbidities"),
    Covariate("iron_load", "number", "systemic iron relative to normal", "1", 0.05, 20.0, field="patient.iron_load"),
    Covariate("injury_severity", "category", "fracture severity (amount of necrotic debris)",
              values=("simple", "moderate", "severe"), field="injury.severity"),
    Covariate("gap_mm", "number", "fracture gap or defect length", "mm", 0.0, 50.0, field="injury.size_mm"),
    Covariate("muscle_damage", "number", "fraction of the surrounding muscle damaged", "1", 0.0, 1.0,
              field="injury.muscle_damage"),
)}

_COMORBIDITIES = ("diabetes", "iron_overload", "rheumatoid_arthritis")


def apply_covariates(raw: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Set the sampled covariate ``values`` of one patient on a scenario mapping ``raw`` (modified and returned)."""
    patient = raw.setdefault("patient", {})
    injury = raw.setdefault("injury", {})
    if "age_years" in values:
        patient["age_years"] = float(values["age_years"])
    if "sex" in values:
        patient["sex"] = str(values["sex"])
    comorbidities = list(patient.get("comorbidities") or [])
    for name in _COMORBIDITIES:
        if name in values:
            present = bool(values[name])
            if present and name not in comorbidities:
                comorbidities.append(name)
            elif not present and name in comorbidities:
                comorbidities.remove(name)
    patient["comorbidities"] = comorbidities
    if "iron_load" in values:
        patient["iron_load"] = float(values["iron_load"])
    if "injury_severity" in values:
        injury["severity"] = str(values["injury_severity"])
    if "gap_mm" in values:
        injury["size_mm"] = float(values["gap_mm"])
    if "muscle_damage" in values:
        injury["muscle_damage"] = float(values["muscle_damage"])
    patient["estrogen_status"] = estrogen_status(values, patient)
    return raw


def estrogen_status(values: dict[str, Any], patient: dict[str, Any]) -> str | None:
    """The estrogen status implied by the sampled covariates (``None``: keep the scenario's own)."""
    sex = patient.get("sex", "female")
    if sex == "male":
        return "male_normal"
    if "estrogen_status" in values:
        return str(values["estrogen_status"])
    if "menopause_age_years" in values:
        age = float(patient.get("age_years", 30.0))
        return "postmenopausal" if age >= float(values["menopause_age_years"]) else "premenopausal"
    current = patient.get("estrogen_status")
    return None if current == "male_normal" else current
