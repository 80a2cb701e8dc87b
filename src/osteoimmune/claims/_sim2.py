"""Extra measures for the claim sections G–K (on top of the memoised runs of :mod:`osteoimmune.claims._sim`).

Pure functions of a :class:`~osteoimmune.solve.result.SimulationResult`; no simulation happens here.
"""

from __future__ import annotations

import numpy as np

from ._sim import auc, mean, rel

#: standard transplanted BMSC dose of the co-culture / carrier claims (cell/mL, half the BMSC carrying capacity)
BMSC_DOSE = 5.0e5


def window(result, name: str, t0: float, t1: float) -> np.ndarray:
    """Samples of ``name`` with t0 ≤ t ≤ t1."""
    t = result.time
    return np.asarray(result[name])[(t >= t0) & (t <= t1)]


def m2_share(result, t0: float, t1: float) -> float:
    """Time average of M2 / (M0 + M1 + M2) over [t0, t1]."""
    t = result.time
    mask = (t >= t0) & (t <= t1)
    m0, m1, m2 = (np.asarray(result[s])[mask] for s in ("m0_macrophage", "m1_macrophage", "m2_macrophage"))
    share = m2 / np.maximum(m0 + m1 + m2, 1e-30)
    tt = t[mask]
    return float(np.sum((share[1:] + share[:-1]) * np.diff(tt)) / 2.0 / (tt[-1] - tt[0]))


def m1_share(result, t0: float, t1: float) -> float:
    """Time average of M1 / (M0 + M1 + M2) over [t0, t1]."""
    t = result.time
    mask = (t >= t0) & (t <= t1)
    m0, m1, m2 = (np.asarray(result[s])[mask] for s in ("m0_macrophage", "m1_macrophage", "m2_macrophage"))
    share = m1 / np.maximum(m0 + m1 + m2, 1e-30)
    tt = t[mask]
    return float(np.sum((share[1:] + share[:-1]) * np.diff(tt)) / 2.0 / (tt[-1] - tt[0]))


def rel_mean(new, ref, name: str, t0: float, t1: float) -> float:
    """Relative change of the time average of ``name`` over [t0, t1]."""
    return rel(mean(new, name, t0, t1), mean(ref, name, t0, t1))


def rel_auc(new, ref, name: str, t0: float = 0.0, t1: float | None = None) -> float:
    """Relative change of the integral of ``name`` over [t0, t1]."""
    return rel(auc(new, name, t0, t1), auc(ref, name, t0, t1))


def rel_end(new, ref, name: str) -> float:
    """Relative change of ``name`` at the last output time."""
    return rel(float(new[name][-1]), float(ref[name][-1]))


def first_day_above(result, name: str, level: float) -> float | None:
    """First day ``name`` reaches ``level`` (linear interpolation), None if never."""
    y = np.asarray(result[name])
    t = result.time
    idx = np.nonzero(y >= level)[0]
    if idx.size == 0:
        return None
    i = int(idx[0])
    if i == 0:
        return float(t[0])
    return float(t[i - 1] + (level - y[i - 1]) * (t[i] - t[i - 1]) / (y[i] - y[i - 1]))


def yearly_loss_percent(result) -> list[float]:
    """Bone lost in each full year of the run, in % of the bone at the start of that year."""
    t = result.time
    b = np.asarray(result["bone_fraction"])
    years = int(t[-1] // 365)
    at = [float(np.interp(365.0 * y, t, b)) for y in range(years + 1)]
    return [100.0 * (at[i] - at[i + 1]) / at[i] for i in range(years)]
