"""SBML export: valid L3V2, annotated, and simulated by libroadrunner it matches osteoimmune on every state.

Round trip: every built-in scenario, on the scenario's output grid, 1e-4 relative with a 1e-9 absolute floor.
osteoimmune runs LSODA at rtol 1e-10 (atol 1e-18 × species scale), libroadrunner CVODE at rtol 1e-10 / atol 1e-14.
"""

from __future__ import annotations

import libsbml
import numpy as np
import pytest

pytest.importorskip("roadrunner")

import osteoimmune as oi  # noqa: E402
from osteoimmune.api import prepare  # noqa: E402
from osteoimmune.interchange.sbml_export import check_document, event_plan, export_sbml, sbml_document  # noqa: E402
from osteoimmune.interchange.verify import compare_export  # noqa: E402
from osteoimmune.scenario.resolve import list_scenarios  # noqa: E402

SCENARIOS = [name for name, _ in list_scenarios()]


@pytest.mark.parametrize("name", SCENARIOS)
def test_exported_scenario_matches_libroadrunner(name):
    rt = compare_export(name)
    assert rt.roadrunner.shape == rt.osteoimmune.shape == (rt.time.size, len(rt.species))
    assert np.all(np.isfinite(rt.roadrunner))
    worst_species, ratio = rt.worst
    assert ratio <= 1.0, (worst_species, ratio, sorted(rt.error_ratio.items(), key=lambda kv: -kv[1])[:5])


def test_interventions_and_doses_become_events_and_match(tmp_path):
    """An IL-4 window (piecewise-constant input) and a BMSC bolus on day 5 as SBML events, checked in libroadrunner."""
    sc = oi.load_scenario("fracture-healing", [
        "days=30",
        'interventions=[{"agent": "il4", "dose": 10, "unit": "ng/mL/day", "start_day": 3, "duration_days": 7},'
        ' {"agent": "bmsc_transplantation", "dose": 1, "unit": "1e6 cell/mL", "start_day": 5}]',
    ])
    run = prepare(sc)
    plan = event_plan(run)
    assert [(t, ch) for t, ch, _ in plan] == [(3.0, {"il4_delivery": 10.0}), (5.0, {}), (10.0, {"il4_delivery": 0.0})]
    assert str(plan[1][2]["bmsc"]) == "bmsc + 1000000.0"  # the bolus: 1e6 cell/mL added on day 5
    path = tmp_path / "il4.xml"
    export_sbml(run, path)
    m = libsbml.readSBMLFromFile(str(path)).getModel()
    assert m.getNumEvents() == 3
    ev = m.getEvent(0)
    assert ev.getUseValuesFromTriggerTime() and ev.getTrigger().getPersistent() and ev.getTrigger().getInitialValue()
    assert not m.getParameter("il4_delivery").getConstant()
    rt = compare_export(run)
    assert rt.skipped_times == (5.0,)  # the bolus day: roadrunner reports the pre-event value there
    assert rt.passed, sorted(rt.error_ratio.items(), key=lambda kv: -kv[1])[:5]


def test_document_is_consistent_annotated_and_has_units():
    doc = sbml_document("fracture-healing")
    assert (doc.getLevel(), doc.getVersion()) == (3, 2)
    rep = check_document(doc)
    assert rep.errors == []
    m = doc.getModel()
    decl = prepare(oi.load_scenario("fracture-healing")).declaration
    assert m.getNumSpecies() == len(decl.species)
    assert m.getNumReactions() == len(decl.processes)
    assert m.getNumRules() == len(decl.assignments)
    assert m.getTimeUnits() == "u_day"
    # identifiers.org annotations from the evidence base, e.g. M1 macrophage -> Cell Ontology
    uris = set()
    for s in m.getListOfSpecies():
        for cv in s.getCVTerms() or []:
            assert cv.getBiologicalQualifierType() == libsbml.BQB_IS
            uris.update(cv.getResourceURI(i) for i in range(cv.getNumResources()))
    assert any(u.startswith("https://identifiers.org/CL:") for u in uris)
    assert any(u.startswith("https://identifiers.org/CHEBI:") for u in uris)
    assert any(u.startswith("https://identifiers.org/GO:") for u in uris)
    assert m.getSpecies("m1_macrophage").getSBOTermID() == "SBO:0000240"
    assert m.getReaction(0).getSBOTermID() == "SBO:0000375"
    ud = m.getUnitDefinition(m.getSpecies("m1_macrophage").getSubstanceUnits())
    assert ud is not None and {libsbml.UnitKind_toString(u.getKind()) for u in ud.getListOfUnits()} == {"item", "litre"}
    # max/min are L3V2 MathML, not piecewise
    text = libsbml.writeSBMLToString(doc)
    assert "<max/>" in text or "<min/>" in text


def test_initial_values_are_the_steady_state_with_the_injury_folded_in():
    run = prepare(oi.load_scenario("fracture-healing"))
    m = sbml_document(run, annotate=False).getModel()
    y0 = dict(zip(run.compiled.species_ids, run.y0))
    assert m.getSpecies("hematoma").getInitialAmount() == 1.0            # injury: set
    assert m.getSpecies("lamellar_bone").getInitialAmount() == 0.0
    assert m.getSpecies("m1_macrophage").getInitialAmount() == pytest.approx(y0["m1_macrophage"], rel=1e-15)
    debris_jump = sum(j.value for j in run.schedule.jumps if j.species == "debris" and j.time == 0)
    assert m.getSpecies("debris").getInitialAmount() == pytest.approx(y0["debris"] + debris_jump, rel=1e-15)


def test_export_accepts_a_name_and_writes_atomically(tmp_path):
    out = tmp_path / "sub" / "model.xml"
    text = export_sbml("homeostasis", out)
    assert out.read_text() == text
    assert [p.name for p in out.parent.iterdir()] == ["model.xml"]
    with pytest.raises(TypeError):
        export_sbml(42)
