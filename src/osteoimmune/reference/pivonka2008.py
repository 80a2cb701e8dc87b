"""Pivonka et al. 2008 (Bone 43:249): bone cell population model, structure "RANKL on OBp, OPG by OBa".

Equations (paper, CellML ``pivonka_2008``; model-anchors.md §1.3; pM, day)::

    TGFβ  = (α·k_res·OCa + P_TGFβ)/D_TGFβ
    PTH   = (β_PTH + P_PTH)/D_PTH
    OPG   = (β_OPG·OBa·π_rep(PTH, K_D5) + P_OPG)·OPG_max / (β_OPG·OBa·π_rep(PTH, K_D5) + D_OPG·OPG_max)
    RANKL_eff = R_RANKL·OBp·π_act(PTH, K_D4)
    RANKL = RANKL_eff/(1 + K_A1·OPG + K_A2·RANK)·(β_RANKL + P_RANKL)/(β_RANKL + D_RANKL·RANKL_eff)
    dOBp/dt = D_OBu·π_act(TGFβ, K_D1) − D_OBp·OBp·π_rep(TGFβ, K_D2)
    dOBa/dt = D_OBp·OBp·π_rep(TGFβ, K_D2) − A_OBa·OBa
    dOCa/dt = D_OCp·π_act(K_A2·RANKL·RANK, K_D8) − A_OCa·OCa·π_act(TGFβ, K_D3)

The species and parameter records are *the same records* as the main model's
remodeling module (``model/data/remodeling.yaml``: values of the reference
implementation cmodiz/Bone-Models, 5 significant digits): this module reads
them with :func:`~osteoimmune.model.declare.load_records` and writes the
equations without the immune/metabolic fold factors, so that the collapse test
(``tests/reference/test_collapse.py``) compares like with like.
"""

from __future__ import annotations

from ..model.blocks import act, inh
from ..model.declare import Symbols, load_records
from ..model.records import Assignment, ModelDeclaration, Process
from .base import Dose, PerturbationSpec, ReferenceModel, declaration, relaxed_steady_state

NAME = "pivonka2008"
CITE = "cite:pivonka2008"

#: the parameters of remodeling.yaml that belong to Pivonka 2008 (the rest are couplings/drugs of the main model)
PARAMETER_IDS: tuple[str, ...] = (
    "D_OBu", "D_OBp", "D_OCp", "A_OBa", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_D4_PTH", "K_D5_PTH",
    "K_D8_RANKL", "beta_PTH", "D_PTH", "D_OPG", "OPG_max", "beta_OPG", "R_RANKL", "beta_RANKL", "D_RANKL",
    "K_A1_OPG", "K_A2_RANK", "RANK", "alpha_TGFb", "k_res_TGFb", "D_TGFb", "P_PTH", "P_OPG", "P_RANKL", "P_TGFb",
)
#: Pivonka's names of the main model's species
SPECIES_IDS: tuple[str, ...] = ("preosteoblast", "osteoblast", "osteoclast")
ASSIGNMENT_IDS: tuple[str, ...] = ("tgf_beta_bone", "pth", "opg", "rankl_eff", "rankl", "rank_occupancy")


def build() -> ModelDeclaration:
    """The Pivonka 2008 declaration from the main model's remodeling records."""
    species, params = load_records("remodeling")
    by_id = {p.id: p for p in params}
    params = [by_id[k].model_copy(update={"module": NAME}) for k in PARAMETER_IDS]
    species = [s.model_copy(update={"module": NAME}) for s in species if s.id in SPECIES_IDS]
    S = Symbols([p.id for p in params] + [s.id for s in species] + list(ASSIGNMENT_IDS))
    assignments = [
        Assignment("tgf_beta_bone", (S.alpha_TGFb * S.k_res_TGFb * S.osteoclast + S.P_TGFb) / S.D_TGFb, "pM",
                   "Active TGF-β released from the bone matrix by resorption", NAME, entity="tgf_beta"),
        Assignment("pth", (S.beta_PTH + S.P_PTH) / S.D_PTH, "pM", "Parathyroid hormone (quasi-steady)", NAME),
        Assignment("opg",
                   (S.beta_OPG * S.osteoblast * inh(S.pth, S.K_D5_PTH) + S.P_OPG) * S.OPG_max
                   / (S.beta_OPG * S.osteoblast * inh(S.pth, S.K_D5_PTH) + S.D_OPG * S.OPG_max),
                   "pM", "Osteoprotegerin (quasi-steady), produced by active osteoblasts, repressed by PTH", NAME),
        Assignment("rankl_eff", S.R_RANKL * S.preosteoblast * act(S.pth, S.K_D4_PTH), "pM",
                   "Maximal RANKL on osteoblast precursors (PTH-activated)", NAME, entity="rankl"),
        Assignment("rankl",
                   S.rankl_eff / (1 + S.K_A1_OPG * S.opg + S.K_A2_RANK * S.RANK)
                   * (S.beta_RANKL + S.P_RANKL) / (S.beta_RANKL + S.D_RANKL * S.rankl_eff),
                   "pM", "Free RANKL (quasi-steady) after binding OPG and RANK", NAME),
        Assignment("rank_occupancy", act(S.K_A2_RANK * S.rankl * S.RANK, S.K_D8_RANKL), "dimensionless",
                   "Activation of osteoclast precursors by RANKL-RANK binding", NAME, entity="rankl"),
    ]
    cite = (CITE,)
    processes = [
        Process("obu_differentiation", S.D_OBu * act(S.tgf_beta_bone, S.K_D1_TGFb), {"preosteoblast": 1},
                "Uncommitted progenitors commit to osteoblast precursors under bone TGF-β", cite, NAME, "pM/day"),
        Process("obp_differentiation", S.D_OBp * S.preosteoblast * inh(S.tgf_beta_bone, S.K_D2_TGFb),
                {"preosteoblast": -1, "osteoblast": 1}, "Precursors mature into active osteoblasts (TGF-β represses)",
                cite, NAME, "pM/day"),
        Process("osteoblast_apoptosis", S.A_OBa * S.osteoblast, {"osteoblast": -1}, "Active osteoblast apoptosis",
                cite, NAME, "pM/day"),
        Process("osteoclastogenesis", S.D_OCp * S.rank_occupancy, {"osteoclast": 1},
                "Osteoclast formation driven by RANKL-RANK binding", cite, NAME, "pM/day"),
        Process("osteoclast_apoptosis", S.A_OCa * S.osteoclast * act(S.tgf_beta_bone, S.K_D3_TGFb), {"osteoclast": -1},
                "Osteoclast apoptosis promoted by bone TGF-β", cite, NAME, "pM/day"),
    ]
    return declaration(NAME, "Pivonka et al. 2008 bone cell population model (RANKL on OBp, OPG by OBa)",
                       species, params, assignments, processes)


PERTURBATIONS = PerturbationSpec.infusions(f"{CITE} (model-anchors.md §1.3 table)", [
    ("pth_infusion", "P_PTH", 1.0e3, "Continuous exogenous PTH (catabolic)"),
    ("opg_infusion", "P_OPG", 2.0e5, "Exogenous OPG"),
    ("rankl_infusion", "P_RANKL", 10.0, "Exogenous RANKL"),
    ("tgfb_infusion", "P_TGFb", 1.0e-3, "Exogenous bone-matrix TGF-β (anabolic)"),
])

#: the injection window of the anchors' experiments (day)
WINDOW = (0.0, 100.0)

MODEL = ReferenceModel(
    name=NAME, build=build, citation="pivonka2008",
    title="Pivonka et al. 2008: bone cell population model, RANKL on OBp / OPG by OBa",
    days=200.0, output_interval_days=0.5, perturbations=PERTURBATIONS, initial_state=relaxed_steady_state,
    default_doses=(Dose("pth_infusion", start_day=WINDOW[0], end_day=WINDOW[1]),),
)
