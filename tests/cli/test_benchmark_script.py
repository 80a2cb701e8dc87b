"""The benchmark script runs (smoke test with one warm run; the timings themselves are not tested)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "fracture_run.py"


def test_benchmark_script_writes_its_table_and_json(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("fracture_run_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "bench.json"
    assert module.main(["--repeats", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "warm simulate (median of 1)" in printed and "compile" in printed
    data = json.loads(out.read_text())
    assert data["scenario"] == "fracture-healing" and data["days"] == 180.0
    assert data["warm_median_seconds"] > 0
