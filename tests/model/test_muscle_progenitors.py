"""Muscle as a source of bone progenitors (f_mdsc, seed 004 §4.3: I408, I409; issue 4 round 3, 2026-11-24).

The muscle-derived share of BMSC homing must be exactly neutral with intact muscle (so the standard fracture, the
uninjured site and the cohorts are unchanged whatever f_mdsc is) and, with muscle damage, must lower BMSC homing
and bone in proportion to f_mdsc.
"""

from __future__ import annotations

import numpy as np

from osteoimmune.claims._sim import FRACTURE, auc, par, run

MUSCLE = "injury.muscle_damage=0.8"


def test_muscle_share_is_neutral_with_intact_muscle():
    lo = run(FRACTURE, par(f_mdsc=0.2))
    hi = run(FRACTURE, par(f_mdsc=0.8))
    for name in ("bmsc", "callus_osteoblast", "woven_bone"):
        assert np.allclose(lo[name], hi[name], rtol=1e-6, atol=1e-9), name


def test_muscle_damage_removes_muscle_derived_progenitors():
    intact = run(FRACTURE)
    damaged = run(FRACTURE, MUSCLE)
    more_muscle = run(FRACTURE, MUSCLE, par(f_mdsc=0.6))
    b0, b1, b2 = (auc(r, "bmsc", 0, 28) for r in (intact, damaged, more_muscle))
    assert b1 < 0.95 * b0
    assert b2 < b1
