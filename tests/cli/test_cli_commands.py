"""`osteoimmune scenarios`, `explain`, `check`, `--version` and the command registry."""

from __future__ import annotations

import pytest

import osteoimmune as oi
from osteoimmune.cli.registry import COMMANDS, load_command



def test_scenarios_lists_every_builtin_one_per_line(invoke):
    result = invoke("scenarios")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    from osteoimmune.spatial.scenario import list_spatial_scenarios

    builtins = oi.list_scenarios() + [(n, f"[spatial] {d}") for n, d in list_spatial_scenarios()]
    assert len(lines) == len(builtins)
    for line, (name, description) in zip(lines, builtins):
        assert line.split()[0] == name
        assert line.endswith(description)
    assert any(line.startswith("fracture-healing ") for line in lines)
    assert any(line.startswith("rat-femur-5mm ") and "[spatial]" in line for line in lines)


def test_explain_prints_the_api_text(invoke):
    result = invoke("explain", "m1_macrophage")
    assert result.exit_code == 0
    assert result.stdout.strip() == oi.explain("m1_macrophage").strip()
    assert "m1_macrophage" in result.stdout


def test_explain_unknown_id_exits_2(invoke):
    result = invoke("explain", "no_such_thing")
    assert result.exit_code == 2
    assert "no_such_thing" in result.stderr and "allowed" in result.stderr


def test_check_valid_file(invoke, tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("schema_version: 1\nname: ok\ninjury: {kind: fracture}\ndays: 30\n")
    result = invoke("check", path)
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout


def test_check_prints_every_problem_one_per_line(invoke, tmp_path, bad_yaml):
    path = tmp_path / "bad.yaml"
    path.write_text(bad_yaml)
    issues = oi.check_scenario(path)
    result = invoke("check", path)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == len(issues) >= 5
    for line, issue in zip(lines, issues):
        assert line.startswith(f"{issue.location}: {issue.message}")
    assert "error(s)" in result.stderr


def test_check_missing_file_exits_2(invoke, tmp_path):
    result = invoke("check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"osteoimmune {oi.__version__}"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_registry_entries_load_and_are_named_consistently(name):
    command = load_command(name)
    assert command.name == name
    assert command.help  # every command documents itself
