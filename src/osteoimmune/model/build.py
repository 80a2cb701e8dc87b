"""Assemble the full osteoimmune model from its modules (the single declaration)."""

from __future__ import annotations

from functools import lru_cache

from .declare import Symbols, load_records
from .modules import context, cytokines, foreign_body, immune, interventions, matrix, mitochondria, remodeling, stromal, type2
from .records import ModelDeclaration

#: module order: assignments may only use assignments of earlier modules
MODULES = (context, interventions, foreign_body, mitochondria, immune, type2, cytokines, stromal, remodeling, matrix)
#: data files holding only parameters/species used by other modules
EXTRA_DATA = ("couplings", "basal")

MODEL_NAME = "osteoimmune"


def _all_ids() -> list[str]:
    ids: list[str] = []
    for name in [m.NAME for m in MODULES] + list(EXTRA_DATA):
        species, params = load_records(name)
        ids += [s.id for s in species] + [p.id for p in params]
    return ids


def _assignment_ids() -> list[str]:
    import ast
    import inspect

    out = []
    for mod in MODULES:
        tree = ast.parse(inspect.getsource(mod))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Assignment" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    out.append(node.args[0].value)
    return out


@lru_cache(maxsize=1)
def build_model() -> ModelDeclaration:
    """The full osteoimmune model (cached; the declaration is immutable by convention)."""
    S = Symbols(_all_ids() + _assignment_ids() + ["t"])
    modules = [mod.declare(S) for mod in MODULES]
    basal_species, basal_params = load_records("basal")
    modules[-1].parameters.extend(basal_params)
    return ModelDeclaration(MODEL_NAME, modules, description="Osteoimmunology of bone regeneration and homeostasis")
