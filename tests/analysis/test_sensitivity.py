"""Sensitivity through the execution engine: analytic Ishigami indices, resume, convergence, a small model run."""

from __future__ import annotations

import numpy as np
import pytest

from osteoimmune.analysis.sensitivity import (SensitivitySpec, convergence_sizes, model_problem, run_sensitivity,
                                              sample)
from osteoimmune.analysis.space import AnalysisError, ParameterRange, ParameterSpace
from osteoimmune.analysis.testfunctions import Ishigami
from osteoimmune.engine import ChunkStore, Engine
from osteoimmune.model.build import build_model


def test_ishigami_sobol_indices_match_the_analytic_values_within_their_ci():
    f = Ishigami()
    with Engine("serial") as engine:
        res = run_sensitivity(f.space(), f, f.outcomes, "sobol", 2048, seed=11, engine=engine, chunk_size=4096)
    exact = f.analytic_indices()
    assert np.allclose(exact["S1"], [0.314, 0.442, 0.0], atol=1e-3)
    assert np.allclose(exact["ST"], [0.558, 0.442, 0.244], atol=1e-3)
    for index in ("S1", "ST"):
        t = res.indices[res.indices["index"] == index].set_index("parameter").loc[["x1", "x2", "x3"]]
        for (name, row), truth in zip(t.iterrows(), exact[index]):
            assert row["low"] <= truth <= row["high"], (index, name, row["value"], row["conf"], truth)
            assert row["conf"] < 0.1, (index, name, row["conf"])
    assert res.evaluations == 2048 * (3 + 2)


def test_ishigami_on_local_processes_equals_serial_and_a_rerun_resumes_from_the_store(tmp_path):
    f = Ishigami()
    store = ChunkStore(tmp_path / "chunks")
    with Engine("processes", n_workers=2) as engine:
        a = run_sensitivity(f.space(), f, f.outcomes, "morris", 40, seed=5, engine=engine, store=store, chunk_size=32)
    n_files = len(store)
    assert n_files == int(np.ceil(40 * 4 / 32))
    mtimes = {p: p.stat().st_mtime_ns for p in store.files()}
    with Engine("serial") as engine:
        b = run_sensitivity(f.space(), f, f.outcomes, "morris", 40, seed=5, engine=engine, store=store, chunk_size=32)
    assert len(store) == n_files and {p: p.stat().st_mtime_ns for p in store.files()} == mtimes
    np.testing.assert_array_equal(a.y, b.y)
    np.testing.assert_array_equal(a.y[:, 0], f(a.values)[:, 0])
    # x2 enters as a*sin^2: its elementary effects on the Morris grid are all equal in size
    ms = a.indices[a.indices["index"] == "mu_star"].set_index("parameter")["value"]
    assert ms.min() > 1.0


def test_convergence_table_has_indices_for_growing_prefixes():
    f = Ishigami()
    res = run_sensitivity(f.space(), f, f.outcomes, "sobol", 256, seed=2, engine=Engine("serial"), chunk_size=2048,
                          num_resamples=100)
    assert convergence_sizes("sobol", 256) == [8, 16, 32, 64, 128, 256]
    st1 = res.convergence[(res.convergence["index"] == "ST") & (res.convergence["parameter"] == "x1")]
    assert list(st1["n"]) == [8, 16, 32, 64, 128, 256]
    assert list(st1["evaluations"]) == [n * 5 for n in st1["n"]]
    # the CI narrows as N grows (the diagnostic the curves show)
    assert st1["conf"].iloc[-1] < st1["conf"].iloc[0]
    final = res.indices[(res.indices["index"] == "ST") & (res.indices["parameter"] == "x1")]["value"].item()
    assert st1["value"].iloc[-1] == pytest.approx(final, rel=1e-12)


def test_sobol_needs_a_power_of_two():
    space = ParameterSpace((ParameterRange("a", 1.0, 2.0, "lin"),))
    with pytest.raises(AnalysisError, match="power of two"):
        sample(space, "sobol", 100, 0)
    with pytest.raises(Exception, match="power of two"):
        SensitivitySpec(scenario="fracture-healing", parameters=["k01"], outcomes=["time_to_union_days"],
                        method="sobol", N=100)


def test_small_morris_run_of_the_full_model():
    spec = SensitivitySpec(scenario="fracture-healing", set=["days=60", "output_interval_days=0.5"],
                           parameters={"k_bmsc_rec": {"factor": 3}, "d_tnf": {}},
                           outcomes=["bone_fraction_day_56", "time_to_union_days"], method="morris", N=2, seed=1,
                           levels=4, num_resamples=50)
    space, ev = model_problem(spec)
    assert space.names == ["k_bmsc_rec", "d_tnf"]
    v = build_model().parameters["k_bmsc_rec"].value  # no declared bounds: value ÷/× factor, log scale
    assert space.ranges[0].low == pytest.approx(v / 3) and space.ranges[0].high == pytest.approx(v * 3)
    assert space.ranges[0].scale == "log"
    res = run_sensitivity(space, ev, ev.outcomes, "morris", spec.N, seed=spec.seed, engine=Engine("serial"),
                          chunk_size=3, levels=spec.levels, num_resamples=spec.num_resamples)
    assert res.y.shape == (6, 2) and np.isfinite(res.y).all()
    mu = res.indices[res.indices["index"] == "mu_star"].set_index(["outcome", "parameter"])["value"]
    # BMSC recruitment drives bone formation in the model: its effect on day-56 bone is not zero
    assert mu[("bone_fraction_day_56", "k_bmsc_rec")] > 1e-3
