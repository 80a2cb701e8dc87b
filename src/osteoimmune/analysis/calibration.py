"""Calibration: fit model parameters to time-course data by multi-start least squares, with confidence intervals.

Data are a table of ``time`` (day), ``observable`` (a species or assignment id of the scenario's model, or a name
mapped to one by ``observables``), ``value`` and ``sigma`` (the standard deviation of its Gaussian noise) — from a
CSV file (:func:`read_csv_data`) or a PEtab measurement table with its observable table (:func:`read_petab_data`,
read with the ``petab`` library; normal noise with numeric ``noiseParameters`` or a numeric ``noiseFormula``).

The objective is the weighted sum of squares ``χ²(θ) = Σ ((y_sim(t_i; θ) − y_i) / σ_i)²`` (−2 log-likelihood up to a
constant), minimised by :func:`scipy.optimize.least_squares` (trust-region reflective, finite-difference Jacobian)
in ``x = log10 θ`` within the parameter ranges, from Latin-hypercube starts; every start is one engine task.

Confidence intervals (``conf_level``, default 95 %):

* ``profile`` — profile likelihood (Raue et al. 2009): for each parameter, step away from the optimum in both
  directions, re-optimising the others at every step, until ``χ² − χ²_min`` exceeds the ``χ²₁`` quantile (3.84);
  the crossing, interpolated, is the CI bound (a bound of the range where it is never crossed: not identifiable to
  that side).  Steps start at half the asymptotic standard error.  Each (parameter, direction) is one engine task.
* ``bootstrap`` — parametric bootstrap: refit data simulated at the optimum with fresh Gaussian noise
  (``n_bootstrap`` replicates, one engine task each); percentile intervals.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import Issue, SolverFailure, UnknownNameError
from .space import AnalysisError, ParameterSpace, build_space, declaration_of

DATA_COLUMNS = ("time", "observable", "value", "sigma")
CI_METHODS = ("profile", "bootstrap")
#: residual of a failed simulation (in units of sigma): pushes the optimiser back without NaNs
FAILED_RESIDUAL = 1e3


# ---------------------------------------------------------------------------- data


def check_data(df: pd.DataFrame, where: str = "data") -> pd.DataFrame:
    """Validate a data table (columns, finite numbers, sigma > 0, time ≥ 0); every problem at once."""
    missing = [c for c in DATA_COLUMNS if c not in df.columns]
    if missing:
        raise AnalysisError(where, [Issue(where, f"missing column(s) {missing}; required: {', '.join(DATA_COLUMNS)}")])
    out = df[list(DATA_COLUMNS)].copy()
    issues = []
    for c in ("time", "value", "sigma"):
        num = pd.to_numeric(out[c], errors="coerce")
        bad = np.flatnonzero(~np.isfinite(num.to_numpy(float)))
        if bad.size:
            issues.append(Issue(f"{where}.{c}", f"rows {bad[:5].tolist()} are not finite numbers"))
        out[c] = num.astype(float)
    if not issues:
        if (out["sigma"] <= 0).any():
            issues.append(Issue(f"{where}.sigma", f"must be > 0 (rows {np.flatnonzero(out['sigma'] <= 0)[:5].tolist()})"))
        if (out["time"] < 0).any():
            issues.append(Issue(f"{where}.time", "must be >= 0 (day)"))
    if len(out) == 0:
        issues.append(Issue(where, "no measurements"))
    if issues:
        raise AnalysisError(where, issues)
    out["observable"] = out["observable"].astype(str)
    return out.reset_index(drop=True)


def read_csv_data(path: str | Path) -> pd.DataFrame:
    """A CSV file with columns time, observable, value, sigma."""
    try:
        df = pd.read_csv(path)
    except (OSError, ValueError) as exc:
        raise AnalysisError(f"data {path}", [Issue(str(path), f"cannot read CSV: {exc}")]) from None
    return check_data(df, f"data {path}")


def read_petab_data(measurements: str | Path, observables: str | Path | None = None) -> pd.DataFrame:
    """A PEtab measurement table (+ observable table) as a data table; model names from ``observableFormula``.

    Supported: one simulation condition, normal noise, no observable transformation other than ``lin``, numeric
    ``noiseParameters`` (or a numeric ``noiseFormula``), observable formulas that name one model quantity.
    """
    import petab.v1 as petab
    from petab.v1 import C

    where = f"PEtab {measurements}"
    try:
        with warnings.catch_warnings():
            # petab 0.8 calls pandas APIs that pandas 3 deprecates (float_precision, set_index(inplace=...)); the
            # tables read the same, so these deprecations of a third-party reader are silenced here only
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)
            m = petab.get_measurement_df(str(measurements))
            o = petab.get_observable_df(str(observables)) if observables is not None else None
    except Exception as exc:  # noqa: BLE001 - petab raises several kinds for unreadable tables
        raise AnalysisError(where, [Issue(str(measurements), f"cannot read PEtab table: {exc}")]) from None
    issues: list[Issue] = []
    if C.SIMULATION_CONDITION_ID in m and m[C.SIMULATION_CONDITION_ID].nunique() > 1:
        issues.append(Issue(C.SIMULATION_CONDITION_ID, "several conditions; give one measurement table per scenario"))
    formula: dict[str, str] = {}
    noise_formula: dict[str, str] = {}
    if o is not None:
        for oid, row in o.iterrows():
            dist = str(row.get(C.NOISE_DISTRIBUTION, "normal") or "normal")
            trans = str(row.get(C.OBSERVABLE_TRANSFORMATION, "lin") or "lin")
            if dist not in ("normal", "nan") or trans not in ("lin", "nan"):
                issues.append(Issue(f"observables.{oid}", f"noiseDistribution {dist!r} / observableTransformation "
                                                          f"{trans!r}; supported: normal / lin"))
            formula[str(oid)] = str(row[C.OBSERVABLE_FORMULA]).strip()
            noise_formula[str(oid)] = str(row.get(C.NOISE_FORMULA, "")).strip()
    sigmas = []
    for i, row in m.reset_index(drop=True).iterrows():
        oid = str(row[C.OBSERVABLE_ID])
        raw = row.get(C.NOISE_PARAMETERS, math.nan) if C.NOISE_PARAMETERS in m else math.nan
        try:
            s = float(raw)
        except (TypeError, ValueError):
            s = math.nan
        if not math.isfinite(s):
            try:
                s = float(noise_formula.get(oid, "nan"))
            except ValueError:
                s = math.nan
        if not math.isfinite(s):
            issues.append(Issue(f"measurements.{i}.noiseParameters", f"no numeric noise for {oid} (give "
                                                                      "noiseParameters or a numeric noiseFormula)"))
        sigmas.append(s)
    if issues:
        raise AnalysisError(where, issues)
    obs = [formula.get(str(x), str(x)) for x in m[C.OBSERVABLE_ID]]
    df = pd.DataFrame({"time": m[C.TIME].astype(float).to_numpy(), "observable": obs,
                       "value": m[C.MEASUREMENT].astype(float).to_numpy(), "sigma": sigmas})
    return check_data(df, where)


# ---------------------------------------------------------------------------- the problem


@dataclass(frozen=True)
class CalibrationProblem:
    """Scenario + fitted parameters (a :class:`ParameterSpace`) + data: residuals of internal coordinates ``x``."""

    scenario: Any
    space: ParameterSpace
    times: np.ndarray
    observables: tuple[str, ...]
    values: np.ndarray
    sigmas: np.ndarray
    options: Any = None
    backend: str = "auto"

    @classmethod
    def build(cls, scenario: Any, space: ParameterSpace, data: pd.DataFrame,
              observables: dict[str, str] | None = None, options: Any = None,
              backend: str = "auto") -> "CalibrationProblem":
        data = check_data(data)
        mapping = dict(observables or {})
        decl = declaration_of(scenario.model)
        allowed = list(decl.species) + list(decl.assignments)
        issues = []
        names = []
        for o in data["observable"]:
            name = mapping.get(o, o)
            if name not in allowed and name not in [n for n in names]:
                issues.append(Issue(f"data.observable.{o}", f"{name!r} is not a species or assignment of "
                                                            f"{decl.name}; map it with observables: {{{o}: ID}} "
                                                            f"(allowed: {', '.join(allowed[:40])}, ...)"))
            names.append(name)
        if data["time"].max() > scenario.days:
            issues.append(Issue("data.time", f"measurements up to day {data['time'].max():g} but the scenario runs "
                                             f"{scenario.days:g} days (set days)"))
        if issues:
            raise AnalysisError("calibration data", list({(i.location, i.message): i for i in issues}.values()))
        return cls(scenario, space, data["time"].to_numpy(float), tuple(names), data["value"].to_numpy(float),
                   data["sigma"].to_numpy(float), options, backend)

    def with_values(self, values: np.ndarray) -> "CalibrationProblem":
        return replace(self, values=np.asarray(values, float))

    def scenario_at(self, theta: np.ndarray) -> Any:
        params = {**self.scenario.parameters, **{n: float(v) for n, v in zip(self.space.names, theta)}}
        return self.scenario.model_copy(update={"parameters": params})

    def simulate(self, theta: np.ndarray) -> Any:
        """The simulation at parameter values ``theta`` (raises :class:`SolverFailure`)."""
        from ..batch import simulate_many

        return simulate_many([self.scenario_at(theta)], backend=self.backend, options=self.options)[0]

    def predict(self, theta: np.ndarray) -> np.ndarray:
        """Model values at the data points."""
        r = self.simulate(theta)
        t = np.asarray(r.time, float)
        out = np.empty(len(self.times))
        for name in set(self.observables):
            sel = np.array([o == name for o in self.observables])
            out[sel] = np.interp(self.times[sel], t, np.asarray(r[name], float))
        return out

    def residuals(self, x: np.ndarray) -> np.ndarray:
        try:
            pred = self.predict(self.space.values(np.asarray(x, float)))
        except SolverFailure:
            return np.full(len(self.times), FAILED_RESIDUAL)
        res = (pred - self.values) / self.sigmas
        return np.where(np.isfinite(res), res, FAILED_RESIDUAL)

    def chi2(self, x: np.ndarray) -> float:
        r = self.residuals(x)
        return float(r @ r)


# ---------------------------------------------------------------------------- fitting


def _least_squares(problem: CalibrationProblem, x0: np.ndarray, free: np.ndarray | None = None,
                   fixed: dict[int, float] | None = None, max_nfev: int = 200) -> dict[str, Any]:
    """One local fit in internal coordinates; ``fixed`` holds coordinates at given values (profiles)."""
    from scipy.optimize import least_squares

    b = problem.space.bounds()
    fixed = fixed or {}
    free = np.array([i for i in range(problem.space.dim) if i not in fixed], int) if free is None else free
    full = np.asarray(x0, float).copy()
    for i, v in fixed.items():
        full[i] = v

    def res(z: np.ndarray) -> np.ndarray:
        x = full.copy()
        x[free] = z
        return problem.residuals(x)

    if free.size == 0:
        r = res(np.zeros(0))
        return {"x": full, "chi2": float(r @ r), "success": True, "nfev": 1, "message": "nothing free"}
    z0 = np.clip(full[free], b[free, 0], b[free, 1])
    sol = least_squares(res, z0, bounds=(b[free, 0], b[free, 1]), method="trf", diff_step=1e-4, x_scale=1.0,
                        max_nfev=max_nfev)
    x = full.copy()
    x[free] = sol.x
    return {"x": x, "chi2": float(2.0 * sol.cost), "success": bool(sol.success), "nfev": int(sol.nfev),
            "message": str(sol.message), "jac": sol.jac, "free": free}


def fit_start(task: tuple[CalibrationProblem, np.ndarray]) -> dict[str, Any]:
    """Engine task: one local fit from one start (internal coordinates)."""
    problem, x0 = task
    out = _least_squares(problem, x0)
    out.pop("jac", None)
    out.pop("free", None)
    out["x0"] = np.asarray(x0, float)
    return out


def starts(space: ParameterSpace, n: int, seed: int, include: np.ndarray | None = None) -> np.ndarray:
    """``n`` Latin-hypercube starts in internal coordinates (the first replaced by ``include`` if given)."""
    from scipy.stats import qmc

    b = space.bounds()
    u = qmc.LatinHypercube(d=space.dim, seed=np.random.default_rng(seed)).random(n)
    x = b[:, 0] + u * (b[:, 1] - b[:, 0])
    if include is not None and n > 0:
        x[0] = include
    return x


def standard_errors(problem: CalibrationProblem, x: np.ndarray) -> np.ndarray:
    """Asymptotic standard errors in internal coordinates from the Gauss-Newton Hessian (NaN if singular)."""
    eps = 1e-4
    r0 = problem.residuals(x)
    jac = np.empty((len(r0), len(x)))
    for j in range(len(x)):
        xp = x.copy()
        xp[j] += eps
        jac[:, j] = (problem.residuals(xp) - r0) / eps
    try:
        cov = np.linalg.inv(jac.T @ jac)
        return np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        return np.full(len(x), np.nan)


def profile_task(task: tuple[CalibrationProblem, np.ndarray, int, int, float, float, int, float]) -> dict[str, Any]:
    """Engine task: the profile of coordinate ``i`` in direction ``sign`` from the optimum ``x_hat``."""
    problem, x_hat, i, sign, chi2_min, step, max_steps, conf_level = task
    from scipy.stats import chi2 as chi2_dist

    b = problem.space.bounds()
    edge = b[i, 1] if sign > 0 else b[i, 0]
    x = np.asarray(x_hat, float).copy()
    points = [(float(x[i]), 0.0)]
    limit = None
    crossed = False
    threshold = float(chi2_dist.ppf(conf_level, 1))
    for _ in range(max_steps):
        xi = x[i] + sign * step
        hit_edge = (xi - edge) * sign >= 0
        if hit_edge:
            xi = edge
        fit = _least_squares(problem, x, fixed={i: xi}, max_nfev=100)
        x = fit["x"]
        d = fit["chi2"] - chi2_min
        points.append((float(xi), float(d)))
        if d > threshold:
            (x0, d0), (x1, d1) = points[-2], points[-1]
            limit = x0 + (threshold - d0) / (d1 - d0) * (x1 - x0) if d1 != d0 else x1
            crossed = True
            break
        if hit_edge:
            limit = edge
            break
        if d < threshold / 8:  # still flat: take bigger steps
            step *= 2.0
    if limit is None:
        limit = points[-1][0]
    return {"i": i, "sign": sign, "limit": float(limit), "crossed": crossed, "points": points,
            "threshold": threshold}


def bootstrap_task(task: tuple[CalibrationProblem, np.ndarray, np.ndarray, int]) -> dict[str, Any]:
    """Engine task: refit data simulated at the optimum plus Gaussian noise (replicate ``b``)."""
    problem, x_hat, y_hat, b = task
    rng = np.random.default_rng(np.random.SeedSequence(int(b), spawn_key=(7,)))
    noisy = problem.with_values(y_hat + rng.standard_normal(len(y_hat)) * problem.sigmas)
    fit = _least_squares(noisy, x_hat)
    return {"b": b, "x": fit["x"], "chi2": fit["chi2"], "success": fit["success"]}


@dataclass
class CalibrationResult:
    """Best fit, all starts, confidence intervals (internal and value scale) and the profiles."""

    problem: CalibrationProblem
    x_hat: np.ndarray
    chi2_min: float
    fits: list[dict[str, Any]]
    ci_method: str
    conf_level: float
    ci_internal: np.ndarray                 # (d, 2)
    identifiable: np.ndarray                # (d, 2) bool: the CI bound was crossed (not a range edge)
    profiles: list[dict[str, Any]] = field(default_factory=list)
    bootstrap: np.ndarray | None = None

    @property
    def theta_hat(self) -> np.ndarray:
        return self.problem.space.values(self.x_hat)

    def table(self) -> pd.DataFrame:
        """One row per fitted parameter: estimate, CI, range, unit, whether each CI side is identified."""
        sp = self.problem.space
        lo = sp.values(self.ci_internal[:, 0])
        hi = sp.values(self.ci_internal[:, 1])
        return pd.DataFrame({
            "parameter": sp.names, "estimate": self.theta_hat, "ci_low": lo, "ci_high": hi,
            "ci_low_identified": self.identifiable[:, 0], "ci_high_identified": self.identifiable[:, 1],
            "range_low": [r.low for r in sp.ranges], "range_high": [r.high for r in sp.ranges],
            "nominal": [r.nominal for r in sp.ranges], "unit": [r.unit for r in sp.ranges],
            "scale": [r.scale for r in sp.ranges]})

    def starts_table(self) -> pd.DataFrame:
        sp = self.problem.space
        rows = []
        for k, f in enumerate(self.fits):
            row = {"start": k, "chi2": f["chi2"], "success": f["success"], "nfev": f["nfev"]}
            row.update({f"{n}_start": v for n, v in zip(sp.names, sp.values(f["x0"]))})
            row.update({n: v for n, v in zip(sp.names, sp.values(f["x"]))})
            rows.append(row)
        return pd.DataFrame(rows).sort_values("chi2").reset_index(drop=True)


def calibrate(problem: CalibrationProblem, n_starts: int = 4, seed: int = 0, ci: str = "profile",
              conf_level: float = 0.95, engine: Any = None, store: Any = None, n_bootstrap: int = 50,
              max_profile_steps: int = 30, progress: bool = False, include_nominal: bool = False) -> CalibrationResult:
    """Multi-start fit on the engine, then profile-likelihood or bootstrap CIs (also on the engine)."""
    from ..engine import Engine

    if ci not in CI_METHODS:
        raise UnknownNameError("ci method", ci, list(CI_METHODS))
    if n_starts < 1:
        raise ValueError(f"n_starts must be >= 1, got {n_starts}")
    sp = problem.space
    nominal = sp.internal(np.array([r.nominal for r in sp.ranges])) if include_nominal else None
    x0s = starts(sp, n_starts, seed, nominal)
    own = engine is None
    engine = engine or Engine()
    try:
        fits = engine.map(fit_start, [(problem, x0) for x0 in x0s], store=store,
                          keys=[f"start-{_digest(problem, seed)}-{k:04d}" for k in range(n_starts)],
                          progress=progress, desc="calibration starts")
        best = min(fits, key=lambda f: f["chi2"])
        x_hat, chi2_min = np.asarray(best["x"], float), float(best["chi2"])
        d = sp.dim
        ci_int = np.empty((d, 2))
        ident = np.zeros((d, 2), bool)
        profiles: list[dict[str, Any]] = []
        boot = None
        if ci == "profile":
            se = standard_errors(problem, x_hat)
            widths = sp.bounds()[:, 1] - sp.bounds()[:, 0]
            steps = np.where(np.isfinite(se) & (se > 0), 0.5 * se, 0.05 * widths)
            steps = np.clip(steps, 1e-4 * widths, 0.1 * widths)
            tasks = [(problem, x_hat, i, s, chi2_min, float(steps[i]), max_profile_steps, conf_level)
                     for i in range(d) for s in (-1, 1)]
            profiles = engine.map(profile_task, tasks, store=store,
                                  keys=[f"profile-{_digest(problem, seed)}-{i}-{'lo' if s < 0 else 'hi'}"
                                        for i in range(d) for s in (-1, 1)],
                                  progress=progress, desc="profile likelihood")
            for p in profiles:
                col = 0 if p["sign"] < 0 else 1
                ci_int[p["i"], col] = p["limit"]
                ident[p["i"], col] = p["crossed"]
        else:
            y_hat = problem.predict(sp.values(x_hat))
            res = engine.map(bootstrap_task, [(problem, x_hat, y_hat, b) for b in range(n_bootstrap)], store=store,
                             keys=[f"boot-{_digest(problem, seed)}-{b:05d}" for b in range(n_bootstrap)],
                             progress=progress, desc="bootstrap refits")
            boot = np.array([r["x"] for r in res])
            a = (1 - conf_level) / 2
            ci_int[:, 0] = np.quantile(boot, a, axis=0)
            ci_int[:, 1] = np.quantile(boot, 1 - a, axis=0)
            b = sp.bounds()
            ident[:, 0] = ci_int[:, 0] > b[:, 0] + 1e-9
            ident[:, 1] = ci_int[:, 1] < b[:, 1] - 1e-9
    finally:
        if own:
            engine.close()
    return CalibrationResult(problem, x_hat, chi2_min, fits, ci, conf_level, ci_int, ident, profiles, boot)


def _digest(problem: CalibrationProblem, seed: int) -> str:
    import hashlib
    import pickle

    return hashlib.sha256(pickle.dumps((problem, seed), protocol=4)).hexdigest()[:12]


def synthetic_data(problem_or_scenario: Any, space: ParameterSpace, theta: np.ndarray, times: Sequence[float],
                   observables: Sequence[str], rel_sigma: float = 0.05, seed: int = 0,
                   options: Any = None) -> pd.DataFrame:
    """Data simulated at ``theta`` with Gaussian noise of standard deviation ``rel_sigma`` × |value| (floor 1e-12).

    The noise-free values set sigma, so the data are exactly the model's with known noise (tests, examples).
    """
    t = np.repeat(np.asarray(times, float), len(observables))
    obs = np.tile(np.asarray(observables, object), len(times))
    dummy = pd.DataFrame({"time": t, "observable": obs, "value": 0.0, "sigma": 1.0})
    prob = CalibrationProblem.build(problem_or_scenario, space, dummy, options=options)
    y = prob.predict(np.asarray(theta, float))
    sigma = np.maximum(rel_sigma * np.abs(y), 1e-12)
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"time": t, "observable": obs.astype(str), "value": y + rng.standard_normal(len(y)) * sigma,
                         "sigma": sigma})


# ---------------------------------------------------------------------------- the YAML specification


class CalibrationSpec(BaseModel):
    """The file of ``osteoimmune calibrate`` (schema version 1); see docs/analysis.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    name: str = Field("calibration", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    scenario: str
    set: list[str] = Field(default_factory=list)
    data: str | None = Field(None, description="CSV with time, observable, value, sigma (relative to this file)")
    petab: dict[str, str] | None = Field(None, description="{measurements: FILE, observables: FILE}")
    observables: dict[str, str] = Field(default_factory=dict, description="data observable -> model species or "
                                                                          "assignment id")
    parameters: dict[str, dict[str, Any] | None] | list[str]
    starts: int = Field(4, ge=1, le=10000)
    seed: int = Field(0, ge=0)
    ci: Literal["profile", "bootstrap"] = "profile"
    conf_level: float = Field(0.95, gt=0, lt=1)
    n_bootstrap: int = Field(50, ge=5)
    include_nominal: bool = Field(False, description="use the declared values as the first start")
    rtol: float = Field(1e-8, gt=0, lt=1, description="solver relative tolerance during the fit")
    scheduler: str | None = None
    backend: str = "auto"

    @model_validator(mode="after")
    def _one_source(self) -> "CalibrationSpec":
        if (self.data is None) == (self.petab is None):
            raise ValueError("give exactly one of data (CSV) or petab ({measurements, observables})")
        if self.petab is not None:
            unknown = set(self.petab) - {"measurements", "observables"}
            if unknown or "measurements" not in self.petab:
                raise ValueError("petab takes measurements (required) and observables")
        return self


def load_calibration(path: str | Path, updates: dict[str, Any] | None = None) -> tuple[CalibrationSpec, Path]:
    from .sensitivity import pydantic_issues, read_yaml_spec

    raw, base_dir = read_yaml_spec(path, "calibration")
    raw.update(updates or {})
    try:
        return CalibrationSpec.model_validate(raw), base_dir
    except ValidationError as exc:
        raise AnalysisError(f"calibration {path}", pydantic_issues(exc)) from None


def problem_from_spec(spec: CalibrationSpec, base_dir: Path | None = None) -> CalibrationProblem:
    from ..scenario.resolve import load_scenario
    from ..solve.integrate import SolverOptions
    from .sensitivity import resolve_path

    def rel(p: str) -> str:
        return str(base_dir / p) if base_dir is not None and not Path(p).is_absolute() else p

    scenario = load_scenario(resolve_path(spec.scenario, base_dir), overrides=spec.set)
    space = build_space(declaration_of(scenario.model), spec.parameters)
    if spec.data is not None:
        data = read_csv_data(rel(spec.data))
    else:
        assert spec.petab is not None
        obs = spec.petab.get("observables")
        data = read_petab_data(rel(spec.petab["measurements"]), rel(obs) if obs else None)
    return CalibrationProblem.build(scenario, space, data, spec.observables, SolverOptions(rtol=spec.rtol),
                                    spec.backend)
