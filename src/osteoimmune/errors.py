"""Exception hierarchy of osteoimmune.

Every error raised for bad user input says what was received, what is allowed,
and (where useful) what to do. Never ``assert`` on user input.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class OsteoimmuneError(Exception):
    """Base class for all osteoimmune errors."""


@dataclass(frozen=True)
class Issue:
    """One problem found by a validation check.

    ``location`` is a dotted path to the offending field (``interventions.0.dose``),
    ``message`` says what was received and what is allowed.
    """

    location: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ValidationFailed(OsteoimmuneError):
    """Raised with every problem found at once."""

    def __init__(self, what: str, issues: list[Issue]):
        self.what = what
        self.issues = list(issues)
        lines = "\n".join(f"  - {i}" for i in self.issues)
        super().__init__(f"{what}: {len(self.issues)} problem(s)\n{lines}")


class KnowledgeError(ValidationFailed):
    """The evidence base is malformed (bad identifier, dangling reference...)."""


class ModelError(ValidationFailed):
    """The model declaration is inconsistent (unknown symbol, bad unit, ...)."""


class ScenarioError(ValidationFailed):
    """A scenario (file, built-in name or --set override) is invalid."""


class UnknownNameError(OsteoimmuneError, KeyError):
    """A name (scenario, species, parameter) is not known."""

    def __init__(self, kind: str, name: str, allowed: list[str] | tuple[str, ...]):
        self.kind, self.name, self.allowed = kind, name, list(allowed)
        shown = ", ".join(sorted(self.allowed)[:60])
        more = "" if len(self.allowed) <= 60 else f", ... ({len(self.allowed)} in all)"
        super().__init__(f"unknown {kind} {name!r}; allowed: {shown}{more}")

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0]


@dataclass
class SolverFailure(OsteoimmuneError):
    """The ODE solver failed; says when and why (never silent NaNs)."""

    time: float
    reason: str
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"solver failed at t = {self.time:.6g} day: {self.reason}"
