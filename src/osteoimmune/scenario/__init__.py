"""Scenarios: schema, built-ins, loading/overrides and translation into solver inputs."""

from .agents import AGENTS, AgentSpec
from .resolve import SolverInputs, builtin_names, check_scenario, list_scenarios, load_scenario, to_solver_inputs
from .schema import SCHEMA_VERSION, Scenario

__all__ = ["AGENTS", "AgentSpec", "SCHEMA_VERSION", "Scenario", "SolverInputs", "builtin_names", "check_scenario",
           "list_scenarios", "load_scenario", "to_solver_inputs"]
