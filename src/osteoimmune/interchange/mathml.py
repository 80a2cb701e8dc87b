"""MathML (libsbml ``ASTNode``) ⇄ SymPy, for SBML import and export.

Import: :func:`ast_to_sympy` turns an ``ASTNode`` into a SymPy expression in the symbols given by a name map
(SBML id → SymPy symbol); function definitions are inlined; ``time`` becomes the model's time symbol.
Constructs that osteoimmune cannot integrate faithfully (``delay``, ``rateOf``, unknown csymbols) raise
:class:`~osteoimmune.errors.ModelError` naming the SBML element they occur in.

Export: :func:`sympy_to_ast` writes a SymPy expression as an ``ASTNode`` (SBML Level 3 Version 2: ``max`` and
``min`` are MathML elements there), with ``t`` as the ``time`` csymbol.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping

import libsbml
import sympy as sp

from ..errors import Issue, ModelError
from ..model.records import TIME

#: L3 value of avogadro's number (SBML L3V1/V2 specification, §3.4.6)
AVOGADRO = 6.02214179e23


def _fail(where: str, message: str) -> ModelError:
    return ModelError("unsupported SBML construct", [Issue(where, message)])


_UNARY = {
    libsbml.AST_FUNCTION_EXP: sp.exp,
    libsbml.AST_FUNCTION_LN: sp.log,
    libsbml.AST_FUNCTION_ABS: sp.Abs,
    libsbml.AST_FUNCTION_FLOOR: sp.floor,
    libsbml.AST_FUNCTION_CEILING: sp.ceiling,
    libsbml.AST_FUNCTION_SIN: sp.sin,
    libsbml.AST_FUNCTION_COS: sp.cos,
    libsbml.AST_FUNCTION_TAN: sp.tan,
    libsbml.AST_FUNCTION_ARCSIN: sp.asin,
    libsbml.AST_FUNCTION_ARCCOS: sp.acos,
    libsbml.AST_FUNCTION_ARCTAN: sp.atan,
    libsbml.AST_FUNCTION_SINH: sp.sinh,
    libsbml.AST_FUNCTION_COSH: sp.cosh,
    libsbml.AST_FUNCTION_TANH: sp.tanh,
}

_RELATIONAL = {
    libsbml.AST_RELATIONAL_EQ: sp.Eq,
    libsbml.AST_RELATIONAL_NEQ: sp.Ne,
    libsbml.AST_RELATIONAL_GT: sp.StrictGreaterThan,
    libsbml.AST_RELATIONAL_GEQ: sp.GreaterThan,
    libsbml.AST_RELATIONAL_LT: sp.StrictLessThan,
    libsbml.AST_RELATIONAL_LEQ: sp.LessThan,
}


def _number(node: libsbml.ASTNode) -> sp.Expr:
    t = node.getType()
    if t == libsbml.AST_INTEGER:
        return sp.Integer(node.getInteger())
    if t == libsbml.AST_RATIONAL:
        return sp.Rational(node.getNumerator(), node.getDenominator())
    value = node.getReal()  # AST_REAL, AST_REAL_E
    if math.isnan(value) or math.isinf(value):
        return sp.nan if math.isnan(value) else (sp.oo if value > 0 else -sp.oo)
    if float(value).is_integer() and abs(value) < 2**53:
        return sp.Float(value)
    return sp.Float(value, 17)


class MathReader:
    """Converts ASTs of one model; ``symbols`` maps SBML ids to SymPy symbols (or expressions)."""

    def __init__(self, symbols: Mapping[str, sp.Expr], functions: Mapping[str, libsbml.FunctionDefinition]):
        self.symbols = symbols
        self.functions = functions

    def __call__(self, node: libsbml.ASTNode | None, where: str) -> sp.Expr:
        if node is None:
            raise ModelError("SBML math missing", [Issue(where, "no <math> element where one is required")])
        return self._conv(node, where, {})

    # ------------------------------------------------------------------
    def _conv(self, node: libsbml.ASTNode, where: str, local: Mapping[str, sp.Expr]) -> sp.Expr:  # noqa: C901
        t = node.getType()
        args = [node.getChild(i) for i in range(node.getNumChildren())]
        c: Callable[[libsbml.ASTNode], sp.Expr] = lambda n: self._conv(n, where, local)  # noqa: E731
        if t in (libsbml.AST_INTEGER, libsbml.AST_REAL, libsbml.AST_REAL_E, libsbml.AST_RATIONAL):
            return _number(node)
        if t == libsbml.AST_NAME:
            name = node.getName()
            if name in local:
                return local[name]
            if name in self.symbols:
                return self.symbols[name]
            raise ModelError("SBML math names an unknown symbol",
                             [Issue(where, f"{name!r} is not a species, parameter, compartment or reaction")])
        if t == libsbml.AST_NAME_TIME:
            return TIME
        if t == libsbml.AST_NAME_AVOGADRO:
            return sp.Float(AVOGADRO)
        if t == libsbml.AST_CONSTANT_E:
            return sp.E
        if t == libsbml.AST_CONSTANT_PI:
            return sp.pi
        if t == libsbml.AST_CONSTANT_TRUE:
            return sp.true
        if t == libsbml.AST_CONSTANT_FALSE:
            return sp.false
        if t == libsbml.AST_PLUS:
            return sp.Add(*[c(a) for a in args]) if args else sp.Integer(0)
        if t == libsbml.AST_TIMES:
            return sp.Mul(*[c(a) for a in args]) if args else sp.Integer(1)
        if t == libsbml.AST_MINUS:
            if len(args) == 1:
                return -c(args[0])
            return c(args[0]) - c(args[1])
        if t == libsbml.AST_DIVIDE:
            return c(args[0]) / c(args[1])
        if t in (libsbml.AST_POWER, libsbml.AST_FUNCTION_POWER):
            return sp.Pow(c(args[0]), c(args[1]))
        if t == libsbml.AST_FUNCTION_ROOT:
            if len(args) == 1:
                return sp.sqrt(c(args[0]))
            return sp.Pow(c(args[1]), 1 / c(args[0]))
        if t == libsbml.AST_FUNCTION_LOG:
            if len(args) == 1:
                return sp.log(c(args[0]), 10)
            return sp.log(c(args[1]), c(args[0]))
        if t in _UNARY:
            return _UNARY[t](c(args[0]))
        if t == libsbml.AST_FUNCTION_MAX:
            return sp.Max(*[c(a) for a in args])
        if t == libsbml.AST_FUNCTION_MIN:
            return sp.Min(*[c(a) for a in args])
        if t == libsbml.AST_FUNCTION_PIECEWISE:
            pieces = []
            for i in range(0, len(args) - 1, 2):
                pieces.append((c(args[i]), c(args[i + 1])))
            if len(args) % 2 == 1:
                pieces.append((c(args[-1]), sp.true))
            else:  # SBML: undefined outside the pieces; roadrunner returns 0 there
                pieces.append((sp.nan, sp.true))
            return sp.Piecewise(*pieces)
        if t in _RELATIONAL:
            if len(args) != 2:
                items = [c(a) for a in args]
                return sp.And(*[_RELATIONAL[t](a, b) for a, b in zip(items[:-1], items[1:])])
            return _RELATIONAL[t](c(args[0]), c(args[1]))
        if t == libsbml.AST_LOGICAL_AND:
            return sp.And(*[c(a) for a in args])
        if t == libsbml.AST_LOGICAL_OR:
            return sp.Or(*[c(a) for a in args])
        if t == libsbml.AST_LOGICAL_NOT:
            return sp.Not(c(args[0]))
        if t == libsbml.AST_LOGICAL_XOR:
            return sp.Xor(*[c(a) for a in args])
        if t == libsbml.AST_FUNCTION:
            name = node.getName()
            fd = self.functions.get(name)
            if fd is None:
                raise ModelError("SBML math calls an unknown function", [Issue(where, f"function {name!r} is not defined")])
            lam = fd.getMath()
            nb = lam.getNumBvars()
            if nb != len(args):
                raise ModelError("SBML function called with the wrong number of arguments",
                                 [Issue(where, f"{name!r} takes {nb} arguments, got {len(args)}")])
            bound = {lam.getChild(i).getName(): c(args[i]) for i in range(nb)}
            # the body sees only its bound variables (and, tolerated by most tools, global ids)
            return self._conv(lam.getChild(nb), f"{where} (in functionDefinition {name})", bound)
        if t == libsbml.AST_FUNCTION_DELAY:
            raise _fail(where, "delay() is not supported (osteoimmune integrates ODEs, not delay equations)")
        if t == libsbml.AST_FUNCTION_RATE_OF:
            raise _fail(where, "rateOf() is not supported")
        if t in (libsbml.AST_FUNCTION_REM, libsbml.AST_FUNCTION_QUOTIENT):
            a, b = c(args[0]), c(args[1])
            return sp.Mod(a, b) if t == libsbml.AST_FUNCTION_REM else sp.floor(a / b)
        name = node.getName() or libsbml.formulaToL3String(node)
        raise _fail(where, f"MathML element {name!r} (AST type {t}) is not supported")


# ---------------------------------------------------------------------- export
def _num_ast(value: float) -> libsbml.ASTNode:
    n = libsbml.ASTNode(libsbml.AST_REAL)
    n.setValue(float(value))
    return n


def _op(kind: int, *children: libsbml.ASTNode) -> libsbml.ASTNode:
    n = libsbml.ASTNode(kind)
    for ch in children:
        n.addChild(ch)
    return n


def sympy_to_ast(expr: sp.Expr, time_symbol: sp.Symbol = TIME) -> libsbml.ASTNode:  # noqa: C901
    """A SymPy expression as an SBML L3V2 ``ASTNode`` (``t`` → ``time`` csymbol)."""
    e = expr
    if e is sp.true or e is sp.false:
        return libsbml.ASTNode(libsbml.AST_CONSTANT_TRUE if e is sp.true else libsbml.AST_CONSTANT_FALSE)
    if isinstance(e, sp.Symbol):
        if e == time_symbol:
            n = libsbml.ASTNode(libsbml.AST_NAME_TIME)
            n.setName("time")
            return n
        n = libsbml.ASTNode(libsbml.AST_NAME)
        n.setName(e.name)
        return n
    if e is sp.E:
        return libsbml.ASTNode(libsbml.AST_CONSTANT_E)
    if e is sp.pi:
        return libsbml.ASTNode(libsbml.AST_CONSTANT_PI)
    if e.is_Integer:
        n = libsbml.ASTNode(libsbml.AST_INTEGER)
        n.setValue(int(e))
        return n
    if e.is_Rational:
        return _op(libsbml.AST_DIVIDE, sympy_to_ast(sp.Integer(e.p)), sympy_to_ast(sp.Integer(e.q)))
    if e.is_Float:
        return _num_ast(float(e))
    if isinstance(e, sp.Add):
        return _op(libsbml.AST_PLUS, *[sympy_to_ast(a, time_symbol) for a in e.args])
    if isinstance(e, sp.Mul):
        num, den = [], []
        for a in e.args:
            b, x = a.as_base_exp()
            if x.is_Number and x < 0 and not a.is_Number:
                den.append(b if x == -1 else sp.Pow(b, -x, evaluate=False))
            else:
                num.append(a)
        top = (sympy_to_ast(num[0], time_symbol) if len(num) == 1 else
               _op(libsbml.AST_TIMES, *[sympy_to_ast(a, time_symbol) for a in num]) if num else sympy_to_ast(sp.Integer(1)))
        if not den:
            return top
        bottom = (sympy_to_ast(den[0], time_symbol) if len(den) == 1 else
                  _op(libsbml.AST_TIMES, *[sympy_to_ast(a, time_symbol) for a in den]))
        return _op(libsbml.AST_DIVIDE, top, bottom)
    if isinstance(e, sp.Pow):
        b, x = e.args
        if x == -1:
            return _op(libsbml.AST_DIVIDE, sympy_to_ast(sp.Integer(1)), sympy_to_ast(b, time_symbol))
        if x == sp.Rational(1, 2):
            return _op(libsbml.AST_FUNCTION_ROOT, sympy_to_ast(b, time_symbol))
        return _op(libsbml.AST_POWER, sympy_to_ast(b, time_symbol), sympy_to_ast(x, time_symbol))
    if isinstance(e, sp.exp):
        return _op(libsbml.AST_FUNCTION_EXP, sympy_to_ast(e.args[0], time_symbol))
    if isinstance(e, sp.log):
        return _op(libsbml.AST_FUNCTION_LN, sympy_to_ast(e.args[0], time_symbol))
    for fn, kind in ((sp.Abs, libsbml.AST_FUNCTION_ABS), (sp.floor, libsbml.AST_FUNCTION_FLOOR),
                     (sp.ceiling, libsbml.AST_FUNCTION_CEILING), (sp.sin, libsbml.AST_FUNCTION_SIN),
                     (sp.cos, libsbml.AST_FUNCTION_COS), (sp.tanh, libsbml.AST_FUNCTION_TANH)):
        if isinstance(e, fn):
            return _op(kind, sympy_to_ast(e.args[0], time_symbol))
    if isinstance(e, (sp.Max, sp.Min)):
        kind = libsbml.AST_FUNCTION_MAX if isinstance(e, sp.Max) else libsbml.AST_FUNCTION_MIN
        return _op(kind, *[sympy_to_ast(a, time_symbol) for a in e.args])
    if isinstance(e, sp.Piecewise):
        n = libsbml.ASTNode(libsbml.AST_FUNCTION_PIECEWISE)
        for val, cond in e.args:
            if cond is sp.true:
                n.addChild(sympy_to_ast(val, time_symbol))
            else:
                n.addChild(sympy_to_ast(val, time_symbol))
                n.addChild(sympy_to_ast(cond, time_symbol))
        return n
    rel = {sp.Eq: libsbml.AST_RELATIONAL_EQ, sp.Ne: libsbml.AST_RELATIONAL_NEQ,
           sp.StrictGreaterThan: libsbml.AST_RELATIONAL_GT, sp.GreaterThan: libsbml.AST_RELATIONAL_GEQ,
           sp.StrictLessThan: libsbml.AST_RELATIONAL_LT, sp.LessThan: libsbml.AST_RELATIONAL_LEQ}
    for cls, kind in rel.items():
        if type(e) is cls:
            return _op(kind, sympy_to_ast(e.lhs, time_symbol), sympy_to_ast(e.rhs, time_symbol))
    for cls, kind in ((sp.And, libsbml.AST_LOGICAL_AND), (sp.Or, libsbml.AST_LOGICAL_OR),
                      (sp.Not, libsbml.AST_LOGICAL_NOT)):
        if isinstance(e, cls):
            return _op(kind, *[sympy_to_ast(a, time_symbol) for a in e.args])
    raise ModelError("cannot write expression as MathML", [Issue(str(e)[:80], f"SymPy type {type(e).__name__}")])
