"""A PEtab v1 calibration problem of a scenario (by default the fracture-healing course).

:func:`export_petab` writes into ``out_dir`` (atomically: a temporary sibling renamed into place):

* ``model.xml`` — :func:`~osteoimmune.interchange.sbml_export.export_sbml` of the scenario (initial values: the
  pre-injury steady state with the injury at t = 0; scheduled inputs are SBML events);
* ``conditions.tsv`` — one condition per entry of ``conditions`` (condition id → parameter overrides at t = 0; the
  default is the scenario itself). Parameters the scenario's schedule changes later cannot be condition parameters;
* ``observables.tsv`` — one observable ``obs_<id>`` per model entity (species or assignment), normal noise with
  ``noiseFormula = noiseParameter1_obs_<id>`` (the standard deviation is given per measurement);
* ``measurements.tsv`` — either ``data`` (a CSV with ``observableId``, ``simulationConditionId``, ``time``,
  ``measurement`` and optionally ``noiseParameters``) or synthetic data: the model simulated by osteoimmune
  (LSODA, rtol 1e-8) at ``times`` plus normal noise with standard deviation
  ``sigma = relative_noise × |value| + absolute_noise × scale`` (``scale``: the species' typical magnitude, 1 for
  assignments such as ``bone_fraction``), drawn from ``numpy.random.default_rng(seed)``;
* ``parameters.tsv`` — the estimated parameters (``estimate``; default: macrophage polarisation and death, fibrous
  and cartilage turnover, woven→lamellar remodelling) with nominal value, scale and bounds (the record's bounds,
  else nominal/10 … nominal×10 on log10 scale);
* ``problem.yaml`` — the PEtab v1 problem file; ``README.md`` says how the data were made.

:func:`check_petab` loads the problem with ``petab.v1`` and runs ``petab.v1.lint.lint_problem``.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import Issue, ScenarioError, UnknownNameError

DEFAULT_OBSERVABLES = ("bone_fraction", "m1_macrophage", "m2_macrophage", "cartilage")
DEFAULT_ESTIMATE = ("k12_max", "k21_max", "d1", "d2", "k_fib", "k_hyp", "k_wl")
DEFAULT_TIMES = (1, 3, 5, 7, 10, 14, 21, 28, 42, 56, 84, 112, 140, 180)


@dataclass
class PetabExport:
    """What :func:`export_petab` wrote."""

    directory: Path
    yaml: Path
    conditions: dict[str, dict[str, float]]
    observables: tuple[str, ...]
    estimated: tuple[str, ...]
    n_measurements: int
    synthetic: bool
    notes: list[str] = field(default_factory=list)


def _cid(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "_" for ch in text)
    return out if out[:1].isalpha() else "c_" + out


def _write_tsv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([repr(float(x)) if isinstance(x, (float, np.floating)) else x for x in r])


def _read_data(path: Path, observables: Sequence[str], conditions: Sequence[str]) -> list[dict[str, Any]]:
    issues: list[Issue] = []
    rows = []
    with Path(path).open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        need = {"observableId", "simulationConditionId", "time", "measurement"}
        missing = need - set(reader.fieldnames or [])
        if missing:
            raise ScenarioError(f"measurement CSV {str(path)!r}", [Issue("header", f"missing columns {sorted(missing)}; "
                                                                            f"required: {sorted(need)}")])
        for i, row in enumerate(reader, start=2):
            obs = row["observableId"].removeprefix("obs_")
            if obs not in observables:
                issues.append(Issue(f"line {i}.observableId", f"{row['observableId']!r} not among {['obs_' + o for o in observables]}"))
            if row["simulationConditionId"] not in conditions:
                issues.append(Issue(f"line {i}.simulationConditionId", f"{row['simulationConditionId']!r} not among {list(conditions)}"))
            try:
                t, y = float(row["time"]), float(row["measurement"])
                sigma = float(row["noiseParameters"]) if row.get("noiseParameters") not in (None, "") else None
            except ValueError as exc:
                issues.append(Issue(f"line {i}", f"not a number: {exc}"))
                continue
            rows.append({"obs": obs, "cond": row["simulationConditionId"], "time": t, "y": y, "sigma": sigma})
    if issues:
        raise ScenarioError(f"measurement CSV {str(path)!r}", issues)
    return rows


def export_petab(scenario_or_prepared: Any, out_dir: str | Path, *, conditions: Mapping[str, Mapping[str, float]] | None = None,
                 observables: Sequence[str] = DEFAULT_OBSERVABLES, estimate: Sequence[str] = DEFAULT_ESTIMATE,
                 data: str | Path | None = None, times: Sequence[float] | None = None, relative_noise: float = 0.1,
                 absolute_noise: float = 0.01, default_sigma: float | None = None, seed: int = 0,
                 force: bool = False) -> PetabExport:
    """Write a PEtab v1 problem for ``scenario_or_prepared`` into ``out_dir`` (see the module docs)."""
    from ..solve.integrate import SolverOptions, simulate_compiled
    from .sbml_export import _prepared, event_plan, export_sbml

    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise ScenarioError("PEtab output", [Issue("--out", f"{str(out_dir)!r} exists and is not empty (use force)")])
    run = _prepared(scenario_or_prepared)
    decl = run.declaration
    params = decl.with_parameters(run.parameters)
    name = getattr(run.scenario, "name", None) or "scenario"
    conditions = {k: dict(v) for k, v in (conditions or {_cid(name): {}}).items()}
    scheduled = {p for _, ch, _ in event_plan(run) for p in ch}
    issues: list[Issue] = []
    for cid, over in conditions.items():
        if _cid(cid) != cid:
            issues.append(Issue(f"conditions.{cid}", "condition ids must be letters, digits and _ and start with a letter"))
        for k in over:
            if k not in decl.parameters:
                issues.append(Issue(f"conditions.{cid}.{k}", "not a model parameter"))
            elif k in scheduled:
                issues.append(Issue(f"conditions.{cid}.{k}", "the scenario's schedule changes it later; cannot be a condition"))
    known = set(decl.species) | set(decl.assignments)
    for o in observables:
        if o not in known:
            raise UnknownNameError("observable (species or assignment)", o, sorted(known))
    for p in estimate:
        if p not in decl.parameters:
            raise UnknownNameError("parameter to estimate", p, list(decl.parameters))
        if any(p in over for over in conditions.values()):
            issues.append(Issue(f"estimate.{p}", "is also a condition parameter"))
    if issues:
        raise ScenarioError("PEtab problem", issues)

    days = float(run.schedule.t1)
    grid = np.array(sorted({float(t) for t in (times or DEFAULT_TIMES) if 0 <= float(t) <= days}))
    notes: list[str] = []
    if data is not None:
        rows = _read_data(Path(data), observables, list(conditions))
        synthetic = False
        notes.append(f"Measurements from {Path(data).name}.")
    else:
        synthetic = True
        rng = np.random.default_rng(seed)
        rows = []
        for cid, over in conditions.items():
            p = dict(run.parameters)
            p.update(over)
            res = simulate_compiled(run.compiled, run.y0, p, run.schedule, grid, SolverOptions(rtol=1e-8))
            for o in observables:
                scale = decl.species[o].scale if o in decl.species else 1.0
                for t, y in zip(grid, res[o]):
                    sigma = relative_noise * abs(y) + absolute_noise * scale
                    rows.append({"obs": o, "cond": cid, "time": float(t), "y": float(y + rng.normal(0.0, sigma)),
                                 "sigma": sigma})
        notes.append(f"Synthetic measurements: osteoimmune (LSODA, rtol 1e-8) at days {grid.tolist()}, plus normal noise "
                     f"with sigma = {relative_noise} x |value| + {absolute_noise} x scale (species' typical magnitude; "
                     f"1 for assignments), numpy.random.default_rng({seed}).")

    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent if out_dir.parent.exists() else None))
    try:
        export_sbml(run, tmp / "model.xml")
        cond_cols = sorted({k for over in conditions.values() for k in over})
        _write_tsv(tmp / "conditions.tsv", ["conditionId", "conditionName", *cond_cols],
                   [[cid, cid, *[over.get(k, params[k]) for k in cond_cols]] for cid, over in conditions.items()])
        _write_tsv(tmp / "observables.tsv",
                   ["observableId", "observableName", "observableFormula", "observableTransformation", "noiseFormula",
                    "noiseDistribution"],
                   [[f"obs_{o}", o, o, "lin", f"noiseParameter1_obs_{o}", "normal"] for o in observables])
        sig_default = default_sigma
        _write_tsv(tmp / "measurements.tsv",
                   ["observableId", "simulationConditionId", "time", "measurement", "noiseParameters"],
                   [[f"obs_{r['obs']}", r["cond"], r["time"], r["y"],
                     r["sigma"] if r["sigma"] is not None else (sig_default if sig_default is not None else
                                                                 max(relative_noise * abs(r["y"]), 1e-12))]
                    for r in rows])
        prow = []
        for pid in estimate:
            rec = decl.parameters[pid]
            nominal = params[pid]
            log = rec.scale.value == "log10" or (rec.lower is None and nominal > 0)
            lo = rec.lower if rec.lower is not None else (nominal / 10 if nominal > 0 else nominal - 1)
            hi = rec.upper if rec.upper is not None else (nominal * 10 if nominal > 0 else nominal + 1)
            if log and lo <= 0:
                lo = nominal / 10
            lo, hi = float(f"{lo:.12g}"), float(f"{hi:.12g}")
            prow.append([pid, rec.description[:80].replace("\t", " "), "log10" if log else "lin", lo, hi, nominal, 1])
        _write_tsv(tmp / "parameters.tsv",
                   ["parameterId", "parameterName", "parameterScale", "lowerBound", "upperBound", "nominalValue", "estimate"],
                   prow)
        (tmp / "problem.yaml").write_text(
            "format_version: 1\nparameter_file: parameters.tsv\nproblems:\n- condition_files: [conditions.tsv]\n"
            "  measurement_files: [measurements.tsv]\n  observable_files: [observables.tsv]\n  sbml_files: [model.xml]\n",
            encoding="utf-8")
        (tmp / "README.md").write_text(
            f"# PEtab v1 problem: scenario {name}\n\nWritten by osteoimmune `export-petab`. Time unit: day.\n\n"
            + "".join(f"- condition `{cid}`: " + (", ".join(f"{k} = {v:g}" for k, v in over.items()) or "the scenario as is")
                      + "\n" for cid, over in conditions.items())
            + f"- observables: {', '.join(observables)}\n- estimated: {', '.join(estimate)}\n\n" + " ".join(notes) + "\n",
            encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PetabExport(out_dir, out_dir / "problem.yaml", conditions, tuple(observables), tuple(estimate), len(rows),
                       synthetic, notes)


def check_petab(yaml_path: str | Path) -> tuple[Any, bool]:
    """Load the problem with ``petab.v1`` and lint it: (problem, has_errors)."""
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        # petab 0.8.2 calls pandas APIs that pandas 3 deprecates (float_precision, inplace=...): their warnings, not ours
        warnings.simplefilter("ignore", category=getattr(pd.errors, "Pandas4Warning", FutureWarning))
        import petab.v1 as petab
        from petab.v1.lint import lint_problem

        problem = petab.Problem.from_yaml(str(yaml_path))
        return problem, bool(lint_problem(problem))


__all__ = ["export_petab", "check_petab", "PetabExport", "DEFAULT_OBSERVABLES", "DEFAULT_ESTIMATE"]
