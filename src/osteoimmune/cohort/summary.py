"""Cohort summary statistics: non-union fraction with a Wilson interval, time to union, by subgroup.

Pure numerics on a patient table (pandas); no files, no plotting.

Non-union fraction: ``k / n`` over the patients whose simulation succeeded (``status == "ok"``), with the Wilson
score interval (Wilson 1927; recommended for binomial proportions near 0 or 1, where the Wald interval fails,
Brown, Cai & DasGupta 2001):

    centre = (p̂ + z²/2n) / (1 + z²/n),   half-width = z sqrt(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)

Time to union: quantiles (5, 25, 50, 75, 95 %) and mean over the patients who reached union.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd
from scipy.special import ndtri

from .spec import CohortSpec, Subgroup

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
SUMMARY_COLUMNS = ("subgroup", "level", "n", "n_failed", "n_nonunion", "nonunion_fraction", "nonunion_ci_low",
                   "nonunion_ci_high", "time_to_union_mean", *(f"time_to_union_p{int(q * 100):02d}" for q in QUANTILES),
                   "bone_fraction_day_56_mean", "bone_fraction_final_mean")


def wilson_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion ``k / n`` (``(nan, nan)`` when ``n = 0``)."""
    if n == 0:
        return (math.nan, math.nan)
    if not 0 <= k <= n:
        raise ValueError(f"k must lie in [0, n]; got k={k}, n={n}")
    z = float(ndtri(0.5 + confidence / 2))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def subgroup_labels(values: pd.Series, group: Subgroup) -> pd.Series:
    """The level of each patient in ``group``: its value, or its bin ``[a, b)`` (``None`` outside the bins)."""
    if group.bins is None:
        return values.astype("str")
    edges = group.bins
    labels = [f"[{a:g}, {b:g})" for a, b in zip(edges, edges[1:])]
    idx = np.searchsorted(np.asarray(edges), values.to_numpy(dtype=float), side="right") - 1
    idx = np.where(values.to_numpy(dtype=float) == edges[-1], len(labels) - 1, idx)  # the last edge is inclusive
    out = np.array([labels[i] if 0 <= i < len(labels) else None for i in idx], dtype=object)
    return pd.Series(out, index=values.index, dtype="str")


def summarize_group(df: pd.DataFrame, subgroup: str, level: str, confidence: float = 0.95) -> dict[str, object]:
    ok = df[df["status"] == "ok"]
    n = len(ok)
    union = ok["union"].astype(bool).to_numpy()
    k = int(n - union.sum())
    lo, hi = wilson_interval(k, n, confidence)
    ttu = ok["time_to_union_days"].to_numpy(dtype=float)
    ttu = ttu[np.isfinite(ttu)]
    row: dict[str, object] = {
        "subgroup": subgroup, "level": level, "n": n, "n_failed": int(len(df) - n), "n_nonunion": k,
        "nonunion_fraction": k / n if n else math.nan, "nonunion_ci_low": lo, "nonunion_ci_high": hi,
        "time_to_union_mean": float(ttu.mean()) if ttu.size else math.nan,
    }
    for q in QUANTILES:
        row[f"time_to_union_p{int(q * 100):02d}"] = float(np.quantile(ttu, q)) if ttu.size else math.nan
    for col in ("bone_fraction_day_56", "bone_fraction_final"):
        vals = ok[col].to_numpy(dtype=float) if col in ok else np.array([])
        vals = vals[np.isfinite(vals)]
        row[f"{col}_mean"] = float(vals.mean()) if vals.size else math.nan
    return row


def summarize(patients: pd.DataFrame, spec: CohortSpec, confidence: float = 0.95) -> pd.DataFrame:
    """One row for the whole cohort (``subgroup = "all"``) and one per level of each subgroup of ``spec``."""
    rows = [summarize_group(patients, "all", "all", confidence)]
    for group in spec.subgroups:
        labels = subgroup_labels(patients[spec.column(group.by)], group)
        order = ([f"[{a:g}, {b:g})" for a, b in zip(group.bins, group.bins[1:])] if group.bins is not None
                 else sorted(labels.dropna().unique()))
        for level in order:
            part = patients[labels == level]
            if len(part):
                rows.append(summarize_group(part, group.name, str(level), confidence))
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def summary_markdown(summary: pd.DataFrame, title: str, confidence: float = 0.95) -> str:
    """The summary as a Markdown table."""
    pct = int(round(confidence * 100))
    head = ["subgroup", "level", "n", "failed", f"non-union % ({pct} % CI, Wilson)", "time to union median [IQR] (day)",
            "time to union 5-95 % (day)", "bone fraction day 56 (mean)"]
    lines = [f"# {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def f(x: float, spec: str = ".1f") -> str:
        return "n/a" if x is None or (isinstance(x, float) and not math.isfinite(x)) else format(x, spec)

    for r in summary.to_dict("records"):
        lines.append("| " + " | ".join([
            str(r["subgroup"]), str(r["level"]), str(r["n"]), str(r["n_failed"]),
            f"{f(100 * r['nonunion_fraction'])} ({f(100 * r['nonunion_ci_low'])}–{f(100 * r['nonunion_ci_high'])})",
            f"{f(r['time_to_union_p50'])} [{f(r['time_to_union_p25'])}–{f(r['time_to_union_p75'])}]",
            f"{f(r['time_to_union_p05'])}–{f(r['time_to_union_p95'])}",
            f(r["bone_fraction_day_56_mean"], ".3f"),
        ]) + " |")
    return "\n".join(lines) + "\n"


def summary_columns(spec: CohortSpec) -> Sequence[str]:
    """The patient-table columns :func:`summarize` reads (read only these from a large dataset)."""
    cols = ["status", "union", "time_to_union_days", "bone_fraction_day_56", "bone_fraction_final"]
    cols += [spec.column(g.by) for g in spec.subgroups]
    return list(dict.fromkeys(cols))
