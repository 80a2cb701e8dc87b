"""The engine in this process and on a local process pool: order, storage, resume, retries, crashed workers."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import engine_tasks
import pandas as pd
import pytest

from osteoimmune.engine import ChunkStore, Engine, KeyExistsError, TaskFailed, TaskFailure
from osteoimmune.errors import UnknownNameError


def _runs(log_dir: Path) -> Counter:
    return Counter(int(p.name.split("-")[0]) for p in log_dir.iterdir() if p.name[0].isdigit())


def test_store_is_atomic_one_file_per_key_and_never_overwrites(tmp_path):
    store = ChunkStore(tmp_path / "s")
    df = pd.DataFrame({"a": [1.5, 2.5], "b": ["x", "y"]})
    store.put("chunk-0", df)
    store.put("chunk-1", {"x": 1})
    assert store.keys() == ["chunk-0", "chunk-1"]
    assert store.path("chunk-0").suffix == ".parquet" and store.path("chunk-1").suffix == ".pkl"
    pd.testing.assert_frame_equal(store.get("chunk-0"), df)
    assert store.get("chunk-1") == {"x": 1}
    with pytest.raises(KeyExistsError):
        store.put("chunk-0", df)
    # frames Parquet cannot hold faithfully are pickled instead, and come back unchanged
    odd = pd.DataFrame({0: [1, 2], "b": [{"x": 1}, None]})
    assert store.put("odd", odd).suffix == ".pkl"
    pd.testing.assert_frame_equal(store.get("odd"), odd)
    store.discard("odd")
    with pytest.raises(ValueError, match="letters, digits"):
        store.put("../escape", 1)
    with pytest.raises(KeyError, match="not in the store"):
        store.get("missing")
    # a writer killed mid-write leaves only a hidden temporary file, which readers ignore
    (tmp_path / "s" / ".tmp-chunk-2-123-ab.parquet").write_bytes(b"partial")
    assert store.keys() == ["chunk-0", "chunk-1"] and "chunk-2" not in store
    assert store.remove_temporary() == 1


def test_serial_map_stores_each_result_and_resumes(tmp_path):
    store = ChunkStore(tmp_path / "s")
    engine = Engine("serial")
    assert engine.map(engine_tasks.square, [3, 1, 2], store=store, progress=False) == [9, 1, 4]
    assert store.keys() == ["00000000", "00000001", "00000002"]
    store.discard("00000001")
    before = {p.name: p.stat().st_mtime_ns for p in store.files()}
    log = tmp_path / "log"
    log.mkdir()
    # only the missing key runs again; stored ones are returned from the store, their files untouched
    out = engine.map(engine_tasks.logged, [(str(log), v, 0.0) for v in (3, 1, 2)], store=store, progress=False)
    assert out[0] == 9 and out[2] == 4 and out[1]["square"] == 1
    assert _runs(log) == Counter({1: 1})
    assert {k: v for k, v in ((p.name, p.stat().st_mtime_ns) for p in store.files()) if k in before} == before


def test_keys_name_the_stored_files_and_must_be_unique(tmp_path):
    store = ChunkStore(tmp_path / "s")
    Engine("serial").map(engine_tasks.frame, [0, 1], store=store, keys=["a", "b"], progress=False)
    assert [p.name for p in store.files()] == ["a.parquet", "b.parquet"]
    assert pd.read_parquet(store.directory)["i"].tolist() == [0, 0, 1, 1]  # the store is a Parquet dataset
    with pytest.raises(ValueError, match="unique"):
        Engine("serial").map(engine_tasks.square, [1, 2], keys=["k", "k"], progress=False)
    with pytest.raises(ValueError, match="needs a store"):
        Engine("serial").map(engine_tasks.square, [1], return_results=False, progress=False)


def test_serial_retries_then_reports_every_failure_after_storing_the_rest(tmp_path):
    log = tmp_path / "log"
    log.mkdir()
    store = ChunkStore(tmp_path / "s")
    tasks = [(str(log), v, {1: 1, 3: 5}.get(v, 0)) for v in range(5)]  # 1 fails once, 3 always
    with pytest.raises(TaskFailed) as info:
        Engine("serial").map(engine_tasks.flaky, tasks, store=store, retries=2, progress=False)
    assert [f.key for f in info.value.failures] == ["00000003"]
    assert info.value.failures[0].attempts == 3 and "planned failure 3 of value 3" in info.value.failures[0].error
    assert store.keys() == ["00000000", "00000001", "00000002", "00000004"]
    assert _runs(log) == Counter({0: 1, 1: 2, 2: 1, 3: 3, 4: 1})
    out = Engine("serial").map(engine_tasks.flaky, tasks, store=store, retries=0, on_error="return", progress=False)
    assert out[:3] == [0, 1, 2] and out[4] == 4 and isinstance(out[3], TaskFailure)


def test_processes_survive_a_crashed_worker_and_exceptions(tmp_path):
    log = tmp_path / "log"
    log.mkdir()
    store = ChunkStore(tmp_path / "s")
    with Engine("processes", n_workers=2) as engine:
        out = engine.map(engine_tasks.die_once, [(str(log), v) for v in range(6)], store=store, progress=False)
        assert out == list(range(6))
        assert (log / "died-3").exists()  # the worker running task 3 really died
        assert _runs(log)[3] == 2 and len(store) == 6
        log2 = tmp_path / "log2"
        log2.mkdir()
        assert engine.map(engine_tasks.flaky, [(str(log2), v, v % 2) for v in range(4)], retries=1,
                          progress=False) == [0, 1, 2, 3]
        assert _runs(log2) == Counter({0: 1, 1: 2, 2: 1, 3: 2})


def test_scheduler_choice():
    assert Engine("serial").kind == "serial"
    assert Engine("processes", 3).n_workers == 3
    assert Engine(None, 1).kind == "serial"
    assert Engine("tcp://127.0.0.1:1").kind == "dask"
    with pytest.raises(UnknownNameError, match="processes"):
        Engine("threads")
    with pytest.raises(ValueError, match="n_workers"):
        Engine("processes", 0)
    assert os.cpu_count()


def test_ctrl_c_stops_local_workers_at_once_and_keeps_what_is_stored(tmp_path):
    import signal
    import threading
    import time

    log = tmp_path / "log"
    log.mkdir()
    store = ChunkStore(tmp_path / "s")
    tasks = [(str(log), 0, 0.0), (str(log), 1, 0.0), (str(log), 2, 60.0), (str(log), 3, 60.0)]
    import multiprocessing

    before = set(multiprocessing.active_children())  # children other tests may still be reaping
    engine = Engine("processes", n_workers=2)

    def interrupt() -> None:  # Ctrl-C once both long tasks are running
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not {2, 3} <= set(_runs(log)):
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt, daemon=True).start()
    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        engine.map(engine_tasks.logged, tasks, store=store, progress=False)
    assert time.monotonic() - t0 < 30  # did not wait for the 60 s tasks
    assert store.keys() == ["00000000", "00000001"]
    # this run's workers (running the 60 s tasks) were stopped: give a killed worker a moment to be reaped on a
    # loaded machine, and say what state a survivor is in if one is left
    deadline = time.monotonic() + 20
    while (left := set(multiprocessing.active_children()) - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == set(), [(p.name, p.pid, _proc_state(p.pid)) for p in left]
    engine.close()


def _proc_state(pid: int) -> str:
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State"))
    except (OSError, StopIteration):
        return "no /proc entry"
