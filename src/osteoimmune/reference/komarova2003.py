"""Komarova et al. 2003 (Bone 33:206): autocrine/paracrine power-law model of one remodeling site.

Equations (paper; BioModels BIOMD0000000148; model-anchors.md §1.1)::

    dx1/dt = a1·x1^g11·x2^g21 − b1·x1           osteoclasts x1 (cells)
    dx2/dt = a2·x1^g12·x2^g22 − b2·x2           osteoblasts x2 (cells)
    dz/dt  = −k1·y1 + k2·y2,  yi = max(xi − x̄i, 0)   bone mass z (% of initial)
    γ  = g12·g21 − (1 − g11)(1 − g22)
    x̄1 = (b1/a1)^((1−g22)/γ)·(b2/a2)^(g21/γ),  x̄2 = (b1/a1)^(g12/γ)·(b2/a2)^((1−g11)/γ)

One remodeling cycle is triggered by adding 10 osteoclasts to the steady
state at t = 0 (the paper's x1(0) = x̄1 + 10).  With g11 = 1.1 the steady state
is a centre (trace b1(g11−1) + b2(g22−1) = 0): small perturbations oscillate
with period 2π/√(b1·b2·((1−g11)(1−g22) − g12·g21)) = 157.1 d.

The SBML file switches resorption and formation with events on flags; its
resorption flag starts at 0 and an SBML L2 trigger already true at t = 0 does
not fire, so the file as shipped skips the first resorption phase.  This
declaration uses the paper's yi = max(xi − x̄i, 0) directly (see
``tests/data/sbml/README.md`` and ``tests/reference/test_sbml_crosscheck.py``).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import sympy as sp

from ..model.blocks import pos
from ..model.declare import Symbols
from ..model.records import Assignment, ModelDeclaration, Process, Species
from ..solve.compile import CompiledModel
from .base import Dose, PerturbationSpec, ReferenceModel, declaration, parameter

NAME = "komarova2003"
CITE = "cite:komarova2003"
_SRC = f"{CITE} (BIOMD0000000148; model-anchors.md §1.1)"

#: oscillatory regime (g11 = 1.1) with the balanced bone turnover constants of Ayati et al. 2010
OSCILLATORY = {"g11": 1.1, "k1": 0.0748, "k2": 0.0006395}


def _parameters():
    P = lambda *a, **kw: parameter(*a, module=NAME, **kw)  # noqa: E731
    return [
        P("a1", 3.0, "1/day", "Osteoclast production (power-law rate constant)", _SRC),
        P("a2", 4.0, "1/day", "Osteoblast production (power-law rate constant)", _SRC),
        P("b1", 0.2, "1/day", "Osteoclast removal rate", _SRC),
        P("b2", 0.02, "1/day", "Osteoblast removal rate", _SRC),
        P("g11", 0.5, "dimensionless", "Osteoclast autocrine effect (0.5: single cycle; 1.1: oscillatory)", _SRC),
        P("g21", -0.5, "dimensionless", "Osteoblast-derived paracrine inhibition of osteoclasts (net OPG/RANKL)", _SRC),
        P("g12", 1.0, "dimensionless", "Osteoclast-derived paracrine stimulation of osteoblasts (coupling)", _SRC),
        P("g22", 0.0, "dimensionless", "Osteoblast autocrine effect", _SRC),
        P("k1", 0.24, "%/cell/day", "Resorption per osteoclast above steady state (g11 = 0.5 pair)", _SRC),
        P("k2", 0.0017, "%/cell/day", "Formation per osteoblast above steady state (g11 = 0.5 pair)", _SRC),
    ]


def build() -> ModelDeclaration:
    """The Komarova 2003 declaration (single-cycle parameter set; see :data:`OSCILLATORY`)."""
    params = _parameters()
    species = [
        Species(id="osteoclast", name="Osteoclasts (x1)", unit="cell", scale=1.0, initial=1.0606601717798212,
                description="Osteoclast number at the remodeling site", module=NAME),
        Species(id="osteoblast", name="Osteoblasts (x2)", unit="cell", scale=200.0, initial=212.13203435596427,
                description="Osteoblast number at the remodeling site", module=NAME),
        Species(id="bone_mass", name="Bone mass (z)", unit="%", scale=100.0, initial=100.0,
                description="Bone mass at the site, % of its initial value", module=NAME),
    ]
    S = Symbols([p.id for p in params] + [s.id for s in species]
                + ["gamma_k", "osteoclast_ss", "osteoblast_ss", "resorbing", "forming"])
    assignments = [
        Assignment("gamma_k", S.g12 * S.g21 - (1 - S.g11) * (1 - S.g22), "dimensionless",
                   "γ = g12·g21 − (1 − g11)(1 − g22), determinant of the power-law system", NAME),
        Assignment("osteoclast_ss", (S.b1 / S.a1) ** ((1 - S.g22) / S.gamma_k) * (S.b2 / S.a2) ** (S.g21 / S.gamma_k),
                   "cell", "Non-trivial steady state x̄1 of the osteoclasts", NAME),
        Assignment("osteoblast_ss", (S.b1 / S.a1) ** (S.g12 / S.gamma_k) * (S.b2 / S.a2) ** ((1 - S.g11) / S.gamma_k),
                   "cell", "Non-trivial steady state x̄2 of the osteoblasts", NAME),
        Assignment("resorbing", pos(S.osteoclast - S.osteoclast_ss), "cell",
                   "Osteoclasts actively resorbing, y1 = max(x1 − x̄1, 0)", NAME),
        Assignment("forming", pos(S.osteoblast - S.osteoblast_ss), "cell",
                   "Osteoblasts actively forming, y2 = max(x2 − x̄2, 0)", NAME),
    ]
    x1, x2 = S.osteoclast, S.osteoblast
    processes = [
        Process("osteoclast_formation", S.a1 * x1 ** S.g11 * x2 ** S.g21, {"osteoclast": 1},
                "Osteoclast production with autocrine (g11) and osteoblast paracrine (g21) regulation", (CITE,), NAME, "cell/day"),
        Process("osteoclast_removal", S.b1 * x1, {"osteoclast": -1}, "Osteoclast removal", (CITE,), NAME, "cell/day"),
        Process("osteoblast_formation", S.a2 * x1 ** S.g12 * x2 ** S.g22, {"osteoblast": 1},
                "Osteoblast production with osteoclast paracrine (g12) and autocrine (g22) regulation", (CITE,), NAME, "cell/day"),
        Process("osteoblast_removal", S.b2 * x2, {"osteoblast": -1}, "Osteoblast removal", (CITE,), NAME, "cell/day"),
        Process("resorption", S.k1 * S.resorbing, {"bone_mass": -1}, "Bone resorption by osteoclasts above steady state",
                (CITE,), NAME, "%/day"),
        Process("formation", S.k2 * S.forming, {"bone_mass": 1}, "Bone formation by osteoblasts above steady state",
                (CITE,), NAME, "%/day"),
    ]
    return declaration(NAME, "Komarova et al. 2003 osteoclast/osteoblast power-law remodeling model",
                       species, params, assignments, processes)


def analytic_steady_state(p: Mapping[str, float]) -> tuple[float, float]:
    """(x̄1, x̄2) from the closed form (paper; BIOMD0000000148 rules)."""
    gam = p["g12"] * p["g21"] - (1 - p["g11"]) * (1 - p["g22"])
    x1 = (p["b1"] / p["a1"]) ** ((1 - p["g22"]) / gam) * (p["b2"] / p["a2"]) ** (p["g21"] / gam)
    x2 = (p["b1"] / p["a1"]) ** (p["g12"] / gam) * (p["b2"] / p["a2"]) ** ((1 - p["g11"]) / gam)
    return x1, x2


def linear_period(p: Mapping[str, float]) -> float:
    """Period (day) of small oscillations around the steady state when it is a centre."""
    det = p["b1"] * p["b2"] * ((1 - p["g11"]) * (1 - p["g22"]) - p["g12"] * p["g21"])
    return float(2 * np.pi / np.sqrt(det))


def initial_state(compiled: CompiledModel, p: Mapping[str, float]) -> np.ndarray:
    """The steady state (x̄1, x̄2) with bone mass 100 %."""
    x1, x2 = analytic_steady_state(p)
    values = {"osteoclast": x1, "osteoblast": x2, "bone_mass": 100.0}
    return np.array([values[s] for s in compiled.species_ids])


PERTURBATIONS = {
    "osteoclast_pulse": PerturbationSpec(
        "osteoclast_pulse", "bolus", "osteoclast", "cell", 10.0,
        "Osteoclasts added to the steady state (x1(0) = x̄1 + 10 starts one remodeling cycle)", _SRC),
}

MODEL = ReferenceModel(
    name=NAME, build=build, citation="komarova2003",
    title="Komarova et al. 2003: osteoclast autocrine regulation controls remodeling (power-law OC/OB model)",
    days=300.0, output_interval_days=0.1, perturbations=PERTURBATIONS, initial_state=initial_state,
    default_doses=(Dose("osteoclast_pulse"),),
)
