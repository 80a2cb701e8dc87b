"""The cohort specification (YAML, schema version 1): base scenario, distributions, correlations, size, seed.

>>> spec = load_cohort("young-fracture")          # a built-in, or a path to a YAML file
>>> spec.size, spec.chunk_size, spec.n_chunks     # doctest: +SKIP

Validation reports every problem at once as :class:`CohortError` (a
:class:`~osteoimmune.errors.ValidationFailed`) whose issues name the field (``covariates.age_years.dist``,
``correlations.0.between``) and what is allowed.  See docs/cohorts.md for the reference.
"""

from __future__ import annotations

import hashlib
import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Issue, UnknownNameError, ValidationFailed
from .covariates import COVARIATES
from .distributions import DISTRIBUTIONS, Distribution, LogNormal

_BUILTIN_PACKAGE = "osteoimmune.cohort.builtins"
#: column prefix of sampled model parameters in the covariate table (parameter ids may equal covariate names)
PARAM_PREFIX = "param."


class CohortError(ValidationFailed):
    """A cohort specification is invalid."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Correlation(_Strict):
    """A rank-like correlation between two random variables, imposed through a Gaussian copula."""

    between: tuple[str, str]
    rho: float = Field(gt=-1, lt=1, description="correlation of the underlying normal variables")


class Subgroup(_Strict):
    """A reporting subgroup: by a categorical/boolean covariate's values, or a numeric one cut into ``bins``."""

    name: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    by: str = Field(description="covariate name or parameter id")
    bins: list[float] | None = Field(None, description="increasing bin edges, left-closed: [a, b)")

    @field_validator("bins")
    @classmethod
    def _increasing(cls, v: list[float] | None) -> list[float] | None:
        if v is not None and (len(v) < 2 or any(b <= a for a, b in zip(v, v[1:]))):
            raise ValueError("bins must be at least two strictly increasing edges")
        return v


class CohortSpec(_Strict):
    """A validated virtual-cohort specification (see docs/cohorts.md)."""

    schema_version: int = Field(1, ge=1, le=1)
    name: str = Field("cohort", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    description: str = ""
    base: str = Field(description="built-in scenario name or scenario YAML file (relative to the cohort file)")
    set: list[str] = Field(default_factory=list, description="scenario overrides dotted.key=value applied to base")
    size: int = Field(ge=1, le=10**9)
    seed: int = Field(ge=0)
    chunk_size: int = Field(100, ge=1, le=10**7)
    union_threshold: float = Field(0.6, gt=0, le=1)
    covariates: dict[str, Distribution] = Field(default_factory=dict)
    parameters: dict[str, Distribution] = Field(default_factory=dict)
    correlations: list[Correlation] = Field(default_factory=list)
    subgroups: list[Subgroup] = Field(default_factory=list)
    #: the base scenario after ``set``, filled in by :func:`load_cohort` (so workers never read files and the digest
    #: changes when the scenario or the model's calibrated values change)
    resolved_base: dict[str, Any] | None = None

    # ------------------------------------------------------------------ derived
    @property
    def n_chunks(self) -> int:
        return math.ceil(self.size / self.chunk_size)

    def chunk_range(self, chunk_index: int) -> tuple[int, int]:
        """Patients ``[start, stop)`` of chunk ``chunk_index``."""
        if not 0 <= chunk_index < self.n_chunks:
            raise IndexError(f"chunk_index {chunk_index} out of range (the cohort has {self.n_chunks} chunks)")
        start = chunk_index * self.chunk_size
        return start, min(self.size, start + self.chunk_size)

    def variables(self) -> list[tuple[str, Any]]:
        """Every sampled variable as (column name, distribution), covariates then parameters, in spec order."""
        return ([(k, d) for k, d in self.covariates.items()]
                + [(PARAM_PREFIX + k, d) for k, d in self.parameters.items()])

    def column(self, name: str) -> str:
        """The covariate-table column of a covariate name or parameter id."""
        if name in self.covariates:
            return name
        if name in self.parameters:
            return PARAM_PREFIX + name
        raise UnknownNameError("cohort variable", name, list(self.covariates) + list(self.parameters))

    def correlation_matrix(self) -> np.ndarray:
        """The copula correlation matrix over the random variables (in :meth:`random_variables` order)."""
        names = [n for n, _ in self.random_variables()]
        r = np.eye(len(names))
        for c in self.correlations:
            i, j = names.index(self.column(c.between[0])), names.index(self.column(c.between[1]))
            r[i, j] = r[j, i] = c.rho
        return r

    def random_variables(self) -> list[tuple[str, Any]]:
        return [(n, d) for n, d in self.variables() if d.random]

    def digest(self) -> str:
        """SHA-256 of everything that determines the patients and their outcomes."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def base_scenario_dict(self) -> dict[str, Any]:
        """The resolved base scenario as a mapping (resolved now if the spec was built without :func:`load_cohort`)."""
        if self.resolved_base is not None:
            return self.resolved_base
        from ..scenario.resolve import load_scenario

        return load_scenario(self.base, overrides=self.set).model_dump(mode="json")


# ---------------------------------------------------------------------------- loading and validation
def builtin_cohorts() -> list[str]:
    files = resources.files(_BUILTIN_PACKAGE)
    return sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".yaml"))


def _issues(exc: ValidationError) -> list[Issue]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "cohort"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (see docs/cohorts.md)"
        elif err["type"] == "union_tag_invalid":
            msg = f"unknown distribution {err['input'].get('dist')!r}; allowed: {', '.join(DISTRIBUTIONS)}" \
                if isinstance(err.get("input"), dict) else msg
        elif err["type"] == "union_tag_not_found":
            msg = f"missing 'dist'; allowed: {', '.join(DISTRIBUTIONS)}"
        elif "input" in err and err["type"] != "missing" and not isinstance(err["input"], dict):
            msg = f"{msg} (got {err['input']!r})"
        out.append(Issue(loc, msg))
    return out


def _check_variables(spec: CohortSpec) -> list[Issue]:
    from ..model.build import build_model

    issues: list[Issue] = []
    for name, dist in spec.covariates.items():
        where = f"covariates.{name}"
        cov = COVARIATES.get(name)
        if cov is None:
            issues.append(Issue(where, f"unknown covariate; allowed: {', '.join(COVARIATES)}"))
            continue
        kind = dist.produces
        if kind != cov.kind:
            allowed = {"number": "uniform, normal, lognormal, constant (number)",
                       "category": "categorical, constant (one of the values)",
                       "bool": "bernoulli, constant (true/false)"}[cov.kind]
            issues.append(Issue(f"{where}.dist", f"{name} is a {cov.kind} covariate; allowed distributions: {allowed}"))
            continue
        if kind == "category":
            values = dist.values if dist.dist == "categorical" else [dist.value]
            bad = [v for v in values if v not in cov.values]
            if bad:
                issues.append(Issue(f"{where}.values", f"{bad} not allowed for {name}; allowed: {', '.join(cov.values)}"))
        if kind == "number":
            lo, hi = dist.support() if dist.random else (dist.value, dist.value)
            if dist.dist == "lognormal" and dist.median is None:
                issues.append(Issue(f"{where}.median", "required for a covariate (only parameters default to their "
                                                      "calibrated value)"))
            if dist.dist in ("uniform", "constant") and (lo < cov.low or hi > cov.high):
                issues.append(Issue(where, f"values must lie in [{cov.low:g}, {cov.high:g}] {cov.unit} for {name} "
                                           f"(got [{lo:g}, {hi:g}])"))
    if "estrogen_status" in spec.covariates and "menopause_age_years" in spec.covariates:
        issues.append(Issue("covariates.menopause_age_years", "give either estrogen_status or menopause_age_years, "
                                                             "not both"))
    model = build_model()
    for pid, dist in spec.parameters.items():
        where = f"parameters.{pid}"
        if pid not in model.parameters:
            issues.append(Issue(where, "unknown model parameter (see `osteoimmune explain`)"))
            continue
        if dist.produces != "number":
            issues.append(Issue(f"{where}.dist", "parameters take uniform, normal, lognormal or a numeric constant"))
            continue
        p = model.parameters[pid]
        lo = -math.inf if p.lower is None else p.lower
        hi = math.inf if p.upper is None else p.upper
        if dist.dist in ("uniform", "constant"):
            a, b = dist.support() if dist.random else (dist.value, dist.value)
            if a < lo or b > hi:
                issues.append(Issue(where, f"values must lie within the declared bounds [{lo:g}, {hi:g}] {p.unit} of "
                                           f"{pid} (got [{a:g}, {b:g}])"))
        if dist.dist == "lognormal" and dist.median is None and p.value <= 0:
            issues.append(Issue(f"{where}.median", f"the calibrated value of {pid} is {p.value:g}; a lognormal "
                                                  "around it needs a positive median"))
    return issues


def _check_links(spec: CohortSpec) -> list[Issue]:
    issues: list[Issue] = []
    random_names = {n for n, _ in spec.random_variables()}
    names = list(spec.covariates) + list(spec.parameters)
    seen: set[frozenset[str]] = set()
    for i, c in enumerate(spec.correlations):
        where = f"correlations.{i}.between"
        a, b = c.between
        bad = [x for x in (a, b) if x not in names]
        if bad:
            issues.append(Issue(where, f"{bad} not in the spec's covariates or parameters; allowed: {', '.join(names)}"))
            continue
        if a == b:
            issues.append(Issue(where, "a variable cannot be correlated with itself"))
            continue
        if spec.column(a) not in random_names or spec.column(b) not in random_names:
            issues.append(Issue(where, "both variables must be random (not constant)"))
            continue
        if frozenset((a, b)) in seen:
            issues.append(Issue(where, f"the pair ({a}, {b}) is given twice"))
        seen.add(frozenset((a, b)))
    if not issues and spec.correlations:
        if np.linalg.eigvalsh(spec.correlation_matrix()).min() <= 1e-10:
            issues.append(Issue("correlations", "the correlations are inconsistent (the correlation matrix is not "
                                                "positive definite); weaken some of them"))
    group_names: set[str] = set()
    for i, g in enumerate(spec.subgroups):
        where = f"subgroups.{i}"
        if g.name in group_names or g.name == "all":
            issues.append(Issue(f"{where}.name", f"subgroup name {g.name!r} is used twice or reserved ('all')"))
        group_names.add(g.name)
        if g.by not in names:
            issues.append(Issue(f"{where}.by", f"{g.by!r} is not a covariate or parameter of the spec; allowed: "
                                               f"{', '.join(names) or '(none)'}"))
            continue
        dist = spec.covariates.get(g.by) or spec.parameters[g.by]
        if dist.produces == "number" and g.bins is None:
            issues.append(Issue(f"{where}.bins", f"{g.by} is numeric: give bin edges, e.g. [20, 40, 60, 80]"))
        if dist.produces != "number" and g.bins is not None:
            issues.append(Issue(f"{where}.bins", f"{g.by} is {dist.produces}: omit bins (groups are its values)"))
    return issues


def validate_cohort(raw: dict[str, Any], what: str = "cohort", base_dir: Path | None = None) -> CohortSpec:
    """Validate a cohort mapping, resolve its base scenario; :class:`CohortError` with every problem at once."""
    if not isinstance(raw, dict):
        raise CohortError(what, [Issue("cohort", "top level must be a mapping of cohort keys")])
    raw = dict(raw)
    raw.pop("resolved_base", None)
    base = raw.get("base")
    if isinstance(base, str) and base_dir is not None and base.endswith((".yaml", ".yml")) \
            and not Path(base).is_absolute():
        raw["base"] = str((base_dir / base).resolve())
    try:
        spec = CohortSpec.model_validate(raw)
    except ValidationError as exc:
        raise CohortError(what, _issues(exc)) from None
    issues = _check_variables(spec) + _check_links(spec)
    try:
        base_dict = spec.base_scenario_dict()
    except (ValidationFailed, UnknownNameError) as exc:
        issues.append(Issue("base", str(exc)))
        base_dict = None
    if issues:
        raise CohortError(what, issues)
    return spec.model_copy(update={"resolved_base": base_dict, **_resolved(spec)})


def load_cohort(name_or_path: str | Path, updates: dict[str, Any] | None = None) -> CohortSpec:
    """Load a built-in cohort (by name) or a cohort YAML file and validate it.

    ``updates`` replace top-level keys before validation (``{"size": 200, "seed": 1}``), except ``set``, whose
    scenario overrides are appended to the file's.
    """
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.is_file():
            raise CohortError(f"cohort {name_or_path}", [Issue(str(p), "file not found")])
        text, base_dir = p.read_text(encoding="utf-8"), p.parent
    else:
        if str(name_or_path) not in builtin_cohorts():
            raise UnknownNameError("cohort", str(name_or_path), builtin_cohorts())
        text = resources.files(_BUILTIN_PACKAGE).joinpath(f"{name_or_path}.yaml").read_text(encoding="utf-8")
        base_dir = None
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CohortError(f"cohort {name_or_path}", [Issue(str(name_or_path), f"not valid YAML: {exc}")]) from None
    if updates and isinstance(raw, dict):
        for key, value in updates.items():
            raw[key] = list(raw.get("set") or []) + list(value) if key == "set" else value
    return validate_cohort(raw, f"cohort {name_or_path}", base_dir)


def _truncate(dist: Any, low: float | None, high: float | None) -> Any:
    """``dist`` with its truncation narrowed to ``[low, high]`` (normal and lognormal; others are checked)."""
    if dist.dist not in ("normal", "lognormal"):
        return dist
    lo = low if dist.low is None else (dist.low if low is None else max(dist.low, low))
    hi = high if dist.high is None else (dist.high if high is None else min(dist.high, high))
    if dist.dist == "lognormal" and lo is not None and lo <= 0:
        lo = None
    return dist.model_copy(update={"low": lo, "high": hi})


def _resolved(spec: CohortSpec) -> dict[str, Any]:
    """Distributions made self-contained: parameter medians and every valid range written into them."""
    from ..model.build import build_model

    model = build_model()
    covariates = {k: _truncate(d, COVARIATES[k].low, COVARIATES[k].high) for k, d in spec.covariates.items()}
    parameters = {}
    for pid, d in spec.parameters.items():
        p = model.parameters[pid]
        if isinstance(d, LogNormal) and d.median is None:
            d = d.with_median(p.value)
        parameters[pid] = _truncate(d, p.lower, p.upper)
    return {"covariates": covariates, "parameters": parameters}

