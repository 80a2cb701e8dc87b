"""Helpers that turn package data files into validated records.

Parameters and species of each module live in ``model/data/<module>.yaml``
(package data, never Python literals); rate laws live in the module's Python
file and refer to them through :class:`Symbols`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import sympy as sp
import yaml
from pydantic import ValidationError

from ..errors import Issue, ModelError, UnknownNameError
from .records import Parameter, Species


class Symbols:
    """Attribute access to SymPy symbols by id; a typo is an immediate error."""

    def __init__(self, ids: list[str]):
        self._syms = {i: sp.Symbol(i, real=True) for i in ids}

    def __getattr__(self, name: str) -> sp.Symbol:
        try:
            return self.__dict__["_syms"][name]
        except KeyError:
            raise UnknownNameError("symbol", name, list(self.__dict__["_syms"])) from None

    def __getitem__(self, name: str) -> sp.Symbol:
        return getattr(self, name)

    def __contains__(self, name: str) -> bool:
        return name in self._syms


@lru_cache(maxsize=None)
def _read(package: str, filename: str) -> dict[str, Any]:
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ModelError(f"{filename}", [Issue(filename, "top level must be a mapping")])
    return data


def load_records(module: str, package: str = "osteoimmune.model.data") -> tuple[list[Species], list[Parameter]]:
    """Read ``<module>.yaml``: lists ``species`` and ``parameters``."""
    data = _read(package, f"{module}.yaml")
    issues: list[Issue] = []
    species: list[Species] = []
    params: list[Parameter] = []
    for i, row in enumerate(data.get("species") or []):
        try:
            species.append(Species(module=module, **row))
        except (ValidationError, TypeError) as exc:
            issues.append(Issue(f"{module}.yaml:species[{i}]({row.get('id')})", str(exc)))
    for i, row in enumerate(data.get("parameters") or []):
        try:
            params.append(Parameter(module=module, **row))
        except (ValidationError, TypeError) as exc:
            issues.append(Issue(f"{module}.yaml:parameters[{i}]({row.get('id')})", str(exc)))
    if issues:
        raise ModelError(f"model data file {module}.yaml is invalid", issues)
    return species, params
