"""Spatial scenarios through `osteoimmune run`: outputs, validation errors and exit statuses; JAX backend."""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from osteoimmune.cli.main import main as cli
from osteoimmune.errors import ScenarioError
from osteoimmune.spatial.scenario import builtin_names, is_spatial, load_spatial_scenario

TINY = {
    "schema_version": 1, "name": "tiny-defect", "base": "rat-femur-2mm", "days": 1, "output_interval_days": 0.5,
    "spatial": {"geometry": {"gap_mm": 1.0, "resolution_mm": 0.5, "diameter_mm": 3.0, "cortical_thickness_mm": 0.5,
                             "periosteum_thickness_mm": 0.5, "soft_tissue_mm": 0.5, "bone_end_mm": 0.5},
                "numerics": {"dt_days": 0.5}},
}


def test_builtins_load_and_are_recognised_as_spatial():
    names = builtin_names()
    assert {"rat-femur-2mm", "rat-femur-5mm", "rat-femur-5mm-bmp2-scaffold", "rat-femur-5mm-bmsc-scaffold"} <= set(names)
    for n in names:
        sc = load_spatial_scenario(n)
        assert sc.days == 84 and sc.spatial.geometry.kind == "segmental_defect"
        assert is_spatial(n)
    assert not is_spatial("fracture-healing")


@pytest.mark.parametrize("override, field", [
    ("injury.size_mm=3", "injury.size_mm"),
    ("spatial.transport.mu_bmsc=5.0", "spatial.transport.mu_bmsc"),
    ("spatial.transport.mu_bmcs=0.001", "spatial.transport.mu_bmcs"),
    ("spatial.numerics.backend=cuda", "numpy, jax"),
    ("spatial.geometry.resolution_mm=1.0", "resolution_mm"),
    ("spatial.numerics.threads=0", "spatial.numerics.threads"),
    ("spatial.numerics.jacobian_reuse=-1", "spatial.numerics.jacobian_reuse"),
    ("spatial.numerics.quiescent_skip=2.5", "spatial.numerics.quiescent_skip"),
    ("spatial.output.fields=[bone_fraction, bone_fractoin]", "bone_fractoin"),
])
def test_bad_spatial_input_names_the_field(override, field):
    with pytest.raises(ScenarioError) as exc:
        load_spatial_scenario("rat-femur-5mm", [override])
    assert field in str(exc.value) + " ".join(f"{i.location} {i.message}" for i in exc.value.issues)


def test_memory_across_steps_is_refused_for_the_jax_backend():
    with pytest.raises(ScenarioError, match="jacobian_reuse > 0 needs backend numpy"):
        load_spatial_scenario("rat-femur-5mm", ["spatial.numerics.backend=jax", "spatial.numerics.jacobian_reuse=4"])
    load_spatial_scenario("rat-femur-5mm", ["spatial.numerics.backend=jax", "spatial.numerics.jacobian_reuse=0"])


def test_scaffold_route_without_a_scaffold_is_rejected():
    with pytest.raises(ScenarioError, match="scaffold"):
        load_spatial_scenario("rat-femur-5mm", ["interventions=[{agent: bmp2, dose: 1, unit: ng/mL/day, route: scaffold}]"])


def test_osteoimmune_run_writes_a_spatial_output_directory(tmp_path):
    f = tmp_path / "tiny.yaml"
    f.write_text(yaml.safe_dump(TINY))
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["run", str(f), "--out", str(out), "--no-figure"])
    assert r.exit_code == 0, r.output
    assert "bridging" in r.output
    names = {p.name for p in out.iterdir()}
    assert {"fields.nc", "outcomes.json", "defect_timecourse.csv", "provenance.json"} <= names
    import xarray as xr

    prov = json.loads((out / "provenance.json").read_text())
    assert prov["fields_nc_format"] == "NETCDF4"
    assert prov["backend"] == "numpy" and prov["reaction_kernel"] == "fused"  # which reaction kernel ran
    with xr.open_dataset(out / "fields.nc", engine="h5netcdf") as ds:
        assert ds["bone_fraction"].dims == ("time", "x", "y")
        assert ds["bone_fraction"].encoding["chunksizes"] == (1,) + ds["bone_fraction"].shape[1:]
        assert ds.sizes["time"] == 3
        assert np.all(np.isfinite(ds["bone_fraction"].values))
    o = json.loads((out / "outcomes.json").read_text())
    assert o["bridged"] in (True, False) and o["gap_mm"] == 1.0
    assert prov["transport_parameters"]["mu_bmsc"]["source"].startswith("derived")
    assert not list(tmp_path.glob(".out.*"))  # no temporary or checkpoint left behind
    again = CliRunner().invoke(cli, ["run", str(f), "--out", str(out), "--no-figure"])
    assert again.exit_code == 2


def test_osteoimmune_run_rejects_a_bad_spatial_file_with_status_2(tmp_path):
    bad = dict(TINY, spatial={"geometry": {"gap_mm": -1}})
    f = tmp_path / "bad.yaml"
    f.write_text(yaml.safe_dump(bad))
    r = CliRunner().invoke(cli, ["run", str(f), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert "gap_mm" in r.output
    assert not (tmp_path / "o").exists()


def _reaction_inputs(build_cached):
    b = build_cached("rat-femur-5mm", "injury.kind=fracture", "injury.size_mm=1.0", "spatial.geometry.kind=box",
                     "spatial.geometry.box_cells=[2, 1]", "days=1", "output_interval_days=0.5")
    p = b.problem
    y = p.y0.copy()
    from osteoimmune.spatial.solver import _apply_jump

    index = {s: i for i, s in enumerate(p.species_ids)}
    for j in p.jumps:
        _apply_jump(y, j, index)
    scales = np.array([p.declaration.species[s].scale for s in p.species_ids])[:, None]
    return p, y, p.parameter_list(p.segments[0]), scales


def test_jax_array_code_matches_numpy(build_cached):
    """The JAX backend runs the same generated array code: right-hand side and Jacobian agree (eager, on CPU)."""
    jnp = pytest.importorskip("jax.numpy")
    import jax

    jax.config.update("jax_enable_x64", True)
    from osteoimmune.solve.batched_codegen import build_array_model

    p, y, params, scales = _reaction_inputs(build_cached)
    mn, mj = build_array_model(p.declaration, np), build_array_model(p.declaration, jnp)
    pj = tuple(jnp.asarray(v) for v in params)
    np.testing.assert_allclose(np.asarray(mj.rhs(0.0, jnp.asarray(y), pj)), mn.rhs(0.0, y, params), rtol=1e-10,
                               atol=1e-12 * scales.max())
    np.testing.assert_allclose(np.asarray(mj.jac_values(0.0, jnp.asarray(y), pj)), mn.jac_values(0.0, y, params),
                               rtol=1e-10, atol=1e-12)
