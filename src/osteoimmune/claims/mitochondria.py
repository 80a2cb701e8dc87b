"""Seed claims, section K: mitochondria, ROS, iron and the neuro-vascular-muscle axis (C079–C099).

Mitochondrial perturbations are the model's experimental inputs (``etc_capacity`` for NAD⁺ depletion or
respiratory-chain inhibitors, ``h2o2_exposure``, ``mcu_activity``, ``ocp_mito_fusion``) or parameter knock-outs of the
named process; iron overload is the patient's ``iron_load``; defects use ``injury.size_mm``.
"""

from __future__ import annotations

from ._sim import FRACTURE, HOMEOSTASIS, auc, intervention, interventions, iv, mean, outcomes, par, rel, run
from ._sim2 import first_day_above, rel_auc, rel_end, rel_mean
from .registry import Measurement, claim

SECTION = "K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)"
FULL = 180.0


def defect(size_mm: float, *extra) -> dict:
    """Outcomes of a defect of ``size_mm`` (180 days)."""
    return outcomes(FRACTURE, f"injury.size_mm={float(size_mm)!r}", *extra, days=FULL)


GRAFT = interventions(intervention("bmp2", 10.0, "ng/mL/day", 0.0, 28.0),
                      intervention("bmsc_transplantation", 1.0e6, "cell/mL", 0.0))
SMALL, LARGE = (1.0, 2.0), (5.0, 8.0)


@claim(
    "C079",
    title='Defects above the critical size do not heal without intervention',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 1 Introduction — «defined as the smallest bone defect that cannot be '
        'spontaneously healed by the body’s endogenous repair mechanisms without external intervention» '
        '`004_8a55de2aef7e7eaa.txt` § 1 Introduction — «In such instances, exogenous reconstructive measures such as '
        'autogenous bone grafting or biomaterial implantation become essential»'
    ),
    expected=(
        'Defect sweep over 180 days: 1 and 2 mm gaps unite, 5 and 8 mm do not (a critical size between 2 and 5 mm); '
        'the 5 mm defect unites when a graft is added (BMP-2 10 ng/mL/day for 4 weeks plus 10⁶ BMSCs/mL).'
    ),
    parameters=('gap_ref_mm', 'k_bmsc_rec', 'k_ang', 'k_fib'),
)
def c079_critical_size() -> Measurement:
    small = [defect(s)["union"] for s in SMALL]
    large = [defect(s)["union"] for s in LARGE]
    grafted = defect(5.0, GRAFT)
    passed = all(small) and not any(large) and bool(grafted["union"])
    return Measurement(
        effect=float(defect(5.0)["bone_fraction_final"]), threshold=0.6, passed=passed,
        summary=f"union at 1/2 mm: {small}, at 5/8 mm: {large}; 5 mm + graft: union {grafted['union']} "
                f"(day {grafted['time_to_union_days'] if grafted['time_to_union_days'] is None else round(grafted['time_to_union_days'])})",
        details={"small_union": small, "large_union": large, "grafted_union": grafted["union"]},
    )


@claim(
    "C080",
    title='BMSC osteogenesis depends on OXPHOS',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation — «This disparity renders Bone Marrow mesenchymal'
        ' Stem Cells (BMSCs) more reliant on oxidative phosphorylation to meet their energy demands during the '
        'osteogenic differentiation stage» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation — «treatment '
        'with the NAD^+^ inhibitor FK866 significantly downregulated the expression of osteogenesis-related genes, '
        'ultimately reducing new bone formation at bone defect sites» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative '
        'phosphorylation — «This mitochondrial dysfunction inhibits the osteogenic differentiation potential of '
        'BMSCs, ultimately resulting in an osteoporotic phenotype in mice» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative'
        ' phosphorylation — «inhibiting OXPHOS activity via chemical inhibitors (such as antimycin A) or inducing '
        'oxidative stress with exogenous hydrogen peroxide impedes osteogenic differentiation in BMSCs»'
    ),
    expected=(
        'Standard fracture: NAD⁺ depletion/OXPHOS inhibition (etc_capacity 0.5, FK866 or antimycin A) lowers '
        'osteogenesis (callus osteoblast integral, days 0–56) by ≥ 10 %; NAD⁺ supplementation (1.3) raises it; a '
        'chronic Mtu1-like defect (0.6) in the uninjured site for two years gives an osteoporotic loss ≥ 2 %.'
    ),
    parameters=('etc_capacity', 'e_etc_leak', 'K_etc_leak', 'e_osteo_oxphos', 'c_ob_mito', 'K_ros_lo', 'K_atp_osteo'),
)
def c080_osteogenesis_needs_oxphos() -> Measurement:
    base = run(FRACTURE)
    low = rel_auc(run(FRACTURE, par(etc_capacity=0.5)), base, "callus_osteoblast", 0, 56)
    high = rel_auc(run(FRACTURE, par(etc_capacity=1.3)), base, "callus_osteoblast", 0, 56)
    loss = -rel_end(run(HOMEOSTASIS, par(etc_capacity=0.6), days=730.0), run(HOMEOSTASIS, days=730.0), "bone_fraction")
    passed = low <= -0.10 and high > 0 and loss >= 0.02
    return Measurement(
        effect=low, threshold=-0.10, passed=passed,
        summary=f"osteogenesis with OXPHOS halved {low:+.1%}, with NAD⁺ {high:+.1%}; Mtu1-like defect: bone {-loss:+.1%} in 2 years",
        details={"inhibited": low, "nad": high, "mtu1_bone_loss": loss},
    )


ROS_SWEEP = (("antioxidant", 10.0), ("none", 0.0), ("h2o2", 1.0), ("h2o2", 10.0))


def _ros_point(kind: str, dose: float):
    if kind == "antioxidant":
        return run(FRACTURE, iv("antioxidant", dose, "fold", 0.0))
    if kind == "h2o2":
        return run(FRACTURE, par(h2o2_exposure=dose))
    return run(FRACTURE)


@claim(
    "C082",
    title='ROS act in two ways: low levels signal for bone and survival, high levels cause apoptosis',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § Figure 3 caption (ROS dual role) — «At low levels, ROS act as signaling '
        'molecules that activate the p38-MK2-Hsp60 axis, promoting NF-κB mediated pro-survival gene expression» '
        '`004_8a55de2aef7e7eaa.txt` § Figure 3 caption (ROS dual role) — «elevated ROS trigger apoptosis through BAX '
        'oligomerization, cytochrome c release, and apoptosome formation» `004_8a55de2aef7e7eaa.txt` § 2.2 The '
        'generation and clearance of ROS — «low-concentration ROS induced by extracellular phosphate (Pi) and '
        'H_2_O_2_ activate the ERK1/2 pathway»'
    ),
    expected=(
        'ROS swept in the fracture from very low (antioxidant ×10) through physiological to excessive (H₂O₂ 1 and 10 '
        '/day): oxidative damage (apoptosis drive) rises monotonically with ROS, while osteogenic output (callus '
        'osteoblast integral, days 0–56) is biphasic: its maximum at an interior ROS level beats both ends by ≥ 5 %.'
    ),
    parameters=('K_ros_lo', 'K_ros_hi', 'e_ros_apop', 'h2o2_exposure', 'K_atp_osteo'),
)
def c082_ros_dual() -> Measurement:
    runs = [_ros_point(k, d) for k, d in ROS_SWEEP]
    ros = [mean(r, "ros", 0, 56) for r in runs]
    dmg = [mean(r, "oxidative_damage", 0, 56) for r in runs]
    osteo = [auc(r, "callus_osteoblast", 0, 56) for r in runs]
    i = max(range(len(osteo)), key=lambda k: osteo[k])
    interior = 0 < i < len(osteo) - 1
    margin = min(rel(osteo[i], osteo[0]), rel(osteo[i], osteo[-1])) if interior else 0.0
    monotone = all(a < b for a, b in zip(ros, ros[1:])) and all(a < b for a, b in zip(dmg, dmg[1:]))
    passed = interior and margin >= 0.05 and monotone
    return Measurement(
        effect=margin, threshold=0.05, passed=passed,
        summary=f"mean ROS {', '.join(f'{x:.2f}' for x in ros)}: osteogenic output "
                f"{', '.join(f'{rel(x, osteo[1]):+.0%}' for x in osteo)} vs physiological; damage monotone: {monotone}",
        details={"ros": ros, "oxidative_damage": dmg, "osteoblast_auc": osteo},
    )


@claim(
    "C084",
    title='Osteogenesis itself raises ROS, and OXPHOS raises antioxidant defence',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «Osteogenic induction regulates ROS '
        'production via two pathways: firstly, by enhancing mitochondrial activity to promote ROS generation from the'
        ' respiratory chain» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation — «enhanced OXPHOS activity '
        'synchronously elevates the expression levels of antioxidant enzymes (such as SOD) within BMSCs»'
    ),
    expected=(
        'Inducing osteogenesis in the fracture (BMP-2 10 ng/mL/day, days 0–28) raises osteogenic commitment, OXPHOS, '
        'ROS and the antioxidant defence (GSH/SOD) together (means over days 7–28, each ≥ +1 %).'
    ),
    parameters=('e_osteo_oxphos', 'p_ros_mito', 'e_gsh_oxphos', 'p_ros_bmp_nox'),
)
def c084_osteogenesis_raises_ros_and_sod() -> Measurement:
    base = run(FRACTURE)
    bmp = run(FRACTURE, iv("bmp2", 10.0, "ng/mL/day", 0.0, 28.0))
    d = {k: rel_mean(bmp, base, k, 7, 28) for k in ("osteo_commitment", "oxphos", "ros", "gsh")}
    passed = all(v >= 0.01 for v in d.values())
    return Measurement(
        effect=min(d.values()), threshold=0.01, passed=passed,
        summary="BMP-2-induced osteogenesis: " + ", ".join(f"{k} {v:+.1%}" for k, v in d.items()),
        details=d,
    )


@claim(
    "C085",
    title='Excess mitochondrial Ca2+ uptake sets off a vicious ROS cycle',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «excessive Ca^2+^ accumulation disrupts '
        'the mitochondrial membrane potential, inhibiting oxidative phosphorylation and reducing ATP synthesis» '
        '`004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «Excessive ROS not only damages '
        'mitochondrial structure (establishing a vicious cycle of “mitochondrial injury–increased ROS”)»'
    ),
    expected=(
        'Uninjured site, 180 days, excessive mitochondrial Ca²⁺ uptake (MCU activity ×3) vs normal: mitochondrial '
        'health (ΔΨ proxy) ≥ 10 % lower, OXPHOS lower, ROS ≥ 10 % higher, osteoblast/BMSC death rate higher.'
    ),
    parameters=('k_mcu', 'e_ca_ros', 'p_ros_ca', 'K_ros_dmg', 'e_mito_dmg'),
)
def c085_calcium_ros_vicious_cycle() -> Measurement:
    base = run(HOMEOSTASIS, days=FULL)
    mcu = run(HOMEOSTASIS, par(mcu_activity=3.0), days=FULL)
    d = {k: rel_end(mcu, base, k) for k in ("mito_health", "oxphos", "ros", "bmsc_death_rate")}
    passed = d["mito_health"] <= -0.10 and d["oxphos"] < 0 and d["ros"] >= 0.10 and d["bmsc_death_rate"] > 0
    return Measurement(
        effect=d["ros"], threshold=0.10, passed=passed,
        summary="MCU ×3: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()),
        details=d,
    )


IRON = "iron-overload"


@claim(
    "C087",
    title='Iron overload causes ferroptosis through loss of GPX4 and GSH and Fe2+-driven lipid peroxidation',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «during iron overload, GPX4 activity markedly diminishes and '
        'GSH becomes depleted» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «Intracellular Fe^2+^ then catalyse '
        'lipid peroxidation via the Fenton reaction, generating substantial ROS»'
    ),
    expected=(
        'Iron overload (4× iron, one year) vs the healthy site: antioxidant defence (GSH/GPX4) ≥ 10 % lower, lipid '
        'peroxidation ≥ +50 %, ROS higher and ferroptosis ≥ 2×.'
    ),
    parameters=('k_gsh_fe', 'k_lp', 'k_gpx', 'K_ferro', 'p_ros_fe'),
)
def c087_iron_ferroptosis() -> Measurement:
    base = run(HOMEOSTASIS, days=365.0)
    fe = run(IRON, days=365.0)
    d = {k: rel_end(fe, base, k) for k in ("gsh", "lipid_peroxidation", "ros", "ferroptosis")}
    passed = d["gsh"] <= -0.10 and d["lipid_peroxidation"] >= 0.5 and d["ros"] > 0 and d["ferroptosis"] >= 1.0
    return Measurement(
        effect=d["ferroptosis"], threshold=1.0, passed=passed,
        summary="iron overload: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()),
        details=d,
    )


IRON_FRACTURE = "patient.iron_load=4.0"


@claim(
    "C088",
    title='Iron overload makes BMSCs proliferate more but blocks their osteogenesis',
    grade="B",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload promotes proliferation of BMSCs and accelerates'
        ' their entry into the S phase of the cell cycle» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «it '
        'simultaneously suppresses their differentiation into osteoblasts and extracellular matrix calcification, '
        'directly impairing osteogenic capacity»'
    ),
    expected=(
        'Standard fracture in iron overload (4×) vs normal iron: more BMSCs at the site (integral days 0–28, ≥ +5 %, '
        'extra proliferation) but less osteogenic output (callus osteoblasts, days 0–56, ≥ 10 % lower) and less bone '
        'at day 56: cell number and bone output move in opposite directions.'
    ),
    xfail=(
        'osteogenesis falls as expected (osteoblasts −92 %) but BMSC numbers fall too (−42 %): ferroptotic death of '
        'BMSCs (e_ferro_death on the shared death rate) outweighs the iron-driven proliferation (e_fe_prolif). '
        'Missing: cell-type-specific ferroptosis sensitivity (proliferating BMSCs vs osteoblasts/osteocytes) and the '
        'S-phase push. Measured with the shared death rate knocked out: without ferroptotic death (e_ferro_death 0) '
        'BMSCs are still −4 %, because iron also doubles ROS (oxidative damage 0.40 vs 0.13, death rate 0.79 vs 0.14 '
        '/day over days 0–28); without ferroptotic and oxidative death BMSCs are +44 % but osteoblasts only −1 %. A '
        'BMSC-specific resistance to both would have to go into the stromal death rates, not the iron/ROS states.'
    ),
    parameters=('e_fe_prolif', 'K_fe_prolif', 'K_fe_osteo', 'c_ob_fe'),
)
def c088_iron_bmsc_proliferate_not_differentiate() -> Measurement:
    base, fe = run(FRACTURE), run(FRACTURE, IRON_FRACTURE)
    d_cells = rel_auc(fe, base, "bmsc", 0, 28)
    d_osteo = rel_auc(fe, base, "callus_osteoblast", 0, 56)
    d_bone = rel(outcomes(FRACTURE, IRON_FRACTURE)["bone_fraction_day_56"], outcomes(FRACTURE)["bone_fraction_day_56"])
    passed = d_cells >= 0.05 and d_osteo <= -0.10 and d_bone < 0
    return Measurement(
        effect=d_osteo, threshold=-0.10, passed=passed,
        summary=f"iron overload: BMSCs {d_cells:+.0%}, osteoblasts {d_osteo:+.0%}, bone d56 {d_bone:+.1%}",
        details={"bmsc_change": d_cells, "osteoblast_change": d_osteo, "bone56_change": d_bone},
    )


@claim(
    "C089",
    title='Iron overload kills osteoblasts and osteocytes, raises RANKL and activates osteoclasts, giving net bone loss',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload induces osteoblast apoptosis by elevating ROS '
        'levels, disrupting calcium homeostasis» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «Fe^2+^ within '
        'osteoclasts generates substantial ROS via the Fenton reaction, activating the MAPK signalling pathway and '
        'directly promoting bone resorption» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload promotes '
        'osteocyte apoptosis via oxidative stress and upregulates receptor activator of nuclear factor κB ligand '
        '(RANKL) expression» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «REPIN1 gene knockout mitigates iron '
        'overload toxicity in osteoblasts by downregulating LCN2 expression»'
    ),
    expected=(
        'Iron overload (4×) vs the healthy site over two years: osteocytes ≥ 10 % fewer, osteoblast apoptosis up, '
        'RANKL ≥ +10 %, osteoclasts up and bone ≥ 3 % lower. The REPIN1/LCN2 arm ([B]) is not evaluated: REPIN1 and '
        'LCN2 are not modelled.'
    ),
    parameters=('e_ocy_ferro', 'c_rankl_ocy', 'c_apo_ob', 'c_ocp_ros', 'p_ros_fe'),
)
def c089_iron_bone_loss() -> Measurement:
    base, fe = run(HOMEOSTASIS, days=730.0), run(IRON, days=730.0)
    d = {k: rel_end(fe, base, k) for k in ("osteocyte", "ob_apoptosis_fold", "rankl", "osteoclast", "bone_fraction")}
    passed = (d["osteocyte"] <= -0.10 and d["ob_apoptosis_fold"] > 0 and d["rankl"] >= 0.10 and d["osteoclast"] > 0
              and d["bone_fraction"] <= -0.03)
    return Measurement(
        effect=d["bone_fraction"], threshold=-0.03, passed=passed,
        summary="iron overload, 2 years: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()),
        details=d,
    )


@claim(
    "C090",
    title='Damaged mitochondria release DAMPs that start inflammation, including NLRP3–caspase-1 pyroptosis and IL-1β/IL-18',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.5 Immune response — «These act as DAMPs to activate several innate immune '
        'pathways, including the MAVS, cGAS-STING, and NLRP inflammasome pathways» `004_8a55de2aef7e7eaa.txt` § '
        'Figure 4 caption (mitochondrial stress and immune signalling) — «Active caspase-1 cleaves GSDMD to trigger '
        'pyroptosis and processes IL-1β/IL-18 for secretion, amplifying immune responses»'
    ),
    expected=(
        'Uninjured site, 180 days, with mitochondrial damage (basal damage rate k_mito_dmg ×10) vs intact: released '
        'mtDNA ≥ 2×, IL-1β (NLRP3) ≥ +10 % and M1 macrophages ≥ +5 %. MAVS/cGAS-STING are lumped into the mtDNA → M1 '
        'drive; pyroptosis is not modelled separately.'
    ),
    parameters=('p_mtdna', 'K_mtdna_m1', 'p_il1_nlrp3', 'K_mtdna_nlrp3'),
)
def c090_mtdna_damps_inflame() -> Measurement:
    base = run(HOMEOSTASIS, days=FULL)
    dmg = run(HOMEOSTASIS, par(k_mito_dmg=0.2), days=FULL)
    d = {k: rel_end(dmg, base, k) for k in ("mtdna", "il1_beta", "m1_macrophage")}
    passed = d["mtdna"] >= 1.0 and d["il1_beta"] >= 0.10 and d["m1_macrophage"] >= 0.05
    return Measurement(
        effect=d["il1_beta"], threshold=0.10, passed=passed,
        summary="mitochondrial damage: " + ", ".join(f"{k} {v:+.0%}" for k, v in d.items()),
        details=d,
    )


@claim(
    "C092",
    title="Hypoxia raises BMSC extracellular-vesicle (EV) secretion through HIF-1α, and the EVs' miR-126 boosts bone formation and vascularisation",
    grade="B",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 2.5 Immune response — «HIF-1α mediated EVs secretion is increased, which '
        'significantly enhances the bone-forming and vascularisation abilities of EVs derived miR-126»'
    ),
    expected=(
        'Hypoxic vs normoxic BMSCs: HIF-1α, EV secretion and the osteogenic/angiogenic activity of the EVs (miR-126) '
        'all rise.'
    ),
    xfail=(
        'extracellular vesicles are not modelled: HIF-1α rises under hypoxia and drives VEGF and SDF-1, but there is '
        'no EV compartment (HIF-1α → EV secretion → miR-126 → osteogenesis/angiogenesis). Missing: an EV species with'
        ' its HIF-1α-dependent secretion and pro-osteogenic/pro-angiogenic action.'
    ),
    parameters=('K_hif_o2',),
)
def c092_hypoxia_evs() -> Measurement:
    return Measurement(
        effect=float("nan"), threshold=None, passed=False,
        summary="not reproducible: the model has no extracellular-vesicle (EV/miR-126) compartment",
    )


@claim(
    "C093",
    title='Mitochondrial fusion supports osteogenesis, and MFN2 is needed for osteoclasts',
    grade="B",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 3.1 Mitochondrial fusion — «enhanced MFN1/2 activity promoted mitochondrial '
        'fusion, providing an energy foundation for osteogenic differentiation» `004_8a55de2aef7e7eaa.txt` § 3.1 '
        'Mitochondrial fusion — «miR-181c enhances mitochondrial fusion by regulating the AMPK-MFN1 signalling '
        'pathway, effectively mitigating oxidative stress-induced damage to BMSCs» `004_8a55de2aef7e7eaa.txt` § 3.1 '
        'Mitochondrial fusion — «MFN2 deficiency inhibits the in vitro differentiation capacity of osteoclast '
        'precursors and reduces their sensitivity to RANKL-induced bone resorption»'
    ),
    expected=(
        'Standard fracture with more mitochondrial fusion (USP30 inhibition: repair/fusion rate k_mito_repair ×2) '
        'raises mitochondrial health, OXPHOS and osteogenesis (callus osteoblasts, days 0–56) by ≥ 1 %; '
        'MFN2-deficient osteoclast precursors (ocp_mito_fusion 0.2) in the uninjured site form ≥ 10 % fewer '
        'osteoclasts (60 days).'
    ),
    parameters=('k_mito_repair', 'ocp_mito_fusion', 'c_ocp_mito', 'e_ros_leak'),
)
def c093_fusion_and_mfn2() -> Measurement:
    base = run(FRACTURE)
    fus = run(FRACTURE, par(k_mito_repair=1.0))
    d = {k: rel_mean(fus, base, k, 0, 56) for k in ("mito_health", "oxphos")}
    d["osteoblasts"] = rel_auc(fus, base, "callus_osteoblast", 0, 56)
    h0 = run(HOMEOSTASIS, days=60.0)
    d["mfn2_osteoclasts"] = rel_end(run(HOMEOSTASIS, par(ocp_mito_fusion=0.2), days=60.0), h0, "osteoclast")
    passed = d["mito_health"] > 0 and d["oxphos"] > 0 and d["osteoblasts"] >= 0.01 and d["mfn2_osteoclasts"] <= -0.10
    return Measurement(
        effect=d["osteoblasts"], threshold=0.01, passed=passed,
        summary="fusion ×2: " + ", ".join(f"{k} {d[k]:+.1%}" for k in ("mito_health", "oxphos", "osteoblasts"))
                + f"; MFN2-deficient precursors: osteoclasts {d['mfn2_osteoclasts']:+.0%}",
        details=d,
    )


@claim(
    "C096",
    title='Mitochondria move between cells in a network that helps repair',
    grade="B",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «conditional knockout of the Rhot1 gene encoding '
        'MIRO1 in osteoblasts revealed significant reductions in mitochondrial number, translocation rate» '
        '`004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «This manifested as enhanced OXPHOS activity, '
        'reduced ROS production, and improved angiogenic capacity, ultimately promoting healing of cortical bone '
        'defects» `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «mitochondria derived from BMSCs can be '
        'transferred to functionally impaired osteoblasts via exosomes, restoring their oxidative phosphorylation '
        'activity and mineralization capacity» `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — '
        '«mitochondria released by osteoblasts can be internalized by osteoclasts, and inhibit excessive bone '
        'resorption through modulating the intracellular ROS levels»'
    ),
    expected=(
        'MIRO1 knock-out lowers mitochondrial transfer, transcortical-vessel branches and cortical healing; blocking '
        'BMSC→OB transfer leaves impaired osteoblasts without OXPHOS recovery; blocking OB→OC transfer prolongs '
        'resorption.'
    ),
    xfail=(
        'intercellular mitochondrial transfer is not modelled: mitochondrial health is one pooled state and only '
        'exogenous transplantation (mito_transplant) adds healthy capacity. Missing: per-cell-type mitochondrial '
        'pools with MIRO1-dependent BMSC→OB, OB→OC and OB→endothelium transfer.'
    ),
    parameters=('mito_transplant',),
)
def c096_mitochondrial_transfer() -> Measurement:
    return Measurement(
        effect=float("nan"), threshold=None, passed=False,
        summary="not reproducible: no intercellular mitochondrial transfer (single pooled mitochondrial state)",
    )


@claim(
    "C098",
    title='Repair depends on nerves: nerve regeneration comes first, and sensory-nerve EP4 and NGF–p75 are needed',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «During the early stages of bone defect repair, nerve '
        'regeneration frequently initiates prior to bone regeneration, rendering the bone repair process markedly '
        'neuro-dependent» `004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «knocking out the prostaglandin E2 receptor 4 '
        '(EP4) gene in sensory nerves resulted in significantly reduced bone mass and markedly diminished osteoblast '
        'numbers» `004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «Deficiency in NGF-p75 signalling leads to impaired '
        'sensory innervation of bone tissue, delayed local vascularisation, reduced numbers of bone progenitor cells,'
        ' and skeletal developmental disorders»'
    ),
    expected=(
        'Standard fracture: sensory nerves reach half their recovery before bone reaches half of its day-120 level; '
        'EP4 knock-out in sensory nerves (e_pge2_osteo = 0) lowers osteoblasts (days 0–56) by ≥ 5 % and bone at day '
        '56; NGF–p75 deficiency (nerve regrowth k_nerve ÷10) lowers innervation (days 0–28) by ≥ 30 %, delays vessels'
        ' (≥ 2 % less, days 0–28) and lowers progenitors (BMSCs, days 0–28).'
    ),
    parameters=('k_nerve', 'e_pge2_osteo', 'K_pge2', 'p_pge2_ob', 'K_pge2_ob', 'c_ep4_symp', 'a_nerve_bmsc', 'a_nerve_prolif'),
)
def c098_nerves_first() -> Measurement:
    base = run(FRACTURE)
    inn0 = float(base["innervation"][0])
    t_nerve = first_day_above(base, "innervation", inn0 + 0.5 * (1.0 - inn0))
    t_bone = first_day_above(base, "bone_fraction", 0.5 * float(base["bone_fraction"][-1]))
    ep4 = run(FRACTURE, par(e_pge2_osteo=0.0))
    d_ob = rel_auc(ep4, base, "callus_osteoblast", 0, 56)
    d_bone = rel(outcomes(FRACTURE, par(e_pge2_osteo=0.0))["bone_fraction_day_56"], outcomes(FRACTURE)["bone_fraction_day_56"])
    ngf = run(FRACTURE, par(k_nerve=0.012))
    d = {"innervation": rel_auc(ngf, base, "innervation", 0, 28), "vessels": rel_auc(ngf, base, "vascular_density", 0, 28),
         "bmsc": rel_auc(ngf, base, "bmsc", 0, 28)}
    first = t_nerve is not None and t_bone is not None and t_nerve < t_bone
    passed = first and d_ob <= -0.05 and d_bone < 0 and d["innervation"] <= -0.30 and d["vessels"] <= -0.02 and d["bmsc"] < 0
    return Measurement(
        effect=d_ob, threshold=-0.05, passed=passed,
        summary=f"nerves half-recovered day {t_nerve}, bone half day {t_bone}; EP4 KO: osteoblasts {d_ob:+.1%}, bone d56 "
                f"{d_bone:+.1%}; NGF–p75: " + ", ".join(f"{k} {v:+.1%}" for k, v in d.items()),
        details={"nerve_half_day": t_nerve, "bone_half_day": t_bone, "ep4_osteoblasts": d_ob, "ep4_bone56": d_bone, **d},
    )


MUSCLE = "injury.muscle_damage=0.8"
BMP2 = iv("bmp2", 10.0, "ng/mL/day", 0.0, 28.0)


@claim(
    "C099",
    title='Muscle takes part: muscle injury impairs repair even with BMP-2, and myokines act in both directions',
    grade="A",
    section='K. Mitochondria, ROS, iron and the neuro-vascular-muscle axis (004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § 4.3 Muscle — «in cases of fractures accompanied by extensive muscle injury, '
        'bone defect repair remains suboptimal even with intervention by osteogenic regulators such as BMP-2» '
        '`004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «Acute: Mild anabolic effects via MAPK/ERK. Chronic: '
        'Sustained signaling via JAK/STAT3 and NF-κB stimulates RANKL production, promoting osteoclastogenesis» '
        '`004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «promoting osteogenic differentiation. Concurrently '
        'inhibits osteoclastogenesis» `004_8a55de2aef7e7eaa.txt` § 4.3 Muscle — «Once mitochondrial function is '
        'impaired, it leads to a reduction in muscle ATP production, a decrease in myokines levels, and a decline in '
        'osteogenic markers»'
    ),
    expected=(
        'Fracture with extensive muscle injury (80 %) vs intact muscle: bone at day 56 ≥ 5 % lower, and with BMP-2 '
        '(10 ng/mL/day, 4 weeks) the muscle-injured fracture still has ≥ 5 % less bone at day 56 than the intact one '
        'with BMP-2. The myokine rows ([B]: irisin, myostatin, acute vs chronic IL-6, FGF-21) are not evaluated.'
    ),
    parameters=('muscle_integrity', 'f_mdsc', 'e_myokine_osteo'),
)
def c099_muscle_injury() -> Measurement:
    b = lambda *ov: outcomes(FRACTURE, *ov)["bone_fraction_day_56"]  # noqa: E731
    d_muscle = rel(b(MUSCLE), b())
    d_bmp = rel(b(MUSCLE, BMP2), b(BMP2))
    passed = d_muscle <= -0.05 and d_bmp <= -0.05
    return Measurement(
        effect=d_bmp, threshold=-0.05, passed=passed,
        summary=f"muscle injury: bone d56 {d_muscle:+.1%}; with BMP-2 still {d_bmp:+.1%} vs intact muscle with BMP-2",
        details={"muscle_bone56": d_muscle, "muscle_bmp2_bone56": d_bmp},
    )
