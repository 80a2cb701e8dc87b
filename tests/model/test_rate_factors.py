"""The OXPHOS/low-ROS rate factors, the mitochondrial electron leak and the PDGF-BB vessel gate (issue 4, 2026-11-24).

Each factor must be exactly neutral at the healthy site (so the uninjured site and the Pivonka collapse are
unchanged) and must act in the fracture in the direction its seed statement gives.
"""

from __future__ import annotations

import numpy as np
import pytest

from osteoimmune.claims._sim import FRACTURE, HOMEOSTASIS, auc, run

NEUTRAL = ("osteo_energy", "redox_erk", "ros_leak")


@pytest.mark.parametrize("name", NEUTRAL)
def test_rate_factors_are_one_at_the_healthy_site(name):
    healthy = run(HOMEOSTASIS, days=30.0)
    assert np.allclose(healthy[name], 1.0, rtol=0, atol=1e-5), (name, float(np.min(healthy[name])), float(np.max(healthy[name])))


def test_hypoxic_first_week_slows_osteogenic_differentiation():
    """OXPHOS falls in the hypoxic callus, so osteogenic differentiation runs below its normoxic rate (I255)."""
    r = run(FRACTURE)
    t = r.time
    first_week = (t > 2) & (t < 7)
    assert float(np.max(r["osteo_energy"][first_week])) < 0.9
    late = t > 56
    assert abs(float(np.mean(r["osteo_energy"][late])) - 1.0) < 0.05


def test_antioxidant_removes_low_ros_signal_and_slows_osteoblast_production():
    """Strong antioxidants remove the physiological ROS signal (ERK1/2, I270/I285): fewer callus osteoblasts."""
    from osteoimmune.claims._sim import iv

    base = run(FRACTURE)
    anti = run(FRACTURE, iv("antioxidant", 10.0, "fold", 0.0))
    assert float(np.mean(anti["redox_erk"])) < 0.5
    assert auc(anti, "callus_osteoblast", 0, 56) < 0.9 * auc(base, "callus_osteoblast", 0, 56)


def test_damaged_mitochondria_leak_more_ros():
    """Lower mitochondrial health raises ROS per unit OXPHOS (I297/I298); better repair lowers it (I382)."""
    from osteoimmune.claims._sim import par

    base = run(FRACTURE)
    repaired = run(FRACTURE, par(k_mito_repair=1.0))
    assert float(np.mean(repaired["ros_leak"])) < float(np.mean(base["ros_leak"]))
    assert float(np.mean(repaired["ros"])) < float(np.mean(base["ros"]))


def test_m2_pdgf_bb_supports_vessel_ingrowth():
    """Without M2 PDGF-BB (I040/I063) the callus revascularises more slowly."""
    from osteoimmune.claims._sim import par

    base = run(FRACTURE)
    no_pdgf = run(FRACTURE, par(p_pdgf_m2=0.0))
    assert auc(no_pdgf, "vascular_density", 0, 28) < 0.99 * auc(base, "vascular_density", 0, 28)
