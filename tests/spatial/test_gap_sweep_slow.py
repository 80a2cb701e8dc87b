"""The critical size at production resolution (slow: ~1 min on the loaded 2-core machine).

    .venv/bin/python -m pytest -m slow tests/spatial/test_gap_sweep_slow.py

Figures and the full table: ``.venv/bin/python -m osteoimmune.plot.spatial docs/figures/spatial`` (docs/spatial.md).
"""

from __future__ import annotations

import pytest

from osteoimmune.spatial.build import build_problem
from osteoimmune.spatial.metrics import spatial_outcomes
from osteoimmune.spatial.scenario import load_spatial_scenario
from osteoimmune.spatial.solver import simulate_spatial

pytestmark = pytest.mark.slow


def _outcome(name: str, *overrides: str) -> dict:
    sc = load_spatial_scenario(name, list(overrides))
    b = build_problem(sc)
    return spatial_outcomes(simulate_spatial(b.problem, b.options), sc.spatial.output.bridging_threshold)


@pytest.mark.xfail(strict=True, reason="measured with converged splitting (diffusion-source, 0.25-day step): the weakest "
                   "bone path of the 2 mm gap reaches 0.494 at day 84 (1 mm: 0.457), under the 0.5 bridging threshold; "
                   "the earlier 'bridged at day 40' was the O(dt) error of Lie splitting at 0.5-day steps "
                   "(docs/spatial.md, 'Does the critical size emerge?')")
def test_two_mm_gap_bridges_within_twelve_weeks():
    o = _outcome("rat-femur-2mm")
    assert o["bridged"] and o["time_to_bridging_days"] <= 84


def test_five_mm_gap_does_not_bridge_within_twelve_weeks():
    o = _outcome("rat-femur-5mm")
    assert not o["bridged"]
    assert o["defect_fibrous_fraction_final"] > 0.3


def test_bmsc_seeded_scaffold_rescues_the_five_mm_gap():
    assert _outcome("rat-femur-5mm-bmsc-scaffold")["bridged"]


def test_five_mm_outcomes_hold_at_a_finer_splitting_step():
    """The 5 mm non-union and its BMSC rescue do not depend on the splitting step: the same verdicts at half the
    scenario's 0.25-day step, with Lie splitting at 0.125 days too."""
    fine = "spatial.numerics.dt_days=0.125"
    o = _outcome("rat-femur-5mm", fine)
    assert not o["bridged"] and o["defect_fibrous_fraction_final"] > 0.3
    rescued = _outcome("rat-femur-5mm-bmsc-scaffold", fine)
    assert rescued["bridged"] and rescued["time_to_bridging_days"] <= 60
    lie = _outcome("rat-femur-5mm-bmsc-scaffold", fine, "spatial.numerics.splitting=lie")
    assert lie["bridged"] and lie["time_to_bridging_days"] <= 60


@pytest.mark.xfail(strict=True, reason="measured: BMP-2 in the declaration acts on cells already present and does not "
                   "recruit progenitors into the avascular centre, so the clinical rhBMP-2 rescue (Kerzner 2019) is not "
                   "reproduced (defect bone 0.40 vs 0.35 without, model 1e41d23); see docs/spatial.md")
def test_bmp2_scaffold_rescues_the_five_mm_gap():
    assert _outcome("rat-femur-5mm-bmp2-scaffold")["bridged"]
