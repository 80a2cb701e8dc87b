"""The engine on a real Dask cluster (scheduler + two workers on loopback), with a worker killed mid-run."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

import engine_tasks

from osteoimmune.engine import ChunkStore, Engine


def _executions(log_dir: Path) -> Counter:
    return Counter(int(p.name.split("-")[0]) for p in log_dir.iterdir() if p.name[0].isdigit())


def test_dask_map_with_a_worker_killed_mid_run_loses_and_duplicates_nothing(dask_cluster, tmp_path):
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    store = ChunkStore(tmp_path / "store")
    n = 12
    tasks = [(str(log_dir), v, 0.4) for v in range(n)]
    victim = dask_cluster.workers[0]

    import threading

    def kill_when_busy() -> None:
        # kill worker 0 as soon as it has started a task (it then sleeps 0.4 s inside that task)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any(p.name.split("-")[1] == str(victim.pid) for p in log_dir.iterdir()):
                os.kill(victim.pid, signal.SIGKILL)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_busy, daemon=True)
    killer.start()
    with Engine(dask_cluster.address) as engine:
        assert engine.kind == "dask"
        results = engine.map(engine_tasks.logged, tasks, store=store, progress=False, desc="dask")
    killer.join(timeout=5)

    assert victim.wait(timeout=10) == -signal.SIGKILL  # the kill really happened
    assert [r["value"] for r in results] == list(range(n))
    assert [r["square"] for r in results] == [v * v for v in range(n)]
    # one stored file per task, each holding its own task's result
    assert len(store.files()) == n
    assert store.keys() == [f"{i:08d}" for i in range(n)]
    assert [store.get(k)["value"] for k in store.keys()] == list(range(n))
    # every task ran at least once; the one killed mid-run ran again on the surviving worker
    runs = _executions(log_dir)
    assert set(runs) == set(range(n))
    rerun = [v for v, c in runs.items() if c > 1]
    assert rerun, f"the kill did not land mid-task (executions: {dict(runs)})"
    survivor = dask_cluster.workers[1].pid
    for v in rerun:
        assert store.get(f"{v:08d}")["pid"] == survivor

    # a re-run with the same store runs nothing and returns the stored results
    before = {p.name: p.stat().st_mtime_ns for p in store.files()}
    with Engine(dask_cluster.address) as engine:
        again = engine.map(engine_tasks.logged, tasks, store=store, progress=False)
    assert again == results
    assert _executions(log_dir) == runs
    assert {p.name: p.stat().st_mtime_ns for p in store.files()} == before


def test_dask_retries_a_failing_task(dask_cluster, tmp_path):
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    with Engine(dask_cluster.address) as engine:
        out = engine.map(engine_tasks.flaky, [(str(log_dir), v, 1 if v == 2 else 0) for v in range(4)],
                         retries=1, progress=False)
    assert out == [0, 1, 2, 3]
    assert _executions(log_dir)[2] == 2
