"""Seed claims D: inflammation depends on dose and timing (claims in osteoimmune.claims.inflammation; one test per claim, generated from the registry)."""


def test_C025_nsaids_inhibit_healing(check):
    """NSAIDs added during healing inhibit it or even stop it

    [B] D. Inflammation depends on dose and timing. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone
    healing — «after adding nonsteroidal anti-inflammatory drugs, the process of bone healing was inhibited or even
    terminated» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «moderate inflammatory infiltration
    mediated by M1Mφs is necessary and it is able to recruit stem cells into special regions»
    """
    check("C025")


def test_C026_m1_duration_optimum(check):
    """M1 duration has an optimum: no M1 phase impairs healing, and so does a prolonged one

    [A] D. Inflammation depends on dose and timing. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone
    healing — «longer M1Mφs infiltration is not conducive to tissue healing, due to the fact that it may strengthen
    tissue damage and influence the later regeneration processes» `002_d4dc4f77775320be.txt` § The role of Mφs in
    bone healing — «moderate inflammatory infiltration mediated by M1Mφs is necessary and it is able to recruit stem
    cells into special regions»
    """
    check("C026")


def test_C027_tnf_biphasic(check):
    """TNF-α has a dose- and time-dependent effect: low doses speed regeneration, while high or chronic TNF-α harms
    bone

    [I] D. Inflammation depends on dose and timing. Evidence: `002_d4dc4f77775320be.txt` § The role of Mφs in bone
    healing — «low concentration of TNF-α would accelerate the process of bone regeneration by increasing the
    expression of RUNX2, OSX, ALP, and BMP2» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «by
    increasing the expression of RUNX2, OSX, ALP, and BMP2, which meant that the effect of TNF-α on the bone healing
    process was time-dependent and dose-dependent» `004_8a55de2aef7e7eaa.txt` § 2.2 The generation and clearance of
    ROS — «TNF-α itself inhibits osteoblast differentiation by activating NF-κB and MAPK pathways whilst suppressing
    the SMAD1/5/8 pathway» `004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «Activates NF-κB signaling, which
    inhibits the Wnt/β-catenin pathway. Induces osteoblast apoptosis and stimulates osteoclastogenesis via RANKL»
    """
    check("C027")


def test_C029_inflammatory_material_can_raise_osteogenesis(check):
    """A pro-inflammatory biomaterial (graphene oxide) can still raise osteogenesis through OSM

    [B] D. Inflammation depends on dose and timing. Evidence: `002_d4dc4f77775320be.txt` § The regulatory effect of
    biomaterials on Mφs and BMSCs — «when Mφs co-culture with graphene oxide (Go), the inflammatory response will be
    strengthened and the osteogenic differentiation of BMSCs will also be enhanced»
    """
    check("C029")
