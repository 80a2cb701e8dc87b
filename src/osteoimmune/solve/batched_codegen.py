"""Array code for many patients at once, generated from the one model declaration.

:func:`osteoimmune.solve.compile.symbolic_system` gives the right-hand side, the assignments and the exact
Jacobian as SymPy expressions; this module prints them (common subexpressions eliminated, as in
:mod:`~osteoimmune.solve.compile`) as functions of *arrays*:

``rhs(t, y, p)``
    ``y`` has shape ``(n_species, *batch)``, ``p`` ``(n_parameters, *batch)``; returns ``(n_species, *batch)``.
``assignments(t, y, p)``
    returns ``(n_assignments, *batch)``.
``jac_values(t, y, p)``
    the structural non-zeros of the exact Jacobian, ``(nnz, *batch)``; entry ``k`` is
    ``J[JAC_ROWS[k], JAC_COLS[k]]``.

:func:`assignment_subset` prints a function of the same form for a few named assignments only (with the earlier
assignments they need), for callers that need, say, ``bone_fraction`` without the other forty.

The same source runs on NumPy arrays (one vectorised call for a whole batch) and on JAX arrays (traced and
compiled by XLA, on CPU or GPU, per patient under ``jax.vmap`` or for a whole batch): elementary functions are
looked up in an array namespace ``xp`` given at build time. Nothing here knows about scenarios.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Callable, Sequence

import numpy as np
import sympy as sp

from ..model.records import ModelDeclaration
from .compile import SymbolicSystem, _Printer, assignment_derivative_groups, symbolic_system


class _ArrayPrinter(_Printer):
    """Elementwise printer: ``maximum``/``minimum`` instead of the built-ins, ``sqrt`` from the namespace."""

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.as_base_exp()
        if exp == sp.Rational(1, 2):
            return f"sqrt({self._print(base)})"
        return super()._print_Pow(expr, rational)

    def _nest(self, fn: str, args) -> str:
        args = [self._print(a) for a in args]
        out = args[0]
        for a in args[1:]:
            out = f"{fn}({out}, {a})"
        return out

    def _print_Max(self, expr):
        return self._nest("maximum", expr.args)

    def _print_Min(self, expr):
        return self._nest("minimum", expr.args)

    def _print_Abs(self, expr):
        return f"absolute({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr):  # the derivative of max(x, 0); H(0) = 1/2 as in SymPy
        return f"heaviside({self._print(expr.args[0])}, 0.5)"

    def _print_Piecewise(self, expr):
        out = "nan"
        for value, cond in reversed(expr.args):
            out = self._print(value) if cond == sp.true else f"where({self._print(cond)}, {self._print(value)}, {out})"
        return out


def _cse_lines(targets: list[tuple[str, sp.Expr]], printer: _Printer, tag: str) -> list[str]:
    if not targets:
        return []
    repl, reduced = sp.cse([e for _, e in targets], symbols=sp.numbered_symbols(f"_{tag}"), optimizations=None,
                           order="none")
    lines = [f"    {s} = {printer.doprint(e)}" for s, e in repl]
    lines += [f"    {n} = {printer.doprint(e)}" for (n, _), e in zip(targets, reduced)]
    return lines


def _stack(names: list[str]) -> str:
    """A ``(len(names), *batch)`` array; constant entries are broadcast to the batch shape."""
    return "stack(broadcast_arrays(" + ", ".join(names) + ", _like)[:-1])"


def array_source(system: SymbolicSystem) -> str:
    """Python source of ``rhs``, ``assignments`` and ``jac_values`` over arrays (see the module docstring)."""
    printer = _ArrayPrinter()
    y_names = ", ".join(f"y_{s}" for s in system.species_ids)
    p_names = ", ".join(f"p_{p}" for p in system.parameter_ids)
    header = [f"    ({y_names},) = y", f"    ({p_names},) = p", "    _like = y[0] * 0.0"]
    assign = [f"    {name} = {printer.doprint(e)}" for name, e in system.assignments]
    rows = [i for i, _, _ in system.jacobian]
    cols = [j for _, j, _ in system.jacobian]
    lines = [f"JAC_ROWS = {rows!r}", f"JAC_COLS = {cols!r}", ""]
    lines += ["def assignments(t, y, p):", *header, *assign]
    names = [n for n, _ in system.assignments]
    lines += ["    return " + _stack(names), ""]
    lines += ["def rhs(t, y, p):", *header, *assign]
    lines += _cse_lines([(f"d_{i}", e) for i, e in enumerate(system.rhs)], printer, "r")
    d_names = [f"d_{i}" for i in range(len(system.rhs))]
    lines += ["    return " + _stack(d_names), ""]
    lines += ["def jac_values(t, y, p):", *header, *assign]
    for k, group in assignment_derivative_groups(system):
        lines += _cse_lines(group, printer, f"u{k}_")
    lines += _cse_lines([(f"J_{i}_{j}", d) for i, j, d in system.jacobian], printer, "q")
    j_names = [f"J_{i}_{j}" for i, j, _ in system.jacobian]
    lines += ["    return " + _stack(j_names), ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class ArrayModel:
    """Array functions of a declaration for one array namespace (NumPy or ``jax.numpy``)."""

    species_ids: tuple[str, ...]
    parameter_ids: tuple[str, ...]
    assignment_ids: tuple[str, ...]
    rhs: Callable
    assignments: Callable
    jac_values: Callable
    jac_rows: np.ndarray
    jac_cols: np.ndarray
    source: str
    digest: str

    @property
    def n_species(self) -> int:
        return len(self.species_ids)

    def diagonal_slots(self, rows: Sequence[int]) -> np.ndarray:
        """Indices into :attr:`jac_values`' output of the diagonal entries ``(i, i)`` for the species ``rows``."""
        slot = {(int(i), int(j)): q for q, (i, j) in enumerate(zip(self.jac_rows, self.jac_cols))}
        missing = [int(r) for r in rows if (int(r), int(r)) not in slot]
        if missing:
            raise ValueError(f"no structural diagonal Jacobian entry for the species rows {missing}")
        return np.array([slot[(int(r), int(r))] for r in rows], dtype=np.intp)


@lru_cache(maxsize=4)
def cached_symbolic_system(model: ModelDeclaration) -> SymbolicSystem:
    """:func:`~osteoimmune.solve.compile.symbolic_system`, derived once per declaration and process."""
    return symbolic_system(model)


@lru_cache(maxsize=4)
def _source_for(model: ModelDeclaration) -> str:
    return array_source(cached_symbolic_system(model))


def build_array_model(model: ModelDeclaration, xp: ModuleType = np) -> ArrayModel:
    """Compile the array source of ``model`` against the namespace ``xp`` (``numpy`` or ``jax.numpy``)."""
    source = _source_for(model)
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    namespace: dict = {
        "exp": xp.exp, "log": xp.log, "sqrt": xp.sqrt, "maximum": xp.maximum, "minimum": xp.minimum,
        "absolute": xp.abs, "heaviside": xp.heaviside, "where": xp.where, "nan": float("nan"), "stack": xp.stack, "broadcast_arrays": xp.broadcast_arrays,
        "pi": float(np.pi), "e": float(np.e),
    }
    exec(compile(source, f"<osteoimmune-array:{model.name}:{digest}:{xp.__name__}>", "exec"), namespace)
    return ArrayModel(
        species_ids=tuple(model.species),
        parameter_ids=tuple(model.parameters),
        assignment_ids=tuple(model.assignments),
        rhs=namespace["rhs"],
        assignments=namespace["assignments"],
        jac_values=namespace["jac_values"],
        jac_rows=np.asarray(namespace["JAC_ROWS"], dtype=np.intp),
        jac_cols=np.asarray(namespace["JAC_COLS"], dtype=np.intp),
        source=source,
        digest=digest,
    )


def assignment_subset_source(system: SymbolicSystem, names: tuple[str, ...]) -> str:
    """Source of ``assignments_subset(t, y, p)``: the assignments ``names`` (model ids) and only what they need."""
    exprs = dict(system.assignments)
    wanted = [f"a_{n}" for n in names]
    unknown = [n for n, w in zip(names, wanted) if w not in exprs]
    if unknown:
        from ..errors import UnknownNameError

        raise UnknownNameError("assignment", unknown[0], [a[2:] for a in exprs])
    need: set[str] = set()
    stack = list(wanted)
    while stack:
        a = stack.pop()
        if a in need:
            continue
        need.add(a)
        stack += [str(s) for s in exprs[a].free_symbols if str(s) in exprs]
    printer = _ArrayPrinter()
    y_names = ", ".join(f"y_{s}" for s in system.species_ids)
    p_names = ", ".join(f"p_{q}" for q in system.parameter_ids)
    lines = ["def assignments_subset(t, y, p):", f"    ({y_names},) = y", f"    ({p_names},) = p",
             "    _like = y[0] * 0.0"]
    lines += [f"    {a} = {printer.doprint(e)}" for a, e in system.assignments if a in need]
    lines += ["    return " + _stack(wanted), ""]
    return "\n".join(lines)


@lru_cache(maxsize=16)
def assignment_subset(model: ModelDeclaration, names: tuple[str, ...]) -> Callable:
    """``f(t, y, p) -> (len(names), *batch)``: the assignments ``names`` over NumPy arrays (as ``assignments``)."""
    source = assignment_subset_source(cached_symbolic_system(model), tuple(names))
    namespace: dict = {
        "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "maximum": np.maximum, "minimum": np.minimum,
        "absolute": np.abs, "heaviside": np.heaviside, "where": np.where, "nan": float("nan"), "stack": np.stack,
        "broadcast_arrays": np.broadcast_arrays, "pi": float(np.pi), "e": float(np.e),
    }
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    exec(compile(source, f"<osteoimmune-assignments:{model.name}:{digest}>", "exec"), namespace)
    return namespace["assignments_subset"]
