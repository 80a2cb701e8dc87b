"""Seed claims, section I: aging (C063 contested aged-M1 output, C065 adipogenic shift of aged BMSCs).

Young = the standard fracture of a 30-year-old; aged = the same fracture at 75 (``fracture-healing-aged``:
inflammaging, adipogenic BMSC shift, iron and ROS accumulation, postmenopausal).
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, mean, outcomes, rel, run
from ._sim2 import first_day_above, rel_auc
from .registry import Measurement, claim

AGED = "fracture-healing-aged"
SECTION = "I. Aging"
#: the inflammatory phase compared between young and aged (day)
INFLAMMATION = (0.0, 14.0)


def _inflammation(result, rest_level: float) -> dict[str, float]:
    """Pro-inflammatory burden of the injury phase: TNF-α + IL-1β integral and peak, IL-1ra mean, and the first day
    after its peak that TNF-α is back below ``rest_level`` (how long inflammation lasts; the end of the run if never)."""
    t = result.time
    infl = result["tnf_alpha"] + result["il1_beta"]
    mask = (t >= INFLAMMATION[0]) & (t <= INFLAMMATION[1])
    tnf = result["tnf_alpha"]
    i_peak = int(tnf[mask].argmax())
    resolved = None
    for i in range(i_peak, len(t)):
        if tnf[i] <= rest_level:
            resolved = float(t[i])
            break
    return {
        "auc": float(auc(result, "tnf_alpha", *INFLAMMATION) + auc(result, "il1_beta", *INFLAMMATION)),
        "peak": float(infl[mask].max()),
        "il1ra": mean(result, "il1ra", *INFLAMMATION),
        "resolution_day": resolved if resolved is not None else float(t[-1]),
    }


@claim(
    "C063",
    title='Aged M1 macrophages: less or more inflammatory?',
    grade="C",
    section='I. Aging',
    quote=(
        '`002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «Mahbub et al. have found that aged M1Mφs '
        'secreted less IL-1β and TNF-α than younger ones, which caused a mild inflammatory reaction» '
        '`002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «aged M1Mφs significantly upregulated the '
        'expression of pro-inflammatory factor (TNF-α) and down-regulated the expression of anti-inflammatory factor '
        '(IL-1ra)»'
    ),
    expected=(
        'Contested; the model exposes hypothesis aged_m1_output. Aged (75 y) vs young fracture, days 0–14: '
        "'more_inflammatory' (Barrett/Gibon, the default) predicts a TNF-α + IL-1β burden ≥ 10 % above the young one "
        'and inflammation lasting longer (TNF-α back below 1.5× the young pre-injury level later, or never); '
        "'less_inflammatory' (Mahbub) predicts a milder peak than young (TNF-α + IL-1β peak lower) and a burden ≥ 10 "
        "% below the 'more_inflammatory' aged one."
    ),
    parameters=('aged_m1_hypothesis', 'e_aged_m1', 'e_aged_infl'),
)
def c063_aged_m1_output() -> Measurement:
    young_run = run(FRACTURE)
    rest = 1.5 * float(young_run["tnf_alpha"][0])  # 1.5 × the young pre-injury TNF-α
    young = _inflammation(young_run, rest)
    more = _inflammation(run(AGED, "hypotheses.aged_m1_output=more_inflammatory"), rest)
    less = _inflammation(run(AGED, "hypotheses.aged_m1_output=less_inflammatory"), rest)
    d_more = rel(more["auc"], young["auc"])
    longer = more["resolution_day"] > young["resolution_day"]
    alt_more = Measurement(
        effect=d_more, threshold=0.10, passed=d_more >= 0.10 and longer,
        summary=f"aged burden {d_more:+.1%} vs young; TNF-α back near baseline on day {more['resolution_day']:.1f} "
                f"(young {young['resolution_day']:.1f}); IL-1ra {rel(more['il1ra'], young['il1ra']):+.1%}",
        details={"young": young, "aged": more})
    d_less = rel(less["auc"], more["auc"])
    d_peak = rel(less["peak"], young["peak"])
    alt_less = Measurement(
        effect=d_peak, threshold=0.0, passed=d_peak < 0 and d_less <= -0.10,
        summary=f"aged peak {d_peak:+.1%} vs young (milder), burden {d_less:+.1%} vs the more-inflammatory aged",
        details={"young": young, "aged": less})
    alts = {"more_inflammatory": alt_more, "less_inflammatory": alt_less}
    return Measurement(
        effect=d_more - rel(less["auc"], young["auc"]), threshold=None, passed=alt_more.passed and alt_less.passed,
        summary="; ".join(f"{k}: {a.summary}" for k, a in alts.items()),
        details={k: a.details for k, a in alts.items()}, alternatives=alts,
    )


@claim(
    "C065",
    title='Aged BMSCs shift toward fat, so healing in old individuals is worse',
    grade="A",
    section='I. Aging',
    quote=(
        '`002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «BMSCs were more sensitive to aging than '
        'Mφs» `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — «decreased expression of '
        'transcriptional coactivators containing PDZ binding sequences, which leads to the increasing expression of '
        'PPARγ and decreasing expression of RUNX2» `002_d4dc4f77775320be.txt` § The aging effects on Mφs and BMSCs — '
        '«Aging makes old patients not only suffer from more pain during fracture healing, but also get the worse '
        'healing outcome than young patients» `002_d4dc4f77775320be.txt` § The prospects for the crosstalk between '
        'Mφs and BMSCs in bone healing — «the crosstalk between Mφs and BMSCs in vivo is not enough to achieve the '
        'desired outcome of bone repairing due to cell deficiency, aging, and excessive tissue inflammatory»'
    ),
    expected=(
        'Aged (75 y) vs young fracture: PPARγ (adipogenic) drive ≥ +50 % and RUNX2 (osteogenic) drive ≥ 20 % lower '
        '(means over days 0–56), marrow adipocytes ≥ +50 %; healing worse: union ≥ 1.5× later and bone at day 56 ≥ 10'
        ' % lower, yet union within 180 days (later/less, not impossible); BMSCs more sensitive to aging than '
        'macrophages (|relative change| of their output, osteoblasts made (integral days 0–56), > that of the '
        'macrophage integral, days 0–28).'
    ),
    parameters=('e_age_rec', 'e_age_prolif', 'e_age_pdz', 'e_age_adipo', 'e_fe_age', 'e_repair_age', 'age_span'),
)
def c065_aged_bmscs_shift_to_fat() -> Measurement:
    young, aged = run(FRACTURE, days=180.0), run(AGED, days=180.0)
    oy, oa = outcomes(FRACTURE, days=180.0), outcomes(AGED, days=180.0)
    d_adipo = rel(mean(aged, "adipo_drive", 0, 56), mean(young, "adipo_drive", 0, 56))
    d_osteo = rel(mean(aged, "osteo_drive", 0, 56), mean(young, "osteo_drive", 0, 56))
    d_fat = rel(mean(aged, "adipocyte", 0, 56), mean(young, "adipocyte", 0, 56))
    t_y, t_a = oy["time_to_union_days"], oa["time_to_union_days"]
    later = t_a is not None and t_y is not None and t_a >= 1.5 * t_y
    d_bone = rel(oa["bone_fraction_day_56"], oy["bone_fraction_day_56"])
    d_bmsc = rel_auc(aged, young, "callus_osteoblast", 0, 56)
    d_mac = rel_auc(aged, young, "macrophages", 0, 28)
    passed = (d_adipo >= 0.5 and d_osteo <= -0.2 and d_fat >= 0.5 and later and d_bone <= -0.10
              and bool(oa["union"]) and abs(d_bmsc) > abs(d_mac))
    return Measurement(
        effect=d_bone, threshold=-0.10, passed=passed,
        summary=f"aged: PPARγ drive {d_adipo:+.0%}, RUNX2 drive {d_osteo:+.0%}, adipocytes {d_fat:+.0%}; union day "
                f"{t_a if t_a is None else round(t_a, 1)} vs {t_y if t_y is None else round(t_y, 1)}, bone d56 {d_bone:+.1%}; "
                f"BMSC output (osteoblasts) {d_bmsc:+.1%} vs macrophages {d_mac:+.1%}",
        details={"adipo_drive_change": d_adipo, "osteo_drive_change": d_osteo, "adipocyte_change": d_fat,
                 "union_day_aged": t_a, "union_day_young": t_y, "bone56_change": d_bone, "bmsc_output_change": d_bmsc,
                 "macrophage_change": d_mac},
    )
