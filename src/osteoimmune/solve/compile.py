"""Compile a :class:`ModelDeclaration` into fast numerical functions.

The right-hand side and its *exact* Jacobian are derived symbolically with
SymPy.  Assignments (algebraic intermediates) are kept as intermediates: the
Jacobian is assembled with the chain rule

    dF/dy = ∂F/∂y + Σ_k ∂F/∂a_k · Da_k/Dy,   Da_k/Dy = ∂a_k/∂y + Σ_{m<k} ∂a_k/∂a_m · Da_m/Dy

so expressions never blow up.  The result is emitted as plain Python source
(common subexpressions eliminated) and compiled once per declaration; the
source is kept on the compiled object so that it can be inspected.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from ..model.records import TIME, ModelDeclaration


class _Printer(PythonCodePrinter):
    """Python printer emitting ``math`` functions and plain float literals."""

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": False, "standard": "python3"})

    def _print_Float(self, expr):  # repr keeps full precision
        return repr(float(expr))

    def _print_Rational(self, expr):
        return repr(float(expr))

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.as_base_exp()
        if exp == -1:
            return f"(1.0/({self._print(base)}))"
        if exp == 2:
            b = self._print(base)
            return f"(({b})*({b}))"
        if exp == sp.Rational(1, 2):
            return f"math.sqrt({self._print(base)})"
        return f"(({self._print(base)})**({self._print(exp)}))"

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"


@dataclass
class CompiledModel:
    """Numerical functions of a declaration, with the generated source."""

    declaration: ModelDeclaration
    species_ids: tuple[str, ...]
    parameter_ids: tuple[str, ...]
    assignment_ids: tuple[str, ...]
    rhs: Callable[[float, np.ndarray, np.ndarray], np.ndarray]
    jac: Callable[[float, np.ndarray, np.ndarray], np.ndarray]
    assignments: Callable[[float, np.ndarray, np.ndarray], np.ndarray]
    source: str
    compile_seconds: float
    jacobian_nonzeros: int
    digest: str = field(default="")

    @property
    def n_species(self) -> int:
        return len(self.species_ids)

    def parameter_vector(self, values: dict[str, float]) -> np.ndarray:
        return np.array([float(values[k]) for k in self.parameter_ids])

    def species_index(self, sid: str) -> int:
        return self.species_ids.index(sid)


def _local(name: str, prefix: str) -> str:
    return f"{prefix}{name}"


def _emit_header(lines: list[str], model: ModelDeclaration, with_assign: bool) -> None:
    sids = list(model.species)
    pids = list(model.parameters)
    lines.append("    (" + ", ".join(_local(s, "y_") for s in sids) + ",) = y")
    lines.append("    (" + ", ".join(_local(p, "p_") for p in pids) + ",) = p")


def _symbol_map(model: ModelDeclaration) -> dict[sp.Symbol, sp.Symbol]:
    m: dict[sp.Symbol, sp.Symbol] = {}
    for s in model.species:
        m[sp.Symbol(s, real=True)] = sp.Symbol(_local(s, "y_"), real=True)
    for p in model.parameters:
        m[sp.Symbol(p, real=True)] = sp.Symbol(_local(p, "p_"), real=True)
    for a in model.assignments:
        m[sp.Symbol(a, real=True)] = sp.Symbol(_local(a, "a_"), real=True)
    m[TIME] = sp.Symbol("t", real=True)
    return m


def _emit_block(lines: list[str], targets: list[tuple[str, sp.Expr]], printer: _Printer, tag: str) -> None:
    """Emit ``target = expr`` lines with common subexpressions eliminated."""
    if not targets:
        return
    names = [n for n, _ in targets]
    exprs = [e for _, e in targets]
    gen = sp.numbered_symbols(f"_{tag}")
    repl, reduced = sp.cse(exprs, symbols=gen, optimizations=None, order="none")
    for sym, e in repl:
        lines.append(f"    {sym} = {printer.doprint(e)}")
    for n, e in zip(names, reduced):
        lines.append(f"    {n} = {printer.doprint(e)}")


@dataclass(frozen=True)
class SymbolicSystem:
    """The model as SymPy expressions, in the names of the generated code (``y_*``, ``p_*``, ``a_*``, ``t``).

    ``assignments`` are ``(name, expr)`` in evaluation order; ``rhs[i]`` is d species_ids[i]/dt;
    ``assignment_derivatives`` maps ``(k, j)`` to D a_k / D y_j written with the symbols ``da_{m}_{j}`` of
    earlier assignments (chain rule); ``jacobian`` lists the structural non-zeros ``(i, j, expr)`` of the exact
    Jacobian, written with the ``da_{k}_{j}`` symbols.  Batched backends print these with their own printers.
    """

    species_ids: tuple[str, ...]
    parameter_ids: tuple[str, ...]
    assignments: tuple[tuple[str, sp.Expr], ...]
    rhs: tuple[sp.Expr, ...]
    assignment_derivatives: tuple[tuple[tuple[int, int], sp.Expr], ...]
    jacobian: tuple[tuple[int, int, sp.Expr], ...]


def symbolic_system(model: ModelDeclaration) -> SymbolicSystem:
    """Right-hand side and exact Jacobian of ``model`` as SymPy expressions (chain rule through assignments)."""
    smap = _symbol_map(model)
    sids = list(model.species)
    ysyms = [sp.Symbol(s, real=True) for s in sids]
    asyms = [sp.Symbol(a, real=True) for a in model.assignments]
    aexprs = [model.assignments[a].expr for a in model.assignments]
    rhs = model.rhs_expressions()
    rhs_list = [rhs[s] for s in sids]
    total: dict[tuple[int, int], sp.Expr] = {}  # (assignment k, species j) -> D a_k / D y_j (in terms of symbols)
    for k, e in enumerate(aexprs):
        free = e.free_symbols
        for j, y in enumerate(ysyms):
            d = sp.diff(e, y) if y in free else sp.Integer(0)
            for m in range(k):
                if asyms[m] in free and (m, j) in total:
                    d = d + sp.diff(e, asyms[m]) * sp.Symbol(f"da_{m}_{j}", real=True)
            if d != 0:
                total[(k, j)] = d
    entries: list[tuple[int, int, sp.Expr]] = []
    for i, f in enumerate(rhs_list):
        free = f.free_symbols
        for j, y in enumerate(ysyms):
            d = sp.diff(f, y) if y in free else sp.Integer(0)
            for k, a in enumerate(asyms):
                if a in free and (k, j) in total:
                    d = d + sp.diff(f, a) * sp.Symbol(f"da_{k}_{j}", real=True)
            if d != 0:
                entries.append((i, j, d))
    return SymbolicSystem(
        species_ids=tuple(sids),
        parameter_ids=tuple(model.parameters),
        assignments=tuple((_local(a.name, "a_"), e.xreplace(smap)) for a, e in zip(asyms, aexprs)),
        rhs=tuple(e.xreplace(smap) for e in rhs_list),
        assignment_derivatives=tuple(((k, j), d.xreplace(smap)) for (k, j), d in total.items()),
        jacobian=tuple((i, j, d.xreplace(smap)) for i, j, d in entries),
    )


def assignment_derivative_groups(system: SymbolicSystem) -> list[tuple[int, list[tuple[str, sp.Expr]]]]:
    """``(k, [(f"da_{k}_{j}", expr), ...])`` in increasing ``k``.

    D a_k / D y refers to D a_m / D y of earlier assignments (m < k), so each group is emitted (and its
    common subexpressions eliminated) only after the groups it depends on: one CSE over all of them could
    hoist a use of ``da_m_j`` above its definition.
    """
    groups: dict[int, list[tuple[str, sp.Expr]]] = {}
    for (k, j), d in system.assignment_derivatives:
        groups.setdefault(k, []).append((f"da_{k}_{j}", d))
    return [(k, groups[k]) for k in sorted(groups)]


def compile_model(model: ModelDeclaration) -> CompiledModel:
    """Derive RHS and exact Jacobian and compile them to Python functions."""
    t0 = time.perf_counter()
    printer = _Printer()
    system = symbolic_system(model)
    sids = list(system.species_ids)

    lines: list[str] = ["import math", "from math import exp, log, sqrt, pi, e", "import numpy as np", ""]
    # ---- assignments function
    lines.append("def assignments(t, y, p):")
    _emit_header(lines, model, False)
    for name, e in system.assignments:
        lines.append(f"    {name} = {printer.doprint(e)}")
    lines.append("    return np.array([" + ", ".join(name for name, _ in system.assignments) + "], dtype=float)")
    lines.append("")
    # ---- rhs
    lines.append("def rhs(t, y, p):")
    _emit_header(lines, model, True)
    for name, e in system.assignments:
        lines.append(f"    {name} = {printer.doprint(e)}")
    _emit_block(lines, [(f"d_{i}", e) for i, e in enumerate(system.rhs)], printer, "r")
    lines.append("    return np.array([" + ", ".join(f"d_{i}" for i in range(len(sids))) + "], dtype=float)")
    lines.append("")
    # ---- jacobian via chain rule through assignments
    lines.append("def jac(t, y, p):")
    _emit_header(lines, model, True)
    for name, e in system.assignments:
        lines.append(f"    {name} = {printer.doprint(e)}")
    for k, group in assignment_derivative_groups(system):
        _emit_block(lines, group, printer, f"u{k}_")
    _emit_block(lines, [(f"J_{i}_{j}", d) for i, j, d in system.jacobian], printer, "q")
    lines.append(f"    J = np.zeros(({len(sids)}, {len(sids)}))")
    for i, j, _ in system.jacobian:
        lines.append(f"    J[{i}, {j}] = J_{i}_{j}")
    lines.append("    return J")
    source = "\n".join(lines) + "\n"
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    namespace: dict = {}
    exec(compile(source, f"<osteoimmune:{model.name}:{digest}>", "exec"), namespace)
    return CompiledModel(
        declaration=model,
        species_ids=tuple(sids),
        parameter_ids=tuple(model.parameters),
        assignment_ids=tuple(model.assignments),
        rhs=namespace["rhs"],
        jac=namespace["jac"],
        assignments=namespace["assignments"],
        source=source,
        compile_seconds=time.perf_counter() - t0,
        jacobian_nonzeros=len(system.jacobian),
        digest=digest,
    )
