"""The execution engine: map a function over chunked tasks, serially, on local processes or on a Dask cluster.

>>> engine = Engine("serial")
>>> engine.map(abs, [-1, 2, -3], progress=False)
[1, 2, 3]

``Engine.map(fn, tasks, store=ChunkStore(dir))`` stores each task's result in the store as soon as it finishes, under
the task's key; a later call with the same store and keys returns the stored results and runs only the missing
tasks, so an interrupted run (Ctrl-C, a killed process, a lost machine) resumes where it stopped.  Results are
always returned in task order, each exactly once; a task that keeps failing after ``retries`` extra attempts is
reported in :class:`TaskFailed` (every other result is stored first) or, with ``on_error="return"``, returned in its
place as a :class:`TaskFailure`.

Scheduler choice (``Engine(scheduler=...)``):

``None``
    the local default: ``"processes"`` with one worker per available core, or ``"serial"`` on one core.
``"serial"``
    run in this process (debugging, tiny jobs, nested use inside a worker).
``"processes"``
    a local :class:`~concurrent.futures.ProcessPoolExecutor` of ``n_workers`` processes (default: the cores),
    started with the ``spawn`` method (no state leaks from the parent; each worker compiles the model once).  The
    pool lives until :meth:`Engine.close` (use the engine as a context manager).
``"tcp://HOST:PORT"``
    an existing Dask cluster (``dask scheduler`` + ``dask worker``), reached through a :class:`distributed.Client`.
    ``fn`` must be importable on the workers (a top-level function of an installed module).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Literal, Sequence

from ..errors import OsteoimmuneError, UnknownNameError
from .runners import Item, ProcessPool, run_dask, run_processes, run_serial
from .store import ChunkStore, check_key

SCHEDULERS = ("serial", "processes", "tcp://HOST:PORT")


@dataclass(frozen=True)
class TaskFailure:
    """A task that failed after all its attempts: its position, key, attempts and the error with traceback."""

    index: int
    key: str
    attempts: int
    error: str


class TaskFailed(OsteoimmuneError):
    """Some tasks failed after all their retries (the others finished and are stored)."""

    def __init__(self, failures: list[TaskFailure], n_tasks: int):
        self.failures = failures
        first = failures[0]
        last_line = first.error.strip().splitlines()[-1] if first.error.strip() else "?"
        super().__init__(f"{len(failures)} of {n_tasks} task(s) failed after their retries "
                         f"(keys: {', '.join(f.key for f in failures[:10])}{' ...' if len(failures) > 10 else ''}); "
                         f"first error (task {first.key!r}, {first.attempts} attempt(s)): {last_line}")


def available_cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_keys(n: int) -> list[str]:
    """The keys of tasks that were given none: their zero-padded index (``00000000``, ``00000001``, ...)."""
    return [f"{i:08d}" for i in range(n)]


class Engine:
    """Runs ``fn`` over tasks on one scheduler; see the module docstring."""

    def __init__(self, scheduler: str | None = None, n_workers: int | None = None, *,
                 mp_context: Literal["spawn", "forkserver", "fork"] = "spawn"):
        if n_workers is not None and (not isinstance(n_workers, int) or n_workers < 1):
            raise ValueError(f"n_workers must be a positive integer or None, got {n_workers!r}")
        cores = available_cores()
        if scheduler is None:
            workers = n_workers or cores
            scheduler = "serial" if workers == 1 else "processes"
        if scheduler not in ("serial", "processes") and not str(scheduler).startswith(("tcp://", "tls://")):
            raise UnknownNameError("scheduler", str(scheduler), list(SCHEDULERS))
        self.scheduler = scheduler
        self.n_workers = 1 if scheduler == "serial" else (n_workers or cores)
        self.mp_context = mp_context
        self._pool: ProcessPool | None = None
        self._client: Any = None

    def __repr__(self) -> str:
        return f"Engine(scheduler={self.scheduler!r}, n_workers={self.n_workers})"

    @property
    def kind(self) -> str:
        """``"serial"``, ``"processes"`` or ``"dask"``."""
        return self.scheduler if self.scheduler in ("serial", "processes") else "dask"

    # ------------------------------------------------------------------ resources
    def client(self) -> Any:
        """The :class:`distributed.Client` of a Dask engine (connected on first use)."""
        if self.kind != "dask":
            raise ValueError(f"engine {self.scheduler!r} has no Dask client")
        if self._client is None:
            from distributed import Client

            try:
                self._client = Client(self.scheduler, set_as_default=False, timeout="20s")
            except OSError as exc:
                raise OsteoimmuneError(f"cannot connect to the Dask scheduler at {self.scheduler}: {exc} "
                                       "(start one with `dask scheduler`, or omit --scheduler for local processes)"
                                       ) from None
        return self._client

    def workers(self) -> int:
        """Parallel slots: worker processes, or the Dask cluster's threads (at least 1)."""
        if self.kind == "dask":
            return max(1, sum(self.client().nthreads().values()))
        return self.n_workers

    def close(self) -> None:
        """Shut the process pool down / disconnect from the Dask cluster (the cluster keeps running)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ map
    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], store: ChunkStore | None = None,
            keys: Sequence[str] | None = None, progress: bool = True, retries: int = 2, desc: str | None = None,
            *, on_error: Literal["raise", "return"] = "raise", return_results: bool = True) -> list[Any]:
        """``[fn(task) for task in tasks]``, run on this engine, stored in ``store`` as each finishes.

        ``keys`` name the tasks in the store (default :func:`default_keys`); tasks whose key is already stored are
        not run again, their stored result is returned.  A task that raises is retried up to ``retries`` times.
        ``on_error="raise"`` raises :class:`TaskFailed` after every other task finished; ``"return"`` puts a
        :class:`TaskFailure` in the failed task's place.  ``return_results=False`` returns the keys instead of the
        results and keeps nothing in memory (the results are in ``store``, which is then required): the way to
        stream a run larger than memory.
        """
        tasks = list(tasks)
        n = len(tasks)
        keys = default_keys(n) if keys is None else [check_key(k) for k in keys]
        if len(keys) != n:
            raise ValueError(f"keys has {len(keys)} entries for {n} tasks")
        if len(set(keys)) != n:
            dup = sorted({k for k in keys if keys.count(k) > 1})[:5]
            raise ValueError(f"keys must be unique; repeated: {', '.join(dup)}")
        if not isinstance(retries, int) or retries < 0:
            raise ValueError(f"retries must be a non-negative integer, got {retries!r}")
        if on_error not in ("raise", "return"):
            raise UnknownNameError("on_error", str(on_error), ["raise", "return"])
        if not return_results and store is None:
            raise ValueError("return_results=False needs a store (the results would be lost)")

        results: list[Any] = [None] * n
        todo: list[Item] = []
        stored = set(store.keys()) if store is not None else set()
        for i, (key, task) in enumerate(zip(keys, tasks)):
            if key in stored:
                if return_results:
                    results[i] = store.get(key)
            else:
                todo.append(Item(i, key, task))
        failures: list[TaskFailure] = []

        from tqdm.auto import tqdm

        bar = tqdm(total=n, initial=n - len(todo), desc=desc or "tasks", unit="task", disable=not progress,
                   dynamic_ncols=True, smoothing=0.1)

        def done(item: Item, result: Any) -> None:
            if store is not None:
                store.put(item.key, result)
            if return_results:
                results[item.index] = result
            bar.update(1)

        def failed(item: Item, error: str) -> None:
            failures.append(TaskFailure(item.index, item.key, item.attempts, error))
            if on_error == "return":
                results[item.index] = failures[-1]
            bar.update(1)

        try:
            if todo:
                self._run(fn, todo, retries, done, failed)
        finally:
            bar.close()
        failures.sort(key=lambda f: f.index)
        if failures and on_error == "raise":
            raise TaskFailed(failures, n)
        return results if return_results else keys

    def _run(self, fn: Callable[[Any], Any], todo: list[Item], retries: int, done: Any, failed: Any) -> None:
        if self.kind == "serial":
            run_serial(fn, todo, retries, done, failed)
        elif self.kind == "processes":
            if self._pool is None:
                self._pool = ProcessPool(self.n_workers, self.mp_context)
            run_processes(fn, todo, retries, done, failed, self._pool)
        else:
            client = self.client()
            run_dask(fn, todo, retries, done, failed, client, max_pending=2 * self.workers() + 2)
