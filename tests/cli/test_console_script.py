"""The installed console script, run as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def _script() -> str:
    candidate = Path(sys.executable).parent / "osteoimmune"
    found = str(candidate) if candidate.exists() else shutil.which("osteoimmune")
    assert found, "the osteoimmune console script is not installed (pip install -e '.[test]')"
    return found


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([_script(), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_console_script_runs_a_scenario(tmp_path):
    proc = _run("run", "fracture-healing", "--out", "res", "--set", "days=14", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "union" in proc.stdout
    outcomes = json.loads((tmp_path / "res" / "outcomes.json").read_text())
    assert outcomes["bone_fraction_day_56"] is None  # 14-day run
    assert (tmp_path / "res" / "summary.png").exists()


def test_console_script_bad_input_is_exit_2_without_traceback(tmp_path):
    proc = _run("run", "fracture-healing", "--out", "res", "--set", "patient.age_years=ancient", cwd=tmp_path)
    assert proc.returncode == 2
    assert "patient.age_years" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "res").exists()
