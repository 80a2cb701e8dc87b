"""Turn a spatial scenario into a :class:`~.solver.SpatialProblem` (geometry, parameter fields, jumps, state).

Scenario semantics are not re-derived: :func:`osteoimmune.scenario.resolve.to_solver_inputs` gives the parameters,
input schedule and jumps of the well-mixed run; this module places them in space.

How distance replaces ``gap_mm``
    The well-mixed model lumps distance into ``supply = 2 gap_ref/(gap_ref + gap)``, which scales BMSC homing,
    vessel ingrowth and nerve regrowth.  The spatial model sets ``gap_mm = gap_ref_mm`` in every voxel, so
    ``supply = 1`` (neutral), and lets geometry do the work: the volumetric *sources* of BMSCs
    (``k_bmsc_basal``, ``k_bmsc_rec``) act in marrow, cortex (endosteum) and periosteum and in the defect's margin
    next to them (``homing_margin_mm``, where progenitors from those tissues enter the hematoma), not in the rest
    of the defect and not in the soft tissue; vessel seeding ``v_seed`` acts everywhere except the defect.  Vessels enter the defect by
    migration (random motility and chemotaxis up VEGF) and grow there (the declaration's logistic angiogenesis), and
    BMSCs follow by migration and vessel-borne homing, so a wider gap takes longer to fill — and the provisional
    matrix turns fibrous meanwhile.  No soft tissue outside the periosteum supplies BMSCs.  At day 0 the defect also
    loses its vessels, resident BMSCs, osteoblasts, chondrocytes and adipocytes with the removed segment (the
    well-mixed injury keeps 10 % vessels and the site's cells, the intact margins of the site; in space the margins
    are explicit), so every bone-forming cell in the gap arrives by migration or descends from one that did.

Where the injury acts
    The well-mixed injury (hematoma, necrotic debris and DAMPs, oxygen, vessel and nerve loss) is applied in the
    defect and in the **injury zone**: the marrow, periosteum and soft tissue within ``injury_zone_mm`` of the defect,
    whose vessels rupture at the fracture ends and bleed into the site (seed 003, I212) — the medullary and
    periosteal hematoma around the bone ends.  The zone keeps its tissue's BMSC and vessel sources (it is not the
    removed segment).  The cortical bone ends within the same depth keep their bone and take no hematoma, but lose
    their vessels, oxygen, nerves and osteocytes (``CORTICAL_END_INJURY``: the necrotic fracture ends).

The ``box`` geometry keeps the well-mixed parameters everywhere (the spatially uniform limit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..api import compiled_model, initial_state
from ..model.build import build_model
from ..scenario.agents import AGENTS
from ..scenario.resolve import to_solver_inputs
from ..solve.integrate import steady_state
from .geometry import DefectGeometry, Region, segmental_defect, uniform_box
from .scenario import SpatialScenario
from .solver import DEFAULT_OUTPUT_FIELDS, SpatialJump, SpatialOptions, SpatialProblem, SpatialSegment
from .transport import load_transport

#: volumetric sources kept only in these regions (elsewhere 0): the supply is where the tissue is
REGION_SOURCES: dict[str, tuple[Region, ...]] = {
    "k_bmsc_basal": (Region.MARROW, Region.CORTEX, Region.PERIOSTEUM),
    "k_bmsc_rec": (Region.MARROW, Region.CORTEX, Region.PERIOSTEUM),
    "v_seed": (Region.MARROW, Region.CORTEX, Region.PERIOSTEUM, Region.SOFT_TISSUE),
}
#: BMSC homing (the declaration's recruitment terms) also acts in the defect's margin: voxels within
#: ``homing_margin_mm`` of marrow, cortex or periosteum, where progenitors from those tissues enter the hematoma
MARGIN_SOURCES: tuple[str, ...] = ("k_bmsc_basal", "k_bmsc_rec")
#: the injury's state changes that also reach the cortical bone ends within ``injury_zone_mm`` of the defect: their
#: Haversian vessels and nerves are torn and their osteocytes die (the necrotic ends); they keep their bone and take
#: no hematoma or debris
CORTICAL_END_INJURY: tuple[str, ...] = ("vascular_density", "oxygen", "innervation", "osteocyte")
#: extra state changes of the defect at day 0: vessels, resident BMSCs and the bone, cartilage and fat cells of the
#: tissue are gone with the removed segment (osteocytes go with its bone in the injury itself)
DEFECT_CLEARED: dict[str, float] = {"vascular_density": 0.0, "bmsc": 0.0, "callus_osteoblast": 0.0, "chondrocyte": 0.0,
                                    "adipocyte": 0.0}


@dataclass(frozen=True)
class BuiltRun:
    problem: SpatialProblem
    options: SpatialOptions
    scenario: SpatialScenario


def _within(geom: DefectGeometry, of: tuple[Region, ...], near: tuple[Region, ...], depth_mm: float) -> np.ndarray:
    """Voxels of the regions ``of`` whose centre lies within ``depth_mm`` of a voxel centre of the regions ``near``."""
    from scipy.ndimage import distance_transform_edt

    target = geom.mask(*near)
    if depth_mm <= 0 or not target.any():
        return np.zeros(geom.grid.shape, bool)
    return geom.mask(*of) & (distance_transform_edt(~target) * geom.grid.h <= depth_mm + 1e-9)


def homing_margin(geom: DefectGeometry, margin_mm: float) -> np.ndarray:
    """Defect voxels whose centre lies within ``margin_mm`` of a marrow, cortex or periosteum voxel centre."""
    return _within(geom, (Region.DEFECT,), (Region.MARROW, Region.CORTEX, Region.PERIOSTEUM), margin_mm)


def injury_zone(geom: DefectGeometry, depth_mm: float, regions: tuple[Region, ...] = (
        Region.MARROW, Region.PERIOSTEUM, Region.SOFT_TISSUE)) -> np.ndarray:
    """Voxels of ``regions`` (default: the soft tissues around the bone ends) whose centre lies within ``depth_mm``
    of a defect voxel centre."""
    return _within(geom, regions, (Region.DEFECT,), depth_mm)


def make_geometry(sc: SpatialScenario) -> DefectGeometry:
    g = sc.spatial.geometry
    has_scaffold = any(iv.agent == "scaffold" for iv in sc.interventions)
    if g.kind == "box":
        return uniform_box(tuple(g.box_cells), g.resolution_mm)
    return segmental_defect(g.gap_mm, g.diameter_mm, g.cortical_thickness_mm, g.periosteum_thickness_mm,
                            g.soft_tissue_mm, g.bone_end_mm, g.resolution_mm, g.dims, scaffold=has_scaffold)


def _route_mask(route: str, geom: DefectGeometry) -> np.ndarray:
    if route == "scaffold":
        return geom.scaffold.ravel()
    if route == "local":
        return geom.mask(Region.DEFECT).ravel()
    return np.ones(geom.grid.n_cells, bool)


def _steady(params: dict[str, float], bone: bool) -> np.ndarray:
    y = initial_state(params)
    if bone:
        return y
    c = compiled_model()
    guess = y.copy()
    for sid in ("lamellar_bone", "woven_bone", "osteocyte"):
        guess[c.species_index(sid)] = 0.0
    return steady_state(c, params, guess, fixed=("lamellar_bone", "woven_bone"))


def build_problem(sc: SpatialScenario) -> BuiltRun:
    """The spatial problem and numerical options of a validated spatial scenario."""
    decl = build_model()
    c = compiled_model()
    geom = make_geometry(sc)
    n = geom.grid.n_cells
    box = geom.kind == "box"
    inputs = to_solver_inputs(sc)
    no_iv = to_solver_inputs(sc.model_copy(update={"interventions": []}))
    params = dict(inputs.parameters)
    baseline = dict(inputs.baseline_parameters)
    uniform_base = dict(no_iv.parameters)
    if not box:
        for d in (params, baseline, uniform_base):
            d["gap_mm"] = d["gap_ref_mm"]
    regions = geom.regions.ravel()

    # ---- static per-voxel parameter fields (sources)
    fields: dict[str, np.ndarray] = {}
    state_scaled: dict[str, tuple[str, np.ndarray]] = {}
    tr = load_transport(decl, sc.spatial.transport, params)
    if not box:
        margin = homing_margin(geom, tr.values["homing_margin_mm"]).ravel()
        for pid, keep in REGION_SOURCES.items():
            inside = np.isin(regions, [int(r) for r in keep])
            if pid in MARGIN_SOURCES:
                inside |= margin
            fields[pid] = np.where(inside, params[pid], 0.0)

    # ---- interventions: which inputs are local to which region
    route_of: dict[str, str] = {}
    for i, iv in enumerate(sc.interventions):
        spec = AGENTS[iv.agent]
        if spec.kind == "bolus":  # a state jump, placed below
            continue
        targets = [spec.target]
        if spec.kind == "scaffold":
            targets += ["scaffold_stiffness_kpa", "scaffold_pore_um"]
            route = "scaffold"
        else:
            route = iv.route
        for tgt in targets:
            if route_of.get(tgt, route) != route:
                from ..errors import Issue, ScenarioError

                raise ScenarioError("spatial scenario", [Issue(f"interventions.{i}.route",
                                    f"input {tgt!r} is driven by interventions with different routes "
                                    f"({route_of[tgt]!r} and {route!r}); use one route per agent")])
            route_of[tgt] = route
    masks = {k: _route_mask(r, geom) for k, r in route_of.items()}

    segments = []
    for seg in inputs.schedule.segments:
        values: dict[str, np.ndarray] = {}
        for key, mask in masks.items():
            v = seg.parameters.get(key, params.get(key))
            if key in fields:
                values[key] = np.where(mask, v, fields[key])
            else:
                values[key] = np.where(mask, v, uniform_base[key])
        for key, v in seg.parameters.items():
            if key not in masks:  # patient/exposure inputs changing in time: uniform
                values[key] = np.full(n, float(v)) if key not in fields else fields[key]
        segments.append(SpatialSegment(seg.start, seg.end, values))

    # ---- jumps in their regions
    defect = geom.mask(Region.DEFECT).ravel()
    depth = 0.0 if box else tr.values["injury_zone_mm"]
    injured = defect | injury_zone(geom, depth).ravel()
    ends = injured | injury_zone(geom, depth, (Region.CORTEX,)).ravel()  # + the cortical ends, for some species
    injury: list[SpatialJump] = []
    doses: list[SpatialJump] = []
    for j in inputs.schedule.jumps:
        if j.label.endswith(" bolus"):
            agent = j.label[: -len(" bolus")]
            route = next((iv.route for iv in sc.interventions if iv.agent == agent and iv.start_day == j.time), "local")
            doses.append(SpatialJump(j.time, j.species, j.value, j.mode, _route_mask(route, geom), j.label))
        else:  # the injury: the defect and the injury zone around it; an infection: the defect
            if not j.label.startswith("injury"):
                where = defect
            else:
                where = ends if j.species in CORTICAL_END_INJURY else injured
            injury.append(SpatialJump(j.time, j.species, j.value, j.mode, where, j.label))
    if not box and sc.injury.kind != "none":  # after the well-mixed injury, before any dose given at day 0
        injury += [SpatialJump(0.0, sid, val, "set", defect, f"spatial injury: {sid}") for sid, val in DEFECT_CLEARED.items()]
    jumps = sorted(injury + doses, key=lambda j: j.time)  # stable: injury first at equal times

    # ---- initial state: steady state of each tissue before the injury
    y0 = np.zeros((c.n_species, n))
    if box:
        y0[:] = initial_state(baseline)[:, None]
    else:
        src = {pid: baseline[pid] for pid in REGION_SOURCES}
        for reg in Region:
            cells = regions == int(reg)
            if not np.any(cells):
                continue
            tissue = Region.CORTEX if reg == Region.DEFECT else reg
            p = dict(baseline)
            for pid, keep in REGION_SOURCES.items():
                p[pid] = src[pid] if tissue in keep else 0.0
            y0[:, cells] = _steady(p, bone=tissue == Region.CORTEX)[:, None]

    porosity = sc.spatial.scaffold.porosity or tr.values["scaffold_porosity"]
    mobility = np.where(geom.scaffold.ravel(), porosity, 1.0)
    out = sc.spatial.output.fields
    fields_out = DEFAULT_OUTPUT_FIELDS if out == "default" else (
        tuple(decl.species) + ("bone_fraction", "hif1a") if out == "all" else tuple(out))
    num = sc.spatial.numerics
    dirichlet = tuple(range(1, geom.grid.ndim)) if num.boundary == "dirichlet" else ()
    problem = SpatialProblem(geom, decl, tr, y0, params, fields, segments, jumps,
                             np.asarray(inputs.output_times, float), mobility, fields_out, dirichlet,
                             state_scaled, {"scenario": sc.model_dump(mode="json"), "model_digest": c.digest})
    options = SpatialOptions(dt_days=num.dt_days, rtol=num.rtol, atol_scale=num.atol_scale, backend=num.backend,
                             checkpoint_every_days=num.checkpoint_every_days, threads=num.threads,
                             jacobian_reuse=num.jacobian_reuse, quiescent_skip=num.quiescent_skip,
                             splitting=num.splitting)
    return BuiltRun(problem, options, sc)
