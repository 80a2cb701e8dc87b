"""Trejo, Kojouharov & Chen-Charpentier 2019 (Math Comput Appl 24:12) reproduced with osteoimmune's records and solver.

Published/anchor numbers: model-anchors.md §2.1 "Benchmark targets" table (computed there from the Lafuente-Gracia
re-implementation's "male" set, 0-400 days), Trejo §6.4 (D(0) by severity) and §6.5.1 (c2(0)).  Event days and
50 %/90 % bone times within 2 % (issue 3); bone levels at the table's two digits.  The 50 %/90 % bone times are the
unrounded values printed by the anchors' recomputation script (model-anchors-repro.py, one decimal), of which the
table's integer days are roundings (severe t50: 21.5 → 22, off by 2.3 % — more than the 2 % tolerance itself).
"""

from __future__ import annotations

import pytest

from osteoimmune.reference import targets as T
from osteoimmune.reference.metrics import trejo

from refhelpers import at, rel, run

ROWS, DAYS, BONE, KEYS = T.TREJO_ROWS, T.TREJO_DAYS, T.TREJO_BONE, T.TREJO_KEYS
XFAIL = {key: why for (model, key), why in T.KNOWN_DEVIATIONS.items() if model == "trejo2019"}


def simulate(row: str):
    params, doses = ROWS[row]
    return run("trejo2019", params, doses, 400.0, 0.01)


CASES = []
for row, values in DAYS.items():
    for key, published in zip(KEYS, values):
        why = XFAIL.get(f"{row}:{key}")
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        CASES.append(pytest.param(row, key, published, id=f"{row}:{key}", marks=marks))


@pytest.mark.parametrize(("row", "key", "published"), CASES)
def test_event_days(row, key, published):
    """Source: model-anchors.md §2.1 table (M1/M2 peak days, M2 > M1 from, debris < 1 %, cartilage peak) and
    model-anchors-repro.py (t50/t90, unrounded); within 2 %; "never" in the table is None here."""
    measured = trejo(simulate(row))[key]
    if published is None:
        assert measured is None
    else:
        assert measured is not None and rel(measured, published) <= T.TREJO_DAY_TOLERANCE, (measured, published)


@pytest.mark.parametrize("row", list(BONE))
def test_bone_levels(row):
    """Source: model-anchors.md §2.1 table, bone mb at day 28/56/100/200: within 2 % (issue 3's Trejo tolerance), or
    half a unit of the table's last digit where that is larger (0.01 at day 28 is a 2-decimal rounding)."""
    r = simulate(row)
    for day, published in zip(T.TREJO_BONE_DAYS, BONE[row]):
        digits = len(str(published).split(".")[1])
        assert at(r, "bone_fraction", day) == pytest.approx(published, rel=0.02, abs=0.5 * 10**-digits), day


def test_union_for_healing_and_plateau_for_non_healing():
    """Source: model-anchors.md §2.1 ("E1 a clean union benchmark"; "E0 (bone plateau at 25.5 % of maximum) a clean
    non-union benchmark"), issue 3 item 2."""
    healing = trejo(simulate("E1 D0=5e7"))
    non_healing = simulate("E0 d_b=0.3")
    assert healing["bone_final"] > 0.99 and healing["bone_90pct_day"] is not None
    assert trejo(non_healing)["bone_50pct_day"] is None
    tail = non_healing["bone_fraction"][non_healing.time >= 100]
    assert tail.max() - tail.min() < 1e-3  # a plateau
    assert tail[-1] == pytest.approx(T.TREJO_PLATEAU, rel=0.02)


def test_severity_ordering():
    """Source: model-anchors.md §2.1 (D0 = 3e5 / 5e7 / 2e8, Trejo §6.4): more debris, stronger and earlier M1 peak, more
    cartilage, faster bone (t50 and t90 ordered severe < moderate < simple)."""
    m = {k: trejo(simulate(k)) for k in ("E1 D0=3e5 (simple)", "E1 D0=5e7", "E1 D0=2e8 (severe)")}
    simple, moderate, severe = m.values()
    assert simple["m1_peak"] < moderate["m1_peak"] < severe["m1_peak"]
    assert simple["m1_peak_day"] > moderate["m1_peak_day"] > severe["m1_peak_day"]
    assert simple["cartilage_peak"] < moderate["cartilage_peak"] < severe["cartilage_peak"]
    assert simple["bone_50pct_day"] > moderate["bone_50pct_day"] > severe["bone_50pct_day"]
    assert simple["bone_90pct_day"] > moderate["bone_90pct_day"] > severe["bone_90pct_day"]
