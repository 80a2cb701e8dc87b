"""Target ranking and intervention design through the engine (small cohorts, short horizons)."""

from __future__ import annotations

import numpy as np
import pytest

from osteoimmune import load_scenario
from osteoimmune.analysis.optimize import InterventionDesign, InterventionMapping, optimize_interventions, robustness
from osteoimmune.analysis.outcomes_of import OUTCOMES, ModelEvaluator, ParameterMapping, check_outcomes
from osteoimmune.analysis.space import AnalysisError
from osteoimmune.analysis.targets import (TARGETS, bootstrap_mean_ci, design, rank_targets, report_markdown,
                                          select_targets)
from osteoimmune.engine import Engine
from osteoimmune.errors import UnknownNameError
from osteoimmune.knowledge import load_knowledge
from osteoimmune.model.build import build_model

SHORT = ["days=30", "output_interval_days=0.5"]


def test_every_target_handle_is_a_declared_parameter_and_its_entity_is_in_the_knowledge_base():
    model, kb = build_model(), load_knowledge()
    for t in TARGETS:
        assert t.handles, t.id
        for h in t.handles:
            assert h.lstrip("~") in model.parameters, (t.id, h)
        kb.entity(t.entity)
    assert len({t.id for t in TARGETS}) == len(TARGETS)
    cats = {t.category for t in TARGETS}
    assert {"cytokine", "receptor", "recruitment", "polarisation", "remodeling", "redox", "iron"} <= cats


def test_outcome_names_are_validated_with_the_allowed_list():
    with pytest.raises(UnknownNameError, match="union_probability"):
        check_outcomes(["bone_at_day_56"])
    with pytest.raises(AnalysisError, match="at least 1825 days"):
        check_outcomes(["bone_loss_5y_percent"], days=180)
    assert check_outcomes(["union_probability", "time_to_union_days"], 180) == ("union_probability",
                                                                                "time_to_union_days")


def test_scale_mapping_multiplies_each_patients_own_value():
    sc = load_scenario("fracture-healing", SHORT)
    sc2 = sc.model_copy(update={"parameters": {"k01": 2.0}})
    ev = ModelEvaluator.for_scenarios([sc, sc2], ParameterMapping(("k01", "k02"), "scale"), ["bone_fraction_day_28"])
    a, b = (ev.mapping.apply(s, np.array([0.5, 2.0])) for s in ev.scenarios)
    assert a.parameters == {"k01": pytest.approx(0.6), "k02": pytest.approx(0.6)}
    assert b.parameters == {"k01": pytest.approx(1.0), "k02": pytest.approx(0.6)}


def test_bootstrap_ci_of_paired_means():
    rng = np.random.default_rng(0)
    d = np.vstack([rng.normal(1.0, 0.1, 40), rng.normal(0.0, 1.0, 40)])
    mean, lo, hi, n = bootstrap_mean_ci(d, 2000, 0.95, 1)
    assert lo[0] < mean[0] < hi[0] and lo[0] > 0.9 and hi[0] < 1.1
    assert lo[1] < 0 < hi[1] and list(n) == [40, 40]


def test_rank_targets_over_a_small_cohort_orders_by_paired_improvement():
    from osteoimmune.analysis.outcomes_of import cohort_scenarios

    scs = cohort_scenarios("young-fracture", size=3, overrides=SHORT)
    r = rank_targets(scs, "bone_fraction_day_28", targets=["bmsc_recruitment", "tnf_alpha"], engine=Engine("serial"),
                     n_boot=300)
    t = r.table
    assert len(t) == 4 and list(t["rank"]) == [1, 2, 3, 4]
    assert (np.diff(t["improvement"]) <= 0).all()
    assert (t["ci_low"] <= t["improvement"]).all() and (t["improvement"] <= t["ci_high"]).all()
    # more BMSC homing -> more bone at day 28 in every patient, less homing -> less
    bm = t[t["target"] == "bmsc_recruitment"].set_index("action")
    assert bm.loc["enhance", "ci_low"] > 0 and bm.loc["inhibit", "ci_high"] < 0
    # the paired deltas equal the difference of the per-patient simulations
    names, rows, labels = design(select_targets(["bmsc_recruitment", "tnf_alpha"]), 0.5, 2.0)
    k = labels.index(("bmsc_recruitment", "enhance", 2.0))
    assert bm.loc["enhance", "improvement"] == pytest.approx(np.mean(r.per_patient[k] - r.per_patient[0]))
    text = report_markdown(r, "young-fracture")
    assert "Enhance BMSC recruitment" in text and "`I" in text


def test_total_dose_of_rate_and_bolus_interventions():
    m = InterventionMapping((InterventionDesign(agent="il4", unit="ng/mL/day", dose=(0, 20), start_day=(0, 10),
                                                duration_days=(1, 10), route="scaffold"),
                             InterventionDesign(agent="bmsc_transplantation", unit="1e6 cell/mL", dose=2.0,
                                                start_day=(0, 10))))
    assert m.names == ["il4.dose", "il4.start_day", "il4.duration_days", "bmsc_transplantation.start_day"]
    doses = m.total_doses(np.array([[10.0, 5.0, 4.0, 3.0], [10.0, 25.0, 10.0, 3.0]]), days=30.0)
    assert doses["il4"] == pytest.approx([40.0, 50.0])            # second window cut at day 30
    assert doses["bmsc_transplantation"] == pytest.approx([2e6, 2e6])
    sc = m.apply(load_scenario("fracture-healing", SHORT), np.array([10.0, 5.0, 4.0, 3.0]))
    assert [iv.agent for iv in sc.interventions] == ["il4", "bmsc_transplantation"]
    with pytest.raises(ValueError, match="bolus"):
        InterventionDesign(agent="bmsc_transplantation", unit="cell/mL", dose=1.0, duration_days=(1, 2))


def test_differential_evolution_respects_bounds_and_the_dose_limit_and_reports_robustness():
    from osteoimmune.analysis.outcomes_of import cohort_scenarios

    sc = load_scenario("fracture-healing", SHORT)
    d = [InterventionDesign(agent="bmsc_transplantation", unit="1e6 cell/mL", dose=(0.1, 3.0), start_day=(0, 10))]
    with Engine("serial") as engine:
        res = optimize_interventions([sc], d, "bone_fraction_day_28", {"bmsc_transplantation": 2e6}, maxiter=1,
                                     popsize=2, seed=3, engine=engine)
        assert res.nfev == len(res.history) >= 4
        assert 0.1 <= res.x[0] <= 3.0 and 0 <= res.x[1] <= 10
        assert res.total_doses["bmsc_transplantation"] <= 2e6 * (1 + 1e-9)
        best = res.history.iloc[:, -1].max()
        assert res.value == pytest.approx(best) or res.value <= best
        assert np.isfinite(res.baseline_value)
        rob = robustness(res, cohort_scenarios("young-fracture", size=3, overrides=SHORT), engine=engine, n_boot=200)
    assert rob.baseline.shape == (3,) and np.isfinite(rob.optimum).all()
    assert rob.ci_low <= rob.improvement <= rob.ci_high
    assert rob.improvement == pytest.approx(np.mean(rob.optimum - rob.baseline))
    assert OUTCOMES["bone_fraction_day_28"].better == "higher"
