"""Figures of a virtual cohort: outcome distributions, and outcomes against each covariate.

Panel functions draw into the ``ax`` they are given and return it; :func:`cohort_figures` composes them into
:class:`~matplotlib.figure.Figure` objects (object-oriented API, nothing shown).  They read a patient table (the
columns of ``patients.parquet``); the numbers (Wilson intervals, subgroup bins) come from
:mod:`osteoimmune.cohort.summary`.  Scatter plots draw at most :data:`MAX_POINTS` patients (a reproducible
subsample), so a 10^6 cohort plots quickly.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from osteoimmune.cohort.spec import PARAM_PREFIX, CohortSpec
from osteoimmune.cohort.summary import wilson_interval

MAX_POINTS = 5000
#: outcome columns shown as distributions: (column, label)
DISTRIBUTION_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("time_to_union_days", "time to union (day; patients with union)"),
    ("bone_fraction_day_56", "bone fraction at day 56"),
    ("bone_fraction_final", "bone fraction at the end"),
    ("inflammation_auc", "inflammatory burden (ng/mL·day)"),
)


def _ok(patients: pd.DataFrame) -> pd.DataFrame:
    return patients[patients["status"] == "ok"] if "status" in patients else patients


def plot_distribution(ax: Axes, patients: pd.DataFrame, column: str, label: str,
                      threshold: float | None = None) -> Axes:
    """Histogram of one outcome over the patients whose simulation succeeded."""
    values = _ok(patients)[column].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if values.size:
        ax.hist(values, bins=min(50, max(5, int(math.sqrt(values.size)))), color="tab:blue", alpha=0.8)
        ax.axvline(float(np.median(values)), color="k", lw=1, ls="--", label=f"median {np.median(values):.3g}")
    else:
        ax.text(0.5, 0.5, "no values", transform=ax.transAxes, ha="center", va="center")
    if threshold is not None:
        ax.axvline(threshold, color="tab:red", lw=1, label=f"union threshold {threshold:g}")
    ax.set_xlabel(label)
    ax.set_ylabel("patients")
    if values.size or threshold is not None:
        ax.legend(fontsize=7)
    return ax


def _fraction_and_error(k: int, n: int) -> tuple[float, float, float]:
    """Fraction k/n and its distances to the 95 % Wilson bounds, never negative (at k = 0 or k = n the rounded
    bound can cross the estimate by ~1e-17, which matplotlib rejects as a negative error bar)."""
    low, high = wilson_interval(k, n)
    f = k / n
    return f, max(f - low, 0.0), max(high - f, 0.0)


def plot_nonunion_vs(ax: Axes, patients: pd.DataFrame, column: str, label: str, n_bins: int = 8) -> Axes:
    """Non-union fraction (with 95 % Wilson intervals) against a covariate: per value, or per quantile bin."""
    ok = _ok(patients)
    nonunion = ~ok["union"].astype(bool).to_numpy()
    x = ok[column]
    if pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x):
        xv = x.to_numpy(dtype=float)
        edges = np.unique(np.quantile(xv, np.linspace(0, 1, n_bins + 1))) if xv.size else np.array([])
        centres, fr, lo, hi = [], [], [], []
        for a, b in zip(edges, edges[1:]):
            m = (xv >= a) & ((xv < b) if b < edges[-1] else (xv <= b))
            n, k = int(m.sum()), int(nonunion[m].sum())
            if n:
                centres.append(float(np.mean(xv[m])))
                for acc, v in zip((fr, lo, hi), _fraction_and_error(k, n)):
                    acc.append(v)
        ax.errorbar(centres, fr, yerr=[lo, hi], fmt="o-", color="tab:red", capsize=3)
    else:
        levels = sorted(map(str, x.unique()))
        xs = x.astype("str").to_numpy()
        fr, lo, hi = [], [], []
        for level in levels:
            m = xs == level
            for acc, v in zip((fr, lo, hi), _fraction_and_error(int(nonunion[m].sum()), int(m.sum()))):
                acc.append(v)
        ax.bar(levels, fr, yerr=[lo, hi], color="tab:red", alpha=0.7, capsize=3)
    ax.set_xlabel(label)
    ax.set_ylabel("non-union fraction (95 % CI)")
    ax.set_ylim(bottom=0)
    return ax


def plot_outcome_vs(ax: Axes, patients: pd.DataFrame, column: str, label: str,
                    outcome: str = "bone_fraction_final", threshold: float | None = None) -> Axes:
    """Scatter of an outcome against a covariate, union and non-union patients coloured apart."""
    ok = _ok(patients)
    if len(ok) > MAX_POINTS:
        ok = ok.sample(MAX_POINTS, random_state=0)
    union = ok["union"].astype(bool).to_numpy()
    x = ok[column]
    if not pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
        levels = sorted(map(str, x.unique()))
        pos = {lv: i for i, lv in enumerate(levels)}
        jitter = np.random.default_rng(0).uniform(-0.2, 0.2, len(x))
        xv = np.array([pos[str(v)] for v in x]) + jitter
        ax.set_xticks(range(len(levels)), levels)
    else:
        xv = x.to_numpy(dtype=float)
    y = ok[outcome].to_numpy(dtype=float)
    ax.scatter(xv[union], y[union], s=6, color="tab:blue", alpha=0.6, label="union")
    ax.scatter(xv[~union], y[~union], s=6, color="tab:red", alpha=0.6, label="non-union")
    if threshold is not None:
        ax.axhline(threshold, color="k", lw=0.8, ls=":")
    ax.set_xlabel(label)
    ax.set_ylabel(outcome.replace("_", " "))
    ax.legend(fontsize=7, markerscale=2)
    return ax


def _grid(n: int, width: float = 4.0, height: float = 3.2) -> tuple[Figure, list[Axes]]:
    cols = min(3, max(1, n))
    rows = max(1, math.ceil(n / cols))
    fig = Figure(figsize=(width * cols, height * rows), layout="constrained")
    axes = [fig.add_subplot(rows, cols, i + 1) for i in range(n)]
    return fig, axes


def varied_columns(spec: CohortSpec, patients: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, label) of each random covariate and parameter present in ``patients``."""
    out = []
    for name, dist in spec.variables():
        if dist.random and name in patients:
            label = f"{name[len(PARAM_PREFIX):]} (parameter)" if name.startswith(PARAM_PREFIX) else name.replace("_", " ")
            out.append((name, label))
    return out


def cohort_figures(patients: pd.DataFrame, spec: CohortSpec) -> dict[str, Figure]:
    """``outcome_distributions``, ``nonunion_vs_covariates`` and ``outcome_vs_covariates`` figures."""
    figs: dict[str, Figure] = {}
    present = [(c, lbl) for c, lbl in DISTRIBUTION_OUTCOMES if c in patients]
    fig, axes = _grid(len(present))
    for ax, (c, lbl) in zip(axes, present):
        plot_distribution(ax, patients, c, lbl, spec.union_threshold if c == "bone_fraction_final" else None)
    fig.suptitle(f"cohort {spec.name}: outcome distributions (n = {int((patients['status'] == 'ok').sum())})")
    figs["outcome_distributions"] = fig
    cols = varied_columns(spec, patients)
    if cols:
        fig, axes = _grid(len(cols))
        for ax, (c, lbl) in zip(axes, cols):
            plot_nonunion_vs(ax, patients, c, lbl)
        fig.suptitle(f"cohort {spec.name}: non-union fraction by covariate")
        figs["nonunion_vs_covariates"] = fig
        fig, axes = _grid(len(cols))
        for ax, (c, lbl) in zip(axes, cols):
            plot_outcome_vs(ax, patients, c, lbl, threshold=spec.union_threshold)
        fig.suptitle(f"cohort {spec.name}: final bone fraction by covariate")
        figs["outcome_vs_covariates"] = fig
    return figs


def figure_columns(spec: CohortSpec) -> Sequence[str]:
    """The patient-table columns :func:`cohort_figures` reads."""
    return ["status", "union", *(c for c, _ in DISTRIBUTION_OUTCOMES),
            *(n for n, d in spec.variables() if d.random)]
