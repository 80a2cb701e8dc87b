"""Type-2 (IL-4/IL-13) expansion of the M2 macrophage pool.

Seed basis: seed 002 — «BMSCs secrete IL-4 to promote bone regeneration by
enhancing vascularization and decreasing the activation of osteoclasts»
(I126), M2 macrophages secrete BMP-2, PDGF-BB, VEGF and MMP-9 (I040, I064)
and «excessive secretion of IL-4 could reduce the osteogenic
differentiation of BMSCs» (I128).  Polarisation (``immune``) only relabels
macrophages, and after the first days the M2 share is already dominant, so
IL-4 could not raise the M2 products that carry its pro-regenerative arm.
IL-4 also makes tissue macrophages proliferate beyond their homeostatic
(CSF-1-controlled) number (Jenkins et al. 2011, 2013: cite:jenkins2011,
cite:jenkins2013): the IL-4-driven M2 expansion below.  It saturates at
moderate IL-4 (Hill 3), so excess IL-4 adds little more M2 while its brake on
RUNX2 (``stromal``, K_il4_excess) keeps deepening: the net osteogenic
response rises, then falls (C051).
"""

from __future__ import annotations

import sympy as sp

from ..blocks import act, capacity
from ..declare import load_records
from ..records import ModuleDeclaration, Process

NAME = "type2"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    m.processes.append(Process(
        "m2_il4_proliferation",
        S.k_m2_il4 * act(S.il4 / S.K_il4_m2, S.s_il4_prolif, 3) * S.m2_macrophage * sp.Max(0, capacity(S.m2_macrophage, S.M2_il4_max)),
        {"m2_macrophage": 1},
        "IL-4/IL-13 make M2 macrophages proliferate in the tissue (beyond the recruited pool), up to a ceiling "
        "M2 density (M2_il4_max); read through the same IL-4R/STAT6 signal (il4/K_il4_m2) as polarisation, so a STAT6 "
        "block stops it too; negligible at the basal IL-4 level",
        ("I126", "I189", "cite:jenkins2011", "cite:jenkins2013"), NAME, "cell/mL/day"))
    return m
