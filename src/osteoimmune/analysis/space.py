"""Parameter spaces: which model parameters an analysis varies, over which ranges, on which scale.

A :class:`ParameterRange` is one parameter id with ``[low, high]`` in the parameter's unit and a scale: ``log``
(sampled uniformly in log10, for rate constants and half-saturation levels spanning a fold range) or ``lin``.
Default ranges come from the declaration (:class:`~osteoimmune.model.records.Parameter`): the declared
``lower``/``upper`` bounds on the declared scale where both are given, otherwise the calibrated value divided and
multiplied by an uncertainty ``factor`` (default 2, i.e. ×/÷ 2, log scale) and clipped to any one-sided bound.

SALib and the optimisers work in the *internal* coordinates of a :class:`ParameterSpace` (log10 of log-scaled
parameters, the value itself for linear ones); :meth:`ParameterSpace.values` maps internal rows back to values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Sequence

import numpy as np

from ..errors import Issue, UnknownNameError, ValidationFailed
from ..model.records import ModelDeclaration, ParameterKind, Scale

#: default multiplicative uncertainty of a parameter without declared bounds (range = value ÷ f … value × f)
DEFAULT_FACTOR = 2.0
SCALES = ("log", "lin")


class AnalysisError(ValidationFailed):
    """An analysis specification is invalid (every problem at once, each naming the field)."""


@dataclass(frozen=True)
class ParameterRange:
    """One varied parameter: id, range in its unit, sampling scale, unit and nominal (calibrated) value."""

    id: str
    low: float
    high: float
    scale: Literal["log", "lin"] = "log"
    unit: str = ""
    nominal: float = math.nan

    def internal_bounds(self) -> tuple[float, float]:
        if self.scale == "log":
            return math.log10(self.low), math.log10(self.high)
        return self.low, self.high

    def to_internal(self, value: float | np.ndarray) -> float | np.ndarray:
        return np.log10(value) if self.scale == "log" else value

    def to_value(self, x: float | np.ndarray) -> float | np.ndarray:
        return 10.0 ** np.asarray(x, float) if self.scale == "log" else np.asarray(x, float)


@dataclass(frozen=True)
class ParameterSpace:
    """An ordered set of :class:`ParameterRange` (the columns of every sample matrix)."""

    ranges: tuple[ParameterRange, ...]

    @property
    def names(self) -> list[str]:
        return [r.id for r in self.ranges]

    @property
    def dim(self) -> int:
        return len(self.ranges)

    def bounds(self) -> np.ndarray:
        """Internal bounds, shape (d, 2)."""
        return np.array([r.internal_bounds() for r in self.ranges], float)

    def salib_problem(self) -> dict[str, Any]:
        return {"num_vars": self.dim, "names": self.names, "bounds": self.bounds().tolist()}

    def values(self, x: np.ndarray) -> np.ndarray:
        """Parameter values of internal rows ``x`` (shape (n, d) or (d,))."""
        x = np.asarray(x, float)
        out = np.empty_like(x)
        for j, r in enumerate(self.ranges):
            out[..., j] = r.to_value(x[..., j])
        return out

    def internal(self, values: np.ndarray) -> np.ndarray:
        v = np.asarray(values, float)
        out = np.empty_like(v)
        for j, r in enumerate(self.ranges):
            out[..., j] = r.to_internal(v[..., j])
        return out

    def table(self) -> list[dict[str, Any]]:
        return [{"parameter": r.id, "low": r.low, "high": r.high, "scale": r.scale, "unit": r.unit,
                 "nominal": r.nominal} for r in self.ranges]


def default_range(declaration: ModelDeclaration, pid: str, factor: float = DEFAULT_FACTOR) -> ParameterRange:
    """The default range of parameter ``pid`` (declared bounds, else value ÷/× ``factor``); see the module doc."""
    p = declaration.parameters[pid]
    if p.lower is not None and p.upper is not None and p.upper > p.lower:
        scale = "log" if p.scale is Scale.log10 else "lin"
        return ParameterRange(pid, float(p.lower), float(p.upper), scale, p.unit, float(p.value))
    if p.value <= 0:
        raise ValueError(f"{pid} has value {p.value:g} and no declared bounds: give low and high explicitly")
    low, high = p.value / factor, p.value * factor
    if p.lower is not None:
        low = max(low, float(p.lower))
    if p.upper is not None:
        high = min(high, float(p.upper))
    scale = "log" if low > 0 else "lin"
    return ParameterRange(pid, float(low), float(high), scale, p.unit, float(p.value))


def build_space(declaration: ModelDeclaration, entries: Mapping[str, Mapping[str, Any] | None] | Sequence[str],
                where: str = "parameters") -> ParameterSpace:
    """Validate parameter entries (``{id: {low, high, scale, factor}}`` or a list of ids) against the declaration.

    Raises :class:`AnalysisError` listing every problem (unknown id, switch parameter, bad range, ...).
    """
    if isinstance(entries, (list, tuple)):
        entries = {str(e): {} for e in entries}
    if not isinstance(entries, Mapping) or not entries:
        raise AnalysisError(where, [Issue(where, "give at least one parameter id (a list, or a mapping id -> "
                                                 "{low, high, scale, factor})")])
    issues: list[Issue] = []
    ranges: list[ParameterRange] = []
    for pid, opts in entries.items():
        loc = f"{where}.{pid}"
        opts = dict(opts or {})
        if pid not in declaration.parameters:
            issues.append(Issue(loc, f"unknown model parameter; allowed: ids of `{declaration.name}` parameters "
                                     "(see `osteoimmune explain ID`)"))
            continue
        p = declaration.parameters[pid]
        if p.kind is ParameterKind.switch:
            issues.append(Issue(loc, "is a hypothesis switch (0/1); choose the alternative with the scenario's "
                                     "`hypotheses` instead"))
            continue
        unknown = set(opts) - {"low", "high", "scale", "factor"}
        if unknown:
            issues.append(Issue(loc, f"unknown key(s) {sorted(unknown)}; allowed: low, high, scale, factor"))
            continue
        scale = opts.get("scale")
        if scale is not None and scale not in SCALES:
            issues.append(Issue(f"{loc}.scale", f"got {scale!r}; allowed: {', '.join(SCALES)}"))
            continue
        try:
            factor = float(opts.get("factor", DEFAULT_FACTOR))
            if not factor > 1:
                raise ValueError(f"factor must be > 1 (got {factor:g})")
            if "low" in opts or "high" in opts:
                if not ("low" in opts and "high" in opts):
                    raise ValueError("give both low and high")
                low, high = float(opts["low"]), float(opts["high"])
                rng = ParameterRange(pid, low, high, scale or ("log" if low > 0 else "lin"), p.unit, float(p.value))
            else:
                rng = default_range(declaration, pid, factor)
                if scale is not None:
                    rng = ParameterRange(pid, rng.low, rng.high, scale, rng.unit, rng.nominal)
            if not (math.isfinite(rng.low) and math.isfinite(rng.high) and rng.high > rng.low):
                raise ValueError(f"need finite low < high (got [{rng.low:g}, {rng.high:g}])")
            if rng.scale == "log" and rng.low <= 0:
                raise ValueError(f"scale log needs low > 0 (got {rng.low:g}); use scale: lin")
            lo = -math.inf if p.lower is None else p.lower
            hi = math.inf if p.upper is None else p.upper
            if rng.low < lo or rng.high > hi:
                raise ValueError(f"[{rng.low:g}, {rng.high:g}] leaves the declared bounds [{lo:g}, {hi:g}] {p.unit}")
        except (TypeError, ValueError) as exc:
            issues.append(Issue(loc, str(exc)))
            continue
        ranges.append(rng)
    if issues:
        raise AnalysisError(where, issues)
    return ParameterSpace(tuple(ranges))


def declaration_of(model: str) -> ModelDeclaration:
    """The declaration a scenario's ``model`` field selects (the full model or a reference model)."""
    from ..model.build import build_model
    from ..scenario.schema import MAIN_MODEL

    if model == MAIN_MODEL:
        return build_model()
    from .. import reference

    if model not in reference.names():
        raise UnknownNameError("model", model, [MAIN_MODEL, *reference.names()])
    return reference.declaration(model)
