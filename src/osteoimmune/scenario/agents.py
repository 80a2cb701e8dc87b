"""Catalogue of intervention agents and the model inputs they drive.

Each agent maps onto one model input parameter (a rate or level held
piecewise-constant over the intervention window) or onto a state jump
(``bolus``: added to a species at ``start_day``).  ``units`` maps every
accepted unit to the factor converting it to the input's canonical unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class AgentSpec:
    target: str
    kind: Literal["input", "bolus", "scaffold", "fraction_down"]
    canonical_unit: str
    units: dict[str, float]
    description: str
    evidence: tuple[str, ...] = ()
    max_dose: float | None = None


_RATE = {"ng/mL/day": 1.0, "ug/mL/day": 1000.0, "pg/mL/day": 1e-3}

AGENTS: dict[str, AgentSpec] = {
    "nsaid": AgentSpec("nsaid", "input", "fraction", {"fraction": 1.0, "percent": 0.01},
                       "NSAID: fraction of COX-2 activity blocked", ("I052",), max_dose=1.0),
    "il4": AgentSpec("il4_delivery", "input", "ng/mL/day", _RATE, "Local IL-4 (IL-4/IL-13) release", ("I023", "I061")),
    "ifn_gamma": AgentSpec("ifn_delivery", "input", "ng/mL/day", _RATE, "Local IFN-γ release", ("I188", "I153")),
    "bmp2": AgentSpec("bmp2_delivery", "input", "ng/mL/day", _RATE, "Local BMP-2 release", ("I065",)),
    "vegf": AgentSpec("vegf_delivery", "input", "ng/mL/day", _RATE, "Local VEGF release", ("I039",)),
    "tnf_alpha": AgentSpec("tnf_delivery", "input", "ng/mL/day", _RATE, "Local TNF-α delivery", ("I054",)),
    "anti_tnf": AgentSpec("anti_tnf", "input", "1/day", {"1/day": 1.0}, "TNF-α neutralisation (extra clearance rate)", ()),
    "anti_il1": AgentSpec("anti_il1", "input", "1/day", {"1/day": 1.0}, "IL-1β neutralisation (extra clearance rate)", ()),
    "anti_il23p19": AgentSpec("anti_il23", "input", "1/day", {"1/day": 1.0}, "Anti-IL-23p19 antibody", ("I080",)),
    "denosumab": AgentSpec("denosumab", "input", "pM", {"pM": 1.0, "nM": 1000.0}, "Anti-RANKL antibody at the remodeling site", ()),
    "teriparatide": AgentSpec("P_PTH", "input", "pM/day", {"pM/day": 1.0}, "Exogenous PTH", ()),
    "opg": AgentSpec("P_OPG", "input", "pM/day", {"pM/day": 1.0}, "Exogenous OPG", ()),
    "rankl": AgentSpec("P_RANKL", "input", "pM/day", {"pM/day": 1.0}, "Exogenous RANKL", ()),
    "tgf_beta_bone": AgentSpec("P_TGFb", "input", "pM/day", {"pM/day": 1.0}, "Exogenous bone-matrix TGF-β (Pivonka injection)", ()),
    "antioxidant": AgentSpec("antioxidant", "input", "fold", {"fold": 1.0}, "Antioxidant (e.g. melatonin): fold increase of ROS scavenging", ("I278", "I470")),
    "mito_transplantation": AgentSpec("mito_transplant", "input", "1/day", {"1/day": 1.0}, "Mitochondrial transplantation (restoration rate of mitochondrial deficit)", ("I263", "I264")),
    "bmsc_transplantation": AgentSpec("bmsc", "bolus", "cell/mL", {"cell/mL": 1.0, "1e6 cell/mL": 1e6}, "BMSCs delivered into the site", ("I103", "I123")),
    "magnesium": AgentSpec("mg_release", "input", "mM", {"mM": 1.0}, "Mg²⁺ release from a material", ("I085", "I086", "I143")),
    "calcium_phosphate": AgentSpec("cap_particles", "input", "fraction", {"fraction": 1.0}, "BCP/β-TCP particles", ("I145", "I154"), max_dose=1.0),
    "copper_particles": AgentSpec("cu_release", "input", "fraction", {"fraction": 1.0}, "Cu-containing particles", ("I155", "I156"), max_dose=1.0),
    "scaffold": AgentSpec("scaffold_present", "scaffold", "fraction", {"fraction": 1.0}, "Scaffold/hydrogel occupying the site (stiffness_kpa, pore_um)", ("I142",), max_dose=1.0),
    "macrophage_depletion": AgentSpec("macrophage_depletion", "input", "1/day", {"1/day": 1.0}, "Depletion of monocytes/macrophages (e.g. clodronate)", ("I013",)),
    "mettl3_knockdown": AgentSpec("mettl3_activity", "fraction_down", "fraction", {"fraction": 1.0}, "METTL3 silencing (fraction of activity removed)", ("I081",), max_dose=1.0),
    "mcu_inhibitor": AgentSpec("mcu_activity", "fraction_down", "fraction", {"fraction": 1.0}, "MCU inhibition (fraction of uptake removed)", ("I295",), max_dose=1.0),
}
