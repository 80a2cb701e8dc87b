"""Figures of a spatial run: cross-sections of bone, vessels and macrophage phenotypes, defect time courses and
an animation.  Object-oriented matplotlib (no pyplot state); functions take a result and return a Figure or
write a file.  3D results are shown in their mid-plane ``z = 0`` (the longitudinal section through the axis).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np
from matplotlib.figure import Figure

PANELS: tuple[tuple[str, str, str], ...] = (
    ("bone_fraction", "bone fraction", "bone"),
    ("vascular_density", "vascular density", "Reds"),
    ("m1_macrophage", "M1 (cell/mL)", "Oranges"),
    ("m2_macrophage", "M2 (cell/mL)", "Blues"),
)


def _section(result: Any, name: str, k: int) -> np.ndarray:
    f = result[name][k]
    if f.ndim == 3:
        f = f[:, :, f.shape[2] // 2]
    return f


def _extent(result: Any) -> list[float]:
    ax = result.geometry.grid.axes()
    h = result.geometry.grid.h
    return [ax[0][0] - h / 2, ax[0][-1] + h / 2, ax[1][0] - h / 2, ax[1][-1] + h / 2]


def plot_section(ax, result: Any, name: str, k: int, cmap: str = "viridis", vmax: float | None = None, title: str = ""):
    """One field at output index ``k`` as an image over (x, y); returns the image."""
    img = ax.imshow(_section(result, name, k).T, origin="lower", extent=_extent(result), cmap=cmap, vmin=0.0,
                    vmax=vmax, aspect="equal", interpolation="nearest")
    ax.set_title(title or f"{name}, day {result.time[k]:g}", fontsize=8)
    ax.set_xlabel("x (mm)", fontsize=7)
    ax.set_ylabel("y (mm)", fontsize=7)
    ax.tick_params(labelsize=6)
    return img


def plot_cross_sections(result: Any, days: Sequence[float] | None = None, panels=PANELS) -> Figure:
    """Rows: bone, vessels, M1, M2 (those present); columns: output days (default 4 evenly spaced)."""
    panels = [p for p in panels if p[0] in result.fields]
    if days is None:
        days = np.linspace(result.time[0], result.time[-1], 4)
    idx = [int(np.argmin(np.abs(result.time - d))) for d in days]
    fig = Figure(figsize=(2.6 * len(idx) + 0.8, 1.9 * len(panels) + 0.4), layout="constrained")
    axes = fig.subplots(len(panels), len(idx), squeeze=False)
    for r, (name, label, cmap) in enumerate(panels):
        vmax = float(np.nanmax(result[name])) or 1.0
        if name in ("bone_fraction", "vascular_density"):
            vmax = 1.0
        img = None
        for c, k in enumerate(idx):
            img = plot_section(axes[r][c], result, name, k, cmap, vmax, f"{label}, day {result.time[k]:g}")
        fig.colorbar(img, ax=axes[r].tolist(), shrink=0.8)
    gap = getattr(result.geometry, "gap_mm", 0)
    fig.suptitle(f"{result.metadata.get('scenario', {}).get('name', '')}: gap {gap:g} mm", fontsize=9)
    return fig


def plot_defect_timecourse(ax, result: Any, names: Sequence[str] = ("bone_fraction", "cartilage", "fibrous_tissue",
                                                                      "hematoma", "vascular_density")):
    """Means over the defect of matrix fractions and vessels; returns the Axes."""
    from osteoimmune.spatial.geometry import Region

    defect = result.geometry.mask(Region.DEFECT)
    for n in names:
        if n in result.fields:
            ax.plot(result.time, result.mean(n, defect), label=n)
    ax.set_xlabel("day")
    ax.set_ylabel("mean over the defect")
    ax.legend(fontsize=7)
    return ax


def plot_spatial_summary(result: Any, outcomes: dict | None = None) -> Figure:
    fig = Figure(figsize=(6, 3.5), layout="constrained")
    ax = fig.subplots()
    plot_defect_timecourse(ax, result)
    if outcomes:
        t = outcomes.get("time_to_bridging_days")
        ax.set_title(f"bridged: {outcomes.get('bridged')}" + (f" (day {t:g})" if t is not None else ""), fontsize=9)
    return fig


def save_cross_sections(result: Any, path: Path) -> None:
    plot_cross_sections(result).savefig(path, dpi=120)


def save_summary(result: Any, path: Path) -> None:
    from osteoimmune.spatial.metrics import spatial_outcomes

    o = spatial_outcomes(result) if result.geometry.kind == "segmental_defect" else None
    plot_spatial_summary(result, o).savefig(path, dpi=120)


def save_animation(result: Any, path: Path, panels=PANELS, fps: int = 6) -> None:
    """An animated GIF of bone, vessels, M1 and M2 over the output times."""
    from matplotlib.animation import FuncAnimation, PillowWriter

    panels = [p for p in panels if p[0] in result.fields]
    fig = Figure(figsize=(2.8 * len(panels), 2.4), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    imgs = []
    for ax, (name, label, cmap) in zip(axes, panels):
        vmax = 1.0 if name in ("bone_fraction", "vascular_density") else (float(np.nanmax(result[name])) or 1.0)
        imgs.append(plot_section(ax, result, name, 0, cmap, vmax, label))

    def update(k):
        for img, (name, label, _), ax in zip(imgs, panels, axes):
            img.set_data(_section(result, name, k).T)
            ax.set_title(f"{label}, day {result.time[k]:g}", fontsize=8)
        return imgs

    anim = FuncAnimation(fig, update, frames=len(result.time), blit=False)
    anim.save(str(path), writer=PillowWriter(fps=fps))


#: the figures written by ``osteoimmune run`` for a spatial scenario
FIGURES = {"cross_sections.png": save_cross_sections, "defect_summary.png": save_summary, "animation.gif": save_animation}


# ---------------------------------------------------------------------------------------------------- sweep
def run_sweep(out_dir: Path, gaps: Sequence[float] = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0),
              rescues: Sequence[str] = ("rat-femur-5mm-bmp2-scaffold", "rat-femur-5mm-il4-scaffold",
                                        "rat-femur-5mm-bmsc-scaffold"),
              overrides: Sequence[str] = (), section_gaps: Sequence[float] = (2.0, 3.0, 5.0)) -> list[dict]:
    """The gap sweep (``rat-femur-5mm`` with ``spatial.geometry.gap_mm`` varied) and the rescues of the 5 mm gap;
    writes ``sweep.json``, ``sweep_bone.png`` (defect bone over time), ``sweep_critical_size.png`` (bridging path
    bone fraction at the end against gap length, with the bridging threshold) and a cross-section figure for each rescue and each
    gap in ``section_gaps`` into ``out_dir``."""
    import json

    from osteoimmune.spatial.build import build_problem
    from osteoimmune.spatial.metrics import spatial_outcomes
    from osteoimmune.spatial.scenario import load_spatial_scenario
    from osteoimmune.spatial.solver import simulate_spatial

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    runs = [(f"gap-{g:g}mm", "rat-femur-5mm", [f"spatial.geometry.gap_mm={g}"]) for g in gaps]
    runs += [(r, r, []) for r in rescues]
    sections = {f"gap-{g:g}mm" for g in section_gaps} | set(rescues)
    rows, results = [], {}
    for label, name, ov in runs:
        sc = load_spatial_scenario(name, [*ov, *overrides])
        built = build_problem(sc)
        res = simulate_spatial(built.problem, built.options)
        o = spatial_outcomes(res, sc.spatial.output.bridging_threshold)
        o.update({"run": label, "scenario": name, "wall_seconds": res.stats.wall_seconds,
                  "grid": list(res.geometry.grid.shape), "reaction_steps": res.stats.reaction.n_steps})
        rows.append(o)
        results[label] = res
        if label in sections:
            plot_cross_sections(res).savefig(out_dir / f"sections_{label}.png", dpi=110)
        (out_dir / "sweep.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    fig = Figure(figsize=(6.5, 3.8), layout="constrained")
    ax = fig.subplots()
    from osteoimmune.spatial.geometry import Region

    for label, res in results.items():
        ax.plot(res.time, res.mean("bone_fraction", res.geometry.mask(Region.DEFECT)), label=label,
                ls="-" if label.startswith("gap") else "--")
    ax.set_xlabel("day")
    ax.set_ylabel("mean bone fraction in the defect")
    ax.legend(fontsize=7)
    fig.savefig(out_dir / "sweep_bone.png", dpi=110)
    plot_critical_size(rows).savefig(out_dir / "sweep_critical_size.png", dpi=110)
    return rows


def plot_critical_size(rows: Sequence[dict]) -> Figure:
    """The bridging path bone fraction at the end of each run (the bottleneck of the best connected bone path
    between the ends; bridged iff it reaches the threshold) against gap length, the rescues of the largest gap
    beside it, and the bridging threshold."""
    fig = Figure(figsize=(6.5, 3.6), layout="constrained")
    ax = fig.subplots()
    gaps = [r for r in rows if r["run"].startswith("gap-")]
    x = [r["gap_mm"] for r in gaps]
    y = [r["bridging_path_bone_fraction"] for r in gaps]
    ax.plot(x, y, color="0.4", lw=1, zorder=1)
    for r in gaps:
        ax.scatter(r["gap_mm"], r["bridging_path_bone_fraction"], s=40, zorder=2, color="C0",
                   facecolors="C0" if r["bridged"] else "white")
    for k, r in enumerate(r for r in rows if not r["run"].startswith("gap-")):
        label = r["run"].removeprefix("rat-femur-5mm-")
        ax.scatter(r["gap_mm"] + 0.12 * (k + 1), r["bridging_path_bone_fraction"], marker="D", s=36, zorder=2,
                   color=f"C{k + 1}", facecolors=f"C{k + 1}" if r["bridged"] else "white", label=label)
    threshold = rows[0]["bridging_threshold"]
    ax.axhline(threshold, color="k", ls=":", lw=1, label=f"bridging threshold {threshold:g}")
    ax.set_xlabel("gap length (mm)")
    ax.set_ylabel(f"bridging path bone fraction, day {rows[0]['days']:g}")
    ax.set_ylim(0, 1)
    ax.set_title("filled: bridged (a connected path of bone above the threshold)", fontsize=8)
    ax.legend(fontsize=7, loc="upper right")
    return fig


if __name__ == "__main__":  # python -m osteoimmune.plot.spatial OUT_DIR [--set key=value ...]
    import sys

    args = sys.argv[1:]
    target = Path(args[0]) if args else Path("docs/figures/spatial")
    sets = [a for a in args[1:] if a != "--set"]
    for row in run_sweep(target, overrides=sets):
        print(row["run"], "bridged" if row["bridged"] else "not bridged", row["time_to_bridging_days"],
              f"defect bone {row['defect_bone_fraction_final']:.3f}", f"{row['wall_seconds']:.0f} s")
