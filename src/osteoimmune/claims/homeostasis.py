"""Seed claims, section A: bone homeostasis and osteoimmune coupling (C001–C005).

Each claim runs the healthy uninjured site (``homeostasis``) or the standard fracture (``fracture-healing``) against
the perturbation the claim describes and compares an effect size with a margin.
"""

from __future__ import annotations

from ._sim import FRACTURE, HOMEOSTASIS, iv, outcomes, par, rel, run, union_day, auc
from .registry import Measurement, claim

SECTION_DAYS = 730.0  # two years of an uninjured site: long enough for a steady trend, cheap to integrate


@claim(
    "C001",
    title='Steady-state remodelling is balanced',
    grade="A",
    section='A. Bone homeostasis and osteoimmune coupling',
    quote=(
        '`000_7210cba9d2ad9115.txt` § Abstract — «Bone is an active tissue, being constantly renewed in healthy '
        'individuals with participation of the immune system to a large extent.» `001_90761914cb2e0fac.txt` § '
        'Abstract — «the precise regulation between bone formation mediated by osteoblasts and bone resorption '
        'mediated by osteoclasts» `002_d4dc4f77775320be.txt` § Introduction — «osteoblasts differentiated from BMSCs '
        'and osteoclasts differentiated from mononuclear-Mφs keep the formation and absorption balance in bones»'
    ),
    expected="Over 10 years of the healthy uninjured site the bone fraction drifts < 0.5 % while osteoblasts and "
             "osteoclasts stay active (each ≥ 50 % of its Pivonka reference); an immune contribution: depleting "
             "monocytes/macrophages (the osteoclast precursors) for a year changes the active osteoclasts by ≥ 5 %",
    parameters=("k_turn", "c_ocp_precursor", "K_precursor"),
)
def c001_balanced_remodelling() -> Measurement:
    r = run(HOMEOSTASIS, days=None)
    b = r["bone_fraction"]
    drift = float(max(abs(b - b[0])) / b[0])
    ob = r.at("osteoblast", r.time[-1]) / r.parameters["OBa_ref"]
    oc = r.at("osteoclast", r.time[-1]) / r.parameters["OCa_ref"]
    base = run(HOMEOSTASIS, days=365.0)
    dep = run(HOMEOSTASIS, iv("macrophage_depletion", 1.0, "1/day", 0.0), days=365.0)
    immune = rel(dep.at("osteoclast", 365.0), base.at("osteoclast", 365.0))
    passed = drift < 0.005 and ob >= 0.5 and oc >= 0.5 and abs(immune) >= 0.05
    return Measurement(
        effect=drift, threshold=0.005, passed=passed,
        summary=f"10-year bone drift {drift:.2%}; OBa {ob:.2f}, OCa {oc:.2f} × reference (turnover continues); "
                f"macrophage depletion changes OCa by {immune:+.1%} (immune contribution)",
        details={"drift": drift, "osteoblast_rel": ob, "osteoclast_rel": oc, "depletion_osteoclast_change": immune},
    )


@claim(
    "C002",
    title='An imbalance between formation and resorption causes bone loss or inflammatory bone disease',
    grade="A",
    section='A. Bone homeostasis and osteoimmune coupling',
    quote=(
        '`000_7210cba9d2ad9115.txt` § Abstract — «Any imbalance between the processes of bone formation and bone '
        'resorption is linked to various inflammatory bone diseases.» `004_8a55de2aef7e7eaa.txt` § 1 Introduction — '
        '«this balance can be influenced by various factors, including severe trauma, infection, bone tumour removal '
        'surgery, congenital bone malformations and osteoporosis»'
    ),
    expected="Starting from homeostasis, a persistent rise in resorption (exogenous RANKL, 200 pM/day: ≥ 10 % more "
             "active osteoclasts) and a persistent fall in formation (osteoblast apoptosis doubled) each make bone fall "
             "steadily (lower at every year of 5) by ≥ 0.5 % in 5 years (the healthy site drifts < 0.05 %); an "
             "inflammatory state (active rheumatoid arthritis) loses ≥ 2 % in 5 years",
    parameters=("c_rankl_ra", "c_rankl_tcell", "k_turn", "c_mech"),
)
def c002_imbalance_causes_loss() -> Measurement:
    days = 1825.0
    base = run(HOMEOSTASIS, days=days)
    arms = {
        "resorption up (RANKL)": run(HOMEOSTASIS, iv("rankl", 200.0, "pM/day", 0.0), days=days),
        "formation down (OB apoptosis x2)": run(HOMEOSTASIS, par(A_OBa=2 * 0.189), days=days),
    }
    b0 = base.at("bone_fraction", days)
    drift = abs(rel(b0, base.at("bone_fraction", 0.0)))
    years = [0.0, 365.0, 730.0, 1095.0, 1460.0, 1825.0]
    losses, steady, premise = {}, {}, {}
    for name, r in arms.items():
        losses[name] = -rel(r.at("bone_fraction", days), b0)
        bs = [r.at("bone_fraction", t) for t in years]
        steady[name] = all(b2 < b1 for b1, b2 in zip(bs, bs[1:]))
        premise[name] = (r.at("osteoclast", 365.0) / r.parameters["OCa_ref"], r.at("osteoblast", 365.0) / r.parameters["OBa_ref"])
    ra = outcomes("rheumatoid-arthritis", days=None)
    ra_loss = -ra["bone_change_percent"] / 100.0
    effect = min(losses.values())
    passed = effect >= 0.005 and all(steady.values()) and ra_loss >= 0.02 and drift < 0.0005
    return Measurement(
        effect=effect, threshold=0.005, passed=passed,
        summary="; ".join(f"{k} (OCa {premise[k][0]:.2f}, OBa {premise[k][1]:.2f} × ref at 1 y): {v:.2%} lost in 5 y"
                          f"{', steady decline' if steady[k] else ', NOT steady'}" for k, v in losses.items())
                + f"; active RA: {ra_loss:.1%} lost in 5 y; healthy drift {drift:.3%}",
        details={"losses": losses, "steady": steady, "premise_oc_ob": premise, "ra_loss": ra_loss, "healthy_drift": drift},
    )


@claim(
    "C003",
    title='Coupling runs both ways: bone cells also act on immune cells',
    grade="A",
    section='A. Bone homeostasis and osteoimmune coupling',
    quote=(
        '`000_7210cba9d2ad9115.txt` § Abstract — «bone cells, including osteoblasts, osteoclasts, osteocytes, also '
        'influence the cellular functions of immune cells»'
    ),
    expected="Removing the signals bone cells send to immune cells (osteoclast IL-1β/TNF-α/IL-6 and osteoblast M-CSF) "
             "changes the immune state after a fracture: macrophage or inflammatory-cytokine burden over days 0–56 "
             "changes by ≥ 1 % (far above the solver tolerance; direction not specified by the seed). Measured in the "
             "healthy site (basal immune tone, day 56) and after a fracture (AUC 0–56 d); the removed signals "
             "themselves are not counted",
    parameters=("p_oc_cyt", "p_mcsf_ob"),
)
def c003_bone_to_immune_feedback() -> Measurement:
    ko = par(p_oc_cyt=0.0, p_mcsf_ob=0.0)
    names = ("macrophages", "m2_macrophage", "tnf_alpha", "il1_beta", "il6", "il10")
    changes = {}
    hb, hk = run(HOMEOSTASIS, days=56.0), run(HOMEOSTASIS, ko, days=56.0)
    fb, fk = run(FRACTURE, days=56.0), run(FRACTURE, ko, days=56.0)
    for n in names:
        changes[f"healthy {n}"] = rel(hk.at(n, 56.0), hb.at(n, 56.0))
        changes[f"fracture {n}"] = rel(auc(fk, n), auc(fb, n))
    key = max(changes, key=lambda k: abs(changes[k]))
    effect = abs(changes[key])
    return Measurement(
        effect=effect, threshold=0.01, passed=effect >= 0.01,
        summary=f"without bone→immune signals the largest immune change is {key} {changes[key]:+.1%}; "
                + ", ".join(f"{k} {v:+.1%}" for k, v in changes.items() if abs(v) >= 0.01),
        details=changes,
    )


@claim(
    "C004",
    title='The immune microenvironment sets both the speed and the outcome of healing',
    grade="A",
    section='A. Bone homeostasis and osteoimmune coupling',
    quote=(
        '`000_7210cba9d2ad9115.txt` § Abstract — «the immune microenvironment is crucial in determining the speed and'
        ' outcome of bone healing, repair, and regeneration»'
    ),
    expected="Changing the immune microenvironment of the standard fracture changes both the speed (time to union "
             "by ≥ 10 %) and the outcome (bone fraction at day 120 by ≥ 2 %): an M2-skewing IL-4 excess (10 ng/mL/day, "
             "days 0–14) and a chronic TNF-α exposure (5 ng/mL/day, days 0–56) each do both",
    parameters=("K_il4_excess", "K_tnf_hi", "K_tnf_diff"),
)
def c004_immune_sets_speed_and_outcome() -> Measurement:
    base = outcomes(FRACTURE)
    arms = {"IL-4 excess": iv("il4", 10.0, "ng/mL/day", 0.0, 14.0), "chronic TNF-α": iv("tnf_alpha", 5.0, "ng/mL/day", 0.0, 56.0)}
    res = {}
    for name, ov in arms.items():
        o = outcomes(FRACTURE, ov)
        res[name] = (rel(union_day(o), union_day(base)), rel(o["bone_fraction_final"], base["bone_fraction_final"]))
    effect = min(min(abs(a), abs(b) / 0.2) for a, b in res.values())  # both scaled to their margin 0.1 / 0.02 → ≥ 0.1
    passed = all(abs(a) >= 0.10 and abs(b) >= 0.02 for a, b in res.values())
    return Measurement(
        effect=min(abs(a) for a, _ in res.values()), threshold=0.10, passed=passed,
        summary="; ".join(f"{k}: time to union {a:+.0%}, bone day 120 {b:+.1%}" for k, (a, b) in res.items())
                + f" (baseline union day {base['time_to_union_days']:.1f}, bone {base['bone_fraction_final']:.3f})",
        details={k: {"time_to_union_change": a, "final_bone_change": b} for k, (a, b) in res.items()},
    )


@claim(
    "C005",
    title='Interleukins, TNFs and IFNs act on both arms of remodelling',
    grade="A",
    section='A. Bone homeostasis and osteoimmune coupling',
    quote=(
        '`001_90761914cb2e0fac.txt` § Abstract — «directly or indirectly regulate bone remodeling by affecting '
        'osteoblast differentiation, osteoclastogenesis, and osteoclast activity»'
    ),
    expected="In the uninjured site a 28-day local delivery (1 ng/mL/day) of an interleukin (IL-4), TNF-α or IFN-γ "
             "each changes both the osteogenic (RUNX2) drive of BMSCs and osteoclast formation (ocp_supply_fold × "
             "RANKL) at day 28 by ≥ 1 %, directly or indirectly",
    parameters=("c_ocp_il4", "c_ocp_ifn", "c_ocp_tnf", "c_ob_tnf", "c_rankl_tnf"),
)
def c005_cytokine_families_act_on_both_arms() -> Measurement:
    days = 28.0
    base = run(HOMEOSTASIS, days=days)

    def arms(r):
        ob = r.at("osteo_drive", days)
        oc = r.at("ocp_supply_fold", days) * r.at("rankl", days)
        return ob, oc

    ob0, oc0 = arms(base)
    families = {"interleukin (IL-4)": iv("il4", 1.0, "ng/mL/day", 0.0), "TNF (TNF-α)": iv("tnf_alpha", 1.0, "ng/mL/day", 0.0),
                "IFN (IFN-γ)": iv("ifn_gamma", 1.0, "ng/mL/day", 0.0)}
    res = {}
    for name, ov in families.items():
        ob, oc = arms(run(HOMEOSTASIS, ov, days=days))
        res[name] = (rel(ob, ob0), rel(oc, oc0))
    effect = min(min(abs(a), abs(b)) for a, b in res.values())
    return Measurement(
        effect=effect, threshold=0.01, passed=effect >= 0.01,
        summary="; ".join(f"{k}: OB differentiation drive {a:+.1%}, osteoclast formation {b:+.1%}" for k, (a, b) in res.items()),
        details={k: {"osteoblast": a, "osteoclast": b} for k, (a, b) in res.items()},
    )
