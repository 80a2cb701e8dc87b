"""Bad input of any kind: exit 2, a message on stderr naming the field, no traceback, nothing written."""

from __future__ import annotations

import pytest

import osteoimmune
from osteoimmune.errors import SolverFailure

# (arguments after `run`, words that the message on stderr must contain)
BAD_RUNS = [
    (["no-such-scenario"], ["no-such-scenario", "fracture-healing"]),
    (["fracture-healing", "--set", "nope.key=1"], ["nope", "allowed"]),
    (["fracture-healing", "--set", "days=abc"], ["days", "number"]),
    (["fracture-healing", "--set", "days=-5"], ["days", "greater than 0"]),
    (["fracture-healing", "--set", "patient.age_years=70 years"], ["patient.age_years"]),
    (["fracture-healing", "--set", "patient.sex=robot"], ["patient.sex", "female"]),
    (["fracture-healing", "--set", "injury.kind=amputation"], ["injury.kind", "fracture"]),
    (["fracture-healing", "--set", "parameters.no_such_parameter=3"], ["parameters.no_such_parameter"]),
    (["fracture-healing", "--set", "parameters.k_fib=fast"], ["parameters.k_fib"]),
    (["fracture-healing", "--set", "output_interval_days=500"], ["output_interval_days"]),
    (["fracture-healing", "--set", "days"], ["--set", "dotted.key=value"]),
    (["fracture-healing", "--set", "=3"], ["--set"]),
    (["fracture-healing", "--rtol", "abc"], ["--rtol"]),
    (["fracture-healing", "--rtol", "0"], ["--rtol"]),
    (["fracture-healing", "--rtol", "2"], ["--rtol"]),
    (["fracture-healing", "--method", "euler"], ["--method", "lsoda"]),
    (["fracture-healing", "--union-threshold", "1.5"], ["--union-threshold"]),
    (["missing-file.yaml"], ["missing-file.yaml", "does not exist"]),
]


@pytest.mark.parametrize(("args", "words"), BAD_RUNS, ids=[" ".join(a) for a, _ in BAD_RUNS])
def test_bad_run_input_exits_2_and_writes_nothing(invoke, tmp_path, args, words):
    out = tmp_path / "out"
    result = invoke("run", *args, "--out", out)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_bad_scenario_file_reports_every_problem(invoke, tmp_path, bad_yaml):
    path = tmp_path / "bad.yaml"
    path.write_text(bad_yaml)
    out = tmp_path / "out"
    result = invoke("run", path, "--out", out)
    assert result.exit_code == 2
    for field in ("patient.age_years", "patient.sex", "interventions.0.dose", "interventions.3.agent", "bogus_key"):
        assert field in result.stderr, field
    assert not out.exists()


def test_unparsable_yaml_is_bad_input(invoke, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("days: [1, 2\npatient: {")
    result = invoke("run", path, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_out_option_is_a_usage_error(invoke):
    result = invoke("run", "fracture-healing")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_solver_failure_exits_3_with_time_and_reason(invoke, tmp_path, monkeypatch):
    def failing(scenario, options=None):
        raise SolverFailure(12.5, "LSODA: excess work done on this call")

    monkeypatch.setattr(osteoimmune, "simulate", failing)
    out = tmp_path / "out"
    result = invoke("run", "fracture-healing", "--out", out)
    assert result.exit_code == 3
    assert "12.5" in result.stderr and "excess work" in result.stderr
    assert not out.exists()


def test_failure_while_writing_leaves_nothing(runner, tmp_path, monkeypatch):
    import osteoimmune.plot

    def broken_figure(result, outcomes):
        raise RuntimeError("figure exploded")

    monkeypatch.setattr(osteoimmune.plot, "plot_summary", broken_figure)
    out = tmp_path / "deep" / "out"
    result = runner.invoke(__import__("osteoimmune.cli.main", fromlist=["main"]).main,
                           ["run", "fracture-healing", "--out", str(out), "--set", "days=5"])
    assert result.exit_code == 1  # an internal error, not bad input
    assert isinstance(result.exception, RuntimeError)
    assert list(tmp_path.iterdir()) == []  # neither --out, its created parent, nor a temporary directory


def test_unknown_command_and_help(invoke):
    result = invoke("frobnicate")
    assert result.exit_code == 2
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("scenarios", "run", "check", "explain"):
        assert command in result.stdout


def test_out_below_a_file_is_refused_before_simulating(invoke, tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("simulate must not be called")

    monkeypatch.setattr(osteoimmune, "simulate", never)
    (tmp_path / "afile").write_text("x")
    result = invoke("run", "fracture-healing", "--out", tmp_path / "afile" / "sub")
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr
    result = invoke("run", "fracture-healing", "--out", tmp_path / "afile")
    assert result.exit_code == 2
    assert "is a file" in result.stderr and "--force" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["afile"]
