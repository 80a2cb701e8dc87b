"""Seed claims, section D: inflammation depends on dose and timing (C025–C029).

Drugs and cytokines are intervention agents of the scenario catalogue: ``nsaid`` (fraction of COX-2 activity
blocked), ``tnf_alpha`` (local TNF-α delivery, ng/mL/day), ``ifn_gamma`` (local IFN-γ, used to prolong the M1
phase).  Removing the M1 phase is the knock-out of M0→M1 polarisation (``k01 = 0``).
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, iv, mean, outcomes, par, rel, run, union_day
from .registry import Measurement, claim

NSAID_FIRST_WEEK = iv("nsaid", 1.0, "fraction", 0.0, 7.0)


def _union_text(o) -> str:
    t = o["time_to_union_days"]
    return "no union by day 120" if t is None else f"union day {t:.1f}"


@claim(
    "C025",
    title='NSAIDs added during healing inhibit it or even stop it',
    grade="B",
    section='D. Inflammation depends on dose and timing',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «after adding nonsteroidal anti-inflammatory '
        'drugs, the process of bone healing was inhibited or even terminated» `002_d4dc4f77775320be.txt` § The role '
        'of Mφs in bone healing — «moderate inflammatory infiltration mediated by M1Mφs is necessary and it is able '
        'to recruit stem cells into special regions»'
    ),
    expected="A full COX-2 block (NSAID) during the first week lowers BMSC recruitment (BMSCs at the site, AUC days 0–14) "
             "by ≥ 15 %, the soft callus (cartilage peak) by ≥ 5 % and bone at day 56 by ≥ 10 %, and delays union by "
             "≥ 20 %; a full block over days 0–56 prevents union by day 120 (a dose at which union fails)",
    parameters=("a_pge2_rec", "K_pge2_rec", "p_pge2", "k_bmsc_rec"),
)
def c025_nsaids_inhibit_healing() -> Measurement:
    b, ob = run(FRACTURE), outcomes(FRACTURE)
    r, o = run(FRACTURE, NSAID_FIRST_WEEK), outcomes(FRACTURE, NSAID_FIRST_WEEK)
    long_o = outcomes(FRACTURE, iv("nsaid", 1.0, "fraction", 0.0, 56.0))
    bmsc = rel(auc(r, "bmsc", 0, 14), auc(b, "bmsc", 0, 14))
    callus = rel(o["cartilage_peak"], ob["cartilage_peak"])
    bone = rel(o["bone_fraction_day_56"], ob["bone_fraction_day_56"])
    delay = rel(union_day(o), union_day(ob))
    passed = bmsc <= -0.15 and callus <= -0.05 and bone <= -0.10 and delay >= 0.20 and not long_o["union"]
    return Measurement(
        effect=bone, threshold=-0.10, passed=passed,
        summary=f"NSAID days 0–7: BMSCs {bmsc:+.0%}, cartilage peak {callus:+.0%}, bone day 56 {bone:+.1%}, "
                f"{_union_text(o)} vs {ob['time_to_union_days']:.1f}; NSAID days 0–56: {_union_text(long_o)}",
        details={"bmsc_auc": bmsc, "cartilage_peak": callus, "bone_day_56": bone, "union_delay": delay,
                 "long_block_union": long_o["union"]},
    )


M1_DURATIONS = {
    "no M1 phase (M0→M1 blocked)": (par(k01=0.0),),
    "normal (baseline)": (),
    "prolonged to day 14 (IFN-γ 3 ng/mL/day, days 3–14)": (iv("ifn_gamma", 3.0, "ng/mL/day", 3.0, 11.0),),
    "prolonged to day 28 (IFN-γ 3 ng/mL/day, days 3–28)": (iv("ifn_gamma", 3.0, "ng/mL/day", 3.0, 25.0),),
}


@claim(
    "C026",
    title='M1 duration has an optimum: no M1 phase impairs healing, and so does a prolonged one',
    grade="A",
    section='D. Inflammation depends on dose and timing',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «longer M1Mφs infiltration is not conducive '
        'to tissue healing, due to the fact that it may strengthen tissue damage and influence the later regeneration'
        ' processes» `002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «moderate inflammatory '
        'infiltration mediated by M1Mφs is necessary and it is able to recruit stem cells into special regions»'
    ),
    expected="Sweeping the duration of the M1 phase (none → normal → prolonged to day 14 → to day 28) gives an inverted U: "
             "the normal, moderate M1 phase unites first, and removing the M1 phase or prolonging it each delays union by "
             "≥ 20 % and lowers bone at day 56",
    parameters=("e_m1_damage", "K_m1_damage", "e_chemo_rec", "k01", "k_bmsc_rec"),
)
def c026_m1_duration_optimum() -> Measurement:
    res = {}
    for name, ov in M1_DURATIONS.items():
        r, o = run(FRACTURE, *ov), outcomes(FRACTURE, *ov)
        m1_days = float((r["m1_macrophage"] > 0.5 * run(FRACTURE)["m1_macrophage"].max()).sum() * 0.25)
        res[name] = (union_day(o), o["bone_fraction_day_56"], m1_days, o)
    base_union, base_bone = res["normal (baseline)"][0], res["normal (baseline)"][1]
    others = {k: v for k, v in res.items() if k != "normal (baseline)"}
    delays = {k: rel(v[0], base_union) for k, v in others.items()}
    losses = {k: rel(v[1], base_bone) for k, v in others.items()}
    passed = min(delays.values()) >= 0.20 and max(losses.values()) < 0.0
    return Measurement(
        effect=min(delays.values()), threshold=0.20, passed=passed,
        summary="; ".join(f"{k}: M1 > half its normal peak for {v[2]:g} d, {_union_text(v[3])}, bone day 56 {v[1]:.3f}"
                          for k, v in res.items()),
        details={"union_delay": delays, "bone_day_56_change": losses},
    )


@claim(
    "C027",
    title=(
        'TNF-α has a dose- and time-dependent effect: low doses speed regeneration, while high or chronic TNF-α harms'
        ' bone'
    ),
    grade="I",
    section='D. Inflammation depends on dose and timing',
    quote=(
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «low concentration of TNF-α would accelerate '
        'the process of bone regeneration by increasing the expression of RUNX2, OSX, ALP, and BMP2» '
        '`002_d4dc4f77775320be.txt` § The role of Mφs in bone healing — «by increasing the expression of RUNX2, OSX, '
        'ALP, and BMP2, which meant that the effect of TNF-α on the bone healing process was time-dependent and '
        'dose-dependent» `004_8a55de2aef7e7eaa.txt` § 2.2 The generation and clearance of ROS — «TNF-α itself '
        'inhibits osteoblast differentiation by activating NF-κB and MAPK pathways whilst suppressing the SMAD1/5/8 '
        'pathway» `004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «Activates NF-κB signaling, which inhibits the '
        'Wnt/β-catenin pathway. Induces osteoblast apoptosis and stimulates osteoclastogenesis via RANKL»'
    ),
    expected="TNF-α is biphasic: a low, short local dose (0.5 ng/mL/day, days 0–3) speeds regeneration (union ≥ 5 % "
             "earlier or bone at day 28 ≥ 3 % higher), while a high chronic dose (5 ng/mL/day, days 0–56) lowers bone at "
             "day 28 by ≥ 20 % and delays union by ≥ 50 %",
    xfail="Only the high/chronic arm is reproduced. A low TNF-α dose is neutral-to-harmful (union ~5 % later): the "
          "pro-regenerative TNF-α arms (BMSC proliferation, K_tnf_lo = 0.05 ng/mL; recruitment through M1 chemokines, "
          "K_chemo_rec) are already saturated by the endogenous TNF-α of a fracture (peak ~0.09 ng/mL), while the "
          "differentiation arrest (K_tnf_diff = 0.1 ng/mL, after Trejo 2019) and M1 polarisation respond to any extra "
          "TNF-α. A BMP-2 induction by low TNF-α was tried and changed union by < 0.5 day. Missing: a low-dose TNF-α "
          "target that is not saturated in a normal fracture (RUNX2/OSX/ALP up-regulation on the rate of "
          "osteogenic differentiation, TNF-α-driven recruitment of muscle-derived stromal cells, cite:glass2011)",
    parameters=("K_tnf_diff", "K_tnf_hi", "K_tnf_lo", "e_tnf_prolif", "e_tnf_apop", "K_tnf_apop"),
)
def c027_tnf_biphasic() -> Measurement:
    ob = outcomes(FRACTURE)
    low = outcomes(FRACTURE, iv("tnf_alpha", 0.5, "ng/mL/day", 0.0, 3.0))
    high = outcomes(FRACTURE, iv("tnf_alpha", 5.0, "ng/mL/day", 0.0, 56.0))
    low_union = rel(union_day(low), union_day(ob))
    low_bone = rel(low["bone_fraction_day_28"], ob["bone_fraction_day_28"])
    high_bone = rel(high["bone_fraction_day_28"], ob["bone_fraction_day_28"])
    high_union = rel(union_day(high), union_day(ob))
    low_ok = low_union <= -0.05 or low_bone >= 0.03
    high_ok = high_bone <= -0.20 and high_union >= 0.50
    return Measurement(
        effect=low_union, threshold=-0.05, passed=low_ok and high_ok,
        summary=f"low/short TNF-α: union {low_union:+.0%}, bone day 28 {low_bone:+.1%} ({'helps' if low_ok else 'does NOT help'}); "
                f"high/chronic: union {high_union:+.0%}, bone day 28 {high_bone:+.0%} ({'harms' if high_ok else 'does NOT harm enough'})",
        details={"low_union": low_union, "low_bone_28": low_bone, "high_union": high_union, "high_bone_28": high_bone},
    )


@claim(
    "C029",
    title='A pro-inflammatory biomaterial (graphene oxide) can still raise osteogenesis through OSM',
    grade="B",
    section='D. Inflammation depends on dose and timing',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «when Mφs co-culture '
        'with graphene oxide (Go), the inflammatory response will be strengthened and the osteogenic differentiation '
        'of BMSCs will also be enhanced»'
    ),
    expected="A pro-inflammatory biomaterial cue (a small-pore scaffold, 34 µm vs 300 µm; graphene oxide itself is not a "
             "model input) raises inflammation (M1 AUC days 0–14 ≥ 5 %, TNF-α ≥ 2 %) AND the osteogenic drive of BMSCs "
             "(RUNX2 drive, days 3–28, ≥ 2 %) through M1-derived OSM (≥ 5 %): more inflammation does not always mean "
             "less osteogenesis",
    parameters=("w_pore_m1", "K_pore", "e_osm_osteo", "K_osm"),
)
def c029_inflammatory_material_can_raise_osteogenesis() -> Measurement:
    large = run(FRACTURE, iv("scaffold", 1.0, "fraction", 0.0, pore_um=300.0))
    small = run(FRACTURE, iv("scaffold", 1.0, "fraction", 0.0, pore_um=34.0))
    ch = {"M1": rel(auc(small, "m1_macrophage", 0, 14), auc(large, "m1_macrophage", 0, 14)),
          "TNF-α": rel(auc(small, "tnf_alpha", 0, 14), auc(large, "tnf_alpha", 0, 14)),
          "OSM": rel(auc(small, "osm", 0, 14), auc(large, "osm", 0, 14)),
          "RUNX2 drive": rel(mean(small, "osteo_drive", 3, 28), mean(large, "osteo_drive", 3, 28))}
    passed = ch["M1"] >= 0.05 and ch["TNF-α"] >= 0.02 and ch["OSM"] >= 0.05 and ch["RUNX2 drive"] >= 0.02
    return Measurement(
        effect=ch["RUNX2 drive"], threshold=0.02, passed=passed,
        summary="small vs large pores: " + ", ".join(f"{k} {v:+.1%}" for k, v in ch.items()),
        details=ch,
    )
