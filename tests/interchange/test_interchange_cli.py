"""The four interchange commands through the CLI: output, exit statuses, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from osteoimmune.cli.main import main

pytest.importorskip("roadrunner")
DATA = Path(__file__).resolve().parents[1] / "data" / "sbml"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_export_sbml_writes_and_refuses_to_overwrite(runner, tmp_path):
    out = tmp_path / "model.xml"
    r = runner.invoke(main, ["export-sbml", "homeostasis", "--out", str(out), "--set", "days=100"])
    assert r.exit_code == 0, r.output
    assert "0 errors" in r.output and out.read_text().startswith("<?xml")
    r = runner.invoke(main, ["export-sbml", "homeostasis", "--out", str(out)])
    assert r.exit_code == 2 and "--force" in r.output
    r = runner.invoke(main, ["export-sbml", "no-such-scenario", "--out", str(tmp_path / "x.xml")])
    assert r.exit_code == 2 and "no-such-scenario" in r.output
    assert not (tmp_path / "x.xml").exists()


def test_import_sbml_summarises_simulates_and_writes_csv(runner, tmp_path):
    out = tmp_path / "komarova.csv"
    r = runner.invoke(main, ["import-sbml", str(DATA / "BIOMD0000000148.xml"), "--t-end", "100", "--points", "11",
                             "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "4 state-triggered" in r.output and "time unit: day" in r.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("time,x1,x2") and len(lines) == 12


def test_import_sbml_rejects_unsupported_constructs_by_name(runner, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" '
        'version="2"><model id="m"><listOfParameters><parameter id="x" value="1" constant="false"/></listOfParameters>'
        '<listOfRules><algebraicRule metaid="alg1"><math xmlns="http://www.w3.org/1998/Math/MathML"><ci>x</ci></math>'
        '</algebraicRule></listOfRules></model></sbml>')
    r = runner.invoke(main, ["import-sbml", str(bad)])
    assert r.exit_code == 2 and "algebraicRule alg1" in r.output
    r = runner.invoke(main, ["import-sbml", str(tmp_path / "missing.xml")])
    assert r.exit_code == 2


def test_export_petab_bad_condition_is_exit_2(runner, tmp_path):
    r = runner.invoke(main, ["export-petab", "fracture-healing", "--out", str(tmp_path / "p"),
                             "--condition", "c1:not_a_parameter=2"])
    assert r.exit_code == 2 and "not_a_parameter" in r.output
    assert not (tmp_path / "p").exists()
