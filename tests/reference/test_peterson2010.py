"""Peterson & Riggs 2010 (Bone 46:49) with the denosumab PK/PD and BMD of Peterson & Riggs 2012 / OpenBoneMin.

Sources: model-anchors.md §1.4 (baseline steady state: plasma Ca 2.35 mM, PTH 3.85 pM, calcitriol 90 pM) and §5
(FREEDOM, denosumab 60 mg every 6 months: total-hip BMD +3.2 / +4.4 / +5.0 % at 12 / 24 / 36 months, PMC3415619
Table 2; CTx falls promptly by month 1 and attenuates toward month 6 of each cycle, FREEDOM extension 2015).

Tolerance for the clinical BMD figures: the anchors file states none for them; its stated tolerance for fold changes
is ±1 %, and BMD relative to baseline is a fold change, so BMD(t)/BMD(0) must be within 1 % of 1.032 / 1.044 / 1.050.
The model has no total-hip compartment: its hip site is the femoral neck (OpenBoneMin ``BMDfn``), compared here.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from osteoimmune import reference
from osteoimmune.reference import targets as T
from osteoimmune.reference.metrics import reference_outcomes
from osteoimmune.solve.integrate import SolverOptions

from refhelpers import at

#: the denosumab run is 3 years with 7 doses; rtol 1e-8 (results agree with rtol 1e-10 to 4 digits, 12x faster)
OPTIONS = SolverOptions(rtol=1e-8, atol_scale=1e-10)
FREEDOM_TOTAL_HIP = T.FREEDOM_TOTAL_HIP  # % change from baseline at 12/24/36 months


@lru_cache(maxsize=None)
def denosumab():
    return reference.simulate("peterson2010", options=OPTIONS, output_interval_days=1.0)


@lru_cache(maxsize=None)
def untreated():
    return reference.simulate("peterson2010", doses=[], days=365.0, output_interval_days=5.0, options=OPTIONS)


@pytest.mark.parametrize(("name", "published"), [(k, v[0]) for k, v in T.PETERSON_BASELINE.items()])
def test_baseline_calcium_pth_calcitriol(name, published):
    """Source: model-anchors.md §1.4 baseline (Ca 2.35 mM, PTH 3.85 pM, calcitriol 90 pM; V1 = 14 L): at t = 0 and
    still after one untreated year (relative 1e-3, the anchors file's steady-state tolerance)."""
    r = untreated()
    assert r[name][0] == pytest.approx(published, rel=1e-3)
    assert r[name][-1] == pytest.approx(published, rel=1e-3)


def _marks(key):
    why = T.KNOWN_DEVIATIONS.get(("peterson2010", key))
    return [pytest.mark.xfail(strict=True, reason=why)] if why else []


@pytest.mark.parametrize("day", [pytest.param(d, marks=_marks(f"bmd_hip:{d:g}")) for d in FREEDOM_TOTAL_HIP])
def test_denosumab_hip_bmd_freedom(day):
    """Source: model-anchors.md §5, FREEDOM total-hip BMD +3.2 / +4.4 / +5.0 % (PMC3415619 Table 2); denosumab 60 mg
    s.c. every 182 days from day 0; BMD fold change within 1 % (see the module docstring)."""
    measured = 1 + at(denosumab(), "bmd_fn_change", day) / 100
    assert measured == pytest.approx(1 + FREEDOM_TOTAL_HIP[day] / 100, rel=T.FREEDOM_TOLERANCE)


@lru_cache(maxsize=None)
def denosumab_8_years():
    return reference.simulate("peterson2010", days=2921.0, output_interval_days=5.0, options=OPTIONS)


EXTENSION = [pytest.param(site, day, marks=_marks(f"bmd_{site}:{day:g}"), id=f"{site}-{day / 365:g}y")
             for day in T.FREEDOM_EXTENSION for site in ("ls", "hip")]


@pytest.mark.parametrize(("site", "day"), EXTENSION)
def test_denosumab_bmd_freedom_extension(site, day):
    """Source: model-anchors.md §5 and §7 item 4 (FREEDOM extension, Papapoulos 2012 PMC3415620 / Osteoporos Int 2015:
    lumbar spine +13.7 / +18.4 %, total hip +7.0 / +8.3 % at 5 / 8 years of denosumab every 6 months); the model's
    lumbar spine is OpenBoneMin's denosumab-calibrated BMD (``bmd_ls_den``), its hip the femoral neck; fold change
    within 1 %.  None is reproduced (strict xfail, measured reason in ``targets.KNOWN_DEVIATIONS``)."""
    spine, hip = T.FREEDOM_EXTENSION[day]
    name, published = ("bmd_ls_den_change", spine) if site == "ls" else ("bmd_fn_change", hip)
    measured = 1 + at(denosumab_8_years(), name, day) / 100
    assert measured == pytest.approx(1 + published / 100, rel=T.FREEDOM_TOLERANCE)


def test_denosumab_ctx_suppression_and_attenuation():
    """Source: model-anchors.md §5 (FREEDOM extension 2015): prompt decrease of bone resorption (osteoclasts, CTx
    proxy) by month 1, attenuation toward month 6 of each cycle, prompt decrease again after the next dose."""
    r = denosumab()
    oc = lambda d: at(r, "oc", d) / r["oc"][0]  # noqa: E731
    assert oc(30) < 0.2
    assert oc(181) > 1.5 * oc(30)
    assert oc(182 + 30) < 0.2
    assert r["den_conc"].max() > 1000  # ng/mL: the antibody reached the circulation
    summary = reference_outcomes("peterson2010", r)  # what `osteoimmune run peterson2010` reports
    assert summary["bmd_fn_change_percent_year_3"] == pytest.approx(at(r, "bmd_fn_change", 1095.0))
    assert summary["osteoclast_min_fraction"] == pytest.approx(min(r["oc"]) / r["oc"][0])
