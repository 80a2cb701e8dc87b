"""Pivonka et al. 2008 (Bone 43:249) reproduced with osteoimmune's records and solver.

The declaration reuses the parameter records of the main model (``model/data/remodeling.yaml``, reference-code values
of cmodiz/Bone-Models to 5 significant digits).  Published/anchor numbers: model-anchors.md §1.3 "Benchmark targets"
(steady state, injection from day 0 to 100 with fold change at day 100, return to steady state).
"""

from __future__ import annotations

import pytest

from osteoimmune.model.declare import load_records
from osteoimmune.reference import Dose, declaration
from osteoimmune.reference.metrics import fold_changes

from refhelpers import at, run

SPECIES = ("preosteoblast", "osteoblast", "osteoclast")
STEADY_STATE = (6.1964e-4, 5.5839e-4, 8.0696e-4)  # pM, OBp, OBa, OCa
#: label -> (perturbation, amount, fold change of OBp, OBa, OCa, OBa/OCa at day 100)   [model-anchors.md §1.3 table]
FOLDS = {
    "PTH 1e3": ("pth_infusion", 1e3, 2.261, 1.691, 1.928, 0.877),
    "OPG 2e5": ("opg_infusion", 2e5, 0.090, 0.137, 0.112, 1.231),
    "RANKL 1e1": ("rankl_infusion", 1e1, 1.031, 1.021, 1.025, 0.996),
    "RANKL 1e2": ("rankl_infusion", 1e2, 1.277, 1.182, 1.222, 0.968),
    "TGFb 1e-3": ("tgfb_infusion", 1e-3, 1.994, 1.569, 0.507, 3.098),
}


def injection(label: str):
    name, amount = FOLDS[label][:2]
    return run("pivonka2008", (), (Dose(name, amount, 0.0, 100.0),), 200.0, 0.5)


def test_parameters_are_the_main_models_records():
    """The standalone declaration uses the very records of model/data/remodeling.yaml (no retyped values)."""
    _, params = load_records("remodeling")
    main = {p.id: p for p in params}
    for pid, p in declaration("pivonka2008").parameters.items():
        assert (p.value, p.unit, p.source) == (main[pid].value, main[pid].unit, main[pid].source)


def test_steady_state():
    """Source: model-anchors.md §1.3 steady state OBp = 6.1964e-4, OBa = 5.5839e-4, OCa = 8.0696e-4 pM and
    TGF-β 8.07e-4, PTH 2.907, OPG 1.84e4, RANKL 0.552 pM (relative 1e-3 for the cells, the anchors file's tolerance;
    the signals at their published 3-4 digits)."""
    r = run("pivonka2008", (), (), 100.0, 1.0)
    for s, published in zip(SPECIES, STEADY_STATE):
        assert r[s][0] == pytest.approx(published, rel=1e-3)
        assert r[s][-1] == pytest.approx(r[s][0], rel=1e-9)
    assert r["tgf_beta_bone"][0] == pytest.approx(8.07e-4, rel=1e-3)
    assert r["pth"][0] == pytest.approx(2.907, rel=2e-4)
    assert r["opg"][0] == pytest.approx(1.84e4, rel=3e-3)
    assert r["rankl"][0] == pytest.approx(0.552, rel=1e-3)


@pytest.mark.parametrize("label", list(FOLDS))
def test_injection_fold_changes_at_day_100(label):
    """Source: model-anchors.md §1.3 injection table (days 0-100, fold change at day 100), within 1 %; all return to
    the steady state after removal (day 200)."""
    r = injection(label)
    f = fold_changes(r, SPECIES, 100.0)
    *_, fp, fa, fc, ratio = FOLDS[label]
    assert f["preosteoblast"] == pytest.approx(fp, rel=0.01)
    assert f["osteoblast"] == pytest.approx(fa, rel=0.01)
    assert f["osteoclast"] == pytest.approx(fc, rel=0.01)
    assert f["osteoblast"] / f["osteoclast"] == pytest.approx(ratio, rel=0.01)
    assert all(abs(at(r, s, 200.0) / r[s][0] - 1) < 0.01 for s in SPECIES)
