"""`osteoimmune run`: the files it writes and what they contain."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import osteoimmune as oi
from osteoimmune.outcomes import METRICS


EXPECTED_FILES = {"timecourse.csv", "timecourse.nc", "outcomes.json", "provenance.json", "summary.png"}


def test_run_writes_every_output_file(run_dir):
    assert {p.name for p in run_dir.iterdir()} == EXPECTED_FILES
    assert not [p for p in run_dir.parent.iterdir() if p.name.startswith(".")]  # no temporary leftovers
    assert (run_dir / "summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timecourse_csv_columns_and_span(run_dir):
    model = oi.build_model()
    df = pd.read_csv(run_dir / "timecourse.csv")
    assert list(df.columns) == ["time_days", *model.species, *model.assignments]
    assert df["time_days"].iloc[0] == 0.0 and df["time_days"].iloc[-1] == 60.0
    assert np.all(np.diff(df["time_days"]) > 0)
    assert df["bone_fraction"].between(0.0, 1.0).all()
    assert np.isfinite(df.to_numpy()).all()


def test_netcdf_holds_exactly_the_csv_values(run_dir):
    import xarray as xr

    df = pd.read_csv(run_dir / "timecourse.csv")
    with xr.open_dataset(run_dir / "timecourse.nc", engine="scipy") as ds:
        assert np.array_equal(ds["time"].values, df["time_days"].to_numpy())
        for name in ("bone_fraction", "m1_macrophage", "tnf_alpha", "rankl", "osteoclast"):
            assert np.array_equal(ds[name].values, df[name].to_numpy()), name  # full precision in both
        assert ds["m1_macrophage"].attrs["units"] == "cell/mL"
        assert ds.attrs["status"] == "success"


def test_outcomes_json_matches_recomputed_outcomes(run_dir):
    outcomes = json.loads((run_dir / "outcomes.json").read_text())
    assert list(outcomes) == list(METRICS)
    assert isinstance(outcomes["union"], bool)
    assert outcomes["bone_fraction_day_56"] is not None  # 60-day run covers day 56
    df = pd.read_csv(run_dir / "timecourse.csv")
    assert outcomes["bone_fraction_final"] == df["bone_fraction"].iloc[-1]


def test_provenance_records_versions_scenario_parameters_and_solver(run_dir):
    prov = json.loads((run_dir / "provenance.json").read_text())
    assert prov["version"] == oi.__version__
    assert {"python", "numpy", "scipy"} <= set(prov["environment"])
    assert prov["created_utc"].endswith("+00:00")
    assert prov["scenario"]["days"] == 60  # the resolved scenario, overrides applied
    assert prov["scenario"]["name"] == "fracture-healing"
    model = oi.build_model()
    assert set(prov["parameters"]) == set(model.parameters)
    for pid, entry in prov["parameters"].items():
        assert {"value", "unit", "source", "default"} <= set(entry), pid
    assert prov["solver"]["status"] == "success"
    assert prov["solver"]["stats"]["n_steps"] > 0
    assert prov["model_digest"]
    assert set(prov["files"]) == EXPECTED_FILES - {"provenance.json"}
    assert prov["extra"]["overrides"] == ["days=60"]


def test_run_prints_a_short_summary(run_dir, invoke, tmp_path):
    result = invoke("run", "fracture-healing", "--out", tmp_path / "o", "--set", "days=60")
    assert result.exit_code == 0
    out = result.stdout
    for word in ("union", "bone", "M1 peak", "crossover", "wrote"):
        assert word in out
    assert len(out.splitlines()) <= 10


def test_set_overrides_reach_the_simulation(invoke, tmp_path):
    out = tmp_path / "aged"
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=20",
                    "--set", "patient.age_years=70", "--set", "output_interval_days=2")
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out / "timecourse.csv")
    assert df["time_days"].tolist() == list(np.arange(0.0, 21.0, 2.0))
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["scenario"]["patient"]["age_years"] == 70


@pytest.mark.parametrize("method", ["bdf", "radau"])
def test_method_and_rtol_options(invoke, tmp_path, method):
    out = tmp_path / method
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=10",
                    "--method", method, "--rtol", "1e-6", "--no-figure")
    assert result.exit_code == 0, result.output
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["solver"]["stats"]["method"] == method
    assert prov["solver"]["stats"]["rtol"] == 1e-6
    assert not (out / "summary.png").exists()


def test_methods_offered_are_the_solver_methods():
    from osteoimmune.cli.commands.run import METHODS

    assert METHODS
    for m in METHODS:
        assert oi.SolverOptions(method=m).method == m


def test_run_a_scenario_file(invoke, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "schema_version: 1\nname: mine\ninjury: {kind: fracture, size_mm: 1.0}\ndays: 14\noutput_interval_days: 1\n"
    )
    out = tmp_path / "mine-out"
    result = invoke("run", path, "--out", out)
    assert result.exit_code == 0, result.output
    assert json.loads((out / "provenance.json").read_text())["scenario"]["name"] == "mine"


def test_existing_non_empty_out_is_refused_then_replaced_with_force(invoke, tmp_path):
    out = tmp_path / "existing"
    out.mkdir()
    (out / "old.txt").write_text("keep me")
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=5")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert [p.name for p in out.iterdir()] == ["old.txt"]

    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=5", "--force")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]  # old copy and temp dir removed


def test_empty_existing_out_is_used_without_force(invoke, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=5", "--no-figure")
    assert result.exit_code == 0, result.output
    assert (out / "timecourse.csv").exists()


def test_out_parents_are_created(invoke, tmp_path):
    out = tmp_path / "a" / "b" / "c"
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=5", "--no-figure")
    assert result.exit_code == 0, result.output
    assert (out / "outcomes.json").exists()
