"""Figures of the analyses: sensitivity indices with CIs, convergence, target ranking, fits, profiles, robustness.

Panel functions take an ``Axes`` and data (tables/results of :mod:`osteoimmune.analysis`) and return the ``Axes``;
``*_figure`` functions compose them into a :class:`~matplotlib.figure.Figure` (object-oriented API, no pyplot).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def plot_indices(ax: Axes, indices: pd.DataFrame, outcome: str, method: str) -> Axes:
    """Bars of mu_star (Morris) or S1/ST (Sobol) per parameter with their CI half-widths."""
    t = indices[indices["outcome"] == outcome]
    keys = ["mu_star"] if method == "morris" else ["S1", "ST"]
    main = t[t["index"] == keys[-1]].sort_values("value", ascending=False)
    params = list(main["parameter"])
    y = np.arange(len(params))
    h = 0.8 / len(keys)
    for k, key in enumerate(keys):
        s = t[t["index"] == key].set_index("parameter").loc[params]
        ax.barh(y + (k - (len(keys) - 1) / 2) * h, s["value"], height=h, xerr=s["conf"].fillna(0), label=key,
                capsize=2)
    ax.set_yticks(y, params)
    ax.invert_yaxis()
    ax.set_xlabel("mu* (per unit of internal coordinate)" if method == "morris" else "Sobol index")
    ax.set_title(outcome)
    ax.legend(fontsize=8)
    return ax


def plot_convergence(ax: Axes, conv: pd.DataFrame, outcome: str, method: str) -> Axes:
    """Main index (mu_star or ST) of each parameter vs sample size, with CI bands."""
    key = "mu_star" if method == "morris" else "ST"
    t = conv[(conv["outcome"] == outcome) & (conv["index"] == key)]
    for p, g in t.groupby("parameter", sort=False):
        ax.plot(g["n"], g["value"], marker="o", label=p)
        ax.fill_between(g["n"], g["low"], g["high"], alpha=0.15)
    ax.set_xscale("log", base=2)
    ax.set_xlabel("trajectories r" if method == "morris" else "base samples N")
    ax.set_ylabel(key)
    ax.set_title(f"{outcome}: convergence")
    ax.legend(fontsize=7)
    return ax


def sensitivity_figure(indices: pd.DataFrame, conv: pd.DataFrame, outcomes: list[str], method: str) -> Figure:
    fig = Figure(figsize=(11, 3.6 * len(outcomes)), layout="constrained")
    axes = fig.subplots(len(outcomes), 2, squeeze=False)
    for i, o in enumerate(outcomes):
        plot_indices(axes[i, 0], indices, o, method)
        plot_convergence(axes[i, 1], conv, o, method)
    return fig


def plot_targets(ax: Axes, table: pd.DataFrame, unit: str = "") -> Axes:
    """Horizontal bars of the improvement of each (target, action) with its CI, best on top."""
    t = table.iloc[::-1]
    y = np.arange(len(t))
    err = np.vstack([t["improvement"] - t["ci_low"], t["ci_high"] - t["improvement"]])
    colors = ["tab:green" if v > 0 else "tab:red" for v in t["improvement"]]
    ax.barh(y, t["improvement"], xerr=np.abs(err), color=colors, capsize=2)
    ax.set_yticks(y, [f"{a} {lab} ×{f:g}" for a, lab, f in zip(t["action"], t["label"], t["factor"])], fontsize=7)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel(f"improvement {unit}".strip())
    return ax


def targets_figure(table: pd.DataFrame, outcome: str, unit: str) -> Figure:
    fig = Figure(figsize=(8, 0.22 * len(table) + 1.5), layout="constrained")
    ax = fig.subplots()
    plot_targets(ax, table, unit)
    ax.set_title(f"Target ranking: {outcome} (mean paired improvement, bootstrap CI)")
    return fig


def fit_figure(problem: Any, theta: np.ndarray) -> Figure:
    """Data (± sigma) and the fitted model trajectory for each observable."""
    result = problem.simulate(theta)
    names = list(dict.fromkeys(problem.observables))
    fig = Figure(figsize=(5 * len(names), 3.6), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(names)))
    for ax, name in zip(axes, names):
        sel = np.array([o == name for o in problem.observables])
        ax.errorbar(problem.times[sel], problem.values[sel], yerr=problem.sigmas[sel], fmt="o", ms=3, capsize=2,
                    label="data")
        ax.plot(result.time, result[name], label="fit")
        ax.set_xlabel("time (day)")
        ax.set_title(name)
        ax.legend(fontsize=8)
    return fig


def profiles_figure(result: Any) -> Figure:
    """Profile likelihoods (Δχ² vs parameter) with the CI threshold."""
    sp = result.problem.space
    fig = Figure(figsize=(4.5 * sp.dim, 3.4), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, sp.dim))
    for i, ax in enumerate(axes):
        pts = sorted(pt for p in result.profiles if p["i"] == i for pt in p["points"])
        if pts:
            x = sp.ranges[i].to_value(np.array([p[0] for p in pts]))
            ax.plot(x, [p[1] for p in pts], marker=".")
            ax.axhline(result.profiles[0]["threshold"], color="tab:red", ls="--", lw=0.8)
        ax.axvline(result.theta_hat[i], color="k", lw=0.8)
        if sp.ranges[i].scale == "log":
            ax.set_xscale("log")
        ax.set_xlabel(f"{sp.names[i]} ({sp.ranges[i].unit})")
        ax.set_ylabel("Δχ²")
    return fig


def robustness_figure(rob: Any, unit: str) -> Figure:
    fig = Figure(figsize=(6, 3.6), layout="constrained")
    ax = fig.subplots()
    data = [rob.baseline[np.isfinite(rob.baseline)], rob.optimum[np.isfinite(rob.optimum)]]
    ax.boxplot(data, tick_labels=["baseline", "optimum"])
    for k, d in enumerate(data):
        ax.plot(np.full(len(d), k + 1) + np.linspace(-0.08, 0.08, len(d)), d, ".", alpha=0.5)
    ax.set_ylabel(f"{rob.objective} ({unit})")
    ax.set_title(f"cohort: improvement {rob.improvement:.3g} [{rob.ci_low:.3g}, {rob.ci_high:.3g}]")
    return fig
