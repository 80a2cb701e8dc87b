"""The declaration's unit strings (``pM``, ``cell/mL``, ``ng/mL/day``, ``1/day``, ...) as SBML unit definitions.

A unit string is ``numerator/denominator/...``; each part is one of :data:`ATOMS` (or ``1``). ``cell`` and ``CFU``
are counted as SBML ``item``; ``year`` is the Julian year (365.25 day) that ``age_years`` is given in. A string
that is not built from these atoms (``as driver``: a parameter that only names which input drives a window) gets no
unit definition and is listed by :func:`undeclared_units`; the exporter documents it in the parameter's notes.
"""

from __future__ import annotations

import re

import libsbml

#: atom -> ((SBML unit kind, exponent, scale (power of ten), multiplier), ...)
ATOMS: dict[str, tuple[tuple[int, int, int, float], ...]] = {
    "pM": ((libsbml.UNIT_KIND_MOLE, 1, -12, 1.0), (libsbml.UNIT_KIND_LITRE, -1, 0, 1.0)),
    "mM": ((libsbml.UNIT_KIND_MOLE, 1, -3, 1.0), (libsbml.UNIT_KIND_LITRE, -1, 0, 1.0)),
    "ng": ((libsbml.UNIT_KIND_GRAM, 1, -9, 1.0),),
    "ug": ((libsbml.UNIT_KIND_GRAM, 1, -6, 1.0),),
    "mL": ((libsbml.UNIT_KIND_LITRE, 1, -3, 1.0),),
    "cell": ((libsbml.UNIT_KIND_ITEM, 1, 0, 1.0),),
    "CFU": ((libsbml.UNIT_KIND_ITEM, 1, 0, 1.0),),
    "day": ((libsbml.UNIT_KIND_SECOND, 1, 0, 86400.0),),
    "year": ((libsbml.UNIT_KIND_SECOND, 1, 0, 31557600.0),),
    "mm": ((libsbml.UNIT_KIND_METRE, 1, -3, 1.0),),
    "um": ((libsbml.UNIT_KIND_METRE, 1, -6, 1.0),),
    "kPa": ((libsbml.UNIT_KIND_PASCAL, 1, 3, 1.0),),
    "dimensionless": ((libsbml.UNIT_KIND_DIMENSIONLESS, 1, 0, 1.0),),
}


def unit_sid(unit: str) -> str | None:
    """SBML id of the unit definition for ``unit`` (``None`` if it is not built from :data:`ATOMS`)."""
    if unit == "dimensionless":
        return "dimensionless"
    parts = unit.split("/")
    if not all(p in ATOMS or (p == "1" and i == 0) for i, p in enumerate(parts)):
        return None
    return "u_" + re.sub(r"[^A-Za-z0-9_]", "_", unit.replace("/", "_per_"))


def _factors(unit: str) -> list[tuple[int, int, int, float]]:
    out: list[tuple[int, int, int, float]] = []
    for i, part in enumerate(unit.split("/")):
        if part == "1":
            continue
        sign = 1 if i == 0 else -1
        for kind, exp, scale, mult in ATOMS[part]:
            if kind == libsbml.UNIT_KIND_DIMENSIONLESS:
                continue
            out.append((kind, sign * exp, scale, mult))
    return out


def add_unit_definition(model: libsbml.Model, unit: str) -> str | None:
    """Declare ``unit`` on ``model`` (once) and return its id, or ``None`` if it cannot be declared."""
    sid = unit_sid(unit)
    if sid is None or sid == "dimensionless" or model.getUnitDefinition(sid) is not None:
        return sid
    factors = _factors(unit)
    ud = model.createUnitDefinition()
    ud.setId(sid)
    ud.setName(unit)
    if not factors:  # e.g. pM/pM
        factors = [(libsbml.UNIT_KIND_DIMENSIONLESS, 1, 0, 1.0)]
    for kind, exp, scale, mult in factors:
        u = ud.createUnit()
        u.setKind(kind)
        u.setExponent(exp)
        u.setScale(scale)
        u.setMultiplier(mult)
    return sid


def undeclared_units(units: list[str]) -> list[str]:
    """The unit strings among ``units`` that get no SBML unit definition."""
    return sorted({u for u in units if unit_sid(u) is None})
