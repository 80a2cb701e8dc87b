"""Seed claims, section J: the macrophage–osteoclast axis (one test per claim; see osteoimmune.claims.osteoclast_axis)."""


def test_C067_rankl_and_mcsf_required(check):
    """Osteoclasts come from HSC, monocyte or macrophage precursors by fusion, and need RANKL plus M-CSF.

    Seed: `003_b335aac3ed2f8940.txt` § 2 破骨细胞 (Osteoclasts) — «破骨细胞既可以由单核-巨噬细胞前体细胞形成，也可以由组织中的成熟巨噬细胞形成» (EN:
    "osteoclasts can form from monocyte-macrophage precursors or from mature tissue macrophages")
    `003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 (Osteoporosis) —
    «破骨细胞前体细胞向完全激活的多核破骨细胞的分化关键取决于RANKL的存在和巨噬细胞集落刺激因子（M-CSF）的允许作用» (EN: "differentiation of OC precursors into
    fully activated multinucleated OCs critically depends on the presence of RANKL and the permissive action of
    M-CSF") `003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «来清除矿化骨基质，其主要作用是骨吸收» (EN: "to clear mineralised bone matrix;
    their main role is bone resorption")
    """
    check("C067")


def test_C068_opg_and_traf6(check):
    """The RANKL–RANK–TRAF6 pathway drives osteoclast differentiation, and the OPG decoy opposes it.

    Seed: `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — «Trimerises RANK; master driver
    of osteoclast differentiation» `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — «RANKL
    receptor; TRAF6 → NF-κB and NFATc1» `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) —
    «Decoy receptor; neutralises RANKL.»
    """
    check("C068")


def test_C070_ifn_degrades_traf6(check):
    """IFN-γ inhibits osteoclastogenesis by rapidly degrading TRAF6.

    Seed: `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «由活化的T细胞和巨噬细胞分泌的IFN-γ» (EN: "IFN-γ secreted by activated T
    cells and macrophages") `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «快速降解抑制破骨细胞生成» (EN: "[through subsequent
    TRAF6] rapid degradation, inhibits osteoclastogenesis")
    """
    check("C070")


def test_C071_macrophages_push_oc_either_way(check):
    """Macrophages can push osteoclasts either way, depending on their cytokine mix.

    Seed: `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «巨噬细胞通过分泌TNF-α、IL-1、IL-6和IFN-γ促进或抑制破骨细胞活性» (EN: "macrophages
    promote or inhibit osteoclast activity by secreting TNF-α, IL-1, IL-6 and IFN-γ")
    """
    check("C071")


def test_C073_il7_dual(check):
    """IL-7 both inhibits osteoclastogenesis directly (STAT5) and promotes it through T-cell RANKL, and RA
    breaks the balance.

    Seed: `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 (Rheumatoid arthritis) —
    «IL-7通过STAT5信号通路直接抑制破骨细胞的形成；另一方面，IL-7增强T细胞中RANKL的表达间接促进破骨细胞的形成» (EN: "IL-7 directly inhibits OC formation
    via STAT5; on the other hand it enhances RANKL in T cells, indirectly promoting OC formation")
    `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — «IL-7/IL-7R通路在RA产生的炎症反应中扮演重要角色» (EN: "the IL-7/IL-7R pathway
    plays an important role in RA inflammation")
    """
    check("C073")


def test_C074_rheumatoid_arthritis(check):
    """In rheumatoid arthritis, lymphocyte and fibroblast RANKL plus monocyte and macrophage precursors drive
    osteoclast over-activity and bone destruction.

    Seed: `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — «关节炎症部位的淋巴细胞和成纤维细胞分泌RANKL» (EN: "lymphocytes and
    fibroblasts at sites of joint inflammation secrete RANKL") `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 —
    «单核细胞/巨噬细胞（破骨细胞前体）被认为是RA患者破骨细胞过度活跃的重要原因» (EN: "monocytes/macrophages (OC precursors) are considered an
    important cause of OC over-activity in RA") `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 —
    «RA的损伤主要是破骨细胞过度活跃引起的骨稳态失衡所导致» (EN: "RA damage is mainly caused by imbalance of bone homeostasis from
    osteoclast over-activity")
    """
    check("C074")


def test_C075_postmenopausal_osteoporosis(check):
    """Osteoporosis comes from osteoclast over-activity, with macrophages involved and estrogen deficiency
    upsetting the balance.

    Seed: `003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 — «包括绝经期或雌激素缺乏在内的各种原因造成的骨形成和骨吸收之间的失衡导致了骨质疏松的发生» (EN: "imbalance
    between bone formation and resorption from causes including menopause or estrogen deficiency leads to
    osteoporosis") `003_b335aac3ed2f8940.txt` § 摘要 / Abstract — «破骨细胞活跃是骨质疏松发生的主要原因，巨噬细胞在其中扮演重要的角色» (EN:
    "osteoclast activity is the main cause of osteoporosis, and macrophages play an important role in it")
    """
    check("C075")


def test_C076_wear_particles(check):
    """Wear particles lead through macrophages to chronic inflammation, osteoclasts, osteolysis and aseptic
    loosening, and steering to M2 reverses this.

    Seed: `003_b335aac3ed2f8940.txt` § 摘要 / Abstract — «巨噬细胞吞噬磨损颗粒产生慢性炎症导致无菌性松动的发生» (EN: "macrophages
    phagocytose wear particles, producing chronic inflammation that leads to aseptic loosening")
    `003_b335aac3ed2f8940.txt` § 4.1 人工关节假体周围骨溶解 (Periprosthetic osteolysis) — «巨噬细胞分泌炎症细胞因子并分化为破骨细胞促进骨溶解» (EN:
    "macrophages secrete inflammatory cytokines and differentiate into osteoclasts, promoting osteolysis")
    `003_b335aac3ed2f8940.txt` § 4.1 人工关节假体周围骨溶解 — «藏红花素诱导M2巨噬细胞极化，刺激抗炎细胞因子和成骨细胞因子的分泌» (EN: "crocin induced M2
    polarization and stimulated secretion of anti-inflammatory and osteogenic cytokines")
    `003_b335aac3ed2f8940.txt` § 4.1 人工关节假体周围骨溶解 — «调节巨噬细胞极化是潜在的有效策略，可以缓解磨损颗粒诱导的骨溶解» (EN: "regulating macrophage
    polarization is a potentially effective strategy to relieve wear-particle-induced osteolysis")
    """
    check("C076")


def test_C078_osteoclast_secretion_feeds_back(check):
    """Osteoclasts secrete IL-1β, TNF-α, IL-6 and VEGF and feed back on osteoblasts, vessels and nerves in both
    directions.

    Seed: `003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «此外可分泌IL-1β、TNF-α、IL-6及血管内皮生长因子» (EN: "in addition [osteoclasts]
    can secrete IL-1β, TNF-α, IL-6 and VEGF") `003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «参与成骨细胞形成的正负向调节、血管生成、神经支配»
    (EN: "taking part in positive and negative regulation of osteoblast formation, angiogenesis, innervation")
    """
    check("C078")
