"""Seed claims, section H: biomaterials (C057–C061).

Scaffolds enter the standard fracture as the ``scaffold`` agent (stiffness, pore size), calcium-phosphate (BCP)
particles as ``calcium_phosphate``, cytokine-releasing scaffolds as local IFN-γ / IL-4 deliveries, and carried cells
as a ``bmsc_transplantation`` bolus.
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, intervention, interventions, outcomes, rel, run
from ._sim2 import BMSC_DOSE, rel_auc
from .registry import Measurement, claim

SECTION = "H. Biomaterials"


def _scaffold(stiffness_kpa: float = 30.0, pore_um: float = 300.0) -> str:
    return intervention("scaffold", 1.0, "fraction", 0.0, None, stiffness_kpa=stiffness_kpa, pore_um=pore_um)


def _bmsc() -> str:
    return intervention("bmsc_transplantation", BMSC_DOSE, "cell/mL", 0.0)


#: a bare implant that provokes a foreign-body reaction: stiff (3 MPa) with small (30 µm) pores
FBR_IMPLANT = _scaffold(3000.0, 30.0)
#: a modified carrier: neutral stiffness, open 300 µm pores
CARRIER = _scaffold(30.0, 300.0)


@claim(
    "C057",
    title='A foreign-body reaction makes implants fail, while carriers shelter transplanted cells',
    grade="A",
    section='H. Biomaterials',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «Foreign body reaction'
        ' (FBR) and fiber wrapping often lead to unsuccessful biomaterial implantation» `002_d4dc4f77775320be.txt` § '
        'The regulatory effect of biomaterials on Mφs and BMSCs — «Biomaterials can be used as cell carriers to '
        'provide shelters for transplanted cells to avoid excessive infiltration, which ensures the survival of '
        'exogenous cells» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — '
        '«Perfect biomaterials must be able to stimulate moderate inflammatory response, release cytokines to nourish'
        ' stem cells, and integrate new tissues»'
    ),
    expected=(
        'Standard fracture with a bare pro-inflammatory implant (3 MPa, 30 µm pores) vs no implant: fibrous tissue at'
        ' day 120 ≥ +10 % and bone fraction at day 56 ≥ 5 % lower (foreign-body reaction, fibrous wrapping, failure).'
        ' A carrier (30 kPa, 300 µm pores) loaded with BMSCs vs the same BMSCs without carrier: BMSCs at the site '
        '(integral days 0–14) ≥ +5 % and bone at day 56 not lower.'
    ),
    parameters=('w_stiff_m1', 'w_pore_m1', 'K_pore', 'e_scaffold_bmsc', 'k_fib', 'w_fbr_stiff', 'K_fbr', 'k_fbgc',
                'p_tgfb_fbgc', 'k_caps', 'K_fbgc_caps'),
)
def c057_foreign_body_vs_carrier() -> Measurement:
    base = outcomes(FRACTURE)
    fbr = outcomes(FRACTURE, interventions(FBR_IMPLANT))
    d_fib = rel(fbr["fibrous_fraction_final"], base["fibrous_fraction_final"])
    d_bone = rel(fbr["bone_fraction_day_56"], base["bone_fraction_day_56"])
    cells = run(FRACTURE, interventions(_bmsc()))
    carried = run(FRACTURE, interventions(CARRIER, _bmsc()))
    d_cells = rel_auc(carried, cells, "bmsc", 0.0, 14.0)
    d_bone_carrier = rel(outcomes(FRACTURE, interventions(CARRIER, _bmsc()))["bone_fraction_day_56"],
                         outcomes(FRACTURE, interventions(_bmsc()))["bone_fraction_day_56"])
    passed = d_fib >= 0.10 and d_bone <= -0.05 and d_cells >= 0.05 and d_bone_carrier >= 0.0
    return Measurement(
        effect=d_bone, threshold=-0.05, passed=passed,
        summary=f"FBR implant: fibrous tissue {d_fib:+.1%}, bone d56 {d_bone:+.1%}; carrier + BMSCs vs BMSCs: "
                f"BMSCs {d_cells:+.1%}, bone d56 {d_bone_carrier:+.1%}",
        details={"fbr_fibrous_change": d_fib, "fbr_bone56_change": d_bone, "carrier_bmsc_change": d_cells,
                 "carrier_bone56_change": d_bone_carrier},
    )


IFN = ("ifn_gamma", 1.0, "ng/mL/day")
IL4 = ("il4", 3.0, "ng/mL/day")


def _release(order: str) -> str:
    """Scaffold plus IFN-γ/IL-4 release: 'sequential' (IFN-γ days 0–3 then IL-4 days 3–10), 'blank', 'together'
    (both days 0–10) or 'reversed' (IL-4 days 0–3 then IFN-γ days 3–10)."""
    items = [CARRIER]
    if order == "sequential":
        items += [intervention(*IFN, 0.0, 3.0), intervention(*IL4, 3.0, 7.0)]
    elif order == "together":
        items += [intervention(*IFN, 0.0, 10.0), intervention(*IL4, 0.0, 10.0)]
    elif order == "reversed":
        items += [intervention(*IL4, 0.0, 3.0), intervention(*IFN, 3.0, 7.0)]
    return interventions(*items)


@claim(
    "C059",
    title='A scaffold releasing IFN-γ first and then IL-4 improves macrophage polarisation and revascularisation',
    grade="B",
    section='H. Biomaterials',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «Ujiie has designed a '
        'kind of scaffold materials with releasing interferon-γ (IFN-γ)/IL-4 in sequence. They also proved that it '
        'was positive for the polarization of Mφs and revascularization»'
    ),
    expected=(
        'Scaffold releasing IFN-γ (1 ng/mL/day, days 0–3) then IL-4 (3 ng/mL/day, days 3–10) vs a blank scaffold: M1 '
        'peaks before M2 (a proper M1→M2 sequence) and vascularisation (integral of vascular density, days 0–28) is ≥'
        ' 1 % higher. Simultaneous and reversed release ([I]) are reported, not scored.'
    ),
    parameters=('K_ifn_m1', 'K_il4_m2', 'k12_max', 'K_m1_ang', 'k_ang', 'p_pdgf_m2', 'a_pdgf_ang', 'K_pdgf_ang'),
)
def c059_sequential_ifn_il4_scaffold() -> Measurement:
    runs = {k: run(FRACTURE, _release(k)) for k in ("blank", "sequential", "together", "reversed")}
    vasc = {k: rel_auc(r, runs["blank"], "vascular_density", 0.0, 28.0) for k, r in runs.items()}
    seq = runs["sequential"]
    t = seq.time
    m1_peak = float(t[int(seq["m1_macrophage"].argmax())])
    m2_peak = float(t[int(seq["m2_macrophage"].argmax())])
    passed = m1_peak < m2_peak and vasc["sequential"] >= 0.01
    return Measurement(
        effect=vasc["sequential"], threshold=0.01, passed=passed,
        summary=f"IFN-γ→IL-4: M1 peak day {m1_peak:.1f} < M2 peak day {m2_peak:.1f}; vascularisation vs blank "
                f"{vasc['sequential']:+.1%} (together {vasc['together']:+.1%}, reversed {vasc['reversed']:+.1%})",
        details={"vascular_change": vasc, "m1_peak_day": m1_peak, "m2_peak_day": m2_peak},
    )


BCP = intervention("calcium_phosphate", 1.0, "fraction", 0.0)


@claim(
    "C061",
    title='Fibrin or hydroxyapatite carriers loaded with BMSCs give M1 early and M2 later, and BCP with BMSCs attracts macrophages',
    grade="B",
    section='H. Biomaterials',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — «the majority of Mφs '
        'polarized into M1Mφs in the early stage, but it is interesting that M1Mφs would be transformed into M2Mφs in'
        ' the later stage» `002_d4dc4f77775320be.txt` § The regulatory effect of biomaterials on Mφs and BMSCs — '
        '«implanted BMSCs on biphasic calcium phosphate (BCP) particles to construct a new BMSCs-biomaterial system '
        'and observed obvious chemotaxis of Mφs»'
    ),
    expected=(
        'BCP particles loaded with BMSCs (5×10⁵ cells/mL) vs BCP alone in the fracture: with BMSCs M1 outnumber M2 '
        'early (day 1) and M2 outnumber M1 later (day 7), the M2 share at day 3 is higher than without BMSCs (switch '
        'attributed to BMSC PGE2), and BCP + BMSCs recruit more macrophages (integral days 0–7) than BMSCs without '
        'BCP, by ≥ 5 %.'
    ),
    parameters=('K_pge2_m2', 'p_pge2', 'e_cap_recruit', 'K_bmsc_m2'),
)
def c061_carrier_bmscs_m1_then_m2() -> Measurement:
    with_cells = run(FRACTURE, interventions(BCP, _bmsc()))
    no_cells = run(FRACTURE, interventions(BCP))
    cells_only = run(FRACTURE, interventions(_bmsc()))

    def share(r, d):
        m0, m1, m2 = (r.at(s, d) for s in ("m0_macrophage", "m1_macrophage", "m2_macrophage"))
        return m2 / (m0 + m1 + m2)

    early = with_cells.at("m1_macrophage", 1.0) > with_cells.at("m2_macrophage", 1.0)
    late = with_cells.at("m2_macrophage", 7.0) > with_cells.at("m1_macrophage", 7.0)
    d_share3 = rel(share(with_cells, 3.0), share(no_cells, 3.0))
    d_recruit = rel_auc(with_cells, cells_only, "macrophages", 0.0, 7.0)
    passed = early and late and d_share3 > 0 and d_recruit >= 0.05
    return Measurement(
        effect=d_recruit, threshold=0.05, passed=passed,
        summary=f"BCP + BMSCs: M1 > M2 at day 1: {early}, M2 > M1 at day 7: {late}; M2 share at day 3 vs BCP alone "
                f"{d_share3:+.1%}; macrophages (days 0–7) vs BMSCs without BCP {d_recruit:+.1%}",
        details={"m1_dominant_day1": early, "m2_dominant_day7": late, "m2_share_day3_change": d_share3,
                 "macrophage_recruitment_change": d_recruit},
    )
