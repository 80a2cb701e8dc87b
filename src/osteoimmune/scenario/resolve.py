"""Load, merge, override and validate scenarios; translate them into solver inputs.

* :func:`load_scenario` — a built-in name or a YAML file, ``base`` inheritance
  (deep merge; lists are replaced), ``--set dotted.key=value`` overrides, then
  validation that reports every problem at once.
* :func:`to_solver_inputs` — patient, injury, exposures and interventions become
  parameter values, piecewise-constant input changes and state jumps.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml
from pydantic import ValidationError

from ..errors import Issue, ScenarioError, UnknownNameError, ValidationFailed
from ..solve.schedule import Jump, Schedule
from .agents import AGENTS
from .schema import MAIN_MODEL, Scenario

_BUILTIN_PACKAGE = "osteoimmune.scenario.builtins"

#: Trejo 2019 §6.4 initial debris by fracture severity (cell/mL)
DEBRIS_BY_SEVERITY = {"simple": 3.0e5, "moderate": 5.0e7, "severe": 2.0e8}
DEFAULT_GAP_MM = {"fracture": 1.0, "defect": 5.0}
ESTROGEN_LEVEL = {"premenopausal": 1.0, "male_normal": 1.0, "postmenopausal": 0.3, "ovariectomized": 0.1}
IRON_OVERLOAD_DEFAULT = 4.0


def builtin_names() -> list[str]:
    files = resources.files(_BUILTIN_PACKAGE)
    return sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".yaml"))


def _read_builtin(name: str) -> dict[str, Any]:
    if name not in builtin_names():
        raise UnknownNameError("scenario", name, builtin_names())
    text = resources.files(_BUILTIN_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def list_scenarios() -> list[tuple[str, str]]:
    """Built-in scenarios as (name, one-line description)."""
    out = []
    for n in builtin_names():
        d = _read_builtin(n)
        out.append((n, str(d.get("description", "")).strip().splitlines()[0] if d.get("description") else ""))
    return out


def _deep_merge(base: dict, child: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in child.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def _resolve_base(raw: dict, seen: tuple[str, ...] = ()) -> dict:
    base = raw.get("base")
    if not base:
        return raw
    if base in seen:
        raise ScenarioError("scenario", [Issue("base", f"circular base chain {' -> '.join(seen + (base,))}")])
    parent = _resolve_base(_read_builtin(base), seen + (base,))
    merged = _deep_merge(parent, {k: v for k, v in raw.items() if k != "base"})
    merged["base"] = base
    if "name" not in raw:
        merged["name"] = raw.get("name", parent.get("name"))
    return merged


def read_yaml_mapping(p: Path, error: type[ValidationFailed], what: str,
                      top_level: str = "a mapping") -> dict[str, Any]:
    """The mapping at the top of a YAML file; ``error(what, [Issue(file, ...)])`` if it is not valid YAML or not a
    mapping (``top_level`` says what the mapping should hold).  Shared by scenario, spatial and analysis files."""
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise error(what, [Issue(str(p), f"not valid YAML: {exc}")]) from None
    if not isinstance(raw, dict):
        raise error(what, [Issue(str(p), f"top level must be {top_level}")])
    return raw


def read_scenario_file(p: Path) -> dict[str, Any]:
    """The raw mapping of a scenario YAML file (``name`` defaults to the file's stem); a clear error naming the file
    if it is not valid YAML or not a mapping.  Shared by well-mixed and spatial scenario files."""
    raw = read_yaml_mapping(p, ScenarioError, f"scenario file {p}", "a mapping of scenario keys")
    raw.setdefault("name", p.stem)
    return raw


def _read_raw(name_or_path: str | Path) -> dict[str, Any]:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.is_file():
            raise ScenarioError("scenario", [Issue(str(p), "file not found")])
        return read_scenario_file(p)
    raw = _read_builtin(str(name_or_path))
    raw.setdefault("name", str(name_or_path))
    return raw


def _apply_override(raw: dict, assignment: str) -> None:
    if "=" not in assignment:
        raise ScenarioError("--set", [Issue(assignment, "expected dotted.key=value")])
    path, _, text = assignment.partition("=")
    keys = [k for k in path.strip().split(".") if k]
    if not keys:
        raise ScenarioError("--set", [Issue(assignment, "empty key path")])
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        value = text
    node: Any = raw
    top = set(Scenario.model_fields)
    if keys[0] not in top:
        raise ScenarioError("--set", [Issue(path, f"unknown key {keys[0]!r}; allowed: {', '.join(sorted(top))}")])
    for i, k in enumerate(keys[:-1]):
        if isinstance(node, list):
            if not k.isdigit() or int(k) >= len(node):
                raise ScenarioError("--set", [Issue(path, f"index {k!r} out of range (list has {len(node)} items)")])
            node = node[int(k)]
        else:
            if k not in node or node[k] is None:
                node[k] = {}
            node = node[k]
    last = keys[-1]
    if isinstance(node, list):
        if not last.isdigit() or int(last) >= len(node):
            raise ScenarioError("--set", [Issue(path, f"index {last!r} out of range (list has {len(node)} items)")])
        node[int(last)] = value
    else:
        node[last] = value


def _issues_from(exc: ValidationError) -> list[Issue]:
    issues = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "scenario"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not part of the scenario schema; see docs/scenarios.md)"
        elif "input" in err and err["type"] not in ("missing",):
            msg = f"{msg} (got {err['input']!r})"
        issues.append(Issue(loc, msg))
    return issues


def _check_model_names(sc: Scenario) -> list[Issue]:
    from ..model.build import build_model

    if sc.model != MAIN_MODEL:  # a published reference model: its own parameter ids
        from ..reference import check_parameters

        return check_parameters(sc.model, sc.parameters)
    model = build_model()
    issues = []
    for k in sc.parameters:
        if k not in model.parameters:
            issues.append(Issue(f"parameters.{k}", "unknown model parameter (see `osteoimmune explain`)"))
    for h, alt in sc.hypotheses.items():
        if h not in model.hypotheses:
            issues.append(Issue(f"hypotheses.{h}", f"unknown hypothesis; allowed: {', '.join(sorted(model.hypotheses))}"))
        elif alt not in model.hypotheses[h].alternatives:
            issues.append(Issue(f"hypotheses.{h}", f"unknown alternative {alt!r}; allowed: {', '.join(model.hypotheses[h].alternatives)}"))
    return issues


def validate_raw(raw: Mapping[str, Any], what: str = "scenario") -> Scenario:
    try:
        sc = Scenario.model_validate(dict(raw))
    except ValidationError as exc:
        raise ScenarioError(what, _issues_from(exc)) from None
    issues = _check_model_names(sc)
    if issues:
        raise ScenarioError(what, issues)
    return sc


def load_scenario(name_or_path: str | Path, overrides: Sequence[str] = ()) -> Scenario:
    """Load a built-in (by name) or a YAML scenario file, apply overrides, validate."""
    raw = _resolve_base(_read_raw(name_or_path))
    for o in overrides:
        _apply_override(raw, o)
    return validate_raw(raw, f"scenario {name_or_path}")


def check_scenario(path: str | Path) -> list[Issue]:
    """Every problem of a scenario file (empty list if valid)."""
    try:
        load_scenario(path)
    except ScenarioError as exc:
        return exc.issues
    except UnknownNameError as exc:
        return [Issue("base", str(exc))]
    return []


# --------------------------------------------------------------------------- solver inputs
@dataclass(frozen=True)
class SolverInputs:
    """What a scenario means for the solver."""

    parameters: dict[str, float]          # values at t = 0 (patient, exposures, overrides)
    baseline_parameters: dict[str, float]  # parameters of the pre-injury steady state
    schedule: Schedule
    output_times: list[float]


def _patient_parameters(sc: Scenario, healthy: bool = False) -> dict[str, float]:
    pt = sc.patient
    p: dict[str, float] = {"age_years": pt.age_years}
    status = pt.estrogen_status or ("male_normal" if pt.sex == "male" else "premenopausal")
    p["estrogen"] = 1.0 if healthy else ESTROGEN_LEVEL[status]
    p["diabetes"] = 0.0 if healthy else float("diabetes" in pt.comorbidities)
    iron = pt.iron_load if pt.iron_load is not None else (IRON_OVERLOAD_DEFAULT if "iron_overload" in pt.comorbidities else 1.0)
    p["iron_load"] = 1.0 if healthy else iron
    p["autoimmunity"] = 0.0 if healthy else float("rheumatoid_arthritis" in pt.comorbidities)
    return p


def _hypothesis_parameters(sc: Scenario) -> dict[str, float]:
    from ..model.build import build_model

    model = build_model()
    return {model.hypotheses[h].switch: float(model.hypotheses[h].alternatives[alt]) for h, alt in sc.hypotheses.items()}


def _release_segments(iv, days: float) -> list[tuple[float, float, float]]:
    """(start, end, multiplier) pieces of an intervention window."""
    start = iv.start_day
    end = min(iv.end_day if iv.end_day is not None else days, days)
    if iv.release.profile == "constant":
        return [(start, end, 1.0)]
    lam = math.log(2) / iv.release.half_life_days
    pieces, t = [], start
    while t < end - 1e-12:
        t2 = min(end, t + 1.0)
        # average of exp(-lam (s - start)) over [t, t2] (dose per piece preserved exactly), normalised to 1 at start
        avg = (math.exp(-lam * (t - start)) - math.exp(-lam * (t2 - start))) / (lam * (t2 - t))
        pieces.append((t, t2, avg))
        t = t2
    return pieces


def to_solver_inputs(sc: Scenario) -> SolverInputs:
    """Translate a validated scenario into parameters, input changes and jumps (full model only).

    A scenario of a reference model (``model`` other than ``osteoimmune``) is resolved by
    :func:`osteoimmune.api.prepare` through :func:`osteoimmune.reference.prepare`.
    """
    from ..model.build import build_model

    if sc.model != MAIN_MODEL:
        raise ScenarioError(f"scenario {sc.name}", [Issue("model", f"{sc.model!r} is a reference model: resolve it "
                                                                   "with osteoimmune.api.prepare(scenario)")])

    model = build_model()
    base = model.parameter_values()
    params = dict(base)
    params.update(_patient_parameters(sc))
    params.update(_hypothesis_parameters(sc))
    inj = sc.injury
    gap = inj.size_mm if inj.size_mm is not None else DEFAULT_GAP_MM.get(inj.kind, 0.0)
    params["gap_mm"] = gap if inj.kind != "none" else 0.0
    params["muscle_integrity"] = 1.0 - inj.muscle_damage
    params.update(sc.parameters)

    baseline = dict(base)
    baseline.update(_patient_parameters(sc, healthy=sc.initial_state == "steady_state_healthy"))
    baseline.update(_hypothesis_parameters(sc))
    baseline.update(sc.parameters)
    baseline["gap_mm"] = 0.0

    jumps: list[Jump] = []
    changes: dict[float, dict[str, float]] = {}

    def change(t: float, key: str, value: float) -> None:
        changes.setdefault(float(t), {})[key] = value

    if inj.kind != "none":
        for sid, val in (("lamellar_bone", 0.0), ("woven_bone", 0.0), ("hematoma", 1.0), ("vascular_density", 0.1),
                         ("innervation", 0.2), ("oxygen", 0.2), ("osteocyte", 0.0)):
            jumps.append(Jump(0.0, sid, val, "set", f"injury: {sid}"))
        jumps.append(Jump(0.0, "debris", DEBRIS_BY_SEVERITY[inj.severity], "add", "injury: necrotic debris"))
        jumps.append(Jump(0.0, "damps", DEBRIS_BY_SEVERITY[inj.severity] / base["D_ref"], "add", "injury: DAMPs"))
    ex = sc.exposures
    if ex.infection is not None:
        jumps.append(Jump(ex.infection.day, "s_aureus", ex.infection.inoculum_cfu_per_ml, "add", "S. aureus inoculation"))
        params["biofilm_protection"] = ex.infection.biofilm if ex.infection.day == 0 else params["biofilm_protection"]
        if ex.infection.day > 0:
            change(ex.infection.day, "biofilm_protection", ex.infection.biofilm)
    if ex.wear_particles is not None:
        change(ex.wear_particles.start_day, "wear_rate", ex.wear_particles.rate_ug_per_ml_per_day)

    # interventions: additive on the same input (two deliveries of IL-4 add up)
    windows: list[tuple[float, float, str, float]] = []
    for iv in sc.interventions:
        spec = AGENTS[iv.agent]
        amount = iv.dose * spec.units[iv.unit]
        if spec.kind == "bolus":
            jumps.append(Jump(iv.start_day, spec.target, amount, "add", f"{iv.agent} bolus"))
            continue
        if spec.kind == "scaffold":
            end = min(iv.end_day or sc.days, sc.days)
            windows.append((iv.start_day, end, "scaffold_present", amount))
            if iv.stiffness_kpa is not None:
                windows.append((iv.start_day, end, "@scaffold_stiffness_kpa", iv.stiffness_kpa))
            if iv.pore_um is not None:
                windows.append((iv.start_day, end, "@scaffold_pore_um", iv.pore_um))
            continue
        for a, b, mult in _release_segments(iv, sc.days):
            value = -amount * mult if spec.kind == "fraction_down" else amount * mult
            windows.append((a, b, spec.target, value))
    times = sorted({0.0, sc.days, *[w[0] for w in windows], *[w[1] for w in windows]})
    for t in times[:-1]:
        active: dict[str, float] = {}
        for a, b, key, val in windows:
            if a <= t < b:
                if key.startswith("@"):
                    active[key[1:]] = val
                else:
                    active[key] = active.get(key, 0.0) + val
        # every input touched by any window is set at every boundary (returns to its base value when inactive)
        for a, b, key, val in windows:
            k = key.lstrip("@")
            base_val = params[k]
            if key.startswith("@"):
                changes.setdefault(t, {})[k] = active.get(k, base_val)
            elif k in ("mettl3_activity", "mcu_activity"):
                changes.setdefault(t, {})[k] = max(0.0, base_val + active.get(k, 0.0))
            else:
                changes.setdefault(t, {})[k] = base_val + active.get(k, 0.0)
    if 0.0 in changes:
        params.update(changes.pop(0.0))
    schedule = Schedule.build(0.0, sc.days, changes, jumps)
    n = int(round(sc.days / sc.output_interval_days))
    out = [min(sc.days, i * sc.output_interval_days) for i in range(n + 1)]
    if out[-1] < sc.days:
        out.append(sc.days)
    return SolverInputs(params, baseline, schedule, out)
