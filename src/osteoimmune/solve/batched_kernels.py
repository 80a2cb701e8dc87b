"""Compiled per-batch kernels: right-hand side, exact Jacobian and a sparse LU of ``I − c·J`` for many patients.

Generated from the one declaration (:func:`osteoimmune.solve.compile.symbolic_system`, printed with the
reference compiler's printer, so every patient evaluates exactly the reference expressions) and compiled with
Numba. The states of ``B`` patients are stored patient-major: ``Y[b, i]`` is species ``i`` of patient ``b``;
``P[b, k]`` parameter ``k``.

``rhs(t, Y, P, OUT)``
    ``OUT[b] = f(t, Y[b], P[b])``.
``jac_values(t, Y, P, OUT)``
    the structural non-zeros of the exact Jacobian, ``OUT[b, q] = J[JAC_ROWS[q], JAC_COLS[q]]``.
``lu_factor(c, JV, LU, PIVOT)``
    LU factors of ``M = I − c·J`` for every patient, on the sparsity pattern of ``M`` plus its fill-in, under a
    fixed symmetric permutation chosen once by the Markowitz criterion (Markowitz 1957; Duff, Erisman & Reid,
    *Direct Methods for Sparse Matrices*, 2017, ch. 7): for the 56-species model 512 stored entries and about
    2,000 flops instead of 117,000 for a dense LU. Pivots are taken on the diagonal (``M`` → ``I`` as ``c`` → 0);
    ``PIVOT[b]`` is the smallest pivot magnitude, and the caller refactorises patients with a small one densely
    with partial pivoting.
``lu_solve(LU, R, X)``
    ``X[b] = M_b⁻¹ R[b]``.
``newton(t, Y0, c, PSI, LU, SCALE, tol, P, FIXED, maxiter, Y, D)``
    one BDF step's simplified Newton iteration for the whole stack (``rhs`` and ``lu_solve`` above), mirroring
    SciPy 1.17.1's ``solve_bdf_system`` (:data:`NEWTON_SOURCE`).
``jac_values(t, Y, P, OUT)`` and ``lu_factor(c, JV, LU, PIVOT)`` (generated module)
    the exact Jacobian's structural non-zeros as compiled straight-line code (the expressions of the array code,
    CSE'd the same way) and a straight-line version of :func:`_lu_factor` (the same operations in the same order).
``rhs_prelude(P, Q)``/``rhs_hoisted(t, Y, P, Q, OUT)`` and ``jac_prelude``/``jac_hoisted`` (generated module)
    ``rhs`` and ``jac_values`` with their parameter-only values computed once per parameter row, ``Q[b]``, by the
    prelude (:func:`hoisted_source`): ``rhs_hoisted`` is bit for bit ``rhs``, ``jac_hoisted`` ``jac_values`` to
    round-off (FMA contraction); used by ``rosenbrock``, whose voxels share their parameters in long runs.
``rosenbrock(Y, P, span, H, ...)``
    the spatial model's per-voxel adaptive ode23s over one splitting interval, fused (:data:`ROSENBROCK_SOURCE`).

Kernels are straight-line code inside a loop over patients. The generated module is written to a cache
directory (``$OSTEOIMMUNE_CACHE_DIR`` or ``~/.cache/osteoimmune``) named by the digest of its source, so Numba's
on-disk cache makes later processes start in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import numpy as np
import sympy as sp

from ..model.records import ModelDeclaration
from numba import njit

from .batched_codegen import ArrayModel, build_array_model, cached_symbolic_system
from .compile import SymbolicSystem, _Printer, assignment_derivative_groups

#: version of the kernel generator (part of the cache key)
KERNEL_VERSION = 9  # 9: parameter prelude (rhs_hoisted/jac_hoisted in rosenbrock); 8: per-voxel diffusion source (splitting), in place; 6-7 were experiments; 5: optional reuse of stored W factors (W-method); 4: FMA contraction, rosenbrock on species-major columns in place; 3: compiled jac_values, straight-line lu_factor, fused ode23s (rosenbrock)


def markowitz_order(pattern: np.ndarray) -> np.ndarray:
    """A pivot order on the diagonal that keeps the fill-in of a sparse LU small (Markowitz count).

    ``pattern`` is the boolean structure of the square matrix (the diagonal counted as non-zero). Ties are
    broken by the lowest index, so the order is deterministic.
    """
    a = np.array(pattern, dtype=bool)
    n = a.shape[0]
    alive = list(range(n))
    order = []
    while alive:
        sub = a[np.ix_(alive, alive)]
        cost = (sub.sum(axis=1) - 1) * (sub.sum(axis=0) - 1)
        v = alive[int(np.argmin(cost))]
        rows = [u for u in alive if a[u, v] and u != v]
        cols = [u for u in alive if a[v, u] and u != v]
        for r in rows:
            a[r, cols] = True
        alive.remove(v)
        order.append(v)
    return np.asarray(order, dtype=np.intp)


@dataclass(frozen=True)
class LUPlan:
    """Symbolic sparse LU of ``M = I − c·J`` under ``order``: filled pattern and the operations on it."""

    order: np.ndarray            # permuted index -> species index
    positions: dict              # (row, col) in permuted indices -> slot in the LU array
    n_entries: int
    eliminations: list           # [(k, [(i, slot_ik)], [(j, slot_kj)])] for each pivot k


def lu_plan(n: int, rows: np.ndarray, cols: np.ndarray) -> LUPlan:
    pattern = np.eye(n, dtype=bool)
    pattern[rows, cols] = True
    order = markowitz_order(pattern)
    inv = np.empty(n, dtype=np.intp)
    inv[order] = np.arange(n)
    a = pattern[np.ix_(order, order)].copy()
    elim = []
    for k in range(n):
        below = [int(i) for i in np.nonzero(a[k + 1:, k])[0] + k + 1]
        right = [int(j) for j in np.nonzero(a[k, k + 1:])[0] + k + 1]
        for i in below:
            a[i, right] = True
        elim.append((k, below, right))
    positions = {(int(i), int(j)): q for q, (i, j) in enumerate(zip(*np.nonzero(a)))}
    plan_elims = [(k, [(i, positions[(i, k)]) for i in below], [(j, positions[(k, j)]) for j in right])
                  for k, below, right in elim]
    return LUPlan(order, positions, len(positions), plan_elims)


def _used(exprs, prefix: str) -> set[str]:
    names: set[str] = set()
    for e in exprs:
        names |= {s.name for s in e.free_symbols if s.name.startswith(prefix)}
    return names


def _loads(system: SymbolicSystem, exprs) -> list[str]:
    return _named_loads(system, _used(exprs, "p_") | _used(exprs, "y_"))


def _named_loads(system: SymbolicSystem, used: set[str]) -> list[str]:
    lines = []
    for i, s in enumerate(system.species_ids):
        if f"y_{s}" in used:
            lines.append(f"        y_{s} = Y[b, {i}]")
    for k, p in enumerate(system.parameter_ids):
        if f"p_{p}" in used:
            lines.append(f"        p_{p} = P[b, {k}]")
    return lines


def _cse(targets: list[tuple[str, sp.Expr]], tag: str) -> list[tuple[str, sp.Expr]]:
    """``targets`` (``(name, expr)``) with common subexpressions eliminated, as ``(name, expr)`` in evaluation order:
    the replacement symbols ``_{tag}N`` first, then the targets."""
    if not targets:
        return []
    repl, reduced = sp.cse([e for _, e in targets], symbols=sp.numbered_symbols(f"_{tag}"), optimizations=None,
                           order="none")
    return [(str(s), e) for s, e in repl] + [(n, e) for (n, _), e in zip(targets, reduced)]


def _lines(pairs: list[tuple[str, sp.Expr]], printer: _Printer) -> list[str]:
    return [f"        {n} = {printer.doprint(e)}" for n, e in pairs]


def kernel_source(system: SymbolicSystem) -> str:
    """Numba source of the generated right-hand-side kernel (see the module docstring)."""
    printer = _Printer()
    n = len(system.species_ids)
    src = ["import math", "from math import exp, log, sqrt, pi, e", "import numpy as np", "from numba import njit", ""]
    aexprs = [e for _, e in system.assignments]
    pairs = list(system.assignments) + _cse([(f"d_{i}", e) for i, e in enumerate(system.rhs)], "r")
    outputs = [f"d_{i}" for i in range(n)]
    jit = "@njit(cache=True, nogil=True, error_model='numpy')"
    src += [jit, "def rhs(t, Y, P, OUT):", "    for b in range(Y.shape[0]):"]
    src += _loads(system, aexprs + list(system.rhs)) + _lines(pairs, printer)
    src += [f"        OUT[b, {i}] = {d}" for i, d in enumerate(outputs)] + [""]
    src += hoisted_source(system, pairs, outputs, _Printer, "rhs", jit)
    # triangular solves with the sparse LU factors (straight-line: the hot path of every Newton iteration)
    rows = np.array([i for i, _, _ in system.jacobian], dtype=np.intp)
    cols = np.array([j for _, j, _ in system.jacobian], dtype=np.intp)
    plan = lu_plan(n, rows, cols)
    src += ["@njit(cache=True, nogil=True, error_model='numpy', fastmath={'contract'})", "def lu_solve(LU, R, X):",
            "    for b in range(R.shape[0]):"]
    src += [f"        z{k} = R[b, {int(plan.order[k])}]" for k in range(n)]
    for k, below, _ in plan.eliminations:  # forward: L has a unit diagonal, L[i, k] in slot (i, k)
        src += [f"        z{i} -= LU[b, {sik}] * z{k}" for i, sik in below]
    for k, _, right in reversed(plan.eliminations):
        terms = "".join(f" - LU[b, {skj}] * z{j}" for j, skj in right)
        src.append(f"        z{k} = (z{k}{terms}) / LU[b, {plan.positions[(k, k)]}]")
    src += [f"        X[b, {int(plan.order[k])}] = z{k}" for k in range(n)] + [""]
    src += NEWTON_SOURCE.splitlines() + [""]
    src += jacobian_source(system, plan)
    src += ROSENBROCK_SOURCE.splitlines() + [""]
    return "\n".join(src)


class _ScalarPrinter(_Printer):
    """The rhs kernel's printer plus the functions that only derivatives contain (``Heaviside``, ``Abs``)."""

    def _print_Heaviside(self, expr):  # the derivative of max(x, 0); H(0) = 1/2 as in SymPy and the array code
        return f"_heaviside({self._print(expr.args[0])})"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Piecewise(self, expr):
        out = "math.nan"
        for value, cond in reversed(expr.args):
            out = self._print(value) if cond == sp.true else f"({self._print(value)} if {self._print(cond)} else {out})"
        return out


class _Hoist:
    """Straight-line code ``name = expr`` split into the part that depends on the parameters only and the rest.

    A value is *parameter-only* when every symbol it refers to is a parameter (``p_*``) or an earlier
    parameter-only target (an assignment, a CSE symbol, ...). A parameter-only target goes to the prelude whole; in
    the other targets, every non-atomic parameter-only subexpression is printed as a name ``_hN`` and goes to the
    prelude. The prelude prints each of them with ``printer``, the text it has inline, and evaluates them in the
    order of the code, so (no reassociation) each value is bit for bit the one the code computes inline.
    """

    def __init__(self, system: SymbolicSystem, printer: type[_Printer]):
        self.main = type(f"_Hoisting{printer.__name__}", (_HoistingPrinter, printer), {})(self)
        self.known = {f"p_{p}" for p in system.parameter_ids}  # parameter-only names
        self.subexpressions: dict[sp.Expr, str] = {}
        self.prelude: list[tuple[str, sp.Expr]] = []  # (name, value) in evaluation order
        self.used: set[str] = set()  # names the remaining code refers to

    def parameter_only(self, expr: sp.Basic) -> bool:
        return all(s.name in self.known for s in expr.free_symbols)

    def subexpression(self, expr: sp.Expr) -> str:
        name = self.subexpressions.get(expr)
        if name is None:
            name = self.subexpressions[expr] = f"_h{len(self.subexpressions)}"
            self.prelude.append((name, expr))
        self.used.add(name)
        return name

    def line(self, name: str, expr: sp.Expr) -> str | None:
        """The line of the remaining code for ``name = expr`` (None: the whole target is parameter-only)."""
        if self.parameter_only(expr):
            self.prelude.append((name, expr))
            self.known.add(name)
            return None
        return f"        {name} = {self.main.doprint(expr)}"


class _HoistingPrinter:
    """Mixed into a printer class by :class:`_Hoist`: non-atomic parameter-only expressions print as their
    prelude name (Boolean conditions are not hoisted, only their operands); records the symbols printed."""

    def __init__(self, hoist: _Hoist):
        super().__init__()
        self.hoist = hoist

    def _print(self, expr, **kwargs):
        if isinstance(expr, sp.Expr) and not expr.is_Atom and expr.free_symbols and self.hoist.parameter_only(expr):
            return self.hoist.subexpression(expr)
        if isinstance(expr, sp.Symbol):
            self.hoist.used.add(expr.name)
        return super()._print(expr, **kwargs)


def hoisted_source(system: SymbolicSystem, pairs: list[tuple[str, sp.Expr]], outputs: list[str],
                   printer: type[_Printer], kind: str, jit: str) -> list[str]:
    """Numba source of ``{kind}_prelude(P, Q)`` and ``{kind}_hoisted(t, Y, P, Q, OUT)``: the kernel whose code is
    ``pairs`` (``(name, expr)`` in evaluation order, printed with ``printer``) with its parameter-only values
    (:class:`_Hoist`) computed once per parameter row by the prelude, ``Q[b, k]``, instead of in every call.

    ``{kind}_hoisted(t, Y, P, Q, OUT)`` gives ``OUT[b, q] = outputs[q]``, as the kernel does, for ``Q`` the
    prelude's values of the rows ``P`` (``(B, N_Q_{KIND})``). Both are compiled with the kernel's decorator ``jit``
    (its fast-math flags). Without fast-math the hoisted kernel is bit for bit the kernel; with FMA contraction LLVM
    may fuse a multiply and an add that straddle the prelude differently (round-off).
    The fused Rosenbrock calls it on one voxel with the prelude computed when the voxel's parameters change.
    """
    h = _Hoist(system, printer)
    body = [line for line in (h.line(n, e) for n, e in pairs) if line is not None]
    h.used.update(outputs)
    slots = [name for name, _ in h.prelude if name in h.used]  # what the remaining code reads from Q
    plain = printer()
    src = [f"N_Q_{kind.upper()} = {len(slots)}", "", jit, f"def {kind}_prelude(P, Q):",
           "    for b in range(P.shape[0]):"]
    src += _loads(system, [e for _, e in h.prelude])
    src += [f"        {name} = {plain.doprint(e)}" for name, e in h.prelude]
    src += [f"        Q[b, {k}] = {name}" for k, name in enumerate(slots)] or ["        pass"]
    src += ["", jit, f"def {kind}_hoisted(t, Y, P, Q, OUT):", "    for b in range(Y.shape[0]):"]
    src += _named_loads(system, h.used) + [f"        {name} = Q[b, {k}]" for k, name in enumerate(slots)] + body
    src += [f"        OUT[b, {q}] = {name}" for q, name in enumerate(outputs)] + [""]
    return src


def jacobian_source(system: SymbolicSystem, plan: LUPlan) -> list[str]:
    """Numba source of ``jac_values`` (the exact Jacobian's structural non-zeros, in the order of
    :func:`~osteoimmune.solve.batched_codegen.array_source`: assignments, their derivatives group by group, then the
    Jacobian entries, each CSE'd as there), of its parameter prelude and hoisted variant (:func:`hoisted_source`) and
    of the straight-line ``lu_factor`` on ``plan`` (the same operations, in the same order, as the table-driven
    :func:`_lu_factor`)."""
    printer = _ScalarPrinter()
    n = len(system.species_ids)
    derivs = [e for _, e in system.assignment_derivatives]
    jexprs = [d for _, _, d in system.jacobian]
    jit = "@njit(cache=True, nogil=True, error_model='numpy', fastmath={'contract'})"
    src = ["N_JAC = " + str(len(system.jacobian)), f"N_LU = {plan.n_entries}", "",
           "@njit(cache=True, nogil=True, error_model='numpy', inline='always')", "def _heaviside(x):",
           "    if x > 0.0:", "        return 1.0", "    if x < 0.0:", "        return 0.0",
           "    if x == 0.0:", "        return 0.5", "    return x", "",
           jit, "def jac_values(t, Y, P, OUT):",
           "    for b in range(Y.shape[0]):"]
    src += _loads(system, [e for _, e in system.assignments] + derivs + jexprs)
    pairs = list(system.assignments)
    for k, group in assignment_derivative_groups(system):
        pairs += _cse(group, f"u{k}_")
    pairs += _cse([(f"J_{i}_{j}", d) for i, j, d in system.jacobian], "q")
    outputs = [f"J_{i}_{j}" for i, j, _ in system.jacobian]
    src += _lines(pairs, printer)
    src += [f"        OUT[b, {q}] = {name}" for q, name in enumerate(outputs)] + [""]
    src += hoisted_source(system, pairs, outputs, _ScalarPrinter, "jac", jit)
    # LU of M = I - c J: slots as locals, the operations of _lu_factor in its order
    inv = np.empty(n, dtype=np.intp)
    inv[plan.order] = np.arange(n)
    init = {}
    for q, (i, j, _) in enumerate(system.jacobian):
        init[plan.positions[(int(inv[i]), int(inv[j]))]] = q
    src += ["@njit(cache=True, nogil=True, error_model='numpy', fastmath={'contract'})", "def lu_factor(c, JV, LU, PIVOT):",
            "    for b in range(JV.shape[0]):"]
    diag = {plan.positions[(k, k)] for k in range(n)}
    for s in range(plan.n_entries):
        base = "1.0" if s in diag else "0.0"
        src.append(f"        a{s} = {base} - c * JV[b, {init[s]}]" if s in init else f"        a{s} = {base}")
    src.append("        pmin = np.inf")
    for k, below, right in plan.eliminations:
        pk = plan.positions[(k, k)]
        src += [f"        pmin = min(pmin, abs(a{pk}))", f"        r = 1.0 / a{pk}"]
        for i, sik in below:
            src.append(f"        a{sik} = a{sik} * r")
            for j, skj in right:
                t = plan.positions[(i, j)]
                src.append(f"        a{t} = a{t} - a{sik} * a{skj}")
    src += [f"        LU[b, {s}] = a{s}" for s in range(plan.n_entries)]
    src += ["        PIVOT[b] = pmin", ""]
    return src


#: The simplified Newton iteration of one BDF step for the whole stack, appended to every generated module (it
#: calls that module's ``rhs`` and ``lu_solve``). It mirrors ``solve_bdf_system`` of SciPy 1.17.1
#: (``scipy/integrate/_ivp/bdf.py``) operation by operation — the residual ``c·f − psi − d`` in the same order,
#: the same rate tests — so the iterates agree with SciPy's to round-off; the only difference is the norm
#: ``‖dy/scale‖/√N``, summed here in a loop instead of by BLAS ``dot``. ``FIXED`` lists species whose
#: derivative is held at zero (steady-state relaxation). Returns ``(converged, iterations)``; ``Y``/``D``
#: receive SciPy's ``y``/``d``.
NEWTON_SOURCE = """
@njit(cache=True, nogil=True, error_model='numpy')
def newton(t, Y0, c, PSI, LU, SCALE, tol, P, FIXED, maxiter, Y, D):
    B, n = Y0.shape
    F = np.empty((B, n))
    R = np.empty((B, n))
    DY = np.empty((B, n))
    for b in range(B):
        for i in range(n):
            Y[b, i] = Y0[b, i]
            D[b, i] = 0.0
    root_size = math.sqrt(B * n)
    dy_norm_old = 0.0
    has_old = False
    converged = False
    iterations = 0
    for k in range(maxiter):
        iterations = k + 1
        rhs(t, Y, P, F)
        finite = True
        for b in range(B):
            for q in range(FIXED.size):
                F[b, FIXED[q]] = 0.0
            for i in range(n):
                v = F[b, i]
                if not math.isfinite(v):
                    finite = False
                R[b, i] = c * v - PSI[b, i] - D[b, i]
        if not finite:
            break
        lu_solve(LU, R, DY)
        s = 0.0
        for b in range(B):
            for i in range(n):
                x = DY[b, i] / SCALE[b, i]
                s += x * x
        dy_norm = math.sqrt(s) / root_size
        rate = 0.0
        if has_old:
            rate = dy_norm / dy_norm_old
            if rate >= 1 or rate ** (maxiter - k) / (1 - rate) * dy_norm > tol:
                break
        for b in range(B):
            for i in range(n):
                Y[b, i] += DY[b, i]
                D[b, i] += DY[b, i]
        if dy_norm == 0 or (has_old and rate / (1 - rate) * dy_norm < tol):
            converged = True
            break
        dy_norm_old = dy_norm
        has_old = True
    return converged, iterations
"""


#: The per-voxel adaptive ode23s of :class:`osteoimmune.spatial.reaction.BatchedRosenbrock`, fused into one
#: compiled loop over the voxels of a chunk and appended to every generated module (it calls that module's
#: ``rhs_hoisted``, ``jac_hoisted``, ``lu_factor`` and ``lu_solve`` on one-voxel views, so no array is allocated per
#: step; ``rosenbrock_voxel`` is one voxel's interval, ``rosenbrock`` the serial loop a thread runs on the voxels
#: ``b0 <= b < b1`` of the species-major state ``Y`` (``(n_species, n_voxels)``, the layout of the spatial solver and
#: its transport, so no transposed copy is made: each voxel's column is copied into a one-voxel buffer, integrated and
#: written back); voxel ``b``'s parameters are ``PBASE`` with the entries ``PIDX`` replaced by ``PARR[b]``, and the
#: parameter preludes of ``rhs_hoisted``/``jac_hoisted`` are recomputed only for a voxel whose ``PARR`` row differs
#: from the previous voxel's (neighbouring voxels mostly share their parameters; ±0 compare equal)). The
#: operations and their order are those of the NumPy backend (``reaction.py``: quiescent explicit step, Jacobian kept
#: on rejection, refactorisation of ``W = I − h d J`` per attempt, three stages, weighted RMS error norm, the
#: non-negativity rule, step-size control); only the error norm's mean is summed in a loop. ``H`` (in: initial step
#: sizes, out: the next step sizes) and ``Y`` (the states) are updated in place. ``STATS`` receives
#: ``(steps, rejected, rhs, jac, lu, explicit, max attempts per voxel, reused W)``; ``STATUS[b - b0]`` 0 (done), 1 (more than
#: ``max_steps`` attempts), 2 (step underflow with non-finite values) or 3 (step underflow with negative
#: concentrations, or a near-singular ``W``), ``TFAIL[b - b0]`` the time into the interval where the voxel stopped.
#: Memory across intervals (``spatial.reaction``, off when ``max_age``/``qskip`` are 0 and the arrays empty):
#: ``WLU[b]`` (float32) the factors of voxel ``b``'s last ``W``, ``WC[b]`` its ``h d`` (0: none), ``WAGE[b]`` how often
#: they were reused; an attempt whose ``h d`` equals ``WC[b]`` steps with them (W-method, ``STATS[7]``) while
#: ``WAGE[b] < max_age``, and a rejected one is retried at the same step with the current Jacobian. ``QS[b]``
#: counts the intervals in which a voxel whose quiescent test failed skips it (set to ``qskip`` on failure).
#: The Jacobian, LU and triangular-solve kernels are compiled with ``fastmath={'contract'}``: LLVM may fuse a
#: multiply and an add into one FMA (one rounding instead of two; no reassociation, no other fast-math licence),
#: ≈ 10 % less time in the spatial run (and ``jac_hoisted``, hence equal to ``jac_values`` to round-off only: a
#: multiply and an add may be fused differently across the prelude).  ``rhs``, ``rhs_hoisted`` (bit for bit ``rhs``),
#: ``newton`` and the Rosenbrock loops are not: Numba compiles a
#: callee with its caller's fast-math flags unless the callee sets its own, so a contracting caller would change
#: ``rhs`` (which must stay bit-for-bit that of the reference compiler, tested) depending on compile order.
ROSENBROCK_SOURCE = """
@njit(cache=True, nogil=True, error_model='numpy', inline='always')
def _add_source(f, y, s0, s1, sr):
    for j in range(sr.size):
        f[0, sr[j]] += s0[j] + s1[j] * y[0, sr[j]]


@njit(cache=True, nogil=True, error_model='numpy')
def rosenbrock_voxel(y, p, QF, QJ, span, h, rtol, ATOL, NONNEG, qfrac, max_steps, d, e32, W, JV, LU, PIV, C, WLU, WC,
                     WAGE, b, max_age, QS, qskip, s0, s1, sr, jd):
    n = y.shape[1]
    f0 = W[0]
    f1 = W[1]
    f2 = W[2]
    k1 = W[3]
    k2 = W[4]
    k3 = W[5]
    yt = W[6]
    y1 = W[7]
    rr = W[8]
    tiny = 1e-12 * max(1.0, span)
    rhs_hoisted(0.0, y, p, QF, f0)
    _add_source(f0, y, s0, s1, sr)
    C[2] += 1
    tv = 0.0
    if not h > 0.0:
        h = span
    h = min(h, span)
    if qfrac > 0.0 and qskip > 0 and QS[b] > 0:  # failed recently: not tested in this interval
        QS[b] -= 1
    elif qfrac > 0.0:
        for i in range(n):
            yt[0, i] = y[0, i] + span * f0[0, i]
        rhs_hoisted(0.0, yt, p, QF, f1)
        _add_source(f1, yt, s0, s1, sr)
        C[2] += 1
        c = 0.5 * span
        s = 0.0
        neg = False
        for i in range(n):
            sc = ATOL[i] + rtol * max(abs(y[0, i]), abs(yt[0, i]))
            x = c * (f1[0, i] - f0[0, i]) / sc
            s += x * x
            if NONNEG[i] and yt[0, i] < -sc:
                neg = True
        en = math.sqrt(s / n)
        if math.isfinite(en) and en <= qfrac and not neg:
            for i in range(n):
                v = yt[0, i]
                if NONNEG[i] and v < 0.0:
                    v = 0.0
                y[0, i] = v
            tv = span
            C[5] += 1
        elif qskip > 0:
            QS[b] = qskip
    have_jac = False
    stale = False
    attempts = 0
    status = 0
    while tv < span - tiny:
        attempts += 1
        if attempts > max_steps:
            status = 1
            break
        ha = min(h, span - tv)
        cw = d * ha
        if max_age > 0 and not have_jac and WC[b] == cw and WAGE[b] < max_age:
            # W-method step: the stored factors of W = I - cw J at an earlier state of this voxel (float32)
            for s in range(N_LU):
                LU[0, s] = WLU[b, s]
            WAGE[b] += 1
            stale = True
            C[7] += 1
        else:
            if not have_jac:
                jac_hoisted(0.0, y, p, QJ, JV)
                for j in range(sr.size):
                    JV[0, jd[j]] += s1[j]
                have_jac = True
                C[3] += 1
            lu_factor(cw, JV, LU, PIV)
            C[4] += 1
            stale = False
            if max_age > 0:
                if PIV[0] > 1e-10:
                    for s in range(N_LU):
                        WLU[b, s] = LU[0, s]
                    WC[b] = cw
                    WAGE[b] = 0
                else:
                    WC[b] = 0.0
        lu_solve(LU, f0, k1)
        c = 0.5 * ha
        for i in range(n):
            yt[0, i] = y[0, i] + c * k1[0, i]
        rhs_hoisted(0.0, yt, p, QF, f1)
        _add_source(f1, yt, s0, s1, sr)
        for i in range(n):
            rr[0, i] = f1[0, i] - k1[0, i]
        lu_solve(LU, rr, k2)
        for i in range(n):
            k2[0, i] = k2[0, i] + k1[0, i]
            y1[0, i] = y[0, i] + ha * k2[0, i]
        rhs_hoisted(0.0, y1, p, QF, f2)
        _add_source(f2, y1, s0, s1, sr)
        for i in range(n):
            rr[0, i] = f2[0, i] - e32 * (k2[0, i] - f1[0, i]) - 2.0 * (k1[0, i] - f0[0, i])
        lu_solve(LU, rr, k3)
        C[2] += 2
        c = ha / 6.0
        s = 0.0
        neg = False
        for i in range(n):
            sc = ATOL[i] + rtol * max(abs(y[0, i]), abs(y1[0, i]))
            x = c * (k1[0, i] - 2.0 * k2[0, i] + k3[0, i]) / sc
            s += x * x
            if NONNEG[i] and y1[0, i] < -sc:
                neg = True
        en = math.sqrt(s / n)
        bad = neg or not math.isfinite(en) or not (stale or PIV[0] > 1e-10)
        if bad or not en <= 1.0:
            C[1] += 1
            if stale:  # retry at the same step size with this state's Jacobian
                WC[b] = 0.0
                continue
            if bad:
                h = ha * 0.25
            else:
                h = ha * max(0.2, 0.9 * en ** (-1.0 / 3.0))
            if h < 1e-10:
                status = 3 if math.isfinite(en) else 2
                break
            continue
        clipped = False
        for i in range(n):
            v = y1[0, i]
            if NONNEG[i] and v < 0.0:
                v = 0.0
                clipped = True
            y[0, i] = v
            f0[0, i] = f2[0, i]
        if clipped and tv + ha < span - tiny:  # (f0 of the clipped state only if another step follows)
            rhs_hoisted(0.0, y, p, QF, f0)
            _add_source(f0, y, s0, s1, sr)
            C[2] += 1
        tv += ha
        have_jac = False
        C[0] += 1
        ea = en if en > 0.0 else 1e-10
        h = ha * min(5.0, max(0.2, 0.9 * ea ** (-1.0 / 3.0)))
    C[6] = max(C[6], attempts)
    return status, tv, h


@njit(cache=True, nogil=True, error_model='numpy')
def rosenbrock(Y, b0, b1, PBASE, PIDX, PARR, span, H, rtol, ATOL, NONNEG, qfrac, max_steps, d, e32, STATS, STATUS,
               TFAIL, WLU, WC, WAGE, max_age, QS, qskip, CSRC, SROWS, JDIAG, SFLOOR):
    n = Y.shape[0]
    W = np.empty((9, 1, n))
    JV = np.empty((1, N_JAC))
    LU = np.empty((1, N_LU))
    PIV = np.empty(1)
    C = np.zeros(8, dtype=np.int64)
    yv = np.empty((1, n))
    s0 = np.zeros(SROWS.size)
    s1 = np.zeros(SROWS.size)
    prow = np.empty((1, PBASE.size))
    for k in range(PBASE.size):
        prow[0, k] = PBASE[k]
    QF = np.empty((1, N_Q_RHS))
    QJ = np.empty((1, N_Q_JAC))
    for b in range(b0, b1):
        for i in range(n):
            yv[0, i] = Y[i, b]
        fresh = b == b0
        for j in range(PIDX.size):
            v = PARR[b, j]
            if v != prow[0, PIDX[j]]:
                fresh = True
            prow[0, PIDX[j]] = v
        if fresh:  # parameter-only values, once per run of voxels with equal parameters
            rhs_prelude(prow, QF)
            jac_prelude(prow, QJ)
        for j in range(SROWS.size):  # source rate c: s0 = min(c⁺, u₀/span) as a constant, s1 = c⁻/u₀ as a linear sink
            c = CSRC[j, b]
            u0 = yv[0, SROWS[j]]
            s0[j] = min(max(c, 0.0), max(u0, 0.0) / span)
            s1[j] = min(c, 0.0) / max(u0, SFLOOR[j])
        status, tv, h = rosenbrock_voxel(yv, prow, QF, QJ, span, H[b], rtol, ATOL, NONNEG, qfrac, max_steps,
                                         d, e32, W, JV, LU, PIV, C, WLU, WC, WAGE, b, max_age, QS, qskip,
                                         s0, s1, SROWS, JDIAG)
        for j in range(SROWS.size):  # the mean rate received over the interval (trapezoid for the linear sink)
            CSRC[j, b] = s0[j] + s1[j] * 0.5 * (Y[SROWS[j], b] + yv[0, SROWS[j]])
        for i in range(n):
            Y[i, b] = yv[0, i]
        STATUS[b - b0] = status
        TFAIL[b - b0] = tv
        H[b] = h
    for q in range(8):
        STATS[q] = C[q]

"""


@dataclass(frozen=True)
class LUProgram:
    """:class:`LUPlan` flattened into index arrays for the generic kernels :func:`_lu_factor`/:func:`_lu_solve`."""

    order: np.ndarray        # permuted index -> species index
    init_j: np.ndarray       # per LU slot: index of the Jacobian value there, or -1
    init_diag: np.ndarray    # per LU slot: 1.0 on the diagonal, else 0.0
    pivot: np.ndarray        # per pivot k: slot of (k, k)
    below_ptr: np.ndarray    # per pivot k: range into below_row/below_slot
    below_row: np.ndarray    # permuted row i of L[i, k]
    below_slot: np.ndarray   # slot of (i, k)
    upd_ptr: np.ndarray      # per (k, i): range into upd_target/upd_source
    upd_target: np.ndarray   # slot of (i, j)
    upd_source: np.ndarray   # slot of (k, j)
    right_ptr: np.ndarray    # per pivot k: range into right_col/right_slot (row k of U, right of the diagonal)
    right_col: np.ndarray
    right_slot: np.ndarray
    n_entries: int


def lu_program(n: int, rows: np.ndarray, cols: np.ndarray) -> LUProgram:
    """The sparse LU of ``I − c·J`` (pattern of ``J`` from ``rows``/``cols``) as index arrays."""
    plan = lu_plan(n, rows, cols)
    inv = np.empty(n, dtype=np.intp)
    inv[plan.order] = np.arange(n)
    init_j = np.full(plan.n_entries, -1, dtype=np.intp)
    init_diag = np.zeros(plan.n_entries)
    for q, (i, j) in enumerate(zip(rows, cols)):
        init_j[plan.positions[(int(inv[i]), int(inv[j]))]] = q
    for k in range(n):
        init_diag[plan.positions[(k, k)]] = 1.0
    pivot, below_ptr, below_row, below_slot = [], [0], [], []
    upd_ptr, upd_target, upd_source = [0], [], []
    right_ptr, right_col, right_slot = [0], [], []
    for k, below, right in plan.eliminations:
        pivot.append(plan.positions[(k, k)])
        for i, sik in below:
            below_row.append(i)
            below_slot.append(sik)
            for j, skj in right:
                upd_target.append(plan.positions[(i, j)])
                upd_source.append(skj)
            upd_ptr.append(len(upd_target))
        below_ptr.append(len(below_row))
        for j, skj in right:
            right_col.append(j)
            right_slot.append(skj)
        right_ptr.append(len(right_col))
    a = lambda v: np.asarray(v, dtype=np.intp)  # noqa: E731
    return LUProgram(a(plan.order), init_j, init_diag, a(pivot), a(below_ptr), a(below_row), a(below_slot),
                     a(upd_ptr), a(upd_target), a(upd_source), a(right_ptr), a(right_col), a(right_slot),
                     plan.n_entries)


@njit(cache=True, nogil=True, error_model="numpy", fastmath={"contract"})  # as the generated kernels
def _lu_factor(c, JV, init_j, init_diag, pivot, below_ptr, below_slot, upd_ptr, upd_target, upd_source, LU, PIVOT):
    n = pivot.size
    for b in range(JV.shape[0]):
        a = LU[b]
        for q in range(a.size):
            jq = init_j[q]
            a[q] = init_diag[q] - (c * JV[b, jq] if jq >= 0 else 0.0)
        pmin = np.inf
        e = 0
        for k in range(n):
            d = a[pivot[k]]
            pmin = min(pmin, abs(d))
            r = 1.0 / d
            for m in range(below_ptr[k], below_ptr[k + 1]):
                s = below_slot[m]
                a[s] *= r
                lik = a[s]
                for u in range(upd_ptr[e], upd_ptr[e + 1]):
                    a[upd_target[u]] -= lik * a[upd_source[u]]
                e += 1
        PIVOT[b] = pmin


@njit(cache=True, nogil=True, error_model="numpy", fastmath={"contract"})
def _lu_solve(LU, R, order, pivot, below_ptr, below_row, below_slot, right_ptr, right_col, right_slot, X):
    n = order.size
    z = np.empty(n)
    for b in range(R.shape[0]):
        a = LU[b]
        for k in range(n):
            z[k] = R[b, order[k]]
        for k in range(n):  # forward, unit lower triangle
            zk = z[k]
            for m in range(below_ptr[k], below_ptr[k + 1]):
                z[below_row[m]] -= a[below_slot[m]] * zk
        for k in range(n - 1, -1, -1):  # backward
            acc = z[k]
            for m in range(right_ptr[k], right_ptr[k + 1]):
                acc -= a[right_slot[m]] * z[right_col[m]]
            z[k] = acc / a[pivot[k]]
        for k in range(n):
            X[b, order[k]] = z[k]


@dataclass(frozen=True)
class Kernels:
    """The kernels of one declaration for patient-major arrays (see the module docstring)."""

    module: ModuleType           # generated, compiled right-hand side
    arrays: ArrayModel           # vectorised NumPy Jacobian values and assignments
    program: LUProgram
    n_species: int
    digest: str

    @property
    def jac_rows(self) -> np.ndarray:
        return self.arrays.jac_rows

    @property
    def jac_cols(self) -> np.ndarray:
        return self.arrays.jac_cols

    def rhs(self, t: float, Y: np.ndarray, P: np.ndarray) -> np.ndarray:
        out = np.empty_like(Y)
        self.module.rhs(t, Y, P, out)
        return out

    def jac_values(self, t: float, Y: np.ndarray, P: np.ndarray) -> np.ndarray:
        """``(B, nnz)`` structural non-zeros of the exact Jacobian."""
        return np.ascontiguousarray(self.arrays.jac_values(t, Y.T, P.T).T)

    def jac_values_compiled(self, t: float, Y: np.ndarray, P: np.ndarray) -> np.ndarray:
        """The same as :meth:`jac_values` with the generated Numba kernel (``(B, nnz)``)."""
        out = np.empty((Y.shape[0], len(self.arrays.jac_rows)))
        self.module.jac_values(float(t), np.ascontiguousarray(Y, dtype=float), np.ascontiguousarray(P, dtype=float), out)
        return out

    def lu_factor_compiled(self, c: float, JV: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The same as :meth:`lu_factor` with the generated straight-line kernel."""
        LU = np.empty((JV.shape[0], self.program.n_entries))
        piv = np.empty(JV.shape[0])
        self.module.lu_factor(float(c), np.ascontiguousarray(JV, dtype=float), LU, piv)
        return LU, piv

    def assignments(self, t: float, Y: np.ndarray, P: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(self.arrays.assignments(t, Y.T, P.T).T)

    def dense_jac(self, t: float, Y: np.ndarray, P: np.ndarray) -> np.ndarray:
        J = np.zeros((Y.shape[0], self.n_species, self.n_species))
        J[:, self.jac_rows, self.jac_cols] = self.jac_values(t, Y, P)
        return J

    def lu_factor(self, c: float, JV: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sparse LU factors of ``I − c·J`` per patient and each patient's smallest pivot magnitude."""
        pr = self.program
        LU = np.empty((JV.shape[0], pr.n_entries))
        piv = np.empty(JV.shape[0])
        _lu_factor(float(c), JV, pr.init_j, pr.init_diag, pr.pivot, pr.below_ptr, pr.below_slot, pr.upd_ptr,
                   pr.upd_target, pr.upd_source, LU, piv)
        return LU, piv

    def lu_solve(self, LU: np.ndarray, R: np.ndarray) -> np.ndarray:
        """``X[b] = (I − c·J_b)⁻¹ R[b]`` from :meth:`lu_factor`'s factors (generated straight-line kernel)."""
        X = np.empty_like(R)
        self.module.lu_solve(LU, R, X)
        return X

    def newton(self, t: float, y_predict: np.ndarray, c: float, psi: np.ndarray, LU: np.ndarray, scale: np.ndarray,
               tol: float, P: np.ndarray, fixed: np.ndarray, maxiter: int) -> tuple[bool, int, np.ndarray, np.ndarray]:
        """One BDF step's simplified Newton iteration for the stack (``NEWTON_SOURCE``): ``(converged, n_iter, y, d)``.

        ``y_predict``, ``psi`` and ``scale`` are ``(B, n)``; ``LU`` from :meth:`lu_factor` (no dense patients).
        """
        Y, D = np.empty_like(y_predict), np.empty_like(y_predict)
        converged, iterations = self.module.newton(float(t), y_predict, float(c), psi, LU, scale, float(tol), P, fixed,
                                                   int(maxiter), Y, D)
        return bool(converged), int(iterations), Y, D

    def lu_solve_generic(self, LU: np.ndarray, R: np.ndarray) -> np.ndarray:
        """The same as :meth:`lu_solve` with the table-driven kernel (kept as an independent check)."""
        pr = self.program
        X = np.empty_like(R)
        _lu_solve(LU, R, pr.order, pr.pivot, pr.below_ptr, pr.below_row, pr.below_slot, pr.right_ptr, pr.right_col,
                  pr.right_slot, X)
        return X


def cache_dir() -> Path:
    """Where generated kernel modules (and Numba's cache of them) live."""
    root = os.environ.get("OSTEOIMMUNE_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "osteoimmune")
    path = Path(root) / "kernels"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError:
        path = Path(tempfile.gettempdir()) / "osteoimmune-kernels"
        path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=4)
def load_kernels(model: ModelDeclaration) -> Kernels:
    """Generate (once per declaration and process) and compile the kernels of ``model``."""
    source = kernel_source(cached_symbolic_system(model))
    digest = hashlib.sha256(f"{KERNEL_VERSION}\n{source}".encode()).hexdigest()[:16]
    name = f"osteoimmune_kernels_{digest}"
    path = cache_dir() / f"{name}.py"
    if not path.exists() or path.read_text() != source:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(source)
        os.replace(tmp, path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    arrays = build_array_model(model)
    program = lu_program(len(model.species), arrays.jac_rows, arrays.jac_cols)
    return Kernels(module, arrays, program, len(model.species), digest)
