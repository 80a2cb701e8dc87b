"""Biomaterial signals: stiffness, pore size, Mg²⁺, calcium-phosphate and Cu particles.

Seed basis: seed 002 §biomaterials (hard hydrogels → M1, soft → M2, while
stiffness promotes BMSC osteogenesis; 34 µm pores → M1 and worse healing;
Mg²⁺ raises IL-1ra and CCL5/IL-8 and lowers IL-1β; β-TCP → M2, BMP-2 and
osteogenesis; BCP attracts macrophages; Cu-MSN raise OPG and lower RANKL;
scaffolds carry BMSCs).  These assignments are read by the immune, stromal,
cytokine and remodeling modules.  Drug and cytokine deliveries are inputs of
the modules whose species they act on.
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act, inh
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration

NAME = "interventions"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a = m.assignments.append
    a(Assignment("stiffness_index", S.scaffold_present * sp.log(S.scaffold_stiffness_kpa / S.E_ref_kpa, 10), "dimensionless",
                 "Decades of scaffold stiffness above (+) or below (−) the neutral stiffness", NAME, entity="substrate_stiffness",
                 implements=("I024", "I025", "I026", "I160")))
    a(Assignment("small_pore_index", S.scaffold_present * inh(S.scaffold_pore_um, S.K_pore, 2), "dimensionless",
                 "Pro-inflammatory effect of small scaffold pores (0-1)", NAME, entity="porous_34um", implements=("I161", "I162")))
    a(Assignment("mg_signal", act(S.mg_release, S.K_mg), "dimensionless", "Mg²⁺ immunomodulatory signal (0-1)", NAME, entity="mg2",
                 implements=("I085", "I086")))
    a(Assignment("material_m2_signal", S.e_mg_m2 * S.mg_signal + S.e_cap_m2 * S.cap_particles, "dimensionless",
                 "M2 drive from Mg²⁺ and β-TCP", NAME, entity="m2_polarization", implements=("I145", "I085")))
    a(Assignment("material_recruitment", S.e_cap_recruit * S.cap_particles, "dimensionless",
                 "Macrophage recruitment by BCP particles", NAME, entity="monocyte_recruitment", implements=("I154",)))
    a(Assignment("material_bmp2", S.p_cap_bmp2 * S.cap_particles, "ng/mL/day", "BMP-2 induced by β-TCP", NAME, entity="bmp2",
                 implements=("I146",)))
    a(Assignment("material_osteo", S.e_cap_osteo * S.cap_particles, "dimensionless", "Osteogenic drive of β-TCP", NAME,
                 entity="osteogenic_differentiation", implements=("I148",)))
    a(Assignment("material_bmsc", S.e_scaffold_bmsc * S.scaffold_present + S.e_mg_rec * S.mg_signal, "dimensionless",
                 "Extra BMSC homing/retention by scaffold carriers and Mg²⁺-induced chemokines", NAME, entity="bmsc_migration",
                 implements=("I142", "I087")))
    a(Assignment("material_anti_rankl", S.e_cu_rankl * S.cu_release, "dimensionless", "Fractional RANKL reduction by Cu particles",
                 NAME, entity="cu_msn", implements=("I156",)))
    return m
