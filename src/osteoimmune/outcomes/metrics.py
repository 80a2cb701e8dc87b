"""Healing outcome metrics computed from a simulation result.

Pure numerics: no I/O, no plotting.  :func:`compute_outcomes` reads the
sampled trajectories of a result (anything with a ``time`` array in days and
``result[name]`` returning the trajectory of a species or assignment) and
returns a JSON-ready ``dict`` of plain Python values (``float``, ``bool`` or
``None``).

Every value is computed from the output samples; crossings are located by
linear interpolation between the two samples that bracket them, peaks are
taken at the output sample where the trajectory is largest (their time
resolution is the output interval).  A metric whose trajectory is missing
from the result (a reduced model) is ``None``.

Definitions (``t`` in day, ``B(t)`` = ``bone_fraction``, θ = union threshold):

``union`` (bool)
    ``B(t_end) ≥ θ``: the defect is bridged at the end of the run.
``union_threshold`` (dimensionless)
    θ, the bone fraction counted as union (default 0.6).
``time_to_union_days`` (day)
    First ``t`` with ``B(t) ≥ θ`` (the first sample's time if ``B`` starts at or
    above θ); ``None`` if ``B`` never reaches θ.
``bone_fraction_day_28``, ``bone_fraction_day_56`` (dimensionless)
    ``B`` at day 28 / 56, interpolated; ``None`` if the run does not cover that day.
``bone_fraction_initial``, ``bone_fraction_final`` (dimensionless)
    ``B`` at the first and last output sample.
``bone_change_percent`` (%)
    ``(B_final − B_initial) / B_initial × 100``; ``None`` if ``B_initial = 0``.
``peak_m1``, ``peak_m1_day`` (cell/mL, day)
    Maximum of ``m1_macrophage`` and the first sample where it occurs; the day
    is ``None`` if M1 is never positive.
``peak_m2_day`` (day)
    When ``m2_macrophage`` is largest; ``None`` if M2 is never positive.
``m1_m2_crossover_day`` (day)
    When M2 overtakes M1 at the end of the M1-dominant phase around the M1
    peak (the zero of ``m2 − m1``, interpolated).  If M1 exceeds M2 at its
    peak: the first ``t > peak_m1_day`` with ``m2 > m1``.  If M2 already
    exceeds M1 at the M1 peak (M2 took over while M1 was still rising): the
    last time before the peak at which ``m2 − m1`` turned positive.  ``None``
    if M2 never overtakes M1 after the peak, if M1 never dominated up to its
    peak, or if M1 is never positive.
``inflammation_auc`` (ng/mL·day)
    Trapezoid-rule integral of ``tnf_alpha + il1_beta + il6`` over the run.
``cartilage_peak``, ``cartilage_peak_day`` (dimensionless, day)
    Maximum of the cartilage volume fraction and when it occurs (day ``None``
    if there is never any cartilage).
``fibrous_fraction_final`` (dimensionless)
    ``fibrous_tissue`` volume fraction at the end of the run (scar / non-union tissue).
``debris_cleared_day`` (day)
    First ``t`` after the debris maximum with ``debris < 1 %`` of that maximum
    (interpolated); ``None`` if it never falls that low or debris is always 0.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

import numpy as np

#: default bone fraction counted as union (bridged defect)
DEFAULT_UNION_THRESHOLD = 0.6
#: fraction of the debris maximum below which debris counts as cleared
DEBRIS_CLEARED_FRACTION = 0.01
#: cytokines summed in the inflammatory burden
INFLAMMATORY_CYTOKINES: tuple[str, ...] = ("tnf_alpha", "il1_beta", "il6")

#: metric name -> (unit, description); the CLI and the docs read this table.
METRICS: dict[str, tuple[str, str]] = {
    "union": ("bool", "bone_fraction >= union_threshold at the end of the run (defect bridged)"),
    "union_threshold": ("dimensionless", "bone fraction counted as union"),
    "time_to_union_days": ("day", "first day bone_fraction >= union_threshold (interpolated); null if never"),
    "bone_fraction_day_28": ("dimensionless", "bone_fraction at day 28 (interpolated); null if the run is shorter"),
    "bone_fraction_day_56": ("dimensionless", "bone_fraction at day 56 (interpolated); null if the run is shorter"),
    "bone_fraction_initial": ("dimensionless", "bone_fraction at the first output time"),
    "bone_fraction_final": ("dimensionless", "bone_fraction at the last output time"),
    "bone_change_percent": ("%", "(final - initial) / initial * 100 of bone_fraction; null if initial is 0"),
    "peak_m1": ("cell/mL", "maximum M1 macrophage density"),
    "peak_m1_day": ("day", "day of the M1 macrophage maximum"),
    "peak_m2_day": ("day", "day of the M2 macrophage maximum"),
    "m1_m2_crossover_day": ("day", "day M2 overtakes M1 at the end of the M1-dominant phase around the M1 peak "
                                   "(interpolated); null if never"),
    "inflammation_auc": ("ng/mL*day", "time integral of TNF-alpha + IL-1beta + IL-6 (trapezoid rule)"),
    "cartilage_peak": ("dimensionless", "maximum cartilage volume fraction"),
    "cartilage_peak_day": ("day", "day of the cartilage maximum"),
    "fibrous_fraction_final": ("dimensionless", "fibrous tissue volume fraction at the end of the run"),
    "debris_cleared_day": ("day", "first day after its maximum that debris < 1 % of that maximum; null if never"),
}


class ResultLike(Protocol):
    """What :func:`compute_outcomes` needs from a result."""

    time: np.ndarray

    def __getitem__(self, name: str) -> np.ndarray: ...


def _series(result: ResultLike, name: str) -> np.ndarray | None:
    try:
        return np.asarray(result[name], dtype=float)
    except KeyError:  # UnknownNameError is a KeyError
        return None


def _f(x: Any) -> float | None:
    """Plain float, ``None`` for missing or non-finite values."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def first_crossing(
    t: np.ndarray, x: np.ndarray, level: float, start: int = 0, *, strict: bool = False
) -> float | None:
    """First time at or after sample ``start`` where ``x`` reaches ``level`` from below.

    ``x ≥ level`` (``x > level`` if ``strict``).  The time is interpolated
    linearly between the bracketing samples; it is ``t[start]`` if the
    condition already holds at ``start`` and ``None`` if it never holds.
    """
    hit = (x[start:] > level) if strict else (x[start:] >= level)
    idx = np.nonzero(hit)[0]
    if idx.size == 0:
        return None
    i = start + int(idx[0])
    if i == start:
        return float(t[i])
    x0, x1 = float(x[i - 1]), float(x[i])
    return float(t[i - 1] + (level - x0) / (x1 - x0) * (t[i] - t[i - 1]))


def first_drop(t: np.ndarray, x: np.ndarray, level: float, start: int = 0) -> float | None:
    """First time at or after sample ``start`` where ``x < level`` (interpolated); ``None`` if never."""
    return first_crossing(t, -np.asarray(x, dtype=float), -level, start, strict=True)


def m1_m2_crossover(t: np.ndarray, m1: np.ndarray, m2: np.ndarray, i_peak: int) -> float | None:
    """Day M2 overtakes M1 at the end of the M1-dominant phase around sample ``i_peak`` (the M1 peak).

    See ``m1_m2_crossover_day`` in the module docstring.
    """
    d = np.asarray(m2, dtype=float) - np.asarray(m1, dtype=float)
    if not d[i_peak] > 0:  # M1 dominates at its peak: the first time M2 exceeds it afterwards
        return first_crossing(t, d, 0.0, start=i_peak, strict=True)
    # M2 took over before the M1 peak: the last upward zero crossing of m2 - m1 up to the peak
    ups = np.nonzero((d[:i_peak] <= 0) & (d[1 : i_peak + 1] > 0))[0]
    if ups.size == 0:
        return None  # M1 never dominated before its peak
    j = int(ups[-1]) + 1
    return float(t[j - 1] + (0.0 - d[j - 1]) / (d[j] - d[j - 1]) * (t[j] - t[j - 1]))


def _interp_at(t: np.ndarray, x: np.ndarray, day: float) -> float | None:
    if day < t[0] or day > t[-1]:
        return None
    return float(np.interp(day, t, x))


def _peak(t: np.ndarray, x: np.ndarray | None) -> tuple[int | None, float | None, float | None]:
    """(index, day, value) of the maximum.

    ``(None, None, None)`` if ``x`` is missing; ``(None, None, max)`` if ``x``
    is never positive (there is no peak to date).
    """
    if x is None:
        return None, None, None
    i = int(np.argmax(x))
    if not x[i] > 0:
        return None, None, _f(x[i])
    return i, float(t[i]), float(x[i])


def compute_outcomes(result: ResultLike, union_threshold: float = DEFAULT_UNION_THRESHOLD) -> dict[str, Any]:
    """The healing outcome metrics of ``result`` (see the module docstring and :data:`METRICS`).

    Parameters
    ----------
    result
        A :class:`~osteoimmune.SimulationResult` or anything with ``time`` (day)
        and ``result[name]``.
    union_threshold
        Bone fraction (dimensionless, in (0, 1]) counted as union.

    Returns
    -------
    dict
        Metric name -> ``float``, ``bool`` or ``None``; keys in :data:`METRICS` order.
    """
    if not (0.0 < float(union_threshold) <= 1.0):
        raise ValueError(f"union_threshold must be in (0, 1], got {union_threshold!r}")
    thr = float(union_threshold)
    t = np.asarray(result.time, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"result.time must be a non-empty 1-D array, got shape {t.shape}")
    out: dict[str, Any] = dict.fromkeys(METRICS)
    out["union_threshold"] = thr

    bone = _series(result, "bone_fraction")
    if bone is not None:
        out["union"] = bool(bone[-1] >= thr)
        out["time_to_union_days"] = first_crossing(t, bone, thr)
        out["bone_fraction_day_28"] = _interp_at(t, bone, 28.0)
        out["bone_fraction_day_56"] = _interp_at(t, bone, 56.0)
        out["bone_fraction_initial"] = _f(bone[0])
        out["bone_fraction_final"] = _f(bone[-1])
        if bone[0] != 0:
            out["bone_change_percent"] = _f((bone[-1] - bone[0]) / bone[0] * 100.0)

    m1, m2 = _series(result, "m1_macrophage"), _series(result, "m2_macrophage")
    i_m1, out["peak_m1_day"], out["peak_m1"] = _peak(t, m1)
    _, out["peak_m2_day"], _ = _peak(t, m2)
    if i_m1 is not None and m1 is not None and m2 is not None:
        out["m1_m2_crossover_day"] = m1_m2_crossover(t, m1, m2, i_m1)

    cytokines = [_series(result, c) for c in INFLAMMATORY_CYTOKINES]
    if all(c is not None for c in cytokines):
        burden = np.sum(cytokines, axis=0)
        out["inflammation_auc"] = _f(np.trapezoid(burden, t))

    _, out["cartilage_peak_day"], out["cartilage_peak"] = _peak(t, _series(result, "cartilage"))

    fibrous = _series(result, "fibrous_tissue")
    if fibrous is not None:
        out["fibrous_fraction_final"] = _f(fibrous[-1])

    debris = _series(result, "debris")
    i_d, _, dmax = _peak(t, debris)
    if debris is not None and i_d is not None and dmax is not None:
        out["debris_cleared_day"] = first_drop(t, debris, DEBRIS_CLEARED_FRACTION * dmax, start=i_d)
    return out


def format_outcomes(outcomes: dict[str, Any]) -> list[str]:
    """Human-readable ``name = value unit`` lines (for the CLI and reports)."""
    lines = []
    for name, value in outcomes.items():
        unit = METRICS.get(name, ("", ""))[0]
        if value is None:
            shown = "n/a"
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, float):
            shown = f"{value:.4g}" + ("" if unit in ("bool", "dimensionless", "") else f" {unit}")
        else:
            shown = str(value)
        lines.append(f"{name} = {shown}")
    return lines
