"""Memoised scenario runs shared by the claim modules.

Every claim is an experiment on the one model through the public API: a built-in scenario, ``--set``-style
overrides (the perturbation the claim describes), :func:`osteoimmune.simulate` and
:func:`osteoimmune.outcomes.compute_outcomes`.  Runs are deterministic, so each distinct (scenario, overrides, days)
is simulated once per process and shared by every claim that needs it (the baseline fracture is used by most).

Helpers build the override strings so claim modules read like the experiment:

>>> run(FRACTURE, iv("nsaid", 1.0, "fraction", start=0, duration=7))          # doctest: +SKIP
>>> run(FRACTURE, par(k_bmsc_rec=0.0))                                        # a knock-out  # doctest: +SKIP

Nothing here changes the model's parameter set: a ``par(...)`` override is only used where the claim itself is a
knock-out / blockade of that named process (documented in the claim).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

import numpy as np

#: the standard injury of the healing claims (stabilised 1 mm fracture, moderate debris, healthy 30-year-old)
FRACTURE = "fracture-healing"
#: healthy uninjured site
HOMEOSTASIS = "homeostasis"
#: default horizon of healing claims (day): long enough for union (day ~36) and the plateau, short enough to be cheap
HORIZON = 120.0


def _flow(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def intervention(agent: str, dose: float, unit: str, start: float = 0.0, duration: float | None = None,
                 **extra: Any) -> str:
    """One intervention as a YAML flow mapping (for :func:`interventions`)."""
    items = {"agent": agent, "dose": float(dose), "unit": unit, "start_day": float(start)}
    if duration is not None:
        items["duration_days"] = float(duration)
    items.update(extra)
    return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in items.items()) + "}"


def interventions(*items: str) -> str:
    """The override ``interventions=[...]`` replacing the scenario's list with ``items``."""
    return "interventions=[" + ", ".join(items) + "]"


def iv(agent: str, dose: float, unit: str, start: float = 0.0, duration: float | None = None, **extra: Any) -> str:
    """Override with a single intervention (shorthand for ``interventions(intervention(...))``)."""
    return interventions(intervention(agent, dose, unit, start, duration, **extra))


def par(**values: float) -> tuple[str, ...]:
    """Overrides of named model parameters (``parameters.<id>=<value>``), for knock-outs and clamps."""
    return tuple(f"parameters.{k}={float(v)!r}" for k, v in sorted(values.items()))


def _flatten(overrides: Iterable[str | tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for o in overrides:
        if isinstance(o, tuple):
            out.extend(o)
        else:
            out.append(o)
    return tuple(out)


@lru_cache(maxsize=1024)
def _run(scenario: str, overrides: tuple[str, ...], days: float | None):
    import osteoimmune as oi

    ov = list(overrides)
    if days is not None:
        ov.insert(0, f"days={float(days)!r}")
    return oi.simulate(oi.load_scenario(scenario, ov))


def run(scenario: str = FRACTURE, *overrides: str | tuple[str, ...], days: float | None = HORIZON):
    """The (memoised) :class:`~osteoimmune.solve.result.SimulationResult` of ``scenario`` with ``overrides``.

    ``days=None`` keeps the scenario's own horizon.
    """
    return _run(scenario, _flatten(overrides), days)


@lru_cache(maxsize=1024)
def _outcomes(scenario: str, overrides: tuple[str, ...], days: float | None) -> dict[str, Any]:
    from osteoimmune.outcomes import compute_outcomes

    return compute_outcomes(_run(scenario, overrides, days))


def outcomes(scenario: str = FRACTURE, *overrides: str | tuple[str, ...], days: float | None = HORIZON) -> dict[str, Any]:
    """:func:`~osteoimmune.outcomes.compute_outcomes` of :func:`run` (memoised; treat as read-only)."""
    return _outcomes(scenario, _flatten(overrides), days)


def baseline(days: float | None = HORIZON):
    """The standard fracture without intervention."""
    return run(FRACTURE, days=days)


# --------------------------------------------------------------------------- measures
def rel(new: float, ref: float) -> float:
    """Relative change (new - ref) / |ref| (inf-safe: 0 reference gives ±inf or 0)."""
    if ref == 0:
        return 0.0 if new == 0 else float(np.sign(new) * np.inf)
    return (new - ref) / abs(ref)


def auc(result, name: str, t0: float = 0.0, t1: float | None = None) -> float:
    """Trapezoid integral of ``name`` over [t0, t1] (day · unit)."""
    t = result.time
    t1 = t[-1] if t1 is None else t1
    mask = (t >= t0) & (t <= t1)
    y = result[name][mask]
    tt = t[mask]
    return float(np.sum((y[1:] + y[:-1]) * np.diff(tt)) / 2.0)


def mean(result, name: str, t0: float, t1: float) -> float:
    """Time average of ``name`` over [t0, t1]."""
    return auc(result, name, t0, t1) / (t1 - t0)


def peak_day(result, name: str, t0: float = 0.0, t1: float | None = None) -> float:
    """Day at which ``name`` is largest within [t0, t1]."""
    t = result.time
    t1 = t[-1] if t1 is None else t1
    mask = (t >= t0) & (t <= t1)
    return float(t[mask][int(np.argmax(result[name][mask]))])


def union_day(out: dict[str, Any], horizon: float = HORIZON) -> float:
    """Time to union, with non-union counted as beyond the horizon (2 × horizon) so it can be compared."""
    t = out.get("time_to_union_days")
    return 2.0 * horizon if t is None else float(t)


# --------------------------------------------------------------------------- co-culture (medium at steady state)
#: cell populations a co-culture sets (everything else keeps its healthy uninjured level)
CULTURE_CELLS: tuple[str, ...] = ("m0_macrophage", "m1_macrophage", "m2_macrophage", "bmsc", "neutrophil", "monocyte",
                                  "callus_osteoblast", "adipocyte", "chondrocyte")


def _medium_species() -> tuple[str, ...]:
    from osteoimmune.model.build import build_model

    return tuple(s.id for mod in build_model().modules if mod.name == "cytokines" for s in mod.species)


@lru_cache(maxsize=256)
def _coculture(cells: tuple[tuple[str, float], ...], overrides: tuple[str, ...]) -> dict[str, float]:
    import osteoimmune as oi
    from osteoimmune.api import prepare
    from osteoimmune.solve.integrate import steady_state

    # a dish: no homing into it, no injury; the medium (every cytokine, chemokine and growth factor) equilibrates
    ov = ("days=10.0", *par(k_bmsc_basal=0.0, k_bmsc_rec=0.0, k_mo_basal=0.0, k_mo_rec=0.0), *overrides)
    prep = prepare(oi.load_scenario(HOMEOSTASIS, list(ov)))
    c = prep.compiled
    y = prep.y0.copy()
    for sid in CULTURE_CELLS:
        y[c.species_index(sid)] = 0.0
    for sid, value in cells:
        y[c.species_index(sid)] = value
    medium = set(_medium_species())
    fixed = [s for s in c.species_ids if s not in medium]
    y = steady_state(c, prep.parameters, y, fixed=fixed, relax_days=60.0)  # the medium turns over within hours
    p = c.parameter_vector(c.declaration.with_parameters(prep.parameters))
    dy = c.rhs(0.0, y, p)
    out = {s: float(v) for s, v in zip(c.species_ids, y)}
    out.update({a: float(v) for a, v in zip(c.assignment_ids, c.assignments(0.0, y, p))})
    # with the fate compartments empty, their rates of change are the differentiation fluxes out of the BMSC pool
    out["osteogenic_flux"] = float(dy[c.species_index("callus_osteoblast")])
    out["adipogenic_flux"] = float(dy[c.species_index("adipocyte")])
    out["chondrogenic_flux"] = float(dy[c.species_index("chondrocyte")])
    b = out["bmsc"]
    out["bmsc_net_expansion"] = float(dy[c.species_index("bmsc")]) / b if b > 0 else 0.0
    return out


def coculture(cells: dict[str, float], *overrides: str | tuple[str, ...]) -> dict[str, float]:
    """A co-culture: the given cell densities (cell/mL) held fixed in an uninjured healthy site with no homing, the
    medium (every cytokine) at its steady state; returns every species and assignment plus the differentiation fluxes
    out of the BMSC pool (``osteogenic_flux``, ``adipogenic_flux``, ``chondrogenic_flux``, cell/mL/day) and the BMSC
    net expansion rate (``bmsc_net_expansion``, 1/day).  Memoised."""
    return dict(_coculture(tuple(sorted(cells.items())), _flatten(overrides)))
