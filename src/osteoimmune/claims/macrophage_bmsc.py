"""Seed claims, section E: macrophages acting on BMSCs (C030–C041).

Co-cultures hold BMSCs (1e5 cell/mL) and one macrophage phenotype (2e5 cell/mL) fixed in a dish (no homing, no
injury) and let the medium reach its steady state (:func:`~osteoimmune.claims._sim.coculture`); the osteogenic,
adipogenic and chondrogenic fluxes are the differentiation rates out of the BMSC pool.  In-vivo arms use the standard
fracture.
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, coculture, iv, mean, outcomes, par, rel, run, union_day
from .registry import Measurement, claim

BMSC = {"bmsc": 1.0e5}
DENSITY = 2.0e5
PHENOTYPES = {"M0": "m0_macrophage", "M1": "m1_macrophage", "M2": "m2_macrophage"}


def _culture(phenotype: str | None, *overrides, density: float = DENSITY) -> dict[str, float]:
    cells = dict(BMSC)
    if phenotype is not None:
        cells[PHENOTYPES[phenotype]] = density
    return coculture(cells, *overrides)


def _adipo_share(c: dict[str, float]) -> float:
    total = c["osteogenic_flux"] + c["adipogenic_flux"] + c["chondrogenic_flux"]
    return c["adipogenic_flux"] / total


@claim(
    "C030",
    title=(
        'Phenotype decides BMSC fate: M0 best supports osteogenesis, M2 less, and M1 favours proliferation and '
        'adipogenesis'
    ),
    grade="B",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «M1Mφs are able to significantly promote the'
        ' proliferation and adipogenic differentiation of BMSCs, while M0Mφs have a stronger ability to promote the '
        'osteogenesis of BMSCs» `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «M2Mφs only had a '
        'weaker promotion to BMSCs for their osteogenic differentiation than that of M0Mφs» '
        '`002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «they have proved that M2Mφs were more '
        'likely to induce BMSCs to form thick cell sheets»'
    ),
    expected="BMSCs co-cultured with M0, M1 or M2 (2e5 cell/mL): the osteogenic differentiation rate ranks M0 > M2 "
             "(≥ 2 % higher) and both exceed M1; M1 gives the highest BMSC net expansion (proliferation) and a ≥ 20 % "
             "larger adipogenic share of differentiating cells than M0 or M2 (thick M2 cell sheets are not a model "
             "observable)",
    parameters=("e_mac_osteo", "K_mac_osteo", "w_m2_osteo", "e_m1_adipo", "K_m1_bmsc", "e_tnf_prolif", "p_bmp_m2", "p_bmp_m0"),
)
def c030_phenotype_decides_bmsc_fate() -> Measurement:
    c = {k: _culture(k) for k in PHENOTYPES}
    osteo = {k: v["osteogenic_flux"] for k, v in c.items()}
    expand = {k: v["bmsc_net_expansion"] for k, v in c.items()}
    adipo = {k: _adipo_share(v) for k, v in c.items()}
    m0_over_m2 = osteo["M0"] / osteo["M2"] - 1.0
    adipo_gain = adipo["M1"] / max(adipo["M0"], adipo["M2"]) - 1.0
    passed = (m0_over_m2 >= 0.02 and min(osteo["M0"], osteo["M2"]) > osteo["M1"]
              and expand["M1"] == max(expand.values()) and adipo_gain >= 0.20)
    return Measurement(
        effect=m0_over_m2, threshold=0.02, passed=passed,
        summary="osteogenic rate " + ", ".join(f"{k} {v / 1e3:.0f}k" for k, v in osteo.items())
                + " cell/mL/day; net expansion " + ", ".join(f"{k} {v:+.2f}" for k, v in expand.items())
                + " /day; adipogenic share " + ", ".join(f"{k} {v:.1%}" for k, v in adipo.items()),
        details={"osteogenic_flux": osteo, "net_expansion": expand, "adipogenic_share": adipo},
    )


@claim(
    "C032",
    title='M2 secretes more BMP-2 than M1, which drives BMSC osteogenesis through Smad1, RUNX2, then ALP and OCN',
    grade="A",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «M2Mφs secrete more BMP-2 than M1Mφs, which '
        'is conducive to the osteogenic differentiation of BMSCs» `002_d4dc4f77775320be.txt` § The role of Mφs in '
        'bone healing — «BMP-2 enhances the nuclear transfer of RUNX2 by activating Smad1 signaling pathway and '
        'upregulates the expression of ALP and OCN in BMSCs» `004_8a55de2aef7e7eaa.txt` § Table 1 '
        '(osteoblast/osteoclast genes) — «BMP2 | Bone morphogenetic protein 2 | Secreted ligand; Smad1/5/8-P → RUNX2 '
        'transcription»'
    ),
    expected="The M2 medium holds ≥ 1.5 × the BMP-2 of the M1 medium, its BMP-2 (Smad1→RUNX2) contribution to the "
             "RUNX2 drive is larger and the RUNX2 drive of co-cultured BMSCs is higher with M2 than with M1; with Smad1 "
             "signalling blocked (BMP-2 term of the RUNX2 drive removed) the M2 advantage disappears (M2 ≤ M1)",
    parameters=("p_bmp_m2", "p_bmp_m1", "e_bmp_osteo", "K_bmp"),
)
def c032_m2_bmp2_drives_osteogenesis() -> Measurement:
    m1, m2 = _culture("M1"), _culture("M2")
    b1, b2 = _culture("M1", par(e_bmp_osteo=0.0)), _culture("M2", par(e_bmp_osteo=0.0))
    bmp = m2["bmp2"] / m1["bmp2"]
    adv = m2["osteo_drive"] - m1["osteo_drive"]
    adv_blocked = b2["osteo_drive"] - b1["osteo_drive"]
    bmp_term = {k: (c["osteo_drive"] - b["osteo_drive"]) for k, c, b in (("M1", m1, b1), ("M2", m2, b2))}
    passed = bmp >= 1.5 and bmp_term["M2"] > bmp_term["M1"] and adv > 0 and adv_blocked <= 0
    return Measurement(
        effect=bmp, threshold=1.5, passed=passed,
        summary=f"BMP-2 M2/M1 ×{bmp:.1f}; BMP-2 share of the RUNX2 drive M1 {bmp_term['M1']:.2f}, M2 {bmp_term['M2']:.2f}; "
                f"RUNX2 drive M2 − M1 {adv:+.3f}, with Smad1 blocked {adv_blocked:+.3f}",
        details={"bmp2_ratio": bmp, "advantage": adv, "advantage_smad1_blocked": adv_blocked, "bmp_term": bmp_term},
    )


MIXED = {"bmsc": 1.0e5, "m0_macrophage": 1.0e5, "m1_macrophage": 1.0e5}
NO_OSM = par(p_osm_m1=0.0, p_osm_m0=0.0)


@claim(
    "C033",
    title='M1-derived OSM is needed for BMSC osteogenesis',
    grade="A",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «OSM '
        'secreted by M1Mφs is considered to be necessary for the osteogenic differentiation of BMSCs, which is '
        'mediated by the OSM/NF-kB pathway»'
    ),
    expected="Removing OSM (no macrophage OSM synthesis) lowers the RUNX2 drive of BMSCs in an M0+M1 co-culture by "
             "≥ 10 % and in the standard fracture (days 3–28) by ≥ 5 %, and delays union: M1 is not purely "
             "anti-osteogenic",
    parameters=("e_osm_osteo", "K_osm", "p_osm_m1", "p_osm_m0"),
)
def c033_osm_needed_for_osteogenesis() -> Measurement:
    dish = rel(coculture(MIXED, NO_OSM)["osteo_drive"], coculture(MIXED)["osteo_drive"])
    b, r = run(FRACTURE), run(FRACTURE, NO_OSM)
    site = rel(mean(r, "osteo_drive", 3, 28), mean(b, "osteo_drive", 3, 28))
    delay = rel(union_day(outcomes(FRACTURE, NO_OSM)), union_day(outcomes(FRACTURE)))
    passed = dish <= -0.10 and site <= -0.05 and delay > 0
    return Measurement(
        effect=dish, threshold=-0.10, passed=passed,
        summary=f"without OSM: RUNX2 drive {dish:+.0%} in co-culture, {site:+.1%} in the fracture; union {delay:+.0%}",
        details={"coculture": dish, "fracture": site, "union_delay": delay},
    )


@claim(
    "C034",
    title='M1-derived IL-23 promotes BMSC osteogenesis, and blocking IL-23p19 weakens it',
    grade="B",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — '
        '«IL-23 derived from M1Mφs also stimulates the osteogenic differentiation of BMSCs and it had relevance with '
        'the STAT3/β-catenin pathway» `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic '
        'differentiation of BMSCs — «when IL-23-p19 antibody was added to a co-culture medium, the osteogenic '
        'differentiation of BMSCs was significantly weakened»'
    ),
    expected="An anti-IL-23p19 antibody (50 /day clearance) in an M0+M1 co-culture lowers the RUNX2 (STAT3/β-catenin) "
             "drive of BMSCs by ≥ 3 %, and lowers it in the standard fracture (days 3–28)",
    parameters=("e_il23_osteo", "K_il23", "p_il23_m1"),
)
def c034_il23_promotes_osteogenesis() -> Measurement:
    dish = rel(coculture(MIXED, par(anti_il23=50.0))["osteo_drive"], coculture(MIXED)["osteo_drive"])
    ov = iv("anti_il23p19", 50.0, "1/day", 0.0)
    b, r = run(FRACTURE), run(FRACTURE, ov)
    site = rel(mean(r, "osteo_drive", 3, 28), mean(b, "osteo_drive", 3, 28))
    passed = dish <= -0.03 and site < 0
    return Measurement(
        effect=dish, threshold=-0.03, passed=passed,
        summary=f"anti-IL-23p19: RUNX2 drive {dish:+.1%} in co-culture, {site:+.1%} in the fracture",
        details={"coculture": dish, "fracture": site},
    )


@claim(
    "C035",
    title='M1 helps osteogenesis early by recruiting BMSCs, and M2 helps late by driving mineralisation',
    grade="C",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — '
        '«M1Mφs enhance osteogenesis by recruiting more BMSCs to damaged sites in the early period, while M2Mφs focus'
        ' more on bone matrix mineralization in the later period» `002_d4dc4f77775320be.txt` § The regulatory effect '
        'of Mφs on the osteogenic differentiation of BMSCs — «M1Mφs are able to secrete TNF-α/IL-6/OSM/monocyte '
        'chemotactic protein-1 (MCP-1)/macrophage inflammatory protein-1α (MIP-1α) to recruit BMSCs into target '
        'regions»'
    ),
    expected="Each alternative of the contested hypothesis m1_bmsc_recruitment gives its own prediction: "
             "'m1_chemokines' (the view of most groups) — removing M1 only early (METTL3 silenced days 0–7) lowers BMSC "
             "recruitment (AUC days 0–14) by ≥ 5 % and bone at day 56, and removing macrophages only late (depletion days "
             "14–56) lowers mineralisation (woven bone day 42) by ≥ 5 %; 'cytokine_shared' (the calibrated default: "
             "recruitment by SDF-1, hypoxia and cytokines of any source) — early M1 removal does not lower recruitment "
             "(change > −2 %) while late removal still lowers mineralisation by ≥ 5 %",
    parameters=("e_chemo_rec", "K_chemo_rec", "e_m1_rec", "K_m1_rec", "m1_recruit_hypothesis"),
)
def c035_m1_early_m2_late() -> Measurement:
    early_ov = iv("mettl3_knockdown", 1.0, "fraction", 0.0, 7.0)
    late_ov = iv("macrophage_depletion", 1.0, "1/day", 14.0, 42.0)
    alternatives = {}
    for alt in ("m1_chemokines", "cytokine_shared"):
        h = f"hypotheses.m1_bmsc_recruitment={alt}"
        b, ob = run(FRACTURE, h), outcomes(FRACTURE, h)
        early, late = run(FRACTURE, h, early_ov), run(FRACTURE, h, late_ov)
        recruit = rel(auc(early, "bmsc", 0, 14), auc(b, "bmsc", 0, 14))
        bone = rel(outcomes(FRACTURE, h, early_ov)["bone_fraction_day_56"], ob["bone_fraction_day_56"])
        mineral = rel(late.at("woven_bone", 42.0), b.at("woven_bone", 42.0))
        if alt == "m1_chemokines":
            ok = recruit <= -0.05 and bone < 0 and mineral <= -0.05
        else:
            ok = recruit > -0.02 and mineral <= -0.05
        alternatives[alt] = Measurement(
            effect=recruit, threshold=-0.05 if alt == "m1_chemokines" else -0.02, passed=ok,
            summary=f"early M1 removal: BMSCs {recruit:+.1%}, bone day 56 {bone:+.1%}; late macrophage removal: woven bone "
                    f"day 42 {mineral:+.0%} (baseline union day {ob['time_to_union_days']:.1f})",
            details={"early_recruitment": recruit, "early_bone_56": bone, "late_mineralisation": mineral})
    major = alternatives["m1_chemokines"]
    return Measurement(effect=major.effect, threshold=-0.05, passed=all(a.passed for a in alternatives.values()),
                       summary="; ".join(f"{k}: {a.summary}" for k, a in alternatives.items()),
                       details={k: a.details for k, a in alternatives.items()}, alternatives=alternatives)


@claim(
    "C037",
    title='Exosomal miRNAs from M2 (miR-5106 and miR-378a) promote BMSC osteogenesis',
    grade="B",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — '
        '«M2Mφs-derived exosomal miRNA5106 could induce the differentiation of BMSCs by targeting salt-induced '
        'kinases 2/3» `002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of '
        'BMSCs — «miRNA378a containing in M2Mφs-derived exosome also promotes osteogenic differentiation of BMSCs by '
        'activating BMP signaling pathway»'
    ),
    expected="Removing the M2-specific osteogenic support (w_m2_osteo, the lumped paracrine/exosomal support that "
             "stands for miR-5106 and miR-378a; the miRNAs, SIK2/3 and BMP signalling are not separate model species) "
             "lowers the osteogenic rate of BMSCs co-cultured with M2 by ≥ 10 %",
    parameters=("w_m2_osteo", "e_mac_osteo", "K_mac_osteo"),
)
def c037_m2_exosomal_mirnas() -> Measurement:
    with_, without = _culture("M2"), _culture("M2", par(w_m2_osteo=0.0))
    effect = rel(without["osteogenic_flux"], with_["osteogenic_flux"])
    return Measurement(
        effect=effect, threshold=-0.10, passed=effect <= -0.10,
        summary=f"M2 co-culture without the M2 paracrine/exosomal support: osteogenic rate {effect:+.0%}",
        details={"osteogenic_flux_change": effect},
    )


@claim(
    "C038",
    title=(
        'Macrophage exosomes delivered on intrafibrous mineralised collagen (IMC) drive endogenous MSC osteogenesis '
        'through Smad1/5/9'
    ),
    grade="B",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «this'
        ' kind of biomaterial was able to significantly induce the osteogenic differentiation of endogenous MSCs '
        'through Smad1/5/9 signaling pathways» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on '
        'Mφs and BMSCs — «IMC had the ability to promote Mφs to secrete functional exosomes to accelerate bone '
        'regeneration under the regulation of the BMP2/Smad5 signaling pathway»'
    ),
    expected="BMSCs with macrophages (1e5 + 2e5 cell/mL) on an IMC implant: macrophages secrete functional exosomes only "
             "when stimulated by IMC (BMP2/Smad5), which raises the RUNX2 (Smad1/5/9) drive by ≥ 10 % over no implant; "
             "IMC loaded with macrophage exosomes (2 /day) raises the osteogenic rate by a further ≥ 5 % over IMC alone",
    parameters=("p_exo_imc", "e_exo_osteo", "K_exo_osteo", "d_exo"),
)
def c038_imc_exosomes() -> Measurement:
    cells = {"bmsc": 1.0e5, "m0_macrophage": 2.0e5}
    none = coculture(cells)
    imc = coculture(cells, par(imc_material=1.0))
    loaded = coculture(cells, par(imc_material=1.0, exosome_delivery=2.0))
    secreted = (coculture({"m0_macrophage": 2.0e5})["mac_osteo_exosomes"],
                coculture({"m0_macrophage": 2.0e5}, par(imc_material=1.0))["mac_osteo_exosomes"])
    imc_gain = rel(imc["osteo_drive"], none["osteo_drive"])
    exo_gain = rel(loaded["osteogenic_flux"], imc["osteogenic_flux"])
    passed = secreted[1] > secreted[0] and imc_gain >= 0.10 and exo_gain >= 0.05
    return Measurement(
        effect=exo_gain, threshold=0.05, passed=passed,
        summary=f"macrophage exosomes {secreted[0]:.2f} → {secreted[1]:.2f} on IMC; RUNX2 drive with IMC {imc_gain:+.0%}; "
                f"IMC + exosomes vs IMC: osteogenic rate {exo_gain:+.1%}",
        details={"exosomes_without_imc": secreted[0], "exosomes_with_imc": secreted[1], "imc_runx2": imc_gain,
                 "loaded_osteogenic_rate": exo_gain},
    )


@claim(
    "C039",
    title='Exosomes from stressed macrophages raise BMSC apoptosis, and blocking exosome formation abolishes the effect',
    grade="B",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «the '
        'apoptosis rate of BMSCs in this specific medium was higher than that in the control group» '
        '`002_d4dc4f77775320be.txt` § The regulatory effect of Mφs on the osteogenic differentiation of BMSCs — «Then'
        ' they added GM4869 into Mφs medium to inhibit the formation of exosomes and the new supernatant had no '
        'effect on the apoptosis of BMSCs» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «it acts on'
        ' the anti-apoptotic gene Bcl-2 to promote cell apoptosis (including BMSCs)»'
    ),
    expected="BMSCs (1e5 cell/mL) with macrophages (2e5 cell/mL) under hypoxia (oxygen 0.1) and serum deprivation die "
             "≥ 30 % faster than in a normal (normoxic, serum) co-culture, through macrophage stress exosomes (miR-222 → "
             "Bcl-2); with exosome formation blocked (GW4869, written 'GM4869') the death rate is back within 2 % of control",
    parameters=("p_exo_stress", "d_exo", "e_exo_apop", "K_exo_apop"),
)
def c039_stressed_macrophage_exosomes() -> Measurement:
    cells = {"bmsc": 1.0e5, "m0_macrophage": 2.0e5}
    stressed = {**cells, "oxygen": 0.1}
    control = _death(coculture(cells))
    raised = rel(_death(coculture(stressed, par(serum_deprivation=1.0))), control)
    blocked = rel(_death(coculture(stressed, par(serum_deprivation=1.0, exosome_inhibitor=1.0))), control)
    passed = raised >= 0.30 and abs(blocked) <= 0.02
    return Measurement(
        effect=raised, threshold=0.30, passed=passed,
        summary=f"BMSC death rate vs control: stressed-macrophage medium {raised:+.0%}, with exosome formation blocked "
                f"{blocked:+.1%}",
        details={"stressed": raised, "inhibitor": blocked},
    )


def _death(c: dict[str, float]) -> float:
    return c["bmsc_death_rate"]


@claim(
    "C041",
    title='Healing needs both phenotypes and a timely switch; removing either M1 or M2 impairs it',
    grade="A",
    section='E. Macrophages acting on BMSCs',
    quote=(
        '`002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «Successful tissue regeneration requires all'
        ' kinds of Mφs to work together» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «most current'
        ' studies support M1Mφs and M2Mφs as well as their timely transformation is indispensable in bone '
        'regeneration»'
    ),
    expected="Ablating M1 (M0→M1 polarisation blocked) or M2 (M0→M2 and M1→M2 blocked) each worsens healing: union "
             "≥ 20 % later (or never) and bone at day 120 ≥ 3 % lower; ablating M2 also lowers vascularisation (AUC days "
             "0–56)",
    parameters=("k01", "k02", "k12_max", "k12_0"),
)
def c041_both_phenotypes_needed() -> Measurement:
    b, ob = run(FRACTURE), outcomes(FRACTURE)
    arms = {"M1 ablated": par(k01=0.0), "M2 ablated": par(k02=0.0, k12_max=0.0, k12_0=0.0)}
    res = {}
    for name, ov in arms.items():
        r, o = run(FRACTURE, ov), outcomes(FRACTURE, ov)
        res[name] = (rel(union_day(o), union_day(ob)), rel(o["bone_fraction_final"], ob["bone_fraction_final"]),
                     rel(auc(r, "vascular_density", 0, 56), auc(b, "vascular_density", 0, 56)), o)
    passed = all(v[0] >= 0.20 and v[1] <= -0.03 for v in res.values()) and res["M2 ablated"][2] < 0
    return Measurement(
        effect=min(v[0] for v in res.values()), threshold=0.20, passed=passed,
        summary="; ".join(f"{k}: union {'never' if v[3]['time_to_union_days'] is None else f'{v[0]:+.0%}'}, bone day 120 "
                          f"{v[1]:+.0%}, vessels {v[2]:+.1%}" for k, v in res.items()),
        details={k: {"union_delay": v[0], "final_bone": v[1], "vascularisation": v[2]} for k, v in res.items()},
    )
