"""COMBINE archive (valid under libcombine/libsedml, executed by the SED-ML runner in libroadrunner) and PEtab
problem (loaded and linted by petab.v1; its conditions mean what the scenarios mean)."""

from __future__ import annotations

import libcombine
import libsedml
import numpy as np
import pytest

pytest.importorskip("roadrunner")
pytest.importorskip("petab")

import osteoimmune as oi  # noqa: E402
from osteoimmune.api import prepare  # noqa: E402
from osteoimmune.errors import ScenarioError  # noqa: E402
from osteoimmune.interchange.omex import KISAO_CVODE, execute_omex, export_omex, validate_sedml  # noqa: E402
from osteoimmune.interchange.petab_problem import check_petab, export_petab  # noqa: E402
from osteoimmune.interchange.verify import roadrunner_timecourse  # noqa: E402
from osteoimmune.solve.integrate import SolverOptions, simulate_compiled  # noqa: E402


def test_omex_is_valid_and_its_sedml_task_reproduces_osteoimmune(tmp_path):
    run = prepare(oi.load_scenario("fracture-healing", ["days=60", "output_interval_days=0.5"]))
    path = export_omex(run, tmp_path / "run.omex")
    archive = libcombine.CombineArchive()
    assert archive.initializeFromArchive(str(path))
    formats = {archive.getEntry(i).getLocation(): archive.getEntry(i).getFormat() for i in range(archive.getNumEntries())}
    assert formats == {"./model.xml": libcombine.KnownFormats.lookupFormat("sbml"),
                       "./simulation.sedml": libcombine.KnownFormats.lookupFormat("sedml")}
    assert archive.getMasterFile().getLocation() == "./simulation.sedml"
    text = archive.extractEntryToString("./simulation.sedml")
    archive.cleanUp()
    assert validate_sedml(text) == []
    sed = libsedml.readSedMLFromString(text)
    assert (sed.getLevel(), sed.getVersion()) == (1, 4)
    sim = sed.getSimulation("time_course")
    assert sim.getTypeCode() == libsedml.SEDML_SIMULATION_UNIFORMTIMECOURSE
    assert (sim.getOutputEndTime(), sim.getNumberOfSteps()) == (60.0, 120)
    assert sim.getAlgorithm().getKisaoID() == KISAO_CVODE

    data = execute_omex(path)
    np.testing.assert_allclose(data["time"], np.linspace(0, 60, 121))
    ours = simulate_compiled(run.compiled, run.y0, run.parameters, run.schedule, data["time"],
                             SolverOptions(rtol=1e-10, atol_scale=1e-18))
    for s in run.compiled.species_ids:
        err = np.abs(ours[s] - data[s]) / (1e-4 * np.abs(data[s]) + 1e-9)
        assert err.max() <= 1.0, (s, err.max())


def test_petab_problem_loads_lints_and_its_conditions_match_the_scenarios(tmp_path):
    run = prepare(oi.load_scenario("fracture-healing"))
    res = export_petab(run, tmp_path / "petab", conditions={"fracture_1mm": {}, "defect_5mm": {"gap_mm": 5.0}}, seed=3)
    problem, has_errors = check_petab(res.yaml)
    assert not has_errors
    assert set(problem.condition_df.index) == {"fracture_1mm", "defect_5mm"}
    assert list(problem.x_ids) == list(res.estimated) and len(res.estimated) == 7
    m = problem.measurement_df
    assert len(m) == res.n_measurements == 2 * 4 * 14
    assert set(m["observableId"]) == {"obs_bone_fraction", "obs_m1_macrophage", "obs_m2_macrophage", "obs_cartilage"}
    # the defect condition (gap_mm = 5 at t = 0 on the exported model) is the critical-size scenario
    text = (tmp_path / "petab" / "model.xml").read_text()
    times = np.array([0.0, 28.0, 56.0, 180.0])
    defect = text.replace('id="gap_mm" value="1"', 'id="gap_mm" value="5"')
    assert defect != text
    rr = roadrunner_timecourse(defect, ["woven_bone", "lamellar_bone"], times)
    ref = oi.simulate(oi.load_scenario("critical-size-defect"), SolverOptions(rtol=1e-10, atol_scale=1e-18))
    for j, s in enumerate(["woven_bone", "lamellar_bone"]):
        expected = np.interp(times, ref.time, ref[s])
        np.testing.assert_allclose(rr[:, j], expected, rtol=1e-4, atol=1e-9)
    # synthetic data: noise of the stated size around the model (|z| of 112 normal draws stays below 5)
    d = m[(m["observableId"] == "obs_bone_fraction") & (m["simulationConditionId"] == "fracture_1mm")]
    truth = np.interp(d["time"], ref.time, oi.simulate(oi.load_scenario("fracture-healing"))["bone_fraction"])
    z = (d["measurement"].to_numpy() - truth) / d["noiseParameters"].to_numpy()
    assert np.all(np.abs(z) < 5) and np.std(z) > 0.2


def test_petab_from_csv_and_bad_input(tmp_path):
    run = prepare(oi.load_scenario("fracture-healing"))
    csv = tmp_path / "data.csv"
    csv.write_text("observableId,simulationConditionId,time,measurement,noiseParameters\n"
                   "obs_bone_fraction,fracture_healing,28,0.41,0.05\nobs_bone_fraction,fracture_healing,56,0.7,0.05\n")
    res = export_petab(run, tmp_path / "p", observables=["bone_fraction"], data=csv)
    assert not res.synthetic and res.n_measurements == 2
    assert not check_petab(res.yaml)[1]
    bad = tmp_path / "bad.csv"
    bad.write_text("observableId,simulationConditionId,time,measurement\nobs_nope,elsewhere,1,x\n")
    with pytest.raises(ScenarioError) as exc:
        export_petab(run, tmp_path / "q", observables=["bone_fraction"], data=bad)
    assert "observableId" in str(exc.value) and "simulationConditionId" in str(exc.value)
    with pytest.raises(ScenarioError, match="not a model parameter"):
        export_petab(run, tmp_path / "r", conditions={"c1": {"no_such_parameter": 1.0}})
    assert not (tmp_path / "q").exists() and not (tmp_path / "r").exists()
