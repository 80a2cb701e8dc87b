"""Seed claims C: macrophage polarisation (claims in osteoimmune.claims.polarisation; one test per claim, generated from the registry)."""


def test_C014_lps_m1_il4_m2(check):
    """LPS gives M1 through STAT1/NF-κB; IL-4 gives M2 through STAT6

    [A] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs —
    «lipopolysaccharide (LPS) is necessary for Mφs to polarize into M1Mφs under the regulation of STAT1 and NF-kB
    signaling pathways» `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «Mφs are more likely to
    polarize into M2Mφs under the regulation of STAT6 signaling pathway when using IL-4»
    """
    check("C014")


def test_C015_th1_m1_th2_m2(check):
    """Th1 cytokines (IFN-γ, TNF-α) give M1; Th2 cytokines (IL-4, IL-13) give M2

    [A] C. Macrophage polarisation. Evidence: `003_b335aac3ed2f8940.txt` § 1 巨噬细胞 —
    «M1巨噬细胞是由脂多糖（lipopolysaccharide,LPS）或Th1细胞相关细胞因子如IFN-γ激活的促炎症细胞» (EN: "M1 macrophages are pro-inflammatory cells
    activated by LPS or Th1 cytokines such as IFN-γ") `003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 (Osteoporosis) —
    «在Th1细胞因子如IFN-γ或TNF-α等的作用下分化为M1型巨噬细胞» (EN: "differentiate into M1 macrophages under Th1 cytokines such as IFN-γ
    or TNF-α") `003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 — «在Th2细胞因子如IL-4或IL-13等的作用下分化为M2型巨噬细胞» (EN: "differentiate
    into M2 macrophages under Th2 cytokines such as IL-4 or IL-13")
    """
    check("C015")


def test_C016_secretion_profiles(check):
    """Each phenotype has its own secretion and marker profile

    [A] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «M1Mφs
    mainly secrete tumor necrosis factor-α (TNF-α)/IL-1/IL-6/IL-12/IL-23/oncostatin M (OSM)»
    `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «M2Mφs mainly secrete
    IL-4/IL-10/IL-13/IL-1ra/vascular endothelial growth factor (VEGF)/insulin-like growth factor-1 (IGF-1)»
    `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «accompanied with high expression of
    CD163/CD206/Ym1/CCL1/CCL8/arginase-1 (Arg-1)»
    """
    check("C016")


def test_C017_stiff_m1_soft_m2(check):
    """A stiff substrate pushes macrophages to M1 and a soft one to M2

    [A] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs —
    «hydrogels with high hardness induce Mφs to polarize into M1Mφs, while Mφs in soft hydrogels are more likely to
    polarize into M2Mφs» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs —
    «Scientists cultured Mφs derived from bone marrow on hard polyethylene glycol hydrogel and they found that Mφs
    expressed more TNF-α and IL-1β than that of in soft material group»
    """
    check("C017")


def test_C018_stiffness_opposite_arms(check):
    """Stiffness acts in opposite directions on macrophages and on BMSCs

    [B] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on
    Mφs and BMSCs — «without other interference factors, hard biomaterials were beneficial to the osteogenic
    differentiation of BMSCs» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs —
    «the hardness of biomaterials has the opposite effects on the osteogenic differentiation of BMSCs»
    """
    check("C018")


def test_C019_switch_in_4_to_7_days(check):
    """The M1→M2 switch takes 4–7 days, and finishing it in time protects endochondral ossification

    [B] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «the
    conversion time of M1Mφs to M2Mφs is usually 4–7 days» `002_d4dc4f77775320be.txt` § The role of Mφs in bone
    healing — «if the transformation of Mφs was completed within 4–7 days, the later endochondral osteogenesis would
    not be affected anymore»
    """
    check("C019")


def test_C020_il4_drives_switch(check):
    """IL-4 drives M1→M2 conversion and keeps adding M2 cells (positive feedback)

    [A] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «IL-4
    can also promote the transformation of M1Mφs to M2Mφs by activating the NF-kB signaling pathway and continuously
    increase the number of M2Mφs»
    """
    check("C020")


def test_C021_m1_early_m2_late(check):
    """M1 comes early and M2 late, and M1 is absent during late mineralisation

    [C] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «M1Mφs
    are mainly involved in the early inflammatory stage and M2Mφs exist in the later repair stage, but some opposite
    views have been put forward» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «M1Mφs only
    participate in the early osteogenesis stage and they are absent in the later bone mineralization stage»
    """
    check("C021")


def test_C023_mettl3_drives_m1(check):
    """METTL3 drives M1, and silencing it lowers BMSC-recruiting cytokines and new bone

    [B] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «M6A methyltransferase 3 (METTL3) has the ability to induce Mφs to
    polarize into M1 phenotype, which depends on the methylation of STAT1 mRNAs» `002_d4dc4f77775320be.txt` § The
    regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «When METTL3 is selectively silenced in
    animal models, the secretion of these cytokines will significantly decrease and the decreasing formation of new
    bones will also be observed»
    """
    check("C023")


def test_C024_electrical_stimulation(check):
    """Electrical stimulation changes macrophage behaviour and helps healing; microcurrent stops M1 polarisation in
    high glucose

    [B] C. Macrophage polarisation. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on
    Mφs and BMSCs — «Under the stimulation of microcurrent, M1Mφs cultured in high glucose medium would downregulate
    the transduction of AKT2-IRF5 signal and terminate the process of polarization» `002_d4dc4f77775320be.txt` § The
    regulatory effect of biomaterials on Mφs and BMSCs — «Electrical stimulation is able to change the migration,
    phagocytosis, and cytokine production of Mφs, which provides unexpected benefits for bone healing»
    """
    check("C024")
