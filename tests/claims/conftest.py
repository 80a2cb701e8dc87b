"""Seed-claims tests: one test per claim id, each a call to ``check(id)``.

Conventions (shared by every ``tests/claims/test_<section>.py``):

* exactly one test function per registered claim, named ``test_<ID>_<short_name>`` (e.g. ``test_C025_nsaids_inhibit``),
  taking the ``check`` fixture; docstring = the claim's title (its text) and the seed quote; body = ``check("C025")``;
* a claim registered with ``xfail=...`` (the model cannot reproduce it yet; the reason names the missing mechanism)
  is marked ``pytest.mark.xfail(strict=True, reason=...)`` HERE, from the registry, so that tests, the CLI table and
  docs/claims.md can never disagree (never add xfail markers by hand);
* evaluations are memoised per process (:func:`osteoimmune.claims.runner.evaluate`), simulations too
  (:mod:`osteoimmune.claims._sim`), so a claim shared by a test and the registry check runs once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from osteoimmune.claims import load_all
from osteoimmune.claims.runner import evaluate

CLAIMS_DIR = Path(__file__).parent
_TEST_NAME = re.compile(r"^test_(C\d{3})_")


def check(claim_id: str) -> None:
    """Evaluate claim ``claim_id`` on the model and assert that it is reproduced (message: what was measured)."""
    m = evaluate(claim_id)
    detail = ""
    if m.alternatives:
        detail = " | " + "; ".join(f"{k}: {'ok' if a.passed else 'NOT as predicted'} ({a.summary})" for k, a in m.alternatives.items())
    assert m.passed, f"{claim_id} not reproduced: {m.summary}{detail}"


@pytest.fixture(scope="session", name="check")
def check_fixture():
    """The :func:`check` helper (a fixture, so test modules need no import from this conftest)."""
    return check


def claim_id_of(test_name: str) -> str | None:
    match = _TEST_NAME.match(test_name)
    return match.group(1) if match else None


def pytest_collection_modifyitems(config, items):
    claims = load_all()
    for item in items:
        if CLAIMS_DIR not in Path(str(item.fspath)).parents:
            continue
        cid = claim_id_of(item.name)
        if cid is None or cid not in claims:
            continue
        reason = claims[cid].xfail
        if reason:
            item.add_marker(pytest.mark.xfail(strict=True, reason=f"{cid}: {reason}"))
