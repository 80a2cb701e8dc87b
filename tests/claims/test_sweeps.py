"""Shapes of the dose- and time-response sweeps (issue 4, item 6) that docs/claims.md shows as figures.

Fast tests use a few points (memoised runs shared with the claims); the full sweeps are ``slow``
(``.venv/bin/python -m pytest tests/claims/test_sweeps.py -m slow``).
"""

from __future__ import annotations

import math

import pytest

from osteoimmune.claims import sweeps

MARGIN = 0.02  # relative change of bone fraction at day 56 that counts as an effect


def _bone56(df, **where):
    row = df
    for k, v in where.items():
        row = row[row[k] == v]
    assert len(row) == 1, where
    return float(row["bone_fraction_day_56"].iloc[0])


def test_critical_size_small_gaps_unite_large_do_not():
    df = sweeps.defect_size((1.0, 5.0))
    assert bool(df.loc[df.size_mm == 1.0, "union"].iloc[0])
    assert not bool(df.loc[df.size_mm == 5.0, "union"].iloc[0])


def test_age_heals_later_and_less_but_heals():
    df = sweeps.age((30.0, 75.0))
    young, old = df.iloc[0], df.iloc[1]
    assert old["bone_fraction_day_56"] <= young["bone_fraction_day_56"] * (1 - 0.10)
    assert old["union"] and old["time_to_union_days"] >= 1.5 * young["time_to_union_days"]


def test_nsaid_in_the_m1_phase_impairs_healing_more_than_late():
    # a two-week course started with the fracture (covering the M1 phase) vs the same course from day 14
    df = sweeps.nsaid_timing((0.0, 14.0), (14.0,))
    none = _bone56(df, duration_days=0.0)
    early = _bone56(df, start_day=0.0, duration_days=14.0)
    late = _bone56(df, start_day=14.0, duration_days=14.0)
    assert early <= none * (1 - MARGIN / 2), (early, none)
    assert none - early > none - late, (early, late, none)


def test_tnf_low_chronic_dose_helps_high_dose_harms():
    df = sweeps.tnf_dose((0.0, 0.3, 10.0))
    chronic = df[df["mode"] == "chronic"]
    none, low, high = (_bone56(chronic, dose=d) for d in (0.0, 0.3, 10.0))
    assert low >= none * (1 + MARGIN), (low, none)
    assert high <= none * (1 - 5 * MARGIN), (high, none)


def test_il4_biphasic_interior_optimum():
    df = sweeps.il4_dose((0.0, 1.0, 30.0))
    none, mid, high = (_bone56(df, dose=d) for d in (0.0, 1.0, 30.0))
    assert mid >= none * (1 + MARGIN) and mid >= high * (1 + MARGIN)


@pytest.mark.slow
def test_full_sweeps_are_complete():
    tables = sweeps.all_sweeps(quick=False)
    assert set(tables) == {"nsaid_timing", "tnf_dose", "il4_dose", "defect_size", "age"}
    for name, df in tables.items():
        assert len(df) >= 5, name
        assert all(math.isfinite(v) for v in df["bone_fraction_day_56"]), name
    size = tables["defect_size"]
    unions = list(size.sort_values("size_mm")["union"])
    # one threshold: once a size fails to unite, every larger size fails too
    assert unions == sorted(unions, reverse=True) and unions[0] and not unions[-1]
