"""Trejo, Kojouharov & Chen-Charpentier 2019 (Math Comput Appl 24:12): macrophage-mediated fracture healing.

Equations (model-anchors.md §2.1; cells/mL, ng/mL, g/mL, day)::

    R_D = D/(a_ed + D);   R_M = k_max·(1 − (M0 + M1 + M2)/M_max)·D
    G1 = k01·c1/(a01 + c1);  G2 = k02·c2/(a02 + c2);  H1 = a12/(a12 + c2);  H2 = a22/(a22 + c2)
    A_s = k_ps·(a_ps² + a_ps1·c1)/(a_ps² + c1²);  F1 = d_s·a_sb1/(a_sb1 + c1);  A_b = k_pb·a_pb/(a_pb + c1)
    dD/dt  = −R_D·(k_e1·M1 + k_e2·M2)                     debris
    dM0/dt = R_M − G1·M0 − G2·M0 − d0·M0                   naive macrophages
    dM1/dt = G1·M0 + k21·M2 − k12·M1 − d1·M1               pro-inflammatory macrophages
    dM2/dt = G2·M0 + k12·M1 − k21·M2 − d2·M2               anti-inflammatory macrophages
    dc1/dt = H1·(k0·D + k1·M1) − d_c1·c1                   pro-inflammatory cytokines (TNF-α, IL-1, IL-6)
    dc2/dt = H2·(k2·M2 + k3·Cs) − d_c2·c2                  anti-inflammatory cytokines (IL-10, TGF-β)
    dCs/dt = A_s·Cs·(1 − Cs/K_ls) − F1·Cs                  skeletal stem/progenitor cells
    dCb/dt = A_b·Cb·(1 − Cb/K_lb) + F1·Cs − d_b·Cb          osteoblasts
    dmc/dt = (p_cs − q_cd1·mc)·Cs − q_cd2·mc·Cb            fibrocartilage
    dmb/dt = (p_bs − q_bd·mb)·Cb                           bone (at most p_bs/q_bd = 1 g/mL)

Parameters: the "male" reference set of the Lafuente-Gracia (2025) MATLAB
re-implementation, with Trejo's ranges noted in model-anchors.md §2.1 (k02 =
0.0836 sits just below the published range [0.0843, 0.3]).  Healing (E1):
d_b = 0.15; non-healing (E0): d_b = 0.3; E2: d_s = 0.1.  The fracture is the
debris bolus D(0) (Trejo §6.4: 3e5 simple, 5e7 moderate, 2e8 severe cells/mL)
on top of the paper's other initial values.
"""

from __future__ import annotations

from ..model.declare import Symbols
from ..model.records import Assignment, ModelDeclaration, Process, Species
from .base import Dose, PerturbationSpec, ReferenceModel, declaration, declared_initial_state, parameter

NAME = "trejo2019"
CITE = "cite:trejo2019"
_SRC = f"{CITE} (male reference set of the Lafuente-Gracia re-implementation; model-anchors.md §2.1)"

#: Trejo §6.4 initial debris by fracture severity (cell/mL)
DEBRIS_BY_SEVERITY = {"simple": 3.0e5, "moderate": 5.0e7, "severe": 2.0e8}
#: the parameter sets of the paper's equilibria (overrides of the E1 healing set)
PARAMETER_SETS = {"E1": {}, "E0": {"d_b": 0.3}, "E2": {"d_s": 0.1}}

_ROWS = (
    ("k_e1", 12.0, "1/day", "Debris engulfment by M1 macrophages"),
    ("k_e2", 24.0, "1/day", "Debris engulfment by M2 macrophages"),
    ("a_ed", 4.71e6, "cell/mL", "Half-saturation of debris engulfment"),
    ("k_max", 0.015, "1/day", "Maximal macrophage migration rate per debris"),
    ("M_max", 1.0e6, "cell/mL", "Macrophage carrying capacity"),
    ("k01", 0.611, "1/day", "M0 -> M1 activation rate"),
    ("k02", 0.0836, "1/day", "M0 -> M2 activation rate"),
    ("a01", 0.01, "ng/mL", "Half-saturation of M1 activation by c1"),
    ("a02", 0.005, "ng/mL", "Half-saturation of M2 activation by c2"),
    ("k12", 0.075, "1/day", "M1 -> M2 transition rate"),
    ("k21", 0.05, "1/day", "M2 -> M1 transition rate"),
    ("d0", 0.156, "1/day", "M0 emigration rate"),
    ("d1", 0.121, "1/day", "M1 emigration rate"),
    ("d2", 0.163, "1/day", "M2 emigration rate"),
    ("k0", 5.0e-7, "ng/cell/day", "c1 production per debris"),
    ("k1", 8.3e-6, "ng/cell/day", "c1 production per M1 macrophage"),
    ("k2", 3.72e-6, "ng/cell/day", "c2 production per M2 macrophage"),
    ("k3", 8.0e-6, "ng/cell/day", "c2 production per SSPC"),
    ("d_c1", 12.79, "1/day", "c1 decay rate"),
    ("d_c2", 4.632, "1/day", "c2 decay rate"),
    ("a12", 0.025, "ng/mL", "c2 inhibition of c1 synthesis"),
    ("a22", 0.1, "ng/mL", "c2 inhibition of c2 synthesis"),
    ("a_ps", 3.162, "ng/mL", "c1 level of SSPC proliferation enhancement"),
    ("a_sb1", 0.1, "ng/mL", "c1 inhibition of SSPC differentiation"),
    ("a_pb", 10.0, "ng/mL", "c1 inhibition of osteoblast proliferation"),
    ("a_ps1", 20.0, "ng/mL", "c1 enhancement of SSPC proliferation"),
    ("k_ps", 0.5, "1/day", "SSPC proliferation rate"),
    ("K_ls", 1.0e6, "cell/mL", "SSPC carrying capacity"),
    ("d_s", 1.0, "1/day", "SSPC differentiation into osteoblasts (E0, E1: 1; E2: 0.1)"),
    ("k_pb", 0.2202, "1/day", "Osteoblast proliferation rate"),
    ("K_lb", 1.0e6, "cell/mL", "Osteoblast carrying capacity"),
    ("d_b", 0.15, "1/day", "Osteoblast differentiation into osteocytes and apoptosis (E1, E2: 0.15; E0: 0.3)"),
    ("p_cs", 3.0e-6, "g/cell/day", "Fibrocartilage synthesis per SSPC"),
    ("q_cd1", 3.0e-6, "mL/cell/day", "Fibrocartilage degradation per SSPC"),
    ("q_cd2", 0.2e-6, "mL/cell/day", "Fibrocartilage degradation per osteoblast"),
    ("p_bs", 5.0e-8, "g/cell/day", "Bone synthesis per osteoblast"),
    ("q_bd", 5.0e-8, "mL/cell/day", "Bone synthesis saturation per osteoblast"),
)

_SPECIES = (
    # id, name, unit, scale, initial (paper, without the fracture debris), description
    ("debris", "Debris (D)", "cell/mL", 5.0e7, 0.0, "Necrotic cells and debris at the fracture site"),
    ("m0_macrophage", "Naive macrophages (M0)", "cell/mL", 1.0e5, 4000.0, "Naive (non-activated) macrophages"),
    ("m1_macrophage", "M1 macrophages", "cell/mL", 1.0e5, 0.0, "Classically activated, pro-inflammatory macrophages"),
    ("m2_macrophage", "M2 macrophages", "cell/mL", 1.0e5, 0.0, "Alternatively activated, anti-inflammatory macrophages"),
    ("pro_inflammatory", "Pro-inflammatory cytokines (c1)", "ng/mL", 1.0, 1.0, "TNF-α, IL-1, IL-6 (lumped)"),
    ("anti_inflammatory", "Anti-inflammatory cytokines (c2)", "ng/mL", 1.0, 0.0, "IL-10, TGF-β (lumped)"),
    ("sspc", "Skeletal stem/progenitor cells (Cs)", "cell/mL", 1.0e6, 1000.0, "Mesenchymal/skeletal progenitors"),
    ("osteoblast", "Osteoblasts (Cb)", "cell/mL", 1.0e6, 0.0, "Osteoblasts"),
    ("cartilage", "Fibrocartilage (mc)", "g/mL", 1.0, 0.0, "Fibrocartilage matrix density"),
    ("bone", "Bone (mb)", "g/mL", 1.0, 0.0, "Bone matrix density (maximum p_bs/q_bd = 1 g/mL)"),
)


def build() -> ModelDeclaration:
    """The Trejo 2019 declaration (healing set E1)."""
    params = [parameter(pid, v, u, d, _SRC, NAME) for pid, v, u, d in _ROWS]
    species = [Species(id=i, name=n, unit=u, scale=sc, initial=x0, description=d, module=NAME)
               for i, n, u, sc, x0, d in _SPECIES]
    extra = ["debris_engulfment", "recruitment", "m1_activation", "m2_activation", "c1_synthesis", "c2_synthesis",
             "sspc_proliferation", "sspc_differentiation", "osteoblast_proliferation", "bone_fraction"]
    S = Symbols([p.id for p in params] + [s.id for s in species] + extra)
    D, M0, M1, M2 = S.debris, S.m0_macrophage, S.m1_macrophage, S.m2_macrophage
    c1, c2, Cs, Cb, mc, mb = S.pro_inflammatory, S.anti_inflammatory, S.sspc, S.osteoblast, S.cartilage, S.bone
    A = lambda i, e, u, d: Assignment(i, e, u, d, NAME)  # noqa: E731
    assignments = [
        A("debris_engulfment", D / (S.a_ed + D), "dimensionless", "R_D: saturation of debris removal"),
        A("recruitment", S.k_max * (1 - (M0 + M1 + M2) / S.M_max) * D, "cell/mL/day", "R_M: macrophage recruitment by debris"),
        A("m1_activation", S.k01 * c1 / (S.a01 + c1), "1/day", "G1: M0 -> M1 activation by c1"),
        A("m2_activation", S.k02 * c2 / (S.a02 + c2), "1/day", "G2: M0 -> M2 activation by c2"),
        A("c1_synthesis", S.a12 / (S.a12 + c2), "dimensionless", "H1: inhibition of c1 synthesis by c2"),
        A("c2_synthesis", S.a22 / (S.a22 + c2), "dimensionless", "H2: inhibition of c2 synthesis by c2"),
        A("sspc_proliferation", S.k_ps * (S.a_ps**2 + S.a_ps1 * c1) / (S.a_ps**2 + c1**2), "1/day",
          "A_s: SSPC proliferation, enhanced by low and inhibited by high c1"),
        A("sspc_differentiation", S.d_s * S.a_sb1 / (S.a_sb1 + c1), "1/day", "F1: SSPC -> osteoblast, inhibited by c1"),
        A("osteoblast_proliferation", S.k_pb * S.a_pb / (S.a_pb + c1), "1/day", "A_b: osteoblast proliferation, inhibited by c1"),
        A("bone_fraction", mb / (S.p_bs / S.q_bd), "dimensionless", "Bone density as a fraction of its maximum p_bs/q_bd"),
    ]
    cite = (CITE,)
    P = lambda i, r, st, d: Process(i, r, st, d, cite, NAME)  # noqa: E731
    processes = [
        P("engulfment_m1", S.debris_engulfment * S.k_e1 * M1, {"debris": -1}, "Debris engulfed by M1 macrophages"),
        P("engulfment_m2", S.debris_engulfment * S.k_e2 * M2, {"debris": -1}, "Debris engulfed by M2 macrophages"),
        P("macrophage_recruitment", S.recruitment, {"m0_macrophage": 1}, "Macrophages recruited by debris (crowding-limited)"),
        P("m1_polarisation", S.m1_activation * M0, {"m0_macrophage": -1, "m1_macrophage": 1}, "M0 -> M1 by c1"),
        P("m2_polarisation", S.m2_activation * M0, {"m0_macrophage": -1, "m2_macrophage": 1}, "M0 -> M2 by c2"),
        P("m0_emigration", S.d0 * M0, {"m0_macrophage": -1}, "M0 emigration"),
        P("m1_to_m2", S.k12 * M1, {"m1_macrophage": -1, "m2_macrophage": 1}, "M1 -> M2 switch"),
        P("m2_to_m1", S.k21 * M2, {"m2_macrophage": -1, "m1_macrophage": 1}, "M2 -> M1 switch"),
        P("m1_emigration", S.d1 * M1, {"m1_macrophage": -1}, "M1 emigration"),
        P("m2_emigration", S.d2 * M2, {"m2_macrophage": -1}, "M2 emigration"),
        P("c1_production", S.c1_synthesis * (S.k0 * D + S.k1 * M1), {"pro_inflammatory": 1},
          "c1 from debris and M1 macrophages, inhibited by c2"),
        P("c1_decay", S.d_c1 * c1, {"pro_inflammatory": -1}, "c1 decay"),
        P("c2_production", S.c2_synthesis * (S.k2 * M2 + S.k3 * Cs), {"anti_inflammatory": 1},
          "c2 from M2 macrophages and SSPCs, self-inhibited"),
        P("c2_decay", S.d_c2 * c2, {"anti_inflammatory": -1}, "c2 decay"),
        P("sspc_growth", S.sspc_proliferation * Cs * (1 - Cs / S.K_ls), {"sspc": 1}, "Logistic SSPC proliferation"),
        P("sspc_to_osteoblast", S.sspc_differentiation * Cs, {"sspc": -1, "osteoblast": 1}, "SSPC differentiation"),
        P("osteoblast_growth", S.osteoblast_proliferation * Cb * (1 - Cb / S.K_lb), {"osteoblast": 1},
          "Logistic osteoblast proliferation"),
        P("osteoblast_loss", S.d_b * Cb, {"osteoblast": -1}, "Osteoblasts become osteocytes or die"),
        P("cartilage_synthesis", (S.p_cs - S.q_cd1 * mc) * Cs, {"cartilage": 1}, "Fibrocartilage laid down by SSPCs"),
        P("cartilage_degradation", S.q_cd2 * mc * Cb, {"cartilage": -1}, "Fibrocartilage removed by osteoblasts"),
        P("bone_synthesis", (S.p_bs - S.q_bd * mb) * Cb, {"bone": 1}, "Bone laid down by osteoblasts"),
    ]
    return declaration(NAME, "Trejo, Kojouharov & Chen-Charpentier 2019 macrophage-mediated fracture healing",
                       species, params, assignments, processes)


PERTURBATIONS = {
    "fracture_debris": PerturbationSpec(
        "fracture_debris", "bolus", "debris", "cell/mL", DEBRIS_BY_SEVERITY["moderate"],
        "Necrotic debris of the fracture (D(0); Trejo §6.4: 3e5 simple, 5e7 moderate, 2e8 severe)",
        f"{CITE} §6.4 (model-anchors.md §2.1)"),
    "anti_inflammatory_bolus": PerturbationSpec(
        "anti_inflammatory_bolus", "bolus", "anti_inflammatory", "ng/mL", 10.0,
        "Anti-inflammatory cytokines added at the site (c2(0); Trejo §6.5.1: 0, 10, 100 ng/mL)",
        f"{CITE} §6.5.1 (model-anchors.md §2.1)"),
}

MODEL = ReferenceModel(
    name=NAME, build=build, citation="trejo2019",
    title="Trejo, Kojouharov & Chen-Charpentier 2019: macrophage-mediated inflammation in fracture healing",
    days=400.0, output_interval_days=0.05, perturbations=PERTURBATIONS, initial_state=declared_initial_state,
    default_doses=(Dose("fracture_debris"),),
)
