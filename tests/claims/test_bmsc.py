"""Seed claims F: BMSC biology (claims in osteoimmune.claims.bmsc; one test per claim, generated from the registry)."""


def test_C043_lineage_regulators_compete(check):
    """Lineage master regulators compete: RUNX2 for bone, PPARγ for fat, SOX9 for cartilage, with osteo–adipo
    reciprocity

    [A] F. BMSC biology. Evidence: `002_d4dc4f77775320be.txt` § The fate and biological characteristics of BMSCs —
    «RUNX2 regulates the osteogenic differentiation of BMSCs, PPARγ regulates the adipogenic differentiation of
    BMSCs, and Sox9 regulates the chondrogenic differentiation of BMSCs» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative
    phosphorylation — «enhanced differentiation capacity in one pathway typically accompanies diminished capacity in
    the other. This imbalance constitutes a key mechanism underlying diseases such as osteoporosis»
    """
    check("C043")


def test_C044_homing_sdf1_mmp_hypoxia(check):
    """BMSC homing depends on SDF-1/CXCR4, CD44 and MMPs, and hypoxia strengthens it

    [A] F. BMSC biology. Evidence: `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «BMSCs can be
    fixed in appropriate areas through the connection between CXCR4 on cell surface and SDF-1 (high expression in
    injured tissues) derived from microenvironment» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing —
    «MMPs with a high concentration in injured sites are able to dissolve extracellular matrix to produce sufficient
    space to accommodate migrated BMSCs and neovascularization» `002_d4dc4f77775320be.txt` § The role of BMSCs in
    bone healing — «The chemotaxis of BMSCs would be enhanced in local hypoxia caused by a vascular rupture in the
    early bone injury stage»
    """
    check("C044")


def test_C045_endothelial_and_neural_fates(check):
    """BMSCs become endothelial cells only when VEGF or EGF is present; neural differentiation is contested

    [B] F. BMSC biology. Evidence: `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «the capillary
    formation would rarely be observed in vitro if BMSCs are cultured alone unless specific cytokines are added,
    such as VEGF and epidermal growth factor (EGF)» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing —
    «only 8% BMSCs could be induced to form neurosphere-like structures in vitro»
    """
    check("C045")


def test_C047_cytl1_negative_loop(check):
    """CYTL-1 forms a negative autocrine loop that turns off as BMSCs commit to bone

    [B] F. BMSC biology. Evidence: `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «cytokine-like 1
    (CYTL-1) was thought to inhibit the osteogenic differentiation of BMSCs by blocking RUNX2 and upregulating BAX
    protein expression» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «after being induced to
    osteogenic differentiation, BMSCs secrete less CYTL-1 than that in control groups in vitro»
    """
    check("C047")
