"""The registry, the scenario field ``model`` and the command line for reference models."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import osteoimmune as oi
from osteoimmune import reference
from osteoimmune.api import prepare
from osteoimmune.cli.main import main
from osteoimmune.errors import ScenarioError, UnknownNameError
from osteoimmune.knowledge import load_knowledge
from osteoimmune.scenario.resolve import builtin_names

NAMES = ("komarova2003", "lemaire2004", "pivonka2008", "trejo2019", "peterson2010")


def test_registry_lists_the_five_models_with_citations():
    assert reference.names() == NAMES
    citations = load_knowledge().citations
    for name in NAMES:
        assert reference.get(name).citation in citations
    with pytest.raises(UnknownNameError, match="allowed: komarova2003"):
        reference.get("nope")


@pytest.mark.parametrize("name", [n for n in NAMES if n != "peterson2010"])
def test_every_parameter_has_a_unit_and_a_cited_source(name):
    citations = load_knowledge().citations
    for p in reference.declaration(name).parameters.values():
        assert p.unit and p.source.startswith("cite:"), p.id
        assert p.source.split()[0].removeprefix("cite:") in citations, p.source


def test_every_reference_model_has_a_builtin_scenario_that_prepares():
    builtins = builtin_names()
    for name in NAMES:
        mine = [b for b in builtins if b == name or b.startswith(f"{name}-")]
        assert mine, name
        for b in mine:
            sc = oi.load_scenario(b)
            assert sc.model == name
            if name != "peterson2010":  # the Peterson run is exercised in test_peterson2010.py
                run = prepare(sc)
                assert run.declaration.name == name and run.y0.shape == (run.compiled.n_species,)


def test_scenario_model_field_is_validated():
    with pytest.raises(ScenarioError, match="unknown model 'nope'; allowed: osteoimmune, komarova2003"):
        oi.load_scenario("komarova2003", ["model=nope"])
    with pytest.raises(ScenarioError, match="perturbations are only used by reference models"):
        oi.load_scenario("fracture-healing", ["perturbations=[{name: pth_infusion}]"])
    with pytest.raises(ScenarioError) as err:
        oi.load_scenario("lemaire2004", ["injury.kind=fracture", "perturbations.0.name=bogus"])
    text = str(err.value)
    assert "injury: not used by reference model 'lemaire2004'" in text
    assert "unknown perturbation 'bogus'" in text and "allowed: opg_infusion" in text
    with pytest.raises(ScenarioError, match="unknown parameter of reference model 'lemaire2004'"):
        oi.load_scenario("lemaire2004", ["parameters.D_OBu=1"])
    with pytest.raises(ScenarioError, match="end_day"):
        oi.load_scenario("lemaire2004", ["perturbations.0.end_day=10"])


def test_reference_run_through_the_public_api_matches_the_registry_run():
    sc = oi.load_scenario("pivonka2008", ["days=120"])
    via_api = oi.simulate(sc)
    direct = reference.simulate("pivonka2008", days=120.0, output_interval_days=0.5)
    assert via_api.metadata["model"] == "pivonka2008"
    assert via_api.at("osteoclast", 100.0) == pytest.approx(direct.at("osteoclast", 100.0), rel=1e-9)


def test_cli_scenarios_and_run_komarova(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["scenarios"])
    assert listed.exit_code == 0
    for name in NAMES:
        assert name in listed.output
    out = tmp_path / "k"
    res = runner.invoke(main, ["run", "komarova2003", "--out", str(out), "--no-figure"])
    assert res.exit_code == 0, res.output
    outcomes = json.loads((out / "outcomes.json").read_text())
    assert outcomes["bone_mass_min_percent"] == pytest.approx(89.8, abs=0.05)
    assert outcomes["union"] is None  # metrics of the full model that do not apply are skipped, not invented
    assert "reference komarova2003" in res.output
    bad = runner.invoke(main, ["run", "komarova2003", "--out", str(tmp_path / "x"), "--set", "model=nope"])
    assert bad.exit_code == 2 and "allowed: osteoimmune" in bad.output
