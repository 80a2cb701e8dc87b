"""Scenario files: built-ins, inheritance, overrides and validation errors."""

from __future__ import annotations

import pytest

import osteoimmune as oi
from osteoimmune.errors import ScenarioError, UnknownNameError
from osteoimmune.scenario import to_solver_inputs

REQUIRED = {"homeostasis", "fracture-healing", "fracture-healing-aged", "critical-size-defect", "postmenopausal-osteoporosis",
            "rheumatoid-arthritis", "periprosthetic-osteolysis", "infected-defect", "iron-overload"}


def test_required_builtins_exist_and_validate():
    names = {n for n, _ in oi.list_scenarios()}
    assert REQUIRED <= names
    for n in names:
        sc = oi.load_scenario(n)
        assert sc.schema_version == 1 and sc.days > 0


def test_base_inheritance_and_overrides():
    sc = oi.load_scenario("fracture-healing-aged", ["injury.size_mm=2", "days=30"])
    assert sc.patient.age_years == 75 and sc.injury.kind == "fracture" and sc.injury.size_mm == 2 and sc.days == 30


def test_unknown_builtin_lists_alternatives():
    with pytest.raises(UnknownNameError, match="fracture-healing"):
        oi.load_scenario("fracture-heeling")


def test_all_problems_reported_at_once(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("""
schema_version: 1
patient: {age_years: -3, favourite_colour: blue}
injury: {kind: fracture, size_mm: 2}
interventions:
  - {agent: il4, dose: -1, unit: ng/mL/day, start_day: 3, duration_days: 7}
  - {agent: il4, dose: 1, unit: mg, start_day: 3, duration_days: 7}
  - {agent: nsaid, dose: 0.5, unit: fraction, start_day: 5, duration_days: -2}
  - {agent: unobtainium, dose: 1, unit: mg}
days: 100
""")
    issues = oi.check_scenario(f)
    locs = " | ".join(f"{i.location}: {i.message}" for i in issues)
    assert len(issues) >= 6, locs
    assert "patient.age_years" in locs and "favourite_colour" in locs
    assert "interventions.0.dose" in locs
    assert "ng/mL/day" in locs  # wrong unit names the allowed ones
    assert "interventions.2.duration_days" in locs
    assert "unobtainium" in locs and "nsaid" in locs  # unknown agent lists allowed agents


def test_start_after_end_of_run_is_rejected():
    with pytest.raises(ScenarioError, match="start_day"):
        oi.load_scenario("fracture-healing", ["days=10", "interventions=[{agent: il4, dose: 1, unit: ng/mL/day, start_day: 20}]"])


def test_unknown_set_path_names_allowed_keys():
    with pytest.raises(ScenarioError, match="allowed"):
        oi.load_scenario("fracture-healing", ["patent.age_years=70"])
    with pytest.raises(ScenarioError, match="parameters.not_a_parameter"):
        oi.load_scenario("fracture-healing", ["parameters.not_a_parameter=1"])


def test_interventions_become_piecewise_inputs():
    sc = oi.load_scenario("fracture-healing", [
        "interventions=[{agent: ifn_gamma, dose: 2, unit: ng/mL/day, start_day: 0, duration_days: 3},"
        " {agent: il4, dose: 1, unit: ug/mL/day, start_day: 3, duration_days: 4}]"])
    inp = to_solver_inputs(sc)
    assert inp.parameters["ifn_delivery"] == 2.0 and inp.parameters["il4_delivery"] == 0.0
    seg = {s.start: dict(s.parameters) for s in inp.schedule.segments}
    assert seg[3.0]["il4_delivery"] == 1000.0 and seg[3.0]["ifn_delivery"] == 0.0
    assert seg[7.0]["il4_delivery"] == 0.0


def test_exponential_release_preserves_total_dose():
    sc = oi.load_scenario("fracture-healing", [
        "interventions=[{agent: bmp2, dose: 10, unit: ng/mL/day, start_day: 0, duration_days: 30, release: {profile: exponential, half_life_days: 3}}]"])
    inp = to_solver_inputs(sc)
    import math
    total = inp.parameters["bmp2_delivery"] * 1.0 + sum(
        s.parameters.get("bmp2_delivery", 0.0) * (s.end - s.start) for s in inp.schedule.segments if s.start > 0)
    lam = math.log(2) / 3
    assert total == pytest.approx(10 * (1 - math.exp(-lam * 30)) / lam, rel=1e-9)
