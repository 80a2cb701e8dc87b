"""Where a splitting step of the spatial model spends its time on the JAX backend (CPU or GPU); not a test.

    python benchmarks/spatial_phases.py --shape 128 128 64 [--jax-cache DIR]

For the benchmark grid of :mod:`osteoimmune.spatial.benchmark` (5 mm scenario tissue in a box, injured in one
half), after a warm-up that compiles both functions: the transport step alone (median of 5) and the reaction over
one 0.5-day interval from the injured state (median of 3), with its lock-step rounds, so that the cost of one
round (an attempt of every voxel) and of one voxel-attempt are known.  One JSON line.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", type=int, nargs=3, default=[128, 128, 64])
    ap.add_argument("--jax-cache", default=None)
    args = ap.parse_args()
    from osteoimmune.spatial.benchmark import injured_box
    from osteoimmune.spatial.reaction import BatchedRosenbrock
    from osteoimmune.spatial.reaction_jax import jax_modules, use_compilation_cache
    from osteoimmune.spatial.solver import _apply_jump, _Transport
    from osteoimmune.spatial.transport_jax import JaxTransport

    jax, jnp = jax_modules()
    if args.jax_cache:
        use_compilation_cache(args.jax_cache)
    shape = list(args.shape)
    p, opts = injured_box(tuple(shape), "jax")
    y = np.array(p.y0)
    index = {s: i for i, s in enumerate(p.species_ids)}
    for j in p.jumps:
        _apply_jump(y, j, index)
    params = p.parameter_list(p.segments[0])
    out: dict = {"shape": shape, "voxels": int(np.prod(shape)), "device": jax.devices()[0].device_kind}

    t0 = time.perf_counter()
    tr = JaxTransport(_Transport(p))
    yd = jnp.asarray(y)
    r, n_sub = tr.step(yd, opts.dt_days)
    r.block_until_ready()
    out["transport_compile_and_first_s"] = time.perf_counter() - t0
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        r, n_sub = tr.step(yd, opts.dt_days)
        r.block_until_ready()
        times.append(time.perf_counter() - t0)
    out["transport_step_s"] = float(np.median(times))
    out["transport_substeps_max"] = int(n_sub)

    rx = BatchedRosenbrock(p.declaration, rtol=opts.rtol, atol_scale=opts.atol_scale, backend="jax")
    t0 = time.perf_counter()
    rx.integrate(yd, params, 0.0, opts.dt_days)[0].block_until_ready()
    out["reaction_compile_and_first_s"] = time.perf_counter() - t0
    times = []
    for _ in range(3):
        before = dict(rx.stats.__dict__)
        t0 = time.perf_counter()
        rx.integrate(yd, params, 0.0, opts.dt_days)[0].block_until_ready()
        times.append(time.perf_counter() - t0)
    rounds = rx.stats.n_rounds - before["n_rounds"]
    attempts = (rx.stats.n_steps + rx.stats.n_rejected) - (before["n_steps"] + before["n_rejected"])
    out["reaction_interval_s"] = float(np.median(times))
    out["reaction_rounds"] = int(rounds)
    out["reaction_voxel_attempts"] = int(attempts)
    out["round_ms"] = out["reaction_interval_s"] / max(1, rounds) * 1e3
    out["ns_per_voxel_round"] = out["reaction_interval_s"] / max(1, rounds) / out["voxels"] * 1e9
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
