"""Generate docs/validation.md and docs/figures/validation/*.png from the reference-model benchmarks.

Every measured number is computed here with the same functions the tests use (``osteoimmune.reference`` simulate,
``reference.metrics``, ``reference.crosscheck``) against the published targets of ``osteoimmune.reference.targets``
(the tests assert the same targets).  Nothing in the page is typed by hand except the prose.

    .venv/bin/python benchmarks/validation_report.py            # writes docs/validation.md and the figures
    .venv/bin/python benchmarks/validation_report.py --check    # exit 1 if a target fails that is not a known deviation

Takes about a minute (it also runs libroadrunner on the SBML files of tests/data/sbml and the full model).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

import osteoimmune as oi
from osteoimmune import reference
from osteoimmune.reference import Dose, crosscheck, komarova2003
from osteoimmune.reference import targets as T
from osteoimmune.reference.metrics import fold_changes, komarova, peak_intervals, trejo
from osteoimmune.solve.integrate import SolverOptions

ROOT = Path(__file__).resolve().parents[1]
TIGHT = SolverOptions(rtol=1e-10, atol_scale=1e-12)
PETERSON_OPTIONS = SolverOptions(rtol=1e-8, atol_scale=1e-10)  # as tests/reference/test_peterson2010.py


@dataclass
class Row:
    model: str
    quantity: str
    published: float | None
    measured: float | None
    tolerance: str
    ok: bool
    source: str
    deviation: str = ""

    @property
    def rel_error(self) -> float | None:
        if self.published in (None, 0) or self.measured is None:
            return None
        return (self.measured - self.published) / abs(self.published)

    @property
    def status(self) -> str:
        if self.ok:
            return "pass"
        return "known deviation" if self.deviation else "FAIL"


def _fmt(x: float | None) -> str:
    if x is None:
        return "never"
    return f"{x:.5g}"


def _row(model, quantity, published, measured, tolerance_text, ok, source, deviation_key=None) -> Row:
    deviation = T.KNOWN_DEVIATIONS.get((model, deviation_key), "") if deviation_key else ""
    return Row(model, quantity, published, measured, tolerance_text, bool(ok), source, deviation)


# --------------------------------------------------------------------------- rows
def komarova_rows() -> tuple[list[Row], dict]:
    src = f"{T.ANCHORS} §1.1"
    cycle = reference.simulate("komarova2003", days=300.0, output_interval_days=0.01, options=TIGHT)
    m = komarova(cycle)
    rows = [_row("komarova2003", k.replace("_", " "), v, m[k], "rel 1e-4", abs(m[k] / v - 1) <= 1e-4, src)
            for k, v in T.KOMAROVA_STEADY_STATE.items()]
    rows += [_row("komarova2003", what, pub, m[k], f"abs {tol:g}", abs(m[k] - pub) <= tol, src)
             for k, (pub, tol, what) in T.KOMAROVA_CYCLE.items()]
    for day, (pub, tol) in T.KOMAROVA_RECOVERY.items():
        z = float(np.interp(day, cycle.time, cycle["bone_mass"]))
        rows.append(_row("komarova2003", f"bone mass at day {day:g} (%)", pub, z, f"abs {tol:g}", abs(z - pub) <= tol, src))
    p = komarova2003.build().parameter_values()
    p.update(komarova2003.OSCILLATORY)
    osc = reference.simulate("komarova2003", komarova2003.OSCILLATORY, [Dose("osteoclast_pulse", 0.01)], 1000.0, 0.05,
                             TIGHT)
    period = float(np.mean(peak_intervals(osc.time, osc["osteoclast"])[:4]))
    rows.append(_row("komarova2003", "oscillation period at g11 = 1.1 (day)", T.KOMAROVA_PERIOD, period, "rel 1 %",
                     abs(period / T.KOMAROVA_PERIOD - 1) <= 0.01, src))
    return rows, {"cycle": cycle, "oscillation": osc}


def _fold_rows(model, species, folds, window, tol_src) -> tuple[list[Row], dict]:
    rows, runs = [], {}
    for label, spec in folds.items():
        if model == "lemaire2004":
            name, amount, *published = label, *spec
        else:
            name, amount, *published = spec
        days = 160.0 if model == "lemaire2004" else 200.0
        r = reference.simulate(model, doses=[Dose(name, amount, *window)], days=days, output_interval_days=0.5,
                               options=TIGHT)
        runs[label] = r
        f = fold_changes(r, species, window[1])
        measured = [f[s] for s in species] + [f[species[1]] / f[species[2]]]
        names = [*species, f"{species[1]}/{species[2]}"]
        for n, pub, mea in zip(names, published, measured):
            rows.append(_row(model, f"{label} ({amount:g} pM/day, days {window[0]:g}-{window[1]:g}): {n} fold at day "
                             f"{window[1]:g}", pub, mea, "rel 1 %", abs(mea / pub - 1) <= 0.01, tol_src))
    return rows, runs


def lemaire_rows():
    src = f"{T.ANCHORS} §1.2"
    r = reference.simulate("lemaire2004", doses=[], days=100.0, output_interval_days=1.0, options=TIGHT)
    rows = [_row("lemaire2004", f"steady state {s} (pM)", v, float(r[s][0]), "rel 1e-3", abs(r[s][0] / v - 1) <= 1e-3, src)
            for s, v in T.LEMAIRE_STEADY_STATE.items()]
    more, runs = _fold_rows("lemaire2004", T.LEMAIRE_SPECIES, T.LEMAIRE_FOLDS, T.LEMAIRE_WINDOW, src)
    return rows + more, runs


def pivonka_rows():
    src = f"{T.ANCHORS} §1.3"
    r = reference.simulate("pivonka2008", doses=[], days=100.0, output_interval_days=1.0, options=TIGHT)
    rows = [_row("pivonka2008", f"steady state {s} (pM)", v, float(r[s][0]), "rel 1e-3", abs(r[s][0] / v - 1) <= 1e-3, src)
            for s, v in T.PIVONKA_STEADY_STATE.items()]
    rows += [_row("pivonka2008", f"steady state {s} (pM)", v, float(r[s][0]), f"rel {tol:g}",
                  abs(r[s][0] / v - 1) <= tol, src) for s, (v, tol) in T.PIVONKA_SIGNALS.items()]
    more, runs = _fold_rows("pivonka2008", T.PIVONKA_SPECIES, T.PIVONKA_FOLDS, T.PIVONKA_WINDOW, src)
    return rows + more, runs


def trejo_rows():
    src = f"{T.ANCHORS} §2.1"
    rows, runs = [], {}
    for row, (params, doses) in T.TREJO_ROWS.items():
        r = reference.simulate("trejo2019", dict(params), list(doses), 400.0, 0.01, TIGHT)
        runs[row] = r
        m = trejo(r)
        rounded = dict(zip(("bone_50pct_day", "bone_90pct_day"), T.TREJO_ROUNDED_TABLE[row]))
        for key, pub in zip(T.TREJO_KEYS, T.TREJO_DAYS[row]):
            mea = m[key]
            ok = (mea is None) if pub is None else (mea is not None and abs(mea / pub - 1) <= T.TREJO_DAY_TOLERANCE)
            key_src = (f"model-anchors-repro.py (unrounded; {src} table: {_fmt(rounded[key])})" if key in rounded
                       else src)
            rows.append(_row("trejo2019", f"{row}: {key.replace('_', ' ')}", pub, mea, "rel 2 %", ok, key_src,
                             f"{row}:{key}"))
        for day, pub in zip(T.TREJO_BONE_DAYS, T.TREJO_BONE[row]):
            mea = float(np.interp(day, r.time, r["bone_fraction"]))
            half = 0.5 * 10 ** -len(str(pub).split(".")[1])
            rows.append(_row("trejo2019", f"{row}: bone at day {day:g} (fraction)", pub, mea,
                             f"rel 2 % or abs {half:g}", abs(mea - pub) <= max(0.02 * pub, half), src))
    plateau = float(runs["E0 d_b=0.3"]["bone_fraction"][-1])
    rows.append(_row("trejo2019", "E0 d_b=0.3: bone plateau (non-union)", T.TREJO_PLATEAU, plateau, "rel 2 %",
                     abs(plateau / T.TREJO_PLATEAU - 1) <= 0.02, src))
    return rows, runs


def peterson_rows():
    src = f"{T.ANCHORS} §1.4"
    base = reference.simulate("peterson2010", doses=[], days=365.0, output_interval_days=5.0, options=PETERSON_OPTIONS)
    rows = []
    for name, (pub, unit) in T.PETERSON_BASELINE.items():
        for i, when in ((0, "day 0"), (-1, "day 365 untreated")):
            mea = float(base[name][i])
            rows.append(_row("peterson2010", f"baseline {name} ({unit}), {when}", pub, mea, "rel 1e-3",
                             abs(mea / pub - 1) <= 1e-3, src))
    deno = reference.simulate("peterson2010", options=PETERSON_OPTIONS, output_interval_days=1.0)
    for day, pub in T.FREEDOM_TOTAL_HIP.items():
        mea = float(np.interp(day, deno.time, deno["bmd_fn_change"]))
        ok = abs((1 + mea / 100) / (1 + pub / 100) - 1) <= T.FREEDOM_TOLERANCE
        rows.append(_row("peterson2010", f"denosumab 60 mg q6mo: hip BMD change at {day / 365:g} y (%) "
                         "[model: femoral neck; FREEDOM: total hip]", pub, mea, "rel 1 % on BMD/BMD0", ok,
                         f"{T.ANCHORS} §5 (FREEDOM, PMC3415619 Table 2)", f"bmd_hip:{day:g}"))
    ext = reference.simulate("peterson2010", days=2921.0, output_interval_days=5.0, options=PETERSON_OPTIONS)
    for day, (spine, hip) in T.FREEDOM_EXTENSION.items():
        for site, name, pub, what in (("ls", "bmd_ls_den_change", spine, "lumbar-spine BMD (denosumab calibration)"),
                                      ("hip", "bmd_fn_change", hip, "hip BMD [model: femoral neck; FREEDOM: total hip]")):
            mea = float(np.interp(day, ext.time, ext[name]))
            ok = abs((1 + mea / 100) / (1 + pub / 100) - 1) <= T.FREEDOM_TOLERANCE
            rows.append(_row("peterson2010", f"denosumab 60 mg q6mo: {what} change at {day / 365:g} y (%)", pub, mea,
                             "rel 1 % on BMD/BMD0", ok, f"{T.ANCHORS} §5 (FREEDOM extension, PMC3415620)",
                             f"bmd_{site}:{day:g}"))
    return rows, {"baseline": base, "denosumab": deno, "extension": ext}


def crosscheck_table(sbml_dir: Path) -> list[tuple[str, str, float, float | None]]:
    out = []
    for case, fn in tqdm(crosscheck.CASES.items(), desc="SBML cross-check", leave=False):
        diffs, _ = fn(sbml_dir)
        worst = max(diffs, key=lambda k: diffs[k][0])
        pw = [v[1] for v in diffs.values() if v[1] is not None]
        out.append((case, f"{len(diffs)} states (worst: {worst})", max(v[0] for v in diffs.values()), max(pw) if pw else None))
    return out


COLLAPSE = {"PTH 1e3": ("teriparatide", "pth_infusion", 1e3), "OPG 2e5": ("opg", "opg_infusion", 2e5),
            "RANKL 1e1": ("rankl", "rankl_infusion", 1e1), "RANKL 1e2": ("rankl", "rankl_infusion", 1e2),
            "TGFb 1e-3": ("tgf_beta_bone", "tgfb_infusion", 1e-3)}


def collapse_table() -> list[tuple[str, str, float, float, float]]:
    """Full model (healthy, uninjured, infusion through the scenario's agents) vs standalone pivonka2008
    (as tests/reference/test_collapse.py)."""
    rows = []
    base = oi.simulate(oi.load_scenario("homeostasis", ["days=200", "output_interval_days=1"]), oi.SolverOptions(rtol=1e-9))
    ref0 = reference.simulate("pivonka2008", doses=[], days=200.0, output_interval_days=1.0, options=TIGHT)
    for s in T.PIVONKA_SPECIES:
        rows.append(("steady state", s, float(base[s][0]), float(ref0[s][0]), float(base[s][0] / ref0[s][0] - 1)))
    for label, (agent, name, amount) in tqdm(COLLAPSE.items(), desc="collapse", leave=False):
        sc = oi.load_scenario("homeostasis", ["days=200", "output_interval_days=1",
                                              f"interventions=[{{agent: {agent}, dose: {amount}, unit: pM/day, "
                                              "start_day: 0, duration_days: 100, route: systemic}]"])
        full = fold_changes(oi.simulate(sc, oi.SolverOptions(rtol=1e-9)), T.PIVONKA_SPECIES, 100.0)
        ref = fold_changes(reference.simulate("pivonka2008", doses=[Dose(name, amount, 0.0, 100.0)], days=200.0,
                                              output_interval_days=1.0, options=TIGHT), T.PIVONKA_SPECIES, 100.0)
        for s in T.PIVONKA_SPECIES:
            rows.append((f"{label} fold at day 100", s, full[s], ref[s], full[s] / ref[s] - 1))
    return rows


# --------------------------------------------------------------------------- figures
def figures(out: Path, runs: dict) -> list[str]:
    from matplotlib.figure import Figure

    out.mkdir(parents=True, exist_ok=True)
    names = []

    def save(fig, name):
        fig.savefig(out / name, dpi=110)
        names.append(name)

    k = runs["komarova2003"]
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    ax = fig.subplots(1, 3)
    c = k["cycle"]
    ax[0].plot(c.time, c["osteoclast"], label="osteoclasts x1")
    ax[0].set_title("Komarova 2003: one cycle, osteoclasts")
    ax[1].plot(c.time, c["osteoblast"], color="C1", label="osteoblasts x2")
    ax[1].set_title("osteoblasts")
    ax[2].plot(c.time, c["bone_mass"], color="k")
    ax[2].axhline(89.8, ls=":", color="grey", label="published nadir 89.8 %")
    ax[2].set_title("bone mass (%)")
    ax[2].legend(frameon=False, fontsize=8)
    for a in ax:
        a.set_xlabel("day")
    save(fig, "komarova2003_cycle.png")

    fig = Figure(figsize=(11, 6.5), layout="constrained")
    ax = fig.subplots(2, 2)
    for row, color in (("E1 D0=5e7", "C0"), ("E0 d_b=0.3", "C3"), ("E1 D0=2e8 (severe)", "C2"), ("E1 D0=3e5 (simple)", "C4")):
        r = runs["trejo2019"][row]
        ax[0, 0].plot(r.time, r["m1_macrophage"], color=color, label=f"M1 {row}")
        ax[0, 0].plot(r.time, r["m2_macrophage"], color=color, ls="--")
        ax[0, 1].semilogy(r.time, np.maximum(r["debris"], 1.0), color=color, label=row)
        ax[1, 0].plot(r.time, r["cartilage"], color=color, label=row)
        ax[1, 1].plot(r.time, r["bone_fraction"], color=color, label=row)
    ax[0, 0].set_xlim(0, 60)
    ax[0, 0].set_title("Trejo 2019: M1 (solid), M2 (dashed) macrophages (cells/mL); E0 = E1 here")
    ax[0, 1].set_xlim(0, 60)
    ax[0, 1].set_title("debris (cells/mL)")
    ax[1, 0].set_xlim(0, 100)
    ax[1, 0].set_title("fibrocartilage (g/mL)")
    ax[1, 1].axhline(T.TREJO_PLATEAU, ls=":", color="grey")
    ax[1, 1].set_title("bone (fraction of 1 g/mL)")
    for a in ax.flat:
        a.set_xlabel("day")
    ax[1, 1].legend(frameon=False, fontsize=8)
    save(fig, "trejo2019_timecourses.png")

    fig = Figure(figsize=(11, 3.6), layout="constrained")
    ax = fig.subplots(1, 3)
    d = runs["peterson2010"]["denosumab"]
    ax[0].plot(d.time / 365, d["bmd_fn_change"], label="model femoral neck")
    ax[0].plot(d.time / 365, d["bmd_ls_den_change"], label="model lumbar spine (denosumab fit)")
    yrs = np.array(list(T.FREEDOM_TOTAL_HIP)) / 365
    ax[0].errorbar(yrs, list(T.FREEDOM_TOTAL_HIP.values()),
                   yerr=[(1 + v / 100) * T.FREEDOM_TOLERANCE * 100 for v in T.FREEDOM_TOTAL_HIP.values()],
                   fmt="ks", capsize=3, label="FREEDOM total hip (±1 % of BMD)")
    ax[0].set_title("Peterson & Riggs, denosumab 60 mg q6mo:\nBMD change (%)")
    ax[0].set_xlabel("year")
    ax[0].legend(frameon=False, fontsize=8)
    ax[1].plot(d.time / 365, d["oc"] / d["oc"][0], color="C3")
    ax[1].set_title("osteoclasts (CTx proxy),\nfraction of baseline")
    ax[1].set_xlabel("year")
    ax[2].plot(d.time / 365, d["den_conc"] / 1000, color="C2")
    ax[2].set_title("serum denosumab\n(ug/mL)")
    ax[2].set_xlabel("year")
    save(fig, "peterson2010_denosumab.png")

    fig = Figure(figsize=(11, 3.6), layout="constrained")
    ax = fig.subplots(1, 2)
    for label, r in runs["lemaire2004"].items():
        ax[0].plot(r.time, r["osteoblast"] / r["osteoblast"][0], label=label)
    ax[0].set_title("Lemaire 2004: active osteoblasts, injections days 20-80 (fold)")
    ax[0].set_yscale("log")
    ax[0].legend(frameon=False, fontsize=7)
    for label, r in runs["pivonka2008"].items():
        ax[1].plot(r.time, r["osteoclast"] / r["osteoclast"][0], label=label)
    ax[1].set_title("Pivonka 2008: active osteoclasts, infusions days 0-100 (fold)")
    ax[1].set_yscale("log")
    ax[1].legend(frameon=False, fontsize=7)
    for a in ax:
        a.set_xlabel("day")
    save(fig, "lemaire_pivonka_perturbations.png")
    return names


# --------------------------------------------------------------------------- page
INTRO = """# Validation: published bone models reproduced

<!-- GENERATED by benchmarks/validation_report.py - do not edit by hand; rerun:
     .venv/bin/python benchmarks/validation_report.py -->

osteoimmune declares five published models with the same records, compiler and solvers as the full model
(`src/osteoimmune/reference/`, one module per model; `osteoimmune scenarios` lists their built-in scenarios and
`osteoimmune run komarova2003 --out DIR` runs one). Each number below is measured by this page's generator with the
functions the tests use (`tests/reference/`), against the targets in `osteoimmune.reference.targets`
(sources: the project's anchors compilation `model-anchors.md`, sections given per row; tolerances from issue 3 and
the anchors file). Status "known deviation" rows are `xfail(strict=True)` tests with the reason shown.

Every known deviation is a clinical bone-mineral-density figure (FREEDOM and its extension) that the published
Peterson & Riggs / OpenBoneMin equations and constants, reproduced here unchanged, do not reach. Issue 3 asks for
such cases to be stated, not tuned away: the anchors file flags the model's BMD predictions as unconfirmed (never
extracted from the authors' runs), the published model has no total-hip output (its hip site is the femoral neck,
with constants not fitted to denosumab) and its denosumab-calibrated lumbar-spine constants were fitted to up to
3 years of data. The Trejo 50 %/90 % bone times are compared with the unrounded values of the anchors' own
recomputation script (the table's integer days are their roundings; the rounded value is shown in the source column).

Regenerate page and figures: `.venv/bin/python benchmarks/validation_report.py` (about a minute).
"""

MODELS = {
    "komarova2003": ("Komarova et al. 2003 (Bone 33:206)", "cite:komarova2003; BioModels BIOMD0000000148",
                     "dx1/dt = a1·x1^g11·x2^g21 − b1·x1; dx2/dt = a2·x1^g12·x2^g22 − b2·x2; dz/dt = −k1·max(x1−x̄1,0) + "
                     "k2·max(x2−x̄2,0). One cycle: 10 osteoclasts added to the steady state; g11 = 1.1 gives a centre "
                     "(period 2π/√(b1b2((1−g11)(1−g22)−g12g21)))."),
    "lemaire2004": ("Lemaire et al. 2004 (J Theor Biol 229:293)", "cite:lemaire2004; BioModels BIOMD0000000278",
                    "Responding osteoblasts R, active osteoblasts B, active osteoclasts C (pM); TGF-β action π_C, PTH "
                    "occupancy π_P, RANKL–RANK occupancy π_L with OPG from R and RANKL on B; injections I_P, I_O, I_L, "
                    "I_R, I_B, I_C from day 20 to 80."),
    "pivonka2008": ("Pivonka et al. 2008 (Bone 43:249)", "cite:pivonka2008; parameters = model/data/remodeling.yaml",
                    "OBp, OBa, OCa (pM); quasi-steady TGF-β, PTH, OPG (by OBa), RANKL (on OBp); infusions of PTH, OPG, "
                    "RANKL, TGF-β from day 0 to 100. Same parameter records as the full model's remodeling core."),
    "trejo2019": ("Trejo, Kojouharov & Chen-Charpentier 2019 (Math Comput Appl 24:12)", "cite:trejo2019",
                  "Debris → M0/M1/M2 macrophages → pro/anti-inflammatory cytokines → SSPC, osteoblasts, "
                  "fibrocartilage, bone (10 ODEs); fracture = debris bolus D(0) (3e5/5e7/2e8 cells/mL); healing set "
                  "E1 (d_b = 0.15), non-healing E0 (d_b = 0.3)."),
    "peterson2010": ("Peterson & Riggs 2010 (Bone 46:49) + 2012 denosumab/BMD", "cite:peterson2010, cite:peterson2012; "
                     "BioModels BIOMD0000000613 imported with interchange.sbml_import",
                     "Calcium/PTH/calcitriol/phosphate homeostasis and bone cells (30 states, 141 rules) from the SBML "
                     "file (hours → days, rates × 24); added: denosumab s.c. PK (depot, central, peripheral, linear + "
                     "saturable clearance), RANKL neutralisation, lumbar-spine and femoral-neck BMD (OpenBoneMin)."),
}


def render(rows: list[Row], cross, collapse, figs: list[str]) -> str:
    lines = [INTRO]
    n_pass = sum(r.ok for r in rows)
    n_dev = sum((not r.ok) and bool(r.deviation) for r in rows)
    lines.append(f"**Summary:** {len(rows)} published quantities: {n_pass} reproduced within tolerance, {n_dev} known "
                 f"deviations, {len(rows) - n_pass - n_dev} failures.\n")
    for model, (title, cite, eqs) in MODELS.items():
        lines += [f"## {model}: {title}", "", f"Source: {cite}. {eqs}", "",
                  "| quantity | published | osteoimmune | rel. error | tolerance | status | source |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for r in rows:
            if r.model != model:
                continue
            err = "" if r.rel_error is None else f"{r.rel_error:+.2%}"
            status = r.status + (f": {r.deviation}" if r.deviation and not r.ok else "")
            lines.append(f"| {r.quantity} | {_fmt(r.published)} | {_fmt(r.measured)} | {err} | {r.tolerance} | {status} "
                         f"| {r.source} |")
        lines.append("")
    lines += ["## SBML cross-check (libroadrunner vs osteoimmune declaration)", "",
              "Relative tolerance 1e-10 / absolute 1e-14 (libroadrunner), 1e-10 (ours). `range` = max_t |ours − file| / "
              "max_t |file|; `pointwise` = max_t |ours − file| / |file| over the states that stay away from zero. "
              "Komarova: `flag_resorption = 1` at t = 0 (the file's L2V3 trigger is already true at t = 0 and never "
              "fires). Peterson: file in hours, ours in days (rates × 24). Details: `osteoimmune.reference.crosscheck`.",
              "", "| file and run | compared | max range diff | max pointwise diff |", "| --- | --- | --- | --- |"]
    for case, what, rng, pw in cross:
        lines.append(f"| {case} | {what} | {rng:.2e} | {'n/a' if pw is None else f'{pw:.2e}'} |")
    lines += ["", "## Collapse: full osteoimmune model → Pivonka 2008", "",
              "Healthy 30-year-old, no injury (immune, mitochondrial and injury layers at their basal levels, every "
              "coupling ratio 1); infusions through the scenario agents `teriparatide` (P_PTH), `opg` (P_OPG), "
              "`rankl` (P_RANKL), `tgf_beta_bone` (P_TGFb) for days 0-100. Required: fold changes within 2 %.", "",
              "| quantity | species | full model | standalone pivonka2008 | rel. difference |", "| --- | --- | --- | --- | --- |"]
    for q, s, a, b, d in collapse:
        lines.append(f"| {q} | {s} | {a:.5g} | {b:.5g} | {d:+.2e} |")
    lines += ["", "## Figures", ""]
    lines += [f"![{f}](figures/validation/{f})" for f in figs]
    lines += ["", "## Notes", "",
              "* Trejo 2019: parameters are the 'male' set of the Lafuente-Gracia MATLAB re-implementation (k02 = 0.0836 "
              "is just below Trejo's published range); the targets are the anchors file's computed table.",
              "* Peterson & Riggs: the model has no total-hip BMD; its femoral-neck BMD is compared with FREEDOM's total "
              "hip. The anchors file gives no tolerance for the clinical figures; its fold-change tolerance (±1 %) is "
              "applied to BMD/BMD0.",
              "* Pivonka 2008: remodeling.yaml holds the reference-code values to 5 significant digits; the anchors' "
              "numbers were computed with full precision (differences ≤ 1e-4 relative).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "validation.md")
    ap.add_argument("--figures", type=Path, default=ROOT / "docs" / "figures" / "validation")
    ap.add_argument("--sbml", type=Path, default=ROOT / "tests" / "data" / "sbml")
    ap.add_argument("--check", action="store_true", help="only compute; exit 1 on an unexpected failure")
    args = ap.parse_args(argv)
    rows: list[Row] = []
    runs: dict = {}
    for name, fn in tqdm((("komarova2003", komarova_rows), ("lemaire2004", lemaire_rows), ("pivonka2008", pivonka_rows),
                          ("trejo2019", trejo_rows), ("peterson2010", peterson_rows)), desc="reference models"):
        r, runs[name] = fn()
        rows += r
    failures = [r for r in rows if not r.ok and not r.deviation]
    for r in failures:
        print(f"FAIL {r.model}: {r.quantity}: published {r.published}, measured {r.measured}", file=sys.stderr)
    if args.check:
        return 1 if failures else 0
    cross = crosscheck_table(args.sbml)
    collapse = collapse_table()
    figs = figures(args.figures, runs)
    text = render(rows, cross, collapse, figs)
    tmp = args.out.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out} ({len(rows)} rows) and {len(figs)} figures in {args.figures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
