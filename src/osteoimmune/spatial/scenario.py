"""Spatial scenarios: a well-mixed scenario plus a ``spatial:`` section (geometry, transport, numerics, output).

A spatial scenario file is an ordinary scenario (schema version 1: patient, injury, exposures, interventions,
days, parameters, ...) with one more top-level key::

    spatial:
      geometry: {kind: segmental_defect, dims: 2, gap_mm: 5.0, diameter_mm: 4.0, cortical_thickness_mm: 0.7,
                 periosteum_thickness_mm: 0.2, soft_tissue_mm: 1.0, bone_end_mm: 1.5, resolution_mm: 0.2}
      scaffold: {porosity: 0.7}               # used when an intervention with agent 'scaffold' is present
      transport: {mu_bmsc: 0.003}             # overrides of spatial/data/transport.yaml parameters (bounded)
      numerics: {dt_days: 0.25, rtol: 1.0e-3, backend: numpy, boundary: zero_flux, checkpoint_every_days: 7}
      output: {fields: default, bridging_threshold: 0.5}

Routes of interventions become regions: ``scaffold`` → the scaffold (fills the defect), ``local`` → the defect,
``systemic`` → every voxel.  ``injury.size_mm``, when given, must equal ``spatial.geometry.gap_mm``.  Built-in
spatial scenarios live in ``spatial/builtins/``; ``base`` may name a spatial or a well-mixed built-in.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal, Sequence

import yaml
from pydantic import Field, ValidationError, model_validator

from ..errors import Issue, ScenarioError, UnknownNameError
from ..scenario import resolve as _resolve
from ..scenario.schema import Scenario, _Strict
from .reaction import BACKENDS

_BUILTINS = "osteoimmune.spatial.builtins"


class GeometrySpec(_Strict):
    kind: Literal["segmental_defect", "box"] = "segmental_defect"
    dims: Literal[2, 3] = 2
    gap_mm: float = Field(5.0, gt=0, le=50, description="Defect (gap) length along the bone axis, mm")
    diameter_mm: float = Field(4.0, gt=0, le=60, description="Outer bone diameter, mm (rat femur ~4)")
    cortical_thickness_mm: float = Field(0.7, gt=0, le=20)
    periosteum_thickness_mm: float = Field(0.2, ge=0, le=5)
    soft_tissue_mm: float = Field(1.0, ge=0, le=30, description="Muscle/soft tissue around the bone, mm")
    bone_end_mm: float = Field(1.5, gt=0, le=50, description="Length of each bone end in the domain, mm")
    resolution_mm: float = Field(0.2, gt=0, le=5, description="Grid spacing, mm")
    box_cells: list[int] = Field(default_factory=lambda: [4, 4], description="Grid shape of the 'box' geometry")

    @model_validator(mode="after")
    def _fits(self) -> "GeometrySpec":
        if self.kind == "segmental_defect":
            if self.cortical_thickness_mm >= self.diameter_mm / 2:
                raise ValueError("cortical_thickness_mm must be smaller than diameter_mm / 2")
            if self.resolution_mm > min(self.cortical_thickness_mm, self.gap_mm / 2):
                raise ValueError(f"resolution_mm ({self.resolution_mm}) must not exceed the cortical thickness "
                                 f"({self.cortical_thickness_mm}) or half the gap ({self.gap_mm / 2})")
        elif not 1 <= len(self.box_cells) <= 3 or min(self.box_cells) < 1:
            raise ValueError("box_cells must list 1-3 positive cell counts")
        return self


class ScaffoldSpec(_Strict):
    porosity: float | None = Field(None, gt=0, le=1, description="Default: transport parameter scaffold_porosity")


class NumericsSpec(_Strict):
    dt_days: float = Field(0.25, gt=0, le=5, description="Operator-splitting step, day")
    rtol: float = Field(1e-3, gt=0, lt=1)
    atol_scale: float = Field(1e-6, gt=0)
    backend: str = "numpy"
    boundary: Literal["zero_flux", "dirichlet"] = Field(
        "zero_flux", description="Outer radial walls: closed, or soluble factors held at their initial soft-tissue level")
    checkpoint_every_days: float = Field(7.0, gt=0)
    threads: int | None = Field(None, ge=1, description="Threads for reaction and transport (null: one per CPU core); "
                                                         "results do not depend on it")
    jacobian_reuse: int | None = Field(None, ge=0, le=100, description=(
        "Later reaction steps in which a voxel may reuse its factorised W (W-method; numpy backend only; "
        "null: the default, 0: a fresh Jacobian every step)"))
    quiescent_skip: int | None = Field(None, ge=0, le=100, description=(
        "Splitting steps in which a voxel whose quiescent test failed skips it (numpy backend only; null: the "
        "default, 0: tested every step)"))
    splitting: Literal["lie", "diffusion_source"] | None = Field(None, description=(
        "Operator splitting: lie, or diffusion_source (the reactions see the last step's diffusion rate as a source; "
        "null: diffusion_source); docs/spatial.md, Numerics"))

    @model_validator(mode="after")
    def _backend(self) -> "NumericsSpec":
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown backend {self.backend!r}; allowed: {', '.join(BACKENDS)}")
        for name in ("jacobian_reuse", "quiescent_skip"):
            if self.backend != "numpy" and getattr(self, name):
                raise ValueError(f"{name} > 0 needs backend numpy (the {self.backend} kernel keeps nothing between "
                                 f"splitting steps); set it to 0 or null")
        return self


class OutputSpec(_Strict):
    fields: Literal["default", "all"] | list[str] = "default"
    bridging_threshold: float = Field(0.5, gt=0, le=1, description="Bone fraction counted as bridged bone")


class SpatialSpec(_Strict):
    geometry: GeometrySpec = Field(default_factory=GeometrySpec)
    scaffold: ScaffoldSpec = Field(default_factory=ScaffoldSpec)
    transport: dict[str, float] = Field(default_factory=dict)
    numerics: NumericsSpec = Field(default_factory=NumericsSpec)
    output: OutputSpec = Field(default_factory=OutputSpec)


class SpatialScenario(Scenario):
    """A scenario with a ``spatial`` section."""

    spatial: SpatialSpec = Field(default_factory=SpatialSpec)

    @model_validator(mode="after")
    def _consistent(self) -> "SpatialScenario":
        g = self.spatial.geometry
        if g.kind == "segmental_defect":
            if self.injury.kind == "none":
                raise ValueError("injury.kind must be 'defect' or 'fracture' for spatial.geometry.kind 'segmental_defect'")
            if self.injury.size_mm not in (None, g.gap_mm):
                raise ValueError(f"injury.size_mm ({self.injury.size_mm}) differs from spatial.geometry.gap_mm ({g.gap_mm}); "
                                 "omit injury.size_mm or make them equal")
        routes = {iv.route for iv in self.interventions if iv.agent != "scaffold"}
        if "scaffold" in routes and not any(iv.agent == "scaffold" for iv in self.interventions):
            raise ValueError("an intervention with route 'scaffold' needs a scaffold (an intervention with agent 'scaffold')")
        return self


def builtin_names() -> list[str]:
    return sorted(p.name[:-5] for p in resources.files(_BUILTINS).iterdir() if p.name.endswith(".yaml"))


def _read_builtin(name: str) -> dict[str, Any]:
    text = resources.files(_BUILTINS).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def list_spatial_scenarios() -> list[tuple[str, str]]:
    return [(n, str(_read_builtin(n).get("description", "")).strip()) for n in builtin_names()]


def _resolve_base(raw: dict, seen: tuple[str, ...] = ()) -> dict:
    base = raw.get("base")
    if not base:
        return raw
    if base in seen:
        raise ScenarioError("scenario", [Issue("base", f"circular base chain {' -> '.join(seen + (base,))}")])
    if base in builtin_names():
        parent = _resolve_base(_read_builtin(base), seen + (base,))
    else:
        parent = _resolve._resolve_base(_resolve._read_builtin(base), seen + (base,))
    merged = _resolve._deep_merge(parent, {k: v for k, v in raw.items() if k != "base"})
    merged["base"] = base
    merged["name"] = raw.get("name", parent.get("name"))
    return merged


def _read_raw(name_or_path: str | Path) -> dict[str, Any]:
    if str(name_or_path) in builtin_names():
        raw = _read_builtin(str(name_or_path))
        raw.setdefault("name", str(name_or_path))
        return raw
    p = Path(name_or_path)
    if not p.is_file():
        raise UnknownNameError("spatial scenario", str(name_or_path), builtin_names())
    return _resolve.read_scenario_file(p)


def is_spatial(name_or_path: str | Path) -> bool:
    """True for a spatial built-in name or a YAML file with a ``spatial`` section (directly or via ``base``)."""
    if str(name_or_path) in builtin_names():
        return True
    p = Path(name_or_path)
    if not p.is_file():
        return False
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return False
    return isinstance(raw, dict) and ("spatial" in raw or str(raw.get("base")) in builtin_names())


def _apply_override(raw: dict, assignment: str) -> None:
    path, sep, text = assignment.partition("=")
    if not sep:
        raise ScenarioError("--set", [Issue(assignment, "expected dotted.key=value")])
    keys = [k for k in path.strip().split(".") if k]
    if keys and keys[0] == "spatial":
        value = yaml.safe_load(text) if text.strip() else text
        node = raw.setdefault("spatial", {})
        for k in keys[1:-1]:
            node = node.setdefault(k, {}) if isinstance(node, dict) else node
        if not isinstance(node, dict) or len(keys) < 2:
            raise ScenarioError("--set", [Issue(path, "cannot set this key")])
        node[keys[-1]] = value
        return
    _resolve._apply_override(raw, assignment)


def load_spatial_scenario(name_or_path: str | Path, overrides: Sequence[str] = ()) -> SpatialScenario:
    """Load a spatial built-in or file, resolve ``base``, apply ``--set`` overrides, validate (all problems at once)."""
    raw = _resolve_base(_read_raw(name_or_path))
    for o in overrides:
        _apply_override(raw, o)
    raw.setdefault("spatial", {})
    try:
        sc = SpatialScenario.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError(f"spatial scenario {name_or_path}", _resolve._issues_from(exc)) from None
    issues = _resolve._check_model_names(sc)
    from .transport import transport_parameters

    known = transport_parameters()
    for k in sc.spatial.transport:
        if k not in known:
            issues.append(Issue(f"spatial.transport.{k}", f"unknown transport parameter; allowed: {', '.join(sorted(known))}"))
        else:
            p = known[k]
            v = sc.spatial.transport[k]
            if (p.lower is not None and v < p.lower) or (p.upper is not None and v > p.upper):
                issues.append(Issue(f"spatial.transport.{k}", f"{v} outside the bounds [{p.lower}, {p.upper}] {p.unit}"))
    if isinstance(sc.spatial.output.fields, list):
        from ..model.build import build_model

        m = build_model()
        for f in sc.spatial.output.fields:
            if f not in m.species and f not in m.assignments:
                issues.append(Issue("spatial.output.fields", f"unknown field {f!r} (a species or assignment id)"))
    if issues:
        raise ScenarioError(f"spatial scenario {name_or_path}", issues)
    return sc
