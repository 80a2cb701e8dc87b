"""Outcome metrics on synthetic trajectories with exactly known answers."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from osteoimmune.errors import UnknownNameError
from osteoimmune.outcomes import METRICS, compute_outcomes, first_crossing, first_drop, format_outcomes


class FakeResult:
    """The smallest SimulationResult-like object: ``.time`` and ``result[name]``."""

    def __init__(self, time, **series):
        self.time = np.asarray(time, dtype=float)
        self._series = {k: np.asarray(v, dtype=float) for k, v in series.items()}

    def __getitem__(self, name):
        if name not in self._series:
            raise UnknownNameError("result column", name, list(self._series))
        return self._series[name]


def healing(t=None, **replace):
    """Piecewise-linear trajectories whose metrics are known in closed form.

    * bone_fraction = 0.8 * min(t / 50, 1): reaches 0.6 at t = 37.5, 0.448 at day 28, 0.8 from day 50
    * m1: triangle peaking at 100 on day 10 (zero from day 20); m2 = 50 + triangle of height 30 at day 20,
      so m2 > m1 before the M1 peak (days 0-5) and overtakes it after the peak where
      20 + 3t = 200 - 10t, i.e. t = 180/13
    * tnf_alpha = 1, il1_beta = t/100, il6 = 0: AUC over [0, 100] = 150 ng/mL*day
    * cartilage: triangle 0.4 at day 30; fibrous_tissue = 0.001 t (0.1 at day 100)
    * debris = max(0, 1000 - 50 t): below 1 % of 1000 after t = 19.8
    """
    t = np.linspace(0.0, 100.0, 101) if t is None else np.asarray(t, dtype=float)
    series = dict(
        bone_fraction=0.8 * np.minimum(t / 50.0, 1.0),
        m1_macrophage=np.maximum(0.0, 100.0 - 10.0 * np.abs(t - 10.0)),
        m2_macrophage=50.0 + np.maximum(0.0, 30.0 - 3.0 * np.abs(t - 20.0)),
        tnf_alpha=np.ones_like(t),
        il1_beta=t / 100.0,
        il6=np.zeros_like(t),
        cartilage=np.maximum(0.0, 0.4 - 0.02 * np.abs(t - 30.0)),
        fibrous_tissue=0.001 * t,
        debris=np.maximum(0.0, 1000.0 - 50.0 * t),
    )
    series.update(replace)
    return FakeResult(t, **series)


def test_every_metric_on_known_trajectories():
    o = compute_outcomes(healing())
    assert list(o) == list(METRICS)
    assert o["union"] is True
    assert o["union_threshold"] == 0.6
    assert o["time_to_union_days"] == pytest.approx(37.5, abs=1e-12)
    assert o["bone_fraction_day_28"] == pytest.approx(0.448, abs=1e-12)
    assert o["bone_fraction_day_56"] == pytest.approx(0.8, abs=1e-12)
    assert o["bone_fraction_initial"] == 0.0
    assert o["bone_fraction_final"] == pytest.approx(0.8)
    assert o["bone_change_percent"] is None  # initial bone fraction is 0
    assert o["peak_m1"] == 100.0
    assert o["peak_m1_day"] == 10.0
    assert o["peak_m2_day"] == 20.0
    assert o["m1_m2_crossover_day"] == pytest.approx(180.0 / 13.0, abs=1e-12)
    assert o["inflammation_auc"] == pytest.approx(150.0, abs=1e-12)
    assert o["cartilage_peak"] == pytest.approx(0.4)
    assert o["cartilage_peak_day"] == 30.0
    assert o["fibrous_fraction_final"] == pytest.approx(0.1)
    assert o["debris_cleared_day"] == pytest.approx(19.8, abs=1e-12)


def test_outcomes_are_plain_json_values():
    o = compute_outcomes(healing())
    text = json.dumps(o, allow_nan=False)
    assert json.loads(text) == o
    for value in o.values():
        assert value is None or type(value) in (bool, float)


def test_non_uniform_sampling_is_interpolated_between_bracketing_samples():
    t = np.array([0.0, 1.0, 3.0, 7.0, 20.0, 40.0, 50.0, 60.0, 100.0])
    o = compute_outcomes(healing(t))
    assert o["time_to_union_days"] == pytest.approx(37.5, abs=1e-12)  # bone is linear on [20, 40]
    assert o["bone_fraction_day_28"] == pytest.approx(0.448, abs=1e-12)
    # bone_fraction is 0.8 at both day 50 and day 60 (plateau from day 50)
    assert o["bone_fraction_day_56"] == pytest.approx(0.8, abs=1e-12)


def test_union_threshold_is_inclusive_and_configurable():
    o = compute_outcomes(healing(), union_threshold=0.8)
    assert o["union"] is True  # final == threshold counts as union
    assert o["time_to_union_days"] == pytest.approx(50.0)
    o = compute_outcomes(healing(), union_threshold=0.9)
    assert o["union"] is False and o["time_to_union_days"] is None


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5, math.nan])
def test_union_threshold_must_be_in_unit_interval(bad):
    with pytest.raises(ValueError, match="union_threshold"):
        compute_outcomes(healing(), union_threshold=bad)


def test_bone_starting_above_threshold_unions_at_the_first_sample_and_change_percent():
    t = np.linspace(0.0, 100.0, 11)
    o = compute_outcomes(healing(t, bone_fraction=0.5 + 0.0005 * t), union_threshold=0.5)
    assert o["time_to_union_days"] == 0.0
    assert o["bone_change_percent"] == pytest.approx(10.0)
    assert o["bone_fraction_initial"] == 0.5


def test_bone_loss_is_a_negative_change():
    t = np.linspace(0.0, 3650.0, 11)
    o = compute_outcomes(healing(t, bone_fraction=0.9 - 0.9 * 0.2 * t / 3650.0))
    assert o["bone_change_percent"] == pytest.approx(-20.0)
    assert o["union"] is True  # 0.72 >= 0.6


def test_short_horizon_gives_none_for_uncovered_days():
    t = np.linspace(0.0, 30.0, 31)
    o = compute_outcomes(healing(t))
    assert o["bone_fraction_day_28"] == pytest.approx(0.448)
    assert o["bone_fraction_day_56"] is None
    assert o["union"] is False and o["time_to_union_days"] is None


def test_crossover_when_m2_takes_over_while_m1_is_still_rising():
    # m1 rises to its peak (100) on day 10; m2 = 20 until day 6, then grows by 25/day and overtakes m1
    # between day 8 (70 vs 80) and day 9 (95 vs 90): the zero of m2 - m1 is at 8 + 10/15 = 26/3,
    # before the M1 peak. (M1 itself overtook M2 on day 2, a downward crossing of m2 - m1.)
    t = np.linspace(0.0, 30.0, 31)
    m1 = np.where(t <= 10.0, 10.0 * t, np.maximum(0.0, 100.0 - 10.0 * (t - 10.0)))
    m2 = np.where(t <= 6.0, 20.0, 20.0 + 25.0 * (t - 6.0))
    o = compute_outcomes(healing(t, m1_macrophage=m1, m2_macrophage=m2))
    assert o["peak_m1_day"] == 10.0
    assert o["m1_m2_crossover_day"] == pytest.approx(26.0 / 3.0, abs=1e-12)


def test_no_crossover_when_m2_dominates_throughout():
    t = np.linspace(0.0, 100.0, 101)
    o = compute_outcomes(healing(t, m2_macrophage=np.full_like(t, 200.0)))
    assert o["peak_m1_day"] == 10.0
    assert o["m1_m2_crossover_day"] is None


def test_crossover_never_and_no_m1():
    t = np.linspace(0.0, 100.0, 101)
    o = compute_outcomes(healing(t, m2_macrophage=np.zeros_like(t)))
    assert o["m1_m2_crossover_day"] is None
    assert o["peak_m2_day"] is None
    o = compute_outcomes(healing(t, m1_macrophage=np.zeros_like(t)))
    assert o["peak_m1_day"] is None and o["m1_m2_crossover_day"] is None
    assert o["peak_m1"] == 0.0


def test_equal_m1_m2_sample_is_not_a_crossover():
    # m2 - m1 touches 0 on day 15 and only becomes positive afterwards: strict m2 > m1
    t = np.linspace(0.0, 100.0, 101)
    m1 = np.maximum(0.0, 100.0 - 10.0 * np.abs(t - 10.0))
    o = compute_outcomes(healing(t, m1_macrophage=m1, m2_macrophage=np.full_like(t, 50.0)))
    assert o["m1_m2_crossover_day"] == pytest.approx(15.0)


def test_debris_never_cleared_or_absent():
    t = np.linspace(0.0, 10.0, 11)
    o = compute_outcomes(healing(t))  # debris 1000 -> 500 over 10 days
    assert o["debris_cleared_day"] is None
    o = compute_outcomes(healing(t, debris=np.zeros_like(t)))
    assert o["debris_cleared_day"] is None


def test_debris_cleared_is_measured_after_its_peak():
    # debris rises from 0 (below 1 % of the max at t = 0!) to 100 at day 10, then falls to 0 at day 20
    t = np.linspace(0.0, 30.0, 31)
    debris = np.maximum(0.0, 100.0 - 10.0 * np.abs(t - 10.0))
    o = compute_outcomes(healing(t, debris=debris))
    assert o["debris_cleared_day"] == pytest.approx(19.9)


def test_missing_trajectories_give_none_not_errors():
    t = np.linspace(0.0, 60.0, 61)
    o = compute_outcomes(FakeResult(t, bone_fraction=np.full_like(t, 0.9)))
    assert o["union"] is True
    assert o["peak_m1"] is None and o["inflammation_auc"] is None and o["debris_cleared_day"] is None
    assert o["cartilage_peak"] is None and o["fibrous_fraction_final"] is None
    o = compute_outcomes(FakeResult(t, m1_macrophage=np.ones_like(t)))
    assert o["union"] is None and o["time_to_union_days"] is None


def test_time_must_be_a_non_empty_vector():
    with pytest.raises(ValueError, match="time"):
        compute_outcomes(FakeResult([], bone_fraction=[]))


def test_crossing_helpers():
    t = np.array([0.0, 2.0, 4.0])
    x = np.array([0.0, 1.0, 3.0])
    assert first_crossing(t, x, 2.0) == pytest.approx(3.0)
    assert first_crossing(t, x, 1.0) == 2.0
    assert first_crossing(t, x, 1.0, strict=True) == pytest.approx(2.0)  # zero of x - 1 between samples 1, 2
    assert first_crossing(t, x, 5.0) is None
    assert first_drop(t, x[::-1], 0.5) == pytest.approx(3.0)
    assert first_drop(t, x, -1.0) is None


def test_metrics_table_documents_every_key():
    for name, (unit, description) in METRICS.items():
        assert unit and description, name
    lines = format_outcomes(compute_outcomes(healing()))
    assert "union = yes" in lines
    assert any(line.startswith("time_to_union_days = 37.5 day") for line in lines)
    assert "bone_change_percent = n/a" in lines
