"""Piecewise-constant inputs and state jumps (dose events) for the solver.

A :class:`Schedule` splits the time span into segments. Inside a segment every
parameter is constant (inputs such as drug exposure or scaffold release rates
take the segment's value); at a segment's start, jumps (bolus doses, cell
transplantation, injury) are applied to the state.  The solver restarts at
every boundary, so discontinuities never degrade accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping


@dataclass(frozen=True)
class Jump:
    """An instantaneous change of a state at ``time`` (day)."""

    time: float
    species: str
    value: float
    mode: Literal["add", "set", "scale"] = "add"
    label: str = ""


@dataclass(frozen=True)
class Segment:
    """``[start, end)`` with parameter overrides that hold inside it."""

    start: float
    end: float
    parameters: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    """Segments covering ``[t0, t1]`` plus jumps at segment starts."""

    segments: tuple[Segment, ...]
    jumps: tuple[Jump, ...] = ()

    @property
    def t0(self) -> float:
        return self.segments[0].start

    @property
    def t1(self) -> float:
        return self.segments[-1].end

    @classmethod
    def build(
        cls,
        t0: float,
        t1: float,
        changes: Mapping[float, Mapping[str, float]] | None = None,
        jumps: tuple[Jump, ...] | list[Jump] = (),
    ) -> "Schedule":
        """Segments from parameter ``changes`` keyed by the time they take effect.

        Values persist until changed again. Jump times become boundaries too.
        """
        changes = dict(changes or {})
        times = sorted({t0, t1, *[t for t in changes if t0 < t < t1], *[j.time for j in jumps if t0 < j.time < t1]})
        current: dict[str, float] = {}
        for t in sorted(changes):
            if t <= t0:
                current.update(changes[t])
        segs = []
        for a, b in zip(times[:-1], times[1:]):
            if a in changes and a > t0:
                current.update(changes[a])
            segs.append(Segment(a, b, dict(current)))
        return cls(tuple(segs), tuple(sorted(jumps, key=lambda j: j.time)))

    def jumps_at(self, t: float) -> list[Jump]:
        return [j for j in self.jumps if abs(j.time - t) <= 1e-12 * max(1.0, abs(t))]
