"""Marginal distributions of a cohort's random variables, each applied as an inverse CDF to a uniform draw.

Every distribution maps ``u`` in (0, 1) to a value with :meth:`ppf`, so all of them combine with the Gaussian
copula of :mod:`osteoimmune.cohort.sampling` (correlated normals → uniforms → these inverse CDFs).  Continuous
distributions may be truncated to ``[low, high]``; the truncation is exact (``u`` is mapped into
``[F(low), F(high)]`` before inverting), so no draw is rejected or clipped.

``lognormal`` is parametrised by its median and coefficient of variation, ``σ = sqrt(ln(1 + CV²))``, the usual
description of a positive physiological parameter "around its calibrated value": for model parameters the median
defaults to the calibrated value of the model declaration.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, Union

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy.special import ndtr, ndtri


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def produces(self) -> str:
        """Kind of values drawn: ``"number"``, ``"category"`` or ``"bool"``."""
        return "number"

    def ppf(self, u: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def random(self) -> bool:
        return True

    def support(self) -> tuple[float, float]:
        return (-math.inf, math.inf)


def _check_range(low: float | None, high: float | None) -> None:
    if low is not None and high is not None and not low < high:
        raise ValueError(f"low ({low}) must be below high ({high})")


def _truncated(u: np.ndarray, cdf_low: float, cdf_high: float) -> np.ndarray:
    return cdf_low + u * (cdf_high - cdf_low)


class Constant(_Dist):
    """The same value for every patient (a number, a category or a boolean)."""

    dist: Literal["constant"]
    value: float | bool | str

    @property
    def random(self) -> bool:
        return False

    @property
    def produces(self) -> str:
        return "bool" if isinstance(self.value, bool) else "category" if isinstance(self.value, str) else "number"

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return np.full(u.shape, self.value, dtype=object if isinstance(self.value, str) else None)


class Uniform(_Dist):
    """Uniform on ``[low, high]``."""

    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _order(self) -> "Uniform":
        _check_range(self.low, self.high)
        return self

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return self.low + u * (self.high - self.low)


class Normal(_Dist):
    """Normal with ``mean`` and ``sd``, truncated to ``[low, high]`` if given."""

    dist: Literal["normal"]
    mean: float
    sd: float = Field(gt=0)
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _order(self) -> "Normal":
        _check_range(self.low, self.high)
        return self

    def support(self) -> tuple[float, float]:
        return (-math.inf if self.low is None else self.low, math.inf if self.high is None else self.high)

    def ppf(self, u: np.ndarray, low: float | None = None, high: float | None = None) -> np.ndarray:
        lo, hi = self.support()
        lo, hi = max(lo, -math.inf if low is None else low), min(hi, math.inf if high is None else high)
        a = float(ndtr((lo - self.mean) / self.sd)) if math.isfinite(lo) else 0.0
        b = float(ndtr((hi - self.mean) / self.sd)) if math.isfinite(hi) else 1.0
        x = self.mean + self.sd * ndtri(np.clip(_truncated(u, a, b), 1e-300, 1 - 1e-16))
        return np.clip(x, lo, hi)


class LogNormal(_Dist):
    """Log-normal with ``median`` (default for parameters: the calibrated value) and coefficient of variation ``cv``."""

    dist: Literal["lognormal"]
    median: float | None = Field(None, gt=0)
    cv: float = Field(gt=0, le=10)
    low: float | None = Field(None, ge=0)
    high: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _order(self) -> "LogNormal":
        _check_range(self.low, self.high)
        return self

    @property
    def sigma(self) -> float:
        return math.sqrt(math.log1p(self.cv**2))

    def support(self) -> tuple[float, float]:
        return (0.0 if self.low is None else self.low, math.inf if self.high is None else self.high)

    def with_median(self, median: float) -> "LogNormal":
        return self.model_copy(update={"median": median})

    def ppf(self, u: np.ndarray, low: float | None = None, high: float | None = None) -> np.ndarray:
        if self.median is None:
            raise ValueError("lognormal needs a median (parameters default to their calibrated value)")
        lo, hi = self.support()
        lo, hi = max(lo, 0.0 if low is None else low), min(hi, math.inf if high is None else high)
        mu, s = math.log(self.median), self.sigma
        a = float(ndtr((math.log(lo) - mu) / s)) if lo > 0 else 0.0
        b = float(ndtr((math.log(hi) - mu) / s)) if math.isfinite(hi) else 1.0
        x = np.exp(mu + s * ndtri(np.clip(_truncated(u, a, b), 1e-300, 1 - 1e-16)))
        return np.clip(x, lo, hi)


class Categorical(_Dist):
    """One of ``values`` with probabilities ``p`` (default: equal)."""

    dist: Literal["categorical"]
    values: list[str] = Field(min_length=1)
    p: list[float] | None = None

    @model_validator(mode="after")
    def _probabilities(self) -> "Categorical":
        if len(set(self.values)) != len(self.values):
            raise ValueError("values must be distinct")
        if self.p is not None:
            if len(self.p) != len(self.values):
                raise ValueError(f"p has {len(self.p)} entries for {len(self.values)} values")
            if any(x < 0 for x in self.p) or abs(sum(self.p) - 1.0) > 1e-9:
                raise ValueError(f"p must be non-negative and sum to 1 (sum is {sum(self.p):.12g})")
        return self

    @property
    def produces(self) -> str:
        return "category"

    def ppf(self, u: np.ndarray) -> np.ndarray:
        p = np.asarray(self.p if self.p is not None else [1.0 / len(self.values)] * len(self.values))
        cum = np.cumsum(p)
        cum[-1] = 1.0
        idx = np.minimum(np.searchsorted(cum, u, side="right"), len(self.values) - 1)
        return np.asarray(self.values, dtype=object)[idx]


class Bernoulli(_Dist):
    """``True`` with probability ``p`` (with a positive correlation, ``True`` goes with high values of the other)."""

    dist: Literal["bernoulli"]
    p: float = Field(ge=0, le=1)

    @property
    def produces(self) -> str:
        return "bool"

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return u > 1.0 - self.p


Distribution = Annotated[Union[Constant, Uniform, Normal, LogNormal, Categorical, Bernoulli], Field(discriminator="dist")]
DISTRIBUTIONS = ("constant", "uniform", "normal", "lognormal", "categorical", "bernoulli")
