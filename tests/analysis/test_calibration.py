"""Calibration recovers known parameters from synthetic noisy data (profile-likelihood and bootstrap CIs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from osteoimmune import load_scenario
from osteoimmune.analysis.calibration import (CalibrationProblem, calibrate, check_data, read_csv_data,
                                              read_petab_data, synthetic_data)
from osteoimmune.analysis.space import AnalysisError, build_space, declaration_of
from osteoimmune.engine import Engine
from osteoimmune.solve.integrate import SolverOptions

OPTS = SolverOptions(rtol=1e-8)
TRUE = np.array([0.189 * 1.3, 0.7 * 0.8])  # k_B, D_A of Lemaire 2004 moved away from the published values


@pytest.fixture(scope="module")
def lemaire_problem():
    sc = load_scenario("lemaire2004")
    space = build_space(declaration_of(sc.model), {"k_B": {"factor": 4}, "D_A": {"factor": 4}})
    data = synthetic_data(sc, space, TRUE, np.arange(10, 160, 10), ["osteoblast", "osteoclast"], rel_sigma=0.05,
                          seed=1, options=OPTS)
    return sc, space, data


def test_profile_likelihood_recovers_the_true_parameters(lemaire_problem):
    sc, space, data = lemaire_problem
    prob = CalibrationProblem.build(sc, space, data, options=OPTS)
    with Engine("serial") as engine:
        res = calibrate(prob, n_starts=2, seed=0, ci="profile", engine=engine)
    t = res.table().set_index("parameter")
    for name, truth in zip(space.names, TRUE):
        row = t.loc[name]
        assert row["ci_low"] <= row["estimate"] <= row["ci_high"]
        assert row["ci_low"] <= truth <= row["ci_high"], (name, truth, row.to_dict())
        assert row["ci_low_identified"] and row["ci_high_identified"]
        # the data determine the parameter well: the CI is much narrower than the searched range (×/÷ 4)
        assert row["ci_high"] / row["ci_low"] < 1.5
    # both starts (from far apart) reach the same optimum; chi2 is of the order of the number of data points
    chi2 = res.starts_table()["chi2"]
    assert chi2.max() - chi2.min() < 1e-3
    assert 0.3 * len(data) < res.chi2_min < 2.5 * len(data)


def test_bootstrap_intervals_contain_the_truth(lemaire_problem):
    sc, space, data = lemaire_problem
    prob = CalibrationProblem.build(sc, space, data, options=OPTS)
    res = calibrate(prob, n_starts=1, seed=3, ci="bootstrap", n_bootstrap=12, engine=Engine("serial"),
                    include_nominal=True)
    t = res.table().set_index("parameter")
    assert res.bootstrap is not None and res.bootstrap.shape == (12, 2)
    for name, truth in zip(space.names, TRUE):
        assert t.loc[name, "ci_low"] < t.loc[name, "estimate"] < t.loc[name, "ci_high"]
        assert t.loc[name, "ci_low"] / 1.05 <= truth <= t.loc[name, "ci_high"] * 1.05


def test_csv_and_petab_tables_read_into_the_same_data(tmp_path, lemaire_problem):
    _, _, data = lemaire_problem
    csv = tmp_path / "d.csv"
    data.to_csv(csv, index=False)
    pd.testing.assert_frame_equal(read_csv_data(csv), check_data(data))
    meas = pd.DataFrame({"observableId": ["obs_" + o for o in data["observable"]], "simulationConditionId": "c0",
                         "time": data["time"], "measurement": data["value"], "noiseParameters": data["sigma"]})
    obs = pd.DataFrame({"observableId": ["obs_osteoblast", "obs_osteoclast"],
                        "observableFormula": ["osteoblast", "osteoclast"],
                        "noiseFormula": ["noiseParameter1_obs_osteoblast", "noiseParameter1_obs_osteoclast"],
                        "noiseDistribution": ["normal", "normal"]})
    meas.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    obs.to_csv(tmp_path / "o.tsv", sep="\t", index=False)
    got = read_petab_data(tmp_path / "m.tsv", tmp_path / "o.tsv")
    pd.testing.assert_frame_equal(got, check_data(data))


def test_bad_data_and_observables_are_reported_with_their_field(lemaire_problem):
    sc, space, data = lemaire_problem
    with pytest.raises(AnalysisError, match="sigma"):
        check_data(data.assign(sigma=0.0))
    with pytest.raises(AnalysisError, match="missing column"):
        check_data(data.drop(columns="sigma"))
    with pytest.raises(AnalysisError, match="not a species or assignment"):
        CalibrationProblem.build(sc, space, data.assign(observable="bone_density"))
    with pytest.raises(AnalysisError, match="scenario runs"):
        CalibrationProblem.build(sc, space, data.assign(time=data["time"] + 500))


@pytest.mark.slow
def test_full_model_calibration_recovers_two_healing_parameters():
    sc = load_scenario("fracture-healing", ["days=60", "output_interval_days=0.5"])
    space = build_space(declaration_of(sc.model), {"k_bmsc_rec": {"factor": 3}, "d_tnf": {"factor": 3}})
    truth = np.array([6e4 * 1.4, 12.79 * 0.7])
    data = synthetic_data(sc, space, truth, [2, 5, 10, 20, 30, 40, 50, 60], ["bone_fraction", "tnf_alpha", "bmsc"],
                          rel_sigma=0.05, seed=4, options=OPTS)
    prob = CalibrationProblem.build(sc, space, data, options=OPTS)
    res = calibrate(prob, n_starts=3, seed=1, engine=Engine())
    t = res.table().set_index("parameter")
    for name, v in zip(space.names, truth):
        assert t.loc[name, "ci_low"] <= v <= t.loc[name, "ci_high"], (name, v, t.loc[name].to_dict())
