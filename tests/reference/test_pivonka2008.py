"""Pivonka et al. 2008 (Bone 43:249) reproduced with osteoimmune's records and solver.

The declaration reuses the parameter records of the main model (``model/data/remodeling.yaml``, reference-code values
of cmodiz/Bone-Models to 5 significant digits).  Published/anchor numbers: model-anchors.md §1.3 "Benchmark targets"
(steady state, injection from day 0 to 100 with fold change at day 100, return to steady state).
"""

from __future__ import annotations

import pytest

from osteoimmune.model.declare import load_records
from osteoimmune.reference import Dose, declaration
from osteoimmune.reference import targets as T
from osteoimmune.reference.metrics import fold_changes

from refhelpers import at, run

SPECIES = T.PIVONKA_SPECIES
STEADY_STATE = tuple(T.PIVONKA_STEADY_STATE.values())
FOLDS = T.PIVONKA_FOLDS


def injection(label: str):
    name, amount = FOLDS[label][:2]
    return run("pivonka2008", (), (Dose(name, amount, *T.PIVONKA_WINDOW),), 200.0, 0.5)


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
    for name, (published, tolerance) in T.PIVONKA_SIGNALS.items():
        assert r[name][0] == pytest.approx(published, rel=tolerance), name


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
