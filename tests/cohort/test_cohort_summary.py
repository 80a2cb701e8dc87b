"""Summary numerics: the Wilson interval against published values, subgroup tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from osteoimmune.cohort import summarize, validate_cohort, wilson_interval
from osteoimmune.cohort.summary import subgroup_labels, summary_markdown


def test_wilson_interval_matches_reference_values():
    # Newcombe (1998) Stat Med 17:857, Table I (method 3, Wilson score): 81/263 -> 0.2553-0.3662; 15/148 ->
    # 0.0624-0.1605; 0/20 -> 0-0.1611; 1/29 -> 0.0061-0.1718
    for k, n, lo, hi in ((81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
                         (1, 29, 0.0061, 0.1718)):
        got = wilson_interval(k, n)
        assert got == pytest.approx((lo, hi), abs=6e-5)
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    with pytest.raises(ValueError):
        wilson_interval(5, 3)


def test_summary_by_subgroup(small_raw):
    spec = validate_cohort(small_raw)
    rng = np.random.default_rng(0)
    n = 400
    age = rng.uniform(20, 90, n)
    union = age < 60
    df = pd.DataFrame({
        "status": pd.array(["ok"] * (n - 4) + ["failed"] * 4, dtype="str"),
        "age_years": age, "sex": pd.array(np.where(rng.random(n) < 0.5, "female", "male"), dtype="str"),
        "union": pd.array(union, dtype="boolean"),
        "time_to_union_days": np.where(union, 50 + age, np.nan),
        "bone_fraction_day_56": rng.random(n), "bone_fraction_final": rng.random(n),
    })
    s = summarize(df, spec)
    overall = s.iloc[0]
    ok = df[df["status"] == "ok"]
    assert overall["n"] == n - 4 and overall["n_failed"] == 4
    assert overall["n_nonunion"] == int((~ok["union"].astype(bool)).sum())
    assert overall["time_to_union_p50"] == pytest.approx(np.median(50 + ok["age_years"][ok["union"].astype(bool)]))
    ages = s[s["subgroup"] == "age"].set_index("level")
    assert ages.loc["[20, 50)", "nonunion_fraction"] == 0.0
    assert ages.loc["[50, 90)", "nonunion_fraction"] > 0.5
    assert set(s[s["subgroup"] == "sex"]["level"]) == {"female", "male"}
    assert s.groupby("subgroup")["n"].sum()["sex"] == n - 4
    text = summary_markdown(s, "test")
    assert text.startswith("# test") and "| age | [20, 50) |" in text


def test_bins_are_left_closed_and_the_last_edge_inclusive(small_raw):
    spec = validate_cohort(small_raw)
    labels = subgroup_labels(pd.Series([20.0, 49.9, 50.0, 90.0, 95.0]), spec.subgroups[1])
    assert labels.tolist()[:4] == ["[20, 50)", "[20, 50)", "[50, 90)", "[50, 90)"] and pd.isna(labels.iloc[4])
