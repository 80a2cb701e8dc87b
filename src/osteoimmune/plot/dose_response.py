"""Dose- and time-response figures of the healing outcome (issue 4, item 6) from the tables of
:mod:`osteoimmune.claims.sweeps`.

Each ``plot_*`` function takes a sweep table and returns a :class:`~matplotlib.figure.Figure` (object-oriented
matplotlib, nothing shown).  :func:`write_sweeps` runs every sweep and writes ``<name>.csv`` and ``<name>.png`` into a
directory (each file written to a temporary name and renamed, so a file is complete or absent).  Command::

    python -m osteoimmune.plot.dose_response --out docs/figures/claims [--quick]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from osteoimmune.outcomes.metrics import DEFAULT_UNION_THRESHOLD

_BONE = ("bone_fraction_day_28", "bone_fraction_day_56", "bone_fraction_final")
_LABEL = {"bone_fraction_day_28": "day 28", "bone_fraction_day_56": "day 56", "bone_fraction_final": "day 180"}


def _union_axis(ax, x, df: pd.DataFrame, horizon: float = 180.0) -> None:
    t = df["time_to_union_days"].astype(float).fillna(np.nan).to_numpy()
    ax.plot(x, np.where(np.isnan(t), np.nan, t), "o-", color="k")
    never = np.isnan(t)
    if never.any():
        ax.plot(np.asarray(x)[never], np.full(never.sum(), horizon), "x", color="crimson", ms=9, label="no union by day 180")
        ax.legend(loc="best", fontsize=8)
    ax.set_ylabel("time to union (day)")


def _bone_axis(ax, x, df: pd.DataFrame) -> None:
    for k in _BONE:
        ax.plot(x, df[k], "o-", label=_LABEL[k])
    ax.axhline(DEFAULT_UNION_THRESHOLD, color="grey", ls=":", lw=1, label="union threshold")
    ax.set_ylabel("bone fraction")
    ax.legend(loc="best", fontsize=8)


def _two_panel(title: str) -> tuple[Figure, np.ndarray]:
    fig = Figure(figsize=(9.0, 3.6), layout="constrained")
    axes = np.array(fig.subplots(1, 2))
    fig.suptitle(title)
    return fig, axes


def plot_nsaid_timing(df: pd.DataFrame) -> Figure:
    """Bone fraction at day 56 and time to union vs NSAID start day, one curve per duration."""
    fig, (a, b) = _two_panel("Healing vs NSAID (90 % COX-2 block) start day and duration")
    ref = df[df["duration_days"] == 0].iloc[0]
    for d, g in df[df["duration_days"] > 0].groupby("duration_days"):
        a.plot(g["start_day"], g["bone_fraction_day_56"], "o-", label=f"{d:g} days")
        t = g["time_to_union_days"].astype(float)
        b.plot(g["start_day"], t, "o-", label=f"{d:g} days")
    a.axhline(ref["bone_fraction_day_56"], color="k", ls="--", lw=1, label="no NSAID")
    if ref["time_to_union_days"] is not None and not pd.isna(ref["time_to_union_days"]):
        b.axhline(float(ref["time_to_union_days"]), color="k", ls="--", lw=1, label="no NSAID")
    a.set_ylabel("bone fraction at day 56")
    b.set_ylabel("time to union (day)")
    for ax in (a, b):
        ax.set_xlabel("NSAID start (day after fracture)")
        ax.legend(title="duration", fontsize=8)
    return fig


def _dose_fig(df: pd.DataFrame, title: str, xlabel: str, key: str = "dose") -> Figure:
    fig, (a, b) = _two_panel(title)
    x = df[key].to_numpy(float)
    xs = np.where(x > 0, x, np.nan)
    pos = x[x > 0]
    zero = pos.min() / 3.0 if pos.size else 1.0
    xs = np.where(x > 0, x, zero)
    _bone_axis(a, xs, df)
    _union_axis(b, xs, df)
    for ax in (a, b):
        ax.set_xscale("log")
        ax.set_xlabel(xlabel + f" (none plotted at {zero:.2g})")
    return fig


def plot_tnf_dose(df: pd.DataFrame) -> Figure:
    """Bone fraction at day 56 and time to union vs TNF-α dose, early pulse and chronic."""
    fig, (a, b) = _two_panel("Healing vs local TNF-α: early pulse (days 0–3) and chronic")
    for mode, g in df.groupby("mode", sort=False):
        x = g["dose"].to_numpy(float)
        zero = x[x > 0].min() / 3.0
        xs = np.where(x > 0, x, zero)
        a.plot(xs, g["bone_fraction_day_56"], "o-", label=mode)
        b.plot(xs, g["time_to_union_days"].astype(float), "o-", label=mode)
    a.set_ylabel("bone fraction at day 56")
    b.set_ylabel("time to union (day)")
    for ax in (a, b):
        ax.set_xscale("log")
        ax.set_xlabel("TNF-α delivery (ng/mL/day; none at the leftmost point)")
        ax.legend(fontsize=8)
    return fig


def plot_il4_dose(df: pd.DataFrame) -> Figure:
    return _dose_fig(df, "Healing vs local IL-4 (released days 3–17)", "IL-4 delivery (ng/mL/day)")


def plot_defect_size(df: pd.DataFrame) -> Figure:
    fig, (a, b) = _two_panel("Healing vs defect size (critical size)")
    x = df["size_mm"].to_numpy(float)
    _bone_axis(a, x, df)
    _union_axis(b, x, df)
    for ax in (a, b):
        ax.set_xlabel("gap / defect length (mm)")
    return fig


def plot_age(df: pd.DataFrame) -> Figure:
    fig, (a, b) = _two_panel("Healing vs age (same fracture)")
    x = df["age_years"].to_numpy(float)
    _bone_axis(a, x, df)
    _union_axis(b, x, df)
    for ax in (a, b):
        ax.set_xlabel("age (years)")
    return fig


PLOTS = {
    "nsaid_timing": plot_nsaid_timing,
    "tnf_dose": plot_tnf_dose,
    "il4_dose": plot_il4_dose,
    "defect_size": plot_defect_size,
    "age": plot_age,
}


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_sweeps(out: str | Path, quick: bool = False) -> list[Path]:
    """Run every sweep and write ``<name>.csv`` and ``<name>.png`` into ``out``; returns the written paths."""
    from tqdm import tqdm

    from osteoimmune.claims.sweeps import all_sweeps

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = all_sweeps(quick=quick, progress=lambda it: tqdm(it, desc="sweep points", leave=False))
    written: list[Path] = []
    for name, df in tables.items():
        csv = out / f"{name}.csv"
        _atomic_write(csv, lambda p, df=df: df.to_csv(p, index=False))
        png = out / f"{name}.png"
        fig = PLOTS[name](df)
        _atomic_write(png, lambda p, fig=fig: fig.savefig(p, dpi=110, format="png"))
        written += [csv, png]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m osteoimmune.plot.dose_response",
                                     description="Run the dose/time-response sweeps and write CSV tables and PNG figures.")
    parser.add_argument("--out", required=True, help="output directory (created if missing)")
    parser.add_argument("--quick", action="store_true", help="a few points per sweep (smoke test)")
    args = parser.parse_args(argv)
    for p in write_sweeps(args.out, quick=args.quick):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
