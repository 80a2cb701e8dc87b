"""One execution engine for cohorts, sensitivity analyses, calibrations and optimisations.

``Engine(scheduler=None | "serial" | "processes" | "tcp://HOST:PORT", n_workers=None).map(fn, tasks, store=...)``
runs ``fn`` over chunked tasks and stores each result in a :class:`ChunkStore` as it finishes, so interrupted runs
resume; see :mod:`osteoimmune.engine.core` and docs/engine.md.  Imports nothing from the package but ``errors``.
"""

from .core import SCHEDULERS, Engine, TaskFailed, TaskFailure, available_cores, default_keys
from .store import ChunkStore, KeyExistsError, check_key

__all__ = ["Engine", "ChunkStore", "TaskFailed", "TaskFailure", "KeyExistsError", "SCHEDULERS", "available_cores",
           "default_keys", "check_key"]
