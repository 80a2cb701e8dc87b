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


@pytest.mark.parametrize("gap", [1.0, 1.5, 2.0])
def test_small_gaps_bridge_within_twelve_weeks(gap):
    """Measured (0.25 mm grid, 0.25-day step): bridged on days 40, 38, 38 (docs/spatial.md)."""
    o = _outcome("rat-femur-5mm", f"spatial.geometry.gap_mm={gap}")
    assert o["bridged"] and o["time_to_bridging_days"] <= 84


@pytest.mark.parametrize("gap", [2.5, 3.0, 4.0])
def test_gaps_above_the_critical_size_do_not_bridge(gap):
    """Measured: weakest bone path 0.35, 0.25, 0.06 at day 84 (no gap of 2.5 mm or more bridges by day 168 either)."""
    o = _outcome("rat-femur-5mm", f"spatial.geometry.gap_mm={gap}")
    assert not o["bridged"] and o["best_line_min_bone_fraction"] < 0.45


def test_bridging_days_converge_under_grid_refinement():
    """At half the grid spacing (0.125 mm) the verdicts stand and the bridging days move by at most one output
    interval: measured 1 mm day 40 → 38 (→ 38 at 0.0625 mm), 2 mm day 38 → 36 (→ 36); 5 mm not bridged."""
    fine = "spatial.geometry.resolution_mm=0.125"
    for gap in (1.0, 2.0):
        coarse = _outcome("rat-femur-5mm", f"spatial.geometry.gap_mm={gap}")
        o = _outcome("rat-femur-5mm", f"spatial.geometry.gap_mm={gap}", fine)
        assert o["bridged"] and coarse["bridged"], (gap, o, coarse)
        assert abs(o["time_to_bridging_days"] - coarse["time_to_bridging_days"]) <= 2.0, (gap, o, coarse)
    assert not _outcome("rat-femur-5mm", fine)["bridged"]


def test_five_mm_gap_does_not_bridge_within_twelve_weeks():
    """A fibrous non-union (measured: weakest bone path 0.004 — no bone in the middle of the gap —, fibrous fraction
    0.39 against 0.14 in the bridged 2 mm gap)."""
    o = _outcome("rat-femur-5mm")
    assert not o["bridged"] and o["best_line_min_bone_fraction"] < 0.1
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
                   "recruit progenitors: the BMSC front never reaches the middle of the 5 mm gap (weakest bone path 0.003 "
                   "with BMP-2, 0.004 without; defect bone 0.38 vs 0.35), and the scaffold's BMP-2 is spent by day 14, "
                   "weeks before vessels arrive; the clinical rhBMP-2 rescue (Kerzner 2019) is not reproduced "
                   "(docs/spatial.md)")
def test_bmp2_scaffold_rescues_the_five_mm_gap():
    assert _outcome("rat-femur-5mm-bmp2-scaffold")["bridged"]


def test_the_critical_size_holds_in_three_dimensions():
    """3D (x, y, z with r = sqrt(y² + z²)) at 0.5 mm: measured 2 mm bridged on day 36, 5 mm weakest path 0.02."""
    three_d = ("spatial.geometry.dims=3", "spatial.geometry.resolution_mm=0.5")
    small = _outcome("rat-femur-5mm", "spatial.geometry.gap_mm=2", *three_d)
    assert small["bridged"] and small["time_to_bridging_days"] <= 84
    assert not _outcome("rat-femur-5mm", *three_d)["bridged"]
