"""Summary figure of one simulation.

Each ``plot_*`` function draws one panel into the ``ax`` it is given and
returns that ``ax`` (so they compose into any layout); :func:`plot_summary`
assembles six of them into a :class:`matplotlib.figure.Figure`.  Figures are
built with the object-oriented API (no ``pyplot`` state, nothing is shown);
``fig.savefig("x.png")`` renders with the Agg backend.

Trajectories missing from a result (reduced models) are skipped.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from osteoimmune.outcomes.metrics import DEFAULT_UNION_THRESHOLD, METRICS


class ResultLike(Protocol):
    time: np.ndarray

    def __getitem__(self, name: str) -> np.ndarray: ...


#: (column, label, colour) of each panel's curves
MACROPHAGES: tuple[tuple[str, str, str], ...] = (
    ("m0_macrophage", "M0 macrophage", "0.45"),
    ("m1_macrophage", "M1 macrophage", "tab:red"),
    ("m2_macrophage", "M2 macrophage", "tab:blue"),
    ("neutrophil", "neutrophil", "tab:orange"),
)
CYTOKINES: tuple[tuple[str, str, str], ...] = (
    ("tnf_alpha", "TNF-α", "tab:red"),
    ("il1_beta", "IL-1β", "tab:orange"),
    ("il6", "IL-6", "tab:brown"),
    ("il10", "IL-10", "tab:blue"),
    ("il4", "IL-4", "tab:cyan"),
)
STROMAL: tuple[tuple[str, str, str], ...] = (
    ("bmsc", "BMSC", "tab:purple"),
    ("chondrocyte", "chondrocyte", "tab:cyan"),
    ("callus_osteoblast", "osteoblast (callus)", "tab:green"),
)
MATRIX: tuple[tuple[str, str, str], ...] = (
    ("hematoma", "hematoma", "tab:red"),
    ("fibrous_tissue", "fibrous tissue", "tab:gray"),
    ("cartilage", "cartilage", "tab:cyan"),
    ("woven_bone", "woven bone", "tab:olive"),
    ("lamellar_bone", "lamellar bone", "tab:brown"),
)
REMODELING_CELLS: tuple[tuple[str, str, str], ...] = (
    ("osteoblast", "osteoblast", "tab:green"),
    ("osteoclast", "osteoclast", "tab:purple"),
)
REMODELING_SIGNALS: tuple[tuple[str, str, str], ...] = (
    ("rankl", "RANKL", "tab:red"),
    ("opg", "OPG", "tab:blue"),
)


def _get(result: ResultLike, name: str) -> np.ndarray | None:
    try:
        return np.asarray(result[name], dtype=float)
    except KeyError:
        return None


def _unit(result: ResultLike, names: Sequence[str]) -> str:
    units = getattr(result, "units", None) or {}
    found = {units.get(n) for n in names if units.get(n)}
    return found.pop() if len(found) == 1 else ""


def _lines(
    ax: Axes, result: ResultLike, curves: Sequence[tuple[str, str, str]], *, log: bool, decades: float = 4.0, **kw: Any
) -> list[str]:
    """Draw the curves present in ``result`` and return their names.

    On a log axis the range spans at most ``decades`` below the largest value
    (and no lower than half the smallest positive value), so trajectories that
    decay to zero do not squash the others.
    """
    t = np.asarray(result.time, dtype=float)
    drawn: list[str] = []
    top, bottom = 0.0, np.inf
    for name, label, colour in curves:
        y = _get(result, name)
        if y is None:
            continue
        ax.plot(t, y, label=label, color=colour, **kw)
        drawn.append(name)
        finite = y[np.isfinite(y)]
        if finite.size:
            top = max(top, float(finite.max()))
            if np.any(finite > 0):
                bottom = min(bottom, float(finite[finite > 0].min()))
    if log and top > 0:
        ax.set_yscale("log")
        ax.set_ylim(max(top * 10.0**-decades, 0.5 * bottom), top * 2.0)
    return drawn


def _finish(
    ax: Axes, result: ResultLike, drawn: Sequence[str], title: str, ylabel: str, **legend: Any
) -> Axes:
    unit = _unit(result, drawn)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("time (day)")
    ax.set_ylabel(f"{ylabel} ({unit})" if unit else ylabel)
    ax.grid(True, alpha=0.3, which="major")
    if drawn:
        ax.legend(**{"fontsize": 7, "loc": "best", "frameon": False, **legend})
    else:
        ax.text(0.5, 0.5, "not in this model", ha="center", va="center", transform=ax.transAxes, color="0.5")
    return ax


def plot_immune(ax: Axes, result: ResultLike, *, log: bool = True) -> Axes:
    """Macrophages (M0, M1, M2) and neutrophils (cell/mL)."""
    drawn = _lines(ax, result, MACROPHAGES, log=log)
    return _finish(ax, result, drawn, "Innate immune cells", "density")


def plot_cytokines(ax: Axes, result: ResultLike, *, log: bool = True) -> Axes:
    """Pro-inflammatory (TNF-α, IL-1β, IL-6) and anti-inflammatory (IL-10, IL-4) cytokines (ng/mL)."""
    drawn = _lines(ax, result, CYTOKINES, log=log)
    return _finish(ax, result, drawn, "Cytokines", "concentration")


def plot_stromal(ax: Axes, result: ResultLike, *, log: bool = False) -> Axes:
    """Callus stromal lineage: BMSC, chondrocytes, callus osteoblasts (cell/mL)."""
    drawn = _lines(ax, result, STROMAL, log=log)
    return _finish(ax, result, drawn, "Stromal cells", "density")


def plot_matrix(
    ax: Axes,
    result: ResultLike,
    *,
    union_threshold: float = DEFAULT_UNION_THRESHOLD,
    time_to_union: float | None = None,
) -> Axes:
    """Tissue volume fractions in the defect, the bone fraction and the union threshold."""
    drawn = _lines(ax, result, MATRIX, log=False, lw=1.2)
    t = np.asarray(result.time, dtype=float)
    bone = _get(result, "bone_fraction")
    if bone is not None:
        ax.plot(t, bone, color="k", lw=2.2, label="bone fraction")
        drawn.append("bone_fraction")
    ax.axhline(union_threshold, color="k", ls="--", lw=0.9, label=f"union threshold {union_threshold:g}")
    if time_to_union is not None:
        ax.axvline(time_to_union, color="k", ls=":", lw=0.9, label=f"union day {time_to_union:.0f}")
    # head room above 1 for a two-column legend that never hides a curve
    ax.set_ylim(-0.02, 1.32)
    ax.set_yticks(np.linspace(0.0, 1.0, 6))
    return _finish(ax, result, drawn, "Defect tissue", "volume fraction", loc="upper right", ncols=2)


def plot_remodeling(ax: Axes, result: ResultLike, *, log: bool = False) -> Axes:
    """Remodeling core: active osteoblasts and osteoclasts, with RANKL and OPG on a twin axis (pM)."""
    drawn = _lines(ax, result, REMODELING_CELLS, log=log)
    _finish(ax, result, drawn, "Remodeling core", "cells")
    signals = [s for s in REMODELING_SIGNALS if _get(result, s[0]) is not None]
    if signals:
        twin = ax.twinx()
        drawn2 = _lines(twin, result, signals, log=True, decades=6.0, ls="--", lw=1.0)
        unit = _unit(result, drawn2)
        twin.set_ylabel(f"RANKL, OPG ({unit})" if unit else "RANKL, OPG")
        handles = ax.get_legend_handles_labels()
        handles2 = twin.get_legend_handles_labels()
        ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], fontsize=7, loc="best", frameon=False)
    return ax


def plot_outcome_table(ax: Axes, outcomes: Mapping[str, Any]) -> Axes:
    """The outcome metrics as a text table (no axes frame)."""
    ax.set_axis_off()
    rows = []
    for name, value in outcomes.items():
        unit = METRICS.get(name, ("", ""))[0]
        if value is None:
            shown = "—"
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, (int, float)):
            shown = f"{value:.3g}" + ("" if unit in ("bool", "dimensionless", "") else f" {unit}")
        else:
            shown = str(value)
        rows.append(f"{name:<24s} {shown}")
    ax.text(0.0, 1.0, "Outcomes\n\n" + "\n".join(rows), va="top", ha="left", family="monospace", fontsize=7.5,
            transform=ax.transAxes)
    return ax


def plot_summary(result: ResultLike, outcomes: Mapping[str, Any], *, title: str | None = None) -> Figure:
    """Six-panel summary figure of a run: immune cells, cytokines, stromal cells,
    defect tissue with the bone fraction, the remodeling core, and the outcome table.

    ``outcomes`` is the dict of :func:`osteoimmune.outcomes.compute_outcomes`
    (its ``union_threshold`` and ``time_to_union_days`` are drawn).
    """
    fig = Figure(figsize=(13.0, 8.0), layout="constrained")
    axes = fig.subplots(2, 3)
    plot_immune(axes[0, 0], result)
    plot_cytokines(axes[0, 1], result)
    plot_stromal(axes[0, 2], result)
    plot_matrix(
        axes[1, 0],
        result,
        union_threshold=float(outcomes.get("union_threshold") or DEFAULT_UNION_THRESHOLD),
        time_to_union=outcomes.get("time_to_union_days"),
    )
    plot_remodeling(axes[1, 1], result)
    plot_outcome_table(axes[1, 2], outcomes)
    if title is None:
        scenario = (getattr(result, "metadata", None) or {}).get("scenario") or {}
        title = scenario.get("name") if isinstance(scenario, dict) else None
    if title:
        fig.suptitle(title)
    return fig
