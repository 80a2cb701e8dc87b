"""Cost of the spatial model per voxel and step, and how it scales with the grid (issue 8, item 6).

``python -m osteoimmune.spatial.benchmark [--sizes 1024 4096 16384] [--shape 128 128 64] [--backend numpy|jax]
[--kernel fused|numpy] [--days 2] [--warmup-days 0.5] [--jax-cache DIR] [--jacobian-reuse N] [--quiescent-skip N] [--splitting lie|diffusion_source]``

For each size (or ``--shape``), a 3D box of voxels (shaped as cubically as possible for ``--sizes``) of the 5 mm
rat femur scenario's tissue, injured in one half (so that transport works too), with all 59 species, is advanced
over ``--days`` days with the scenario's numerics (0.5-day splitting steps, rtol 1e-2, atol 1e-4 × scale).  One
JSON line per run: wall and CPU seconds, the process's peak resident memory, the load average of the machine before and after (kernel generation and compilation are excluded by a warm-up only if the
caller does one; the first run of a process includes them), splitting steps, per-voxel reaction work counters,
seconds per voxel per splitting step, and the naive extrapolation of that rate to the 128 × 128 × 64 grid over
120 days (240 steps).  ``--warmup-days`` first runs the same grid for that many days (its own JSON line,
``"warmup": true``): with the JAX backend that run holds XLA's compilation, which ``--jax-cache`` (a persistent
compilation cache) then serves to the measured run, so that the measured line is the simulation alone.  The first days are the injury transient (~4 reaction attempts per voxel and step against
~1.7 averaged over 120 days), so the extrapolation from a short run is pessimistic; docs/spatial.md gives the
measured long-run rate.  Numbers depend on the load of the machine; they are a measurement, not a promise.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import time

import numpy as np


def _shape(n: int) -> tuple[int, int, int]:
    a = max(1, round(n ** (1 / 3)))
    b = max(1, round((n / a) ** 0.5))
    c = max(1, n // (a * b))
    return (a, b, c)


def injured_box(shape: tuple[int, int, int], backend: str = "numpy", days: float = 2.0):
    """The benchmark problem: a box of ``shape`` voxels of the 5 mm scenario's tissue, injured in the half with the
    lower x (an injury front, so that transport works too); returns ``(problem, options)``. The splitting step is
    0.5 days (as in every benchmark round; the scenarios take 0.25: docs/spatial.md, Numerics: "Splitting")."""
    from .build import build_problem
    from .scenario import load_spatial_scenario

    sc = load_spatial_scenario("rat-femur-5mm", [
        "spatial.geometry.kind=box", f"spatial.geometry.box_cells={list(shape)}", f"days={days}",
        f"output_interval_days={days}", f"spatial.numerics.backend={backend}", "spatial.numerics.dt_days=0.5",
        "spatial.output.fields=[bone_fraction]"])
    built = build_problem(sc)
    problem = built.problem
    x = problem.geometry.grid.centres()[0].ravel()
    half = x < np.median(x) + 1e-9
    return dataclasses.replace(problem, jumps=[dataclasses.replace(j, mask=half) for j in problem.jumps]), built.options


def measure(n: int, backend: str = "numpy", days: float = 2.0, shape: tuple[int, int, int] | None = None,
            progress: bool = False, jacobian_reuse: int | None = None, quiescent_skip: int | None = None,
            splitting: str | None = None) -> dict:
    from .reaction import default_kernel
    from .solver import simulate_spatial

    shape = tuple(shape) if shape else _shape(n)
    problem, options = injured_box(shape, backend, days)
    options = dataclasses.replace(options, progress=progress, jacobian_reuse=jacobian_reuse, quiescent_skip=quiescent_skip,
                                  splitting=splitting)
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    res = simulate_spatial(problem, options)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    st = res.stats
    cells = int(np.prod(shape))
    r = st.reaction
    attempts = r.n_steps + r.n_rejected
    per_step = wall / max(1, st.n_splitting_steps)
    device, device_peak = "cpu", None
    if backend == "jax":
        from .reaction_jax import jax_modules

        dev = jax_modules()[0].devices()[0]
        device = dev.device_kind
        mem = dev.memory_stats() or {}  # None on CPU
        if "peak_bytes_in_use" in mem:
            device_peak = mem["peak_bytes_in_use"] / 2**30
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux; peak of the process so far
    return {"voxels": cells, "shape": list(shape), "backend": backend, "device": device, "peak_rss_gib": rss_gib,
            **options.voxel_memory(), "splitting": options.resolved_splitting(),
            "device_peak_gib": device_peak,
            "kernel": default_kernel(),
            "load_average": [load0, os.getloadavg()[0]], "wall_seconds": wall, "cpu_seconds": cpu,
            "cpu_us_per_voxel_step": cpu / max(1, st.n_splitting_steps) / cells * 1e6,
            "splitting_steps": st.n_splitting_steps, "reaction_attempts": attempts, "stats": r.__dict__,
            "seconds_per_voxel_step": per_step / cells,
            "extrapolated_128x128x64_120d_hours": per_step / cells * 128 * 128 * 64 * 240 / 3600}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 1024])
    ap.add_argument("--backend", default="numpy")
    ap.add_argument("--kernel", choices=("fused", "numpy"), default=None,
                    help="NumPy backend's implementation (default: $OSTEOIMMUNE_SPATIAL_KERNEL or fused)")
    ap.add_argument("--days", type=float, default=2.0)
    ap.add_argument("--shape", type=int, nargs=3, action="append", default=[],
                    help="measure this grid shape (repeatable) instead of --sizes")
    ap.add_argument("--warmup-days", type=float, default=0.0,
                    help="first run each grid for this many days (reported apart; compiles the JAX backend)")
    ap.add_argument("--jax-cache", default=None, help="persistent XLA compilation cache directory (JAX backend)")
    ap.add_argument("--progress", action="store_true", help="progress bar of the measured runs")
    ap.add_argument("--jacobian-reuse", type=int, default=None,
                    help="W-method reuse of the fused CPU kernel (default: the solver's; 0: off)")
    ap.add_argument("--quiescent-skip", type=int, default=None,
                    help="intervals a voxel skips its failed quiescent test, fused CPU kernel (default: the solver's)")
    ap.add_argument("--splitting", choices=("lie", "diffusion_source"), default=None,
                    help="operator splitting (default: the solver's, diffusion_source for the fused CPU kernel)")
    args = ap.parse_args(argv)
    if args.kernel:
        os.environ["OSTEOIMMUNE_SPATIAL_KERNEL"] = args.kernel
    if args.jax_cache:
        from .reaction_jax import use_compilation_cache

        use_compilation_cache(args.jax_cache)
    runs = [(0, tuple(s)) for s in args.shape] or [(n, None) for n in args.sizes]
    for n, shape in runs:
        if args.warmup_days > 0:
            print(json.dumps(dict(measure(n, args.backend, args.warmup_days, shape, False, args.jacobian_reuse,
                                          args.quiescent_skip, args.splitting),
                                  warmup=True)), flush=True)
        print(json.dumps(measure(n, args.backend, args.days, shape, args.progress, args.jacobian_reuse,
                                 args.quiescent_skip, args.splitting)), flush=True)


if __name__ == "__main__":
    main()
