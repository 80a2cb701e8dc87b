"""Map parameter rows (or intervention designs) to named outcomes, over one scenario or a virtual cohort.

>>> ev = ModelEvaluator.for_scenario(load_scenario("fracture-healing"), ParameterMapping(("k01", "k02")),
...                                  ("bone_fraction_day_56",))                        # doctest: +SKIP
>>> Y = evaluate(ev, values, engine=Engine("serial"))                                   # doctest: +SKIP

Outcomes (:data:`OUTCOMES`; unknown names raise :class:`~osteoimmune.errors.UnknownNameError` listing them):

``union_probability`` (probability)
    Fraction of the patients whose defect is bridged at the end of the run (``union`` of
    :func:`osteoimmune.outcomes.compute_outcomes`, bone fraction ≥ the union threshold); 0 or 1 for one scenario.
``time_to_union_days`` (day)
    First day the bone fraction reaches the union threshold, **censored at the end of the run** (a non-union
    counts as the run length, so the outcome is always defined; give runs long enough for the question).
``bone_fraction_day_56`` (dimensionless)
    Defect bone fraction at day 56 (the run must last ≥ 56 days).
``bone_loss_5y_percent`` (%)
    Osteoporotic bone loss at 5 years: ``(B(0) − B(1825 d)) / B(0) × 100`` (positive = loss; the run must last
    ≥ 1825 days, e.g. the ``postmenopausal-osteoporosis`` scenario).

and the further metrics ``bone_fraction_day_28``, ``bone_fraction_final``, ``inflammation_auc``,
``m1_m2_crossover_day``, ``fibrous_fraction_final``, ``cartilage_peak`` of :data:`osteoimmune.outcomes.METRICS`.
Over a cohort every outcome is the mean over its patients (a failed simulation is left out and counted).

Every evaluation is sent through the execution engine in chunks of rows (:func:`evaluate`), each chunk stored as it
finishes under a key derived from the evaluator and the rows, so a re-run with the same store resumes.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from dataclasses import dataclass
from typing import Any, Callable, Literal, Sequence

import numpy as np

from ..errors import Issue, SolverFailure, UnknownNameError
from .space import AnalysisError

# ---------------------------------------------------------------------------- the outcome registry


@dataclass(frozen=True)
class OutcomeDef:
    """A named scalar outcome of one simulation: unit, which direction is better, minimal run length."""

    name: str
    unit: str
    description: str
    better: Literal["higher", "lower"] | None
    min_days: float
    extract: Callable[[dict[str, Any], Any, Any], float]


def _metric(name: str) -> Callable[[dict[str, Any], Any, Any], float]:
    def get(o: dict[str, Any], _result: Any, _scenario: Any) -> float:
        v = o.get(name)
        return math.nan if v is None else float(v)

    get.__name__ = f"metric_{name}"
    return get


def _union(o: dict[str, Any], _r: Any, _s: Any) -> float:
    return 1.0 if o.get("union") else 0.0


def _time_to_union(o: dict[str, Any], r: Any, s: Any) -> float:
    v = o.get("time_to_union_days")
    return float(r.time[-1]) if v is None else float(v)


def _bone_loss_5y(_o: dict[str, Any], r: Any, _s: Any) -> float:
    b = np.asarray(r["bone_fraction"], float)
    b0 = float(b[0])
    b5 = float(np.interp(1825.0, np.asarray(r.time, float), b))
    return math.nan if b0 <= 0 else (b0 - b5) / b0 * 100.0


OUTCOMES: dict[str, OutcomeDef] = {o.name: o for o in (
    OutcomeDef("union_probability", "probability", "fraction of patients with union (bone fraction >= threshold at "
               "the end of the run)", "higher", 0.0, _union),
    OutcomeDef("time_to_union_days", "day", "first day bone fraction >= union threshold, censored at the run end",
               "lower", 0.0, _time_to_union),
    OutcomeDef("bone_fraction_day_56", "dimensionless", "defect bone fraction at day 56", "higher", 56.0,
               _metric("bone_fraction_day_56")),
    OutcomeDef("bone_loss_5y_percent", "%", "bone lost over 5 years, (B(0) - B(1825 d)) / B(0) * 100", "lower",
               1825.0, _bone_loss_5y),
    OutcomeDef("bone_fraction_day_28", "dimensionless", "defect bone fraction at day 28", "higher", 28.0,
               _metric("bone_fraction_day_28")),
    OutcomeDef("bone_fraction_final", "dimensionless", "bone fraction at the end of the run", "higher", 0.0,
               _metric("bone_fraction_final")),
    OutcomeDef("inflammation_auc", "ng/mL*day", "integral of TNF-alpha + IL-1beta + IL-6", "lower", 0.0,
               _metric("inflammation_auc")),
    OutcomeDef("m1_m2_crossover_day", "day", "day M2 overtakes M1 after the M1 peak (NaN if never)", "lower", 0.0,
               _metric("m1_m2_crossover_day")),
    OutcomeDef("fibrous_fraction_final", "dimensionless", "fibrous (scar) tissue fraction at the end", "lower", 0.0,
               _metric("fibrous_fraction_final")),
    OutcomeDef("cartilage_peak", "dimensionless", "maximum cartilage fraction", None, 0.0,
               _metric("cartilage_peak")),
)}


def check_outcomes(names: Sequence[str] | str, days: float | None = None, where: str = "outcomes") -> tuple[str, ...]:
    """Validated outcome names (unknown → :class:`UnknownNameError`; a run too short → :class:`AnalysisError`)."""
    if isinstance(names, str):
        names = [names]
    names = list(names)
    if not names:
        raise AnalysisError(where, [Issue(where, f"give at least one outcome; allowed: {', '.join(OUTCOMES)}")])
    for n in names:
        if n not in OUTCOMES:
            raise UnknownNameError("outcome", str(n), list(OUTCOMES))
    if len(set(names)) != len(names):
        raise AnalysisError(where, [Issue(where, f"outcome names repeat: {names}")])
    if days is not None:
        short = [Issue(f"{where}.{n}", f"needs a run of at least {OUTCOMES[n].min_days:g} days (the scenario has "
                                       f"days = {days:g}; set days)") for n in names if days < OUTCOMES[n].min_days]
        if short:
            raise AnalysisError(where, short)
    return tuple(names)


# ---------------------------------------------------------------------------- how a row changes a scenario


@dataclass(frozen=True)
class ParameterMapping:
    """A row sets (``mode="set"``) or multiplies (``mode="scale"``) the named model parameters of a scenario.

    ``scale`` multiplies the scenario's own value of the parameter (a cohort patient's sampled value, or the
    declared value), so a ×0.5 inhibition acts on every patient's own biology.
    """

    names: tuple[str, ...]
    mode: Literal["set", "scale"] = "set"
    #: declared values of ``names`` (needed by ``scale``), filled in by :meth:`ModelEvaluator.for_scenarios`
    declared: tuple[float, ...] = ()

    def apply(self, scenario: Any, row: np.ndarray) -> Any:
        row = np.asarray(row, float)
        if row.shape != (len(self.names),):
            raise ValueError(f"a row has {row.shape} values for {len(self.names)} parameters {self.names}")
        current = dict(scenario.parameters)
        if self.mode == "set":
            new = {n: float(v) for n, v in zip(self.names, row)}
        else:
            new = {n: float(current.get(n, d)) * float(v) for n, v, d in zip(self.names, row, self.declared)}
        return scenario.model_copy(update={"parameters": {**current, **new}})


# ---------------------------------------------------------------------------- the evaluator


def _simulate_all(scenarios: list[Any], backend: str) -> list[Any]:
    """One result (or the SolverFailure) per scenario: :func:`osteoimmune.batch.simulate_each`."""
    from ..batch import simulate_each

    return simulate_each(scenarios, backend=backend)


@dataclass(frozen=True)
class ModelEvaluator:
    """Rows → outcomes: each row applied by ``mapping`` to every base scenario (one, or a cohort's patients).

    Picklable (it travels to process-pool and Dask workers); each worker compiles the model once.
    """

    scenarios: tuple[Any, ...]
    mapping: Any
    outcomes: tuple[str, ...]
    union_threshold: float = 0.6
    backend: str = "auto"

    @classmethod
    def for_scenarios(cls, scenarios: Sequence[Any], mapping: Any, outcomes: Sequence[str],
                      union_threshold: float = 0.6, backend: str = "auto") -> "ModelEvaluator":
        """Validate outcomes against the shortest run and names against the model; fill in declared values."""
        scenarios = tuple(scenarios)
        if not scenarios:
            raise AnalysisError("scenarios", [Issue("scenarios", "need at least one scenario")])
        outcomes = check_outcomes(outcomes, min(float(s.days) for s in scenarios))
        if isinstance(mapping, ParameterMapping):
            from .space import declaration_of

            decl = declaration_of(scenarios[0].model)
            bad = [n for n in mapping.names if n not in decl.parameters]
            if bad:
                raise UnknownNameError("parameter", bad[0], list(decl.parameters))
            if mapping.mode == "scale" and not mapping.declared:
                mapping = ParameterMapping(mapping.names, "scale",
                                           tuple(float(decl.parameters[n].value) for n in mapping.names))
        return cls(scenarios, mapping, outcomes, float(union_threshold), backend)

    @property
    def n_patients(self) -> int:
        return len(self.scenarios)

    def per_patient(self, rows: np.ndarray) -> np.ndarray:
        """Outcomes of every row on every base scenario: shape (rows, patients, outcomes); NaN where it failed."""
        from ..outcomes import compute_outcomes

        rows = np.atleast_2d(np.asarray(rows, float))
        todo = [self.mapping.apply(sc, row) for row in rows for sc in self.scenarios]
        results = _simulate_all(todo, self.backend)
        out = np.full((len(todo), len(self.outcomes)), np.nan)
        for i, (sc, r) in enumerate(zip(todo, results)):
            if isinstance(r, SolverFailure) or not getattr(r, "success", True):
                continue
            o = compute_outcomes(r, union_threshold=self.union_threshold)
            out[i] = [OUTCOMES[n].extract(o, r, sc) for n in self.outcomes]
        return out.reshape(len(rows), len(self.scenarios), len(self.outcomes))

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        """Cohort means of the outcomes, shape (rows, outcomes) (NaN only where every patient failed)."""
        return cohort_mean(self.per_patient(rows))


def cohort_mean(values: np.ndarray) -> np.ndarray:
    """Mean over axis 1 ignoring NaN; NaN (without a warning) where a row has no finite value."""
    finite = np.isfinite(values)
    n = finite.sum(axis=1)
    total = np.where(finite, values, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, total / np.maximum(n, 1), np.nan)


# ---------------------------------------------------------------------------- chunked evaluation on the engine


def evaluate_chunk(task: tuple[Callable[[np.ndarray], np.ndarray], np.ndarray, bool]) -> np.ndarray:
    """The engine's task function: ``fn(rows)`` (or ``fn.per_patient(rows)``) as a float array."""
    fn, rows, per_patient = task
    return np.asarray(fn.per_patient(rows) if per_patient else fn(rows), dtype=float)


def run_digest(fn: Any, rows: np.ndarray, per_patient: bool = False, chunk_size: int | None = None) -> str:
    """A short digest of the evaluator, the rows and the chunking: the prefix of the chunk keys.

    Chunk ``i`` holds rows ``i·chunk_size …``, so the chunk size is part of the digest: a re-run with another
    ``chunk_size`` in the same store recomputes instead of reading chunks cut differently (``None``: digest of
    the evaluator and rows only).
    """
    h = hashlib.sha256(pickle.dumps((fn, bool(per_patient)), protocol=4))
    h.update(np.ascontiguousarray(rows, dtype=float).tobytes())
    if chunk_size is not None:
        h.update(f"chunk_size={int(chunk_size)}".encode())
    return h.hexdigest()[:16]


def auto_chunk_size(fn: Any, n_rows: int) -> int:
    """Rows per engine task when none is given: about 16 tasks, at most one batch of the batched backend.

    A model evaluator (anything with ``n_patients``) simulates ``rows × n_patients`` scenarios per task; the cap
    ``max_batch // n_patients`` (``BatchedOptions.max_batch``, 128) gives every ``simulate_many`` call a full batch,
    where the per-simulation cost of ``scipy-bdf`` is ~3× lower than in batches of 8 (docs/analysis.md).  The
    result depends on the rows and the evaluator only (not on the worker count), so a re-run with other
    ``--workers`` still reuses the stored chunks.
    """
    n_rows = max(1, int(n_rows))
    size = -(-n_rows // 16)
    patients = getattr(fn, "n_patients", None)
    if patients is not None:
        from ..solve.batched_scipy import BatchedOptions

        size = min(size, max(1, BatchedOptions().max_batch // max(1, int(patients))))
    return max(1, size)


def evaluate(fn: Callable[[np.ndarray], np.ndarray], rows: np.ndarray, engine: Any = None, store: Any = None,
             chunk_size: int | None = 8, progress: bool = False, desc: str = "evaluations", per_patient: bool = False,
             retries: int = 2) -> np.ndarray:
    """``fn(rows)`` computed in chunks of ``chunk_size`` rows on ``engine`` (default: local), stored in ``store``.

    ``chunk_size=None`` picks :func:`auto_chunk_size`.  Returns the stacked chunk results in row order.  ``fn``
    must be picklable for a process or Dask engine (a :class:`ModelEvaluator` or a top-level callable object).
    """
    from ..engine import Engine

    rows = np.atleast_2d(np.asarray(rows, float))
    if chunk_size is None:
        chunk_size = auto_chunk_size(fn, len(rows))
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer or None (automatic), got {chunk_size!r}")
    starts = list(range(0, len(rows), chunk_size))
    tasks = [(fn, rows[s:s + chunk_size], per_patient) for s in starts]
    prefix = run_digest(fn, rows, per_patient, chunk_size)
    keys = [f"{prefix}-{i:06d}" for i in range(len(tasks))]
    own = engine is None
    engine = engine or Engine()
    try:
        parts = engine.map(evaluate_chunk, tasks, store=store, keys=keys, progress=progress, retries=retries,
                           desc=desc)
    finally:
        if own:
            engine.close()
    if not parts:
        return np.zeros((0,))
    return np.concatenate(parts, axis=0)


def cohort_scenarios(cohort: str, size: int | None = None, seed: int | None = None,
                     overrides: Sequence[str] = ()) -> list[Any]:
    """The scenarios of the first ``size`` patients of a cohort (built-in name or YAML file) via the cohort API."""
    from ..cohort import load_cohort, sample_patients, scenarios_for

    updates: dict[str, Any] = {}
    if size is not None:
        updates["size"] = int(size)
    if seed is not None:
        updates["seed"] = int(seed)
    if overrides:
        updates["set"] = list(overrides)
    spec = load_cohort(cohort, updates)
    return scenarios_for(spec, sample_patients(spec, 0, spec.size))
