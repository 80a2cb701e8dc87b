"""Lemaire et al. 2004 (J Theor Biol 229:293): RANK/RANKL/OPG/PTH/TGF-β bone cell population model.

Equations (paper; BioModels BIOMD0000000278; model-anchors.md §1.2; all
concentrations in pM, time in day)::

    π_C = (C + f0·C_s)/(C + C_s)                           TGF-β released by resorption
    π_P = (I_P/k_P + S_P/k_P)/(I_P/k_P + k6/k5)            PTH receptor occupancy
    π_L = (k3/k4)·K_LP·π_P·B / (1 + k3·K/k4 + k1/(k2·k_O)·(K_OP·R/π_P + I_O))·(1 + I_L/r_L)
    dR/dt = D_R·π_C − D_B·R/π_C + I_R                       responding (precursor) osteoblasts
    dB/dt = D_B·R/π_C − k_B·B + I_B                         active osteoblasts (carry RANKL)
    dC/dt = D_C·π_L − D_A·π_C·C + I_C                       active osteoclasts
    D_B = f0·d_B

The paper's experiments inject PTH (I_P), OPG (I_O), RANKL (I_L) or cells
(I_R, I_B, I_C) from day 20 to day 80; each is a named perturbation here.
"""

from __future__ import annotations

from ..model.declare import Symbols
from ..model.records import Assignment, ModelDeclaration, ParameterKind, Process, Species
from .base import Dose, PerturbationSpec, ReferenceModel, declaration, parameter, relaxed_steady_state

NAME = "lemaire2004"
CITE = "cite:lemaire2004"
_SRC = f"{CITE} (Table; BIOMD0000000278; model-anchors.md §1.2)"


def _parameters():
    P = lambda *a, **kw: parameter(*a, module=NAME, **kw)  # noqa: E731
    inp = dict(kind=ParameterKind.input, lower=0.0)
    return [
        P("D_R", 7.0e-4, "pM/day", "Differentiation rate of osteoblast progenitors into responding osteoblasts", _SRC),
        P("d_B", 0.7, "1/day", "Differentiation rate of responding into active osteoblasts (D_B = f0·d_B)", _SRC),
        P("f0", 0.05, "dimensionless", "Fixed proportion in the TGF-β action π_C", _SRC),
        P("k_B", 0.189, "1/day", "Elimination rate of active osteoblasts", _SRC),
        P("D_C", 2.1e-3, "pM/day", "Differentiation rate of osteoclast precursors", _SRC),
        P("D_A", 0.7, "1/day", "Osteoclast apoptosis rate due to TGF-β", _SRC),
        P("C_s", 5.0e-3, "pM", "Osteoclast concentration giving half-maximal TGF-β action", _SRC),
        P("k_P", 86.0, "1/day", "PTH elimination rate", _SRC),
        P("S_P", 250.0, "pM/day", "Endogenous PTH production", _SRC),
        P("k_O", 0.35, "1/day", "OPG elimination rate", _SRC),
        P("K_OP", 2.0e5, "pM/pM/day", "OPG production per responding osteoblast", _SRC),
        P("K_LP", 3.0e6, "pM/pM", "Maximal RANKL per active osteoblast", _SRC),
        P("r_L", 1.0e3, "pM/day", "Intrinsic RANKL production", _SRC),
        P("k1", 1.0e-2, "1/pM/day", "RANKL-OPG association rate", _SRC),
        P("k2", 10.0, "1/day", "RANKL-OPG dissociation rate", _SRC),
        P("k3", 5.8e-4, "1/pM/day", "RANKL-RANK association rate", _SRC),
        P("k4", 1.7e-2, "1/day", "RANKL-RANK dissociation rate", _SRC),
        P("k5", 0.02, "1/pM/day", "PTH-receptor association rate", _SRC),
        P("k6", 3.0, "1/day", "PTH-receptor dissociation rate", _SRC),
        P("K", 10.0, "pM", "RANK concentration", _SRC),
        P("I_P", 0.0, "pM/day", "Exogenous PTH injection", _SRC, **inp),
        P("I_O", 0.0, "pM/day", "Exogenous OPG injection", _SRC, **inp),
        P("I_L", 0.0, "pM/day", "Exogenous RANKL injection", _SRC, **inp),
        P("I_R", 0.0, "pM/day", "Exogenous responding osteoblasts", _SRC, **inp),
        P("I_B", 0.0, "pM/day", "Exogenous active osteoblasts", _SRC, **inp),
        P("I_C", 0.0, "pM/day", "Exogenous active osteoclasts", _SRC, **inp),
    ]


def build() -> ModelDeclaration:
    """The Lemaire 2004 declaration."""
    params = _parameters()
    species = [
        Species(id="responding_osteoblast", name="Responding osteoblasts (R)", unit="pM", scale=7.7e-4, initial=7.734e-4,
                description="Osteoblast precursors responding to TGF-β; produce OPG", module=NAME),
        Species(id="osteoblast", name="Active osteoblasts (B)", unit="pM", scale=7.3e-4, initial=7.282e-4,
                description="Active osteoblasts; express RANKL", module=NAME),
        Species(id="osteoclast", name="Active osteoclasts (C)", unit="pM", scale=9.1e-4, initial=9.127e-4,
                description="Active osteoclasts", module=NAME),
    ]
    S = Symbols([p.id for p in params] + [s.id for s in species] + ["D_B", "pi_C", "pi_P", "pi_L"])
    R, B, C = S.responding_osteoblast, S.osteoblast, S.osteoclast
    assignments = [
        Assignment("D_B", S.f0 * S.d_B, "1/day", "Differentiation rate of responding osteoblasts, f0·d_B", NAME),
        Assignment("pi_C", (C + S.f0 * S.C_s) / (C + S.C_s), "dimensionless",
                   "TGF-β action (TGF-β released from the matrix by resorbing osteoclasts)", NAME, entity="tgf_beta"),
        Assignment("pi_P", (S.I_P / S.k_P + S.S_P / S.k_P) / (S.I_P / S.k_P + S.k6 / S.k5), "dimensionless",
                   "PTH receptor occupancy", NAME, entity="pth"),
        Assignment("pi_L",
                   (S.k3 / S.k4) * S.K_LP * S.pi_P * B
                   / (1 + S.k3 * S.K / S.k4 + S.k1 / (S.k2 * S.k_O) * (S.K_OP * R / S.pi_P + S.I_O)) * (1 + S.I_L / S.r_L),
                   "dimensionless", "RANK occupancy by RANKL (quasi-steady RANKL/OPG/RANK binding)", NAME, entity="rankl"),
    ]
    cite = (CITE,)
    processes = [
        Process("progenitor_commitment", S.D_R * S.pi_C, {"responding_osteoblast": 1},
                "Progenitors become responding osteoblasts, stimulated by TGF-β", cite, NAME, "pM/day"),
        Process("osteoblast_activation", S.D_B * R / S.pi_C, {"responding_osteoblast": -1, "osteoblast": 1},
                "Responding osteoblasts become active, repressed by TGF-β", cite, NAME, "pM/day"),
        Process("osteoblast_elimination", S.k_B * B, {"osteoblast": -1}, "Active osteoblast elimination", cite, NAME, "pM/day"),
        Process("osteoclast_formation", S.D_C * S.pi_L, {"osteoclast": 1},
                "Osteoclast formation driven by RANKL-RANK binding", cite, NAME, "pM/day"),
        Process("osteoclast_apoptosis", S.D_A * S.pi_C * C, {"osteoclast": -1},
                "Osteoclast apoptosis promoted by TGF-β", cite, NAME, "pM/day"),
        Process("responding_osteoblast_injection", S.I_R, {"responding_osteoblast": 1},
                "Exogenous responding osteoblasts (experiment)", cite, NAME, "pM/day"),
        Process("osteoblast_injection", S.I_B, {"osteoblast": 1}, "Exogenous active osteoblasts (experiment)", cite, NAME, "pM/day"),
        Process("osteoclast_injection", S.I_C, {"osteoclast": 1}, "Exogenous active osteoclasts (experiment)", cite, NAME, "pM/day"),
    ]
    return declaration(NAME, "Lemaire et al. 2004 RANK/RANKL/OPG/PTH bone cell population model",
                       species, params, assignments, processes)


PERTURBATIONS = PerturbationSpec.infusions(f"{CITE} (model-anchors.md §1.2 table)", [
    ("pth_infusion", "I_P", 1.0e3, "Continuous PTH injection I_P (catabolic)"),
    ("opg_infusion", "I_O", 2.0e5, "OPG injection I_O (anabolic)"),
    ("rankl_infusion", "I_L", 10.0, "RANKL injection I_L"),
    ("responding_osteoblast_infusion", "I_R", 1.0e-4, "Responding osteoblast injection I_R"),
    ("osteoblast_infusion", "I_B", 1.0e-4, "Active osteoblast injection I_B"),
    ("osteoclast_infusion", "I_C", 1.0e-4, "Active osteoclast injection I_C"),
])

#: the paper's injection window (day)
WINDOW = (20.0, 80.0)

MODEL = ReferenceModel(
    name=NAME, build=build, citation="lemaire2004",
    title="Lemaire et al. 2004: RANK/RANKL/OPG/PTH bone cell population model",
    days=160.0, output_interval_days=0.5, perturbations=PERTURBATIONS, initial_state=relaxed_steady_state,
    default_doses=(Dose("pth_infusion", start_day=WINDOW[0], end_day=WINDOW[1]),),
)
