"""Functions with known sensitivity indices, evaluated through the same engine as the model (the analysis tests).

Ishigami & Homma (1990), ``f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1`` with ``x_i ~ U(−π, π)``.  Its variance
decomposition is analytic (Sobol' & Levitan 1999; SALib's ``Ishigami`` test function):

``V = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2``,
``V1 = (1 + b π⁴/5)² / 2``, ``V2 = a²/8``, ``V3 = 0``, ``V13 = b² π⁸ (1/18 − 1/50)``,
``S_i = V_i / V``, ``ST1 = (V1 + V13)/V``, ``ST2 = V2/V``, ``ST3 = V13/V``
(a = 7, b = 0.1: S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .space import ParameterRange, ParameterSpace


@dataclass(frozen=True)
class Ishigami:
    """The Ishigami function as a picklable row evaluator: rows (n, 3) → outcomes (n, 1)."""

    a: float = 7.0
    b: float = 0.1

    outcomes: tuple[str, ...] = ("ishigami",)

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(np.asarray(rows, float))
        y = np.sin(x[:, 0]) + self.a * np.sin(x[:, 1]) ** 2 + self.b * x[:, 2] ** 4 * np.sin(x[:, 0])
        return y[:, None]

    @staticmethod
    def space() -> ParameterSpace:
        return ParameterSpace(tuple(ParameterRange(f"x{i}", -math.pi, math.pi, "lin", "1", 0.0) for i in (1, 2, 3)))

    def analytic_indices(self) -> dict[str, np.ndarray]:
        """Exact first-order (``S1``) and total (``ST``) Sobol indices."""
        a, b, pi = self.a, self.b, math.pi
        v = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
        v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
        v2 = a**2 / 8
        v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
        return {"S1": np.array([v1, v2, 0.0]) / v, "ST": np.array([v1 + v13, v2, v13]) / v}
