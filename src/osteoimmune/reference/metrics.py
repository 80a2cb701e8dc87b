"""The published benchmark quantities of each reference model, computed from a result.

Pure numerics on ``result.time`` (day) and ``result[name]``; crossings are
interpolated linearly between samples, peaks are taken at the sample where a
trajectory is largest (resolution: the output interval).  The tests, the
validation report (``python -m osteoimmune.reference.report``) and
``osteoimmune run`` all use these functions, so the numbers in
``docs/validation.md`` are the ones the tests check.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np


def peak(t: np.ndarray, x: np.ndarray) -> tuple[float, float]:
    """(day, value) of the maximum of ``x``."""
    i = int(np.argmax(x))
    return float(t[i]), float(x[i])


def trough(t: np.ndarray, x: np.ndarray) -> tuple[float, float]:
    """(day, value) of the minimum of ``x``."""
    i = int(np.argmin(x))
    return float(t[i]), float(x[i])


def first_rise(t: np.ndarray, x: np.ndarray, level: float) -> float | None:
    """First day ``x ≥ level`` (interpolated); ``None`` if never."""
    idx = np.nonzero(x >= level)[0]
    if idx.size == 0:
        return None
    i = int(idx[0])
    if i == 0:
        return float(t[0])
    return float(t[i - 1] + (level - x[i - 1]) / (x[i] - x[i - 1]) * (t[i] - t[i - 1]))


def first_fall(t: np.ndarray, x: np.ndarray, level: float, start: int = 0) -> float | None:
    """First day at or after sample ``start`` with ``x < level`` (interpolated); ``None`` if never."""
    idx = np.nonzero(x[start:] < level)[0]
    if idx.size == 0:
        return None
    i = start + int(idx[0])
    if i == start:
        return float(t[i])
    return float(t[i - 1] + (level - x[i - 1]) / (x[i] - x[i - 1]) * (t[i] - t[i - 1]))


def last_above(t: np.ndarray, x: np.ndarray, level: float) -> float | None:
    """Last day ``x > level`` before it falls back for good (interpolated); ``None`` if never above."""
    idx = np.nonzero(x > level)[0]
    if idx.size == 0:
        return None
    i = int(idx[-1])
    if i == t.size - 1:
        return float(t[i])
    return float(t[i] + (level - x[i]) / (x[i + 1] - x[i]) * (t[i + 1] - t[i]))


def peak_intervals(t: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Intervals (day) between successive local maxima of ``x`` (each refined by a parabola through 3 samples)."""
    i = np.nonzero((x[1:-1] > x[:-2]) & (x[1:-1] >= x[2:]))[0] + 1
    if i.size < 2:
        return np.array([])
    y0, y1, y2 = x[i - 1], x[i], x[i + 1]
    denom = y0 - 2 * y1 + y2
    shift = np.where(denom != 0, 0.5 * (y0 - y2) / np.where(denom != 0, denom, 1.0), 0.0)
    h = t[i + 1] - t[i]
    return np.diff(t[i] + shift * h)


def fold_changes(result: Any, species: tuple[str, ...], day: float, reference_day: float = 0.0) -> dict[str, float]:
    """``x(day) / x(reference_day)`` of each species (interpolated)."""
    t = np.asarray(result.time, dtype=float)
    return {s: float(np.interp(day, t, result[s]) / np.interp(reference_day, t, result[s])) for s in species}


# --------------------------------------------------------------------------- per model
def komarova(result: Any) -> dict[str, float | None]:
    """Remodeling-cycle quantities (Komarova 2003 Fig. 2; model-anchors.md §1.1)."""
    t = np.asarray(result.time, dtype=float)
    x1, x2, z = (np.asarray(result[s], dtype=float) for s in ("osteoclast", "osteoblast", "bone_mass"))
    x1b, x2b = float(result["osteoclast_ss"][0]), float(result["osteoblast_ss"][0])
    zmin_day, zmin = trough(t, z)
    ob_day, ob = peak(t, x2)
    periods = peak_intervals(t, x1)
    return {
        "osteoclast_steady_state": x1b,
        "osteoblast_steady_state": x2b,
        "resorption_end_day": last_above(t, x1, 1.01 * x1b),
        "formation_end_day": last_above(t, x2, 1.01 * x2b),
        "osteoblast_peak": ob,
        "osteoblast_peak_day": ob_day,
        "bone_mass_min_percent": zmin,
        "bone_mass_min_day": zmin_day,
        "bone_mass_final_percent": float(z[-1]),
        "osteoclast_period_days": float(np.mean(periods[:3])) if periods.size else None,
    }


def _cells(species: tuple[str, ...]) -> Callable[[Any], dict[str, float | None]]:
    def metrics(result: Any) -> dict[str, float | None]:
        t = np.asarray(result.time, dtype=float)
        out: dict[str, float | None] = {}
        for s in species:
            x = np.asarray(result[s], dtype=float)
            out[f"{s}_initial"] = float(x[0])
            out[f"{s}_max_fold"] = float(x.max() / x[0])
            out[f"{s}_min_fold"] = float(x.min() / x[0])
            out[f"{s}_final_fold"] = float(x[-1] / x[0])
        out["run_days"] = float(t[-1])
        return out

    metrics.__doc__ = f"Initial values and fold changes (max, min, final) of {', '.join(species)}."
    return metrics


def trejo(result: Any) -> dict[str, float | None]:
    """Healing quantities of Trejo 2019 (model-anchors.md §2.1 table)."""
    t = np.asarray(result.time, dtype=float)
    bone = np.asarray(result["bone_fraction"], dtype=float)
    debris = np.asarray(result["debris"], dtype=float)
    i_d = int(np.argmax(debris))
    m1_day, m1 = peak(t, np.asarray(result["m1_macrophage"], dtype=float))
    m2_day, m2 = peak(t, np.asarray(result["m2_macrophage"], dtype=float))
    mc_day, mc = peak(t, np.asarray(result["cartilage"], dtype=float))
    late = t > 0.5  # M2 > M1 from: after the first half day (both start at 0)
    m2_over = np.nonzero(late & (np.asarray(result["m2_macrophage"]) > np.asarray(result["m1_macrophage"])))[0]
    return {
        "m1_peak_day": m1_day, "m1_peak": m1, "m2_peak_day": m2_day, "m2_peak": m2,
        "m2_exceeds_m1_day": float(t[m2_over[0]]) if m2_over.size else None,
        "debris_below_1pct_day": first_fall(t, debris, 0.01 * debris[i_d], i_d) if debris[i_d] > 0 else None,
        "cartilage_peak_day": mc_day, "cartilage_peak": mc,
        "bone_50pct_day": first_rise(t, bone, 0.5), "bone_90pct_day": first_rise(t, bone, 0.9),
        "bone_final": float(bone[-1]),
    }


def peterson(result: Any) -> dict[str, float | None]:
    """Serum calcium/PTH/calcitriol at the end, BMD changes at each full year and the deepest osteoclast suppression."""
    t = np.asarray(result.time, dtype=float)
    out: dict[str, float | None] = {
        "calcium_mM_final": float(result["caconc"][-1]),
        "pth_pM_final": float(result["pthconc"][-1]),
        "calcitriol_pM_final": float(result["c8"][-1]),
        "osteoclast_min_fraction": float(np.min(result["oc"]) / result["oc"][0]),
    }
    for year in range(1, int(t[-1] // 365) + 1):
        for site in ("bmd_fn_change", "bmd_ls_den_change"):
            out[f"{site}_percent_year_{year}"] = float(np.interp(365.0 * year, t, result[site]))
    return out


METRICS: dict[str, Callable[[Any], Mapping[str, float | None]]] = {
    "komarova2003": komarova,
    "lemaire2004": _cells(("responding_osteoblast", "osteoblast", "osteoclast")),
    "pivonka2008": _cells(("preosteoblast", "osteoblast", "osteoclast")),
    "trejo2019": trejo,
    "peterson2010": peterson,
}


def reference_outcomes(name: str, result: Any) -> dict[str, float | None]:
    """The benchmark quantities of reference model ``name`` (empty if it has none)."""
    fn = METRICS.get(name)
    return dict(fn(result)) if fn is not None else {}
