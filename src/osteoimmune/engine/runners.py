"""The three ways of running tasks: in this process, in a local process pool, on a Dask cluster.

Each runner takes the tasks still to do (``Item``: position, key, payload), calls ``fn(payload)`` for each, and
reports every outcome through two callbacks of :class:`~osteoimmune.engine.core.Engine`: ``done(item, result)``
(stores and collects it, in the client process, so a result is written exactly once) and ``failed(item, error)``
once a task has used up its retries.  Runners retry failed tasks themselves:

* ``run_serial`` — a plain loop; an exception from ``fn`` is retried up to ``retries`` times.
* ``run_processes`` — a :class:`concurrent.futures.ProcessPoolExecutor` with at most one task per worker in
  flight.  An exception is retried like ``run_serial``.  A worker that dies (killed, out of memory) breaks the
  pool; the pool is rebuilt and every task that was in flight is resubmitted, charged one attempt (the pool cannot
  tell which worker died).
* ``run_dask`` — :class:`distributed.Client` futures with Dask's own ``retries`` for exceptions; a task on a
  worker that dies is rescheduled by the Dask scheduler on another worker (up to its ``allowed-failures``), and only
  its result, fetched by this process, is stored.
"""

from __future__ import annotations

import traceback
import uuid
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable

Done = Callable[["Item", Any], None]
Failed = Callable[["Item", str], None]


@dataclass
class Item:
    """One task to run: its position in the task list, its key and its payload."""

    index: int
    key: str
    task: Any
    attempts: int = 0


def describe_error(exc: BaseException) -> str:
    """The exception with its traceback (a process pool worker's remote traceback included, as its cause)."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).strip()


def run_serial(fn: Callable[[Any], Any], items: list[Item], retries: int, done: Done, failed: Failed) -> None:
    for item in items:
        while True:
            item.attempts += 1
            try:
                result = fn(item.task)
            except Exception as exc:  # noqa: BLE001 - recorded per task, retried, reported at the end
                if item.attempts > retries:
                    failed(item, describe_error(exc))
                    break
                continue
            done(item, result)
            break


class ProcessPool:
    """A process pool that can be rebuilt after a worker died."""

    def __init__(self, n_workers: int, mp_context: str):
        import multiprocessing

        self.n_workers = n_workers
        self._context = multiprocessing.get_context(mp_context)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.n_workers, mp_context=self._context)
        return self._pool

    def rebuild(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def terminate(self) -> None:
        """Stop the workers now, running tasks included (after Ctrl-C: their chunks are simply not stored)."""
        if self._pool is None:
            return
        # no public API for the worker processes: keep the executor's own table (shutdown drops the attribute, and
        # its manager thread may still add a worker spawned just before), and read it after the shutdown
        table = getattr(self._pool, "_processes", None)
        self._pool.shutdown(wait=False, cancel_futures=True)
        processes = list(table.values()) if table is not None else []
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        for proc in processes:
            proc.join(timeout=2)
        # SIGTERM is inherited as ignored when the caller runs under a shell or CI runner that ignores it; a worker
        # still alive after the grace period is killed outright
        for proc in processes:
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)
        self._pool = None


def run_processes(fn: Callable[[Any], Any], items: list[Item], retries: int, done: Done, failed: Failed,
                  pool: ProcessPool) -> None:
    queue: deque[Item] = deque(items)
    in_flight: dict[Future, Item] = {}

    def charge(item: Item, error: str) -> None:
        if item.attempts > retries:
            failed(item, error)
        else:
            queue.appendleft(item)

    try:
        while queue or in_flight:
            while queue and len(in_flight) < pool.n_workers:
                item = queue.popleft()
                item.attempts += 1
                try:
                    in_flight[pool.pool.submit(fn, item.task)] = item
                except BrokenProcessPool:
                    item.attempts -= 1
                    queue.appendleft(item)
                    break
            if not in_flight:  # the pool broke before anything was submitted
                pool.rebuild()
                continue
            finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                item = in_flight.pop(fut)
                exc = fut.exception()
                if exc is None:
                    done(item, fut.result())
                elif isinstance(exc, BrokenProcessPool):
                    broken = True
                    charge(item, f"worker process died while running this task: {exc}")
                else:
                    charge(item, describe_error(exc))
            if broken:
                for fut, item in list(in_flight.items()):
                    charge(item, "worker process died while this task was in flight")
                in_flight.clear()
                pool.rebuild()
    except BaseException:  # Ctrl-C or an error in the caller's callback: stop the workers, keep what is stored
        pool.terminate()
        raise


def run_dask(fn: Callable[[Any], Any], items: list[Item], retries: int, done: Done, failed: Failed,
             client: Any, max_pending: int) -> None:
    from distributed import as_completed

    token = uuid.uuid4().hex[:12]
    queue: deque[Item] = deque(items)
    owner: dict[str, tuple[Item, Any]] = {}

    def submit() -> Any:
        item = queue.popleft()
        item.attempts += 1
        fut = client.submit(fn, item.task, key=f"osteoimmune-{token}-{item.index}-{item.key}", pure=False,
                            retries=retries)
        owner[fut.key] = (item, fut)
        return fut

    first = [submit() for _ in range(min(max_pending, len(queue)))]
    pending = as_completed(first, loop=client.loop)
    try:
        for fut in pending:
            item, _ = owner.pop(fut.key)
            if fut.status == "finished":
                result = fut.result()
                fut.release()
                done(item, result)
            else:
                try:
                    exc = fut.exception()
                    error = describe_error(exc) if exc is not None else f"task {fut.status}"
                except Exception as err:  # noqa: BLE001 - a cancelled or lost future
                    error = f"task {fut.status}: {err!r}"
                fut.release()
                failed(item, error)
            if queue:
                pending.add(submit())
    except BaseException:
        client.cancel([f for _, f in owner.values()])
        raise
