"""Immune cells: neutrophils, monocytes, M0/M1/M2 macrophages, Th1/Th2/Treg and B cells.

Seed basis: seed 002 (monocytes become Mφ under M-CSF/IL-4; M0 → M1 by LPS via
STAT1/NF-κB, → M2 by IL-4 via STAT6; stiff → M1, soft → M2; IL-4 drives
M1 → M2; BMSCs polarise to M2; IL-1ra lowers polarisation; aged M1 output
contested), seed 003 (Th1 IFN-γ/TNF-α → M1, Th2 IL-4/IL-13 → M2; CXCL12 and
TNF-α recruit macrophages; the hematoma recruits neutrophils, macrophages and
lymphocytes; T and B cells express RANKL). Macrophage structure after
Trejo et al. 2019.
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act, capacity, inh
from ..declare import load_records
from ..records import Assignment, Hypothesis, ModuleDeclaration, Process

NAME = "immune"


def bmsc_type_i_fraction(S) -> sp.Expr:
    """Fraction of BMSCs in the TLR-induced type I phenotype (contested; 0 unless ``bmsc_tlr_hypothesis`` = 1).

    Written out where it is used (not read through its output assignment) so that every rate law depends on
    species directly.
    """
    return S.bmsc_tlr_hypothesis * act(S.s_aureus / S.K_sa_m1 + S.damps / S.K_damps_m1, S.K_tlr_bmsc)


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    macs = S.m0_macrophage + S.m1_macrophage + S.m2_macrophage
    a(Assignment("macrophages", macs, "cell/mL", "All macrophages (M0 + M1 + M2)", NAME, entity="macrophage"))
    stiff = sp.Max(0, S.stiffness_index)
    soft = sp.Max(0, -S.stiffness_index)
    f_type_i = bmsc_type_i_fraction(S)
    a(Assignment("bmsc_type_i_fraction", f_type_i,
                 "dimensionless",
                 "Fraction of BMSCs in the pro-inflammatory type I phenotype (TLR4 ligands: PAMPs, DAMPs); 0 unless the contested "
                 "bmsc_phenotype hypothesis 'tlr_polarised' is selected", NAME, entity="bmsc_type_i", implements=("I119",)))
    a(Assignment("m1_drive",
                 (S.ifn_gamma / S.K_ifn_m1 + S.tnf_alpha / S.K_tnf_m1 + S.damps / S.K_damps_m1 + S.mtdna / S.K_mtdna_m1
                  + S.s_aureus / S.K_sa_m1 + S.wear_particles / S.K_wear_m1 + S.w_glc_m1 * S.diabetes * (1 - S.e_es_glc * S.electrical_stimulation)
                  + S.w_stiff_m1 * stiff + S.w_pore_m1 * S.small_pore_index + S.e_aged_infl * S.aging
                  + f_type_i * S.bmsc / S.K_bmsc_m2)
                 * S.mettl3_activity * inh(S.il1ra, S.K_il1ra_m1),
                 "dimensionless",
                 "Sum of M1-polarising signals (IFN-γ, TNF-α, DAMPs, mtDNA, PAMPs, particles, glucose, stiffness, small pores, "
                 "inflammaging), scaled by METTL3 and damped by IL-1ra",
                 NAME, entity="m1_polarization", implements=("I022", "I188", "I233", "I325", "I024", "I026", "I161", "I081", "I130", "I167")))
    a(Assignment("m2_drive",
                 S.il4 / S.K_il4_m2 + S.il10 / S.K_il10_m2 + S.pge2 / S.K_pge2_m2 + (1 - f_type_i) * S.bmsc / S.K_bmsc_m2
                 + S.neutrophil / S.K_eff_m2 + S.w_soft_m2 * soft + S.material_m2_signal,
                 "dimensionless",
                 "Sum of M2-polarising signals (IL-4/IL-13, IL-10, PGE2, BMSC contact/exosomes, efferocytosis, soft substrate, "
                 "material ions such as Mg²⁺ or β-TCP)",
                 NAME, entity="m2_polarization", implements=("I023", "I189", "I062", "I125", "I132", "I025", "I145", "I054")))
    p(Process("neutrophil_influx",
              S.k_n_rec * (act(S.damps, S.K_damps_n) + act(S.s_aureus, S.K_sa_n)) * capacity(S.neutrophil, S.M_max * 3),
              {"neutrophil": 1}, "The hematoma's DAMPs and bacteria recruit neutrophils", ("I213",), NAME, "cell/mL/day"))
    p(Process("neutrophil_death", S.d_n * S.neutrophil, {"neutrophil": -1}, "Neutrophil apoptosis and efferocytosis", (), NAME, "cell/mL/day"))
    recruit = (act(S.damps, S.K_damps_mo) + sp.Rational(1, 2) * act(S.tnf_alpha, S.K_tnf_mo) + sp.Rational(1, 2) * act(S.sdf1_cxcl12, S.K_sdf_mo)
               + act(S.wear_particles, S.K_wear_mo) + act(S.s_aureus, S.K_sa_mo) + S.material_recruitment)
    p(Process("monocyte_recruitment", S.k_mo_basal + S.k_mo_rec * recruit * sp.Max(0, capacity(macs + S.monocyte, S.M_max)),
              {"monocyte": 1}, "Monocytes recruited by DAMPs, TNF-α, CXCL12, particles, bacteria and calcium-phosphate materials",
              ("I015", "I016", "I213", "I215", "I216", "I154"), NAME, "cell/mL/day"))
    p(Process("monocyte_differentiation", S.k_mo_m0 * (sp.Rational(1, 4) + act(S.m_csf, S.K_mcsf) + act(S.il4, S.K_il4_m2) / 4) * S.monocyte,
              {"monocyte": -1, "m0_macrophage": 1}, "M-CSF and IL-4 drive monocyte → macrophage differentiation", ("I017", "I011"), NAME, "cell/mL/day"))
    p(Process("monocyte_loss", (S.d_mo + S.macrophage_depletion) * S.monocyte, {"monocyte": -1}, "Monocyte death/emigration", (), NAME, "cell/mL/day"))
    p(Process("m0_to_m1", S.k01 * act(S.m1_drive, 1) * S.m0_macrophage, {"m0_macrophage": -1, "m1_macrophage": 1},
              "Classical activation M0 → M1 (STAT1/NF-κB)", ("I021", "I022", "I188", "I439"), NAME, "cell/mL/day"))
    p(Process("m0_to_m2", S.k02 * act(S.m2_drive, 1) * S.m0_macrophage, {"m0_macrophage": -1, "m2_macrophage": 1},
              "Alternative activation M0 → M2 (STAT6)", ("I021", "I023", "I189", "I440"), NAME, "cell/mL/day"))
    p(Process("m1_to_m2", (S.k12_0 + S.k12_max * act(S.m2_drive, 1)) * S.m1_macrophage, {"m1_macrophage": -1, "m2_macrophage": 1},
              "M1 → M2 conversion driven by IL-4/IL-10 and BMSCs", ("I061", "I132", "I123"), NAME, "cell/mL/day"))
    path = S.ifn_gamma / S.K_ifn_m1 + S.s_aureus / S.K_sa_m1 + S.wear_particles / S.K_wear_m1
    p(Process("m2_to_m1", (S.k21_0 + (1 - S.m1_sequence_hypothesis) * S.k21_mixed + S.k21_max * act(path, 1)) * S.m2_macrophage,
              {"m2_macrophage": -1, "m1_macrophage": 1},
              "M2 → M1 reversion under IFN-γ and pathogen/particle signals (plus continued re-polarisation when the contested "
              "m1_m2_sequence hypothesis is 'coexisting')", ("I188", "I037"), NAME, "cell/mL/day"))
    for sid, d in (("m0_macrophage", S.d0), ("m1_macrophage", S.d1), ("m2_macrophage", S.d2)):
        p(Process(f"{sid}_loss", (d + S.macrophage_depletion) * S[sid], {sid: -1}, "Emigration/death (and experimental depletion)",
                  ("I013",), NAME, "cell/mL/day"))
    # IL-7/IL-7R: the homeostatic lymphocyte cytokine expands and activates T and B cells (fold 1 at basal IL-7)
    il7_lymph = (1 + S.e_il7_lymph * act(S.il7, S.K_il7_lymph)) / (1 + S.e_il7_lymph * act(S.il7_basal, S.K_il7_lymph))
    p(Process("th1_expansion",
              (S.k_t_basal + S.k_th1 * (act(S.il12, S.K_il12_th1) + S.e_estrogen_t * S.estrogen_deficit / (1 + S.e_estrogen_t)
                                        + S.e_ra_t * S.autoimmunity / (1 + S.e_ra_t) * 2) * inh(S.treg, S.K_treg_sup)) * il7_lymph,
              {"th1_cell": 1}, "Th1 differentiation by IL-12, estrogen deficiency and autoimmunity, expanded by IL-7 (IL-7R); "
              "suppressed by Tregs", ("I121", "I190", "I247", "cite:toraldo2003"), NAME, "cell/mL/day"))
    p(Process("th2_expansion", S.k_t_basal + S.k_th2 * act(S.il4, S.K_il4_th2), {"th2_cell": 1}, "Th2 differentiation by IL-4", ("I191",), NAME, "cell/mL/day"))
    p(Process("treg_induction", S.k_t_basal + S.k_treg * (act(S.tgf_beta, S.K_tgfb_treg) + act(S.bmsc, S.K_bmsc_m2)), {"treg": 1},
              "Treg induction by TGF-β and BMSCs", ("I122",), NAME, "cell/mL/day"))
    for sid in ("th1_cell", "th2_cell", "treg"):
        p(Process(f"{sid}_loss", S.d_t * S[sid], {sid: -1}, "T-cell death/emigration", (), NAME, "cell/mL/day"))
    p(Process("b_cell_activation", (S.k_t_basal + S.k_b * (act(S.il6, S.K_il6_b) + S.autoimmunity)) * il7_lymph, {"b_cell": 1},
              "B-cell activation by IL-6 and autoimmunity, expanded by IL-7 (IL-7R)", ("I241", "I247"), NAME, "cell/mL/day"))
    p(Process("b_cell_loss", S.d_b * S.b_cell, {"b_cell": -1}, "B-cell death/emigration", (), NAME, "cell/mL/day"))
    m.hypotheses.append(Hypothesis(
        "aged_m1_output", "aged_m1_hypothesis", {"more_inflammatory": 1.0, "less_inflammatory": 0.0},
        "Aged M1 macrophages secrete more (inflammaging) or less (immunosenescence) TNF-α and IL-1β than young M1.",
        "more_inflammatory", ("I166",)))
    m.hypotheses.append(Hypothesis(
        "m1_m2_sequence", "m1_sequence_hypothesis", {"sequential": 1.0, "coexisting": 0.0},
        "M1 macrophages act only early and are absent during mineralisation (sequential, the majority view), or M1 and M2 "
        "coexist into the repair phase through continued M2 → M1 re-polarisation (the opposing view the seed mentions).",
        "sequential", ("I037", "I057")))
    m.hypotheses.append(Hypothesis(
        "bmsc_phenotype", "bmsc_tlr_hypothesis", {"anti_inflammatory": 0.0, "tlr_polarised": 1.0},
        "BMSCs are uniformly anti-inflammatory (M2-polarising, IL-10, IL-1ra), or TLR4 ligands (PAMPs, DAMPs) switch them to a "
        "pro-inflammatory type I phenotype that polarises macrophages to M1 and stops their IL-10/IL-1ra output.",
        "anti_inflammatory", ("I119",)))
    return m
