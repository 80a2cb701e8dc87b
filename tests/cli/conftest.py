"""Shared fixtures for the CLI, io and plot tests (everything is written under tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from osteoimmune.cli.main import main

@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


BAD_YAML = """\
schema_version: 1
name: bad
patient: {age_years: old, sex: robot}
injury: {kind: fracture, size_mm: 1.0}
days: 30
interventions:
  - {agent: il4, dose: -5, unit: ng/mL/day, start_day: 1, duration_days: 3}
  - {agent: bmp2, dose: 1, unit: furlong/day, start_day: 1}
  - {agent: vegf, dose: 1, unit: ng/mL/day, start_day: 40}
  - {agent: nonsense, dose: 1, unit: ng/mL/day}
bogus_key: 1
"""


def _invoke(runner: CliRunner, *args: object):
    """Run the CLI in-process; bad input must never produce a traceback."""
    result = runner.invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="session")
def invoke(runner):
    """``invoke(*args)`` runs ``osteoimmune *args`` in-process (no traceback allowed)."""
    return lambda *args: _invoke(runner, *args)


@pytest.fixture(scope="session")
def bad_yaml() -> str:
    """A scenario file with many problems at once."""
    return BAD_YAML


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory, invoke) -> Path:
    """Output directory of `osteoimmune run fracture-healing --set days=60`."""
    out = tmp_path_factory.mktemp("cli") / "fracture"
    result = invoke("run", "fracture-healing", "--out", out, "--set", "days=60")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def result_and_scenario():
    """A short fracture-healing simulation through the API."""
    import osteoimmune as oi

    scenario = oi.load_scenario("fracture-healing", overrides=["days=30"])
    return oi.simulate(scenario), scenario
