"""The parameter prelude of the generated kernels: parameter-only values computed once per parameter row.

``rhs_hoisted``/``jac_hoisted`` (with ``rhs_prelude``/``jac_prelude``) are ``rhs``/``jac_values`` with every
value that depends on the parameters only taken out of the per-call code; the fused Rosenbrock of the spatial
reaction step computes the prelude once per run of voxels with equal parameters.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import sympy as sp

import osteoimmune as oi
from osteoimmune.solve.batched_kernels import (_cse, _lines, _loads, _Printer, _ScalarPrinter, hoisted_source,
                                               load_kernels)
from osteoimmune.solve.compile import SymbolicSystem


def _hoisted(k, Y, P):
    m = k.module
    QF, QJ = np.empty((len(P), m.N_Q_RHS)), np.empty((len(P), m.N_Q_JAC))
    m.rhs_prelude(P, QF)
    m.jac_prelude(P, QJ)
    F, J = np.empty_like(Y), np.empty((len(Y), len(k.jac_rows)))
    m.rhs_hoisted(0.0, Y, P, QF, F)
    m.jac_hoisted(0.0, Y, P, QJ, J)
    return F, J


def test_hoisted_rhs_is_bit_for_bit_the_rhs(kernel_states):
    """The prelude prints each hoisted value as the kernel prints it inline and evaluates them in the kernel's order
    (neither is compiled with fast-math), so the right-hand side is the reference compiler's to the last bit."""
    k = load_kernels(oi.build_model())
    assert k.module.N_Q_RHS > 50  # (the model has ~100 parameter-only values in its right-hand side)
    for seed, vary in ((0, "all"), (1, "runs")):
        Y, P = kernel_states(k, 1024, seed, vary)
        F, _ = _hoisted(k, Y, P)
        ref = k.rhs(0.0, Y, P)
        assert np.all(np.isfinite(ref))
        assert np.array_equal(F, ref)


def test_hoisted_jacobian_equals_jac_values_to_round_off(kernel_states):
    """The Jacobian kernels contract a multiply and an add into an FMA where LLVM finds one (``fastmath={'contract'}``);
    where such a pair straddles the prelude (a hoisted product added in the kernel) it is rounded twice instead of
    once, so a few percent of the entries differ in their last bits (at most ~1e-12 relative, in entries produced by
    cancellation): the tolerance of the compiled Jacobian against the array code."""
    k = load_kernels(oi.build_model())
    for seed, vary in ((0, "all"), (1, "runs")):
        Y, P = kernel_states(k, 1024, seed, vary)
        _, J = _hoisted(k, Y, P)
        for ref in (k.jac_values_compiled(0.0, Y, P), k.jac_values(0.0, Y, P)):
            np.testing.assert_allclose(J, ref, rtol=1e-12, atol=1e-12 * np.abs(ref).max())


def _toy_system():
    """Two species, four parameters: a parameter-only assignment, a parameter-only CSE symbol used by another one
    (chained), parameter-only subexpressions inside state-dependent terms, and Piecewise/Heaviside/Abs with
    parameter-only conditions and arguments."""
    u, v, a, b, c, kk, s, w = sp.symbols("y_u y_v p_a p_b p_c p_k a_s a_w", real=True)
    assignments = ((s.name, a + b), (w.name, s * u / (kk + u)))
    g = a * b + c  # twice: CSE symbol _r0, parameter-only; _r0**2 ... chained on it
    rhs = (w * c * u - g ** 2 * v + sp.exp(g) * u, (g ** 2 + 1) * v / (c ** 4 + v) - kk * v)
    jac = (sp.Heaviside(a - b) * u + sp.Abs(c - a) * v + sp.Piecewise((a * b * u, a * b > c), (v / (c + kk), True)),
           g * kk)
    jacobian = tuple((0, j, e) for j, e in enumerate(jac))
    return SymbolicSystem(("u", "v"), ("a", "b", "c", "k"), assignments, rhs, (), jacobian)


def _run(src: list[str], name: str, *args):
    ns = {"njit": lambda *a, **kw: (lambda f: f), "math": math, "np": np, "exp": math.exp, "log": math.log,
          "_heaviside": lambda x: 1.0 if x > 0 else 0.0 if x < 0 else 0.5 if x == 0 else x}
    exec("\n".join(src), ns)  # plain Python (IEEE doubles, no FMA): the same arithmetic as the compiled kernels
    ns[name](*args)


def test_parameter_only_cse_symbols_and_assignments_are_hoisted_too():
    """On a small system, run as plain Python: a parameter-only assignment and CSE symbols built from other
    parameter-only symbols go to the prelude whole; the hoisted kernel equals the plain one bit for bit, for
    parameter rows on both sides of a parameter-only Piecewise condition."""
    system = _toy_system()
    rng = np.random.default_rng(3)
    Y = rng.uniform(0.1, 2.0, (64, 2))
    P = rng.uniform(0.5, 2.0, (64, 4))
    cases = [("rhs", _Printer, list(system.assignments) + _cse([(f"d_{i}", e) for i, e in enumerate(system.rhs)], "r"),
              [f"d_{i}" for i in range(2)]),
             ("jac", _ScalarPrinter, _cse([(f"J_{j}", e) for _, j, e in system.jacobian], "q"), ["J_0", "J_1"])]
    for kind, printer, pairs, outputs in cases:
        src = hoisted_source(system, pairs, outputs, printer, kind, "@njit()")
        body = src[src.index(f"def {kind}_hoisted(t, Y, P, Q, OUT):"):]
        prelude = src[src.index(f"def {kind}_prelude(P, Q):"):src.index(f"def {kind}_hoisted(t, Y, P, Q, OUT):")]
        assert not any("p_a*p_b" in line for line in body)  # computed once, in the prelude
        plain = [f"def {kind}(t, Y, P, OUT):", "    for b in range(Y.shape[0]):"]
        plain += _loads(system, [e for _, e in pairs]) + _lines(pairs, printer())
        plain += [f"        OUT[b, {q}] = {o}" for q, o in enumerate(outputs)]
        ref, got = np.empty((64, 2)), np.empty((64, 2))
        _run(plain, kind, 0.0, Y, P, ref)
        n_q = int(src[0].split(" = ")[1])
        Q = np.empty((64, n_q))
        _run(src, f"{kind}_prelude", P, Q)
        _run(src, f"{kind}_hoisted", 0.0, Y, P, Q, got)
        assert np.array_equal(got, ref)
        assigned = {line.split(" = ")[0].strip() for line in prelude if " = P[" not in line and "Q[" not in line}
        if kind == "rhs":  # a_s, _r0 = p_a*p_b + p_c and _r1 = _r0**2 (chained): whole in the prelude, read from Q
            assert {"a_s", "_r0", "_r1"} <= assigned
            assert "        _r1 = Q[b, 1]" in body and not any(line.startswith("        _r0") for line in body)
        else:  # Heaviside and Abs of parameters hoisted; the Piecewise condition stays a comparison in the kernel
            assert {"_q0", "J_1"} <= assigned and not any("_heaviside(" in line or "abs(" in line for line in body)
            assert any(" if (_q0 > p_c) else " in line for line in body)
            assert (P[:, 0] * P[:, 1] > P[:, 2]).any() and (P[:, 0] * P[:, 1] <= P[:, 2]).any()


def _injured(shape=(6, 4, 2)):
    from osteoimmune.spatial.benchmark import injured_box
    from osteoimmune.spatial.solver import _apply_jump

    p, o = injured_box(shape, "numpy", 3.0)
    y = p.y0.copy()
    index = {s: i for i, s in enumerate(p.species_ids)}
    for j in p.jumps:
        if j.time == 0.0:
            _apply_jump(y, j, index)
    return p, o, y


def test_fused_kernel_recomputes_the_prelude_when_a_voxels_parameters_change():
    """Per-voxel parameters in runs of equal values (one of them changing alone): the chunk that reuses the prelude
    along a run takes bit for bit the steps of one-voxel chunks (a fresh prelude for every voxel), and the steps of
    the vectorised NumPy kernel (same counters, states to round-off)."""
    from osteoimmune.spatial.reaction import BatchedRosenbrock

    p, _, y = _injured()
    params = p.parameter_list(p.segments[0])
    n = y.shape[1]
    names = list(p.declaration.parameters)
    runs = np.arange(n) // 5
    for pid, f in (("k_bmsc_basal", 1.0 + 0.1 * (runs % 3)), ("K_bmp", 1.0 + 0.2 * (runs % 2)),
                   ("k_bmsc_rec", 1.0 + 0.3 * (np.arange(n) // 7 % 2))):
        params[names.index(pid)] = float(params[names.index(pid)]) * f
    out = {}
    for name, kw in (("whole", dict(chunk_size=n)), ("single", dict(chunk_size=1, threads=1)),
                     ("numpy", dict(kernel="numpy"))):
        rx = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, **{"kernel": "fused", **kw})
        out[name] = rx.integrate(y, params, 0.0, 0.5), rx.stats
    (y_w, h_w), st_w = out["whole"]
    (y_s, h_s), st_s = out["single"]
    assert np.array_equal(y_w, y_s) and np.array_equal(h_w, h_s)
    assert dataclasses.replace(st_w, n_rounds=0) == dataclasses.replace(st_s, n_rounds=0)  # (rounds: per chunk)
    (y_n, h_n), st_n = out["numpy"]
    assert st_w == st_n and st_w.n_rejected > 0
    scale = rx._atol + rx.rtol * np.abs(y_n)
    assert np.abs((y_w - y_n) / scale).max() < 1e-9
    np.testing.assert_allclose(h_w, h_n, rtol=1e-9)
    base = BatchedRosenbrock(p.declaration, rtol=1e-3, atol_scale=1e-6, kernel="fused")
    y_b, _ = base.integrate(y, p.parameter_list(p.segments[0]), 0.0, 0.5)
    assert np.abs((y_w - y_b) / scale).max() > 1e-3  # (the varied parameters matter)


def test_fused_kernel_matches_the_numpy_kernel_over_days_of_the_injured_box(monkeypatch):
    """The benchmark problem (6 × 4 × 2 voxels, 3 days, reaction and transport): the fused kernel with the prelude
    takes the NumPy reference kernel's steps (same reaction counters) and ends in the same state to round-off."""
    from osteoimmune.spatial.solver import simulate_spatial

    p, o, _ = _injured()
    o = dataclasses.replace(o, jacobian_reuse=0, quiescent_skip=0, splitting="lie")  # (the reference's steps)
    res = {}
    for kernel in ("numpy", "fused"):
        monkeypatch.setenv("OSTEOIMMUNE_SPATIAL_KERNEL", kernel)
        res[kernel] = simulate_spatial(p, o)
    a, f = res["numpy"], res["fused"]
    assert f.stats.reaction == a.stats.reaction
    scales = np.array([s.scale for s in p.declaration.species.values()])[:, None]
    err = np.abs(f.final_state - a.final_state) / (o.atol_scale * scales + o.rtol * np.abs(a.final_state))
    assert err.max() < 1e-6
