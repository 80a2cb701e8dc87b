"""Outcome metrics of a spatial run: bridging of the defect and when it happens.

**Bridging**: a connected path of voxels with bone fraction ≥ ``threshold`` (faces shared, i.e. 4-connectivity
in 2D and 6-connectivity in 3D; :func:`scipy.ndimage.label`) joining a cortex voxel of the left bone end to one of
the right bone end.  **Time to bridging**: the first output time at which the defect is bridged.  Also reported:
the mean bone, fibrous and cartilage fractions in the defect, the smallest bone fraction along the gap of the
best-bridged longitudinal line, and the **bridging path bone fraction**: the largest threshold at which the defect
would count as bridged (the bottleneck of the best connected path; how far from bridging the defect is).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import ndimage

from .geometry import DefectGeometry, Region


def is_bridged(bone: np.ndarray, geometry: DefectGeometry, threshold: float) -> bool:
    """Whether one connected component of ``bone ≥ threshold`` touches both bone ends."""
    mask = bone >= threshold
    labels, n = ndimage.label(mask)  # face connectivity
    if n == 0:
        return False
    left = np.unique(labels[geometry.left_end & mask])
    right = np.unique(labels[geometry.right_end & mask])
    return bool(np.intersect1d(left[left > 0], right[right > 0]).size)


def bridging_bone_fraction(bone: np.ndarray, geometry: DefectGeometry) -> float:
    """The largest threshold at which the defect is bridged: over face-connected paths from one bone end to the
    other, the largest smallest bone fraction along the path (a bottleneck path; exact, by bisection over the
    field's values, since being bridged can only be lost as the threshold rises)."""
    values = np.unique(bone)
    lo, hi = 0, values.size - 1  # every voxel is >= values[0]: bridged there whenever the ends exist
    if not is_bridged(bone, geometry, values[lo]):
        return 0.0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if is_bridged(bone, geometry, values[mid]):
            lo = mid
        else:
            hi = mid - 1
    return float(values[lo])


def bridging_series(result: Any, threshold: float) -> np.ndarray:
    bone = result["bone_fraction"]
    return np.array([is_bridged(bone[k], result.geometry, threshold) for k in range(len(result.time))])


def spatial_outcomes(result: Any, threshold: float = 0.5) -> dict[str, Any]:
    """The outcome metrics of a spatial result (see the module docstring)."""
    geom = result.geometry
    if geom.kind != "segmental_defect":
        raise ValueError("bridging is defined for the segmental_defect geometry only")
    series = bridging_series(result, threshold)
    first = int(np.argmax(series)) if series.any() else None
    defect = geom.mask(Region.DEFECT)
    in_gap = np.abs(geom.grid.axes()[0]) <= geom.gap_mm / 2
    bone_final = result["bone_fraction"][-1]
    # for each longitudinal line (fixed y, z) through the defect: its smallest bone fraction across the gap
    line_min = np.where(defect, bone_final, np.inf)[in_gap].min(axis=0)
    line_min = line_min[np.isfinite(line_min)]
    out = {
        "bridged": bool(series[-1]),
        "bridging_threshold": threshold,
        "time_to_bridging_days": float(result.time[first]) if first is not None else None,
        "defect_bone_fraction_final": float(result.mean("bone_fraction", defect)[-1]),
        "defect_fibrous_fraction_final": float(result.mean("fibrous_tissue", defect)[-1]) if "fibrous_tissue" in result.fields else None,
        "defect_cartilage_peak": float(result.mean("cartilage", defect).max()) if "cartilage" in result.fields else None,
        "best_line_min_bone_fraction": float(line_min.max()) if line_min.size else None,
        "bridging_path_bone_fraction": bridging_bone_fraction(bone_final, geom),
        "gap_mm": geom.gap_mm,
        "days": float(result.time[-1]),
    }
    for day in (28.0, 56.0, 84.0):
        if result.time[0] <= day <= result.time[-1]:
            out[f"defect_bone_fraction_day_{int(day)}"] = float(np.interp(day, result.time, result.mean("bone_fraction", defect)))
    return out


#: units and definitions (CLI and docs read them)
SPATIAL_METRICS: dict[str, tuple[str, str]] = {
    "bridged": ("-", "a face-connected path of voxels with bone fraction >= threshold joins the two bone ends at the last output time"),
    "time_to_bridging_days": ("day", "first output time at which the defect is bridged (None if never)"),
    "defect_bone_fraction_final": ("-", "mean bone fraction (woven + lamellar) over the defect at the end"),
    "defect_fibrous_fraction_final": ("-", "mean fibrous-tissue fraction over the defect at the end"),
    "defect_cartilage_peak": ("-", "peak over time of the mean cartilage fraction in the defect"),
    "best_line_min_bone_fraction": ("-", "over longitudinal lines through the defect, the largest of their smallest bone fractions at the end"),
    "bridging_path_bone_fraction": ("-", "the largest threshold at which the defect is bridged at the end: over face-connected paths joining the bone ends, the largest smallest bone fraction along the path (bridged iff >= bridging_threshold)"),
    "defect_bone_fraction_day_N": ("-", "mean bone fraction over the defect at day N (28, 56, 84 when in range)"),
}
