"""Transport of the spatial model: which species diffuse, migrate and follow gradients, with what coefficients.

The reaction terms at every voxel are the one declaration's right-hand side; this module only adds movement.
Coefficients are validated :class:`~osteoimmune.model.records.Parameter` records (unit, bounds, literature source)
in ``spatial/data/transport.yaml``; the mapping of species onto them lives in the same file.  Three kinds of flux:

* **diffusion** of soluble factors, ``J = -D ∇c`` (decay is already part of the declaration);
* **random motility** of cells, ``J = -μ m ∇u`` with a face mobility ``m`` (free space × scaffold porosity);
* **chemotaxis**, receptor-occupancy Keller–Segel with volume filling (Painter & Hillen 2002):
  ``J = χ m u q(ρ) ∇[c/(K + c)]``, ``q = max(0, 1 − ρ/ρ_max)`` (``1 − u`` for the vessel fraction).

Oxygen: the declaration relaxes oxygen toward the vascular supply at rate ``k_o2``; its diffusivity is derived as
``D = k_o2 · L_oxygen²`` so that oxygen penetrates the physical distance ``L_oxygen`` (100–200 µm) from vessels.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

import yaml

from ..errors import Issue, ModelError, UnknownNameError
from ..model.declare import load_records
from ..model.records import ModelDeclaration, Parameter

_PACKAGE = "osteoimmune.spatial.data"
_FILE = "transport.yaml"


@dataclass(frozen=True)
class Chemotaxis:
    species: str
    attractant: str
    sensitivity: str      # transport parameter id (mm^2/day)
    half_saturation: str  # declaration parameter id (unit of the attractant)


@dataclass(frozen=True)
class TransportModel:
    """Resolved transport of one run: coefficients in mm²/day keyed by species id."""

    parameters: Mapping[str, Parameter]
    values: Mapping[str, float]
    diffusion: Mapping[str, float]          # soluble species -> D
    motility: Mapping[str, float]           # cell species -> mu
    chemotaxis: tuple[tuple[str, str, float, float], ...]  # (species, attractant, chi, K)
    fraction_species: frozenset[str]        # crowding by own fraction (capacity 1) instead of rho_max

    @property
    def moving(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.motility, *(c[0] for c in self.chemotaxis)]))


@lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(resources.files(_PACKAGE).joinpath(_FILE).read_text(encoding="utf-8")) or {}


def transport_parameters() -> dict[str, Parameter]:
    """The spatial-only parameter records (unit, bounds, source), by id."""
    _, params = load_records("transport", package=_PACKAGE)
    return {p.id: p for p in params}


def load_transport(declaration: ModelDeclaration, overrides: Mapping[str, float] | None = None,
                   model_parameters: Mapping[str, float] | None = None) -> TransportModel:
    """Resolve the transport table against ``declaration`` (every species and parameter id is checked).

    ``overrides`` change transport parameters by id (validated against their bounds); ``model_parameters`` are the
    declaration's parameter values of the run (for ``k_o2`` and the chemotactic half-saturations).
    """
    records = transport_parameters()
    issues: list[Issue] = []
    values = {k: p.value for k, p in records.items()}
    for k, v in (overrides or {}).items():
        if k not in records:
            raise UnknownNameError("transport parameter", k, sorted(records))
        p = records[k]
        lo = -float("inf") if p.lower is None else p.lower
        hi = float("inf") if p.upper is None else p.upper
        if not lo <= float(v) <= hi:
            issues.append(Issue(f"spatial.transport.{k}", f"{v} outside the bounds [{p.lower}, {p.upper}] {p.unit}"))
        values[k] = float(v)
    if issues:
        raise ModelError("transport parameters out of bounds", issues)
    mp = dict(declaration.parameter_values())
    mp.update(model_parameters or {})
    table = _raw().get("transport", {})

    def species(sid: str, where: str) -> str:
        if sid not in declaration.species:
            issues.append(Issue(where, f"unknown species {sid!r}"))
        return sid

    def param(pid: str, where: str) -> float:
        if pid not in values:
            issues.append(Issue(where, f"unknown transport parameter {pid!r}"))
            return 0.0
        return values[pid]

    diffusion: dict[str, float] = {}
    for sid, pid in (table.get("diffusion") or {}).items():
        species(sid, f"transport.diffusion.{sid}")
        if pid == "@oxygen":
            diffusion[sid] = float(mp["k_o2"]) * values["L_oxygen"] ** 2
        else:
            diffusion[sid] = param(pid, f"transport.diffusion.{sid}")
    motility = {species(s, f"transport.motility.{s}"): param(pid, f"transport.motility.{s}")
                for s, pid in (table.get("motility") or {}).items()}
    chemo = []
    for i, row in enumerate(table.get("chemotaxis") or []):
        where = f"transport.chemotaxis[{i}]"
        c = Chemotaxis(**row)
        species(c.species, where)
        species(c.attractant, where)
        if c.half_saturation not in mp:
            issues.append(Issue(where, f"half_saturation {c.half_saturation!r} is not a declaration parameter"))
            continue
        chemo.append((c.species, c.attractant, param(c.sensitivity, where), float(mp[c.half_saturation])))
    both = set(diffusion) & set(motility)
    if both:
        issues.append(Issue("transport", f"species both diffuse and migrate: {sorted(both)}"))
    fraction = frozenset(s for s, kind in (table.get("crowding") or {}).items() if kind == "fraction")
    if issues:
        raise ModelError("spatial transport table is inconsistent", issues)
    return TransportModel(records, values, diffusion, motility, tuple(chemo), fraction)
