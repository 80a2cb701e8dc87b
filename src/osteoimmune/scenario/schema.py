"""Scenario schema (version 1): patient, injury, exposures, interventions, time span.

A scenario is validated with pydantic; every problem is reported at once as
:class:`~osteoimmune.errors.Issue` objects naming the field (dotted path) and
what is allowed.  The mapping of each field onto model inputs lives in
:mod:`osteoimmune.scenario.resolve`; the catalogue of intervention agents in
:mod:`osteoimmune.scenario.agents`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .agents import AGENTS

SCHEMA_VERSION = 1
#: the full model; the other allowed values of ``Scenario.model`` are the published reference models
MAIN_MODEL = "osteoimmune"


def model_names() -> tuple[str, ...]:
    """Allowed values of ``Scenario.model``: the full model, then the reference models."""
    from ..reference import names

    return (MAIN_MODEL, *names())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Patient(_Strict):
    """Who is simulated."""

    age_years: float = Field(30.0, ge=0, le=110, description="Age in years")
    sex: Literal["female", "male"] = "female"
    estrogen_status: Literal["premenopausal", "postmenopausal", "ovariectomized", "male_normal"] | None = Field(
        None, description="Default: premenopausal for women, male_normal for men")
    comorbidities: list[Literal["diabetes", "iron_overload", "rheumatoid_arthritis"]] = Field(default_factory=list)
    iron_load: float | None = Field(None, gt=0, le=20, description="Systemic iron relative to normal (default 4 with iron_overload)")

    @model_validator(mode="after")
    def _estrogen_matches_sex(self) -> "Patient":
        if self.sex == "male" and self.estrogen_status not in (None, "male_normal"):
            raise ValueError(f"estrogen_status {self.estrogen_status!r} is not allowed for sex 'male' (allowed: male_normal)")
        if self.sex == "female" and self.estrogen_status == "male_normal":
            raise ValueError("estrogen_status 'male_normal' is not allowed for sex 'female'")
        return self


class Injury(_Strict):
    """The injury at the simulated site (applied at day 0)."""

    kind: Literal["none", "fracture", "defect"] = "none"
    size_mm: float | None = Field(None, ge=0, le=50, description="Gap (fracture) or defect length in mm; default 1 (fracture), 5 (defect)")
    severity: Literal["simple", "moderate", "severe"] = Field("moderate", description="Amount of necrotic debris (Trejo 2019 D(0))")
    muscle_damage: float = Field(0.0, ge=0, le=1, description="Fraction of surrounding muscle damaged")

    @model_validator(mode="after")
    def _size(self) -> "Injury":
        if self.kind == "none" and self.size_mm not in (None, 0):
            raise ValueError("size_mm must be omitted or 0 when kind is 'none'")
        return self


class Infection(_Strict):
    inoculum_cfu_per_ml: float = Field(ge=0, description="S. aureus inoculum (CFU/mL)")
    day: float = Field(0.0, ge=0)
    biofilm: float = Field(0.0, ge=0, le=1, description="Fraction of bacteria shielded in biofilm (implant infection)")


class WearParticles(_Strict):
    rate_ug_per_ml_per_day: float = Field(ge=0)
    start_day: float = Field(0.0, ge=0)


class Exposures(_Strict):
    infection: Infection | None = None
    wear_particles: WearParticles | None = None


class Release(_Strict):
    """How a delivered agent is released over its window."""

    profile: Literal["constant", "exponential"] = "constant"
    half_life_days: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _hl(self) -> "Release":
        if self.profile == "exponential" and self.half_life_days is None:
            raise ValueError("half_life_days is required for the exponential profile")
        return self


class Intervention(_Strict):
    """One intervention: an agent, its dose (with unit), schedule and route."""

    agent: str
    dose: float = Field(ge=0, description="Dose in `unit`; must be non-negative")
    unit: str
    start_day: float = Field(0.0, ge=0)
    duration_days: float | None = Field(None, gt=0, description="Omit for 'until the end of the run' or for bolus agents")
    route: Literal["local", "systemic", "scaffold"] = "local"
    release: Release = Field(default_factory=Release)
    #: scaffold properties (agent 'scaffold' only)
    stiffness_kpa: float | None = Field(None, gt=0)
    pore_um: float | None = Field(None, gt=0)

    @field_validator("agent")
    @classmethod
    def _agent(cls, v: str) -> str:
        if v not in AGENTS:
            raise ValueError(f"unknown agent {v!r}; allowed: {', '.join(sorted(AGENTS))}")
        return v

    @model_validator(mode="after")
    def _unit(self) -> "Intervention":
        spec = AGENTS[self.agent]
        if self.unit not in spec.units:
            raise ValueError(f"unit {self.unit!r} not allowed for agent {self.agent!r}; allowed: {', '.join(spec.units)}")
        if spec.max_dose is not None and self.dose * spec.units[self.unit] > spec.max_dose:
            raise ValueError(f"dose {self.dose} {self.unit} exceeds the maximum {spec.max_dose} {spec.canonical_unit} for {self.agent!r}")
        if spec.kind == "bolus" and self.duration_days is not None:
            raise ValueError(f"agent {self.agent!r} is a bolus (given at start_day); omit duration_days")
        if self.agent != "scaffold" and (self.stiffness_kpa is not None or self.pore_um is not None):
            raise ValueError("stiffness_kpa and pore_um are only allowed for agent 'scaffold'")
        return self

    @property
    def end_day(self) -> float | None:
        return None if self.duration_days is None else self.start_day + self.duration_days


class Perturbation(_Strict):
    """A named experiment of a reference model (infusion window or bolus), see :mod:`osteoimmune.reference`."""

    name: str = Field(description="Perturbation name of the selected reference model")
    amount: float | None = Field(None, ge=0, description="In the perturbation's unit; omit for the published value")
    start_day: float = Field(0.0, ge=0)
    end_day: float | None = Field(None, gt=0, description="End of an infusion / last repeat of a bolus (default: end of run)")
    every_days: float | None = Field(None, gt=0, description="Repeat a bolus every this many days")


#: fields that describe the full model's patient and site; a reference model accepts only their defaults
_MAIN_MODEL_FIELDS = ("patient", "injury", "exposures", "interventions", "hypotheses", "initial_state")


class Scenario(_Strict):
    """A validated scenario (schema version 1)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    model: str = Field(MAIN_MODEL, description="'osteoimmune' (the full model) or a published reference model "
                                               "(see osteoimmune.reference)")
    name: str = "custom"
    description: str = ""
    base: str | None = Field(None, description="Built-in scenario this one extends (resolved on load)")
    patient: Patient = Field(default_factory=Patient)
    injury: Injury = Field(default_factory=Injury)
    exposures: Exposures = Field(default_factory=Exposures)
    interventions: list[Intervention] = Field(default_factory=list)
    days: float = Field(180.0, gt=0, le=36500)
    output_interval_days: float = Field(0.5, gt=0)
    initial_state: Literal["steady_state_patient", "steady_state_healthy"] = Field(
        "steady_state_patient",
        description="Start from the patient's own steady state, or from a healthy steady state of the same age "
                    "(disease conditions then start at day 0)")
    hypotheses: dict[str, str] = Field(default_factory=dict, description="Contested-mechanism choices: hypothesis id -> alternative")
    parameters: dict[str, float] = Field(default_factory=dict, description="Expert overrides of model parameters by id")
    perturbations: list[Perturbation] | None = Field(
        None, description="Reference models only: named experiments (omit for the model's published default)")

    @field_validator("model")
    @classmethod
    def _model(cls, v: str) -> str:
        allowed = model_names()
        if v not in allowed:
            raise ValueError(f"unknown model {v!r}; allowed: {', '.join(allowed)}")
        return v

    @field_validator(*_MAIN_MODEL_FIELDS)
    @classmethod
    def _main_model_only(cls, v, info: ValidationInfo):
        model = info.data.get("model", MAIN_MODEL)
        if model != MAIN_MODEL and v != cls.model_fields[info.field_name].get_default(call_default_factory=True):
            raise ValueError(f"not used by reference model {model!r}; remove it (a reference run takes model, "
                             "parameters, perturbations, days and output_interval_days)")
        return v

    @field_validator("perturbations")
    @classmethod
    def _perturbations(cls, v, info: ValidationInfo):
        model = info.data.get("model")
        if model is None or not v:  # model invalid (reported there) or nothing to check
            return v
        if model == MAIN_MODEL:
            raise ValueError("perturbations are only used by reference models (model: "
                             f"{', '.join(model_names()[1:])}); use interventions for the full model")
        from ..reference import Dose, get
        from ..reference.base import check_doses

        issues = check_doses(get(model), [Dose(**p.model_dump()) for p in v], info.data.get("days", float("inf")))
        if issues:
            raise ValueError("; ".join(str(i) for i in issues))
        return v

    @model_validator(mode="after")
    def _windows(self) -> "Scenario":
        for i, iv in enumerate(self.interventions):
            if iv.start_day >= self.days:
                raise ValueError(f"interventions.{i}.start_day ({iv.start_day}) must be before the end of the run (days = {self.days})")
        if self.output_interval_days > self.days:
            raise ValueError("output_interval_days must not exceed days")
        return self
