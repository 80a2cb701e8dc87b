"""Seed claims, section I: aging (one test per claim; see osteoimmune.claims.aging)."""


def test_C063_aged_m1_output(check):
    """Aged M1 macrophages: less or more inflammatory?.

    Seed: `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «Mahbub et al. have found that aged
    M1Mφs secreted less IL-1β and TNF-α than younger ones, which caused a mild inflammatory reaction»
    `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «aged M1Mφs significantly upregulated the
    expression of pro-inflammatory factor (TNF-α) and down-regulated the expression of anti-inflammatory factor
    (IL-1ra)»
    """
    check("C063")


def test_C065_aged_bmscs_shift_to_fat(check):
    """Aged BMSCs shift toward fat, so healing in old individuals is worse.

    Seed: `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «BMSCs were more sensitive to aging
    than Mφs» `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «decreased expression of
    transcriptional coactivators containing PDZ binding sequences, which leads to the increasing expression of
    PPARγ and decreasing expression of RUNX2» `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs —
    «Aging makes old patients not only suffer from more pain during fracture healing, but also get the worse
    healing outcome than young patients» `002_d4dc4f77775320be.txt` § The prospects for the crosstalk between
    Mφs and BMSCs in bone healing — «the crosstalk between Mφs and BMSCs in vivo is not enough to achieve the
    desired outcome of bone repairing due to cell deficiency, aging, and excessive tissue inflammatory»
    """
    check("C065")
