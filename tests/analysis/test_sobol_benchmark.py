"""benchmarks/sobol.py end to end with a tiny design (N = 8, d = 2, 60 days): the same code path as the measured
10,240-simulation run (the ``osteoimmune sensitivity`` command, the chunk store, the reference comparison and the
doc block), without its size.  Nothing here is timed; the performance figures are in docs/analysis.md."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "sobol.py"
PARAMS = ("k_bmsc_rec", "d_tnf")


def _module():
    spec = importlib.util.spec_from_file_location("sobol_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tiny_sobol_benchmark_runs_the_command_reuses_chunks_and_writes_its_doc_block(tmp_path):
    bench = _module()
    res = bench.run_one(tmp_path / "N8", 8, workers=None, scheduler="serial", parameters=PARAMS,
                        overrides=["days=60", "output_interval_days=1"], reference_rows=2, num_resamples=50)
    run = tmp_path / "N8" / "run"
    for f in ("indices.csv", "convergence.csv", "samples.csv", "parameters.csv", "summary.md", "sensitivity.png"):
        assert (run / f).is_file(), f
    assert json.loads((tmp_path / "N8" / "result.json").read_text())["simulations"] == 8 * (2 + 2)

    # the design and the indices: N (d + 2) rows; S1 and ST of every (outcome, parameter), finite
    samples = pd.read_csv(run / "samples.csv")
    assert len(samples) == 32 and list(samples.columns) == [*PARAMS, *bench.OUTCOMES]
    idx = pd.read_csv(run / "indices.csv")
    assert len(idx) == len(bench.OUTCOMES) * len(PARAMS) * 2
    assert set(idx["index"]) == {"S1", "ST"} and set(idx["parameter"]) == set(PARAMS)
    assert np.isfinite(idx["value"]).all() and np.isfinite(idx["conf"]).all()
    assert res["days"] == 60 and res["output_interval_days"] == 1
    assert set(res["sanity"]) == set(bench.OUTCOMES)

    # the second run of the command (inside run_one) reused every chunk; a third one does too
    assert res["chunks_reused"] and res["chunks"] >= 2
    before = {p.name: p.stat().st_mtime_ns for p in (run / "chunks").iterdir()}
    bench.run_command(tmp_path / "N8" / "spec.yaml", run, None, "serial")
    assert {p.name: p.stat().st_mtime_ns for p in (run / "chunks").iterdir()} == before
    pd.testing.assert_frame_equal(pd.read_csv(run / "indices.csv"), idx)

    # the reference backend on the first rows of the same design gives the same outcomes (1 % as in tests/batched)
    ref = res["reference"]
    assert ref["rows"] == 2 and ref["union_agree"]
    assert all(v <= 1e-2 for v in ref["max_rel_diff"].values()), ref["max_rel_diff"]

    # the doc block is replaced between its markers, not appended twice
    doc = tmp_path / "doc.md"
    doc.write_text("# Title\n\nbefore\n\nafter\n")
    text = bench.report([res], "test machine", "2026-11-24")
    bench.write_doc(doc, text)
    bench.write_doc(doc, text)
    body = doc.read_text()
    assert body.count(bench.MARK_BEGIN) == 1 and body.count(bench.MARK_END) == 1
    assert "| 8 | 2 | 32 |" in body and "N = 10,000" in body and body.startswith("# Title")
