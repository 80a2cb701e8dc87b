"""Evaluate registered claims and turn them into table rows.

:func:`evaluate` runs one claim (memoised per process, so the test suite, the CLI and the docs share one
evaluation); :func:`run_claims` evaluates all or selected claims and returns :class:`ClaimRow` s, one per claim,
in id order.  A claim whose evaluation raises is reported with status ``error`` (never silently passed).

Statuses
    ``pass``   the claim is reproduced (``Measurement.passed``) and not marked ``xfail``;
    ``fail``   not reproduced and not marked ``xfail``;
    ``xfail``  not reproduced and marked ``xfail`` (known gap: the reason names the missing mechanism);
    ``xpass``  reproduced although marked ``xfail`` (the registry is stale; counted as a failure, like the strict
               xfail of the tests);
    ``error``  the evaluation raised (solver failure, bug).

:func:`suite_ok` is True when no row is ``fail``, ``xpass`` or ``error`` (the CLI's exit status 0).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..errors import UnknownNameError
from . import load_all
from .registry import Claim, Measurement

STATUSES = ("pass", "fail", "xfail", "xpass", "error")
BAD_STATUSES = frozenset({"fail", "xpass", "error"})

_CACHE: dict[str, Measurement] = {}


@dataclass(frozen=True)
class ClaimRow:
    """One line of the claims table."""

    id: str
    grade: str
    section: str
    claim: str
    expected: str
    effect: float | None
    threshold: float | None
    status: str
    summary: str
    alternatives: str = ""
    xfail_reason: str = ""
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.status not in BAD_STATUSES


def evaluate(claim_id: str) -> Measurement:
    """The Measurement of claim ``claim_id`` (evaluated once per process)."""
    claims = load_all()
    if claim_id not in claims:
        raise UnknownNameError("claim", claim_id, list(claims))
    return measure(claims[claim_id])


def measure(claim: Claim) -> Measurement:
    """Run ``claim``'s experiment; registered claims are memoised by id (deterministic simulations)."""
    registered = load_all().get(claim.id) is claim
    if registered and claim.id in _CACHE:
        return _CACHE[claim.id]
    m = claim.evaluate()
    if not isinstance(m, Measurement):
        raise TypeError(f"claim {claim.id} returned {type(m).__name__}, not a Measurement")
    if registered:
        _CACHE[claim.id] = m
    return m


def select(only: Iterable[str] | None = None) -> list[Claim]:
    """The registered claims, all or those named in ``only`` (unknown ids raise :class:`UnknownNameError`)."""
    claims = load_all()
    if not only:
        return list(claims.values())
    ids = [i.strip().upper() for i in only if i.strip()]
    for i in ids:
        if i not in claims:
            raise UnknownNameError("claim", i, list(claims))
    return [claims[i] for i in sorted(set(ids))]


def status_of(claim: Claim, m: Measurement | None) -> str:
    if m is None:
        return "error"
    if claim.xfail:
        return "xpass" if m.passed else "xfail"
    return "pass" if m.passed else "fail"


def _alternatives_text(m: Measurement) -> str:
    parts = []
    for name, alt in m.alternatives.items():
        parts.append(f"{name}: {'ok' if alt.passed else 'NOT as predicted'} ({alt.summary})")
    return "; ".join(parts)


def row_for(claim: Claim) -> ClaimRow:
    """Evaluate ``claim`` and build its row (exceptions become status ``error``)."""
    t0 = time.perf_counter()
    try:
        m: Measurement | None = measure(claim)
        err = ""
    except Exception as exc:  # noqa: BLE001 - reported in the table, never swallowed silently
        m, err = None, f"{type(exc).__name__}: {exc}"
    dt = time.perf_counter() - t0
    status = status_of(claim, m)
    return ClaimRow(
        id=claim.id, grade=claim.grade, section=claim.section, claim=claim.title, expected=claim.expected,
        effect=None if m is None or m.effect is None else float(m.effect),
        threshold=None if m is None or m.threshold is None else float(m.threshold),
        status=status, summary=err if m is None else m.summary,
        alternatives="" if m is None else _alternatives_text(m),
        xfail_reason=claim.xfail or "", seconds=dt, details={} if m is None else dict(m.details),
    )


def run_claims(only: Sequence[str] | None = None, progress: Callable[[Iterable[Claim]], Iterable[Claim]] | None = None
               ) -> list[ClaimRow]:
    """Rows for all (or the selected) claims, in id order; ``progress`` wraps the iteration (e.g. tqdm)."""
    claims = select(only)
    it: Iterable[Claim] = progress(claims) if progress is not None else claims
    return [row_for(c) for c in it]


def suite_ok(rows: Sequence[ClaimRow]) -> bool:
    """True when every claim not marked xfail passes (and no xfail unexpectedly passes, nothing errors)."""
    return all(r.ok for r in rows)


def counts(rows: Sequence[ClaimRow]) -> dict[str, int]:
    """Number of rows per status (every status present, zeros included)."""
    out = {s: 0 for s in STATUSES}
    for r in rows:
        out[r.status] += 1
    return out
