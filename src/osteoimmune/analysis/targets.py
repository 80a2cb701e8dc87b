"""Target ranking: which druggable node of the model improves an outcome most when inhibited or enhanced.

A druggable node (:data:`TARGETS`) is a cytokine, receptor, recruitment or polarisation rate, the RANKL/OPG axis,
ROS or iron, with its *parameter handles* in the declaration: the parameters a drug acting on that node scales
(a cytokine's synthesis rates by every source; a receptor's binding/sensitivity constant, entered so that
"inhibit" lowers the signal; a rate constant).  Inhibiting by ``×f`` multiplies every handle by ``f`` (``inverse``
handles — half-saturation constants, whose increase weakens the signal — are divided by ``f``); enhancing by ``×g``
likewise.  The scaling acts on each patient's own parameter value (cohort-sampled values included).

:func:`rank_targets` simulates the baseline and every (target, action) for every patient of a virtual cohort on the
engine, computes the paired per-patient improvement of the outcome (sign chosen so that positive = better:
``+Δ`` for bone fraction or union, ``−Δ`` for time to union or bone loss) and its mean with a bootstrap CI over
patients.  :func:`report_markdown` explains the top five with their evidence from the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..errors import Issue, UnknownNameError
from .outcomes_of import OUTCOMES, ModelEvaluator, ParameterMapping, evaluate
from .space import AnalysisError


@dataclass(frozen=True)
class Target:
    """A druggable node: id, label, category, knowledge-base entity and parameter handles (``~id``: inverse)."""

    id: str
    label: str
    category: str
    entity: str
    handles: tuple[str, ...]
    note: str = ""

    def multipliers(self, factor: float) -> dict[str, float]:
        """Handle id → multiplier for an action of ``factor`` (inverse handles get ``1/factor``)."""
        return {h.lstrip("~"): (1.0 / factor if h.startswith("~") else factor) for h in self.handles}


#: the druggable nodes of the model; handles checked against the declaration by the tests
TARGETS: tuple[Target, ...] = (
    Target("tnf_alpha", "TNF-α", "cytokine", "tnf_alpha", ("p_tnf_m1", "p_tnf_n", "p_tnf_m0", "p_tnf_th1"),
           "synthesis by M1, neutrophils, M0 and Th1 cells"),
    Target("il1_beta", "IL-1β", "cytokine", "il1_beta", ("p_il1_m1", "p_il1_n", "p_il1_nlrp3"),
           "synthesis by M1, neutrophils and the NLRP3 inflammasome"),
    Target("il6", "IL-6", "cytokine", "il6", ("p_il6_m1", "p_il6_basal"), "synthesis by M1 and stroma"),
    Target("ifn_gamma", "IFN-γ", "cytokine", "ifn_gamma", ("p_ifn_th1", "p_ifn_m1"), "synthesis by Th1 and M1"),
    Target("il12", "IL-12", "cytokine", "il12", ("p_il12_m1",), "synthesis by M1"),
    Target("il23", "IL-23", "cytokine", "il23", ("p_il23_m1",), "synthesis by M1"),
    Target("osm", "OSM", "cytokine", "osm", ("p_osm_m1", "p_osm_m0"), "synthesis by M1 and M0"),
    Target("il4", "IL-4/IL-13", "cytokine", "il4", ("p_il4_th2", "p_il4_m2"), "synthesis by Th2 and M2"),
    Target("il10", "IL-10", "cytokine", "il10", ("p_il10_m2", "p_il10_treg", "p_il10_bmsc"),
           "synthesis by M2, Treg and BMSC-conditioned macrophages"),
    Target("il1ra", "IL-1ra", "cytokine", "il1ra", ("p_il1ra_m2", "p_il1ra_bmsc"), "synthesis by M2 and BMSCs"),
    Target("tgf_beta", "TGF-β", "cytokine", "tgf_beta", ("p_tgfb_m2", "p_tgfb_bmsc", "p_tgfb_treg", "p_tgfb_hem"),
           "synthesis by M2, BMSCs, Treg and hematoma platelets"),
    Target("bmp2", "BMP-2", "growth factor", "bmp2", ("p_bmp_m2", "p_bmp_m0", "p_bmp_m1", "p_bmp_ob"),
           "synthesis by macrophages and callus osteoblasts"),
    Target("vegf", "VEGF", "growth factor", "vegf", ("p_vegf_mac", "p_vegf_hif"),
           "synthesis by macrophages and hypoxic mesenchymal cells"),
    Target("pdgf_bb", "PDGF-BB", "growth factor", "pdgf_bb", ("p_pdgf_m2", "p_pdgf_hem"), "synthesis by M2, platelets"),
    Target("pge2", "PGE2 (COX-2)", "lipid mediator", "pge2", ("p_pge2",), "COX-2 synthesis by activated cells"),
    Target("sdf1", "SDF-1/CXCL12", "chemokine", "sdf1_cxcl12", ("p_sdf_basal", "p_sdf_hif", "p_sdf_mac"),
           "synthesis by stroma, hypoxic tissue and macrophages"),
    Target("cxcr4", "CXCR4 (BMSC homing receptor)", "receptor", "cxcr4", ("~K_sdf_bmsc",),
           "sensitivity of BMSC homing to SDF-1 (half-saturation constant, inverse)"),
    Target("il1r", "IL-1 receptor signalling", "receptor", "il1_beta", ("K_il1ra_il1r",),
           "competition of IL-1ra at the receptor (inhibiting = stronger blockade by IL-1ra)"),
    Target("rank", "RANK", "receptor", "rank", ("RANK",), "RANK on osteoclast precursors"),
    Target("rankl", "RANKL", "remodeling", "rankl", ("beta_RANKL",), "RANKL production rate"),
    Target("opg", "OPG", "remodeling", "opg", ("beta_OPG",), "OPG production per active osteoblast"),
    Target("m_csf", "M-CSF", "growth factor", "m_csf", ("p_mcsf", "p_mcsf_ob"), "synthesis by stroma and osteoblasts"),
    Target("neutrophil_recruitment", "neutrophil recruitment", "recruitment", "neutrophil", ("k_n_rec",),
           "maximal DAMP-driven influx"),
    Target("monocyte_recruitment", "monocyte recruitment", "recruitment", "monocyte", ("k_mo_rec",),
           "maximal injury-driven influx (CCL2/CCR2)"),
    Target("bmsc_recruitment", "BMSC recruitment", "recruitment", "bmsc", ("k_bmsc_rec",),
           "maximal SDF-1/CXCR4-driven homing"),
    Target("m1_polarisation", "M0→M1 polarisation", "polarisation", "m1_macrophage", ("k01",),
           "maximal M0→M1 rate"),
    Target("m2_polarisation", "M0→M2 polarisation", "polarisation", "m2_macrophage", ("k02",),
           "maximal M0→M2 rate"),
    Target("m1_to_m2", "M1→M2 repolarisation", "polarisation", "m2_macrophage", ("k12_max",),
           "maximal IL-4/IL-10-driven M1→M2 conversion"),
    Target("ros", "ROS production", "redox", "ros", ("p_ros_mito", "p_ros_nox"),
           "mitochondrial and NADPH-oxidase ROS"),
    Target("iron", "labile iron", "iron", "fe2", ("p_fe",), "labile Fe2+ supply"),
)

ACTIONS = ("inhibit", "enhance")


def target_ids() -> list[str]:
    return [t.id for t in TARGETS]


def select_targets(ids: Sequence[str] | None = None) -> list[Target]:
    if not ids:
        return list(TARGETS)
    by_id = {t.id: t for t in TARGETS}
    for i in ids:
        if i not in by_id:
            raise UnknownNameError("target", i, list(by_id))
    return [by_id[i] for i in ids]


def design(targets: Sequence[Target], inhibit: float, enhance: float) -> tuple[tuple[str, ...], np.ndarray,
                                                                               list[tuple[str, str, float]]]:
    """Handle names, multiplier rows (row 0 = baseline of ones) and the (target, action, factor) of each row."""
    names = tuple(dict.fromkeys(h.lstrip("~") for t in targets for h in t.handles))
    rows = [np.ones(len(names))]
    labels: list[tuple[str, str, float]] = [("baseline", "none", 1.0)]
    for t in targets:
        for action, f in (("inhibit", inhibit), ("enhance", enhance)):
            row = np.ones(len(names))
            for h, m in t.multipliers(f).items():
                row[names.index(h)] = m
            rows.append(row)
            labels.append((t.id, action, f))
    return names, np.array(rows), labels


def bootstrap_mean_ci(deltas: np.ndarray, n_boot: int, conf_level: float, seed: int) -> tuple[np.ndarray, ...]:
    """Mean over patients (axis 1, NaN ignored) and its percentile bootstrap CI; patients resampled jointly."""
    finite = np.isfinite(deltas)
    d = np.where(finite, deltas, 0.0)
    n_ok = finite.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_ok > 0, d.sum(axis=1) / np.maximum(n_ok, 1), np.nan)
    p = deltas.shape[1]
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, p, size=(n_boot, p))
    sums = d[:, idx].sum(axis=2)                      # (rows, n_boot)
    counts = finite[:, idx].sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        boots = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    a = (1 - conf_level) / 2
    low = np.nanquantile(boots, a, axis=1) if np.isfinite(boots).any() else np.full(len(mean), np.nan)
    high = np.nanquantile(boots, 1 - a, axis=1) if np.isfinite(boots).any() else np.full(len(mean), np.nan)
    return mean, low, high, n_ok


@dataclass
class TargetRanking:
    """The ranking table and what produced it."""

    outcome: str
    table: pd.DataFrame
    n_patients: int
    inhibit: float
    enhance: float
    conf_level: float
    per_patient: np.ndarray          # (rows, patients) outcome values, row 0 = baseline

    def top(self, n: int = 5) -> pd.DataFrame:
        return self.table.head(n)


def rank_targets(scenarios: Sequence[Any], outcome: str, inhibit: float = 0.5, enhance: float = 2.0,
                 targets: Sequence[str] | None = None, engine: Any = None, store: Any = None, chunk_size: int = 4,
                 n_boot: int = 2000, conf_level: float = 0.95, seed: int = 0, union_threshold: float = 0.6,
                 backend: str = "auto", progress: bool = False) -> TargetRanking:
    """Rank targets by the mean paired improvement of ``outcome`` over the patients (see the module docstring)."""
    if outcome not in OUTCOMES:
        raise UnknownNameError("outcome", outcome, list(OUTCOMES))
    better = OUTCOMES[outcome].better
    if better is None:
        allowed = [k for k, v in OUTCOMES.items() if v.better is not None]
        raise AnalysisError("outcome", [Issue("outcome", f"{outcome!r} has no better direction; allowed: "
                                                         f"{', '.join(allowed)}")])
    if not (0 < inhibit < 1) or not enhance > 1:
        raise AnalysisError("factors", [Issue("inhibit/enhance", f"need 0 < inhibit < 1 < enhance (got {inhibit:g}, "
                                                                 f"{enhance:g})")])
    chosen = select_targets(targets)
    names, rows, labels = design(chosen, inhibit, enhance)
    ev = ModelEvaluator.for_scenarios(scenarios, ParameterMapping(names, "scale"), [outcome], union_threshold, backend)
    y = evaluate(ev, rows, engine=engine, store=store, chunk_size=chunk_size, progress=progress,
                 desc=f"targets ({len(rows)} arms x {ev.n_patients} patients)", per_patient=True)
    y = y.reshape(len(rows), ev.n_patients)
    sign = 1.0 if better == "higher" else -1.0
    deltas = sign * (y[1:] - y[:1])
    mean, low, high, n_ok = bootstrap_mean_ci(deltas, n_boot, conf_level, seed)
    by_id = {t.id: t for t in chosen}
    base_mean = float(np.nanmean(y[0])) if np.isfinite(y[0]).any() else float("nan")
    recs = []
    for k, (tid, action, f) in enumerate(labels[1:]):
        t = by_id[tid]
        arm = y[k + 1]
        recs.append({"target": tid, "label": t.label, "category": t.category, "action": action, "factor": f,
                     "improvement": mean[k], "ci_low": low[k], "ci_high": high[k],
                     "baseline": base_mean, "treated": float(np.nanmean(arm)) if np.isfinite(arm).any() else np.nan,
                     "patients_ok": int(n_ok[k]), "handles": " ".join(t.handles)})
    table = pd.DataFrame(recs).sort_values("improvement", ascending=False, na_position="last").reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return TargetRanking(outcome, table, ev.n_patients, inhibit, enhance, conf_level, y)


def evidence_lines(entity: str, max_interactions: int = 3) -> list[str]:
    """A few interactions of ``entity`` in the knowledge base, each with its first quoted evidence."""
    from ..knowledge import load_knowledge

    kb = load_knowledge()
    try:
        e = kb.entity(entity)
    except KeyError:
        return [f"(no entity {entity!r} in the knowledge base)"]
    lines = [f"Knowledge-base entity `{e.id}`: {e.name} ({e.kind})."]
    for inter in kb.interactions_involving(entity)[:max_interactions]:
        src = ", ".join(inter.source)
        tgt = ", ".join(inter.target)
        effect = getattr(inter.effect, "value", inter.effect)
        ev = inter.evidence[0] if inter.evidence else None
        quote = f' — "{ev.quote}" ({ev.seed or ev.citation}, {ev.section})' if ev is not None else ""
        lines.append(f"- `{inter.id}` {src} --{effect}--> {tgt}{quote}")
    return lines


def report_markdown(ranking: TargetRanking, scenario_label: str, n_top: int = 5) -> str:
    """A short Markdown report: the ranking table and the top ``n_top`` targets with their evidence."""
    o = OUTCOMES[ranking.outcome]
    pct = int(round(ranking.conf_level * 100))
    lines = [f"# Target ranking: {ranking.outcome} ({scenario_label})", "",
             f"Outcome `{ranking.outcome}` ({o.unit}; {o.description}; {o.better} is better). Each target's handles "
             f"were multiplied by ×{ranking.inhibit:g} (inhibit) or ×{ranking.enhance:g} (enhance) in each of "
             f"{ranking.n_patients} virtual patients; *improvement* is the mean paired change (positive = better) "
             f"with a {pct} % bootstrap CI over patients. Baseline mean: {ranking.table['baseline'].iloc[0]:.4g}.",
             "", "| rank | target | action | improvement | CI | treated mean |", "| --- | --- | --- | --- | --- | --- |"]
    for _, r in ranking.table.iterrows():
        lines.append(f"| {r['rank']} | {r['label']} | {r['action']} ×{r['factor']:g} | {r['improvement']:.4g} | "
                     f"[{r['ci_low']:.4g}, {r['ci_high']:.4g}] | {r['treated']:.4g} |")
    lines += ["", f"## Top {n_top}", ""]
    by_id = {t.id: t for t in TARGETS}
    for _, r in ranking.table.head(n_top).iterrows():
        t = by_id[r["target"]]
        sig = "CI excludes 0" if (r["ci_low"] > 0 or r["ci_high"] < 0) else "CI includes 0: not distinguishable " \
                                                                          "from no effect in this cohort"
        lines += [f"### {r['rank']}. {r['action'].capitalize()} {t.label} (×{r['factor']:g})", "",
                  f"Improvement {r['improvement']:.4g} {o.unit} [{r['ci_low']:.4g}, {r['ci_high']:.4g}] ({sig}). "
                  f"Mechanism in the model: {t.note}; parameter handles `{'`, `'.join(t.handles)}` "
                  f"(`~` = inverse, see `osteoimmune explain ID`).", ""]
        lines += evidence_lines(t.entity) + [""]
    lines += ["*Model-based ranking: the improvements are predictions of this model with its calibrated values and "
              "assumed drug effects (a uniform scaling of the handles), not clinical effect sizes.*", ""]
    return "\n".join(lines)
