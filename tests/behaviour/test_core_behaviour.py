"""Behaviour the core model must show (issue #2 §7), each with a margin that could fail."""

from __future__ import annotations

import numpy as np

from osteoimmune.outcomes import compute_outcomes


def test_homeostasis_is_a_true_steady_state(simulate_cached):
    r = simulate_cached("homeostasis")
    b = r["bone_fraction"]
    assert r.time[-1] >= 3650
    assert np.max(np.abs(b - b[0])) / b[0] < 0.005
    # turnover continues: formation and resorption are both non-zero (C001)
    assert r.at("osteoclast", 3650) > 0 and r.at("osteoblast", 3650) > 0


def test_fracture_heals_with_the_expected_sequence(simulate_cached):
    r = simulate_cached("fracture-healing")
    out = compute_outcomes(r)
    assert out["union"] is True
    t, m1, m2 = r.time, r["m1_macrophage"], r["m2_macrophage"]
    assert t[np.argmax(m1)] <= 7.0, "M1 must peak in the first days"
    # M2 overtakes M1 between day 3 and day 8 (M1 dominates before day 3)
    early = (t >= 0.5) & (t <= 2.0)
    assert np.all(m1[early] > m2[early])
    cross = t[(t > 1.0) & (m2 > m1)][0]
    assert 3.0 <= cross <= 8.0, cross
    # cartilage peaks before bone reaches half of its final value
    b = r["bone_fraction"]
    t_half_bone = t[np.argmax(b >= 0.5 * b[-1])]
    assert t[np.argmax(r["cartilage"])] < t_half_bone
    # bone rises to a plateau: last 30 days change far less than the first 60
    assert abs(r.at("bone_fraction", 180) - r.at("bone_fraction", 150)) < 0.25 * (r.at("bone_fraction", 60) - r.at("bone_fraction", 0))


def test_aged_fracture_heals_later_or_less(simulate_cached):
    young = compute_outcomes(simulate_cached("fracture-healing"))
    aged = compute_outcomes(simulate_cached("fracture-healing-aged"))
    later = aged["time_to_union_days"] is None or aged["time_to_union_days"] > 1.1 * young["time_to_union_days"]
    less = aged["bone_fraction_day_56"] < 0.9 * young["bone_fraction_day_56"]
    assert later and less


def test_critical_size_defect_does_not_unite(simulate_cached):
    out = compute_outcomes(simulate_cached("critical-size-defect"))
    assert out["union"] is False
    assert out["time_to_union_days"] is None


def test_identical_inputs_give_identical_results(simulate_cached):
    import osteoimmune as oi

    a = oi.simulate(oi.load_scenario("fracture-healing", ["days=40"]))
    b = oi.simulate(oi.load_scenario("fracture-healing", ["days=40"]))
    assert np.array_equal(a.y, b.y)


def test_halving_tolerance_changes_outcomes_by_less_than_one_percent(simulate_cached):
    a = compute_outcomes(simulate_cached("fracture-healing"))
    b = compute_outcomes(simulate_cached("fracture-healing", rtol=0.5e-7))
    for k in ("bone_fraction_day_28", "bone_fraction_day_56", "bone_fraction_final", "time_to_union_days", "inflammation_auc"):
        assert abs(a[k] - b[k]) <= 0.01 * abs(a[k]), k
