"""Trejo, Kojouharov & Chen-Charpentier 2019 (Math Comput Appl 24:12) reproduced with osteoimmune's records and solver.

Published/anchor numbers: model-anchors.md §2.1 "Benchmark targets" table (computed there from the Lafuente-Gracia
re-implementation's "male" set, 0-400 days), Trejo §6.4 (D(0) by severity) and §6.5.1 (c2(0)).  Event days and
50 %/90 % bone times within 2 % (issue 3); bone levels at the table's two digits.
"""

from __future__ import annotations

import pytest

from osteoimmune.reference import Dose
from osteoimmune.reference.metrics import trejo

from refhelpers import at, rel, run

MODERATE = (Dose("fracture_debris", 5e7),)
#: row -> (parameter overrides, doses)   [model-anchors.md §2.1 table rows]
ROWS = {
    "E1 D0=5e7": ((), MODERATE),
    "E1 D0=3e5 (simple)": ((), (Dose("fracture_debris", 3e5),)),
    "E1 D0=2e8 (severe)": ((), (Dose("fracture_debris", 2e8),)),
    "E0 d_b=0.3": ((("d_b", 0.3),), MODERATE),
    "E2 d_s=0.1": ((("d_s", 0.1),), MODERATE),
    "E1 c2(0)=10": ((), MODERATE + (Dose("anti_inflammatory_bolus", 10.0),)),
    "E1 k02=0.3,k21=0.005,k12=0.083": ((("k02", 0.3), ("k12", 0.083), ("k21", 0.005)), MODERATE),
}
#: row -> published (M1 peak day, M2 peak day, M2>M1 from, debris < 1 % day, cartilage peak day, t50 %, t90 %)
DAYS = {
    "E1 D0=5e7": (5.06, 8.31, 30.2, 9.9, 9.0, 38, 137),
    "E1 D0=3e5 (simple)": (12.0, 17.4, None, None, 15.6, 113, 215),
    "E1 D0=2e8 (severe)": (4.29, 13.0, 40.2, 20.7, 6.7, 22, 99),
    "E0 d_b=0.3": (5.06, 8.31, 30.2, 9.9, 9.4, None, None),
    "E2 d_s=0.1": (5.04, 8.31, 30.0, 9.9, 8.9, 32, 73),
    "E1 c2(0)=10": (5.12, 8.24, 30.2, 9.9, 11.9, 50, 150),
    "E1 k02=0.3,k21=0.005,k12=0.083": (4.31, 6.56, 8.6, 8.6, 10.1, 50, 151),
}
#: row -> published bone mb at day 28 / 56 / 100 / 200 (g/mL = fraction of the 1 g/mL maximum)
BONE = {
    "E1 D0=5e7": (0.40, 0.63, 0.82, 0.96),
    "E1 D0=3e5 (simple)": (0.01, 0.07, 0.39, 0.87),
    "E1 D0=2e8 (severe)": (0.62, 0.80, 0.90, 0.98),
    "E0 d_b=0.3": (0.22, 0.25, 0.255, 0.255),
    "E2 d_s=0.1": (0.43, 0.81, 0.97, 1.00),
    "E1 c2(0)=10": (0.28, 0.55, 0.78, 0.96),
    "E1 k02=0.3,k21=0.005,k12=0.083": (0.29, 0.55, 0.78, 0.96),
}
KEYS = ("m1_peak_day", "m2_peak_day", "m2_exceeds_m1_day", "debris_below_1pct_day", "cartilage_peak_day",
        "bone_50pct_day", "bone_90pct_day")
#: the anchors table rounds these to whole days; the anchors' own script prints 21.5 d (measured 21.54 d)
ROUNDED = {("E1 D0=2e8 (severe)", "bone_50pct_day"): "anchors table rounds the script's 21.5 d to 22 d; "
                                                       "measured 21.54 d (-2.1 %)"}


def simulate(row: str):
    params, doses = ROWS[row]
    return run("trejo2019", params, doses, 400.0, 0.01)


CASES = []
for row, values in DAYS.items():
    for key, published in zip(KEYS, values):
        marks = [pytest.mark.xfail(strict=True, reason=ROUNDED[row, key])] if (row, key) in ROUNDED else []
        CASES.append(pytest.param(row, key, published, id=f"{row}:{key}", marks=marks))


@pytest.mark.parametrize(("row", "key", "published"), CASES)
def test_event_days(row, key, published):
    """Source: model-anchors.md §2.1 table (M1/M2 peak days, M2 > M1 from, debris < 1 %, cartilage peak, t50/t90);
    within 2 %; "never" in the table is None here."""
    measured = trejo(simulate(row))[key]
    if published is None:
        assert measured is None
    else:
        assert measured is not None and rel(measured, published) <= 0.02, (measured, published)


@pytest.mark.parametrize("row", list(BONE))
def test_bone_levels(row):
    """Source: model-anchors.md §2.1 table, bone mb at day 28/56/100/200: within 2 % (issue 3's Trejo tolerance), or
    half a unit of the table's last digit where that is larger (0.01 at day 28 is a 2-decimal rounding)."""
    r = simulate(row)
    for day, published in zip((28, 56, 100, 200), BONE[row]):
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
    assert tail[-1] == pytest.approx(0.255, rel=0.02)


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
