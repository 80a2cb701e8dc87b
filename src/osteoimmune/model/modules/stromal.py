"""Stromal and bone-forming cells: BMSC homing, expansion and fate; chondrocytes; osteoblasts; osteocytes; adipocytes.

Seed basis: seed 002 (homing by SDF-1/CXCR4, CD44 and MMPs, boosted by
hypoxia; M1 chemokines recruit BMSCs; RUNX2 → bone, PPARγ → fat, SOX9 →
cartilage with osteo–adipo reciprocity; M0 > M2 support osteogenesis, M1
favours proliferation and adipogenesis; BMP-2 → Smad1 → RUNX2; OSM and IL-23
promote osteogenesis; excess IL-4 harms it; aged BMSCs shift to fat), seed 004
(OXPHOS supplies the energy of osteogenic differentiation and low ROS signal
for proliferation and differentiation — both act on the RATES, not only on the fate share; high ROS, ferroptosis and TNF-α kill
osteoblasts; iron overload raises BMSC proliferation but blocks osteogenesis
and kills osteocytes; sensory-nerve EP4; myokines).  Inflammation keeps stem
cells expanding before they differentiate (Trejo et al. 2019).
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act, capacity, inh
from ..declare import load_records
from ..records import Assignment, Hypothesis, ModuleDeclaration, Process

NAME = "stromal"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    stiff = sp.Max(0, S.stiffness_index)
    a(Assignment("sensory_ep4_signal", S.e_pge2_osteo * act(S.pge2, S.K_pge2) * S.innervation, "dimensionless",
                 "PGE2 signalling through EP4 on the sensory nerves of the site (e_pge2_osteo = 0 is the sensory-nerve EP4 "
                 "knock-out)", NAME, entity="ep4", implements=("I391", "I482")))
    a(Assignment("osteoblastic_pge2", S.p_pge2_ob * S.callus_osteoblast / S.d_pge2, "ng/mL",
                 "Local PGE2 secreted by osteoblasts at the bone surface (quasi-steady; Chen et al. 2019: osteoblastic PGE2 "
                 "reports bone density to sensory nerves). A local pool read by the sensory EP4 route; it is not added to the "
                 "lumped site PGE2, which is dominated by M1 cells and neutrophils in a fracture", NAME, entity="pge2",
                 implements=("I391", "cite:chen2019")))
    a(Assignment("ep4_sympathetic_signal", S.e_pge2_osteo * act(S.osteoblastic_pge2, S.K_pge2_ob) * S.innervation,
                 "dimensionless", "Osteoblastic PGE2 sensed through EP4 on the sensory nerves of the site (e_pge2_osteo = 0 is "
                 "the sensory-nerve EP4 knock-out)", NAME, entity="ep4", implements=("I391", "I482", "cite:chen2019")))
    a(Assignment("sympathetic_relief",
                 (1 + S.c_ep4_symp * S.ep4_sympathetic_signal) / (1 + S.c_ep4_symp * S.ep4_sympathetic_basal), "dimensionless",
                 "Fold change of osteoblast proliferation as sensory EP4 signalling lowers sympathetic (β2-adrenergic) tone "
                 "through the CNS (Chen et al. 2019); 1 at the healthy site", NAME, entity="ep4", implements=("I391",)))
    a(Assignment("neural_progenitor_support", S.a_nerve_bmsc + (1 - S.a_nerve_bmsc) * S.innervation, "dimensionless",
                 "Support of BMSC homing by sensory nerves (NGF–p75-guided migration) relative to intact innervation",
                 NAME, entity="innervation", implements=("I394", "I395")))
    a(Assignment("neural_proliferation_support", S.a_nerve_prolif + (1 - S.a_nerve_prolif) * S.innervation, "dimensionless",
                 "Support of BMSC proliferation by sensory nerves (NGF–TrkA, CGRP; cite:tomlinson2016) relative to intact "
                 "innervation", NAME, entity="innervation", implements=("I394",)))
    a(Assignment("osteo_drive",
                 S.o_base * (1 + S.e_bmp_osteo * act(S.bmp2, S.K_bmp) + S.e_osm_osteo * act(S.osm, S.K_osm)
                             + S.e_il23_osteo * act(S.il23, S.K_il23) + S.sensory_ep4_signal
                             + S.e_mac_osteo * act(S.m0_macrophage + S.w_m2_osteo * S.m2_macrophage, S.K_mac_osteo)
                             + S.e_myokine_osteo * S.muscle_integrity + S.e_stiff_osteo * stiff + S.material_osteo
                             + S.e_exo_osteo * act(S.mac_osteo_exosomes, S.K_exo_osteo))
                 * inh(S.il4, S.K_il4_excess, 3) * inh(S.fe2, S.K_fe_osteo, 2)
                 * inh(S.adipocyte, S.K_adipo_osteo) * (1 - S.e_age_pdz * S.aging) * inh(S.cytl1, S.K_cytl1_runx2),
                 "dimensionless", "RUNX2 (osteogenic) drive of BMSCs",
                 NAME, entity="runx2",
                 implements=("I065", "I078", "I079", "I391", "I032", "I033", "I412", "I160", "I128", "I255", "I270", "I315", "I172", "I173")))
    a(Assignment("redox_erk", S.redox_signal / S.redox_signal_basal, "dimensionless",
                 "Low-level ROS signalling (ERK1/2, p38-MK2) for BMSC and osteoblast proliferation and osteogenic "
                 "differentiation, relative to the healthy basal level (1 at homeostasis; falls when antioxidants remove "
                 "physiological ROS)", NAME, entity="ros", implements=("I270", "I285")))
    a(Assignment("osteo_energy",
                 act(S.oxphos, S.K_atp_osteo) / act(S.oxphos_basal, S.K_atp_osteo) * S.redox_erk, "dimensionless",
                 "Energetic (OXPHOS → ATP) and low-ROS signalling factor on the RATE of BMSC → osteoblast "
                 "differentiation, relative to the healthy basal level (1 at homeostasis)",
                 NAME, entity="oxphos", implements=("I255", "I257", "I258", "I270", "I285")))
    a(Assignment("adipo_drive", S.a_base * (1 + S.e_age_adipo * S.aging + S.e_m1_adipo * act(S.m1_macrophage, S.K_m1_bmsc)),
                 "dimensionless", "PPARγ (adipogenic) drive of BMSCs", NAME, entity="ppar_gamma", implements=("I099", "I171", "I031")))
    a(Assignment("chondro_drive",
                 S.c_base * S.hif1a * (1 + S.e_tgfb_chondro * act(S.tgf_beta, S.K_tgfb_chondro))
                 * (1 - S.mac_cartilage_hypothesis * (1 - S.mac_chondro_support)
                    * (1 - act(S.m0_macrophage + S.m1_macrophage + S.m2_macrophage, S.K_mac_chondro))),
                 "dimensionless", "SOX9 (chondrogenic) drive of BMSCs under hypoxia; partly macrophage-dependent unless the "
                 "contested macrophage_cartilage hypothesis is 'independent'",
                 NAME, entity="sox9", implements=("I100", "I068", "I069")))
    O = S.osteo_drive / (1 + (S.adipo_drive + S.chondro_drive) / S.r_recip)
    A = S.adipo_drive / (1 + S.osteo_drive / S.r_recip)
    C = S.chondro_drive / (1 + S.osteo_drive / S.r_recip)
    a(Assignment("osteo_commitment", O / (O + A + C), "dimensionless",
                 "Fraction of differentiating BMSCs taking the osteoblast fate (RUNX2 vs PPARγ vs SOX9 reciprocity)",
                 NAME, entity="osteogenic_differentiation", implements=("I256", "I429")))
    a(Assignment("bmsc_death_rate",
                 S.d_s0 + S.e_ros_apop * S.oxidative_damage + S.e_ferro_death * S.ferroptosis
                 + S.e_tnf_apop * act(S.tnf_alpha, S.K_tnf_apop, 2) + S.e_m1_damage * act(S.m1_macrophage, S.K_m1_damage, 4)
                 + S.e_cytl1_bax * act(S.cytl1, S.K_cytl1_bax) + S.e_exo_apop * act(S.mac_stress_exosomes, S.K_exo_apop), "1/day",
                 "Death rate of BMSCs and osteoblasts: oxidative damage, ferroptosis, TNF-α/IFN-γ apoptosis, collateral damage "
                 "by a dense/prolonged M1 infiltrate", NAME,
                 entity="apoptosis", implements=("I273", "I305", "I302", "I421", "I050", "I053")))
    hold = inh(S.tnf_alpha, S.K_tnf_diff)
    chemo = S.tnf_alpha + S.il6 + S.osm
    p(Process("bmsc_homing",
              (S.k_bmsc_basal + S.k_bmsc_rec * S.supply * act(S.sdf1_cxcl12, S.K_sdf_bmsc) * (1 + S.e_hyp_rec * S.hif1a)
               * (1 + S.e_chemo_rec * act(chemo, S.K_chemo_rec) + S.material_bmsc
                  + S.m1_recruit_hypothesis * S.e_m1_rec * act(S.m1_macrophage, S.K_m1_rec)))
              * (S.a_pge2_rec + (1 - S.a_pge2_rec) * act(S.pge2, S.K_pge2_rec))
              * (S.a_mmp_space + (1 - S.a_mmp_space) * act(S.mmp9, S.K_mmp_space))
              * (1 - S.f_mdsc * (1 - S.muscle_integrity))
              * (1 - S.e_age_rec * S.aging) * (1 - S.bmsc_exhaustion) * sp.Max(0, capacity(S.bmsc, S.K_ls)) * S.neural_progenitor_support,
              {"bmsc": 1}, "SDF-1/CXCR4 homing boosted by hypoxia and M1 chemokines, partly dependent on COX-2/PGE2 of the "
              "inflammatory phase (NSAIDs lower it) and on matrix space cleared by MMPs; per-volume supply falls with gap size; "
              "a fraction f_mdsc of the progenitors comes from the adjacent muscle (muscle-derived stem cells) and is lost with "
              "muscle damage; sensory nerves (NGF–p75) support progenitor migration",
              ("I105", "I108", "I051", "I052", "I083", "I087", "I101", "I438", "I106", "I408", "I409", "I394", "cite:xu2022"), NAME, "cell/mL/day"))
    p(Process("bmsc_proliferation",
              S.k_ps * S.bmsc * sp.Max(0, capacity(S.bmsc, S.K_ls)) * act(S.oxygen, S.K_o2_prolif) / act(1, S.K_o2_prolif)
              * act(S.vascular_density, S.K_vasc_prolif, 2) / act(1, S.K_vasc_prolif, 2)
              * (S.a_prolif + S.e_tnf_prolif * act(S.tnf_alpha + S.m1_macrophage * 1e-6, S.K_tnf_lo) + S.e_pdgf_prolif * act(S.pdgf_bb, S.K_pdgf)
                 + S.e_fe_prolif * act(S.fe2, S.K_fe_prolif, 2))
              * (1 - S.e_age_prolif * S.aging) * (1 - S.bmsc_exhaustion) * S.redox_erk
              * S.neural_proliferation_support,
              {"bmsc": 1}, "Proliferation in the perivascular niche driven by low-level TNF-α/M1 signals, PDGF-BB and iron; needs vessels, "
              "oxygen, physiological ROS signalling (ERK1/2) and sensory nerves (NGF–p75, CGRP); declines with age",
              ("I031", "I054", "I314", "I014", "I398", "I270", "I394", "cite:hu2020", "cite:tomlinson2016"), NAME, "cell/mL/day"))
    p(Process("bmsc_to_osteoblast", S.k_diff * hold * O * S.osteo_energy * S.bmsc, {"bmsc": -1, "callus_osteoblast": 1},
              "Osteogenic differentiation (RUNX2 fate share) at a rate limited by OXPHOS/ATP and low-ROS signalling",
              ("I008", "I098", "I427", "I255", "I258"), NAME, "cell/mL/day"))
    p(Process("bmsc_to_adipocyte", S.k_diff * hold * A * S.bmsc, {"bmsc": -1, "adipocyte": 1},
              "Adipogenic differentiation (PPARγ)", ("I099",), NAME, "cell/mL/day"))
    p(Process("bmsc_to_chondrocyte", S.k_diff * hold * C * S.bmsc, {"bmsc": -1, "chondrocyte": 1},
              "Chondrogenic differentiation (SOX9)", ("I100",), NAME, "cell/mL/day"))
    p(Process("bmsc_death", S.bmsc_death_rate * S.bmsc, {"bmsc": -1}, "BMSC death", ("I273", "I092"), NAME, "cell/mL/day"))
    p(Process("chondrocyte_proliferation", S.k_ch_prolif * S.chondrocyte * sp.Max(0, capacity(S.chondrocyte, S.K_ch)) * S.hif1a,
              {"chondrocyte": 1}, "Chondrocyte proliferation in the hypoxic soft callus", (), NAME, "cell/mL/day"))
    hyp = S.k_hyp * (1 + S.e_vasc_hyp * S.vascular_density) * S.chondrocyte
    p(Process("chondrocyte_hypertrophy", hyp, {"chondrocyte": -1},
              "Hypertrophy and removal of chondrocytes as vessels invade", ("I071",), NAME, "cell/mL/day"))
    p(Process("chondrocyte_transdifferentiation", S.f_trans * hyp, {"callus_osteoblast": 1},
              "A fraction f_trans of hypertrophic chondrocytes become osteoblasts", ("I408",), NAME, "cell/mL/day"))
    p(Process("osteoblast_proliferation",
              S.k_pb * act(S.bmp2 + S.pdgf_bb, S.K_gf_ob) * inh(S.tnf_alpha, S.K_tnf_hi) * S.callus_osteoblast
              * sp.Max(0, capacity(S.callus_osteoblast, S.K_lb)) * S.redox_erk * S.sympathetic_relief * S.oc_clastokine_fold,
              {"callus_osteoblast": 1}, "Growth-factor-driven osteoblast proliferation, inhibited by TNF-α (cf. Trejo A_b), "
              "needing physiological ROS signalling (ERK1/2), raised as sensory-nerve EP4 lowers sympathetic tone and "
              "regulated (sign c_oc_ob) by osteoclast clastokines",
              ("I414", "I282", "I270", "I285", "I391", "cite:chen2019", "I195", "cite:kim2020cells"), NAME, "cell/mL/day"))
    p(Process("osteoblast_loss", (S.d_ob + S.bmsc_death_rate - S.d_s0) * S.callus_osteoblast, {"callus_osteoblast": -1},
              "Osteoblast embedding, quiescence and death (oxidative damage, ferroptosis, TNF-α)", ("I299", "I312"), NAME, "cell/mL/day"))
    p(Process("osteocyte_embedding", S.f_emb * S.d_ob * S.callus_osteoblast, {"osteocyte": 1},
              "Osteoblasts embedded in bone become osteocytes", (), NAME, "cell/mL/day"))
    p(Process("osteocyte_renewal", S.k_ocy * S.ocy_density * S.lamellar_bone / S.bone_ref, {"osteocyte": 1},
              "Osteocyte renewal by remodeling of intact bone", (), NAME, "cell/mL/day"))
    p(Process("osteocyte_death",
              S.k_ocy * (1 + S.e_ocy_ferro * S.ferroptosis + S.e_ocy_ros * S.oxidative_damage) * S.osteocyte,
              {"osteocyte": -1}, "Osteocyte turnover; accelerated by ferroptosis and oxidative damage (iron overload)",
              ("I316", "I322"), NAME, "cell/mL/day"))
    p(Process("adipocyte_turnover", S.d_adipo * S.adipocyte, {"adipocyte": -1}, "Adipocyte turnover", (), NAME, "cell/mL/day"))
    m.hypotheses.append(Hypothesis(
        "m1_bmsc_recruitment", "m1_recruit_hypothesis", {"cytokine_shared": 0.0, "m1_chemokines": 1.0},
        "BMSC homing is driven by SDF-1, hypoxia and inflammatory cytokines from any source (cytokine_shared, the "
        "calibrated default), or M1 macrophages add their own BMSC-recruiting chemokines (MCP-1, MIP-1α) so that the "
        "early M1 phase recruits BMSCs and M2 acts later on mineralisation (m1_chemokines, the view of most groups; "
        "the effect of macrophages on BMSC osteogenesis is called controversial).",
        "cytokine_shared", ("I095", "I096", "I051")))
    m.hypotheses.append(Hypothesis(
        "macrophage_cartilage", "mac_cartilage_hypothesis", {"supportive": 1.0, "independent": 0.0},
        "Macrophages support chondrogenesis (without them the SOX9 drive falls toward mac_chondro_support; cartilage "
        "formation is disturbed but possible), or cartilage formation is macrophage-independent (the embryonic cartilage "
        "primordium precedes the macrophage lineage).",
        "supportive", ("I068", "I069")))
    return m
