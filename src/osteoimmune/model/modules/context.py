"""Context: patient covariates, oxygen, vessels, nerves, muscle, geometry, infection, wear.

Seed basis: seed 004 §5 (neuro-vascular-muscle axis: vessels deliver oxygen,
HIF-1α/VEGF couple hypoxia to angiogenesis, nerve regeneration precedes bone
repair), seed 002 (hypoxia boosts BMSC homing; M1 miR-155 exosomes are
anti-angiogenic; M2 PDGF-BB and MMP-9 build and connect the new vessels), seed 004 (S. aureus infection), seed 003 (wear particles).
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act, inh
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration, Process

NAME = "context"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a = m.assignments.append
    p = m.processes.append
    a(Assignment("aging", sp.Max(0, (S.age_years - S.age_ref) / S.age_span), "dimensionless",
                 "Aging index: 0 up to age_ref, 1 at age_ref + age_span", NAME, entity="aging"))
    a(Assignment("estrogen_deficit", sp.Max(0, 1 - S.estrogen), "dimensionless",
                 "Estrogen deficit relative to normal (0 = normal)", NAME, entity="estrogen"))
    a(Assignment("hif1a", inh(S.oxygen, S.K_hif_o2, 2), "dimensionless",
                 "HIF-1α stabilisation (fraction of maximal), rises as oxygen falls", NAME, entity="hif1a",
                 implements=("I336", "I399")))
    a(Assignment("supply", 2 * S.gap_ref_mm / (S.gap_ref_mm + S.gap_mm), "dimensionless",
                 "Per-volume supply of cells and vessels from the bone ends and periosteum; falls as 1/gap "
                 "(surface-to-volume scaling). 1 at the reference gap.", NAME, entity="critical_size_defect"))
    p(Process("oxygen_supply", S.k_o2 * (S.vascular_density * (1 - S.k_o2_cons * act(S.neutrophil + S.m1_macrophage, S.K_o2_cons)) - S.oxygen),
              {"oxygen": 1}, "Oxygen relaxes toward the vascular supply minus consumption by inflammatory cells",
              ("I116", "I462"), NAME, "1/day"))
    p(Process("angiogenesis",
              S.k_ang * S.supply * (S.v_seed + S.vascular_density) * (1 - S.vascular_density)
              * (S.a_ang0 + act(S.vegf, S.K_vegf_ang)) * inh(S.m1_macrophage, S.K_m1_ang)
              * (sp.Rational(1, 2) + sp.Rational(1, 2) * S.innervation) * (sp.Rational(1, 2) + sp.Rational(1, 2) * S.muscle_integrity)
              * (S.a_mmp_space + (1 - S.a_mmp_space) * act(S.mmp9, S.K_mmp_space))
              * (S.a_pdgf_ang + (1 - S.a_pdgf_ang) * act(S.pdgf_bb, S.K_pdgf_ang)),
              {"vascular_density": 1},
              "Vessels grow in from the margins (logistic), driven by VEGF, slowed by M1 (miR-155), supported by nerves "
              "and muscle, partly needing matrix space cleared by MMPs and PDGF-BB (mostly from M2) for anastomosis and "
              "pericyte coverage of the new vessels; per-volume ingrowth scales with supply (1/gap)",
              ("I039", "I047", "I374", "I389", "I394", "I398", "I106", "I041", "I063"), NAME, "1/day"))
    p(Process("nerve_regrowth", S.k_nerve * S.supply * (1 - S.innervation)
              * (sp.Rational(1, 4) + act(S.vegf, S.K_ngf_nerve) + S.e_netrin_nerve * S.oc_secretome),
              {"innervation": 1}, "Sensory nerves regrow into the site, ahead of vessels and bone, guided by growth factors "
              "(NGF lumped with VEGF) and by netrin-1 secreted by osteoclasts", ("I394", "I390", "I195", "cite:ni2019"), NAME, "1/day"))
    p(Process("s_aureus_growth", S.r_sa * S.s_aureus * (1 - S.s_aureus / S.K_sa), {"s_aureus": 1},
              "Logistic bacterial growth", ("I329",), NAME, "CFU/mL/day"))
    p(Process("s_aureus_killing", (1 - S.biofilm_protection) * S.s_aureus * (S.k_sa_kill_n * S.neutrophil + S.k_sa_kill_m * S.m1_macrophage
                                                            + S.d_sa_innate / (1 + S.s_aureus / S.K_sa_innate)),
              {"s_aureus": -1}, "Killing by neutrophils, M1 macrophages and saturable innate defences (biofilm shields a fraction)", (), NAME, "CFU/mL/day"))
    p(Process("wear_generation", S.wear_rate, {"wear_particles": 1}, "Implant wear particle generation", ("I477",), NAME, "ug/mL/day"))
    p(Process("wear_clearance", S.k_wear_clear * S.wear_particles * (S.m0_macrophage + S.m1_macrophage + S.m2_macrophage),
              {"wear_particles": -1}, "Slow phagocytic clearance of wear particles", ("I012",), NAME, "ug/mL/day"))
    return m
