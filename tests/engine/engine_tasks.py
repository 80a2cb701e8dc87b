"""Cheap top-level task functions for the engine tests (importable by worker processes and Dask workers)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def square(x: int) -> int:
    return x * x


def frame(i: int):
    import pandas as pd

    return pd.DataFrame({"i": [i, i], "value": [i * 0.5, i * 1.5]})


def logged(task: tuple[str, int, float]) -> dict:
    """Record each execution (``log_dir/<value>-<pid>-<nanoseconds>``), sleep a little, return the value squared."""
    log_dir, value, sleep = task
    Path(log_dir, f"{value}-{os.getpid()}-{time.time_ns()}").touch()
    time.sleep(sleep)
    return {"value": value, "square": value * value, "pid": os.getpid()}


def flaky(task: tuple[str, int, int]) -> int:
    """Fail the first ``fails`` times it runs for this value (counted with files in ``log_dir``), then succeed."""
    log_dir, value, fails = task
    runs = len(list(Path(log_dir).glob(f"{value}-*")))
    Path(log_dir, f"{value}-{os.getpid()}-{time.time_ns()}").touch()
    if runs < fails:
        raise RuntimeError(f"planned failure {runs + 1} of value {value}")
    return value


def die_once(task: tuple[str, int]) -> int:
    """The worker process running value 3 kills itself the first time (a crashed worker)."""
    log_dir, value = task
    marker = Path(log_dir, f"died-{value}")
    Path(log_dir, f"{value}-{os.getpid()}-{time.time_ns()}").touch()
    if value == 3 and not marker.exists():
        marker.touch()
        os._exit(1)
    time.sleep(0.05)
    return value
