"""Backend registry, the outcomes-only path, order and grouping, failure isolation, the sparse LU kernels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import osteoimmune as oi
from osteoimmune import batch
from osteoimmune.errors import UnknownNameError
from osteoimmune.outcomes import METRICS, compute_outcomes

from batched_sample import SAMPLE, batched_results, sample_scenarios


def test_auto_is_the_cpu_backend_without_gpu(monkeypatch):
    monkeypatch.setattr(batch, "gpu_available", lambda: False)
    assert batch.resolve_backend("auto") == "scipy-bdf"
    monkeypatch.setattr(batch, "gpu_available", lambda: True)
    assert batch.resolve_backend("auto") == "jax"


def test_unknown_backend_names_the_allowed_ones():
    with pytest.raises(UnknownNameError) as exc:
        batch.simulate_many([], backend="cuda-magic")
    assert "scipy-bdf" in str(exc.value) and "reference" in str(exc.value)


def test_outcomes_path_equals_outcomes_of_results():
    """Same scenarios, same batches: identical numbers. (A different batch composition changes the stacked
    tolerances and so the numbers within the solver tolerance: see test_accuracy for the bound.) The IL-4
    patients have three segments, so the outcomes path evaluates bone_fraction segment by segment."""
    scenarios = [sample_scenarios()[i] for i in (0, 1, 2, 6, 7)]
    df = batch.simulate_many_outcomes(scenarios, backend="scipy-bdf")
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["status", "message", *METRICS]
    assert list(df["status"]) == ["ok"] * 5
    for row, res in zip(df.to_dict("records"), batch.simulate_many(scenarios, backend="scipy-bdf")):
        for k, v in compute_outcomes(res).items():
            assert (v is None and (row[k] is None or row[k] != row[k])) or row[k] == pytest.approx(v, rel=1e-12), k


def test_order_is_kept_across_structure_groups():
    """The sample mixes three schedule structures; results come back in input order."""
    labels = [label for label, _, _ in SAMPLE]
    results = batched_results("scipy-bdf")
    for label, sc, res in zip(labels, sample_scenarios(), results):
        assert res.metadata["scenario"] == sc.model_dump(mode="json"), label
    sizes = {label: res.metadata["batch_size"] for label, res in zip(labels, results)}
    assert sizes["il4-low"] == sizes["il4-high"] == 2 and sizes["bmsc-low"] == sizes["bmsc-high"] == 2


def test_a_failing_batch_is_split_down_to_the_failing_patient():
    from osteoimmune.solve.batched_scipy import BatchFailure

    scenarios = [oi.load_scenario("fracture-healing", [f"patient.age_years={a}"]) for a in (30, 31, 32)]
    real = batch._run_batch_scipy

    def flaky(items, options):  # the stacked solve fails whenever the patient aged 31 is in the batch
        if any(it.scenario.patient.age_years == 31 for it in items):
            raise BatchFailure(12.5, "synthetic failure")
        return real(items, options)

    runs = batch._split_run([batch._resolve(i, sc, oi.compiled_model()) for i, sc in enumerate(scenarios)],
                            batch._options(None), flaky)
    by_age = {run.items[b].scenario.patient.age_years: bool(run.failed[b]) for run in runs for b in range(len(run.items))}
    assert by_age == {30: False, 31: True, 32: False}
    msgs = [m for run in runs for m in run.messages if m]
    assert msgs == ["batched integration failed at t = 12.5 day: synthetic failure"]


def test_sparse_lu_solves_i_minus_c_j():
    from osteoimmune.solve.batched_kernels import load_kernels

    k = load_kernels(oi.build_model())
    c = oi.compiled_model()
    run = oi.api.prepare(sample_scenarios()[0])
    rng = np.random.default_rng(3)
    Y = run.y0[None, :] * rng.uniform(0.5, 1.5, (4, run.y0.size))
    P = np.repeat(c.parameter_vector(run.parameters)[None, :], 4, axis=0)
    R = rng.standard_normal((4, run.y0.size))
    JV = k.jac_values(0.0, Y, P)
    for step in (1e-3, 0.3, 20.0):
        LU, pivots = k.lu_factor(step, JV)
        M = np.eye(run.y0.size)[None] - step * k.dense_jac(0.0, Y, P)
        x_ref = np.linalg.solve(M, R[..., None])[..., 0]
        np.testing.assert_allclose(k.lu_solve(LU, R), x_ref, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(k.lu_solve_generic(LU, R), x_ref, rtol=1e-8, atol=1e-12)
        assert np.all(pivots > 0)
    # the generated kernels evaluate exactly the reference compiler's expressions
    np.testing.assert_array_equal(k.rhs(0.0, Y, P)[1], c.rhs(0.0, Y[1], P[1]))
    np.testing.assert_allclose(k.dense_jac(0.0, Y, P)[2], c.jac(0.0, Y[2], P[2]), rtol=1e-13, atol=0)


def test_markowitz_order_is_deterministic_and_a_permutation():
    from osteoimmune.solve.batched_kernels import markowitz_order

    rng = np.random.default_rng(0)
    pattern = (rng.random((30, 30)) < 0.1) | np.eye(30, dtype=bool)
    a, b = markowitz_order(pattern), markowitz_order(pattern)
    np.testing.assert_array_equal(a, b)
    assert sorted(a.tolist()) == list(range(30))


def test_initial_states_are_the_reference_steady_states_with_the_injury():
    scenarios = list(sample_scenarios()[:2])
    st = batch.initial_states(scenarios)
    assert st.ok.all() and st.y0.shape == (2, oi.compiled_model().n_species)
    for k, sc in enumerate(scenarios):
        run = oi.api.prepare(sc)
        np.testing.assert_allclose(st.y0[k], run.y0, rtol=1e-6, atol=1e-12)
        np.testing.assert_allclose(st.parameters[k], oi.compiled_model().parameter_vector(run.parameters), rtol=1e-15)
    i = oi.compiled_model().species_index("hematoma")
    assert np.all(st.y0_after_jumps[:, i] == 1.0)  # the injury sets the hematoma
    with pytest.raises(ValueError, match="one schedule structure"):
        batch.initial_states([sample_scenarios()[0], sample_scenarios()[6]])


def test_assignment_subset_evaluates_the_same_as_all_assignments():
    from osteoimmune.solve.batched_codegen import assignment_subset
    from osteoimmune.solve.batched_kernels import load_kernels

    model = oi.build_model()
    k = load_kernels(model)
    c = oi.compiled_model()
    run = oi.api.prepare(sample_scenarios()[3])
    rng = np.random.default_rng(5)
    Y = (run.y0[None, :] * rng.uniform(0.5, 1.5, (6, run.y0.size))).T          # (n, batch)
    P = np.repeat(c.parameter_vector(run.parameters)[:, None], 6, axis=1)      # (p, batch)
    names = ("bone_fraction", "mechanostat", c.assignment_ids[-1])
    got = assignment_subset(model, names)(0.0, Y, P)
    full = k.arrays.assignments(0.0, Y, P)
    for row, name in zip(got, names):
        np.testing.assert_array_equal(row, full[c.assignment_ids.index(name)])
    with pytest.raises(UnknownNameError, match="no_such_assignment"):
        assignment_subset(model, ("no_such_assignment",))


def test_resolved_parameter_vectors_are_the_declaration_with_the_scenario_values():
    c = oi.compiled_model()
    decl = c.declaration
    sc = sample_scenarios()[6]  # IL-4 delivery: the input changes between segments
    item = batch._resolve(0, sc, c)
    from osteoimmune.scenario.resolve import to_solver_inputs

    inputs = to_solver_inputs(sc)
    base = decl.with_parameters(inputs.parameters)
    assert len(item.segment_parameters) == len(inputs.schedule.segments) >= 2
    for vec, seg in zip(item.segment_parameters, inputs.schedule.segments):
        np.testing.assert_array_equal(vec, c.parameter_vector({**base, **seg.parameters}))
    np.testing.assert_array_equal(item.baseline, c.parameter_vector(decl.with_parameters(inputs.baseline_parameters)))
    with pytest.raises(UnknownNameError, match="not_a_parameter"):
        batch._with(item.baseline, batch._templates(c)[1], {"not_a_parameter": 1.0})


def test_steady_states_after_a_loose_relaxation_are_the_tight_ones():
    """The first relaxation runs at rtol 1e-3 (Newton makes the point exact): the same steady states as relaxing
    at the solver tolerance; patients whose Newton fails are relaxed again at the solver tolerance."""
    from osteoimmune.solve import batched_scipy as bs

    items = [batch._resolve(i, sc, oi.compiled_model()) for i, sc in enumerate(sample_scenarios()[:5])]
    a = batch._batch_arrays(items)
    k = batch._kernels()
    opts = bs.BatchedOptions()
    loose, ok1 = bs.steady_state_batch(k, a.baseline, a.guess, a.fixed, a.scales, opts)
    tight, ok2 = bs.steady_state_batch(k, a.baseline, a.guess, a.fixed, a.scales, opts, relax_rtol=opts.rtol)
    assert ok1.all() and ok2.all()
    np.testing.assert_allclose(loose, tight, rtol=1e-7, atol=1e-12 * a.scales.max())

    calls = []
    real = bs._relax_and_polish

    def first_newton_fails(kernels, P, guess, fixed, scales, options, rtol, *rest):
        y, newton_ok, relaxed_ok = real(kernels, P, guess, fixed, scales, options, rtol, *rest)
        calls.append((rtol, P.shape[0]))
        if len(calls) == 1:
            newton_ok = newton_ok.copy()
            newton_ok[1] = False
        return y, newton_ok, relaxed_ok

    import unittest.mock

    with unittest.mock.patch.object(bs, "_relax_and_polish", first_newton_fails):
        y, ok = bs.steady_state_batch(k, a.baseline, a.guess, a.fixed, a.scales, opts)
    assert calls == [(1e-3, 5), (opts.rtol, 1)] and ok.all()
    np.testing.assert_allclose(y, tight, rtol=1e-7, atol=1e-12 * a.scales.max())


def test_fused_newton_gives_the_trajectories_of_scipys_newton():
    """Each BDF step's Newton iteration as one kernel (``fused_newton``, the default) mirrors SciPy's
    ``solve_bdf_system`` operation by operation: steady states and 180-day trajectories of a mixed batch agree with
    the unfused path to round-off, with the same step, Jacobian and LU counts in the integration."""
    from osteoimmune.solve import batched_scipy as bs

    items = [batch._resolve(i, sc, oi.compiled_model()) for i, sc in enumerate(sample_scenarios()[:5])]
    a = batch._batch_arrays(items)
    k = batch._kernels()
    runs = {}
    for fused in (False, True):
        opts = bs.BatchedOptions(fused_newton=fused)
        y0, ok = bs.steady_state_batch(k, a.baseline, a.guess, a.fixed, a.scales, opts)
        assert ok.all()
        out = bs.integrate_batch(k, y0, a.segments, a.segment_parameters, a.segment_jumps, a.output_times, a.scales,
                                 a.nonnegative, opts)
        assert not out.failed.any()
        runs[fused] = (y0, out)
    (y0_ref, ref), (y0_fused, fused) = runs[False], runs[True]
    peak = np.abs(ref.y).max(axis=0)  # (patients, species)
    np.testing.assert_allclose(y0_fused, y0_ref, rtol=1e-10, atol=1e-14 * a.scales.max())
    assert np.max(np.abs(fused.y - ref.y) / np.maximum(peak, 1e-12 * a.scales)[None]) < 1e-10
    assert (fused.stats.n_steps, fused.stats.n_jac, fused.stats.n_lu) == (ref.stats.n_steps, ref.stats.n_jac,
                                                                         ref.stats.n_lu)
    assert fused.stats.n_rhs == ref.stats.n_rhs


def test_fused_newton_rebinds_only_scipys_solve_bdf_system():
    """The fused step is SciPy's own ``BDF._step_impl`` code with ``solve_bdf_system`` rebound (no copied step
    logic); a SciPy whose step no longer calls it by that name is refused rather than silently unfused."""
    from scipy.integrate import BDF

    from osteoimmune.solve import batched_scipy as bs

    fused = bs._BatchBDF._fused_step_impl
    assert fused.__code__ is BDF._step_impl.__code__
    assert fused.__globals__["solve_bdf_system"] is bs._solve_bdf_system

    def step_without_it(self):
        return None

    with pytest.raises(RuntimeError, match="solve_bdf_system"):
        bs._with_solve_bdf_system(step_without_it)
