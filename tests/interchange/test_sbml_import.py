"""SBML import: every reference file, simulated by osteoimmune, matches libroadrunner on the same file.

Tolerance: 1e-4 relative with a 1e-9 absolute floor on every state at every output time. libroadrunner runs
CVODE at rtol 1e-12 / atol 1e-16; osteoimmune LSODA at rtol 1e-10 (Radau for Ayati 2010, whose osteoclasts dip
to 1e-8 between spikes: LSODA's error control there drifts by a few 1e-4, Radau's does not).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

roadrunner = pytest.importorskip("roadrunner")

from osteoimmune.errors import ModelError  # noqa: E402
from osteoimmune.interchange.sbml_import import import_sbml  # noqa: E402
from osteoimmune.solve.integrate import SolverOptions  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "sbml"
RTOL, ATOL = 1e-4, 1e-9

#: file -> (end time in the file's unit, number of output points, osteoimmune method)
CASES = {
    "BIOMD0000000148.xml": (1000.0, 1001, "lsoda"),   # Komarova 2003, day, state-triggered events
    "BIOMD0000000278.xml": (1000.0, 1001, "lsoda"),   # Lemaire 2004, rate rules
    "BIOMD0000000402.xml": (1000.0, 1001, "radau"),   # Ayati 2010, stiff oscillations
    "BIOMD0000000403.xml": (1000.0, 1001, "radau"),   # Ayati 2010 + drug (piecewise at day 600)
    "BIOMD0000000550.xml": (100.0, 1001, "lsoda"),    # Baker 2013, boundary species with rate rules
    "BIOMD0000000613.xml": (200.0, 201, "lsoda"),     # Peterson 2010, hours, exact-equality dose events
    "BIOMD0000000721.xml": (300.0, 1001, "lsoda"),    # Graham 2013, function definitions
    "BIOMD0000000804.xml": (1000.0, 1001, "lsoda"),   # Koenders 2015, initial assignments
}


@lru_cache(maxsize=None)
def imported(name: str):
    """Import (and, on first simulation, compile) each file once per session; ImportedModel is not mutated."""
    return import_sbml(DATA / name)


def roadrunner_run(path: Path, ids: list[str], t_end: float, n: int, overrides: dict[str, float] | None = None):
    rr = roadrunner.RoadRunner(str(path))
    rr.integrator.relative_tolerance = 1e-12
    rr.integrator.absolute_tolerance = 1e-16
    rr.integrator.maximum_num_steps = 1_000_000
    for k, v in (overrides or {}).items():
        rr[k] = v
    rr.timeCourseSelections = ["time", *ids]
    out = rr.simulate(0.0, t_end, n)
    return np.asarray(out[:, 0]), np.asarray(out[:, 1:])


def worst(ours: np.ndarray, ref: np.ndarray) -> float:
    """Largest error in units of the tolerance (≤ 1 passes)."""
    return float(np.max(np.abs(ours - ref) / (RTOL * np.abs(ref) + ATOL)))


def test_every_reference_file_is_covered():
    assert sorted(p.name for p in DATA.glob("*.xml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_imported_model_matches_libroadrunner(name):
    path = DATA / name
    t_end, n, method = CASES[name]
    model = imported(name)
    ids = list(model.compiled.species_ids)
    t, ref = roadrunner_run(path, [model.id_map[s] for s in ids], t_end, n)
    ours = model.simulate(t, SolverOptions(method=method, rtol=1e-10, atol_scale=1e-14))
    assert ours.y.shape == ref.shape
    assert worst(ours.y, ref) <= 1.0, {s: worst(ours.y[:, j], ref[:, j]) for j, s in enumerate(ids)}
    # assignment rules too (they are what the published figures show: bone mass z, Osteoblast, ...)
    arr = roadrunner.RoadRunner(str(path))
    names = [model.id_map[a] for a in ours.assignment_ids]
    if names:
        arr.integrator.relative_tolerance, arr.integrator.absolute_tolerance = 1e-12, 1e-16
        arr.integrator.maximum_num_steps = 1_000_000
        arr.timeCourseSelections = ["time", *names]
        aref = np.asarray(arr.simulate(0.0, t_end, n))[:, 1:]
        finite = np.isfinite(aref).all(axis=0)
        assert worst(ours.assigned[:, finite], aref[:, finite]) <= 1.0


# ---------------------------------------------------------------------- traps of tests/data/sbml/README.md
def test_komarova_trigger_true_at_t0_does_not_fire():
    """L2V3: x1(0) = 11 > x1_bar, so 'x1 > x1_bar' is true at t0 and must not fire: no resorption, z → 114 %."""
    model = imported("BIOMD0000000148.xml")
    assert model.level == 2 and all(e.initial_value for e in model.events)
    assert {e.id for e in model.state_events} == {"event_0000001", "event_0000002", "event_0000003", "event_0000004"}
    res = model.simulate(np.linspace(0, 1000, 1001), SolverOptions(rtol=1e-10, atol_scale=1e-14))
    z = res["z"]
    assert z.min() >= 100.0 - 1e-9            # bone mass never dips
    assert z[-1] == pytest.approx(114.06, abs=0.01)
    assert res["x1"][-1] == pytest.approx(1.06066, rel=1e-4)


def test_komarova_with_resorption_switched_on_dips_as_published():
    """With flag_resorption = 1 at t = 0 (the paper's intent) z bottoms at 89.8 % on day 12.3 (Komarova 2003)."""
    model = imported("BIOMD0000000148.xml")
    t = np.linspace(0, 300, 3001)
    res = model.simulate(t, SolverOptions(rtol=1e-10, atol_scale=1e-14), overrides={"flag_resorption": 1.0})
    i = int(np.argmin(res["z"]))
    assert res["z"][i] == pytest.approx(89.84, abs=0.01)
    assert t[i] == pytest.approx(12.3, abs=0.1)
    _, ref = roadrunner_run(DATA / "BIOMD0000000148.xml", [model.id_map[s] for s in res.species_ids], 300.0, 3001,
                            {"flag_resorption": 1.0})
    assert worst(res.y, ref) <= 1.0


def test_peterson_exact_equality_doses_are_scheduled_jumps():
    """`time == teri_times_initial` and `time == event_counter + teri_times_initial`: doses at 12, 36, 60 h, set
    as jumps whatever the output grid (libroadrunner applies them only if the grid contains those times)."""
    model = imported("BIOMD0000000613.xml")
    assert model.time_unit == "hour"
    assert "time unit: hour" in model.declaration.description
    _, schedule = model.schedule(200.0)
    doses = [(j.time, j.species, j.mode) for j in schedule.jumps]
    assert doses == [(12.0, "terisc", "set"), (36.0, "terisc", "set"), (60.0, "terisc", "set")]
    assert schedule.jumps[0].value == pytest.approx(20 * 1e6 / 4117.8)
    counter = [seg.parameters.get("event_counter", 0.0) for seg in schedule.segments]
    assert counter == [0.0, 24.0, 48.0, 72.0]
    # a coarse grid that misses 12 h: the doses still act; PTH peaks at 427 near 12.35 h (README)
    coarse = model.simulate(np.linspace(0, 200, 8))
    fine = model.simulate(np.linspace(0, 24, 481), SolverOptions(rtol=1e-10, atol_scale=1e-14))
    assert coarse["terisc"][1] != coarse["terisc"][0]  # 28.6 h: the first dose is being absorbed
    k = int(np.argmax(fine["pth"]))
    assert fine["pth"][k] == pytest.approx(427, rel=0.01)
    assert fine.time[k] == pytest.approx(12.35, abs=0.05)


def test_hours_stay_hours():
    """The file's time unit is kept and recorded: Peterson in hours, Komarova in days, Baker dimensionless."""
    units = {n: imported(n).time_unit for n in ("BIOMD0000000148.xml", "BIOMD0000000550.xml",
                                                          "BIOMD0000000613.xml", "BIOMD0000000278.xml")}
    assert units["BIOMD0000000148.xml"] == "day"
    assert units["BIOMD0000000550.xml"] == "dimensionless"
    assert units["BIOMD0000000613.xml"] == "hour"
    assert units["BIOMD0000000278.xml"].startswith("second (SBML default")


def test_ayati_piecewise_drug_switch_at_day_600():
    model = imported("BIOMD0000000403.xml")
    res = model.simulate(np.array([0.0, 599.0, 601.0]), SolverOptions(method="radau", rtol=1e-8))
    v1 = [name for name, sbml in model.id_map.items() if sbml == "V1"][0]
    assert res[v1][1] == 0 and res[v1][2] == pytest.approx(0.001)


def test_initial_assignments_follow_overrides():
    """Koenders: B(0) = 3000^(2/3) by initial assignment; overriding the parameter re-evaluates it."""
    model = imported("BIOMD0000000804.xml")
    y0, _ = model.initial_values()
    assert y0["b"] == pytest.approx(3000 ** (2 / 3), rel=1e-12)
    assert y0["c"] == pytest.approx(1.1 * 3000 ** (2 / 3) / 200, rel=1e-12)


# ---------------------------------------------------------------------- rejected constructs
def _sbml(body: str, level: int = 3, version: int = 2) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><sbml xmlns="http://www.sbml.org/sbml/level{level}/version{version}/core" '
            f'level="{level}" version="{version}"><model id="m">{body}</model></sbml>')


_BASE = ('<listOfCompartments><compartment id="c" size="1" constant="true" spatialDimensions="3"/></listOfCompartments>'
         '<listOfSpecies><species id="A" compartment="c" initialConcentration="1" hasOnlySubstanceUnits="false" '
         'boundaryCondition="false" constant="false"/></listOfSpecies>'
         '<listOfParameters><parameter id="k" value="0.5" constant="true"/>'
         '<parameter id="x" value="1" constant="false"/></listOfParameters>')
_MATH = '<math xmlns="http://www.w3.org/1998/Math/MathML">{}</math>'


@pytest.mark.parametrize("body, element, words", [
    (_BASE + '<listOfRules><rateRule variable="A">' + _MATH.format(
        '<apply><times/><ci>k</ci><apply><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/delay">'
        'delay</csymbol><ci>A</ci><cn>1</cn></apply></apply>') + '</rateRule></listOfRules>',
     "rateRule 'A'", "delay"),
    (_BASE + '<listOfRules><algebraicRule>' + _MATH.format('<apply><minus/><ci>x</ci><ci>A</ci></apply>')
     + '</algebraicRule></listOfRules>', "algebraicRule", "algebraic"),
    (_BASE + '<listOfEvents><event id="late" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true">'
     + _MATH.format('<apply><geq/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol>'
                    '<cn>1</cn></apply>') + '</trigger><delay>' + _MATH.format('<cn>2</cn>')
     + '</delay><listOfEventAssignments><eventAssignment variable="A">' + _MATH.format('<cn>0</cn>')
     + '</eventAssignment></listOfEventAssignments></event></listOfEvents>', "event 'late'", "delay"),
    (_BASE + '<listOfRules><rateRule variable="A">' + _MATH.format('<ci>k</ci>') + '</rateRule></listOfRules>'
     '<listOfEvents><event id="both" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true">'
     + _MATH.format('<apply><and/><apply><gt/><ci>A</ci><cn>2</cn></apply><apply><lt/><ci>A</ci><cn>3</cn></apply></apply>')
     + '</trigger><listOfEventAssignments><eventAssignment variable="x">' + _MATH.format('<cn>0</cn>')
     + '</eventAssignment></listOfEventAssignments></event></listOfEvents>', "event 'both'", "one comparison"),
    (_BASE + '<listOfReactions><reaction id="r1" reversible="false" fast="true"><listOfReactants>'
     '<speciesReference species="A" stoichiometry="1" constant="true"/></listOfReactants><kineticLaw>'
     + _MATH.format('<apply><times/><ci>k</ci><ci>A</ci></apply>') + '</kineticLaw></reaction></listOfReactions>',
     "reaction 'r1'", "fast"),
])
def test_unsupported_constructs_are_rejected_by_name(body, element, words):
    level, version = (3, 1) if "fast=" in body else (3, 2)
    with pytest.raises(ModelError) as exc:
        import_sbml(_sbml(body, level, version))
    text = str(exc.value)
    assert element in text and words in text


def test_time_event_with_initial_value_false_fires_at_t0_and_later():
    body = (_BASE + '<listOfRules><rateRule variable="A">' + _MATH.format('<apply><times/><ci>k</ci><ci>x</ci></apply>')
            + '</rateRule></listOfRules><listOfEvents>'
            '<event id="now" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true">'
            + _MATH.format('<apply><geq/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">'
                           't</csymbol><cn>0</cn></apply>')
            + '</trigger><listOfEventAssignments><eventAssignment variable="x">' + _MATH.format('<cn>2</cn>')
            + '</eventAssignment></listOfEventAssignments></event>'
            '<event id="dose" useValuesFromTriggerTime="true"><trigger initialValue="true" persistent="true">'
            + _MATH.format('<apply><geq/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">'
                           't</csymbol><cn>3</cn></apply>')
            + '</trigger><listOfEventAssignments><eventAssignment variable="A">'
            + _MATH.format('<apply><plus/><ci>A</ci><cn>10</cn></apply>')
            + '</eventAssignment></listOfEventAssignments></event></listOfEvents>')
    text = _sbml(body)
    model = import_sbml(text)
    p0, schedule = model.schedule(5.0)
    assert p0["x"] == 2.0
    assert [(j.time, j.species, j.mode, j.value) for j in schedule.jumps] == [(3.0, "a", "add", 10.0)]
    res = model.simulate(np.array([0.0, 2.5, 5.0]))  # (at t = 3 itself libroadrunner reports the pre-event value)
    rr = roadrunner.RoadRunner(text)
    ref = rr.simulate(0, 5, 3, ["time", "A"])
    np.testing.assert_allclose(res["a"], np.asarray(ref[:, 1]), rtol=1e-6)
