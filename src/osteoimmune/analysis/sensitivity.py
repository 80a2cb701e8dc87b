"""Global sensitivity analysis: Morris screening and Sobol indices (SALib) of named outcomes, on the engine.

Sampling and analysis are SALib's (Herman & Usher 2017): Morris elementary effects (``mu_star``, ``sigma``,
bootstrap CI of ``mu_star``; Morris 1991, Campolongo et al. 2007) and Saltelli/Sobol first-order ``S1`` and total
``ST`` indices (Saltelli 2002, Saltelli et al. 2010 estimators, bootstrap CIs).  Samples are drawn in the
internal coordinates of a :class:`~osteoimmune.analysis.space.ParameterSpace` (log10 for log-scaled parameters), so
Morris effects of a rate constant are effects per decade.

Convergence diagnostics (:func:`convergence`) recompute the indices on growing prefixes of the same design — the
first ``n`` base samples of the Sobol' sequence (``n`` a power of two) or the first ``r`` Morris trajectories — so
the index-vs-``N`` curves cost no extra simulations.

:func:`run_sensitivity` is the numerical core (any row evaluator: the model, or a test function such as
:class:`~osteoimmune.analysis.testfunctions.Ishigami`); :class:`SensitivitySpec` / :func:`load_sensitivity` read the
YAML file of ``osteoimmune sensitivity``; :func:`model_problem` turns a spec into a space and a
:class:`~osteoimmune.analysis.outcomes_of.ModelEvaluator`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import Issue
from ..scenario.resolve import read_yaml_mapping
from .outcomes_of import ModelEvaluator, ParameterMapping, cohort_scenarios, evaluate
from .space import AnalysisError, ParameterSpace, build_space, declaration_of

METHODS = ("morris", "sobol")


# ---------------------------------------------------------------------------- sampling and analysis


def _is_power_of_two(n: int) -> bool:
    return n >= 1 and (n & (n - 1)) == 0


def rows_per_sample(method: str, dim: int, second_order: bool = False) -> int:
    """Rows of the design per Morris trajectory (d + 1) or per Sobol base sample (d + 2, or 2d + 2)."""
    if method == "morris":
        return dim + 1
    return 2 * dim + 2 if second_order else dim + 2


def sample(space: ParameterSpace, method: str, n: int, seed: int, levels: int = 4,
           second_order: bool = False) -> np.ndarray:
    """The design in internal coordinates: ``n`` Morris trajectories or ``n`` Sobol base samples (a power of 2)."""
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    problem = space.salib_problem()
    if method == "morris":
        return morris_sample.sample(problem, int(n), num_levels=int(levels), seed=int(seed))
    if method == "sobol":
        if not _is_power_of_two(int(n)):
            raise AnalysisError("N", [Issue("N", f"Sobol needs N a power of two (got {n}); e.g. "
                                                 f"{2 ** max(1, round(math.log2(max(n, 2))))}")])
        return sobol_sample.sample(problem, int(n), calc_second_order=bool(second_order), seed=int(seed))
    raise AnalysisError("method", [Issue("method", f"got {method!r}; allowed: {', '.join(METHODS)}")])


def analyze(space: ParameterSpace, method: str, x: np.ndarray, y: np.ndarray, outcomes: Sequence[str],
            levels: int = 4, second_order: bool = False, num_resamples: int = 1000, conf_level: float = 0.95,
            seed: int = 0) -> pd.DataFrame:
    """Indices with bootstrap CIs as a long table: outcome, parameter, index, value, conf, low, high.

    Morris: ``mu_star`` (with CI), ``mu``, ``sigma``; Sobol: ``S1`` and ``ST`` (with CIs).  ``conf`` is the
    half-width of the ``conf_level`` bootstrap interval.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze

    y = np.asarray(y, float)
    if y.ndim == 1:
        y = y[:, None]
    problem = space.salib_problem()
    rows: list[dict[str, Any]] = []
    for k, name in enumerate(outcomes):
        col = y[:, k]
        bad = int((~np.isfinite(col)).sum())
        if bad:
            raise AnalysisError(f"outcome {name}", [Issue(f"outcomes.{name}", f"{bad} of {len(col)} evaluations are "
                                                   "not finite (failed simulations or an undefined outcome); "
                                                   "narrow the ranges or choose another outcome")])
        if method == "morris":
            r = morris_analyze.analyze(problem, x, col, num_resamples=int(num_resamples), conf_level=conf_level,
                                       num_levels=int(levels), seed=int(seed))
            for j, p in enumerate(space.names):
                ci = float(r["mu_star_conf"][j])
                for index, value, conf in (("mu_star", r["mu_star"][j], ci), ("mu", r["mu"][j], math.nan),
                                           ("sigma", r["sigma"][j], math.nan)):
                    rows.append(_row(name, p, index, float(value), conf))
        else:
            if np.ptp(col) == 0:
                for p in space.names:
                    rows += [_row(name, p, "S1", 0.0, 0.0), _row(name, p, "ST", 0.0, 0.0)]
                continue
            r = sobol_analyze.analyze(problem, col, calc_second_order=bool(second_order),
                                      num_resamples=int(num_resamples), conf_level=conf_level, seed=int(seed))
            for j, p in enumerate(space.names):
                rows.append(_row(name, p, "S1", float(r["S1"][j]), float(r["S1_conf"][j])))
                rows.append(_row(name, p, "ST", float(r["ST"][j]), float(r["ST_conf"][j])))
    return pd.DataFrame(rows, columns=["outcome", "parameter", "index", "value", "conf", "low", "high"])


def _row(outcome: str, parameter: str, index: str, value: float, conf: float) -> dict[str, Any]:
    return {"outcome": outcome, "parameter": parameter, "index": index, "value": value, "conf": conf,
            "low": value - conf if math.isfinite(conf) else math.nan,
            "high": value + conf if math.isfinite(conf) else math.nan}


def convergence_sizes(method: str, n: int) -> list[int]:
    """The prefix sizes of the convergence table: powers of two ≥ 8 up to N (Sobol), 2…r trajectories (Morris)."""
    if method == "sobol":
        sizes, m = [], n
        while m >= 8:
            sizes.append(m)
            m //= 2
        return sorted(sizes) or [n]
    return sorted({int(round(v)) for v in np.linspace(2, n, min(n - 1, 6))} | {n}) if n >= 2 else [n]


def convergence(space: ParameterSpace, method: str, x: np.ndarray, y: np.ndarray, outcomes: Sequence[str],
                n: int, levels: int = 4, second_order: bool = False, num_resamples: int = 200,
                conf_level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Indices (with CIs) recomputed on prefixes of the design: the table of index vs sample size ``n``."""
    per = rows_per_sample(method, space.dim, second_order)
    parts = []
    for m in convergence_sizes(method, n):
        t = analyze(space, method, x[: m * per], np.asarray(y)[: m * per], outcomes, levels, second_order,
                    num_resamples, conf_level, seed)
        t.insert(3, "n", m)
        t.insert(4, "evaluations", m * per)
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


@dataclass
class SensitivityResult:
    """A finished analysis: design (internal and values), outcomes, indices and convergence tables."""

    method: str
    space: ParameterSpace
    outcomes: tuple[str, ...]
    n: int
    x: np.ndarray
    values: np.ndarray
    y: np.ndarray
    indices: pd.DataFrame
    convergence: pd.DataFrame

    @property
    def evaluations(self) -> int:
        return int(len(self.x))

    def samples(self) -> pd.DataFrame:
        """One row per evaluation: parameter values then outcomes."""
        df = pd.DataFrame(self.values, columns=self.space.names)
        for k, name in enumerate(self.outcomes):
            df[name] = self.y[:, k]
        return df

    def ranking(self, outcome: str) -> pd.DataFrame:
        """Parameters of one outcome ordered by their main index (``mu_star`` or ``ST``), most influential first."""
        key = "mu_star" if self.method == "morris" else "ST"
        t = self.indices[(self.indices["outcome"] == outcome) & (self.indices["index"] == key)]
        return t.sort_values("value", ascending=False).reset_index(drop=True)


def run_sensitivity(space: ParameterSpace, fn: Any, outcomes: Sequence[str], method: str, n: int, seed: int = 0,
                    engine: Any = None, store: Any = None, chunk_size: int | None = None, levels: int = 4,
                    second_order: bool = False, num_resamples: int = 1000, conf_level: float = 0.95,
                    progress: bool = False, convergence_resamples: int = 200) -> SensitivityResult:
    """Sample, evaluate ``fn`` (rows of parameter values → (rows, outcomes)) on the engine in chunks, analyse.

    ``chunk_size`` rows per engine task; ``None`` (default): :func:`~osteoimmune.analysis.outcomes_of.auto_chunk_size`
    (full batches of the batched backend for a model evaluator).
    """
    if method not in METHODS:
        raise AnalysisError("method", [Issue("method", f"got {method!r}; allowed: {', '.join(METHODS)}")])
    x = sample(space, method, n, seed, levels, second_order)
    values = space.values(x)
    y = evaluate(fn, values, engine=engine, store=store, chunk_size=chunk_size, progress=progress,
                 desc=f"{method} ({len(x)} evaluations)")
    y = y.reshape(len(x), len(outcomes))
    idx = analyze(space, method, x, y, outcomes, levels, second_order, num_resamples, conf_level, seed)
    conv = convergence(space, method, x, y, outcomes, n, levels, second_order, convergence_resamples, conf_level,
                       seed)
    return SensitivityResult(method, space, tuple(outcomes), int(n), x, values, y, idx, conv)


# ---------------------------------------------------------------------------- the YAML specification


class SensitivitySpec(BaseModel):
    """The file of ``osteoimmune sensitivity`` (schema version 1); see docs/analysis.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    name: str = Field("sensitivity", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    scenario: str | None = Field(None, description="built-in scenario or scenario YAML (relative to this file)")
    cohort: str | None = Field(None, description="built-in cohort or cohort YAML: outcomes are cohort means")
    cohort_size: int = Field(20, ge=1, le=100000, description="patients of the cohort used per evaluation")
    set: list[str] = Field(default_factory=list, description="scenario overrides dotted.key=value (e.g. days=70)")
    parameters: dict[str, dict[str, Any] | None] | list[str]
    outcomes: list[str] = Field(min_length=1)
    method: Literal["morris", "sobol"] = "morris"
    N: int = Field(ge=2, le=2**24, description="Morris trajectories or Sobol base samples (a power of 2)")
    seed: int = Field(0, ge=0)
    scheduler: str | None = None
    chunk_size: int | None = Field(None, ge=1, description="rows per engine task; default: automatic (about 16 "
                                   "tasks, at most 128 simulations each)")
    levels: int = Field(4, ge=2, le=64, description="Morris grid levels")
    second_order: bool = False
    num_resamples: int = Field(1000, ge=10, description="bootstrap resamples of the confidence intervals")
    conf_level: float = Field(0.95, gt=0, lt=1)
    union_threshold: float = Field(0.6, gt=0, le=1)
    backend: str = "auto"

    @model_validator(mode="after")
    def _one_base(self) -> "SensitivitySpec":
        if (self.scenario is None) == (self.cohort is None):
            raise ValueError("give exactly one of scenario (one patient) or cohort (outcomes averaged over patients)")
        if self.method == "sobol" and not _is_power_of_two(self.N):
            raise ValueError(f"N must be a power of two for method sobol (got {self.N})")
        return self


def pydantic_issues(exc: ValidationError) -> list[Issue]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "(root)"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (see docs/analysis.md)"
        elif "input" in err and err["type"] != "missing" and not isinstance(err["input"], dict):
            msg = f"{msg} (got {err['input']!r})"
        out.append(Issue(loc, msg))
    return out


def read_yaml_spec(path: str | Path, kind: str) -> tuple[dict[str, Any], Path]:
    """The mapping of a YAML spec file and its folder (:class:`AnalysisError` if missing or not a mapping)."""
    p = Path(path)
    if not p.is_file():
        raise AnalysisError(f"{kind} {path}", [Issue(str(path), "file not found")])
    return read_yaml_mapping(p, AnalysisError, f"{kind} {path}"), p.parent


def load_sensitivity(path: str | Path, updates: dict[str, Any] | None = None) -> tuple[SensitivitySpec, Path]:
    """Read and validate a sensitivity YAML file; returns the spec and the folder relative paths refer to."""
    raw, base_dir = read_yaml_spec(path, "sensitivity")
    raw.update(updates or {})
    try:
        return SensitivitySpec.model_validate(raw), base_dir
    except ValidationError as exc:
        raise AnalysisError(f"sensitivity {path}", pydantic_issues(exc)) from None


def resolve_path(name: str, base_dir: Path | None) -> str:
    """A scenario/cohort reference: a built-in name as is, a YAML path relative to the spec's folder."""
    if base_dir is not None and name.endswith((".yaml", ".yml")) and not Path(name).is_absolute():
        return str(base_dir / name)
    return name


def base_scenarios(scenario: str | None, cohort: str | None, overrides: Sequence[str], cohort_size: int,
                   base_dir: Path | None = None, seed: int | None = None) -> list[Any]:
    """The base scenario (a list of one), or the first ``cohort_size`` patients of the cohort."""
    from ..scenario.resolve import load_scenario

    if scenario is not None:
        return [load_scenario(resolve_path(scenario, base_dir), overrides=list(overrides))]
    return cohort_scenarios(resolve_path(str(cohort), base_dir), size=cohort_size, seed=seed, overrides=overrides)


def model_problem(spec: SensitivitySpec, base_dir: Path | None = None) -> tuple[ParameterSpace, ModelEvaluator]:
    """The parameter space and the model evaluator of a spec (every problem reported at once)."""
    scenarios = base_scenarios(spec.scenario, spec.cohort, spec.set, spec.cohort_size, base_dir)
    space = build_space(declaration_of(scenarios[0].model), spec.parameters)
    ev = ModelEvaluator.for_scenarios(scenarios, ParameterMapping(tuple(space.names)), spec.outcomes,
                                      spec.union_threshold, spec.backend)
    return space, ev
