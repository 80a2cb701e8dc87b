"""The single declaration of the osteoimmune model and its building blocks."""

from .build import MODULES, build_model
from .records import Assignment, Hypothesis, ModelDeclaration, ModuleDeclaration, Parameter, ParameterKind, Process, Species

__all__ = ["Assignment", "Hypothesis", "MODULES", "ModelDeclaration", "ModuleDeclaration", "Parameter", "ParameterKind",
           "Process", "Species", "build_model"]
