"""Seed claims, section G: BMSCs acting on macrophages and immunity (C049–C056).

BMSCs are delivered into the standard fracture (a bolus of :data:`~._sim2.BMSC_DOSE` cells/mL at day 0, the in-vivo
analogue of a co-culture) or into a lymphocyte-rich site (active rheumatoid arthritis), and the macrophage, cytokine
and lymphocyte responses are compared with the same site without them.
"""

from __future__ import annotations

from ._sim import FRACTURE, auc, iv, intervention, interventions, mean, par, rel, run
from ._sim2 import BMSC_DOSE, m1_share, m2_share, rel_auc, rel_mean
from .registry import Measurement, claim

SECTION = "G. BMSCs acting on macrophages and immunity"
#: the window in which the delivered BMSCs are present and meet the injury's macrophages (day; they differentiate within days)
EARLY = (0.5, 4.0)


def _bmsc(dose: float = BMSC_DOSE, start: float = 0.0) -> str:
    return iv("bmsc_transplantation", dose, "cell/mL", start)


def _m2_response(extra: tuple[str, ...] = ()) -> dict[str, float]:
    base = run(FRACTURE, *extra)
    co = run(FRACTURE, *extra, _bmsc())
    return {
        "m2_share": rel(m2_share(co, *EARLY), m2_share(base, *EARLY)),
        "il10": rel_mean(co, base, "il10", *EARLY),
        "tnf_alpha": rel_mean(co, base, "tnf_alpha", *EARLY),
        "il12": rel_mean(co, base, "il12", *EARLY),
    }


@claim(
    "C049",
    title='BMSCs polarise macrophages to M2 (IL-10 up, TNF-α, HLA-II and IL-12 down, Arg-1 up)',
    grade="A",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs '
        'secrete various cytokines in the microenvironment to stimulate Mφs to polarize into M2Mφs with upregulating '
        'IL-10 and downregulating TNF-α/HLA-II/IL-12» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on '
        'the immune response mediated by Mφs — «Mφs adjacent to BMSCs showed an increasing expression of Arg-1 which '
        'is a special marker for M2Mφs»'
    ),
    expected=(
        'BMSCs delivered into the standard fracture (5×10⁵ cells/mL at day 0) vs none, averaged over days 0.5–4 while'
        ' they are present (they differentiate within days): the M2 share of macrophages rises by ≥ 5 % (Arg-1 is '
        'read as the M2 share), IL-10 by ≥ 10 %, and TNF-α and IL-12 fall by ≥ 5 % each. HLA-II is not modelled.'
    ),
    parameters=('K_bmsc_m2', 'p_il10_bmsc', 'p_il1ra_bmsc', 'K_il10_inh'),
)
def c049_bmscs_polarise_to_m2() -> Measurement:
    d = _m2_response()
    passed = d["m2_share"] >= 0.05 and d["il10"] >= 0.10 and d["tnf_alpha"] <= -0.05 and d["il12"] <= -0.05
    return Measurement(
        effect=d["m2_share"], threshold=0.05, passed=passed,
        summary=f"with BMSCs: M2 share {d['m2_share']:+.1%}, IL-10 {d['il10']:+.1%}, TNF-α {d['tnf_alpha']:+.1%}, "
                f"IL-12 {d['il12']:+.1%} (days 0.5–4)",
        details=d,
    )


IL4_WINDOW = (3.0, 14.0)  # a hydrogel releasing IL-4 from day 3 for two weeks (after the M1 phase)
IL4_SWEEP_FAST = (0.0, 1.0, 30.0)  # ng/mL/day: none, moderate, excessive


def il4_point(dose: float):
    """The fracture with IL-4 released at ``dose`` ng/mL/day over :data:`IL4_WINDOW` (baseline at dose 0)."""
    if dose == 0:
        return run(FRACTURE)
    return run(FRACTURE, iv("il4", dose, "ng/mL/day", IL4_WINDOW[0], IL4_WINDOW[1]))


@claim(
    "C051",
    title='IL-4 helps at moderate levels but harms osteogenesis in excess, and BMSC IL-4 feeds back on itself',
    grade="A",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs '
        'secrete IL-4 to promote bone regeneration by enhancing vascularization and decreasing the activation of '
        'osteoclasts» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by '
        'Mφs — «IL-4 is sensitive to NF-kB signaling pathway and has the ability to further promote BMSCs to secrete '
        'more IL-4, which forms a benign cycle» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the '
        'immune response mediated by Mφs — «excessive secretion of IL-4 could reduce the osteogenic differentiation '
        'of BMSCs»'
    ),
    expected=(
        'IL-4 released days 3–17 at 0, 1 (moderate) and 30 (excessive) ng/mL/day: the M2 integral (days 0–28) and '
        'vascularisation (days 0–28) rise and osteoclasts (days 0–56) fall with dose; BMSC osteogenic output (callus '
        'osteoblast integral, days 0–56) is biphasic: the moderate dose beats both no IL-4 and the excessive dose by '
        '≥ 2 %.'
    ),
    parameters=('K_il4_m2', 'K_il4_excess', 'p_il4_bmsc', 'c_ocp_il4', 'K_il4_nfatc1', 'k_m2_il4', 's_il4_prolif',
                'M2_il4_max'),
)
def c051_il4_biphasic() -> Measurement:
    runs = [il4_point(d) for d in IL4_SWEEP_FAST]
    m2 = [auc(r, "m2_macrophage", 0, 28) for r in runs]
    vasc = [auc(r, "vascular_density", 0, 28) for r in runs]
    oc = [auc(r, "osteoclast", 0, 56) for r in runs]
    osteo = [auc(r, "callus_osteoblast", 0, 56) for r in runs]
    gain_low = rel(osteo[1], osteo[0])
    gain_high = rel(osteo[1], osteo[2])
    effect = min(gain_low, gain_high)
    monotone = m2[0] < m2[1] < m2[2] and vasc[0] < vasc[1] < vasc[2] and oc[0] > oc[1] > oc[2]
    passed = monotone and effect >= 0.02
    return Measurement(
        effect=effect, threshold=0.02, passed=passed,
        summary=f"osteogenic output at 1 vs 0 ng/mL/day IL-4 {gain_low:+.1%}, at 1 vs 30 {gain_high:+.1%}; "
                f"M2 {rel(m2[2], m2[0]):+.1%}, vessels {rel(vasc[2], vasc[0]):+.1%}, osteoclasts {rel(oc[2], oc[0]):+.1%} "
                f"(30 vs 0); M2/vessels/OC monotone: {monotone}",
        details={"doses": list(IL4_SWEEP_FAST), "m2_auc": m2, "vascular_auc": vasc, "osteoclast_auc": oc,
                 "osteoblast_auc": osteo},
    )


@claim(
    "C052",
    title='BMSC-derived IL-1ra competitively blocks IL-1R, lowering macrophage polarisation and dendritic-cell differentiation',
    grade="A",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «IL-1ra'
        ' secreted by BMSCs is a natural inhibitor of IL-1, which blocks the connection between IL-1α and IL-1β or '
        'IL-1R through competitive binding»'
    ),
    expected=(
        'BMSCs (5×10⁵ cells/mL) in the fracture, whose IL-1β is present, vs the same BMSCs lacking IL-1ra '
        '(p_il1ra_bmsc = 0): with IL-1ra the IL-1R signal (days 0.5–4) is ≥ 5 % lower and the IL-1-driven M1 '
        'polarisation (M1 integral, days 0–14) is lower. Dendritic cells are not modelled.'
    ),
    parameters=('p_il1ra_bmsc', 'K_il1ra_il1r', 'K_il1ra_m1'),
)
def c052_il1ra_blocks_il1r() -> Measurement:
    wt = run(FRACTURE, _bmsc())
    ko = run(FRACTURE, _bmsc(), par(p_il1ra_bmsc=0.0))
    d_sig = rel_mean(wt, ko, "il1_signal", *EARLY)
    d_m1 = rel_auc(wt, ko, "m1_macrophage", 0.0, 14.0)
    passed = d_sig <= -0.05 and d_m1 < 0
    return Measurement(
        effect=d_sig, threshold=-0.05, passed=passed,
        summary=f"BMSC IL-1ra lowers the IL-1R signal by {-d_sig:.1%} and the M1 integral by {-d_m1:.1%} (vs IL-1ra-null BMSCs)",
        details={"il1_signal_change": d_sig, "m1_auc_change": d_m1},
    )


RA = "rheumatoid-arthritis"
RA_DAYS = 60.0


@claim(
    "C053",
    title='BMSCs are immunosuppressive: TGF-β and PGE2, less lymphocyte proliferation, more Tregs and DCs, low HLA',
    grade="A",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs '
        'are able to secrete anti-inflammatory factors (TGF-β and PGE2) to maintain bone immune homeostasis» '
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs '
        'are able to inhibit the proliferation of lymphocytes and induce the differentiation of regulatory T cells '
        'and dendritic cells» `002_d4dc4f77775320be.txt` § The fate and biological characteristics of BMSCs — «With '
        'low expression of HLA class I and II antigens, it is difficult for BMSCs to be captured by the host immune '
        'system»'
    ),
    expected=(
        'A lymphocyte-rich site (active rheumatoid arthritis) with BMSCs (5×10⁵ cells/mL at day 0) vs without, '
        'integrals over days 0–14: Tregs ≥ +10 %, Th1 (proliferating effector lymphocytes) ≤ −5 %, site TGF-β ≥ +10 '
        '%. Escape of allogeneic BMSCs (low HLA) is not modelled (no host-versus-graft response).'
    ),
    parameters=('k_treg', 'K_bmsc_m2', 'p_tgfb_bmsc', 'K_treg_sup'),
)
def c053_bmscs_immunosuppressive() -> Measurement:
    base = run(RA, days=RA_DAYS)
    co = run(RA, _bmsc(), days=RA_DAYS)
    d_treg = rel_auc(co, base, "treg", 0.0, 14.0)
    d_th1 = rel_auc(co, base, "th1_cell", 0.0, 14.0)
    d_tgf = rel_auc(co, base, "tgf_beta", 0.0, 14.0)
    passed = d_treg >= 0.10 and d_th1 <= -0.05 and d_tgf >= 0.10
    return Measurement(
        effect=d_treg, threshold=0.10, passed=passed,
        summary=f"BMSCs in an RA site: Tregs {d_treg:+.1%}, Th1 {d_th1:+.1%}, TGF-β {d_tgf:+.1%} (days 0–14)",
        details={"treg_change": d_treg, "th1_change": d_th1, "tgf_beta_change": d_tgf},
    )


@claim(
    "C054",
    title='BMSC and MSC exosomes induce M2, and in OA this protects cartilage',
    grade="B",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «The '
        'miRNA223 in BMSCs’ exosomes can stimulate pknox1 gene to induce Mφs to polarize into M2Mφs and accelerate '
        'wound healing» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated '
        'by Mφs — «In the osteoarthritis animal models, BMSCs promoted the transformation of M1Mφs to M2Mφs, which '
        'inhibited cartilage degradation and enhanced cartilage synthesis»'
    ),
    expected=(
        'BMSC paracrine signals (exosomes lumped with contact and TSG-6 in the BMSC M2 drive): BMSCs in the fracture '
        'raise the M2 share (days 0.5–4) by ≥ 5 % and IL-10 by ≥ 10 %. The osteoarthritis arm (cartilage degradation '
        'vs synthesis in an OA joint) is not evaluated: the model has no articular cartilage compartment.'
    ),
    parameters=('K_bmsc_m2', 'p_il10_bmsc'),
)
def c054_bmsc_exosomes_m2() -> Measurement:
    d = _m2_response()
    passed = d["m2_share"] >= 0.05 and d["il10"] >= 0.10
    return Measurement(
        effect=d["m2_share"], threshold=0.05, passed=passed,
        summary=f"BMSC paracrine: M2 share {d['m2_share']:+.1%}, IL-10 {d['il10']:+.1%} (days 0.5–4); OA cartilage arm not modelled",
        details=d,
    )


INFECTED = "infected-defect"


def _bmsc_effect_on_m1(hypothesis: str) -> dict[str, float]:
    h = f"hypotheses.bmsc_phenotype={hypothesis}"
    base = run(INFECTED, h)
    co = run(INFECTED, h, _bmsc())
    return {"m1_share": rel(m1_share(co, *EARLY), m1_share(base, *EARLY)),
            "tnf_alpha": rel_mean(co, base, "tnf_alpha", *EARLY),
            "type_i_fraction_mean": mean(co, "bmsc_type_i_fraction", *EARLY)}


@claim(
    "C056",
    title='BMSCs may exist as a pro-inflammatory type I and an anti-inflammatory type II under TLR control',
    grade="C",
    section='G. BMSCs acting on macrophages and immunity',
    quote=(
        '`002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs '
        'can be classified into BMSCs I phenotype (pro-inflammatory type) and BMSCs II phenotype (anti-inflammatory '
        'type) under the regulation of Toll-like receptor» `002_d4dc4f77775320be.txt` § The regulatory effect of '
        'BMSCs on the immune response mediated by Mφs — «the academic community has not reached a consensus on this '
        'classification»'
    ),
    expected=(
        'Contested; the model exposes hypothesis bmsc_phenotype. BMSCs (5×10⁵ cells/mL) delivered into an S. aureus-'
        "infected fracture (TLR4 ligands present), TNF-α over days 0.5–4 vs no BMSCs: 'anti_inflammatory' (default, "
        "one anti-inflammatory phenotype) predicts BMSCs lower it by ≥ 5 %; 'tlr_polarised' (TLR4 ligands switch "
        'BMSCs to a pro-inflammatory type I secreting TNF-α/IL-6 and polarising to M1) predicts they raise it by ≥ 5 '
        '%.'
    ),
    parameters=('bmsc_tlr_hypothesis', 'K_tlr_bmsc', 'p_cyt_bmsc_i', 'K_bmsc_m2'),
)
def c056_bmsc_type_i_ii() -> Measurement:
    alts = {}
    for name, sign in (("anti_inflammatory", -1), ("tlr_polarised", +1)):
        d = _bmsc_effect_on_m1(name)
        ok = d["tnf_alpha"] * sign >= 0.05
        alts[name] = Measurement(
            effect=d["tnf_alpha"], threshold=0.05 * sign, passed=ok,
            summary=f"BMSCs change TNF-α by {d['tnf_alpha']:+.1%} and the M1 share by {d['m1_share']:+.1%} "
                    f"(type I fraction {d['type_i_fraction_mean']:.2f})",
            details=d)
    passed = all(a.passed for a in alts.values())
    return Measurement(
        effect=alts["tlr_polarised"].effect - alts["anti_inflammatory"].effect, threshold=0.10, passed=passed,
        summary="; ".join(f"{k}: {a.summary}" for k, a in alts.items()),
        details={k: a.details for k, a in alts.items()}, alternatives=alts,
    )
