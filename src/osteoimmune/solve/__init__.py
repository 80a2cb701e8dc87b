"""Backends that compile the model declaration and integrate it."""

from .compile import CompiledModel, compile_model
from .integrate import METHODS, SolverOptions, simulate_compiled, steady_state
from .result import SimulationResult, SolverStats
from .schedule import Jump, Schedule, Segment

__all__ = ["CompiledModel", "Jump", "METHODS", "Schedule", "Segment", "SimulationResult", "SolverOptions", "SolverStats",
           "compile_model", "simulate_compiled", "steady_state"]
