"""The single model declaration: consistency, evidence links, provenance, exact Jacobian."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

import osteoimmune as oi
from osteoimmune.errors import ModelError
from osteoimmune.knowledge import load_knowledge
from osteoimmune.model.records import ModelDeclaration, ModuleDeclaration, Parameter, Process, Species

MODEL = oi.build_model()
KB = load_knowledge()


def test_model_covers_the_required_modules_and_species():
    modules = {m.name for m in MODEL.modules}
    assert {"immune", "cytokines", "stromal", "remodeling", "matrix", "mitochondria", "context", "interventions"} <= modules
    required = {"neutrophil", "monocyte", "m0_macrophage", "m1_macrophage", "m2_macrophage", "th1_cell", "th2_cell", "treg",
                "tnf_alpha", "il1_beta", "il6", "il4", "il10", "il1ra", "ifn_gamma", "tgf_beta", "osm", "il23", "bmp2", "vegf",
                "pdgf_bb", "sdf1_cxcl12", "mmp9", "pge2", "il7", "m_csf", "bmsc", "chondrocyte", "osteocyte", "osteoclast",
                "osteoblast", "preosteoblast", "adipocyte", "debris", "hematoma", "cartilage", "woven_bone", "lamellar_bone",
                "oxphos", "ros", "gsh", "mito_calcium", "fe2", "lipid_peroxidation", "mito_health", "mtdna", "vascular_density",
                "oxygen", "innervation"}
    assert required <= set(MODEL.species)
    assert {"rankl", "opg", "bone_fraction", "hif1a", "ferroptosis"} <= set(MODEL.assignments)


def test_every_species_and_assignment_maps_to_an_evidence_base_entity():
    missing = [s.id for s in MODEL.species.values() if s.entity_id not in KB.entities]
    missing += [a.id for a in MODEL.assignments.values() if a.entity_id not in KB.entities]
    assert missing == []


def test_every_process_links_existing_evidence():
    bad = []
    for p in MODEL.processes.values():
        for ref in p.implements:
            ok = (ref[5:] in KB.citations) if ref.startswith("cite:") else ref in KB.interactions
            if not ok:
                bad.append((p.id, ref))
    assert bad == []
    unlinked = [p.id for p in MODEL.processes.values() if not p.implements]
    # bookkeeping processes (decay, turnover) may be unlinked; mechanisms must not be
    assert len(unlinked) < 0.35 * len(MODEL.processes), unlinked


def test_every_parameter_has_unit_and_a_traceable_source():
    bad = []
    for p in MODEL.parameters.values():
        if not p.unit or not p.source:
            bad.append((p.id, "unit/source"))
        for key in re.findall(r"cite:([A-Za-z0-9_]+)", p.source):
            if key not in KB.citations:
                bad.append((p.id, key))
        if not re.match(r"^(cite:|seed:|calibrated|derived|scenario input)", p.source):
            bad.append((p.id, p.source))
    assert bad == []


def test_undeclared_symbol_is_reported_with_its_name():
    x = sp.Symbol("x", real=True)
    mod = ModuleDeclaration("m", "", [Species(id="x", name="x", unit="1", description="")], [],
                            processes=[Process("p", x * sp.Symbol("k_missing", real=True), {"x": 1}, "")])
    with pytest.raises(ModelError, match="k_missing"):
        ModelDeclaration("bad", [mod])


def test_parameter_outside_bounds_is_rejected():
    with pytest.raises(ValueError, match="outside bounds"):
        Parameter(id="k", value=5.0, unit="1/day", description="", source="calibrated", lower=0, upper=1)


def test_exact_jacobian_matches_finite_differences():
    c = oi.compiled_model()
    rng = np.random.default_rng(1)
    scales = np.array([MODEL.species[s].scale for s in c.species_ids])
    y = scales * rng.uniform(0.2, 2.0, size=scales.size)
    p = c.parameter_vector(MODEL.parameter_values())
    J = c.jac(0.0, y, p)
    Jn = np.zeros_like(J)
    for j in range(y.size):
        h = 1e-6 * scales[j]
        e = np.zeros_like(y)
        e[j] = h
        Jn[:, j] = (c.rhs(0.0, y + e, p) - c.rhs(0.0, y - e, p)) / (2 * h)
    # compare in scaled units (dy_i/dt / scale_i per unit y_j / scale_j)
    Js = J * scales[None, :] / scales[:, None]
    Jns = Jn * scales[None, :] / scales[:, None]
    err = np.abs(Js - Jns)
    assert err.max() <= 1e-5 * max(1.0, np.abs(Jns).max())


def test_basal_parameters_are_current():
    from osteoimmune.model import basal

    assert basal.main(["--check"]) == 0, "run `python -m osteoimmune.model.basal` to regenerate data/basal.yaml"


def test_collapse_healthy_core_is_pivonka_steady_state():
    """With the immune/metabolic layers at their healthy basal levels the core is Pivonka 2008."""
    p = MODEL.parameter_values()
    p["age_years"] = p["age_ref"]
    y = oi.initial_state(p)
    ids = oi.compiled_model().species_ids
    vals = dict(zip(ids, y))
    for sid, ref in {"preosteoblast": 6.1964e-4, "osteoblast": 5.5839e-4, "osteoclast": 8.0696e-4}.items():
        assert vals[sid] == pytest.approx(ref, rel=1e-4)
