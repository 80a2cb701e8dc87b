"""A real Dask cluster on loopback for the engine tests: ``dask scheduler`` and two ``dask worker`` processes.

Everything binds 127.0.0.1 only.  The processes are started from the venv's ``dask`` command with the test task
module on their ``PYTHONPATH``, and are always terminated (then killed) at the end of the test, even when it fails;
the scheduler also exits by itself after two idle minutes, and the workers when the scheduler is gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LoopbackCluster:
    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def processes(self) -> list[subprocess.Popen]:
        return [self.scheduler, *self.workers]


def _stop(procs: list[subprocess.Popen]) -> None:
    """Terminate the workers, then the scheduler (a worker whose scheduler is gone first waits to reconnect)."""
    for p in reversed(procs):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


@pytest.fixture
def dask_cluster(tmp_path):
    if not DASK.exists():
        pytest.fail(f"the dask command is missing from the venv ({DASK})")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               DASK_DISTRIBUTED__WORKER__DAEMON="False")
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs: list[subprocess.Popen] = []
    files = []

    def log(name: str):
        files.append((logs / name).open("w"))
        return files[-1]

    try:
        scheduler = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
             "--idle-timeout", "120"],
            stdout=subprocess.DEVNULL, stderr=log("scheduler.log"), env=env, cwd=tmp_path)
        procs.append(scheduler)
        cluster = LoopbackCluster(address, scheduler)
        for i in range(2):
            w = subprocess.Popen(
                [str(DASK), "worker", address, "--host", "127.0.0.1", "--no-nanny", "--nworkers", "1",
                 "--nthreads", "1", "--no-dashboard", "--name", f"w{i}", "--death-timeout", "30",
                 "--local-directory", str(tmp_path / f"w{i}")],
                stdout=subprocess.DEVNULL, stderr=log(f"worker{i}.log"), env=env, cwd=tmp_path)
            procs.append(w)
            cluster.workers.append(w)
        _wait_for_workers(address, 2, logs)
        yield cluster
    finally:
        _stop(procs)
        for f in files:
            f.close()


def _wait_for_workers(address: str, n: int, logs: Path, timeout: float = 60.0) -> None:
    from distributed import Client

    deadline = time.monotonic() + timeout
    with Client(address, timeout="30s", set_as_default=False) as client:
        while len(client.scheduler_info()["workers"]) < n:
            if time.monotonic() > deadline:
                text = "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(logs.iterdir()))
                pytest.fail(f"the Dask workers did not connect within {timeout} s\n{text}")
            time.sleep(0.1)
