"""Peterson & Riggs 2010 (Bone 46:49): calcium homeostasis and bone remodeling, with denosumab PK/PD (2012).

The calcium/PTH/calcitriol/phosphate/bone-cell core (30 states, 141 assignment rules) is the published SBML
BioModels BIOMD0000000613 (``reference/data/BIOMD0000000613.xml``, CC0), read with
:func:`osteoimmune.interchange.sbml_import.import_sbml` into the same records as every other declaration.  The file
runs in **hours**; this declaration runs in **days** like every osteoimmune model: parameters keep the file's units
and every rate is multiplied by 24 h/day (no rule of the file uses time, so nothing else changes).

Added from Peterson & Riggs 2012 / OpenBoneMin (``metrumresearchgroup/OpenBoneMin`` ``inst/OpenBoneMin.cpp``;
model-anchors.md §1.4), in the same per-hour units, then converted the same way:

* denosumab PK: subcutaneous depot → central (k_a, bioavailability F) ⇄ peripheral (Q, V_p), linear clearance CL
  and saturable (target-mediated) clearance V_max/(K_m + C_p), C_p = central/V_c (ng/mL)::

      d depot/dt   = −k_a·depot
      d central/dt = F·k_a·depot + Q·periph/V_p − (Q + CL + V_max/(K_m + C_p))·central/V_c
      d periph/dt  = Q·central/V_c − Q·periph/V_p

* denosumab binding to RANKL: ``dL/dt −= k_denosl·DEN_pM·L`` with DEN_pM = C_p/150000·10⁶ (pM, 150 kDa IgG);
* bone mineral density (fraction of baseline) at the lumbar spine (generic and denosumab-calibrated constants) and
  the femoral neck::

      dBMD/dt = k_out·(OB/OB0)^γ_OB − k_out·(OC/OC0)^γ_OC·BMD      (k_in = k_out·BMD(0), BMD(0) = 1)

The SBML's teriparatide event (three 20 µg doses at 12, 36, 60 h, exact-time triggers) is not part of the
declaration; teriparatide and denosumab doses are named perturbations (boluses) of a run.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import sympy as sp

from ..model.declare import Symbols
from ..model.records import Assignment, ModelDeclaration, Process, Species
from .base import Dose, PerturbationSpec, ReferenceModel, declaration, declared_initial_state, parameter

NAME = "peterson2010"
CITE = "cite:peterson2010"
_SBML = "BIOMD0000000613.xml"
_SRC_SBML = f"{CITE} (BioModels BIOMD0000000613)"
_SRC_PKPD = "cite:peterson2012 (OpenBoneMin inst/OpenBoneMin.cpp; model-anchors.md §1.4)"
#: hours per day: the file's time unit is the hour
HOURS_PER_DAY = 24
#: teriparatide: pmol per µg (the file's dose event uses 242.848 pmol/µg, i.e. 1e6/4117.8 g/mol)
TERIPARATIDE_PMOL_PER_UG = 242.84812278401087
#: denosumab dosing interval of FREEDOM (every 6 months; 26 weeks)
DENOSUMAB_INTERVAL_DAYS = 182.0

_PKPD = (
    # id, value, unit, description
    ("DENKA", 0.00592, "1/hour", "Denosumab absorption rate from the subcutaneous depot"),
    ("DENF", 0.729, "dimensionless", "Denosumab subcutaneous bioavailability"),
    ("DENVC", 2340.0, "mL", "Denosumab central volume"),
    ("DENVP", 1324.0, "mL", "Denosumab peripheral volume"),
    ("DENCL", 2.75, "mL/hour", "Denosumab linear clearance"),
    ("DENQ", 18.67, "mL/hour", "Denosumab inter-compartmental clearance"),
    ("DENVMAX", 3110.0, "ng/hour", "Maximal saturable (target-mediated) denosumab elimination"),
    ("DENKM", 188.0, "ng/mL", "Denosumab concentration of half-maximal saturable elimination"),
    ("DEN_MW", 150000.0, "g/mol", "Molar mass of denosumab (IgG2)"),
    ("kdenosl", 2.0e-6, "1/pM/hour", "Denosumab-RANKL binding rate"),
    ("gamOB", 0.0793, "dimensionless", "BMD formation sensitivity to osteoblasts"),
    ("koutBMDls", 0.000397, "1/hour", "Lumbar-spine BMD turnover"),
    ("gamOCls", 0.14, "dimensionless", "Lumbar-spine BMD resorption sensitivity to osteoclasts"),
    ("koutBMDlsDEN", 0.000145, "1/hour", "Lumbar-spine BMD turnover (denosumab calibration)"),
    ("gamOClsDEN", 0.0679, "dimensionless", "Lumbar-spine BMD resorption sensitivity to osteoclasts (denosumab calibration)"),
    ("koutBMDfn", 0.000005651, "1/hour", "Femoral-neck BMD turnover"),
    ("gamOCfn", 0.3101, "dimensionless", "Femoral-neck BMD resorption sensitivity to osteoclasts"),
)
_NEW_SPECIES = (
    ("den_depot", "Denosumab s.c. depot", "ng", 6.0e7, 0.0, "Denosumab at the subcutaneous injection site"),
    ("den_central", "Denosumab central", "ng", 1.0e7, 0.0, "Denosumab in the central compartment (V_c)"),
    ("den_peripheral", "Denosumab peripheral", "ng", 1.0e7, 0.0, "Denosumab in the peripheral compartment (V_p)"),
    ("bmd_ls", "Lumbar-spine BMD", "fraction of baseline", 1.0, 1.0, "Lumbar-spine bone mineral density"),
    ("bmd_ls_den", "Lumbar-spine BMD (denosumab calibration)", "fraction of baseline", 1.0, 1.0,
     "Lumbar-spine BMD with the constants fitted to denosumab data"),
    ("bmd_fn", "Femoral-neck BMD", "fraction of baseline", 1.0, 1.0, "Femoral-neck (hip) bone mineral density"),
)


@lru_cache(maxsize=1)
def imported():
    """The published SBML file as an :class:`~osteoimmune.interchange.sbml_import.ImportedModel` (hours)."""
    from ..interchange.sbml_import import import_sbml

    with resources.as_file(resources.files("osteoimmune.reference.data").joinpath(_SBML)) as path:
        return import_sbml(path, name=NAME)


def _pkpd_records(S):
    """Denosumab PK, RANKL binding and BMD (per hour, the file's time unit)."""
    cp = S.den_central / S.DENVC
    assignments = [
        Assignment("den_conc", cp, "ng/mL", "Denosumab serum concentration", NAME, entity="denosumab"),
        Assignment("den_pm", S.den_conc / S.DEN_MW * 1e6, "pM", "Denosumab serum concentration (molar)", NAME,
                   entity="denosumab"),
        Assignment("bmd_ls_change", 100 * (S.bmd_ls - 1), "%", "Lumbar-spine BMD change from baseline", NAME),
        Assignment("bmd_ls_den_change", 100 * (S.bmd_ls_den - 1), "%",
                   "Lumbar-spine BMD change from baseline (denosumab calibration)", NAME),
        Assignment("bmd_fn_change", 100 * (S.bmd_fn - 1), "%", "Femoral-neck BMD change from baseline", NAME),
    ]
    P = lambda i, r, st, d: Process(i, r, st, d, (_SRC_PKPD,), NAME, "per hour (x24 per day)")  # noqa: E731
    ob, oc = S.osteoblast / S.OB0, S.oc / S.OC0
    processes = [
        P("denosumab_absorption", S.DENF * S.DENKA * S.den_depot, {"den_depot": -1, "den_central": 1},
          "Bioavailable denosumab absorbed from the s.c. depot"),
        P("denosumab_presystemic_loss", (1 - S.DENF) * S.DENKA * S.den_depot, {"den_depot": -1},
          "Non-bioavailable part of the s.c. dose"),
        P("denosumab_distribution", S.DENQ * cp, {"den_central": -1, "den_peripheral": 1}, "Central -> peripheral"),
        P("denosumab_redistribution", S.DENQ * S.den_peripheral / S.DENVP, {"den_peripheral": -1, "den_central": 1},
          "Peripheral -> central"),
        P("denosumab_linear_clearance", S.DENCL * cp, {"den_central": -1}, "Linear clearance"),
        P("denosumab_saturable_clearance", S.DENVMAX / (S.DENKM + cp) * cp, {"den_central": -1},
          "Saturable (RANKL target-mediated) clearance"),
        P("rankl_denosumab_binding", S.kdenosl * S.den_pm * S.l, {"l": -1}, "Free RANKL neutralised by denosumab"),
    ]
    for bmd, kout, gam in (("bmd_ls", S.koutBMDls, S.gamOCls), ("bmd_ls_den", S.koutBMDlsDEN, S.gamOClsDEN),
                           ("bmd_fn", S.koutBMDfn, S.gamOCfn)):
        processes += [
            P(f"{bmd}_formation", kout * ob**S.gamOB, {bmd: 1}, "BMD gain driven by osteoblasts (k_in = k_out·BMD(0))"),
            P(f"{bmd}_resorption", kout * oc**gam * S[bmd], {bmd: -1}, "BMD loss driven by osteoclasts"),
        ]
    return assignments, processes


def build() -> ModelDeclaration:
    """The Peterson & Riggs 2010 declaration (days) with the denosumab PK/PD and BMD of 2012."""
    imp = imported()
    base = imp.declaration
    species = [s.model_copy(update={"module": NAME, "initial": imp.initial_state[s.id], "nonnegative": True})
               for s in base.species.values()]
    species += [Species(id=i, name=n, unit=u, scale=sc, initial=x0, description=d, module=NAME)
                for i, n, u, sc, x0, d in _NEW_SPECIES]
    params = [p.model_copy(update={"module": NAME, "source": f"{_SRC_SBML}; {p.source}"}) for p in base.parameters.values()]
    params += [parameter(i, v, u, d, _SRC_PKPD, NAME) for i, v, u, d in _PKPD]
    new_assignments = ["den_conc", "den_pm", "bmd_ls_change", "bmd_ls_den_change", "bmd_fn_change"]
    S = Symbols([s.id for s in species] + [p.id for p in params] + list(base.assignments) + new_assignments)
    extra_assignments, extra_processes = _pkpd_records(S)
    assignments = [Assignment(a.id, a.expr, a.unit, a.description, NAME, a.entity, a.implements)
                   for a in base.assignments.values()] + extra_assignments
    h = sp.Integer(HOURS_PER_DAY)
    processes = [Process(p.id, h * p.rate, p.stoichiometry, p.description, (p.implements or ()) + (CITE,), NAME,
                         f"({p.unit or 'amount/hour'}) x 24 h/day")
                 for p in base.processes.values()]
    processes += [Process(p.id, h * p.rate, p.stoichiometry, p.description, p.implements, NAME, p.unit)
                  for p in extra_processes]
    return declaration(NAME, "Peterson & Riggs 2010 calcium homeostasis and bone remodeling (BIOMD0000000613, "
                       "time converted from hours to days) with denosumab PK/PD and BMD (Peterson & Riggs 2012)",
                       species, params, assignments, processes)


PERTURBATIONS = {
    "denosumab_sc": PerturbationSpec(
        "denosumab_sc", "bolus", "den_depot", "mg", 60.0,
        "Subcutaneous denosumab (FREEDOM: 60 mg every 6 months); mg -> ng in the depot, bioavailability DENF",
        _SRC_PKPD, factor=1.0e6),
    "teriparatide_sc": PerturbationSpec(
        "teriparatide_sc", "bolus", "terisc", "ug", 20.0,
        "Subcutaneous teriparatide (PTH 1-34) dose; ug -> pmol (242.848 pmol/ug, the file's dose event)",
        _SRC_SBML, factor=TERIPARATIDE_PMOL_PER_UG),
}

MODEL = ReferenceModel(
    name=NAME, build=build, citation="peterson2010",
    title="Peterson & Riggs 2010/2012: calcium homeostasis, bone remodeling, denosumab PK/PD and BMD",
    days=3 * 365.0, output_interval_days=1.0, perturbations=PERTURBATIONS, initial_state=declared_initial_state,
    default_doses=(Dose("denosumab_sc", 60.0, 0.0, None, DENOSUMAB_INTERVAL_DAYS),),
)
