"""Cytokines, chemokines and growth factors: who secretes them, what removes them.

Every cytokine obeys d[c]/dt = Σ secretion − decay·[c] − neutralisation·[c].
Secretion terms name their cellular sources as the seeds state them (M1:
TNF-α, IL-1β, IL-6, IL-12, IL-23, OSM; M2: IL-4/IL-13, IL-10, IL-1ra, TGF-β,
VEGF, BMP-2, PDGF-BB, MMP-9; Th1: IFN-γ; Th2: IL-4/IL-13; BMSC: TGF-β, PGE2,
IL-4, IL-1ra, VEGF; osteoclasts: IL-1β, TNF-α, IL-6, VEGF; damaged
mitochondria → NLRP3 → IL-1β).  IL-10 damps pro-inflammatory synthesis
(Trejo et al. 2019, H₁ term); IL-1ra competitively blocks IL-1R signalling.
"""

from __future__ import annotations

from ..blocks import act, inh
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration, Process
from .immune import bmsc_type_i_fraction

NAME = "cytokines"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    a(Assignment("aged_m1_output", 1 + S.e_aged_m1 * S.aging * (2 * S.aged_m1_hypothesis - 1), "dimensionless",
                 "Cytokine output of aged M1 relative to young (contested hypothesis selects the sign)", NAME,
                 entity="aged_macrophage", implements=("I166",)))
    a(Assignment("il1_signal", S.il1_beta * inh(S.il1ra, S.K_il1ra_il1r), "ng/mL",
                 "IL-1β signalling through IL-1R after competitive blocking by IL-1ra", NAME, entity="il1r", implements=("I129",)))
    H = inh(S.il10, S.K_il10_inh)
    mac = S.m0_macrophage + S.m1_macrophage + S.m2_macrophage
    oc = S.oc_secretome  # osteoclast secretory output relative to the healthy osteoclast (p_oc_cyt · OCa/OCa_ref)
    stroma = S.bmsc + S.chondrocyte + S.callus_osteoblast
    f_type_i = bmsc_type_i_fraction(S)  # contested BMSC type I (TLR) phenotype; 0 by default

    def prod(sid, expr, desc, ev):
        p(Process(f"{sid}_secretion", expr, {sid: 1}, desc, ev, NAME, "ng/mL/day"))

    def decay(sid, rate, desc="Degradation/uptake", ev=()):
        p(Process(f"{sid}_decay", rate * S[sid], {sid: -1}, desc, ev, NAME, "ng/mL/day"))

    prod("tnf_alpha", H * (S.p_tnf_m1 * S.aged_m1_output * S.m1_macrophage + S.p_tnf_n * S.neutrophil
                           + S.p_tnf_m0 * act(S.damps, S.K_damps_m1) * S.m0_macrophage + S.p_tnf_th1 * S.th1_cell
                           + S.p_tnf_wear * act(S.wear_particles, S.K_wear_m1) * mac + S.p_cyt_bmsc_i * f_type_i * S.bmsc)
         + S.p_oc_inflam * oc + S.tnf_delivery,
         "TNF-α from M1 (aged output), neutrophils, DAMP-stimulated M0, Th1, particle-laden Mφ, type I BMSCs (contested), osteoclasts; IL-10 damps synthesis",
         ("I027", "I044", "I049", "I195", "I203", "I159", "I062", "I119"))
    decay("tnf_alpha", S.d_tnf + S.anti_tnf, "Degradation plus anti-TNF neutralisation")
    prod("il1_beta", H * (1 - S.e_mg_il1 * S.mg_signal) * (S.p_il1_m1 * S.aged_m1_output * S.m1_macrophage + S.p_il1_n * S.neutrophil
                                                           + S.p_il1_nlrp3 * act(S.mtdna, S.K_mtdna_nlrp3) * mac) + S.p_oc_inflam * oc,
         "IL-1β from M1, neutrophils, NLRP3 inflammasome (mtDNA DAMPs) and osteoclasts; Mg²⁺ and IL-10 lower it",
         ("I044", "I027", "I328", "I325", "I086", "I195"))
    decay("il1_beta", S.d_il1 + S.anti_il1, "Degradation plus anti-IL-1 neutralisation")
    prod("il6", H * (S.p_il6_m1 * S.m1_macrophage + S.p_cyt_bmsc_i * f_type_i * S.bmsc) + S.p_oc_inflam * oc + S.p_il6_basal * (1 + S.estrogen_deficit),
         "IL-6 from M1, osteoclasts and stroma (rises with estrogen deficiency)", ("I027", "I195", "I203"))
    decay("il6", S.d_il6)
    prod("il12", H * S.p_il12_m1 * S.m1_macrophage, "IL-12 from M1", ("I027",))
    decay("il12", S.d_il12)
    prod("il23", S.p_il23_m1 * S.m1_macrophage, "IL-23 from M1", ("I027", "I235"))
    decay("il23", S.d_il23 + S.anti_il23, "Degradation plus anti-IL-23p19")
    prod("osm", S.p_osm_m1 * S.m1_macrophage + S.p_osm_m0 * S.m0_macrophage, "OSM from M1 (and M0)", ("I027", "I082"))
    decay("osm", S.d_osm)
    prod("ifn_gamma", S.p_ifn_th1 * S.th1_cell + S.p_ifn_m1 * S.m1_macrophage + S.ifn_delivery,
         "IFN-γ from Th1 cells and macrophages, plus scaffold release", ("I190", "I221", "I153"))
    decay("ifn_gamma", S.d_ifn)
    prod("il4", S.p_il4_th2 * S.th2_cell + S.p_il4_m2 * S.m2_macrophage + S.p_il4_bmsc * act(S.il4, S.K_il4_m2) * S.bmsc + S.il4_delivery,
         "IL-4/IL-13 from Th2, M2 and BMSCs (IL-4-stimulated positive feedback), plus scaffold release",
         ("I191", "I029", "I126", "I127", "I153"))
    decay("il4", S.d_il4)
    prod("il10", S.p_il10_m2 * S.m2_macrophage + S.p_il10_treg * S.treg + S.p_il10_bmsc * (1 - f_type_i) * S.bmsc,
         "IL-10 from M2, Tregs and BMSC-educated macrophages", ("I029", "I236", "I124"))
    decay("il10", S.d_il10)
    prod("il1ra", S.p_il1ra_m2 * S.m2_macrophage + S.p_il1ra_bmsc * (1 - f_type_i) * S.bmsc + S.p_il1ra_mg * S.mg_signal * mac,
         "IL-1ra from M2, BMSCs and Mg²⁺-stimulated macrophages", ("I029", "I129", "I085"))
    decay("il1ra", S.d_il1ra)
    prod("tgf_beta", S.p_tgfb_m2 * S.m2_macrophage + S.p_tgfb_bmsc * S.bmsc + S.p_tgfb_treg * S.treg + S.p_tgfb_hem * S.hematoma,
         "TGF-β from M2, BMSCs, Tregs and hematoma platelets", ("I236", "I120", "I045"))
    decay("tgf_beta", S.d_tgfb)
    prod("bmp2", S.p_bmp_m2 * S.m2_macrophage + S.p_bmp_m0 * S.m0_macrophage + S.p_bmp_m1 * S.m1_macrophage
         + S.p_bmp_ob * S.callus_osteoblast + S.bmp2_delivery + S.material_bmp2,
         "BMP-2 from macrophages (M2 > M0 > M1), osteoblasts, β-TCP materials and delivery", ("I064", "I205", "I045", "I146"))
    decay("bmp2", S.d_bmp)
    prod("vegf", S.p_vegf_mac * (S.m1_macrophage + S.m2_macrophage) + S.p_vegf_hif * S.hif1a * stroma
         + S.p_oc_vegf * oc + S.vegf_delivery,
         "VEGF from M1 and M2, hypoxic (HIF-1α) BMSCs/chondrocytes/osteoblasts and osteoclasts", ("I038", "I115", "I400", "I195"))
    decay("vegf", S.d_vegf)
    prod("pdgf_bb", S.p_pdgf_m2 * S.m2_macrophage + S.p_pdgf_hem * S.hematoma, "PDGF-BB from M2 and hematoma platelets", ("I040",))
    decay("pdgf_bb", S.d_pdgf)
    prod("sdf1_cxcl12", S.p_sdf_basal + S.p_sdf_hif * S.hif1a * (S.hematoma + S.damps / (1 + S.damps)) + S.p_sdf_mac * mac,
         "SDF-1 from stroma, hypoxic injured tissue (HIF-1α) and macrophages", ("I107", "I045"))
    decay("sdf1_cxcl12", S.d_sdf)
    prod("mmp9", S.p_mmp9_m2 * S.m2_macrophage + S.p_mmp9_oc * S.osteoclast / S.OCa_ref, "MMP-9 from M2 and osteoclasts", ("I040",))
    decay("mmp9", S.d_mmp9)
    prod("pge2", S.p_pge2 * (1 - S.nsaid) * (1 + S.e_pge2_il1 * act(S.il1_signal, S.K_il1_cox))
         * (S.m1_macrophage + S.neutrophil + S.bmsc + S.m0_macrophage / 10),
         "COX-2 PGE2 synthesis by M1, neutrophils, BMSCs (IL-1-induced); blocked by NSAIDs", ("I045", "I120", "I158", "I052"))
    decay("pge2", S.d_pge2)
    prod("il7", S.p_il7 * (1 + S.e_il7_estrogen * S.estrogen_deficit), "IL-7 from stromal cells; rises in estrogen deficiency", ("I246",))
    decay("il7", S.d_il7)
    prod("m_csf", S.p_mcsf + S.p_mcsf_ob * S.callus_osteoblast, "M-CSF from osteoblast lineage and stroma", ("I226",))
    decay("m_csf", S.d_mcsf)
    prod("cytl1", S.p_cytl1 * (1 - S.osteo_commitment) * S.bmsc + S.cytl1_delivery,
         "CYTL-1 from BMSCs not committed to bone (secretion falls as they commit), plus delivery", ("I118",))
    decay("cytl1", S.d_cytl1)
    prod("mac_stress_exosomes", S.p_exo_stress * S.hif1a * S.serum_deprivation * (1 - S.exosome_inhibitor) * mac,
         "Exosomes (miR-222) released by macrophages under hypoxia and serum deprivation; blocked by an exosome-formation "
         "inhibitor (GW4869)", ("I092", "I093"))
    decay("mac_stress_exosomes", S.d_exo)
    prod("mac_osteo_exosomes", S.p_exo_imc * S.imc_material * mac + S.exosome_delivery,
         "Functional (osteogenic) macrophage exosomes: secreted when an IMC implant stimulates macrophages (BMP2/Smad5), "
         "plus exosomes loaded on an implant", ("I150", "I076"))
    decay("mac_osteo_exosomes", S.d_exo)
    return m
