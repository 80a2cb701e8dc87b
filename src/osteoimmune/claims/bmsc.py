"""Seed claims, section F: BMSC biology (C043–C047).

Lineage regulators are raised through their basal drives (``o_base`` RUNX2, ``a_base`` PPARγ, ``c_base`` SOX9);
homing is probed by knocking out SDF-1 synthesis (CXCR4/SDF-1 axis), MMP synthesis, or HIF-1α stabilisation
(normoxic signalling at the site), all in the standard fracture.
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, coculture, mean, par, rel, run
from .registry import Measurement, claim

LINEAGES = {"osteoblasts": ("callus_osteoblast", 0, 28), "adipocytes": ("adipocyte", 0, 56), "chondrocytes": ("chondrocyte", 0, 28)}
REGULATORS = {"RUNX2 ×2": (par(o_base=2.0), "osteoblasts"), "PPARγ ×3": (par(a_base=0.45), "adipocytes"),
              "SOX9 ×2": (par(c_base=3.0), "chondrocytes")}


@claim(
    "C043",
    title=(
        'Lineage master regulators compete: RUNX2 for bone, PPARγ for fat, SOX9 for cartilage, with osteo–adipo '
        'reciprocity'
    ),
    grade="A",
    section='F. BMSC biology',
    quote=(
        '`002_d4dc4f77775320be.txt` § The fate and biological characteristics of BMSCs — «RUNX2 regulates the '
        'osteogenic differentiation of BMSCs, PPARγ regulates the adipogenic differentiation of BMSCs, and Sox9 '
        'regulates the chondrogenic differentiation of BMSCs» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative '
        'phosphorylation — «enhanced differentiation capacity in one pathway typically accompanies diminished '
        'capacity in the other. This imbalance constitutes a key mechanism underlying diseases such as osteoporosis»'
    ),
    expected="Raising RUNX2 (×2), PPARγ (×3) or SOX9 (×2) drive in the standard fracture each raises its own lineage "
             "(osteoblasts AUC 0–28 d, adipocytes AUC 0–56 d, chondrocytes AUC 0–28 d) by ≥ 10 %; osteo–adipo "
             "reciprocity: more RUNX2 lowers adipocytes and more PPARγ lowers osteoblasts and the osteogenic share, each "
             "by ≥ 10 %",
    parameters=("o_base", "a_base", "c_base", "r_recip"),
)
def c043_lineage_regulators_compete() -> Measurement:
    b = run(FRACTURE)
    base = {k: auc(b, s, t0, t1) for k, (s, t0, t1) in LINEAGES.items()}
    res = {}
    for name, (ov, _) in REGULATORS.items():
        r = run(FRACTURE, ov)
        res[name] = {k: rel(auc(r, s, t0, t1), base[k]) for k, (s, t0, t1) in LINEAGES.items()}
        res[name]["osteogenic share"] = rel(mean(r, "osteo_commitment", 3, 28), mean(b, "osteo_commitment", 3, 28))
    own = {name: res[name][lineage] for name, (_, lineage) in REGULATORS.items()}
    recip = (res["RUNX2 ×2"]["adipocytes"], res["PPARγ ×3"]["osteoblasts"], res["PPARγ ×3"]["osteogenic share"])
    passed = min(own.values()) >= 0.10 and max(recip) <= -0.10
    return Measurement(
        effect=min(own.values()), threshold=0.10, passed=passed,
        summary="; ".join(f"{n}: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()) for n, d in res.items()),
        details=res,
    )


@claim(
    "C044",
    title='BMSC homing depends on SDF-1/CXCR4, CD44 and MMPs, and hypoxia strengthens it',
    grade="A",
    section='F. BMSC biology',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «BMSCs can be fixed in appropriate areas '
        'through the connection between CXCR4 on cell surface and SDF-1 (high expression in injured tissues) derived '
        'from microenvironment» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «MMPs with a high '
        'concentration in injured sites are able to dissolve extracellular matrix to produce sufficient space to '
        'accommodate migrated BMSCs and neovascularization» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone '
        'healing — «The chemotaxis of BMSCs would be enhanced in local hypoxia caused by a vascular rupture in the '
        'early bone injury stage»'
    ),
    expected="BMSCs at the injury site (AUC days 0–14) fall by ≥ 50 % with SDF-1 (CXCR4 ligand) synthesis blocked, by "
             "≥ 10 % with MMP synthesis blocked (which also lowers vascular ingrowth, AUC days 0–28, by ≥ 10 %), and by "
             "≥ 20 % with normoxic signalling at the site (no HIF-1α stabilisation), which also lowers SDF-1 (AUC days "
             "0–7) by ≥ 20 %; CD44 is not a separate model species",
    parameters=("k_bmsc_rec", "K_sdf_bmsc", "e_hyp_rec", "p_sdf_hif", "a_mmp_space", "K_mmp_space", "K_hif_o2"),
)
def c044_homing_sdf1_mmp_hypoxia() -> Measurement:
    b = run(FRACTURE)
    arms = {"SDF-1/CXCR4 blocked": par(p_sdf_basal=0.0, p_sdf_hif=0.0, p_sdf_mac=0.0),
            "MMPs blocked": par(p_mmp9_m2=0.0, p_mmp9_oc=0.0),
            "normoxia (no HIF-1α)": par(K_hif_o2=1.0e-3)}
    res = {}
    for name, ov in arms.items():
        r = run(FRACTURE, ov)
        res[name] = {"BMSCs": rel(auc(r, "bmsc", 0, 14), auc(b, "bmsc", 0, 14)),
                     "vessels": rel(auc(r, "vascular_density", 0, 28), auc(b, "vascular_density", 0, 28)),
                     "SDF-1": rel(auc(r, "sdf1_cxcl12", 0, 7), auc(b, "sdf1_cxcl12", 0, 7))}
    passed = (res["SDF-1/CXCR4 blocked"]["BMSCs"] <= -0.5 and res["MMPs blocked"]["BMSCs"] <= -0.10
              and res["MMPs blocked"]["vessels"] <= -0.10 and res["normoxia (no HIF-1α)"]["BMSCs"] <= -0.20
              and res["normoxia (no HIF-1α)"]["SDF-1"] <= -0.20)
    return Measurement(
        effect=res["MMPs blocked"]["BMSCs"], threshold=-0.10, passed=passed,
        summary="; ".join(f"{n}: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()) for n, d in res.items()),
        details=res,
    )


@claim(
    "C045",
    title='BMSCs become endothelial cells only when VEGF or EGF is present; neural differentiation is contested',
    grade="B",
    section='F. BMSC biology',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «the capillary formation would rarely be '
        'observed in vitro if BMSCs are cultured alone unless specific cytokines are added, such as VEGF and '
        'epidermal growth factor (EGF)» `002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «only 8% '
        'BMSCs could be induced to form neurosphere-like structures in vitro»'
    ),
    expected="BMSCs alone rarely form capillary-like structures and do so with VEGF or EGF added; neural "
             "(neurosphere) differentiation is low (8 %) or up to 60 % with special methods (contested)",
    xfail="BMSCs have no endothelial or neural fate in the model (osteo/adipo/chondro only), VEGF acts on angiogenesis "
          "from the margins, and EGF is not a model species. Missing: a VEGF/EGF-dependent BMSC → endothelial "
          "differentiation and a contested neural-fate hypothesis",
    parameters=(),
)
def c045_endothelial_and_neural_fates() -> Measurement:
    return Measurement(effect=0.0, threshold=None, passed=False,
                       summary="not testable: no endothelial or neural BMSC fate in the model")


@claim(
    "C047",
    title='CYTL-1 forms a negative autocrine loop that turns off as BMSCs commit to bone',
    grade="B",
    section='F. BMSC biology',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «cytokine-like 1 (CYTL-1) was thought to '
        'inhibit the osteogenic differentiation of BMSCs by blocking RUNX2 and upregulating BAX protein expression» '
        '`002_d4dc4f77775320be.txt` § The role of BMSCs in bone healing — «after being induced to osteogenic '
        'differentiation, BMSCs secrete less CYTL-1 than that in control groups in vitro»'
    ),
    expected="BMSCs in culture (1e5 cell/mL, medium at steady state): extra CYTL-1 (2 ng/mL/day) lowers the RUNX2 drive "
             "and the osteogenic rate by ≥ 20 % each and raises BMSC death (BAX) by ≥ 20 %; BMSCs pushed toward bone "
             "(RUNX2 drive ×3) secrete ≥ 30 % less CYTL-1 (the loop turns off as they commit); knocking CYTL-1 out "
             "(no secretion) does not lower the RUNX2 drive",
    parameters=("p_cytl1", "d_cytl1", "K_cytl1_runx2", "e_cytl1_bax", "K_cytl1_bax"),
)
def c047_cytl1_negative_loop() -> Measurement:
    cells = {"bmsc": 1.0e5}
    base = coculture(cells)
    extra = coculture(cells, par(cytl1_delivery=2.0))
    knock = coculture(cells, par(p_cytl1=0.0))
    committed = coculture(cells, par(o_base=3.0))
    runx2 = rel(extra["osteo_drive"], base["osteo_drive"])
    osteo = rel(extra["osteogenic_flux"], base["osteogenic_flux"])
    death = rel(extra["bmsc_death_rate"], base["bmsc_death_rate"])
    secretion = rel(committed["cytl1"], base["cytl1"])
    ko = rel(knock["osteo_drive"], base["osteo_drive"])
    passed = runx2 <= -0.20 and osteo <= -0.20 and death >= 0.20 and secretion <= -0.30 and ko >= 0.0
    return Measurement(
        effect=runx2, threshold=-0.20, passed=passed,
        summary=f"extra CYTL-1: RUNX2 drive {runx2:+.0%}, osteogenic rate {osteo:+.0%}, BMSC death {death:+.0%}; "
                f"committed BMSCs secrete {secretion:+.0%} CYTL-1; knock-out RUNX2 drive {ko:+.2%}",
        details={"runx2": runx2, "osteogenic_rate": osteo, "death": death, "secretion_when_committed": secretion,
                 "knockout_runx2": ko},
    )
