"""Matrix of the injury site: debris and DAMPs, hematoma, fibrous tissue, cartilage, woven and lamellar bone.

Secondary healing (seed 002 §Introduction): the hematoma (provisional matrix)
is replaced by a cartilaginous soft callus (chondrocytes), by woven bone laid
down directly by osteoblasts (intramembranous) or on cartilage invaded by
vessels (endochondral, MMP-9), and woven bone is remodelled into lamellar bone
by osteoclast-coupled remodeling.  Provisional matrix not reached by bone in
time becomes fibrous tissue (fibrous non-union).  Intact bone is remodelled
by the Pivonka core: formation ∝ OBa/OBa_ref, resorption ∝ OCa/OCa_ref, both
at the turnover rate k_turn, formation limited only as free space vanishes and raised by the mechanostat
(less bone carries more strain, Frost 2003) so that chronic loss slows toward a new steady state.
Debris clearance follows Trejo et al. 2019.
"""

from __future__ import annotations

from ..blocks import act
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration, Process

NAME = "matrix"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    a(Assignment("bone_fraction", S.woven_bone + S.lamellar_bone, "dimensionless",
                 "Bone volume fraction of the site (woven + lamellar), in [0, 1]", NAME, entity="bone_formation"))
    a(Assignment("free_space", 1 - S.woven_bone - S.lamellar_bone, "dimensionless",
                 "Volume fraction of the site not occupied by bone (marrow, vessels, soft tissue)", NAME, entity="extracellular_matrix"))
    ocr = S.osteoclast / S.OCa_ref
    obr = S.osteoblast / S.OBa_ref
    p(Process("debris_clearance",
              (S.k_e0 * S.m0_macrophage + S.k_e1 * S.m1_macrophage + S.k_e2 * S.m2_macrophage + S.k_en * S.neutrophil)
              * S.debris / (S.a_ed + S.debris),
              {"debris": -1}, "Phagocytosis of necrotic debris by macrophages (M2 > M1) and neutrophils",
              ("I012", "I214", "I187", "cite:trejo2019"), NAME, "cell/mL/day"))
    p(Process("infection_necrosis", S.k_sa_debris * S.s_aureus, {"debris": 1}, "S. aureus kills bone cells", ("I330",), NAME, "cell/mL/day"))
    p(Process("damp_release", S.p_damps * S.debris / S.D_ref, {"damps": 1}, "Necrotic debris releases DAMPs", ("I324", "I325"), NAME, "1/day"))
    p(Process("damp_decay", S.d_damps * S.damps, {"damps": -1}, "DAMP decay", (), NAME, "1/day"))
    p(Process("fibrosis", S.k_fib * (1 + S.e_tgfb_fib * act(S.tgf_beta, S.K_tgfb_fib)) * S.hematoma,
              {"hematoma": -1, "fibrous_tissue": 1}, "Provisional matrix not ossified in time becomes fibrous tissue",
              ("I252",), NAME, "1/day"))
    p(Process("cartilage_deposition", S.p_cart * S.chondrocyte * S.hematoma, {"hematoma": -1, "cartilage": 1},
              "Chondrocytes replace the provisional matrix by soft callus", ("I472", "I100"), NAME, "1/day"))
    p(Process("intramembranous_ossification", S.p_wov * S.callus_osteoblast * S.hematoma, {"hematoma": -1, "woven_bone": 1},
              "Osteoblasts lay down woven bone on the provisional matrix", ("I294", "I473"), NAME, "1/day"))
    p(Process("fibrous_ossification", S.p_wov * S.p_wov_fib * S.callus_osteoblast * S.fibrous_tissue,
              {"fibrous_tissue": -1, "woven_bone": 1}, "Slow ossification of fibrous tissue by osteoblasts", ("I294",), NAME, "1/day"))
    p(Process("endochondral_ossification",
              S.q_endo * S.callus_osteoblast * S.cartilage * (S.vascular_density + 0.1) * (1 + S.e_mmp9_endo * act(S.mmp9, S.K_mmp9)) * (0.5 + 0.5 * ocr),
              {"cartilage": -1, "woven_bone": 1}, "Vascular invasion, MMP-9 and osteoclasts resorb cartilage; osteoblasts replace it by bone",
              ("I071", "I068", "I435", "I218"), NAME, "1/day"))
    p(Process("woven_to_lamellar", S.k_wl * ocr * S.woven_bone, {"woven_bone": -1, "lamellar_bone": 1},
              "Osteoclast-coupled remodeling of woven into lamellar bone", ("I218", "I217"), NAME, "1/day"))
    a(Assignment("mechanostat", 1 + S.c_mech * (1 - S.bone_fraction / S.bone_ref), "dimensionless",
                 "Mechanostat: formation fold as the remaining bone carries more strain (1 at the reference bone fraction)",
                 NAME, entity="bone_formation"))
    p(Process("bone_formation", S.k_turn * obr * S.mechanostat * S.lamellar_bone * act(S.free_space, S.K_space) / act(1 - S.bone_ref, S.K_space),
              {"lamellar_bone": 1}, "Osteoblastic formation in remodeling (Pivonka OBa)", ("I005", "I294"), NAME, "1/day"))
    p(Process("bone_resorption", S.k_turn * ocr * S.lamellar_bone, {"lamellar_bone": -1},
              "Osteoclastic resorption (Pivonka OCa)", ("I006", "I250", "I242"), NAME, "1/day"))
    return m
