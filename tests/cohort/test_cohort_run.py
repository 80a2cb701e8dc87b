"""Running cohorts: chunk files, summary, figures; an interrupted run resumes without touching finished chunks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import osteoimmune.cohort.run as cohort_run
from osteoimmune.cli.main import main
from osteoimmune.cohort import CohortError, run_cohort, validate_cohort
from osteoimmune.engine import Engine
from small_cohort import SMALL


#: the reference solver: the cohort machinery is under test here, not the batched backends (tested in their own
#: folder), and on 1-patient chunks the reference solver is the fastest
BACKEND = "reference"


def _snapshot(chunk_dir: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(chunk_dir.glob("*.parquet"))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The small cohort run once, uninterrupted (serial)."""
    spec = validate_cohort(SMALL)
    out = tmp_path_factory.mktemp("ref") / "run"
    return spec, run_cohort(spec, out, engine=Engine("serial"), backend=BACKEND, progress=False)


def test_run_writes_chunks_patients_and_summary(reference):
    spec, res = reference
    assert sorted(p.name for p in res.chunk_dir.iterdir()) == [f"chunk-00000{i}.parquet" for i in range(4)]
    patients = res.patients()
    assert patients["patient"].tolist() == list(range(4)) and res.n_patients == 4 and res.n_failed == 0
    assert pd.read_parquet(res.chunk_dir)["patient"].tolist() == list(range(4))  # chunks form a dataset too
    assert {"age_years", "sex", "gap_mm", "param.k_diff", "status", "union", "time_to_union_days",
            "bone_fraction_day_28", "m1_m2_crossover_day"} <= set(patients.columns)
    assert (patients["status"] == "ok").all() and patients["bone_fraction_final"].notna().all()
    # outcomes answer the covariates: the patient table is the simulated one, not a placeholder
    assert patients["bone_fraction_day_28"].nunique() == 4
    s = pd.read_csv(res.files["summary_csv"])
    assert s.iloc[0]["subgroup"] == "all" and s.iloc[0]["n"] == 4
    assert s.iloc[0]["n_nonunion"] == int((~patients["union"].astype(bool)).sum())
    assert "Wilson" in res.files["summary_md"].read_text()


class Interrupt(KeyboardInterrupt):
    pass


def test_interrupted_run_resumes_from_finished_chunks(reference, tmp_path, monkeypatch):
    spec, ref = reference
    out = tmp_path / "run"
    calls: list[int] = []
    real = cohort_run.simulate_chunk

    def interrupted(task):
        if task[1] == 2:
            raise Interrupt("Ctrl-C during chunk 2 of 4")
        calls.append(task[1])
        return real(task)

    monkeypatch.setattr(cohort_run, "simulate_chunk", interrupted)
    with pytest.raises(Interrupt):
        run_cohort(spec, out, engine=Engine("serial"), backend=BACKEND, progress=False)
    finished = _snapshot(out / "chunks")
    assert sorted(finished) == ["chunk-000000.parquet", "chunk-000001.parquet"] and calls == [0, 1]
    assert not (out / "patients.parquet").exists()

    def counting(task):
        calls.append(task[1])
        return real(task)

    monkeypatch.setattr(cohort_run, "simulate_chunk", counting)
    res = run_cohort(spec, out, engine=Engine("serial"), backend=BACKEND, progress=False)
    assert calls == [0, 1, 2, 3]  # only the missing chunks ran
    assert res.chunks_computed == 2 and res.chunks_reused == 2
    after = _snapshot(out / "chunks")
    assert {k: after[k] for k in finished} == finished  # finished chunk files untouched
    pd.testing.assert_frame_equal(res.patients(), ref.patients())
    pd.testing.assert_frame_equal(res.summary, ref.summary)

    # a different cohort, or the same one after a model change, cannot resume into this directory
    other = validate_cohort({**spec.model_dump(exclude={"resolved_base"}), "seed": 8})
    with pytest.raises(CohortError, match="different cohort"):
        run_cohort(other, out, engine=Engine("serial"), backend=BACKEND, progress=False)
    monkeypatch.setattr(cohort_run, "model_fingerprint", lambda: "another-model")
    with pytest.raises(CohortError, match="the model changed"):
        run_cohort(spec, out, engine=Engine("serial"), backend=BACKEND, progress=False)


def test_cli_cohort_killed_then_resumed(reference, tmp_path, write_spec, small_raw):
    """The real command, SIGKILLed after its first chunk file appears, then run again into the same --out."""
    spec, ref = reference
    path = write_spec(small_raw)
    out = tmp_path / "cli"
    cmd = [str(Path(sys.executable).parent / "osteoimmune"), "cohort", str(path), "--out", str(out),
           "--scheduler", "serial", "--backend", BACKEND, "--quiet", "--no-figures"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list((out / "chunks").glob("chunk-*.parquet")) if (out / "chunks").exists() else True:
            assert proc.poll() is None, "the cohort command ended before it could be killed"
            assert time.monotonic() < deadline, "no chunk file within 60 s"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    finished = _snapshot(out / "chunks")
    assert 1 <= len(finished) < 4, "the kill did not land mid-run"
    assert not (out / "patients.parquet").exists()

    # the resumed run is a fresh process too: it reads the model files as they are now, like the killed one did
    done = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{len(finished)} reused" in done.stdout and "non-union" in done.stdout
    after = _snapshot(out / "chunks")
    assert len(after) == 4 and {k: after[k] for k in finished} == finished
    resumed = pd.read_parquet(out / "patients.parquet")
    pd.testing.assert_frame_equal(resumed, pd.read_parquet(out / "chunks"))
    # same patients and outcomes as the uninterrupted in-process run -- unless the model files were edited since
    # this test process loaded the model (the directory records which model it was simulated with)
    if json.loads((out / "cohort.json").read_text())["model_fingerprint"] == cohort_run.model_fingerprint():
        pd.testing.assert_frame_equal(resumed, ref.patients())
    else:
        pd.testing.assert_frame_equal(resumed[list(ref.patients().columns[:6])], ref.patients().iloc[:, :6])
    assert sorted(p.name for p in (out / "figures").iterdir()) == [
        "nonunion_vs_covariates.png", "outcome_distributions.png", "outcome_vs_covariates.png"]
    assert (out / "summary.md").read_text().startswith("# Cohort small")


def test_cli_bad_input_exits_2_naming_the_field(tmp_path, write_spec, small_raw):
    small_raw["covariates"]["age_years"] = {"dist": "uniform", "low": 50, "high": 10}
    result = CliRunner().invoke(main, ["cohort", str(write_spec(small_raw)), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "covariates.age_years" in result.output and "low (50.0)" in result.output
    result = CliRunner().invoke(main, ["cohort", "missing.yaml", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = CliRunner().invoke(main, ["cohort", "young-fracture", "--out", str(tmp_path / "o"),
                                       "--scheduler", "threads"])
    assert result.exit_code == 2 and "tcp://HOST:PORT" in result.output
    result = CliRunner().invoke(main, ["cohort", "young-fracture", "--out", str(tmp_path / "o"), "--backend", "gpu9"])
    assert result.exit_code == 2 and "unknown backend 'gpu9'" in result.output
