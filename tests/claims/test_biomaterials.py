"""Seed claims, section H: biomaterials (one test per claim; see osteoimmune.claims.biomaterials)."""


def test_C057_foreign_body_vs_carrier(check):
    """A foreign-body reaction makes implants fail, while carriers shelter transplanted cells.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «Foreign body
    reaction (FBR) and fiber wrapping often lead to unsuccessful biomaterial implantation»
    `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «Biomaterials can be
    used as cell carriers to provide shelters for transplanted cells to avoid excessive infiltration, which
    ensures the survival of exogenous cells» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials
    on Mφs and BMSCs — «Perfect biomaterials must be able to stimulate moderate inflammatory response, release
    cytokines to nourish stem cells, and integrate new tissues»
    """
    check("C057")


def test_C059_sequential_ifn_il4_scaffold(check):
    """A scaffold releasing IFN-γ first and then IL-4 improves macrophage polarisation and revascularisation.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «Ujiie has
    designed a kind of scaffold materials with releasing interferon-γ (IFN-γ)/IL-4 in sequence. They also proved
    that it was positive for the polarization of Mφs and revascularization»
    """
    check("C059")


def test_C061_carrier_bmscs_m1_then_m2(check):
    """Fibrin or hydroxyapatite carriers loaded with BMSCs give M1 early and M2 later, and BCP with BMSCs
    attracts macrophages.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «the majority of
    Mφs polarized into M1Mφs in the early stage, but it is interesting that M1Mφs would be transformed into
    M2Mφs in the later stage» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and
    BMSCs — «implanted BMSCs on biphasic calcium phosphate (BCP) particles to construct a new BMSCs-biomaterial
    system and observed obvious chemotaxis of Mφs»
    """
    check("C061")
