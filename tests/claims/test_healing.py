"""Seed claims B: healing phases and whether macrophages are required (claims in osteoimmune.claims.healing; one test per claim, generated from the registry)."""


def test_C006_ordered_phases_no_scar(check):
    """Secondary healing runs through three ordered phases and forms no scar

    [A] B. Healing phases and whether macrophages are required. Evidence: `002_d4dc4f77775320be.txt` § Introduction
    — «there are three steps in secondary healing (hematoma formation, primary callus formation, and bone
    mineralization)» `002_d4dc4f77775320be.txt` § Introduction — «This kind of healing model is different from that
    of other tissues, due to the fact that there are no scar»
    """
    check("C006")


def test_C007_macrophage_depletion_nonunion(check):
    """Depleting macrophages gives non-union and blocks osteoblast differentiation

    [A] B. Healing phases and whether macrophages are required. Evidence: `002_d4dc4f77775320be.txt` § Introduction
    — «the selective depletion of Mφs induced in vivo caused long-term wound nonunion» `002_d4dc4f77775320be.txt` §
    The fate and polarization of Mφs — «The absence of monocytes/Mφs inhibits osteoblast differentiation»
    """
    check("C007")


def test_C009_macrophages_support_endochondral(check):
    """Macrophages support endochondral ossification; whether cartilage strictly needs them is contested

    [C] B. Healing phases and whether macrophages are required. Evidence: `002_d4dc4f77775320be.txt` § The role of
    Mφs in bone healing — «mice without Mφs in bones show the characteristics of cartilage formation disorder and
    bone deposition obstruction» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «whether Mφs are
    necessary for cartilage formation is still controversial, due to the fact that in the embryonic stage, the
    cartilage primordium already exists before the development of Mφs lineage»
    """
    check("C009")


def test_C010_hematoma_brings_immune_cells(check):
    """The hematoma brings in neutrophils, macrophages and lymphocytes, which release growth factors and cytokines

    [A] B. Healing phases and whether macrophages are required. Evidence: `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合
    (Fracture healing) — «骨折断端周围的血管破裂并释放血液进入损伤部位形成血肿» (EN: "vessels around the fracture ends rupture and release
    blood into the injury site, forming a hematoma") `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 —
    «此时免疫细胞、中性粒细胞、巨噬细胞和淋巴细胞浸润组织，释放多种生长因子和细胞因子» (EN: "immune cells, neutrophils, macrophages and lymphocytes then
    infiltrate and release many growth factors and cytokines")
    """
    check("C010")


def test_C011_cxcl12_and_tnf_recruit_macrophages(check):
    """Macrophages are recruited by CXCL12, and TNF-α strengthens this

    [A] B. Healing phases and whether macrophages are required. Evidence: `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 —
    «他们受到损伤组织趋化因子CXCL12表达的吸引，这一过程被TNFα增强» (EN: "they are attracted by the chemokine CXCL12 expressed by injured
    tissue, a process enhanced by TNF-α")
    """
    check("C011")


def test_C013_macrophages_clear_debris_and_help_mineralise(check):
    """Bone-resident macrophages clear apoptotic bone cells and help osteoblasts deposit mineral

    [A] B. Healing phases and whether macrophages are required. Evidence: `003_b335aac3ed2f8940.txt` § 1 巨噬细胞
    (Macrophages) — «骨巨噬细胞可能通过清除凋亡骨细胞来和促进成骨细胞矿物质沉积对成骨发挥要作用» (EN: "osteal macrophages may be important for
    osteogenesis by clearing apoptotic bone cells and promoting osteoblast mineral deposition")
    """
    check("C013")
