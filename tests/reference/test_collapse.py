"""Collapse test (issue 3 item 4): the full osteoimmune model, healthy patient without injury (immune, mitochondrial
and injury layers at their basal levels, so every coupling ratio into the remodeling core is 1), reproduces the
Pivonka 2008 steady state and its PTH / OPG / RANKL (and TGF-β) responses computed with the standalone
``pivonka2008`` declaration: same fold changes at day 100 within 2 %.

The infusions enter the full model through the scenario's existing intervention agents ``teriparatide`` (→ P_PTH),
``opg`` (→ P_OPG), ``rankl`` (→ P_RANKL) and ``tgf_beta_bone`` (→ P_TGFb) of ``model/data/remodeling.yaml`` — the
same input parameters the standalone declaration perturbs.  Source of the experiment: model-anchors.md §1.3
(injection days 0-100).
"""

from __future__ import annotations

from functools import lru_cache

import pytest

import osteoimmune as oi
from osteoimmune.reference import Dose
from osteoimmune.reference.metrics import fold_changes

from refhelpers import run

CORE = ("preosteoblast", "osteoblast", "osteoclast")
#: agent of the full model -> (perturbation of pivonka2008, amount in pM/day)
INFUSIONS = {
    "PTH 1e3": ("teriparatide", "pth_infusion", 1e3),
    "OPG 2e5": ("opg", "opg_infusion", 2e5),
    "RANKL 1e1": ("rankl", "rankl_infusion", 1e1),
    "RANKL 1e2": ("rankl", "rankl_infusion", 1e2),
    "TGFb 1e-3": ("tgf_beta_bone", "tgfb_infusion", 1e-3),
}


@lru_cache(maxsize=None)
def full_model(label: str | None):
    overrides = ["days=200", "output_interval_days=1"]
    if label is not None:
        agent, _, amount = INFUSIONS[label]
        overrides.append(f"interventions=[{{agent: {agent}, dose: {amount}, unit: pM/day, start_day: 0, "
                         "duration_days: 100, route: systemic}]")
    return oi.simulate(oi.load_scenario("homeostasis", overrides), oi.SolverOptions(rtol=1e-9))


def standalone(label: str):
    _, name, amount = INFUSIONS[label]
    return run("pivonka2008", (), (Dose(name, amount, 0.0, 100.0),), 200.0, 1.0)


def test_healthy_full_model_sits_on_the_pivonka_steady_state():
    """The healthy, uninjured full model starts and stays at the standalone Pivonka 2008 steady state (relative 1e-3,
    the anchors file's steady-state tolerance; it is ~1e-8 when model/data/basal.yaml is current, see
    ``python -m osteoimmune.model.basal --check``)."""
    full = full_model(None)
    ref = run("pivonka2008", (), (), 200.0, 1.0)
    for s in CORE:
        assert full[s][0] == pytest.approx(ref[s][0], rel=1e-3)
        assert full[s][-1] == pytest.approx(ref[s][0], rel=1e-3)


@pytest.mark.parametrize("label", list(INFUSIONS))
def test_infusion_responses_collapse_onto_pivonka(label):
    """Same fold changes (day 100 vs day 0) of OBp, OBa, OCa and OBa/OCa within 2 % as the standalone declaration."""
    full = fold_changes(full_model(label), CORE, 100.0)
    ref = fold_changes(standalone(label), CORE, 100.0)
    for s in CORE:
        assert full[s] == pytest.approx(ref[s], rel=0.02), s
    assert full["osteoblast"] / full["osteoclast"] == pytest.approx(ref["osteoblast"] / ref["osteoclast"], rel=0.02)
