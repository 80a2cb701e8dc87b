"""osteoimmune — an executable, evidence-linked model of osteoimmunology.

    >>> import osteoimmune as oi
    >>> sc = oi.load_scenario("fracture-healing")
    >>> res = oi.simulate(sc)
    >>> round(res.at("bone_fraction", 0.0), 3)
    0.0
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import compiled_model, explain, initial_state, simulate
from .errors import OsteoimmuneError, ScenarioError, SolverFailure, UnknownNameError, ValidationFailed
from .model.build import build_model
from .scenario import Scenario, check_scenario, list_scenarios, load_scenario
from .solve import SimulationResult, SolverOptions

__all__ = ["OsteoimmuneError", "Scenario", "ScenarioError", "SimulationResult", "SolverFailure", "SolverOptions",
           "UnknownNameError", "ValidationFailed", "__version__", "build_model", "check_scenario", "compiled_model",
           "explain", "initial_state", "list_scenarios", "load_scenario", "simulate"]
