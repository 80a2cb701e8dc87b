"""Foreign-body reaction to an implant: surface macrophages fuse into foreign-body giant cells that drive a fibrous capsule.

Seed basis: seed 002 §biomaterials — «Foreign body reaction (FBR) and fiber
wrapping often lead to unsuccessful biomaterial implantation» (I141); 34 µm
pores → M1 and worse healing (I161, I162).  Mechanism after Anderson,
Rodriguez & Chang 2008 (cite:anderson2008): macrophages adhering to a surface
they can neither engulf nor infiltrate (frustrated phagocytosis) fuse, with
IL-4/IL-13, into foreign-body giant cells (FBGCs) that stay at the
tissue–material interface for the implant's lifetime and secrete TGF-β,
which recruits fibroblasts that wrap the implant in an avascular collagen
capsule.  Porous materials whose pores let tissue grow in, and soft ones
(cite:noskovicova2021: stiff implants mechanically activate pro-fibrotic
macrophages), provoke little encapsulation.  The drive therefore rises with
the scaffold's small-pore index and its stiffness (both user-set scaffold
properties) and is ~0 for an open-pore, neutral-stiffness carrier.
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration, Process

NAME = "foreign_body"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    a(Assignment("fbr_surface",
                 act(S.small_pore_index * (1 + S.w_fbr_stiff * sp.Max(0, S.stiffness_index)), S.K_fbr, 4),
                 "dimensionless",
                 "Foreign-body (frustrated-phagocytosis) drive of the implant surface (0-1): a surface without pores open "
                 "to tissue ingrowth, worse when stiff; ~0 for an open-pore (≥ 300 µm) neutral carrier and without scaffold",
                 NAME, entity="foreign_body_reaction", implements=("I141", "I161")))
    macs = S.m0_macrophage + S.m1_macrophage + S.m2_macrophage
    p(Process("fbgc_formation",
              S.k_fbgc * S.fbr_surface * (1 + S.e_il4_fbgc * act(S.il4, S.K_il4_m2)) * macs,
              {"fbgc": 1},
              "Surface-adherent macrophages fuse (IL-4/IL-13-enhanced) into foreign-body giant cells on an implant they "
              "cannot engulf (counted in macrophage nuclei; the adherent pool is refilled by recruitment)",
              ("I141", "cite:anderson2008"), NAME, "cell/mL/day"))
    p(Process("fbgc_loss", S.d_fbgc * S.fbgc, {"fbgc": -1},
              "Slow FBGC turnover: they persist at the tissue–material interface for the implant's lifetime",
              ("cite:anderson2008",), NAME, "cell/mL/day"))
    p(Process("tgf_beta_fbgc_secretion", S.p_tgfb_fbgc * S.fbgc, {"tgf_beta": 1},
              "TGF-β from FBGCs and the surface-adherent macrophages (pro-fibrotic signal of the FBR)",
              ("I141", "cite:anderson2008"), NAME, "ng/mL/day"))
    p(Process("fibrous_encapsulation",
              S.k_caps * S.fbr_surface * act(S.fbgc, S.K_fbgc_caps) * act(S.tgf_beta, S.K_tgfb_fib) * S.hematoma,
              {"hematoma": -1, "fibrous_tissue": 1},
              "Fibroblasts recruited by FBGC/macrophage TGF-β wrap the implant: the granulation tissue on the implant "
              "surface becomes a collagen capsule (fibrous tissue) instead of callus",
              ("I141", "cite:anderson2008"), NAME, "1/day"))
    return m
