"""Sobol benchmark (issue 7 item 6): a ≥ 10,000-simulation Sobol analysis of the fracture-healing model.

    .venv/bin/python benchmarks/sobol.py --out results/bench-sobol                 # N = 1024: 10,240 simulations
    .venv/bin/python benchmarks/sobol.py --N 1024 8192 --out results/bench-sobol \\
        --doc docs/analysis.md --figure docs/figures/analysis/sobol-fracture.png  # + 81,920 simulations

What "10,000-sample" means here.  SALib's Saltelli/Sobol' design with ``N`` base samples and ``d`` parameters
costs ``N × (d + 2)`` model evaluations (first-order and total indices, no second order).  The primary benchmark is
``N = 1024`` base samples × (8 + 2) = **10,240 simulations** (≥ 10,000 model evaluations).  A reader who means
SALib's ``N = 10,000`` means ``10,000 × 10 = 100,000`` simulations; ``N`` must be a power of two (the Sobol'
sequence keeps its balance properties only then, and ``osteoimmune sensitivity`` refuses other values), so that
run is bracketed by ``--N 8192`` (81,920 simulations, measured when asked for) and its cost is extrapolated from
the measured rate.

Each ``N`` is one real run of the public command, in this process, exactly as a user types it:
``osteoimmune sensitivity OUT/N<N>/spec.yaml --out OUT/N<N>/run --workers W --quiet`` (local processes, the
``auto`` backend = ``scipy-bdf`` on a CPU, chunk size automatic: 128 simulations per ``simulate_many`` call), on
the built-in ``fracture-healing`` scenario unchanged (30-year-old, 1 mm moderate fracture, 180 days, output
every 0.25 day) with the :data:`PARAMETERS` and :data:`OUTCOMES` below.  The command is then run a second time
into the same ``--out``: every chunk is reused (the benchmark checks that no chunk file was added or rewritten),
so that second wall time is the command's cost without the simulations (sampling, bootstrap CIs, convergence
tables, files, figure); the difference is the simulation phase (worker start-up included).

Recorded per run: wall time, simulations per second (end to end and simulation phase), load average before and
after, peak RSS of this process (the command's client: design, outcomes, analysis) and of the largest worker
(``RUSAGE_CHILDREN`` after the pool has shut down).  For comparison, the **reference backend** (LSODA,
``osteoimmune.api.simulate`` one scenario at a time) evaluates the first ``--reference-rows`` rows of the same
design, serially in this process, in the same run: its seconds per simulation against the batched run's
core-seconds per simulation give the ratio, and the largest outcome difference between the two backends on those
rows is reported.  The indices are checked for sanity: Σ S1 ≤ 1 (+ CI) per outcome, and ST ≥ S1 within their
CIs for every parameter.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
import yaml

MARK_BEGIN = "<!-- sobol-benchmark:begin -->"
MARK_END = "<!-- sobol-benchmark:end -->"

#: The uncertain parameters (d = 8), each varied log-uniformly over its calibrated value ÷/× 2 (the default range
#: of ``osteoimmune.analysis.space`` for parameters without declared bounds).  Provenance (model/data/*.yaml):
#: k_bmsc_rec — SDF-1/CXCR4-driven BMSC recruitment, cell/mL/day, calibrated to union at ~38 days, seed:002 I105/I108;
#: k_diff — BMSC differentiation rate, 1/day, cite:trejo2019 (d_s);
#: k01 — M0→M1 polarisation, 1/day, cite:trejo2019 (k01);  k02 — M0→M2 polarisation, 1/day, cite:trejo2019;
#: k12_max — IL-4/IL-10-driven M1→M2 conversion, 1/day, seed:002 I061 (4–7 day switch);
#: d_tnf — TNF-α decay, 1/day, cite:trejo2019 (d_c1);
#: k_mo_rec — injury-driven monocyte recruitment, cell/mL/day, cite:trejo2019 (k_max·D0);
#: p_wov — woven bone deposition per osteoblast, mL/cell/day, cite:trejo2019 (p_bs).
PARAMETERS: tuple[str, ...] = ("k_bmsc_rec", "k_diff", "k01", "k02", "k12_max", "d_tnf", "k_mo_rec", "p_wov")
#: time to union (day, censored at day 180), bone fraction at day 56, and the union indicator at day 180
#: (``union_probability`` of one scenario is 0 or 1; its mean over the design is the union probability).
OUTCOMES: tuple[str, ...] = ("time_to_union_days", "bone_fraction_day_56", "union_probability")
SCENARIO = "fracture-healing"


def spec_for(n: int, parameters: Sequence[str] = PARAMETERS, outcomes: Sequence[str] = OUTCOMES,
             overrides: Sequence[str] = (), seed: int = 20261124, factor: float = 2.0,
             num_resamples: int = 1000) -> dict[str, Any]:
    """The ``osteoimmune sensitivity`` spec (a plain mapping, written as YAML) of one benchmark run."""
    return {
        "schema_version": 1, "name": f"sobol-fracture-N{n}", "scenario": SCENARIO, "set": list(overrides),
        "parameters": {p: {"factor": float(factor)} for p in parameters}, "outcomes": list(outcomes),
        "method": "sobol", "N": int(n), "seed": int(seed), "num_resamples": int(num_resamples),
    }


def run_command(spec_path: Path, out: Path, workers: int | None, scheduler: str | None) -> float:
    """``osteoimmune sensitivity SPEC --out OUT`` in this process; returns its wall seconds (raises on failure)."""
    from osteoimmune.cli.main import main as cli

    args = ["sensitivity", str(spec_path), "--out", str(out), "--quiet"]
    if workers is not None:
        args += ["--workers", str(workers)]
    if scheduler is not None:
        args += ["--scheduler", scheduler]
    t = time.perf_counter()
    status = cli.main(args=args, prog_name="osteoimmune", standalone_mode=False)
    wall = time.perf_counter() - t
    if status not in (None, 0):
        raise RuntimeError(f"osteoimmune {' '.join(args)} exited with status {status}")
    return wall


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its reaped children (the pool's workers, once shut down)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def _chunk_state(directory: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in directory.iterdir() if not p.name.startswith(".")}


def sanity(indices: pd.DataFrame) -> dict[str, Any]:
    """Σ S1 (with the summed CI half-widths) per outcome, and the parameters where ST < S1 beyond their CIs."""
    out: dict[str, Any] = {}
    for o, t in indices.groupby("outcome", sort=False):
        s1 = t[t["index"] == "S1"].set_index("parameter")
        st = t[t["index"] == "ST"].set_index("parameter")
        below = [p for p in s1.index if st.loc[p, "value"] + st.loc[p, "conf"] < s1.loc[p, "value"] - s1.loc[p, "conf"]]
        out[o] = {"sum_S1": float(s1["value"].sum()), "sum_S1_conf": float(s1["conf"].sum()),
                  "sum_ST": float(st["value"].sum()), "ST_below_S1": below,
                  "max_conf_S1": float(s1["conf"].max()), "max_conf_ST": float(st["conf"].max())}
    return out


def reference_comparison(spec_path: Path, samples: pd.DataFrame, parameters: Sequence[str],
                         outcomes: Sequence[str], rows: int) -> dict[str, Any]:
    """The reference backend on the first ``rows`` rows of the design, serially: seconds/simulation, agreement."""
    from osteoimmune.analysis.sensitivity import load_sensitivity, model_problem

    spec, base = load_sensitivity(spec_path, {"backend": "reference"})
    _, ev = model_problem(spec, base)
    x = samples[list(parameters)].to_numpy(float)[:rows]
    ev(x[:1])  # compile the model and its steady state code once (not timed)
    t, c = time.perf_counter(), time.process_time()
    y = ev(x)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    yb = samples[list(outcomes)].to_numpy(float)[:rows]
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.abs(y - yb) / np.maximum(np.abs(y), 1e-12)
    return {"rows": int(rows), "seconds": seconds, "s_per_simulation": seconds / max(1, rows),
            "cpu_s_per_simulation": cpu / max(1, rows),
            "max_rel_diff": {o: float(np.nanmax(rel[:, k])) for k, o in enumerate(outcomes)},
            "union_agree": bool(np.all(y[:, list(outcomes).index("union_probability")]
                                       == yb[:, list(outcomes).index("union_probability")]))
            if "union_probability" in outcomes else None}


def run_one(out: Path, n: int, workers: int | None, scheduler: str | None = None,
            parameters: Sequence[str] = PARAMETERS, outcomes: Sequence[str] = OUTCOMES, overrides: Sequence[str] = (),
            reference_rows: int = 20, seed: int = 20261124, num_resamples: int = 1000) -> dict[str, Any]:
    """One benchmark run of ``N = n`` into ``out`` (spec.yaml, run/ = the command's output, result.json)."""
    out.mkdir(parents=True, exist_ok=True)
    spec = spec_for(n, parameters, outcomes, overrides, seed, num_resamples=num_resamples)
    spec_path = out / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    run_dir = out / "run"
    if run_dir.exists():  # a benchmark measures a fresh run, never a resumed one
        shutil.rmtree(run_dir)
    simulations = n * (len(parameters) + 2)
    load_before = os.getloadavg()
    print(f"N = {n}: {simulations} simulations on {workers or 'default'} workers ...", flush=True)
    cpu0 = cpu_seconds()
    wall = run_command(spec_path, run_dir, workers, scheduler)
    cpu = cpu_seconds() - cpu0
    load_after = os.getloadavg()
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    chunks = _chunk_state(run_dir / "chunks")
    print(f"  {wall:.1f} s; re-run into the same --out (every chunk stored) ...", flush=True)
    rerun_wall = run_command(spec_path, run_dir, workers, scheduler)
    reused = _chunk_state(run_dir / "chunks") == chunks
    samples = pd.read_csv(run_dir / "samples.csv")
    indices = pd.read_csv(run_dir / "indices.csv")
    conv = pd.read_csv(run_dir / "convergence.csv")
    if len(samples) != simulations:
        raise RuntimeError(f"samples.csv has {len(samples)} rows, expected {simulations}")
    print(f"  re-run {rerun_wall:.1f} s (chunks reused: {reused}); reference backend on {reference_rows} rows ...",
          flush=True)
    ref = reference_comparison(spec_path, samples, parameters, outcomes, min(reference_rows, simulations))
    from osteoimmune.analysis.outcomes_of import auto_chunk_size
    from osteoimmune.analysis.sensitivity import load_sensitivity, model_problem

    _, ev = model_problem(*load_sensitivity(spec_path))
    scenario = ev.scenarios[0]
    n_workers = workers or os.cpu_count() or 1
    if scheduler == "serial":
        n_workers = 1
    core_s = wall * n_workers / simulations
    res = {
        "N": int(n), "d": len(parameters), "simulations": simulations, "workers": n_workers,
        "scheduler": scheduler or "processes", "parameters": list(parameters), "outcomes": list(outcomes),
        "set": list(overrides), "days": float(scenario.days), "output_interval_days":
            float(scenario.output_interval_days), "chunk_rows": auto_chunk_size(ev, simulations),
        "num_resamples": int(num_resamples), "wall_s": wall, "rerun_wall_s": rerun_wall,
        "simulation_phase_s": wall - rerun_wall, "simulations_per_s": simulations / wall,
        "simulations_per_s_simulation_phase": simulations / max(1e-9, wall - rerun_wall),
        "core_s_per_simulation": core_s, "cpu_s": cpu, "cpu_s_per_simulation": cpu / simulations,
        "chunks": len(chunks), "chunks_reused": reused,
        "load_average_before": list(load_before), "load_average_after": list(load_after),
        "peak_rss_mib_client": rss_self, "peak_rss_mib_largest_worker": rss_children,
        "reference": ref, "reference_ratio_wall": ref["s_per_simulation"] / core_s,
        "reference_ratio": ref["cpu_s_per_simulation"] / (cpu / simulations),
        "union_fraction": float(samples["union_probability"].mean()) if "union_probability" in samples else None,
        "outcome_ranges": {o: [float(samples[o].min()), float(samples[o].max())] for o in outcomes},
        "sanity": sanity(indices),
        "indices": indices.to_dict(orient="records"),
        "convergence_last_two": _last_two(conv),
        "out": str(run_dir),
    }
    (out / "result.json").write_text(json.dumps(res, indent=1, default=float))
    print(f"  {simulations / wall:.1f} simulations/s end to end, {1e3 * cpu / simulations:.1f} CPU ms/simulation; "
          f"reference backend {ref['cpu_s_per_simulation'] * 1e3:.0f} CPU ms/simulation = "
          f"{res['reference_ratio']:.1f}× (wall: {res['reference_ratio_wall']:.1f}×)", flush=True)
    return res


def _last_two(conv: pd.DataFrame) -> dict[str, Any]:
    """For each outcome: the largest change of any index between the last two convergence sizes (n/2 → n)."""
    sizes = sorted(conv["n"].unique())
    if len(sizes) < 2:
        return {}
    a = conv[conv["n"] == sizes[-2]].set_index(["outcome", "parameter", "index"])["value"]
    b = conv[conv["n"] == sizes[-1]].set_index(["outcome", "parameter", "index"])["value"]
    d = (b - a).abs()
    return {"from_n": int(sizes[-2]), "to_n": int(sizes[-1]),
            "max_change": {o: float(d.xs(o, level="outcome").max()) for o in conv["outcome"].unique()}}


def extrapolate(res: dict[str, Any], base_samples: int = 10_000) -> dict[str, Any]:
    """Cost of SALib N = ``base_samples`` (N(d + 2) simulations): at the measured end-to-end rate (under the load of
    that run), and from the measured CPU seconds per simulation on ``workers`` otherwise idle cores."""
    sims = base_samples * (res["d"] + 2)
    return {"N": base_samples, "simulations": sims, "wall_s": sims / res["simulations_per_s"],
            "idle_cores_s": sims * res["cpu_s_per_simulation"] / res["workers"]}


# --------------------------------------------------------------------------- report
def _fmt_s(s: float) -> str:
    return f"{s:.0f} s ({s / 60:.1f} min)" if s >= 60 else f"{s:.1f} s"


def table(runs: list[dict[str, Any]]) -> str:
    lines = ["| N (base samples) | d | simulations | workers | wall | < 10 min | simulations/s | core-s/simulation "
             "| CPU s/simulation "
             "| re-run (all chunks stored) | load average before → after | peak RSS client / largest worker "
             "| reference backend CPU s/simulation (rows) | ratio (CPU) |",
             "| ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |"]
    for r in runs:
        lb, la = r["load_average_before"], r["load_average_after"]
        lines.append(
            f"| {r['N']} | {r['d']} | {r['simulations']:,} | {r['workers']} | {_fmt_s(r['wall_s'])} | "
            f"{'yes' if r['wall_s'] < 600 else '**no**'} | {r['simulations_per_s']:.1f} | "
            f"{r['core_s_per_simulation'] * 1e3:.1f} ms | {r['cpu_s_per_simulation'] * 1e3:.1f} ms | "
            f"{_fmt_s(r['rerun_wall_s'])} | "
            f"{lb[0]:.1f}/{lb[1]:.1f}/{lb[2]:.1f} → {la[0]:.1f}/{la[1]:.1f}/{la[2]:.1f} | "
            f"{r['peak_rss_mib_client']:.0f} / {r['peak_rss_mib_largest_worker']:.0f} MiB | "
            f"{r['reference']['cpu_s_per_simulation'] * 1e3:.0f} ms ({r['reference']['rows']}) | "
            f"{r['reference_ratio']:.0f}× |")
    return "\n".join(lines)


def indices_table(r: dict[str, Any]) -> str:
    idx = pd.DataFrame(r["indices"])
    outcomes = list(dict.fromkeys(idx["outcome"]))
    head = "| parameter | " + " | ".join(f"{o} S1 | ST" for o in outcomes) + " |"
    lines = [head, "| --- | " + " | ".join("---: | ---:" for _ in outcomes) + " |"]
    st0 = idx[(idx["outcome"] == outcomes[0]) & (idx["index"] == "ST")].sort_values("value", ascending=False)
    for p in st0["parameter"]:
        cells = []
        for o in outcomes:
            for k in ("S1", "ST"):
                row = idx[(idx["outcome"] == o) & (idx["parameter"] == p) & (idx["index"] == k)].iloc[0]
                cells.append(f"{row['value']:.3f} ± {row['conf']:.3f}")
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sanity_lines(r: dict[str, Any]) -> list[str]:
    out = []
    for o, s in r["sanity"].items():
        out.append(f"`{o}`: Σ S1 = {s['sum_S1']:.3f} (± {s['sum_S1_conf']:.3f}), Σ ST = {s['sum_ST']:.3f}, "
                   f"largest CI half-width S1 {s['max_conf_S1']:.3f}, ST {s['max_conf_ST']:.3f}; ST < S1 beyond "
                   f"the CIs: {', '.join(s['ST_below_S1']) or 'none'}")
    return out


def report(runs: list[dict[str, Any]], machine: str, date: str) -> str:
    big = max(runs, key=lambda r: r["N"])
    ex = extrapolate(big)
    conv = big.get("convergence_last_two") or {}
    ref = big["reference"]
    body = [
        MARK_BEGIN,
        f"Measured {date} on {machine} with `benchmarks/sobol.py` (the command `osteoimmune sensitivity` in "
        f"process, {runs[0]['scheduler']} scheduler, backend `auto` = `scipy-bdf`, automatic chunks of "
        f"{big['chunk_rows']} simulations). Scenario `{SCENARIO}` ({big['days']:g} days, output every "
        f"{big['output_interval_days']:g} day{'; set ' + ', '.join(big['set']) if big['set'] else ''}), "
        f"d = {big['d']} parameters ({', '.join(f'`{p}`' for p in big['parameters'])}, each calibrated value ÷/× 2, "
        f"log-uniform), outcomes {', '.join(f'`{o}`' for o in big['outcomes'])}. The machine is shared with other "
        "jobs: the load average is given per run.",
        "",
        table(runs),
        "",
        "*wall*: the whole command (pool start-up and worker warm-up, sampling, all simulations, Sobol indices "
        f"with {big['num_resamples']} bootstrap resamples, convergence tables, CSV files and the figure). "
        "*re-run*: the same command again into the same `--out`, every chunk reused (no chunk file added or "
        "rewritten: "
        f"{'checked' if all(r['chunks_reused'] for r in runs) else '**not so**'}), i.e. everything but the "
        "simulations. *core-s/simulation* = wall × workers / simulations; *CPU s/simulation*: user + system "
        "CPU time of the command's process and its workers / simulations (roughly what a simulation costs on an "
        "idle core). *reference backend*: LSODA (`osteoimmune.api.simulate`, one scenario at a time) on the first "
        "rows of the same design, serially in the same process, its CPU seconds per simulation; *ratio (CPU)* = "
        "that / the batched CPU seconds per simulation (on wall time: "
        + ", ".join(f"{r['reference_ratio_wall']:.0f}×" for r in runs) + "). "
        f"Largest relative outcome difference reference vs batched on those rows: "
        + ", ".join(f"`{o}` {v:.1e}" for o, v in ref["max_rel_diff"].items())
        + (f"; union indicator identical: {'yes' if ref['union_agree'] else '**no**'}." if ref.get("union_agree")
           is not None else "."),
        "",
        f"SALib's N = 10,000 (not a power of two, so not runnable as such; N(d + 2) = {ex['simulations']:,} "
        f"simulations) extrapolated from the N = {big['N']} run: **{_fmt_s(ex['wall_s'])}** on {big['workers']} "
        f"workers at its measured end-to-end rate (under its load), **{_fmt_s(ex['idle_cores_s'])}** from its CPU "
        f"seconds per simulation if the {big['workers']} cores were otherwise idle.",
        "",
        f"Indices of the N = {big['N']} run (value ± 95 % bootstrap CI half-width; sorted by ST of the first "
        f"outcome); {big['union_fraction'] * 100:.0f} % of the {big['simulations']:,} simulations reach union by "
        f"day {big['days']:g}:" if big.get("union_fraction") is not None else f"Indices of the N = {big['N']} run:",
        "",
        indices_table(big),
        "",
        "Sanity: " + "; ".join(sanity_lines(big)) + ".",
    ]
    if conv:
        body += ["", f"Convergence: largest change of any index from n = {conv['from_n']} to n = {conv['to_n']} base "
                 "samples: " + ", ".join(f"`{o}` {v:.3f}" for o, v in conv["max_change"].items()) + "."]
    body.append(MARK_END)
    return "\n".join(body)


def write_doc(path: Path, text: str) -> None:
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_BEGIN in doc and MARK_END in doc:
        doc = doc[:doc.index(MARK_BEGIN)] + text + doc[doc.index(MARK_END) + len(MARK_END):]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    tmp.write_text(doc, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--out", type=Path, required=True, help="output folder (one subfolder N<N> per run)")
    ap.add_argument("--N", type=int, nargs="+", default=[1024], help="Sobol base samples, powers of two (default "
                    "1024 = 10,240 simulations for d = 8)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="local worker processes")
    ap.add_argument("--scheduler", default=None, help="serial | processes | tcp://HOST:PORT (default: processes)")
    ap.add_argument("--parameters", nargs="+", default=list(PARAMETERS), help="parameters to vary (default: the 8)")
    ap.add_argument("--outcomes", nargs="+", default=list(OUTCOMES))
    ap.add_argument("--set", dest="overrides", action="append", default=[],
                    help="scenario override dotted.key=value (repeatable; default: the built-in unchanged)")
    ap.add_argument("--reference-rows", type=int, default=20, help="design rows run by the reference backend")
    ap.add_argument("--num-resamples", type=int, default=1000, help="bootstrap resamples of the CIs")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--doc", type=Path, help="rewrite the block between the sobol-benchmark markers of this file")
    ap.add_argument("--figure", type=Path, help="copy the largest run's sensitivity.png here")
    a = ap.parse_args(argv)
    bad = [n for n in a.N if n < 2 or n & (n - 1)]
    if bad:
        ap.error(f"--N must be powers of two >= 2 (got {bad})")
    runs = [run_one(a.out / f"N{n}", n, a.workers, a.scheduler, a.parameters, a.outcomes, a.overrides,
                    a.reference_rows, a.seed, a.num_resamples) for n in a.N]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = report(runs, machine, date)
    (a.out / "report.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    if a.doc:
        write_doc(a.doc, text)
    if a.figure:
        big = max(runs, key=lambda r: r["N"])
        a.figure.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(big["out"]) / "sensitivity.png", a.figure)
    return runs


if __name__ == "__main__":
    main()
