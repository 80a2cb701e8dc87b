"""Seed claims, section J: the macrophage–osteoclast axis (C067–C078).

Remodeling claims run the healthy uninjured site (``homeostasis``) or a disease scenario (rheumatoid arthritis,
postmenopausal osteoporosis, periprosthetic wear) and compare active osteoclasts (OCa), RANKL and bone mass with the
same site without the perturbation.  Knock-outs are parameter overrides of the named process only.
"""

from __future__ import annotations

import math

import numpy as np

from ._sim import FRACTURE, HOMEOSTASIS, auc, intervention, interventions, iv, mean, par, rel, run
from ._sim2 import m2_share, rel_auc, rel_end, rel_mean, yearly_loss_percent
from .registry import Measurement, claim

SECTION = "J. The macrophage–osteoclast axis (003, with 002 and 004)"
SHORT = 60.0    # day: osteoclasts live ~1.4 days, a new OC steady state is reached within weeks
LONG = 730.0    # day: two years of a chronic condition


def oc(result) -> float:
    """Active osteoclasts at the end of the run (pM)."""
    return float(result["osteoclast"][-1])


@claim(
    "C067",
    title='Osteoclasts come from HSC, monocyte or macrophage precursors by fusion, and need RANKL plus M-CSF',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 2 破骨细胞 (Osteoclasts) — «破骨细胞既可以由单核-巨噬细胞前体细胞形成，也可以由组织中的成熟巨噬细胞形成» (EN: '
        '"osteoclasts can form from monocyte-macrophage precursors or from mature tissue macrophages") '
        '`003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 (Osteoporosis) — '
        '«破骨细胞前体细胞向完全激活的多核破骨细胞的分化关键取决于RANKL的存在和巨噬细胞集落刺激因子（M-CSF）的允许作用» (EN: "differentiation of OC precursors into '
        'fully activated multinucleated OCs critically depends on the presence of RANKL and the permissive action of '
        'M-CSF") `003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «来清除矿化骨基质，其主要作用是骨吸收» (EN: "to clear mineralised bone matrix; '
        'their main role is bone resorption")'
    ),
    expected=(
        'Uninjured site, 60 days: without RANKL (RANKL expression knocked out, R_RANKL = 0) active osteoclasts fall '
        'to ≤ 5 % of normal; without M-CSF (p_mcsf = p_mcsf_ob = 0, op/op-like) to ≤ 20 % (permissive factor); with '
        'both present osteoclasts stay at their normal level and resorb (bone turnover continues).'
    ),
    parameters=('K_mcsf_perm', 'c_ocp_mcsf', 'D_OCp', 'K_D8_RANKL', 'R_RANKL'),
)
def c067_rankl_and_mcsf_required() -> Measurement:
    base = run(HOMEOSTASIS, days=SHORT)
    no_rankl = run(HOMEOSTASIS, par(R_RANKL=0.0), days=SHORT)
    no_mcsf = run(HOMEOSTASIS, par(p_mcsf=0.0, p_mcsf_ob=0.0), days=SHORT)
    f_rankl, f_mcsf = oc(no_rankl) / oc(base), oc(no_mcsf) / oc(base)
    normal = abs(oc(base) / base.parameters["OCa_ref"] - 1) < 0.05
    passed = f_rankl <= 0.05 and f_mcsf <= 0.20 and normal
    return Measurement(
        effect=f_rankl, threshold=0.05, passed=passed,
        summary=f"osteoclasts without RANKL {f_rankl:.1%} of normal, without M-CSF {f_mcsf:.1%}; with both at "
                f"{oc(base) / base.parameters['OCa_ref']:.2f} × reference",
        details={"no_rankl_fraction": f_rankl, "no_mcsf_fraction": f_mcsf},
    )


@claim(
    "C068",
    title='The RANKL–RANK–TRAF6 pathway drives osteoclast differentiation, and the OPG decoy opposes it',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — «Trimerises RANK; master driver of '
        'osteoclast differentiation» `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — «RANKL '
        'receptor; TRAF6 → NF-κB and NFATc1» `004_8a55de2aef7e7eaa.txt` § Table 1 (osteoblast/osteoclast genes) — '
        '«Decoy receptor; neutralises RANKL.»'
    ),
    expected=(
        'Uninjured site, 60 days: extra OPG (P_OPG 2×10⁵ pM/day) lowers free RANKL and osteoclasts by ≥ 30 %; '
        'blocking TRAF6 (traf6_activity 0.2) lowers the TRAF6 signal and osteoclast formation, osteoclasts by ≥ 20 %.'
        ' NF-κB and NFATc1 are lumped into the TRAF6 → osteoclastogenesis step.'
    ),
    parameters=('K_A1_OPG', 'traf6_activity', 'c_ocp_ifn'),
)
def c068_opg_and_traf6() -> Measurement:
    base = run(HOMEOSTASIS, days=SHORT)
    opg = run(HOMEOSTASIS, iv("opg", 2.0e5, "pM/day", 0.0), days=SHORT)
    traf = run(HOMEOSTASIS, par(traf6_activity=0.2), days=SHORT)
    d_rankl = rel_end(opg, base, "rankl")
    d_opg = rel(oc(opg), oc(base))
    d_traf = rel(oc(traf), oc(base))
    passed = d_rankl <= -0.30 and d_opg <= -0.30 and d_traf <= -0.20
    return Measurement(
        effect=d_opg, threshold=-0.30, passed=passed,
        summary=f"extra OPG: free RANKL {d_rankl:+.0%}, osteoclasts {d_opg:+.0%}; TRAF6 blocked: osteoclasts {d_traf:+.0%}",
        details={"opg_rankl_change": d_rankl, "opg_oc_change": d_opg, "traf6_block_oc_change": d_traf},
    )


RANKL_STIM = iv("rankl", 20.0, "pM/day", 0.0)


@claim(
    "C070",
    title='IFN-γ inhibits osteoclastogenesis by rapidly degrading TRAF6',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «由活化的T细胞和巨噬细胞分泌的IFN-γ» (EN: "IFN-γ secreted by activated T cells and'
        ' macrophages") `003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «快速降解抑制破骨细胞生成» (EN: "[through subsequent TRAF6] rapid'
        ' degradation, inhibits osteoclastogenesis")'
    ),
    expected=(
        'Uninjured site stimulated with RANKL (P_RANKL 20 pM/day), 60 days, with vs without IFN-γ (5 ng/mL/day): with'
        ' IFN-γ the TRAF6 signal is ≥ 20 % lower and osteoclasts ≥ 10 % fewer.'
    ),
    parameters=('K_ifn_traf6', 'c_ocp_ifn'),
)
def c070_ifn_degrades_traf6() -> Measurement:
    stim = run(HOMEOSTASIS, RANKL_STIM, days=SHORT)
    both = run(HOMEOSTASIS, interventions(intervention("rankl", 20.0, "pM/day", 0.0),
                                          intervention("ifn_gamma", 5.0, "ng/mL/day", 0.0)), days=SHORT)
    d_traf = rel_end(both, stim, "traf6_signal")
    d_oc = rel(oc(both), oc(stim))
    passed = d_traf <= -0.20 and d_oc <= -0.10
    return Measurement(
        effect=d_oc, threshold=-0.10, passed=passed,
        summary=f"IFN-γ on RANKL-stimulated precursors: TRAF6 {d_traf:+.0%}, osteoclasts {d_oc:+.0%}",
        details={"traf6_change": d_traf, "oc_change": d_oc},
    )


@claim(
    "C071",
    title='Macrophages can push osteoclasts either way, depending on their cytokine mix',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «巨噬细胞通过分泌TNF-α、IL-1、IL-6和IFN-γ促进或抑制破骨细胞活性» (EN: "macrophages promote'
        ' or inhibit osteoclast activity by secreting TNF-α, IL-1, IL-6 and IFN-γ")'
    ),
    expected=(
        'Uninjured site, 60 days: a pro-resorptive macrophage mix (TNF-α 1 ng/mL/day) raises osteoclasts by ≥ 10 %; '
        'an IFN-γ-rich mix (IFN-γ 5 ng/mL/day) lowers them by ≥ 10 %: the sign of the macrophage effect is not fixed.'
    ),
    parameters=('c_rankl_tnf', 'c_ocp_tnf', 'c_ocp_ifn', 'K_ifn_traf6'),
)
def c071_macrophages_push_oc_either_way() -> Measurement:
    base = run(HOMEOSTASIS, days=SHORT)
    tnf = run(HOMEOSTASIS, iv("tnf_alpha", 1.0, "ng/mL/day", 0.0), days=SHORT)
    ifn = run(HOMEOSTASIS, iv("ifn_gamma", 5.0, "ng/mL/day", 0.0), days=SHORT)
    up, down = rel(oc(tnf), oc(base)), rel(oc(ifn), oc(base))
    return Measurement(
        effect=up - down, threshold=0.20, passed=up >= 0.10 and down <= -0.10,
        summary=f"TNF-α-rich mix: osteoclasts {up:+.0%}; IFN-γ-rich mix: {down:+.0%}",
        details={"tnf_mix_oc_change": up, "ifn_mix_oc_change": down},
    )


NO_LYMPHOCYTES = par(k_t_basal=0.0, k_th1=0.0, k_th2=0.0, k_treg=0.0, k_b=0.0)
IL7_HIGH = par(p_il7=0.5)  # tenfold IL-7 synthesis


def _il7_effect(scenario: str, *extra) -> float:
    base = run(scenario, *extra, days=180.0)
    high = run(scenario, *extra, IL7_HIGH, days=180.0)
    return rel(oc(high), oc(base))


@claim(
    "C073",
    title='IL-7 both inhibits osteoclastogenesis directly (STAT5) and promotes it through T-cell RANKL, and RA breaks the balance',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 (Rheumatoid arthritis) — '
        '«IL-7通过STAT5信号通路直接抑制破骨细胞的形成；另一方面，IL-7增强T细胞中RANKL的表达间接促进破骨细胞的形成» (EN: "IL-7 directly inhibits OC formation '
        'via STAT5; on the other hand it enhances RANKL in T cells, indirectly promoting OC formation") '
        '`003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — «IL-7/IL-7R通路在RA产生的炎症反应中扮演重要角色» (EN: "the IL-7/IL-7R pathway '
        'plays an important role in RA inflammation")'
    ),
    expected=(
        'Tenfold IL-7 synthesis, 180 days: without lymphocytes (T/B influx 0) osteoclasts fall by ≥ 5 % (direct STAT5'
        ' arm); with lymphocytes the effect is ≥ 3 points more positive (T-cell RANKL arm offsets it); in active '
        'rheumatoid arthritis ([I]) the pro-osteoclast arm dominates: osteoclasts rise.'
    ),
    parameters=('c_ocp_il7', 'K_il7_stat5', 'e_il7_trankl', 'K_il7', 'c_rankl_tcell', 'K_rankl_tcell', 'e_il7_lymph',
                'K_il7_lymph'),
)
def c073_il7_dual() -> Measurement:
    without = _il7_effect(HOMEOSTASIS, NO_LYMPHOCYTES)
    with_t = _il7_effect(HOMEOSTASIS)
    ra = _il7_effect("rheumatoid-arthritis")
    passed = without <= -0.05 and with_t - without >= 0.03 and ra > 0
    return Measurement(
        effect=with_t - without, threshold=0.03, passed=passed,
        summary=f"IL-7 ×10: osteoclasts {without:+.1%} without lymphocytes, {with_t:+.1%} with, {ra:+.1%} in active RA",
        details={"no_lymphocytes": without, "with_lymphocytes": with_t, "rheumatoid_arthritis": ra},
    )


RA = "rheumatoid-arthritis"


@claim(
    "C074",
    title='In rheumatoid arthritis, lymphocyte and fibroblast RANKL plus monocyte and macrophage precursors drive osteoclast over-activity and bone destruction',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — «关节炎症部位的淋巴细胞和成纤维细胞分泌RANKL» (EN: "lymphocytes and fibroblasts at '
        'sites of joint inflammation secrete RANKL") `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — '
        '«单核细胞/巨噬细胞（破骨细胞前体）被认为是RA患者破骨细胞过度活跃的重要原因» (EN: "monocytes/macrophages (OC precursors) are considered an '
        'important cause of OC over-activity in RA") `003_b335aac3ed2f8940.txt` § 4.4 类风湿性骨关节炎 — '
        '«RA的损伤主要是破骨细胞过度活跃引起的骨稳态失衡所导致» (EN: "RA damage is mainly caused by imbalance of bone homeostasis from '
        'osteoclast over-activity")'
    ),
    expected=(
        'Active rheumatoid arthritis vs the healthy site over two years: free RANKL ≥ +20 % and osteoclasts ≥ +20 % '
        '(means), bone lost ≥ 3 %; depleting monocytes/macrophages (0.3 /day, [I]) removes ≥ 20 % of the osteoclast '
        'excess, through fewer precursors: the precursor-number term of osteoclast supply carries at least half of '
        'the fall in osteoclast supply (log share of the two-year means).'
    ),
    parameters=('c_rankl_ra', 'e_ra_t', 'c_rankl_tcell', 'c_ocp_precursor', 'K_precursor', 'w_mo_precursor'),
)
def c074_rheumatoid_arthritis() -> Measurement:
    base = run(HOMEOSTASIS, days=LONG)
    ra = run(RA, days=LONG)
    dep = run(RA, iv("macrophage_depletion", 0.3, "1/day", 0.0), days=LONG)
    d_rankl = rel_mean(ra, base, "rankl", 0, LONG)
    excess = mean(ra, "osteoclast", 0, LONG) - mean(base, "osteoclast", 0, LONG)
    d_oc = excess / mean(base, "osteoclast", 0, LONG)
    loss = -rel_end(ra, base, "bone_fraction")
    removed = (mean(ra, "osteoclast", 0, LONG) - mean(dep, "osteoclast", 0, LONG)) / excess if excess > 0 else 0.0
    # mechanism: the share of the fall in osteoclast supply carried by the precursor-number term
    fall = math.log(mean(ra, "ocp_supply_fold", 0, LONG) / mean(dep, "ocp_supply_fold", 0, LONG))
    fall_prec = math.log(_mean_of(ra, _precursor_term(ra), LONG) / _mean_of(dep, _precursor_term(dep), LONG))
    share = fall_prec / fall if fall > 0 else 0.0
    passed = d_rankl >= 0.20 and d_oc >= 0.20 and loss >= 0.03 and removed >= 0.20 and share >= 0.5
    return Measurement(
        effect=d_oc, threshold=0.20, passed=passed,
        summary=f"RA: RANKL {d_rankl:+.0%}, osteoclasts {d_oc:+.0%}, bone {-loss:+.1%} in 2 years; macrophage depletion "
                f"removes {removed:.0%} of the osteoclast excess, {share:.0%} of the supply fall through precursor number",
        details={"rankl_change": d_rankl, "oc_change": d_oc, "bone_loss": loss, "depletion_removes": removed,
                 "precursor_share": share},
    )


def _precursor_term(r):
    """The precursor-number factor of ``ocp_supply_fold`` along ``r`` (the model's own ``precursor_fold``)."""
    return np.asarray(r["precursor_fold"], dtype=float)


def _mean_of(r, values, end: float) -> float:
    """Time mean of ``values`` (an array on ``r.time``) over days 0–``end``."""
    t = r.time
    m = t <= end
    return float(np.trapezoid(values[m], t[m]) / (t[m][-1] - t[m][0]))


PMO = "postmenopausal-osteoporosis"


@claim(
    "C075",
    title='Osteoporosis comes from osteoclast over-activity, with macrophages involved and estrogen deficiency upsetting the balance',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.3 骨质疏松症 — «包括绝经期或雌激素缺乏在内的各种原因造成的骨形成和骨吸收之间的失衡导致了骨质疏松的发生» (EN: "imbalance '
        'between bone formation and resorption from causes including menopause or estrogen deficiency leads to '
        'osteoporosis") `003_b335aac3ed2f8940.txt` § 摘要 / Abstract — «破骨细胞活跃是骨质疏松发生的主要原因，巨噬细胞在其中扮演重要的角色» (EN: '
        '"osteoclast activity is the main cause of osteoporosis, and macrophages play an important role in it")'
    ),
    expected=(
        'Estrogen loss at menopause (10 years) vs the healthy site: resorption exceeds formation (OCa/OCa_ref over '
        'OBa/OBa_ref ≥ 1.05 in year 1) and bone falls; the course is clinical (cite:sowers2010): ≥ 2 %/year in the '
        'first 2 years, ≤ 1.5 %/year in years 3–10, 8–15 % lost in 10 years; macrophages are involved (M1 drive up).'
    ),
    parameters=('c_rankl_estrogen', 'c_apo_oc_estrogen', 'e_estrogen_t', 'e_il7_estrogen', 'c_mech'),
)
def c075_postmenopausal_osteoporosis() -> Measurement:
    r = run(PMO, days=None)
    base = run(HOMEOSTASIS, days=365.0)
    oca = mean(r, "osteoclast", 0, 365) / r.parameters["OCa_ref"]
    oba = mean(r, "osteoblast", 0, 365) / r.parameters["OBa_ref"]
    ratio = oca / oba
    yearly = yearly_loss_percent(r)
    total = 100.0 * (1 - r["bone_fraction"][-1] / r["bone_fraction"][0])
    early = min(yearly[:2])
    late = max(yearly[2:])
    d_m1 = rel(mean(r, "m1_drive", 0, 365), mean(base, "m1_drive", 0, 365))
    passed = ratio >= 1.05 and early >= 2.0 and late <= 1.5 and 8.0 <= total <= 15.0 and d_m1 > 0
    return Measurement(
        effect=total, threshold=8.0, passed=passed,
        summary=f"resorption/formation {ratio:.2f} in year 1; loss {yearly[0]:.1f}, {yearly[1]:.1f} %/yr then ≤ {late:.1f} "
                f"%/yr; {total:.1f} % in 10 years; M1 drive {d_m1:+.0%}",
        details={"resorption_formation_ratio": ratio, "yearly_loss_percent": yearly, "total_loss_percent": total,
                 "m1_drive_change": d_m1},
    )


WEAR = "periprosthetic-osteolysis"
NO_PARTICLES = "exposures.wear_particles.rate_ug_per_ml_per_day=0"
M2_AGENT = iv("il4", 1.0, "ng/mL/day", 0.0)  # an M2-steering agent (crocin in the seed) as local IL-4


@claim(
    "C076",
    title='Wear particles lead through macrophages to chronic inflammation, osteoclasts, osteolysis and aseptic loosening, and steering to M2 reverses this',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 摘要 / Abstract — «巨噬细胞吞噬磨损颗粒产生慢性炎症导致无菌性松动的发生» (EN: "macrophages phagocytose wear'
        ' particles, producing chronic inflammation that leads to aseptic loosening") `003_b335aac3ed2f8940.txt` § '
        '4.1 人工关节假体周围骨溶解 (Periprosthetic osteolysis) — «巨噬细胞分泌炎症细胞因子并分化为破骨细胞促进骨溶解» (EN: "macrophages secrete '
        'inflammatory cytokines and differentiate into osteoclasts, promoting osteolysis") `003_b335aac3ed2f8940.txt`'
        ' § 4.1 人工关节假体周围骨溶解 — «藏红花素诱导M2巨噬细胞极化，刺激抗炎细胞因子和成骨细胞因子的分泌» (EN: "crocin induced M2 polarization and stimulated'
        ' secretion of anti-inflammatory and osteogenic cytokines") `003_b335aac3ed2f8940.txt` § 4.1 人工关节假体周围骨溶解 — '
        '«调节巨噬细胞极化是潜在的有效策略，可以缓解磨损颗粒诱导的骨溶解» (EN: "regulating macrophage polarization is a potentially effective '
        'strategy to relieve wear-particle-induced osteolysis")'
    ),
    expected=(
        'Periprosthetic site over two years, wear particles vs none: IL-6 + TNF-α ≥ +20 %, osteoclasts ≥ +10 %, ≥ 2 '
        'points more bone lost (osteolysis → loosening); particles plus an M2-steering agent (local IL-4 1 ng/mL/day,'
        ' standing in for crocin): M2 share up, inflammation down and ≥ 20 % of the particle-induced bone loss '
        'prevented.'
    ),
    parameters=('K_wear_m1', 'p_tnf_wear', 'K_wear_mo', 'k_wear_clear', 'c_ocp_wear', 'K_wear_oc', 'K_il4_nfatc1'),
)
def c076_wear_particles() -> Measurement:
    clean = run(WEAR, NO_PARTICLES, days=LONG)
    worn = run(WEAR, days=LONG)
    m2 = run(WEAR, M2_AGENT, days=LONG)

    def infl(r):
        return auc(r, "il6") + auc(r, "tnf_alpha")

    d_infl = rel(infl(worn), infl(clean))
    d_oc = rel_mean(worn, clean, "osteoclast", 0, LONG)
    loss = lambda r: 1 - r["bone_fraction"][-1] / r["bone_fraction"][0]  # noqa: E731
    extra = loss(worn) - loss(clean)
    prevented = (loss(worn) - loss(m2)) / extra if extra > 0 else 0.0
    d_m2 = rel(m2_share(m2, 0, LONG), m2_share(worn, 0, LONG))
    d_infl_m2 = rel(infl(m2), infl(worn))
    passed = d_infl >= 0.20 and d_oc >= 0.10 and extra >= 0.02 and d_m2 > 0 and d_infl_m2 < 0 and prevented >= 0.20
    return Measurement(
        effect=extra, threshold=0.02, passed=passed,
        summary=f"particles: IL-6+TNF-α {d_infl:+.0%}, osteoclasts {d_oc:+.0%}, {100 * extra:.1f} points more bone lost; "
                f"+ M2 agent: M2 share {d_m2:+.0%}, inflammation {d_infl_m2:+.0%}, {prevented:.0%} of the extra loss prevented",
        details={"inflammation_change": d_infl, "oc_change": d_oc, "extra_loss": extra, "m2_share_change": d_m2,
                 "m2_inflammation_change": d_infl_m2, "prevented": prevented},
    )


@claim(
    "C078",
    title='Osteoclasts secrete IL-1β, TNF-α, IL-6 and VEGF and feed back on osteoblasts, vessels and nerves in both directions',
    grade="A",
    section='J. The macrophage–osteoclast axis (003, with 002 and 004)',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «此外可分泌IL-1β、TNF-α、IL-6及血管内皮生长因子» (EN: "in addition [osteoclasts] can '
        'secrete IL-1β, TNF-α, IL-6 and VEGF") `003_b335aac3ed2f8940.txt` § 2 破骨细胞 — «参与成骨细胞形成的正负向调节、血管生成、神经支配» (EN: '
        '"taking part in positive and negative regulation of osteoblast formation, angiogenesis, innervation")'
    ),
    expected=(
        'Standard fracture with osteoclast secretion of IL-1β/TNF-α/IL-6/VEGF blocked (p_oc_cyt = 0) vs intact: '
        'osteoblast formation (callus osteoblast integral, days 0–56), angiogenesis (vascular integral, days 0–28) '
        'and innervation (integral, days 0–28) each change by ≥ 0.5 % (either sign). The OC→OB coupling of the core '
        'is the resorption-released TGF-β (positive) plus these cytokines (TNF-α inhibits osteoblasts).'
    ),
    parameters=('p_oc_cyt', 'alpha_TGFb', 'p_oc_vegf', 'e_netrin_nerve', 'c_oc_ob'),
)
def c078_osteoclast_secretion_feeds_back() -> Measurement:
    base = run(FRACTURE)
    blocked = run(FRACTURE, par(p_oc_cyt=0.0))
    d = {"osteoblasts": rel_auc(blocked, base, "callus_osteoblast", 0, 56),
         "vessels": rel_auc(blocked, base, "vascular_density", 0, 28),
         "nerves": rel_auc(blocked, base, "innervation", 0, 28)}
    passed = all(abs(v) >= 0.005 for v in d.values())
    return Measurement(
        effect=min(abs(v) for v in d.values()), threshold=0.005, passed=passed,
        summary="OC secretion blocked: " + ", ".join(f"{k} {v:+.2%}" for k, v in d.items()),
        details=d,
    )
