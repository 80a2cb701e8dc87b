"""Cohort specifications: built-ins load, and every problem is reported with its field and what is allowed."""

from __future__ import annotations

import pytest

from osteoimmune.cohort import CohortError, builtin_cohorts, load_cohort, validate_cohort
from osteoimmune.errors import UnknownNameError
from osteoimmune.model.build import build_model


def test_builtin_cohorts_load_and_resolve_their_base():
    assert {"young-fracture", "aged-fracture", "scaffold-benefit"} <= set(builtin_cohorts())
    young = load_cohort("young-fracture")
    assert young.resolved_base["injury"]["kind"] == "fracture"
    assert young.n_chunks == -(-young.size // young.chunk_size)
    # a parameter's lognormal is centred on the model's calibrated value, truncated to its declared bounds
    k = build_model().parameters["k_diff"]
    assert young.parameters["k_diff"].median == k.value
    scaffold = load_cohort("scaffold-benefit")
    assert scaffold.resolved_base["interventions"][0]["agent"] == "scaffold"
    with pytest.raises(UnknownNameError, match="young-fracture"):
        load_cohort("no-such-cohort")


def _problems(raw) -> dict[str, str]:
    with pytest.raises(CohortError) as info:
        validate_cohort(raw)
    return {i.location: i.message for i in info.value.issues}


def test_errors_name_the_field_and_the_allowed_values(small_raw):
    raw = small_raw
    raw["covariates"]["smoking"] = {"dist": "bernoulli", "p": 0.2}
    raw["covariates"]["sex"] = {"dist": "categorical", "values": ["female", "other"]}
    raw["covariates"]["injury_severity"] = {"dist": "uniform", "low": 0, "high": 1}
    raw["covariates"]["age_years"] = {"dist": "uniform", "low": 20, "high": 130}
    raw["parameters"]["k_nonexistent"] = {"dist": "lognormal", "cv": 0.1}
    raw["correlations"] = [{"between": ["age_years", "height"], "rho": 0.3}]
    raw["subgroups"].append({"name": "gap", "by": "gap_mm"})
    p = _problems(raw)
    assert "allowed: age_years, sex" in p["covariates.smoking"]
    assert "['other'] not allowed" in p["covariates.sex.values"] and "female, male" in p["covariates.sex.values"]
    assert "categorical" in p["covariates.injury_severity.dist"]
    assert "[0, 110]" in p["covariates.age_years"]
    assert "unknown model parameter" in p["parameters.k_nonexistent"]
    assert "['height']" in p["correlations.0.between"]
    assert "bin edges" in p["subgroups.2.bins"]


def test_schema_errors_are_reported_all_at_once(small_raw):
    raw = small_raw
    raw["size"] = 0
    raw["covariates"]["age_years"] = {"dist": "gamma", "shape": 2}
    raw["covariates"]["gap_mm"] = {"dist": "normal", "mean": 1}
    raw["colour"] = "blue"
    p = _problems(raw)
    assert "greater than or equal to 1" in p["size"]
    assert "allowed: constant, uniform, normal, lognormal, categorical, bernoulli" in p["covariates.age_years"]
    assert any(k.startswith("covariates.gap_mm.normal.sd") for k in p)
    assert p["colour"].startswith("unknown key")


def test_inconsistent_correlations_and_bad_base(small_raw):
    raw = small_raw
    raw["covariates"]["menopause_age_years"] = {"dist": "normal", "mean": 51, "sd": 4}
    raw["correlations"] = [
        {"between": ["age_years", "gap_mm"], "rho": 0.95},
        {"between": ["gap_mm", "k_diff"], "rho": 0.95},
        {"between": ["age_years", "k_diff"], "rho": -0.95},
    ]
    p = _problems(raw)
    assert "not positive definite" in p["correlations"]
    raw["correlations"] = []
    raw["base"] = "no-such-scenario"
    raw["set"] = []
    assert "unknown scenario 'no-such-scenario'" in _problems(raw)["base"]


def test_file_base_is_relative_to_the_cohort_file(tmp_path, small_raw, write_spec):
    (tmp_path / "my-scenario.yaml").write_text("schema_version: 1\nbase: fracture-healing\ndays: 20\n")
    small_raw["base"] = "my-scenario.yaml"
    small_raw["set"] = []
    spec = load_cohort(write_spec(small_raw))
    assert spec.resolved_base["days"] == 20
    assert load_cohort(write_spec(small_raw), {"size": 40, "set": ["days=25"]}).resolved_base["days"] == 25
