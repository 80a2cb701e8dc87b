"""Cohort figures: non-union fractions with Wilson error bars, including bins where every patient unites or none
does (the rounded Wilson bound then crosses the estimate by ~1e-17; matplotlib rejects negative error bars —
`osteoimmune cohort aged-fracture --size 100` crashed on it while drawing)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from osteoimmune.cohort.summary import wilson_interval  # noqa: E402
from osteoimmune.plot.cohort import plot_nonunion_vs  # noqa: E402


@pytest.fixture
def patients() -> pd.DataFrame:
    # 12 young patients all unite, 12 old ones none does (k = 0 of 12: the lower bound rounds past the estimate)
    age = np.r_[np.linspace(20, 30, 12), np.linspace(80, 90, 12)]
    return pd.DataFrame({"status": "ok", "age": age, "union": age < 50, "sex": np.where(age < 50, "F", "M")})


def test_wilson_bounds_at_the_extremes_round_past_the_estimate():
    """The premise: without clipping these would be negative error bars."""
    low, _ = wilson_interval(0, 12)
    assert 0 - low < 0


@pytest.mark.parametrize("column", ["age", "sex"])
def test_nonunion_plot_with_all_or_none_bins(patients, column):
    fig, ax = plt.subplots()
    try:
        plot_nonunion_vs(ax, patients, column, column, n_bins=2)
        # the plotted fractions: the errorbar's data line (numeric covariate) or the bars (categorical)
        plotted = ax.lines[0].get_ydata() if column == "age" else [bar.get_height() for bar in ax.patches]
        assert sorted(map(float, plotted)) == pytest.approx([0.0, 1.0])
    finally:
        plt.close(fig)
