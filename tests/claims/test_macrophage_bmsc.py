"""Seed claims E: macrophages acting on BMSCs (claims in osteoimmune.claims.macrophage_bmsc; one test per claim, generated from the registry)."""


def test_C030_phenotype_decides_bmsc_fate(check):
    """Phenotype decides BMSC fate: M0 best supports osteogenesis, M2 less, and M1 favours proliferation and
    adipogenesis

    [B] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs —
    «M1Mφs are able to significantly promote the proliferation and adipogenic differentiation of BMSCs, while M0Mφs
    have a stronger ability to promote the osteogenesis of BMSCs» `002_d4dc4f77775320be.txt` § The fate and
    polarization of Mφs — «M2Mφs only had a weaker promotion to BMSCs for their osteogenic differentiation than that
    of M0Mφs» `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «they have proved that M2Mφs were more
    likely to induce BMSCs to form thick cell sheets»
    """
    check("C030")


def test_C032_m2_bmp2_drives_osteogenesis(check):
    """M2 secretes more BMP-2 than M1, which drives BMSC osteogenesis through Smad1, RUNX2, then ALP and OCN

    [A] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing —
    «M2Mφs secrete more BMP-2 than M1Mφs, which is conducive to the osteogenic differentiation of BMSCs»
    `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «BMP-2 enhances the nuclear transfer of RUNX2 by
    activating Smad1 signaling pathway and upregulates the expression of ALP and OCN in BMSCs»
    `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — «BMP2 | Bone morphogenetic protein 2 |
    Secreted ligand; Smad1/5/8-P → RUNX2 transcription»
    """
    check("C032")


def test_C033_osm_needed_for_osteogenesis(check):
    """M1-derived OSM is needed for BMSC osteogenesis

    [A] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «OSM secreted by M1Mφs is considered to be necessary for the osteogenic
    differentiation of BMSCs, which is mediated by the OSM/NF-kB pathway»
    """
    check("C033")


def test_C034_il23_promotes_osteogenesis(check):
    """M1-derived IL-23 promotes BMSC osteogenesis, and blocking IL-23p19 weakens it

    [B] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «IL-23 derived from M1Mφs also stimulates the osteogenic differentiation
    of BMSCs and it had relevance with the STAT3/β-catenin pathway» `002_d4dc4f77775320be.txt` § The regulatory
    effect of Mφs on the osteogenic differentiation of BMSCs — «when IL-23-p19 antibody was added to a co-culture
    medium, the osteogenic differentiation of BMSCs was significantly weakened»
    """
    check("C034")


def test_C035_m1_early_m2_late(check):
    """M1 helps osteogenesis early by recruiting BMSCs, and M2 helps late by driving mineralisation

    [C] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «M1Mφs enhance osteogenesis by recruiting more BMSCs to damaged sites in
    the early period, while M2Mφs focus more on bone matrix mineralization in the later period»
    `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «M1Mφs
    are able to secrete TNF-α/IL-6/OSM/monocyte chemotactic protein-1 (MCP-1)/macrophage inflammatory protein-1α
    (MIP-1α) to recruit BMSCs into target regions»
    """
    check("C035")


def test_C037_m2_exosomal_mirnas(check):
    """Exosomal miRNAs from M2 (miR-5106 and miR-378a) promote BMSC osteogenesis

    [B] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «M2Mφs-derived exosomal miRNA5106 could induce the differentiation of
    BMSCs by targeting salt-induced kinases 2/3» `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «miRNA378a containing in M2Mφs-derived exosome also promotes osteogenic
    differentiation of BMSCs by activating BMP signaling pathway»
    """
    check("C037")


def test_C038_imc_exosomes(check):
    """Macrophage exosomes delivered on intrafibrous mineralised collagen (IMC) drive endogenous MSC osteogenesis
    through Smad1/5/9

    [B] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «this kind of biomaterial was able to significantly induce the osteogenic
    differentiation of endogenous MSCs through Smad1/5/9 signaling pathways» `002_d4dc4f77775320be.txt` § The
    regulatory effect of biomaterials on Mφs and BMSCs — «IMC had the ability to promote Mφs to secrete functional
    exosomes to accelerate bone regeneration under the regulation of the BMP2/Smad5 signaling pathway»
    """
    check("C038")


def test_C039_stressed_macrophage_exosomes(check):
    """Exosomes from stressed macrophages raise BMSC apoptosis, and blocking exosome formation abolishes the effect

    [B] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the
    osteogenic differentiation of BMSCs — «the apoptosis rate of BMSCs in this specific medium was higher than that
    in the control group» `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic
    differentiation of BMSCs — «Then they added GM4869 into Mφs medium to inhibit the formation of exosomes and the
    new supernatant had no effect on the apoptosis of BMSCs» `002_d4dc4f77775320be.txt` § The role of Mφs in bone
    healing — «it acts on the anti-apoptotic gene Bcl-2 to promote cell apoptosis (including BMSCs)»
    """
    check("C039")


def test_C041_both_phenotypes_needed(check):
    """Healing needs both phenotypes and a timely switch; removing either M1 or M2 impairs it

    [A] E. Macrophages acting on BMSCs. Evidence: `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs —
    «Successful tissue regeneration requires all kinds of Mφs to work together» `002_d4dc4f77775320be.txt` § The
    role of Mφs in bone healing — «most current studies support M1Mφs and M2Mφs as well as their timely
    transformation is indispensable in bone regeneration»
    """
    check("C041")
