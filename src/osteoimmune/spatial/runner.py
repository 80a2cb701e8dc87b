"""Run a spatial scenario end to end into an output directory (used by ``osteoimmune run``).

Long runs show progress (tqdm, on stderr) and write a checkpoint next to the output directory
(``.<DIR>.spatial-checkpoint.npz``) every ``spatial.numerics.checkpoint_every_days``; running the same command
again resumes from it (a checkpoint of a different scenario is refused).  The checkpoint is removed once the
output directory has been written.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Mapping, Sequence

from .build import build_problem
from .metrics import spatial_outcomes
from .output import FigureFn, write_spatial_run
from .scenario import load_spatial_scenario
from .solver import simulate_spatial


def checkpoint_path(out: Path) -> Path:
    return out.parent / f".{out.name}.spatial-checkpoint.npz"


def run_to_directory(name_or_file: str, overrides: Sequence[str], out: Path, force: bool = False,
                     figures: Mapping[str, FigureFn] | None = None, progress: bool = True) -> list[str]:
    """Simulate a spatial scenario and write ``out``; returns the summary lines to print."""
    t0 = time.perf_counter()
    sc = load_spatial_scenario(name_or_file, overrides)
    built = build_problem(sc)
    ckpt = checkpoint_path(Path(out))
    options = dataclasses.replace(built.options, checkpoint_path=ckpt, progress=progress)
    result = simulate_spatial(built.problem, options)
    thr = sc.spatial.output.bridging_threshold
    outcomes = spatial_outcomes(result, thr) if result.geometry.kind == "segmental_defect" else {"bridging_threshold": thr}
    path = write_spatial_run(out, result, sc, outcomes, built.problem.transport, figures, force,
                             {"command": "run", "name_or_file": name_or_file, "overrides": list(overrides),
                              "wall_seconds": time.perf_counter() - t0})
    ckpt.unlink(missing_ok=True)
    st = result.stats
    g = result.geometry.grid
    lines = [
        f"scenario  {sc.name}: spatial {g.ndim}D, grid {' x '.join(map(str, g.shape))} at {g.h:g} mm, {result.time[-1]:g} days",
        f"solver    {st.n_splitting_steps} splitting steps, {st.reaction.n_steps} reaction steps "
        f"({st.reaction.n_rejected} rejected), {st.wall_seconds:.1f} s"
        + (f" (resumed from day {st.resumed_from_day:g})" if st.resumed_from_day is not None else ""),
    ]
    if "bridged" in outcomes:
        t = outcomes["time_to_bridging_days"]
        lines.append(f"bridging  {'yes' if outcomes['bridged'] else 'no'} (bone fraction >= {thr:g})"
                     + (f"; first bridged on day {t:g}" if t is not None else "")
                     + f"; best path's weakest bone {outcomes['bridging_path_bone_fraction']:.3g}")
        lines.append(f"defect    bone {outcomes['defect_bone_fraction_final']:.3g}, fibrous "
                     f"{outcomes['defect_fibrous_fraction_final']:.3g} at day {outcomes['days']:g}")
    lines.append(f"wrote     {path}/ ({', '.join(sorted(p.name for p in path.iterdir()))})")
    return lines
