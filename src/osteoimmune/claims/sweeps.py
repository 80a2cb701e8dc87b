"""Dose- and time-response sweeps of the healing outcome (issue 4, item 6): numerics only, tables out.

Each sweep runs the standard fracture (or a defect) through the public API with one factor varied and returns a
:class:`pandas.DataFrame`, one row per point, with the healing outcomes (bone fraction at days 28/56/final, time to
union, union) and the mechanism read-outs that explain the shape.  Runs are memoised (:mod:`._sim`), so the claims
and the figures share them.

* :func:`nsaid_timing` — NSAID (COX-2 block) start day × duration: an optimal M1 phase;
* :func:`tnf_dose` — local TNF-α dose, early pulse (days 0–3) and chronic (whole run): low helps, high/chronic harms;
* :func:`il4_dose` — local IL-4 released days 3–17: biphasic;
* :func:`defect_size` — gap length: a critical size;
* :func:`age` — patient age.

The figures of ``docs/claims.md`` are drawn by :mod:`osteoimmune.plot.dose_response` (an edge module)::

    python -m osteoimmune.plot.dose_response --out docs/figures/claims     # full sweeps (~1 min)
    python -m osteoimmune.plot.dose_response --out /tmp/figs --quick       # a few points each
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

import pandas as pd

from ._sim import FRACTURE, auc, iv, outcomes, run

#: horizon of every sweep (day): long enough for union of the slower cases
DAYS = 180.0

FULL = {
    "nsaid_start": (0.0, 1.0, 3.0, 7.0, 14.0, 28.0),
    "nsaid_duration": (3.0, 7.0, 14.0, 28.0),
    "tnf": (0.0, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
    "il4": (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0),
    "size": (0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0),
    "age": (20.0, 30.0, 45.0, 55.0, 65.0, 75.0, 85.0),
}
QUICK = {
    "nsaid_start": (0.0, 14.0),
    "nsaid_duration": (7.0,),
    "tnf": (0.0, 0.1, 10.0),
    "il4": (0.0, 1.0, 30.0),
    "size": (1.0, 5.0),
    "age": (30.0, 75.0),
}


def _row(overrides: Sequence[str], **keys: Any) -> dict[str, Any]:
    o = outcomes(FRACTURE, *overrides, days=DAYS)
    r = run(FRACTURE, *overrides, days=DAYS)
    return {
        **keys,
        "bone_fraction_day_28": o["bone_fraction_day_28"],
        "bone_fraction_day_56": o["bone_fraction_day_56"],
        "bone_fraction_final": o["bone_fraction_final"],
        "time_to_union_days": o["time_to_union_days"],
        "union": bool(o["union"]),
        "m1_auc_0_14": auc(r, "m1_macrophage", 0.0, 14.0),
        "m2_auc_0_28": auc(r, "m2_macrophage", 0.0, 28.0),
        "osteoblast_auc_0_56": auc(r, "callus_osteoblast", 0.0, 56.0),
        "bmsc_auc_0_28": auc(r, "bmsc", 0.0, 28.0),
        "inflammation_auc": o["inflammation_auc"],
    }


def _table(rows: Iterable[dict[str, Any]], progress: Callable | None) -> pd.DataFrame:
    items = list(rows) if progress is None else list(progress(rows))
    return pd.DataFrame(items)


def nsaid_timing(starts: Sequence[float] = FULL["nsaid_start"], durations: Sequence[float] = FULL["nsaid_duration"],
                 block: float = 0.9, progress: Callable | None = None) -> pd.DataFrame:
    """Healing vs NSAID start day and duration (COX-2 block ``block``); the row with duration 0 is no NSAID."""
    def rows():
        yield _row((), start_day=0.0, duration_days=0.0)
        for s in starts:
            for d in durations:
                yield _row((iv("nsaid", block, "fraction", s, d),), start_day=float(s), duration_days=float(d))
    return _table(rows(), progress)


def tnf_dose(doses: Sequence[float] = FULL["tnf"], progress: Callable | None = None) -> pd.DataFrame:
    """Healing vs local TNF-α (ng/mL/day), as an early pulse (days 0–3) and chronically (whole run)."""
    def rows():
        for mode, window in (("early pulse (days 0–3)", (0.0, 3.0)), ("chronic", (0.0, None))):
            for d in doses:
                ov = () if d == 0 else (iv("tnf_alpha", d, "ng/mL/day", window[0], window[1]),)
                yield _row(ov, mode=mode, dose=float(d))
    return _table(rows(), progress)


def il4_dose(doses: Sequence[float] = FULL["il4"], window: tuple[float, float] = (3.0, 14.0),
             progress: Callable | None = None) -> pd.DataFrame:
    """Healing vs local IL-4 (ng/mL/day) released from day ``window[0]`` for ``window[1]`` days."""
    def rows():
        for d in doses:
            ov = () if d == 0 else (iv("il4", d, "ng/mL/day", window[0], window[1]),)
            yield _row(ov, dose=float(d))
    return _table(rows(), progress)


def defect_size(sizes: Sequence[float] = FULL["size"], progress: Callable | None = None) -> pd.DataFrame:
    """Healing vs gap/defect length (mm)."""
    return _table((_row((f"injury.size_mm={float(s)!r}",), size_mm=float(s)) for s in sizes), progress)


def age(ages: Sequence[float] = FULL["age"], progress: Callable | None = None) -> pd.DataFrame:
    """Healing vs patient age (years) for the same fracture (premenopausal estrogen: age alone)."""
    return _table((_row((f"patient.age_years={float(a)!r}",), age_years=float(a)) for a in ages), progress)


def all_sweeps(quick: bool = False, progress: Callable | None = None) -> dict[str, pd.DataFrame]:
    """Every sweep as name -> table."""
    p = QUICK if quick else FULL
    return {
        "nsaid_timing": nsaid_timing(p["nsaid_start"], p["nsaid_duration"], progress=progress),
        "tnf_dose": tnf_dose(p["tnf"], progress=progress),
        "il4_dose": il4_dose(p["il4"], progress=progress),
        "defect_size": defect_size(p["size"], progress=progress),
        "age": age(p["age"], progress=progress),
    }
