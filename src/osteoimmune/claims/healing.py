"""Seed claims, section B: healing phases and whether macrophages are required (C006–C013).

The standard injury is the built-in ``fracture-healing`` (1 mm gap, moderate debris, 30-year-old) run for 120 days.
Macrophage depletion is the ``macrophage_depletion`` agent (extra removal of monocytes and macrophages, like
clodronate liposomes) at 1/day from the day of injury.
"""

from __future__ import annotations

from ._sim import FRACTURE, HOMEOSTASIS, auc, iv, outcomes, par, peak_day, rel, run
from .registry import Measurement, claim

DEPLETION = iv("macrophage_depletion", 1.0, "1/day", 0.0)
LYMPHOCYTES = ("th1_cell", "th2_cell", "treg", "b_cell")


@claim(
    "C006",
    title='Secondary healing runs through three ordered phases and forms no scar',
    grade="A",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`002_d4dc4f77775320be.txt` § Introduction — «there are three steps in secondary healing (hematoma formation,'
        ' primary callus formation, and bone mineralization)» `002_d4dc4f77775320be.txt` § Introduction — «This kind '
        'of healing model is different from that of other tissues, due to the fact that there are no scar»'
    ),
    expected="In the standard fracture the peaks come in order hematoma (day 0) < cartilage (soft callus) < woven bone "
             "(mineralisation), each at least 5 days apart; the repair ends in bone: union by day 120 with the bone "
             "fraction ≥ 3 × the fibrous (scar) fraction",
    parameters=("p_cart", "p_wov", "q_endo", "k_fib", "k_hyp"),
)
def c006_ordered_phases_no_scar() -> Measurement:
    r = run(FRACTURE)
    o = outcomes(FRACTURE)
    days = {name: peak_day(r, name) for name in ("hematoma", "cartilage", "woven_bone")}
    gaps = (days["cartilage"] - days["hematoma"], days["woven_bone"] - days["cartilage"])
    ratio = o["bone_fraction_final"] / max(o["fibrous_fraction_final"], 1e-12)
    passed = min(gaps) >= 5.0 and o["union"] and ratio >= 3.0
    return Measurement(
        effect=ratio, threshold=3.0, passed=passed,
        summary=f"peaks: hematoma day {days['hematoma']:g}, cartilage day {days['cartilage']:g}, woven bone day "
                f"{days['woven_bone']:g}; union {o['union']} (day {o['time_to_union_days']:.1f}); bone "
                f"{o['bone_fraction_final']:.3f} vs fibrous {o['fibrous_fraction_final']:.3f} at day 120 ({ratio:.1f}×)",
        details={"peak_days": days, "bone_to_fibrous": ratio, "union": o["union"]},
    )


@claim(
    "C007",
    title='Depleting macrophages gives non-union and blocks osteoblast differentiation',
    grade="A",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`002_d4dc4f77775320be.txt` § Introduction — «the selective depletion of Mφs induced in vivo caused long-term'
        ' wound nonunion» `002_d4dc4f77775320be.txt` § The fate and polarization of Mφs — «The absence of '
        'monocytes/Mφs inhibits osteoblast differentiation»'
    ),
    expected="Depleting monocytes/macrophages (1/day from injury) gives non-union at day 120 (bone fraction below the "
             "union threshold 0.6), ≥ 20 % fewer callus osteoblasts (AUC days 0–56) and ≥ 15 % less bone at day 56",
    parameters=("e_mac_osteo", "K_mac_osteo", "k_e0", "k_e1", "k_e2"),
)
def c007_macrophage_depletion_nonunion() -> Measurement:
    base, dep = run(FRACTURE), run(FRACTURE, DEPLETION)
    ob, od = outcomes(FRACTURE), outcomes(FRACTURE, DEPLETION)
    mac = rel(auc(dep, "macrophages", 0, 28), auc(base, "macrophages", 0, 28))
    obs = rel(auc(dep, "callus_osteoblast", 0, 56), auc(base, "callus_osteoblast", 0, 56))
    bone = rel(od["bone_fraction_day_56"], ob["bone_fraction_day_56"])
    passed = (not od["union"]) and obs <= -0.20 and bone <= -0.15
    return Measurement(
        effect=bone, threshold=-0.15, passed=passed,
        summary=f"depletion removes {-mac:.0%} of macrophages (AUC 0–28 d): union {od['union']} (bone day 120 "
                f"{od['bone_fraction_final']:.3f} vs {ob['bone_fraction_final']:.3f}), callus osteoblasts {obs:+.0%}, "
                f"bone day 56 {bone:+.0%}",
        details={"macrophages": mac, "osteoblasts": obs, "bone_day_56": bone, "union": od["union"]},
    )


@claim(
    "C009",
    title='Macrophages support endochondral ossification; whether cartilage strictly needs them is contested',
    grade="C",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «mice without Mφs in bones show the '
        'characteristics of cartilage formation disorder and bone deposition obstruction» `002_d4dc4f77775320be.txt` '
        '§ The role of Mφs in bone healing — «whether Mφs are necessary for cartilage formation is still '
        'controversial, due to the fact that in the embryonic stage, the cartilage primordium already exists before '
        'the development of Mφs lineage»'
    ),
    expected="Each alternative of the contested hypothesis macrophage_cartilage gives its own prediction for macrophage "
             "depletion (1/day from injury): 'supportive' (default) — the chondrogenic (SOX9) drive of BMSCs (AUC days "
             "2–14) falls by ≥ 10 % (cartilage formation disturbed) yet cartilage still forms (peak ≥ 25 % of baseline); "
             "'independent' — the SOX9 drive does not fall (change > −5 %) and cartilage forms; under both, bone "
             "deposition is blocked (bone at day 56 ≥ 10 % lower). The cartilage matrix peak itself rises under both "
             "(reported, not asserted: the unossified hematoma persists without macrophages)",
    parameters=("mac_chondro_support", "K_mac_chondro", "mac_cartilage_hypothesis"),
)
def c009_macrophages_support_endochondral() -> Measurement:
    alternatives = {}
    for alt in ("supportive", "independent"):
        h = f"hypotheses.macrophage_cartilage={alt}"
        base, dep = run(FRACTURE, h), run(FRACTURE, h, DEPLETION)
        sox9 = rel(auc(dep, "chondro_drive", 2, 14), auc(base, "chondro_drive", 2, 14))
        cart = dep["cartilage"].max() / base["cartilage"].max()
        bone = rel(dep.at("bone_fraction", 56.0), base.at("bone_fraction", 56.0))
        own = sox9 <= -0.10 if alt == "supportive" else sox9 > -0.05
        alternatives[alt] = Measurement(
            effect=sox9, threshold=-0.10 if alt == "supportive" else -0.05,
            passed=own and cart >= 0.25 and bone <= -0.10,
            summary=f"depletion: SOX9 drive {sox9:+.0%}, cartilage peak ×{cart:.2f}, bone day 56 {bone:+.0%}",
            details={"sox9_drive": sox9, "cartilage_peak_ratio": cart, "bone_day_56": bone})
    sup = alternatives["supportive"]
    return Measurement(
        effect=sup.effect, threshold=-0.10, passed=all(a.passed for a in alternatives.values()),
        summary="; ".join(f"{k}: {a.summary}" for k, a in alternatives.items()),
        details={k: a.details for k, a in alternatives.items()}, alternatives=alternatives,
    )


@claim(
    "C010",
    title='The hematoma brings in neutrophils, macrophages and lymphocytes, which release growth factors and cytokines',
    grade="A",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 (Fracture healing) — «骨折断端周围的血管破裂并释放血液进入损伤部位形成血肿» (EN: "vessels around'
        ' the fracture ends rupture and release blood into the injury site, forming a hematoma") '
        '`003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «此时免疫细胞、中性粒细胞、巨噬细胞和淋巴细胞浸润组织，释放多种生长因子和细胞因子» (EN: "immune cells, '
        'neutrophils, macrophages and lymphocytes then infiltrate and release many growth factors and cytokines")'
    ),
    expected="After the fracture (hematoma at day 0) neutrophils peak within 4 days, macrophages are ≥ 2 × and "
             "lymphocytes (Th1 + Th2 + Treg + B) ≥ 1.3 × their pre-injury level by day 7; inflammatory cytokines "
             "(TNF-α) rise ≥ 3 × and growth factors (TGF-β, PDGF-BB, VEGF, BMP-2) each ≥ 2 × pre-injury, peaking after "
             "the neutrophil influx begins. Converse [I]: a minor injury with little bleeding and necrosis (severity "
             "'simple') has a ≥ 50 % smaller early influx (neutrophil peak, macrophage AUC days 0–7)",
    parameters=("k_n_rec", "k_mo_rec", "p_tgfb_hem", "p_pdgf_hem"),
)
def c010_hematoma_brings_immune_cells() -> Measurement:
    r, h = run(FRACTURE), run(HOMEOSTASIS, days=10.0)
    pre = {n: h.at(n, 10.0) for n in ("macrophages", "tnf_alpha", "tgf_beta", "pdgf_bb", "vegf", "bmp2", *LYMPHOCYTES)}
    lym_pre = sum(pre[n] for n in LYMPHOCYTES)
    lym7 = max(sum(r.at(n, t) for n in LYMPHOCYTES) for t in (3.0, 5.0, 7.0))
    neut_day = peak_day(r, "neutrophil")
    folds = {
        "macrophages (day 7)": max(r.at("macrophages", t) for t in (3.0, 5.0, 7.0)) / pre["macrophages"],
        "lymphocytes (day 7)": lym7 / lym_pre,
        "TNF-α (peak)": r["tnf_alpha"].max() / pre["tnf_alpha"],
    }
    gf = {n: r[n].max() / pre[n] for n in ("tgf_beta", "pdgf_bb", "vegf", "bmp2")}
    gf_after = all(peak_day(r, n) > 0.0 for n in gf)
    minor = run(FRACTURE, "injury.severity=simple")
    influx = {"neutrophil peak": rel(minor["neutrophil"].max(), r["neutrophil"].max()),
              "macrophage AUC 0–7": rel(auc(minor, "macrophages", 0, 7), auc(r, "macrophages", 0, 7))}
    passed = (neut_day <= 4.0 and folds["macrophages (day 7)"] >= 2.0 and folds["lymphocytes (day 7)"] >= 1.3
              and folds["TNF-α (peak)"] >= 3.0 and min(gf.values()) >= 2.0 and gf_after and max(influx.values()) <= -0.5)
    return Measurement(
        effect=folds["lymphocytes (day 7)"], threshold=1.3, passed=passed,
        summary=f"neutrophils peak day {neut_day:g}; " + ", ".join(f"{k} ×{v:.1f}" for k, v in folds.items())
                + "; growth factors " + ", ".join(f"{k} ×{v:.1f}" for k, v in gf.items())
                + "; minor injury: " + ", ".join(f"{k} {v:+.0%}" for k, v in influx.items()),
        details={"neutrophil_peak_day": neut_day, **folds, **gf, **influx},
    )


@claim(
    "C011",
    title='Macrophages are recruited by CXCL12, and TNF-α strengthens this',
    grade="A",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 4.2 骨折愈合 — «他们受到损伤组织趋化因子CXCL12表达的吸引，这一过程被TNFα增强» (EN: "they are attracted by '
        'the chemokine CXCL12 expressed by injured tissue, a process enhanced by TNF-α")'
    ),
    expected="Blocking CXCL12 (no SDF-1 synthesis) lowers macrophages at the site (AUC days 0–14) by ≥ 5 %; extra "
             "TNF-α (2 ng/mL/day, days 0–7) raises them by ≥ 3 % (recruitment is capped by the site's capacity)",
    parameters=("K_sdf_mo", "K_tnf_mo", "k_mo_rec", "M_max"),
)
def c011_cxcl12_and_tnf_recruit_macrophages() -> Measurement:
    base = run(FRACTURE)
    blocked = run(FRACTURE, par(p_sdf_basal=0.0, p_sdf_hif=0.0, p_sdf_mac=0.0))
    tnf = run(FRACTURE, iv("tnf_alpha", 2.0, "ng/mL/day", 0.0, 7.0))
    m0 = auc(base, "macrophages", 0, 14)
    block = rel(auc(blocked, "macrophages", 0, 14), m0)
    boost = rel(auc(tnf, "macrophages", 0, 14), m0)
    passed = block <= -0.05 and boost >= 0.03
    return Measurement(
        effect=block, threshold=-0.05, passed=passed,
        summary=f"macrophages (AUC 0–14 d): CXCL12 blocked {block:+.1%}, extra TNF-α {boost:+.1%}",
        details={"cxcl12_blocked": block, "tnf_added": boost},
    )


@claim(
    "C013",
    title='Bone-resident macrophages clear apoptotic bone cells and help osteoblasts deposit mineral',
    grade="A",
    section='B. Healing phases and whether macrophages are required',
    quote=(
        '`003_b335aac3ed2f8940.txt` § 1 巨噬细胞 (Macrophages) — «骨巨噬细胞可能通过清除凋亡骨细胞来和促进成骨细胞矿物质沉积对成骨发挥要作用» (EN: "osteal '
        'macrophages may be important for osteogenesis by clearing apoptotic bone cells and promoting osteoblast '
        'mineral deposition")'
    ),
    expected="Without macrophages (depletion) dead-cell debris builds up (debris AUC days 0–28 ≥ 50 % higher, "
             "cleared ≥ 7 days later) and osteoblast mineral deposition falls (woven bone at day 28 ≥ 10 % lower)",
    parameters=("k_e0", "k_e1", "k_e2", "a_ed"),
)
def c013_macrophages_clear_debris_and_help_mineralise() -> Measurement:
    base, dep = run(FRACTURE), run(FRACTURE, DEPLETION)
    ob, od = outcomes(FRACTURE), outcomes(FRACTURE, DEPLETION)
    debris = rel(auc(dep, "debris", 0, 28), auc(base, "debris", 0, 28))
    cb, cd = ob["debris_cleared_day"], od["debris_cleared_day"]
    delay = float("inf") if cd is None else cd - cb
    woven = rel(dep.at("woven_bone", 28.0), base.at("woven_bone", 28.0))
    passed = debris >= 0.5 and delay >= 7.0 and woven <= -0.10
    return Measurement(
        effect=debris, threshold=0.5, passed=passed,
        summary=f"depletion: debris AUC {debris:+.0%}, cleared day {cd if cd is None else round(cd, 1)} vs {cb:.1f}, "
                f"woven bone day 28 {woven:+.0%}",
        details={"debris_auc": debris, "cleared_delay_days": delay, "woven_day_28": woven},
    )
