"""Time one 180-day ``fracture-healing`` simulation through the public API.

Measures, in a fresh process:

1. model build   - ``oi.build_model()`` (read the data files, declare every module, check consistency);
2. compile       - symbolic RHS + exact Jacobian -> Python functions (``osteoimmune.api.compiled_model()``);
3. first run     - ``oi.simulate`` on a new scenario (includes the pre-injury steady state);
4. warm runs     - the median (and min/max) of ``--repeats`` further ``oi.simulate`` calls.

Prints a small table; ``--out FILE`` also writes the numbers as JSON.  Not a test::

    python benchmarks/fracture_run.py
    python benchmarks/fracture_run.py --repeats 11 --out bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path


def _timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def measure(scenario_name: str = "fracture-healing", repeats: int = 7, method: str | None = None) -> dict:
    """Return the timings (seconds) and run statistics as a dict."""
    t_import0 = time.perf_counter()
    import osteoimmune as oi

    t_import = time.perf_counter() - t_import0
    from osteoimmune import api

    model, t_build = _timed(oi.build_model)
    compiled, t_compile = _timed(api.compiled_model)
    scenario, t_load = _timed(lambda: oi.load_scenario(scenario_name))
    options = oi.SolverOptions(method=method) if method else None
    result, t_first = _timed(lambda: oi.simulate(scenario, options))
    warm = [_timed(lambda: oi.simulate(scenario, options))[1] for _ in range(repeats)]
    stats = result.stats.as_dict()
    return {
        "scenario": scenario_name,
        "days": float(result.time[-1] - result.time[0]),
        "output_samples": int(result.time.size),
        "species": len(model.species),
        "parameters": len(model.parameters),
        "processes": len(model.processes),
        "jacobian_nonzeros": getattr(compiled, "jacobian_nonzeros", None),
        "method": stats.get("method"),
        "rtol": stats.get("rtol"),
        "solver_steps": stats.get("n_steps"),
        "rhs_evaluations": stats.get("n_rhs"),
        "jacobian_evaluations": stats.get("n_jac"),
        "import_seconds": t_import,
        "build_seconds": t_build,
        "compile_seconds": t_compile,
        "load_scenario_seconds": t_load,
        "first_run_seconds": t_first,
        "warm_runs": repeats,
        "warm_median_seconds": statistics.median(warm) if warm else None,
        "warm_min_seconds": min(warm) if warm else None,
        "warm_max_seconds": max(warm) if warm else None,
        "version": oi.__version__,
        "python": sys.version.split()[0],
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(),
    }


def table(r: dict) -> str:
    rows = [
        ("scenario", f"{r['scenario']} ({r['days']:g} days, {r['output_samples']} samples)"),
        ("model", f"{r['species']} species, {r['parameters']} parameters, {r['processes']} processes, "
                  f"{r['jacobian_nonzeros']} Jacobian nonzeros"),
        ("solver", f"{r['method']} rtol={r['rtol']:g}: {r['solver_steps']} steps, {r['rhs_evaluations']} RHS, "
                   f"{r['jacobian_evaluations']} Jacobians"),
        ("import osteoimmune", f"{r['import_seconds']:.3f} s"),
        ("model build", f"{r['build_seconds']:.3f} s"),
        ("compile (RHS + Jacobian)", f"{r['compile_seconds']:.3f} s"),
        ("first simulate", f"{r['first_run_seconds']:.3f} s (includes the pre-injury steady state)"),
        (f"warm simulate (median of {r['warm_runs']})",
         f"{r['warm_median_seconds']:.3f} s (min {r['warm_min_seconds']:.3f}, max {r['warm_max_seconds']:.3f})"
         if r["warm_median_seconds"] is not None else "n/a"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="fracture-healing", help="built-in scenario (default fracture-healing)")
    parser.add_argument("--repeats", type=int, default=7, help="number of warm runs (default 7)")
    parser.add_argument("--method", choices=("lsoda", "bdf", "radau"), default=None, help="solver (default lsoda)")
    parser.add_argument("--out", type=Path, default=None, help="also write the numbers as JSON to this file")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    r = measure(args.scenario, args.repeats, args.method)
    print(table(r))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(r, indent=2) + "\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
