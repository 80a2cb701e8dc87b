"""The thread pool of the spatial solver: independent tasks (reaction chunks, transport species) on threads.

The compiled kernels and the transforms release the GIL, so threads use every core without copying the state;
results never depend on the thread count because every task writes only its own part.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_on_threads(fn: Callable[[T], R], items: Sequence[T], threads: int | None) -> list[R]:
    """``[fn(x) for x in items]``, on up to ``threads`` threads (None: one per CPU core); serial for one."""
    n = min(threads or (os.cpu_count() or 1), len(items))
    if n <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(fn, items))
