"""The registry of executable seed claims.

A claim is an experiment on the model (baseline vs perturbation, through the public API) with an expected direction or
shape and a margin that could fail.  Claim modules register their checks with :func:`claim`; the test suite
(``tests/claims/``, one test per id), the CLI (``osteoimmune claims``) and ``docs/claims.md`` all read :data:`CLAIMS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

Grade = Literal["A", "B", "C", "I"]


@dataclass
class Measurement:
    """What one evaluation of a claim measured.

    ``effect`` is the headline effect size (e.g. relative change of bone fraction at day 56), ``threshold`` the margin
    it is compared with, ``passed`` the verdict; ``summary`` says it in one line with numbers; ``details`` keeps every
    measured number (for the table and for debugging).  For contested claims ``alternatives`` maps each hypothesis
    name to its own Measurement.
    """

    effect: float
    threshold: float | None
    passed: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)
    alternatives: dict[str, "Measurement"] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    """One seed claim: its text, evidence and the function that evaluates it on the model."""

    id: str                       # "C025"
    title: str                    # the claim's heading in seed-claims
    grade: Grade                  # A consensus, B single study, C contested, I inferred
    section: str                  # "D. Inflammation depends on dose and timing"
    expected: str                 # the expected direction/shape, with the margin used
    quote: str                    # the seed quote(s), with file and section
    evaluate: Callable[[], Measurement]
    xfail: str | None = None      # reason + the mechanism that is missing, when the model cannot reproduce it
    parameters: tuple[str, ...] = ()  # model parameters this claim constrains (for docs/calibration.md)


CLAIMS: dict[str, Claim] = {}


def claim(
    id: str,
    *,
    title: str,
    grade: Grade,
    section: str,
    expected: str,
    quote: str,
    xfail: str | None = None,
    parameters: tuple[str, ...] = (),
) -> Callable[[Callable[[], Measurement]], Callable[[], Measurement]]:
    """Register ``fn`` as the evaluation of claim ``id`` (ids are unique)."""

    def register(fn: Callable[[], Measurement]) -> Callable[[], Measurement]:
        if id in CLAIMS:
            raise ValueError(f"claim {id} registered twice")
        CLAIMS[id] = Claim(id, title, grade, section, expected, quote, fn, xfail, tuple(parameters))
        return fn

    return register
