"""Sampling is reproducible and independent of chunking; marginals, truncation and correlations are honoured."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from osteoimmune.cohort import sample_chunk, sample_patients, scenarios_for, validate_cohort


def _all_chunks(spec) -> pd.DataFrame:
    return pd.concat([sample_chunk(spec, i) for i in range(spec.n_chunks)], ignore_index=True)


def test_chunk_size_never_changes_the_patients(small_raw):
    small_raw.update(size=2100, covariates={**small_raw["covariates"], "diabetes": {"dist": "bernoulli", "p": 0.3}},
                     correlations=[{"between": ["age_years", "diabetes"], "rho": 0.5}])
    a = _all_chunks(validate_cohort({**small_raw, "chunk_size": 7}))
    b = _all_chunks(validate_cohort({**small_raw, "chunk_size": 50}))
    pd.testing.assert_frame_equal(a, b)
    assert a["patient"].tolist() == list(range(2100))
    # a larger cohort starts with the same patients; another seed gives other patients
    c = sample_patients(validate_cohort({**small_raw, "size": 5000}), 0, 2100)
    pd.testing.assert_frame_equal(a, c)
    d = sample_patients(validate_cohort({**small_raw, "seed": 8}), 0, 2100)
    assert not np.allclose(a["age_years"], d["age_years"])


def test_a_chunk_far_into_a_huge_cohort_is_sampled_alone(small_raw):
    spec = validate_cohort({**small_raw, "size": 10**9, "chunk_size": 1000})
    last = sample_chunk(spec, spec.n_chunks - 1)
    assert last["patient"].iloc[0] == 10**9 - 1000 and len(last) == 1000


def test_marginals_truncation_and_copula_correlation(small_raw):
    small_raw.update(size=20000, chunk_size=20000)
    small_raw["covariates"]["injury_severity"] = {"dist": "categorical", "values": ["simple", "moderate", "severe"],
                                                  "p": [0.2, 0.5, 0.3]}
    small_raw["covariates"]["muscle_damage"] = {"dist": "normal", "mean": 0.1, "sd": 0.3}  # truncated to [0, 1]
    small_raw["correlations"] = [{"between": ["age_years", "k_diff"], "rho": 0.6}]
    spec = validate_cohort(small_raw)
    df = sample_chunk(spec, 0)
    assert df["age_years"].between(20, 90).all() and abs(df["age_years"].mean() - 55) < 1.0
    assert df["gap_mm"].between(0.3, 4.0).all()
    assert df["muscle_damage"].between(0, 1).all() and (df["muscle_damage"] == 0).mean() < 0.01
    share = df["injury_severity"].value_counts(normalize=True)
    assert share["moderate"] == pytest.approx(0.5, abs=0.015) and share["simple"] == pytest.approx(0.2, abs=0.015)
    k = df["param.k_diff"]
    median = spec.parameters["k_diff"].median
    assert np.median(k) == pytest.approx(median, rel=0.01)
    assert np.std(np.log(k)) == pytest.approx(math.sqrt(math.log1p(0.2**2)), rel=0.03)
    # Gaussian copula: the normal scores of age (uniform marginal) and log k (lognormal) correlate at rho
    from scipy.special import ndtri

    z_age = ndtri((df["age_years"] - 20) / 70)
    assert np.corrcoef(z_age, np.log(k))[0, 1] == pytest.approx(0.6, abs=0.02)


def test_scenarios_carry_covariates_and_parameter_overrides(small_raw):
    small_raw["covariates"]["menopause_age_years"] = {"dist": "normal", "mean": 51, "sd": 4}
    small_raw["covariates"]["diabetes"] = {"dist": "bernoulli", "p": 0.5}
    small_raw["size"] = 40
    spec = validate_cohort(small_raw)
    cov = sample_patients(spec, 0, 40)
    scs = scenarios_for(spec, cov)
    assert len(scs) == 40 and scs[3].name == "small-patient-3"
    for row, sc in zip(cov.to_dict("records"), scs):
        assert sc.patient.age_years == row["age_years"] and sc.injury.size_mm == row["gap_mm"]
        assert sc.parameters["k_diff"] == row["param.k_diff"]
        assert ("diabetes" in sc.patient.comorbidities) == row["diabetes"]
        assert sc.patient.estrogen_status == row["estrogen_status"]
        if row["sex"] == "male":
            assert sc.patient.estrogen_status == "male_normal"
        else:
            expected = "postmenopausal" if row["age_years"] >= row["menopause_age_years"] else "premenopausal"
            assert sc.patient.estrogen_status == expected
        assert sc.days == 30
