"""Turn sampled covariates into one validated :class:`~osteoimmune.scenario.schema.Scenario` per patient."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import ScenarioError
from ..scenario.resolve import _issues_from
from ..scenario.schema import Scenario
from .covariates import COVARIATES, apply_covariates
from .spec import PARAM_PREFIX, CohortSpec


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def scenarios_for(spec: CohortSpec, covariates: pd.DataFrame) -> list[Scenario]:
    """The base scenario with each row's covariates and parameter overrides (one scenario per row, in order)."""
    base = spec.base_scenario_dict()
    cov_names = [c for c in covariates.columns if c in COVARIATES and c in spec.covariates]
    par_names = [c for c in covariates.columns if c.startswith(PARAM_PREFIX)]
    out = []
    for rec in covariates.to_dict("records"):
        raw = copy.deepcopy(base)
        raw.pop("base", None)
        raw["name"] = f"{spec.name}-patient-{int(rec['patient'])}"
        apply_covariates(raw, {c: _plain(rec[c]) for c in cov_names})
        if par_names:
            raw["parameters"] = {**(raw.get("parameters") or {}),
                                 **{c[len(PARAM_PREFIX):]: float(rec[c]) for c in par_names}}
        try:
            out.append(Scenario.model_validate(raw))
        except ValidationError as exc:
            raise ScenarioError(f"cohort {spec.name}, patient {int(rec['patient'])}", _issues_from(exc)) from None
    return out
