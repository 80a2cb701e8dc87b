"""Derive the healthy basal levels that normalise the couplings into the remodeling core.

The ``*_basal`` parameters (``data/basal.yaml``) are the steady-state levels of
the coupling drivers in a healthy young adult (aging index 0, estrogen 1, no
injury, no exposure) with the remodeling core at its Pivonka 2008 steady
state.  With these values every coupling ratio is exactly 1 at homeostasis, so
the full model's healthy steady state *is* the Pivonka steady state.

Regenerate after changing any parameter::

    python -m osteoimmune.model.basal          # rewrites data/basal.yaml
    python -m osteoimmune.model.basal --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources

import numpy as np
import yaml

#: basal parameter id -> expression of model symbols it records
BASAL_DRIVERS: dict[str, str] = {
    "tnf_alpha_basal": "tnf_alpha",
    "il1_signal_basal": "il1_signal",
    "il6_basal": "il6",
    "pge2_basal": "pge2",
    "tcell_rankl_basal": "(th1_cell + b_cell) * (1 + e_il7_trankl * il7 / (K_il7 + il7))",
    "osteocyte_death_basal": "osteocyte_death_signal",
    "m_csf_basal": "m_csf",
    "precursor_basal": "w_mo_precursor * monocyte + m0_macrophage",
    "ros_basal": "ros",
    "ifn_gamma_basal": "ifn_gamma",
    "il7_basal": "il7",
    "il4_basal": "il4",
    "il10_basal": "il10",
    "mito_health_basal": "mito_health",
    "bmp2_basal": "bmp2",
    "oxphos_basal": "oxphos",
    "redox_signal_basal": "redox_signal",
    "fe2_basal": "fe2",
    "osteo_commitment_basal": "osteo_commitment",
    "bmsc_death_basal": "bmsc_death_rate",
    "osteo_diff_drive_basal": "osteo_drive / (1 + (adipo_drive + chondro_drive) / r_recip)",
    "ep4_sympathetic_basal": "ep4_sympathetic_signal",
}

CORE = ("preosteoblast", "osteoblast", "osteoclast")
PIVONKA_STEADY_STATE = {"preosteoblast": 6.1964e-4, "osteoblast": 5.5839e-4, "osteoclast": 8.0696e-4}


def healthy_reference_parameters(model) -> dict[str, float]:
    p = model.parameter_values()
    p["age_years"] = p["age_ref"]
    return p


def compute_basal() -> dict[str, float]:
    """Solve the healthy steady state (core clamped) and evaluate the drivers."""
    import sympy as sp

    from ..solve.compile import compile_model
    from ..solve.integrate import steady_state
    from .build import build_model

    model = build_model()
    compiled = compile_model(model)
    params = healthy_reference_parameters(model)
    guess = {s: model.species[s].initial for s in model.species}
    guess.update(PIVONKA_STEADY_STATE)
    guess["lamellar_bone"] = params["bone_ref"]
    # clamp core and bone: they are at the Pivonka steady state by construction
    y = steady_state(compiled, params, guess, fixed=CORE + ("lamellar_bone",))
    p = compiled.parameter_vector(params)
    avals = dict(zip(compiled.assignment_ids, compiled.assignments(0.0, y, p)))
    env = {**params, **dict(zip(compiled.species_ids, y)), **avals}
    out = {}
    for k, expr in BASAL_DRIVERS.items():
        e = sp.sympify(expr)
        out[k] = float(e.subs({sp.Symbol(n): env[n] for n in map(str, e.free_symbols)}))
    return out


def _data_path():
    return resources.files("osteoimmune.model.data").joinpath("basal.yaml")


def write_basal(values: dict[str, float]) -> None:
    lines = [
        "# DERIVED - do not edit by hand. Healthy basal levels of the coupling drivers (see osteoimmune/model/basal.py).",
        "# Regenerate with: python -m osteoimmune.model.basal",
        "parameters:",
    ]
    for k, v in values.items():
        lines.append(
            f"  - {{id: {k}, value: {v!r}, unit: as driver, description: \"Healthy basal level of {BASAL_DRIVERS[k]}\", "
            f"source: \"derived: healthy steady state (osteoimmune.model.basal)\"}}"
        )
    with resources.as_file(_data_path()) as path:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stored_basal() -> dict[str, float]:
    data = yaml.safe_load(_data_path().read_text(encoding="utf-8"))
    return {row["id"]: float(row["value"]) for row in data["parameters"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if basal.yaml is out of date")
    args = ap.parse_args(argv)
    new = compute_basal()
    if args.check:
        old = stored_basal()
        bad = {k: (old.get(k), v) for k, v in new.items() if not np.isclose(old.get(k, np.nan), v, rtol=1e-6, atol=1e-14)}
        for k, (o, n) in bad.items():
            print(f"{k}: stored {o} computed {n}")
        return 1 if bad else 0
    # Fixed-point iteration: some basal levels feed back into the healthy site itself (the OXPHOS/ROS factors of
    # osteogenic differentiation and BMSC proliferation, the mitochondrial electron leak), so the steady state
    # depends on them; iterate until the stored values reproduce themselves (well inside the --check tolerance).
    from .build import build_model
    from .declare import _read

    for _ in range(50):
        write_basal(new)
        build_model.cache_clear()
        _read.cache_clear()
        again = compute_basal()
        converged = all(np.isclose(new[k], v, rtol=1e-10, atol=1e-16) for k, v in again.items())
        new = again
        if converged:
            break
    else:
        print("warning: basal levels did not converge to rtol 1e-10 in 50 iterations", file=sys.stderr)
    write_basal(new)
    print(f"wrote {len(new)} basal parameters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
