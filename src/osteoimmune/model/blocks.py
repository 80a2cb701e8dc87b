"""Documented building blocks for rate laws.

All blocks are SymPy expressions, dimensionless unless stated, and are the
only non-linearities processes should need. Using them keeps rate laws
readable, exportable to SBML and differentiable.

* ``act(x, K, n)``  = x^n / (K^n + x^n)            Hill activation, 0 → 1
* ``inh(x, K, n)``  = K^n / (K^n + x^n)            Hill inhibition, 1 → 0
* ``fold(x, x0, emax, K, n)``                      relative modulation, 1 at x = x0:
  (1 + emax·act(x, K, n)) / (1 + emax·act(x0, K, n)); emax < 0 gives inhibition
  (bounded by 1 + emax ≥ 0).  Used to couple layers so that a layer held at
  its basal (homeostatic) level leaves the coupled core exactly unchanged.
* ``capacity(x, xmax)`` = 1 - x / xmax             logistic space/carrying capacity
* ``occupancy(d, ec50)`` = d / (d + ec50)           drug or ligand receptor occupancy
* ``window(x, lo, hi)``                            biphasic (bell-shaped) dose response
  act(x, lo, 2) · inh(x, hi, 2): rises above ``lo`` and falls above ``hi``
"""

from __future__ import annotations

import sympy as sp

Expr = sp.Expr


def act(x: Expr, K: Expr, n: int | Expr = 1) -> Expr:
    """Hill activation x^n/(K^n + x^n) (dimensionless, 0 at x = 0, ½ at x = K)."""
    if n == 1:
        return x / (K + x)
    return x**n / (K**n + x**n)


def inh(x: Expr, K: Expr, n: int | Expr = 1) -> Expr:
    """Hill inhibition K^n/(K^n + x^n) (1 at x = 0, ½ at x = K)."""
    if n == 1:
        return K / (K + x)
    return K**n / (K**n + x**n)


def fold(x: Expr, x0: Expr, emax: Expr, K: Expr, n: int | Expr = 1) -> Expr:
    """Relative modulation that equals 1 at the basal level ``x0``.

    ``(1 + emax·act(x, K, n)) / (1 + emax·act(x0, K, n))``.  ``emax > 0`` is a
    stimulation (at most ``1 + emax``-fold), ``-1 ≤ emax < 0`` an inhibition.
    """
    return (1 + emax * act(x, K, n)) / (1 + emax * act(x0, K, n))


def capacity(x: Expr, xmax: Expr) -> Expr:
    """Logistic crowding factor 1 - x/xmax."""
    return 1 - x / xmax


def occupancy(d: Expr, ec50: Expr) -> Expr:
    """Receptor/target occupancy d/(d + ec50) of a drug or ligand."""
    return d / (d + ec50)


def window(x: Expr, lo: Expr, hi: Expr) -> Expr:
    """Biphasic response: rises past ``lo`` and falls past ``hi`` (Hill n = 2)."""
    return act(x, lo, 2) * inh(x, hi, 2)


def pos(x: Expr) -> Expr:
    """Smooth-free positive part max(x, 0) (piecewise; use sparingly)."""
    return sp.Max(x, 0)
