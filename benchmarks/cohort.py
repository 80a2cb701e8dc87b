"""Cohort benchmark: the same patients × 180 days by libroadrunner, the reference solver and the batched backend.

    .venv/bin/python benchmarks/cohort.py                         # 10,000 patients (subsamples: see below)
    .venv/bin/python benchmarks/cohort.py --patients 2000 --rr-serial 500 --reference 20 --workers 2
    .venv/bin/python benchmarks/cohort.py --doc docs/performance.md --out bench-cohort.json

One run measures, on the same machine at the same time (ratios are what to read on a shared machine):

1. scenario resolution and the pre-injury steady states of all patients (batched, ``steady_state_batch``);
2. **libroadrunner** (CVODE, the model exported by :func:`osteoimmune.interchange.sbml_export.export_sbml`,
   loaded once per process; per patient: ``reset``, the patient's parameter vector and initial state, 180 days
   sampled every 0.25 day, all species) — serially on ``--rr-serial`` patients and on ``--workers`` processes
   on ``--rr-parallel`` patients; tolerances matched to ours (rtol 1e-6, atol 1e-9 × species scale);
3. the **reference solver** (LSODA with the exact Jacobian, :func:`simulate_compiled`) on ``--reference`` patients;
4. the **batched backend** (``--backend``, default ``scipy-bdf``) on all patients: one process, then
   ``--workers`` processes (each integrating its share in batches);

every solver integrating the same 180 days from the same initial states with the same parameters;

5. **achieved accuracy** on the ``--reference`` patients, against a tight reference (LSODA, rtol 1e-10, atol
   1e-12 × scale): the largest relative outcome difference and the largest trajectory error
   ``max_t |Δy| / (max_t |y_ref| + 1e-6 · scale)`` over species and patients, for libroadrunner, the batched
   backend at its rtol and at ``--rtol-matched`` (default 3e-5: the rtol at which its accuracy is about
   libroadrunner's at rtol 1e-6), whose integration is timed too (one process), for the comparison at equal
   accuracy. Reported:
patients per second per core, ms per patient per core, and the batched/libroadrunner ratio; the integration
time alone (what libroadrunner does) and the end-to-end time of the batched backend (resolution + steady states
+ integration + outcome metrics). Peak RSS of the batched process from ``resource.getrusage``. The patients are
fracture patients (age 20-90, sex, postmenopausal women over 50, diabetes 15 %, severity, gap 0.5-6 mm;
seed ``--seed``) on one schedule structure (no later events, so the SBML has none).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MARK_BEGIN = "<!-- cohort-benchmark:begin -->"
MARK_END = "<!-- cohort-benchmark:end -->"


# --------------------------------------------------------------------------- libroadrunner
_RR: dict = {}


def _rr_init(sbml_path: str, species: list[str], parameters: list[str], scales: list[float]) -> None:
    import roadrunner
    from roadrunner import Config

    Config.setValue(Config.LLVM_BACKEND, Config.LLJIT)
    rr = roadrunner.RoadRunner(sbml_path)
    integ = rr.integrator
    integ.relative_tolerance = 1e-6
    for s, sc in zip(species, scales):
        integ.setIndividualTolerance(s, 1e-9 * sc)
    integ.maximum_num_steps = 200_000
    rr.timeCourseSelections = ["time", *species]
    gids = list(rr.model.getGlobalParameterIds())
    fids = list(rr.model.getFloatingSpeciesIds())
    _RR.update(rr=rr, p_idx=[gids.index(p) for p in parameters if p in gids],
               p_sel=[k for k, p in enumerate(parameters) if p in gids], s_idx=[fids.index(s) for s in species])


def _rr_run(task: tuple) -> tuple[np.ndarray | None, float]:
    """Simulate the patients of ``task`` = (y0s, parameters, days, points, keep); trajectories only if ``keep``."""
    y0s, ps, days, points, keep = task
    rr = _RR["rr"]
    t0 = time.perf_counter()
    last = []
    for y0, p in zip(y0s, ps):
        rr.reset()
        rr.model.setGlobalParameterValues(_RR["p_idx"], p[_RR["p_sel"]])
        rr.model.setFloatingSpeciesAmounts(_RR["s_idx"], y0)
        out = rr.simulate(0.0, days, points)
        if keep:
            last.append(np.asarray(out)[:, 1:])
    return (np.stack(last) if keep else None), time.perf_counter() - t0


# --------------------------------------------------------------------------- batched in worker processes
def _opts(a):
    from osteoimmune.solve.batched_scipy import BatchedOptions

    return BatchedOptions(rtol=a.rtol) if a.rtol is not None and a.backend == "scipy-bdf" else None


def _matched_opts(a):
    from osteoimmune.solve.batched_scipy import BatchedOptions

    return BatchedOptions(rtol=a.rtol_matched)


def _errors(ref, traj: np.ndarray, scales: np.ndarray) -> tuple[float, float]:
    """(largest relative outcome difference, largest normalised trajectory error) of ``traj`` against ``ref``."""
    from osteoimmune.outcomes import compute_outcomes

    err = np.max(np.abs(traj - ref.y), axis=0) / (np.max(np.abs(ref.y), axis=0) + 1e-6 * scales)
    worst = 0.0
    ref_o, got = compute_outcomes(ref), compute_outcomes(_as_result(ref, traj))
    for name, v in ref_o.items():
        if isinstance(v, float) and v != 0 and got[name] is not None:
            worst = max(worst, abs(got[name] - v) / abs(v))
    return worst, float(np.max(err))


def _batched_worker(args: tuple[list, str, float | None]) -> tuple[float, float, int]:
    from osteoimmune.batch import simulate_many_outcomes

    scenarios, backend, rtol = args
    t0 = time.perf_counter()
    df = simulate_many_outcomes(scenarios, backend=backend, options=_opts(argparse.Namespace(rtol=rtol, backend=backend)))
    return time.perf_counter() - t0, float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024, int((df["status"] == "ok").sum())


def _warm(backend: str) -> None:
    import osteoimmune as oi
    from osteoimmune.batch import simulate_many

    simulate_many([oi.load_scenario("fracture-healing")], backend=backend)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--patients", type=int, default=10_000)
    ap.add_argument("--rr-serial", type=int, default=1000, help="patients for serial libroadrunner (subsample)")
    ap.add_argument("--rr-parallel", type=int, default=2000, help="patients for libroadrunner on --workers processes")
    ap.add_argument("--reference", type=int, default=20, help="patients for the reference solver (subsample)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--backend", default="scipy-bdf")
    ap.add_argument("--chunk", type=int, default=1000, help="patients per simulate_many_outcomes call")
    ap.add_argument("--rtol", type=float, default=None, help="per-patient rtol of scipy-bdf (default: its own, 1e-5)")
    ap.add_argument("--rtol-matched", type=float, default=3e-5,
                    help="scipy-bdf rtol timed as well for the comparison at equal accuracy (0: skip)")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--out", type=Path, help="write the measurements as JSON")
    ap.add_argument("--doc", type=Path, help="replace the results table between the markers in this Markdown file")
    a = ap.parse_args(argv)

    import osteoimmune as oi
    from osteoimmune import batch
    from osteoimmune.interchange.sbml_export import export_sbml
    from osteoimmune.outcomes import compute_outcomes
    from osteoimmune.solve.integrate import simulate_compiled

    load_before = os.getloadavg()
    c = oi.compiled_model()
    decl = c.declaration
    scales = np.array([decl.species[s].scale for s in c.species_ids])
    print(f"warming up {a.backend} (code generation, kernel compile or cache load) ...", flush=True)
    t = time.perf_counter()
    _warm(a.backend)
    warm_s = time.perf_counter() - t

    print(f"{a.patients} patients: resolving and steady states ...", flush=True)
    t = time.perf_counter()
    from osteoimmune.cohort.mixed import mixed_fracture_patients

    scenarios = mixed_fracture_patients(a.patients, a.seed)
    sample_s = time.perf_counter() - t
    t = time.perf_counter()
    prep = batch.initial_states(scenarios)
    prep_s = time.perf_counter() - t
    y0 = prep.y0_after_jumps  # (N, n): the state every solver starts the 180 days from
    params = prep.parameters   # (N, p)
    days = float(scenarios[0].days)
    times = prep.output_times
    points = times.size

    # ---- libroadrunner serial, first half (the second half runs after the batched backend: the machine's load
    # drifts, so the serial rate is the mean of a measurement before and one after)
    print("libroadrunner (before) ...", flush=True)
    tmp_dir = tempfile.TemporaryDirectory()
    sbml = Path(tmp_dir.name) / "osteoimmune.xml"
    t = time.perf_counter()
    export_sbml(scenarios[0], sbml)
    export_s = time.perf_counter() - t
    init_args = (str(sbml), list(c.species_ids), list(c.parameter_ids), scales.tolist())
    t = time.perf_counter()
    _rr_init(*init_args)
    rr_load_s = time.perf_counter() - t
    ns = min(a.rr_serial, a.patients)
    half = max(1, ns // 2)
    _, rr_before_s = _rr_run((y0[:half], params[:half], days, points, False))

    # ---- batched, integration only, one process
    print("batched backend, one process ...", flush=True)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    integ_s = 0.0
    outcomes_ok = 0
    for lo in range(0, a.patients, a.chunk):
        sl = scenarios[lo:lo + a.chunk]
        df = batch.simulate_many_outcomes(sl, backend=a.backend, options=_opts(a))
        outcomes_ok += int((df["status"] == "ok").sum())
        integ_s += float(df.attrs["integration_seconds"])
    e2e_s = time.perf_counter() - t
    rss_batched = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # ---- batched integration at the rtol matched to libroadrunner's accuracy (one process)
    matched = a.backend == "scipy-bdf" and a.rtol_matched > 0
    integ_matched_s = 0.0
    if matched:
        print(f"batched backend at rtol {a.rtol_matched:g}, one process ...", flush=True)
        mopts = _matched_opts(a)
        for lo in range(0, a.patients, a.chunk):
            df = batch.simulate_many_outcomes(scenarios[lo:lo + a.chunk], backend=a.backend, options=mopts)
            integ_matched_s += float(df.attrs["integration_seconds"])

    # ---- batched, all workers
    print(f"batched backend, {a.workers} processes ...", flush=True)
    share = [scenarios[i::a.workers] for i in range(a.workers)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(a.workers, initializer=_warm, initargs=(a.backend,)) as pool:
        par = pool.map(_batched_worker, [(s, a.backend, a.rtol) for s in share], chunksize=1)
    par_s = max(p[0] for p in par)  # workers run concurrently; their own timers exclude start-up and warm-up

    # ---- libroadrunner: serial (second half) and on all workers
    print("libroadrunner ...", flush=True)
    _, rr_after_s = _rr_run((y0[half:ns], params[half:ns], days, points, False))
    rr_serial_s = rr_before_s + rr_after_s
    rr_traj, _ = _rr_run((y0[:a.reference], params[:a.reference], days, points, True))  # for the agreement check
    npar = min(a.rr_parallel, a.patients)
    chunks = np.array_split(np.arange(npar), a.workers)
    with ctx.Pool(a.workers, initializer=_rr_init, initargs=init_args) as pool:
        done = pool.map(_rr_run, [(y0[ix], params[ix], days, points, False) for ix in chunks], chunksize=1)
    rr_par_s = max(d[1] for d in done)  # the workers' own timers (model loading excluded)
    tmp_dir.cleanup()

    # ---- reference solver (integration from the same initial states)
    print("reference solver ...", flush=True)
    nr = min(a.reference, a.patients)
    runs = [oi.api.prepare(sc) for sc in scenarios[:nr]]
    t = time.perf_counter()
    ref_results = [simulate_compiled(r.compiled, y0_pre, r.parameters, r.schedule, r.output_times)
                   for r, y0_pre in zip(runs, prep.y0[:nr])]
    ref_s = time.perf_counter() - t

    # ---- achieved accuracy (same patients) against a tight reference: libroadrunner and batched
    print("accuracy against a tight reference ...", flush=True)
    from osteoimmune.batch import simulate_many
    from osteoimmune.solve.integrate import SolverOptions

    tight = SolverOptions(rtol=1e-10, atol_scale=1e-12)
    tight_results = [simulate_compiled(r.compiled, y0_pre, r.parameters, r.schedule, r.output_times, tight)
                     for r, y0_pre in zip(runs, prep.y0[:nr])]
    # the batched patients in the batch they were timed in (the first batch of the first chunk): the stacked
    # error control makes a patient's accuracy depend on its batch
    first_batch = scenarios[:max(nr, min(a.chunk, a.patients, 128))]
    candidates = {"reference": [r.y for r in ref_results], "roadrunner": list(rr_traj[:nr]),
                  "batched": [r.y for r in simulate_many(first_batch, backend=a.backend, options=_opts(a))[:nr]]}
    if matched:
        candidates["batched_matched"] = [r.y for r in simulate_many(first_batch, backend=a.backend,
                                                                    options=_matched_opts(a))[:nr]]
    accuracy = {}
    for name, trajs in candidates.items():
        errs = [_errors(ref, y, scales) for ref, y in zip(tight_results, trajs)]
        accuracy[name] = {"outcomes": max(e[0] for e in errs), "trajectories": max(e[1] for e in errs)}

    load_after = os.getloadavg()
    n = a.patients
    res = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": sys.version.split()[0], "backend": a.backend, "rtol": a.rtol, "patients": n, "days": days,
        "output_points": points, "species": int(c.n_species), "workers": a.workers, "load_average_before": load_before,
        "load_average_after": load_after, "warmup_s": warm_s, "sampling_s": sample_s,
        "resolve_and_steady_state_s": prep_s, "sbml_export_s": export_s, "roadrunner_load_s": rr_load_s,
        "roadrunner_serial": {"patients": ns, "seconds": rr_serial_s, "ms_per_patient_before": 1e3 * rr_before_s / half,
                              "ms_per_patient_after": 1e3 * rr_after_s / max(1, ns - half)},
        "roadrunner_parallel": {"patients": npar, "seconds": rr_par_s},
        "reference": {"patients": nr, "seconds": ref_s},
        "batched_one_process": {"patients": n, "integration_seconds": integ_s, "end_to_end_seconds": e2e_s,
                                "ok": outcomes_ok, "peak_rss_mib": rss_batched, "rss_before_mib": rss0},
        "batched_matched": ({"patients": n, "rtol": a.rtol_matched, "integration_seconds": integ_matched_s}
                            if matched else None),
        "batched_parallel": {"patients": n, "seconds": par_s, "worker_seconds": [p[0] for p in par],
                             "worker_peak_rss_mib": [p[1] for p in par], "ok": sum(p[2] for p in par)},
        "accuracy_vs_tight_reference": {"patients": nr, **accuracy},
    }
    res["table"] = table(res)
    print(res["table"])
    if a.out:
        a.out.write_text(json.dumps(res, indent=2))
    if a.doc:
        write_doc(a.doc, res)
    return res


def _as_result(template, traj: np.ndarray):
    """A reference-shaped result from libroadrunner's species trajectories (assignments recomputed)."""
    from osteoimmune.solve.result import SimulationResult

    import osteoimmune as oi

    c = oi.compiled_model()
    p = c.parameter_vector(template.parameters)
    assigned = np.array([c.assignments(t, y, p) for t, y in zip(template.time, traj)])
    return SimulationResult(time=template.time, y=traj, species_ids=template.species_ids, assigned=assigned,
                            assignment_ids=template.assignment_ids, units=template.units, stats=template.stats)


def table(r: dict) -> str:
    w = r["workers"]
    rows = []

    def row(name, patients, seconds, cores, note=""):
        pps = patients / seconds / cores
        rows.append((name, patients, seconds, cores, pps, 1000.0 / pps, note))

    row("libroadrunner, serial", r["roadrunner_serial"]["patients"], r["roadrunner_serial"]["seconds"], 1,
        "CVODE; subsample" if r["roadrunner_serial"]["patients"] < r["patients"] else "CVODE")
    row(f"libroadrunner, {w} processes", r["roadrunner_parallel"]["patients"], r["roadrunner_parallel"]["seconds"], w,
        "multiprocessing")
    row("reference solver, serial", r["reference"]["patients"], r["reference"]["seconds"], 1, "LSODA; subsample")
    b1 = r["batched_one_process"]
    row(f"batched ({r['backend']}), 1 process: integration", b1["patients"], b1["integration_seconds"], 1,
        "what libroadrunner does")
    bm = r.get("batched_matched")
    if bm:
        row(f"batched ({r['backend']}), 1 process: integration, rtol {bm['rtol']:g}", bm["patients"],
            bm["integration_seconds"], 1, "accuracy matched to libroadrunner's")
    row(f"batched ({r['backend']}), 1 process: end to end", b1["patients"], b1["end_to_end_seconds"], 1,
        "+ resolution, steady states, outcomes")
    row(f"batched ({r['backend']}), {w} processes: end to end", r["batched_parallel"]["patients"],
        r["batched_parallel"]["seconds"], w, "")
    rr1 = rows[0][4]
    rrw = rows[1][4]
    lines = ["| solver | patients | wall s | cores | patients/s/core | ms/patient/core | vs libroadrunner (same cores) | note |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, n, s, cores, pps, ms, note in rows:
        ratio = pps / (rr1 if cores == 1 else rrw)
        lines.append(f"| {name} | {n} | {s:.1f} | {cores} | {pps:.1f} | {ms:.2f} | {ratio:.2f}× | {note} |")
    return "\n".join(lines)


def _accuracy_text(r: dict) -> str:
    acc = r["accuracy_vs_tight_reference"]
    names = {"roadrunner": "libroadrunner (rtol 1e-6)", "reference": "reference solver (LSODA, rtol 1e-7)",
             "batched": f"batched (rtol {r.get('rtol') or '1e-5'})"}
    if r.get("batched_matched"):
        names["batched_matched"] = f"batched (rtol {r['batched_matched']['rtol']:g})"
    parts = [f"{label} {acc[k]['outcomes']:.1e} / {acc[k]['trajectories']:.1e}" for k, label in names.items() if k in acc]
    return (f"Achieved accuracy on {acc['patients']} patients against a tight reference (LSODA, rtol 1e-10): largest "
            f"relative outcome difference / largest trajectory error (max over time of |Δy| over the species' peak): "
            + "; ".join(parts) + ".")


def write_doc(path: Path, r: dict) -> None:
    text = path.read_text() if path.exists() else ""
    la, lb = r["load_average_before"], r["load_average_after"]
    b1 = r["batched_one_process"]
    body = "\n".join([
        MARK_BEGIN,
        f"Measured {r['date']} on {r['machine']} (Python {r['python']}); load average before "
        f"{la[0]:.1f}/{la[1]:.1f}/{la[2]:.1f}, after {lb[0]:.1f}/{lb[1]:.1f}/{lb[2]:.1f} (the machine is shared). "
        f"{r['patients']} patients × {r['days']:.0f} days, {r['output_points']} output times, all {r.get('species', '?')} species. "
        f"libroadrunner serial: half of its patients before the batched runs "
        f"({r['roadrunner_serial']['ms_per_patient_before']:.1f} ms/patient), half after "
        f"({r['roadrunner_serial']['ms_per_patient_after']:.1f} ms/patient); the row uses both. Batched per-patient "
        f"rtol: {r.get('rtol') or 'the default, 1e-5'}; libroadrunner rtol 1e-6.",
        "",
        r["table"],
        "",
        f"Resolving the {r['patients']} scenarios and their pre-injury steady states (batched): "
        f"{r['resolve_and_steady_state_s']:.1f} s (included in the end-to-end rows, not given to libroadrunner or "
        f"the reference rows, which start from those states). Peak RSS of the one-process batched run: "
        f"{b1['peak_rss_mib']:.0f} MiB (process total: all {r['patients']} scenarios, their initial states and "
        f"libraries; {b1['rss_before_mib']:.0f} MiB before the batched run; chunks of 1000 patients, batches of 128). "
        f"{_accuracy_text(r)} One-time costs: warm-up {r['warmup_s']:.1f} s, "
        f"SBML export {r['sbml_export_s']:.1f} s, libroadrunner model load {r['roadrunner_load_s']:.1f} s.",
        MARK_END,
    ])
    if MARK_BEGIN in text and MARK_END in text:
        text = text[:text.index(MARK_BEGIN)] + body + text[text.index(MARK_END) + len(MARK_END):]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
