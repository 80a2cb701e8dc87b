"""The batched CPU backend against the reference solver on varied patients.

Stated tolerances (per patient, every patient of the sample):

* outcomes: every numeric metric of :func:`compute_outcomes` within 1 % of the reference (relative, with an
  absolute floor of 1e-9), ``union`` identical, the same metrics undefined (``None``);
* state trajectories: for every species, ``max_t |y_batched − y_ref| ≤ 1e-4 · (max_t |y_ref| + 1e-6 · scale)``
  (``scale`` the species' typical magnitude); assignments likewise relative to their own peak;
* pre-injury steady state: every species within 1e-6 relative (+1e-12 · scale).

Measured on this sample (scipy-bdf, default rtol 1e-5 per patient, vs LSODA rtol 1e-7): outcomes ≤ 1.3e-5,
trajectories ≤ 3.5e-5 of the peak (with rtol 1e-6: ≤ 4e-6 and ≤ 5e-6).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import osteoimmune as oi
from osteoimmune.outcomes import compute_outcomes

from batched_sample import SAMPLE, batched_results, reference_results

LABELS = [label for label, _, _ in SAMPLE]


def assert_outcomes_close(ref: dict, got: dict, rel: float = 0.01, floor: float = 1e-9, who: str = "") -> None:
    assert ref.keys() == got.keys()
    for k, v in ref.items():
        w = got[k]
        if v is None or w is None:
            assert v is None and w is None, f"{who}: {k} = {w!r}, reference {v!r}"
        elif isinstance(v, bool):
            assert v == w, f"{who}: {k} = {w!r}, reference {v!r}"
        else:
            assert math.isclose(w, v, rel_tol=rel, abs_tol=floor), f"{who}: {k} = {w!r}, reference {v!r}"


@pytest.mark.parametrize("i", range(len(SAMPLE)), ids=LABELS)
def test_outcomes_within_one_percent(i):
    ref, got = reference_results()[i], batched_results("scipy-bdf")[i]
    assert got.success, got.message
    assert_outcomes_close(compute_outcomes(ref), compute_outcomes(got), who=LABELS[i])


@pytest.mark.parametrize("i", range(len(SAMPLE)), ids=LABELS)
def test_trajectories_within_stated_tolerance(i):
    ref, got = reference_results()[i], batched_results("scipy-bdf")[i]
    decl = oi.build_model()
    scale = np.array([decl.species[s].scale for s in ref.species_ids])
    np.testing.assert_array_equal(got.time, ref.time)
    assert got.species_ids == ref.species_ids and got.assignment_ids == ref.assignment_ids
    err = np.max(np.abs(got.y - ref.y), axis=0)
    bound = 1e-4 * (np.max(np.abs(ref.y), axis=0) + 1e-6 * scale)
    worst = int(np.argmax(err / bound))
    assert np.all(err <= bound), f"{LABELS[i]}: {ref.species_ids[worst]} off by {err[worst]:.3g} (bound {bound[worst]:.3g})"
    a_err = np.max(np.abs(got.assigned - ref.assigned), axis=0)
    a_bound = 1e-4 * (np.max(np.abs(ref.assigned), axis=0) + 1e-12)
    assert np.all(a_err <= a_bound)


@pytest.mark.parametrize("i", range(len(SAMPLE)), ids=LABELS)
def test_initial_state_is_the_reference_steady_state(i):
    ref, got = reference_results()[i], batched_results("scipy-bdf")[i]
    decl = oi.build_model()
    for s, v in ref.metadata["initial_state"].items():
        assert math.isclose(got.metadata["initial_state"][s], v, rel_tol=1e-6, abs_tol=1e-12 * decl.species[s].scale), s


def test_results_carry_the_reference_fields():
    ref, got = reference_results()[0], batched_results("scipy-bdf")[0]
    assert got.units == ref.units
    assert got.parameters == pytest.approx(ref.parameters)
    assert got.metadata["scenario"] == ref.metadata["scenario"]
    assert got.metadata["model_digest"] == ref.metadata["model_digest"]
    assert got.stats.method == "batched-scipy-bdf" and got.stats.n_steps > 0 and got.stats.n_rhs > 0
